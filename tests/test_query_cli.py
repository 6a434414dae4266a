"""``kg query``: no file or network access unless asked, W3C result formats, CONSTRUCT/DESCRIBE, ``--set``,
several inputs, ``-o``, quiet broken pipes; and the graph's literal tags agreeing with every README pattern.

Graphs are built with the real CLI from the bundled example and from short articles written for these tests.
"""

from __future__ import annotations

import http.server
import io
import json
import re
import shlex
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, SKOS, Graph, Literal, Namespace

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "ontology" / "queries"
EXAMPLE = ROOT / "kg" / "examples" / "ttxvn-hoi-nghi.txt"
SCHEMA = Namespace("https://schema.org/")
KG = Namespace("https://w3id.org/kg-vn/ns#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")

# Written for these tests (TTXVN style); not taken from any corpus.
NAM_DINH = ("Chủ tịch UBND tỉnh Nam Định Phạm Văn Anh cho biết, tỉnh sẽ thực hiện Chỉ thị số 08-CT/TU "
            "ngày 10/5/2025 của Ban Thường vụ Tỉnh ủy Nam Định.\n")
HA_TINH = ("Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Hà Tĩnh Hoàng Trung Dũng chủ trì Hội nghị Ban Chấp hành "
           "Đảng bộ tỉnh lần thứ 20.\n")
NAMES = "SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n } ORDER BY ?n"


