"""The registry of canonical bodies: every written variant of a body resolves to one canonical label.

Data, not code: the known bodies of ``ontology/organizations.ttl`` (central Party organs, National Assembly organs,
the Government, its ministries and agencies, with their abbreviated forms, former names and what they merged into)
and the provincial bodies, generated here as kind × province from the kinds flagged ``kg:provincialBody`` and the
provinces of ``ontology/places.ttl`` ("Ủy ban nhân dân thành phố Hà Nội", "Tỉnh ủy Nghệ An", "Sở Y tế tỉnh Yên
Bái"). Variants are compared by ``BodyRegistry.key``: abbreviations expanded (UBND, TP., KH-ĐT), case, tone
placement and the separators of a compound name ("Kế hoạch và Đầu tư" / "Kế hoạch - Đầu tư" / "Kế hoạch Đầu tư")
left out. A label that is only a kind, with no name or place ("Ủy ban nhân dân tỉnh", "Trung tâm"), is *nameless*:
the caller scopes it to its article unless the article makes its place certain (``complete``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from rdflib import RDF, SKOS, URIRef

from kg.knowledge.files import vi_labels
from kg.knowledge.phrases import PhraseIndex
from kg.knowledge.tables import Knowledge, default_knowledge
from kg.lang.vi.orthography import clean, fold, vietnamese_syllable
from kg.namespaces import KG

_SEPARATORS = frozenset({"-", "–", "—", "&", ",", "và", ".", "+"})
_PIECE = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class Province:
    """A province-level unit: its label, its level word ("tỉnh", "thành phố") and what it merged into (2025)."""

    label: str
    level: str
    merged_into: str | None = None
    party_name: str | None = None  # how its Party committee names it when not by its label: "thành phố Hồ Chí Minh"


@dataclass(frozen=True)
class Resolution:
    """What a written organization label is: its canonical label, the body it is part of and what it merged into
    (canonical labels too), whether the registry knows it, and whether it is nameless (only a kind)."""

    label: str
    parent: str | None = None
    merged_into: str | None = None
    known: bool = False  # a registry body: a known body or a Vietnamese provincial body
    national: bool = False  # a known body of Việt Nam as a whole (not a province's, not another country's)
    nameless: bool = False
    provincial: bool = False  # nameless, but a provincial kind: a province completes it (``complete``)


@dataclass(frozen=True)
class _Kind:
    label: str  # canonical written label of the kind ("Ủy ban nhân dân", "Sở Y tế" for a department)
    iri: str
    party_level: str | None = None  # "tỉnh" for Tỉnh ủy, "thành phố" for Thành ủy
    parent_kind: str | None = None  # IRI of the kind of the same province's body it is part of (Sở → UBND)
    field: str | None = None  # a department's field, as its ministry writes it ("Y tế")


class BodyRegistry:
    """Canonical labels of Việt Nam's bodies, built from the knowledge graph once per process (``registry``)."""

    def __init__(self, k: Knowledge) -> None:
        self.k = k
        g = k.graph
        self.bodies: dict[str, Resolution] = {}  # key → canonical known body
        self.body_kinds: dict[str, str] = {}  # key of a known body → its kind IRI
        labels: dict[URIRef, str] = {}
        for s in sorted(s for s in g.subjects(RDF.type, KG.KnownBody) if isinstance(s, URIRef)):
            labels[s] = sorted(vi_labels(g, s, SKOS.prefLabel))[0]
        ambiguous: set[str] = set()
        for s, label in labels.items():
            parent, merged = g.value(s, KG.partOf), g.value(s, KG.mergedInto)
            res = Resolution(label, labels.get(parent) if isinstance(parent, URIRef) else None,
                             labels.get(merged) if isinstance(merged, URIRef) else None, known=True,
                             national=not _true(g.value(s, KG.foreignBody)))
            kind = g.value(s, KG.kind)
            for written in [label, *vi_labels(g, s, SKOS.altLabel)]:
                key = self.key(written)
                if key in self.bodies and self.bodies[key].label != label:
                    ambiguous.add(key)
                self.bodies.setdefault(key, res)
                if kind is not None:
                    self.body_kinds.setdefault(key, str(kind))
        for key in ambiguous:  # one key, two bodies: neither is read from it
            del self.bodies[key]
        # provinces: the Vietnamese province-level units, old and new, by key
        self.provinces: dict[str, Province] = {}
        plabels = {s: sorted(vi_labels(g, s, SKOS.prefLabel))[0]
                   for s in g.subjects(KG.placeKind, KG.Province) if isinstance(s, URIRef)}
        for s in sorted(plabels):
            merged = g.value(s, KG.mergedInto)
            level = "thành phố" if _true(g.value(s, KG.centralCity)) else "tỉnh"
            alts = vi_labels(g, s, SKOS.altLabel)
            # a city named after a person is "thành phố X" in its committee's name: Thành ủy thành phố Hồ Chí Minh
            city = f"thành phố {fold(plabels[s])}"
            party_name = next((a[:1].lower() + a[1:] for a in sorted(alts) if fold(a) == city), None)
            prov = Province(plabels[s], level, plabels.get(merged) if isinstance(merged, URIRef) else None, party_name)
            for written in [prov.label, *alts]:
                words = self.key(written).split()
                if words[:2] == ["thành", "phố"] and len(words) > 2:
                    continue  # "Thành phố Hồ Chí Minh": the level is read by the caller
                self.provinces.setdefault(" ".join(words), prov)
        # kinds: every organization kind (for nameless labels) and the provincial ones (kind × province)
        self.kinds: dict[str, str] = {}  # key → canonical kind label, for every kind, level and organization word
        self.provincial: dict[str, _Kind] = {}
        for s in sorted(s for s in g.subjects(RDF.type, KG.OrganizationKind) if isinstance(s, URIRef)):
            label = sorted(vi_labels(g, s, SKOS.prefLabel))[0]
            written = [label, *vi_labels(g, s, SKOS.altLabel)]
            for w in written:
                self.kinds.setdefault(self.key(w), label)
            if not _true(g.value(s, KG.provincialBody)):
                continue
            level = g.value(s, KG.administrativeLevel)
            parent_kind = g.value(s, KG.parentKind)
            field_kind = g.value(s, KG.departmentOf)
            if field_kind is not None:  # "Sở" + the field of a ministry: "Sở Y tế" from "Bộ Y tế"
                head = fold(label)
                for body, res in sorted(self.bodies.items()):
                    words = body.split()
                    if self.body_kinds.get(body) != str(field_kind):
                        continue
                    field = words[1:] if words[0] == "bộ" else []
                    canonical_field = res.label.split(" ", 1)[1] if " " in res.label else ""
                    if field and canonical_field:
                        self.provincial.setdefault(" ".join([head, *field]), _Kind(
                            f"{label} {canonical_field}", str(s), None, str(parent_kind) if parent_kind else None,
                            canonical_field))
                continue
            kind = _Kind(label, str(s), str(level) if level else None, str(parent_kind) if parent_kind else None)
            for w in written:
                self.provincial.setdefault(self.key(w), kind)
        self.kind_labels = {k.iri: k.label for k in self.provincial.values()}
        for s in g.subjects(RDF.type, KG.AdministrativeLevel):
            for w in vi_labels(g, s, SKOS.prefLabel, SKOS.altLabel):
                self.kinds.setdefault(self.key(w), fold(w))
        for s in g.subjects(RDF.type, KG.OrganizationWord):
            for w in vi_labels(g, s, SKOS.prefLabel, SKOS.altLabel):
                self.kinds.setdefault(self.key(w), w)
        for s in g.subjects(RDF.type, KG.Role):  # "Chủ tịch UBND tỉnh" issues a document: still no name
            for w in vi_labels(g, s, SKOS.prefLabel, SKOS.altLabel):
                self.kinds.setdefault(self.key(w), w)
        for expansion in k.abbreviations.values():
            if expansion[:1].islower():  # "trách nhiệm hữu hạn", "một thành viên": words of a kind, not a name
                self.kinds.setdefault(self.key(expansion), expansion)
        self._max_kind = max((len(key.split()) for key in [*self.kinds, *self.provincial]), default=1)
        self._party = {k.party_level: k for k in self.provincial.values() if k.party_level}

    # -- keys ---------------------------------------------------------------------------------------

    def words(self, label: str) -> list[str]:
        """The written words of a label, abbreviations expanded, separators kept as their own words."""
        out: list[str] = []
        for tok in clean(label).split():
            expansion = self.k.expand(tok)
            if expansion:
                out += expansion.split()
                continue
            for piece in _PIECE.findall(tok):
                expansion = self.k.expand(piece) if piece.isalnum() and piece.isupper() else None
                out += expansion.split() if expansion else [piece]
        return out

    @lru_cache(maxsize=100_000)  # noqa: B019 — asked by extraction, labels, documents and tenures alike
    def key(self, label: str) -> str:
        """The comparison key of a body's name: expanded, folded, separators left out."""
        return " ".join(w for w in (fold(x) for x in self.words(label)) if w not in _SEPARATORS)

    # -- resolution ---------------------------------------------------------------------------------

    @lru_cache(maxsize=100_000)  # noqa: B019 — one registry per process; labels repeat across articles
    def resolve(self, label: str) -> Resolution:
        """The canonical body a written label names (see the module docstring)."""
        key = self.key(label)
        if not key:
            return Resolution(label, nameless=True)
        known = self.bodies.get(key) or self._with_ancestor(key.split())
        if known:
            return known
        prov = self._provincial(key.split())
        if prov is not None:
            return prov
        words = key.split()
        if self._only_kinds(words):
            last = self._last_provincial(words)
            return Resolution(self.display(label), nameless=True, provincial=last is not None)
        return Resolution(self.display(label), parent=self._parent(words))

    def complete(self, label: str, province: Province) -> str | None:
        """The label of a nameless provincial body completed with the province ("UBND tỉnh" → "Ủy ban nhân dân tỉnh
        Nghệ An"), or None when the written level does not fit the province (a "UBND thành phố" in a tỉnh)."""
        words = self.key(label).split()
        found = self._last_provincial(words)
        if found is None:
            return None
        start, kind, level = found
        if level and level != province.level:
            return None
        head = self.display(label).split()
        tail = self._body_label(kind, province).split()
        kept = head[: len(head) - (len(words) - start)]  # the words before the provincial kind
        return " ".join([*kept, *tail]) if len(kept) + len(tail) else None

    def province(self, text: str) -> Province | None:
        return self.provinces.get(self.key(text))

    def _with_ancestor(self, words: list[str]) -> Resolution | None:
        """A known body followed by one it is part of: "Bộ Chính trị Ban Chấp hành Trung ương Đảng" is the Bộ
        Chính trị, "Ban Đối ngoại Trung ương Đảng" the Ban Đối ngoại Trung ương ("Đảng": the Party itself)."""
        for i in range(len(words) - 1, 0, -1):
            body = self.bodies.get(" ".join(words[:i]))
            if body is None:
                continue
            tail, ancestors, res = " ".join(words[i:]), set(), body
            while res.parent and res.parent not in ancestors:
                ancestors.add(res.parent)
                res = self.bodies.get(self.key(res.parent)) or Resolution(res.parent)
            keys = {self.key(a) for a in ancestors}
            if tail in keys or (tail == "đảng" and any(k.startswith("đảng ") for k in keys)):
                return body
        return None

    def _provincial(self, words: list[str]) -> Resolution | None:
        """A provincial body: kind [level] province, e.g. "ủy ban nhân dân thành phố hà nội"."""
        for n in range(min(len(words), self._max_kind), 0, -1):
            kind = self.provincial.get(" ".join(words[:n]))
            if kind is None:
                continue
            rest = words[n:]
            level = None
            for lv in ("thành phố", "tỉnh"):
                if " ".join(rest[: len(lv.split())]) == lv:
                    level, rest = lv, rest[len(lv.split()):]
                    break
            prov = self.provinces.get(" ".join(rest)) if rest else None
            if prov is None or (level and level != prov.level) or (kind.party_level and kind.party_level != prov.level):
                return None  # "UBND thành phố Huế", "Thành ủy Huế": the city in a tỉnh, not the tỉnh's body
            parent = None
            if kind.parent_kind and kind.parent_kind in self.kind_labels:
                parent = self._body_label(_Kind(self.kind_labels[kind.parent_kind], kind.parent_kind), prov)
            merged = None
            if prov.merged_into:
                new = self.provinces.get(self.key(prov.merged_into))
                merged = self._body_label(kind, new) if new else None
            return Resolution(self._body_label(kind, prov), parent, merged, known=True)
        return None

    def _body_label(self, kind: _Kind, prov: Province) -> str:
        if kind.party_level:  # a party committee takes the province's own kind: Tỉnh ủy X, Thành ủy Hà Nội
            party = self._party.get(prov.level, kind)
            return f"{party.label} {prov.party_name or prov.label}"
        return f"{kind.label} {prov.level} {prov.label}"

    def _only_kinds(self, words: list[str]) -> bool:
        """Every word belongs to a kind, a level, an organization word or a role: no name, no place; a kind that
        is also a known body ("Chính phủ", "Quốc hội") names Việt Nam's."""
        i = 0
        while i < len(words):
            for n in range(min(len(words) - i, self._max_kind), 0, -1):
                phrase = " ".join(words[i : i + n])
                if phrase in self.bodies:
                    return False
                if phrase in self.kinds or phrase in self.provincial:
                    i += n
                    break
            else:
                return False
        return True

    def _last_provincial(self, words: list[str]) -> tuple[int, _Kind, str | None] | None:
        """(start, kind, written level) of a provincial kind that ends the words, alone or with a level word."""
        for lv in ("", "thành phố", "tỉnh"):
            lw = lv.split()
            if lw and words[-len(lw):] != lw:
                continue
            body = words[: len(words) - len(lw)]
            for start in range(max(0, len(body) - self._max_kind), len(body)):
                kind = self.provincial.get(" ".join(body[start:]))
                if kind is not None:
                    return start, kind, lv or None
        return None

    def _parent(self, words: list[str]) -> str | None:
        """The registry body a name ends with ("Vụ Pháp chế Bộ Y tế" → Bộ Y tế), when that body is not a bare kind."""
        for start in range(1, len(words)):
            tail = " ".join(words[start:])
            if tail in self.kinds:
                continue
            res = self.bodies.get(tail) or self._provincial(words[start:])
            if res is not None:
                return res.label
        return None

    def display(self, label: str) -> str:
        """The label kg writes for a body the registry does not know: a function of its key only, so every
        written variant that gives one IRI (``name_key`` ignores case and punctuation) gives one label too.

        Abbreviations expanded, "&" → "và", separators (dashes, commas) left out; each phrase the knowledge
        knows (kinds, levels, places, known bodies, roles, the fields of ministries) written as the knowledge writes it,
        a syllable the knowledge writes lower-case after the one before it ("Giáo dục", "vệ sinh") and a
        preposition in lower case, and so the Vietnamese words after such a syllable, as Vietnamese writes the
        names of bodies ("Cục Kiểm soát hoạt động bảo vệ môi trường"; a place, a known body, a level, a foreign
        word keep their capitals), an acronym written in capitals kept, any other syllable capitalized; the first
        one always is.
        """
        written: list[str] = []
        after_break: set[int] = set()  # words right after a separator: "Tài chính - Kế hoạch" are two names
        for w in self.words(label):
            if fold(w) in _SEPARATORS - {"và"}:
                after_break.add(len(written))
            else:
                written.append("và" if w == "&" else w)
        keys = [fold(w) for w in written]
        out: list[str] = []
        i = 0
        running = False  # the word before is a name's syllable written lower-case ("Kiểm soát", "dự"): so is a
        # Vietnamese word after it ("Cục Kiểm soát hoạt động bảo vệ môi trường", "Vụ Bảo hiểm y tế"), but not a
        # place, a known body, a level, a body inside the name ("cán bộ Sở Y tế") or a foreign word ("Peru")
        while i < len(keys):
            running = running and i not in after_break
            m = self._casing.match(keys, i)
            if m:
                k = self.k
                proper = k.places.match(keys, i) or k.bodies.match(keys, i)
                level = k.admin_levels.match(keys, i)
                kind = (km := k.org_kinds.match(keys, i)) is not None and km[0] == m[0]
                nested = kind and i + m[0] < len(keys) and self._casing.match(keys, i + m[0]) is not None \
                    and not k.org_kinds.match(keys, i + m[0]) and not k.admin_levels.match(keys, i + m[0])
                lowered = running and not (proper and proper[0] == m[0]) and not level \
                    and not (kind and (m[0] > 1 or nested)) or m[0] == 1 and kind and not nested and i > 0 \
                    and out[-1].islower() and (keys[i - 1], keys[i]) in k.org_bigrams  # "dự phòng", not "Phòng"
                out += [w.lower() for w in m[1]] if lowered else m[1]
                role = k.roles.match(keys, i)
                # a name's syllables written "Kiểm soát" go on in lower case; "cổ phần", a kind, a role do not
                running = (lowered or m[1][0][:1].isupper() and not kind) and out[-1].islower() and not level \
                    and not (role and role[0] == m[0]) and keys[i + m[0] - 1] not in self._lower
                i += m[0]
                continue
            w, key = written[i], keys[i]
            if len(w) > 1 and w.isupper() and w.isalpha():
                out.append(w)  # FLC, VNPT: an acronym as written
            elif key in self._lower or running and vietnamese_syllable(key):
                out.append(key)
            elif i and out[-1][:1].isupper() and (keys[i - 1], key) in self._cap_lower:
                out.append(key)  # "Kiểm soát", "An toàn": a name's phrase, whose words after it go on in lower case
                running = True
            elif i and not out[-1][:1].isupper() and (keys[i - 1], key) in self.k.org_bigrams:
                out.append(key)
            else:
                out.append(key[:1].upper() + key[1:])
            running = running and out[-1].islower() and key not in self._lower
            i += 1
        text = " ".join(out)
        return text[:1].upper() + text[1:] if text else clean(label)

    @cached_property
    def _casing(self) -> PhraseIndex[tuple[str, ...]]:
        """Phrases as the knowledge writes them: kinds, levels, places, known bodies, roles ("Thủ tướng Chính
        phủ" issues documents), fields of ministries."""
        g, index = self.k.graph, PhraseIndex[tuple[str, ...]]()
        phrases: list[str] = []
        for cls in (KG.OrganizationKind, KG.AdministrativeLevel, KG.Place, KG.KnownBody, KG.OrganizationWord,
                    KG.Role):
            for s in sorted(g.subjects(RDF.type, cls)):
                phrases += sorted(vi_labels(g, s, SKOS.prefLabel))[:1]
        phrases += [k.field for k in self.provincial.values() if k.field]  # "Y tế", "Tài nguyên và Môi trường"
        phrases += [e for e in self.k.abbreviations.values() if e[:1].islower()]
        for phrase in sorted(set(phrases), key=lambda p: (len(p), p)):
            words = tuple(w for w in self.words(phrase) if fold(w) not in _SEPARATORS - {"và"})
            if words:
                index.add(" ".join(words), words)
        return index

    @cached_property
    def _cap_lower(self) -> frozenset[tuple[str, str]]:
        """(syllable, next) pairs the knowledge writes capitalized then lower-case ("Giáo dục", "Nghiên cứu")."""
        g, out = self.k.graph, set()
        for cls in (KG.OrganizationKind, KG.KnownBody, KG.OrganizationWord, KG.Role):
            for s in g.subjects(RDF.type, cls):
                for label in vi_labels(g, s, SKOS.prefLabel, SKOS.altLabel):
                    words = label.split()
                    out.update((fold(a), fold(b)) for a, b in zip(words, words[1:], strict=False)
                               if a[:1].isupper() and b[:1].islower() and b.isalpha())
        return frozenset(out)

    @cached_property
    def _lower(self) -> frozenset[str]:
        return self.k.prepositions | self.k.name_conjunctions | self.k.list_conjunctions


def _true(value: object) -> bool:
    return value is not None and getattr(value, "toPython", lambda: value)() is True


@lru_cache(maxsize=2)
def default_registry() -> BodyRegistry:
    """The registry of the default knowledge, built once per process."""
    return BodyRegistry(default_knowledge())


def registry_of(knowledge: Knowledge) -> BodyRegistry:
    """The registry of ``knowledge``: for the default knowledge the process's one, so that the extract and link
    stages of a worker share its caches."""
    return default_registry() if knowledge is default_knowledge() else BodyRegistry(knowledge)
