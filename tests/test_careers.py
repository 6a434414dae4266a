"""People over time: ``kg timeline`` and ``kg holders`` (kg/network/careers.py, kg/network/career_plot.py).

A small dated corpus written for these tests in the style of Vietnamese political news; the names are invented.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kg.cli import main
from kg.network.careers import Tenure

ARTICLES = [
    ("c1", "2024-02-15", "Chủ tịch UBND tỉnh Quảng Bình Hoàng Minh Tuấn kiểm tra công trình đê biển tại huyện Lệ "
                         "Thủy."),
    ("c2", "2024-06-03", "Ngày 2/6/2024, Bộ Chính trị quyết định điều động ông Hoàng Minh Tuấn, Chủ tịch UBND tỉnh "
                         "Quảng Bình, giữ chức Phó Trưởng Ban Kinh tế Trung ương."),
    ("c3", "2024-06-20", "Ngày 18/6, Bộ Chính trị quyết định phân công ông Đặng Quốc Việt giữ chức Chủ tịch UBND "
                         "tỉnh Quảng Bình."),
    ("c4", "2024-09-10", "Chủ tịch UBND tỉnh Quảng Bình Đặng Quốc Việt tiếp đoàn công tác của Bộ Xây dựng. Phó "
                         "Trưởng Ban Kinh tế Trung ương Hoàng Minh Tuấn cũng có mặt."),
    ("c5", "2024-03-01", "Giám đốc Sở Y tế tỉnh Cà Mau Lê Thị Hoa kiểm tra công tác phòng dịch tại bệnh viện tỉnh."),
    ("c6", "2024-05-01", "Phó Chủ tịch HĐND tỉnh Lạng Sơn Lê Thị Hoa dự lễ khai giảng tại huyện Cao Lộc."),
    ("c7", "2024-11-05", "Nguyên Giám đốc Sở Y tế tỉnh Cà Mau Lê Thị Hoa tham dự buổi gặp mặt các thế hệ cán bộ "
                         "ngành y tế."),
]
ID = "https://w3id.org/kg-vn/id/"
TUAN, VIET = f"{ID}person/hoàng-minh-tuấn--3b5a2cb6", f"{ID}person/đặng-quốc-việt--b898f5bf"
HOA_CA_MAU, HOA_LANG_SON = f"{ID}person/lê-thị-hoa--b629df34", f"{ID}person/lê-thị-hoa--3d97df00"

TIMELINE = f"""\
Hoàng Minh Tuấn <{TUAN}>
post                                     | organization                    | start      | end        | first seen | last seen  | evidence
-----------------------------------------+---------------------------------+------------+------------+------------+------------+---------
Chủ tịch Ủy ban nhân dân tỉnh Quảng Bình | Ủy ban nhân dân tỉnh Quảng Bình |            | 2024-06-02 | 2024-02-15 | 2024-02-15 | 2
Phó Trưởng ban Ban Kinh tế Trung ương    | Ban Kinh tế Trung ương          | 2024-06-02 |            | 2024-06-03 | 2024-09-10 | 2
(2 rows)
"""  # noqa: E501


def _post(post: str, role: str, org: str, start: str | None, end: str | None, first: str, last: str, n: int,
          tenure: str, ended: bool | None = None, before: str | None = None) -> dict:
    return {"post": post, "role": role, "organization": org, "start": start, "end": end,
            "ended": bool(end or before) if ended is None else ended, "ended_before": before, "first_seen": first,
            "last_seen": last, "evidence": n, "tenure": f"{ID}tenure/{tenure}"}


CHAIRMAN = "Chủ tịch Ủy ban nhân dân tỉnh Quảng Bình"
TIMELINE_JSON = [{"person": TUAN, "name": "Hoàng Minh Tuấn", "posts": [
    _post(CHAIRMAN, "Chủ tịch", "Ủy ban nhân dân tỉnh Quảng Bình", None, "2024-06-02", "2024-02-15", "2024-02-15", 2,
          "hoàng-minh-tuấn--3b5a2cb6/chủ-tịch--7c122fb855"),
    _post("Phó Trưởng ban Ban Kinh tế Trung ương", "Phó Trưởng ban", "Ban Kinh tế Trung ương", "2024-06-02", None,
          "2024-06-03", "2024-09-10", 2, "hoàng-minh-tuấn--3b5a2cb6/phó-trưởng-ban--2200014f0e")]}]


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("careers")
    corpus = d / "in.jsonl"
    corpus.write_text("".join(json.dumps({"id": i, "date": day, "text": t}, ensure_ascii=False) + "\n"
                              for i, day, t in ARTICLES), encoding="utf-8")
    assert main(["build", str(corpus), "-o", str(d / "g.ttl"), "-q", "-j", "1"]) == 0
    return d / "g.ttl"


@pytest.fixture(scope="module")
def store(graph: Path) -> Path:
    assert main(["load", str(graph), "--store", str(graph.parent / "store")]) == 0
    return graph.parent / "store"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(list(argv))
    cap = capsys.readouterr()
    return status, cap.out, cap.err


# ------------------------------------------------------------------------------------------------ timeline


def test_timeline_prints_a_persons_posts_in_time_order(graph: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "timeline", str(graph), "Hoàng Minh Tuấn", "--width", "0") == (0, TIMELINE, "")


def test_timeline_json(graph: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "timeline", str(graph), "hoàng minh  tuấn", "--format", "json")
    assert status == 0
    assert json.loads(out) == TIMELINE_JSON


def test_a_name_without_diacritics_finds_the_person(graph: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "timeline", str(graph), "Hoang Minh Tuan", "--width", "0")
    assert (status, out) == (0, TIMELINE)


def test_a_shared_name_gives_one_block_per_person(graph: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "timeline", str(graph), "Lê Thị Hoa", "--width", "0")
    assert status == 0
    assert out == f"""\
