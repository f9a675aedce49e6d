"""Measure fzwriter new: whole command (with the cached corpus model), and each stage in-process.

Run from the project root after installing: python benchmarks/bench_new.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from bytecode import compile_package  # noqa: E402  (benchmarks/ is on sys.path when run as a script)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_lint import timed  # noqa: E402


def stage(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    compile_package()
    from writer.compose import render
    from writer.docxout import build
    from writer.mine import default_model
    from writer.plan import plan
    from writer.scaffold import self_check

    default_model()  # the first run of a machine builds and caches it (see bench_mine)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        py = [sys.executable, "-m", "writer"]
        rows = []
        for region, year in (("秦州区", 2025), ("清远市司法局", 2022), ("鲁山县", 2025)):
            out = tmp / f"{region}.docx"
            rows.append((f"new --region {region} --year {year}",
                         timed(py + ["new", "--region", region, "--year", str(year), "-o", str(out), "--force"])))
        p = plan("秦州区", 2025)
        blocks = render(p)
        data = build(blocks, {"title": blocks[0].text, "year": 2025})
        (tmp / "s.docx").write_bytes(data)
        stages = [("plan (秦州区 2025)", stage(lambda: plan("秦州区", 2025))),
                  ("render template", stage(lambda: render(p))),
                  ("build .docx (GB/T 9704)", stage(lambda: build(blocks, {"title": "t", "year": 2025}))),
                  ("self-check (lint the scaffold)", stage(lambda: self_check(tmp / "s.docx", "秦州区", 2025)))]
    print(f"{'case':<46} {'median s':>9} {'peak MB':>8}")
    for name, (sec, mb) in rows:
        print(f"{name:<46} {sec:>9.2f} {mb:>8.0f}")
    print(f"\n{'stage (in-process, warm)':<46} {'median s':>9}")
    for name, sec in stages:
        print(f"{name:<46} {sec:>9.3f}")


if __name__ == "__main__":
    main()
