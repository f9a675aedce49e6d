"""Measure fzwriter mine on 1,000 reports: the five seeds repeated with their numbers and names varied."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bytecode import compile_package  # noqa: E402  (benchmarks/ is on sys.path when run as a script)

ROOT = Path(__file__).resolve().parent.parent
REGIONS = {"大丰": "盐都", "秦州": "麦积", "河北区": "河东区", "清远": "韶关", "临江新区": "两江新区"}


def vary(text: str, i: int) -> str:
    if i % 2:
        for a, b in REGIONS.items():
            text = text.replace(a, b)
    # every count shifts by a few, so no two copies state the same figures
    return re.sub(r"(?<![\d.])(\d{1,4})(?=[件宗人次个项场])", lambda m: str(int(m.group(1)) + i % 17), text)


def main(n: int = 1000) -> None:
    compile_package()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    texts = [s.read_text(encoding="utf-8") for s in seeds]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        for i in range(n):
            (folder / f"{i:04d}.txt").write_text(vary(texts[i % len(texts)], i), encoding="utf-8")
        probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True, check=True); "
                 "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", probe, sys.executable, "-m", "writer", "mine", str(folder),
                              "-o", str(Path(tmp) / "model.json")], capture_output=True, text=True, check=True)
        seconds = time.perf_counter() - start
        size = (Path(tmp) / "model.json").stat().st_size
    print(f"mine {n} reports: {seconds:.1f} s, peak {int(out.stdout) / 1024:.0f} MB, model {size / 1024:.0f} KB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
