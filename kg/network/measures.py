"""Measures on the graphs of ``kg.network``: centrality by node type, communities, connected components.

All measures see the graph as undirected and simple (parallel relations between two nodes are one tie;
explicit weights add up). PageRank and eigenvector centrality use edge ``weight`` (1 when absent); degree and
betweenness do not.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

MEASURES = ("degree", "betweenness", "pagerank", "eigenvector")
COMMUNITY_METHODS = ("louvain", "greedy", "label-propagation")
EXACT_BETWEENNESS_MAX_NODES = 2000  # above this, betweenness is estimated from sampled sources
BETWEENNESS_SAMPLES = 200


@dataclass(frozen=True)
class Score:
    node: str
    label: str
    type: str
    score: float
    degree: int  # neighbours in the undirected simple graph


@dataclass
class Community:
    members: list[str]  # by degree, highest first
    labels: list[str]
    types: Counter[str] = field(default_factory=Counter)

    @property
    def size(self) -> int:
        return len(self.members)


def undirected(G: nx.Graph) -> nx.Graph:
    """Undirected simple view of ``G``: one edge per connected pair.

    A pair's ``weight`` is the sum of its edges' ``weight`` attributes, or 1 when they have none (two
    relations between the same entities, such as ``mentions`` and ``photo-by``, are one tie).
    """
    import networkx as nx

    if not G.is_directed() and not G.is_multigraph():
        return G
    H = nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    for u, v, w in G.edges(data="weight"):
        if u == v:
            continue
        if not H.has_edge(u, v):
            H.add_edge(u, v, weight=1 if w is None else w, weighted=w is not None)
        elif w is not None:
            edge = H[u][v]
            edge["weight"] = edge["weight"] + w if edge["weighted"] else w
            edge["weighted"] = True
    for _, _, d in H.edges(data=True):
        del d["weighted"]
    return H


def scores(G: nx.Graph, measure: str, k: int | None = None, seed: int = 0) -> dict[str, float]:
    """``measure`` (one of ``MEASURES``) of every node of ``G``.

    Betweenness is exact up to ``EXACT_BETWEENNESS_MAX_NODES`` nodes and estimated from ``k`` sampled
    sources (default ``BETWEENNESS_SAMPLES``, fixed ``seed``) above; an explicit ``k`` always samples.
    """
    import networkx as nx

    H = undirected(G)
    if H.number_of_nodes() == 0:
        return {}
    if measure == "degree":
        return nx.degree_centrality(H) if len(H) > 1 else dict.fromkeys(H, 0.0)
    if measure == "betweenness":
        if k is None and len(H) > EXACT_BETWEENNESS_MAX_NODES:
            k = BETWEENNESS_SAMPLES
        k = None if k is None or k >= len(H) else k
        return nx.betweenness_centrality(H, k=k, seed=seed if k else None)
    if measure == "pagerank":
        return nx.pagerank(H, weight="weight")
    if measure == "eigenvector":
        if H.number_of_edges() == 0:
            return dict.fromkeys(H, 0.0)
        try:
            values = nx.eigenvector_centrality_numpy(H, weight="weight")
        except Exception:  # ARPACK may not converge: fall back to power iteration
            values = nx.eigenvector_centrality(H, weight="weight", max_iter=1000, tol=1e-8)
        return {n: abs(v) for n, v in values.items()}  # the eigenvector's sign is arbitrary
    raise ValueError(f"unknown measure {measure!r}: use one of {', '.join(MEASURES)}")


def centrality(G: nx.Graph, measure: str = "pagerank", type: str | None = None, top: int | None = 20,
               k: int | None = None, seed: int = 0) -> list[Score]:
    """The ``top`` nodes (of ``type`` when given, case-insensitive) by ``measure``, highest first.

    Ties are broken by label, then IRI, so rankings are reproducible.
    """
    H = undirected(G)
    values = scores(H, measure, k=k, seed=seed)
    want = type.casefold() if type else None
    out = [Score(n, str(d.get("label", n)), str(d.get("type", "")), float(values[n]), H.degree(n))
           for n, d in H.nodes(data=True) if want is None or str(d.get("type", "")).casefold() == want]
    out.sort(key=lambda s: (-s.score, s.label, s.node))
    return out if top is None else out[:top]


def communities(G: nx.Graph, method: str = "louvain", seed: int = 0, resolution: float = 1.0) -> list[Community]:
    """Communities of ``G`` (largest first) by one of ``COMMUNITY_METHODS``; isolated nodes are left out."""
    import networkx as nx

    H = undirected(G)
    H = H.subgraph([n for n in H if H.degree(n) > 0])
    if method == "louvain":
        found = nx.community.louvain_communities(H, weight="weight", resolution=resolution, seed=seed)
    elif method == "greedy":
        found = nx.community.greedy_modularity_communities(H, weight="weight", resolution=resolution)
    elif method == "label-propagation":
        found = nx.community.label_propagation_communities(H)
    else:
        raise ValueError(f"unknown method {method!r}: use one of {', '.join(COMMUNITY_METHODS)}")
    out = []
    for members in found:
        ranked = sorted(members, key=lambda n: (-H.degree(n), str(H.nodes[n].get("label", n)), n))
        out.append(Community(ranked, [str(H.nodes[n].get("label", n)) for n in ranked],
                             Counter(str(H.nodes[n].get("type", "")) for n in ranked)))
    out.sort(key=lambda c: (-c.size, c.labels[0]))
    return out


def modularity(G: nx.Graph, found: list[Community]) -> float:
    """Modularity of a partition found by ``communities`` (over the nodes it covers)."""
    import networkx as nx

    H = undirected(G)
    sets = [set(c.members) for c in found]
    covered = set().union(*sets) if sets else set()
    H = H.subgraph(covered)
    return nx.community.modularity(H, sets, weight="weight") if H.number_of_edges() else 0.0


@dataclass(frozen=True)
class Components:
    count: int
    sizes: list[int]  # largest first
    isolated: int  # components of one node
    nodes: int

    @property
    def largest_share(self) -> float:
        return self.sizes[0] / self.nodes if self.nodes else 0.0


def components(G: nx.Graph) -> Components:
    """Connected components (edge direction ignored): how many, their sizes, how many single nodes."""
    import networkx as nx

    H = undirected(G)
    sizes = sorted((len(c) for c in nx.connected_components(H)), reverse=True)
    return Components(len(sizes), sizes, sum(1 for s in sizes if s == 1), H.number_of_nodes())
