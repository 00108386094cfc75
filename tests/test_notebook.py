"""``notebooks/quickstart.ipynb`` runs top to bottom (nbclient) on the tiny models, with short training."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "quickstart.ipynb"


def test_the_notebook_is_stored_without_outputs():
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")


def test_quickstart_runs(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv("ARAPOL_QUICKSTART_OUT", str(tmp_path / "quickstart"))
    monkeypatch.setenv("ARAPOL_QUICKSTART_EPOCHS", "1")
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    monkeypatch.setenv("TOKENIZERS_PARALLELISM", "false")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs)          # the confusion matrix was shown
    text = "".join(o.get("text", "") for o in outputs)
    assert "NER test: precision" in text and "stance toward the ceasefire" in text
    out = tmp_path / "quickstart"
    for name in ("metrics.json", "report.md", "confusion.png"):
        assert (out / "eval-ner" / name).is_file() and (out / "eval-stance" / name).is_file()
    assert (out / "ner" / "README.md").is_file()
