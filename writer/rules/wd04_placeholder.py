"""WD04 wording.placeholder: an unfilled placeholder.

Wrong::

    全年共受理行政复议案件XX件，审结【待填】件，政协提案（）件，××县人民政府。

Right::

    全年共受理行政复议案件67件，审结63件，政协提案24件，秦州区人民政府。

The patterns (XX, ××, X件, X月X日, 【待填】, 空括号, a blank before a unit, …%, 某某县, and the
【  】 marks that `fzwriter new` writes) are data in checklists/wording.yml. Title, addressee,
sign-off, page headers and footers are checked too. A bare blank (【  】, （）) is quoted with the clause
around it, so several blanks in one paragraph are told apart. A writing hint of the scaffold left in
the draft (`【提示：……】`) is one finding of its own, and a paragraph still in the hint style (填写提示)
whose text is no longer a hint is noted at info level: the grey 楷体 would go into the report.
"""

from __future__ import annotations

import re

from .. import checklists
from ..wording import needles_of, rx
from .base import Rule

_BLANK = re.compile(r"^(\[\s*\]|\(\s*\)|【\s*】|\s+|_+)$")
_CLAUSE_MARKS = ",;。:!?、"


class Placeholder(Rule):
    code = "WD04"
    name = "wording.placeholder"
    severity = "error"
    summary = "未填写的占位符：XX、××、X件、【待填】、空括号、…%"

    def check(self, report):
        spec = checklists.wording()
        finder = needles_of(tuple(ph.pattern for ph in spec.placeholders))
        placeholders = [(ph, rx(ph.pattern)) for ph in spec.placeholders]
        for p in report.paragraphs:
            if p.furniture and not _page_margin(p):
                continue
            if p.hint:
                yield self.finding(report, p.index, 0, len(p.text),
                                   "“【提示：……】”是 fzwriter new 留下的填写提示，不是报告正文。",
                                   "按提示写好本段内容后删除提示。")
                continue
            if spec.hint_style and p.style == spec.hint_style:
                f = self.finding(report, p.index, 0, len(p.text),
                                 f"提示样式未清除：本段已是正文，却仍是“{spec.hint_style}”样式（灰色楷体），"
                                 "打印或转成 PDF 时会与正文不同。",
                                 "选中本段，把样式改为“正文”（或用“清除格式”）。")
                f.severity = "info"
                yield f
            which = finder.which(p.norm)
            if not which:
                continue  # no placeholder in the paragraph: one search instead of one per pattern
            taken = bytearray(len(p.norm))  # characters already reported: linear, however many matches
            for k in which:
                ph, pattern = placeholders[k]
                for m in pattern.finditer(p.norm):
                    if any(taken[m.start():m.end()]):
                        continue
                    taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
                    shown = p.text[m.start():m.end()]
                    evidence = None
                    if _BLANK.match(p.norm[m.start():m.end()]):
                        evidence = _clause(p.text, p.norm, m.start(), m.end())
                        shown = evidence
                    where = "页眉" if p.style == "页眉" else "页脚" if p.style == "页脚" else None
                    yield self.finding(report, p.index, m.start(), m.end(),
                                       f"{where + '中' if where else ''}“{shown}”：{ph.why}。", "填入实际内容。",
                                       evidence=evidence)


def _page_margin(p) -> bool:
    """A page header or footer (read by the .docx reader as furniture): checked for placeholders."""
    return p.style in ("页眉", "页脚")


def _clause(text: str, norm: str, start: int, end: int) -> str:
    """The clause around a blank (受理行政复议案件【  】件), at most 24 characters each side."""
    # looked for within 24 characters only: a search to the paragraph's ends per blank is quadratic
    lo, hi = max(0, start - 24), min(len(norm), end + 24)
    s = max(max((norm.rfind(c, lo, start) for c in _CLAUSE_MARKS), default=-1) + 1, lo)
    ends = [i for i in (norm.find(c, end, hi) for c in _CLAUSE_MARKS) if i != -1]
    e = min(ends) if ends else hi
    return text[s:e].strip()
