"""FM10 format.frame-layout: the addressee not flush left, or the sign-off (issuing body and 成文日期)
not on the right (GB/T 9704—2012 7.3.2, 7.3.5).

The addressee stands 居左顶格. The issuing body and the date stand on the right: right-aligned two
or four characters from the edge (7.3.5.2 without a seal, 7.3.5.1 with one), or indented from the
left so that they end near the right edge; centred, left-aligned or indented like a body paragraph
they are wrong. The date's numerals (2027年1月20日, not 二〇二七年一月二十日) are WD05's.

Wrong::

    　　市委、市政府：              （首行缩进 2 字符）
    秦州区人民政府                  （居左）
    2027年1月20日                   （居中）

Right::

    市委、市政府：                  （顶格）
                        秦州区人民政府
                          2027年1月20日
"""

from __future__ import annotations

from .. import checklists
from ..layout import draft, indent_chars, width_chars
from .base import Rule


class FrameLayout(Rule):
    code = "FM10"
    name = "format.frame-layout"
    severity = "warning"
    summary = "主送机关未居左顶格，或发文机关署名、成文日期未居右（GB/T 9704 7.3.2、7.3.5）"

    def check(self, report):
        d = draft(report)
        if d is None:
            return
        spec = checklists.layout().frame
        size = d.ref.roles["body"].size
        for q in d.of("addressee"):
            first, left = indent_chars(q, size)
            start = max(first + left, left)
            if q.fmt.align in ("center", "right") or start > spec.addressee_indent:
                how = {"center": "居中", "right": "居右"}.get(q.fmt.align, f"缩进 {round(start, 1):g} 字符")
                yield self.finding(report, q.p.index, 0, len(q.p.text.rstrip()),
                                   f"主送机关{how}，应居左顶格。（{d.ref.cite(spec.addressee_clause, own=False)}）",
                                   "选中主送机关，左缩进、首行缩进都设为 0。")
        line = d.ref.chars
        for q in d.of("signoff", "date"):
            what = "成文日期" if q.role == "date" else "发文机关署名"
            how = self._position(q, size, line, spec.signoff_right)
            if how:
                yield self.finding(report, q.p.index, 0, len(q.p.text.rstrip()),
                                   f"{what}{how}，应居右（右空二字或四字编排）。"
                                   f"（{d.ref.cite(spec.signoff_clause, own=False)}）",
                                   "选中落款，设为右对齐并右缩进 2—4 字符（或按模板的落款位置）。")

    @staticmethod
    def _position(q, size: float, line: float, right_max: float) -> str | None:
        """How the line stands, in words, when it is not on the right; None when it is."""
        f = q.fmt
        if f.align == "center":
            return "居中"
        right = f.right_chars if f.right_chars is not None else f.right / size
        if f.align == "right":
            return f"右缩进 {round(right, 1):g} 字符，离右边太远" if right > right_max else None
        first, left = indent_chars(q, size)
        end = max(first + left, left) + width_chars(q.p.text.strip())
        if end >= line - right_max:
            return None
        return "居左" if end < line / 2 + 2 else "未靠右"
