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
from . import Check
from .numbers import POINTS, Figure, fmt_num, fmt_pct, n, value_fits
from .parts import same_family
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
    if report is not None and report.year is not None:
        # 较2025年的120件 in a report on 2026 is 较上年 by its year
        last = report.year - 1
        yoy = (*yoy, f"较{last}年", f"比{last}年", f"与{last}年", f"同{last}年")
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
            _points(result, s, f, direction, tables, yoy)
            continue
        _percent_change(result, s, i, f, direction, m, yoy)


def _percent_change(result, s, i, f: Figure, direction: int, m, yoy) -> None:
    """A percentage change with its two ends in the sentence."""
    spec, up, down, verbs, _ = _words()
    seg_start = s.segment_start(f.start)
    counts = [c for c in s.figures[:i] if c.is_count and not c.paren and c.start >= seg_start]
    is_yoy = any(w in s.text[seg_start:f.start] for w in yoy)
    ends_verb = re.compile(rf"({verbs})(了)?$")
    # last year's count: 较上年的62件, 比上年的118起 (not an increase: 较上年增加11件); a base this
    # change's own clause names comes first (…较上年的986件增长14.2%，较2024年的1058件增长6.4%)
    clause = s.clause_start(f.start)
    own = next((c for c in reversed(counts) if c.start >= clause and _BASE.search(c.lead)
                and not ends_verb.search(c.lead)), None)
    prev = own or next((c for c in reversed(counts) if any(w in c.lead for w in yoy)
                        and not ends_verb.search(c.lead)), None)
    if own is not None and not any(w in own.lead for w in yoy):
        is_yoy = False  # 较2024年的: a change over two years, not year-over-year (FG02)
    before = [c for c in counts if prev is not None and c.end <= prev.start and _family(c, prev)
              and not _BASE.search(c.lead)]  # another comparison's base is not this year's count
    if prev is not None and before and not _from_to(s, [prev, *[c for c in counts if c.start > prev.end][:1]]):
        cur = before[-1]
        # 比上年的118起增加35起，增长21.2%: the stated increase must be the difference too
        delta = next((c for c in counts if c.start > prev.end and ends_verb.search(c.lead) and _family(c, prev)),
                     None)
        if delta is not None and cur.exact and prev.exact:
            sign = _direction(ends_verb.search(delta.lead).group(1))
            diff = cur.value - prev.value
            if abs(abs(diff) - delta.value) > 1e-9 or sign and diff * sign < 0:
                msg = (f"{n(cur)}与上年{n(prev)}相差{fmt_num(abs(diff))}，不是"
                       f"{ends_verb.search(delta.lead).group(1)}{delta.text}。")
                result.add(_check(s, [cur, prev, delta], False, "FG05", msg))
                return
        _yoy(result, s, prev, cur, f, direction, own is None or is_yoy)
        return
    # this year's count and the increase: 1,604件，较上年增加214件，增长15.4%
    delta = next((c for c in reversed(counts) if ends_verb.search(c.lead) and any(w in c.lead for w in yoy)), None)
    if delta is not None:
        before = [c for c in counts if c.end <= delta.start and _family(c, delta)]
        if not before:
            return
        cur = before[-1]
        sign = _direction(ends_verb.search(delta.lead).group(1))
        prev_value = cur.value - sign * delta.value
        if prev_value <= 0 or not (cur.exact and delta.exact):
            return
        expr_prev = f"({n(cur)} {'-' if sign > 0 else '+'} {n(delta)})"
        _judge(result, s, [cur, delta, f], cur.value, prev_value, f, direction, expr_prev, n(cur), "FG05")
        return
    # 由50件增至65件，增长30% / 从36支减少至10支，精简比例达73%
    pair = _from_to(s, [c for c in counts if not any(g.unit == "%" and c.end <= g.start < f.start
                                                    for g in s.figures)])
    if pair is None:
        # 比上年下降了38.6%，由上年的1,514次降至1,027次: the two ends follow the change
        later = [c for c in s.figures[i + 1:] if c.is_count and not c.paren and c.start < s.segment_end(f.end)]
        pair = _from_to(s, later[:2]) if len(later) >= 2 else None
        if pair is None:
            return
    prev, cur = pair
    _yoy(result, s, prev, cur, f, direction, is_yoy or "上年" in prev.lead)


