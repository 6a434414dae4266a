"""The publish stage: one article's linked facts → its block of RDF text (the article's digest stated in it).

The worker of ``kg build`` composes three stages, each from its own module: extract (``kg.extract``, skipped
for a facts file), link (``kg.link.resolve_article``) and publish (this module: ``kg.publish.rdf`` builds the
article's triples, ``kg.publish.writers`` serializes the block).
"""

from __future__ import annotations

import urllib.parse

from kg.extract.facts import ArticleFacts


def marker_id(article_id: str) -> str:
    """The article id as its block's marker comment writes it (percent-escaped: one word, no line break)."""
    return urllib.parse.quote(article_id, safe="")


def publish(facts: ArticleFacts, digest: str, builder, fmt: str) -> str:  # noqa: ANN001 - a kg.publish.rdf.GraphBuilder
    """The block of one article in ``fmt`` ("turtle", "nt", "trig"): its triples and ``kg:sourceDigest``."""
    from kg.publish import rdf, writers

    graph = builder.new_graph(bind=False)
    builder.add(graph, facts)
    return writers.render_block(fmt, builder.iris.article(facts.article_id), marker_id(facts.article_id), digest,
                                graph, rdf.prefixes_for(builder.iris))
