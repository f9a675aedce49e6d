"""Numeric claims in a report and the relations its prose states between them.

Extraction keeps each number as printed (decimals matter: 98.3% stands for an interval), turns
approximations (余 多 近 约 以上) into ranges, and reads Chinese numerals (两千余件, 十余次, 1.2万).
Relations are checked like statcheck/GRIM: a printed figure stands for every value that rounds
or truncates to it, and a finding is made only when no value in that interval fits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import checklists
from .models import Report, memo
from .text import sentences

_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}


def cn_number(s: str) -> int | None:
    """Value of a Chinese numeral: 十 → 10, 两千 → 2000, 一万二千三百 → 12300."""
    if not s or any(c not in _CN_DIGIT and c not in _CN_UNIT and c not in "万亿" for c in s):
        return None
    total, section, digit = 0, 0, None
    for c in s:
        if c in _CN_DIGIT:
            digit = _CN_DIGIT[c]
        elif c in _CN_UNIT:
            section += (1 if digit is None else digit) * _CN_UNIT[c]
            digit = None
        else:  # 万 or 亿 closes a section
            section += digit or 0
            total += (section or 1) * (10000 if c == "万" else 10**8)
            section, digit = 0, None
    return total + section + (digit or 0)


@dataclass
class Figure:
    """One number as stated: its interval, unit, and where it is (offsets in the paragraph)."""

    paragraph: int
    start: int
    end: int
    text: str  # as printed, e.g. "98.3%", "两千余件"
    lo: float
    hi: float
    unit: str  # "%" for percentages
    decimals: int = 0
    approx: str | None = None  # the approximation word, if any
    exact: bool = True
    # the indicator key from checklists/indicators.yml (行政复议.受理), when the prose names one;
    # with the report's region and year it identifies the figure across reports (FG05, mine)
    indicator: str | None = None
    current: bool = True  # False when the clause compares, accumulates or plans (同比, 累计, 力争)
    phrase: str = ""  # the measure and what it counts, fillers removed: two equal phrases state one figure
    sentence: tuple[int, int] = (0, 0)  # the span of its sentence in the paragraph

    @property
    def value(self) -> float:
        return self.lo


@dataclass
class Check:
    """A relation the text states, and whether its figures agree."""

    kind: str  # "rate" | "parts"
    figures: list[Figure]
    ok: bool
    rule: str | None = None
    message: str = ""
    sentence: tuple[int, int, int] = (0, 0, 0)  # paragraph, start, end


@dataclass
class FigureAnalysis:
    figures: list[Figure] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)

    @property
    def checkable(self) -> int:
        ids = {id(f) for c in self.checks for f in c.figures}
        return len(ids)

    @property
    def inconsistent(self) -> int:
        return sum(1 for c in self.checks if not c.ok)


@lru_cache(maxsize=1)
def _patterns():
    spec = checklists.figures()
    units = sorted(spec.units, key=len, reverse=True)
    unit_rx = "|".join(map(re.escape, units))
    before = "|".join(map(re.escape, sorted(spec.approx_before, key=len, reverse=True)))
    number = r"(?P<num>\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+(?:[万亿][零〇一二两三四五六七八九十百千]*)?)"
    rx = re.compile(
        rf"(?P<pre>{before})?\s*(?:百分之(?P<pct_cn>[零一二三四五六七八九十百点]+)|{number}\s*(?P<mult>万|亿)?\s*"
        rf"(?P<mid>余|多)?\s*(?P<unit>%|‰|{unit_rx}))(?P<post>以上|以下|左右|上下|许)?")
    groups = [set(g) for g in spec.unit_groups]
    return rx, groups, re.compile(spec.rate_before)


def _same_group(a: str, b: str, groups) -> bool:
    return a == b or any(a in g and b in g for g in groups)


def extract(report: Report) -> list[Figure]:
    rx, _, _ = _patterns()
    out: list[Figure] = []
    for p in report.body():
        text = p.norm
        for m in rx.finditer(text):
            fig = _figure(p.index, text, m)
            if fig is not None:
                out.append(fig)
    return out


def _figure(paragraph: int, text: str, m: re.Match) -> Figure | None:
    start, end = m.start(), m.end()
    while start < end and text[start].isspace():
        start += 1
    num, unit = m.group("num"), m.group("unit")
    if m.group("pct_cn"):
        v = cn_number(m.group("pct_cn").split("点")[0])
        if v is None:
            return None
        value, decimals, unit = float(v), 0, "%"
    else:
        prev = text[m.start("num") - 1] if m.start("num") > 0 else ""
        if prev in "第〔[" or prev.isdigit() or prev == ".":
            return None  # 第3次, 〔2019〕28号, the tail of a longer number
        if num[0].isdigit():
            decimals = len(num.split(".")[1]) if "." in num else 0
            value = float(num.replace(",", ""))
        else:
            v = cn_number(num)
            if v is None or num in ("一",) and unit in ("次", "个", "项", "件", "批", "场", "支", "部"):
                return None  # 一次, 一批: words, not figures
            value, decimals = float(v), 0
        if m.group("mult"):
            value *= 10000 if m.group("mult") == "万" else 10**8
    approx = m.group("pre") or m.group("mid") or m.group("post")
    lo = hi = value
    exact = approx is None
    step = 10 ** -decimals if decimals else 1
    word = approx or ""
    if word in ("余", "多", "逾", "超过"):
        lo, hi = value, value * 1.5 + step
    elif word == "以上":
        lo, hi = value, float("inf")
    elif word == "以下":
        lo, hi = float("-inf"), value
    elif word in ("近", "将近"):
        lo, hi = value * 0.9, value
    elif word:
        lo, hi = value * 0.9, value * 1.1
    return Figure(paragraph=paragraph, start=start, end=end, text=text[start:end], lo=lo, hi=hi,
                  unit=unit, decimals=decimals, approx=approx, exact=exact)


def rate_fits(stated: Figure, computed: float) -> bool:
    """Whether `computed` (a percentage) can be printed as `stated`, rounded or truncated."""
    step = 10 ** -stated.decimals
    eps = 1e-9
    word = stated.approx or ""
    v = stated.value
    if word == "以上":
        return computed >= v - step / 2 - eps
    if word == "以下":
        return computed <= v + step / 2 + eps
    if word:
        return abs(computed - v) <= max(1.0, step) + eps
    rounded = v - step / 2 - eps <= computed < v + step / 2 + eps
    truncated = v - eps <= computed < v + step + eps
    return rounded or truncated


def fmt_pct(x: float, decimals: int) -> str:
    return f"{x:.{max(decimals, 1)}f}%"


def analyse(report: Report) -> FigureAnalysis:
    return memo(report, "figures", _analyse)


def _analyse(report: Report) -> FigureAnalysis:
    spec = checklists.figures()
    _, groups, rate_before = _patterns()
    figs = extract(report)
    result = FigureAnalysis(figures=figs)
    by_para: dict[int, list[Figure]] = {}
    for f in figs:
        by_para.setdefault(f.paragraph, []).append(f)
    for pidx, pfigs in by_para.items():
        text = report.para(pidx).norm
        for s, e in sentences(text):
            sfigs = [f for f in pfigs if s <= f.start < e]
            for f in sfigs:
                f.sentence = (s, e)
            if sfigs:
                _tag(text, s, sfigs, report.year)
                _rates(result, text, pidx, s, e, sfigs, spec, groups, rate_before)
                _parts(result, text, pidx, s, e, sfigs, groups)
                _outcomes(result, text, pidx, s, e, sfigs, spec, groups)
                _changes(result, text, pidx, s, e, sfigs, spec, groups)
    _conflicts(result, report, groups)
    _subsets(result, report, groups)
    return result


@dataclass
class _Index:
    """checklists/indicators.yml prepared once: the tagger runs for every figure of every report."""

    data: checklists.IndicatorsData
    topics: list[str]
    rates: list[tuple[str, str]]
    words: dict[str, re.Pattern]  # key → its topic and measure words, longest first
    strip: dict[str, list[str]]  # key → words that do not change what is counted
    labels: dict[str, str]


@lru_cache(maxsize=1)
def _indicator_index() -> _Index:
    data = checklists.indicators()
    longest = lambda ws: sorted(set(ws), key=lambda w: (-len(w), w))  # noqa: E731  (stable order)
    return _Index(
        data=data,
        topics=longest(t for ind in data.indicators for t in ind.topic),
        rates=sorted(((r, ind.key) for ind in data.indicators for r in ind.rate),
                     key=lambda x: len(x[0]), reverse=True),
        words={ind.key: re.compile("|".join(map(re.escape, longest([*ind.topic, *ind.measure]))))
               for ind in data.indicators if ind.measure},
        strip={ind.key: longest([*ind.topic, *data.fillers, *data.scopes]) for ind in data.indicators},
        labels={ind.key: ind.label for ind in data.indicators})


def indicator_label(key: str) -> str:
    return _indicator_index().labels[key]


_YEAR_IN_TEXT = re.compile(r"(?<!\d)(19|20)\d{2}(?=年)")


def _tag(text: str, s: int, sfigs: list[Figure], year: int | None) -> None:
    """Name each figure's indicator: a rate by its name, a count by its measure and topic.

    A count is tagged only when a measure word (受理) stands right before it, with at most a
    few words between them besides the topic and fillers (受理各类行政复议案件65件); the topic is
    in that stretch or is the nearest topic earlier in the sentence (收到行政复议申请74件，其中受理67件).
    """
    idx = _indicator_index()
    data = idx.data
    for f in sfigs:
        clause = _clause(text, f.start, s)
        head = text[s:f.start]
        years = {int(y.group(0)) for y in _YEAR_IN_TEXT.finditer(head)}
        f.current = not any(w in clause for w in data.not_current) and not (
            year is not None and years - {year}) and "分别" not in clause
        if f.unit == "%":
            f.indicator = next((key for r, key in idx.rates if r in clause[-20:]), None)
            f.phrase = f.indicator or ""
            continue
        # one item of an enumeration (指派刑事案件518件、民事案件66件): start after the previous figure
        prev_end = max([g.end for g in sfigs if g.end <= f.start], default=s)
        item = text[max(prev_end, f.start - len(clause)):f.start]
        nearest = _nearest_topic(head, idx.topics)
        best: tuple[int, str, str] | None = None  # (position of the measure, key, phrase)
        for ind in data.indicators:
            if ind.unit == "%" or not _same_unit(f.unit, ind.unit):
                continue
            k, m = _last_measure(item, ind, idx.words[ind.key])
            if k < 0:
                continue
            obj = item[k + len(m):]
            rest = obj
            for w in idx.strip[ind.key]:
                rest = rest.replace(w, "")
            named = any(t in obj for t in ind.topic)
            # without the topic in between, only the bare measure may stand there (其中受理67件)
            if len(rest) > (4 if named else 0) or not (named or nearest in ind.topic):
                continue
            if best is None or k > best[0]:
                best = (k, ind.key, m + rest)
        if best is not None:
            f.indicator, f.phrase = best[1], best[2]


def _nearest_topic(head: str, topics: list[str]) -> str | None:
    best, best_end = None, -1
    for t in topics:
        k = head.rfind(t)
        if k != -1 and k + len(t) > best_end:
            best, best_end = t, k + len(t)
    return best


def _last_measure(item: str, ind, words: re.Pattern) -> tuple[int, str]:
    """The last measure word of `ind` in `item`, read left to right with the topic words, so that
    neither a measure inside a topic (人民调解) nor one straddling two words (审结案件) counts."""
    best = (-1, "")
    for mm in words.finditer(item):
        if mm.group(0) in ind.measure:
            best = (mm.start(), mm.group(0))
    return best


def _same_unit(a: str, b: str) -> bool:
    _, groups, _ = _patterns()
    return _same_group(a, b, groups)


def _scope(report: Report, f: Figure, scopes: list[str]) -> frozenset[str]:
    """The scope words (全区, 区本级 …) in the figure's sentence before it: two scopes, two counts."""
    return frozenset(w for w in scopes if w in report.para(f.paragraph).norm[f.sentence[0]:f.start])


