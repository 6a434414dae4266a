"""The per-article block writers (escaping, round trips, line counts) and shard folders (atomic rebuilds)."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, Dataset, Graph, Literal, Namespace, URIRef
from rdflib import namespace as rdfns

from kg import namespaces as ns
from kg.cli import main
from kg.publish import writers
from kg.publish.iris import IRIs
from kg.publish.rdf import prefixes_for
from kg.run.build import build

ID = Namespace("https://w3id.org/kg-vn/id/")
PREFIXES = prefixes_for(IRIs())
ART = ID["article/t1"]
CONTROLS = "".join(chr(c) for c in range(0x20)) + "\x7f"
HOSTILE = [
    'Ông Nguyễn Văn A nói: "Tỉnh sẽ \\ hoàn thành", ',
    "kết thúc bằng dấu gạch ngược \\",
    "dòng một\ndòng hai\r\ndòng ba\rhết",
    "cột\tcột\t",
    "trước\n# article gia-mao 0123456789abcdef\nsau",
    '"""ba dấu nháy""" và \'\'\'đơn\'\'\'',
    "@prefix x: <http://x/> . <http://x/a> <http://x/b> <http://x/c> .",
    CONTROLS,
    "Chủ tịch\x85UBND\u2028tỉnh\u2029Nam Định",
    "\ufeffBOM, tổ hợp: Nguye\u0302\u0303n, 😀",
    "",
]


def hostile_graph() -> Graph:
    """One article's graph in kg's shape whose literals (and a few IRIs) are hostile to writers."""
    g = Graph(bind_namespaces="none")
    g.add((ART, RDF.type, ns.SCHEMA.NewsArticle))
    g.add((ART, ns.SCHEMA.identifier, Literal("t1")))
    g.add((ART, ns.SCHEMA.datePublished, Literal("2017-03-02", datatype=rdfns.XSD.date)))
    for n, text in enumerate(HOSTILE):
        ev = ID[f"evidence/t1/{n}-{n + 5}-people-chain-90"]
        g.add((ev, RDF.type, ns.KG.Evidence))
        g.add((ev, ns.KG.quote, Literal(text)))
        g.add((ev, ns.KG.sentence, Literal(text, lang="vi")))
        g.add((ev, ns.KG.confidence, Literal(0.9, datatype=rdfns.XSD.decimal)))
        g.add((ev, ns.KG.start, Literal(n)))
        g.add((ev, ns.KG.inArticle, ART))
    # IRIs a prefixed name cannot hold as they are (a local name ending in '.' is left out: rdflib cannot
    # read the escaped form `kg:a\.`, and kg's vocabularies have none)
    g.add((ID["person/nguyễn-văn-a."], ns.SCHEMA.name, Literal("Nguyễn Văn A")))
    g.add((ART, URIRef(str(ns.KG) + "x.y-(1)"), URIRef("https://w3id.org/kg-vn/ns#%20a~b")))
    return g


def ox_to_rdflib(triples: list) -> set[tuple]:
    def term(t: object) -> object:
        if isinstance(t, ox.NamedNode):
            return URIRef(t.value)
        assert isinstance(t, ox.Literal)
        if t.language:
            return Literal(t.value, lang=t.language)
        if t.datatype.value == str(rdfns.XSD.string):
            return Literal(t.value)
        return Literal(t.value, datatype=URIRef(t.datatype.value))

    return {(term(t.subject), term(t.predicate), term(t.object)) for t in triples}


def document(fmt: str, graph: Graph, article_id: str = "t1") -> str:
    block = writers.render_block(fmt, str(ART), article_id, "", graph, PREFIXES)  # "": no digest triple
    return block if fmt == "nt" else writers.prefix_header(PREFIXES) + block


@pytest.mark.parametrize("fmt", ["turtle", "nt", "trig"])
def test_hostile_literals_round_trip_in_every_format(fmt: str) -> None:
    graph = hostile_graph()
    text = document(fmt, graph)
    expected = set(graph)
    parsed = Dataset(default_union=True) if fmt == "trig" else Graph()
    parsed.parse(data=text, format=fmt)
    assert set(parsed.triples((None, None, None))) == expected  # rdflib reads back exactly the graph
    ox_fmt = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG}[fmt]
    quads = list(ox.parse(text.encode("utf-8"), format=ox_fmt))
    assert ox_to_rdflib(quads) == expected  # and so does Oxigraph
    if fmt == "trig":
        assert {q.graph_name.value for q in quads} == {str(ART)}  # the article's own named graph


@pytest.mark.parametrize("fmt", ["turtle", "nt", "trig"])
def test_no_raw_line_breaks_inside_a_block(fmt: str) -> None:
    """Every line break a line-based tool (or Python's splitlines) knows is escaped inside terms."""
    text = document(fmt, hostile_graph())
    for ch in "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029":
        assert ch not in text, f"raw {ch!r} in {fmt} output"
    assert text.splitlines() == text.split("\n")[:-1]
    if fmt == "nt":  # one triple per line, nothing else but the marker
        assert len(text.split("\n")[:-1]) == len(hostile_graph()) + 1


@pytest.mark.parametrize("ext", [".ttl", ".nt", ".trig"])
def test_a_marker_inside_a_literal_never_splits_a_block(tmp_path: Path, ext: str) -> None:
    fmt = writers.format_for(f"g{ext}")
    out = tmp_path / f"g{ext}"
    w = writers.FileWriter(out, fmt, PREFIXES)
    w.write(writers.render_block(fmt, str(ART), "t1", "0123456789abcdef", hostile_graph(), PREFIXES))
    other = Graph()
    other.add((ID["article/t2"], RDF.type, ns.SCHEMA.NewsArticle))
    w.write(writers.render_block(fmt, str(ID["article/t2"]), "t2", "fedcba9876543210", other, PREFIXES))
    w.commit()
    blocks = list(writers.iter_blocks(out))
    assert [(b[1], b[2]) for b in blocks] == [("t1", ""), ("t2", "")]  # the digest is data, not in the marker
    header = blocks[0][0]
    first = Dataset(default_union=True) if fmt == "trig" else Graph()
    first.parse(data=header + blocks[0][3], format=fmt)
    digest = (ART, ns.KG.sourceDigest, Literal("0123456789abcdef"))
    assert set(first.triples((None, None, None))) == set(hostile_graph()) | {digest}


@pytest.mark.parametrize("fmt", ["turtle", "nt", "trig"])
def test_block_bytes_do_not_depend_on_insertion_order(fmt: str) -> None:
    graph = hostile_graph()
    backwards = Graph(bind_namespaces="none")
    for triple in sorted(graph, reverse=True):
        backwards.add(triple)
    assert document(fmt, backwards) == document(fmt, graph)


def test_turtle_blocks_keep_the_marker_and_group_subjects() -> None:
    text = writers.render_block("turtle", str(ART), "t1", "0123456789abcdef", hostile_graph(), PREFIXES)
    assert text.startswith("# article t1\n")
    assert "\n@prefix" not in text  # the file header declares the prefixes once
    assert text.count(f"<{ART}> a schema:NewsArticle ;") == 1  # rdf:type first, one group per subject
    assert "\\/" not in text  # minted IRIs are written whole, not as escaped prefixed names
    assert text.endswith(" .\n\n")


# -- shards ----------------------------------------------------------------------------------------------

SENTENCES = [
    "Chủ tịch UBND tỉnh Nam Định Phạm Văn An cho biết tỉnh đã hoàn thành kế hoạch.",
    "Bộ trưởng Bộ Tài chính Hồ Đức Phớc ký Quyết định số 15/QĐ-BTC ngày 2/1/2025.",
    "Bí thư Tỉnh ủy Ninh Bình Đoàn Minh Huấn dự lễ khánh thành cầu mới.",
]


def articles(path: Path, prefix: str, n: int, title: str | None = None) -> Path:
    rows = [{"id": f"{prefix}-{i}", "text": SENTENCES[i % len(SENTENCES)],
             **({"title": title} if title else {})} for i in range(n)]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def shard_articles(folder: Path) -> list[str]:
    """Article ids in ``folder/part-*.nt.gz``, as `zcat folder/part-*.nt.gz` would give them."""
    ids = []
    for part in sorted(folder.glob("part-*.nt.gz")):
        with gzip.open(part, "rt", encoding="utf-8") as fh:
            ids += [line.split()[2] for line in fh if line.startswith(writers.MARKER)]
    return ids


def manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def assert_consistent(folder: Path) -> list[str]:
    """The manifest lists exactly the parts there are, and they hold exactly its articles."""
    m = manifest(folder)
    assert sorted(p.name for p in folder.glob("part-*")) == [s["file"] for s in m["shards"]]
    ids = shard_articles(folder)
    assert len(ids) == m["articles"]
    return ids


def test_manifest_counts_the_triples_a_parser_reads(tmp_path: Path) -> None:
    src = articles(tmp_path / "in.jsonl", "ls", 3, title="Tỉnh Nam Định\u2028họp báo\x85quý I\u2029năm 2017")
    out = tmp_path / "shards"
    assert main(["build", str(src), "-o", str(out), "--shard-size", "2", "-q", "-j", "1"]) == 0
    m = manifest(out)
    read = lines = 0
    for shard in m["shards"]:
        data = gzip.decompress((out / shard["file"]).read_bytes())
        got = len(list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES)))
        assert got == shard["triples"]
        read += got
        lines += sum(1 for line in data.split(b"\n") if line and not line.startswith(b"#"))  # `zcat | grep -vc`
    assert m["triples"] == read == lines
    g = Graph()
    for shard in m["shards"]:
        g.parse(data=gzip.decompress((out / shard["file"]).read_bytes()).decode("utf-8"), format="nt")
    headline = "Tỉnh Nam Định\u2028họp báo\x85quý I\u2029năm 2017"
    assert {str(t) for t in g.objects(None, ns.SCHEMA.headline)} == {headline}


