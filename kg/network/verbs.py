"""The network verbs of ``kg``: centrality, path, ego, communities, export (parsing and printing only).

Heavy libraries are imported inside the verbs so ``kg --help`` stays fast. A name that picks out no entity,
or several, is a message and exit status 2; no path between two entities is exit status 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kg.network.measures import BETWEENNESS_SAMPLES, COMMUNITY_METHODS, EXACT_BETWEENNESS_MAX_NODES, MEASURES

if TYPE_CHECKING:
    import networkx as nx

PROJECTIONS = ("entity", "person-org", "cooccurrence", "document-issuer")  # = kg.network.PROJECTIONS (no rdflib here)


def _entity(args: argparse.Namespace) -> nx.MultiDiGraph:
    from kg.network.graph import entity_graph, without

    return without(entity_graph(args.graph), args.exclude or ())


def _view(args: argparse.Namespace, G: nx.MultiDiGraph) -> nx.Graph:
    """The entity graph without mentions and credits unless the verb's --with-mentions/--with-credits ask."""
    from kg.network.graph import structural

    if not hasattr(args, "with_mentions"):
        return G
    return structural(G, with_mentions=args.with_mentions, with_credits=args.with_credits)


def _graph(args: argparse.Namespace) -> nx.Graph:
    from kg.network.graph import cooccurrence, project

    projection = getattr(args, "projection", "entity")
    G = _entity(args)
    if projection == "cooccurrence":
        return cooccurrence(G, with_credits=getattr(args, "with_credits", False))
    return project(_view(args, G) if projection == "entity" else G, projection)


def _left_out(args: argparse.Namespace) -> str:
    missing = [flag for flag, on in (("--with-mentions", args.with_mentions), ("--with-credits", args.with_credits))
               if not on]
    return f" (article mentions and credits left out: {' / '.join(missing)} to go through them)" if missing else ""


def _fail(verb: str, exc: BaseException) -> int:
    print(f"kg {verb}: {exc}", file=sys.stderr)
    return 2


def _centrality(args: argparse.Namespace) -> int:
    from kg.network.measures import centrality
    from kg.publish.query import format_rows

    try:
        G = _graph(args)
        ranked = centrality(G, args.measure, type=args.type, top=args.top, k=args.sample)
    except (OSError, ValueError, SyntaxError) as exc:
        return _fail("centrality", exc)
    if not ranked:
        print(f"kg centrality: no {args.type or 'node'} in the {args.projection} graph", file=sys.stderr)
    header = ["rank", "label", "type", args.measure, "degree", "iri"]
    rows = [[str(i), s.label, s.type, f"{s.score:.6f}", str(s.degree), s.node] for i, s in enumerate(ranked, 1)]
    sys.stdout.write(format_rows(header, rows, args.format))
    return 0


def _path(args: argparse.Namespace) -> int:
    from kg.network.lookup import PATH_EXCLUDED, NameIndex, NameNotResolved, NoPath, find_path, render_path

    try:
        full = _entity(args)
        index = NameIndex(full)  # names resolve on every entity, also those only mentions or credits reach
        source, target = index.resolve(args.source), index.resolve(args.target)
    except (OSError, ValueError, SyntaxError, NameNotResolved) as exc:
        return _fail("path", exc)
    G = _view(args, full)
    exclude = () if args.via_roles else PATH_EXCLUDED
    try:
        if source not in G or target not in G:
            raise NoPath(f"no path between {full.nodes[source].get('label', source)!r} and "
                         f"{full.nodes[target].get('label', target)!r}")
        steps = find_path(G, source, target, exclude=exclude)
    except NoPath as exc:
        print(f"kg path: {exc}{_left_out(args)}", file=sys.stderr)
        return 1
    print(render_path(G, source, steps))
    print(f"({len(steps)} hops)")
    return 0


def _ego(args: argparse.Namespace) -> int:
    from kg.network.export import write
    from kg.network.lookup import NameNotResolved, ego, resolve

    try:
        G = _graph(args)
        center = resolve(G, args.name, args.type)
    except (OSError, ValueError, SyntaxError, NameNotResolved) as exc:
        return _fail("ego", exc)
    sub = ego(G, center, args.depth)
    print(f"{G.nodes[center]['label']} ({G.nodes[center]['type']}): {sub.number_of_nodes() - 1} entities within "
          f"{args.depth} hops, {sub.number_of_edges()} relations")
    for n, d in sorted(sub.nodes(data=True), key=lambda nd: (nd[1]["distance"], nd[1]["type"], nd[1]["label"])):
        if n != center:
            print(f"  {d['distance']}  {d['type']:<12} {d['label']}")
    if args.output:
        try:
            note = write(sub, args.output, title=f"{G.nodes[center]['label']} — {args.depth} hops")
        except ValueError as exc:
            return _fail("ego", exc)
        print(f"wrote {args.output}" + (f": {note}" if note else ""), file=sys.stderr)
    return 0


