"""The HTML view is safe for any label and honest about what it draws; paths and rankings leave out article
mentions and credits unless asked (kg.network.export, kg.network.structural, the network verbs, the notebook)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Literal
from test_network import ID, SCHEMA, Builder

from kg import network
from kg.cli import main
from kg.network import cooccurrence, entity_graph
from kg.network.export import to_html

ATTACK = "</script><script>alert(1)</script>"
COMMENT = "<!-- Bí thư <script> Nguyễn Văn B"
SEPARATORS = "Phạm Văn A\u2028Chủ tịch\u2029UBND & <b>Nam Định</b>"


class Page(HTMLParser):
    """What a browser would see of a page: its script elements, title text, and the legend's coloured spans."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.title = ""
        self.header = ""
        self.legend: list[tuple[str, str]] = []  # (colour, text)
        self._in: list[str] = []
        self._span: str | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in.append(tag)
        if tag == "script":
            self.scripts.append((dict(attrs), ""))
        style = dict(attrs).get("style") or ""
        if tag == "span" and "color:" in style:
            self._span = style.split("color:", 1)[1].split(";")[0].strip()
            self.legend.append((self._span, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in self._in:
            while self._in.pop() != tag:
                pass
        if tag == "span":
            self._span = None

    def handle_data(self, data: str) -> None:
        where = self._in[-1] if self._in else ""
        if where == "script":
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        elif where == "title":
            self.title += data
        if "header" in self._in:
            self.header += data
        if self._span is not None:
            colour, text = self.legend[-1]
            self.legend[-1] = (colour, text + data)

    def payload(self) -> dict:
        found = [text for attrs, text in self.scripts if attrs.get("type") == "application/json"]
        assert len(found) == 1, "the page carries its data in one JSON script element"
        return json.loads(found[0])


def _hostile_graph() -> nx.MultiDiGraph:
    b = Builder()
    org = b.org("ubnd-tinh-nam-dinh", "Ủy ban nhân dân tỉnh Nam Định")
    for slug, name in (("attack", ATTACK), ("comment", COMMENT), ("separators", SEPARATORS)):
        person = b.person(slug, name)
        b.post(person, "Chủ tịch", org)
    return entity_graph(b.g)


def test_labels_can_neither_close_the_script_nor_break_the_js() -> None:
    G = _hostile_graph()
    page_text = to_html(G, title="</title><script>alert('t')</script> & Nam Định")
    page = Page(page_text)
    assert len(page.scripts) == 3  # the vis library, the data, the code that draws it
    assert [a.get("type") for a, _ in page.scripts].count("application/json") == 1
    data_text = next(text for attrs, text in page.scripts if attrs.get("type") == "application/json")
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in data_text, f"{raw!r} must be written as a \\u escape in the embedded JSON"
    assert "\\u003c/script\\u003e" in data_text
    code = page.scripts[-1][1]
    assert "alert" not in code and "Nam Định" not in code  # the code reads the data; it embeds no label
    labels = {n["title"].split("\n")[0] for n in page.payload()["nodes"]}
    assert {ATTACK, COMMENT, SEPARATORS} <= labels  # every label round-trips to exactly what the graph says
    assert page.title == "</title><script>alert('t')</script> & Nam Định"


def test_node_colours_are_the_legend_colours() -> None:
    G = entity_graph(Builder().g)
    G.add_node("p", type="Person", label="Trần Văn A")
    G.add_node("o", type="Organization", label="Sở Tài chính tỉnh Nam Định")
    G.add_node("x", type="Place", label="Nam Định")  # a type the palette does not know
    G.add_node("y", label="không rõ loại")  # and one without a type
    G.add_edges_from([("p", "o"), ("o", "x"), ("x", "y")])
    page = Page(to_html(G))
    legend = {text.replace("\u25cf", "").strip(): colour for colour, text in page.legend}
    data = page.payload()
    drawn = {n["group"] for n in data["nodes"]}
    assert drawn == {"Person", "Organization", "Place", ""}
    for n in data["nodes"]:
        kind = n["group"] or "(no type)"
        assert legend[kind] == n["color"], kind
        if n["group"]:  # vis colours a node by its group unless told: the groups carry the same colour
            assert data["groups"][n["group"]]["color"]["background"] == n["color"]
    assert len(set(legend.values())) == len(legend)  # each type its own colour


def _two_parts() -> nx.Graph:
    """A hub with five posts around it, and a separate triangle (whose nodes have degree 2)."""
    G = nx.Graph()
    G.add_node("hub", type="Person", label="Nguyễn Văn Hùng")
    for i in range(5):
        G.add_node(f"post{i}", type="Post", label=f"Chức vụ {i}")
        G.add_edge("hub", f"post{i}")
    for n in ("a", "b", "c"):
        G.add_node(n, type="Organization", label=f"Sở {n}")
    G.add_edges_from([("a", "b"), ("b", "c"), ("c", "a")])
    return G


def test_the_page_says_how_many_of_the_graphs_nodes_it_draws() -> None:
    G = _two_parts()
    page = Page(to_html(G, max_nodes=4))
    assert "drawing 4 of 9 nodes (the largest connected part)" in page.header
    drawn = {n["title"].split("\n")[-1] for n in page.payload()["nodes"]}
    assert "hub" in drawn and len(drawn) == 4
    assert nx.is_connected(G.subgraph(drawn))  # a connected part, not the top degrees scattered over parts
    everything = Page(to_html(G))
    assert "all 9 nodes" in everything.header and len(everything.payload()["nodes"]) == 9


# --- the verbs -----------------------------------------------------------------------------------------------


def _newsroom() -> Builder:
    """Three leaders of Nam Định with posts, and a photographer credited (and so mentioned) on many articles."""
    b = Builder()
    ubnd = b.org("ubnd-tinh-nam-dinh", "Ủy ban nhân dân tỉnh Nam Định", "UBND tỉnh Nam Định")
    tu = b.org("tinh-uy-nam-dinh", "Tỉnh ủy Nam Định")
    a = b.person("pham-van-a", "Phạm Văn A")
    c = b.person("tran-thi-c", "Trần Thị C")
    d = b.person("le-van-d", "Lê Văn D")
    b.post(a, "Chủ tịch", ubnd)
    b.post(c, "Phó Chủ tịch", ubnd)
    b.post(d, "Bí thư", tu)
    photographer = b.person("van-dung", "Văn Dũng")
    for i in range(8):
        leader = (a, c, d)[i % 3]
        art = b.article(f"nd{i}", leader, photographer, headline=f"Nam Định triển khai nhiệm vụ {i}")
        image = ID[f"image/nd{i}/1"]
        b.g.add((art, SCHEMA.associatedMedia, image))
        b.g.add((image, SCHEMA.creator, photographer))
    writer = b.person("thu-ha", "Thu Hà")
    art = b.article("nd-byline", a, d, writer)
    b.g.add((art, SCHEMA.author, writer))
    b.g.add((art, SCHEMA.publisher, ID["org/bao-nam-dinh"]))
    b.g.add((ID["org/bao-nam-dinh"], SCHEMA.name, Literal("Báo Nam Định")))
    return b


def test_structural_view_leaves_out_mentions_and_credits() -> None:
    G = entity_graph(_newsroom().g)
    relations = {r for *_, r in G.edges(keys=True)}
    assert {"mentions", "photo-by", "author"} <= relations
    S = network.structural(G)
    assert {r for *_, r in S.edges(keys=True)} == {"holds", "role", "post-in"}
    assert str(ID["person/van-dung"]) not in S and not any(t == "Article" for _, t in S.nodes(data="type"))
    assert set(G) - set(S) == {n for n, t in G.nodes(data="type") if t == "Article"} | {
        str(ID["person/van-dung"]), str(ID["person/thu-ha"])}
    M = network.structural(G, with_mentions=True)  # a credit is not a mention: the credited persons are still left out
    assert {r for *_, r in M.edges(keys=True)} == {"holds", "role", "post-in", "mentions"}
    assert str(ID["person/van-dung"]) not in M
    assert M.has_edge(str(ID["article/nd-byline"]), str(ID["person/le-van-d"]))
    assert network.structural(G, with_mentions=True, with_credits=True).number_of_edges() == G.number_of_edges()
    assert G.number_of_edges() > S.number_of_edges()  # the graph given is untouched


@pytest.fixture()
def newsroom_file(tmp_path: Path) -> Path:
    path = tmp_path / "nam-dinh.ttl"
    _newsroom().g.serialize(path, format="turtle")
    return path


def test_cli_centrality_ranks_without_credits_unless_asked(newsroom_file: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    def top(*extra: str) -> list[str]:
        assert main(["centrality", str(newsroom_file), "--type", "Person", "--format", "json", *extra]) == 0
        return [r["label"] for r in json.loads(capsys.readouterr().out)]

    assert top()[0] != "Văn Dũng" and "Văn Dũng" not in top() and "Thu Hà" not in top()
    assert top("--with-mentions", "--with-credits")[0] == "Văn Dũng"  # eight photo credits make a hub
    assert "Văn Dũng" not in top("--with-mentions")
    assert main(["centrality", str(newsroom_file), "--projection", "cooccurrence", "--measure", "degree",
                 "--format", "json"]) == 0  # the co-occurrence projection is still built from the mentions
    assert any(float(r["degree"]) > 0 for r in json.loads(capsys.readouterr().out))


def test_cli_path_goes_through_posts_not_articles_unless_asked(newsroom_file: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["path", str(newsroom_file), "Phạm Văn A", "Lê Văn D"]) == 1  # posts in different bodies
    err = capsys.readouterr().err
    assert "no path between 'Phạm Văn A' and 'Lê Văn D'" in err and "--with-mentions" in err
    assert main(["path", str(newsroom_file), "Phạm Văn A", "Trần Thị C"]) == 0
    out = capsys.readouterr().out
    assert "mentions" not in out and "photo-by" not in out and "—holds→" in out
    assert main(["path", str(newsroom_file), "Phạm Văn A", "Lê Văn D", "--with-mentions"]) == 0
    assert "mentions" in capsys.readouterr().out
    assert main(["path", str(newsroom_file), "Phạm Văn A", "Văn Dũng"]) == 1  # known, but only as a credit
    assert "no path between 'Phạm Văn A' and 'Văn Dũng'" in capsys.readouterr().err
    assert main(["path", str(newsroom_file), "Phạm Văn A", "Văn Dũng", "--with-mentions", "--with-credits"]) == 0


def test_cli_export_and_ego_say_how_many_nodes_they_draw(newsroom_file: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    total = entity_graph(newsroom_file).number_of_nodes()
    assert main(["export", str(newsroom_file), "-o", str(tmp_path / "g.html"), "--max-nodes", "5"]) == 0
    err = capsys.readouterr().err
    assert f"drawing 5 of {total:,} nodes" in err
    assert f"drawing 5 of {total:,} nodes" in Page((tmp_path / "g.html").read_text(encoding="utf-8")).header
    assert main(["ego", str(newsroom_file), "Phạm Văn A", "-o", str(tmp_path / "around.html")]) == 0
    assert re.search(r"drawing all \d+ nodes", capsys.readouterr().err)


# --- the notebook ----------------------------------------------------------------------------------------------


def test_notebook_paths_and_rankings_leave_out_mentions_and_credits(newsroom_file: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.chdir(tmp_path)
    nb = nbformat.read(Path(__file__).resolve().parent.parent / "notebooks" / "network-analysis.ipynb",
                       as_version=4)
    first = nb.cells[1]
    assert "INPUT = " in first.source
    first.source = re.sub(r"(?m)^INPUT = .*$", f"INPUT = Path({str(newsroom_file)!r})", first.source)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()

    def output_of(marker: str) -> str:
        cells = [c for c in nb.cells if c.cell_type == "code" and marker in c.source]
        assert len(cells) == 1, marker
        return "".join(o.get("text", "") + str(o.get("data", {}).get("text/plain", "")) for o in cells[0].outputs)

    paths = output_of("render_path(")
    assert "—holds→" in paths
    assert not re.search(r"mentions|photo-by|author", paths)
    ranking = output_of('rankings["pagerank"][["label"')
    assert "Văn Dũng" not in ranking and "Thu Hà" not in ranking and "Phạm Văn A" in ranking


def test_cooccurrence_counts_mentions_not_credits(newsroom_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    G = entity_graph(newsroom_file)
    dung, a, d = (str(ID[f"person/{s}"]) for s in ("van-dung", "pham-van-a", "le-van-d"))
    co = cooccurrence(G)
    assert co.degree(dung) == 0 and co.nodes[dung]["articles"] == 0  # credited on eight articles, named in none
    assert co[a][d]["weight"] == 1 and co.nodes[a]["articles"] == 4
    assert str(ID["person/thu-ha"]) not in co[a]
    assert set(cooccurrence(G, with_credits=True)[dung]) == {a, d, str(ID["person/tran-thi-c"])}

    def degrees(*extra: str) -> dict[str, str]:
        assert main(["centrality", str(newsroom_file), "--projection", "cooccurrence", "--measure", "degree",
                     "--type", "Person", "--format", "json", *extra]) == 0
        return {r["label"]: r["degree"] for r in json.loads(capsys.readouterr().out)}

    assert degrees()["Văn Dũng"] == "0" and degrees("--with-credits")["Văn Dũng"] == "3"
