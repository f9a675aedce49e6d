"""FM02 format.grid: not 22 lines a page or not 28 characters a line (GB/T 9704—2012 5.2.3).

The lines a page come from the body's line spacing: a fixed spacing (固定值 28—29 磅) or a line
grid (w:docGrid w:type="lines", w:linePitch="579") gives 22 lines in the 225 mm text block; single
or 1.5 spacing without a grid gives about 30 or 20 (estimated from the font size, so a line more or
less is not held against it). The characters a line come from a character grid (w:charSpace, which
LibreOffice writes as an unsigned number) or a condensed character spacing; 27 three-hao
characters, what 156 mm holds with neither, is accepted. Margins and font size are FM01's and
FM04's: lines and characters are counted on the reference's text block in the reference's size.

Wrong::

    正文：仿宋_GB2312 三号，单倍行距（每页约 30 行）

Right::

    正文：仿宋_GB2312 三号，行距固定值 28.95 磅（每页 22 行）
"""

from __future__ import annotations

from collections import Counter

from .. import checklists
from ..layout import chars_on, draft, lines_on, pitch_of
from ._layout import emit, listed
from .base import Rule


class Grid(Rule):
    code = "FM02"
    name = "format.grid"
    severity = "warning"
    summary = "正文不是每页 22 行（行距约 28.95 磅或文档网格）、每行 28 字（GB/T 9704 5.2.3；或本单位模板）"

    def check(self, report):
        d = draft(report)
        if d is None:
            return
        yield from self._lines(report, d)
        yield from self._chars(report, d)

    def _lines(self, report, d):
        spec = checklists.layout().grid
        ref = d.ref
        body = [q for q in d.of("body") if q.fmt.align not in ("center", "right")]
        items = []
        for q in body:
            look = d.look(q)
            size = look.size if look is not None else ref.roles["body"].size
            pitch, exact, words = pitch_of(q, d.section(q), size)
            lines = lines_on(ref.block[1], pitch)
            allowed = spec.lines_tolerance if exact else spec.estimate_tolerance
            if abs(lines - ref.lines) > allowed:
                about = "" if exact else "约"
                items.append((q, 0, len(q.p.text), (words, about, lines)))
        if not items:
            return
        common = Counter(w for _, _, _, w in items).most_common(1)[0][0]
        want = (f"应为每页 {ref.lines} 行（行距固定值约 {ref.pitch:g} 磅，或文档网格每页 {ref.lines} 行）。"
                f"（{ref.cite(spec.clause)}）")
        yield from emit(
            self, report,
            [(q, a, b, f"本段行距为{w}，每页{about} {n} 行，{want}") for q, a, b, (w, about, n) in items],
            lambda qs: f"正文行距为{common[0]}，每页{common[1]} {common[2]} 行（{listed(qs)}共 {len(qs)} 段），{want}",
            f"选中正文，在“段落—行距”中选“固定值”{ref.pitch:g} 磅，段前段后为 0。",
            total=len(body))

    def _chars(self, report, d):
        spec = checklists.layout().grid
        ref = d.ref
        parts = d.body_parts()
        if not parts:
            return
        sections = Counter(q.fmt.section for q, _, _ in parts)
        sec = d.layout.sections[min(sections.most_common(1)[0][0], len(d.layout.sections) - 1)]
        size = ref.roles["body"].size
        if sec.grid in ("linesAndChars", "snapToChars"):
            pitch = d.layout.default_size + sec.char_space / 4096
            how = f"字符网格（字距 {pitch:.2f} 磅）"
        else:
            used = Counter()
            for q, a, b in parts:
                seg = q.chars[a:b]
                if seg and seg.count(seg[0]) == len(seg):
                    used[seg[0]] += len(seg)  # one format throughout (most paragraphs): no count per character
                else:
                    used.update(seg)
            spacing = Counter()
            for k, n in used.items():
                if k >= 0:
                    spacing[d.layout.formats[k].spacing] += n
            extra = spacing.most_common(1)[0][0] if spacing else 0.0
            pitch = size + extra
            how = ("字符间距加宽" if extra > 0 else "字符间距紧缩") + f" {abs(extra):g} 磅" if extra else "标准字符间距"
        chars = chars_on(ref.block[0], pitch)
        if abs(chars - ref.chars) <= spec.chars_tolerance:
            return
        yield self.finding(
            report, None, 0, 0,
            f"正文{how}，每行约 {chars} 字，应为每行 {ref.chars} 字。（{ref.cite(spec.clause)}）",
            "在“页面设置—文档网格”中设每行 28 字，或把“字符间距”恢复为标准。", evidence="")
