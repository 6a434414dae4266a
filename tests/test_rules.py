"""The rule registry (kg/extract/rules.py): its examples are the rules' tests, and it names every rule kg writes.

Example sentences live in the registry (invented names, news style); these tests run them through the extractor.
"""

from __future__ import annotations

import ast
import gzip
import json
import re
from itertools import islice
from pathlib import Path

import pytest

from kg.cli import main
from kg.corpus import Article
from kg.extract.facts import ArticleFacts, Evidence
from kg.extract.rules import KINDS, RULES, Example, Rule, rule
from kg.knowledge import default_knowledge
from kg.run.build import facts_of

ROOT = Path(__file__).resolve().parents[1]
EXTRACT = ROOT / "kg" / "extract"
EXAMPLE = ROOT / "kg" / "examples" / "ttxvn-hoi-nghi.txt"
CORPUS = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared")
               if (p / "corpus" / "baomoi-2017.jsonl.gz").exists()), ROOT.parent / "shared") \
    / "corpus" / "baomoi-2017.jsonl.gz"
RULE_LITERAL = re.compile(r'rule> "([^"]*)"')


def read(kind: str, facts: ArticleFacts) -> list[tuple[tuple[str | None, ...], Evidence | None]]:
    """The facts of one kind in the registry's compact form, each with the evidence its rule is on."""
    if kind == "post":
        return [((p.person.name, p.role, p.org.label if p.org else None), p.evidence) for p in facts.posts]
    if kind in ("document", "date", "issuer"):
        which = {"document": "evidence", "date": "date_evidence", "issuer": "issuer_evidence"}[kind]
        return [((d.number, d.type_label, d.date, d.issuer.label if d.issuer else None), getattr(d, which))
                for d in facts.documents]
    if kind == "event":
        return [((e.label, e.date), e.evidence) for e in facts.events]
    if kind == "change":
        kinds = default_knowledge().change_kinds
        posts = [(c, c.to_post or c.from_post) for c in facts.changes]
        return [((c.person, kinds[c.kind].label, p.role if p else None, p.org.label if p and p.org else None,
                  c.date), c.evidence) for c, p in posts]
    return [((c.person, c.agency, c.kind), c.evidence) for c in facts.credits]


CASES = [pytest.param(r, i, e, id=f"{r.name}-{i}") for r in RULES.values() for i, e in enumerate(r.examples)]


@pytest.mark.parametrize(("r", "i", "example"), CASES)
def test_rule_example_reads_its_facts_under_its_name(r: Rule, i: int, example: Example) -> None:
    got = read(r.kind, facts_of(Article(id="t", text=example.text)))
    for fact in example.facts:
        evidence = [ev for f, ev in got if f == fact]
        assert evidence, f"{r.name}: {fact} not read from {example.text!r}; read {[f for f, _ in got]}"
        rules = [ev.rule for ev in evidence if ev is not None]
        assert r.name in rules, f"{fact} read under {rules}, not {r.name}"
        if not r.relative:
            confidences = {ev.confidence for ev in evidence if ev is not None and ev.rule == r.name}
            assert r.at(example.variant) in confidences


def test_registry_is_well_formed() -> None:
    assert len(RULES) >= 26
    for name, r in RULES.items():
        assert r.name == name and rule(name) is r
        assert r.kind in KINDS and r.description and r.examples
        assert name.split(".")[0] in ("people", "documents", "events", "credits", "changes")
        assert {e.variant for e in r.examples} - {None} <= {v.name for v in r.variants}
        assert r.relative or 0 < r.confidence <= 1
    exemplified = {e.variant for r in RULES.values() for e in r.examples}
    assert {v.name for r in RULES.values() for v in r.variants} <= exemplified  # each variant has an example
    with pytest.raises(KeyError):
        rule("people.unknown")
    with pytest.raises(KeyError):
        rule("credits.byline").at("no_such_variant")


def _code_strings(path: Path) -> list[ast.Constant]:
    """String constants of a module's code, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef) and n.body
            and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in docs]


EXTRACTORS = sorted(p for p in EXTRACT.glob("*.py") if p.name != "rules.py")


def test_no_extractor_tests_a_rule_name() -> None:
    compared = re.compile(r"""\.rule\s*(?:==|!=|\bin\b|\bnot\s+in\b)|(?:==|!=|\bin\b)\s*[^\n]*\.rule\b""")
    for path in EXTRACTORS:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not compared.search(line), f"{path.name}:{n} tests a rule's name: {line.strip()}"


def test_each_rule_name_comes_from_one_place_in_the_extractors() -> None:
    """A rule's name is written once, in a ``rule(...)`` look-up; no extractor makes a name the registry lacks."""
    seen: dict[str, list[str]] = {}
    for path in EXTRACTORS:
        for c in _code_strings(path):
            if re.fullmatch(r"(?:people|documents|events|credits|changes)\.\w+", c.value):
                seen.setdefault(c.value, []).append(f"{path.name}:{c.lineno}")
    assert set(seen) == set(RULES), (f"written but not registered: {sorted(set(seen) - set(RULES))}; "
                                     f"registered but never written: {sorted(set(RULES) - set(seen))}")
    assert {n: w for n, w in seen.items() if len(w) != 1} == {}


def _rules_in(graph: Path) -> set[str]:
    return set(RULE_LITERAL.findall(graph.read_text(encoding="utf-8")))


def test_every_rule_of_the_bundled_example_is_registered(tmp_path: Path) -> None:
    out = tmp_path / "g.nt"
    assert main(["build", str(EXAMPLE), "-o", str(out), "-q", "-j", "1"]) == 0
    found = _rules_in(out)
    assert found and found <= set(RULES)


@pytest.mark.skipif(not CORPUS.exists(), reason="the real corpus (../shared/corpus) is not on this machine")
def test_every_rule_of_real_articles_is_registered(tmp_path: Path) -> None:
    src = tmp_path / "first300.jsonl"
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        src.write_text("".join(islice(fh, 300)), encoding="utf-8")
    out = tmp_path / "g.nt"
    main(["build", str(src), "-o", str(out), "-q", "-j", "1"])
    found = _rules_in(out)
    assert len(found) >= 8  # posts, documents, events, credits are all in 300 articles
    assert found - set(RULES) == set()


def test_kg_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    table = capsys.readouterr().out
    for r in RULES.values():
        assert re.search(rf"^{re.escape(r.name)}\s+{r.kind}\s", table, re.M), r.name
        assert r.description in table and r.examples[0].text.replace("\n", " ") in table
    assert main(["rules", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["name"] for row in rows] == list(RULES)
    assert rows[0]["examples"][0]["text"] == next(iter(RULES.values())).examples[0].text
    byline = next(row for row in rows if row["name"] == "credits.byline")
    assert byline["confidence"] == 0.7 and byline["variants"]["name_list"]["confidence"] == 0.6
