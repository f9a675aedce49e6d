"""FG04 figures.conflict: one indicator stated with two different values.

Wrong::

    全年受理行政复议案件67件，审结63件。……（后文）我区全年受理行政复议案件76件，有力维护了群众合法权益。

Right::

    全年受理行政复议案件67件，审结63件。……（后文）我区全年受理行政复议案件67件，有力维护了群众合法权益。

Only statements of the same indicator (checklists/indicators.yml) with the same wording of what is
counted and the same scope are compared; comparisons, running totals, targets and other years
(同比、累计、力争、2023年) are not this year's figure and are left alone. Approximations compare as ranges.
"""

from __future__ import annotations

from . import _figures
from .base import Rule


class Conflict(Rule):
    code = "FG04"
    name = "figures.conflict"
    severity = "warning"
    summary = "同一指标在报告中前后出现两个不同数值"

    def check(self, report):
        yield from _figures.findings(self, report, "统一为核实后的数字；若口径不同（如全区与区本级），在文中写明口径。")
