"""Tests for kg.corpus: reading articles and reporting every input problem as a value."""

from __future__ import annotations

import gzip
import json
import os
import random
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.corpus import (
    LEGACY_ENCODING_MESSAGE,
    Article,
    InputProblem,
    body_start,
    looks_like_legacy_encoding,
    read_articles,
)

S1 = "Chủ tịch UBND tỉnh Hà Nam Nguyễn Văn A chủ trì hội nghị."
S2 = "Bộ trưởng Bộ Tài chính Trần Thị B phát biểu tại phiên họp của Quốc hội."
S3 = "Ban Thường vụ Tỉnh ủy Nghệ An công bố quyết định bổ nhiệm Phó Giám đốc Sở Nội vụ."
# S1 as VNI bytes shown through cp1252, and as TCVN3 (ABC) bytes shown through Latin-1.
S1_VNI = "Chuû tòch UBND tænh Haø Nam Nguyeãn Vaên A chuû trì hoäi nghò."
S1_TCVN3 = "Chñ tÞch UBND tØnh Hµ Nam NguyÔn V¨n A chñ tr× héi nghÞ."


def run(*paths: object) -> tuple[list[Article], list[InputProblem]]:
    items = list(read_articles(paths))  # type: ignore[arg-type]
    assert all(isinstance(i, (Article, InputProblem)) for i in items)
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputProblem)])


def write_jsonl(path: Path, rows: list[object], *, gz: bool = False) -> Path:
    data = "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows)
    if gz:
        path.write_bytes(gzip.compress(data.encode("utf-8")))
    else:
        path.write_text(data, encoding="utf-8")
    return path


# --- .txt -------------------------------------------------------------------------------------------


def test_txt_without_header(tmp_path: Path) -> None:
    f = tmp_path / "bao-001.txt"
    f.write_text(S1 + "\n" + S2 + "\n", encoding="utf-8")
    arts, probs = run(f)
    assert probs == []
    [a] = arts
    assert (a.id, a.text, a.date, a.origin, a.line) == ("bao-001", S1 + "\n" + S2 + "\n", None, str(f), None)
    assert body_start(a) == 0


def test_txt_header_on_own_line(tmp_path: Path) -> None:
    f = tmp_path / "bao-002.txt"
    text = "date 2026-02-26\n" + S1 + "\n"
    f.write_text(text, encoding="utf-8")
    [a], probs = run(f)
    assert probs == []
    assert a.date == "2026-02-26"
    assert a.text == text  # header kept: offsets refer to the text as given
    assert a.text[body_start(a):] == S1 + "\n"


def test_txt_header_on_same_line_with_leading_whitespace(tmp_path: Path) -> None:
    f = tmp_path / "bao-003.txt"
    text = " date 2026-01-10 " + S2 + " " + S3
    f.write_text(text, encoding="utf-8")
    [a], probs = run(f)
    assert probs == []
    assert a.date == "2026-01-10"
    assert a.text == text
    assert body_start(a) == len(" date 2026-01-10 ")
    assert a.text[body_start(a):].startswith("Bộ trưởng")


