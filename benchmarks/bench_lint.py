"""Measure fzwriter lint: start-up, the largest seed as .docx, and a ~20-page .docx; prints a table.

Run from the project root after installing: python benchmarks/bench_lint.py
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from docxfactory import report_to_docx  # noqa: E402


def timed(cmd: list[str], runs: int = 5) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return statistics.median(times), peak_kb / 1024


def main() -> None:
    seeds = sorted((ROOT / "seeds").glob("*.txt"), key=lambda p: p.stat().st_size)
    largest = seeds[-1]
    text = largest.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        docx = report_to_docx(text, tmp / "largest.docx")
        # ~20 pages: GB/T 9704 holds 22×28 = 616 characters a page
        body = "\n".join(s.read_text(encoding="utf-8") for s in seeds)
        while len(body) < 20 * 616:
            body += "\n" + text
        big = report_to_docx(body, tmp / "twenty_pages.docx")
        py = [sys.executable, "-m", "writer"]
        rows = [
            ("fzwriter --version (start-up)", timed(py + ["--version"])),
            (f"lint {largest.name} as .docx ({len(text)} chars)", timed(py + ["lint", str(docx)])),
            (f"lint ~20-page .docx ({len(body)} chars)", timed(py + ["lint", str(big)])),
            ("lint seeds/ (5 .txt)", timed(py + ["lint", str(ROOT / "seeds")])),
        ]
    print(f"{'case':<55} {'median s':>9} {'peak MB':>8}")
    for name, (sec, mb) in rows:
        print(f"{name:<55} {sec:>9.3f} {mb:>8.0f}")


if __name__ == "__main__":
    main()
