"""The wheel carries what the package reads at run time: the model-card template and the actor table."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_the_card_template_and_the_actor_table(tmp_path):
    # built from a copy, so that setuptools' build/ and egg-info folders stay out of the checkout
    source = tmp_path / "src-copy"
    shutil.copytree(ROOT, source, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", "runs", "build", "*.egg-info", "__pycache__", "benchmarks", "notebooks", "tests"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                    str(tmp_path), str(source)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("arapol-*.whl")
    with zipfile.ZipFile(wheel) as z:
        assert z.read("arapol/resources/model_card.md") == (ROOT / "model_card.md").read_bytes()
        assert z.read("arapol/resources/actors.yaml") == (ROOT / "data" / "actors.yaml").read_bytes()


def test_the_changelog_names_this_version_first():
    import re

    from arapol.version import __version__

    headings = re.findall(r"^## (.*)$", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), flags=re.MULTILINE)
    if headings and headings[0] == "Unreleased":  # changes since the newest version gather above it
        headings = headings[1:]
    assert headings, "CHANGELOG.md has no '## VERSION — YYYY-MM-DD' heading"
    assert re.fullmatch(r"\S+ — \d{4}-\d{2}-\d{2}", headings[0]), \
        f"CHANGELOG.md's newest heading '## {headings[0]}' is neither 'Unreleased' nor 'VERSION — YYYY-MM-DD'"
    newest = headings[0].split(" — ")[0]
    assert newest == __version__, f"CHANGELOG.md's newest entry is {newest}, arapol is {__version__}"


def test_prediction_does_not_load_the_training_metrics_libraries(tiny_ner_model):
    """scikit-learn and seqeval cost about 100 MB of resident memory: ``predict()`` must not pull them in."""
    code = ("import sys, arapol; arapol.load(sys.argv[1]).predict('قال بوتين في موسكو'); "
            "print(sorted(m for m in ('sklearn', 'seqeval') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(tiny_ner_model)], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
