"""Judging a .docx's layout: the reference it is held to (GB/T 9704 from checklists/layout.yml, or
a unit's template), the role of each paragraph (title, body, heading by level, addressee, sign-off),
and what its characters show (typeface family, size, colour) — the ground the FM rules and the
layout fix share.

A paragraph's role comes from the text reader's Report (its title, headings, frame), never from
its formatting, so a heading in the body font is still a heading. Paragraphs before the title (a
unit's 红头: 发文机关标志, 发文字号) and after the 成文日期 (版记) are the unit's own and not judged;
nor are tables (their text may be smaller), page headers and footers, or the scaffold's hints.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from . import checklists
from .models import Paragraph, Report, memo
from .reader.layout import Record
from .text import INVISIBLE

ROLE_CN = {"title": "标题", "body": "正文", "h1": "一级标题", "h2": "二级标题", "h3": "三级标题",
           "h4": "四级标题", "addressee": "主送机关", "signoff": "发文机关署名", "date": "成文日期"}
HEADINGS = ("h1", "h2", "h3", "h4")
_INVISIBLE = set(INVISIBLE)
# runs of what reader.layout.IDEOGRAPH matches one at a time
_IDEOGRAPHS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+")
STANDARD = "GB/T 9704—2012"


# ------------------------------------------------------------------------------ font families

def _key(name: str) -> str:
    return "".join(name.split()).lower()


@lru_cache(maxsize=1)
def _families() -> tuple[dict[str, str], list[tuple[str, str]]]:
    names: dict[str, str] = {}
    contains: list[tuple[str, str]] = []
    for family, spec in checklists.layout().families.items():
        for n in spec.names:
            names.setdefault(_key(n), family)
        contains.extend((_key(c), family) for c in spec.contains)
    return names, contains


@lru_cache(maxsize=512)  # a draft names a few typefaces, asked about once per paragraph
def family_of(font: str | None) -> str | None:
    """The family (仿宋, 黑体 …, as layout.yml names them) a typeface belongs to, or None."""
    if not font:
        return None
    k = _key(font)
    names, contains = _families()
    if k in names:
        return names[k]
    return next((fam for part, fam in contains if part in k), None)


def size_cn(pt: float) -> str:
    """16 → 三号（16磅）; 15.5 → 15.5磅."""
    shown = f"{pt:g}磅"
    for name, value in checklists.layout().sizes.items():
        if abs(value - pt) < 0.01:
            return f"{name}（{shown}）"
    return shown


# ----------------------------------------------------------------------------------- reference

class RoleRef(Record):
    """What a role's text is held to: a typeface family (the fix writes `font`), a size (pt), an
    alignment and a first-line indent (characters) where the standard says, the clause."""

    family: str = ""
    font: str = ""
    size: float = 16.0
    align: str | None = None
    indent: float | None = None
    clause: str = ""


class Reference(Record):
    """What a draft is held to: the standard's numbers, or a unit template's page setup, line pitch,
    page-number positions and typefaces (of the standard's families). template: the template's file
    name (None: the standard); paper and margins in mm; pitch in pt (what the fix writes); page
    numbers' alignment on odd and even pages (None: not checked); char_grid (grid type, charSpace)
    of a template that sets one; footer_distance in mm."""

    template: str | None = None
    paper: tuple = (210.0, 297.0)
    paper_tolerance: float = 1.0
    margins: dict = {}
    margin_tolerance: float = 1.0
    pitch: float = 28.95
    lines: int = 22
    chars: int = 28
    roles: dict = {}
    number_odd: str | None = "right"
    number_even: str | None = "left"
    number_dashes: bool = True
    number_size: float | None = 14.0
    number_family: str | None = "宋体"
    number_font: str = "宋体"
    char_grid: tuple | None = None
    footer_distance: float | None = None

    @property
    def block(self) -> tuple[float, float]:
        """The text block (width, height) in points."""
        w = self.paper[0] - self.margins["left"] - self.margins["right"]
        h = self.paper[1] - self.margins["top"] - self.margins["bottom"]
        return w * 72 / 25.4, h * 72 / 25.4

    def cite(self, clause: str, own: bool = True) -> str:
        """Where a requirement comes from: the standard's clause, or the template for what it sets."""
        if self.template and own:
            return f"本单位模板“{self.template}”"
        return f"{STANDARD} {clause}"


def standard() -> Reference:
    spec = checklists.layout()
    roles = {r: RoleRef(family=s.family, font=s.font, size=s.size, align=s.align, indent=s.indent, clause=s.clause)
             for r, s in spec.roles.items()}
    pn = spec.page_number
    return Reference(template=None, paper=(spec.paper.width, spec.paper.height),
                     paper_tolerance=spec.paper.tolerance,
                     margins={k: getattr(spec.margins, k) for k in ("top", "bottom", "left", "right")},
                     margin_tolerance=spec.margins.tolerance, pitch=spec.grid.pitch,
                     lines=spec.grid.lines, chars=spec.grid.chars, roles=roles,
                     number_size=pn.size, number_family=pn.family, number_font=pn.font,
                     footer_distance=22.0)


# the styles of a template whose East Asian typeface, when of the role's family, the unit chose:
# fzwriter's own (a scaffold written into the template), then Word's names in English and Chinese
_TEMPLATE_STYLES = {
    "title": ("公文标题", "title", "标题"),
    "body": ("公文正文", "normal", "正文"),
    "h1": ("公文一级标题", "heading 1", "标题 1"),
    "h2": ("公文二级标题", "heading 2", "标题 2"),
    "h3": ("公文三级标题", "heading 3", "标题 3"),
    "h4": ("heading 4", "标题 4"),
}


def from_template(path: str | Path) -> Reference:
    """The reference a unit's template gives (read once per file version); InputError when it cannot
    be read as a Word document."""
    path = Path(path)
    try:
        st = path.stat()
    except OSError:
        from .errors import InputError

        raise InputError(path, "模板文件不存在" if not path.exists() else "无法读取模板文件") from None
    return _template(str(path.resolve()), st.st_mtime_ns, st.st_size, path.name)


@lru_cache(maxsize=8)
def _template(path: str, mtime: int, size: int, name: str) -> Reference:
    from .reader.layout import read_layout

    lay = read_layout(Path(path))
    ref = standard()
    ref.template = name
    main = _main_section(lay)
    ref.paper = (main.width, main.height)
    ref.margins = {"top": main.top, "bottom": main.bottom, "left": main.left + main.gutter, "right": main.right}
    ref.footer_distance = main.footer
    std = standard()
    normal = lay.styles.get("normal")
    pitch = unit_pitch(normal.line, normal.line_rule, main.grid, main.line_pitch) if normal else None
    ref.pitch = pitch or std.pitch
    ref.lines = lines_on(ref.block[1], ref.pitch)
    if main.grid in ("linesAndChars", "snapToChars"):
        ref.char_grid = (main.grid, main.char_space)
        ref.chars = chars_on(ref.block[0], lay.default_size + main.char_space / 4096)
    else:  # what fzwriter writes into the template: 3号 condensed by a quarter point
        ref.chars = chars_on(ref.block[0], std.roles["body"].size - 0.25)
    for role, names in _TEMPLATE_STYLES.items():
        for n in names:
            style = lay.styles.get(n)
            if style is not None and style.east_explicit and family_of(style.east_explicit) == ref.roles[role].family:
                ref.roles[role].font = style.east_explicit
                break
    numbers = {pn.part: pn for pn in main.page_numbers}
    if numbers.get("default") is not None:
        odd = numbers["default"]
        ref.number_odd = odd.align
        even = numbers.get("even") if lay.even_odd else odd
        ref.number_even = even.align if even is not None else None
        ref.number_dashes = dashed(odd.before, odd.after)
        ref.number_size = odd.size
        ref.number_family = family_of(odd.latin) or None
        ref.number_font = odd.latin or std.number_font
    return ref


# a line pitch a unit sets on purpose lies in this range (pt)
PITCH_RANGE = (20.0, 40.0)


def unit_pitch(line: float, rule: str, grid: str | None, grid_pitch: float | None) -> float | None:
    """The line pitch a unit's template chose for its text, from its Normal style's spacing (w:line,
    w:lineRule, docDefaults included) and its section's grid: a fixed spacing, or single spacing on
    a line grid (the grid's pitch). None for automatic spacing (Word's 1.15, WPS's single without a
    grid), which is nobody's choice: then the standard's pitch holds. writer.docxout writes a report
    into a template by the same rule."""
    if rule == "exact" and line > 0:
        pt = line / 20
    elif rule == "auto" and line == 240 and grid in ("lines", "linesAndChars") and grid_pitch:
        pt = grid_pitch
    else:
        return None
    return pt if PITCH_RANGE[0] <= pt <= PITCH_RANGE[1] else None


def _main_section(lay):
    """The section holding most of the body text (the last when none does)."""
    counts = Counter(p.section for p in lay.paragraphs)
    if counts:
        k = counts.most_common(1)[0][0]
        if k < len(lay.sections):
            return lay.sections[k]
    return lay.sections[-1]


def dashed(before: str, after: str) -> bool:
    dashes = checklists.layout().page_number.dashes
    b, a = before.strip(), after.strip()
    return bool(b) and bool(a) and b[-1] in dashes and a[0] in dashes


def lines_on(height_pt: float, pitch: float) -> int:
    """Lines of `pitch` a text block of `height_pt` holds (a line over by a twentieth still fits:
    Word lays 22 lines of 29 pt into 225 mm)."""
    return math.floor(height_pt / pitch + 0.05) if pitch > 0 else 0


def chars_on(width_pt: float, pitch: float) -> int:
    return math.floor(width_pt / pitch + 0.05) if pitch > 0 else 0


# ------------------------------------------------------------------------------------ the draft

class Para(Record):
    """A report paragraph `p` with its formatting: `fmt` (reader.layout.ParaFormat) and, per
    character of the report's text, an index into the layout's RunFormats (`chars`; -1: a list
    label or no run); its role; `span`, the part of the text the role covers (a run-in heading: its
    lead); `ideographs`, the spans of consecutive Chinese characters of the text (computed once)."""

    p: Paragraph | None = None
    fmt: object = None
    chars: list = []
    role: str = ""
    span: tuple = (0, 0)
    ideographs: list | None = None


class Draft(Record):
    """A report with its layout and the reference it is held to, its judged paragraphs in order."""

    report: Report | None = None
    layout: object = None  # reader.layout.Layout
    ref: Reference | None = None
    paras: list = []
    _looks: dict = {}
    _mutable = ("paras", "_looks")

    def of(self, *roles: str) -> list[Para]:
        return [q for q in self.paras if q.role in roles]

    def body_parts(self) -> list[tuple[Para, int, int]]:
        """Body text: body paragraphs whole, and the text after a run-in heading's lead."""
        out = []
        for q in self.paras:
            if q.role == "body":
                out.append((q, 0, len(q.p.text)))
            elif q.role in HEADINGS and q.p.runin and q.span[1] < len(q.p.text):
                out.append((q, q.span[1], len(q.p.text)))
        return out

    def look(self, q: Para, start: int = 0, end: int | None = None) -> Look | None:
        """What the Chinese characters of q.p.text[start:end] mostly show: family, typeface, size."""
        end = len(q.p.text) if end is None else end
        key = (q.p.index, start, end)
        if key not in self._looks:
            self._looks[key] = self._look(q, start, end)
        return self._looks[key]

    def _look(self, q: Para, start: int, end: int) -> Look | None:
        chars = q.chars
        seg = chars if start == 0 and end >= len(chars) else chars[start:end]  # read only
        if seg and seg.count(seg[0]) == len(seg):
            # one format over the whole span (most paragraphs): its count is the span's ideographs
            piece = q.p.text[start:start + len(seg)]
            n = len(piece) - len(_IDEOGRAPHS.sub("", piece))
            counts = {seg[0]: n} if n and seg[0] != -1 else {}
        else:
            if q.ideographs is None:
                q.ideographs = [m.span() for m in _IDEOGRAPHS.finditer(q.p.text, 0, len(chars))]
            # Chinese text is long runs of ideographs: their formats gathered by slices, counted once
            picked: list = []
            for a, b in q.ideographs:
                if b <= start:
                    continue
                if a >= end:
                    break
                picked += chars[max(a, start):min(b, end)]
            counts = Counter(picked)
            counts.pop(-1, None)
        if not counts:
            return None
        fmts = self.layout.formats
        if len(counts) == 1:  # one format: it is the look, of every character
            (k, n), = counts.items()
            f = fmts[k]
            east, size, east_set, latin = f.east, round(f.size * 4) / 4, f.east_set, f.latin
        else:
            by_look: Counter = Counter()
            for k, n in counts.items():
                f = fmts[k]
                by_look[(f.east, round(f.size * 4) / 4, f.east_set, f.latin)] += n
            (east, size, east_set, latin), n = by_look.most_common(1)[0]
        return Look(font=east, family=family_of(east), size=size, east_set=east_set, latin=latin,
                    share=n / sum(counts.values()))

    def section(self, q: Para):
        secs = self.layout.sections
        return secs[min(q.fmt.section, len(secs) - 1)]


class Look(Record):
    """What a span's Chinese characters mostly show: typeface, its family, size, whether an East
    Asian font was named, the Latin typeface, and the share of the characters that show it."""

    font: str | None = None
    family: str | None = None
    size: float = 0.0
    east_set: bool = True
    latin: str | None = None
    share: float = 0.0


def use_template(report: Report, path: str | Path | None) -> None:
    """Hold `report`'s layout to the unit template at `path` (None: to the standard)."""
    setattr(report, "__fz_layout_template__", str(path) if path else None)


def reference(report: Report) -> Reference:
    path = getattr(report, "__fz_layout_template__", None)
    return from_template(path) if path else standard()


def draft(report: Report) -> Draft | None:
    """`report` with its layout, for the FM rules; None for a .txt/.md draft (layout rules say
    nothing) or a .docx whose formatting cannot be read."""
    found = memo(report, "layout", _draft)
    return found or None


def _draft(report: Report) -> Draft | bool:
    if report.kind != "docx" or report.source is not None:
        return False  # a converted .doc/.wps: LibreOffice's conversion, not the unit's layout, would be judged
    from .errors import InputError
    from .reader import PARSED
    from .reader.layout import read_layout

    # the parts the text reader parsed, reused (the engine drops them from the report once checked)
    parsed = report.__dict__.get(PARSED)
    try:
        lay = read_layout(report.path, parsed=parsed)
        ref = reference(report)
    except InputError:
        return False
    d = Draft(report=report, layout=lay, ref=ref)
    roles = _roles(report)
    for p, fmt, chars in _aligned(report, lay):
        role = roles.get(p.index)
        if role is None:
            continue
        span = (0, len(p.text))
        if role in HEADINGS and p.runin:
            span = (0, _lead_end(p))
        d.paras.append(Para(p=p, fmt=fmt, chars=chars, role=role, span=span))
    return d


def _lead_end(p: Paragraph) -> int:
    """Where a run-in heading's lead sentence ends (after its full stop)."""
    cut = p.norm.find(p.heading) + len(p.heading) if p.heading else len(p.text)
    while cut < len(p.text) and p.text[cut] in "。.；;":
        cut += 1
    return cut


def _aligned(report: Report, lay):
    """(report paragraph, its ParaFormat, formats per character of its text) for the body paragraphs
    the layout reader found in the same walk (page headers and footers are not among them)."""
    walked = lay.paragraphs
    j = 0
    for para in report.paragraphs:
        if j >= len(walked):
            break
        label = para.numbering or ""
        own = para.original if para.original is not None else para.text
        for k in range(j, min(j + 3, len(walked))):
            w = walked[k]
            if label + w.text == own:
                chars = [-1] * len(label) + w.chars if label else w.chars  # read only: shared
                if para.original is not None:
                    chars = [c for c, ch in zip(chars, own) if ch not in _INVISIBLE]
                j = k + 1
                yield para, w, chars
                break


def _roles(report: Report) -> dict[int, str]:
    """Paragraph index → role, for the paragraphs the layout rules judge."""
    out: dict[int, str] = {}
    paras = report.paragraphs
    title = report.title_paragraph
    frame = set(report.frame_paragraphs)
    ends = {i for i in (report.addressee_paragraph, report.issuer_paragraph, report.date_paragraph) if i}
    titles = set()
    if title:
        k = title
        while k in frame and (k == title or k not in ends) and k - title < 3:
            titles.add(k)
            k += 1
    issuers = set()
    if report.issuer_paragraph:
        last = report.date_paragraph or report.issuer_paragraph
        issuers = {i for i in frame if report.issuer_paragraph <= i <= last and i != report.date_paragraph}
    end = report.date_paragraph or (max(issuers) if issuers else None)
    for p in paras:
        i = p.index
        if p.furniture or p.hint or p.in_table:
            continue
        if title and i < title:
            continue  # the unit's letterhead
        if end and i > end:
            continue  # 版记 and what follows the sign-off
        if i in titles:
            out[i] = "title"
        elif i == report.addressee_paragraph:
            out[i] = "addressee"
        elif i == report.date_paragraph:
            out[i] = "date"
        elif i in issuers:
            out[i] = "signoff"
        elif p.level is not None and 1 <= p.level <= 4:
            out[i] = f"h{p.level}"
        else:
            out[i] = "body"
    return out


# -------------------------------------------------------------------------------- measurements

def pitch_of(q: Para, section, size: float) -> tuple[float, bool, str]:
    """(line pitch in pt, computed exactly?, how the draft sets it in words) of a paragraph."""
    spec = checklists.layout().grid
    f = q.fmt
    gridded = section.grid in ("lines", "linesAndChars") and section.line_pitch and f.snap
    if f.line_rule == "exact" and f.line > 0:
        return f.line / 20, True, f"固定值{f.line / 20:g}磅"
    if f.line_rule == "atLeast":
        natural = section.line_pitch if gridded else size * spec.single_line
        return max(f.line / 20, natural), bool(gridded), f"最小值{f.line / 20:g}磅"
    m = (f.line or 240) / 240
    words = "单倍行距" if abs(m - 1) < 0.01 else f"{m:g}倍行距"
    if gridded:
        return section.line_pitch * m, True, f"{words}（文档网格行距{section.line_pitch:g}磅）"
    return size * spec.single_line * m, False, words


def indent_chars(q: Para, size: float) -> tuple[float, float]:
    """(first-line indent, left indent) in characters, leading white space counted as indent; an
    indent in points counts characters of `size` (the reference's: 32 pt is two 3号 characters
    whatever the draft's size, which is FM04's)."""
    f = q.fmt
    first = f.first_line if f.first_line is not None else (f.first_line_pt or 0.0) / size
    left = f.left_chars if f.left_chars is not None else f.left / size
    return first + f.lead, left


def width_chars(text: str) -> float:
    return sum(0.5 if ord(c) < 128 else 1.0 for c in text)


def quote(text: str, start: int = 0, end: int | None = None, limit: int = 80) -> tuple[int, int]:
    """The span of a quotable piece of text[start:end]: up to its first full stop or line break, at
    most `limit` characters, without the white space at its ends."""
    end = len(text) if end is None else end
    piece = text[start:end]
    cut = len(piece)
    for stop in ("。", "\n"):
        k = piece.find(stop)
        if 0 <= k < cut:
            cut = k + (1 if stop == "。" else 0)
    cut = min(cut, limit)
    a, b = start, start + cut
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def grouped(items: list, limit: int | None = None) -> bool:
    """Whether `items` (paragraphs with one problem) are too many to list one by one."""
    limit = limit or checklists.layout().per_paragraph
    return len(items) > limit


def where_list(items: list[Para], shown: int = 5) -> str:
    nums = [f"第{q.p.index}段" for q in items[:shown]]
    return "、".join(nums) + ("等" if len(items) > shown else "")

