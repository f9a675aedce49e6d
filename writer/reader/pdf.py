"""PDF drafts: the text layer, read with pdfminer.six (the engine under pdfplumber, without the page
rendering pdfplumber adds), put back into lines by each character's position and into paragraphs by
the page's geometry; page numbers, running headers and footers taken out.

Why pdfminer.six: it decodes every predefined Chinese CMap (Adobe-GB1: GBK-EUC-H, UniGB-UCS2-H …) the
way older Chinese PDF producers write text, and gives each character's box and size, which the
paragraphs are rebuilt from (a line that stops short of the right margin ends its paragraph; an
indented, centred or larger line starts one). Lines are grouped by baseline, not by box top, so digits
in another font stay in their line.

Tables drawn with ruling lines are read cell by cell, as the .docx reader reads a Word table (a
table without lines is read as lines of text). A PDF loses what only Word keeps: Word's numbering and
styles, tracked changes (a PDF shows what was printed, struck-out text included), and no comments can
be written into it.
"""

from __future__ import annotations

import io
import re
import statistics
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from .limits import Limits, current
from .raw import RawParagraph

MAX_PAGES = 1000  # a report runs to a few dozen; beyond this it is not one (and would take minutes)

SCAN = ("PDF 中没有可提取的文字（可能是扫描件或图片）；需要先做文字识别（OCR，如 WPS、Adobe Acrobat 的“扫描件识别”）"
        "转成文字，或请报送单位提供 Word 版本")
UNMAPPED = ("PDF 的字体没有文字编码信息，提取出的是乱码；请用 WPS/Adobe Acrobat 另存为 Word，"
            "或请报送单位提供 Word 版本")

# glyphs a font shares between a radical and an ideograph, which some PDF writers map to the radical:
# ⻔ is 门 to a reader. Kangxi radicals and the angle brackets fold by NFKC; the CJK Radicals
# Supplement only by Unicode's EquivalentUnifiedIdeograph table, of which the whole characters are here.
_GLYPHS = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in [*range(0x2F00, 0x2FD6), 0x2329, 0x232A]}
_GLYPHS.update({ord(r): u for r, u in zip(
    "⺟⺠⻄⻅⻆⻈⻉⻋⻐⻑⻓⻔⻘⻙⻚⻛⻜⻝⻠⻡⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳",
    "母民西见角讠贝车钅長长门青韦页风飞食饣首马骨鬼鱼鸟卤麦黄黾齐齿龙龟")})

# a page number: — 3 —, - 3 -, 3, 第3页, 第 3 页 共 12 页, 3/12
_PAGE_NO = re.compile(r"^[\s\-—–－~·•]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[\s\-—–－~·•]*$")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]{1,3}[章节部分]|\d{1,2}[.．、]\D)")
_ENDS = "。！？；：!?;:…”’）)】"
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


@dataclass(eq=False)  # compared and hashed as itself
class Line:
    text: str
    page: int
    x0: float
    x1: float
    y: float  # baseline, from the page's bottom
    size: float
    margin: str | None = None  # 页眉 / 页脚 once found to repeat on the pages
    table: list[list[str]] | None = None  # a ruled table standing here: its rows of cell texts

    @property
    def chars(self) -> int:
        return len(self.text) + sum(len(c) for row in self.table or [] for c in row)


@dataclass
class _Page:
    height: float
    lines: list[Line] = field(default_factory=list)


def read_pdf(path: Path, data: bytes, limits: Limits | None = None) -> list[RawParagraph]:
    """The paragraphs of a PDF's text layer (body, then the running headers and footers)."""
    limits = limits or current()
    pages = _pages(path, data, limits)
    lines = [ln for p in pages for ln in p.lines]
    if not any(ln.text.strip() or ln.table for ln in lines):
        raise InputError(path, SCAN)
    unmapped = sum(ln.text.count("\ufffd") for ln in lines)
    if unmapped > 0.3 * max(1, sum(ln.chars for ln in lines)):
        raise InputError(path, UNMAPPED)
    margins = _furniture(pages)
    body = [ln for ln in lines if ln.margin is None]
    out = _paragraphs(body)
    seen: set[tuple[str, str]] = set()
    for ln in lines:
        if ln.margin and (ln.margin, ln.text) not in seen and ln in margins:
            seen.add((ln.margin, ln.text))
            out.append(RawParagraph(text=ln.text, style=ln.margin))
    if len(out) > limits.max_paragraphs:
        raise InputError(path, f"段落过多（{len(out):,} 段以上，上限 {limits.max_paragraphs:,} 段），不像一份报告"
                               "（确需检查可在 fzwriter.toml 的 [limits] 中调大 max_paragraphs）")
    return out


