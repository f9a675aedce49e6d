"""Last year's report beside this year's: pairing by unit and year, 同比 figures, copied text.

The rules FG05 and WD07 call into here with a report whose `previous` the engine has set; every
comparison is made only where the two texts identify the same thing (the same indicator in the
same words, the same paragraph, the same claim), so a report without a twin stays silent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from .models import Report
from .text import fold


@lru_cache(maxsize=1)
def data():
    """checklists/previous.yml validated (schema.PreviousData; imports pydantic, only for --previous)."""
    from .checklists import load_yaml
    from .schema import PreviousData
    from .resources import data_dir

    spec = load_yaml(data_dir("checklists") / "previous.yml", PreviousData)
    for key in ("compare", "last_value", "points"):
        try:
            re.compile(getattr(spec, key).replace("{last}", "2024"))
        except re.error as exc:
            from .errors import InputError

            raise InputError(data_dir("checklists") / "previous.yml", f"键 {key}：不是合法的正则表达式（{exc}）") from None
    return spec


@dataclass
class Issue:
    """A difference from last year's report: where it is in this year's text, and what it is."""

    paragraph: int
    start: int
    end: int
    message: str
    severity: str | None = None  # None: the rule's default


# ---------------------------------------------------------------------------------------- pairing

_PLACE_START = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:自治州|自治县|区|县|市|旗|盟|州|镇|乡|街道)")


def unit_key(name: str | None) -> str | None:
    if not name:
        return None
    key = re.sub(r"\s+", "", fold(name)).removeprefix("中共").replace("人民政府", "")
    return key or None


def same_unit(a: str | None, b: str | None) -> bool:
    """One unit named twice: 大丰区 and 盐城市大丰区 are one; 清远市司法局 and 司法局 are not."""
    a, b = unit_key(a), unit_key(b)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    head = long[: len(long) - len(short)]
    return (long.endswith(short) and bool(_PLACE_START.match(short))
            and bool(re.search(r"(?:省|市|区|县|州|盟|自治区)$", head)))


def choose_previous(report: Report, candidates: list[tuple[str, str | None, int | None]]
                    ) -> tuple[str | None, str | None]:
    """The candidate that is the same unit's report on the year before, and a note for the user."""
    if report.region is None or report.year is None:
        return None, f"{report.path}：未能确定本报告的单位或年度，未与上年报告对比（可用 --region、--year 指定）"
    want = report.year - 1
    found = [(p, r) for p, r, y in candidates if y == want and same_unit(r, report.region)]
    if not found:
        return None, f"{report.path}：上年报告文件夹中没有{report.region}{want}年度的报告，未与上年对比"
    # the same name written the same way first, then Word files (the text a unit sent), then by path
    found.sort(key=lambda pr: (unit_key(pr[1]) != unit_key(report.region),
                               Path(pr[0]).suffix.lower() != ".docx", pr[0]))
    note = None
    if len(found) > 1:
        note = (f"{report.path}：上年报告文件夹中有{len(found)}份{report.region}{want}年度的报告，"
                f"用 {found[0][0]} 对比")
    return found[0][0], note


# ------------------------------------------------------------------------------------- FG05 同比

def _name(report: Report) -> str:
    return Path(report.path).name


def _last_values(report: Report) -> dict[tuple[str, str], object]:
    """Last year's own figure for each (indicator, phrase); a key stated with two values is dropped."""
    from .figures import analyse

    out: dict[tuple[str, str], object] = {}
    bad: set[tuple[str, str]] = set()
    for f in analyse(report).figures:
        if not (f.indicator and f.current):
            continue
        key = (f.indicator, f.phrase)
        first = out.get(key)
        if first is None:
            out[key] = f
        elif not first.overlaps(f):
            bad.add(key)
    for key in bad:
        del out[key]
    return out


@lru_cache(maxsize=16)
def _patterns(last: int | None):
    spec = data()
    year = str(last) if last else "(?!x)x"
    compare = spec.compare.replace("{last}", year)
    last_value = spec.last_value.replace("{last}", year)
    dirs = "|".join(map(re.escape, sorted([*spec.up, *spec.down], key=len, reverse=True)))
    change = re.compile(rf"(?P<cmp>{compare})(?:同期)?\s*,?\s*(?P<dir>{dirs})(?:了)?")
    stated = re.compile(rf"(?P<cmp>{last_value})")
    return change, stated, re.compile(spec.points)


def _lead(gap: str) -> int:
    """Offset of the words in `gap` after the punctuation that opens it."""
    k = 0
    while k < len(gap) and gap[k] in " ,;(、":
        k += 1
    return k


