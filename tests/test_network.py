"""Network analysis (kg.network*): small graphs written triple by triple here, values computed by hand."""

from __future__ import annotations

import json
import math
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef

from kg.cli import main
from kg.network import (
    PROJECTIONS,
    cooccurrence,
    document_issuer,
    entity_graph,
    issuer_counts,
    nodes_of_type,
    person_organization,
    project,
    without,
)
from kg.network import measures as network_measures
from kg.network.export import graphml_safe, to_html, write
from kg.network.lookup import AmbiguousName, NameIndex, NoPath, UnknownName, ego, find_path, render_path, resolve
from kg.network.measures import centrality, communities, components, modularity, scores, undirected
from kg.network.verbs import PROJECTIONS as CLI_PROJECTIONS

ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
KG = Namespace("https://w3id.org/kg-vn/ns#")
ID = Namespace("https://w3id.org/kg-vn/id/")
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")


def vi(text: str) -> Literal:
    return Literal(text, lang="vi")


class Builder:
    """Writes the triples ``kg build`` would write, one entity at a time."""

    def __init__(self) -> None:
        self.g = Graph()

    def person(self, slug: str, name: str, *alts: str) -> URIRef:
        p = ID[f"person/{slug}"]
        self.g.add((p, RDF.type, SCHEMA.Person))
        self.g.add((p, SCHEMA.name, Literal(name)))
        for a in alts:
            self.g.add((p, SKOS.altLabel, Literal(a)))
        return p

    def org(self, slug: str, label: str, *alts: str) -> URIRef:
        o = ID[f"org/{slug}"]
        self.g.add((o, RDF.type, ORG.Organization))
        self.g.add((o, RDFS.label, vi(label)))
        for a in alts:
            self.g.add((o, SKOS.altLabel, vi(a)))
        return o

    def post(self, person: URIRef, role: str, org: URIRef | None, former: bool = False) -> URIRef:
        org_label = str(self.g.value(org, RDFS.label)) if org else ""
        post = ID[f"post/{role}-{org_label}".replace(" ", "-")]
        r = URIRef(f"https://w3id.org/kg-vn/role/{role.replace(' ', '-')}")
        self.g.add((post, RDF.type, ORG.Post))
        self.g.add((post, RDFS.label, vi(f"{role} {org_label}".strip())))
        self.g.add((post, ORG.role, r))
        self.g.add((r, RDF.type, ORG.Role))
        self.g.add((r, RDFS.label, vi(role)))
        if org:
            self.g.add((post, ORG.postIn, org))
        self.g.add((person, KG.heldFormerly if former else ORG.holds, post))
        return post

    def article(self, slug: str, *mentions: URIRef, headline: str | None = None) -> URIRef:
        a = ID[f"article/{slug}"]
        self.g.add((a, RDF.type, SCHEMA.NewsArticle))
        self.g.add((a, SCHEMA.identifier, Literal(slug)))
        if headline:
            self.g.add((a, SCHEMA.headline, vi(headline)))
        for m in mentions:
            self.g.add((a, SCHEMA.mentions, m))
        return a

    def document(self, slug: str, kind: str, number: str, issuer: URIRef | None, date: str | None = None) -> URIRef:
        d = ID[f"document/{slug}"]
        t = URIRef(f"https://w3id.org/kg-vn/doctype/{kind.replace(' ', '-')}")
        self.g.add((d, RDF.type, ELI.LegalResource))
        self.g.add((d, ELI.id_local, Literal(number)))
        self.g.add((d, ELI.type_document, t))
        self.g.add((t, SKOS.prefLabel, vi(kind)))
        if issuer:
            self.g.add((d, ELI.passed_by, issuer))
        if date:
            self.g.add((d, ELI.date_document, Literal(date, datatype=XSD_DATE)))
        return d

    def event(self, slug: str, name: str, chair: URIRef | None = None, *speakers: URIRef) -> URIRef:
        e = ID[f"event/{slug}"]
        self.g.add((e, RDF.type, SCHEMA.Event))
        self.g.add((e, SCHEMA.name, vi(name)))
        if chair:
            self.g.add((chair, KG.chaired, e))
        for s in speakers:
            self.g.add((s, KG.spokeAt, e))
        return e