# the words that make a count the base of a comparison: 较上年的, 比2024年的, 与上年同期的
_BASE = re.compile(r"(较|比|与)(上年|去年|上一年|\d{4}年)(同期)?(相比)?的?\s?$")


def _from_to(s, counts):
    """(A, B) of 由A增至B / 从A减少到B among the last two counts, else None."""
    _, _, _, verbs, _ = _words()
    if len(counts) < 2:
        return None
    a, b = counts[-2], counts[-1]
    if not re.fullmatch(rf"\s?({verbs})(了)?(至|为|到)\s?", s.between(a, b)):
        return None
    if not re.search(r"(从|由)[^,;。]{0,20}$", s.text[s.start:a.start]):
        return None
    return a, b


def _yoy(result, s, prev: Figure, cur: Figure, f: Figure, direction: int, is_yoy: bool) -> None:
    if not (cur.exact and prev.exact) or prev.value <= 0 or not _family(cur, prev):
        return
    _judge(result, s, [prev, cur, f], cur.value, prev.value, f, direction, n(prev), n(cur),
           "FG05" if is_yoy else "FG02")


def _family(a: Figure, b: Figure) -> bool:
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


def _points(result, s: Sentence, f: Figure, direction: int, tables, yoy=None) -> None:
    """提高N个百分点: this year's rate less last year's, both in the sentence or in a table."""

    text = s.text
    # 由上年的86.2%提高到95%，提高8.8个百分点
    pcts = [g for g in s.figures if g.unit == "%" and g.end <= f.start and g.exact]
    if len(pcts) >= 2:
        a, b = pcts[-2], pcts[-1]
        if re.search(r"(由|从)[^,;。]{0,16}$", text[s.start:a.start]) and re.fullmatch(
                r"\s?(提高|提升|上升|增加|下降|降低|减少)(了)?(到|至)\s?", text[a.end:b.start]):
            _judge_points(result, s, [a, b, f], b.value, a.value, f, direction, n(a) + "%", n(b) + "%")
            return
        # 纠错率为16.3%，比上年的12.8%提高4.5个百分点
        if any(w in b.lead for w in (yoy or _words()[4])) and s.segment_start(a.start) == s.segment_start(f.start):
            _judge_points(result, s, [b, a, f], a.value, b.value, f, direction, n(b) + "%", n(a) + "%")
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
                      n(cur) + "%", name=name.strip(), where="表中")


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
                  cur_expr: str, name: str = "", where: str = "") -> None:
    """`where`: 表中 when the two rates are read from a table, not from the sentence (the message says
    so, else a writer looks for them in the sentence)."""
    diff = cur - prev
    ok = True
    msg = ""
    if direction and diff * direction < 0 and abs(diff) > 1e-9:
        ok = False
        msg = (f"{name}{where and '按' + where + '数字'}由{prev_expr}到{cur_expr}是{'提高' if diff > 0 else '下降'}，"
               f"不是{'提高' if direction > 0 else '下降'}{f.text}。")
    elif not value_fits(f, abs(diff)):
        ok = False
        said = f"{where}本年{cur_expr}、上年{prev_expr}，" if where else ""
        msg = (f"{name}变化{f.text}与{where or '所列'}数字不符：{said}{cur_expr} - {prev_expr} = "
               f"{fmt_num(round(diff, 4))}个百分点。")
    result.add(_check(s, figs, ok, None if ok else "FG05", msg))


def _check(s: Sentence, figs, ok, rule=None, message=""):
    return Check("change", figs, ok, rule, message, (s.paragraph, s.start, s.end))


def check_table(result, t) -> None:
    """A table's 同比 column against its this-year and last-year columns."""
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
