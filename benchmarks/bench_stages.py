"""Where a lint's time goes: one fresh process per run, timed stage by stage, beside the floor.

    python benchmarks/bench_stages.py              # the 200-page report of bench_speed, 5 runs
    python benchmarks/bench_stages.py --pages 20 --runs 7
    python benchmarks/bench_stages.py --docx draft.docx

Stages: Python with typer imported, fzwriter's own imports, reading the .docx, the rules (figures, WD,
ST), then the same rules a second time on the same report (warm: no first-use costs such as compiling
regular expressions or building the region index). The floor is python-docx opening the file and
reading every paragraph's text, as in bench_speed. Medians over the runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bytecode import compile_package  # noqa: E402  (benchmarks/ is on sys.path when run as a script)

import bench_speed  # noqa: E402

STAGES = r"""
import json, sys, time
t0 = time.perf_counter()
import typer
t1 = time.perf_counter()
import writer.cli, writer.engine as engine, writer.reader.docx
from writer.reader import read_report
t2 = time.perf_counter()
report = read_report(sys.argv[1])
t3 = time.perf_counter()
rules = engine.choose_rules()

def run():
    spent = {"figures": 0.0, "WD": 0.0, "ST": 0.0, "FM": 0.0}
    for r in rules:
        s = time.perf_counter()
        list(r.check(report))
        spent["figures" if r.code.startswith("FG") else r.code[:2]] += time.perf_counter() - s
    return spent

cold = run()
t4 = time.perf_counter()
report = read_report(sys.argv[1])
for k in ("__fz_figures__", "__fz_structure__"):
    report.__dict__.pop(k, None)
warm = run()
print(json.dumps({"python + typer": t1 - t0, "fzwriter imports": t2 - t1, "read .docx": t3 - t2,
                  "rules (cold)": t4 - t3, "  figures": cold["figures"], "  WD": cold["WD"], "  ST": cold["ST"], "  FM (layout)": cold["FM"],
                  "total (cold)": t4 - t0, "rules again (warm)": sum(warm.values()),
                  "  figures (warm)": warm["figures"], "  WD (warm)": warm["WD"]}))
"""


def main() -> None:
    compile_package()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--docx", type=Path, help="time this file instead of a built report")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = a.docx
        if path is None:
            b = bench_speed.load_build()
            reports = b.load_corpus()["reports"]
            base = next(r for r in reports if r["id"] == "d07")
            path = Path(tmp) / f"report_{a.pages}p.docx"
            b.build_docx(bench_speed.long_report(reports, a.pages), base, path, seed=f"p{a.pages}")
        rows: dict[str, list[float]] = {}
        floors: list[float] = []
        for _ in range(a.runs):
            out = subprocess.run([sys.executable, "-c", STAGES, str(path)], capture_output=True, text=True,
                                 check=True)
            for k, v in json.loads(out.stdout.strip().splitlines()[-1]).items():
                rows.setdefault(k, []).append(v)
            floor = subprocess.run([sys.executable, "-c", "import time; _t0 = time.perf_counter()\n"
                                    + bench_speed.FLOOR_DOCX + "\nprint(time.perf_counter() - _t0)", str(path)],
                                   capture_output=True, text=True, check=True)
            floors.append(float(floor.stdout))
    print(f"{path.name}, {a.runs} runs, median seconds (in-process timers; the floor without interpreter start-up)")
    for k, v in rows.items():
        print(f"{k:<22} {statistics.median(v):7.3f}")
    print(f"{'floor: python-docx':<22} {statistics.median(floors):7.3f}")


if __name__ == "__main__":
    main()
