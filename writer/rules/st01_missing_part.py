"""ST01 structure.missing-part: a required part (S1–S4) is absent altogether.

Wrong (no account of the 第一责任人 duty; the phrase appears only in an inspection of others)::

    一、主要举措和成效 …… 开展党政主要负责人履行推进法治建设第一责任人职责情况督查。……
    二、存在的不足和原因 …… 三、2025年工作安排 ……

Right::

    三、党政主要负责人履行推进法治建设第一责任人职责情况
    区委、区政府主要负责同志带头研究部署法治政府建设……
"""

from __future__ import annotations

from ..structure import analyse
from . import _parts
from .base import Rule


class MissingPart(Rule):
    code = "ST01"
    name = "structure.missing-part"
    severity = "error"
    summary = "缺少《规定》要求的必备部分（S1–S4）"

    def check(self, report):
        from .. import checklists

        st = analyse(report)
        specs = checklists.parts().parts
        for pid, part in st.parts.items():
            if not specs[pid].required or part.present:
                continue
            msg = f"缺少必备部分{_parts.label(pid)}：《法治政府建设与责任落实督察工作规定》要求报告“{_parts.full(pid)}”，全文未找到。"
            if part.near is not None:
                para, start, end, why = part.near
                msg += f"文中相关表述（第{para}段）属于{why}，不能算作本部分。"
                yield self.finding(report, para, start, end, msg, self._suggest(pid, report.year), pid)
            else:
                yield self.finding(report, None, 0, 0, msg, self._suggest(pid, report.year), pid, evidence="")

    @staticmethod
    def _suggest(pid: str, year: int | None) -> str:
        return f"补写本部分，宜单列一级标题，如“{_parts.suggest_heading(pid, year)}”。"
