"""FM01 format.page: paper other than A4, or margins off GB/T 9704 (or off the unit's template).

GB/T 9704—2012 5.1 and 5.2.1: A4 paper; top margin (天头) 37 mm ± 1 mm, left (订口) 28 mm ± 1 mm,
text block 156 mm × 225 mm, so bottom 35 mm and right 26 mm. A landscape section (a wide table) is
not judged by the portrait margins.

Wrong::

    页面设置：纸张 Letter（215.9 × 279.4 mm）；页边距 上 25.4、下 25.4、左 31.8、右 31.8 mm（Word 的默认值）

Right::

    页面设置：纸张 A4（210 × 297 mm）；页边距 上 37、下 35、左 28、右 26 mm
"""

from __future__ import annotations

from ..layout import draft
from .base import Rule

_SIDES = (("top", "上"), ("bottom", "下"), ("left", "左"), ("right", "右"))


def _mm(x: float) -> str:
    return f"{round(x, 1):g}"


class Page(Rule):
    code = "FM01"
    name = "format.page"
    severity = "warning"
    summary = "纸张不是 A4，或页边距不是上 37、下 35、左 28、右 26 毫米（GB/T 9704 5.1、5.2.1；或本单位模板）"

    def check(self, report):
        d = draft(report)
        if d is None:
            return
        ref = d.ref
        used = sorted({q.fmt.section for q in d.paras}) or [len(d.layout.sections) - 1]
        said = set()
        for k in used:
            sec = d.layout.sections[min(k, len(d.layout.sections) - 1)]
            where = f"第{k + 1}节" if len(used) > 1 else ""
            for message, suggestion in self._problems(sec, ref, main=k == used[-1] or len(used) == 1):
                if message in said:
                    continue
                said.add(message)
                yield self.finding(report, None, 0, 0, where + message, suggestion, evidence="")

    def _problems(self, sec, ref, main: bool):
        w, h = ref.paper
        tol = ref.paper_tolerance
        upright = abs(sec.width - w) <= tol and abs(sec.height - h) <= tol
        turned = abs(sec.width - h) <= tol and abs(sec.height - w) <= tol
        if not upright and not turned:
            yield (f"纸张为 {_mm(sec.width)}×{_mm(sec.height)} 毫米，应为 {_mm(w)}×{_mm(h)} 毫米"
                   f"{'（A4）' if ref.template is None else ''}。（{ref.cite('5.1')}）",
                   "在“布局—纸张大小”中选 A4。" if ref.template is None else "纸张大小按本单位模板设置。")
            return
        if turned and not main:
            return  # a landscape section for a wide table keeps its own margins
        if turned:
            yield (f"纸张为横向，应为纵向。（{ref.cite('5.1')}）", "在“布局—纸张方向”中选纵向。")
            return
        have = {"top": sec.top, "bottom": sec.bottom, "left": sec.left + sec.gutter, "right": sec.right}
        off = [(side, cn) for side, cn in _SIDES if abs(have[side] - ref.margins[side]) > ref.margin_tolerance + 1e-6]
        if not off:
            return
        got = "、".join(f"{cn} {_mm(have[s])}" for s, cn in off)
        want = "、".join(f"{cn} {_mm(ref.margins[s])}" for s, cn in _SIDES)
        gutter = f"（含装订线 {_mm(sec.gutter)} 毫米）" if sec.gutter > 0.5 and ("left", "左") in off else ""
        yield (f"页边距为 {got} 毫米{gutter}，应为 {want} 毫米（允许误差±{_mm(ref.margin_tolerance)} 毫米）。"
               f"（{ref.cite('5.2.1')}）",
               "在“布局—页边距—自定义页边距”中按上述数值设置。")