@pytest.fixture()
def province() -> tuple[Builder, dict[str, URIRef]]:
    """A small province: two leaders of one People's Committee, a party secretary, a former official, two
    documents, an event and three articles."""
    b = Builder()
    ubnd = b.org("ubnd-tinh-khanh-hoa", "Ủy ban nhân dân tỉnh Khánh Hòa", "UBND tỉnh Khánh Hòa")
    tu = b.org("tinh-uy-khanh-hoa", "Tỉnh ủy Khánh Hòa")
    hdnd = b.org("hdnd-tinh-khanh-hoa", "Hội đồng nhân dân tỉnh Khánh Hòa")
    bct = b.org("bo-chinh-tri", "Bộ Chính trị")
    an = b.person("tran-van-an", "Trần Văn An")
    binh = b.person("le-thi-binh", "Lê Thị Bình")
    hoa = b.person("pham-quang-hoa", "Phạm Quang Hòa", "Phạm Quang Hoà")
    cuong = b.person("do-minh-cuong", "Đỗ Minh Cường")
    p_chu_tich = b.post(an, "Chủ tịch", ubnd)
    b.post(an, "Phó Bí thư", tu)
    b.post(binh, "Phó Chủ tịch", ubnd)
    b.post(hoa, "Bí thư", tu)
    b.post(hoa, "Ủy viên", bct)
    b.post(cuong, "Chủ tịch", hdnd, former=True)
    ct = b.document("chi-thi-12", "Chỉ thị", "12-CT/TU", tu, "2025-03-05")
    qd = b.document("quyet-dinh-7", "Quyết định", "7/QĐ-UBND", ubnd)
    qd2 = b.document("quyet-dinh-9", "Quyết định", "9/QĐ-UBND", ubnd)
    ev = b.event("hoi-nghi", "Hội nghị tổng kết", hoa, an)
    a1 = b.article("a1", an, binh, hoa, ubnd, tu, ct, ev, headline="Khánh Hòa tổng kết năm")
    a2 = b.article("a2", an, binh, ubnd, qd, qd2)
    a3 = b.article("a3", hoa, cuong, bct)
    names = {"ubnd": ubnd, "tu": tu, "hdnd": hdnd, "bct": bct, "an": an, "binh": binh, "hoa": hoa, "cuong": cuong,
             "p_chu_tich": p_chu_tich, "ct": ct, "qd": qd, "qd2": qd2, "ev": ev, "a1": a1, "a2": a2, "a3": a3}
    return b, {k: str(v) for k, v in names.items()}


# --- the entity graph and its projections -------------------------------------------------------------------


def test_entity_graph_types_labels_and_relations(province: tuple[Builder, dict[str, str]]) -> None:
    b, n = province
    G = entity_graph(b.g)
    assert {t: len(nodes_of_type(G, t)) for t in ("Person", "Organization", "Post", "Role", "Document", "Event",
                                                  "Article")} == {
        "Person": 4, "Organization": 4, "Post": 6, "Role": 5, "Document": 3, "Event": 1, "Article": 3}
    assert G.nodes[n["an"]] == {"type": "Person", "label": "Trần Văn An"}
    assert G.nodes[n["hoa"]]["alt"] == "Phạm Quang Hoà"
    assert G.nodes[n["ct"]]["label"] == "Chỉ thị 12-CT/TU"
    assert G.nodes[n["ct"]]["date"] == "2025-03-05" and G.nodes[n["ct"]]["number"] == "12-CT/TU"
    assert G.nodes[n["a1"]]["label"] == "Khánh Hòa tổng kết năm" and G.nodes[n["a2"]]["label"] == "a2"
    assert set(G[n["an"]][n["p_chu_tich"]]) == {"holds"}
    assert set(G[n["p_chu_tich"]][n["ubnd"]]) == {"post-in"}
    assert set(G[n["ct"]][n["tu"]]) == {"issued-by"}
    assert set(G[n["hoa"]][n["ev"]]) == {"chaired"} and set(G[n["an"]][n["ev"]]) == {"spoke-at"}
    cuong_posts = {r for _, _, r in G.out_edges(n["cuong"], keys=True)}
    assert cuong_posts == {"held-formerly"}
    # An: 2 posts out, spoke at 1 event, mentioned by 2 articles.
    assert G.out_degree(n["an"]) == 3 and G.in_degree(n["an"]) == 2
    # 6 holds/held + 6 role + 6 post-in + 3 issued-by + 2 event + 7+5+3 mentions
    assert G.number_of_edges() == 6 + 6 + 6 + 3 + 2 + 15


def test_entity_graph_reads_a_file_and_the_graph_alike(province: tuple[Builder, dict[str, str]],
                                                        tmp_path: Path) -> None:
    b, _ = province
    path = tmp_path / "g.ttl"
    b.g.serialize(path, format="turtle")
    G1, G2 = entity_graph(path), entity_graph(str(path))
    assert nx.utils.edges_equal(G1.edges(keys=True), entity_graph(b.g).edges(keys=True))
    assert dict(G1.nodes(data=True)) == dict(G2.nodes(data=True))


