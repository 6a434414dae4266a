"""Finding entities of a ``kg.network`` graph by name, the path between two of them, and ego networks.

Names resolve forgivingly: case, spacing, old/new tone placement (Hoà/Hòa) and abbreviations (UBND, TP.,
HĐND …, from the ontology) do not matter, and a name without diacritics matches when nothing else does.
A full IRI, or the end of one (``person/dong-van-thanh``), also names an entity.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.lang.vi.orthography import fold, slug

if TYPE_CHECKING:
    import networkx as nx

_PUNCT = ".,;:()[]\"'“”"
# Relations a path costs more to go through: an article mentioning two entities is a weaker link than a post.
PATH_COSTS = {"mentions": 2.5}
PATH_EXCLUDED = ("role",)  # a role ("Chủ tịch") is shared by every post of that title: not a connection


class NameNotResolved(LookupError):
    """A name that does not pick out exactly one entity (the message says why)."""


class UnknownName(NameNotResolved):
    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no entity named {name!r} in the graph{hint}")


class AmbiguousName(NameNotResolved):
    def __init__(self, name: str, candidates: list[tuple[str, str, str]]) -> None:
        self.name = name
        self.candidates = candidates  # (iri, type, label)
        lines = "\n".join(f"  {label} ({kind}) {iri}" for iri, kind, label in candidates)
        super().__init__(f"{name!r} names {len(candidates)} entities; give its IRI (or a type) instead:\n{lines}")


class NoPath(LookupError):
    pass


def _abbreviations() -> dict[str, str]:
    from kg.knowledge import default_knowledge

    return {fold(short).strip(_PUNCT): fold(long) for short, long in default_knowledge().abbreviations.items()}


class NameIndex:
    """Lookup of the nodes of a graph by forgiving name keys (labels, alternative labels, document numbers)."""

    def __init__(self, G: nx.Graph, abbreviations: dict[str, str] | None = None) -> None:
        self.G = G
        self.abbreviations = _abbreviations() if abbreviations is None else abbreviations
        self.primary: dict[str, set[str]] = defaultdict(set)
        self.other: dict[str, set[str]] = defaultdict(set)
        self.ascii: dict[str, set[str]] = defaultdict(set)
        for n, data in G.nodes(data=True):
            names = [str(data.get("label", ""))]
            others = [a for a in str(data.get("alt", "")).split("|") if a]
            if data.get("number"):
                others.append(str(data["number"]))
            for text in names:
                self.primary[self.key(text)].add(n)
            for text in others:
                self.other[self.key(text)].add(n)
            for text in names + others:
                self.ascii[slug(self.key(text))].add(n)

    def key(self, text: str) -> str:
        """Comparison key: folded, punctuation trimmed, each abbreviation written out."""
        out: list[str] = []
        for token in fold(text).split():
            bare = token.strip(_PUNCT)
            expansion = self.abbreviations.get(bare)
            words = expansion.split() if expansion else [bare]
            out.extend(w.strip(_PUNCT) for w in words if w.strip(_PUNCT))
        return " ".join(out)

    def resolve(self, name: str, type: str | None = None) -> str:
        """The one node ``name`` refers to (of ``type`` when given); raises UnknownName / AmbiguousName."""
        want = type.casefold() if type else None

        def ok(nodes: Iterable[str]) -> list[str]:
            return sorted(n for n in nodes if want is None or str(self.G.nodes[n].get("type", "")).casefold() == want)

        if name in self.G and ok([name]):
            return name
        if "/" in name or ("-" in name and " " not in name):  # the end of an IRI: person/dong-van-thanh
            tails = ok(n for n in self.G if n.endswith("/" + name.strip("/")))
            if tails:
                return self._one(name, tails)
        k = self.key(name)
        for table, key in ((self.primary, k), (self.other, k), (self.ascii, slug(k))):
            found = ok(table.get(key, ()))
            if found:
                return self._one(name, found)
        close = difflib.get_close_matches(k, list(self.primary), n=3, cutoff=0.8)
        suggestions = sorted({str(self.G.nodes[n].get("label")) for c in close for n in ok(self.primary[c])})
        raise UnknownName(name, suggestions)

    def _one(self, name: str, nodes: list[str]) -> str:
        if len(nodes) == 1:
            return nodes[0]
        raise AmbiguousName(name, [(n, str(self.G.nodes[n].get("type", "")), str(self.G.nodes[n].get("label", "")))
                                   for n in nodes])


def resolve(G: nx.Graph, name: str, type: str | None = None) -> str:
    """The node of ``G`` that ``name`` (a label, alternative label, document number or IRI) refers to."""
    return NameIndex(G).resolve(name, type)


@dataclass(frozen=True)
class Step:
    source: str
    relation: str
    target: str
    forward: bool  # True when the RDF triple runs source → target


def _relations(G: nx.Graph, u: str, v: str) -> list[tuple[str, bool]]:
    """(relation, forward) of every edge between u and v, either direction."""
    out: list[tuple[str, bool]] = []
    for a, b, forward in ((u, v, True), (v, u, False)):
        if not G.has_edge(a, b):
            continue
        data = G.get_edge_data(a, b)
        items = data.values() if G.is_multigraph() else [data]
        out += [(str(d.get("relation", "linked")), forward) for d in items]
        if not G.is_directed():
            break
    return out


def find_path(G: nx.Graph, source: str, target: str, exclude: Iterable[str] = PATH_EXCLUDED,
              costs: dict[str, float] | None = None) -> list[Step]:
    """Cheapest chain of relations from ``source`` to ``target`` (nodes of ``G``), in either direction.

    Each hop costs 1, or ``costs[relation]`` (default ``PATH_COSTS``); relations in ``exclude`` are not used.
    """
    import networkx as nx

    costs = PATH_COSTS if costs is None else costs
    skip = set(exclude)
    H = nx.Graph()
    H.add_nodes_from(G)
    for u, v, relation in G.edges(data="relation", default="linked"):
        if relation in skip or u == v:
            continue
        cost = costs.get(relation, 1.0)
        if not H.has_edge(u, v) or H[u][v]["cost"] > cost:
            H.add_edge(u, v, cost=cost)
    try:
        nodes = nx.shortest_path(H, source, target, weight="cost")
    except nx.NetworkXNoPath:
        raise NoPath(f"no path between {G.nodes[source].get('label', source)!r} and "
                     f"{G.nodes[target].get('label', target)!r}") from None
    steps = []
    for u, v in zip(nodes, nodes[1:], strict=False):
        options = [(costs.get(r, 1.0), r, f) for r, f in _relations(G, u, v) if r not in skip]
        _, relation, forward = min(options)
        steps.append(Step(u, relation, v, forward))
    return steps


def render_path(G: nx.Graph, source: str, steps: list[Step]) -> str:
    """One readable line: ``Đồng Văn Thanh —holds→ Chủ tịch … —post-in→ Hội đồng nhân dân …``."""
    def name(n: str) -> str:
        return str(G.nodes[n].get("label", n))

    parts = [name(source)]
    for s in steps:
        parts.append(f"—{s.relation}→" if s.forward else f"←{s.relation}—")
        parts.append(name(s.target))
    return " ".join(parts)


def ego(G: nx.Graph, center: str, depth: int = 1, exclude: Iterable[str] = ()) -> nx.Graph:
    """Subgraph of the nodes within ``depth`` hops of ``center`` (either direction), without ``exclude`` relations.

    Each node gets a ``distance`` attribute (hops from the center).
    """
    import networkx as nx

    from kg.network.graph import without

    H = without(G, exclude)
    dist = nx.single_source_shortest_path_length(H.to_undirected(as_view=True), center, cutoff=depth)
    sub = H.subgraph(dist).copy()
    for n, d in dist.items():
        sub.nodes[n]["distance"] = d
    return sub
