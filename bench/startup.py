"""How long until the first answer: a fresh process running ``coachbot analyze`` once, beside a
fresh process that only imports torch and transformers (the floor any model-backed start pays).

Each is run ``--runs`` times in a new interpreter; prints the median wall time and the peak
RSS of each, and the ratio. Run: .venv/bin/python bench/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

CASES = {
    "import torch, transformers": [sys.executable, "-c", "import torch, transformers"],
    "coachbot analyze (rules + tone model)": [str(BIN / "coachbot"), "analyze", "Ожидайте."],
    "coachbot analyze --rules-only": [str(BIN / "coachbot"), "analyze", "--rules-only", "Ожидайте."],
}


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB of one run (GNU time's %M when available)."""
    timed = ["/usr/bin/time", "-f", "%M", *command] if Path("/usr/bin/time").exists() else command
    started = time.perf_counter()
    done = subprocess.run(timed, cwd=ROOT, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    lines = done.stderr.strip().splitlines()
    rss = float(lines[-1]) / 1024 if timed is not command and lines and lines[-1].isdigit() else float("nan")
    return wall, rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results = {}
    for label, command in CASES.items():
        runs = [measure(command) for _ in range(args.runs)]
        results[label] = (statistics.median(w for w, _ in runs), max(r for _, r in runs))
        print(f"{label:40s} {results[label][0]:6.2f} s  peak RSS {results[label][1]:5.0f} MB")
    floor = results["import torch, transformers"][0]
    full = results["coachbot analyze (rules + tone model)"][0]
    print(f"first analysis / bare import: {full / floor:.2f}x")


if __name__ == "__main__":
    main()