def _conflicts(result: FigureAnalysis, report: Report, groups) -> None:
    """FG04: one indicator, in this year's own scope, stated with two values that cannot agree."""
    data = checklists.indicators()
    seen: dict[tuple[str, str, frozenset[str]], Figure] = {}
    for f in result.figures:
        if not (f.indicator and f.current):
            continue
        sent_start, sent_end = f.sentence
        key = (f.indicator, f.phrase, _scope(report, f, data.scopes))
        first = seen.get(key)
        if first is None:
            seen[key] = f
            continue
        if first.paragraph == f.paragraph and first.sentence == f.sentence:
            continue  # one sentence listing one indicator twice enumerates sub-scopes
        if not _same_group(first.unit, f.unit, groups):
            continue
        if first.hi < f.lo or f.hi < first.lo:
            label = indicator_label(f.indicator)
            msg = (f"同一指标“{label}”前后数值不一致：第{first.paragraph}段为{first.text}，"
                   f"此处为{f.text}。")
            result.checks.append(Check("conflict", [first, f], False, "FG04", msg,
                                       (f.paragraph, sent_start, sent_end)))
        else:
            result.checks.append(Check("conflict", [first, f], True))


def _subsets(result: FigureAnalysis, report: Report, groups) -> None:
    """FG01: a count that is part of another (受理 of 收到) stated larger than it, in one paragraph."""
    data = checklists.indicators()
    if not data.subsets:
        return
    paired = {(id(c.figures[0]), id(f)) for c in result.checks if c.kind == "parts" for f in c.figures[1:]}
    by_para: dict[int, list[Figure]] = {}
    for f in result.figures:
        if f.indicator and f.current and f.unit != "%":
            by_para.setdefault(f.paragraph, []).append(f)
    for pidx, figs in by_para.items():
        def scope(f: Figure) -> frozenset[str]:
            return _scope(report, f, data.scopes)

        for sub in data.subsets:
            parts = [f for f in figs if f.indicator == sub.part]
            wholes = [f for f in figs if f.indicator == sub.whole]
            for part in parts:
                # the nearest whole of the same scope
                same = [w for w in wholes if scope(w) == scope(part) and _same_group(w.unit, part.unit, groups)]
                if not same:
                    continue
                whole = min(same, key=lambda w: abs(w.start - part.start))
                if (id(whole), id(part)) in paired:
                    continue  # 收到70件，其中受理55件: already checked as parts of a whole
                ok = part.lo <= whole.hi
                msg = "" if ok else (f"{indicator_label(part.indicator)}{part.text}多于"
                                     f"{indicator_label(whole.indicator)}{whole.text}：{sub.why}。")
                s = min(whole.sentence[0], part.sentence[0])
                e = max(whole.sentence[1], part.sentence[1], whole.end, part.end)
                result.checks.append(Check("parts", [whole, part], ok, None if ok else "FG01", msg, (pidx, s, e)))


