"""Measure a reviewer's batch: `fzwriter lint DIR --summary s.xlsx` on one core and on all of them.

    python benchmarks/bench_batch.py                  # 60 .docx of the dev corpus, -j1 vs -j<cores>
    python benchmarks/bench_batch.py --format txt --runs 5

The speed-up is printed beside the machine's own ceiling measured in the same run (a perfectly
parallel pure-Python job on one process and on every core).

The files are the dev corpus's reports and defect copies (tests/corpus/dev/build.py), taken evenly
across the twelve reports. Prints the median wall time of each run, the speed-up, and the peak
memory (the largest process of the run: the main one or a worker) for batches of 15, 30 and 60
files, which should stay flat as the batch grows. The workbook of each run is read back with
openpyxl and must hold one row per file.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bytecode import compile_package  # noqa: E402  (benchmarks/ is on sys.path when run as a script)

from writer.parallel import cores  # noqa: E402  (the cores fzwriter itself uses)

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "corpus" / "dev"
# Run the CLI in this process with each worker's CPU time recorded after every file: on a shared
# machine the wall clock measures the neighbours too, while CPU time per process gives what the run
# would take on idle cores (the main process's own time plus the busiest worker's).
TRACE = """
import os, resource, sys, time
import writer.engine as engine
out = sys.argv.pop(1)
run, pool = engine._run_one, engine._run_pool
def note(name):
    with open(os.path.join(out, name), "w") as fh:
        fh.write(str(time.process_time()))
def traced(*args):
    result = run(*args)
    note(str(os.getpid()))
    return result
def pooled(*args):
    note("pool-start")
    try:
        return pool(*args)
    finally:
        note("pool-end")
engine._run_one, engine._run_pool = traced, pooled
sys.argv = ["fzwriter", *sys.argv[1:]]
from writer.cli import main
try:
    main()
finally:
    note("main")
"""
PROBE = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
         "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def pick(corpus: Path, fmt: str, n: int) -> list[Path]:
    files = sorted(corpus.glob(f"*.{fmt}"))
    if len(files) < n:
        raise SystemExit(f"only {len(files)} .{fmt} files in the corpus")
    step = len(files) / n
    return [files[int(i * step)] for i in range(n)]


def run(folder: Path, jobs: int, summary: Path) -> tuple[float, float]:
    """Wall seconds and peak MB of one `fzwriter lint` run."""
    cmd = [sys.executable, "-m", "writer", "lint", str(folder), "--summary", str(summary), "--force",
           "--jobs", str(jobs)]
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", PROBE, *cmd], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    return wall, int(out.stdout) / 1024


def cpu_estimate(folder: Path, jobs: int, summary: Path, tmp: Path) -> float:
    """Seconds the run would take on idle cores, from CPU time per process (see TRACE)."""
    trace = tmp / f"trace{jobs}"
    shutil.rmtree(trace, ignore_errors=True)
    trace.mkdir()
    subprocess.run([sys.executable, "-c", TRACE, str(trace), "lint", str(folder), "--summary", str(summary),
                    "--force", "--jobs", str(jobs)], capture_output=True, check=False)
    cpu = {f.name: float(f.read_text()) for f in trace.iterdir()}
    main = cpu.pop("main")
    if "pool-start" not in cpu:
        return main  # the files ran in the main process
    start, end = cpu.pop("pool-start"), cpu.pop("pool-end")
    cpu.pop(str(os.getpid()), None)
    # the main process before the workers start, the busiest worker, the main process after
    return start + max(cpu.values(), default=0.0) + (main - end)


# A perfectly parallel job of pure Python arithmetic, run on one process and on `cores` in the same
# run as the batch: on a shared virtual machine the second core is not always a whole core (we saw
# 1.1x-1.7x for this job minutes apart), so the batch's speed-up is read against this ceiling.
SPIN = """
import sys, time
from multiprocessing import get_context
def work(_):
    s = 0
    for i in range(2_500_000):
        s += i * i
    return s
