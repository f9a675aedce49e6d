"""FM05 format.headings: a heading not in its level's typeface or not 3号 (GB/T 9704—2012 7.3.3).

一、 黑体, （一） 楷体, 1. and （1） 仿宋体, all 3号; a run-in heading is judged on its lead sentence
(the rest of its paragraph is body text, FM04's). A heading is known by its number or outline
level, whatever it looks like, so a heading in the body font is still found. When every heading
of a level is off in the same way (a Heading style left as Word made it), one finding says so, on
the first of them.

Wrong::

    一、主要举措和成效          （仿宋_GB2312 三号，与正文相同）
    （一）强化组织领导          （等线 Light 16 磅，Word 的“标题 2”样式）

Right::

    一、主要举措和成效          （黑体 三号）
    （一）强化组织领导          （楷体_GB2312 三号）
"""

from __future__ import annotations

from collections import defaultdict

from .. import checklists
from ..layout import HEADINGS, ROLE_CN, draft, quote
from ._layout import emit, font_problems, wanted
from .base import Rule

_NUMBER = {"h1": "一、", "h2": "（一）", "h3": "1.", "h4": "（1）"}


class Headings(Rule):
    code = "FM05"
    name = "format.headings"
    severity = "warning"
    summary = "各级标题字体不对（一、黑体，（一）楷体，1. 和（1）仿宋体）或不是 3 号（GB/T 9704 7.3.3）"

    def check(self, report):
        d = draft(report)
        if d is None:
            return
        tol = checklists.layout().size_tolerance
        by_level = defaultdict(list)
        for q in d.of(*HEADINGS):
            by_level[q.role].append(q)
        for role in HEADINGS:
            heads = by_level.get(role, [])
            want = d.ref.roles[role]
            name = f"{ROLE_CN[role]}（{_NUMBER[role]}）"
            clause = d.ref.cite(want.clause, own=False)
            items = []
            for q in heads:
                look = d.look(q, *q.span)
                if look is None:
                    continue
                problems = font_problems(look, want, tol)
                if problems:
                    items.append((q, *q.span, "，".join(problems)))
            if not items:
                continue
            same = {m for _, _, _, m in items}
            if len(items) == len(heads) >= 2 and len(same) == 1:
                q = items[0][0]
                a, b = quote(q.p.text, *q.span)
                yield self.finding(report, q.p.index, a, b,
                                   f"全部 {len(heads)} 个{name}{items[0][3]}；应为{wanted(want)}。（{clause}）",
                                   f"修改{name}所用的样式（或选中这些标题），字体设为“{want.font}”、三号。")
                continue
            yield from emit(
                self, report,
                [(q, a, b, f"{name}{m}；应为{wanted(want)}。（{clause}）") for q, a, b, m in items],
                lambda qs: f"{len(qs)} 个{name}字体字号不对；应为{wanted(want)}。（{clause}）",
                f"选中标题，字体设为“{want.font}”、三号。")
