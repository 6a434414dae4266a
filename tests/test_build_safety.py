"""`kg build` never makes an output worse: empty builds, foreign or damaged `--into` targets, concurrent runs,
signals, file modes, honest summary counts, and the graph on stdout."""

from __future__ import annotations

import fcntl
import os
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import RDF, Dataset, Graph, Namespace

from kg.cli import main
from kg.run.build import build
from tests.test_scale import ARTICLES, jsonl, parsed

SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
KG = [sys.executable, "-m", "kg.cli"]
ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}

PROVINCES = ["Nam Định", "Hà Nam", "Ninh Bình", "Thái Bình", "Bắc Ninh", "Hưng Yên", "Nghệ An", "Quảng Trị"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Minh", "Quốc", "Đức", "Thanh"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Long", "Nam", "Sơn", "Tâm"]


def many(n: int, start: int = 0) -> list[tuple[str, str]]:
    """``n`` short articles of our own, each naming a chairman and a document; the 40 chairmen recur."""
    rows = []
    for i in range(start, start + n):
        name = f"{FAMILY[i % 8]} {MIDDLE[i // 8 % 5]} {GIVEN[i % 40 % 10]}"  # 40 people, again and again
        province = PROVINCES[i % len(PROVINCES)]
        rows.append((f"m{i}", f"Chủ tịch UBND tỉnh {province} {name} cho biết tỉnh đã ban hành Quyết định số "
                              f"{i + 1}/QĐ-UBND ngày 3/4/2025 về kế hoạch phát triển kinh tế năm 2025."))
    return rows


def temps(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.tmp"))


def kg(*args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KG, *args], capture_output=True, text=True, env=ENV, timeout=300, **kw)  # type: ignore


# -- 1. a build that produces nothing never replaces an output ------------------------------------------

@pytest.fixture
def graph(tmp_path: Path) -> Path:
    out = tmp_path / "graph.ttl"
    assert main(["build", str(jsonl(tmp_path / "first.jsonl", ARTICLES)), "-o", str(out), "-q"]) == 0
    return out


