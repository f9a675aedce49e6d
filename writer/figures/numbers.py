"""Numbers as reports print them: Arabic (1,352 / 98.3 / 1.2万), Chinese (两千余, 十余), 百分之N.

A printed number stands for an interval. A count written 280余 is any value from 280 up to the
next step of its last significant digit (280–289); 98.3% is any value that rounds or truncates to
it; 以上/以下/约/近 widen the interval accordingly. Checks compare intervals, as statcheck and GRIM do.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import checklists

_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
POINTS = "个百分点"  # the unit of a difference of two rates


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


@dataclass(eq=False)
class Figure:
    """One number as stated: its interval, unit, and where it is (offsets in the paragraph)."""

    paragraph: int
    start: int
    end: int
    text: str  # as printed, e.g. "98.3%", "两千余件"
    lo: float
    hi: float
    unit: str  # "%" for percentages, POINTS for 个百分点
    decimals: int = 0
    approx: str | None = None  # the approximation word, if any
    exact: bool = True
    sign: int = 0  # -1 / +1 when the number carries a sign (a table's -4.7%)
    # the indicator key from checklists/indicators.yml (行政复议.受理), when the prose names one;
    # with the report's region and year it identifies the figure across reports (FG05, mine)
    indicator: str | None = None
    indicator_exact: bool = False  # the words name the indicator and nothing more (受理行政复议案件, not 受理审批法律援助申请)
    current: bool = True  # False when the clause compares, accumulates or plans (同比, 累计, 力争)
    phrase: str = ""  # the measure and what it counts, fillers removed: two equal phrases state one figure
    sentence: tuple[int, int] = (0, 0)  # the span of its sentence in the paragraph
    # what the figure counts, as read from its sentence or table cell (see sentence.py)
    lead: str = ""  # the words from the previous boundary up to the number
    tail: str = ""  # the words after the unit up to the next boundary
    measure: str | None = None  # the measure word of checklists/figures.yml that names it (受理, 合格)
    paren: bool = False  # inside parentheses: an annotation of the figure before (含上年结转5件)
    cell: tuple[int, int, int] | None = None  # (table, row, column) when read from a table
    label: str = ""  # a table cell's row label (受理（件）) or a rate's name (调解成功率)
    extra: dict = field(default_factory=dict)
    printed: float | None = None  # the number as printed (1.2万 → 12000), when it differs from lo

    @property
    def value(self) -> float:
        return self.lo if self.printed is None else self.printed

    @property
    def is_count(self) -> bool:
        return self.unit not in ("%", POINTS)

    def overlaps(self, other: Figure) -> bool:
        """Whether the two can be one value: their intervals (what the printed digits allow) meet."""
        return not (self.hi < other.lo - 1e-9 or other.hi < self.lo - 1e-9)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    spec = checklists.figures()
    units = sorted(spec.units, key=len, reverse=True)
    unit_rx = "|".join(map(re.escape, units))
    before = "|".join(map(re.escape, sorted(spec.approx_before, key=len, reverse=True)))
    # bounded runs that start where a number starts, so a 10,000-digit run is read in linear time
    cn = "零〇一二两三四五六七八九十百千"
    # every match starts with one of these (an approximation word, a space, 百分之, a digit, a numeral):
    # one class test rejects the other positions before the alternatives are tried at each
    firsts = "".join(sorted({w[0] for w in spec.approx_before if w}))
    opening = rf"(?=[{re.escape(firsts)}\s\d{cn}])" if all(spec.approx_before) else ""
    number = (rf"(?P<num>(?<![\d.])(?:\d{{1,3}}(?:,\d{{3}}){{1,4}}|\d{{1,12}})(?:\.\d{{1,6}})?(?![\d,]\d)|"
              rf"(?<![{cn}万亿])[{cn}]{{1,12}}(?:[万亿][{cn}]{{0,8}})?)")
    return re.compile(
        rf"{opening}(?P<pre>{before})?\s?(?:百分之(?P<pct_cn>[零一二三四五六七八九十百点]{{1,10}})|{number}\s?(?P<mult>万(?!元)|亿(?!元))?\s?"
        rf"(?P<mid>余|多)?\s?(?P<unit>%|‰|{re.escape(POINTS)}|{unit_rx}))(?P<post>以上|以下|左右|上下|许)?")


_ELLIPTIC_POINTS = re.compile(r"[、和及与]\s?\d+(?:\.\d+)?\s?个百分点")


def extract_text(paragraph: int, text: str) -> list[Figure]:
    """Every figure of one paragraph's (width-folded) text."""
    out = []
    for m in _pattern().finditer(text):
        fig = _figure(paragraph, text, m)
        if fig is not None:
            out.append(fig)
    return out


