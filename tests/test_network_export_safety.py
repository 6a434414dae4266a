"""The HTML view is safe for any label and honest about what it draws; paths and rankings leave out article
mentions and credits unless asked (kg.network_export, kg.network.structural, the network verbs, the notebook)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Literal
from test_network import ID, SCHEMA, Builder

from kg.cli import main
from kg.network import entity_graph
from kg.network_export import to_html

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


@pytest.fixture()
def newsroom_file(tmp_path: Path) -> Path:
    path = tmp_path / "nam-dinh.ttl"
    _newsroom().g.serialize(path, format="turtle")
    return path


def test_cli_export_and_ego_say_how_many_nodes_they_draw(newsroom_file: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    total = entity_graph(newsroom_file).number_of_nodes()
    assert main(["export", str(newsroom_file), "-o", str(tmp_path / "g.html"), "--max-nodes", "5"]) == 0
    err = capsys.readouterr().err
    assert f"drawing 5 of {total:,} nodes" in err
    assert f"drawing 5 of {total:,} nodes" in Page((tmp_path / "g.html").read_text(encoding="utf-8")).header
    assert main(["ego", str(newsroom_file), "Phạm Văn A", "-o", str(tmp_path / "around.html")]) == 0
    assert re.search(r"drawing all \d+ nodes", capsys.readouterr().err)