def test_credits_become_article_person_edges() -> None:
    b = Builder()
    photographer = b.person("van-dung", "Văn Dũng")
    art = b.article("a")
    image = ID["image/a/1"]
    b.g.add((art, SCHEMA.associatedMedia, image))
    b.g.add((image, SCHEMA.creator, photographer))
    b.g.add((art, SCHEMA.author, b.person("thu-ha", "Thu Hà")))
    b.g.add((art, SCHEMA.publisher, ID["org/baomoi"]))
    b.g.add((ID["org/baomoi"], SCHEMA.name, Literal("baomoi.com")))
    G = entity_graph(b.g)
    assert set(G[str(art)][str(photographer)]) == {"photo-by"}
    assert set(G[str(art)][str(ID["person/thu-ha"])]) == {"author"}
    assert G.nodes[str(art)]["publisher"] == "baomoi.com" and str(ID["org/baomoi"]) not in G


def test_person_organization_through_posts(province: tuple[Builder, dict[str, str]]) -> None:
    b, n = province
    G = entity_graph(b.g)
    H = person_organization(G)
    assert sorted((H.nodes[u]["label"], H.nodes[v]["label"]) if H.nodes[u]["type"] == "Person"
                  else (H.nodes[v]["label"], H.nodes[u]["label"]) for u, v in H.edges()) == [
        ("Lê Thị Bình", "Ủy ban nhân dân tỉnh Khánh Hòa"),
        ("Phạm Quang Hòa", "Bộ Chính trị"),
        ("Phạm Quang Hòa", "Tỉnh ủy Khánh Hòa"),
        ("Trần Văn An", "Tỉnh ủy Khánh Hòa"),
        ("Trần Văn An", "Ủy ban nhân dân tỉnh Khánh Hòa"),
        ("Đỗ Minh Cường", "Hội đồng nhân dân tỉnh Khánh Hòa"),
    ]
    assert H[n["an"]][n["ubnd"]] == {"weight": 1, "current": True,
                                     "posts": "Chủ tịch Ủy ban nhân dân tỉnh Khánh Hòa"}
    assert H[n["cuong"]][n["hdnd"]]["current"] is False
    assert not person_organization(G, former=False).has_edge(n["cuong"], n["hdnd"])
    assert H.degree(n["hoa"]) == 2 and H.degree(n["ubnd"]) == 2


def test_person_organization_counts_several_posts_in_one_body() -> None:
    b = Builder()
    o = b.org("so-y-te", "Sở Y tế")
    p = b.person("a", "Nguyễn A")
    b.post(p, "Giám đốc", o)
    b.post(p, "Bí thư Đảng ủy", o)
    H = person_organization(entity_graph(b.g))
    edge = H[str(p)][str(o)]
    assert edge["weight"] == 2 and edge["posts"] == "Bí thư Đảng ủy Sở Y tế; Giám đốc Sở Y tế"


def test_cooccurrence_weight_is_the_number_of_shared_articles(province: tuple[Builder, dict[str, str]]) -> None:
    b, n = province
    H = cooccurrence(entity_graph(b.g))
    # a1: An, Bình, Hòa; a2: An, Bình; a3: Hòa, Cường
    assert {frozenset((u, v)): w for u, v, w in H.edges(data="weight")} == {
        frozenset((n["an"], n["binh"])): 2, frozenset((n["an"], n["hoa"])): 1,
        frozenset((n["binh"], n["hoa"])): 1, frozenset((n["hoa"], n["cuong"])): 1}
    assert H.nodes[n["an"]]["articles"] == 2 and H.nodes[n["cuong"]]["articles"] == 1
    strong = cooccurrence(entity_graph(b.g), min_weight=2)
    assert list(strong.edges()) in ([(n["an"], n["binh"])], [(n["binh"], n["an"])])
    assert strong.number_of_nodes() == 4  # every person stays, edges are filtered


def test_document_issuer_and_counts(province: tuple[Builder, dict[str, str]]) -> None:
    b, n = province
    b.document("khong-ro", "Công văn", "15/CV", None)  # no stated issuer: not in the projection
    G = entity_graph(b.g)
    H = document_issuer(G)
    assert set(H.edges()) == {(n["ct"], n["tu"]), (n["qd"], n["ubnd"]), (n["qd2"], n["ubnd"])}
    assert H.in_degree(n["ubnd"]) == 2
    assert issuer_counts(G) == [("Ủy ban nhân dân tỉnh Khánh Hòa", 2), ("Tỉnh ủy Khánh Hòa", 1)]
    assert issuer_counts(G, "Chỉ thị") == [("Tỉnh ủy Khánh Hòa", 1)]


