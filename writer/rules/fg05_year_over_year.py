"""FG05 figures.year-over-year: a 同比/较上年 change that disagrees with last year's figure.

Wrong (last year's report: 全年受理行政复议案件58件)::

    全年受理行政复议案件67件，同比增长20.7%。            ((67 − 58) ÷ 58 = 15.5%)
    全年受理行政复议案件67件，较上年的62件增长8.1%。     (上年报告写的是58件)

Right::

    全年受理行政复议案件67件，同比增长15.5%。
    全年受理行政复议案件67件，较上年的58件增长15.5%。

Checked from the text alone when both years' counts are written (the figure checks in
writer/figures.py), and against last year's report when one is given (`--previous`,
`--previous-dir`): the change is recomputed from last year's figure of the same indicator, stated
in the same words (a printed rate stands for every value that rounds or truncates to it), and a
last-year value quoted in this year's text must be the one last year's report gave. A figure last
year's report states twice with two values, or only approximately, is not compared.
"""

from __future__ import annotations

from ..previous import year_over_year
from . import _figures
from .base import Rule


class YearOverYear(Rule):
    code = "FG05"
    name = "figures.year-over-year"
    severity = "warning"
    summary = "同比、较上年的变化与上年数字不符（文中两年数字都有，或用 --previous 给出上年报告）"

    def check(self, report):
        yield from _figures.findings(self, report, "按（本年 − 上年）÷ 上年重新计算同比变化，或核对两年的数字。")
        for issue in year_over_year(report):
            yield self.finding(report, issue.paragraph, issue.start, issue.end, issue.message,
                               "核对上年报告中的数字，按（本年 − 上年）÷ 上年重新计算同比变化。")
