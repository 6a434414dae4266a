"""Vietnamese text normalization for matching, with a map back to the user's offsets.

Two different things are called "normalizing" here, and kept apart on purpose:

* ``nfc_with_offsets`` turns the user's text into NFC (the form every rule is written in) and keeps,
  for every character of the result, the offset of the character it came from, so evidence always
  points into the text as given.
* ``fold`` is a lossy key for comparing words: case, old/new tone placement (``uỷ``/``ủy``,
  ``hoà``/``hòa``) and spacing do not matter. Lengths may change, so it is never used for offsets.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

# Old-style tone placement on the glide (hoà, thuỷ) → new style (hòa, thủy) where the glide ends the syllable.
_OLD_TONE = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_OLD_TONE_UPPER = {k[0].upper() + k[1:]: v[0].upper() + v[1:] for k, v in _OLD_TONE.items()}
_OLD_TONE_CAPS = {k.upper(): v.upper() for k, v in _OLD_TONE.items()}
_OLD_TONE_ALL = {**_OLD_TONE, **_OLD_TONE_UPPER, **_OLD_TONE_CAPS}
_OLD_TONE_RE = re.compile("(" + "|".join(_OLD_TONE_ALL) + r")(?![a-zà-ỹđA-ZÀ-ỸĐ])")
# "qu" + tone on y/a keeps its own placement (quý, quà): the u there is part of the onset.
_QU_RE = re.compile(r"(?<=[qQ])(" + "|".join(_OLD_TONE_ALL) + ")")


def new_tone_style(text: str) -> str:
    """Move tone marks from the glide to the main vowel (Hoà → Hòa, Thành uỷ → Thành ủy); same length."""
    if not _OLD_TONE_RE.search(text):
        return text
    protected = {m.start() for m in _QU_RE.finditer(text)}
    return _OLD_TONE_RE.sub(
        lambda m: m.group(1) if m.start() in protected else _OLD_TONE_ALL[m.group(1)], text
    )


def nfc_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """NFC form of ``text`` and, if it differs, the original offset of each NFC character (plus the end).

    Returns ``(text, None)`` in the common case where the text already is NFC: offsets are the identity.
    """
    nfc = unicodedata.normalize("NFC", text)
    if nfc == text:
        return text, None
    out: list[str] = []
    offsets: list[int] = []
    start = 0
    n = len(text)
    while start < n:
        end = start + 1
        while end < n and unicodedata.combining(text[end]):
            end += 1
        chunk = unicodedata.normalize("NFC", text[start:end])
        out.append(chunk)
        offsets.extend([start] * len(chunk))
        start = end
    offsets.append(n)
    return "".join(out), offsets


def clean(text: str) -> str:
    """Display form of a phrase taken from text: NFC, new tone style, single spaces, no edge punctuation."""
    t = new_tone_style(unicodedata.normalize("NFC", text))
    t = " ".join(t.split())
    return t.strip(" ,;:-–—")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Comparison key: NFC, new tone style, casefolded, whitespace collapsed (cached: syllables repeat)."""
    t = new_tone_style(unicodedata.normalize("NFC", text)).casefold()
    return " ".join(t.split())


_ASCII_MAP = str.maketrans({"đ": "d", "Đ": "d"})


def name_key(text: str) -> str:
    """IRI segment for a name: fold() (NFC, new tone style, case-folded), other than letters and digits → '-'.

    Diacritics stay, because they tell people apart: Hùng, Hưng and Hứng, Thanh and Thành are different names.
    """
    return re.sub(r"[\W_]+", "-", fold(text)).strip("-") or "x"


def slug(text: str) -> str:
    """ASCII slug for IRIs: diacritics removed, đ→d, lower-case, non-alphanumerics → '-'."""
    t = fold(text).translate(_ASCII_MAP)
    t = unicodedata.normalize("NFD", t)
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    return t or "x"


def id_key(text: str) -> str:
    """IRI segment for an identifier (an article id): distinct ids always give distinct segments.

    An id that already is its own slug (``baomoi-21473520``) is kept as it is, so existing IRIs stay stable.
    Any other id (accents, case, separators, ``.``, ``..``, the empty id) gets its slug plus ``--`` and a digest
    of the exact id: a slug never holds ``--``, so such a segment can equal no kept id, nor, but for a digest
    collision, another such segment.
    """
    s = slug(text)
    if s == text:
        return s
    return f"{s}--{hashlib.sha1(text.encode('utf-8', 'surrogatepass')).hexdigest()[:12]}"


def is_capitalized(word: str) -> bool:
    """True when the word starts with an upper-case letter (Vietnamese included)."""
    return bool(word) and word[0].isupper()


_SYLLABLE = re.compile(r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnprstvx])?"
                       r"(?:[aăâeêioôơuưy]{1,3})(?:ch|ng|nh|[cmnpt])?", re.IGNORECASE)


def vietnamese_syllable(word: str) -> bool:
    """Whether ``word`` (tone marks aside) is one syllable Vietnamese can write: an onset, one to three vowels, a
    final ("sinh", "doanh", "thực"), not "Peru" or "Spiegel"."""
    bare = "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn"
                   or c in "\u0306\u0302\u031b")  # keep breve, circumflex, horn: ă â ê ô ơ ư are letters
    return _SYLLABLE.fullmatch(unicodedata.normalize("NFC", bare)) is not None