def test_rebuild_leaves_no_stale_parts(tmp_path: Path) -> None:
    out = tmp_path / "shards"
    build([articles(tmp_path / "old.jsonl", "old", 6)], out, jobs=1, shard_size=1)
    assert len(assert_consistent(out)) == 6
    old_umask = os.umask(0o022)
    try:
        build([articles(tmp_path / "new.jsonl", "new", 2)], out, jobs=1, shard_size=1)
    finally:
        os.umask(old_umask)
    assert assert_consistent(out) == ["new-0", "new-1"]
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [".shards.lock", "new.jsonl", "old.jsonl", "shards"]  # no temp left
    assert {oct(p.stat().st_mode & 0o777) for p in out.iterdir()} == {"0o644"}  # files as the umask says
    assert oct(out.stat().st_mode & 0o777) == "0o755"


def test_refuses_a_folder_kg_did_not_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = articles(tmp_path / "in.jsonl", "a", 2)
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("ghi chú của tôi", encoding="utf-8")
    assert main(["build", str(src), "-o", str(mine), "--shard-size", "1", "-q", "-j", "1"]) == 2
    assert "not a kg shard folder" in capsys.readouterr().err
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt"]
    # a shard folder someone added their own file to is not kg's to delete either
    out = tmp_path / "shards"
    build([src], out, jobs=1, shard_size=1)
    (out / "README.txt").write_text("đừng xoá", encoding="utf-8")
    with pytest.raises(ValueError, match="README.txt"):
        build([src], out, jobs=1, shard_size=1)
    assert (out / "README.txt").read_text(encoding="utf-8") == "đừng xoá" and len(assert_consistent(out)) == 2
    # an empty folder or a file path
    empty = tmp_path / "empty"
    empty.mkdir()
    build([src], empty, jobs=1, shard_size=1)
    assert len(assert_consistent(empty)) == 2
    with pytest.raises(ValueError, match="not a folder"):
        build([src], src, jobs=1, shard_size=1)


