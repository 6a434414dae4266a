"""Writing ``kg.network`` graphs: GraphML and GEXF (for Gephi) and a self-contained interactive HTML view.

The HTML page inlines the vis-network library shipped with pyvis, so it opens offline, from a file.
"""

from __future__ import annotations

import html
import json
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
    """``G`` itself, or the subgraph of its ``max_nodes`` best-connected nodes."""
    if G.number_of_nodes() <= max_nodes:
        return G
    keep = sorted(G, key=lambda n: (-G.degree(n), n))[:max_nodes]
    return G.subgraph(keep)


def to_html(G: nx.Graph, title: str = "kg graph", max_nodes: int = HTML_MAX_NODES) -> str:
    """A standalone HTML page drawing ``G`` (at most ``max_nodes`` best-connected nodes), colored by type."""
    G = largest_part(G, max_nodes)
    ids = {n: i for i, n in enumerate(G)}
    nodes = []
    for n, d in G.nodes(data=True):
        kind = str(d.get("type", ""))
        tip = "\n".join([str(d.get("label", n)), kind, str(n)])
        nodes.append({"id": ids[n], "label": str(d.get("label", n))[:60], "title": tip, "group": kind,
                      "color": COLORS.get(kind, "#999999"), "value": G.degree(n) + 1})
    edges = []
    for u, v, d in G.edges(data=True):
        label = str(d.get("relation", d.get("weight", "")))
        edge = {"from": ids[u], "to": ids[v], "title": label, "label": label if G.is_directed() else ""}
        if G.is_directed():
            edge["arrows"] = "to"
        if "weight" in d:
            edge["value"] = d["weight"]
        edges.append(edge)
    js, css = _vis_assets()
    legend = " ".join(f'<span style="color:{c}">&#9679; {k}</span>' for k, c in COLORS.items()
                      if any(d == k for _, d in G.nodes(data="type")))

    def data(value: object) -> str:  # JSON that cannot close the <script> element
        return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")

    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>{css}</style>
<style>body{{font-family:sans-serif;margin:0}}#graph{{width:100vw;height:92vh;border-top:1px solid #ddd}}
header{{padding:6px 10px}}</style></head>
<body><header><b>{html.escape(title)}</b> — {G.number_of_nodes()} nodes, {G.number_of_edges()} edges. {legend}</header>
<div id="graph"></div>
<script>{js}</script>
<script>
const nodes = new vis.DataSet({data(nodes)});
const edges = new vis.DataSet({data(edges)});
new vis.Network(document.getElementById("graph"), {{nodes, edges}}, {{
  nodes: {{shape: "dot", scaling: {{min: 6, max: 30}}, font: {{size: 12}}}},
  edges: {{color: {{color: "#cccccc", highlight: "#555555"}}, font: {{size: 9, align: "middle"}}, smooth: false}},
  physics: {{solver: "forceAtlas2Based", stabilization: {{iterations: 200}}}},
  interaction: {{hover: true, navigationButtons: false}}
}});
</script></body></html>
"""


def write(G: nx.Graph, path: str | Path, title: str | None = None, max_nodes: int = HTML_MAX_NODES) -> None:
    """Write ``G`` by extension: ``.graphml``, ``.gexf`` (attributes made GraphML-safe) or ``.html``."""
    import networkx as nx

    from kg.rdf import write_atomic

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".html":
        data = to_html(G, title or path.stem, max_nodes).encode("utf-8")
    elif suffix in (".graphml", ".gexf"):
        import io

        buf = io.BytesIO()
        (nx.write_graphml if suffix == ".graphml" else nx.write_gexf)(graphml_safe(G), buf)
        data = buf.getvalue()
    else:
        raise ValueError(f"unsupported export extension {suffix!r}: use one of {', '.join(EXPORT_FORMATS)}")
    write_atomic(data, path)