jobs = int(sys.argv[1])
t = time.perf_counter()
if jobs == 1:
    [work(i) for i in range(8)]
else:
    with get_context("fork").Pool(jobs) as p:
        p.map(work, range(8), chunksize=1)
print(time.perf_counter() - t)
"""


def ceiling(jobs: int) -> float:
    done = subprocess.run([sys.executable, "-c", SPIN, str(jobs)], capture_output=True, text=True, check=True)
    return float(done.stdout)


def rows_in(summary: Path) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(summary, read_only=True)
    n = sum(1 for _ in wb["汇总"].iter_rows(min_row=2)) if "汇总" in wb.sheetnames else 0
    wb.close()
    return n


def main() -> None:
    compile_package()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--format", choices=["docx", "txt"], default="docx")
    ap.add_argument("--files", type=int, default=60)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    many = cores()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = tmp / "corpus"
        done = subprocess.run([sys.executable, str(DEV / "build.py"), str(corpus)], capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"building the corpus failed:\n{done.stdout}{done.stderr}")
        chosen = pick(corpus, a.format, a.files)
        sizes = sorted({max(1, a.files // 4), a.files // 2, a.files})
        folders = {}
        for size in sizes:
            folder = tmp / f"batch{size}"
            folder.mkdir()
            for f in chosen[:size]:
                shutil.copy(f, folder / f.name)
            folders[size] = folder
        summary = tmp / "s.xlsx"
        print(f"{a.files} .{a.format} files, {a.runs} runs each; {many} cores available; "
              f"load average before: {os.getloadavg()[0]:.2f}")
        run(folders[a.files], 1, summary)  # warm the file cache and jieba's dictionary cache
        times: dict[int, list[float]] = {1: [], many: []}
        spins: dict[int, list[float]] = {1: [], many: []}
        peaks: dict[int, float] = {}
        for _ in range(a.runs):
            for jobs in spins:
                spins[jobs].append(ceiling(jobs))
            for jobs in times:  # interleaved, so a busy moment of the machine hits both
                wall, peak = run(folders[a.files], jobs, summary)
                times[jobs].append(wall)
                peaks[jobs] = max(peaks.get(jobs, 0), peak)
                rows = rows_in(summary)
                if rows != a.files:
                    raise SystemExit(f"the workbook has {rows} rows, expected {a.files}")
        print(f"\n{'run':<28} {'median s':>9} {'min s':>7} {'peak MB':>8}")
        for jobs, ts in times.items():
            print(f"{f'lint {a.files} files, --jobs {jobs}':<28} {statistics.median(ts):>9.2f} {min(ts):>7.2f} {peaks[jobs]:>8.0f}")
        speed = statistics.median(times[1]) / statistics.median(times[many])
        best = min(times[1]) / min(times[many])
        print(f"\nspeed-up on {many} cores: {speed:.2f}× (median), {best:.2f}× (best runs); target ≥ 1.6× on 2 cores")
        top = statistics.median(spins[1]) / statistics.median(spins[many])
        print(f"ceiling in the same run (a perfectly parallel pure-Python job, one process against {many}): "
              f"{top:.2f}× (median); the batch reaches {speed / top:.0%} of it")
        est = {j: statistics.median(cpu_estimate(folders[a.files], j, summary, tmp) for _ in range(a.runs))
               for j in (1, many)}
        print(f"CPU-time estimate for idle cores: --jobs 1 {est[1]:.2f} s, --jobs {many} {est[many]:.2f} s, "
              f"speed-up {est[1] / est[many]:.2f}× (main process's own work before and after the pool + the busiest worker; other load does not count)")
        print(f"\n{'batch size':<12} {'peak MB':>8}  (--jobs {many}; flat means memory does not grow with the batch)")
        for size in sizes:
            _, peak = run(folders[size], many, summary)
            print(f"{size:<12} {peak:>8.0f}")
        print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
