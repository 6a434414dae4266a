"""The fact boundary (issue 9, points 2 and 3): mentions with ids, facts files, building from them, digests as data.

Texts written for these tests in the style of Vietnamese political news; every name is invented.
"""

from __future__ import annotations

import gzip
import json
import shutil
import unicodedata
from pathlib import Path

import pytest
from rdflib import RDF, Dataset, Graph, Literal, URIRef

from kg.cli import main
from kg.corpus import Article
from kg.extract import extract_article, facts_json
from kg.knowledge import ontology_dir
from kg.namespaces import KG, SCHEMA
from kg.run.build import build, digest

ID = "https://w3id.org/kg-vn/id/"
SPEECH = ("Sáng 5/9/2025, Tỉnh ủy Nam Định tổ chức Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12. Bí thư Tỉnh ủy "
          "Nam Định Nguyễn Văn Sơn chủ trì hội nghị.\nPhát biểu tại Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12, "
          "Bí thư Văn Sơn nhấn mạnh yêu cầu cải cách hành chính.")
CREDITS = ("Chủ tịch UBND tỉnh Nam Định Phạm Văn An cho biết tỉnh đã hoàn thành kế hoạch.\nẢnh: Minh Anh/TTXVN\n"
           "Tỉnh sẽ tiếp tục triển khai các dự án trọng điểm.\nNguyễn Minh Anh (TTXVN)")
PEN_NAME = ("Chủ tịch UBND tỉnh Nam Định Nguyễn Minh Anh cho biết tỉnh đã hoàn thành kế hoạch năm 2025.\n"
            "Ảnh: Minh Anh\nTỉnh sẽ tiếp tục triển khai các dự án trọng điểm.")
DOCUMENT = ("Ngày 12/3/2025, UBND tỉnh Nam Định ban hành Quyết định số 1234/QĐ-UBND ngày 10/3/2025 của UBND tỉnh Nam "
            "Định về việc phê duyệt kế hoạch phát triển kinh tế. Chủ tịch UBND tỉnh Nam Định Phạm Văn An ký quyết "
            "định.\nẢnh: Thu Hà")
ARTICLES = [("f1", SPEECH), ("f2", CREDITS), ("f3", PEN_NAME), ("f4", DOCUMENT),
            ("f5", unicodedata.normalize("NFD", "Phó Chủ tịch UBND tỉnh Thái Bình Lại Văn Hoàn phát biểu tại "
                                                "Hội nghị tổng kết công tác năm 2025.")),
            ("f6", "Thời tiết hôm nay nắng ráo.")]


