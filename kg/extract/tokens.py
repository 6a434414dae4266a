"""Token views that every extractor shares: folded keys, capitalization and sentence spans of a Doc."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from kg.text import fold

PUNCT_BREAK = frozenset(",;:.!?()[]“”\"'…")
DASHES = frozenset("-–—")


@dataclass(frozen=True)
class Tok:
    text: str
    start: int
    end: int
    key: str  # folded form used for every lookup

    @property
    def cap(self) -> bool:
        """Starts with an upper-case letter (a proper-name syllable, an acronym)."""
        return self.text[:1].isupper()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalpha()

    @property
    def is_initials(self) -> bool:
        """Initials such as ``H.R.``."""
        return len(self.text) >= 3 and self.text.endswith(".") and self.text.replace(".", "").isupper()


@dataclass(frozen=True)
class Sentence:
    """A sentence's non-space tokens, with parallel folded keys for phrase lookups."""

    toks: list[Tok]
    keys: list[str]
    start: int
    end: int
    text: str = ""  # the sentence text (NFC), so spans can be quoted

    def text_between(self, i: int, j: int) -> str:
        """The text from token ``i`` to the end of token ``j - 1``, spacing as written."""
        return self.text[self.toks[i].start - self.start : self.toks[j - 1].end - self.start]


def sentences(doc: Doc) -> list[Sentence]:
    """The Doc's sentences as token lists without whitespace tokens."""
    out: list[Sentence] = []
    toks: list[Tok] = []
    whole = doc.text  # Doc.text joins every token: compute it once, not per sentence

    def close() -> None:
        if toks:
            out.append(Sentence(list(toks), [t.key for t in toks], toks[0].start, toks[-1].end,
                                whole[toks[0].start : toks[-1].end]))
            toks.clear()

    for t in doc:  # one pass over the tokens (Doc.sents re-scans the Doc for every sentence)
        if t.is_sent_start:
            close()
        if not t.is_space:
            text = t.text
            toks.append(Tok(text, t.idx, t.idx + len(text), fold(text)))
    close()
    return out
