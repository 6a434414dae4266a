"""The spaCy pipeline kg runs on every article: a Vietnamese regex tokenizer and a sentence splitter.

spaCy's ``vi`` language either segments words with pyvi (slow, splits person names) or splits on spaces
only (keeps punctuation glued to words). kg needs neither: its rules match phrases over syllables, so
the tokenizer yields one token per syllable, number, document symbol or punctuation mark, with exact
character offsets, and the sentence splitter knows abbreviations such as ``TP.`` and ``GS.``.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

# One token: a whitespace run, a number/date (22/12/2025, 14.10.2025), initials (H.R.), a word possibly
# joined by & - / ' (KH-ĐT, TN&MT, 55-CT/TW, Al-Herbish), upper-case parts joined by dots (TP.HCM, T.Ư),
# or any other single character.
TOKEN_RE = re.compile(
    r"""
    \s+
    | \d+(?:[.,/\-]\d+)*(?:[/\-][^\W_]+)*
    | (?:[^\W\d_]\.){2,}(?![^\W_])
    | (?:[A-ZĐ]\.)+[A-ZĐ][^\W\d_]+
    | [^\W\d_]*[A-ZĐ][A-ZĐ0-9]*(?:\.[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ0-9]*)+(?:[&\-/][^\W_]+)*(?![^\W_])
    | [^\W_]+(?:[&'’\-/][^\W_]+)*
    | \S
    """,
    re.VERBOSE,
)

SENTENCE_END = frozenset(".!?…")
WORDS = "kg_words"


def token_strings(doc: Doc) -> tuple[list[str], list[bool]]:
    """The Doc's token texts and trailing-space flags as plain lists (cached by the tokenizer)."""
    cached = doc.user_data.get(WORDS)
    if cached is None:
        cached = ([t.text for t in doc], [bool(t.whitespace_) for t in doc])
        doc.user_data[WORDS] = cached
    return cached


class SyllableTokenizer:
    """Callable spaCy tokenizer: one token per syllable/number/symbol/punctuation, whitespace kept exact."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        for m in TOKEN_RE.finditer(text):
            tok = m.group()
            if tok == " " and words and not spaces[-1] and not words[-1].isspace():
                spaces[-1] = True
                continue
            if tok.isspace() and words and not spaces[-1] and not words[-1].isspace() and tok.startswith(" "):
                spaces[-1] = True
                tok = tok[1:]
            for part in split_glued(tok):
                words.append(part)
                spaces.append(False)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[WORDS] = (words, spaces)  # the same tokens as plain strings: no per-token objects later
        return doc

    def to_bytes(self, **_: object) -> bytes:  # pipeline serialization: nothing to save
        return b""

    def from_bytes(self, _data: bytes, **_: object) -> SyllableTokenizer:
        return self


@Language.factory("kg_sentences", default_config={"abbreviations": []})
def make_sentence_splitter(nlp: Language, name: str, abbreviations: list[str]) -> SentenceSplitter:
    return SentenceSplitter(frozenset(a.casefold().rstrip(".") for a in abbreviations))


class SentenceSplitter:
    """Sentence boundaries after . ! ? … (not after abbreviations like TP. or GS.) and at line breaks."""

    def __init__(self, abbreviations: frozenset[str]) -> None:
        self.abbreviations = abbreviations

    def __call__(self, doc: Doc) -> Doc:
        words = token_strings(doc)[0]
        starts = numpy.zeros((len(words), 1), dtype="int64")
        for i, word in enumerate(words):
            if i == 0:
                start = True
            else:
                prev = words[i - 1]
                if "\n" in prev:
                    start = True
                elif prev in SENTENCE_END and not word.isspace():
                    written = words[i - 2] if i >= 2 else ""
                    before = written.casefold()
                    # an initial ("V. Ivanov") or a numbered point; not a one-letter word ("thú y.", "đồng ý.")
                    initial = len(before) == 1 and not (written.isalpha() and written.islower())
                    is_abbrev = prev == "." and (before in self.abbreviations or initial)
                    start = not is_abbrev and (word[:1].isupper() or word[:1] in "“\"'(" or word.isdigit())
                elif prev.isspace() and i >= 2 and words[i - 2] in SENTENCE_END:
                    before = words[i - 3].casefold() if i >= 3 else ""
                    start = words[i - 2] != "." or before not in self.abbreviations
                else:
                    start = False
            starts[i, 0] = 1 if start else -1
        if len(words):
            doc.from_array([SENT_START], starts.astype("uint64"))  # spaCy stores -1 as its uint64 twin
        return doc


@lru_cache(maxsize=4)
def build_pipeline(abbreviations: tuple[str, ...] = ()) -> Language:
    """The pipeline, built once per process: syllable tokenizer + abbreviation-aware sentence splitter."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.tokenizer = SyllableTokenizer(nlp.vocab)
    nlp.add_pipe("kg_sentences", config={"abbreviations": list(abbreviations)})
    return nlp


# Vietnamese orthographic syllable: onset, nucleus (1–3 vowels), coda. Used to split words that crawls
# glued together ("Cườngđã" → "Cường" "đã"); foreign words have no Vietnamese diacritics and are left alone.
_V = "aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
_SYLLABLE = rf"(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnpqrstvx])?[{_V}]{{1,3}}(?:ch|ng|nh|[cmnpt])?"
_GLUED = re.compile(rf"(?i)({_SYLLABLE})({_SYLLABLE})")
_ONE = re.compile(rf"(?i){_SYLLABLE}")
_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


@lru_cache(maxsize=100_000)
def split_glued(word: str) -> tuple[str, ...]:
    """Two syllables glued by a crawl ("Lâmbiểu") split apart; any other word unchanged."""
    if len(word) < 4 or not word.isalpha() or all(c in _ASCII for c in word) or _ONE.fullmatch(word):
        return (word,)
    if any(c.isupper() for c in word[1:]):
        return (word,)
    m = _GLUED.fullmatch(word)
    return (m.group(1), m.group(2)) if m else (word,)
