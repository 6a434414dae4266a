"""Document identity across articles: which mentions of a symbol are one document.

A symbol alone does not name one document. Every province's Ủy ban nhân dân numbers its own decisions
("327/QĐ-UBND" exists in each of them), and a symbol without a year ("49-NQ/TW") is reused when the numbering
starts again. So a document's identity is its normalised symbol plus what disambiguates it:

* the year, when the symbol has none — taken from the document's date (``49-NQ/TW`` of 1961 ≠ of 2005);
* the issuer, when the symbol's issuer code is not a national one (data: ``kg:nationalIssuer`` in
  ``ontology/documents.ttl``) — the place of the issuer the text gives (UBND tỉnh Quảng Nam → Quảng Nam), or its
  name when it is a known body or names its place further on.

Across articles (a reduce over a symbol's mentions, ``document_names`` → ``decide``): a year-less symbol an
article gives no date for is the one dated document of that symbol the corpus knows, when there is exactly one
(its IRI takes that year; no date is invented), else the symbol's undated node. The node's type is the one the
symbol's type code says ("39-NQ/TW" is a Nghị quyết whatever the text calls it), else the most specific type the
mentions give (a "Công văn" over a generic "Văn bản"), ties to the first in code-point order. When
the issuer the identity needs is unknown (a bare number "Nghị quyết 35", a ``QĐ-UBND`` whose province the text
does not give), the document stays scoped to its article. The normalised symbol
(codes spelt as the data spells them, ``QĐ-Ttg`` → ``QĐ-TTg``; separators in the issuer's style, ``–`` → ``-``,
no spaces) is the document's one ``eli:id_local``, so a node never carries two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.extract.facts import ArticleFacts, Document
from kg.knowledge import Knowledge
from kg.lang.vi.orthography import fold, name_key
from kg.lang.vi.tokenizer import TOKEN_RE

_SPLIT = re.compile(r"[\s./\-–—]+")
_YEAR = re.compile(r"(?:19|20)\d\d")


DOC = "document"  # the second part of a document's key among an article's identities


@dataclass(frozen=True)
class DocumentKey:
    """Who a document mention is: its normalised symbol and what tells it apart, or that it is its article's."""

    symbol: str  # the normalised symbol: the node's eli:id_local
    qualifiers: tuple[str, ...] = ()  # year, issuer: what the symbol needs to name one document
    scoped: bool = False  # the identity is incomplete: the node belongs to the article
    year: str | None = None  # the year taken from the date, for a symbol without one
    year_less: bool = False  # the symbol has no year of its own

    @property
    def group(self) -> str:
        """The symbol and its issuer: the mentions the reduce decides together (any year)."""
        return "\x1f".join((self.symbol, *(q for q in self.qualifiers if q != self.year)))

    @property
    def ref(self) -> str:
        return f"{self.group}\x1e{self.year or ''}"


@dataclass(frozen=True)
class DocName:
    """A document mention as the reduce sees it: its group, its year, and the type it gives (ranked)."""

    article: str
    key: str  # DocumentKey.group
    year: str | None
    year_less: bool
    rank: int  # 0: the symbol's type code says it; 1: a specific type; 2: a generic one ("Văn bản")
    type_label: str | None = None
    type_iri: str | None = None

    @property
    def group(self) -> str:
        return f"{DOC}:{self.key}"

    @property
    def ref(self) -> tuple[str, str, str]:
        return self.article, f"{self.key}\x1e{self.year or ''}", DOC


@dataclass(frozen=True)
class DocDecision:
    """What the reduce decided for a document mention: the year its IRI takes, and the node's one type."""

    year: str | None
    type_label: str | None
    type_iri: str | None


def decide(group: list[DocName]) -> dict[tuple[str, str, str], DocDecision]:
    """Every article's decision for one symbol (see the module docstring)."""
    years = sorted({d.year for d in group if d.year})
    best = min(group, key=lambda d: (d.rank, d.type_label is None, d.type_label or "", d.type_iri or ""))
    out = {}
    for d in group:
        year = d.year or (years[0] if d.year_less and len(years) == 1 else None)
        out[d.ref] = DocDecision(year, best.type_label, best.type_iri)
    return out