def test_header_needs_separator_and_start_position(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("date 2026-01-10Bộ trưởng phát biểu.", encoding="utf-8")
    (tmp_path / "b.txt").write_text(S1 + " date 2026-01-10", encoding="utf-8")
    arts, probs = run(tmp_path)
    assert probs == []
    assert [(a.id, a.date, body_start(a)) for a in arts] == [("a", None, 0), ("b", None, 0)]


def test_txt_header_with_invalid_date_warns(tmp_path: Path) -> None:
    f = tmp_path / "bao-004.txt"
    f.write_text("date 2026-13-45\n" + S1, encoding="utf-8")
    [a], [p] = run(f)
    assert a.date is None and a.text[body_start(a):] == S1
    assert not p.fatal and p.origin == str(f) and "2026-13-45" in p.message


def test_txt_header_only_is_fatal(tmp_path: Path) -> None:
    f = tmp_path / "bao-005.txt"
    f.write_text("date 2026-01-10\n  \n", encoding="utf-8")
    arts, [p] = run(f)
    assert arts == [] and p.fatal and "no text" in p.message


def test_txt_id_is_stripped_stem_and_bom_dropped(tmp_path: Path) -> None:
    f = tmp_path / " bao.2026.txt"
    f.write_bytes(b"\xef\xbb\xbf" + ("date 2026-03-01 " + S1).encode("utf-8"))
    [a], probs = run(f)
    assert probs == []
    assert a.id == "bao.2026" and a.date == "2026-03-01" and a.text.startswith("date")


def test_nfd_text_passed_through_unchanged(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", S1)
    assert nfd != S1
    (tmp_path / "nfd.txt").write_text(nfd, encoding="utf-8")
    write_jsonl(tmp_path / "nfd.jsonl", [{"id": "nfd-2", "text": nfd}])
    arts, probs = run(tmp_path)
    assert probs == []
    assert [a.text for a in arts] == [nfd, nfd]


# --- .jsonl / .jsonl.gz ------------------------------------------------------------------------------


@pytest.mark.parametrize("gz", [False, True])
def test_jsonl_reading(tmp_path: Path, gz: bool) -> None:
    rows: list[object] = [
        {"id": "  bm-1 ", "text": S1, "title": "Hội nghị tỉnh Hà Nam", "date": "2017-02-06",
         "url": "https://example.vn/bm-1", "source": "example.vn"},
        "",
        {"id": "bm-2", "text": S2, "date": "2017-02-06T10:00:00"},
        {"id": 3, "text": S3, "date": "2017-02-07 08:30:00+07:00", "title": None},
    ]
    f = write_jsonl(tmp_path / ("x.jsonl.gz" if gz else "x.jsonl"), rows, gz=gz)
    arts, probs = run(f)
    assert probs == []
    assert [(a.id, a.line, a.date) for a in arts] == [
        ("bm-1", 1, "2017-02-06"), ("bm-2", 3, "2017-02-06"), ("3", 4, "2017-02-07")]
    a = arts[0]
    assert (a.text, a.title, a.url, a.source, a.origin) == (
        S1, "Hội nghị tỉnh Hà Nam", "https://example.vn/bm-1", "example.vn", str(f))
    assert arts[2].title is None


@pytest.mark.parametrize(("written", "date"), [
    ("2026-02-26T05:26:26+00:00", "2026-02-26"), ("2026-02-26T23:30:00-05:00", "2026-02-26"),  # as written
    ("2026-02-26T05:26:26Z", "2026-02-26"), ("2026-02-26 05:26:26", "2026-02-26"),
    ("26/02/2026", "2026-02-26"), ("6/2/2026 08:15", "2026-02-06"), ("26-02-2026", "2026-02-26"),
    ("26.02.2026", "2026-02-26"),
])
def test_jsonl_date_in_the_forms_crawls_write(tmp_path: Path, written: str, date: str) -> None:
    arts, probs = run(write_jsonl(tmp_path / "d.jsonl", [{"id": "d1", "text": S1, "date": written}]))
    assert probs == [] and arts[0].date == date


@pytest.mark.parametrize(("header", "date"), [("date 26/02/2026", "2026-02-26"),
                                              ("date: 2026-02-26T05:26:26+07:00", "2026-02-26")])
def test_txt_header_in_the_forms_crawls_write(tmp_path: Path, header: str, date: str) -> None:
    f = tmp_path / "bao-006.txt"
    f.write_text(header + "\n" + S1, encoding="utf-8")
    [a], probs = run(f)
    assert probs == [] and a.date == date and a.text[body_start(a):] == S1


def test_jsonl_invalid_date_warns_and_keeps_article(tmp_path: Path) -> None:
    f = write_jsonl(tmp_path / "d.jsonl", [{"id": "d1", "text": S1, "date": "31/02/2017"},
                                           {"id": "d2", "text": S2, "date": 20170206, "title": 5}])
    arts, probs = run(f)
    assert [(a.id, a.date, a.title) for a in arts] == [("d1", None, None), ("d2", None, None)]
    assert [(p.line, p.fatal, p.article_id) for p in probs] == [(1, False, "d1"), (2, False, "d2"),
                                                                (2, False, "d2")]
    assert "31/02/2017" in probs[0].message  # day first, and no 31 February
    assert str(probs[0]).startswith(f"{f}:1: ")


def test_jsonl_header_in_text_gives_date_when_field_missing(tmp_path: Path) -> None:
    text = "date 2026-01-10 " + S1
    f = write_jsonl(tmp_path / "h.jsonl", [{"id": "h1", "text": text},
                                           {"id": "h2", "text": text, "date": "2025-12-31"}])
    arts, probs = run(f)
    assert probs == []
    assert [a.date for a in arts] == ["2026-01-10", "2025-12-31"]
    assert all(a.text[body_start(a):] == S1 for a in arts)


# --- folders and paths -------------------------------------------------------------------------------


def test_folder_recursion_sorted_and_other_files_ignored(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "z").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "t2.txt").write_text(S2, encoding="utf-8")
    (tmp_path / "a" / "z" / "t1.txt").write_text(S1, encoding="utf-8")
    write_jsonl(tmp_path / "a" / "j.jsonl", [{"id": "j1", "text": S3}])
    write_jsonl(tmp_path / "c.jsonl.gz", [{"id": "g1", "text": S1}], gz=True)
    (tmp_path / "notes.md").write_text("ghi chú", encoding="utf-8")
    (tmp_path / "data.csv").write_text("id,text", encoding="utf-8")
    (tmp_path / ".hidden" / "h.txt").write_text(S1, encoding="utf-8")
    first, probs = run(tmp_path)
    assert probs == []
    assert [a.id for a in first] == ["j1", "t1", "t2", "g1"]
    assert [a.id for a in run(str(tmp_path))[0]] == ["j1", "t1", "t2", "g1"]  # deterministic


def test_single_str_path_is_not_iterated_by_character(tmp_path: Path) -> None:
    f = tmp_path / "one.txt"
    f.write_text(S1, encoding="utf-8")
    assert [a.id for a in read_articles(str(f)) if isinstance(a, Article)] == ["one"]


def test_missing_path_and_unsupported_extension(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(S1, encoding="utf-8")
    csv = tmp_path / "x.csv"
    csv.write_text("id,text\n", encoding="utf-8")
    missing = tmp_path / "khong-co.txt"
    arts, probs = run(missing, csv, good)
    assert [a.id for a in arts] == ["good"]
    assert [(p.origin, p.line, p.fatal) for p in probs] == [
        (str(missing), None, True), (str(csv), None, True)]
    assert "no such file" in probs[0].message and "unsupported file type" in probs[1].message
    assert str(probs[0]) == f"{missing}: {probs[0].message}"


# --- problems ------------------------------------------------------------------------------------------


def test_invalid_utf8_in_txt_is_a_warning_with_byte_offset(tmp_path: Path) -> None:
    f = tmp_path / "bad.txt"
    prefix = ("date 2026-01-10 " + S1).encode("utf-8")
    f.write_bytes(prefix + b"\xff\xfe " + S2.encode("utf-8"))
    [p, a] = list(read_articles([f]))
    assert isinstance(p, InputProblem) and isinstance(a, Article)
    assert not p.fatal and p.article_id == "bad" and p.line is None
    assert p.message == f"invalid UTF-8 at byte {len(prefix)}; decoded with U+FFFD replacement"
    assert str(p).startswith(f"{f}: invalid UTF-8")
    assert a.text == "date 2026-01-10 " + S1 + "\ufffd\ufffd " + S2 and a.date == "2026-01-10"


def test_invalid_utf8_in_jsonl_line(tmp_path: Path) -> None:
    f = tmp_path / "bad.jsonl"
    line2 = b'{"id": "u2", "text": "' + S1.encode("utf-8") + b'\xc3"}'
    f.write_bytes(json.dumps({"id": "u1", "text": S2}).encode() + b"\n" + line2 + b"\n")
    arts, [p] = run(f)
    assert [a.id for a in arts] == ["u1", "u2"]
    assert arts[1].text == S1 + "\ufffd"
    assert (p.line, p.fatal, p.article_id) == (2, False, "u2")
    assert f"at byte {len(line2) - 3} of the line" in p.message


def test_legacy_encodings_are_fatal(tmp_path: Path) -> None:
    (tmp_path / "vni.txt").write_text(S1_VNI + " " + S1_VNI, encoding="utf-8")
    (tmp_path / "vni_raw.txt").write_bytes((S1_VNI + " " + S1_VNI).encode("cp1252"))  # never converted
    (tmp_path / "ok.txt").write_text(S1, encoding="utf-8")
    write_jsonl(tmp_path / "t.jsonl", [{"id": "t1", "text": S1_TCVN3 + " " + S1_TCVN3},
                                       {"id": "t2", "text": S2}])
    arts, probs = run(tmp_path)
    assert [a.id for a in arts] == ["ok", "t2"]
    assert [(Path(p.origin).name, p.line, p.article_id, p.fatal) for p in probs] == [
        ("t.jsonl", 1, "t1", True), ("vni.txt", None, "vni", True), ("vni_raw.txt", None, "vni_raw", True)]
    assert all(p.message == LEGACY_ENCODING_MESSAGE for p in probs)


def test_legacy_detector_spares_real_vietnamese() -> None:
    text = "Thủ tướng tiếp Đại sứ Müller và ông Peña tại Hà Nội; giá 5 £, nhiệt độ 30°C, nồng độ 2 µg. " * 3
    assert not looks_like_legacy_encoding(text)
    assert not looks_like_legacy_encoding(unicodedata.normalize("NFD", text))
    assert not looks_like_legacy_encoding("Chu tich UBND tinh Ha Nam chu tri hoi nghi.")
    assert looks_like_legacy_encoding(S1_VNI) and looks_like_legacy_encoding(S1_TCVN3)


def test_empty_articles_are_fatal(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\t\n", encoding="utf-8")
    (tmp_path / "ok.txt").write_text(S1, encoding="utf-8")
    write_jsonl(tmp_path / "e.jsonl", [{"id": "e1", "text": "   "}, {"id": "e2", "text": S2}])
    arts, probs = run(tmp_path)
    assert [a.id for a in arts] == ["e2", "ok"]
    assert [(Path(p.origin).name, p.line) for p in probs] == [("blank.txt", None), ("e.jsonl", 1),
                                                              ("empty.txt", None)]
    assert all(p.fatal and p.message == "empty article text" for p in probs)


def test_broken_and_malformed_json_lines(tmp_path: Path) -> None:
    f = write_jsonl(tmp_path / "m.jsonl", [
        {"id": "m1", "text": S1},
        '{"id": "m2", "text": "thiếu dấu ngoặc"',
        "[1, 2]",
        {"text": S2},
        {"id": "m5", "text": 42},
        {"id": "m6", "title": "chỉ có tiêu đề"},
        {"id": "   ", "text": S2},
        "[" * 100_000 + "]" * 100_000,
        {"id": "m9", "text": S3},
    ])
    arts, probs = run(f)
    assert [(a.id, a.line) for a in arts] == [("m1", 1), ("m9", 9)]
    assert [p.line for p in probs] == [2, 3, 4, 5, 6, 7, 8]
    assert all(p.fatal and str(p).startswith(f"{f}:{p.line}: ") for p in probs)
    assert probs[0].message == "invalid JSON at column 39: Expecting ',' delimiter"
    assert "not an object" in probs[1].message and "array" in probs[1].message
    assert "no 'id'" in probs[2].message
    assert "'text' is not a string (got number)" in probs[3].message and probs[3].article_id == "m5"
    assert "no 'text'" in probs[4].message and "title" in probs[4].message
    assert "'id' is empty" in probs[5].message
    assert "invalid JSON" in probs[6].message


def test_nul_bytes_replaced_by_spaces(tmp_path: Path) -> None:
    f = tmp_path / "nul.txt"
    f.write_bytes(S1.encode("utf-8") + b"\x00\x00" + S2.encode("utf-8"))
    write_jsonl(tmp_path / "nul.jsonl", [{"id": "n2", "text": S3 + "\u0000"}])
    items = list(read_articles([f, tmp_path / "nul.jsonl"]))
    assert [type(i).__name__ for i in items] == ["InputProblem", "Article", "InputProblem", "Article"]
    p1, a1, p2, a2 = items
    assert isinstance(a1, Article) and isinstance(a2, Article)
    assert isinstance(p1, InputProblem) and isinstance(p2, InputProblem)
    assert a1.text == S1 + "  " + S2 and a2.text == S3 + " "
    assert not p1.fatal and "2 NUL" in p1.message and p1.origin == str(f)
    assert not p2.fatal and p2.line == 1 and p2.article_id == "n2"


def test_lone_surrogate_escapes_replaced(tmp_path: Path) -> None:
    f = tmp_path / "s.jsonl"
    f.write_text('{"id": "s1", "text": "Hà Nội \\ud800 họp"}\n', encoding="utf-8")
    [a], [p] = run(f)
    assert a.text == "Hà Nội \ufffd họp" and not p.fatal and "surrogate" in p.message
    a.text.encode("utf-8")  # now serializable


def test_duplicate_ids_fatal_for_later_one(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(S1, encoding="utf-8")
    f = write_jsonl(tmp_path / "b.jsonl", [{"id": "b1", "text": S2}, {"id": "a", "text": S3},
                                           {"id": " b1", "text": S3}])
    arts, probs = run(tmp_path)
    assert [(a.id, a.text) for a in arts] == [("a", S1), ("b1", S2)]
    assert [(p.line, p.article_id, p.fatal) for p in probs] == [(2, "a", True), (3, "b1", True)]
    assert probs[0].message == f"duplicate id a (first seen at {tmp_path / 'a.txt'})"
    assert probs[1].message == f"duplicate id b1 (first seen at {f}:1)"


def _incompressible_rows(n: int, seed: int = 0) -> list[object]:
    """Rows whose gzip is about as long as the rows; seeded, so a corruption hits the same bytes every run."""
    rng = random.Random(seed)
    return [{"id": f"r{i}", "text": f"{S1} {rng.randbytes(300).hex()}"} for i in range(n)]


def test_truncated_gzip_keeps_earlier_articles(tmp_path: Path) -> None:
    f = write_jsonl(tmp_path / "t.jsonl.gz", _incompressible_rows(200), gz=True)
    data = f.read_bytes()
    f.write_bytes(data[: len(data) // 2])
    after = write_jsonl(tmp_path / "u.jsonl", [{"id": "u1", "text": S2}])
    arts, [p] = run(f, after)
    n = sum(a.origin == str(f) for a in arts)
    assert 10 < n < 200 and arts[-1].id == "u1"
    assert [a.line for a in arts[:n]] == list(range(1, n + 1))
    assert p.fatal and p.origin == str(f) and p.line == n + 1
    assert str(p).startswith(f"{f}:{n + 1}: corrupt or truncated gzip")


def test_corrupt_gzip_and_non_gzip(tmp_path: Path) -> None:
    f = write_jsonl(tmp_path / "c.jsonl.gz", _incompressible_rows(50), gz=True)
    data = bytearray(f.read_bytes())
    for i in range(len(data) // 2, len(data) // 2 + 64):
        data[i] ^= 0x5A
    f.write_bytes(bytes(data))
    g = tmp_path / "notgz.jsonl.gz"
    g.write_text(json.dumps({"id": "x", "text": S1}) + "\n", encoding="utf-8")
    arts, probs = run(f, g)
    assert 0 < len(arts) < 50
    assert [(p.origin, p.fatal) for p in probs] == [(str(f), True), (str(g), True)]
    assert probs[0].line == len(arts) + 1 and probs[1].line == 1
    assert "gzip" in probs[1].message


def test_corrupt_gzip_that_inflates_to_garbage_is_reported_line_by_line(tmp_path: Path) -> None:
    """Flipped bytes may still inflate (the CRC only fails at the end): each garbled line is reported, then the
    gzip error, and the lines before the damage are read as they were."""
    rows = _incompressible_rows(50, seed=14)  # this seed's damage inflates to garbage before the CRC fails
    f = write_jsonl(tmp_path / "c.jsonl.gz", rows, gz=True)
    data = bytearray(f.read_bytes())
    for i in range(len(data) // 2, len(data) // 2 + 64):
        data[i] ^= 0x5A
    f.write_bytes(bytes(data))
    arts, probs = run(f)
    assert len(probs) > 2 and all(p.origin == str(f) for p in probs)
    assert "invalid UTF-8" in probs[0].message or "invalid JSON" in probs[0].message
    assert probs[-1].fatal and probs[-1].message.startswith("corrupt or truncated gzip")
    intact = [a for a in arts if a.line < probs[0].line]
    assert intact and [a.text for a in intact] == [r["text"] for r in rows[: len(intact)]]


def test_unreadable_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ok.txt").write_text(S1, encoding="utf-8")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "does-not-exist.txt")
    write_jsonl(tmp_path / "locked.jsonl", [{"id": "l1", "text": S2}])
    real_open = open

    def failing_open(file: object, *args: object, **kwargs: object) -> object:
        if str(file).endswith("locked.jsonl"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", failing_open)
    arts, probs = run(tmp_path, tmp_path / "dangling.txt")
    assert [a.id for a in arts] == ["ok"]
    assert [(Path(p.origin).name, p.line, p.fatal) for p in probs] == [
        ("dangling.txt", None, True), ("locked.jsonl", None, True), ("dangling.txt", None, True)]
    assert "cannot read file" in probs[0].message and "Permission denied" in probs[1].message
    assert "broken symbolic link" in probs[2].message


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_permission_denied_file(tmp_path: Path) -> None:
    f = tmp_path / "secret.txt"
    f.write_text(S1, encoding="utf-8")
    f.chmod(0)
    try:
        arts, [p] = run(f)
    finally:
        f.chmod(0o644)
    assert arts == [] and p.fatal and "cannot read file" in p.message


def test_io_error_mid_stream(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = write_jsonl(tmp_path / "io.jsonl.gz", [{"id": "i1", "text": S1}, {"id": "i2", "text": S2}], gz=True)

    class Flaky(gzip.GzipFile):
        def __iter__(self):  # type: ignore[no-untyped-def]
            yield next(super().__iter__())
            raise OSError(5, "Input/output error")

    monkeypatch.setattr(gzip, "open", lambda path, mode: Flaky(path, mode))
    arts, [p] = run(f)
    assert [a.id for a in arts] == ["i1"]
    assert p.fatal and p.line == 2 and "Input/output error" in p.message


# --- scale and robustness -----------------------------------------------------------------------------


def test_huge_single_line_read_fully(tmp_path: Path) -> None:
    body = (S1 + " " + S2 + " ") * (20_000_000 // len((S1 + " " + S2 + " ").encode("utf-8")) + 1)
    assert len(body.encode("utf-8")) >= 20_000_000
    (tmp_path / "big.txt").write_text("date 2026-01-10 " + body, encoding="utf-8")
    write_jsonl(tmp_path / "big.jsonl", [{"id": "big2", "text": body}, {"id": "small", "text": S3}])
    items = list(read_articles(tmp_path, max_bytes=None))  # no size bound (the default skips these)
    arts, probs = [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputProblem)]
    assert probs == []
    assert [(a.id, len(a.text)) for a in arts] == [  # big.jsonl sorts before big.txt
        ("big2", len(body)), ("small", len(S3)), ("big", len(body) + 16)]
    assert arts[0].text == body and arts[2].text.endswith(body) and arts[2].date == "2026-01-10"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000), name=st.sampled_from(["x.txt", "x.jsonl", "x.jsonl.gz"]))
def test_arbitrary_bytes_never_raise(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / name
        f.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
        items = list(read_articles([f]))
    assert all(isinstance(i, (Article, InputProblem)) for i in items)
    for i in items:
        if isinstance(i, Article):
            assert i.text.strip() and i.id.strip() == i.id
            i.text.encode("utf-8")
            assert 0 <= body_start(i) < len(i.text)
    if name == "x.txt":
        assert sum(isinstance(i, Article) for i in items) + sum(
            isinstance(i, InputProblem) and i.fatal for i in items) == 1
