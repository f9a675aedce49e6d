"""WD05 wording.date: an impossible or malformed date.

Wrong::

    2024年2月30日，区政府召开常务会议专题学习《行政复议法》。
    ……
    秦州区人民政府
    2025.1.13

Right::

    2024年2月28日，区政府召开常务会议专题学习《行政复议法》。
    ……
    秦州区人民政府
    2025年1月13日

Also: a garbled run of digits where a date stood (`2022113`), a 成文日期 that does not exist
(`2022年2月29日`) or falls inside the year reported on, and a full date in the body later than the
成文日期 (unless it is a date something takes effect or is due: `自2026年2月1日起施行`). The
suggestion is the draft's own date, corrected (`2025年01月20日` → `2025年1月20日`); an unfilled
`2026年X月X日` is WD04's.

A note (info), not a warning: a 成文日期 after the day by which the report is to be sent or published
(checklists/frame.yml `date.deadlines`): a department's by 3月1日, every report's publication by
4月1日 (督察工作规定 第二十四条), so a department's report signed `2026年3月12日` or a county's signed
`2026年4月8日` on 2025. The year must come from the title, the opening or --year.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from .. import checklists
from ..wording import needles_of, rx
from .base import Rule

_DATE = re.compile(r"(?:(?<!\d)(\d{4})年)?(?<!\d)(\d{1,2})月(\d{1,2})日")
_FUTURE_OK = re.compile(r"^[^,;。]{0,6}(起|前|以前|之前|施行|实施|生效|截止|到期)")


def _why_not(y: int | None, mo: int, d: int) -> str:
    """Why a date that is not real is not: 2022年不是闰年，2月没有29日; 9月只有30天; 没有13月."""
    if not 1 <= mo <= 12:
        return f"没有{mo}月"
    if mo == 2 and d == 29 and y:
        return f"{y}年不是闰年，2月没有29日"
    return f"{mo}月只有{calendar.monthrange(y if y else 2024, mo)[1]}天"


def _year_of(report, p, at: int) -> int | None:
    """The year a date written without one (2月29日) is in: the last year named before it in its
    paragraph, else the year after the report's in the plans, else the report's year."""
    years = re.findall(r"(?<!\d)(20\d{2})年(?!\d{1,2}月\d)", p.norm[:at])
    if years:
        return int(years[-1])
    if report.year is None:
        return None
    from ..structure import plan_spans

    start = plan_spans(report).get(p.index)
    return report.year + 1 if start is not None and at >= start else report.year


def _real(y: int | None, mo: int, d: int) -> bool:
    if not 1 <= mo <= 12 or d < 1:
        return False
    last = calendar.monthrange(y if y else 2024, mo)[1]  # no year: allow 2月29日
    return d <= last


_CN = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0, "O": 0, "0": 0}


def _cn_number(s: str) -> int | None:
    """二〇二一 → 2021 (digit by digit), 二十八 → 28, 十 → 10."""
    if not s:
        return None
    if "十" in s:
        head, _, tail = s.partition("十")
        if len(head) > 1 or len(tail) > 1 or any(c not in _CN for c in head + tail):
            return None
        return (_CN[head] if head else 1) * 10 + (_CN[tail] if tail else 0)
    if any(c not in _CN for c in s):
        return None
    return int("".join(str(_CN[c]) for c in s))


def corrected(raw: str) -> list[str]:
    """The draft's own 成文日期 written as GB/T 9704 wants it (2025.1.13 → 2025年1月13日); several
    readings of a bare digit run (2022113 → 2022年1月13日 or 2022年11月3日); empty when none is a
    real date."""
    m = (re.fullmatch(r"(\d{4})\D+(\d{1,2})\D+(\d{1,2})\D*", raw))
    readings: list[tuple[int, int, int]] = []
    if m:
        readings = [tuple(map(int, m.groups()))]
    elif re.fullmatch(r"20\d{5,6}", raw):
        y, rest = int(raw[:4]), raw[4:]
        readings = [(y, int(rest[:i]), int(rest[i:])) for i in (1, 2) if 0 < i < len(rest)]
    else:
        c = re.fullmatch(r"(.{4})年(.{1,3})月(.{1,3})日", raw)
        if c:
            parts = [_cn_number(x) for x in c.groups()]
            if None not in parts:
                readings = [tuple(parts)]  # type: ignore[list-item]
    return [f"{y}年{mo}月{d}日" for y, mo, d in readings if _real(y, mo, d)]


class Date(Rule):
    code = "WD05"
    name = "wording.date"
    severity = "warning"
    summary = "日期不可能或不规范：2月30日、成文日期写成2025.1.13或一串数字、正文日期晚于成文日期"

    def _signoff(self, report, frame):
        """The 成文日期 itself: a real day, written as GB/T 9704 says, after the year reported on."""
        p = report.para(report.date_paragraph)
        where = (p.index, 0, len(p.text))
        placeholders = checklists.wording().placeholders
        if any(rx(ph.pattern).search(report.date) for ph in placeholders):
            return  # 2026年X月X日, 【  】: unfilled, WD04's
        m = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", report.date)
        if m and not _real(*map(int, m.groups())):
            yield self.finding(report, *where, f"成文日期“{report.date}”不存在：{_why_not(*map(int, m.groups()))}。",
                               "核对成文日期。")
            return
        if not re.match(frame.date.good, report.date):
            digits = re.fullmatch(r"20\d{5,6}", report.date)
            why = ("是一串数字，看不出年月日" if digits
                   else "用了口语的“号”，公文日期写“日”" if report.date.endswith("号")
                   else "不符合 GB/T 9704 的写法（阿拉伯数字，年份写全，月日不编虚位）")
            fixes = corrected(report.date)
            suggestion = ("写作“" + "”或“".join(fixes) + "”。" if fixes else "写作“××××年×月×日”的形式（阿拉伯数字，月日不补零）。")
            yield self.finding(report, *where, f"成文日期“{report.date}”{why}。", suggestion)
            return
        if (m and report.year is not None and report.year_source in ("标题", "开头段", "命令行参数")
                and int(m.group(1)) <= report.year):
            yield self.finding(
                report, *where,
                f"成文日期“{report.date}”在所报告的{report.year}年度之内或之前；年度报告在下一年初成文。",
                f"核对成文日期或报告年度（{report.year}年度的报告通常在{report.year + 1}年1—3月成文）。")
            return
        if m:
            yield from self._late(report, where, date(*map(int, m.groups())), frame.date.deadlines)

    def _late(self, report, where, signed: date, deadlines):
        """A note when the 成文日期 is after a day by which the report is to be sent or published (the
        year after the one reported on; the unit's level decides which days apply: checklists/frame.yml)."""
        if report.year is None or report.year_source not in ("标题", "开头段", "命令行参数") \
                or signed.year != report.year + 1:
            return
        missed = [d for d in deadlines if (not d.levels or report.level in d.levels)
                  and signed > date(signed.year, d.month, d.day)]
        if not missed:
            return
        days = "和".join(f"{d.month}月{d.day}日的{d.what}期限" for d in missed)
        why = "；".join(d.basis for d in missed)
        f = self.finding(report, *where, f"成文日期“{report.date}”晚于{days}：{why}。",
                         "核对成文日期；如确实在期限之后才成文，报送时说明原因。")
        f.severity = "info"  # a fact for the reviewer, not a defect of the text
        yield f

    def check(self, report):
        frame = checklists.frame()
        garbled = rx(checklists.wording().garbled_date)
        may_be_garbled = needles_of((garbled.pattern,)).any  # (its words first: few paragraphs hold them)
        signed = None
        if report.date is not None:
            yield from self._signoff(report, frame)
            m = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", report.date)
            if m and _real(*map(int, m.groups())):
                signed = date(*map(int, m.groups()))
        for p in report.paragraphs:
            if p.furniture or p.hint or p.index == report.date_paragraph:
                continue
            text = p.norm
            for m in _DATE.finditer(text) if "月" in text and "日" in text else ():  # every date names both
                y = int(m.group(1)) if m.group(1) else None
                mo, d = int(m.group(2)), int(m.group(3))
                if y is None and (mo, d) == (2, 29):
                    y = _year_of(report, p, m.start())  # 2月29日 is real only in a leap year
                if not _real(y, mo, d):
                    yield self.finding(report, p.index, m.start(), m.end(),
                                       f"日期“{p.text[m.start():m.end()]}”不存在：{_why_not(y, mo, d)}。", "核对日期。")
                elif signed and y and date(y, mo, d) > signed and not _FUTURE_OK.match(text[m.end():]):
                    yield self.finding(
                        report, p.index, m.start(), m.end(),
                        f"日期“{p.text[m.start():m.end()]}”晚于成文日期{report.date}。",
                        "核对日期或成文日期。")
            for m in garbled.finditer(text) if may_be_garbled(text) else ():
                after = text[m.end():m.end() + 1]
                if after and (after.isalnum() or after in "%‰"):
                    continue  # 2022113件, 2022113号: a number with a unit, not a date
                yield self.finding(report, p.index, m.start(), m.end(),
                                   f"“{m.group(0)}”像是写坏了的日期（缺少“年”“月”“日”）。",
                                   "写作“2022年1月13日”的形式。")
