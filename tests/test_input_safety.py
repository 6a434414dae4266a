"""Hostile input: article ids that slug alike, bad ``--base`` IRIs, FIFOs, monster articles, and the messages
and exit status a user sees when input is wrong (issue 8, points 3, 9, 10, 16).

Every sentence here is written for these tests, in Vietnamese news style.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from test_graph_contract import shacl

from kg import corpus
from kg.cli import main
from kg.corpus import Article, InputProblem, read_articles
from kg.publish.iris import IRIs
from kg.run.build import build, count_articles

SCHEMA = Namespace("https://schema.org/")
BASE = "https://w3id.org/kg-vn/id/"

TEXT = ("Chủ tịch UBND tỉnh Nam Định Phạm Văn An cho biết tỉnh sẽ thực hiện Nghị quyết 35 của HĐND tỉnh. "
        "Thủ tướng Shinzo Abe đã gửi điện chúc mừng. Ảnh: Minh Hà - TTXVN")
GOOD = "Bí thư Tỉnh ủy Thái Bình Ngô Đông Hải chủ trì hội nghị sáng 3/4."

# Distinct ids that today's slug() maps onto few IRIs (accents, case, separators, dot segments).
HOSTILE_IDS = [
    "Hùng Vương", "Hưng Vương", "hung-vuong", "HÙNG VƯƠNG", "Hùng  Vương",
    "x/1", "x-1", "X 1", "x_1", "x.1", "x--1", "x%2F1",
    "dup-Case", "dup_case", "dup-case", "DUP-CASE",
    ".", "..", "x", "-", "/", "a b", "a?b#c", "<a>", 'a"b', "Hoà", "Hòa", "baomoi-21473520", "1", "01",
]
_BAD_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|\\^`]')


def write_jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@contextlib.contextmanager
def guard(seconds: float) -> Iterator[None]:
    """Fail (rather than hang) when the block runs longer than ``seconds``; a guard, not a timing."""
    def alarm(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def no_hang(fn: Callable[[], object], fifos: list[Path], seconds: float = 20) -> object:
    """``fn()`` in a thread; if it blocks on one of ``fifos`` past ``seconds``, unblock it and fail."""
    box: dict[str, object] = {}
    t = threading.Thread(target=lambda: box.setdefault("value", fn()), daemon=True)
    t.start()
    t.join(seconds)
    if t.is_alive():
        for f in fifos:  # a writer that closes at once gives the blocked reader EOF
            with contextlib.suppress(OSError):
                os.close(os.open(f, os.O_WRONLY | os.O_NONBLOCK))
        t.join(5)
        pytest.fail(f"blocked reading a FIFO for {seconds} s")
    return box.get("value")


def problems(items: list[Article | InputProblem]) -> list[InputProblem]:
    return [i for i in items if isinstance(i, InputProblem)]


def article_iris(g: Graph) -> dict[str, str]:
    """Article IRI → its schema:identifier."""
    out: dict[str, str] = {}
    for art in g.subjects(RDF.type, SCHEMA.NewsArticle):
        ids = [str(o) for o in g.objects(art, SCHEMA.identifier)]
        assert len(ids) == 1, (art, ids)
        out[str(art)] = ids[0]
    return out


# ------------------------------------------------------------------------ point 3: one IRI per article id


def test_distinct_ids_get_distinct_valid_iris() -> None:
    iris = IRIs()
    minted = {aid: iris.article(aid) for aid in [*HOSTILE_IDS, ""]}
    assert len(set(minted.values())) == len(minted)
    for aid, iri in minted.items():
        local = iri[len(BASE + "article/"):]
        assert iri.startswith(BASE + "article/") and local, (aid, iri)
        assert not _BAD_IRI_CHARS.search(iri) and local not in (".", "..") and "/" not in local, (aid, iri)
    # article-scoped IRIs follow their article: no two ids share one
    for mint in (lambda a: iris.evidence(a, 0, 5, "people.title_name", 0.9), lambda a: iris.statement(a, "s", "p"),
                 lambda a: iris.document("35", "Nghị quyết", a), lambda a: iris.event(a, "Hội nghị"),
                 lambda a: iris.org("Chính phủ", a), lambda a: iris.post("Thủ tướng", "Chính phủ", a),
                 lambda a: iris.image(a, 1)):
        scoped = {mint(aid) for aid in minted}
        assert len(scoped) == len(minted)
        assert not any(_BAD_IRI_CHARS.search(i) or "/./" in i or "/../" in i for i in scoped)


def test_ids_that_are_safe_slugs_keep_their_iris() -> None:
    iris = IRIs()
    assert iris.article("baomoi-21473520") == BASE + "article/baomoi-21473520"
    assert iris.evidence("baomoi-21473520", 3, 9, "people.title_name", 0.9) == (
        BASE + "evidence/baomoi-21473520/3-9-people-title-name-90")
    assert iris.document("35", "Nghị quyết", "tt-2024-7") == BASE + "document/tt-2024-7/nghi-quyet-35"


def test_hostile_ids_build_one_article_each_and_conform_to_shapes(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "hostile.jsonl", [{"id": aid, "text": TEXT} for aid in HOSTILE_IDS])
    out = tmp_path / "g.ttl"
    summary = build([src], out, jobs=1)
    assert summary.articles == len(HOSTILE_IDS) and not summary.problems
    g = Graph().parse(out)
    assert sorted(article_iris(g).values()) == sorted(HOSTILE_IDS)
    evidence_articles = {str(o) for o in g.objects(None, URIRef("https://w3id.org/kg-vn/ns#inArticle"))}
    assert len(evidence_articles) == len(HOSTILE_IDS)
    conforms, report = shacl(g)
    assert conforms, report


def test_rerun_into_store_keeps_every_colliding_article(tmp_path: Path) -> None:
    from kg.publish import store

    src = write_jsonl(tmp_path / "hostile.jsonl", [{"id": aid, "text": TEXT} for aid in HOSTILE_IDS])
    target = tmp_path / "store"
    for run in range(2):
        summary = build([src], target, jobs=1, into=True)
        assert not summary.problems
        assert summary.skipped == (len(HOSTILE_IDS) if run else 0)
        assert len(store.digests(store.open_store(target, read_only=True))) == len(HOSTILE_IDS)


def test_same_id_twice_is_reported_with_both_places_and_the_first_wins(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    src = write_jsonl(tmp_path / "dup.jsonl", [{"id": "tt-1", "text": TEXT}, {"id": "tt-2", "text": GOOD},
                                               {"id": "tt-1", "text": GOOD}])
    out = tmp_path / "g.ttl"
    assert main(["build", str(src), "-o", str(out), "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert f"error: {src}:3: duplicate id tt-1 (first seen at {src}:1)" in err
    g = Graph().parse(out)
    first = URIRef(BASE + "article/tt-1")
    assert set(g.objects(first, SCHEMA.identifier)) == {Literal("tt-1")}
    assert "Phạm Văn An" in {str(o) for o in g.objects(None, SCHEMA.name)}  # tt-1 is the first record's text


def test_an_iri_collision_left_is_reported_not_merged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should two ids ever mint one IRI (a digest collision), the later article is an error, never merged."""
    monkeypatch.setattr(IRIs, "article", lambda self, aid: f"{self.base}article/{aid.lower()}")
    src = write_jsonl(tmp_path / "c.jsonl", [{"id": "Tt-1", "text": TEXT}, {"id": "tT-1", "text": GOOD}])
    summary = build([src], tmp_path / "g.nt", jobs=1)
    assert summary.articles == 1
    [p] = summary.failures
    assert (p.origin, p.line, p.article_id) == (str(src), 2, "tT-1")
    assert "Tt-1" in p.message and f"{src}:1" in p.message and "same IRI" in p.message