def _clause(text: str, start: int, floor: int) -> str:
    """The clause that holds position `start` (from the previous comma)."""
    cut = max(text.rfind(",", floor, start), text.rfind(":", floor, start), floor - 1)
    return text[cut + 1:start]


def _rates(result, text, pidx, s, e, sfigs, spec, groups, rate_before) -> None:
    for i, rate in enumerate(sfigs):
        if rate.unit != "%":
            continue
        head = text[max(s, rate.start - 40):rate.start]
        m = rate_before.search(head)
        if not m:
            continue
        name_start = max(s, rate.start - 40) + m.start()
        # the rate's own name: the words between the previous comma and 率/占
        rate_name = _clause(text, name_start, s) + m.group(1)
        if rate.value > 100 + 1e-9 and not rate.approx == "以下":
            result.checks.append(Check("rate", [rate], False, "FG03",
                                       f"“{rate_name.strip()}{rate.text}”超过100%，不可能。", (pidx, s, e)))
            continue
        if "均" in (m.group(2) or "") or "分别" in (m.group(2) or ""):
            continue  # several rates share one figure: the counts cannot be paired
        counts = [f for f in sfigs[:i] if f.unit != "%" and f.exact]
        if len(counts) < 2:
            continue
        named = m.group(1).startswith("占") and m.group(1) != "占比"
        stem = re.sub(r"(率|比例|比重|占比)$", "", rate_name.strip())[-4:]
        num = counts[-1]
        num_clause = _clause(text, num.start, s)
        part_hint = any(c in num_clause for c in spec.part_cues) or (len(stem) >= 2 and (
            stem[-2:] in num_clause or stem[:2] in num_clause))
        if not part_hint:
            continue
        defn = next((d for d in spec.rate_definitions if d.rate in rate_name), None)
        if defn is not None and _defined_rate(result, text, pidx, s, e, counts, num, rate, rate_name, defn):
            continue
        den = None
        if named:
            noun = re.sub(r"(总数|总量|总额|的|全部|所有|案件|数)", "", m.group(1)[1:])[:4]
            for f in counts[:-1]:
                if noun and noun[:2] in _clause(text, f.start, s):
                    den = f
                    break
            if den is None:
                continue  # the denominator the sentence names is not among its counts
        else:
            # the nearest earlier count that reads as a whole (共、排查、受理……)
            for f in reversed(counts[:-1]):
                if any(c in _clause(text, f.start, s) for c in spec.whole_cues):
                    den = f
                    break
        if den is None or not _same_group(den.unit, num.unit, groups):
            continue
        # 认领1254个…、443个…: a whole given as an enumeration is their sum
        dens = _enumeration(text, counts[:-1], den, num.unit, groups)
        den_value = sum(f.value for f in dens)
        den_text = " + ".join(_n(f) for f in dens) if len(dens) > 1 else _n(den)
        if den_value <= 0:
            continue
        if num.value > den_value:
            result.checks.append(Check("rate", [*dens, num, rate], False, "FG03",
                                       f"部分数{num.text}大于总数{den.text}，{rate_name.strip()}不可能是{rate.text}。",
                                       (pidx, s, e)))
            continue
        computed = num.value / den_value * 100
        ok = rate_fits(rate, computed)
        msg = ""
        if not ok:
            msg = (f"{rate_name.strip()}{rate.text}与所列数字不符：{_n(num)} ÷ {den_text if len(dens) == 1 else '(' + den_text + ')'} = "
                   f"{fmt_pct(computed, rate.decimals)}，与所述{rate.text}不符。")
        result.checks.append(Check("rate", [*dens, num, rate], ok, None if ok else "FG02", msg, (pidx, s, e)))


