"""The wheel carries what kg needs to extract (ontology data, schema, starter queries), and a knowledge base
that would make extraction silently find nothing is a loud error instead."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from kg.knowledge import KnowledgeError, load, ontology_dir

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology"
EXAMPLE = ROOT / "kg" / "examples" / "ttxvn-hoi-nghi.txt"


def test_every_package_under_kg_is_listed_for_the_wheel() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "kg").rglob("__init__.py")}
    assert found <= listed, f"packages missing from pyproject.toml: {sorted(found - listed)}"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out),
                    str(ROOT)], check=True, capture_output=True, timeout=300)
    (whl,) = out.glob("kg-*.whl")
    return whl


def test_wheel_ships_ontology_schema_and_queries(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in [*ONTOLOGY.glob("*.ttl"), *(ONTOLOGY / "queries").glob("*.rq")]:
        assert f"kg/ontology/{path.relative_to(ONTOLOGY).as_posix()}" in names, path.name
    assert "kg/examples/ttxvn-hoi-nghi.txt" in names


def test_unpacked_wheel_outside_the_checkout_extracts_what_the_checkout_extracts(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    work = tmp_path / "elsewhere"
    work.mkdir()
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import kg, kg.knowledge, kg.cli; "
            "assert kg.__file__.startswith(sys.argv[1]), kg.__file__; "
            "print(kg.knowledge.ontology_dir(), file=sys.stderr); sys.exit(kg.cli.main(sys.argv[2:]))")
    env = {k: v for k, v in os.environ.items() if k != "KG_ONTOLOGY"}
    for name, cwd, argv in (("wheel", work, [sys.executable, "-c", code, str(site)]),
                            ("checkout", ROOT, [sys.executable, "-m", "kg.cli"])):
        proc = subprocess.run([*argv, "build", str(EXAMPLE), "-o", str(tmp_path / f"{name}.ttl"), "-j", "1"],
                              cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        if name == "wheel":
            assert str(site) in proc.stderr.splitlines()[0]  # the shipped copy, not the checkout's
    wheel_graph, checkout_graph = (tmp_path / "wheel.ttl").read_bytes(), (tmp_path / "checkout.ttl").read_bytes()
    assert b"org:Post" in wheel_graph and b"eli:LegalResource" in wheel_graph
    assert wheel_graph == checkout_graph


def test_editable_checkout_reads_the_top_level_ontology() -> None:
    assert ontology_dir().resolve() in {ONTOLOGY.resolve(), Path(os.environ.get("KG_ONTOLOGY", ONTOLOGY)).resolve()}


def _copy_ontology(tmp_path: Path) -> Path:
    target = tmp_path / "ontology"
    target.mkdir()
    for path in ONTOLOGY.glob("*.ttl"):
        (target / path.name).write_bytes(path.read_bytes())
    return target


def test_empty_knowledge_folder_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match=str(tmp_path)):
        load(tmp_path)


def test_unparsable_knowledge_file_is_an_error_naming_it(tmp_path: Path) -> None:
    onto = _copy_ontology(tmp_path)
    broken = "@prefix kg: <https://w3id.org/kg-vn/ns#> .\nkg:x a kg:Role ; kg:label \"unterminated .\n"
    (onto / "roles.ttl").write_text(broken, "utf-8")
    with pytest.raises(KnowledgeError, match="roles.ttl"):
        load(onto)


def test_missing_required_class_is_an_error(tmp_path: Path) -> None:
    onto = _copy_ontology(tmp_path)
    (onto / "roles.ttl").unlink()
    with pytest.raises(KnowledgeError, match="kg:Role"):
        load(onto)


@pytest.mark.parametrize(("concept", "label", "message"), [
    # the same concept IRI in two files: both files are named
    ("tong-bi-thu", "Tổng Bí thư", r"(extra\.ttl.*roles\.ttl|roles\.ttl.*extra\.ttl)"),
    # two concepts of one class with one label (case and tone placement folded): the other concept is named
    ("tbt-2", "Tổng bí thư", "tong-bi-thu"),
])
def test_duplicate_concepts_are_an_error(tmp_path: Path, concept: str, label: str, message: str) -> None:
    onto = _copy_ontology(tmp_path)
    (onto / "extra.ttl").write_text(
        "@prefix kg: <https://w3id.org/kg-vn/ns#> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        f"<https://w3id.org/kg-vn/role/{concept}> a kg:Role, skos:Concept ; skos:prefLabel \"{label}\"@vi .\n",
        "utf-8")
    with pytest.raises(KnowledgeError, match=message):
        load(onto)


def test_build_with_an_empty_knowledge_base_exits_non_zero_and_writes_nothing(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "g.ttl"
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(EXAMPLE), "-o", str(out), "-j", "1"],
                          env={**os.environ, "KG_ONTOLOGY": str(empty)}, capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0
    assert str(empty) in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists()
