"""Streaming and parallel builds, shards, the persistent store and incremental updates."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from rdflib import RDF, Dataset, Graph, Namespace

from kg.cli import main
from kg.run.build import build

SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")

ARTICLES = [
    ("a1", "Chủ tịch UBND tỉnh Hà Nam Trương Quốc Huy chủ trì hội nghị."),
    ("a2", "Bộ trưởng Bộ Tài chính Hồ Đức Phớc ký Quyết định số 15/QĐ-BTC ngày 2/1/2025."),
    ("a3", "Ông Lê Văn Sáu, Giám đốc Sở Y tế tỉnh Nam Định, cho biết ngành đã sẵn sàng."),
    ("a4", "Bí thư Tỉnh ủy Ninh Bình Đoàn Minh Huấn dự lễ khánh thành."),
    ("a5", "Phó Thủ tướng Trần Hồng Hà làm việc với tỉnh Lào Cai."),
]


def jsonl(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in rows),
                    encoding="utf-8")
    return path


def parsed(path: Path) -> Graph:
    g = Dataset(default_union=True) if path.suffix == ".trig" else Graph()
    g.parse(path)
    return g


def holders(path: Path) -> set[str]:
    g = parsed(path)
    return {str(n) for p in g.subjects(ORG.holds, None) for n in g.objects(p, SCHEMA.name)}


@pytest.mark.parametrize("ext", [".ttl", ".nt", ".trig"])
def test_parallel_build_is_byte_identical_to_one_core(tmp_path: Path, ext: str) -> None:
    src = jsonl(tmp_path / "in.jsonl", ARTICLES * 1)
    one = build([src], tmp_path / f"one{ext}", jobs=1)
    two = build([src], tmp_path / f"two{ext}", jobs=2)
    assert (tmp_path / f"one{ext}").read_bytes() == (tmp_path / f"two{ext}").read_bytes()
    assert one.articles == two.articles == 5 and one.posts == two.posts == 5


def test_shards_hold_every_article_and_a_manifest(tmp_path: Path) -> None:
    src = jsonl(tmp_path / "in.jsonl", ARTICLES)
    out = tmp_path / "shards"
    assert main(["build", str(src), "-o", str(out), "--shard-size", "2", "-q"]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [s["articles"] for s in manifest["shards"]] == [2, 2, 1]
    g = Graph()
    for shard in manifest["shards"]:
        with gzip.open(out / shard["file"], "rt", encoding="utf-8") as fh:
            g.parse(data=fh.read(), format="nt")
    assert manifest["triples"] >= len(g) > 0
    assert len(set(g.subjects(RDF.type, SCHEMA.NewsArticle))) == 5
    names = {str(o) for o in g.objects(None, SCHEMA.name)}
    assert {"Trương Quốc Huy", "Hồ Đức Phớc", "Lê Văn Sáu", "Đoàn Minh Huấn", "Trần Hồng Hà"} <= names


@pytest.mark.parametrize("ext", [".ttl", ".nt", ".trig"])
def test_into_a_graph_file_adds_skips_and_replaces(tmp_path: Path, ext: str) -> None:
    out = tmp_path / f"g{ext}"
    build([jsonl(tmp_path / "first.jsonl", ARTICLES[:3])], out)
    before = out.read_bytes()
    again = build([jsonl(tmp_path / "again.jsonl", ARTICLES[:3])], out, into=True)
    assert again.skipped == 3 and again.articles == 0
    assert out.read_bytes() == before  # re-adding changes nothing

    changed = [("a1", "Chủ tịch UBND tỉnh Hà Nam Lê Thị Thủy chủ trì hội nghị."), *ARTICLES[3:]]
    summary = build([jsonl(tmp_path / "more.jsonl", changed)], out, into=True)
    assert summary.articles == 3
    got = holders(out)
    assert "Lê Thị Thủy" in got and "Trương Quốc Huy" not in got  # the changed article replaced its facts
    assert {"Hồ Đức Phớc", "Lê Văn Sáu", "Đoàn Minh Huấn", "Trần Hồng Hà"} <= got
    fresh = tmp_path / f"fresh{ext}"
    build([jsonl(tmp_path / "all.jsonl", [changed[0], *ARTICLES[1:]])], fresh)
    assert set(parsed(out)) == set(parsed(fresh))  # the same graph as a build from scratch


def test_store_load_query_and_incremental_updates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graph = tmp_path / "g.ttl"
    build([jsonl(tmp_path / "first.jsonl", ARTICLES[:3])], graph)
    store = tmp_path / "store"
    assert main(["load", str(graph), "--store", str(store)]) == 0
    assert main(["load", str(graph), "--store", str(store)]) == 0
    assert "0 articles" in capsys.readouterr().err  # loading again adds nothing

    def ask(query: str) -> list[dict[str, str]]:
        capsys.readouterr()
        assert main(["query", "--store", str(store), query, "--format", "json"]) == 0
        return [{k: v["value"] for k, v in b.items()}  # W3C SPARQL results JSON
                for b in json.loads(capsys.readouterr().out)["results"]["bindings"]]

    count = "SELECT (COUNT(*) AS ?n) WHERE { ?p org:holds ?post }"
    assert ask(count) == [{"n": "3"}]
    changed = [("a1", "Chủ tịch UBND tỉnh Hà Nam Lê Thị Thủy chủ trì hội nghị."), *ARTICLES[3:]]
    assert main(["build", str(jsonl(tmp_path / "more.jsonl", changed)), "--into", str(store), "-q"]) == 0
    names = {r["n"] for r in ask("SELECT ?n WHERE { ?p org:holds ?post ; schema:name ?n }")}
    assert names == {"Lê Thị Thủy", "Hồ Đức Phớc", "Lê Văn Sáu", "Đoàn Minh Huấn", "Trần Hồng Hà"}
    assert ask(count) == [{"n": "5"}]
    query = Path(__file__).resolve().parent.parent / "ontology" / "queries" / "documents.rq"
    rows = ask(str(query))
    assert [r["id"] for r in rows] == ["15/QĐ-BTC"]


def test_query_on_a_missing_store_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "--store", str(tmp_path / "nope"), "ASK { ?s ?p ?o }"]) == 2
    assert "no store at" in capsys.readouterr().err


def test_store_answers_ask_and_construct(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graph = tmp_path / "g.ttl"
    build([jsonl(tmp_path / "a.jsonl", ARTICLES)], graph)
    store = tmp_path / "store"
    assert main(["load", str(graph), "--store", str(store)]) == 0
    capsys.readouterr()
    assert main(["query", "--store", str(store), "ASK { ?p org:holds ?post }", "--format", "csv"]) == 0
    assert capsys.readouterr().out.split() == ["ask", "true"]
    assert main(["query", "--store", str(store), "--format", "json",
                 "CONSTRUCT { ?p org:holds ?post } WHERE { ?p org:holds ?post }"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 5


QUERIES = Path(__file__).resolve().parent.parent / "ontology" / "queries"
MORE = [
    ("a6", "Sáng 3/3, Hội nghị lần thứ năm Ban Chấp hành Đảng bộ tỉnh Hà Nam khóa XX khai mạc. Bí thư Tỉnh ủy "
           "Lê Thị Thủy chủ trì hội nghị. Nguyên Chủ tịch UBND tỉnh Hà Nam Trương Quốc Huy dự hội nghị. "
           "Ảnh: Minh Hà - TTXVN"),
    ("a7", "date 2025-03-06\nNgày 5/3/2025, Bộ Chính trị quyết định điều động ông Lê Quang Mạnh, Phó Bí thư Thành "
           "ủy Cần Thơ, giữ chức Phó Trưởng Ban Kinh tế Trung ương."),  # dated, with a change: tenures, holders
]


@pytest.mark.parametrize("rq", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.stem)
def test_starter_queries_agree_on_store_and_graph_file(tmp_path: Path, rq: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """The queries are shaped for Oxigraph's planner; they must still mean the same thing under rdflib."""
    text = rq.read_text(encoding="utf-8")
    text = text.replace('"Trần Văn Bình"', '"Hồ Đức Phớc"').replace('"Thành ủy Cần Thơ"', '"Bộ Tài chính"')
    text = text.replace('"nam-dinh"', '"a2"')
    query = tmp_path / rq.name
    query.write_text(text, encoding="utf-8")
    graph = tmp_path / "g.ttl"
    build([jsonl(tmp_path / "a.jsonl", ARTICLES + MORE)], graph)
    store = tmp_path / "store"
    assert main(["load", str(graph), "--store", str(store)]) == 0

    def rows(*where: str, fmt: str = "json") -> list[dict[str, str]] | str:
        capsys.readouterr()
        assert main(["query", *where, str(query), "--format", fmt]) == 0
        out = capsys.readouterr().out
        return json.loads(out) if fmt == "json" else out

    from_file = rows(str(graph))
    assert from_file, f"{rq.name} found nothing in the test articles"
    assert rows("--store", str(store)) == from_file
    # the store writes CSV itself (Oxigraph's serializer): the same text as kg's own CSV of the graph file
    assert rows("--store", str(store), fmt="csv") == rows(str(graph), fmt="csv")
