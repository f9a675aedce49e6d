"""Accuracy of fzwriter lint on reports the rules were not written from.

    python benchmarks/bench_accuracy.py                 # build the dev corpus, lint it and the real texts, print tables
    python benchmarks/bench_accuracy.py --details       # also list every miss and every false alarm
    python benchmarks/bench_accuracy.py --json out.json # write the figures as JSON (default: benchmarks/accuracy.json)
    python benchmarks/bench_accuracy.py --update-ratchet  # record today's figures as the floor the CI test holds
    python benchmarks/bench_accuracy.py --readme          # also put today's table into README.md

Development corpus (tests/corpus/dev, a copy of ../shared/corpus): twelve reports with one-edit defect
copies, rendered as .txt and .docx by its build.py; each file's `must` and `must_not` come from
expect.json. Scoring (corpus README, issue 11): a `must` item is found by a finding of that rule (and
part, for ST01/ST02/ST03/ST05) whose evidence or message contains the expected evidence or lies inside
it; any finding of a `must_not` rule (or rule + part) is a false alarm. Defects are `plain` or `subtle`
as labelled in tests/corpus/dev/difficulty.yml.

Real texts (tests/corpus/real): published reports as excerpts of public pages, each with a header
(来源/单位/地区/层级/年度/完整). Their findings are either labelled real defects of the published text
(tests/corpus/real/labels.yml) or false alarms; structure findings on a cut-off text (完整: 否) are
not judged, wording and figure findings always are.

Reports by other authors (tests/corpus/holdout): eight more reports in the development corpus's format,
with 91 defects and 86 traps, written independently of the rules and of the development corpus. They
were meant as a held-out set, but fixes were made from their misses (WD04–WD06 classes, a WD03 alarm, a
trap label flipped): they are a development set now. Before any tuning they scored 118/182 with 4
false alarms on clean reports.

Figure statements by another author (tests/corpus/figures/holdout.yml): paragraphs written independently
of the development corpus, each either consistent (any FG finding is a false alarm) or with one planted
inconsistency (found when its rule fires with the evidence). Fixes were made from them when they were
added: a development set too.

Corpus set 2 (tests/corpus/set2, a copy of ../shared/corpus/set2): ten reports by another author, each
rendered twice clean and with 87 one-defect mutations, built by its build_cases.py and scored as its
score.py does (a finding counts when its evidence or message holds the snippet; on a clean rendering,
findings the case allows under `may` are not false alarms). Tuned on since issue 22: development.

Season-2026 set (tests/corpus/season2026): five reports of the 2026 season (four on 2026, one on 2025)
by an author who read neither the code nor the checklists, 10 clean renderings and 45 mutations, built
and scored like set 2. Tuned on in issue 21: development.

Set 4 (tests/corpus/set4): five reports (a 镇, a 地级市 bureau, a county bureau, a big city's 街道, a
地级市 government), written blind after issues 21–27 and scored once (35/41, 4 false alarms on clean
renderings), then fixed from: development. Set 5 (tests/corpus/set5) likewise: five more reports by
another blind author, scored once (24/36, 2 false alarms on clean renderings), then fixed from. Set 6
(tests/corpus/set6) likewise (19/32, 14 false alarms on clean renderings, one class), and set 7 (17/23,
5 on clean renderings: two classes fixed; ST04 on `1.` right under `一、`, which the catalogue defines as a
fault, allowed on that draft as its author suggested). Set 8 (tests/corpus/set8): written blind, scored once
(12/18, 2 false alarms on clean renderings), not tuned on yet.

Issue-22 material (tests/corpus/dev22): three reports in the development corpus's format, written by
the engineer who fixed issue 22's classes (tables whose columns are measures, Chinese numerals,
restatements, 不足/原因 paragraphs without a heading, a duty part that only urges others, a neighbouring
town, one-character variants): development material, not independent of the rules.

No set here is held out. A held-out set is one written before the fixes by an author who has not read
the rules, scored once at the end; a set whose misses are fixed moves to development.

Every file is linted in this one process (one pass per format), timed per file.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from contextlib import redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
RATCHET = ROOT / "benchmarks" / "accuracy_ratchet.json"
DEV = ROOT / "tests" / "corpus" / "dev"
REAL = ROOT / "tests" / "corpus" / "real"
HOLDOUT = ROOT / "tests" / "corpus" / "figures" / "holdout.yml"
HELD_REPORTS = ROOT / "tests" / "corpus" / "holdout"
SET2 = ROOT / "tests" / "corpus" / "set2"
SEASON = ROOT / "tests" / "corpus" / "season2026"
SET4 = ROOT / "tests" / "corpus" / "set4"
SET5 = ROOT / "tests" / "corpus" / "set5"
SET6 = ROOT / "tests" / "corpus" / "set6"
SET7 = ROOT / "tests" / "corpus" / "set7"
SET8 = ROOT / "tests" / "corpus" / "set8"
CLASSES = ROOT / "tests" / "corpus" / "dev22"
SECTIONED = {"ST01", "ST02", "ST03", "ST05"}


def norm(s: str | None) -> str:
    """Width-folded, whitespace-free text for comparing evidence across renderings."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", s or "") if not ch.isspace())