Lê Thị Hoa <{HOA_CA_MAU}>
post                         | organization        | start | end               | first seen | last seen  | evidence
-----------------------------+---------------------+-------+-------------------+------------+------------+---------
Giám đốc Sở Y tế tỉnh Cà Mau | Sở Y tế tỉnh Cà Mau |       | before 2024-11-05 | 2024-03-01 | 2024-03-01 | 2
(1 rows)

Lê Thị Hoa <{HOA_LANG_SON}>
post                                         | organization                    | start | end | first seen | last seen  | evidence
---------------------------------------------+---------------------------------+-------+-----+------------+------------+---------
Phó Chủ tịch Hội đồng nhân dân tỉnh Lạng Sơn | Hội đồng nhân dân tỉnh Lạng Sơn |       |     | 2024-05-01 | 2024-05-01 | 1
(1 rows)
"""  # noqa: E501
    status, out, _ = run(capsys, "timeline", str(graph), "Lê Thị Hoa", "--format", "json")
    assert [(p["person"], [t["post"] for t in p["posts"]]) for p in json.loads(out)] == [
        (HOA_CA_MAU, ["Giám đốc Sở Y tế tỉnh Cà Mau"]),
        (HOA_LANG_SON, ["Phó Chủ tịch Hội đồng nhân dân tỉnh Lạng Sơn"])]
    # the end of an IRI picks one of them
    for tail in ("person/lê-thị-hoa--3d97df00", "lê-thị-hoa--3d97df00", HOA_LANG_SON):
        status, out, _ = run(capsys, "timeline", str(graph), tail, "--format", "json")
        assert [p["person"] for p in json.loads(out)] == [HOA_LANG_SON]


def test_timeline_csv(graph: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "timeline", str(graph), "Hoàng Minh Tuấn", "--format", "csv")
    assert status == 0
    assert out.splitlines() == [
        "person,name,post,role,organization,start,end,ended,ended_before,first_seen,last_seen,evidence,tenure",
        f"{TUAN},Hoàng Minh Tuấn,{CHAIRMAN},Chủ tịch,Ủy ban nhân dân tỉnh Quảng Bình,,2024-06-02,true,,2024-02-15,"
        f"2024-02-15,2,{ID}tenure/hoàng-minh-tuấn--3b5a2cb6/chủ-tịch--7c122fb855",
        f"{TUAN},Hoàng Minh Tuấn,Phó Trưởng ban Ban Kinh tế Trung ương,Phó Trưởng ban,Ban Kinh tế Trung ương,"
        f"2024-06-02,,false,,2024-06-03,2024-09-10,2,{ID}tenure/hoàng-minh-tuấn--3b5a2cb6/phó-trưởng-ban--2200014f0e"]


@pytest.mark.parametrize("suffix", [".png", ".html", ".svg"])
def test_timeline_plot_writes_the_chart(graph: Path, tmp_path: Path, suffix: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    if suffix == ".png":
        pytest.importorskip("matplotlib")
    chart = tmp_path / f"career{suffix}"
    status, out, err = run(capsys, "timeline", str(graph), "Hoàng Minh Tuấn", "--plot", str(chart), "--width", "0")
    assert (status, out) == (0, TIMELINE) and f"wrote {chart}" in err
    data = chart.read_bytes()
    if suffix == ".png":
        assert data.startswith(b"\x89PNG") and len(data) > 5000
        return
    text = data.decode("utf-8")
    assert "<script" not in text and "http://www.w3.org/2000/svg" in text and "Ban Kinh tế Trung ương" in text
    assert "https://" not in text.replace("http://www.w3.org/2000/svg", "")  # nothing to fetch when opened
    svg = text[text.index("<svg"): text.index("</svg>") + 6]
    root = ET.fromstring(svg)
    bars = [r for r in root.iter("{http://www.w3.org/2000/svg}rect")]
    assert len(bars) == 2  # one bar per tenure


def test_a_chart_of_another_kind_is_refused_before_reading(graph: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "timeline", str(graph), "Hoàng Minh Tuấn", "--plot", str(tmp_path / "c.pdf"))
    assert (status, out) == (2, "") and "c.pdf: a chart is written as .png, .html, .svg" in err


# ------------------------------------------------------------------------------------------------- holders


HOLDERS_ON = f"""\
post                                     | name           | start      | end | first seen | last seen  | evidence | person
-----------------------------------------+----------------+------------+-----+------------+------------+----------+-{"-" * len(VIET)}
Chủ tịch Ủy ban nhân dân tỉnh Quảng Bình | Đặng Quốc Việt | 2024-06-18 |     | 2024-06-20 | 2024-09-10 | 2        | {VIET}
(1 rows)
"""  # noqa: E501


def test_holders_on_a_date(graph: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "holders", str(graph), CHAIRMAN, "--on", "2024-07-01", "--width", "0") == (0, HOLDERS_ON, "")
    status, out, _ = run(capsys, "holders", str(graph), "chủ tịch UBND tỉnh Quảng Bình", "--on", "2024-07-01",
                         "--format", "json")
    assert status == 0
    assert json.loads(out) == [{
        "person": VIET, "name": "Đặng Quốc Việt", "post": CHAIRMAN, "role": "Chủ tịch",
        "organization": "Ủy ban nhân dân tỉnh Quảng Bình", "start": "2024-06-18", "end": None, "ended": False,
        "ended_before": None, "first_seen": "2024-06-20", "last_seen": "2024-09-10", "evidence": 2,
        "tenure": f"{ID}tenure/đặng-quốc-việt--b898f5bf/chủ-tịch--7c122fb855"}]


@pytest.mark.parametrize("day,names", [
    ("2024-01-01", []),  # before the first article that states the post: not known held
    ("2024-02-15", ["Hoàng Minh Tuấn"]),  # attested that day (no start given)
    ("2024-06-02", ["Hoàng Minh Tuấn"]),  # the end is the last day
    ("2024-06-10", []),  # between the transfer and the successor's appointment
    ("2024-06-18", ["Đặng Quốc Việt"]),
    ("2030-01-01", ["Đặng Quốc Việt"]),  # not known to have ended
])
def test_the_date_rule_of_a_one_holder_post(graph: Path, day: str, names: list[str],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "holders", str(graph), CHAIRMAN, "--on", day, "--format", "json")
    assert status == 0
    assert [h["name"] for h in json.loads(out)] == names
    assert ("is known to be held on" in err) == (not names)


def test_a_former_post_counts_until_the_day_an_article_calls_it_former(graph: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    def on(day: str) -> list[str]:
        status, out, _ = run(capsys, "holders", str(graph), "Sở Y tế tỉnh Cà Mau", "--on", day, "--format", "json")
        assert status == 0
        return [h["person"] for h in json.loads(out)]

    assert on("2024-11-04") == [HOA_CA_MAU]
    assert on("2024-11-05") == []


def test_holders_of_a_body_without_a_date_in_order_with_their_intervals(graph: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "holders", str(graph), "UBND tỉnh Quảng Bình", "--format", "csv")
    assert status == 0
    rows = [line.split(",")[:8] for line in out.splitlines()[1:]]
    assert rows == [[TUAN, "Hoàng Minh Tuấn", CHAIRMAN, "Chủ tịch", "Ủy ban nhân dân tỉnh Quảng Bình", "", "2024-06-02",
                     "true"],
                    [VIET, "Đặng Quốc Việt", CHAIRMAN, "Chủ tịch", "Ủy ban nhân dân tỉnh Quảng Bình", "2024-06-18", "",
                     "false"]]


def test_holders_plot_draws_the_succession(graph: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chart = tmp_path / "succession.html"
    status, _, _ = run(capsys, "holders", str(graph), "UBND tỉnh Quảng Bình", "--plot", str(chart))
    assert status == 0
    text = chart.read_text(encoding="utf-8")
    assert "Hoàng Minh Tuấn" in text and "Đặng Quốc Việt" in text and "<script" not in text


# ---------------------------------------------------------------------------------------- the starter queries


QUERIES = Path(__file__).resolve().parent.parent / "ontology" / "queries"


def sparql(capsys: pytest.CaptureFixture[str], graph: Path, name: str, *sets: str) -> list[dict[str, str]]:
    argv = ["query", str(graph), str(QUERIES / f"{name}.rq"), "--format", "json"]
    for s in sets:
        argv += ["--set", s]
    status, out, err = run(capsys, *argv)
    assert status == 0, err
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(out)["results"]["bindings"]]


@pytest.mark.parametrize("day", ["2024-01-01", "2024-02-15", "2024-03-01", "2024-06-02", "2024-06-10", "2024-07-01",
                                 "2024-11-04", "2024-11-05", "2030-01-01"])
@pytest.mark.parametrize("body", ["Ủy ban nhân dân tỉnh Quảng Bình", "Sở Y tế tỉnh Cà Mau", "Ban Kinh tế Trung ương"])
def test_holders_on_date_query_agrees_with_kg_holders(graph: Path, day: str, body: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    rows = sparql(capsys, graph, "holders-on-date", f"body={body}", f"date={day}")
    status, out, _ = run(capsys, "holders", str(graph), body, "--on", day, "--format", "json")
    assert status == 0
    assert [(r["post"], r["node"]) for r in rows] == [(h["post"], h["person"]) for h in json.loads(out)]


def test_tenures_query_agrees_with_kg_timeline(graph: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = sparql(capsys, graph, "tenures", "person=Hoàng Minh Tuấn")
    assert [(r["node"], r["post"], r.get("start"), r.get("end"), r["firstSeen"], r["lastSeen"], r["evidence"])
            for r in rows] == [(TUAN, p["post"], p["start"], p["end"], p["first_seen"], p["last_seen"],
                                str(p["evidence"])) for p in TIMELINE_JSON[0]["posts"]]


def test_personnel_changes_query_lists_the_changes_by_date(graph: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = sparql(capsys, graph, "personnel-changes")
    assert [(r["date"], r["name"], r["kind"], r.get("toPost"), r.get("fromPost"), r["article"]) for r in rows] == [
        ("2024-06-02", "Hoàng Minh Tuấn", "dieu-dong", "Phó Trưởng ban Ban Kinh tế Trung ương", CHAIRMAN, "c2"),
        ("2024-06-18", "Đặng Quốc Việt", "giao-phu-trach", CHAIRMAN, None, "c3")]


# ----------------------------------------------------------------------------------------- inputs and errors


def test_a_store_answers_as_the_graph_file_does(graph: Path, store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "timeline", "--store", str(store), "Hoàng Minh Tuấn", "--width", "0") == (0, TIMELINE, "")
    for argv in (["timeline", "Lê Thị Hoa", "--format", "json"], ["holders", "UBND tỉnh Quảng Bình", "--format", "csv"],
                 ["holders", CHAIRMAN, "--on", "2024-07-01"]):
        assert run(capsys, argv[0], "--store", str(store), *argv[1:]) == run(capsys, argv[0], str(graph), *argv[1:])


@pytest.mark.parametrize("busy_reads", [2, 3])
def test_a_store_busy_under_a_writer_is_read_again_then_reported(store: Path, busy_reads: int,
                                                                  capsys: pytest.CaptureFixture[str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer compacting the store fails a read (RocksDB's files replaced): twice is retried, three times is a
    message naming the store, never a traceback or a half answer."""
    from kg.network import careers
    from kg.publish.store import StoreBusy

    real, calls = careers.read, []

    def flaky(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) <= busy_reads:
            raise StoreBusy("IO error: No such file or directory: 000123.sst")
        return real(*args, **kwargs)

    monkeypatch.setattr(careers, "read", flaky)
    status, out, err = run(capsys, "timeline", "--store", str(store), "Hoàng Minh Tuấn", "--width", "0")
    if busy_reads < 3:
        assert (status, out, err) == (0, TIMELINE, "")
    else:
        assert (status, out) == (2, "")
        assert err == f"kg timeline: the store {store} is being written by another kg process; try again when it is " \
                      "done\n"
    assert len(calls) == min(busy_reads + 1, 3)


