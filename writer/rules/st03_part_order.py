"""ST03 structure.part-order: headed parts out of the 规定's order (S1, S2, S3, S4).

Wrong::

    一、主要举措和成效  二、下一步工作安排  三、存在的不足和原因

Right::

    一、主要举措和成效  二、存在的不足和原因  三、下一步工作安排

Only parts with their own heading are compared; putting S3 first is common and only a note.
"""

from __future__ import annotations

from ..structure import analyse
from . import _parts
from .base import Rule


class PartOrder(Rule):
    code = "ST03"
    name = "structure.part-order"
    severity = "info"
    summary = "各部分顺序与《规定》所列顺序（举措成效、不足原因、第一责任人、下年安排）不一致"

    def check(self, report):
        st = analyse(report)
        placed = [(part.paragraph, pid) for pid, part in st.parts.items()
                  if part.form == "heading" and pid != "S5"]
        placed.sort()
        for i, (para, pid) in enumerate(placed):
            later = [q for _, q in placed[i + 1:] if q < pid]
            if later:
                before = min(later)
                yield self.finding(
                    report, para, 0, len(report.para(para).text),
                    f"{_parts.label(pid)}排在{_parts.label(before)}之前；《规定》所列顺序为 S1 举措成效、"
                    "S2 不足原因、S3 第一责任人履职、S4 下一年度安排。", "如无特别考虑，按《规定》顺序排列。",
                    pid)