def build_corpus(src: Path, out: Path) -> list[dict]:
    done = subprocess.run([sys.executable, str(src / "build.py"), str(out)], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"building the corpus failed:\n{done.stdout}{done.stderr}")
    return json.loads((out / "expect.json").read_text(encoding="utf-8"))


def read_real(folder: Path, out: Path) -> list[dict]:
    """Strip each real text's header into metadata; write the body where lint can read it."""
    records = []
    for path in sorted(folder.glob("r*.txt")):
        raw = path.read_text(encoding="utf-8")
        head, sep, body = raw.partition("\n---\n")
        if not sep:
            raise SystemExit(f"{path}: no header (--- line)")
        meta = {}
        for line in head.splitlines():
            if line.startswith("#") and ":" in line:
                key, _, value = line[1:].partition(":")
                meta[key.strip()] = value.strip()
        target = out / path.name
        target.write_text(body, encoding="utf-8")
        records.append({"file": path.name, "path": str(target), "meta": meta,
                        "complete": meta.get("完整") == "是"})
    return records


# every finding of the last run, as (file, finding): tests/test_arithmetic.py recomputes their arithmetic
FINDINGS: list = []


def lint_all(paths: list[str]):
    """Lint each file in this process; return {path: (FileResult, seconds)}."""
    from writer.checklists import load_all
    from writer.engine import choose_rules, lint_paths

    load_all()
    rules = choose_rules()
    out = {}
    for p in paths:
        start = time.perf_counter()
        [result] = lint_paths([p], rules)
        out[p] = (result, time.perf_counter() - start)
        FINDINGS.extend((p, f) for f in result.findings)
    return out


def matches(finding, item: dict) -> bool:
    if finding.rule != item["rule"]:
        return False
    if item["rule"] in SECTIONED and item.get("section") and finding.section_id != item["section"]:
        # ST03: naming the other part of the swapped pair counts as right (corpus README)
        if item["rule"] != "ST03":
            return False
    want = norm(item.get("evidence"))
    if not want:
        return True
    ev, msg = norm(finding.evidence), norm(finding.message)
    return want in ev or (ev and ev in want) or want in msg


def forbidden(finding, item: dict) -> bool:
    if finding.rule != item["rule"]:
        return False
    return not item.get("section") or finding.section_id == item["section"]


@dataclass
class Tally:
    found: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # (rule, kind) -> [found, total]
    fa: dict = field(default_factory=lambda: defaultdict(int))  # (rule, where) -> count
    misses: list = field(default_factory=list)
    alarms: list = field(default_factory=list)


def score_dev(expect: list[dict], results: dict, difficulty: dict, tally: Tally, fmt: str, prefix: str = "") -> None:
    for rec in expect:
        if rec["format"] != fmt:
            continue
        result, _ = results[rec["file"]]
        findings = result.findings
        defect = rec["defect"]
        for i, item in enumerate(rec["must"]):
            own = defect is not None and i == len(rec["must"]) - 1  # build.py appends the defect last
            kind = difficulty.get(defect, "subtle") if own else "clean"
            cell = tally.found[(item["rule"], prefix + kind)]
            cell[1] += 1
            if any(matches(f, item) for f in findings):
                cell[0] += 1
            elif own:
                tally.misses.append((rec["file"], item, _nearby(findings, item["rule"])))
        where = prefix + ("clean" if defect is None else "copies")
        for f in findings:
            if any(forbidden(f, item) for item in rec["must_not"]):
                tally.fa[(f.rule, where)] += 1
                if where.endswith("clean"):
                    tally.alarms.append((rec["file"], f))


