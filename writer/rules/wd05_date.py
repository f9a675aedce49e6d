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

Also: a garbled run of digits where a date stood (`2022113`), and a full date in the body later
than the 成文日期 (unless it is a date something takes effect or is due: `自2026年2月1日起施行`).
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from .. import checklists
from ..wording import rx
from .base import Rule

_DATE = re.compile(r"(?:(?<!\d)(\d{4})年)?(?<!\d)(\d{1,2})月(\d{1,2})日")
_FUTURE_OK = re.compile(r"^[^,;。]{0,6}(起|前|以前|之前|施行|实施|生效|截止|到期)")


def _real(y: int | None, mo: int, d: int) -> bool:
    if not 1 <= mo <= 12 or d < 1:
        return False
    last = calendar.monthrange(y if y else 2024, mo)[1]  # no year: allow 2月29日
    return d <= last


class Date(Rule):
    code = "WD05"
    name = "wording.date"
    severity = "warning"
    summary = "日期不可能或不规范：2月30日、成文日期写成2025.1.13或一串数字、正文日期晚于成文日期"

    def check(self, report):
        frame = checklists.frame()
        garbled = rx(checklists.wording().garbled_date)
        signed = None
        if report.date is not None:
            p = report.para(report.date_paragraph)
            m = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", report.date)
            if m and _real(*map(int, m.groups())):
                signed = date(*map(int, m.groups()))
            unfilled = any(rx(ph.pattern).search(report.date) for ph in checklists.wording().placeholders)
            if not unfilled and not re.match(frame.date.good, report.date):  # unfilled: WD04's
                digits = re.fullmatch(r"20\d{5,6}", report.date)
                why = ("是一串数字，看不出年月日" if digits else "不符合 GB/T 9704 的写法（阿拉伯数字，年份写全，月日不编虚位）")
                yield self.finding(report, p.index, 0, len(p.text), f"成文日期“{report.date}”{why}。",
                                   "写作“2025年1月13日”的形式。")
        for p in report.paragraphs:
            if p.furniture or p.hint or p.index == report.date_paragraph:
                continue
            text = p.norm
            for m in _DATE.finditer(text):
                y = int(m.group(1)) if m.group(1) else None
                mo, d = int(m.group(2)), int(m.group(3))
                if not _real(y, mo, d):
                    yield self.finding(report, p.index, m.start(), m.end(),
                                       f"日期“{p.text[m.start():m.end()]}”不存在。", "核对日期。")
                elif signed and y and date(y, mo, d) > signed and not _FUTURE_OK.match(text[m.end():]):
                    yield self.finding(
                        report, p.index, m.start(), m.end(),
                        f"日期“{p.text[m.start():m.end()]}”晚于成文日期{report.date}。",
                        "核对日期或成文日期。")
            for m in garbled.finditer(text):
                after = text[m.end():m.end() + 1]
                if after and (after.isalnum() or after in "%‰"):
                    continue  # 2022113件, 2022113号: a number with a unit, not a date
                yield self.finding(report, p.index, m.start(), m.end(),
                                   f"“{m.group(0)}”像是写坏了的日期（缺少“年”“月”“日”）。",
                                   "写作“2022年1月13日”的形式。")
