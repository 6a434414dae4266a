"""Canonical bodies for one article (pass ``bodies``): every organization of a post or a document resolves to the
registry's canonical label (``kg.knowledge.registry``), its written forms kept as forms.

Why: identity of a body is its label (``kg.publish.iris``), so "UBND TP Hà Nội" and "Ủy ban nhân dân Thành phố Hà
Nội" must become one label to be one node, and a body named by its kind alone ("Ủy ban nhân dân tỉnh", "Trung
tâm") must not become one node shared by every article. Such a nameless body takes the article's province when the
article names exactly one (the chain of the same title was completed before, in ``people.org_of``); otherwise it is
scoped to the article. A foreign person's post in a Vietnamese national body ("Bộ trưởng Nội vụ Bruno Le Roux")
takes the article's one foreign country ("Bộ Nội vụ Pháp"), else is scoped to the article.
"""

from __future__ import annotations

from dataclasses import replace

from kg.extract.facts import Document, Organization, Post
from kg.extract.names import VI_ONLY_LETTER
from kg.knowledge import Knowledge
from kg.knowledge.registry import BodyRegistry, Province, registry_of
from kg.lang.vi.orthography import fold
from kg.lang.vi.sentences import Sentence

HOME = "việt nam"


class BodyResolver:
    """Resolves the organizations of one article's posts and documents to canonical bodies."""

    def __init__(self, knowledge: Knowledge, registry: BodyRegistry | None = None) -> None:
        self.k = knowledge
        self.registry = registry or registry_of(knowledge)

    def places(self, sents: list[Sentence]) -> tuple[Province | None, str | None]:
        """The one Vietnamese province and the one foreign country the article names (None when not exactly one)."""
        provinces: dict[str, Province] = {}
        countries: set[str] = set()
        for s in sents:
            i = 0
            while i < len(s.keys):
                m = self.k.places.match(s.keys, i)
                if m is None or not s.toks[i].cap:
                    i += 1
                    continue
                place = m[1]
                if place.kind == "Province":
                    prov = self.registry.province(place.label)
                    if prov is not None:
                        provinces[prov.label] = prov
                elif place.kind == "Country" and not place.home:
                    countries.add(place.label)
                i += m[0]
        province = next(iter(provinces.values())) if len(provinces) == 1 else None
        country = next(iter(countries)) if len(countries) == 1 else None
        return province, country

    def foreign_name(self, name: str) -> bool:
        """A name that is not Vietnamese: no known family name first and no letter only Vietnamese writes
        (so "Điểu Kré", "Sái Công Hồng" stay Vietnamese)."""
        return fold(name).split()[0] not in self.k.family_names and not VI_ONLY_LETTER.search(name)

    def org(self, org: Organization, article: str, province: Province | None, country: str | None = None,
            foreign: bool = False) -> Organization:
        """The canonical organization for ``org`` in this article (see the module docstring)."""
        if org.scope:  # a body only implied for a foreign person: already the article's own
            return org
        reg = self.registry
        res = reg.resolve(org.label)
        if res.nameless and res.provincial and province is not None:
            completed = reg.complete(org.label, province)
            if completed:
                res = reg.resolve(completed)
        forms = _forms(org, res.label)
        if res.nameless:
            return Organization(res.label, forms, org.kind, scope=article)
        if foreign and res.national and not any(HOME in fold(f) for f in (org.forms or (org.label,))):
            if country:  # "Bộ trưởng Nội vụ Bruno Le Roux" in an article about France: "Bộ Nội vụ Pháp"
                theirs = reg.resolve(f"{res.label} {country}")  # a known foreign body: "Bộ Quốc phòng Mỹ"
                return Organization(theirs.label, forms, org.kind, parent=theirs.parent)
            return Organization(res.label, forms, org.kind, scope=article)
        return Organization(res.label, forms, org.kind, parent=res.parent, merged_into=res.merged_into)

    def resolve(self, posts: list[Post], documents: list[Document], sents: list[Sentence],
                article: str) -> tuple[list[Post], list[Document]]:
        """Posts and documents with canonical organizations; a post's title follows its canonical body."""
        province, country = self.places(sents)
        out_posts = []
        for p in posts:
            if p.org is None:
                out_posts.append(p)
                continue
            foreign = self.foreign_name(p.person.name)
            org = self.org(p.org, article, province, country, foreign)
            if org != p.org:
                p = replace(p, org=org, title=f"{p.role} {org.label}")
            out_posts.append(p)
        out_docs = [replace(d, issuer=self.org(d.issuer, article, province)) if d.issuer else d for d in documents]
        return out_posts, out_docs


def _forms(org: Organization, label: str) -> tuple[str, ...]:
    """The ways the text wrote a body, the label it had before canonicalization included (the canonical label too,
    when the text wrote it so: ``kg.link.labels`` counts the forms written in full)."""
    seen = [f for f in (*org.forms, org.label) if f]
    return tuple(dict.fromkeys(seen))