def _nearby(findings, rule: str) -> list[str]:
    return [f"{f.rule}: {f.message[:80]} | {f.evidence[:60]}" for f in findings if f.rule == rule][:3]


def score_real(records: list[dict], results: dict, labels: list[dict], tally: Tally) -> dict:
    by_file = defaultdict(list)
    for lab in labels:
        by_file[lab["file"]].append(lab)
    real = {"files": len(records), "findings": 0, "labelled": 0, "unjudged": 0, "alarms": 0,
            "labels": len(labels), "labels_found": 0}
    for rec in records:
        result, _ = results[rec["path"]]
        mine = by_file.get(rec["file"], [])
        hit = set()
        for f in result.findings:
            real["findings"] += 1
            which = [i for i, lab in enumerate(mine) if matches(f, lab)]
            if which:
                real["labelled"] += 1
                hit.update(which)
            elif f.rule.startswith("ST") and not rec["complete"]:
                real["unjudged"] += 1
            else:
                real["alarms"] += 1
                tally.fa[(f.rule, "real")] += 1
                tally.alarms.append((rec["file"], f))
        real["labels_found"] += len(hit)
    return real


def run_corpus(src: Path, out: Path, prefix: str, tally: Tally, times: dict, cov: dict) -> None:
    """Build a corpus in the development corpus's format, lint both renderings, score into `tally`."""
    diff_file = src / "difficulty.yml"
    difficulty = {}
    if diff_file.exists():
        difficulty = {k: v["level"] for k, v in yaml.safe_load(diff_file.read_text(encoding="utf-8")).items()}
    expect = build_corpus(src, out)
    for rec in expect:
        rec["path"] = str(out / rec["file"])
    for fmt in ("txt", "docx"):
        recs = [r for r in expect if r["format"] == fmt]
        res = lint_all([r["path"] for r in recs])
        res = {Path(p).name: v for p, v in res.items()}
        score_dev(expect, res, difficulty, tally, fmt, prefix)
        times[prefix + fmt] = statistics.median(t for _, t in res.values())
        cov[f"{prefix}clean {fmt}"] = coverage(res, [r["file"] for r in recs if r["defect"] is None])


def score_holdout(path: Path, tally: Tally) -> dict:
    """Lint each held-out paragraph with the figure rules; count findings and false alarms."""
    from writer.engine import choose_rules, lint_report
    from writer.figures import analyse
    from writer.reader.build import build
    from writer.reader.raw import RawParagraph

    items = yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
    rules = choose_rules(["FG"])
    out = {"clean": 0, "defects": 0, "extracted": 0, "checkable": 0}
    for it in items:
        report = build([RawParagraph(text=t) for t in it["text"].split("\n") if t.strip()], "holdout.txt", "txt")
        report.year = it.get("year")
        findings = lint_report(report, rules)
        FINDINGS.extend((f"figures/holdout.yml#{it['id']}", f) for f in findings)
        fa = analyse(report)
        if it["kind"] == "clean":
            out["clean"] += 1
            out["extracted"] += len(fa.figures)
            out["checkable"] += fa.checkable
            for f in findings:
                tally.fa[(f.rule, "holdout")] += 1
                tally.alarms.append((it["id"], f))
            continue
        out["defects"] += 1
        item = {"rule": it["rule"], "evidence": it["evidence"]}
        cell = tally.found[(it["rule"], "holdout")]
        cell[1] += 1
        if any(matches(f, item) for f in findings):
            cell[0] += 1
        else:
            tally.misses.append((it["id"], item, _nearby(findings, it["rule"])))
        tolerated = {it["rule"], *it.get("tolerate", [])}
        for f in findings:
            if f.rule not in tolerated:
                tally.fa[(f.rule, "holdout copies")] += 1
    return out


