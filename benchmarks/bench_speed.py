"""Speed and memory of fzwriter against the floor each command cannot go below, measured in one run.

    python benchmarks/bench_speed.py            # builds its inputs, 5 interleaved runs, prints a Markdown table
    python benchmarks/bench_speed.py --runs 3   # fewer runs
    python benchmarks/bench_speed.py --only lint  # rows whose name contains "lint"
    python benchmarks/bench_speed.py --readme     # and write the table into README.md

Inputs are built in a temporary folder: the twelve reports of tests/corpus/dev as Word drafts (by its
build.py, the same renderer bench_accuracy uses), the five seeds as .docx, 20-, 200- and 400-page
reports (the dev reports' sections one after another under one measures heading, 616 characters a
page as GB/T 9704 sets it), and 1,000 varied reports for `mine`. Every case is a fresh process, as a
user runs it, started in that folder (a folder of drafts: not this checkout, whose pyproject.toml
fzwriter would read as its settings); runs are interleaved (case A, B, C, A, B, C …) so a slow
moment of the machine does not fall on one case. Each row gives the median wall time, the median CPU time (user + system of the
process and of the workers it waited for: on a shared virtual machine the wall clock also counts the
neighbours' load, CPU time much less) and the peak resident memory of the process (ru_maxrss from
wait4), and the floor measured in the same run with both ratios (for the batch rows, whose point is
to spread the same CPU time over the cores, read the wall-time ratio):

- start-up: `python -c "import typer"` (the CLI library itself);
- lint of a .docx: python-docx opening it and reading every paragraph's text (tables included);
- the first `new` on a machine (an empty cache folder) against a warm one.

- a batch folder on every core: the same folder with `-j 1`, and that against one process per file.
  benchmarks/bench_batch.py measures the batch in more detail (CPU time per worker, the workbook).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bytecode import compile_package  # noqa: E402  (benchmarks/ is on sys.path when run as a script)

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "corpus" / "dev"
PAGE = 616  # GB/T 9704: 22 lines of 28 characters
PY = sys.executable
BIN = Path(PY).parent / "fzwriter"
FZ = [str(BIN)] if BIN.exists() else [PY, "-m", "writer"]
FLOOR_DOCX = (
    "import sys, docx; from docx.text.paragraph import Paragraph; d = docx.Document(sys.argv[1]); "
    "t = [Paragraph(p, d).text for p in d.element.body.iter('{http://schemas.openxmlformats.org/"
    "wordprocessingml/2006/main}p')]")


@dataclass
class Case:
    name: str
    cmd: list[str]
    floor: str | None = None  # name of the case it is compared with
    env: dict[str, str] | None = None
    before: object = None  # called before each run (e.g. to empty a cache folder)
    times: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)  # CPU seconds of the process and the workers it waited for
    failed: str | None = None


# A small launcher times the command and reads its peak memory: Linux carries a process's peak RSS
# across fork and exec, so a command started from this (large) process would report this one's.
LAUNCH = ("import os, subprocess, sys, time\n"
          "t = time.perf_counter()\n"
          "p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
          "_, status, usage = os.wait4(p.pid, 0)\n"
          "print(time.perf_counter() - t, usage.ru_maxrss, os.waitstatus_to_exitcode(status),\n"
          "      usage.ru_utime + usage.ru_stime)\n")


def run(case: Case, cwd: Path | None = None) -> None:
    if case.before is not None:
        case.before()
    env = dict(os.environ, **(case.env or {}))
    done = subprocess.run([PY, "-S", "-c", LAUNCH, *case.cmd], capture_output=True, env=env, cwd=cwd)
    out = done.stdout.decode().split()
    err = done.stderr.decode("utf-8", "replace")
    elapsed, peak_kib, code, cpu = float(out[0]), int(out[1]), int(out[2]), float(out[3])
    if code not in (0, 1) or "Traceback" in err:
        case.failed = f"exit {code}: {err.strip()[-300:]}"
    case.times.append(elapsed)
    case.cpus.append(cpu)
    case.peaks.append(peak_kib / 1024)


# ------------------------------------------------------------------ inputs


def load_build():
    spec = importlib.util.spec_from_file_location("dev_build", DEV / "build.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


_L1 = re.compile(r"^[一二三四五六七八九十]+、")
_L2 = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]")


def cn(n: int) -> str:
    sys.path.insert(0, str(ROOT))
    from writer.text import int_to_cn

    return int_to_cn(n)


def long_report(reports: list[dict], pages: int) -> str:
    """A report of `pages` pages: d07's frame and opening, one measures heading, then the dev reports'
    sections (sub-headings numbered through), its shortcomings, duty and plans, and its sign-off."""
    base = next(r for r in reports if r["id"] == "d07")
    lines = [ln for ln in base["_text"].splitlines() if ln.strip()]
    first_l1 = next(i for i, ln in enumerate(lines) if _L1.match(ln))
    s2 = next(i for i, ln in enumerate(lines) if ln.startswith("二、"))
    head, tail = lines[:first_l1], lines[s2:]
    pool: list[list[str]] = []
    for r in reports:
        body = [ln for ln in r["_text"].splitlines() if ln.strip()]
        start = next(i for i, ln in enumerate(body) if _L1.match(ln))
        section: list[str] = []
        for ln in body[start + 1:-2]:
            if _L1.match(ln):
                continue
            if _L2.match(ln) and section:
                pool.append(section)
                section = []
            section.append(ln)
        if section:
            pool.append(section)
    out = head + ["一、2023年主要举措和成效"]
    size = sum(len(x) for x in out + tail)
    n = 0
    while size < pages * PAGE:
        for ln in pool[n % len(pool)]:
            if _L2.match(ln):
                ln = f"（{cn(n + 1)}）" + _L2.sub("", ln)
            out.append(ln)
            size += len(ln)
        n += 1
    return "\n".join(out + tail) + "\n"


REGIONS = [("大丰", "盐都"), ("秦州", "麦积"), ("河北区", "河东区"), ("清远", "韶关"), ("临江新区", "两江新区"),
           ("十堰", "襄阳"), ("七台河", "鹤岗"), ("青浦", "松江")]


def vary(text: str, i: int) -> str:
    """Copy `i` of a report: another region every other copy, every count shifted, paragraphs of
    its measures in another order every third copy."""
    a, b = REGIONS[i % len(REGIONS)]
    if i % 2:
        text = text.replace(a, b)
    text = re.sub(r"(?<![\d.])(\d{1,4})(?=[件宗人次个项场家])", lambda m: str(int(m.group(1)) + i % 23), text)
    if i % 3 == 0:
        lines = text.splitlines()
        body = [k for k, ln in enumerate(lines) if len(ln) > 80]
        if len(body) > 3:
            moved = [lines[k] for k in body]
            moved = moved[1:] + moved[:1]
            for k, ln in zip(body, moved):
                lines[k] = ln
            text = "\n".join(lines)
    return text


def build_inputs(tmp: Path) -> dict[str, Path]:
    b = load_build()
    reports = b.load_corpus()["reports"]
    out: dict[str, Path] = {}
    dev = tmp / "dev"
    dev.mkdir()
    for r in reports:
        b.build_docx(r["_text"], r, dev / f"{r['_stem']}.docx", seed=r["_stem"])
    out["dev"] = dev
    seeds = tmp / "seeds"
    seeds.mkdir()
    for s in sorted((ROOT / "seeds").glob("*.txt")):
        text = s.read_text(encoding="utf-8")
        title = next(ln for ln in text.splitlines() if ln.strip())
        b.build_docx(text, {"frame": {"title": title}, "docx": {}}, seeds / f"{s.stem}.docx", seed=s.stem)
    out["seeds"] = seeds
    base = next(r for r in reports if r["id"] == "d07")
    for pages in (20, 200, 400):
        text = long_report(reports, pages)
        path = tmp / f"report_{pages}p.docx"
        b.build_docx(text, base, path, seed=f"p{pages}")
        out[f"{pages}p"] = path
        if pages == 20:
            # the same report with another region's name left in one sentence
            foreign = text.replace("坚持以习近平新时代", "大丰区委、区政府坚持以习近平新时代", 1)
            b.build_docx(foreign, base, tmp / "report_20p_foreign.docx", seed="p20")
            out["20p_foreign"] = tmp / "report_20p_foreign.docx"
    texts = [r["_text"] for r in reports] + [s.read_text(encoding="utf-8") for s in sorted((ROOT / "seeds").glob("*.txt"))]
    corpus = tmp / "mine1000"
    corpus.mkdir()
    for i in range(1000):
        (corpus / f"{i:04d}.txt").write_text(vary(texts[i % len(texts)], i), encoding="utf-8")
    out["mine"] = corpus
    docs = sorted(dev.glob("*.docx")) + sorted(seeds.glob("*.docx"))
    for n in (15, 60, 600):
        batch = tmp / f"batch{n}"
        batch.mkdir()
        for i in range(n):
            shutil.copy(docs[i % len(docs)], batch / f"{i:03d}_{docs[i % len(docs)].name}")
        out[f"batch{n}"] = batch
    return out


# ------------------------------------------------------------------ cases


def cases(inp: dict[str, Path], tmp: Path) -> list[Case]:
    warm = tmp / "cache-warm"
    cold = tmp / "cache-cold"

    def empty_cold():
        shutil.rmtree(cold, ignore_errors=True)
        cold.mkdir()

    new_out = tmp / "new.docx"
    new = FZ + ["new", "--region", "秦州区", "--year", "2025", "-o", str(new_out), "--force"]
    cs = [
        Case("floor: python -c 'import typer'", [PY, "-c", "import typer"]),
        Case("fzwriter --version", FZ + ["--version"], floor="floor: python -c 'import typer'"),
        Case("fzwriter rules", FZ + ["rules"], floor="floor: python -c 'import typer'"),
        Case("fzwriter lint --help", FZ + ["lint", "--help"], floor="floor: python -c 'import typer'"),
    ]
    for key in ("20p", "200p", "400p"):
        floor = f"floor: python-docx reads {key} .docx"
        cs.append(Case(floor, [PY, "-c", FLOOR_DOCX, str(inp[key])]))
        cs.append(Case(f"lint {key} .docx", FZ + ["lint", str(inp[key])], floor=floor))
    cs.append(Case("lint 20p .docx naming another region", FZ + ["lint", str(inp["20p_foreign"])],
                   floor="lint 20p .docx"))
    cs.append(Case("lint dev corpus (12 .docx, one process)", FZ + ["lint", str(inp["dev"])]))
    cs.append(Case("lint 5 seeds as .docx (one process)", FZ + ["lint", str(inp["seeds"])]))
    # batch: the pool on every core against one core, and against a process per file as a user's
    # shell loop would run it; 15, 60 and 600 files for memory, which must stay flat in batch size
    per_file = "; ".join(f"{' '.join(FZ)} lint '{p}' >/dev/null" for p in sorted(inp["batch60"].iterdir()))
    cs.append(Case("batch: 60 .docx, one process per file", ["sh", "-c", per_file + "; true"]))
    cs.append(Case("batch: lint DIR of 60 .docx, -j 1", FZ + ["lint", str(inp["batch60"]), "-j", "1"],
                   floor="batch: 60 .docx, one process per file"))
    cs.append(Case(f"batch: lint DIR of 60 .docx, all {os.cpu_count()} cores", FZ + ["lint", str(inp["batch60"])],
                   floor="batch: lint DIR of 60 .docx, -j 1"))
    for n in (15, 600):
        cs.append(Case(f"batch: lint DIR of {n} .docx, all cores", FZ + ["lint", str(inp[f"batch{n}"])]))
    cs.append(Case("mine 1,000 reports", FZ + ["mine", str(inp["mine"]), "-o", str(tmp / "model.json"), "--force"]))
    cs.append(Case("new (warm: model cached)", new, env={"XDG_CACHE_HOME": str(warm)}))
    cs.append(Case("new (first on the machine: empty cache)", new, env={"XDG_CACHE_HOME": str(cold)},
                   before=empty_cold, floor="new (warm: model cached)"))
    return cs


def table(cs: list[Case]) -> str:
    by = {c.name: c for c in cs}
    rows = ["| case | median s | CPU s | peak MiB | floor (same run) | floor s | ratio | CPU ratio |",
            "|---|---:|---:|---:|---|---:|---:|---:|"]
    for c in cs:
        if not c.times:
            continue
        med, cpu = statistics.median(c.times), statistics.median(c.cpus)
        peak = max(c.peaks)
        f = by.get(c.floor) if c.floor else None
        if f is not None and f.times:
            fm, fc = statistics.median(f.times), statistics.median(f.cpus)
            tail = f"| {f.name.removeprefix('floor: ')} | {fm:.3f} | {med / fm:.2f}× | {cpu / fc:.2f}× |"
        else:
            tail = "| | | | |"
        flag = " (failed)" if c.failed else ""
        rows.append(f"| {c.name}{flag} | {med:.3f} | {cpu:.3f} | {peak:.0f} {tail}")
    return "\n".join(rows)


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def main() -> None:
    compile_package()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--only", default="", help="only the cases whose name contains this (floors kept)")
    ap.add_argument("--readme", action="store_true", help="also write the table into README.md (speed markers)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="fzbench-") as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        inp = build_inputs(tmp)
        print(f"inputs built in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        cs = cases(inp, tmp)
        if a.only:
            keep = {c.name for c in cs if a.only in c.name}
            keep |= {c.floor for c in cs if c.name in keep and c.floor}
            cs = [c for c in cs if c.name in keep]
        run(Case("warm-up", FZ + ["new", "--region", "秦州区", "--year", "2025", "-o", str(tmp / "w.docx")],
                 env={"XDG_CACHE_HOME": str(tmp / "cache-warm")}), tmp)
        for n in range(a.runs):
            for c in cs:
                run(c, tmp)  # in the folder of drafts, as a user runs it (see the docstring)
            print(f"run {n + 1}/{a.runs} done", file=sys.stderr)
    report = (f"Machine: {machine()}; {a.runs} interleaved runs, median wall time and CPU time, "
              f"peak RSS of the process.\n\n"
              + table(cs))
    print(report)
    if a.readme and not a.only:
        readme = ROOT / "README.md"
        text = readme.read_text(encoding="utf-8")
        start, end = "<!-- speed:start -->\n", "<!-- speed:end -->"
        if start in text and end in text:
            head, rest = text.split(start, 1)
            readme.write_text(head + start + report + "\n" + end + rest.split(end, 1)[1], encoding="utf-8")
        else:
            print("README.md has no speed markers; not written", file=sys.stderr)
    for c in cs:
        if c.failed:
            print(f"\n{c.name}: {c.failed}")


if __name__ == "__main__":
    main()