# ---------------------------------------------------------------------------- characters → lines

def _pages(path: Path, data: bytes, limits: Limits) -> list[_Page]:
    import logging

    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    logging.getLogger("pdfminer").setLevel(logging.CRITICAL)  # its warnings are not the user's business
    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF-" not in data[:1024]:
        raise InputError(path, "不是有效的 PDF 文件（文件开头没有 PDF 标记），可能已损坏或扩展名有误")
    if b"%%EOF" not in data[-4096:]:
        raise InputError(path, "PDF 文件不完整（结尾缺失，可能下载或复制时中断），请重新获取完整文件")
    try:
        doc = PDFDocument(PDFParser(io.BytesIO(data)), password="")
    except PDFPasswordIncorrect:
        raise InputError(path, "PDF 设置了打开密码，无法读取；请报送单位取消密码后重新发送，"
                               "或在 PDF 阅读器中输入密码后另存一份无密码的文件") from None
    except PDFEncryptionError:
        raise InputError(path, "PDF 使用了不支持的加密方式，无法读取；请报送单位提供未加密的版本") from None
    except Exception as exc:  # noqa: BLE001 - pdfminer's many ways of meeting a broken file
        raise InputError(path, f"PDF 文件已损坏，无法读取（{type(exc).__name__}）") from None
    resources = PDFResourceManager(caching=True)
    device = PDFPageAggregator(resources, laparams=None)  # characters only: no layout analysis
    interpreter = PDFPageInterpreter(resources, device)
    pages: list[_Page] = []
    chars = 0
    try:
        for n, page in enumerate(PDFPage.create_pages(doc), start=1):
            if n > MAX_PAGES:
                raise InputError(path, f"页数过多（超过 {MAX_PAGES} 页），不像一份报告")
            interpreter.process_page(page)
            layout = device.get_result()
            found = _Page(height=layout.height)
            found.lines = _lines_and_tables(layout, n)
            chars += sum(ln.chars for ln in found.lines)
            if chars > limits.max_chars:
                raise InputError(path, f"文字过多（{chars:,} 字以上，上限 {limits.max_chars:,} 字），不像一份报告"
                                       "（确需检查可在 fzwriter.toml 的 [limits] 中调大 max_chars）")
            pages.append(found)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise InputError(path, f"PDF 文件已损坏，第 {len(pages) + 1} 页无法读取（{type(exc).__name__}）") from None
    if not pages:
        raise InputError(path, "PDF 文件已损坏：没有可读的页面")
    return pages


def _chars(layout) -> tuple[list, list]:
    """The upright characters of a page, those inside form objects too (a watermark set at an angle is
    not the report's text), less those struck out; and those struck out."""
    from pdfminer.layout import LTChar, LTContainer, LTLine, LTRect

    out = []
    rules = []
    stack = [layout]
    while stack:
        for item in stack.pop():
            if isinstance(item, LTChar):
                if item.upright and item.size > 0:
                    out.append(item)
            elif isinstance(item, (LTLine, LTRect)) and item.height <= 1.5 and item.width > 1:
                rules.append(item)
            elif isinstance(item, LTContainer):
                stack.append(item)
    if not rules:
        return out, []
    kept, gone = [], []
    for c in out:
        (gone if _struck(c, rules) else kept).append(c)
    return kept, gone


def _struck(c, rules: list) -> bool:
    """A line through the character above its baseline (not under it, as an underline is): deleted text
    a draft printed with its tracked changes shows, which the .docx reader leaves out too."""
    base, mid = c.matrix[5], (c.x0 + c.x1) / 2
    return any(base + 0.05 * c.size < (r.y0 + r.y1) / 2 < base + 0.7 * c.size and r.x0 <= mid <= r.x1
               for r in rules)


def _lines_and_tables(layout, page: int) -> list[Line]:
    """The page's lines, top first, each ruled table standing as one Line at its top edge."""
    chars, gone = _chars(layout)
    grids = _grids(layout)
    if not grids:
        return _lines(chars, page, gone)
    inside: list[list] = [[] for _ in grids]
    rest = []
    for c in chars:
        x, y = (c.x0 + c.x1) / 2, (c.y0 + c.y1) / 2
        k = next((k for k, g in enumerate(grids) if g.holds(x, y)), None)
        (inside[k] if k is not None else rest).append(c)
    out = _lines(rest, page, gone)
    for g, cs in zip(grids, inside):
        rows = g.rows(cs, page, gone)
        if rows:
            size = statistics.median(c.size for c in cs) if cs else 0.0
            out.append(Line(text="", page=page, x0=g.x0, x1=g.x1, y=g.top, size=size, table=rows))
    out.sort(key=lambda ln: -ln.y)
    return out


