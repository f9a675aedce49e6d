"""Score `fzwriter lint --format json` on the cases built by build_cases.py.

Usage: python score.py CASES_DIR [FZWRITER_CMD]   (default command: fzwriter)
Prints one line per failed expectation (with -v), then the figures, last line a summary.
Exit 0 always; --json writes the figures for other scripts.
"""
from __future__ import annotations

import json
import resource
import shlex
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path


def norm(s: str) -> str:
    return unicodedata.normalize("NFKC", s or "").replace(" ", "")


def run(cmd: list[str], timeout: float) -> tuple[int | None, str, str, float, int]:
    """Run in a child; return exit code, stdout, stderr, wall seconds, peak RSS in MiB of that child."""
    wrapper = (
        "import resource,subprocess,sys,json;"
        "p=subprocess.run(sys.argv[1:],capture_output=True,timeout=%d);"
        "r=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss;"
        "sys.stdout.buffer.write(json.dumps([p.returncode,p.stdout.decode('utf-8','replace'),p.stderr.decode('utf-8','replace'),r]).encode())"
        % timeout
    )
    t = time.perf_counter()
    try:
        p = subprocess.run([sys.executable, "-c", wrapper, *cmd], capture_output=True, timeout=timeout + 5)
        code, out, err, rss = json.loads(p.stdout.decode() or "[null,\"\",\"timeout\",0]")
    except (subprocess.TimeoutExpired, json.JSONDecodeError) as e:
        return None, "", f"timeout/garbled: {e}", time.perf_counter() - t, 0
    return code, out, err, time.perf_counter() - t, rss // 1024


def parse(out: str) -> tuple[list[dict] | None, dict]:
    try:
        data = json.loads(out)
    except json.JSONDecodeError:
        return None, {}
    files = data.get("files") if isinstance(data, dict) else None
    if not files:
        return None, {}
    return [f for fl in files for f in (fl.get("findings") or [])], (files[0].get("report") or {})


def matches(f: dict, exp: dict) -> bool:
    if f.get("rule") != exp["rule"]:
        return False
    if "section" in exp:
        sec = f.get("section_id") or (f.get("location") or {}).get("section_id")
        if sec != exp["section"]:
            return False
    if "snippet" in exp:
        hay = norm(f.get("evidence", "")) + "\n" + norm(f.get("message", ""))
        ev = norm(f.get("evidence", ""))
        if norm(exp["snippet"]) not in hay and not (len(ev) >= 2 and ev in norm(exp["snippet"])):
            return False
    return True


def main() -> None:
    root = Path(sys.argv[1])
    cmd = shlex.split(sys.argv[2]) if len(sys.argv) > 2 else ["fzwriter"]
    verbose = "-v" in sys.argv
    prefix = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--rules=")), "")
    kinds = next((a.split("=", 1)[1].split(",") for a in sys.argv if a.startswith("--kinds=")), None)
    cases = json.loads((root / "cases.json").read_text(encoding="utf-8"))
    if kinds:
        cases = [c for c in cases if c.get("kind") in kinds]
    for c in cases:
        c["must"] = [e for e in c.get("must", []) if e["rule"].startswith(prefix)]
        c["must_not"] = [e for e in c.get("must_not", []) if e["rule"].startswith(prefix)]
    tally = Counter()
    misses: list[str] = []
    times = []
    for c in cases:
        path = root / c["file"]
        code, out, err, wall, rss = run([*cmd, "lint", str(path), "--format", "json"], timeout=30)
        kind = c.get("kind", "?")
        if c["exit"].startswith("input-error"):
            tally["bad_total"] += 1
            ok_exit = code == 2 or (c["exit"] == "input-error-or-ok" and code in (0, 1))
            clean = "Traceback" not in err and "Traceback" not in out
            fast = wall < 15 and rss < 1024
            if ok_exit and clean and fast:
                tally["bad_ok"] += 1
            else:
                misses.append(f"BAD {c['name']}: exit={code} wall={wall:.1f}s rss={rss}MiB traceback={not clean} :: {err.strip()[-160:]}")
            continue
        times.append(wall)
        fs, report = parse(out)
        if code not in (0, 1) or fs is None:
            tally[f"{kind}_crash"] += 1
            misses.append(f"CRASH {c['name']}: exit={code} :: {err.strip()[-200:]}")
            for e in c.get("must", []):
                tally[f"must_total_{e['rule']}"] += 1
            continue
        if c.get("year"):
            tally["year_total"] += 1
            if report.get("year") == c["year"]:
                tally["year_ok"] += 1
            else:
                misses.append(f"YEAR {c['name']}: got {report.get('year')} want {c['year']}")
        for e in c.get("must", []):
            tally[f"must_total_{e['rule']}"] += 1
            if any(matches(f, e) for f in fs):
                tally[f"must_hit_{e['rule']}"] += 1
            else:
                misses.append(f"MISS {c['name']}: {e}")
        for e in c.get("must_not", []):
            bad = [f for f in fs if matches(f, e)]
            if kind in ("original", "real"):
                allowed = c.get("must", []) + c.get("may", [])
                bad = [f for f in bad if not any(matches(f, a) for a in allowed)]
            if bad:
                tally[f"false_{e['rule']}"] += len(bad)
                tally[f"false_in_{kind}"] += len(bad)
                misses.append(f"FALSE {c['name']}: {e['rule']} :: {norm(bad[0].get('evidence') or bad[0].get('message'))[:100]}")
    if verbose:
        print("\n".join(misses))
    rules = sorted({k.split("_")[-1] for k in tally if k.startswith("must_total_")})
    hit = sum(tally[f"must_hit_{r}"] for r in rules)
    tot = sum(tally[f"must_total_{r}"] for r in rules)
    false = sum(v for k, v in tally.items() if k.startswith("false_") and not k.startswith("false_in_"))
    crash = sum(v for k, v in tally.items() if k.endswith("_crash"))
    for r in rules:
        print(f"{r}: recall {tally[f'must_hit_{r}']}/{tally[f'must_total_{r}']}  false alarms {tally[f'false_{r}']}")
    times.sort()
    med = times[len(times) // 2] if times else float("nan")
    print(f"bad inputs handled: {tally['bad_ok']}/{tally['bad_total']}")
    print(f"year inferred right: {tally['year_ok']}/{tally['year_total']}")
    print(f"false alarms: originals {tally['false_in_original']}, real excerpts {tally['false_in_real']}, mutations {tally['false_in_mutation']}")
    print(f"median wall per lint: {med:.2f}s")
    print(f"SUMMARY recall {hit}/{tot} ({100*hit/max(tot,1):.0f}%) false_alarms {false} crashes {crash} "
          f"bad_inputs {tally['bad_ok']}/{tally['bad_total']} year {tally['year_ok']}/{tally['year_total']}")
    if "--json" in sys.argv:
        Path(sys.argv[sys.argv.index("--json") + 1]).write_text(json.dumps(
            {"recall_hit": hit, "recall_total": tot, "false": false, "crash": crash, "bad_ok": tally["bad_ok"],
             "bad_total": tally["bad_total"], "year_ok": tally["year_ok"], "year_total": tally["year_total"],
             "median_s": med, **{k: v for k, v in tally.items()}}, ensure_ascii=False))


if __name__ == "__main__":
    main()
