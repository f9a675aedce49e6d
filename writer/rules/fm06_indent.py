"""FM06 format.indent: a body paragraph not indented two characters on its first line, or its
wrapped lines not flush left (GB/T 9704—2012 7.3.3: 每个自然段左空二字，回行顶格).

A first-line indent in characters (首行缩进 2 字符), in points (32 磅 for 3号) or as two full-width
spaces typed before the text are all accepted, within half a character. Centred or right-aligned
paragraphs (a table's caption, a subtitle) and headings are not judged.

Wrong::

    2024年，区政府坚持依法行政……      （顶格，无首行缩进）
    　　2024年，区政府坚持依法行政……  （首行缩进 2 字符，另有左缩进 2 字符：回行不顶格）

Right::

    　　2024年，区政府坚持依法行政……  （首行缩进 2 字符）
"""

from __future__ import annotations

from collections import Counter

from .. import checklists
from ..layout import draft, indent_chars
from ._layout import emit, listed
from .base import Rule


def _chars(x: float) -> str:
    return f"{round(x, 1):g}"


class Indent(Rule):
    code = "FM06"
    name = "format.indent"
    severity = "warning"
    summary = "正文段落首行未缩进 2 字，或回行不顶格（GB/T 9704 7.3.3）"

    def check(self, report):
        d = draft(report)
        if d is None:
            return
        want = d.ref.roles["body"]
        tol = checklists.layout().indent_tolerance
        paras = [q for q in d.of("body") if q.fmt.align not in ("center", "right")]
        paras += [q for q in d.of("h1", "h2", "h3", "h4") if q.p.runin and q.fmt.align not in ("center", "right")]
        paras.sort(key=lambda q: q.p.index)
        items = []
        for q in paras:
            first, left = indent_chars(q, want.size)
            if abs(left) > tol:
                items.append((q, 0, len(q.p.text), f"左缩进 {_chars(left)} 字符，回行不顶格"))
            elif abs(first - want.indent) > tol:
                how = "没有首行缩进" if abs(first) <= tol else f"首行缩进 {_chars(first)} 字符"
                items.append((q, 0, len(q.p.text), how))
        if not items:
            return
        clause = d.ref.cite(want.clause, own=False)
        common = Counter(m for _, _, _, m in items).most_common(1)[0][0]
        yield from emit(
            self, report,
            [(q, a, b, f"本段{m}；正文每段应首行缩进 {want.indent:g} 字、回行顶格。（{clause}）") for q, a, b, m in items],
            lambda qs: f"正文段落{common}（{listed(qs)}共 {len(qs)} 段）；正文每段应首行缩进 {want.indent:g} 字、"
                       f"回行顶格。（{clause}）",
            "在“段落—特殊格式”中选“首行缩进” 2 字符，左右缩进为 0。",
            total=len(paras))
