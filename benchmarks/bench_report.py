"""Time helpers.report.read_report on the made-up reports and on text built to make careless
patterns backtrack (the inputs of tests/test_report.py). Target: every input well under a second
(a real report takes a few milliseconds). Not part of `make test`: timings depend on the machine.

    .venv/bin/python benchmarks/bench_report.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from helpers.report import read_report  # noqa: E402
from test_report import ADVERSARIAL  # noqa: E402


def main(runs: int = 3) -> None:
    inputs = {p.stem: p.read_text(encoding="utf-8")
              for p in sorted((ROOT / "tests" / "reports").glob("*.txt"))}
    inputs.update({f"adversarial: {k}": v for k, v in ADVERSARIAL.items()})
    print(f"{'input':32} {'chars':>7} {'median ms':>10} {'max ms':>8}")
    for name, text in inputs.items():
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            read_report(text)
            times.append((time.perf_counter() - start) * 1000)
        print(f"{name:32} {len(text):7} {statistics.median(times):10.1f} {max(times):8.1f}")


if __name__ == "__main__":
    main()
