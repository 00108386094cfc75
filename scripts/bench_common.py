"""Helpers the benchmark scripts share: the machine's description and the README's generated sections."""

from __future__ import annotations

import json
import os
import platform
import re
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH_README = ROOT / "benchmarks" / "README.md"


def rel_path(path: Path) -> str:
    """``path`` relative to the repository where it lies inside it, else as given (absolute)."""
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def cpu_name() -> str:
    """The CPU's model name from ``/proc/cpuinfo``, with its family and model numbers where it gives them (a cloud
    CPU's name may say no more than "AMD EPYC"); ``platform.processor()`` elsewhere."""
    from arapol.inference.cpuinfo import first_processor

    fields = first_processor()
    if "model name" in fields:
        numbers = ", ".join(f"{k} {fields[k]}" for k in ("cpu family", "model") if k in fields)
        return fields["model name"] + (f" ({numbers})" if numbers else "")
    return platform.processor() or "unknown"


def versions(packages: tuple[str, ...] = ("torch", "transformers", "tokenizers", "numpy")) -> dict[str, str]:
    """Installed versions of ``packages`` (``"not installed"`` for a missing one)."""
    out = {}
    for pkg in packages:
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "not installed"
    return out


def gpu_name() -> str | None:
    """The first CUDA GPU's name, ``None`` where torch sees none."""
    import torch

    return torch.cuda.get_device_name(0) if torch.cuda.is_available() else None


def machine(threads: int) -> dict[str, Any]:
    """CPU, core count, thread setting, GPU (where there is one), library versions and the load average now."""
    gpu = gpu_name()
    return {"cpu": cpu_name(), "cpu_count": os.cpu_count(), "threads": threads, **({"gpu": gpu} if gpu else {}),
            "python": platform.python_version(), "platform": platform.platform(), **versions(),
            "load_average": [round(x, 2) for x in os.getloadavg()]}


def peak_rss_mb(pid: int | None = None) -> float:
    """The peak resident set size in MiB of this process (or of process ``pid``, 0.0 when it cannot be read):
    ``VmHWM`` (``ru_maxrss`` would carry the RSS a forking parent had when it started this process)."""
    try:
        for line in Path(f"/proc/{pid or 'self'}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    if pid:
        return 0.0
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def rss_mb() -> float:
    """This process's resident set size now, in MiB (``VmRSS``)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise OSError("no VmRSS in /proc/self/status")


def read_json(path: Path) -> dict[str, Any]:
    """A JSON file's object, or ``{}`` when it is missing or unreadable."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}


def publish(out: Path, report: dict[str, Any], readme: Path, heading: str, section: str) -> None:
    """Write ``report`` to ``out`` (JSON, atomically) and ``section`` under ``heading`` in ``readme``; print the
    section and where both went."""
    from arapol.checkpoint import write_json_atomic

    out.parent.mkdir(parents=True, exist_ok=True)  # (a missing folder failed once the work was done)
    write_json_atomic(out, report)
    write_section(readme, heading, section)
    print(section)
    print(f"wrote {rel_path(out)} and {heading!r} in {rel_path(readme)}")


def write_section(path: Path, heading: str, section: str) -> None:
    """Replace the Markdown section that starts with ``heading`` (up to the next ``## ``), or append it."""
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Benchmarks\n"
    section = section.rstrip("\n") + "\n\n"
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
    os.replace(tmp, path)