def test_project_by_name_and_unknown_projection(province: tuple[Builder, dict[str, str]]) -> None:
    G = entity_graph(province[0].g)
    assert project(G, "entity") is G
    assert project(G, "cooccurrence").graph["projection"] == "cooccurrence"
    assert CLI_PROJECTIONS == PROJECTIONS
    with pytest.raises(ValueError, match="unknown projection"):
        project(G, "people")


def test_without_drops_only_the_named_relations(province: tuple[Builder, dict[str, str]]) -> None:
    G = entity_graph(province[0].g)
    H = without(G, ["mentions", "role"])
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges() - 15 - 6
    assert without(G, []) is G


# --- measures --------------------------------------------------------------------------------------------------


def star(leaves: int) -> nx.Graph:
    G = nx.Graph()
    G.add_node("hub", type="Organization", label="Hub")
    for i in range(leaves):
        G.add_node(f"p{i}", type="Person", label=f"Person {i}")
        G.add_edge("hub", f"p{i}")
    return G


def test_degree_centrality_and_raw_degree_on_a_star() -> None:
    ranked = centrality(star(4), "degree", top=None)
    assert [(s.node, s.score, s.degree) for s in ranked] == [
        ("hub", 1.0, 4), ("p0", 0.25, 1), ("p1", 0.25, 1), ("p2", 0.25, 1), ("p3", 0.25, 1)]


def test_pagerank_ranks_the_hub_of_a_star_first_and_leaves_equal() -> None:
    ranked = centrality(star(5), "pagerank", top=None)
    assert ranked[0].node == "hub"
    leaves = [s.score for s in ranked[1:]]
    assert max(leaves) - min(leaves) < 1e-9 and ranked[0].score > 3 * leaves[0]
    assert math.isclose(sum(s.score for s in ranked), 1.0)


def test_type_filter_and_top_k() -> None:
    ranked = centrality(star(5), "pagerank", type="person", top=2)
    assert [s.node for s in ranked] == ["p0", "p1"]  # equal scores: ordered by label
    assert centrality(star(5), "degree", type="Organization", top=3)[0].label == "Hub"
    assert centrality(star(5), "degree", type="Event") == []


def test_betweenness_exact_and_sampled() -> None:
    path = nx.path_graph(["a", "b", "c", "d"])
    nx.set_node_attributes(path, "Person", "type")
    exact = scores(path, "betweenness")
    # b lies on a–c, a–d; c on a–d, b–d: 2 of the 3 pairs not touching it, normalized by (n-1)(n-2)/2 = 3
    assert exact == pytest.approx({"a": 0.0, "b": 2 / 3, "c": 2 / 3, "d": 0.0})
    assert scores(path, "betweenness", k=10) == exact  # k ≥ n: exact
    sampled = scores(star(30), "betweenness", k=5, seed=1)
    assert max(sampled, key=sampled.get) == "hub" and all(sampled[f"p{i}"] == 0 for i in range(30))


def test_betweenness_samples_by_default_above_the_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = nx.betweenness_centrality

    def spy(G: nx.Graph, k: int | None = None, **kw: object) -> dict:
        calls.append(k)
        return real(G, k=k, **kw)

    monkeypatch.setattr(nx, "betweenness_centrality", spy)
    monkeypatch.setattr(network_measures, "EXACT_BETWEENNESS_MAX_NODES", 10)
    monkeypatch.setattr(network_measures, "BETWEENNESS_SAMPLES", 4)
    scores(star(5), "betweenness")
    scores(star(20), "betweenness")
    assert calls == [None, 4]


def test_eigenvector_of_a_star() -> None:
    values = scores(star(4), "eigenvector")
    # λ = √4 = 2: hub x, leaves x/2; unit norm: x² + 4·x²/4 = 1 → x = 1/√2, leaves 1/(2√2)
    assert values["hub"] == pytest.approx(1 / math.sqrt(2), abs=1e-6)
    assert values["p0"] == pytest.approx(1 / (2 * math.sqrt(2)), abs=1e-6)


def test_measures_on_empty_and_edgeless_graphs() -> None:
    assert centrality(nx.Graph(), "pagerank") == []
    lone = nx.Graph()
    lone.add_node("x", type="Person", label="X")
    for m in network_measures.MEASURES:
        assert scores(lone, m)["x"] >= 0.0
    with pytest.raises(ValueError, match="unknown measure"):
        scores(lone, "closeness")


