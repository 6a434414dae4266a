"""The ``kg`` command end to end: build over mixed good and bad input, exit status, output formats, query."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace

from kg.cli import main

SCHEMA = Namespace("https://schema.org/")
EXAMPLE = Path(__file__).resolve().parent.parent / "kg" / "examples" / "ttxvn-hoi-nghi.txt"

GOOD = "Chủ tịch UBND tỉnh Hà Nam Trương Quốc Huy chủ trì hội nghị sáng 3/4."
OTHER = "Bộ trưởng Bộ Tài chính Hồ Đức Phớc đã ký Quyết định số 15/QĐ-BTC ngày 2/1/2025."


def names(path: Path) -> set[str]:
    g = Graph()
    g.parse(path)
    return {str(o) for o in g.objects(None, SCHEMA.name)}


def test_build_reports_bad_files_and_still_writes_the_good_ones(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes("Chủ tịch ".encode() + b"\xff\xfe" + "Nguyễn Văn An".encode())
    lines = [json.dumps({"id": "j1", "text": OTHER}, ensure_ascii=False), "{broken json", ""]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "out.ttl"

    status = main(["build", str(tmp_path), "-o", str(out)])

    err = capsys.readouterr().err
    assert status == 1
    assert "empty.txt" in err and "batch.jsonl:2" in err and "bad.txt" in err
    assert "failures 2" in err  # the empty file and the broken line; the bad bytes are a warning
    assert {"Trương Quốc Huy", "Hồ Đức Phớc"} <= names(out)


def test_build_exit_status_zero_and_summary_on_clean_input(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "a.txt"
    src.write_text("date 2025-04-03\n" + GOOD, encoding="utf-8")
    out = tmp_path / "a.ttl"
    assert main(["build", str(src), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "articles 1, persons 1, posts 1, documents 0" in err
    g = Graph()
    g.parse(out)
    assert set(g.objects(None, SCHEMA.datePublished)) == {Literal("2025-04-03", datatype="http://www.w3.org/2001/XMLSchema#date")}


def test_failed_build_never_leaves_a_half_written_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "graph.ttl"
    out.write_text("previous graph\n", encoding="utf-8")
    status = main(["build", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "graph.xyz")])
    assert status == 2
    assert "unsupported output extension" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "previous graph\n"
    assert not list(tmp_path.glob(".*.tmp"))


def test_build_reads_gzipped_json_lines(tmp_path: Path) -> None:
    src = tmp_path / "batch.jsonl.gz"
    with gzip.open(src, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "g1", "text": GOOD, "title": "Hội nghị", "date": "2025-04-03"}) + "\n")
    out = tmp_path / "g.nt"
    assert main(["build", str(src), "-o", str(out)]) == 0
    assert "Trương Quốc Huy" in names(out)


def test_base_iri_is_configurable(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "a.ttl"
    assert main(["build", str(src), "-o", str(out), "--base", "http://example.org/kg/"]) == 0
    g = Graph()
    g.parse(out)
    people = {str(s) for s, o in g.subject_objects(SCHEMA.name) if str(o) == "Trương Quốc Huy"}
    assert len(people) == 1 and people.pop().startswith("http://example.org/kg/person/trương-quốc-huy--")


def test_bundled_example_builds_and_answers_the_starting_queries(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "example.ttl"
    assert main(["build", str(EXAMPLE), "-o", str(out)]) == 0
    capsys.readouterr()
    query = Path(__file__).resolve().parent.parent / "ontology" / "queries" / "posts-of-persons.rq"
    assert main(["query", str(out), str(query), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["results"]["bindings"]  # W3C SPARQL results JSON
    held = {(r["name"]["value"], r["role"]["value"]) for r in rows}
    assert ("Lê Minh Khoa", "Bí thư") in held and ("Nguyễn Thanh Tùng", "Chủ tịch") in held


def test_query_reports_a_bad_query_without_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "a.txt"
    src.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "a.ttl"
    main(["build", str(src), "-o", str(out)])
    capsys.readouterr()
    assert main(["query", str(out), "SELECT ?x WHERE { ?x"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kg query:") and "Traceback" not in err


def test_every_verb_ends_quietly_when_its_reader_goes_away(tmp_path: Path) -> None:
    """`kg ego … | head`: a closed stdout is not an error and prints no traceback (any verb, not only query)."""
    import subprocess
    import sys

    graph = tmp_path / "g.ttl"
    assert main(["build", str(EXAMPLE), "-o", str(graph), "-q", "-j", "1"]) == 0
    code = ("import sys, kg.cli; sys.stdout = open(sys.stdout.fileno(), 'w', buffering=1, closefd=False); "
            "sys.exit(kg.cli.main(sys.argv[1:]))")
    for verb in (["ego", str(graph), "Thành ủy Huế", "--depth", "2"], ["centrality", str(graph), "--top", "50"]):
        p = subprocess.Popen([sys.executable, "-c", code, *verb], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        p.stdout.close()  # the reader is gone before the first line
        err = p.stderr.read().decode("utf-8")
        p.wait(timeout=120)
        assert "Traceback" not in err and "BrokenPipe" not in err, (verb, err)
