#!/usr/bin/env python3
"""Verify holdout.yml: every clean item's arithmetic holds, every defect item has a failing check.

Usage: python verify.py [holdout.yml]        (exit status 1 on any error)

Check kinds (fields of each entry in an item's `checks`):
  rate    num, den, printed   num/den*100 equals `printed` at its printed precision, rounded half-up
                              or truncated. num and den may be lists (summed), e.g. num: [11, 6].
  sum     parts, total, rel   sum(parts) == total (rel: eq, default) or sum(parts) <= total (rel: le).
  le      a, b                a <= b (a, b may be lists, summed), e.g. successes <= cases.
  change  cur, prev | delta, printed, dir
                              |cur-prev|/prev*100 equals `printed` (rounded or truncated) and the
                              direction (up/down) agrees. With `delta` instead of `prev`,
                              prev = cur - delta (up) or cur + delta (down).
  diff    cur, prev, printed, dir   |cur-prev| == printed and the direction agrees.
  points  cur, prev, printed, dir   |cur-prev| equals `printed` percentage points (at printed precision).
  bound   value               a percentage that cannot exceed 100 (a rate, a share or a fall).
  same    values              one indicator stated twice: all values must be equal.

`printed` is a string so that its precision ('14.0', '98.30') survives YAML.
Every number a check uses must occur in the text (thousands separators ignored) unless listed in the
item's `implicit` (Chinese numerals, e.g. 四十六 -> 46). Every percentage and 个百分点 figure in a clean
text must be used by some check, or be listed in `free` (e.g. '98%以上', a rate without counts).
"""
import re
import sys
from collections import Counter
from decimal import Decimal, ROUND_DOWN, ROUND_HALF_UP
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
RULES = {"FG01", "FG02", "FG03", "FG04", "FG05"}
TRAP_KINDS = {
    "qualified-vs-unqualified": "合格率 next to a 不合格 count: rate = (优秀+合格)/评查",
    "composite-numerator": "rate whose numerator sums several outcomes (纠错 = 撤销+变更+确认违法+责令履行) over 审结, not 受理",
    "carryover": "total with (含上年结转N件) exceeding this year's intake",
    "qizhong-scope": "其中 governs only the first list",
    "two-bases": "two rates in one sentence with different bases",
    "growth-over-100": "growth above 100%",
    "share-of-earlier-base": "a count and its share where the base is a different, earlier count",
    "unlike-items": "unlike items in one list (件, 项, 份) with one rate",
    "on-time-vs-promised": "按时办结率 over 承诺件 while another, larger count is present",
    "same-name-different-subject": "one rate name about different subjects",
    "prev-and-cur": "last year's and this year's figure of one indicator in one paragraph",
    "approx-overlap": "approximate figures (余, 约, 近, 以上) that overlap or cannot be summed exactly",
    "rate-100-no-numerator": "a 100% rate with no stated numerator",
    "table-prev-column": "上年 values in a table's previous-year column",
    "truncated": "a rate truncated instead of rounded",
    "fall": "a decrease stated as a fall (下降) with the percentage of the earlier value",
    "sub-subset": "nested subsets (其中…其中) where parts sum to the inner, not the outer total",
    "per-capita-or-amount": "a rate or change on amounts (万元) or with decimals",
    "rounding-sum": "rounded shares of a whole that add up to 99.9% or 100.1%",
    "restated-same-value": "one indicator stated twice with the same value",
}


def fail(errors, item, msg):
    errors.append(f"{item.get('id', '?')}: {msg}")


def total(x):
    if isinstance(x, list):
        return sum(Decimal(str(v)) for v in x)
    return Decimal(str(x))


def matches_printed(value, printed):
    """value (Decimal, exact) against printed string, rounded half-up or truncated."""
    p = Decimal(printed)
    q = Decimal(1).scaleb(p.as_tuple().exponent)
    return value.quantize(q, ROUND_HALF_UP) == p or value.quantize(q, ROUND_DOWN) == p


def pct(num, den):
    # enough precision for quantizing at 4 decimals without double rounding issues
    return (num * 100 / den)


def run_check(c):
    """Return (ok, detail)."""
    k = c["kind"]
    if k == "rate":
        num, den = total(c["num"]), total(c["den"])
        v = pct(num, den)
        return matches_printed(v, c["printed"]), f"{num}/{den}={v:.4f}% vs {c['printed']}"
    if k == "sum":
        s, t = total(c["parts"]), total(c["total"])
        rel = c.get("rel", "eq")
        ok = s == t if rel == "eq" else s <= t
        return ok, f"sum{c['parts']}={s} {'==' if rel == 'eq' else '<='} {t}"
    if k == "le":
        a, b = total(c["a"]), total(c["b"])
        return a <= b, f"{a} <= {b}"
    if k in ("change", "diff"):
        cur = total(c["cur"])
        if "prev" in c:
            prev = total(c["prev"])
        else:
            d = total(c["delta"])
            prev = cur - d if c["dir"] == "up" else cur + d
        dir_ok = (cur > prev) if c["dir"] == "up" else (cur < prev)
        if k == "diff":
            return dir_ok and abs(cur - prev) == total(c["printed"]), f"|{cur}-{prev}| vs {c['printed']} ({c['dir']})"
        v = pct(abs(cur - prev), prev)
        return dir_ok and matches_printed(v, c["printed"]), f"|{cur}-{prev}|/{prev}={v:.4f}% vs {c['printed']} ({c['dir']})"
    if k == "points":
        cur, prev = total(c["cur"]), total(c["prev"])
        dir_ok = (cur > prev) if c.get("dir", "up") == "up" else (cur < prev)
        v = abs(cur - prev)
        return dir_ok and matches_printed(v, c["printed"]), f"|{cur}-{prev}|={v} vs {c['printed']}"
    if k == "bound":
        return Decimal(str(c["value"])) <= 100, f"{c['value']} <= 100"
    if k == "same":
        vals = [total(v) for v in c["values"]]
        return len(set(vals)) == 1, f"values {vals}"
    raise ValueError(f"unknown check kind {k!r}")