def test_a_failed_write_keeps_the_old_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "shards"
    build([articles(tmp_path / "old.jsonl", "old", 6)], out, jobs=1, shard_size=2)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real_write, calls = gzip.GzipFile.write, []

    def full_disk(self: gzip.GzipFile, data: bytes) -> int:
        calls.append(1)
        if len(calls) > 3:
            raise OSError(28, "No space left on device")
        return real_write(self, data)

    monkeypatch.setattr(gzip.GzipFile, "write", full_disk)
    with pytest.raises(OSError, match="No space"):
        build([articles(tmp_path / "new.jsonl", "new", 6)], out, jobs=1, shard_size=1)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".shards.lock", "new.jsonl", "old.jsonl", "shards"]


def test_a_killed_rebuild_leaves_the_old_set_or_the_new(tmp_path: Path) -> None:
    out = tmp_path / "shards"
    build([articles(tmp_path / "old.jsonl", "old", 4)], out, jobs=1, shard_size=2)
    old = assert_consistent(out)
    known = {p for p in tmp_path.rglob("*")}
    new_src = articles(tmp_path / "new.jsonl", "new", 400)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(new_src), "-o", str(out),
                             "--shard-size", "1", "-q", "-j", "1"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:  # wait for new parts to be under way
            if sum(1 for p in tmp_path.rglob("*part-*") if p not in known) >= 3:
                break
            time.sleep(0.005)
        assert proc.poll() is None, "the build ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    ids = assert_consistent(out)
    assert ids == old or ids == [f"new-{i}" for i in range(400)]
    # the next run cleans up after the killed one and swaps in the complete new set
    build([articles(tmp_path / "new2.jsonl", "new", 3)], out, jobs=1, shard_size=1)
    assert assert_consistent(out) == ["new-0", "new-1", "new-2"]
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [".shards.lock", "new.jsonl", "new2.jsonl", "old.jsonl", "shards"]


def test_without_an_atomic_exchange_a_cut_short_swap_is_put_back(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Where renameat2 is missing the old folder is set aside, then the new one renamed in; a kill between the
    two renames leaves no folder, and the next run puts the old set back before it starts."""
    monkeypatch.setattr(writers.shards, "_exchange", lambda a, b: False)
    out = tmp_path / "shards"
    build([articles(tmp_path / "old.jsonl", "old", 3)], out, jobs=1, shard_size=2)
    build([articles(tmp_path / "new.jsonl", "new", 2)], out, jobs=1, shard_size=1)
    assert assert_consistent(out) == ["new-0", "new-1"]
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    aside = tmp_path / f".shards.kg-old-{int(dead.stdout)}-x1y2"
    os.rename(out, aside)  # as a kill between the two renames leaves it
    writers.ShardWriter(out, 1).abort()
    assert assert_consistent(out) == ["new-0", "new-1"]
    assert not aside.exists()
