"""The format registry (kg.publish.writers.registry): one module and one registration per format; what the build, the
store and the query verb know of a format they ask here."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from kg.publish import writers
from kg.publish.writers.registry import FORMATS, Format, by_extension, format_for, register


def test_every_format_is_its_own_module() -> None:
    assert set(FORMATS) == {"turtle", "nt", "trig", "json-ld", "shards", "nquads"}
    for name in FORMATS:
        module = {"turtle": "turtle", "nt": "ntriples", "trig": "trig", "json-ld": "jsonld", "shards": "shards",
                  "nquads": "nquads"}[name]
        assert getattr(writers, module).FORMAT is FORMATS[name]


@pytest.mark.parametrize(("path", "name"), [("g.ttl", "turtle"), ("g.nt", "nt"), ("G.TRIG", "trig"),
                                            ("g.jsonld", "json-ld"), ("g.json", "json-ld")])
def test_output_extension_names_the_format(path: str, name: str) -> None:
    assert format_for(path) == name


def test_an_extension_kg_does_not_write_is_refused_naming_the_choices() -> None:
    with pytest.raises(ValueError, match=r"unsupported output extension '\.nq': use one of \.json, \.jsonld, \.nt"):
        format_for("g.nq")
    assert by_extension("g.nq.gz", written=False).name == "nquads"  # but it is read
    assert by_extension("g.xml", written=False) is None


def test_a_name_or_extension_registered_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="format 'nt' is registered twice"):
        register(Format("nt", (".nt2",), "text/plain", ox.RdfFormat.N_TRIPLES))
    with pytest.raises(ValueError, match=r"extension \.ttl is registered twice"):
        register(Format("turtle2", (".ttl",), "text/turtle", ox.RdfFormat.TURTLE))


def test_what_the_build_asks_of_a_format() -> None:
    streamed = {n for n, f in FORMATS.items() if f.streamed}
    assert streamed == {"turtle", "nt", "trig", "shards"}  # JSON-LD is one document; N-Quads is only read
    assert {n for n, f in FORMATS.items() if f.updatable} == {"turtle", "nt", "trig"}
    assert {n for n, f in FORMATS.items() if f.header} == {"turtle", "trig"}


def test_a_block_of_each_streamed_format_parses_back_to_the_same_triples() -> None:
    g = Graph()
    a, s = URIRef("https://w3id.org/kg-vn/id/article/a1"), URIRef("https://w3id.org/kg-vn/id/person/nguyễn-văn-a")
    g.add((s, URIRef("https://schema.org/name"), Literal("Nguyễn Văn A", lang="vi")))
    g.add((a, URIRef("https://schema.org/mentions"), s))
    prefixes = {"schema": "https://schema.org/"}
    for name in ("turtle", "nt", "trig", "shards"):
        block = writers.render_block(name, str(a), "a1", "d1", g, prefixes)
        assert block.startswith("# article a1\n")  # the digest is data, not in the marker
        header = writers.prefix_header(prefixes) if FORMATS[name].header else ""
        quads = list(ox.parse(header + block, format=writers.OX_FORMATS[name]))
        assert {(q.subject.value, q.predicate.value, q.object.value) for q in quads} == {
            (str(s), "https://schema.org/name", "Nguyễn Văn A"), (str(a), "https://schema.org/mentions", str(s)),
            (str(a), "https://w3id.org/kg-vn/ns#sourceDigest", "d1")}
        graphs = {q.graph_name for q in quads}
        assert graphs == ({ox.NamedNode(str(a))} if name == "trig" else {ox.DefaultGraph()})
