"""The extraction pipeline: named passes with declared inputs and outputs, run in order over one article.

Like spaCy's components, a pass is registered by name (``@register("posts", needs=…, gives=…)``) and a pipeline
is a list of names; ``check`` refuses a pipeline where a pass needs what no earlier pass gives. Each pass reads
and writes the fields of one ``Work``, the article's state between passes; the last pass maps evidence offsets
from the NFC text back to the text as the user gave it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from kg.corpus import Article, body_start
from kg.extract.documents import merge_documents
from kg.extract.facts import ArticleFacts, Change, Credit, Document, Event, Evidence, Post
from kg.extract.names import ArticleNames
from kg.lang.vi.orthography import nfc_with_offsets
from kg.lang.vi.sentences import Sentence, Tok, sentences

if TYPE_CHECKING:
    from kg.extract import Extractor

CHUNK = 100_000  # characters per pipeline call: huge texts in pieces, so the NLP pipeline's memory stays bounded


@dataclass
class Work:
    """One article between passes: its NFC text (and the map back to the text as given), then what passes add."""

    article: Article
    text: str
    offsets: list[int] | None
    start: int  # where the body starts in ``text`` (after a title line repeated at the top)
    sentences: list[Sentence] = field(default_factory=list)
    sentence_posts: list[list[Post]] = field(default_factory=list)  # the posts read in each sentence
    posts: list[Post] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    @classmethod
    def of(cls, article: Article) -> Work:
        text, offsets = nfc_with_offsets(article.text)
        start = body_start(article)
        if offsets is not None:
            start = next((i for i, o in enumerate(offsets) if o >= start), len(text))
        return cls(article, text, offsets, start)

    def facts(self) -> ArticleFacts:
        a = self.article
        return ArticleFacts(a.id, a.title, a.date, a.url, a.source, a.text, posts=self.posts,
                            documents=self.documents, credits=self.credits, events=self.events,
                            changes=self.changes)


PassFn = Callable[["Extractor", Work], None]


@dataclass(frozen=True)
class Pass:
    name: str
    needs: tuple[str, ...]  # fields of ``Work`` it reads (``text`` is always there)
    gives: tuple[str, ...]  # fields it writes
    run: PassFn
    doc: str


PASSES: dict[str, Pass] = {}


def register(name: str, *, needs: Sequence[str] = (), gives: Sequence[str] = ()) -> Callable[[PassFn], PassFn]:
    """Register a pass under ``name``; its docstring is its description."""
    def deco(fn: PassFn) -> PassFn:
        if name in PASSES:
            raise ValueError(f"pass {name!r} is registered twice")
        PASSES[name] = Pass(name, tuple(needs), tuple(gives), fn, (fn.__doc__ or "").strip().split("\n")[0])
        return fn
    return deco


def check(pipeline: Sequence[str]) -> list[Pass]:
    """The passes of ``pipeline`` in order; ValueError if one is unknown or needs what no earlier pass gives."""
    have = {"text"}
    out = []
    for name in pipeline:
        if name not in PASSES:
            raise ValueError(f"unknown pass {name!r}; registered: {', '.join(sorted(PASSES))}")
        p = PASSES[name]
        missing = [n for n in p.needs if n not in have]
        if missing:
            raise ValueError(f"pass {name!r} needs {', '.join(missing)}, which no earlier pass gives")
        have.update(p.gives)
        out.append(p)
    return out


@register("sentences", needs=("text",), gives=("sentences",))
def _sentences(x: Extractor, w: Work) -> None:
    """Tokens and sentences of the body, in pieces of about CHUNK characters."""
    for a, b in chunks(w.text, w.start):
        body = w.text[a:b]
        w.sentences += [_shift(s, a) if a else s for s in sentences(x.nlp(body), body)]


@register("posts", needs=("sentences",), gives=("posts", "sentence_posts"))
def _posts(x: Extractor, w: Work) -> None:
    """Posts read sentence by sentence (title chains, appositions, copulas, name lists)."""
    w.sentence_posts = [x.people.extract(s, w.article.id) for s in w.sentences]
    w.posts = [p for posts in w.sentence_posts for p in posts]


@register("change-posts", needs=("sentences", "sentence_posts"), gives=("posts", "sentence_posts"))
def _change_posts(x: Extractor, w: Work) -> None:
    """Posts a change sentence gives across its verb ("bổ nhiệm ông A làm …", "cách chức X đối với ông B")."""
    found = False
    names = ArticleNames(x.people, w.sentences, [(p.evidence.start, p.person.name) for p in w.posts])  # when asked
    for n, (s, posts) in enumerate(zip(w.sentences, w.sentence_posts, strict=True)):
        more = x.change_frames.extract(s, posts, w.article.id, names)
        if more:
            w.sentence_posts[n] = sorted(posts + more, key=lambda p: p.evidence.start)
            found = True
    if found:
        w.posts = [p for posts in w.sentence_posts for p in posts]


@register("documents", needs=("sentences",), gives=("documents",))
def _documents(x: Extractor, w: Work) -> None:
    """Numbered documents, with the date, issuer and subject their sentence states."""
    w.documents = [d for s in w.sentences for d in x.documents.extract(s, w.text, w.article.id)]


@register("events", needs=("sentences", "sentence_posts"), gives=("events",))
def _events(x: Extractor, w: Work) -> None:
    """Named events; persons with a post in the same sentence speak or chair by what it says they do."""
    w.events = [e for s, posts in zip(w.sentences, w.sentence_posts, strict=True)
                for e in x.events.extract(s, w.text, w.article.id, posts)]


@register("post-context", needs=("posts", "sentences"), gives=("posts",))
def _posts_context(x: Extractor, w: Work) -> None:
    """Bare titles completed from the article ("Bộ trưởng" of the ministry named before)."""
    w.posts = x.people.complete_from_context(w.posts, w.sentences)


@register("event-participants", needs=("events", "posts", "sentences"), gives=("events",))
def _event_participants(x: Extractor, w: Work) -> None:
    """Speakers and chairs of an event named in another sentence ("Phát biểu tại hội nghị, …")."""
    w.events = x.events.attach_participants(w.events, w.sentences, w.posts, w.text)


@register("document-context", needs=("documents", "sentences"), gives=("documents",))
def _documents_context(x: Extractor, w: Work) -> None:
    """Dates and issuers the next or previous sentence gives; then one document per number."""
    docs = x.documents.complete_from_next_sentence(w.documents, w.sentences, w.text, w.article.id)
    w.documents = merge_documents(docs, x.knowledge.generic_doc_types)


@register("bodies", needs=("posts", "documents", "sentences"), gives=("posts", "documents"))
def _bodies(x: Extractor, w: Work) -> None:
    """Canonical bodies: registry labels, nameless bodies completed from the article or scoped to it."""
    w.posts, w.documents = x.bodies.resolve(w.posts, w.documents, w.sentences, w.article.id)


@register("changes", needs=("posts", "documents", "sentences"), gives=("changes",))
def _changes(x: Extractor, w: Work) -> None:
    """Personnel changes: a change verb and the posts read in its sentence; date, deciding body, decision, term."""
    w.changes = x.changes.extract_article(w.sentences, w.posts, w.documents, w.article.id, w.article.date)


@register("credits", needs=("text",), gives=("credits",))
def _credits(x: Extractor, w: Work) -> None:
    """Photo credits and the closing byline."""
    w.credits = x.credits.extract(w.text, w.start, w.article.id)


@register("offsets")
def _offsets(x: Extractor, w: Work) -> None:
    """Evidence offsets from the NFC text back to the text as given (of whatever the passes before read)."""
    if w.offsets is None:
        return
    offsets = w.offsets

    def ev(e: Evidence | None) -> Evidence | None:
        if e is None:
            return None
        return replace(e, start=offsets[e.start], end=offsets[e.end], sentence_start=offsets[e.sentence_start],
                       sentence_end=offsets[e.sentence_end])

    moved = {p: replace(p, evidence=ev(p.evidence)) for p in w.posts}
    w.posts = [moved[p] for p in w.posts]
    w.changes = [replace(c, evidence=ev(c.evidence), to_post=moved.get(c.to_post) if c.to_post else None,
                         from_post=moved.get(c.from_post) if c.from_post else None) for c in w.changes]
    w.documents = [replace(d, evidence=ev(d.evidence), date_evidence=ev(d.date_evidence),
                           issuer_evidence=ev(d.issuer_evidence)) for d in w.documents]
    w.credits = [replace(c, evidence=ev(c.evidence)) for c in w.credits]
    w.events = [replace(e, evidence=ev(e.evidence)) for e in w.events]


DEFAULT_PIPELINE = ("sentences", "posts", "change-posts", "documents", "events", "post-context", "event-participants",
                    "document-context", "bodies", "changes", "credits", "offsets")


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


def _shift(s: Sentence, by: int) -> Sentence:
    toks = [Tok(t.text, t.start + by, t.end + by, t.key) for t in s.toks]
    return Sentence(toks, s.keys, s.start + by, s.end + by, s.text)