# -------------------------------------------------------------------------------- point 9: --base checked


@pytest.mark.parametrize("base", ["w3id.org/kg/", "http://example.org/k g/", "http://example.org/<kg>/",
                                  'http://example.org/"kg"/', "http://example.org/{kg}/", "http://example.org/a|b/",
                                  "http://example.org/a\\b/", "http://example.org/a^b/", "http://example.org/a`b/",
                                  "http://example.org/a%zzb/", "http://example.org/\tkg/", ""])
def test_bad_base_is_refused_and_nothing_written(tmp_path: Path, base: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    for target in (["-o", str(tmp_path / "g.ttl")], ["-o", str(tmp_path / "g.jsonld")],
                   ["--into", str(tmp_path / "store")]):
        assert main(["build", str(tmp_path / "a.txt"), *target, "--base", base]) == 2
        err = capsys.readouterr().err
        assert err.startswith("kg build: --base ") and repr(base) in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    with pytest.raises(ValueError):
        IRIs(base)


@pytest.mark.parametrize("base", ["http://example.org/kg/", "https://w3id.org/kg-vn/id#", "urn:kg:vn:",
                                  "http://example.org/đồ-thị/", "http://example.org/a%20b/"])
def test_good_base_is_accepted(base: str) -> None:
    from kg.publish.iris import check_base

    check_base(base)
    assert IRIs(base).article("tt-1").startswith(base)


# ------------------------------------------------------ point 10: FIFOs, linear time, a bound on article size


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_in_a_folder_is_skipped_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "b.txt")
    os.mkfifo(tmp_path / "c.jsonl")
    items = no_hang(lambda: list(read_articles(tmp_path)), [tmp_path / "b.txt", tmp_path / "c.jsonl"])
    assert [i.id for i in items if isinstance(i, Article)] == ["a"]
    assert [(p.origin, p.fatal) for p in problems(items)] == [(str(tmp_path / "b.txt"), True),
                                                               (str(tmp_path / "c.jsonl"), True)]
    assert all("FIFO" in p.message and "skipped" in p.message for p in problems(items))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_named_on_the_command_line_is_reported_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    [p] = no_hang(lambda: list(read_articles([fifo])), [fifo])
    assert p.origin == str(fifo) and "FIFO" in p.message
    # the ETA count (on a terminal) must not block on it either
    assert no_hang(lambda: count_articles([fifo, tmp_path]), [fifo]) == 0