def year_over_year(report: Report) -> list[Issue]:
    """同比 statements that last year's report contradicts (FG05)."""
    prev = report.previous
    if prev is None:
        return []
    from .figures import analyse, rate_fits

    spec = data()
    last = _last_values(prev)
    if not last:
        return []
    change_rx, stated_rx, points_rx = _patterns(report.year - 1 if report.year else None)
    figs = sorted(analyse(report).figures, key=lambda f: (f.paragraph, f.start))
    out: list[Issue] = []
    for f, nxt, after in zip(figs, figs[1:], [*figs[2:], None]):
        if not (f.indicator and f.current) or nxt.paragraph != f.paragraph or nxt.sentence != f.sentence:
            continue
        p = last.get((f.indicator, f.phrase))
        if p is None:
            continue
        text = report.para(f.paragraph).norm
        gap = text[f.end:nxt.start]
        k = _lead(gap)
        words = gap[k:]
        start = f.end + k
        label = _label(f.indicator)
        where = f"上年报告（{_name(prev)}）第{p.paragraph}段"
        m = change_rx.fullmatch(words)
        if m:
            sign = -1 if m.group("dir") in spec.down else 1
            issue = _change(f, nxt, p, sign, m.group("dir"), text, points_rx, where, label, rate_fits)
            if issue:
                out.append(Issue(f.paragraph, start, _points_end(text, nxt, points_rx) or nxt.end, issue))
            continue
        m = stated_rx.fullmatch(words)
        if not m or not _comparable_units(f.unit, nxt.unit) or nxt.approx or p.approx:
            continue
        if f.unit == "%":
            differ = abs(nxt.lo - p.lo) > max(10 ** -nxt.decimals, 10 ** -p.decimals) + 1e-9
        else:
            differ = not nxt.overlaps(p)
        if not differ:
            continue
        end = nxt.end
        # the change that follows belongs to the statement (较上年的62件增长15.7%)
        if after is not None and after.sentence == f.sentence and after.paragraph == f.paragraph:
            if re.fullmatch(rf"\s*({'|'.join(map(re.escape, [*spec.up, *spec.down]))})(了)?\s*",
                            text[nxt.end:after.start]):
                end = _points_end(text, after, points_rx) or after.end
        out.append(Issue(f.paragraph, start, end,
                         f"文中所写上年{label}为{nxt.text}，与{where}的{p.text}不一致。"))
    return out


def _comparable_units(a: str, b: str) -> bool:
    from . import checklists

    return a == b or any(a in g and b in g for g in checklists.figures().unit_groups)


def _label(key: str) -> str:
    from . import checklists

    return next((i.label for i in checklists.indicators().indicators if i.key == key), key)


def _pct(x: float, decimals: int) -> str:
    return f"{x:.{max(decimals, 1)}f}%"


def _points_end(text: str, fig, points_rx) -> int | None:
    """Where `5个百分点` ends, when `fig` is a change in percentage points (the reader gives it the
    unit 个百分点; an older reading took it as 5个)."""
    from .figures.numbers import POINTS

    if fig.unit == POINTS:
        return fig.end
    if fig.unit != "个":
        return None
    m = points_rx.match(text, fig.end - 1)
    return m.end() if m else None


def _point_tolerance(a, b) -> float:
    """Two printed percentages may differ by their rounding: half a step of each, plus truncation."""
    return 10 ** -a.decimals + 10 ** -b.decimals


def _n(x: float) -> str:
    return str(int(x)) if x == int(x) else f"{x:g}"


def _change(f, rate, p, sign: int, word: str, text: str, points_rx, where: str, label: str,
            rate_fits) -> str | None:
    """The message when the change `rate` (signed by `sign`) after figure `f` disagrees with last
    year's figure `p`; None when it agrees or cannot be checked."""
    finite = all(abs(v) != float("inf") for v in (f.lo, f.hi, p.lo, p.hi, rate.lo, rate.hi))
    if not finite:
        return None
    is_points = _points_end(text, rate, points_rx) is not None
    if f.unit == "%":
        if not is_points or p.unit != "%":
            return None  # a rate's change in % is ambiguous (relative or points): not checked
        diff = f.lo - p.lo
        tolerance = 10 ** -rate.decimals / 2 + _point_tolerance(f, p) / 2 + 1e-9
        if f.approx or p.approx or abs(sign * diff - rate.lo) <= tolerance:
            return None
        actual = f"{'提高' if diff >= 0 else '下降'}{abs(diff):.{max(f.decimals, p.decimals, 1)}f}个百分点"
        shown = rate.text if rate.text.endswith("百分点") else rate.text + "百分点"
        return (f"“{word}{shown}”与上年不符：按{where}的{label}{p.text}计算，"
                f"{f.text} − {p.text}，应为{actual}。")
    if rate.unit == "%":
        if p.lo <= 0:
            return None
        lo, hi = (f.lo / p.hi - 1) * 100, (f.hi / p.lo - 1) * 100
        values = (sign * lo, sign * hi)
        if any(rate_fits(rate, v) for v in values) or min(values) <= rate.value <= max(values):
            return None
        if f.approx or p.approx:
            return None  # an approximate count gives a range wide enough to be left alone
        c = (f.lo / p.lo - 1) * 100
        actual = f"{'增长' if c >= 0 else '下降'}{_pct(abs(c), rate.decimals)}"
        return (f"“{word}{rate.text}”与上年不符：按{where}的{label}{p.text}计算，"
                f"({_n(f.lo)} − {_n(p.lo)}) ÷ {_n(p.lo)} = {'−' if c < 0 else ''}{_pct(abs(c), rate.decimals)}，"
                f"应为{actual}。")
    if _comparable_units(f.unit, rate.unit) and not is_points:
        if f.approx or p.approx or rate.approx:
            return None
        diff = f.lo - p.lo
        if abs(sign * diff - rate.lo) < 1e-9:
            return None
        actual = f"{'增加' if diff >= 0 else '减少'}{_n(abs(diff))}{f.unit}"
        return (f"“{word}{rate.text}”与上年不符：按{where}的{label}{p.text}计算，"
                f"{_n(f.lo)} − {_n(p.lo)} = {_n(diff)}，应为{actual}。")
    return None


