"""FM07 format.color: text of the title, body, headings or frame not black (GB/T 9704—2012 5.2.4).

A Heading style left as Word made it is blue; text pasted from a web page keeps its colour. A
unit's red 发文机关标志 and red line above the title are its letterhead and are not judged, nor are
the scaffold's grey hints (they are to be deleted) or tables. Near-black (every channel at most
`black_max` in layout.yml) counts as black.

Wrong::

    一、主要举措和成效          （蓝色 2F5496，Word“标题 1”的颜色）

Right::

    一、主要举措和成效          （黑色或“自动”）
"""

from __future__ import annotations

from .. import checklists
from ..layout import draft
from ._layout import emit, listed
from .base import Rule


def _colour_cn(hexa: str) -> str:
    r, g, b = (int(hexa[i:i + 2], 16) for i in (0, 2, 4))
    top = max(r, g, b)
    if top - min(r, g, b) < 40:
        return f"灰色（{hexa}）"
    name = "红色" if top == r and r - max(g, b) >= 40 else "蓝色" if top == b else "绿色" if top == g else "彩色"
    if top == r and g > 150 and b < 100:
        name = "黄色" if g > 200 else "橙色"
    return f"{name}（{hexa}）"


class Color(Rule):
    code = "FM07"
    name = "format.color"
    severity = "warning"
    summary = "标题、正文、各级标题或落款的文字不是黑色（GB/T 9704 5.2.4）"

    def check(self, report):
        d = draft(report)
        if d is None:
            return
        spec = checklists.layout().color
        items = []
        fmts = d.layout.formats
        paras = d.of("title", "body", "h1", "h2", "h3", "h4", "addressee", "signoff", "date")
        coloured_formats = {k for k, f in enumerate(fmts) if f.color is not None and max(
            int(f.color[j:j + 2], 16) for j in (0, 2, 4)) > spec.black_max}
        if not coloured_formats:
            return  # no format shows colour (isdisjoint would still run through every character)
        for q in paras:
            if coloured_formats.isdisjoint(q.chars):
                continue  # every character black: the common case, decided without a character loop
            text = q.p.text
            span = None
            colour = None
            for i, k in enumerate(q.chars[:len(text)]):
                c = fmts[k].color if k >= 0 else None
                coloured = k in coloured_formats and not text[i].isspace()
                if coloured and span is None:
                    span, colour = [i, i + 1], c
                elif coloured and span is not None and span[1] == i and c == colour:
                    span[1] = i + 1
                elif span is not None and not coloured and span[1] <= i and not text[i].isspace():
                    break
            if span is not None:
                items.append((q, span[0], span[1], f"文字为{_colour_cn(colour)}"))
        if not items:
            return
        clause = d.ref.cite(spec.clause, own=False)
        yield from emit(
            self, report,
            [(q, a, b, f"{m}；公文文字应为黑色。（{clause}）") for q, a, b, m in items],
            lambda qs: f"{len(qs)} 段文字不是黑色（{listed(qs)}）；公文文字应为黑色。（{clause}）",
            "选中这些文字，把字体颜色设为“自动”或黑色（标题样式的颜色在“样式—修改”中改）。",
            total=len(paras))
