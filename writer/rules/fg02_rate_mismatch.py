"""FG02 figures.rate-mismatch: a stated rate or share disagrees with the counts it is computed from.

Wrong (seed 004, as published)::

    全年共办理行政复议案件65件，作出撤销、确认违法等纠错复议决定的6件，纠错率13%。   (6 ÷ 65 = 9.2%)

Right::

    全年共办理行政复议案件65件，作出撤销、确认违法等纠错复议决定的6件，纠错率9.2%。

A printed rate stands for an interval: 98.3% is any value that rounds (98.25–98.35) or truncates
(98.3–98.4) to it; 98%以上 means at least 98%. Only a rate no value in its interval can give is reported.
"""

from __future__ import annotations

from . import _figures
from .base import Rule


class RateMismatch(Rule):
    code = "FG02"
    name = "figures.rate-mismatch"
    severity = "error"
    summary = "比率、占比与据以计算的数字不符（按四舍五入和截断两种写法核对）"

    def check(self, report):
        yield from _figures.findings(self, report, "按所列数字重新计算比率，或核对分子、分母是否写错。")
