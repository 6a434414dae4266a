"""Every notebook in notebooks/ runs top to bottom on the bundled example, and is stored without outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def test_the_notebooks_are_there() -> None:
    assert {p.name for p in NOTEBOOKS} >= {"quickstart.ipynb", "network-analysis.ipynb", "people-over-time.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stored_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)
    assert "INPUT = " in code[0].source  # the one variable a user changes


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_top_to_bottom(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MPLBACKEND", "Agg")  # the kernel inherits it: no display needed
    monkeypatch.chdir(tmp_path)
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    text = "".join(o.get("text", "") + str(o.get("data", {}).get("text/plain", ""))
                   for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    if path.stem == "quickstart":
        assert "Lê Minh Khoa" in text and "Chỉ thị" in text
    elif path.stem == "people-over-time":
        assert "Hoàng Minh Tuấn <https://" in text and "Phó Trưởng ban Ban Kinh tế Trung ương" in text  # a timeline
        assert "Đặng Quốc Việt" in text and "2024-06-18" in text  # the holder on the day, and when he began
        assert "dieu-dong" in text  # the starter queries ran
        assert "<svg" in (tmp_path / "succession.html").read_text(encoding="utf-8")
    else:
        assert "—holds→" in text or "—mentions→" in text or "←mentions—" in text  # a path was printed
        assert (tmp_path / "entity-graph.graphml").is_file() and (tmp_path / "neighbourhood.html").is_file()
        assert "Persons by" not in text  # charts are figures, not text
