"""Writing ``kg.network`` graphs: GraphML and GEXF (for Gephi) and a self-contained interactive HTML view.

The HTML page inlines the vis-network library shipped with pyvis, so it opens offline, from a file.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

EXPORT_FORMATS = (".graphml", ".gexf", ".html")
HTML_MAX_NODES = 600
COLORS = {"Person": "#e4572e", "Post": "#f3a712", "Organization": "#29335c", "Role": "#a8c686",
          "Document": "#669bbc", "Event": "#8f2d56", "Article": "#b0b0b0"}


def _safe(value: object) -> str | int | float | bool | None:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        return "|".join(sorted(str(v) for v in value))
    return str(value)


def graphml_safe(G: nx.Graph) -> nx.Graph:
    """Copy of ``G`` whose graph, node and edge attributes are all str, int, float or bool (None dropped)."""
    H = G.copy()
    for attrs in [H.graph, *(d for _, d in H.nodes(data=True)),
                  *(d for *_, d in (H.edges(keys=True, data=True) if H.is_multigraph() else H.edges(data=True)))]:
        for key in list(attrs):
            value = _safe(attrs[key])
            if value is None:
                del attrs[key]
            else:
                attrs[key] = value
    return H


def _vis_assets() -> tuple[str, str]:
    from importlib.resources import files

    lib = files("pyvis") / "lib" / "vis-9.1.2"
    return ((lib / "vis-network.min.js").read_text(encoding="utf-8"),
            (lib / "vis-network.css").read_text(encoding="utf-8"))


def largest_part(G: nx.Graph, max_nodes: int) -> nx.Graph:
    """``G`` itself, or ``max_nodes`` of its nodes grown from the best-connected node of its largest component.

    Growth takes the best-connected neighbour of what is kept so far, so the part drawn is connected whenever
    the largest component has ``max_nodes`` nodes; when it has fewer, the next largest components follow.
    """
    import heapq

    import networkx as nx

    if G.number_of_nodes() <= max_nodes:
        return G
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    parts = sorted(nx.connected_components(U), key=lambda c: (-len(c), min(map(str, c))))
    keep: list = []
    seen: set = set()
    for part in parts:
        start = min(part, key=lambda n: (-U.degree(n), str(n)))
        frontier = [(-U.degree(start), str(start), start)]
        while frontier and len(keep) < max_nodes:
            _, _, n = heapq.heappop(frontier)
            if n in seen:
                continue
            seen.add(n)
            keep.append(n)
            for m in U[n]:
                if m not in seen:
                    heapq.heappush(frontier, (-U.degree(m), str(m), m))
        if len(keep) >= max_nodes:
            break
    return G.subgraph(keep)


def drawing_note(total: int, drawn: nx.Graph) -> str:
    """What a page draws of a graph of ``total`` nodes: "drawing 600 of 12,345 nodes (the largest connected part)"."""
    import networkx as nx

    n = drawn.number_of_nodes()
    if n >= total:
        return f"drawing all {total:,} nodes"
    U = drawn.to_undirected(as_view=True) if drawn.is_directed() else drawn
    where = "the largest connected part" if n and nx.is_connected(U) else "the largest connected parts"
    return f"drawing {n:,} of {total:,} nodes ({where})"


NO_TYPE = "(no type)"  # the legend's name for nodes without a type
UNTYPED_COLOR = "#999999"
EXTRA_COLORS = ("#2e86ab", "#c5283d", "#6a4c93", "#1b998b", "#e9724c", "#5d576b")  # for types COLORS lacks


def palette(kinds: Iterable[str]) -> dict[str, str]:
    """Colour of each node type on one page: ``COLORS`` for kg's types, others from ``EXTRA_COLORS`` in name order
    (repeating when there are more), grey for no type. Nodes and legend both take theirs from here."""
    kinds = set(kinds)
    out = {k: COLORS[k] for k in kinds if k in COLORS}
    others = sorted({k for k in kinds if k and k not in COLORS})
    out.update({k: EXTRA_COLORS[i % len(EXTRA_COLORS)] for i, k in enumerate(others)})
    if "" in kinds:
        out[""] = UNTYPED_COLOR
    return out


def _script_json(value: object) -> str:
    """JSON for inside a <script> element: <, >, &, U+2028 and U+2029 written as \\u escapes, so no text from
    the graph can end the element, open a comment, or end a line of JavaScript."""
    text = json.dumps(value, ensure_ascii=False)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                         ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def to_html(G: nx.Graph, title: str = "kg graph", max_nodes: int = HTML_MAX_NODES) -> str:
    """A standalone HTML page drawing ``G`` (at most ``max_nodes`` nodes, see ``largest_part``), coloured by type.

    The graph's strings travel as escaped JSON in a ``<script type="application/json">`` element, read by the
    drawing code; the title and legend are HTML-escaped. The header says how many of ``G``'s nodes are drawn.
    """
    return _page(G, title, max_nodes)[0]


def _page(G: nx.Graph, title: str, max_nodes: int) -> tuple[str, str]:
    """The page of ``to_html`` and its ``drawing_note``."""
    total = G.number_of_nodes()
    G = largest_part(G, max_nodes)
    note = drawing_note(total, G)
    ids = {n: i for i, n in enumerate(G)}
    colours = palette({str(d or "") for _, d in G.nodes(data="type")})
    nodes = []
    for n, d in G.nodes(data=True):
        kind = str(d.get("type") or "")
        tip = "\n".join([str(d.get("label", n)), kind, str(n)])
        nodes.append({"id": ids[n], "label": str(d.get("label", n))[:60], "title": tip, "group": kind,
                      "color": colours[kind], "value": G.degree(n) + 1})
    edges = []
    for u, v, d in G.edges(data=True):
        label = str(d.get("relation", d.get("weight", "")))
        edge = {"from": ids[u], "to": ids[v], "title": label, "label": label if G.is_directed() else ""}
        if G.is_directed():
            edge["arrows"] = "to"
        if "weight" in d:
            edge["value"] = d["weight"]
        edges.append(edge)
    order = {k: i for i, k in enumerate(COLORS)}  # the palette's types first, then others, untyped last
    kinds = sorted(colours, key=lambda k: (order.get(k, len(order)), not k, k))
    groups = {k: {"color": {"background": colours[k], "border": colours[k]}} for k in kinds if k}
    js, css = _vis_assets()
    legend = " ".join(f'<span style="color:{colours[k]}">&#9679; {html.escape(k or NO_TYPE)}</span>'
                      for k in kinds)
    payload = _script_json({"nodes": nodes, "edges": edges, "groups": groups})

    page = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>{css}</style>
<style>body{{font-family:sans-serif;margin:0}}#graph{{width:100vw;height:92vh;border-top:1px solid #ddd}}
header{{padding:6px 10px}}</style></head>
<body><header><b>{html.escape(title)}</b> — {note}, {G.number_of_edges():,} edges. {legend}</header>
<div id="graph"></div>
<script>{js}</script>
<script id="kg-data" type="application/json">{payload}</script>
<script>
const data = JSON.parse(document.getElementById("kg-data").textContent);
new vis.Network(document.getElementById("graph"),
                {{nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges)}}, {{
  groups: data.groups,
  nodes: {{shape: "dot", scaling: {{min: 6, max: 30}}, font: {{size: 12}}}},
  edges: {{color: {{color: "#cccccc", highlight: "#555555"}}, font: {{size: 9, align: "middle"}}, smooth: false}},
  physics: {{solver: "forceAtlas2Based", stabilization: {{iterations: 200}}}},
  interaction: {{hover: true, navigationButtons: false}}
}});
</script></body></html>
"""
    return page, note


def write(G: nx.Graph, path: str | Path, title: str | None = None, max_nodes: int = HTML_MAX_NODES) -> str | None:
    """Write ``G`` by extension: ``.graphml``, ``.gexf`` (attributes made GraphML-safe) or ``.html``.

    For ``.html``, returns what the page draws of ``G`` ("drawing 600 of 12,345 nodes …"); None otherwise.
    """
    import networkx as nx

    from kg.publish.writers import write_atomic

    path = Path(path)
    suffix = path.suffix.lower()
    note = None
    if suffix == ".html":
        page, note = _page(G, title or path.stem, max_nodes)
        data = page.encode("utf-8")
    elif suffix in (".graphml", ".gexf"):
        import io

        buf = io.BytesIO()
        (nx.write_graphml if suffix == ".graphml" else nx.write_gexf)(graphml_safe(G), buf)
        data = buf.getvalue()
    else:
        raise ValueError(f"unsupported export extension {suffix!r}: use one of {', '.join(EXPORT_FORMATS)}")
    write_atomic(data, path)
    return note