def _document_dense(n: int) -> str:
    kinds = [("Quyết định", "QĐ"), ("Chỉ thị", "CT"), ("Kế hoạch", "KH")]
    parts = []
    for i in range(n):
        kind, code = kinds[i % 3]
        if i % 5 == 4:
            parts.append(f"{kind} được Chủ tịch UBND tỉnh Nam Định ký ngày {i % 28 + 1}/4/2024. ")
        else:
            parts.append(f"{kind} số {i}/2024/{code}-UBND ngày {i % 28 + 1}/{i % 12 + 1}/2024 của UBND tỉnh "
                         f"Nam Định về việc triển khai nhiệm vụ năm 2024. ")
    return "".join(parts)


def test_next_sentence_completion_is_linear_in_documents() -> None:
    """50,000 sentences with a document each: indexed by sentence, not every document for every sentence."""
    from kg.extract import default_extractor
    from kg.extract.facts import Document, Evidence
    from kg.lang.vi.sentences import Sentence

    n = 50_000
    text = "".join(f"Văn bản {i:05d} ký. " for i in range(n))
    step = len(text) // n
    sents = [Sentence([], [], i * step, (i + 1) * step, text[i * step:(i + 1) * step]) for i in range(n)]
    docs = [Document(f"{i:05d}", "Văn bản", None, Evidence("a", i * step + 8, i * step + 13, "documents.typed", 0.9))
            for i in range(n)]
    with guard(30):
        out = default_extractor().documents.complete_from_next_sentence(docs, sents, text, "a")
    assert out == docs


