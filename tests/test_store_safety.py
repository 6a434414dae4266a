"""The persistent store under stress: killed writers, kg's own TriG, foreign and broken files, busy stores."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from test_scale import jsonl

from kg.cli import main
from kg.run.build import build

ROOT = Path(__file__).resolve().parent.parent
PROVINCES = ["Nam Định", "Hà Nam", "Ninh Bình", "Thái Bình", "Lào Cai", "Hải Dương", "Bắc Ninh", "Phú Thọ"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Quốc", "Hồng"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Lan", "Long", "Nam", "Phúc", "Sơn", "Tâm", "Thắng", "Tuấn"]


def person(i: int) -> str:
    return f"{FAMILY[i % 10]} {MIDDLE[(i // 10) % 6]} {GIVEN[(i // 60) % 14]}"


def article(i: int, version: int) -> tuple[str, str]:
    """Article i; version 2 of a changed article names other officials (its facts really change)."""
    k = i + 1000 * (version - 1)
    p, q = PROVINCES[i % 8], PROVINCES[(i + 3) % 8]
    text = (f"Chủ tịch UBND tỉnh {p} {person(k)} cho biết tỉnh sẽ hoàn thành kế hoạch trong năm nay. "
            f"Giám đốc Sở Y tế tỉnh {q} {person(k + 7)} dự hội nghị. "
            f"Bí thư Tỉnh ủy {p} {person(i * 3 + 1)} chủ trì buổi làm việc.")
    return f"n{i:04d}", text


def quads(store_dir: Path) -> set[str]:
    """Every quad of a store, as text (the store closed again before returning)."""
    db = ox.Store.read_only(str(store_dir))
    out = {str(q) for q in db}
    del db
    return out


def kg(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=timeout)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A store of 250 articles, and a second edition: 200 of them changed, 50 unchanged, 200 new.

    A batch of replacements, then one of new articles (``kg.publish.store.BATCH`` articles each).
    """
    d = tmp_path_factory.mktemp("corpus")
    first = jsonl(d / "first.jsonl", [article(i, 1) for i in range(250)])
    second = jsonl(d / "second.jsonl", [article(i, 2 if i < 200 else 1) for i in range(450)])
    build([first], d / "first.nt", jobs=2)
    build([second], d / "second.nt", jobs=2)
    base = d / "base-store"
    assert kg("load", str(d / "first.nt"), "--store", str(base)).returncode == 0
    return {"dir": d, "first": first, "second": second, "first.nt": d / "first.nt", "second.nt": d / "second.nt",
            "base": base}


def _wal(store: Path) -> dict[str, int]:
    """Sizes of the store's write-ahead logs: one grows when a writer commits a transaction."""
    sizes = {}
    for p in store.glob("*.log"):
        with contextlib.suppress(FileNotFoundError):  # a log the writer just retired
            sizes[p.name] = p.stat().st_size
    return sizes


def _wal_grew(store: Path, before: dict[str, int]) -> bool:
    return any(size > before.get(name, 0) for name, size in _wal(store).items())


def _killed_then_rerun(corpus: dict[str, Path], args: list[str], kills: int, seed: int) -> None:
    d = corpus["dir"]
    whole = d / f"whole-{seed}"
    shutil.copytree(corpus["base"], whole)
    start = time.monotonic()
    done = kg(*[str(whole) if a == "STORE" else a for a in args])
    seconds = time.monotonic() - start
    assert done.returncode == 0, done.stderr
    expected = quads(whole)
    assert expected != quads(corpus["base"])
    rng = random.Random(seed)
    for n in range(kills):
        store = d / f"killed-{seed}-{n}"
        shutil.copytree(corpus["base"], store)
        cmd = [sys.executable, "-m", "kg.cli", *[str(store) if a == "STORE" else a for a in args]]
        wal = _wal(store)
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if n % 2:  # every other kill: soon after the first commit, i.e. inside the replacing
            deadline = time.monotonic() + seconds
            while not _wal_grew(store, wal) and time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.005)
            time.sleep(rng.uniform(0.0, 0.5))
        else:
            time.sleep(rng.uniform(0.1, 1.0) * seconds)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        rerun = kg(*[str(store) if a == "STORE" else a for a in args])
        assert rerun.returncode == 0, rerun.stderr
        got = quads(store)
        assert got == expected, (f"kill {n}: {len(got - expected)} stale quads, {len(expected - got)} missing, "
                                 f"e.g. {sorted(got - expected)[:3]}")
        shutil.rmtree(store)


def test_a_load_killed_while_replacing_articles_leaves_nothing_stale_after_a_rerun(corpus: dict[str, Path]) -> None:
    _killed_then_rerun(corpus, ["load", str(corpus["second.nt"]), "--store", "STORE"], kills=4, seed=2)


