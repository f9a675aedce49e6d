"""FG05 figures.year-over-year: a 同比/较上年 change that disagrees with the figures it joins.

Wrong::

    全年受理行政复议申请73件，较上年的62件增长15.7%。        ((73 − 62) ÷ 62 = 17.7%)
    | 审结（件） | 371 | 341 | 增长6.8% |                    (371 ÷ 341 − 1 = 8.8%)
    全年受理行政复议案件67件，同比增长20.7%。                (last year's report: 58件; (67 − 58) ÷ 58 = 15.5%)

Right::

    全年受理行政复议申请73件，较上年的62件增长17.7%。
    满意率97.1%，较上年的95.8%提高1.3个百分点。
    全年受理行政复议案件67件，同比增长15.5%。

Checked from the text alone when both years' figures are stated (in the sentence, or in a table's
this-year and last-year columns; writer/figures/changes.py), and against last year's report when one
is given (`--previous`, `--previous-dir`; writer/previous.py): the change is recomputed from last
year's figure of the same indicator, stated in the same words, and a last-year value quoted in this
year's text must be the one last year's report gave. A growth above 100% is possible; a direction
that contradicts the figures is not. A figure last year's report states twice with two values, or
only approximately, is not compared.
"""

from __future__ import annotations

from . import _figures
from .base import Rule


class YearOverYear(Rule):
    code = "FG05"
    name = "figures.year-over-year"
    severity = "warning"
    summary = "同比、较上年的增减幅度或百分点与两年的数字不符（文中两年数字都有，或用 --previous 给出上年报告）"

    def check(self, report):
        yield from _figures.findings(self, report, "按本年和上年的数字重新计算增减幅度，或核对两年的数字。")
        if report.previous is None:
            return
        from ..previous import year_over_year  # only with last year's report: its patterns cost a start-up

        for issue in year_over_year(report):
            yield self.finding(report, issue.paragraph, issue.start, issue.end, issue.message,
                               "核对上年报告中的数字，按（本年 − 上年）÷ 上年重新计算同比变化。")