def run_set2(src: Path, out: Path, tally: Tally, times: dict, cov: dict, tag: str = "s2") -> None:
    """Build corpus set 2 (or the season-2026 set, tag s26) with its own build_cases.py and score it as
    its score.py does."""
    done = subprocess.run([sys.executable, str(src / "build_cases.py"), str(out)], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"building corpus set 2 failed:\n{done.stdout}{done.stderr}")
    cases = json.loads((out / "cases.json").read_text(encoding="utf-8"))
    cases = [c for c in cases if c.get("exit") == "ok"]
    inside = tag != "s2"
    res = lint_all([str(out / c["file"]) for c in cases])
    clean = []
    for c in cases:
        result, _ = res[str(out / c["file"])]
        fs = result.findings
        tier = f"{tag}-" + (c.get("tier") or "hard")
        for e in c.get("must", []):
            cell = tally.found[(e["rule"], tier)]
            cell[1] += 1
            if any(_s2_matches(f, e, inside) for f in fs):
                cell[0] += 1
            else:
                tally.misses.append((c["name"], {"rule": e["rule"], "section": e.get("section"),
                                                 "evidence": e.get("snippet")}, _nearby(fs, e["rule"])))
        original = c.get("kind") == "original"
        if original:
            clean.append(str(out / c["file"]))
        allowed = c.get("must", []) + c.get("may", []) if original else []
        for f in fs:
            if (any(_s2_matches(f, e, inside) for e in c.get("must_not", []))
                    and not any(_s2_matches(f, a, inside) for a in allowed)):
                tally.fa[(f.rule, f"{tag}-clean" if original else f"{tag}-copies")] += 1
                if original:
                    tally.alarms.append((c["name"], f))
    name = "set2" if tag == "s2" else src.name
    times[name] = statistics.median(t for _, t in res.values())
    cov[f"{name} clean"] = coverage(res, clean)


def _s2_matches(f, e: dict, inside: bool = False) -> bool:
    """score.py's matching: rule, section when given, the snippet in the evidence or the message (the
    season set's score.py, `inside`: or the evidence, two characters or more, inside the snippet)."""
    if f.rule != e["rule"]:
        return False
    if "section" in e and f.section_id != e["section"]:
        return False
    if "snippet" in e:
        hay = norm(f.evidence) + "\n" + norm(f.message)
        ev = norm(f.evidence)
        return norm(e["snippet"]) in hay or inside and len(ev) >= 2 and ev in norm(e["snippet"])
    return True