def _defined_rate(result, text, pidx, s, e, counts, num, rate, rate_name, defn) -> bool:
    """A rate with an official denominator (纠错率: 审结, or 审结 less 调解/撤回…), when the sentence
    states it. Returns False when it does not, so the general pairing applies."""
    def has(f: Figure, cues: list[str]) -> bool:
        return any(c in _clause(text, f.start, s) for c in cues)

    dens = [f for f in counts if f is not num and has(f, defn.denominator)]
    if not dens:
        return False
    den = dens[-1]
    if den.value <= 0 or num.value > den.value:
        return False
    minus = [f for f in counts if f.start > den.start and f is not num and has(f, defn.minus)]
    options = [(den.value, _n(den))]
    if minus and den.value - sum(f.value for f in minus) > 0:
        options.append((den.value - sum(f.value for f in minus),
                        f"({_n(den)} - {' - '.join(_n(f) for f in minus)})"))
    ok = any(rate_fits(rate, num.value / v * 100) for v, _ in options)
    msg = ""
    if not ok:
        v, expr = options[0]
        right = f"{_n(num)} ÷ {expr} = {fmt_pct(num.value / v * 100, rate.decimals)}"
        wrong = [f for f in counts if f is not num and f is not den and has(f, defn.wrong)]
        name = rate_name.strip()
        if wrong and wrong[-1].value > 0 and rate_fits(rate, num.value / wrong[-1].value * 100):
            w = wrong[-1]
            msg = (f"{name}{rate.text}只与{defn.wrong[0]}数相符（{_n(num)} ÷ {_n(w)} = "
                   f"{fmt_pct(num.value / w.value * 100, rate.decimals)}），但{defn.rate}应以"
                   f"{defn.denominator[0]}数为分母：{right}。")
        else:
            msg = f"{name}{rate.text}与所列数字不符：{right}，与所述{rate.text}不符。"
    result.checks.append(Check("rate", [den, *minus, num, rate], ok, None if ok else "FG02", msg, (pidx, s, e)))
    return True


