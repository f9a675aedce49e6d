"""Measure fzwriter lint: start-up, the largest seed as .docx, and a ~20-page .docx; prints a table.

Run from the project root after installing: python benchmarks/bench_lint.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bytecode import compile_package  # noqa: E402  (benchmarks/ is on sys.path when run as a script)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from docxfactory import report_to_docx  # noqa: E402


def timed(cmd: list[str], runs: int = 5) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    # peak memory of this command alone: RUSAGE_CHILDREN would keep the maximum of earlier cases
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True)
    return statistics.median(times), int(out.stdout) / 1024


def main() -> None:
    compile_package()
    seeds = sorted((ROOT / "seeds").glob("*.txt"), key=lambda p: p.stat().st_size)
    largest = seeds[-1]
    text = largest.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        docx = report_to_docx(text, tmp / "largest.docx")
        # ~20 pages: GB/T 9704 holds 22×28 = 616 characters a page
        body = text
        while len(body) < 20 * 616:
            body += "\n" + text.split("\n", 1)[1]  # one region's report, its body repeated
        big = report_to_docx(body, tmp / "twenty_pages.docx")
        # five regions' reports in one file: every other region's name is a leftover (jieba loaded)
        mixed = report_to_docx("\n".join(s.read_text(encoding="utf-8") for s in seeds),
                               tmp / "mixed.docx")
        # another region's name left in (loads jieba to confirm the word boundary)
        leftover = text.replace("法治政府建设", "法治政府建设，秦州区委、区政府高度重视", 1)
        foreign = report_to_docx(leftover, tmp / "leftover.docx")
        py = [sys.executable, "-m", "writer"]
        rows = [
            ("fzwriter --version (start-up)", timed(py + ["--version"])),
            (f"lint {largest.name} as .docx ({len(text)} chars)", timed(py + ["lint", str(docx)])),
            (f"lint ~20-page .docx ({len(body)} chars)", timed(py + ["lint", str(big)])),
            ("lint seeds/ (5 .txt)", timed(py + ["lint", str(ROOT / "seeds")])),
            ("lint largest seed + one leftover region name (jieba)", timed(py + ["lint", str(foreign)])),
            ("lint 5 regions' reports in one .docx (jieba)", timed(py + ["lint", str(mixed)])),
        ]
    print(f"{'case':<55} {'median s':>9} {'peak MB':>8}")
    for name, (sec, mb) in rows:
        print(f"{name:<55} {sec:>9.3f} {mb:>8.0f}")


if __name__ == "__main__":
    main()