def coverage(results: dict, paths: list[str]) -> dict:
    tot = {"extracted": 0, "checkable": 0, "inconsistent": 0}
    for p in paths:
        fig = results[p][0].figures or {}
        for k in tot:
            tot[k] += fig.get(k, 0)
    return tot


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEV, help="development corpus folder (with build.py)")
    ap.add_argument("--real", type=Path, default=REAL, help="real-text corpus folder")
    ap.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "accuracy.json")
    ap.add_argument("--details", action="store_true", help="list misses and false alarms")
    ap.add_argument("--update-ratchet", action="store_true",
                    help=f"write {RATCHET.name} from this run (refused if any rule got worse, unless --force)")
    ap.add_argument("--force", action="store_true", help="with --update-ratchet: accept a worse figure")
    ap.add_argument("--readme", action="store_true", help="write the tables into README.md between its markers")
    ap.add_argument("--no-set2", action="store_true", help="skip corpus set 2 (its build takes a few seconds)")
    args = ap.parse_args(argv)

    FINDINGS.clear()
    tally = Tally()
    times = {}
    cov = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        run_corpus(args.corpus, tmp / "dev", "", tally, times, cov)
        if HELD_REPORTS.is_dir() and args.corpus == DEV:
            run_corpus(HELD_REPORTS, tmp / "held", "h-", tally, times, cov)
        if CLASSES.is_dir() and args.corpus == DEV:
            run_corpus(CLASSES, tmp / "classes", "c-", tally, times, cov)
        real = None
        if args.real.is_dir() and any(args.real.glob("r*.txt")):
            rtmp = tmp / "real"
            rtmp.mkdir()
            records = read_real(args.real, rtmp)
            labels_file = args.real / "labels.yml"
            labels = (yaml.safe_load(labels_file.read_text(encoding="utf-8")) or []) if labels_file.exists() else []
            res = lint_all([r["path"] for r in records])
            real = score_real(records, res, labels, tally)
            times["real"] = statistics.median(t for _, t in res.values())
            cov["real"] = coverage(res, [r["path"] for r in records])
        holdout = score_holdout(HOLDOUT, tally) if HOLDOUT.exists() else None
        if SET2.is_dir() and args.corpus == DEV and not args.no_set2:
            run_set2(SET2, tmp / "set2", tally, times, cov)
        if SEASON.is_dir() and args.corpus == DEV and not args.no_set2:
            run_set2(SEASON, tmp / "season2026", tally, times, cov, tag="s26")
        if SET4.is_dir() and args.corpus == DEV and not args.no_set2:
            run_set2(SET4, tmp / "set4", tally, times, cov, tag="s4")
        if SET5.is_dir() and args.corpus == DEV and not args.no_set2:
            run_set2(SET5, tmp / "set5", tally, times, cov, tag="s5")
        if SET6.is_dir() and args.corpus == DEV and not args.no_set2:
            run_set2(SET6, tmp / "set6", tally, times, cov, tag="s6")
        if SET7.is_dir() and args.corpus == DEV and not args.no_set2:
            run_set2(SET7, tmp / "set7", tally, times, cov, tag="s7")
        if SET8.is_dir() and args.corpus == DEV and not args.no_set2:
            run_set2(SET8, tmp / "set8", tally, times, cov, tag="s8")
        if holdout:
            cov["held-out clean"] = {"extracted": holdout["extracted"], "checkable": holdout["checkable"],
                                     "inconsistent": tally_fa(tally, "holdout")}

    codes = sorted({k[0] for k in tally.found} | {k[0] for k in tally.fa})
    rows = {}
    for code in codes:
        rows[code] = {
            "plain": tally.found.get((code, "plain"), [0, 0]),
            "subtle": tally.found.get((code, "subtle"), [0, 0]),
            "clean_must": tally.found.get((code, "clean"), [0, 0]),
            "fa_clean": tally.fa.get((code, "clean"), 0),
            "fa_copies": tally.fa.get((code, "copies"), 0),
            "fa_real": tally.fa.get((code, "real"), 0),
            "h_plain": tally.found.get((code, "h-plain"), [0, 0]),
            "h_subtle": tally.found.get((code, "h-subtle"), [0, 0]),
            "h_clean_must": tally.found.get((code, "h-clean"), [0, 0]),
            "fa_h_clean": tally.fa.get((code, "h-clean"), 0),
            "fa_h_copies": tally.fa.get((code, "h-copies"), 0),
            "holdout": tally.found.get((code, "holdout"), [0, 0]),
            "fa_holdout": tally.fa.get((code, "holdout"), 0) + tally.fa.get((code, "holdout copies"), 0),
            "c_found": [sum(tally.found.get((code, "c-" + k), [0, 0])[i] for k in ("plain", "subtle", "clean"))
                        for i in (0, 1)],
            "fa_c_clean": tally.fa.get((code, "c-clean"), 0),
            "fa_c_copies": tally.fa.get((code, "c-copies"), 0),
        }
        for tag in ("s2", "s26", "s4", "s5", "s6", "s7", "s8"):  # the sets built and scored like set 2
            rows[code].update({f"{tag}_plain": tally.found.get((code, f"{tag}-plain"), [0, 0]),
                               f"{tag}_hard": tally.found.get((code, f"{tag}-hard"), [0, 0]),
                               f"fa_{tag}_clean": tally.fa.get((code, f"{tag}-clean"), 0),
                               f"fa_{tag}_copies": tally.fa.get((code, f"{tag}-copies"), 0)})
    data = {"rules": rows, "coverage": cov, "median_seconds_per_file": times, "real": real}
    buf = io.StringIO()
    with redirect_stdout(buf):
        print_tables(data)
    print(buf.getvalue(), end="")
    if args.readme:
        readme = ROOT / "README.md"
        text = readme.read_text(encoding="utf-8")
        block = "<!-- accuracy:start -->\n" + buf.getvalue().rstrip() + "\n<!-- accuracy:end -->"
        text = re.sub(r"<!-- accuracy:start -->.*?<!-- accuracy:end -->", lambda m: block, text, flags=re.S)
        readme.write_text(text, encoding="utf-8")
    if args.details:
        print_details(tally)
    if args.json:
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if args.update_ratchet:
        now = ratchet_figures(data)
        worse = regressions(json.loads(RATCHET.read_text(encoding="utf-8")), now) if RATCHET.exists() else []
        if worse and not args.force:
            raise SystemExit("not updating the ratchet, worse than recorded:\n" + "\n".join(worse))
        RATCHET.write_text(json.dumps(now, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"ratchet written to {RATCHET.relative_to(ROOT)}")
    return data


def ratchet_figures(data: dict) -> dict:
    """Per rule: defects and clean-text expectations found (may not fall), false alarms (may not rise)."""
    out = {}
    for code, r in data["rules"].items():
        out[code] = {"found": r["plain"][0] + r["subtle"][0] + r["clean_must"][0],
                     "fa_clean": r["fa_clean"], "fa_copies": r["fa_copies"], "fa_real": r["fa_real"],
                     "holdout_found": r.get("holdout", [0, 0])[0], "fa_holdout": r.get("fa_holdout", 0),
                     "held_found": r["h_plain"][0] + r["h_subtle"][0] + r["h_clean_must"][0],
                     "fa_held_clean": r["fa_h_clean"], "fa_held_copies": r["fa_h_copies"],
                     "classes_found": r.get("c_found", [0, 0])[0],
                     "fa_classes_clean": r.get("fa_c_clean", 0), "fa_classes_copies": r.get("fa_c_copies", 0),
                     "set2_found": r.get("s2_plain", [0, 0])[0] + r.get("s2_hard", [0, 0])[0],
                     "fa_set2_clean": r.get("fa_s2_clean", 0), "fa_set2_copies": r.get("fa_s2_copies", 0),
                     "season_found": r.get("s26_plain", [0, 0])[0] + r.get("s26_hard", [0, 0])[0],
                     "fa_season_clean": r.get("fa_s26_clean", 0), "fa_season_copies": r.get("fa_s26_copies", 0),
                     "set4_found": r.get("s4_plain", [0, 0])[0] + r.get("s4_hard", [0, 0])[0],
                     "fa_set4_clean": r.get("fa_s4_clean", 0), "fa_set4_copies": r.get("fa_s4_copies", 0),
                     "set5_found": r.get("s5_plain", [0, 0])[0] + r.get("s5_hard", [0, 0])[0],
                     "fa_set5_clean": r.get("fa_s5_clean", 0), "fa_set5_copies": r.get("fa_s5_copies", 0),
                     "set6_found": r.get("s6_plain", [0, 0])[0] + r.get("s6_hard", [0, 0])[0],
                     "fa_set6_clean": r.get("fa_s6_clean", 0), "fa_set6_copies": r.get("fa_s6_copies", 0),
                     "set7_found": r.get("s7_plain", [0, 0])[0] + r.get("s7_hard", [0, 0])[0],
                     "fa_set7_clean": r.get("fa_s7_clean", 0), "fa_set7_copies": r.get("fa_s7_copies", 0),
                     "set8_found": r.get("s8_plain", [0, 0])[0] + r.get("s8_hard", [0, 0])[0],
                     "fa_set8_clean": r.get("fa_s8_clean", 0), "fa_set8_copies": r.get("fa_s8_copies", 0)}
    return out


def regressions(floor: dict, now: dict) -> list[str]:
    worse = []
    for code in sorted(set(floor) | set(now)):
        old = floor.get(code, {})
        new = now.get(code, {})
        for key in ("found", "holdout_found", "held_found", "set2_found", "classes_found", "season_found",
                    "set4_found", "set5_found", "set6_found", "set7_found", "set8_found"):
            if new.get(key, 0) < old.get(key, 0):
                worse.append(f"{code}: {key} {new.get(key, 0)} < recorded {old[key]}")
        for key in ("fa_clean", "fa_copies", "fa_real", "fa_holdout", "fa_held_clean", "fa_held_copies",
                    "fa_set2_clean", "fa_set2_copies", "fa_classes_clean", "fa_classes_copies",
                    "fa_season_clean", "fa_season_copies", "fa_set4_clean", "fa_set4_copies",
                    "fa_set5_clean", "fa_set5_copies", "fa_set6_clean", "fa_set6_copies",
                    "fa_set7_clean", "fa_set7_copies", "fa_set8_clean", "fa_set8_copies"):
            if new.get(key, 0) > old.get(key, 0):
                worse.append(f"{code}: {key} {new.get(key, 0)} > recorded {old.get(key, 0)}")
    return worse


def tally_fa(tally: Tally, where: str) -> int:
    return sum(v for (rule, w), v in tally.fa.items() if w == where)


def _cell(pair) -> str:
    found, total = pair
    return "–" if not total else f"{found}/{total}"


def print_tables(data: dict) -> None:
    rows = data["rules"]

    def table(title, cols):
        print(title)
        print()
        print("| rule | " + " | ".join(c[0] for c in cols) + " |")
        print("|---" * (len(cols) + 1) + "|")
        tot = {c[1]: ([0, 0] if c[2] == "pair" else 0) for c in cols}
        for code, r in rows.items():
            cells = []
            for _, key, kind in cols:
                v = r.get(key, [0, 0] if kind == "pair" else 0)
                cells.append(_cell(v) if kind == "pair" else str(v))
                if kind == "pair":
                    tot[key][0] += v[0]
                    tot[key][1] += v[1]
                else:
                    tot[key] += v
            print(f"| {code} | " + " | ".join(cells) + " |")
        print("| **all** | " + " | ".join(_cell(tot[k]) if kd == "pair" else str(tot[k]) for _, k, kd in cols) + " |")
        print()

    table("Development corpus (the rules were improved on it: optimistic):", [
        ("plain", "plain", "pair"), ("subtle", "subtle", "pair"), ("clean-text must", "clean_must", "pair"),
        ("FA clean (24)", "fa_clean", "n"), ("FA defect copies", "fa_copies", "n")])
    table("Reports and figure statements by other authors (tests/corpus/holdout, figures/holdout.yml): written as "
          "held-out sets but tuned on since, so development figures (before tuning the reports scored 118/182 with "
          "4 false alarms on clean reports); and real published texts:", [
        ("reports plain", "h_plain", "pair"), ("reports subtle", "h_subtle", "pair"),
        ("reports clean must", "h_clean_must", "pair"), ("FA clean reports (16)", "fa_h_clean", "n"),
        ("FA report copies", "fa_h_copies", "n"), ("figure statements found", "holdout", "pair"),
        ("FA figure statements", "fa_holdout", "n"), ("FA real texts", "fa_real", "n")])
    if any(r.get("s2_plain", [0, 0])[1] or r.get("s2_hard", [0, 0])[1] or r.get("fa_s2_clean") or r.get("fa_s2_copies")
           for r in rows.values()):
        table("Corpus set 2 (ten reports by another author, 20 clean renderings and 87 mutations; tuned on since "
              "issue 22, so development figures — before it: FG 18/22 with 4 false alarms on clean renderings, "
              "ST 19/19 with 2, WD 43/46):", [
                  ("plain", "s2_plain", "pair"), ("hard", "s2_hard", "pair"),
                  ("FA clean renderings (20)", "fa_s2_clean", "n"), ("FA mutations", "fa_s2_copies", "n")])
    if any(r.get("s26_plain", [0, 0])[1] or r.get("s26_hard", [0, 0])[1] or r.get("fa_s26_clean")
           or r.get("fa_s26_copies") for r in rows.values()):
        table("Season-2026 set (tests/corpus/season2026: five reports of the 2026 season by an author who did not read "
              "the code, 10 clean renderings and 45 mutations; tuned on in issue 21 — before it: 36/45 found with 44 "
              "false alarms):", [
                  ("plain", "s26_plain", "pair"), ("hard", "s26_hard", "pair"),
                  ("FA clean renderings (10)", "fa_s26_clean", "n"), ("FA mutations", "fa_s26_copies", "n")])
    if any(r.get("s4_plain", [0, 0])[1] or r.get("s4_hard", [0, 0])[1] for r in rows.values()):
        table("Set 4 (tests/corpus/set4: five reports of other units, levels and styles, written blind after issues "
              "21–27 and scored once — 35/41 found, 4 false alarms on the 10 clean renderings, 15 in mutations — "
              "then fixed from: development):", [
                  ("plain", "s4_plain", "pair"), ("hard", "s4_hard", "pair"),
                  ("FA clean renderings (10)", "fa_s4_clean", "n"), ("FA mutations", "fa_s4_copies", "n")])
    if any(r.get("s5_plain", [0, 0])[1] or r.get("s5_hard", [0, 0])[1] for r in rows.values()):
        table("Set 5 (tests/corpus/set5: a 开发区管委会, a 自治县, a 省厅 (2025), a 县委县政府 and a 县级市 bureau's web "
              "copy, written blind and scored once — 24/36 found, 2 false alarms on the 10 clean renderings, 7 in "
              "mutations — then fixed from: development):", [
                  ("plain", "s5_plain", "pair"), ("hard", "s5_hard", "pair"),
                  ("FA clean renderings (10)", "fa_s5_clean", "n"), ("FA mutations", "fa_s5_copies", "n")])
    if any(r.get("s6_plain", [0, 0])[1] or r.get("s6_hard", [0, 0])[1] for r in rows.values()):
        table("Set 6 (tests/corpus/set6: a 直辖市的区政府, a 县卫健局 with unnumbered part titles, a 省司法厅 and a 西藏 乡 (2025), "
              "written blind and scored once — 19/32 found, 14 false alarms on the 8 clean renderings, 51 in mutations, "
              "all from the unnumbered titles — then fixed from: development):", [
                  ("plain", "s6_plain", "pair"), ("hard", "s6_hard", "pair"),
                  ("FA clean renderings (8)", "fa_s6_clean", "n"), ("FA mutations", "fa_s6_copies", "n")])
    if any(r.get("s7_plain", [0, 0])[1] or r.get("s7_hard", [0, 0])[1] for r in rows.values()):
        table("Set 7 (tests/corpus/set7: a 深圳 街道 (2026), a 湖南 地级市 (2024), a 河北 县司法局 (2026), written blind "
              "and scored once — 17/23 found, 5 false alarms on the 6 clean renderings, 43 in mutations — then fixed "
              "from; ST04 on `1.` right under `一、` is allowed on that draft, as its author suggested: development):", [
                  ("plain", "s7_plain", "pair"), ("hard", "s7_hard", "pair"),
                  ("FA clean renderings (6)", "fa_s7_clean", "n"), ("FA mutations", "fa_s7_copies", "n")])
    if any(r.get("s8_plain", [0, 0])[1] or r.get("s8_hard", [0, 0])[1] for r in rows.values()):
        table("Set 8 (tests/corpus/set8: a 甘肃 县政府, a 广东 市生态环境局, a 浙江 镇 (党委政府联合), all on 2026, written "
              "blind and scored once; NOT tuned on yet — its false alarms are WD06 on three of the 四个亲自, which the "
              "catalogue treats as the formula cut short):", [
                  ("plain", "s8_plain", "pair"), ("hard", "s8_hard", "pair"),
                  ("FA clean renderings (6)", "fa_s8_clean", "n"), ("FA mutations", "fa_s8_copies", "n")])
    if any(r.get("c_found", [0, 0])[1] for r in rows.values()):
        table("Issue-22 material (tests/corpus/dev22: three reports written for issue 22's classes, .txt and .docx; "
              "development):", [
                  ("found (defects and clean-text musts)", "c_found", "pair"),
                  ("FA clean (6)", "fa_c_clean", "n"), ("FA defect copies", "fa_c_copies", "n")])
    print("| figures | extracted | checkable | inconsistent |")
    print("|---|---|---|---|")
    for name, c in data["coverage"].items():
        print(f"| {name} | {c['extracted']} | {c['checkable']} | {c['inconsistent']} |")
    print()
    t = data["median_seconds_per_file"]
    print("median seconds per file: " + ", ".join(f"{k} {v:.3f}" for k, v in t.items()))
    if data["real"]:
        r = data["real"]
        print(f"real texts: {r['files']} files, {r['findings']} findings — {r['labelled']} labelled real defects "
              f"({r['labels_found']}/{r['labels']} labels found), {r['unjudged']} structure findings on cut-off "
              f"texts not judged, {r['alarms']} false alarms")


def print_details(tally: Tally) -> None:
    print("\n## misses")
    for file, item, near in tally.misses:
        print(f"- {file}: {item['rule']} {item.get('section') or ''} «{item.get('evidence') or ''}»")
        for n in near:
            print(f"    got {n}")
    print("\n## false alarms (clean reports, real texts, figure statements, set 2 clean renderings)")
    for file, f in tally.alarms:
        print(f"- {file}: {f.rule} {f.section_id or ''} {f.message[:100]} «{f.evidence[:80]}»")


if __name__ == "__main__":
    main()