def test_build_of_only_missing_inputs_keeps_the_old_graph(graph: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = graph.read_bytes()
    status = main(["build", str(graph.parent / "typo*.jsonl"), "-o", str(graph), "-q"])
    err = capsys.readouterr().err
    assert status != 0
    assert graph.read_bytes() == before
    assert "no article was built; " + str(graph) + " left as it was" in err
    assert not temps(graph.parent)


def test_build_of_only_failing_or_empty_inputs_keeps_the_old_graph(graph: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    before = graph.read_bytes()
    (graph.parent / "empty.txt").write_text("  \n", encoding="utf-8")
    (graph.parent / "broken.jsonl").write_text("{not json\n", encoding="utf-8")
    (graph.parent / "nothing.jsonl").write_text("", encoding="utf-8")
    for inputs in (["empty.txt", "broken.jsonl"], ["nothing.jsonl"]):
        status = main(["build", *(str(graph.parent / i) for i in inputs), "-o", str(graph), "-q"])
        assert status != 0
        assert graph.read_bytes() == before
    status = main(["build", str(graph.parent / "missing.jsonl"), "--into", str(graph), "-q"])
    assert status != 0 and graph.read_bytes() == before
    for fmt in ("nt", "jsonld"):  # nor is a new empty file written
        assert main(["build", str(graph.parent / "broken.jsonl"), "-o", str(graph.parent / f"new.{fmt}")]) != 0
        assert not (graph.parent / f"new.{fmt}").exists()
    capsys.readouterr()


def test_partly_failing_build_still_writes_the_good_articles(graph: Path) -> None:
    (graph.parent / "broken.jsonl").write_text("{not json\n", encoding="utf-8")
    fresh = jsonl(graph.parent / "fresh.jsonl", [("b1", "Bí thư Tỉnh ủy Hà Nam Lê Thị Thủy dự hội nghị.")])
    assert main(["build", str(fresh), str(graph.parent / "broken.jsonl"), "-o", str(graph), "-q"]) == 1
    assert "Lê Thị Thủy" in {str(o) for o in parsed(graph).objects(None, SCHEMA.name)}


# -- 4. --into never destroys what it cannot update ------------------------------------------------------

def _refused(target: Path, capsys: pytest.CaptureFixture[str], *words: str) -> None:
    before = target.read_bytes()
    status = main(["build", str(jsonl(target.parent / "new.jsonl", ARTICLES[3:])), "--into", str(target), "-q"])
    err = capsys.readouterr().err
    assert status == 2, err
    assert target.read_bytes() == before
    for word in words:
        assert word in err, err
    assert not temps(target.parent)


def test_into_jsonld_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "graph.jsonld"
    assert main(["build", str(jsonl(tmp_path / "a.jsonl", ARTICLES[:3])), "-o", str(out), "-q"]) == 0
    _refused(out, capsys, "graph.jsonld", "JSON-LD")


def test_into_a_turtle_file_kg_did_not_write_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mine.ttl"
    out.write_text("@prefix ex: <http://example.org/> .\n\nex:a ex:knows ex:b .\nex:b ex:knows ex:c .\n",
                   encoding="utf-8")
    _refused(out, capsys, "mine.ttl", "not written by kg")


def test_into_a_kg_file_with_foreign_triples_before_the_articles_is_refused(
        graph: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = graph.read_text(encoding="utf-8")
    head, rest = text.split("# article ", 1)
    graph.write_text(head + "<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n\n# article "
                     + rest, encoding="utf-8")
    _refused(graph, capsys, "graph.ttl", "not written by kg")


def test_into_a_damaged_block_is_refused_naming_the_article(graph: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = graph.read_text(encoding="utf-8")
    start = text.index("# article a2\n")
    cut = text.index(" .\n", start)
    graph.write_text(text[:cut] + " ;;; <broken\n" + text[cut:], encoding="utf-8")
    _refused(graph, capsys, "graph.ttl", "a2", "does not parse")


def test_into_a_file_holding_one_article_twice_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "g.nt"
    assert main(["build", str(jsonl(tmp_path / "a.jsonl", ARTICLES[:2])), "-o", str(out), "-q"]) == 0
    out.write_text(out.read_text(encoding="utf-8") * 2, encoding="utf-8")
    _refused(out, capsys, "g.nt", "a1", "twice")


def test_into_an_ordinary_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "holiday.jpg").write_bytes(b"\xff\xd8\xff")
    status = main(["build", str(jsonl(tmp_path / "a.jsonl", ARTICLES[:1])), "--into", str(folder), "-q"])
    err = capsys.readouterr().err
    assert status == 2
    assert "not an Oxigraph store" in err and "photos" in err
    assert sorted(p.name for p in folder.iterdir()) == ["holiday.jpg"]


def test_into_an_empty_folder_becomes_a_store_and_a_store_is_updated(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    folder.mkdir()
    assert main(["build", str(jsonl(tmp_path / "a.jsonl", ARTICLES[:2])), "--into", str(folder), "-q"]) == 0
    assert main(["build", str(jsonl(tmp_path / "b.jsonl", ARTICLES[2:])), "--into", str(folder), "-q"]) == 0
    from kg.publish import store

    rows = store.query(store.open_store(folder, read_only=True),
                       "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }")[1]
    assert rows == [["5"]]


# -- 5. two runs at once never lose one's articles ----------------------------------------------------------

def test_into_a_file_being_updated_by_another_process_is_refused(graph: Path) -> None:
    before = graph.read_bytes()
    lock = graph.parent / ".graph.ttl.lock"
    with open(lock, "a") as fh:  # what a running kg holds
        fcntl.flock(fh, fcntl.LOCK_EX)
        run = kg("build", str(jsonl(graph.parent / "b.jsonl", ARTICLES[:1])), "--into", str(graph), "-q", "-j", "1")
    assert run.returncode == 2
    assert "graph.ttl is being updated by another kg process" in run.stderr
    assert graph.read_bytes() == before and not temps(graph.parent)


def test_a_shard_folder_being_written_by_another_process_is_refused(tmp_path: Path) -> None:
    shards = tmp_path / "shards"
    source = jsonl(tmp_path / "a.jsonl", ARTICLES[:2])
    assert kg("build", str(source), "-o", str(shards), "--shard-size", "1", "-q", "-j", "1").returncode == 0
    before = sorted((p.name, p.read_bytes()) for p in shards.iterdir())
    with open(tmp_path / ".shards.lock", "a") as fh:  # what a running kg holds
        fcntl.flock(fh, fcntl.LOCK_EX)
        run = kg("build", str(jsonl(tmp_path / "b.jsonl", ARTICLES[2:])), "-o", str(shards), "--shard-size", "1",
                 "-q", "-j", "1")
    assert run.returncode == 2 and "shards is being updated by another kg process" in run.stderr
    assert sorted((p.name, p.read_bytes()) for p in shards.iterdir()) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".shards.kg-")] == []


def test_two_into_runs_at_once_never_lose_articles_silently(tmp_path: Path) -> None:
    out = tmp_path / "graph.nt"
    assert main(["build", str(jsonl(tmp_path / "seed.jsonl", ARTICLES)), "-o", str(out), "-q"]) == 0
    batches = [jsonl(tmp_path / "one.jsonl", many(60, 0)), jsonl(tmp_path / "two.jsonl", many(60, 100))]
    runs = [subprocess.Popen([*KG, "build", str(b), "--into", str(out), "-q", "-j", "1"], env=ENV, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE) for b in batches]
    results = [(r.wait(timeout=300), r.stderr.read()) for r in runs]  # type: ignore[union-attr]
    for r in runs:
        r.stderr.close()  # type: ignore[union-attr]
        r.stdout.close()  # type: ignore[union-attr]
    ids = {str(o) for o in parsed(out).objects(None, SCHEMA.identifier)}
    assert {a for a, _ in ARTICLES} <= ids
    for (status, err), rows in zip(results, (many(60, 0), many(60, 100)), strict=True):
        if status == 0:
            assert {a for a, _ in rows} <= ids  # a run that says it succeeded kept every article
        else:
            assert status == 2 and "is being updated by another kg process" in err, err
    assert any(status == 0 for status, _ in results)


# -- 11. SIGTERM is handled like SIGINT ------------------------------------------------------------------------

@pytest.mark.parametrize(("signum", "group"), [(signal.SIGTERM, False), (signal.SIGTERM, True), (signal.SIGINT, True)],
                         ids=["kill-pid", "kill-group", "ctrl-c"])
def test_signals_mid_build_leave_no_temp_files_and_the_old_output(graph: Path, signum: int, group: bool) -> None:
    before = graph.read_bytes()
    src = jsonl(graph.parent / "big.jsonl", many(3000))
    run = subprocess.Popen([*KG, "build", str(src), "-o", str(graph), "-q", "-j", "2"], env=ENV, text=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    while not temps(graph.parent) and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # the workers are busy now
    assert run.poll() is None, "the build ended before it could be stopped"
    if group:  # as a terminal's Ctrl-C or `kill -TERM -PGID` do: the workers get it too
        os.killpg(run.pid, signum)
    else:
        run.send_signal(signum)
    status = run.wait(timeout=60)
    err = run.stderr.read()  # type: ignore[union-attr]
    run.stderr.close()  # type: ignore[union-attr]
    assert status == 128 + signum, err
    assert "Traceback" not in err, err
    assert graph.read_bytes() == before
    assert not temps(graph.parent)
    time.sleep(0.5)
    with pytest.raises(ProcessLookupError):  # no worker outlives the build
        os.killpg(run.pid, 0)


def test_stale_temp_files_of_a_killed_run_are_swept_by_the_next_build(graph: Path) -> None:
    stale = graph.parent / ".graph.ttl.k3j_x9ab.tmp"
    stale.write_text("half a graph", encoding="utf-8")
    other = graph.parent / ".other.ttl.k3j_x9ab.tmp"  # another output's: not ours to remove
    other.write_text("half another graph", encoding="utf-8")
    assert main(["build", str(jsonl(graph.parent / "b.jsonl", ARTICLES[:2])), "--into", str(graph), "-q"]) == 0
    assert not stale.exists() and other.exists()


# -- 12. output files honour the umask; --into keeps the mode ----------------------------------------------------

@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640)])
def test_outputs_honour_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    old = os.umask(umask)
    try:
        for name in ("g.ttl", "g.nt", "g.trig", "g.jsonld"):
            assert main(["build", str(jsonl(tmp_path / "a.jsonl", ARTICLES[:2])), "-o", str(tmp_path / name),
                         "-q"]) == 0
            assert stat.S_IMODE((tmp_path / name).stat().st_mode) == mode, name
        from kg.publish.writers import atomic_open

        fh, tmp = atomic_open(tmp_path / "part-00000.nt.gz", binary=True)  # shards are written through it too
        fh.close()
        assert stat.S_IMODE(os.stat(tmp).st_mode) == mode
    finally:
        os.umask(old)