def write_articles(path: Path, rows: list[tuple[str, str]] = ARTICLES) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for aid, text in rows:
            fh.write(json.dumps({"id": aid, "title": f"Tin {aid}", "date": "2025-09-05", "source": "Báo Nam Định",
                                 "url": f"https://baonamdinh.vn/{aid}", "text": text}, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The written articles and their facts file (``kg extract``, one core)."""
    folder = tmp_path_factory.mktemp("facts")
    src = write_articles(folder / "in.jsonl")
    out = folder / "in.facts.jsonl"
    assert main(["extract", str(src), "-o", str(out), "-q", "-j", "1"]) == 0
    return src, out


def lines(path: Path) -> list[dict]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def graph_of(path: Path) -> Graph:
    g = Graph()
    g.parse(path, format="nt" if path.suffix == ".nt" else "turtle")
    return g


def person(g: Graph, name: str, journalist: bool = False) -> URIRef:
    """The one person node named ``name`` (linking decides its IRI), a journalist (of bylines and photo credits)
    or not; a node no graph holds if there is none."""
    found = {s for s, o in g.subject_objects(SCHEMA.name) if str(o) == name and "/person/" in str(s)
             and ((s, RDF.type, KG.Journalist) in g) == journalist}
    assert len(found) <= 1, found
    return found.pop() if found else URIRef(f"{ID}person/none")


def single_named_person(g: Graph, node: URIRef) -> bool:
    return (node, RDF.type, SCHEMA.Person) in g and len(list(g.objects(node, SCHEMA.name))) == 1


# -- A. mentions and the link step over them ------------------------------------------------------------------

def test_mentions_have_ids_in_order_of_first_appearance_and_facts_refer_to_them(corpus: tuple[Path, Path]) -> None:
    line = next(d for d in lines(corpus[1]) if d["article"]["id"] == "f2")
    assert [(p["id"], p["name"]) for p in line["persons"]] == [("p1", "Phạm Văn An"), ("p2", "Minh Anh"),
                                                                 ("p3", "Nguyễn Minh Anh")]
    assert [o["id"] for o in line["organizations"]] == ["o1"]
    assert [(p["person"], p["org"]) for p in line["posts"]] == [("p1", "o1")]
    assert [(c["person"], c["kind"]) for c in line["credits"]] == [("p2", "photo"), ("p3", "text")]
    speech = next(d for d in lines(corpus[1]) if d["article"]["id"] == "f1")
    ids = {p["name"]: p["id"] for p in speech["persons"]}
    parts = [part for e in speech["events"] for part in e["participants"]]
    assert parts == [{"person": ids["Văn Sơn"], "part": "speaker"}]  # as extracted: linking is a later stage


def test_a_short_name_in_an_event_speaks_as_the_full_name_person(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "g.nt"
    build([corpus[1]], out, jobs=1)
    g = graph_of(out)
    speakers = set(g.subjects(KG.spokeAt, None))
    assert speakers == {person(g, "Nguyễn Văn Sơn"), person(g, "Lại Văn Hoàn")}
    assert all(single_named_person(g, s) for s in speakers)
    assert (person(g, "Văn Sơn"), None, None) not in g and person(g, "Văn Sơn").endswith("/none")


def test_a_credit_short_form_is_the_person_of_its_full_credit_form(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "g.nt"
    build([corpus[0]], out, jobs=1)
    g = graph_of(out)
    art = URIRef(f"{ID}article/f2")
    photo = URIRef(f"{ID}image/f2/1")
    credited = person(g, "Nguyễn Minh Anh", journalist=True)
    assert set(g.objects(photo, SCHEMA.creator)) == set(g.objects(art, SCHEMA.author)) == {credited}
    assert single_named_person(g, credited)
    assert (art, SCHEMA.mentions, person(g, "Minh Anh", journalist=True)) not in g  # f3's pen name: another person


def test_a_pen_name_that_ends_an_officials_name_stays_its_own_person(tmp_path: Path) -> None:
    src = write_articles(tmp_path / "in.jsonl", [("f3", PEN_NAME)])
    out = tmp_path / "g.nt"
    build([src], out, jobs=1)
    g = graph_of(out)
    pen_name = person(g, "Minh Anh", journalist=True)
    assert set(g.objects(URIRef(f"{ID}image/f3/1"), SCHEMA.creator)) == {pen_name}
    assert set(g.subjects(URIRef("http://www.w3.org/ns/org#holds"), None)) == {person(g, "Nguyễn Minh Anh")}
    assert single_named_person(g, pen_name) and single_named_person(g, person(g, "Nguyễn Minh Anh"))


# -- B. the schema and its round trip ---------------------------------------------------------------------------

def test_facts_round_trip_exactly_through_json() -> None:
    for aid, text in ARTICLES:
        article = Article(aid, text, f"Tin {aid}", "2025-09-05", f"https://baonamdinh.vn/{aid}", "Báo Nam Định")
        facts = extract_article(article)
        line = facts_json.dumps(facts, digest(article))
        back, dig = facts_json.parse_line(line.encode("utf-8"))
        assert (back, dig) == (facts, digest(article))
    nfd = extract_article(Article("f5", ARTICLES[4][1]))
    assert nfd.text != unicodedata.normalize("NFC", nfd.text)  # offsets were remapped to the text as given
    assert [nfd.text[e.evidence.start : e.evidence.end] for e in nfd.events] == [
        unicodedata.normalize("NFD", "Hội nghị tổng kết công tác năm 2025")]
    doc = extract_article(Article("f4", DOCUMENT)).documents[0]
    assert None not in (doc.date, doc.date_evidence, doc.issuer, doc.issuer_evidence, doc.symbol_issuer_kind,
                        doc.subject, doc.type_iri)  # every optional field travels


def test_real_output_validates_against_the_shipped_schema(corpus: tuple[Path, Path]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ontology_dir() / "facts.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    got = lines(corpus[1])
    assert [d["article"]["id"] for d in got] == [aid for aid, _ in ARTICLES]
    for d in got:
        jsonschema.validate(d, schema, cls=jsonschema.Draft202012Validator)
    bad = dict(got[0], posts=[dict(got[0]["posts"][0], person="Nguyễn Văn Sơn")])  # a bare name, not an id
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema, cls=jsonschema.Draft202012Validator)


def test_a_bad_line_is_a_problem_naming_file_and_line_and_the_rest_is_built(
        corpus: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = corpus[1].read_text(encoding="utf-8").splitlines()
    first, second = json.loads(raw[0]), json.loads(raw[1])
    first["schema_version"] = 99
    second["posts"][0]["person"] = "p99"
    damaged = tmp_path / "bad.facts.jsonl"
    damaged.write_text("\n".join([json.dumps(first, ensure_ascii=False), json.dumps(second, ensure_ascii=False),
                                  "{not json", *raw[2:]]) + "\n", encoding="utf-8")
    out = tmp_path / "g.nt"
    assert main(["build", str(damaged), "-o", str(out), "-q", "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert f"{damaged}:1" in err and "schema_version 99" in err
    assert f"{damaged}:2" in err and "'p99'" in err
    assert f"{damaged}:3" in err and "not a line of JSON" in err
    built = {str(a) for a in graph_of(out).subjects(RDF.type, SCHEMA.NewsArticle)}
    assert built == {f"{ID}article/{aid}" for aid, _ in ARTICLES[2:]}


# -- C. kg extract --------------------------------------------------------------------------------------------------

def test_extract_is_byte_identical_whatever_jobs_and_gz_is_deterministic(corpus: tuple[Path, Path], tmp_path: Path,
                                                                          capsysbinary: pytest.CaptureFixture) -> None:
    src, one = corpus
    two = tmp_path / "two.facts.jsonl"
    assert main(["extract", str(src), "-o", str(two), "-q", "-j", "2"]) == 0
    assert two.read_bytes() == one.read_bytes()
    gz = tmp_path / "x.facts.jsonl.gz"
    assert main(["extract", str(src), "-o", str(gz), "-q", "-j", "1"]) == 0
    data = gz.read_bytes()
    assert data[4:8] == b"\0\0\0\0" and not data[3] & 0x08  # mtime 0, no file name in the header
    assert gzip.decompress(data) == one.read_bytes()
    capsysbinary.readouterr()
    assert main(["extract", str(src), "-o", "-", "-q", "-j", "1"]) == 0
    assert capsysbinary.readouterr().out == one.read_bytes()


def test_extract_never_replaces_its_output_by_an_empty_result(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "keep.facts.jsonl"
    shutil.copy(corpus[1], out)
    assert main(["extract", str(tmp_path / "missing.jsonl"), "-o", str(out), "-q"]) == 1
    assert out.read_bytes() == corpus[1].read_bytes()
    assert main(["extract", str(corpus[0]), "-o", str(tmp_path / "x.jsonl"), "-q"]) == 2  # not a facts file name
    assert not (tmp_path / "x.jsonl").exists()


# -- D. building from facts -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["g.ttl", "g.nt", "g.trig", "g.jsonld", "shards"])
def test_build_from_facts_is_byte_identical_and_never_extracts(corpus: tuple[Path, Path], tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    src, facts = corpus
    shards = ["--shard-size", "2"] if name == "shards" else []
    direct, via = tmp_path / "direct" / name, tmp_path / "via" / name
    assert main(["build", str(src), "-o", str(direct), "-q", "-j", "1", *shards]) == 0

    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("a build from facts must not extract")

    monkeypatch.setattr("kg.extract.Extractor.__init__", refuse)
    monkeypatch.setattr("kg.extract.Extractor.__call__", refuse)
    assert main(["build", str(facts), "-o", str(via), "-q", "-j", "1", *shards]) == 0
    files = sorted(p.relative_to(direct) for p in direct.rglob("*")) if name == "shards" else [Path()]
    assert files == (sorted(p.relative_to(via) for p in via.rglob("*")) if name == "shards" else [Path()])
    for f in files:
        assert (via / f).read_bytes() == (direct / f).read_bytes()


def test_mixed_inputs_of_articles_and_facts_build_as_the_articles_would(corpus: tuple[Path, Path],
                                                                      tmp_path: Path) -> None:
    src, facts = corpus
    part = write_articles(tmp_path / "more.jsonl", [("f7", "Bộ trưởng Bộ Y tế Trần Thị Lan làm việc tại Nam Định.")])
    direct, mixed = tmp_path / "d.ttl", tmp_path / "m.ttl"
    everything = write_articles(tmp_path / "all.jsonl", [*ARTICLES, ("f7", "Bộ trưởng Bộ Y tế Trần Thị Lan làm "
                                                                           "việc tại Nam Định.")])
    build([everything], direct, jobs=1)
    build([facts, part], mixed, jobs=2)
    assert mixed.read_bytes() == direct.read_bytes()
    assert src.exists()


# -- E. digests as data -------------------------------------------------------------------------------------------

def test_every_block_states_its_digest_as_a_triple_and_the_marker_holds_none(corpus: tuple[Path, Path],
                                                                          tmp_path: Path) -> None:
    out = tmp_path / "g.nt"
    build([corpus[0]], out, jobs=1)
    markers = [line for line in out.read_text(encoding="utf-8").splitlines() if line.startswith("# article ")]
    assert markers == [f"# article {aid}" for aid, _ in ARTICLES]
    g = graph_of(out)
    for aid, text in ARTICLES:
        want = digest(Article(aid, text, f"Tin {aid}", "2025-09-05", f"https://baonamdinh.vn/{aid}", "Báo Nam Định"))
        assert list(g.objects(URIRef(f"{ID}article/{aid}"), KG.sourceDigest)) == [Literal(want)]


def _legacy(path: Path) -> None:
    """The file as the previous kg wrote it: the digest in the marker, no digest triple."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if "ns#sourceDigest>" in line or line.lstrip().startswith("kg:sourceDigest"):
            continue
        out.append(line.replace("; kg:sourceDigest", ";").rstrip("\n") + "\n" if "sourceDigest" in line else line)
    text = "".join(out)
    for aid, _ in ARTICLES:
        text = text.replace(f"# article {aid}\n", f"# article {aid} 0123456789abcdef\n")
    path.write_text(text, encoding="utf-8")


def test_into_a_file_reads_digests_from_the_triple_and_accepts_older_files(corpus: tuple[Path, Path],
                                                                          tmp_path: Path) -> None:
    src = corpus[0]
    out = tmp_path / "g.nt"
    build([src], out, jobs=1)
    fresh = out.read_bytes()
    # a marker's digest is not read: a wrong one changes nothing, every article is unchanged
    out.write_text(out.read_text(encoding="utf-8").replace("# article f1\n", "# article f1 ffffffffffffffff\n"),
                   encoding="utf-8")
    s = build([src], out, jobs=1, into=True)
    assert (s.articles, s.skipped) == (0, len(ARTICLES))
    out.write_bytes(fresh)
    _legacy(out)
    assert b"sourceDigest" not in out.read_bytes()
    s = build([src], out, jobs=1, into=True)  # an older file: accepted, every article re-rendered, none lost
    assert (s.articles, s.skipped, s.held) == (len(ARTICLES), 0, len(ARTICLES))
    assert out.read_bytes() == fresh


def test_the_store_keeps_each_blocks_digest_and_loads_older_files_as_changed(corpus: tuple[Path, Path],
                                                                            tmp_path: Path) -> None:
    from kg.publish import store

    src = corpus[0]
    old = tmp_path / "old.nt"
    build([src], old, jobs=1)
    _legacy(old)
    db = tmp_path / "db"
    assert main(["load", str(old), "--store", str(db)]) == 0
    s = build([src], db, jobs=1, into=True)
    assert (s.articles, s.skipped) == (len(ARTICLES), 0)  # no digest in the older blocks: all re-rendered
    s = build([src], db, jobs=1, into=True)
    assert (s.articles, s.skipped) == (0, len(ARTICLES))
    fresh = tmp_path / "g.trig"
    build([src], fresh, jobs=1)
    want = {str(a): str(d) for a, d in graph_of_trig(fresh).subject_objects(KG.sourceDigest)}
    assert store.digests(store.open_store(db, read_only=True)) == want


def graph_of_trig(path: Path) -> Graph:
    ds = Dataset(default_union=True)
    ds.parse(path, format="trig")
    return ds


def test_facts_update_a_graph_built_from_the_articles_as_the_articles_would(corpus: tuple[Path, Path],
                                                                            tmp_path: Path) -> None:
    src, facts = corpus
    out = tmp_path / "g.ttl"
    build([src], out, jobs=1)
    s = build([facts], out, jobs=1, into=True)  # the same digests: nothing to redo
    assert (s.articles, s.skipped) == (0, len(ARTICLES))
    db = tmp_path / "db"
    build([facts], db, jobs=1, into=True)
    s = build([src], db, jobs=1, into=True)
    assert (s.articles, s.skipped) == (0, len(ARTICLES))