def test_undirected_collapses_parallel_relations() -> None:
    G = nx.MultiDiGraph()
    G.add_edge("p", "e", key="spoke-at")
    G.add_edge("p", "e", key="chaired")
    G.add_edge("a", "p", key="mentions")
    G.add_edge("a", "e", key="x", weight=2)
    G.add_edge("e", "a", key="y", weight=3)
    H = undirected(G)
    assert H["p"]["e"] == {"weight": 1} and H["a"]["e"] == {"weight": 5} and H.number_of_edges() == 3


def two_cliques() -> nx.Graph:
    G = nx.Graph()
    left, right = ["a1", "a2", "a3", "a4"], ["b1", "b2", "b3", "b4"]
    for group in (left, right):
        for i, u in enumerate(group):
            G.add_node(u, type="Person", label=u.upper())
            for v in group[i + 1:]:
                G.add_edge(u, v)
    G.add_edge("a1", "b1")  # the bridge
    G.add_node("alone", type="Person", label="ALONE")
    return G


@pytest.mark.parametrize("method", network_measures.COMMUNITY_METHODS)
def test_two_cliques_joined_by_a_bridge_are_two_communities(method: str) -> None:
    found = communities(two_cliques(), method)
    assert sorted(sorted(c.members) for c in found) == [["a1", "a2", "a3", "a4"], ["b1", "b2", "b3", "b4"]]
    assert found[0].types == {"Person": 4}
    assert found[0].members[0] in ("a1", "b1")  # the bridge ends have the highest degree
    # modularity by hand: m = 13; each side has 6 internal edges and degree sum 13 → 2·(6/13 − (13/26)²)
    assert modularity(two_cliques(), found) == pytest.approx(2 * (6 / 13 - 0.25))
    with pytest.raises(ValueError, match="unknown method"):
        communities(two_cliques(), "girvan")


def test_components_summary() -> None:
    c = components(two_cliques())
    assert (c.count, c.sizes, c.isolated, c.nodes) == (2, [8, 1], 1, 9)
    assert c.largest_share == pytest.approx(8 / 9)


# --- names, paths, ego networks ---------------------------------------------------------------------------------


def test_names_resolve_forgivingly(province: tuple[Builder, dict[str, str]]) -> None:
    b, n = province
    G = entity_graph(b.g)
    index = NameIndex(G)
    assert index.resolve("Trần Văn An") == n["an"]
    assert index.resolve("  trần   VĂN an ") == n["an"]
    assert index.resolve("Phạm Quang Hoà") == n["hoa"]  # old tone placement
    assert index.resolve("ubnd tỉnh khánh hoà") == n["ubnd"]  # abbreviation + tone + case
    assert index.resolve("Tỉnh uỷ Khánh Hòa") == n["tu"]
    assert index.resolve("HĐND tỉnh Khánh Hòa") == n["hdnd"]  # abbreviation not written in the graph
    assert index.resolve("Tran Van An") == n["an"]  # no diacritics
    assert index.resolve("12-CT/TU") == n["ct"]  # a document by its number
    assert index.resolve("Chỉ thị 12-CT/TU") == n["ct"]
    assert index.resolve(n["bct"]) == n["bct"]  # an IRI
    assert index.resolve("person/le-thi-binh") == n["binh"]  # the end of one
    assert resolve(G, "Bộ Chính trị") == n["bct"]


def test_ambiguous_name_lists_the_candidates_and_a_type_decides() -> None:
    b = Builder()
    person = b.person("quang-trung", "Quang Trung")
    ward = b.org("phuong-quang-trung", "Quang Trung")
    b.person("le-van-hoa", "Lê Văn Hòa")
    b.person("le-van-hoa-2", "Lê Văn Hoa")
    G = entity_graph(b.g)
    with pytest.raises(AmbiguousName) as err:
        resolve(G, "quang trung")
    assert {c[0] for c in err.value.candidates} == {str(person), str(ward)}
    assert "Quang Trung (Person)" in str(err.value) and "Quang Trung (Organization)" in str(err.value)
    assert resolve(G, "Quang Trung", type="Organization") == str(ward)
    assert resolve(G, "Lê Văn Hoa") == str(ID["person/le-van-hoa-2"])  # diacritics given: exact
    with pytest.raises(AmbiguousName, match="names 2 entities"):
        resolve(G, "Le Van Hoa")


