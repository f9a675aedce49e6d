"""WD04 wording.placeholder: an unfilled placeholder.

Wrong::

    全年共受理行政复议案件XX件，审结【待填】件，××县人民政府。

Right::

    全年共受理行政复议案件67件，审结63件，秦州区人民政府。

The patterns (XX, ××, X件, 【待填】, 空括号, …%, 某某县, and the 【  】 marks that `fzwriter new`
writes) are data in checklists/wording.yml. Title, addressee and sign-off are checked too, and a
writing hint of the scaffold left in the draft (`【提示：……】`) is one finding of its own.
"""

from __future__ import annotations

from .. import checklists
from ..wording import rx
from .base import Rule


class Placeholder(Rule):
    code = "WD04"
    name = "wording.placeholder"
    severity = "error"
    summary = "未填写的占位符：XX、××、X件、【待填】、空括号、…%"

    def check(self, report):
        patterns = checklists.wording().placeholders
        for p in report.paragraphs:
            if p.furniture:
                continue
            if p.hint:
                yield self.finding(report, p.index, 0, len(p.text),
                                   "“【提示：……】”是 fzwriter new 留下的填写提示，不是报告正文。",
                                   "按提示写好本段内容后删除提示。")
                continue
            taken: list[tuple[int, int]] = []
            for ph in patterns:
                for m in rx(ph.pattern).finditer(p.norm):
                    if any(m.start() < e and s < m.end() for s, e in taken):
                        continue
                    taken.append((m.start(), m.end()))
                    yield self.finding(report, p.index, m.start(), m.end(),
                                       f"“{p.text[m.start():m.end()]}”：{ph.why}。", "填入实际内容。")