def check_numbers(c):
    """Numbers a check uses, as strings as they would appear in the text."""
    out = []
    for key in ("num", "den", "parts", "total", "a", "b", "cur", "prev", "delta", "printed", "value", "values"):
        if key not in c:
            continue
        v = c[key]
        for x in (v if isinstance(v, list) else [v]):
            out.append(str(x))
    return out


def normalise(text):
    return re.sub(r"(?<=\d),(?=\d{3})", "", text)


def occurs(num, text):
    return re.search(r"(?<![\d.])" + re.escape(num) + r"(?![\d])", text) is not None


PCT_RE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(%|％|个百分点)")


def main(path):
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    items = data["items"]
    errors, warnings = [], []
    seen = set()
    kinds, rules, traps = Counter(), Counter(), Counter()
    trapped = 0
    half = 0
    tables = 0
    for it in items:
        iid = it.get("id")
        if iid in seen:
            fail(errors, it, "duplicate id")
        seen.add(iid)
        kind = it.get("kind")
        kinds[kind] += 1
        text = it.get("text", "")
        if not isinstance(it.get("year"), int) or not 2015 <= it["year"] <= 2025:
            fail(errors, it, "bad year")
        if not 40 <= len(text) <= 300:
            fail(errors, it, f"text length {len(text)} outside 40-300")
        if "," in re.sub(r"\d,\d", "", text) or ";" in text:
            half += 1
        if "|" in text:
            tables += 1
        checks = it.get("checks") or []
        if not checks:
            fail(errors, it, "no checks")
        ntext = normalise(text)
        implicit = {str(x) for x in it.get("implicit", [])}
        used_pcts = set()
        results = []
        for c in checks:
            try:
                ok, detail = run_check(c)
            except Exception as e:  # noqa: BLE001
                fail(errors, it, f"check {c} raised {e!r}")
                continue
            results.append((ok, detail, c))
            for n in check_numbers(c):
                if n not in implicit and not occurs(n, ntext):
                    fail(errors, it, f"number {n} of check {c['kind']} not in text")
            for key in ("printed", "value"):
                if key in c and c["kind"] in ("rate", "change", "points", "bound"):
                    used_pcts.add(Decimal(str(c[key])))
            if c["kind"] == "points":
                used_pcts.update(Decimal(str(c[k])) for k in ("cur", "prev"))
            if c["kind"] == "same":
                used_pcts.update(Decimal(str(v)) for v in c["values"] if not isinstance(v, list))
        if kind == "clean":
            if "rule" in it or "evidence" in it:
                fail(errors, it, "clean item with rule/evidence")
            for ok, detail, c in results:
                if not ok:
                    fail(errors, it, f"clean check fails: {c['kind']} {detail}")
            free = it.get("free", [])
            for m in PCT_RE.finditer(ntext):
                if Decimal(m.group(1)) in used_pcts:
                    continue
                if any(m.group(0) in f or f.startswith(m.group(0)) for f in free):
                    continue
                fail(errors, it, f"percentage {m.group(0)} not covered by a check or `free`")
            for t in it.get("trap", []) or []:
                if t not in TRAP_KINDS:
                    fail(errors, it, f"unknown trap kind {t}")
                traps[t] += 1
            if it.get("trap"):
                trapped += 1
        elif kind == "defect":
            rule = it.get("rule")
            rules[rule] += 1
            if rule not in RULES:
                fail(errors, it, f"bad rule {rule}")
            ev = it.get("evidence")
            if not ev or ev not in text:
                fail(errors, it, f"evidence {ev!r} not in text")
            nfail = sum(1 for ok, _, _ in results if not ok)
            if nfail == 0:
                fail(errors, it, "defect item has no failing check")
            elif nfail > 1:
                warnings.append(f"{iid}: {nfail} failing checks (one edit breaking several relations)")
        else:
            fail(errors, it, f"bad kind {kind}")

    print(f"items: {len(items)}  clean: {kinds['clean']}  defect: {kinds['defect']}")
    print("defects per rule: " + ", ".join(f"{r} {rules[r]}" for r in sorted(RULES)))
    print(f"clean items with traps: {trapped}")
    for t, n in traps.most_common():
        print(f"  {t}: {n}")
    print(f"half-width punctuation items: {half}   table items: {tables}")
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    print("OK" if not errors else f"FAILED: {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else HERE / "holdout.yml"))
