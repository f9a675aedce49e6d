"""The one docx writer: blocks → a Word document in GB/T 9704 layout, or in the unit's own template.

GB/T 9704-2012 (domain.md §4): A4, margins 37/35/28/26 mm, 22 lines of 28 characters; title 2号
方正小标宋简体 centred; body 3号 仿宋_GB2312 with a two-character first-line indent; 一、 黑体,
（一） 楷体_GB2312, 1. 仿宋_GB2312; page numbers 4号 宋体 `— 1 —`, odd pages right, even pages left.
Chinese fonts go on w:eastAsia, or Word shows the Latin font for Chinese text.

With a template, the template decides: its styles, page setup, headers, footers and letterhead are
kept; only the styles it lacks are created (with the GB/T 9704 values); the template file is only read.
"""

from __future__ import annotations

import io
import os
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from .compose import Block
from .errors import InputError

# GB/T 9704 numbers
PAGE_W, PAGE_H = 210, 297  # mm
MARGINS = {"top": 37, "bottom": 35, "left": 28, "right": 26}  # mm
LINE_PITCH = 28.95  # pt: the 225 mm text block holds 22 lines
BODY_FONT, BODY_SIZE = "仿宋_GB2312", 16
TITLE_FONT, TITLE_SIZE = "方正小标宋简体", 22
HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312", 3: "仿宋_GB2312"}
PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE = "宋体", 14
HINT_FONT, HINT_COLOR = "楷体_GB2312", "7F7F7F"
FOOTER_DISTANCE = 22  # mm: puts the page number 7 mm under the text block

# role → style names looked up in a template, first found wins; the first is created if none is there
STYLE_NAMES = {
    "title": ["公文标题", "Title"],
    "h1": ["Heading 1"],
    "h2": ["Heading 2"],
    "h3": ["Heading 3"],
    "hint": ["填写提示"],
    "body": ["Normal"],
}

_THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def set_fonts(rpr_parent, font: str) -> None:
    """Set one font for Latin and East Asian text on a style or run (w:rFonts), dropping theme fonts."""
    from docx.oxml.ns import qn

    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), font)


def _indent_chars(pf, chars: float, size: float) -> None:
    """First-line indent in characters (w:firstLineChars, what Word's 首行缩进 2 字符 writes) and points."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    pf.first_line_indent = Pt(chars * size)
    ind = pf._element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(int(chars * 100)))


def _set_outline(style, level: int) -> None:
    style.element.get_or_add_pPr().get_or_add_outlineLvl().val = level


def _layout(style, font: str, size: float, indent: float | None, align=None, bold=False, color="000000") -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt, RGBColor

    set_fonts(style.element, font)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor.from_string(color)
    pf = style.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = Pt(LINE_PITCH)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    if indent is not None:
        _indent_chars(pf, indent, size)
    if align is not None:
        pf.alignment = align


def _gb_style(doc, role: str):
    """Give the style of `role` the GB/T 9704 values, creating it when missing."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    name = STYLE_NAMES[role][0]
    try:
        style = doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        if role != "body":
            style.next_paragraph_style = doc.styles["Normal"]
    if role == "body":
        _layout(style, BODY_FONT, BODY_SIZE, 2, WD_ALIGN_PARAGRAPH.JUSTIFY)
    elif role == "title":
        _layout(style, TITLE_FONT, TITLE_SIZE, 0, WD_ALIGN_PARAGRAPH.CENTER)
        _no_grid(style)  # a 22 pt line must not take two lines of the 22-line grid
    elif role in ("h1", "h2", "h3"):
        level = int(role[1])
        _layout(style, HEADING_FONTS[level], BODY_SIZE, 2, WD_ALIGN_PARAGRAPH.JUSTIFY)
        style.paragraph_format.keep_with_next = True
        _set_outline(style, level - 1)
    elif role == "hint":
        _layout(style, HINT_FONT, BODY_SIZE, 2, WD_ALIGN_PARAGRAPH.JUSTIFY, color=HINT_COLOR)
    style.quick_style = True
    return style


def _no_grid(style) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = style.element.get_or_add_pPr()
    if ppr.find(qn("w:snapToGrid")) is None:
        el = OxmlElement("w:snapToGrid")
        el.set(qn("w:val"), "0")
        ppr.insert_element_before(el, "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                                  "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                                  "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
                                  "w:sectPr", "w:pPrChange")


