"""The main job: read articles → extract → resolve → one RDF graph, with a summary and every failure listed.

Extraction is per article and map-only (``facts_of``); only the final union touches the graph, so the
same function runs unchanged on a worker pool or a cluster.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.corpus import Article, InputProblem, read_articles
from kg.extract import Extractor, default_extractor
from kg.facts import ArticleFacts
from kg.resolve import IRIs, resolve_article


@dataclass
class Summary:
    articles: int = 0
    persons: int = 0
    posts: int = 0
    documents: int = 0
    credits: int = 0
    events: int = 0
    triples: int = 0
    problems: list[InputProblem] = field(default_factory=list)

    @property
    def failures(self) -> list[InputProblem]:
        return [p for p in self.problems if p.fatal]

    def lines(self) -> list[str]:
        out = [f"articles {self.articles}, persons {self.persons}, posts {self.posts}, documents {self.documents}, "
               f"credits {self.credits}, events {self.events}, triples {self.triples}, failures {len(self.failures)}"]
        for p in self.problems:
            out.append(("error: " if p.fatal else "warning: ") + str(p))
        return out


def facts_of(article: Article, extractor: Extractor | None = None) -> ArticleFacts:
    """Extract and resolve one article: the map step."""
    return resolve_article((extractor or default_extractor())(article))


def extract_all(paths: Iterable[str | Path], summary: Summary,
                extractor: Extractor | None = None) -> Iterator[ArticleFacts]:
    """Facts of every readable article under ``paths``; problems (input or extraction) go to ``summary``."""
    for item in read_articles(paths):
        if isinstance(item, InputProblem):
            summary.problems.append(item)
            continue
        try:
            facts = facts_of(item, extractor)
        except Exception as exc:  # one article's bug must not lose the batch
            summary.problems.append(InputProblem(item.origin, item.line, f"extraction failed: {exc!r}", item.id))
            continue
        summary.articles += 1
        summary.persons += len(facts.persons)
        summary.posts += len(facts.posts)
        summary.documents += len(facts.documents)
        summary.credits += len(facts.credits)
        summary.events += len(facts.events)
        yield facts


def build(paths: Iterable[str | Path], out: str | Path, base: str | None = None) -> Summary:
    """Build the graph of ``paths`` and write it atomically to ``out`` (format by extension)."""
    from kg import rdf

    fmt = rdf.format_for(out)
    iris = IRIs(base) if base else IRIs()
    summary = Summary()
    facts = extract_all(paths, summary)
    graph = rdf.build_dataset(facts, iris) if fmt == "trig" else rdf.build_graph(facts, iris)
    summary.triples = len(graph)
    rdf.write_atomic(rdf.serialize(graph, fmt), out)
    return summary