def test_bare_numbers_fold_into_full_identifiers_in_linear_time() -> None:
    """"Quyết định 12" folds into "Quyết định số 12/2024/QĐ-UBND": found by the number's head, not by a scan."""
    from kg.extract.documents import merge_documents
    from kg.extract.facts import Document, Evidence

    n = 20_000
    ev = Evidence("a", 0, 5, "documents.typed", 0.9)
    fulls = [Document(f"{i}/2024/QĐ-UBND", "Quyết định", None, ev, date="2024-04-03") for i in range(n)]
    bare = [Document(str(i), "Quyết định", None, ev, subject=f"việc {i}") for i in range(n)]
    with guard(30):
        out = merge_documents(fulls + bare)
    assert [(d.number, d.subject) for d in out] == [(f"{i}/2024/QĐ-UBND", f"việc {i}") for i in range(n)]


def test_event_participants_are_linear_in_events() -> None:
    """20,000 events, each taken up by the next sentence ("… phát biểu tại Hội nghị, …"): one sweep, not a scan
    of every event for every sentence."""
    from kg.extract.events import EventExtractor
    from kg.extract.facts import Event, Evidence, Person, Post
    from kg.knowledge import default_knowledge
    from kg.lang.vi.sentences import Sentence

    n = 20_000
    parts, sents, events, posts = [], [], [], []
    pos = 0
    for i in range(n):
        for j, sent in enumerate((f"Hội nghị lần thứ {i} khai mạc. ",
                                  f"Chủ tịch UBND tỉnh Nam Định Người{i} phát biểu tại Hội nghị, nhấn mạnh. ")):
            sents.append(Sentence([], [], pos, pos + len(sent) - 1, sent[:-1]))
            ev = Evidence("a", pos, pos + 8, "events.head", 0.8, pos, pos + len(sent) - 1)
            if j == 0:
                events.append(Event("Hội nghị", ev))
            else:
                posts.append(Post(Person(f"Người{i}"), "Chủ tịch", None, "Chủ tịch", replace(ev, start=pos + 29)))
            parts.append(sent)
            pos += len(sent)
    with guard(30):
        out = EventExtractor(default_knowledge()).attach_participants(events, sents, posts, "".join(parts))
    assert [e.participants for e in out] == [((f"Người{i}", "speaker"),) for i in range(n)]


def test_two_megabyte_article_dense_with_documents_finishes() -> None:
    from kg.run.build import facts_of

    text = _document_dense(20_000)
    assert len(text.encode("utf-8")) > 2_000_000
    with guard(300):  # minutes on today's main (quadratic); seconds once linear
        facts = facts_of(Article("dense", text))
    assert len(facts.documents) > 10_000


def test_oversized_article_is_skipped_with_its_file_and_line(tmp_path: Path) -> None:
    big = GOOD + " " + "Hội nghị tiếp tục thảo luận. " * 40_000
    assert len(big.encode("utf-8")) > corpus.MAX_ARTICLE_BYTES
    src = write_jsonl(tmp_path / "m.jsonl", [{"id": "m1", "text": GOOD}, {"id": "m2", "text": big},
                                             {"id": "m3", "text": TEXT}])
    (tmp_path / "big.txt").write_text(big, encoding="utf-8")
    items = list(read_articles([src, tmp_path / "big.txt"]))
    assert [i.id for i in items if isinstance(i, Article)] == ["m1", "m3"]
    p, q = problems(items)
    assert (p.origin, p.line, p.article_id, p.fatal) == (str(src), 2, "m2", True)
    assert (q.origin, q.line, q.article_id, q.fatal) == (str(tmp_path / "big.txt"), None, "big", True)
    assert "over the" in p.message and "--max-article-size" in p.message and "skipped" in p.message
    # the bound is an option
    assert [i.id for i in read_articles([src], max_bytes=None) if isinstance(i, Article)] == ["m1", "m2", "m3"]