def _enumeration(text: str, counts: list[Figure], den: Figure, unit: str, groups) -> list[Figure]:
    """`den` with its neighbours joined by 、 (认领1254个…、443个…): together they are the whole."""
    i = counts.index(den)
    lo = hi = i

    def joined(a: Figure, b: Figure) -> bool:
        gap = text[a.end:b.start]
        return "、" in gap and "," not in gap and ";" not in gap and _same_group(b.unit, unit, groups)

    while lo > 0 and joined(counts[lo - 1], counts[lo]):
        lo -= 1
    while hi + 1 < len(counts) and joined(counts[hi], counts[hi + 1]):
        hi += 1
    return counts[lo:hi + 1]


def _n(f: Figure) -> str:
    v = f.value
    return str(int(v)) if v == int(v) else f"{v:g}"


_PARTS_START = re.compile(r"其中")


def _parts(result, text, pidx, s, e, sfigs, groups) -> None:
    """共N件，其中a件、b件、c件: an enumeration after 其中 cannot exceed its whole."""
    for m in _PARTS_START.finditer(text, s, e):
        before = [f for f in sfigs if f.end <= m.start() and f.unit != "%"]
        if not before:
            continue
        whole = before[-1]
        if not whole.exact:
            continue
        # the enumeration: figures after 其中, joined by 、 or 和/及, up to the clause end
        end = e
        for stop in (",", ";", "。"):
            k = text.find(stop, m.end(), e)
            if k != -1:
                end = min(end, k)
        parts = [f for f in sfigs if m.end() <= f.start < end and f.unit != "%"
                 and _same_group(f.unit, whole.unit, groups)]
        if not parts:
            continue
        lo = sum(f.lo for f in parts)
        if len(parts) == 1:
            part = parts[0]
            ok = part.lo <= whole.value
            msg = "" if ok else (f"“其中”部分{part.text}大于总数{whole.text}。")
        else:
            ok = lo <= whole.value
            msg = "" if ok else (f"“其中”所列各项之和为{_n_sum(parts)}，超过总数{whole.text}。")
        result.checks.append(Check("parts", [whole, *parts], ok, None if ok else "FG01", msg, (pidx, s, e)))