# ----------------------------------------------------------------------------------- WD07 copied

_NUM = re.compile(r"\d+(?:[.,]\d+)*")
_KEEP = re.compile(r"[^\u4e00-\u9fffA-Za-z#]")


def _mask(text: str) -> str:
    """Years and numbers masked, punctuation and spaces removed: what is left is the wording."""
    return _KEEP.sub("", _NUM.sub("#", fold(text)))


def _comparable(report: Report) -> list[tuple[int, str]]:
    spec = data()
    out = []
    for p in report.body():
        if p.in_table or (p.level is not None and not p.runin):
            continue
        masked = _mask(p.text)
        if len(masked) >= spec.min_chars:
            out.append((p.index, masked))
    return out


def copied_paragraphs(report: Report) -> list[tuple[int, int, float]]:
    """(this paragraph, last year's paragraph, share of this one's wording found there)."""
    prev = report.previous
    if prev is None:
        return []
    spec = data()
    n = spec.min_run
    olds = _comparable(prev)
    index: dict[str, set[int]] = {}
    for j, (_, masked) in enumerate(olds):
        for k in range(len(masked) - n + 1):
            index.setdefault(masked[k:k + n], set()).add(j)
    out = []
    for idx, masked in _comparable(report):
        hits: dict[int, int] = {}
        for k in range(len(masked) - n + 1):
            for j in index.get(masked[k:k + n], ()):
                hits[j] = hits.get(j, 0) + 1
        grams = max(1, len(masked) - n + 1)
        best = None
        # only a paragraph sharing most of this one's n-grams can hold most of its wording
        for j, count in sorted(hits.items(), key=lambda kv: -kv[1])[:3]:
            if count < spec.copied_share * grams * 0.5:
                break
            blocks = SequenceMatcher(None, masked, olds[j][1], autojunk=False).get_matching_blocks()
            share = sum(b.size for b in blocks if b.size >= n) / len(masked)
            if best is None or share > best[1]:
                best = (olds[j][0], share)
        if best is not None and best[1] >= spec.copied_share:
            out.append((idx, best[0], best[1]))
    return out


def copied(report: Report) -> list[Issue]:
    """Paragraphs repeated nearly verbatim from last year's report (WD07)."""
    out = []
    name = _name(report.previous) if report.previous is not None else ""
    for idx, old, share in copied_paragraphs(report):
        text = report.para(idx).text
        lead = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        out.append(Issue(idx, lead, end,
                         f"本段与上年报告（{name}）第{old}段基本相同：{share:.0%}的文字一致（年份、数字不计），"
                         "疑似照搬上年报告。"))
    return out


def _claims(report: Report, skip_parts: set[str]):
    """(paragraph, start, end, cue, claim) for each 首次/新增 claim outside the skipped parts."""
    from .structure import analyse

    spec = data()
    part_of = analyse(report).part_of
    cues = "|".join(map(re.escape, sorted(spec.novelty, key=len, reverse=True)))
    rx = re.compile(rf"({cues})([^,.;:!?。、()\[\]]{{1,24}})")
    for p in report.body():
        if p.in_table or part_of.get(p.index) in skip_parts:
            continue
        for m in rx.finditer(p.norm):
            claim = _mask(m.group(2))
            if "#" in claim or len(claim) < spec.claim_chars:
                continue  # 新增12个: a count of the year, not a claim of novelty
            yield p.index, m.start(), m.end(), m.group(1), claim


def repeated_claims(report: Report) -> list[Issue]:
    """首次/新增 claims that last year's report already made about the same thing (WD07, info)."""
    prev = report.previous
    if prev is None:
        return []
    made: dict[str, int] = {}
    for idx, _, _, _, claim in _claims(prev, {"S4"}):  # last year's plans are not claims
        for k in range(data().claim_chars, len(claim) + 1):
            made.setdefault(claim[:k], idx)
    out = []
    name = _name(prev)
    for idx, start, end, cue, claim in _claims(report, {"S4"}):
        key = claim[:8]
        if key in made:
            out.append(Issue(idx, start, end,
                             f"上年报告（{name}）第{made[key]}段已有同样的“{cue}”说法，不是本年度才有的。",
                             severity="info"))
    return out
