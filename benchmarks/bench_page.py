"""The page's review against `fzwriter lint` on the same files, pair by pair, in one run.

    python benchmarks/bench_page.py            # 9 pairs each: a 20-page .docx, and a batch of 20 .docx
    python benchmarks/bench_page.py --runs 5

A user starts `fzwriter serve` once and then reviews many times; what they wait for is the upload,
the check (with the commented copy, which the page always makes) and the report's text with its
findings. So the server is started once (and warmed by one review), and each page run is: upload the
files, start the review, wait for it as the page does (the long poll answers at each finished file:
the progress), fetch the first report's view. Against it, `fzwriter lint` as a fresh process on the
same files, as a user runs it. Runs alternate (page, lint, page, lint …) so a slow moment of this
shared machine falls on both.

Each row: median wall time, median CPU time (the server's own and its finished worker processes'
from /proc, the lint process's and its workers' from wait4), and the median of the run-by-run ratios.
The page always makes the commented copies, so each case is also set against `lint --annotate`.
The last column counts the progress answers the page got while it waited (about one per file).
Linux only (/proc).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

from bench_speed import load_build, long_report  # noqa: E402  (benchmarks/ is on sys.path as a script)

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
BIN = Path(PY).parent / "fzwriter"
FZ = [str(BIN)] if BIN.exists() else [PY, "-m", "writer"]
TICK = os.sysconf("SC_CLK_TCK")


def server_cpu(pid: int) -> float:
    """CPU seconds of the server and of its children it has waited for (the batch's workers)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(x) for x in fields[11:15]) / TICK  # utime stime cutime cstime


class Page:
    """A running `fzwriter serve` and the requests the page makes."""

    def __init__(self, cwd: Path):
        self.proc = subprocess.Popen(FZ + ["serve", "--no-browser"], cwd=cwd, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True, env=dict(os.environ, PYTHONUNBUFFERED="1"))
        line = self.proc.stdout.readline()
        address = re.search(r"http://\S+/", line).group(0)
        parts = urlsplit(address)
        self.base = parts.path
        self.host, self.port = parts.hostname, parts.port
        self.conn = None

    def connect(self) -> None:
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
        self.conn.connect()
        # as browsers do: without it, a body sent after its headers waits for a delayed ACK (40 ms)
        self.conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def call(self, method: str, path: str, body: bytes | None = None) -> bytes:
        headers = {"Content-Type": "application/json"} if method == "POST" else {}
        for attempt in (1, 2):  # the server closes a connection left idle (keep-alive timeout): open anew
            if self.conn is None:
                self.connect()
            try:
                self.conn.request(method, self.base + path, body=body, headers=headers)
                r = self.conn.getresponse()
                data = r.read()
                break
            except (ConnectionError, http.client.RemoteDisconnected):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        if r.status >= 300:
            raise RuntimeError(f"{method} {path}: {r.status} {data[:200]!r}")
        return data

    def review(self, files: list[Path]) -> tuple[int, dict]:
        """Upload, review, wait as the page does, open the first report; the progress answers seen."""
        ids = [json.loads(self.call("PUT", f"api/uploads?name={quote(f.name)}", f.read_bytes()))["id"]
               for f in files]
        rid = json.loads(self.call("POST", "api/reviews", json.dumps({"files": ids}).encode()))["id"]
        status = json.loads(self.call("GET", f"api/reviews/{rid}"))
        answers = 0
        while status["state"] not in ("done", "failed"):
            status = json.loads(self.call("GET", f"api/reviews/{rid}?after={status['done']}"))
            answers += 1
        if status["state"] != "done":
            raise RuntimeError(status["error"])
        first = status["rows"][0]["index"]
        json.loads(self.call("GET", f"api/reviews/{rid}/files/{first}"))
        return answers, status

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
        self.proc.send_signal(signal.SIGINT)
        self.proc.wait(timeout=30)


def lint(paths: list[Path], *extra: str) -> tuple[float, float]:
    t = time.perf_counter()
    p = subprocess.Popen(FZ + ["lint", *map(str, paths), *extra], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"lint failed: {paths[0]}")
    return wall, usage.ru_utime + usage.ru_stime


def inputs(tmp: Path) -> dict[str, list[Path]]:
    """A 20-page report (as bench_speed builds it) and 20 .docx reports (the dev corpus and seeds)."""
    b = load_build()
    reports = b.load_corpus()["reports"]
    base = next(r for r in reports if r["id"] == "d07")
    one = tmp / "report_20p.docx"
    b.build_docx(long_report(reports, 20), base, one, seed="p20")
    docs = []
    for r in reports:
        docs.append(tmp / f"{r['_stem']}.docx")
        b.build_docx(r["_text"], r, docs[-1], seed=r["_stem"])
    for s in sorted((ROOT / "seeds").glob("*.txt")):
        text = s.read_text(encoding="utf-8")
        title = next(ln for ln in text.splitlines() if ln.strip())
        docs.append(tmp / f"{s.stem}.docx")
        b.build_docx(text, {"frame": {"title": title}, "docx": {}}, docs[-1], seed=s.stem)
    batch = tmp / "batch20"
    batch.mkdir()
    for i in range(20):
        shutil.copy(docs[i % len(docs)], batch / f"{i:02d}_{docs[i % len(docs)].name}")
    return {"20-page .docx": [one], "20 .docx (batch)": sorted(batch.iterdir())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=9)
    a = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="fzpage-") as tmp:
        tmp = Path(tmp)
        cases = inputs(tmp)
        page = Page(tmp)
        try:
            page.review(cases["20-page .docx"])  # warm: the first review loads what later ones reuse
            for name, files in cases.items():
                lint_arg = [files[0]] if len(files) == 1 else [files[0].parent]
                out = str(tmp / "annotated")
                # the page makes the commented copies too: `lint --annotate` is the like-for-like
                commands = {"lint": (), "lint --annotate": ("--annotate", out, "--force")}
                lint(lint_arg)
                page_w, page_c, answers = [], [], []
                cli = {k: ([], []) for k in commands}
                for _ in range(a.runs):
                    c0, t0 = server_cpu(page.proc.pid), time.perf_counter()
                    n, status = page.review(files)
                    page_w.append(time.perf_counter() - t0)
                    page_c.append(server_cpu(page.proc.pid) - c0)
                    answers.append(n)
                    for k, extra in commands.items():
                        w, c = lint(lint_arg, *extra)
                        cli[k][0].append(w)
                        cli[k][1].append(c)
                for k in commands:
                    rows.append((f"{name}: page vs {k}", page_w, page_c, *cli[k], answers))
        finally:
            page.close()
    med = statistics.median
    print(f"{a.runs} runs each, interleaved (page, lint, lint --annotate, …); {os.cpu_count()} cores; median seconds; "
          "ratios are the medians of the run-by-run ratios\n")
    print("| case | page wall | CLI wall | wall ratio | page CPU | CLI CPU | CPU ratio | progress answers |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, pw, pc, lw, lc, answers in rows:
        wr = med(p / q for p, q in zip(pw, lw))
        cr = med(p / q for p, q in zip(pc, lc) if q > 0)
        print(f"| {name} | {med(pw):.3f} | {med(lw):.3f} | {wr:.2f}× "
              f"| {med(pc):.3f} | {med(lc):.3f} | {cr:.2f}× | {med(answers):.0f} |")


if __name__ == "__main__":
    main()