@pytest.mark.parametrize("verb", ["timeline", "holders"])
def test_an_unknown_name_is_exit_status_2_with_a_suggestion(graph: Path, verb: str,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    name = "Hoàng Minh Tuấm" if verb == "timeline" else "Sở Y tế tỉnh Cà Maw"
    status, out, err = run(capsys, verb, str(graph), name)
    assert (status, out) == (2, "")
    what = "no person named" if verb == "timeline" else "no post or body named"
    assert err.startswith(f"kg {verb}: {what} {name!r}") and "did you mean" in err


@pytest.mark.parametrize("verb,name", [("timeline", "Hoàng Minh Tuấn"), ("holders", CHAIRMAN)])
def test_an_unreadable_graph_is_exit_status_2_naming_the_file(tmp_path: Path, verb: str, name: str,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "broken.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    status, out, err = run(capsys, verb, str(bad), name)
    assert (status, out) == (2, "") and err.startswith(f"kg {verb}: {bad}: not valid RDF")
    status, _, err = run(capsys, verb, str(tmp_path / "missing.ttl"), name)
    assert status == 2 and "missing.ttl" in err
    status, _, err = run(capsys, verb, "--store", str(tmp_path / "nostore"), name)
    assert status == 2 and f"no store at {tmp_path / 'nostore'}" in err
    status, _, err = run(capsys, verb, name)
    assert status == 2 and "give GRAPH files, or --store DIR" in err


def test_a_bad_date_is_exit_status_2(graph: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "holders", str(graph), CHAIRMAN, "--on", "2024-02-30")
    assert status == 2 and "--on '2024-02-30': give a date as YYYY-MM-DD" in err


# ---------------------------------------------------------------------------------------------- the rule


def _tenure(**dates: str | bool | None) -> Tenure:
    return Tenure("t", "p", "N", "Post", **dates)  # type: ignore[arg-type]


@pytest.mark.parametrize("tenure,held,not_held", [
    (_tenure(start="2024-01-10", end="2024-05-01"), ["2024-01-10", "2024-05-01"], ["2024-01-09", "2024-05-02"]),
    (_tenure(first_seen="2024-03-01", last_seen="2024-04-01"), ["2024-03-01", "2030-01-01"], ["2024-02-28"]),
    (_tenure(first_seen="2024-03-01", last_seen="2024-04-01", ended=True), ["2024-04-01"], ["2024-04-02"]),
    (_tenure(first_seen="2024-03-01", ended_before="2024-06-01", ended=True), ["2024-05-31"], ["2024-06-01"]),
    (_tenure(end="2024-05-01", ended=True), [], ["2024-04-01", "2024-05-01"]),  # nothing dates its beginning
    (_tenure(), [], ["2024-01-01"]),
])
def test_held_on(tenure: Tenure, held: list[str], not_held: list[str]) -> None:
    assert all(tenure.held_on(d) for d in held)
    assert not any(tenure.held_on(d) for d in not_held)