@dataclass
class _Grid:
    """A table drawn with ruling lines: its row edges (top first) and its vertical rules."""

    ys: list[float]
    verticals: list[tuple[float, float, float]]  # x, bottom, top

    @property
    def x0(self) -> float:
        return min(v[0] for v in self.verticals)

    @property
    def x1(self) -> float:
        return max(v[0] for v in self.verticals)

    @property
    def top(self) -> float:
        return self.ys[0]

    def holds(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.ys[-1] <= y <= self.ys[0]

    def rows(self, chars: list, page: int, gone: list) -> list[list[str]]:
        """Each row band's cells, left to right: between the vertical rules that cross the band (a
        cell merged across columns has none inside it); a cell's lines joined as a paragraph's."""
        out = []
        for hi, lo in zip(self.ys, self.ys[1:]):
            xs = sorted({round(x, 1) for x, bottom, top in self.verticals if bottom <= lo + 2 and top >= hi - 2})
            band = [c for c in chars if lo <= (c.y0 + c.y1) / 2 <= hi]
            cells = []
            for left, right in zip(xs, xs[1:]):
                mine = [c for c in band if left <= (c.x0 + c.x1) / 2 <= right]
                lines = _lines(mine, page, gone)
                cells.append(_join(lines) if lines else "")
            if any(cells):
                out.append(cells)
        return out if len(out) >= 2 and max(len(r) for r in out) >= 2 else []


def _grids(layout) -> list[_Grid]:
    """Ruled tables: vertical rules grouped where their spans overlap, with the horizontal rules
    across them; a lone box (a frame round a paragraph) is no table."""
    from pdfminer.layout import LTLine, LTRect

    horizontal: list[tuple[float, float, float]] = []  # y, left, right
    vertical: list[tuple[float, float, float]] = []  # x, bottom, top
    for item in layout:
        if not isinstance(item, (LTLine, LTRect)):
            continue
        x0, y0, x1, y1 = item.bbox
        if y1 - y0 <= 2 and x1 - x0 > 2:
            horizontal.append(((y0 + y1) / 2, x0, x1))
        elif x1 - x0 <= 2 and y1 - y0 > 2:
            vertical.append(((x0 + x1) / 2, y0, y1))
        elif isinstance(item, LTRect):  # a cell drawn as a box: its four sides
            horizontal += [(y0, x0, x1), (y1, x0, x1)]
            vertical += [(x0, y0, y1), (x1, y0, y1)]
    groups: list[list[tuple[float, float, float]]] = []
    for v in sorted(vertical, key=lambda v: -v[2]):
        for g in groups:
            if v[1] <= max(t for _, _, t in g) + 2 and v[2] >= min(b for _, b, _ in g) - 2:
                g.append(v)
                break
        else:
            groups.append([v])
    grids = []
    for g in groups:
        left, right = min(x for x, _, _ in g), max(x for x, _, _ in g)
        bottom, top = min(b for _, b, _ in g), max(t for _, _, t in g)
        ys = sorted({round(y, 1) for y, a, b in horizontal
                     if bottom - 2 <= y <= top + 2 and a <= left + 2 and b >= right - 2}, reverse=True)
        ys = [y for k, y in enumerate(ys) if k == 0 or ys[k - 1] - y > 2]
        if len({round(x) for x, _, _ in g}) >= 3 and len(ys) >= 3:
            grids.append(_Grid(ys=ys, verticals=g))
    return grids


def _lines(chars: list, page: int, gone: list = ()) -> list[Line]:
    """Characters grouped by baseline, each group read left to right, top line first."""
    chars.sort(key=lambda c: -c.matrix[5])
    groups: list[list] = []
    for c in chars:
        y = c.matrix[5]
        if groups and abs(groups[-1][0].matrix[5] - y) <= 0.4 * max(c.size, groups[-1][0].size):
            groups[-1].append(c)
        else:
            groups.append([c])
    out = []
    for g in groups:
        g.sort(key=lambda c: c.x0)
        text = _text(g, gone)
        if text.strip():
            shown = [c for c in g if c.get_text().strip()]
            out.append(Line(text=text.strip(), page=page, x0=shown[0].x0, x1=shown[-1].x1,
                            y=statistics.median(c.matrix[5] for c in g),
                            size=statistics.median(c.size for c in shown)))
    return out


def _text(chars: list, gone: list = ()) -> str:
    """A line's text: a space where the page shows one (a wide gap, or a word gap between Latin
    letters), none between Chinese characters set close, nor where struck-out text (`gone`) stood; a
    character drawn twice (fake bold) once."""
    parts: list[str] = []
    prev = None
    for c in _spaces_that_show(chars):
        t = c.get_text()
        if t.startswith("(cid:"):
            t = "\ufffd"
        t = t.translate(_GLYPHS)
        if prev is not None:
            if t == prev_t and abs(c.x0 - prev.x0) < 0.3 * c.size:
                continue
            gap = c.x0 - prev.x1
            size = max(c.size, prev.size)
            if gap > 0.2 * size and gone and any(
                    abs(g.matrix[5] - c.matrix[5]) < 0.4 * size and prev.x1 - 1 <= g.x0 and g.x1 <= c.x0 + 1
                    for g in gone):
                gap = 0.0  # deleted text stood there
            latin = not _CJK.search(prev_t[-1:] + t[:1])
            if t != " " and prev_t != " " and (gap > 0.8 * size or (latin and gap > 0.2 * size)):
                parts.append(" ")
        parts.append(t)
        prev, prev_t = c, t
    return re.sub(r" {2,}", " ", "".join(parts))


def _spaces_that_show(chars: list) -> list:
    """Without space glyphs that the next character overlaps: LibreOffice sets them to carry an
    underline or a strike-through across a change of font (2024 年), not as a gap a reader sees."""
    out = []
    for k, c in enumerate(chars):
        if c.get_text() == " ":
            nxt = next((n for n in chars[k + 1:] if n.get_text() != " "), None)
            if nxt is not None and nxt.x0 < c.x1 - 0.05 * c.size:
                continue
        out.append(c)
    return out


# ---------------------------------------------------------------------------- furniture

def _furniture(pages: list[_Page]) -> set:
    """Mark page numbers (dropped) and lines repeated at the top or bottom of the pages (kept once,
    as 页眉/页脚); returns the repeated lines' first occurrences."""
    kept: set = set()
    for p in pages:
        for edge in (p.lines[:2], p.lines[-2:]):
            for ln in edge:
                if ln.table is None and _PAGE_NO.match(ln.text) and ln.chars <= 16:
                    ln.margin = "页码"
    if len(pages) < 2:
        return kept
    for where, pick in (("页眉", lambda p: p.lines[:2]), ("页脚", lambda p: p.lines[-2:])):
        counts: dict[tuple[str, int], list[Line]] = {}
        for p in pages:
            for ln in pick(p):
                if ln.margin is None and ln.table is None:
                    # the same words at the same height: a title that repeats the header's words is no header
                    counts.setdefault((re.sub(r"\d+", "#", ln.text), round(ln.y / 6)), []).append(ln)
        need = max(2, (len(pages) + 1) // 2)
        for same in counts.values():
            if len({ln.page for ln in same}) >= need and all(ln.chars <= 60 for ln in same):
                for ln in same:
                    ln.margin = where
                kept.add(same[0])
    return kept


# ---------------------------------------------------------------------------- lines → paragraphs

def _paragraphs(lines: list[Line]) -> list[RawParagraph]:
    """Lines joined into paragraphs; a ruled table's cells each a paragraph, with their place in it
    (table, row, column) as the .docx reader gives a Word table's."""
    text = [ln for ln in lines if ln.table is None]
    if not text:
        return _cells_only(lines)
    size = statistics.median(ln.size for ln in text)
    left = _mode([ln.x0 for ln in text], size)
    # the right margin: where most full lines end; in a short document, where nearly all do (the
    # most common end of a few ragged lines may be any of them)
    ends = sorted(ln.x1 for ln in text if ln.chars >= 10) or [max(ln.x1 for ln in text)]
    right = _mode(ends, size) if len(ends) >= 8 else ends[int(0.9 * (len(ends) - 1))]
    pitch = _pitch(text, size)
    soft = _indents(text, left, right, size)
    out: list[RawParagraph] = []
    para: list[Line] = []
    breaks: set[int] = set()  # positions in `para` after a line break inside the paragraph
    tables = 0
    prev = None
    for ln in lines:
        if ln.table is not None:
            if para:
                out.append(RawParagraph(text=_join(para, breaks)))
            para, prev = [], None
            tables += 1
            out.extend(_cells(ln.table, tables))
            continue
        how = "new" if prev is None else _starts(prev, ln, left, right, size, pitch, soft)
        if how == "new":
            if para:
                out.append(RawParagraph(text=_join(para, breaks)))
            para, breaks = [ln], set()
        else:
            if how == "break":
                breaks.add(len(para))
            para.append(ln)
        prev = ln
    if para:
        out.append(RawParagraph(text=_join(para, breaks)))
    return out


def _indents(lines: list[Line], left: float, right: float, size: float) -> bool:
    """Whether the document starts its paragraphs with an indent: nearly every line after a line that
    stopped short is indented. Then a line at the margin after a short one is a line break inside
    the paragraph (Shift+Enter in Word), as the .docx reader reads it."""
    after_short = [cur for prev, cur in zip(lines, lines[1:])
                   if right - prev.x1 >= 1.5 * size and prev.text.endswith(tuple(_ENDS))
                   and abs(cur.size - size) < 0.2 * size]
    indented = sum(1 for cur in after_short if cur.x0 - left >= 1.5 * size)
    return len(after_short) >= 4 and indented >= 0.8 * len(after_short)


def _cells(rows: list[list[str]], table: int) -> list[RawParagraph]:
    return [RawParagraph(text=cell, in_table=True, cell=(table, r, c))
            for r, row in enumerate(rows) for c, cell in enumerate(row) if cell.strip()]


def _cells_only(lines: list[Line]) -> list[RawParagraph]:
    out: list[RawParagraph] = []
    for k, ln in enumerate(ln for ln in lines if ln.table is not None):
        out.extend(_cells(ln.table, k + 1))
    return out


def _starts(prev: Line, cur: Line, left: float, right: float, size: float, pitch: float,
            soft: bool = False) -> str:
    """How `cur` follows `prev` (`size`: the body's character size): "new" paragraph, "join" (the
    paragraph runs on), or "break" (a line break inside the paragraph, in a document that indents)."""
    if abs(cur.size - prev.size) > 0.2 * max(cur.size, prev.size):
        return "new"  # a title, or a heading set larger
    if (cur.size > 1.2 * size and cur.page == prev.page and prev.y - cur.y < 2 * cur.size
            and not prev.text.endswith(tuple(_ENDS))):
        return "join"  # a title set over two lines is one title
    if cur.x0 - left >= 1.5 * size:
        return "new"  # a first-line indent, a centred line, a sign-off set to the right
    short = right - prev.x1
    if short >= 1.5 * size:
        # a line broken a few characters early, mid-sentence, is Chinese line breaking keeping
        # 《纲要（2021—2025年）》 or a number whole, not the end of its paragraph
        if short < 6 * size and not prev.text.endswith(tuple(_ENDS)) and not _HEADING.match(prev.text):
            return "join"
        if (soft and not _HEADING.match(cur.text) and not _HEADING.match(prev.text)
                and abs(prev.size - size) < 0.2 * size and cur.page == prev.page
                and prev.y - cur.y <= 1.3 * pitch):
            return "break"
        return "new"  # the line before stopped short: its paragraph ended there
    if _HEADING.match(cur.text) and (prev.text.endswith(tuple(_ENDS)) or right - prev.x1 >= 0.5 * size):
        return "new"
    if cur.page == prev.page and prev.y - cur.y > 1.7 * pitch:
        return "new"  # space between paragraphs
    return "join"


def _join(lines: list[Line], breaks: set[int] = frozenset()) -> str:
    text = lines[0].text
    for k, ln in enumerate(lines[1:], start=1):
        if k in breaks:
            text += "\n"
        # Chinese runs on without a space; two Latin words or numbers broken over a line keep one
        elif re.match(r"[A-Za-z0-9]", text[-1:]) and re.match(r"[A-Za-z0-9]", ln.text[:1]) and not (
                text[-1:].isdigit() and ln.text[:1].isdigit()):
            text += " "
        text += ln.text
    return text


def _mode(values: list[float], size: float) -> float | None:
    """The most common value, counted in bins of a quarter character."""
    if not values:
        return None
    step = max(size / 4, 1.0)
    bins: dict[int, list[float]] = {}
    for v in values:
        bins.setdefault(round(v / step), []).append(v)
    best = max(bins.values(), key=len)
    return statistics.median(best)


def _pitch(lines: list[Line], size: float) -> float:
    """The usual distance between two lines of a paragraph."""
    gaps = [a.y - b.y for a, b in zip(lines, lines[1:]) if a.page == b.page and 0 < a.y - b.y < 4 * size]
    return statistics.median(gaps) if gaps else 1.5 * size
