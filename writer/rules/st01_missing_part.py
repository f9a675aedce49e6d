"""ST01 structure.missing-part: a required part (S1–S4) is absent altogether.

Wrong (no account of the 第一责任人 duty; the phrase appears only in an inspection of others)::

    一、主要举措和成效 …… 开展党政主要负责人履行推进法治建设第一责任人职责情况督查。……
    二、存在的不足和原因 …… 三、2025年工作安排 ……

Right::

    三、党政主要负责人履行推进法治建设第一责任人职责情况
    区委、区政府主要负责同志带头研究部署法治政府建设……

A text that breaks off mid-sentence (a web page copied short) gets one note that it looks incomplete,
naming the parts not found, instead of one finding per part.
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
        absent = [pid for pid, part in st.parts.items() if specs[pid].required and not part.present]
        if report.cut is not None and absent:
            yield self._cut_note(report, absent)
            return
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

    def _cut_note(self, report, absent: list[str]):
        """One note for a text that breaks off mid-sentence: the parts not found may lie beyond it."""
        p = report.para(report.cut)
        tail = p.text.rstrip()
        start = max(0, len(tail) - 30)
        names = "、".join(_parts.label(pid) for pid in absent)
        return self.finding(
            report, p.index, start, len(tail),
            f"文本在第{p.index}段“……{tail[start:]}”处中断（句子没有写完，其后也没有落款和成文日期），"
            f"看起来不完整；{names}未找到，可能在中断处之后。",
            "核对是否复制完整（网页正文常被截断）；如确未写完，补齐全文后再检查。")

    @staticmethod
    def _suggest(pid: str, year: int | None) -> str:
        return f"补写本部分，宜单列一级标题，如“{_parts.suggest_heading(pid, year)}”。"
