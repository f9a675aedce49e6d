"""FM04 format.body: body text not in 3号 仿宋体, or its Chinese font not set (GB/T 9704—2012 5.2.2,
7.3.3).

Judged on the Chinese characters of the body, the addressee and the sign-off (a run-in heading's
lead is FM05's); tables may be smaller and are not judged. A typeface set only for Latin text
(w:ascii, w:hAnsi) leaves Chinese in the East Asian font (w:eastAsia) or the theme's, which Word
shows: that is reported as such. Any typeface of the 仿宋 family is right (仿宋_GB2312, 仿宋,
方正仿宋_GBK, FangSong).

Wrong::

    2024年，区政府坚持依法行政……      （宋体 小四）
    2024年，区政府坚持依法行政……      （w:rFonts w:ascii="仿宋_GB2312"，中文显示为等线）

Right::

    2024年，区政府坚持依法行政……      （仿宋_GB2312 三号）
"""

from __future__ import annotations

from collections import Counter

from .. import checklists
from ..layout import draft
from ._layout import emit, font_problems, listed, wanted
from .base import Rule


class Body(Rule):
    code = "FM04"
    name = "format.body"
    severity = "warning"
    summary = "正文不是 3 号仿宋体，或只设置了西文字体、汉字显示为别的字体（GB/T 9704 5.2.2、7.3.3）"

    def check(self, report):
        d = draft(report)
        if d is None:
            return
        want = d.ref.roles["body"]
        tol = checklists.layout().size_tolerance
        parts = [(q, a, b) for q, a, b in d.body_parts() if q.fmt.align not in ("center", "right")]
        parts += [(q, 0, len(q.p.text)) for q in d.of("addressee", "signoff", "date")]
        items = []
        for q, a, b in parts:
            look = d.look(q, a, b)
            if look is None:
                continue
            problems = font_problems(look, want, tol)
            if problems:
                items.append((q, a, b, "，".join(problems)))
        if not items:
            return
        clause = d.ref.cite(want.clause, own=False)
        common = Counter(m for _, _, _, m in items).most_common(1)[0][0]
        yield from emit(
            self, report,
            [(q, a, b, f"本段{m}；正文应为{wanted(want)}。（{clause}）") for q, a, b, m in items],
            lambda qs: f"正文{common}（{listed(qs)}共 {len(qs)} 段）；正文应为{wanted(want)}。（{clause}）",
            f"选中正文，在“字体”中把“中文字体”设为“{want.font}”、字号设为三号。",
            total=len(parts))
