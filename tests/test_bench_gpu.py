"""``scripts/bench_gpu.py --render``: a GPU run's JSON becomes its README section, a repeat run beside it."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import bench_gpu  # noqa: E402


def _report(rows: list[tuple[str, int, float]], e2e: list[tuple[int, int]], finished: bool) -> dict:
    """A report shaped as ``bench_gpu.main`` writes it: ``rows`` (model, batch, mfu), ``e2e`` (batch, tokens/s)."""
    report = {"command": "python scripts/bench_gpu.py", "date": "2026-12-04T18:37:26+00:00", "device": "NVIDIA H200",
              "peak_bf16_tflops": 989.4, "measured_bf16_tflops": 815.6,
              "versions": {"torch": "2.11.0", "transformers": "5.24.0"},
              "workload": {"sentences": 20000, "articles": 100},
              "host_only": [{"tokens_per_s": 193499}, {"tokens_per_s": 160452}],
              "model_only": [{"model": m, "batch": b, "tokens_per_s": 1000 * b, "useful_tflops": mfu * 989.4,
                              "mfu": mfu, "share_of_measured": round(mfu * 989.4 / 815.6, 3)} for m, b, mfu in rows],
              "end_to_end": [{"batch": b, "chunk_size": 8192, "seconds": 1.0, "tokens_per_s": t} for b, t in e2e]}
    if finished:
        best_mfu = max(r["mfu"] for r in report["model_only"] if r["model"].startswith("predict"))
        best = max(t for _, t in e2e)
        report["targets"] = {"model_mfu": {"measured": best_mfu, "met": best_mfu >= 0.30},
                             "end_to_end_tokens_per_s": {"measured": best, "met": best >= 200000}}
    return report


def test_a_run_renders_its_rows_targets_and_a_repeat_beside_it():
    main = _report([("predict()'s", 256, 0.244), ("whole model in bf16", 256, 0.298), ("predict()'s", 512, 0.249)],
                   [(128, 186761), (512, 150122)], finished=True)
    repeat = _report([("predict()'s", 512, 0.247)], [(32, 78454)], finished=False)
    section = bench_gpu.render_gpu(main, "a.json", [(repeat, "b.json")])
    lines = section.splitlines()
    assert lines[0] == bench_gpu.GPU_HEADING
    assert "--render a.json b.json" in section
    table = [line for line in lines if line.startswith("| predict()'s") or line.startswith("| whole")]
    # the repeat's figure sits beside the same model and batch, a dash where it measured none
    assert table == ["| predict()'s | 256 | 256,000 | 241.414 | 24.4% | 29.6% | — |",
                     "| whole model in bf16 | 256 | 256,000 | 294.841 | 29.8% | 36.2% | — |",
                     "| predict()'s | 512 | 512,000 | 246.361 | 24.9% | 30.2% | 24.7% |"]
    assert "| 0 | 128 | 1.00 | 186,761 |" in lines  # a run of before prepare_workers: none
    assert "24.9%, **not met**" in section and "186,761, **not met**" in section
    assert "host side alone 193,499 tokens/s; end to end batch 32 78,454 (it stopped at its time limit" in section


def test_checks_and_host_only_runs_write_apart_from_the_gpu_figures(tmp_path, capsys):
    """``--smoke`` and ``--host-only`` without ``--out`` wrote over the committed ``benchmarks/predict_gpu.json``;
    ``--render`` of a missing file or a host-only report raised a bare KeyError or IndexError (a helper's probe)."""
    import argparse
    import json

    import pytest

    cache = tmp_path / "cache"
    out = bench_gpu.default_out(argparse.Namespace(smoke=True, host_only=False, cache=cache))
    assert out == cache / "predict_gpu_smoke.json"
    assert bench_gpu.default_out(argparse.Namespace(smoke=False, host_only=True, cache=cache)).name == \
        "predict_host.json"
    assert bench_gpu.default_out(argparse.Namespace(smoke=False, host_only=False, cache=cache)).name == \
        "predict_gpu.json"
    # the README: a smoke check of --host-only writes none over the committed host figures, unless told where
    committed, mine = bench_gpu.BENCH_README, tmp_path / "README.md"
    assert bench_gpu.host_readme(argparse.Namespace(smoke=True, readme=committed)) is None
    assert bench_gpu.host_readme(argparse.Namespace(smoke=True, readme=mine)) == mine
    assert bench_gpu.host_readme(argparse.Namespace(smoke=False, readme=committed)) == committed
    host = tmp_path / "host.json"
    host.write_text(json.dumps({"host_only": [{"tokens_per_s": 1}], "end_to_end": []}), encoding="utf-8")
    for f in (tmp_path / "missing.json", host):
        with pytest.raises(SystemExit, match=r"--render .*: no report of a GPU run there"):
            bench_gpu.main(["--render", str(f), "--readme", str(tmp_path / "README.md")])
    assert not (tmp_path / "README.md").exists()
    # a repeat that stopped at its time limit before its end-to-end rows is rendered as such (a review)
    main_run, stopped = tmp_path / "main.json", tmp_path / "stopped.json"
    main_run.write_text(json.dumps(_report([("predict", 32, 0.2)], [(32, 100000)], True)), encoding="utf-8")
    stopped.write_text(json.dumps(_report([("predict", 32, 0.2)], [], False)), encoding="utf-8")
    assert bench_gpu.main(["--render", str(main_run), str(stopped), "--readme", str(tmp_path / "README.md")]) == 0
    assert "end to end none" in (tmp_path / "README.md").read_text(encoding="utf-8")