def test_into_keeps_the_mode_of_the_existing_file(graph: Path) -> None:
    graph.chmod(0o664)
    assert main(["build", str(jsonl(graph.parent / "b.jsonl", ARTICLES[:1] + many(2))), "--into", str(graph),
                 "-q"]) == 0
    assert stat.S_IMODE(graph.stat().st_mode) == 0o664


# -- 15. the summary counts the output, and its time includes start-up ---------------------------------------

def _distinct(g: Graph) -> dict[str, int]:
    return {"persons": len(set(g.subjects(RDF.type, SCHEMA.Person))),
            "posts": len(set(g.subjects(RDF.type, ORG.Post))),
            "documents": len(set(g.subjects(RDF.type, ELI.LegalResource))),
            "triples": len(g)}


def _said(err: str) -> dict[str, int]:
    return {k: int(v) for k, v in re.findall(r"\b(persons|posts|documents|triples) (\d+)", err)}


@pytest.mark.parametrize("ext", [".ttl", ".nt", ".trig"])
def test_summary_counts_distinct_things_of_the_output(tmp_path: Path, ext: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"g{ext}"
    rows = many(90)  # 90 articles, 40 distinct chairmen, the same posts again and again
    summary = build([jsonl(tmp_path / "a.jsonl", rows)], out, jobs=2)
    g = parsed(out)
    want = _distinct(g)
    assert want["persons"] == 40 and want["posts"] < 90  # the input does repeat them
    assert {k: getattr(summary, k) for k in want} == want

    more = [*many(30, 80), ("m3", "Phó Thủ tướng Trần Hồng Hà làm việc với tỉnh Lào Cai.")]  # 10 known, 1 changed
    assert main(["build", str(jsonl(tmp_path / "b.jsonl", more)), "--into", str(out), "-q", "-j", "2"]) == 0
    err = capsys.readouterr().err
    assert _said(err) == _distinct(parsed(out))
    assert "unchanged 10" in err


def test_summary_time_includes_start_up(tmp_path: Path) -> None:
    src = jsonl(tmp_path / "a.jsonl", ARTICLES[:1])
    script = ("import sys, time; began = time.monotonic(); from kg.cli import main; "
              f"status = main(['build', {str(src)!r}, '-o', {str(tmp_path / 'g.ttl')!r}, '-q', '-j', '1']); "
              "print('elapsed', time.monotonic() - began, file=sys.stderr); sys.exit(status)")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=ENV, timeout=300)
    assert run.returncode == 0, run.stderr
    seconds = float(re.search(r"in (\d+\.\d) s", run.stderr).group(1))  # type: ignore[union-attr]
    elapsed = float(re.search(r"elapsed (\S+)", run.stderr).group(1))  # type: ignore[union-attr]
    assert seconds >= elapsed - 0.4, (seconds, elapsed)  # imports and model loading (seconds) are counted