def test_a_build_into_a_store_killed_midway_then_rerun_equals_an_uninterrupted_one(corpus: dict[str, Path]) -> None:
    _killed_then_rerun(corpus, ["build", str(corpus["second"]), "--into", "STORE", "-q", "-j", "2"], kills=2,
                       seed=7)


# a `kg` run whose store dies (SIGKILL) right after its Nth write call returns: every boundary between commits
KILL_AFTER = """
import atexit, os, signal, sys
from kg import cli
from kg.publish import store

limit, count = int(sys.argv[1]), 0
WRITES = {"add", "add_graph", "bulk_extend", "bulk_load", "clear", "clear_graph", "extend", "load", "optimize",
          "remove", "remove_graph", "update"}


class Dying:
    def __init__(self, db):
        self._db = db

    def __iter__(self):
        return iter(self._db)

    def __getattr__(self, name):
        attr = getattr(self._db, name)
        if name not in WRITES:
            return attr

        def write(*args, **kwargs):
            global count
            out = attr(*args, **kwargs)
            count += 1
            if count == limit:
                os.kill(os.getpid(), signal.SIGKILL)
            return out
        return write


opened = store.open_store
store.open_store = lambda *a, **k: Dying(opened(*a, **k))
store.BATCH = 3  # many small batches: replacements, a mixed one, new articles
atexit.register(lambda: print(f"writes {count}", file=sys.stderr))
sys.exit(cli.main(sys.argv[2:]))
"""


