"""Canonical names and deterministic IRIs; merging the same person within an article.

IRIs derive from normalized names only, so graphs built separately merge by plain union. Names keep their
Vietnamese letters in IRIs (``person/nguyễn-văn-hùng``), ids and codes are ASCII slugs. What is ambiguous
across articles is scoped to its article: bare document numbers ("Nghị quyết 35") and a body only implied for a
foreign person ("Thủ tướng Shinzo Abe" → a "Chính phủ" that is not Việt Nam's). Which documents are one across
articles is decided by ``kg.link.documents``.
"""

from __future__ import annotations

import hashlib
import re

from kg.lang.vi.orthography import id_key, name_key, slug

DEFAULT_BASE = "https://w3id.org/kg-vn/id/"

# An absolute IRI: a scheme, then no character an IRI may not hold (RFC 3987: space, controls, <>"{}|\^`),
# and "%" only as a percent-escape.
_BASE_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:(?:[^\x00-\x20\x7f-\x9f<>\"{}|\\^`%]|%[0-9A-Fa-f]{2})*")


def check_base(base: str) -> str:
    """``base`` if it is an absolute IRI that every RDF parser reads, else ValueError saying why."""
    if not _BASE_RE.fullmatch(base):
        bad = next((c for c in base if c in ' <>"{}|\\^`' or ord(c) < 0x21 or 0x7f <= ord(c) <= 0x9f), None)
        why = (f"holds {bad!r}" if bad is not None else "has a '%' that is not a %XX escape" if "%" in base
               else "has no scheme (such as https:)")
        raise ValueError(f"--base {base!r} is not an absolute IRI: it {why}; "
                         f"give one such as {DEFAULT_BASE}")
    return base


class IRIs:
    """Mints IRIs under one base (``--base``, checked by :func:`check_base`).

    Article ids, and the IRIs scoped to an article, go through ``id_key``: distinct ids never share an IRI.
    """

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        check_base(base)
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def article(self, article_id: str) -> str:
        return f"{self.base}article/{id_key(article_id)}"

    def person(self, name: str) -> str:
        """A person by name alone (unlinked facts); linked ones have the key ``kg.link.across`` decided."""
        return f"{self.base}person/{name_key(name)}"

    def person_key(self, key: str) -> str:
        return f"{self.base}person/{key}"

    def org(self, label: str, scope: str | None = None) -> str:
        """An organization by name; one only implied for a foreign person is scoped to its article."""
        return f"{self.base}org/" + (f"{id_key(scope)}/" if scope else "") + name_key(label)

    def role(self, label: str) -> str:
        return f"{self.base}role/{name_key(label)}"

    def post(self, role: str, org: str | None, scope: str | None = None) -> str:
        return (f"{self.base}post/" + (f"{id_key(scope)}/" if scope else "") + name_key(role)
                + (f"--{name_key(org)}" if org else ""))

    def document(self, symbol: str, type_label: str | None, article_id: str | None,
                 qualifiers: tuple[str, ...] = ()) -> str:
        """A document by its normalised symbol (``kg.link.documents``) and what disambiguates it (year, issuer):
        ``document/quyet-dinh-327-qđ-ubnd--2016--quang-nam``; with ``article_id`` scoped to that article (a bare
        number, or a symbol whose issuer is needed but not given)."""
        kind = slug(type_label or "van-ban")
        local = f"{kind}-{name_key(symbol)}" + "".join(f"--{name_key(q)}" for q in qualifiers)
        return f"{self.base}document/" + (f"{id_key(article_id)}/" if article_id is not None else "") + local

    def change(self, article_id: str, start: int, person: str, kind: str) -> str:
        """A personnel change: its article, where its evidence starts, its person and kind."""
        return f"{self.base}change/{id_key(article_id)}/{start}-{kind.rsplit('/', 1)[-1]}-{name_key(person)}"

    def tenure(self, key: str) -> str:
        """A person's holding of a post (``kg.link.tenures``): the person's key, then the post's."""
        return f"{self.base}tenure/{key}"

    def event(self, article_id: str, label: str) -> str:
        return f"{self.base}event/{id_key(article_id)}/{name_key(label)[:80]}"

    def evidence(self, article_id: str, start: int, end: int, rule: str, confidence: float) -> str:
        return f"{self.base}evidence/{id_key(article_id)}/{start}-{end}-{slug(rule)}-{round(confidence * 100)}"

    def statement(self, article_id: str, *parts: str) -> str:
        digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]
        return f"{self.base}statement/{id_key(article_id)}/{digest}"

    def image(self, article_id: str, n: int) -> str:
        return f"{self.base}image/{id_key(article_id)}/{n}"
