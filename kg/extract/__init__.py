"""Extraction: one article's text → plain facts (posts, documents, credits, events) with evidence.

``Extractor`` runs the registered passes of ``kg.extract.pipeline`` over one article: a pure function of
(article, knowledge, pipeline), no global state, no I/O, so it runs per article on any number of workers. It
works on the NFC form of the text and maps every evidence span back to offsets in the text exactly as given.
One module per part of the grammar: ``names`` (person names), ``orgs`` (organization phrases), ``people``
(titles, chains, posts), ``documents``, ``events``, ``credits``, ``bodies`` (canonical bodies); ``rules`` is the
registry of rule names.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language

from kg.corpus import Article
from kg.extract.bodies import BodyResolver
from kg.extract.change_frames import ChangeFrames
from kg.extract.changes import ChangeExtractor
from kg.extract.credits import CreditExtractor
from kg.extract.documents import DocumentExtractor
from kg.extract.events import EventExtractor
from kg.extract.facts import ArticleFacts, Post
from kg.extract.people import PeopleExtractor
from kg.extract.pipeline import DEFAULT_PIPELINE, Work, check
from kg.knowledge import Knowledge, default_knowledge
from kg.lang.vi.tokenizer import build_pipeline


class Extractor:
    """All extractors over one knowledge base and NLP pipeline (built once per process), and the passes to run."""

    def __init__(self, knowledge: Knowledge | None = None, nlp: Language | None = None,
                 passes: Sequence[str] = DEFAULT_PIPELINE) -> None:
        self.knowledge = knowledge or default_knowledge()
        self.nlp = nlp or build_pipeline(self.knowledge.sentence_abbreviations)
        self.people = PeopleExtractor(self.knowledge)
        self.documents = DocumentExtractor(self.knowledge, self.people)
        self.credits = CreditExtractor(self.knowledge)
        self.events = EventExtractor(self.knowledge)
        self.bodies = BodyResolver(self.knowledge)
        self.changes = ChangeExtractor(self.knowledge, self.bodies.registry)
        self.change_frames = ChangeFrames(self.people, self.changes)
        self.passes = check(passes)

    def __call__(self, article: Article) -> ArticleFacts:
        work = Work.of(article)
        for p in self.passes:
            p.run(self, work)
        return work.facts()


def extract_article(article: Article, extractor: Extractor | None = None) -> ArticleFacts:
    """Facts of one article (with a default extractor built on first use)."""
    return (extractor or default_extractor())(article)


_DEFAULT: list[Extractor] = []


def default_extractor() -> Extractor:
    if not _DEFAULT:
        _DEFAULT.append(Extractor())
    return _DEFAULT[0]


__all__ = ["Extractor", "extract_article", "default_extractor", "Post"]