@pytest.fixture(scope="module")
def graphs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example as .ttl and .trig, two own articles as two .ttl files, and a store of the example."""
    d = tmp_path_factory.mktemp("graphs")
    out = {"ttl": d / "example.ttl", "trig": d / "example.trig", "jsonld": d / "example.jsonld",
           "a": d / "a.ttl", "b": d / "b.ttl"}
    (d / "a.txt").write_text(NAM_DINH, encoding="utf-8")
    (d / "b.txt").write_text(HA_TINH, encoding="utf-8")
    for src, dst in ((EXAMPLE, out["ttl"]), (EXAMPLE, out["trig"]), (EXAMPLE, out["jsonld"]),
                     (d / "a.txt", out["a"]), (d / "b.txt", out["b"])):
        assert main(["build", str(src), "-o", str(dst), "-q", "-j", "1"]) == 0
    assert main(["load", str(out["ttl"]), "--store", str(d / "store")]) == 0
    out["store"] = d / "store"
    return out


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["query", *argv])
    cap = capsys.readouterr()
    return status, cap.out, cap.err


def bindings(text: str) -> list[dict[str, str]]:
    """Rows of a W3C SPARQL JSON result as {variable: value}."""
    data = json.loads(text)
    assert set(data) >= {"head", "results"} and "vars" in data["head"]
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


class Recorder(http.server.BaseHTTPRequestHandler):
    """A loopback HTTP server that records every request and answers as a SPARQL endpoint would."""

    requests: list[str] = []

    def _answer(self) -> None:
        type(self).requests.append(f"{self.command} {self.path}")
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = json.dumps({"head": {"vars": ["remote"]},
                           "results": {"bindings": [{"remote": {"type": "literal", "value": "từ xa"}}]}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[tuple[str, list[str]]]:
    Recorder.requests = []
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}", Recorder.requests
    finally:
        srv.shutdown()
        srv.server_close()


# ------------------------------------------------------------------------------ point 8: no file, no network


@pytest.mark.parametrize("kind", ["ttl", "trig", "jsonld", "store"])
def test_from_a_file_iri_reads_no_local_file(graphs: dict[str, Path], tmp_path: Path, kind: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "secret.ttl"
    secret.write_text('<http://example.org/s> <http://example.org/p> "BÍ MẬT" .\n', encoding="utf-8")
    target = ["--store", str(graphs["store"])] if kind == "store" else [str(graphs[kind])]
    for query in (f"SELECT ?o FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}",
                  f"SELECT ?o FROM NAMED <{secret.as_uri()}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"):
        status, out, err = run(capsys, *target, query, "--format", "csv")
        assert "BÍ MẬT" not in out + err
        assert status in (0, 2)


def test_from_names_an_article_graph_of_a_trig_input(graphs: dict[str, Path],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """FROM picks a named graph of the input (as in the store), it does not load anything."""
    article = "https://w3id.org/kg-vn/id/article/ttxvn-hoi-nghi"
    status, out, _ = run(capsys, str(graphs["trig"]), f"SELECT ?n FROM <{article}> WHERE {{ ?p schema:name ?n }}",
                         "--format", "json")
    assert status == 0 and "Lê Minh Khoa" in {r["n"] for r in bindings(out)}


@pytest.mark.parametrize("where", ["file", "store"])
def test_service_is_refused_and_connects_nowhere(graphs: dict[str, Path], where: str, server: tuple[str, list[str]],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    url, requests = server
    target = ["--store", str(graphs["store"])] if where == "store" else [str(graphs["ttl"])]
    for query in (f"SELECT * WHERE {{ ?p schema:name ?n . SERVICE <{url}/sparql> {{ ?p ?q ?n }} }}",
                  f"SELECT * WHERE {{ # a comment \n SERVICE SILENT <{url}/x> {{ ?s ?p ?o }} }}",
                  f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT 1 #}}\n;;; SERVICE <{url}/y> {{ }}"):
        status, out, err = run(capsys, *target, query)
        assert status == 2 and out == ""
        assert "SERVICE" in err and "--allow-service" in err
    assert requests == []


def test_service_in_a_comment_or_a_string_is_not_a_service(graphs: dict[str, Path],
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    query = ('# SERVICE <http://127.0.0.1:9/> is not used here\n'
             'SELECT ?n WHERE { ?p schema:name ?n FILTER (?n != "SERVICE <http://127.0.0.1:9/> { }") }')
    status, out, _ = run(capsys, str(graphs["ttl"]), query, "--format", "json")
    assert status == 0 and "Lê Minh Khoa" in {r["n"] for r in bindings(out)}


def test_the_service_check_reads_sparql_tokens_not_text() -> None:
    from kg.publish.query import QueryRefused, refuse_unsafe

    for harmless in ('SELECT ?service WHERE { ?service ex:SERVICE _:SERVICE , "SERVICE", <http://h/SERVICE> }',
                     'SELECT * WHERE { ?s ?p """multi\nline SERVICE <http://h/> { }""" } # SERVICE <http://h/>',
                     "PREFIX service: <http://h/service#> SELECT * WHERE { ?s service:x 'SERVICE' }"):
        refuse_unsafe(harmless)
    for remote in ("SELECT * WHERE { service <http://h/> { ?s ?p ?o } }",
                   'SELECT * WHERE { ?s ?p "#" . SERVICE <http://h/> { ?s ?p ?o } }',
                   "SELECT*WHERE{SERVICE<http://h/>{?s ?p ?o}}",
                   "SELECT * WHERE { \\u0053ERVICE <http://h/> { ?s ?p ?o } }",  # SPARQL's codepoint escapes
                   'SELECT * WHERE { ?s ?p "\\u0022" SERVICE <http://h/> { ?s ?p ?o } }'):
        with pytest.raises(QueryRefused, match="SERVICE"):
            refuse_unsafe(remote)
        refuse_unsafe(remote, allow_service=True)
    for update in ("PREFIX ex: <http://h/> # INSERT\n INSERT DATA { ex:a ex:b ex:c }",
                   "WITH <http://h/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "drop all"):
        with pytest.raises(QueryRefused, match="updates are not allowed"):
            refuse_unsafe(update)


@pytest.mark.parametrize("where", ["file", "store"])
def test_allow_service_sends_the_query_to_the_endpoint(graphs: dict[str, Path], where: str,
                                                       server: tuple[str, list[str]],
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    url, requests = server
    target = ["--store", str(graphs["store"])] if where == "store" else [str(graphs["ttl"])]
    status, out, err = run(capsys, *target, f"SELECT ?remote WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?remote }} }}",
                           "--format", "json", "--allow-service")
    assert status == 0, err
    assert bindings(out) == [{"remote": "từ xa"}] and len(requests) == 1


def test_jsonld_graph_with_a_remote_context_fetches_nothing(tmp_path: Path, server: tuple[str, list[str]],
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from kg.publish.query import load_graph

    url, requests = server
    doc = tmp_path / "remote.jsonld"
    doc.write_text(json.dumps({"@context": f"{url}/context.jsonld", "@id": "http://example.org/a",
                               "name": "Phạm Văn Anh"}), encoding="utf-8")
    nested = tmp_path / "nested.jsonld"
    nested.write_text(json.dumps({"@context": {"@import": f"{url}/base.jsonld"}, "@graph": [
        {"@id": "http://example.org/a", "@context": [f"{url}/scoped.jsonld"], "name": "Phạm Văn Anh"}]}),
        encoding="utf-8")
    for path in (doc, nested):
        status, out, err = run(capsys, str(path), "SELECT * WHERE { ?s ?p ?o }")
        assert status == 2 and "context" in err
        with pytest.raises(ValueError, match="context"):
            load_graph(path)
    assert requests == []


def test_jsonld_graph_written_by_kg_build_is_read(graphs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, str(graphs["jsonld"]), NAMES, "--format", "json")
    assert status == 0, err
    assert "Lê Minh Khoa" in {r["n"] for r in bindings(out)}


def test_jsonld_graph_with_inline_context_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "inline.jsonld"
    doc.write_text(json.dumps({"@context": {"name": "https://schema.org/name"}, "@id": "http://example.org/a",
                               "name": "Phạm Văn Anh"}), encoding="utf-8")
    status, out, _ = run(capsys, str(doc), "SELECT ?n WHERE { ?s schema:name ?n }", "--format", "json")
    assert status == 0 and bindings(out) == [{"n": "Phạm Văn Anh"}]


@pytest.mark.parametrize("where", ["file", "store"])
def test_an_update_is_refused_as_an_update(graphs: dict[str, Path], tmp_path: Path, where: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "secret.ttl"
    secret.write_text('<http://example.org/s> <http://example.org/p> "BÍ MẬT" .\n', encoding="utf-8")
    target = ["--store", str(graphs["store"])] if where == "store" else [str(graphs["ttl"])]
    for update in ('INSERT DATA { <http://example.org/a> <http://example.org/b> "c" }',
                   f"LOAD <{secret.as_uri()}>", "DELETE WHERE { ?s ?p ?o }"):
        status, out, err = run(capsys, *target, update)
        assert status == 2 and out == ""
        assert "updates are not allowed" in err and "Syntax" not in err
    status, out, _ = run(capsys, *target, "ASK { ?s ?p ?o }")
    assert out.splitlines()[-2:] == ["true", "(1 rows)"]


def test_library_run_query_loads_no_iri_and_refuses_service(graphs: dict[str, Path], tmp_path: Path,
                                                            server: tuple[str, list[str]]) -> None:
    from kg.publish.query import QueryRefused, load_graph, run_query

    url, requests = server
    secret = tmp_path / "secret.ttl"
    secret.write_text('<http://example.org/s> <http://example.org/p> "BÍ MẬT" .\n', encoding="utf-8")
    graph = load_graph(graphs["trig"])
    _, rows = run_query(graph, f"SELECT ?o FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}")
    assert "BÍ MẬT" not in {c for r in rows for c in r}
    with pytest.raises(QueryRefused, match="SERVICE"):
        run_query(graph, f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}")
    with pytest.raises(QueryRefused, match="updates are not allowed"):
        run_query(graph, "CLEAR ALL")
    assert requests == []


# --------------------------------------------------------------------- point 14: what kg query takes and writes


@pytest.mark.parametrize("size", [300, 3000, 9000])
def test_a_one_line_query_of_any_length_runs(graphs: dict[str, Path], size: int,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    query = "SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n }"
    query += " " * (size - len(query) - 8) + "ORDER BY ?n"
    status, out, err = run(capsys, str(graphs["ttl"]), query, "--format", "json")
    assert status == 0, err
    assert "Lê Minh Khoa" in {r["n"] for r in bindings(out)}


def khoa(graphs: dict[str, Path]) -> str:
    """The IRI linking gave Lê Minh Khoa of the example."""
    g = Graph().parse(graphs["ttl"])
    (person,) = {str(s) for s, o in g.subject_objects(SCHEMA.name) if str(o) == "Lê Minh Khoa"}
    return person


@pytest.mark.parametrize("where", ["file", "store"])
@pytest.mark.parametrize("fmt", ["ttl", "nt", "table"])
def test_construct_and_describe_print_rdf(graphs: dict[str, Path], where: str, fmt: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    target = ["--store", str(graphs["store"])] if where == "store" else [str(graphs["ttl"])]
    construct = "CONSTRUCT { ?p schema:name ?n } WHERE { ?p a schema:Person ; schema:name ?n }"
    status, out, err = run(capsys, *target, construct, "--format", fmt)
    assert status == 0, err
    g = Graph().parse(data=out, format="nt" if fmt == "nt" else "turtle")
    assert {str(o) for o in g.objects(None, SCHEMA.name)} >= {"Lê Minh Khoa", "Nguyễn Thanh Tùng"}
    assert set(g.predicates()) == {SCHEMA.name}
    person = khoa(graphs)
    status, out, err = run(capsys, *target, f"DESCRIBE <{person}>", "--format", fmt)
    assert status == 0, err
    g = Graph().parse(data=out, format="nt" if fmt == "nt" else "turtle")
    assert (None, RDF.type, SCHEMA.Person) in g and len(g) >= 3


def test_construct_as_json_is_json_ld(graphs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, str(graphs["ttl"]), "--format", "json",
                           "CONSTRUCT { ?p schema:name ?n } WHERE { ?p a schema:Person ; schema:name ?n }")
    assert status == 0, err
    g = Graph().parse(data=out, format="json-ld")
    assert "Lê Minh Khoa" in {str(o) for o in g.objects(None, SCHEMA.name)}
    status, out, err = run(capsys, str(graphs["ttl"]), "--format", "csv", "CONSTRUCT WHERE { ?s ?p ?o }")
    assert status == 2 and out == "" and "CONSTRUCT" in err


def test_rdf_format_for_a_select_is_an_error(graphs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, str(graphs["ttl"]), NAMES, "--format", "ttl")
    assert status == 2 and out == "" and "CONSTRUCT" in err


@pytest.mark.parametrize("where", ["file", "store"])
@pytest.mark.parametrize("fmt", ["json", "csv", "tsv", "xml"])
def test_result_formats_are_w3c(graphs: dict[str, Path], where: str, fmt: str,
                                capsys: pytest.CaptureFixture[str]) -> None:
    target = ["--store", str(graphs["store"])] if where == "store" else [str(graphs["ttl"])]
    status, out, err = run(capsys, *target, NAMES, "--format", fmt)
    assert status == 0, err
    if fmt == "csv":  # lossy by design (W3C): a header of names, then plain values, CRLF line ends
        lines = out.split("\r\n")
        assert lines[0] == "n" and lines[-1] == ""
        names = lines[1:-1]
    else:
        results = ox.parse_query_results(out.encode("utf-8"), format=getattr(ox.QueryResultsFormat, fmt.upper()))
        assert [v.value for v in results.variables] == ["n"]
        names = [s["n"].value for s in results]
    assert "Lê Minh Khoa" in names and names == sorted(names)
    assert out.endswith("\n")
    status, out, _ = run(capsys, *target, "ASK { ?p a schema:Person }", "--format", fmt)
    assert status == 0 and out.endswith("\n")
    if fmt in ("csv", "tsv"):  # W3C defines no CSV/TSV for ASK: one column named ask, as in the table
        assert out == {"csv": "ask\r\ntrue\r\n", "tsv": "?ask\ntrue\n"}[fmt]
    if fmt != "csv":
        assert bool(ox.parse_query_results(out.encode(), format=getattr(ox.QueryResultsFormat, fmt.upper())))


def test_json_keeps_types_and_language_tags(graphs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, str(graphs["ttl"]),
                         "SELECT ?p ?n ?d WHERE { ?p a org:Organization ; rdfs:label ?n . ?x eli:passed_by ?p ; "
                         "eli:date_document ?d } LIMIT 1", "--format", "json")
    row = json.loads(out)["results"]["bindings"][0]
    assert row["p"]["type"] == "uri" and row["n"]["type"] == "literal" and row["n"]["xml:lang"] == "vi"
    assert row["d"]["datatype"] == "http://www.w3.org/2001/XMLSchema#date"


def test_table_never_cuts_a_cell_silently(graphs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    query = "SELECT ?sentence WHERE { ?e kg:sentence ?sentence } ORDER BY DESC(STRLEN(?sentence)) LIMIT 1"
    _, out, _ = run(capsys, str(graphs["ttl"]), query, "--format", "csv")
    longest = out.splitlines()[1].strip('"')
    assert len(longest) > 80
    status, out, _ = run(capsys, str(graphs["ttl"]), query)
    cell = out.splitlines()[2]
    assert status == 0 and len(cell) == 80 and cell.endswith("…") and longest.startswith(cell[:-1])
    _, out, _ = run(capsys, str(graphs["ttl"]), query, "--width", "30")
    assert out.splitlines()[2] == longest[:29] + "…"
    _, out, _ = run(capsys, str(graphs["ttl"]), query, "--width", "0")
    assert out.splitlines()[2] == longest


def _values_var(rq: Path) -> str | None:
    m = re.search(r"VALUES \?(\w+) \{", rq.read_text(encoding="utf-8"))
    return m.group(1) if m else None


STARTERS_WITH_VALUES = sorted(p for p in QUERIES.glob("*.rq") if _values_var(p))


def test_every_values_starter_query_names_what_it_asks_for() -> None:
    assert {p.stem: _values_var(p) for p in STARTERS_WITH_VALUES} == {
        "articles-mentioning": "person", "evidence": "article", "facts-about": "entity",
        "holders-of-organization": "org", "holders-on-date": "body", "persons-named": "person", "tenures": "person"}


@pytest.mark.parametrize("rq", STARTERS_WITH_VALUES, ids=lambda p: p.stem)
def test_set_binds_the_values_line_of_every_starter_query(graphs: dict[str, Path], rq: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    value = {"person": "Lê Minh Khoa", "article": "ttxvn-hoi-nghi", "entity": "Nguyễn Thanh Tùng",
             "org": "Thành ủy Huế", "body": "Thành ủy Huế"}[_values_var(rq)]
    for target in ([str(graphs["ttl"])], ["--store", str(graphs["store"])]):
        status, out, _ = run(capsys, *target, str(rq), "--format", "json")
        assert status == 0 and bindings(out) == []  # the query's own example is not in this graph
        status, out, err = run(capsys, *target, str(rq), "--format", "json", "--set", f"{_values_var(rq)}={value}")
        assert status == 0, err
        rows = bindings(out)
        # holders-on-date also needs a date, and this graph dates no tenure: tests/test_careers.py runs it dated
        assert rows or rq.stem == "holders-on-date"
        if rq.stem == "articles-mentioning":
            assert {r["name"] for r in rows} == {"Lê Minh Khoa"}
        if rq.stem == "holders-of-organization":
            assert ("Lê Minh Khoa", "Bí thư") in {(r["name"], r["role"]) for r in rows}


def test_set_takes_several_values_iris_and_binds_a_plain_variable(graphs: dict[str, Path],
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    rq = str(QUERIES / "articles-mentioning.rq")
    _, out, _ = run(capsys, str(graphs["ttl"]), rq, "--format", "json", "--set", "person=Lê Minh Khoa",
                    "--set", "person=nguyễn thanh")
    assert {r["name"] for r in bindings(out)} == {"Lê Minh Khoa", "Nguyễn Thanh Tùng"}
    person = khoa(graphs)
    _, out, err = run(capsys, str(graphs["ttl"]), "SELECT ?n WHERE { ?p schema:name ?n }", "--format", "json",
                      "--set", f"p=<{person}>")
    assert bindings(out) == [{"n": "Lê Minh Khoa"}], err
    status, _, err = run(capsys, str(graphs["ttl"]), rq, "--set", "nobody=x")
    assert status == 2 and "?nobody" in err
    status, _, err = run(capsys, str(graphs["ttl"]), rq, "--set", "person")
    assert status == 2 and "NAME=VALUE" in err


def test_reads_several_graph_files_and_stdin(graphs: dict[str, Path], monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, str(graphs["a"]), str(graphs["b"]), NAMES, "--format", "json")
    assert status == 0 and [r["n"] for r in bindings(out)] == ["Hoàng Trung Dũng", "Phạm Văn Anh"]
    for path in (graphs["a"], graphs["trig"]):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(path.read_bytes()), encoding="utf-8"))
        status, out, err = run(capsys, "-", str(graphs["b"]), NAMES, "--format", "json")
        assert status == 0, err
        assert "Hoàng Trung Dũng" in {r["n"] for r in bindings(out)} and len(bindings(out)) > 1
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(NAMES.encode()), encoding="utf-8"))
    status, out, _ = run(capsys, str(graphs["a"]), "-", "--format", "json")
    assert status == 0 and bindings(out) == [{"n": "Phạm Văn Anh"}]


def test_reads_gzipped_graph_files(graphs: dict[str, Path], tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    import gzip

    packed = tmp_path / "a.ttl.gz"
    packed.write_bytes(gzip.compress(graphs["a"].read_bytes()))
    status, out, _ = run(capsys, str(packed), NAMES, "--format", "json")
    assert status == 0 and bindings(out) == [{"n": "Phạm Văn Anh"}]


def test_output_file(graphs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "names.csv"
    status, out, _ = run(capsys, str(graphs["a"]), NAMES, "--format", "csv", "-o", str(target))
    assert status == 0 and out == ""
    assert target.read_text(encoding="utf-8").splitlines() == ["n", "Phạm Văn Anh"]


def test_broken_pipe_is_quiet(graphs: dict[str, Path]) -> None:
    query = "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c } LIMIT 100000"
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "query", str(graphs["ttl"]), query, "--format", "tsv"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0
    assert err == ""


# ------------------------------------------------------------------- point 13: literal tags and README patterns


def test_natural_language_literals_are_vi_and_codes_plain(graphs: dict[str, Path]) -> None:
    g = Graph().parse(graphs["ttl"])
    vi_preds = [SCHEMA.name, RDFS.label, SKOS.altLabel, SKOS.prefLabel, SCHEMA.headline, KG.quote, KG.sentence,
                KG.symbolIssuerKind, SCHEMA.location]
    seen = set()
    for pred in vi_preds:
        for o in g.objects(None, pred):
            assert isinstance(o, Literal) and o.language == "vi", (pred, o)
            seen.add(pred)
    assert {SCHEMA.name, RDFS.label, KG.quote, KG.sentence} <= seen
    for pred in (SCHEMA.identifier, ELI.id_local, KG.rule):
        objects = list(g.objects(None, pred))
        assert objects and all(o.language is None and o.datatype is None for o in objects), pred


def readme_queries() -> list[tuple[str, list[str]]]:
    """Every query the README shows: SPARQL blocks, Turtle patterns (as SELECT *) and `kg query` lines."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found: list[tuple[str, list[str]]] = []
    for lang, body in re.findall(r"```(\w+)\n(.*?)```", text, flags=re.S):
        if lang == "sparql":
            found.append(("sparql", [body]))
        elif lang == "turtle":
            found.append(("turtle", [f"SELECT * WHERE {{\n{body}\n}}"]))
        elif lang == "sh":
            for line in body.splitlines():
                words = shlex.split(line, comments=True)
                if words[:2] == ["kg", "query"]:
                    found.append(("sh", words[2:]))
    return found


def test_readme_shows_queries_of_each_kind() -> None:
    kinds = [k for k, _ in readme_queries()]
    assert kinds.count("turtle") >= 1 and kinds.count("sparql") >= 1 and kinds.count("sh") >= 4


@pytest.mark.parametrize("kind,words", readme_queries(), ids=lambda x: x if isinstance(x, str) else "")
def test_every_readme_query_returns_rows_on_the_example(graphs: dict[str, Path], kind: str, words: list[str],
                                                        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    if kind != "sh":
        argv = [str(graphs["ttl"]), words[0], "--format", "json"]
    else:  # the README's graph files and store are the example's; its output goes to a temporary file
        swap = {"graph.ttl": str(graphs["ttl"]), "graph.trig": str(graphs["trig"]), "kg-store/": str(graphs["store"])}
        argv = [swap.get(w, w) for w in words]
        for i, w in enumerate(argv[:-1]):
            if w in ("-o", "--output"):
                argv[i + 1] = str(tmp_path / Path(argv[i + 1]).name)
    status, out, err = run(capsys, *argv)
    assert status == 0, err
    if "-o" in argv or "--output" in argv:
        out = Path(argv[argv.index("-o" if "-o" in argv else "--output") + 1]).read_text(encoding="utf-8")
    assert out.strip(), argv
    if "--format" in argv and argv[argv.index("--format") + 1] == "json":
        assert bindings(out), argv
    elif "--format" not in argv or argv[argv.index("--format") + 1] == "table":
        assert not out.rstrip().endswith("(0 rows)"), argv
    else:
        assert len(out.strip().splitlines()) > 1, argv
    # the same pattern pasted into rdflib (as the referee and notebooks read graphs) finds rows too
    if kind != "sh":
        from kg.publish.query import load_graph, run_query

        assert run_query(load_graph(graphs["ttl"]), words[0])[1]


def _busy_once(monkeypatch: pytest.MonkeyPatch, rows_before_failing: int) -> list[int]:
    """Make the first store query fail as a compaction under it does, after writing ``rows_before_failing``."""
    from kg.publish import query as kq

    real, calls = kq.write_result, []

    def flaky(result, fmt, out, width=80):  # noqa: ANN001, ANN202 - the signature of write_result
        calls.append(1)
        if len(calls) == 1:
            for n in range(rows_before_failing):
                out.write(f"row {n}\n".encode())
            raise OSError("IO error: Corruption: file 000123.sst is gone")
        return real(result, fmt, out, width=width)

    monkeypatch.setattr(kq, "write_result", flaky)
    return calls


def test_a_store_query_busy_before_its_first_row_is_retried(graphs: dict[str, Path], monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    calls = _busy_once(monkeypatch, rows_before_failing=0)
    code, out, err = run(capsys, "--store", str(graphs["store"]), "--format", "csv",
                         "SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n } ORDER BY ?n")
    assert code == 0 and len(calls) == 2 and err == ""
    assert out.splitlines()[0] == "n" and len(out.splitlines()) == len(set(out.splitlines())) > 1


def test_a_store_query_busy_after_rows_are_out_is_not_rerun(graphs: dict[str, Path], monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    calls = _busy_once(monkeypatch, rows_before_failing=2)
    code, out, err = run(capsys, "--store", str(graphs["store"]), "--format", "csv",
                         "SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n } ORDER BY ?n")
    assert code == 2 and len(calls) == 1  # never printed twice
    assert out == "row 0\nrow 1\n" and "the results above are incomplete" in err
