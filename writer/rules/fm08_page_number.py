"""FM08 format.page-number: no page numbers, or none on even pages (GB/T 9704—2012 7.5).

A page number is a PAGE field in a footer (or header), a simple field or a complex one, in a
paragraph, frame or text box. With different odd and even pages (奇偶页不同), both footers need one.
A draft shorter than a page is not asked for page numbers.

Wrong::

    页脚：空（全文没有页码）

Right::

    页脚：— 1 —（PAGE 域，单页居右、双页居左）
"""

from __future__ import annotations

from .. import checklists
from ..layout import draft
from .base import Rule


class PageNumber(Rule):
    code = "FM08"
    name = "format.page-number"
    severity = "warning"
    summary = "没有页码，或双页没有页码（GB/T 9704 7.5）"

    def check(self, report):
        d = draft(report)
        if d is None:
            return
        spec = checklists.layout().page_number
        chars = sum(len(q.p.text) for q in d.paras)
        if chars < spec.min_chars:
            return
        used = sorted({q.fmt.section for q in d.paras})
        secs = [d.layout.sections[min(k, len(d.layout.sections) - 1)] for k in used] or d.layout.sections[-1:]
        clause = d.ref.cite(spec.clause, own=False)
        if not any(s.page_numbers for s in secs):
            yield self.finding(report, None, 0, 0, f"全文没有页码。（{clause}）",
                               "在“插入—页码”中插入页码（页面底端，4 号宋体“— 1 —”，单页居右、双页居左）。",
                               evidence="")
            return
        if d.layout.even_odd and any(s.page_numbers for s in secs) and not any(
                pn.part == "even" for s in secs for pn in s.page_numbers):
            yield self.finding(report, None, 0, 0,
                               f"设置了“奇偶页不同”，但双页页脚没有页码，双页将不显示页码。（{clause}）",
                               "在双页页脚中也插入页码（居左空一字）。", evidence="")
