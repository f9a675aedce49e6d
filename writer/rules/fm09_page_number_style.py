"""FM09 format.page-number-style: page numbers placed or written otherwise than GB/T 9704—2012 7.5
(or the unit's template): odd pages right and even pages left (which needs 奇偶页不同, or a frame
aligned 外侧), a one-em dash on either side (`— 1 —`), 4号 宋体 digits.

Info: the clause opens with 一般, and many units centre their page numbers; with --template the
template's own page numbers are the reference.

Wrong::

    页脚：1（居中，没有一字线）

Right::

    单页页脚：— 1 —（居右空一字）；双页页脚：— 2 —（居左空一字）；4 号宋体
"""

from __future__ import annotations

from .. import checklists
from ..layout import dashed, draft, family_of, size_cn
from .base import Rule

_ALIGN_CN = {"left": "居左", "right": "居右", "center": "居中", "outside": "外侧", "inside": "内侧"}


def _fits(have: str, want: str | None, odd: bool) -> bool:
    if want is None or have == want:
        return True
    side = "right" if odd else "left"
    return (have == "outside" and want == side) or (want == "outside" and have == side)


def _side(align: str | None, odd: bool) -> str:
    """How a page number stands on an odd or even page: 外侧 is right on odd pages, left on even."""
    if align == "outside":
        return "居右" if odd else "居左"
    if align == "inside":
        return "居左" if odd else "居右"
    return _ALIGN_CN.get(align, align or "")


class PageNumberStyle(Rule):
    code = "FM09"
    name = "format.page-number-style"
    severity = "info"
    summary = "页码位置或形式不规范：应单页居右、双页居左，“— 1 —”，4 号宋体（GB/T 9704 7.5；或本单位模板）"

    def check(self, report):
        d = draft(report)
        if d is None:
            return
        spec = checklists.layout().page_number
        ref = d.ref
        used = sorted({q.fmt.section for q in d.paras})
        secs = [d.layout.sections[min(k, len(d.layout.sections) - 1)] for k in used] or d.layout.sections[-1:]
        numbers = [pn for s in secs for pn in s.page_numbers]
        odd = next((pn for pn in numbers if pn.part == "default"), None)
        even = next((pn for pn in numbers if pn.part == "even"), None) if d.layout.even_odd else odd
        if odd is None:
            return  # no page numbers: FM08's
        problems = []
        where = []
        if not _fits(odd.align, ref.number_odd, True):
            where.append(f"单页页码{_ALIGN_CN.get(odd.align, odd.align)}")
        if even is not None and not _fits(even.align, ref.number_even, False):
            both = even is odd and not d.layout.even_odd
            where.append(f"{'双页页码也' if both else '双页页码'}{_ALIGN_CN.get(even.align, even.align)}")
        if where:
            want = (f"单页{_side(ref.number_odd, True)}、双页{_side(ref.number_even, False)}"
                    if ref.template else "单页码居右空一字、双页码居左空一字")
            if odd is even and odd.align == "center" and not d.layout.even_odd:
                where = ["页码居中"]
            problems.append(f"{'，'.join(where)}，应为{want}")
        if ref.number_dashes and not dashed(odd.before, odd.after):
            shown = f"{odd.before.strip()}1{odd.after.strip()}"
            problems.append(f"页码写作“{shown}”，应为“— 1 —”（数字左右各一条一字线）")
        if ref.number_size and odd.size and abs(odd.size - ref.number_size) > checklists.layout().size_tolerance:
            problems.append(f"页码字号为{size_cn(odd.size)}，应为{size_cn(ref.number_size)}")
        if ref.number_family and family_of(odd.latin) != ref.number_family:
            problems.append(f"页码字体为“{odd.latin or '默认字体'}”，应为{ref.number_family}")
        if not problems:
            return
        yield self.finding(report, None, 0, 0, f"{'；'.join(problems)}。（{ref.cite(spec.clause)}）",
                           "页码用 4 号半角宋体阿拉伯数字，左右各一条一字线；在“页面设置—版式”中勾选“奇偶页不同”，"
                           "单页页码居右空一字、双页页码居左空一字。",
                           evidence="")