def test_unknown_name_says_so_with_suggestions(province: tuple[Builder, dict[str, str]]) -> None:
    G = entity_graph(province[0].g)
    with pytest.raises(UnknownName, match="no entity named 'Nguyễn Văn Z' in the graph") as err:
        resolve(G, "Nguyễn Văn Z")
    assert err.value.suggestions == []
    with pytest.raises(UnknownName, match="did you mean: Trần Văn An"):
        resolve(G, "Trần Văn Anh")


def test_path_is_a_readable_chain(province: tuple[Builder, dict[str, str]]) -> None:
    b, n = province
    G = entity_graph(b.g)
    # Default costs: hops 1, mentions 2.5 → the article route (2.5 + 2.5 + 1 + 1 = 7) beats the posts (10).
    assert render_path(G, n["binh"], find_path(G, n["binh"], n["bct"])) == (
        "Lê Thị Bình ←mentions— Khánh Hòa tổng kết năm —mentions→ Phạm Quang Hòa —holds→ Ủy viên Bộ Chính trị "
        "—post-in→ Bộ Chính trị")
    steps = find_path(G, n["binh"], n["bct"], exclude=("role", "mentions"))
    assert render_path(G, n["binh"], steps) == (
        "Lê Thị Bình —holds→ Phó Chủ tịch Ủy ban nhân dân tỉnh Khánh Hòa —post-in→ Ủy ban nhân dân tỉnh Khánh Hòa "
        "←post-in— Chủ tịch Ủy ban nhân dân tỉnh Khánh Hòa ←holds— Trần Văn An —spoke-at→ Hội nghị tổng kết "
        "←chaired— Phạm Quang Hòa —holds→ Ủy viên Bộ Chính trị —post-in→ Bộ Chính trị")
    assert len(steps) == 8 and [s.forward for s in steps[:4]] == [True, True, False, False]
    short = find_path(G, n["binh"], n["hoa"], exclude=("role", "holds"))
    assert render_path(G, n["binh"], short) == "Lê Thị Bình ←mentions— Khánh Hòa tổng kết năm —mentions→ Phạm Quang Hòa"
    assert find_path(G, n["an"], n["an"]) == []


def test_path_leaves_roles_out_unless_asked() -> None:
    b = Builder()
    a, c = b.person("a", "Nguyễn A"), b.person("c", "Nguyễn C")
    b.post(a, "Chủ tịch", b.org("x", "Hội X"))
    b.post(c, "Chủ tịch", b.org("y", "Hội Y"))
    G = entity_graph(b.g)
    with pytest.raises(NoPath, match="no path between 'Nguyễn A' and 'Nguyễn C'"):
        find_path(G, str(a), str(c))
    via = find_path(G, str(a), str(c), exclude=())
    assert render_path(G, str(a), via) == (
        "Nguyễn A —holds→ Chủ tịch Hội X —role→ Chủ tịch ←role— Chủ tịch Hội Y ←holds— Nguyễn C")


def test_ego_network_to_depth_k(province: tuple[Builder, dict[str, str]]) -> None:
    b, n = province
    G = entity_graph(b.g)
    one = ego(G, n["cuong"], 1)
    assert {d["label"]: d["distance"] for _, d in one.nodes(data=True)} == {
        "Đỗ Minh Cường": 0, "Chủ tịch Hội đồng nhân dân tỉnh Khánh Hòa": 1, "a3": 1}
    two = ego(G, n["cuong"], 2, exclude=("role",))
    assert {d["label"] for _, d in two.nodes(data=True) if d["distance"] == 2} == {
        "Hội đồng nhân dân tỉnh Khánh Hòa", "Phạm Quang Hòa", "Bộ Chính trị"}
    assert "distance" not in G.nodes[n["cuong"]]  # the source graph is untouched
    assert ego(G, n["cuong"], 0).number_of_nodes() == 1


# --- export ------------------------------------------------------------------------------------------------------


