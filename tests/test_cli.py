"""The command line turns bad options and unwritable paths into one readable line (exit 2), not a traceback."""

import subprocess
import sys
from pathlib import Path

from arapol.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_a_set_value_that_is_not_yaml_names_the_option(capsys):
    assert main(["train", str(ROOT / "configs/ner_tiny.yaml"), "--set", "max_length=[1,"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("arapol: error: --set max_length: the value '[1,' is not valid YAML")
    assert "Traceback" not in err


def test_an_output_path_that_is_a_file_is_one_line(tiny_stance_model, tmp_path, capsys):
    taken = tmp_path / "report"
    taken.write_text("mine", encoding="utf-8")
    data = ROOT / "data/stance/test.jsonl"
    assert main(["evaluate", str(tiny_stance_model), str(data), "--out", str(taken), "--no-plot"]) == 2
    last = capsys.readouterr().err.strip().splitlines()[-1]  # after the model-loading progress bar
    assert last.startswith("arapol: error:") and str(taken) in last
    assert taken.read_text(encoding="utf-8") == "mine"


def test_import_and_help_leave_torch_and_transformers_unloaded():
    """``import arapol`` and ``arapol --help`` answer at once: torch and transformers load with the first model."""
    code = ("import contextlib, io, sys\n"
            "import arapol\n"
            "from arapol.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
            "    main(['--help'])\n"
            "print([m for m in ('torch', 'transformers') if m in sys.modules], arapol.Predictor.__module__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["[]", "arapol.predictor"]
    import arapol
    from arapol.actors import UndatedTitleWarning

    assert arapol.UndatedTitleWarning is UndatedTitleWarning  # named in the README, to filter it
