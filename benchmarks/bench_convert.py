"""Measure a folder of old Word files: `fzwriter lint DIR` on 20 .doc against the same 20 as .docx.

    python benchmarks/bench_convert.py                 # 20 .doc, 3 runs each
    python benchmarks/bench_convert.py --files 40 --runs 5
    python benchmarks/bench_convert.py --one-by-one    # also: one LibreOffice start per file, for contrast

The files are dev-corpus reports (tests/corpus/dev/build.py), saved as .doc by LibreOffice once before
the clock starts. Each run lints the .doc folder and the .docx folder, interleaved (a busy moment of a
shared machine hits both); the .docx run is the floor: what the .doc run costs beyond it is the
conversion. LibreOffice is run through a wrapper that counts its starts (one per batch is the contract),
and the peak memory is that of the largest process of the run (LibreOffice's, or fzwriter's own).
Needs LibreOffice (soffice).
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

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "corpus" / "dev"
# wall seconds, CPU seconds of all the processes it started, and the largest one's peak memory
PROBE = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
         "subprocess.run(sys.argv[1:], capture_output=True); w = time.perf_counter() - t; "
         "r = resource.getrusage(resource.RUSAGE_CHILDREN); print(w, r.ru_utime + r.ru_stime, r.ru_maxrss)")


def run(folder: Path, env: dict) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak MB of one `fzwriter lint DIR --format json`."""
    cmd = [sys.executable, "-m", "writer", "lint", str(folder), "--format", "json"]
    out = subprocess.run([sys.executable, "-c", PROBE, *cmd], capture_output=True, text=True, check=True,
                         env=env)
    wall, cpu, rss = out.stdout.split()
    return float(wall), float(cpu), int(rss) / 1024


def counting_soffice(folder: Path, log: Path) -> Path:
    real = shutil.which("soffice")
    wrapper = folder / "soffice"
    wrapper.write_text(f'#!/bin/sh\necho start >> "{log}"\nexec "{real}" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    return wrapper


def one_by_one(files: list[Path], out: Path) -> float:
    """Seconds to convert the files with one LibreOffice start each (what a per-file converter costs)."""
    start = time.perf_counter()
    for f in files:
        with tempfile.TemporaryDirectory() as profile:
            subprocess.run(["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                            "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(f)],
                           capture_output=True, check=True)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=20)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--one-by-one", action="store_true")
    a = ap.parse_args()
    if shutil.which("soffice") is None:
        raise SystemExit("LibreOffice (soffice) is needed: apt install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = tmp / "corpus"
        done = subprocess.run([sys.executable, str(DEV / "build.py"), str(corpus)], capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"building the corpus failed:\n{done.stdout}{done.stderr}")
        all_docx = sorted(corpus.glob("*.docx"))
        step = len(all_docx) / a.files
        chosen = [all_docx[int(i * step)] for i in range(a.files)]
        docx, doc = tmp / "docx", tmp / "doc"
        docx.mkdir()
        for f in chosen:
            shutil.copy(f, docx / f.name)
        subprocess.run(["soffice", f"-env:UserInstallation={(tmp / 'setup').as_uri()}", "--headless",
                        "--convert-to", "doc:MS Word 97", "--outdir", str(doc), *map(str, docx.iterdir())],
                       capture_output=True, check=True)
        if len(list(doc.glob("*.doc"))) != a.files:
            raise SystemExit("LibreOffice did not save every file as .doc")
        log = tmp / "starts.log"
        env = {**os.environ, "FZWRITER_SOFFICE": str(counting_soffice(tmp, log))}
        print(f"{a.files} files as .doc and as .docx, {a.runs} runs each; load average before: {os.getloadavg()[0]:.2f}")
        run(docx, env)  # warm the file cache and jieba's dictionary cache
        got: dict[str, list[tuple[float, float, float]]] = {"doc": [], "docx": []}
        starts = []
        for _ in range(a.runs):
            for kind, folder in (("doc", doc), ("docx", docx)):
                log.write_text("")
                got[kind].append(run(folder, env))
                if kind == "doc":
                    starts.append(log.read_text().count("start"))
        print(f"\n{'run':<26} {'median wall s':>13} {'median CPU s':>12} {'peak MB':>8}")
        for kind, rows in got.items():
            print(f"{f'lint {a.files} .{kind}':<26} {statistics.median(r[0] for r in rows):>13.2f} "
                  f"{statistics.median(r[1] for r in rows):>12.2f} {max(r[2] for r in rows):>8.0f}")
        extra = statistics.median(r[0] for r in got["doc"]) - statistics.median(r[0] for r in got["docx"])
        print(f"\nconversion costs {extra:.2f} s wall for {a.files} files ({extra / a.files:.2f} s a file) beyond the "
              f".docx floor; LibreOffice starts per run: {starts} (contract: 1)")
        if a.one_by_one:
            secs = one_by_one(sorted(doc.glob("*.doc")), tmp / "single")
            print(f"for contrast, one LibreOffice start per file: {secs:.2f} s to convert alone")
        print(f"load average after: {os.getloadavg()[0]:.2f}")
        if any(s != 1 for s in starts):
            raise SystemExit("more than one LibreOffice start in a batch")


if __name__ == "__main__":
    main()