def test_graphml_round_trip(province: tuple[Builder, dict[str, str]], tmp_path: Path) -> None:
    b, n = province
    G = entity_graph(b.g)
    write(G, tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert dict(back.nodes(data=True)) == dict(G.nodes(data=True))
    assert sorted((u, v, d["relation"]) for u, v, d in back.edges(data=True)) == sorted(
        (u, v, r) for u, v, r in G.edges(data="relation"))
    H = cooccurrence(G)
    write(H, tmp_path / "co.graphml")
    back = nx.read_graphml(tmp_path / "co.graphml")
    assert back[n["an"]][n["binh"]]["weight"] == 2 and back.nodes[n["an"]]["articles"] == 2


def test_gexf_export_reads_back(province: tuple[Builder, dict[str, str]], tmp_path: Path) -> None:
    G = person_organization(entity_graph(province[0].g))
    write(G, tmp_path / "g.gexf")
    back = nx.read_gexf(tmp_path / "g.gexf")
    assert back.number_of_nodes() == G.number_of_nodes() and back.number_of_edges() == G.number_of_edges()


def test_graphml_safe_attributes() -> None:
    G = nx.Graph(tags={"b", "a"})
    G.add_node("x", members=["q", "p"], missing=None, path=Path("/tmp"), n=3)
    G.add_edge("x", "y", weight=1.5, when=None)
    safe = graphml_safe(G)
    assert safe.graph == {"tags": "a|b"}
    assert safe.nodes["x"] == {"members": "p|q", "path": "/tmp", "n": 3}
    assert safe["x"]["y"] == {"weight": 1.5}
    assert G.nodes["x"]["members"] == ["q", "p"]  # the original is untouched


def test_html_view_is_self_contained(province: tuple[Builder, dict[str, str]], tmp_path: Path) -> None:
    b, n = province
    b.person("x", "</script><b>X")
    G = entity_graph(b.g)
    page = to_html(G, "Khánh Hòa")
    assert "vis.Network" in page and "Trần Văn An" in page and "<title>Khánh Hòa</title>" in page
    assert "</script><b>X" not in page  # labels cannot close the script
    assert 'src="http' not in page and 'href="http' not in page and "<link" not in page
    small = to_html(G, max_nodes=3)
    assert small.count('"group"') == 3
    write(G, tmp_path / "view.html")
    assert (tmp_path / "view.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with pytest.raises(ValueError, match="unsupported export extension"):
        write(G, tmp_path / "view.png")


# --- the kg verbs -------------------------------------------------------------------------------------------------


@pytest.fixture()
def graph_file(province: tuple[Builder, dict[str, str]], tmp_path: Path) -> Path:
    b, _ = province
    b.person("quang-trung", "Quang Trung")
    b.org("phuong-quang-trung", "Quang Trung")
    path = tmp_path / "province.ttl"
    b.g.serialize(path, format="turtle")
    return path


def test_cli_centrality_table_csv_json(graph_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["centrality", str(graph_file), "--measure", "degree", "--type", "Person", "--top", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [c.strip() for c in out[0].split(" | ")] == ["rank", "label", "type", "degree", "degree", "iri"]
    assert out[2].startswith("1    | Phạm Quang Hòa") and out[-1] == "(2 rows)"
    assert main(["centrality", str(graph_file), "--measure", "degree", "--type", "Person", "--top", "2",
                 "--format", "json", "--with-mentions"]) == 0
    rows = json.loads(capsys.readouterr().out)
    # An: 2 posts, 1 event, 2 articles = 5; Hòa: 2 posts, 1 event, 2 articles = 5 → tie broken by label
    assert [(r["label"], r["degree"]) for r in rows] == [("Phạm Quang Hòa", "5"), ("Trần Văn An", "5")]
    assert main(["centrality", str(graph_file), "--projection", "document-issuer", "--measure", "degree",
                 "--type", "Organization", "--format", "csv", "--top", "1"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("1,Ủy ban nhân dân tỉnh Khánh Hòa,Organization,")


def test_cli_path(graph_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["path", str(graph_file), "tran van an", "UBND tỉnh Khánh Hoà"]) == 0
    out = capsys.readouterr().out
    assert out == ("Trần Văn An —holds→ Chủ tịch Ủy ban nhân dân tỉnh Khánh Hòa —post-in→ "
                   "Ủy ban nhân dân tỉnh Khánh Hòa\n(2 hops)\n")


def test_cli_ambiguous_and_unknown_names(graph_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["path", str(graph_file), "Quang Trung", "Bộ Chính trị"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kg path: 'Quang Trung' names 2 entities")
    assert "Quang Trung (Person) https://w3id.org/kg-vn/id/person/quang-trung" in err
    assert "Quang Trung (Organization)" in err
    assert main(["ego", str(graph_file), "Quang Trung", "--type", "Organization"]) == 0
    capsys.readouterr()
    assert main(["path", str(graph_file), "Trần Văn An", "Hoàng Văn Không"]) == 2
    assert capsys.readouterr().err == "kg path: no entity named 'Hoàng Văn Không' in the graph\n"
    assert main(["ego", str(graph_file), "Nobody"]) == 2
    assert "no entity named 'Nobody'" in capsys.readouterr().err
    assert main(["export", str(graph_file), "-o", str(graph_file.with_suffix(".html")), "--around", "Nobody"]) == 2


def test_cli_no_path_and_bad_graph(graph_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["path", str(graph_file), "Quang Trung", "Bộ Chính trị", "--exclude", "mentions"]) == 2
    capsys.readouterr()
    assert main(["path", str(graph_file), "person/quang-trung", "Bộ Chính trị"]) == 1
    assert "no path between 'Quang Trung' and 'Bộ Chính trị'" in capsys.readouterr().err
    assert main(["centrality", str(tmp_path / "missing.ttl")]) == 2
    assert capsys.readouterr().err.startswith("kg centrality: ")
    (tmp_path / "broken.ttl").write_text("this is not turtle", encoding="utf-8")
    assert main(["communities", str(tmp_path / "broken.ttl")]) == 2


def test_cli_ego(graph_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "ego.graphml"
    assert main(["ego", str(graph_file), "Đỗ Minh Cường", "--depth", "1", "-o", str(out_file)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["Đỗ Minh Cường (Person): 2 entities within 1 hops, 2 relations",
                   "  1  Article      a3",
                   "  1  Post         Chủ tịch Hội đồng nhân dân tỉnh Khánh Hòa"]
    assert nx.read_graphml(out_file).number_of_nodes() == 3


def test_cli_communities(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    b = Builder()
    people = [b.person(f"p{i}", f"Người {i}") for i in range(8)]
    for i, group in enumerate((people[:4], people[4:])):  # each group meets in two articles of its own
        b.article(f"g{i}a", *group)
        b.article(f"g{i}b", *group)
    b.article("bridge", people[0], people[4])
    path = tmp_path / "two.ttl"
    b.g.serialize(path, format="turtle")
    assert main(["communities", str(path), "--projection", "cooccurrence", "--format", "json"]) == 0
    captured = capsys.readouterr()
    rows = json.loads(captured.out)
    assert [(r["size"], r["types"]) for r in rows] == [("4", "Person 4"), ("4", "Person 4")]
    assert {frozenset(r["members"].split("; ")) for r in rows} == {
        frozenset(f"Người {i}" for i in range(4)), frozenset(f"Người {i}" for i in range(4, 8))}
    assert "8 nodes, 1 connected components" in captured.err and "2 communities (louvain" in captured.err


def test_cli_export_formats(graph_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("g.graphml", "g.gexf", "g.html"):
        assert main(["export", str(graph_file), "-o", str(tmp_path / name)]) == 0
        assert (tmp_path / name).stat().st_size > 0
    assert main(["export", str(graph_file), "-o", str(tmp_path / "po.graphml"), "--projection", "person-org"]) == 0
    assert nx.read_graphml(tmp_path / "po.graphml").number_of_edges() == 6
    assert main(["export", str(graph_file), "-o", str(tmp_path / "ego.gexf"), "--around", "Bộ Chính trị",
                 "--depth", "1"]) == 0
    assert nx.read_gexf(tmp_path / "ego.gexf").number_of_nodes() == 3  # the body, its post, the article a3
    assert main(["export", str(graph_file), "-o", str(tmp_path / "g.svg")]) == 2
    assert "unsupported export extension" in capsys.readouterr().err


def test_cli_on_a_graph_kg_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "qt.txt"  # written for this test
    src.write_text("Bí thư Tỉnh ủy Quảng Trị Lê Quang Hoà và Chủ tịch UBND tỉnh Quảng Trị Võ Văn Thắng dự hội "
                   "nghị. Phó Chủ tịch UBND tỉnh Quảng Trị Hà Sỹ Đồng phát biểu.\n", encoding="utf-8")
    graph = tmp_path / "qt.ttl"
    assert main(["build", str(src), "-o", str(graph)]) == 0
    capsys.readouterr()
    assert main(["path", str(graph), "Vo Van Thang", "hà sỹ đồng", "--exclude", "mentions"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "Võ Văn Thắng —holds→ Chủ tịch Ủy ban nhân dân tỉnh Quảng Trị —post-in→ Ủy ban nhân dân tỉnh Quảng Trị "
        "←post-in— Phó Chủ tịch Ủy ban nhân dân tỉnh Quảng Trị ←holds— Hà Sỹ Đồng")
    assert main(["centrality", str(graph), "--projection", "person-org", "--measure", "degree",
                 "--type", "Organization", "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[1].split(",")[1] == "Ủy ban nhân dân tỉnh Quảng Trị" and rows[1].split(",")[4] == "2"