def _communities(args: argparse.Namespace) -> int:
    from kg.network.measures import communities, components, modularity
    from kg.publish.query import format_rows

    try:
        G = _graph(args)
        found = communities(G, args.method, seed=args.seed, resolution=args.resolution)
    except (OSError, ValueError, SyntaxError) as exc:
        return _fail("communities", exc)
    c = components(G)
    print(f"{c.nodes} nodes, {c.count} connected components (largest {c.sizes[0] if c.sizes else 0} nodes = "
          f"{c.largest_share:.0%}, {c.isolated} isolated); sizes of the largest: "
          f"{', '.join(map(str, c.sizes[:10]))}", file=sys.stderr)
    print(f"{len(found)} communities ({args.method}, modularity {modularity(G, found):.3f})", file=sys.stderr)
    header = ["community", "size", "types", "members"]
    rows = [[str(i), str(com.size), ", ".join(f"{t} {n}" for t, n in com.types.most_common()),
             "; ".join(com.labels[: args.members])] for i, com in enumerate(found[: args.top], 1)]
    sys.stdout.write(format_rows(header, rows, args.format))
    return 0


def _export(args: argparse.Namespace) -> int:
    from kg.network.export import write
    from kg.network.lookup import NameNotResolved, ego, resolve

    try:
        G = _graph(args)
        if args.around:
            G = ego(G, resolve(G, args.around), args.depth)
        note = write(G, args.output, max_nodes=args.max_nodes)
    except (OSError, ValueError, SyntaxError, NameNotResolved) as exc:
        return _fail("export", exc)
    print(f"wrote {args.output} ({G.number_of_nodes()} nodes, {G.number_of_edges()} edges)", file=sys.stderr)
    if note:
        print(f"kg export: {note}" + ("; --max-nodes N draws more" if not note.startswith("drawing all") else ""),
              file=sys.stderr)
    return 0


def _common(p: argparse.ArgumentParser, projection: bool = True) -> None:
    p.add_argument("graph", type=Path, help="graph file written by kg build (.ttl .nt .trig .jsonld)")
    if projection:
        p.add_argument("--projection", choices=PROJECTIONS, default="entity",
                       help="the entity graph or one of its projections (default entity)")
    p.add_argument("--exclude", action="append", metavar="RELATION",
                   help="leave out edges of this relation (mentions, role …); repeatable")


def _structural(p: argparse.ArgumentParser) -> None:
    p.add_argument("--with-mentions", action="store_true",
                   help="entity graph: also use article mentions (article → entity); left out by default")
    p.add_argument("--with-credits", action="store_true",
                   help="also use byline and photo credits (author, photo-by); left out by default")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the network verbs to the ``kg`` command."""
    c = sub.add_parser("centrality", help="rank entities by degree, betweenness, PageRank or eigenvector centrality")
    _common(c)
    c.add_argument("--measure", choices=MEASURES, default="pagerank")
    c.add_argument("--type", help="only entities of this type (Person, Organization, Post, Document, Event …)")
    c.add_argument("--top", type=int, default=20)
    c.add_argument("--sample", type=int, metavar="K", help="betweenness from K sampled sources (default: exact up "
                   f"to {EXACT_BETWEENNESS_MAX_NODES} nodes, {BETWEENNESS_SAMPLES} samples above)")
    c.add_argument("--format", choices=["table", "csv", "json"], default="table")
    _structural(c)
    c.set_defaults(func=_centrality)

    p = sub.add_parser("path", help="how two entities (names or IRIs) are connected")
    _common(p, projection=False)
    p.add_argument("source")
    p.add_argument("target")
    p.add_argument("--via-roles", action="store_true", help="also go through shared roles (Chủ tịch …)")
    _structural(p)
    p.set_defaults(func=_path, projection="entity")

    e = sub.add_parser("ego", help="the entities within --depth hops of one entity")
    _common(e, projection=False)
    e.add_argument("name")
    e.add_argument("--depth", type=int, default=1)
    e.add_argument("--type", help="the entity's type, when the name is shared")
    e.add_argument("-o", "--output", type=Path, help="also write the ego network (.graphml .gexf .html)")
    e.set_defaults(func=_ego, projection="entity")

    m = sub.add_parser("communities", help="communities and connected components")
    _common(m)
    m.add_argument("--method", choices=COMMUNITY_METHODS, default="louvain")
    m.add_argument("--resolution", type=float, default=1.0, help="louvain/greedy resolution (higher: smaller)")
    m.add_argument("--seed", type=int, default=0)
    m.add_argument("--top", type=int, default=20, help="communities to list")
    m.add_argument("--members", type=int, default=8, help="members to name per community")
    m.add_argument("--format", choices=["table", "csv", "json"], default="table")
    m.set_defaults(func=_communities)

    x = sub.add_parser("export", help="write the graph for Gephi (.graphml .gexf) or as an interactive .html view")
    _common(x)
    x.add_argument("-o", "--output", type=Path, required=True)
    x.add_argument("--around", metavar="NAME", help="only the ego network of this entity")
    x.add_argument("--depth", type=int, default=2, help="hops around --around (default 2)")
    x.add_argument("--max-nodes", type=int, default=600, help="HTML: draw at most this many best-connected nodes")
    x.set_defaults(func=_export)