def _outcomes(result, text, pidx, s, e, sfigs, spec, groups) -> None:
    """审结63件，确认违法或撤销8件，维持33件，调解22件: listed outcomes sum to at most the whole."""
    counts = [f for f in sfigs if f.unit != "%"]
    i = 0
    while i < len(counts):
        whole = counts[i]
        wclause = _clause(text, whole.start, s)
        if not (whole.exact and any(c in wclause for c in spec.outcome_wholes)
                and not any(c in wclause for c in spec.outcome_cues)):
            i += 1
            continue
        parts: list[Figure] = []
        j = i + 1
        while j < len(counts):
            f = counts[j]
            clause = _clause(text, f.start, s)
            if any(c in clause for c in spec.outcome_skip):
                j += 1
                continue
            if not (any(c in clause for c in spec.outcome_cues) and _same_group(f.unit, whole.unit, groups)):
                break
            parts.append(f)
            j += 1
        if len(parts) >= 2:
            total = sum(f.lo for f in parts)
            ok = total <= whole.hi
            msg = "" if ok else (f"{_clause(text, whole.start, s).strip()}{whole.text}，所列各类结果之和为"
                                 f"{_n_sum(parts)}，超过总数{whole.text}。")
            result.checks.append(Check("parts", [whole, *parts], ok, None if ok else "FG01", msg, (pidx, s, e)))
        i = j if parts else i + 1


def _changes(result, text, pidx, s, e, sfigs, spec, groups) -> None:
    """从36支减少至10支，精简比例达73%: a change's rate is computed from its two ends."""
    verbs = "|".join(map(re.escape, sorted([*spec.change_down, *spec.change_up], key=len, reverse=True)))
    for i in range(len(sfigs) - 2):
        a, b, rate = sfigs[i], sfigs[i + 1], sfigs[i + 2]
        if a.unit == "%" or b.unit != a.unit or rate.unit != "%" or not (a.exact and b.exact):
            continue
        m = re.fullmatch(rf"\s*({verbs})(?:至|为|到)\s*", text[a.end:b.start])
        if not m or not re.search(r"(从|由)[^,;。]{0,20}$", text[s:a.start]):
            continue
        name = text[b.end:rate.start]
        if "," in name[name.find(",") + 1:] or not re.search(rf"({verbs})[^,]{{0,4}}(比例|幅度|幅|率)", name):
            continue  # the rate must follow in the next clause and name the same change
        if a.value <= 0:
            continue
        down = m.group(1) in spec.change_down
        computed = (a.value - b.value) / a.value * 100 if down else (b.value - a.value) / a.value * 100
        if computed < 0:
            continue
        ok = rate_fits(rate, computed)
        expr = f"({_n(a)} - {_n(b)}) ÷ {_n(a)}" if down else f"({_n(b)} - {_n(a)}) ÷ {_n(a)}"
        msg = "" if ok else (f"{re.sub(r'(达到|达|为|是)$', '', name.strip(',').strip())}{rate.text}与所列数字不符：{expr} = "
                             f"{fmt_pct(computed, rate.decimals)}，与所述{rate.text}不符。")
        result.checks.append(Check("rate", [a, b, rate], ok, None if ok else "FG02", msg, (pidx, s, e)))


def _n_sum(parts: list[Figure]) -> str:
    total = sum(f.value for f in parts)
    expr = " + ".join(_n(f) for f in parts)
    return f"{expr} = {int(total) if total == int(total) else total:g}"
