"""Extraction on any text: never raises, evidence always points into the text as given, graphs always valid."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pyshacl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from kg.corpus import Article
from kg.publish.rdf import build_graph
from kg.run.build import facts_of

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
SHAPES = Graph().parse(ONTOLOGY / "shapes.ttl")

# Fragments of the genre, so that random texts also exercise the rules, not only the tokenizer.
FRAGMENTS = ["Chủ tịch UBND tỉnh ", "Bí thư Thành uỷ ", "Nguyễn Văn An", ", ", ". ", "ông ", "nguyên ",
             "Quyết định số 12/QĐ-UBND ", "ngày 3/4/2025 ", "của Chính phủ", "TP. ", "Hà Nội", "\n", "Ảnh: ",
             " - TTXVN", "(", ")", "Phó Thủ tướng ", "Trần Thị Bình", "kiêm ", "Nghị quyết 57-NQ/TW", "“", "”"]
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=40).map("".join),
)


def evidences(facts):  # noqa: ANN001, ANN201 - test helper
    for p in facts.posts:
        yield p.evidence
    for d in facts.documents:
        yield from (e for e in (d.evidence, d.date_evidence, d.issuer_evidence) if e is not None)
    for c in facts.credits:
        yield c.evidence
    for e in facts.events:
        yield e.evidence


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_extraction_never_raises_and_evidence_reproduces_the_text(text: str) -> None:
    facts = facts_of(Article("t", text))
    for ev in evidences(facts):
        assert 0 <= ev.start < ev.end <= len(text)
        quote = text[ev.start : ev.end]
        assert quote.strip() == quote and quote  # trimmed, non-empty, from the text as given


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_nfd_input_gives_the_same_facts_with_offsets_into_the_nfd_text(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    nfd = unicodedata.normalize("NFD", nfc)
    a, b = facts_of(Article("t", nfc)), facts_of(Article("t", nfd))
    assert [(p.person.name, p.role, p.org) for p in a.posts] == [(p.person.name, p.role, p.org) for p in b.posts]
    assert [d.number for d in a.documents] == [d.number for d in b.documents]
    for ev in evidences(b):
        assert unicodedata.normalize("NFC", nfd[ev.start : ev.end]).strip()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=5, max_size=40).map("".join))
def test_built_graph_always_parses_and_conforms(text: str) -> None:
    graph = build_graph([facts_of(Article("t", text))])
    again = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    assert len(again) == len(graph)
    conforms, _, report = pyshacl.validate(again, shacl_graph=SHACL, advanced=True)
    assert conforms, report


SHACL = SHAPES


def test_a_huge_single_line_article_is_read_whole() -> None:
    sentence = "Chủ tịch UBND tỉnh Hà Nam Trương Quốc Huy chủ trì hội nghị, "
    reps = 20_000  # about 1.3 MB on one line, no sentence end: cut into bounded sentences, linear work
    text = sentence * reps
    facts = facts_of(Article("big", text))
    assert len(facts.posts) >= reps - reps // 100  # a fact cut by a forced sentence split may be lost
    assert {p.person.name for p in facts.posts} == {"Trương Quốc Huy"}
    last = max(p.evidence.end for p in facts.posts)
    assert last > len(text) - len(sentence) * 2
