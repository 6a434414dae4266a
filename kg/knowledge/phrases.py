"""Phrase indexes: longest-match lookup of knowledge phrases over folded syllables, and regex alternations of
knowledge words. The mechanism every table of ``kg.knowledge`` is built on."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Generic, TypeVar

from kg.lang.vi.orthography import fold
from kg.lang.vi.tokenizer import TOKEN_RE

V = TypeVar("V")


def phrase_key(text: str) -> tuple[str, ...]:
    """The folded syllables of a phrase, as the tokenizer splits them (the key of every phrase index)."""
    return tuple(fold(m.group()) for m in TOKEN_RE.finditer(text) if not m.group().isspace())


class PhraseIndex(Generic[V]):
    """Longest-match lookup of multi-syllable phrases over a sequence of folded tokens."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, ...], V] = {}
        self._prefixes: set[tuple[str, ...]] = set()
        self._first: set[str] = set()  # first syllables: most tokens start no phrase, so most lookups end here
        self.max_len = 0

    def add(self, phrase: str, value: V, *, overwrite: bool = False) -> None:
        key = phrase_key(phrase)
        if not key or (key in self._entries and not overwrite):
            return
        self._entries[key] = value
        self._first.add(key[0])
        for i in range(1, len(key)):
            self._prefixes.add(key[:i])
        self.max_len = max(self.max_len, len(key))

    def first_syllables(self) -> set[str]:
        """The syllables a phrase of the index starts with."""
        return set(self._first)

    def match(self, tokens: Sequence[str], i: int) -> tuple[int, V] | None:
        """Longest entry starting at ``tokens[i]``: (number of tokens, value), or None."""
        if i >= len(tokens) or tokens[i] not in self._first:
            return None
        best: tuple[int, V] | None = None
        for n in range(1, min(self.max_len, len(tokens) - i) + 1):
            key = tuple(tokens[i : i + n])
            if key in self._entries:
                best = (n, self._entries[key])
            if key not in self._prefixes:
                break
        return best

    def get(self, phrase: str) -> V | None:
        return self._entries.get(phrase_key(phrase))

    def __contains__(self, phrase: str) -> bool:
        return phrase_key(phrase) in self._entries

    def __len__(self) -> int:
        return len(self._entries)



def alternation(words: Iterable[str]) -> str:
    """A regex alternation of words from the knowledge base, escaped and in the order given (``_as_written``:
    longest first); it never matches when the class is empty."""
    return "|".join(re.escape(w) for w in words) or "(?!)"
