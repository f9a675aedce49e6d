"""FM03 format.title: the title not in 2号 小标宋体, or not centred (GB/T 9704—2012 7.3.1).

Any typeface of the 小标宋 family is right (方正小标宋简体, 方正小标宋_GBK …); 华文中宋 and 宋体 are not
it. A unit's red 发文机关标志 above the title is its letterhead, not the title, and is not judged.

Wrong::

    天水市秦州区人民政府关于2026年法治政府建设情况的报告      （宋体 三号 加粗，居左）

Right::

    天水市秦州区人民政府关于2026年法治政府建设情况的报告      （方正小标宋简体 二号，居中）
"""

from __future__ import annotations

from .. import checklists
from ..layout import draft, quote
from ._layout import font_problems, wanted
from .base import Rule

_ALIGN_CN = {"left": "居左", "right": "居右", "both": "两端对齐（看上去居左）", "distribute": "分散对齐"}


class Title(Rule):
    code = "FM03"
    name = "format.title"
    severity = "warning"
    summary = "标题不是 2 号小标宋体，或未居中（GB/T 9704 7.3.1）"

    def check(self, report):
        d = draft(report)
        if d is None:
            return
        want = d.ref.roles["title"]
        tol = checklists.layout().size_tolerance
        for q in d.of("title"):
            look = d.look(q)
            problems = font_problems(look, want, tol) if look is not None else []
            if want.align == "center" and q.fmt.align != "center" and not self._centred_by_hand(q):
                problems.append(_ALIGN_CN.get(q.fmt.align, "未居中"))
            if not problems:
                continue
            a, b = quote(q.p.text, 0, len(q.p.text), limit=60)
            yield self.finding(report, q.p.index, a, b,
                               f"标题{'，'.join(problems)}；应为{wanted(want)}，居中。（{d.ref.cite(want.clause, own=False)}）",
                               f"选中标题，设为{wanted(want)}、居中。")

    @staticmethod
    def _centred_by_hand(q) -> bool:
        """A title pushed to the middle with leading spaces (a web copy) is not judged for alignment."""
        return q.fmt.lead >= 4
