"""The knowledge files validated by SHACL shapes of their own (ontology/knowledge-shapes.ttl): every entry typed
with a declared class, one Vietnamese preferred label each, no label shared within a class, ids that are slugs of
labels where the files follow that convention. The real files conform; a copy with one defect each does not.
"""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import RDF, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH

from kg.knowledge import load
from kg.lang.vi.orthography import slug

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
SHAPES = ONTOLOGY / "knowledge-shapes.ttl"
KG = Namespace("https://w3id.org/kg-vn/ns#")
KGSH = Namespace("https://w3id.org/kg-vn/shapes#")
HEADER = ("@prefix kg: <https://w3id.org/kg-vn/ns#> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
          "@prefix kgword: <https://w3id.org/kg-vn/word/> .\n@prefix kgtitle: <https://w3id.org/kg-vn/title/> .\n")


def _knowledge(directory: Path) -> Graph:
    """Every knowledge file of ``directory`` in one graph (kg.ttl included; the two shape files are not data)."""
    g = Graph()
    for path in sorted(directory.glob("*.ttl")):
        if path.name not in ("shapes.ttl", "knowledge-shapes.ttl"):
            g.parse(path, format="turtle")
    return g


def _violations(data: Graph) -> set[tuple[URIRef, str]]:
    """(constraint, value) of every violation of the knowledge shapes."""
    conforms, report, _ = pyshacl.validate(data, shacl_graph=Graph().parse(SHAPES, format="turtle"))
    found = {(report.value(r, SH.sourceConstraint), str(report.value(r, SH.value)))
             for r in report.subjects(RDF.type, SH.ValidationResult)}
    assert conforms == (not found)
    return found


@pytest.fixture(scope="module")
def real() -> Graph:
    return _knowledge(ONTOLOGY)


def _with(tmp_path: Path, turtle: str) -> Graph:
    """A copy of the files the defects below touch (kg.ttl, language.ttl, roles.ttl; validating all of them takes
    ten times as long) plus one more file, the way a user adds an entry."""
    onto = tmp_path / "ontology"
    onto.mkdir(parents=True)
    for name in ("kg.ttl", "language.ttl", "roles.ttl"):
        (onto / name).write_bytes((ONTOLOGY / name).read_bytes())
    (onto / "extra.ttl").write_text(HEADER + turtle, "utf-8")
    return _knowledge(onto)


def test_the_real_knowledge_files_conform(real: Graph) -> None:
    assert _violations(real) == set()


def test_the_copy_the_defects_go_into_conforms(tmp_path: Path) -> None:
    assert _violations(_with(tmp_path, "")) == set()


@pytest.mark.parametrize(("turtle", "constraint", "value"), [
    # the same phrase twice in one class, as written and in another case (matching is case-insensitive)
    ('kgword:ev-head-hoi-nghi-2 a kg:EventHead ; skos:prefLabel "Hội nghị"@vi .', KGSH.UniqueLabel, "hội nghị"),
    ('kgword:ev-head-hoi-nghi-2 a kg:EventHead ; skos:prefLabel "hội nghị"@vi .', KGSH.UniqueLabel, "hội nghị"),
    # an altLabel that is another member's label
    ('kgword:ev-head-hoi-thao-2 a kg:EventHead ; skos:prefLabel "Hội thảo khoa học"@vi ; '
     'skos:altLabel "Hội thảo"@vi .', KGSH.UniqueLabel, "hội thảo"),
    # an entry with a label and no type at all, and one typed with a class kg.ttl does not declare
    ('kgword:ev-head-hop-bao skos:prefLabel "Họp báo"@vi .', KGSH.Typed, "https://w3id.org/kg-vn/word/ev-head-hop-bao"),
    ('kgword:ev-head-hop-bao a kg:EvenHead ; skos:prefLabel "Họp báo"@vi .', KGSH.DeclaredClass,
     "https://w3id.org/kg-vn/word/ev-head-hop-bao"),
    # an id that is not the slug of its label: a prefixed word class, and a class whose ids are bare slugs
    ('kgword:ev-head-hop-bao a kg:EventHead ; skos:prefLabel "Lễ mít tinh"@vi .', KGSH.PrefixedSlugId,
     "https://w3id.org/kg-vn/word/ev-head-hop-bao"),
    ('kgtitle:trung-ta-hai-quan a kg:Rank ; skos:prefLabel "Thượng tá hải quân"@vi .', KGSH.SlugId,
     "https://w3id.org/kg-vn/title/trung-ta-hai-quan"),
    # one IRI used for two entries: two Vietnamese preferred labels
    ('kgtitle:ong skos:prefLabel "ôn"@vi .', KGSH.OnePreferredLabel, "https://w3id.org/kg-vn/title/ong"),
], ids=["duplicate-label", "duplicate-label-other-case", "duplicate-alt-label", "untyped", "undeclared-class",
        "wrong-prefixed-slug", "wrong-slug", "two-preferred-labels"])
def test_a_defect_in_the_knowledge_fails_its_shape(tmp_path: Path, turtle: str, constraint: URIRef, value: str) -> None:
    assert (constraint, value) in _violations(_with(tmp_path, turtle))


def test_every_labelled_class_is_in_the_scope_of_an_id_shape(real: Graph) -> None:
    """A new word class is checked for slug ids unless it is one of the documented exceptions."""
    shapes = Graph().parse(SHAPES, format="turtle")
    scoped = {c for shape in (KGSH.SlugShape, KGSH.PrefixedSlugShape) for c in shapes.objects(shape, SH.targetNode)}
    labelled = {c for s in real.subjects(SKOS.prefLabel, None) for c in real.objects(s, RDF.type)
                if str(c).startswith(str(KG)) and not str(s).startswith(str(KG))}
    assert labelled - scoped == {KG.OrganizationWord}  # its ids name the lower-case word inside the label


def test_the_shapes_slug_is_the_code_slug(real: Graph) -> None:
    """The slug the shapes compute in SPARQL agrees with the code's slug on every Vietnamese label of the data."""
    query = (ONTOLOGY / "knowledge-shapes.ttl").read_text("utf-8")
    start = query.index("BIND(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(LCASE(STR(?label))")
    expr = query[start + len("BIND(") : query.index(" AS ?dashed)", start)]
    labels = sorted({o for o in real.objects(None, SKOS.prefLabel) if isinstance(o, Literal) and o.language == "vi"})
    values = " ".join(f"({lit.n3()})" for lit in labels)
    rows = real.query(f"SELECT ?label ?slug WHERE {{ VALUES (?label) {{ {values} }} "
                      f"BIND(REPLACE({expr}, \"^-+|-+$\", \"\") AS ?slug) }}")
    got = {str(label): str(s) for label, s in rows}
    assert len(got) == len({str(lit) for lit in labels}) > 1500
    assert {label: s for label, s in got.items() if s != slug(label)} == {}


def test_the_knowledge_shapes_file_is_no_knowledge(tmp_path: Path) -> None:
    """kg/knowledge.py reads every *.ttl: the shapes file adds no entry (the knowledge loads the same without it)."""
    without = tmp_path / "ontology"
    without.mkdir()
    for path in ONTOLOGY.glob("*.ttl"):
        if path.name != "knowledge-shapes.ttl":
            (without / path.name).write_bytes(path.read_bytes())
    a, b = load(ONTOLOGY), load(without)
    assert (len(a.graph) - len(b.graph), a.stop_words, len(a.roles), len(a.places)) == (
        len(Graph().parse(SHAPES, format="turtle")), b.stop_words, len(b.roles), len(b.places))