def test_a_load_killed_after_any_write_then_rerun_equals_an_uninterrupted_one(tmp_path: Path) -> None:
    first = [article(i, 1) for i in range(8)]
    second = [article(i, 2 if i < 6 else 1) for i in range(13)]  # 6 changed, 2 unchanged, 5 new
    build([jsonl(tmp_path / "first.jsonl", first)], tmp_path / "first.nt", jobs=1)
    build([jsonl(tmp_path / "second.jsonl", second)], tmp_path / "second.nt", jobs=1)
    base = tmp_path / "base"
    assert kg("load", str(tmp_path / "first.nt"), "--store", str(base)).returncode == 0
    whole = tmp_path / "whole"
    shutil.copytree(base, whole)
    args = ["load", str(tmp_path / "second.nt"), "--store"]
    run = subprocess.run([sys.executable, "-c", KILL_AFTER, "0", *args, str(whole)], capture_output=True,
                         text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr
    writes = int(run.stderr.rsplit("writes ", 1)[1])
    expected = quads(whole)
    assert expected != quads(base) and writes >= 5
    for n in sorted({1 + i * (writes - 1) // 11 for i in range(12)}):
        store = tmp_path / f"killed-{n}"
        shutil.copytree(base, store)
        killed = subprocess.run([sys.executable, "-c", KILL_AFTER, str(n), *args, str(store)], capture_output=True,
                                text=True, cwd=ROOT, timeout=120)
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        rerun = kg(*args, str(store))
        assert rerun.returncode == 0, rerun.stderr
        got = quads(store)
        assert got == expected, (f"killed after write {n}/{writes}: {len(got - expected)} stale quads, "
                                 f"{len(expected - got)} missing, e.g. {sorted(got - expected)[:2]}")


def test_replacing_articles_keeps_the_default_graph_the_union_of_the_article_graphs(corpus: dict[str, Path]) -> None:
    """A post held by a replaced official leaves the union unless another article still states it."""
    store = corpus["dir"] / "union"
    shutil.copytree(corpus["base"], store)
    assert kg("load", str(corpus["second.nt"]), "--store", str(store)).returncode == 0
    db = ox.Store.read_only(str(store))
    default = {str(q) for q in db.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    named = {str(ox.Quad(q.subject, q.predicate, q.object)) for q in db if q.graph_name != ox.DefaultGraph()}
    assert default == named
    holds = {str(q.subject) for q in db.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/ns/org#holds"),
                                                           None, ox.DefaultGraph())}
    def key(n: int) -> str:  # a person's IRI starts with its name (linking adds what tells namesakes apart)
        return f"<https://w3id.org/kg-vn/id/person/{person(n).lower().replace(' ', '-')}"

    assert any(h.startswith(key(1000)) for h in holds)
    assert not any(h.startswith(key(0) + ">") or h.startswith(key(0) + "--") for h in holds)


# -- point 7: kg's own TriG, foreign RDF, broken files --------------------------------------------------------

ARTICLES = [
    ("t1", "Chủ tịch UBND tỉnh Nam Định Phạm Văn An cho biết tỉnh đã giải ngân hết vốn đầu tư công."),
    ("t2", "Bộ trưởng Bộ Y tế Đào Hồng Lan ký Quyết định số 25/QĐ-BYT ngày 3/2/2025."),
    ("t3", "Bí thư Tỉnh ủy Thái Bình Ngô Đông Hải dự lễ khởi công cầu mới."),
]


def test_kg_trig_loads_like_turtle_and_reloading_skips_unchanged(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    src = jsonl(tmp_path / "a.jsonl", ARTICLES)
    build([src], tmp_path / "g.trig", jobs=1)
    build([src], tmp_path / "g.ttl", jobs=1)
    assert main(["load", str(tmp_path / "g.ttl"), "--store", str(tmp_path / "from-ttl")]) == 0
    capsys.readouterr()
    assert main(["load", str(tmp_path / "g.trig"), "--store", str(tmp_path / "from-trig")]) == 0
    assert "loaded 3 articles" in capsys.readouterr().err
    assert quads(tmp_path / "from-trig") == quads(tmp_path / "from-ttl")
    assert main(["load", str(tmp_path / "g.trig"), "--store", str(tmp_path / "from-trig")]) == 0
    err = capsys.readouterr().err
    assert "loaded 0 articles" in err and "3 unchanged" in err
    assert main(["query", "--store", str(tmp_path / "from-trig"), "--format", "json",
                 "SELECT ?n WHERE { ?p org:holds ?post ; schema:name ?n }"]) == 0
    names = {b["n"]["value"] for b in json.loads(capsys.readouterr().out)["results"]["bindings"]}
    assert names == {"Phạm Văn An", "Đào Hồng Lan", "Ngô Đông Hải"}


def test_a_foreign_rdf_file_goes_into_the_default_graph_and_says_so(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    foreign = tmp_path / "extra.ttl"
    foreign.write_text('@prefix ex: <http://example.org/> .\n'
                       'ex:tinh-nam-dinh ex:label "Nam Định"@vi ;\n    ex:population 1876000 .\n', encoding="utf-8")
    store = tmp_path / "store"
    assert main(["load", str(foreign), "--store", str(store)]) == 0
    assert "2 triples into the default graph" in capsys.readouterr().err
    assert main(["query", "--store", str(store), "--format", "json",
                 "SELECT ?l WHERE { <http://example.org/tinh-nam-dinh> <http://example.org/label> ?l }"]) == 0
    bindings = json.loads(capsys.readouterr().out)["results"]["bindings"]
    assert [b["l"]["value"] for b in bindings] == ["Nam Định"]
    nq = tmp_path / "extra.nq"
    nq.write_text('<http://example.org/a> <http://example.org/p> "x" <http://example.org/g> .\n', encoding="utf-8")
    assert main(["load", str(nq), "--store", str(store)]) == 0
    assert "1 triples into the default graph" in capsys.readouterr().err
    assert "<http://example.org/a> <http://example.org/p> \"x\"" in "\n".join(quads(store))
    assert not list(ox.Store.read_only(str(store)).named_graphs())


@pytest.mark.parametrize("name", ["g.ttl", "g.nt", "g.trig", "g.nt.gz"])
def test_a_truncated_file_is_reported_with_file_and_line_and_the_store_is_unchanged(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    plain = name.removesuffix(".gz")
    build([jsonl(tmp_path / "a.jsonl", ARTICLES[:1])], tmp_path / f"first{Path(plain).suffix}", jobs=1)
    store = tmp_path / "store"
    assert main(["load", str(tmp_path / f"first{Path(plain).suffix}"), "--store", str(store)]) == 0
    before = quads(store)
    build([jsonl(tmp_path / "b.jsonl", [ARTICLES[0], *ARTICLES[1:]])], tmp_path / plain, jobs=1)
    data = (tmp_path / plain).read_bytes()
    cut = data[: len(data) * 2 // 3]
    cut = cut[: cut.rindex(b"<https://") + 12]  # inside an IRI, mid-line
    broken = tmp_path / name
    if name.endswith(".gz"):
        whole = gzip.compress(data)
        broken.write_bytes(whole[: len(whole) - 40])  # a download cut short
    else:
        broken.write_bytes(cut)
    capsys.readouterr()
    assert main(["load", str(broken), "--store", str(store)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kg load: {broken} line "), err
    assert "Traceback" not in err and len(err.splitlines()) == 1
    line = int(err.split(" line ", 1)[1].split(":", 1)[0])
    assert 1 < line <= data.count(b"\n") + 1
    assert quads(store) == before


@pytest.mark.parametrize("name", ["g.ttl", "g.nt", "g.trig"])
def test_a_file_cut_at_a_line_break_still_parses_yet_is_refused_as_cut_short(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    """What is left of a file cut at a line break is valid RDF: only kg's closing line tells it lost a block's tail,
    and neither ``kg load`` nor ``--into`` may take the half article for the whole."""
    whole = tmp_path / f"whole{Path(name).suffix}"
    build([jsonl(tmp_path / "b.jsonl", ARTICLES)], whole, jobs=1)
    data = whole.read_bytes()
    assert data.endswith(f"# end of kg graph: {len(ARTICLES)} articles\n".encode())
    lines = data.splitlines(keepends=True)
    last = max(i for i, line in enumerate(lines) if line.startswith(b"# article "))
    fmt = ox.RdfFormat.from_extension(Path(name).suffix[1:])

    def parses(text: bytes) -> bool:
        try:
            return bool(list(ox.parse(text, format=fmt)))
        except SyntaxError:
            return False

    # the longest cut at a line break, short of the closing line, that still parses (inside the last block in
    # Turtle and N-Triples, after its closing brace in TriG)
    keep = next(i for i in range(len(lines) - 1, last + 1, -1) if parses(b"".join(lines[:i])))
    broken = tmp_path / name
    broken.write_bytes(b"".join(lines[:keep]))
    store = tmp_path / "store"
    assert main(["load", str(broken), "--store", str(store)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kg load: {broken} line {keep}: the file ends without kg's closing line "
                          f"(in the block of article {ARTICLES[-1][0]}): the file was cut short"), err
    assert not store.exists()
    assert main(["build", str(jsonl(tmp_path / "c.jsonl", ARTICLES[:1])), "--into", str(broken), "-q"]) == 2
    assert "cut short" in capsys.readouterr().err
    assert broken.read_bytes() == b"".join(lines[:keep])
    parts = [tmp_path / f"one{Path(name).suffix}", tmp_path / f"two{Path(name).suffix}"]
    build([jsonl(tmp_path / "1.jsonl", ARTICLES[:1])], parts[0], jobs=1)
    build([jsonl(tmp_path / "2.jsonl", ARTICLES[1:])], parts[1], jobs=1)
    joined = tmp_path / name  # two whole files end to end: each closes its own blocks
    joined.write_bytes(parts[0].read_bytes() + parts[1].read_bytes())
    assert main(["load", str(joined), "--store", str(store)]) == 0
    assert f"loaded {len(ARTICLES)} articles" in capsys.readouterr().err


def test_a_missing_store_is_not_created_by_a_load_of_a_broken_file(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "x.nt"
    broken.write_text('<http://example.org/a> <http://example.org/p> "unterminated .\n', encoding="utf-8")
    assert main(["load", str(broken), "--store", str(tmp_path / "store")]) == 2
    assert f"kg load: {broken} line 1:" in capsys.readouterr().err
    assert not (tmp_path / "store").exists()


# -- point 11: busy stores --------------------------------------------------------------------------------------

WRITER = """
import sys, time, pyoxigraph as ox
st = ox.Store(sys.argv[1])
print("open", flush=True)
i, end = 0, time.monotonic() + float(sys.argv[2])
while time.monotonic() < end:
    st.bulk_extend(ox.Quad(ox.NamedNode(f"http://example.org/s{i}_{j}"), ox.NamedNode("http://example.org/p"),
                           ox.Literal(str(j)), ox.NamedNode(f"http://example.org/g{i}")) for j in range(2000))
    i += 1
    if i % 4 == 0:
        st.optimize()
"""


def _writer(store: Path, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(store), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline() == "open\n"
    return proc


def test_a_second_writer_gets_a_clear_message_not_a_lock_error(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    graph = tmp_path / "g.nt"
    build([jsonl(tmp_path / "a.jsonl", ARTICLES)], graph, jobs=1)
    store = tmp_path / "store"
    writer = _writer(store, 6)
    try:
        assert main(["load", str(graph), "--store", str(store)]) == 2
        err = capsys.readouterr().err
        assert "LOCK" not in err and "Resource temporarily unavailable" not in err
        assert f"kg load: the store {store} is in use by another kg process" in err
        assert main(["build", str(tmp_path / "a.jsonl"), "--into", str(store), "-q", "-j", "1"]) == 2
        assert f"kg build: the store {store} is in use by another kg process" in capsys.readouterr().err
    finally:
        writer.kill()
        writer.wait()


def test_a_query_meeting_a_store_being_written_never_reports_corruption(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    writer = _writer(store, 8)
    answers = 0
    try:
        while writer.poll() is None:
            code = main(["query", "--store", str(store), "--format", "csv",
                         "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"])
            captured = capsys.readouterr()
            assert "Corruption" not in captured.err and ".sst" not in captured.err, captured.err
            if code == 0:
                answers += 1
            else:
                assert code == 2
                assert captured.err.strip() == (f"kg query: the store {store} is being written by another kg "
                                                "process; try again when it is done")
    finally:
        writer.kill()
        writer.wait()
    assert answers > 0
    assert os.path.isdir(store)
