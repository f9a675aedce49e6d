"""Changes (FG05 for year-over-year, FG02 for other change ratios, FG03 for a fall of over 100%).

Checked only when both ends are stated: `73件，较上年的62件增长17.7%`; `较上年增加11件，增长17.7%`
(last year = this year − the increase); `由50件增至65件，增长30%`; `出庭应诉率由86.2%提高到95%，
提高8.8个百分点`; a rate's 个百分点 change when this year's and last year's rate are in a table; and
a table's 同比 column against its this-year and last-year columns. A growth above 100% is possible; a
fall above 100% is not.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import checklists
from .numbers import POINTS, Figure, fmt_num, fmt_pct, n, value_fits
from .sentence import Sentence


@lru_cache(maxsize=1)
def _words():
    spec = checklists.figures()
    up = sorted(spec.change_up, key=len, reverse=True)
    down = sorted(spec.change_down, key=len, reverse=True)
    verbs = "|".join(map(re.escape, up + down))
    return spec, set(up), set(down), verbs, tuple(spec.year_over_year)


def _direction(word: str) -> int:
    _, up, down, _, _ = _words()
    if word in down:
        return -1
    if word in up:
        return 1
    return 0


def check_sentence(result, s: Sentence, tables, report) -> None:
    spec, up, down, verbs, yoy = _words()
    figs = s.figures
    for i, f in enumerate(figs):
        if f.unit != "%" and f.unit != POINTS:
            continue
        head = s.text[s.clause_start(f.start):f.start]
        m = re.search(rf"({verbs})(了)?(幅度|比例|率)?(为|达|达到|约)?$", head)
        if not m:
            continue
        direction = _direction(m.group(1))
        if f.unit == "%" and direction < 0 and f.value > 100 + 1e-9 and not m.group(3):
            result.add(_check(s, [f], False, "FG03", f"“{m.group(1)}{f.text}”：数量下降不可能超过100%。"))
            continue
        if f.unit == POINTS:
            _points(result, s, f, direction, tables)
            continue
        _percent_change(result, s, i, f, direction, m, yoy)


def _percent_change(result, s, i, f: Figure, direction: int, m, yoy) -> None:
    """A percentage change with its two ends in the sentence."""
    spec, up, down, verbs, _ = _words()
    counts = [c for c in s.figures[:i] if c.is_count and not c.paren]
    if not counts:
        return
    last = counts[-1]
    seg_start = s.segment_start(f.start)
    is_yoy = any(w in s.text[seg_start:f.start] for w in yoy)
    prev = cur = None
    # 较上年的62件增长17.7% / 比上年减少11件，下降12%
    if any(w in last.lead for w in yoy) and last.start >= seg_start:
        if re.search(rf"({verbs})$", last.lead):  # 较上年增加11件: an increase, not last year's count
            delta = last
            before = [c for c in counts[:-1] if c.start >= seg_start and _family(c, delta)]
            if not before:
                return
            cur = before[-1]
            sign = _direction(re.search(rf"({verbs})$", last.lead).group(1))
            prev_value = cur.value - sign * delta.value
            if prev_value <= 0:
                return
            expr_prev = f"({n(cur)} {'-' if sign > 0 else '+'} {n(delta)})"
            _judge(result, s, [cur, delta, f], cur.value, prev_value, f, direction, expr_prev, n(cur),
                   "FG05")
            return
        prev = last
        before = [c for c in counts[:-1] if c.start >= seg_start and _family(c, prev)]
        if not before:
            return
        cur = before[-1]
    else:
        # 由50件增至65件，增长30% / 从36支减少至10支，精简比例达73%
        if len(counts) < 2:
            return
        a, b = counts[-2], counts[-1]
        between = s.between(a, b)
        if not re.fullmatch(rf"\s?({verbs})(了)?(至|为|到)\s?", between):
            return
        if not re.search(r"(从|由)[^,;。]{0,20}$", s.text[s.start:a.start]):
            return
        name = s.text[b.end:f.start]
        if name.count(",") > 1:
            return  # the rate must follow in the next clause
        prev, cur = a, b
        is_yoy = is_yoy or "上年" in a.lead
    if not (cur.exact and prev.exact) or prev.value <= 0 or not _family(cur, prev):
        return
    _judge(result, s, [prev, cur, f], cur.value, prev.value, f, direction, n(prev), n(cur),
           "FG05" if is_yoy else "FG02")


def _family(a: Figure, b: Figure) -> bool:
    from .parts import same_family

    return same_family(a.unit, b.unit)


def _judge(result, s, figs, cur: float, prev: float, f: Figure, direction: int, prev_expr: str,
           cur_expr: str, rule: str) -> None:
    change = (cur - prev) / prev * 100
    stated_dir = direction
    ok = True
    msg = ""
    if stated_dir and change * stated_dir < 0 and abs(change) > 1e-9:
        ok = False
        actual = "增长" if change > 0 else "下降"
        msg = (f"{fmt_num(cur)}与{fmt_num(prev)}相比是{actual}（{fmt_pct(abs(change), f.decimals)}），"
               f"不是{'增长' if stated_dir > 0 else '下降'}{f.text}。")
    elif not value_fits(f, abs(change)):
        ok = False
        expr = f"({prev_expr} - {cur_expr})" if change < 0 else f"({cur_expr} - {prev_expr})"
        name = re.sub(r"(了)?(为|达|达到|约)$", "", s.text[s.clause_start(f.start):f.start].strip())
        msg = (f"{name}{f.text}与所列数字不符：{expr} ÷ {prev_expr} = {fmt_pct(abs(change), f.decimals)}，"
               f"与所述{f.text}不符。")
    result.add(_check(s, figs, ok, None if ok else rule, msg))


def _points(result, s: Sentence, f: Figure, direction: int, tables) -> None:
    """提高N个百分点: this year's rate less last year's, both in the sentence or in a table."""
    from .rates import rates_in

    text = s.text
    # 由上年的86.2%提高到95%，提高8.8个百分点
    pcts = [g for g in s.figures if g.unit == "%" and g.end <= f.start and g.exact]
    if len(pcts) >= 2:
        a, b = pcts[-2], pcts[-1]
        if re.search(r"(由|从)[^,;。]{0,16}$", text[s.start:a.start]) and re.fullmatch(
                r"\s?(提高|提升|上升|增加|下降|降低|减少)(了)?(到|至)\s?", text[a.end:b.start]):
            _judge_points(result, s, [a, b, f], b.value, a.value, f, direction, n(a) + "%", n(b) + "%")
            return
    # 解决率、满意率分别较上年提高1.7个、1.3个百分点 / 纠错率较上年提高2.1个百分点
    clause_start = s.segment_start(f.start)
    names_text = text[clause_start:f.start]
    m = re.search(r"([^,;:。]*?率(?:[、和及][^,;:。]*?率)*)(?:分别|均)?(?:较|比|同比)", names_text)
    if not m:
        return
    names = [x for x in re.split(r"[、和及]", m.group(1)) if x.endswith("率")]
    points = [g for g in s.figures if g.unit == POINTS and g.start >= f.start]
    group = [f]
    for g in points[1:]:
        if len(text[group[-1].end:g.start].strip()) <= 1:
            group.append(g)
    if len(names) > 1 and len(group) != len(names) or len(names) == 0:
        return
    pairs = list(zip(names, group)) if len(names) > 1 else [(names[0], f)]
    for name, g in pairs:
        if g is not f and g is not group[0]:
            pass
        found = _rate_in_tables(name.strip(), tables)
        if found is None:
            continue
        cur, prev = found
        _judge_points(result, s, [prev, cur, g], cur.value, prev.value, g, direction, n(prev) + "%",
                      n(cur) + "%", name=name.strip())


def _rate_in_tables(name: str, tables) -> tuple[Figure, Figure] | None:
    for t in tables:
        c, p = t.column("current"), t.column("previous")
        if c is None or p is None:
            continue
        for r in range(len(t.rows)):
            label = t.label(r)
            if label and (label == name or name.endswith(label) and len(label) >= 3):
                row = t.rows[r]
                cur = row[c].figure if c < len(row) else None
                prev = row[p].figure if p < len(row) else None
                if cur is not None and prev is not None and cur.unit == prev.unit == "%":
                    return cur, prev
    return None


def _judge_points(result, s, figs, cur: float, prev: float, f: Figure, direction: int, prev_expr: str,
                  cur_expr: str, name: str = "") -> None:
    diff = cur - prev
    ok = True
    msg = ""
    if direction and diff * direction < 0 and abs(diff) > 1e-9:
        ok = False
        msg = f"{name}由{prev_expr}到{cur_expr}是{'提高' if diff > 0 else '下降'}，不是{'提高' if direction > 0 else '下降'}{f.text}。"
    elif not value_fits(f, abs(diff)):
        ok = False
        msg = f"{name}变化{f.text}与所列数字不符：{cur_expr} - {prev_expr} = {fmt_num(round(diff, 4))}个百分点。"
    result.add(_check(s, figs, ok, None if ok else "FG05", msg))


def _check(s: Sentence, figs, ok, rule=None, message=""):
    from . import Check

    return Check("change", figs, ok, rule, message, (s.paragraph, s.start, s.end))


def check_table(result, t) -> None:
    """A table's 同比 column against its this-year and last-year columns."""
    from . import Check

    c, p, ch = t.column("current"), t.column("previous"), t.column("change")
    if c is None or p is None or ch is None:
        return
    for r, row in enumerate(t.rows):
        if max(c, p, ch) >= len(row):
            continue
        cur, prev, chg = row[c].figure, row[p].figure, row[ch].figure
        if cur is None or prev is None or chg is None:
            continue
        direction = row[ch].direction
        label = t.label(r)
        ok, msg = True, ""
        if chg.unit == POINTS or cur.unit == "%" and prev.unit == "%":
            if chg.unit != POINTS:
                continue
            diff = cur.value - prev.value
            if direction and diff * direction < 0:
                ok, msg = False, f"“{label}”由{prev.text}到{cur.text}是{'提高' if diff > 0 else '下降'}，不是{chg.text}。"
            elif not value_fits(chg, abs(diff)):
                ok, msg = False, f"“{label}”变化{chg.text}与表中数字不符：{cur.text} - {prev.text} = {fmt_num(round(diff, 4))}个百分点。"
        elif chg.unit == "%":
            if prev.value <= 0:
                continue
            change = (cur.value - prev.value) / prev.value * 100
            if direction and change * direction < 0 and abs(change) > 1e-9:
                ok, msg = False, (f"“{label}”{n(cur)}与上年{n(prev)}相比是{'增长' if change > 0 else '下降'}，"
                                  f"不是{chg.text}。")
            elif not value_fits(chg, abs(change)):
                ok, msg = False, (f"“{label}”的变化{chg.text}与表中数字不符：({n(cur)} - {n(prev)}) ÷ {n(prev)} = "
                                  f"{'-' if change < 0 else ''}{fmt_pct(abs(change), chg.decimals)}。")
        elif chg.is_count:
            diff = cur.value - prev.value
            if direction and diff * direction < 0:
                ok, msg = False, f"“{label}”{n(cur)}与上年{n(prev)}相比不是{chg.text}。"
            elif abs(abs(diff) - chg.value) > 1e-9:
                ok, msg = False, f"“{label}”的变化{chg.text}与表中数字不符：{n(cur)} - {n(prev)} = {fmt_num(diff)}。"
        else:
            continue
        para, a, b = t.where(r)
        result.add(Check("change", [cur, prev, chg], ok, None if ok else "FG05", msg, (para, a, b),
                         evidence=None if ok else t.evidence(r)))
