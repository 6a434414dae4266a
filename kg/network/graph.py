"""RDF graph written by ``kg build`` → networkx graphs: the typed entity graph and the analysts' projections.

The entity graph is a ``networkx.MultiDiGraph`` whose nodes are IRIs (strings) with ``type`` (Person, Post,
Organization, Role, Document, Event, Article) and ``label`` attributes, and whose edges run from
the RDF subject to the object, keyed by their ``relation``:

    holds, held-formerly   Person → Post            role        Post → Role
    post-in                Post → Organization      issued-by   Document → Organization
    spoke-at, chaired      Person → Event           mentions    Article → any entity
    author, photo-by       Article → Person

Projections: person–organization (through posts), person co-occurrence (weight = number of articles that
mention both) and document–issuer. ``structural`` is the entity graph without mentions and credits, which
paths and rankings use by default. Every attribute is a str, int, float or bool, so graphs export as is.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import RDF, RDFS, SKOS, Graph, URIRef

from kg.namespaces import ELI, KG, ORG, SCHEMA

if TYPE_CHECKING:
    import networkx as nx

TYPES = ("Person", "Post", "Organization", "Role", "Document", "Event", "Article")
PROJECTIONS = ("entity", "person-org", "cooccurrence", "document-issuer")

_CLASSES = [  # later classes win when a node has several
    (ORG.Organization, "Organization"),
    (ORG.Role, "Role"),
    (ORG.Post, "Post"),
    (ELI.LegalResource, "Document"),
    (SCHEMA.Event, "Event"),
    (SCHEMA.NewsArticle, "Article"),
    (SCHEMA.Person, "Person"),
]
_RELATIONS = [  # (predicate, relation, type of the subject, type of the object) for untyped ends
    (ORG.holds, "holds", "Person", "Post"),
    (KG.heldFormerly, "held-formerly", "Person", "Post"),
    (ORG.role, "role", "Post", "Role"),
    (ORG.postIn, "post-in", "Post", "Organization"),
    (ELI.passed_by, "issued-by", "Document", "Organization"),
    (KG.spokeAt, "spoke-at", "Person", "Event"),
    (KG.chaired, "chaired", "Person", "Event"),
    (SCHEMA.author, "author", "Article", "Person"),
]
_LABELS = [SCHEMA.name, RDFS.label, SCHEMA.headline, SCHEMA.identifier]  # first found names the node


def load(source: str | Path | Graph) -> Graph:
    """An rdflib graph from a graph file (any format ``kg build`` writes) or the graph itself."""
    if isinstance(source, Graph):
        return source
    from kg.publish.query import load_graph

    return load_graph(source)


def _tail(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def entity_graph(source: str | Path | Graph) -> nx.MultiDiGraph:
    """The typed entity graph of an RDF graph (see the module docstring for nodes and relations)."""
    import networkx as nx

    g = load(source)
    G = nx.MultiDiGraph()
    types: dict[str, str] = {}
    for cls, name in _CLASSES:
        for s in g.subjects(RDF.type, cls):
            if isinstance(s, URIRef):
                types[str(s)] = name

    labels: dict[str, str] = {}
    for pred in reversed(_LABELS):
        for s, o in g.subject_objects(pred):
            labels[str(s)] = str(o)
    alts: dict[str, set[str]] = defaultdict(set)
    for s, o in g.subject_objects(SKOS.altLabel):
        alts[str(s)].add(str(o))
    doc_types = {str(s): str(o) for s, o in g.subject_objects(SKOS.prefLabel)}

    def node(iri: str, default: str) -> str:
        if iri not in G:
            kind = types.get(iri, default)
            G.add_node(iri, type=kind, label=labels.get(iri) or _tail(iri))
        return iri

    for iri in types:
        node(iri, types[iri])
    for s, o in g.subject_objects(SCHEMA.alternateName):  # a person's other written forms
        alts[str(s)].add(str(o))
    for iri in G:
        if iri in alts:
            G.nodes[iri]["alt"] = "|".join(sorted(alts[iri]))
    for s in g.subjects(RDF.type, KG.Journalist):  # known only from bylines and photo credits
        if str(s) in G:
            G.nodes[str(s)]["journalist"] = True
    for pred, attr in ((SCHEMA.datePublished, "date"), (ELI.date_document, "date"), (ELI.id_local, "number"),
                       (SCHEMA.startDate, "date")):
        for s, o in g.subject_objects(pred):
            if str(s) in G:
                G.nodes[str(s)][attr] = str(o)
    for s, t in g.subject_objects(ELI.type_document):
        doc = G.nodes.get(str(s))
        if doc is not None and str(t) in doc_types:
            doc["doc_type"] = doc_types[str(t)]
    for _, data in G.nodes(data=True):  # a document is named by its kind and number: "Chỉ thị 41-CT/TW"
        if data["type"] == "Document" and "number" in data:
            data["label"] = f"{data.get('doc_type', '')} {data['number']}".strip()

    for pred, relation, stype, otype in _RELATIONS:
        for s, o in g.subject_objects(pred):
            if isinstance(s, URIRef) and isinstance(o, URIRef):
                G.add_edge(node(str(s), stype), node(str(o), otype), key=relation, relation=relation)
    for art, o in g.subject_objects(SCHEMA.mentions):
        if str(o) in G and str(art) in G:
            G.add_edge(str(art), str(o), key="mentions", relation="mentions")
    for art, pub in g.subject_objects(SCHEMA.publisher):  # the outlet is an attribute: a hub of every article
        if str(art) in G:
            G.nodes[str(art)]["publisher"] = labels.get(str(pub), _tail(str(pub)))
    for art, image in g.subject_objects(SCHEMA.associatedMedia):
        for person in g.objects(image, SCHEMA.creator):
            G.add_edge(node(str(art), "Article"), node(str(person), "Person"), key="photo-by", relation="photo-by")
    return G


def without(G: nx.Graph, relations: Iterable[str]) -> nx.Graph:
    """``G`` itself, or a copy without the edges of the given relations (all nodes kept)."""
    skip = set(relations)
    if not skip:
        return G
    H = G.copy()
    if H.is_multigraph():
        H.remove_edges_from([(u, v, k) for u, v, k, r in H.edges(keys=True, data="relation") if r in skip])
    else:
        H.remove_edges_from([(u, v) for u, v, r in H.edges(data="relation") if r in skip])
    return H


MENTIONS = "mentions"  # Article → any entity the article names
CREDITS = ("author", "photo-by")  # Article → the person of a byline or photo credit


def structural(G: nx.Graph, with_mentions: bool = False, with_credits: bool = False) -> nx.Graph:
    """``G`` for paths and rankings: by default without ``mentions`` and credit (``author``, ``photo-by``) edges.

    An article naming two entities, or a photographer credited on a hundred articles, is not a tie between
    them. A credit is not a mention either: with ``with_mentions`` alone, an article's mention of a person it
    also credits is left out too. Nodes those edges alone connected (articles, credited persons) and articles
    left without edges are dropped, and so are journalists (``kg:Journalist``: persons known only from credits)
    unless ``with_credits``; the graph given is untouched, and returned as is when both are asked for.
    """
    if with_mentions and with_credits:
        return G
    keys = G.is_multigraph()
    edges = list(G.edges(keys=True, data="relation") if keys else G.edges(data="relation"))
    credited = {(e[0], e[1]) for e in edges if e[-1] in CREDITS}

    def dropped(e: tuple) -> bool:
        relation = e[-1]
        if relation in CREDITS:
            return not with_credits
        if relation == MENTIONS:
            return not with_mentions or (not with_credits and (e[0], e[1]) in credited)
        return False

    drop = [e[:-1] for e in edges if dropped(e)]
    journalists = [] if with_credits else [n for n, j in G.nodes(data="journalist") if j]
    if not drop and not journalists:
        return G
    H = G.copy()
    H.remove_edges_from(drop)
    H.remove_nodes_from(journalists)  # bylines and photographers are not actors of what they cover
    touched = {n for e in drop for n in e[:2]}
    H.remove_nodes_from([n for n, kind in H.nodes(data="type")
                         if H.degree(n) == 0 and (n in touched or kind == "Article")])
    return H


def nodes_of_type(G: nx.Graph, kind: str) -> list[str]:
    """Nodes whose ``type`` is ``kind`` (case-insensitive), sorted."""
    want = kind.casefold()
    return sorted(n for n, t in G.nodes(data="type") if str(t).casefold() == want)


def _copy_node(H: nx.Graph, G: nx.Graph, n: str) -> None:
    H.add_node(n, **G.nodes[n])


def person_organization(G: nx.MultiDiGraph, former: bool = True) -> nx.Graph:
    """Person–Organization graph: an edge when the person holds (or, with ``former``, held) a post in it.

    Edge attributes: ``weight`` (number of posts), ``posts`` (their labels, "; "-joined), ``current``
    (True when at least one of them is held now).
    """
    import networkx as nx

    H = nx.Graph(projection="person-org")
    wanted = {"holds", "held-formerly"} if former else {"holds"}
    links: dict[tuple[str, str], dict[str, bool]] = defaultdict(dict)
    for person in nodes_of_type(G, "Person"):
        _copy_node(H, G, person)
        for _, post, relation in G.out_edges(person, keys=True):
            if relation not in wanted:
                continue
            for _, org, r in G.out_edges(post, keys=True):
                if r == "post-in":
                    posts = links[(person, org)]
                    posts[post] = posts.get(post, False) or relation == "holds"
    for org in nodes_of_type(G, "Organization"):
        _copy_node(H, G, org)
    for (person, org), posts in links.items():
        H.add_edge(person, org, weight=len(posts), current=any(posts.values()),
                   posts="; ".join(sorted(G.nodes[p]["label"] for p in posts)))
    return H


def cooccurrence(G: nx.MultiDiGraph, min_weight: int = 1, with_credits: bool = False) -> nx.Graph:
    """Person co-occurrence: an edge between two persons mentioned in the same article.

    Edge ``weight`` = number of articles mentioning both (edges below ``min_weight`` are left out); node
    ``articles`` = number of articles mentioning the person. A person an article credits (byline, photo) is
    not counted as mentioned by it, unless ``with_credits``: a reporter is not a co-actor of all they cover.
    """
    import networkx as nx

    H = nx.Graph(projection="cooccurrence")
    persons = set(nodes_of_type(G, "Person"))
    seen: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for art in nodes_of_type(G, "Article"):
        if with_credits:
            named = sorted({p for p in G.successors(art) if p in persons})
        else:
            out = [(p, r) for _, p, r in G.out_edges(art, data="relation")]
            credited = {p for p, r in out if r in CREDITS}
            named = sorted({p for p, r in out if r == MENTIONS and p in persons} - credited)
        seen.update(named)
        pairs.update(combinations(named, 2))
    for person in sorted(persons):
        _copy_node(H, G, person)
        H.nodes[person]["articles"] = seen[person]
    for (a, b), n in pairs.items():
        if n >= min_weight:
            H.add_edge(a, b, weight=n)
    return H


def document_issuer(G: nx.MultiDiGraph) -> nx.DiGraph:
    """Document → issuing Organization (``issued-by``), for documents whose issuer the text states."""
    import networkx as nx

    H = nx.DiGraph(projection="document-issuer")
    for doc in nodes_of_type(G, "Document"):
        for _, org, relation in G.out_edges(doc, keys=True):
            if relation == "issued-by":
                _copy_node(H, G, doc)
                _copy_node(H, G, org)
                H.add_edge(doc, org, relation="issued-by")
    return H


def issuer_counts(G: nx.MultiDiGraph, doc_type: str | None = None) -> list[tuple[str, int]]:
    """(issuer label, number of documents) — of one kind (e.g. "Chỉ thị") when given — most first."""
    counts: Counter[str] = Counter()
    for doc, org, relation in G.edges(keys=True):
        if relation == "issued-by" and (doc_type is None or G.nodes[doc].get("doc_type") == doc_type):
            counts[G.nodes[org]["label"]] += 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


_PROJECT: dict[str, Callable[[nx.MultiDiGraph], nx.Graph]] = {
    "entity": lambda G: G,
    "person-org": person_organization,
    "cooccurrence": cooccurrence,
    "document-issuer": document_issuer,
}


def project(G: nx.MultiDiGraph, projection: str) -> nx.Graph:
    """The entity graph itself or one of its projections, by name (see ``PROJECTIONS``)."""
    if projection not in _PROJECT:
        raise ValueError(f"unknown projection {projection!r}: use one of {', '.join(PROJECTIONS)}")
    return _PROJECT[projection](G)
