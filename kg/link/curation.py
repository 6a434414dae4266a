"""A user's linking decisions: these mentions, or these persons, are (not) the same person.

Two forms, one meaning (``read_curation`` tells them by the file's suffix):

* TSV, a decision per line: ``same|different <TAB> A <TAB> B [<TAB> comment]``, where A and B are each a mention
  ``ARTICLE-ID:NAME`` or a person's IRI as a graph of kg writes it (``https://w3id.org/kg-vn/id/person/
  nguyễn-văn-hùng--70cb63c9``, ``<…>`` or ``person/…`` too); ``#`` starts a comment line.
* Turtle (``.ttl``): ``<A> owl:sameAs <B>`` and ``<A> owl:differentFrom <B>`` between person IRIs.

A person's IRI ends with a digest of the evidence it was minted from (``kg.link.across``): a context, a role, or
the article a mention is scoped to. So an IRI stands for every mention that carries that evidence, in this build
as in the one that wrote it, and a decision about it holds when articles are added. Journalists (``--by-``) are
one per name and outlet and take no decision. Linking decides within one name group, so both sides must be of
one name; anything else is a ValueError naming the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from kg.lang.vi.orthography import name_key

Mention = tuple[str, str]  # (article id, name as written)
Side = Mention | str  # a mention, or a person's IRI key (the segment under person/)


@dataclass
class Curation:
    """Pairs of mentions or persons that are, or are not, the same person."""

    same: list[tuple[Side, Side]] = field(default_factory=list)
    different: list[tuple[Side, Side]] = field(default_factory=list)


def person_key(text: str) -> str | None:
    """The IRI key of a person's IRI ("…/person/nguyễn-văn-hùng--70cb63c9" → "nguyễn-văn-hùng--70cb63c9"), or None."""
    iri = text.strip().removeprefix("<").removesuffix(">")
    head, sep, key = iri.rpartition("person/")
    if not sep or (head and not head.endswith("/")) or not key or "/" in key:
        return None
    return unquote(key)


def name_part(side: Side) -> str:
    """The name group a side belongs to: its name's key, or the name part of a person's IRI key."""
    return name_key(side[1]) if isinstance(side, tuple) else side.split("--")[0]


def read_curation(path: str | Path) -> Curation:
    """The decisions of a curation file (TSV, or Turtle when it ends in ``.ttl``); see the module docstring."""
    pairs = _turtle(Path(path)) if str(path).endswith(".ttl") else _tsv(Path(path))
    cur = Curation()
    for where, verdict, a, b in pairs:
        for side in (a, b):
            if isinstance(side, str) and "--by" in side:
                raise ValueError(f"{where}: {side!r} is a journalist's: one per name and outlet, no decision applies")
        if name_part(a) != name_part(b):
            shown = [s[1] if isinstance(s, tuple) else s for s in (a, b)]
            raise ValueError(f"{where}: {shown[0]!r} and {shown[1]!r} are not one name: linking only decides between "
                             f"mentions of the same name")
        (cur.same if verdict == "same" else cur.different).append((a, b))
    return cur


def _tsv(path: Path) -> list[tuple[str, str, Side, Side]]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = line.rstrip("\n").split("\t")
            verdict = cells[0].strip().casefold()
            if verdict not in ("same", "different") or len(cells) < 3:
                raise ValueError(f"{path}:{n}: expected 'same' or 'different', then two mentions (ARTICLE:NAME) "
                                 f"or person IRIs separated by tabs")
            sides: list[Side] = []
            for cell in cells[1:3]:
                key = person_key(cell) if "person/" in cell else None
                if key is not None:
                    sides.append(key)
                    continue
                article, sep, name = cell.strip().rpartition(":")
                if not sep or not article or not name.strip():
                    raise ValueError(f"{path}:{n}: {cell.strip()!r} is not ARTICLE:NAME nor a person's IRI")
                sides.append((article, " ".join(name.split())))
            out.append((f"{path}:{n}", verdict, sides[0], sides[1]))
    return out


def _turtle(path: Path) -> list[tuple[str, str, Side, Side]]:
    from rdflib import OWL, Graph, URIRef

    g = Graph()
    try:
        g.parse(path, format="turtle")
    except Exception as exc:  # rdflib says where: its message names the line
        raise ValueError(f"{path}: not Turtle: {exc}") from exc
    out = []
    for pred, verdict in ((OWL.sameAs, "same"), (OWL.differentFrom, "different")):
        for s, o in sorted(g.subject_objects(pred)):
            keys = [person_key(str(x)) if isinstance(x, URIRef) else None for x in (s, o)]
            if keys[0] is None or keys[1] is None:
                raise ValueError(f"{path}: {s.n3()} {pred.n3(g.namespace_manager)} {o.n3()}: both sides must be "
                                 f"person IRIs")
            out.append((str(path), verdict, keys[0], keys[1]))
    if not out:
        raise ValueError(f"{path}: no owl:sameAs or owl:differentFrom between person IRIs")
    return out


__all__ = ["Curation", "Mention", "Side", "name_part", "person_key", "read_curation"]
