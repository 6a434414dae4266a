"""Extraction: one article's text → plain facts (posts, documents, credits, events) with evidence.

``extract_article`` is a pure function of (article, knowledge, pipeline): no global state, no I/O, so it
runs per article on any number of workers. It works on the NFC form of the text and maps every evidence
span back to offsets in the text exactly as the user gave it.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language

from kg.corpus import Article, body_start
from kg.extract.credits import CreditExtractor
from kg.extract.documents import DocumentExtractor, merge_documents
from kg.extract.events import EventExtractor
from kg.extract.people import PeopleExtractor
from kg.facts import ArticleFacts, Document, Evidence, Post
from kg.knowledge import Knowledge, default_knowledge
from kg.lang.vi.orthography import nfc_with_offsets
from kg.lang.vi.sentences import sentences
from kg.lang.vi.tokenizer import build_pipeline


class Extractor:
    """All extractors over one knowledge base and pipeline (built once per process)."""

    def __init__(self, knowledge: Knowledge | None = None, nlp: Language | None = None) -> None:
        self.knowledge = knowledge or default_knowledge()
        self.nlp = nlp or build_pipeline(self.knowledge.sentence_abbreviations)
        self.people = PeopleExtractor(self.knowledge)
        self.documents = DocumentExtractor(self.knowledge, self.people)
        self.credits = CreditExtractor(self.knowledge)
        self.events = EventExtractor(self.knowledge)

    def __call__(self, article: Article) -> ArticleFacts:
        text, offsets = nfc_with_offsets(article.text)
        start = body_start(article)
        if offsets is not None:
            start = next((i for i, o in enumerate(offsets) if o >= start), len(text))
        facts = ArticleFacts(article.id, article.title, article.date, article.url, article.source, article.text)
        docs: list[Document] = []
        sents = []
        for a, b in chunks(text, start):  # huge texts in pieces: the pipeline's memory stays bounded
            body = text[a:b]
            sents += [_shift(s, a) if a else s for s in sentences(self.nlp(body), body)]
        for s in sents:
            posts = self.people.extract(s, article.id)
            facts.posts.extend(posts)
            docs.extend(self.documents.extract(s, text, article.id))
            facts.events.extend(self.events.extract(s, text, article.id, posts))
        facts.posts = self.people.complete_from_context(facts.posts, sents)
        facts.events = self.events.attach_participants(facts.events, sents, facts.posts, text)
        facts.documents = merge_documents(self.documents.complete_from_next_sentence(docs, sents, text, article.id),
                                          self.knowledge.generic_doc_types)
        facts.credits = self.credits.extract(text, start, article.id)
        if offsets is not None:
            _remap(facts, offsets)
        return facts


CHUNK = 100_000  # characters per pipeline call


def chunks(text: str, start: int = 0, size: int = CHUNK) -> list[tuple[int, int]]:
    """Spans of at most about ``size`` characters, cut at a line break, a sentence end, a comma or a space."""
    spans = []
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = max(text.rfind("\n", start, end), text.rfind(". ", start, end), text.rfind(", ", start, end))
            cut = cut if cut > start + size // 2 else text.rfind(" ", start, end)
            end = cut + 1 if cut > start else end
        spans.append((start, end))
        start = end
    return spans


def _shift(s, by: int):  # noqa: ANN001, ANN202 - small internal helper
    from kg.lang.vi.sentences import Sentence, Tok

    toks = [Tok(t.text, t.start + by, t.end + by, t.key) for t in s.toks]
    return Sentence(toks, s.keys, s.start + by, s.end + by, s.text)


def _remap(facts: ArticleFacts, offsets: list[int]) -> None:
    """Evidence offsets from the NFC text back to the text as given."""

    def ev(e: Evidence | None) -> Evidence | None:
        if e is None:
            return None
        return replace(e, start=offsets[e.start], end=offsets[e.end], sentence_start=offsets[e.sentence_start],
                       sentence_end=offsets[e.sentence_end])

    facts.posts = [replace(p, evidence=ev(p.evidence)) for p in facts.posts]
    facts.documents = [replace(d, evidence=ev(d.evidence), date_evidence=ev(d.date_evidence),
                               issuer_evidence=ev(d.issuer_evidence)) for d in facts.documents]
    facts.credits = [replace(c, evidence=ev(c.evidence)) for c in facts.credits]
    facts.events = [replace(e, evidence=ev(e.evidence)) for e in facts.events]


def extract_article(article: Article, extractor: Extractor | None = None) -> ArticleFacts:
    """Facts of one article (with a default extractor built on first use)."""
    return (extractor or default_extractor())(article)


_DEFAULT: list[Extractor] = []


def default_extractor() -> Extractor:
    if not _DEFAULT:
        _DEFAULT.append(Extractor())
    return _DEFAULT[0]


__all__ = ["Extractor", "extract_article", "default_extractor", "Post"]