def _figure(paragraph: int, text: str, m: re.Match) -> Figure | None:
    start, end = m.start(), m.end()
    while start < end and text[start].isspace():
        start += 1
    pre, pct_cn, num, mult, mid, unit, post = m.group("pre", "pct_cn", "num", "mult", "mid", "unit", "post")
    if pct_cn:
        whole, _, frac = pct_cn.partition("点")
        v = cn_number(whole)
        if v is None:
            return None
        digits = "".join(str(_CN_DIGIT[c]) for c in frac if c in _CN_DIGIT)
        value = float(f"{v}.{digits}") if digits else float(v)
        decimals, unit = len(digits), "%"
    else:
        at = m.start("num")
        prev = text[at - 1] if at > 0 else ""
        if prev in "第[" or prev.isdigit() or prev == "." or prev == ",":
            return None  # 第3次, [2019]28号, the tail of a longer number
        if num[0].isdigit():
            decimals = len(num.split(".")[1]) if "." in num else 0
            value = float(num.replace(",", ""))
        else:
            v = cn_number(num)
            if v is None or num == "一" and unit in ("次", "个", "项", "件", "批", "场", "支", "部", "名", "人"):
                return None  # 一次, 一批: words, not figures
            value, decimals = float(v), 0
        if mult:
            value *= 10000 if mult == "万" else 10**8
        if unit == "个" and _ELLIPTIC_POINTS.match(text, end):
            unit = POINTS  # 提高1.7个、2.3个百分点: the first is points too
    approx = pre or mid or post
    lo, hi = (value, value) if approx is None and not mult else interval(value, decimals, approx, mult)
    # 1.2万 is rounded to a thousand: a range, not a value to compute a rate from
    return Figure(paragraph=paragraph, start=start, end=end, text=text[start:end], lo=lo, hi=hi,
                  unit=unit, decimals=decimals, approx=approx, exact=approx is None and not mult,
                  printed=value)


def interval(value: float, decimals: int, approx: str | None, mult: str | None = None) -> tuple[float, float]:
    """The values a printed number may stand for (counts: exact unless approximated)."""
    word = approx or ""
    if word in ("余", "多"):
        return value, value + _last_step(value, decimals, mult)
    if word in ("以上", "逾", "超过"):
        return value, math.inf
    if word == "以下":
        return -math.inf, value
    if word in ("近", "将近"):
        return value * 0.9, value
    if word:  # 约, 左右, 上下, 许
        return value * 0.9, value * 1.1
    if mult:  # 1.2万件: printed to 0.1万
        step = 10 ** -decimals * (10000 if mult == "万" else 10**8)
        return value - step / 2, value + step / 2
    return value, value


def _last_step(value: float, decimals: int, mult: str | None) -> float:
    """280余 → 10, 5,600余 → 100, 1.3万余 → 1000: the place of the last significant digit."""
    if decimals:
        step = 10.0 ** -decimals
        return step * (10000 if mult == "万" else 10**8 if mult == "亿" else 1)
    n = int(round(value))
    if n <= 0:
        return 1
    step = 1
    while n % 10 == 0 and n >= 10:
        n //= 10
        step *= 10
    return step


def rate_fits(stated: Figure, computed: float) -> bool:
    """Whether `computed` (a percentage) can be printed as `stated`, rounded or truncated."""
    return value_fits(stated, computed)


def value_fits(stated: Figure, computed: float) -> bool:
    step = 10 ** -stated.decimals
    eps = 1e-9
    word = stated.approx or ""
    v = stated.value
    if word in ("以上", "超过", "逾"):
        return computed >= v - step / 2 - eps
    if word == "以下":
        return computed <= v + step / 2 + eps
    if word in ("余", "多"):
        return stated.lo - eps <= computed < stated.hi + eps
    if word:
        return abs(computed - v) <= max(1.0, step, abs(v) * 0.1) + eps
    rounded = v - step / 2 - eps <= computed < v + step / 2 + eps
    truncated = v - eps <= computed < v + step + eps
    return rounded or truncated


def fmt_pct(x: float, decimals: int) -> str:
    """Rounded half up, as reports round (292 ÷ 320 = 91.25 → 91.3%), not to the binary float's
    nearest (which prints 91.2%)."""
    from decimal import ROUND_HALF_UP, Decimal

    d = max(decimals, 1)
    q = Decimal(repr(round(x, 9))).quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP)
    return f"{q}%"


def n(f: Figure) -> str:
    """A figure's value as a plain number for a message (1,352 → 1352)."""
    v = f.value
    return str(int(v)) if v == int(v) else f"{v:g}"


def fmt_num(v: float) -> str:
    return str(int(v)) if v == int(v) else f"{v:g}"
