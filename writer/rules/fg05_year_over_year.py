"""FG05 figures.year-over-year: a 同比/较上年 change that disagrees with the figures it joins.

Wrong::

    全年受理行政复议申请73件，较上年的62件增长15.7%。        ((73 − 62) ÷ 62 = 17.7%)
    | 审结（件） | 371 | 341 | 增长6.8% |                    (371 ÷ 341 − 1 = 8.8%)

Right::

    全年受理行政复议申请73件，较上年的62件增长17.7%。
    满意率97.1%，较上年的95.8%提高1.3个百分点。

Checked when both years' figures are stated (in the sentence, or in a table's this-year and
last-year columns); a growth above 100% is possible, a direction that contradicts the figures is not.
"""

from __future__ import annotations

from . import _figures
from .base import Rule


class YearOverYear(Rule):
    code = "FG05"
    name = "figures.year-over-year"
    severity = "warning"
    summary = "同比、较上年的增减幅度或百分点与两年的数字不符"

    def check(self, report):
        yield from _figures.findings(self, report, "按本年和上年的数字重新计算增减幅度，或核对两年的数字。")