def _find_style(doc, role: str):
    from docx.enum.style import WD_STYLE_TYPE

    for name in STYLE_NAMES[role]:
        try:
            style = doc.styles[name]
        except KeyError:
            continue
        if style.type == WD_STYLE_TYPE.PARAGRAPH:
            return style
    return None


def _page_setup(section) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Mm

    section.page_width, section.page_height = Mm(PAGE_W), Mm(PAGE_H)
    section.top_margin, section.bottom_margin = Mm(MARGINS["top"]), Mm(MARGINS["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS["left"]), Mm(MARGINS["right"])
    section.footer_distance = Mm(FOOTER_DISTANCE)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is not None:
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(round(LINE_PITCH * 20)))


def _field_run(paragraph, kind: str, text: str | None = None):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    if kind == "instr":
        el = OxmlElement("w:instrText")
        el.set(qn("xml:space"), "preserve")
        el.text = text
    else:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
    run._r.append(el)
    return run


def _page_number(footer, right: bool) -> None:
    """`— 1 —` with a PAGE field, 宋体 4号, one character in from the outer edge."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    footer.is_linked_to_previous = False
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    for r in list(p._p.r_lst):
        p._p.remove(r)
    pf = p.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.RIGHT if right else WD_ALIGN_PARAGRAPH.LEFT
    _indent_chars(pf, 0, PAGE_NUMBER_SIZE)  # the footer style inherits Normal's two-character indent
    if right:
        pf.right_indent = Pt(PAGE_NUMBER_SIZE)
    else:
        pf.left_indent = Pt(PAGE_NUMBER_SIZE)
    runs = [p.add_run("— "), _field_run(p, "begin"), _field_run(p, "instr", " PAGE "),
            _field_run(p, "separate"), p.add_run("1"), _field_run(p, "end"), p.add_run(" —")]
    for r in runs:
        set_fonts(r._r, PAGE_NUMBER_FONT)
        r.font.size = Pt(PAGE_NUMBER_SIZE)


def _gb_document():
    """python-docx's blank document turned into a GB/T 9704 one."""
    import docx
    from docx.oxml.ns import qn

    doc = docx.Document()
    # defaults: Chinese fonts and language for anything no style covers
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    rpr = rpr_default.find(qn("w:rPr")) if rpr_default is not None else None
    if rpr is not None:  # plain lxml elements here, not python-docx's classes
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is not None:
            for attr in _THEME_ATTRS:
                fonts.attrib.pop(qn(f"w:{attr}"), None)
            for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
                fonts.set(qn(f"w:{attr}"), BODY_FONT)
        lang = rpr.find(qn("w:lang"))
        if lang is not None:
            lang.set(qn("w:eastAsia"), "zh-CN")
    for role in ("body", "title", "h1", "h2", "h3", "hint"):
        _gb_style(doc, role)
    section = doc.sections[0]
    _page_setup(section)
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, right=True)
    _page_number(section.even_page_footer, right=False)
    return doc


# ---------------------------------------------------------------- the unit's template


def open_template(path: Path):
    """The unit's .docx or .dotx as a python-docx Document; the file itself is only read."""
    import docx

    from .reader.docx import _check_zip, sniff_ole

    path = Path(path)
    if not path.is_file():
        raise InputError(path, "模板文件不存在" if not path.exists() else "模板不是文件")
    if path.stat().st_size == 0:
        raise InputError(path, "模板文件是空的")
    with path.open("rb") as fh:
        head = fh.read(8)
    err = sniff_ole(path, head)
    if err is not None:
        raise InputError(path, err.message.split("：", 1)[-1].replace("再检查", "再作为模板使用"))
    _check_zip(path)  # not a zip, no Word part, too large or a zip bomb: a clear message
    data = path.read_bytes()
    try:
        data = _as_document(data, path)
        return docx.Document(io.BytesIO(data))
    except InputError:
        raise
    except Exception as exc:  # python-docx raises many kinds on damaged packages
        raise InputError(path, f"无法作为 Word 模板使用（文件已损坏或不是 Word 文档：{type(exc).__name__}）") from None


_TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _as_document(data: bytes, path: Path | None = None) -> bytes:
    """A .dotx declares a template part; python-docx opens only documents, so the type is changed."""
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        types = zin.read("[Content_Types].xml").decode("utf-8", "replace")
    if "macroEnabled" in types:
        raise InputError(path or "模板", "是含宏的文件（.dotm/.docm），不能作为模板；请在 Word/WPS 中另存为 .dotx 或 .docx")
    if _TEMPLATE_TYPE not in types:
        return data
    fixed = types.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE).encode("utf-8")
    return rezip(data, lambda name, body: fixed if name == "[Content_Types].xml" else body)


def rezip(data: bytes, change=None, when: datetime | None = None) -> bytes:
    """The same zip with members changed by `change(name, bytes)` and, with `when`, all dated `when`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info)
            if change is not None:
                body = change(info.filename, body)
            if when is not None:
                stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
                fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
                fixed.compress_type, fixed.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
                info = fixed
            zout.writestr(info, body)
    return out.getvalue()


# ---------------------------------------------------------------- writing


def _width(text: str) -> float:
    """Width in characters of the body font: ASCII counts half."""
    return sum(0.5 if ord(c) < 128 else 1 for c in text)


def build(blocks: list[Block], meta: dict, template=None) -> bytes:
    """The .docx bytes for `blocks`, in GB/T 9704 layout or in `template` (a Document from
    `open_template`); `meta` has title, year, author for the document properties."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = _gb_document() if template is None else template
    styles = {}
    for role in STYLE_NAMES:
        found = _find_style(doc, role)
        styles[role] = found if found is not None else _gb_style(doc, role)

    signoff = [b for b in blocks if b.kind in ("issuer", "date")]
    issuers = [b.text for b in signoff if b.kind == "issuer"]
    dates = [b.text for b in signoff if b.kind == "date"]
    wi = max((_width(t) for t in issuers), default=0)
    wd = max((_width(t) for t in dates), default=0)
    # GB/T 9704 7.3.5.2: issuer two characters in from the right; the date starts two characters
    # to the right of the issuer's first character (both move left when the date is the longer)
    if wi - wd >= 2:
        issuer_right, date_right = 2, wi - wd
    else:
        issuer_right, date_right = 4 + wd - wi, 2

    # the sign-off never stands alone on the last page: the closing line and the blank stay with it
    first_signoff = next((i for i, b in enumerate(blocks) if b.kind in ("issuer", "date")), len(blocks))
    keep = set(range(max(0, first_signoff - 2), len(blocks) - 1))
    for n, b in enumerate(blocks):
        if b.kind == "title":
            doc.add_paragraph(b.text, style=styles["title"])
            p = doc.add_paragraph("", style=styles["body"])  # one blank line under the title
        elif b.kind in ("h1", "h2", "h3", "hint", "body"):
            p = doc.add_paragraph(b.text, style=styles[b.kind])
        elif b.kind == "blank":
            p = doc.add_paragraph("", style=styles["body"])
        else:  # addressee, issuer, date: flush, the sign-off right-aligned
            p = doc.add_paragraph(b.text, style=styles["body"])
            _indent_chars(p.paragraph_format, 0, BODY_SIZE)
            if b.kind in ("issuer", "date"):
                p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                chars = issuer_right if b.kind == "issuer" else date_right
                p.paragraph_format.right_indent = Pt(BODY_SIZE * chars)
        if n in keep:
            p.paragraph_format.keep_with_next = True

    props = doc.core_properties
    props.title = meta["title"]
    props.subject = f"{meta['year']}年法治政府建设情况"
    props.keywords = f"法治政府建设年度报告; {meta['year']}"
    props.category = "法治政府建设年度报告"
    props.author = meta.get("author") or ""
    props.last_modified_by = "fzwriter"
    props.comments = "由 fzwriter new 生成的起草稿：【  】处待填，【提示：……】写完后删除。"
    props.revision = 1
    now = _now()
    props.created = now
    props.modified = now
    out = io.BytesIO()
    doc.save(out)
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return rezip(out.getvalue(), when=now)  # reproducible bytes for examples and builds
    return out.getvalue()


def _now() -> datetime:
    """The time stamp for document properties (SOURCE_DATE_EPOCH makes builds reproducible)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).replace(tzinfo=None)
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
