"""PDF drafts: the text layer, read with pdfminer.six (the engine under pdfplumber, without the page
rendering pdfplumber adds), put back into lines by each character's position and into paragraphs by
the page's geometry; page numbers, running headers and footers taken out.

Why pdfminer.six: it decodes every predefined Chinese CMap (Adobe-GB1: GBK-EUC-H, UniGB-UCS2-H …) the
way older Chinese PDF producers write text, and gives each character's box and size, which the
paragraphs are rebuilt from (a line that stops short of the right margin ends its paragraph; an
indented, centred or larger line starts one). Lines are grouped by baseline, not by box top, so digits
in another font stay in their line.

A PDF loses what only Word keeps: tables become lines, Word's numbering and styles are gone, and no
comments can be written into it.
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

    @property
    def chars(self) -> int:
        return len(self.text)


@dataclass
class _Page:
    height: float
    lines: list[Line] = field(default_factory=list)


def read_pdf(path: Path, data: bytes, limits: Limits | None = None) -> list[RawParagraph]:
    """The paragraphs of a PDF's text layer (body, then the running headers and footers)."""
    limits = limits or current()
    pages = _pages(path, data, limits)
    lines = [ln for p in pages for ln in p.lines]
    if not any(ln.text.strip() for ln in lines):
        raise InputError(path, SCAN)
    unmapped = sum(ln.text.count("\ufffd") for ln in lines)
    if unmapped > 0.3 * sum(ln.chars for ln in lines):
        raise InputError(path, UNMAPPED)
    margins = _furniture(pages)
    body = [ln for ln in lines if ln.margin is None]
    out = [RawParagraph(text=t) for t in _paragraphs(body)]
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
            found.lines = _lines(_chars(layout), n)
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


def _chars(layout) -> list:
    """The upright characters of a page, those inside form objects too (a watermark set at an angle is
    not the report's text)."""
    from pdfminer.layout import LTChar, LTContainer

    out = []
    stack = [layout]
    while stack:
        for item in stack.pop():
            if isinstance(item, LTChar):
                if item.upright and item.size > 0:
                    out.append(item)
            elif isinstance(item, LTContainer):
                stack.append(item)
    return out


def _lines(chars: list, page: int) -> list[Line]:
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
        text = _text(g)
        if text.strip():
            shown = [c for c in g if c.get_text().strip()]
            out.append(Line(text=text.strip(), page=page, x0=shown[0].x0, x1=shown[-1].x1,
                            y=statistics.median(c.matrix[5] for c in g),
                            size=statistics.median(c.size for c in shown)))
    return out


def _text(chars: list) -> str:
    """A line's text: a space where the page shows one (a wide gap, or a word gap between Latin
    letters), none between Chinese characters set close; a character drawn twice (fake bold) once."""
    parts: list[str] = []
    prev = None
    for c in chars:
        t = c.get_text()
        if t.startswith("(cid:"):
            t = "\ufffd"
        t = t.translate(_GLYPHS)
        if prev is not None:
            if t == prev_t and abs(c.x0 - prev.x0) < 0.3 * c.size:
                continue
            gap = c.x0 - prev.x1
            size = max(c.size, prev.size)
            latin = not _CJK.search(prev_t[-1:] + t[:1])
            if t != " " and prev_t != " " and (gap > 0.8 * size or (latin and gap > 0.2 * size)):
                parts.append(" ")
        parts.append(t)
        prev, prev_t = c, t
    return re.sub(r" {2,}", " ", "".join(parts))


# ---------------------------------------------------------------------------- furniture

def _furniture(pages: list[_Page]) -> set:
    """Mark page numbers (dropped) and lines repeated at the top or bottom of the pages (kept once,
    as 页眉/页脚); returns the repeated lines' first occurrences."""
    kept: set = set()
    for p in pages:
        for edge in (p.lines[:2], p.lines[-2:]):
            for ln in edge:
                if _PAGE_NO.match(ln.text) and ln.chars <= 16:
                    ln.margin = "页码"
    if len(pages) < 2:
        return kept
    for where, pick in (("页眉", lambda p: p.lines[:2]), ("页脚", lambda p: p.lines[-2:])):
        counts: dict[str, list[Line]] = {}
        for p in pages:
            for ln in pick(p):
                if ln.margin is None:
                    counts.setdefault(re.sub(r"\d+", "#", ln.text), []).append(ln)
        need = max(2, (len(pages) + 1) // 2)
        for same in counts.values():
            if len({ln.page for ln in same}) >= need and all(ln.chars <= 60 for ln in same):
                for ln in same:
                    ln.margin = where
                kept.add(same[0])
    return kept


# ---------------------------------------------------------------------------- lines → paragraphs

def _paragraphs(lines: list[Line]) -> list[str]:
    if not lines:
        return []
    size = statistics.median(ln.size for ln in lines)
    left = _mode([ln.x0 for ln in lines], size)
    right = _mode([ln.x1 for ln in lines if ln.chars >= 10], size) or max(ln.x1 for ln in lines)
    pitch = _pitch(lines, size)
    paras: list[list[Line]] = []
    for k, ln in enumerate(lines):
        if k == 0 or _starts(lines[k - 1], ln, left, right, size, pitch):
            paras.append([ln])
        else:
            paras[-1].append(ln)
    return [_join(p) for p in paras]


def _starts(prev: Line, cur: Line, left: float, right: float, size: float, pitch: float) -> bool:
    """Whether `cur` begins a paragraph after `prev` (`size`: the body's character size)."""
    if abs(cur.size - prev.size) > 0.2 * max(cur.size, prev.size):
        return True  # a title, or a heading set larger
    if (cur.size > 1.2 * size and cur.page == prev.page and prev.y - cur.y < 2 * cur.size
            and not prev.text.endswith(tuple(_ENDS))):
        return False  # a title set over two lines is one title
    if cur.x0 - left >= 1.5 * size:
        return True  # a first-line indent, a centred line, a sign-off set to the right
    if right - prev.x1 >= 1.5 * size:
        return True  # the line before stopped short of the margin: its paragraph ended there
    if _HEADING.match(cur.text) and (prev.text.endswith(tuple(_ENDS)) or right - prev.x1 >= 0.5 * size):
        return True
    if cur.page == prev.page and prev.y - cur.y > 1.7 * pitch:
        return True  # space between paragraphs
    return False


def _join(lines: list[Line]) -> str:
    text = lines[0].text
    for ln in lines[1:]:
        # Chinese runs on without a space; two Latin words or numbers broken over a line keep one
        if re.match(r"[A-Za-z0-9]", text[-1:]) and re.match(r"[A-Za-z0-9]", ln.text[:1]) and not (
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
