"""Document identity across articles: which mentions of a symbol are one document.

A symbol alone does not name one document. Every province's Ủy ban nhân dân numbers its own decisions
("327/QĐ-UBND" exists in each of them), and a symbol without a year ("49-NQ/TW") is reused when the numbering
starts again. So a document's identity is its normalised symbol plus what disambiguates it:

* the year, when the symbol has none — taken from the document's date (``49-NQ/TW`` of 1961 ≠ of 2005);
* the issuer, when the symbol's issuer code is not a national one (data: ``kg:nationalIssuer`` in
  ``ontology/documents.ttl``) — the place of the issuer the text gives (UBND tỉnh Quảng Nam → Quảng Nam), or its
  name when it is a known body or names its place further on.

A year-less symbol the text gives no date for is the symbol's undated node, never merged into a dated one. When
the issuer the identity needs is unknown (a bare number "Nghị quyết 35", a ``QĐ-UBND`` whose province the text
does not give), the document stays scoped to its article. The normalised symbol
(codes spelt as the data spells them, ``QĐ-Ttg`` → ``QĐ-TTg``; separators in the issuer's style, ``–`` → ``-``,
no spaces) is the document's one ``eli:id_local``, so a node never carries two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.facts import Document
from kg.knowledge import Knowledge
from kg.lang.vi.orthography import fold, name_key
from kg.lang.vi.tokenizer import TOKEN_RE

_SPLIT = re.compile(r"[\s./\-–—]+")
_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True)
class DocumentKey:
    """Who a document mention is: its normalised symbol and what tells it apart, or that it is its article's.

    The type stays the text's word (``Văn bản 60/BTNMT-TTr`` is no Tờ trình): it is part of the IRI, as before.
    """

    symbol: str  # the normalised symbol: the node's eli:id_local
    qualifiers: tuple[str, ...] = ()  # year, issuer: what the symbol needs to name one document
    scoped: bool = False  # the identity is incomplete: the node belongs to the article


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

    def key(self, d: Document) -> DocumentKey:
        """The identity of document mention ``d`` (within its article, mentions are merged already)."""
        symbol = self.symbol(d.number)
        if not re.search(r"[/\-–—]", d.number):  # a bare number names different documents in different articles
            return DocumentKey(symbol, scoped=True)
        _, year, codes = self.parts(d.number)
        qualifiers: list[str] = []
        if year is None and d.date and _YEAR.fullmatch(d.date[:4]):
            qualifiers.append(d.date[:4])  # an undated mention is the symbol's year-less node: dated ones stay apart
        issuers = [c for c in (self.k.symbol_code(code) for code in codes) if c and c.issuer]
        if not (issuers and all(c.national for c in issuers)):
            issuer = self.issuer_key(d.issuer.label) if d.issuer else None
            if issuer is None:
                return DocumentKey(symbol, scoped=True)
            qualifiers.append(issuer)
        return DocumentKey(symbol, tuple(qualifiers))

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