def test_max_article_size_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_jsonl(tmp_path / "m.jsonl", [{"id": "m1", "text": GOOD}, {"id": "m2", "text": TEXT}])
    out = tmp_path / "g.ttl"
    assert main(["build", str(src), "-o", str(out), "-j", "1", "--max-article-size", "120"]) == 1
    err = capsys.readouterr().err
    assert f"error: {src}:2: article text is" in err and "articles 1," in err
    assert set(article_iris(Graph().parse(out)).values()) == {"m1"}
    assert main(["build", str(src), "-o", str(out), "--max-article-size", "0"]) == 2


# ------------------------------------------------------------------------ point 16: messages and exit status


UTF16_CASES = {
    "bom16.txt": TEXT.encode("utf-16"),
    "le16.txt": TEXT.encode("utf-16-le"),
    "be16.txt": TEXT.encode("utf-16-be"),
    "bom32.txt": TEXT.encode("utf-32"),
    "lines16.jsonl": "".join(json.dumps({"id": f"u{i}", "text": TEXT}, ensure_ascii=False) + "\n"
                             for i in range(3)).encode("utf-16"),
    "lines16le.jsonl": (json.dumps({"id": "v1", "text": TEXT}, ensure_ascii=False) + "\n").encode("utf-16-le"),
}


@pytest.mark.parametrize("name", sorted(UTF16_CASES))
def test_utf16_is_named_as_such(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(UTF16_CASES[name])
    [p] = problems(list(read_articles(path)))  # one problem for the file, not one per line
    width = "32" if "32" in name else "16"
    assert p.fatal and p.origin == str(path) and p.message == f"UTF-{width} text; save it as UTF-8"


def test_a_few_nuls_are_still_not_utf16(tmp_path: Path) -> None:
    path = tmp_path / "n.txt"
    path.write_bytes(TEXT.encode("utf-8").replace(b" ", b"\x00", 3))
    [a] = [i for i in read_articles(path) if isinstance(i, Article)]
    assert a.id == "n"


def test_missing_relative_path_is_named_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    assert main(["build", "./sub/../missing.txt", "-o", "g.ttl"]) == 1
    assert "error: ./sub/../missing.txt: no such file or folder" in capsys.readouterr().err
    assert main(["query", "missing.ttl", "SELECT * WHERE { ?s ?p ?o }"]) == 2
    err = capsys.readouterr().err
    assert "'missing.ttl'" in err and str(tmp_path) not in err and "/tmp/missing" not in err


def test_syntax_errors_name_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "b.jsonl"
    src.write_text(json.dumps({"id": "b1", "text": GOOD}, ensure_ascii=False) + '\n{"id": "b2", "text": "Chủ\n',
                   encoding="utf-8")
    [p] = problems(list(read_articles(src)))
    assert str(p) == f"{src}:2: invalid JSON at column 22: Unterminated string starting at"
    graph = tmp_path / "broken.ttl"
    graph.write_text("<http://example.org/a> <http://example.org/b> \n", encoding="utf-8")
    assert main(["query", str(graph), "SELECT * WHERE { ?s ?p ?o }"]) == 2
    assert f"{graph}: " in capsys.readouterr().err


def test_disk_full_names_the_output_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    from kg.publish import writers

    def full(self: object, block: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(writers.FileWriter, "write", full)
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "g.ttl"
    assert main(["build", str(tmp_path / "a.txt"), "-o", str(out), "-j", "1"]) == 2
    err = capsys.readouterr().err
    assert err == f"kg build: cannot write {out}: {os.strerror(errno.ENOSPC)}\n"
    assert not out.exists()


def test_undecodable_bytes_give_the_documented_exit_status(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """README "Use": bad input is reported with file and line, the rest is built, the exit status is non-zero."""
    (tmp_path / "a.txt").write_bytes(GOOD.encode("utf-8") + b" \xff\xfe")
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "g.ttl"
    assert main(["build", str(tmp_path), "-o", str(out), "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert f"warning: {tmp_path / 'a.txt'}: invalid UTF-8 at byte" in err
    assert set(article_iris(Graph().parse(out)).values()) == {"a", "b"}
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "undecodable bytes" in readme and "exit status is 1" in " ".join(readme.replace("*", "").split())