class DocumentIdentity:
    """Normalises document symbols and decides the identity of a document mention (data: ontology/documents.ttl)."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.k = knowledge

    def parts(self, number: str) -> tuple[str, str | None, list[str]]:
        """(number, year in the symbol or None, codes spelt as the data spells them; others upper-cased)."""
        pieces = [p for p in _SPLIT.split(number.strip()) if p]
        if not pieces:
            return number, None, []
        head, rest = pieces[0], pieces[1:]
        year = rest.pop(0) if rest and _YEAR.fullmatch(rest[0]) else None
        codes = []
        for part in rest:
            code = self.k.symbol_code(part)
            codes.append(code.spelling if code and code.spelling else part.upper())
        return head, year, codes

    def symbol(self, number: str) -> str:
        """The normalised symbol: "58/2016/QĐ-Ttg" → "58/2016/QĐ-TTg", "16/NQ-TW" → "16-NQ/TW", "35" → "35"."""
        if not re.search(r"[/\-–—]", number):
            return re.sub(r"\s+", "", number)
        head, year, codes = self.parts(number)
        lead = f"{head}/{year}" if year else head
        if not codes:
            return lead
        party = any((c := self.k.symbol_code(code)) is not None and c.party for code in codes)
        if party and len(codes) > 1:  # number-TYPE/ISSUER: 55-CT/TW, 09-HD/BTCTW
            return f"{lead}-{codes[0]}/" + "-".join(codes[1:])
        return f"{lead}/" + "-".join(codes)  # number[/year]/TYPE-ISSUER: 58/2016/QĐ-TTg, 72/2025/QH15

    def key(self, d: Document, decided: dict | None = None) -> DocumentKey:
        """The identity of document mention ``d`` (within its article, mentions are merged already); ``decided``:
        the article's identities, where the reduce may give an undated mention its document's year."""
        symbol = self.symbol(d.number)
        if not re.search(r"[/\-–—]", d.number):  # a bare number names different documents in different articles
            return DocumentKey(symbol, scoped=True)
        _, year, codes = self.parts(d.number)
        dated = d.date[:4] if year is None and d.date and _YEAR.fullmatch(d.date[:4]) else None
        issuers = [c for c in (self.k.symbol_code(code) for code in codes) if c and c.issuer]
        issuer = None
        if not (issuers and all(c.national for c in issuers)):
            issuer = self.issuer_key(d.issuer.label) if d.issuer else None
            if issuer is None:
                return DocumentKey(symbol, scoped=True)
        key = DocumentKey(symbol, tuple(q for q in (dated, issuer) if q), year=dated, year_less=year is None)
        joined = decided.get((key.ref, DOC)) if decided and not dated else None
        if joined is not None and joined.year:
            key = DocumentKey(symbol, tuple(q for q in (joined.year, issuer) if q), year=joined.year,
                              year_less=True)
        return key

    def name(self, d: Document, article: str) -> DocName | None:
        """What mention ``d`` gives the reduce (None when its identity is its article's)."""
        key = self.key(d)
        if key.scoped:
            return None
        _, _, codes = self.parts(d.number)
        coded = self.k.doc_types_by_code.get(codes[0]) if codes else None  # the type's place: "60/BTNMT-TTr" is
        # a letter of the ministry's inspectorate (TTr), no Tờ trình
        if coded is not None:
            return DocName(article, key.group, key.year, key.year_less, 0, coded.label, coded.iri)
        generic = not d.type_label or fold(d.type_label) in self.k.generic_doc_types
        return DocName(article, key.group, key.year, key.year_less, 2 if generic else 1, d.type_label, d.type_iri)

    def issuer_key(self, label: str) -> str | None:
        """What tells a local issuer apart: its place when the issuer is that place's body ("UBND tỉnh Quảng Nam",
        "Chủ tịch UBND tỉnh Quảng Nam" → quang-nam), else its name when it names a place or is a known body
        ("Sở Tài chính tỉnh Quảng Nam"); None for a body with no place ("UBND tỉnh", "Ủy ban nhân dân huyện")."""
        words = [m.group() for m in TOKEN_RE.finditer(label) if not m.group().isspace()]
        keys = [fold(w) for w in words]
        k = self.k
        i, named = 0, False
        while i < len(keys):
            place = k.places.match(keys, i)
            if place:
                if not named:
                    return place[1].iri.rsplit("/", 1)[-1]
                break
            m = k.org_kinds.match(keys, i) or k.admin_levels.match(keys, i) or k.roles.match(keys, i)
            if m:
                i += m[0]
                continue
            if k.expand(words[i]) or not words[i][:1].isupper():
                i += 1
                continue
            named = True  # "Sở Tài chính …", "UBND huyện Thanh Trì, …": a name before any place
            i += 1
        has_place = any(k.places.match(keys, j) for j in range(len(keys)))
        if has_place or k.bodies.get(label):
            expanded = " ".join(k.expand(w) or w for w in label.split())
            return name_key(fold(expanded))
        return None


def document_names(facts: ArticleFacts, identity: DocumentIdentity) -> list[DocName]:
    """The document mentions of one article that take part in the reduce, sorted."""
    names = {n.ref: n for n in (identity.name(d, facts.article_id) for d in facts.documents) if n is not None}
    return [names[r] for r in sorted(names)]


def retype(facts: ArticleFacts, identity: DocumentIdentity) -> ArticleFacts:
    """The article's documents with the one type the reduce decided for each node (``facts.identities``)."""
    if not any(kind == DOC for _, kind in facts.identities):
        return facts
    docs = []
    for d in facts.documents:
        key = identity.key(d)
        got = facts.identities.get((key.ref, DOC)) if not key.scoped else None
        if got is not None and (got.type_label, got.type_iri) != (d.type_label, d.type_iri):
            d = replace(d, type_label=got.type_label, type_iri=got.type_iri)
        docs.append(d)
    return replace(facts, documents=docs)
