"""FG01 figures.parts-exceed-whole: parts sum to more than their stated whole; a subset above its superset.

Wrong::

    全年共受理行政复议案件45件，其中维持28件、撤销9件、确认违法6件、调解终止5件。   (28+9+6+5 = 48 > 45)

Right::

    全年共受理行政复议案件45件，其中维持28件、撤销9件、确认违法3件、调解终止5件。   (45; fewer is fine: cases pending)
"""

from __future__ import annotations

from . import _figures
from .base import Rule


class PartsExceedWhole(Rule):
    code = "FG01"
    name = "figures.parts-exceed-whole"
    severity = "error"
    summary = "“其中”或审结后所列各类结果之和超过总数，或部分大于整体"

    def check(self, report):
        yield from _figures.findings(self, report, "核对总数和各分项数字；分项之和可以小于总数（如尚未办结），但不能大于总数。")