# -- 14. the graph on stdout --------------------------------------------------------------------------------------

def test_build_to_stdout_writes_n_triples_or_the_format_asked(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    src = jsonl(tmp_path / "a.jsonl", ARTICLES)
    assert main(["build", str(src), "-o", str(tmp_path / "g.nt"), "-q"]) == 0
    capsys.readouterr()
    assert main(["build", str(src), "-o", "-", "-q"]) == 0
    out = capsys.readouterr().out
    assert out == (tmp_path / "g.nt").read_text(encoding="utf-8")
    for fmt, rdflib_fmt in (("ttl", "turtle"), ("trig", "trig")):
        assert main(["build", str(src), "-o", "-", "--format", fmt, "-q"]) == 0
        g = Dataset(default_union=True) if fmt == "trig" else Graph()
        g.parse(data=capsys.readouterr().out, format=rdflib_fmt)
        assert set(g.triples((None, None, None))) == set(parsed(tmp_path / "g.nt"))
    assert not (Path.cwd() / "-").exists() and not list(tmp_path.glob(".-*"))


def test_build_to_a_closed_pipe_stops_quietly(tmp_path: Path) -> None:
    src = jsonl(tmp_path / "a.jsonl", many(400))
    run = subprocess.Popen([*KG, "build", str(src), "-o", "-", "-q", "-j", "2"], env=ENV, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, start_new_session=True)
    first = run.stdout.readline()  # type: ignore[union-attr]
    run.stdout.close()  # type: ignore[union-attr]  # like `| head -1`
    status = run.wait(timeout=120)
    err = run.stderr.read().decode("utf-8")  # type: ignore[union-attr]
    run.stderr.close()  # type: ignore[union-attr]
    assert first.startswith(b"# article ")
    assert status != 0
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    time.sleep(0.5)
    with pytest.raises(ProcessLookupError):
        os.killpg(run.pid, 0)


def test_triple_hashes_agree_across_processes() -> None:
    """The summary's distinct counts join hashes made in workers and in the parent: they must be stable."""
    code = ("import pyoxigraph as ox; print(hash(next(iter(ox.parse("
            "'<https://w3id.org/kg-vn/id/person/lê-thị-thủy> <https://schema.org/name> \"Lê Thị Thủy\" .', "
            "format=ox.RdfFormat.N_TRIPLES)))))")
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                           env={**ENV, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(seen) == 1 and seen != {""}
