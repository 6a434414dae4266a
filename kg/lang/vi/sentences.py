"""Token views that every extractor shares: folded keys, capitalization and sentence spans of a Doc."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.attrs import SENT_START
from spacy.tokens import Doc

from kg.lang.vi.orthography import fold
from kg.lang.vi.tokenizer import token_strings

MAX_SENTENCE = 400  # tokens; longer runs without a sentence end (a 20 MB line) are cut: work stays linear
PUNCT_BREAK = frozenset(",;:.!?()[]“”\"'…")
DASHES = frozenset("-–—")


@dataclass(slots=True)
class Tok:
    text: str
    start: int
    end: int
    key: str  # folded form used for every lookup
    cap: bool = field(init=False)  # starts with an upper-case letter (a proper-name syllable, an acronym)

    def __post_init__(self) -> None:
        self.cap = self.text[:1].isupper()  # asked of most tokens by every extractor: once

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


def sentences(doc: Doc, text: str | None = None) -> list[Sentence]:
    """The Doc's sentences as token lists without whitespace tokens (``text``: the Doc's text, if known)."""
    out: list[Sentence] = []
    toks: list[Tok] = []
    whole = doc.text if text is None else text  # Doc.text re-joins every token: once at most
    words, spaces = token_strings(doc)
    starts = doc.to_array([SENT_START]).tolist() if len(words) else []

    def close(keep_tail: bool = False) -> None:
        """End the sentence; when forced (``keep_tail``), cut after its last comma and carry the rest on."""
        cut = len(toks)
        if keep_tail:
            cut = next((i + 1 for i in range(len(toks) - 1, len(toks) // 2, -1) if toks[i].text in ",;"), cut)
        head = toks[:cut]
        if head:
            out.append(Sentence(head, [t.key for t in head], head[0].start, head[-1].end,
                                whole[head[0].start : head[-1].end]))
        del toks[:cut]

    idx = 0
    for word, space, start in zip(words, spaces, starts, strict=True):  # plain strings: no Token objects
        if start == 1:
            close()
        elif len(toks) >= MAX_SENTENCE:
            close(keep_tail=True)
        if not word.isspace():
            toks.append(Tok(word, idx, idx + len(word), fold(word)))
        idx += len(word) + space
    close()
    return out
