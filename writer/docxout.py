"""The one docx writer: blocks → a Word document in GB/T 9704 layout, or in the unit's own template.

GB/T 9704-2012 (domain.md §4): A4, margins 37/35/28/26 mm, 22 lines of 28 characters; title 2号
方正小标宋简体 centred; body 3号 仿宋_GB2312 with a two-character first-line indent; 一、 黑体,
（一） 楷体_GB2312, 1. 仿宋_GB2312; page numbers 4号 宋体 `— 1 —`, odd pages right, even pages left.
Chinese fonts go on w:eastAsia, or Word shows the Latin font for Chinese text.

With a unit's template, its letterhead, headers, footers, page setup and the fonts the unit chose
are kept (page numbers are added, odd right and even left, when its footers have none), while what fzwriter writes gets the report's own paragraph formatting whatever the
template's styles say: fzwriter writes with its own styles (公文标题, 公文正文, 公文一级标题 …),
based on no template style, taking from the template's Title/Heading/Normal only a typeface the unit
named there, when it is of the kind GB/T 9704 asks for (方正仿宋_GBK for the body, say). The report goes where the template holds a placeholder paragraph (（此处为正文）);
comments, tracked changes, the attached-template link and macros of the template are not carried
over. The template file is only read.

28 characters a line: 28 three-hao characters (448 pt) are wider than the 156 mm text block
(442 pt). Word's usual answer is a character grid (w:docGrid linesAndChars, charSpace −849), but
LibreOffice gives every character two cells of a grid narrower than the font (14 a line), so the
16 pt styles are condensed by 0.25 pt instead (w:spacing −5), which Word, WPS and LibreOffice all
lay out as 28 a line on a line grid of 22.
"""

from __future__ import annotations

import io
import os
import re
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
LINE_CHARS = 28  # characters a line of the 156 mm text block
CONDENSE = -5  # twentieths of a point: 16 pt characters at a 15.75 pt pitch, 28 to the line
TITLE_CHARS = 20  # 2号 characters a title line holds (442 pt / 22 pt)

# role → the style fzwriter writes with: in its own GB/T 9704 document …
STYLE_NAMES = {"title": "公文标题", "h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3",
               "hint": "填写提示", "body": "Normal"}
# … and in a unit's template, where Normal, Title and Heading N belong to the unit (its letterhead
# may use them) and their paragraph formatting must not reach the report
TEMPLATE_STYLE_NAMES = {"title": "公文标题", "h1": "公文一级标题", "h2": "公文二级标题", "h3": "公文三级标题",
                        "hint": "填写提示", "body": "公文正文"}
# the template style whose typeface, when the unit set one, the report keeps
UNIT_FONT_STYLES = {"title": "Title", "h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3", "body": "Normal"}
ROLE_FONTS = {"title": TITLE_FONT, "h1": HEADING_FONTS[1], "h2": HEADING_FONTS[2], "h3": HEADING_FONTS[3],
              "hint": HINT_FONT, "body": BODY_FONT}
# a unit's typeface is kept when it is the role's kind (方正仿宋_GBK for 仿宋_GB2312, 方正黑体_GBK for
# 黑体); a template's 宋体 or Calibri body is WPS's or Word's default, not a choice for a 公文
ROLE_KINDS = {"title": ("小标宋", "标宋"), "h1": ("黑体",), "h2": ("楷体",), "h3": ("仿宋",), "body": ("仿宋",)}

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


def _layout(style, font: str, size: float, indent: float | None, align=None, bold=False, color="000000",
            condense: int = 0, pitch: float = LINE_PITCH) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt, RGBColor

    set_fonts(style.element, font)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor.from_string(color)
    if condense:
        _set_child(style.element.get_or_add_rPr(), "w:spacing", condense)
    pf = style.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = Pt(pitch)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.left_indent = Pt(0)
    pf.right_indent = Pt(0)
    if indent is not None:
        _indent_chars(pf, indent, size)
    if align is not None:
        pf.alignment = align


# what follows w:spacing in a w:rPr (ECMA-376 CT_RPr order); python-docx has no setter for it
_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
                  "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
                  "w:eastAsianLayout", "w:specVanish", "w:oMath")


def _set_child(rpr, tag: str, val) -> None:
    """Set w:val of the child `tag` (w:spacing) of a w:rPr, inserted in schema order."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = rpr.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        rpr.insert_element_before(el, *_AFTER_SPACING)
    el.set(qn("w:val"), str(val))


def _unit_font(doc, role: str) -> str | None:
    """The East Asian typeface the unit named on its own style for `role` (not inherited, not a
    theme font) when it is of the role's kind: kept in the report; None otherwise."""
    from docx.oxml.ns import qn

    name = UNIT_FONT_STYLES.get(role)
    if name is None:
        return None
    try:
        style = doc.styles[name]
    except KeyError:
        return None
    rpr = style.element.rPr
    fonts = rpr.rFonts if rpr is not None else None
    font = fonts.get(qn("w:eastAsia")) if fonts is not None else None  # a theme font has no name here
    return font if font and any(kind in font for kind in ROLE_KINDS[role]) else None


def _gb_style(doc, role: str, name: str | None = None, font: str | None = None,
              pitch: float = LINE_PITCH):
    """The style `name` (default: the GB document's one for `role`) with the GB/T 9704 values,
    created when missing; in a template it is based on no template style, so nothing of the
    template's Normal (indents, spacing, borders, numbering) reaches the report."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    own = name is None
    name = name or STYLE_NAMES[role]
    try:
        style = doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if own and role != "body":
            style.base_style = doc.styles["Normal"]
    if not own:
        style.base_style = None
        _reset(style)
    if role != "body":  # Enter after a heading or hint continues in body text
        style.next_paragraph_style = doc.styles["Normal" if own else TEMPLATE_STYLE_NAMES["body"]]
    font = font or ROLE_FONTS[role]
    if role == "body":
        _layout(style, font, BODY_SIZE, 2, WD_ALIGN_PARAGRAPH.JUSTIFY, condense=CONDENSE, pitch=pitch)
    elif role == "title":
        _layout(style, font, TITLE_SIZE, 0, WD_ALIGN_PARAGRAPH.CENTER, pitch=pitch)
        _no_grid(style)  # a 22 pt line must not take two lines of the 22-line grid
    elif role in ("h1", "h2", "h3"):
        level = int(role[1])
        _layout(style, font, BODY_SIZE, 2, WD_ALIGN_PARAGRAPH.JUSTIFY, condense=CONDENSE, pitch=pitch)
        style.paragraph_format.keep_with_next = True
        _set_outline(style, level - 1)
    elif role == "hint":
        _layout(style, font, BODY_SIZE, 2, WD_ALIGN_PARAGRAPH.JUSTIFY, color=HINT_COLOR, condense=CONDENSE, pitch=pitch)
    style.quick_style = True
    return style


def _reset(style) -> None:
    """Drop whatever paragraph and character formatting a same-named template style carries."""
    from docx.oxml.ns import qn

    el = style.element
    for tag in ("w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr"):
        found = el.find(qn(tag))
        if found is not None:
            el.remove(found)


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


def number_footer(footer, align: str = "right", font: str = PAGE_NUMBER_FONT, size: float = PAGE_NUMBER_SIZE,
                  dashes: bool = True, at_end: bool = False) -> None:
    """A page number (`— 1 —`, a PAGE field) as the first paragraph of `footer` (the last with
    `at_end`), aligned `align` (right or left: one character in from the edge; or center), after
    removing the paragraphs that held a page number before and the empty ones; the footer's other
    text stays."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from .reader.layout import _field_pieces

    footer.is_linked_to_previous = False
    body = footer._element
    doomed = []
    for p in body.iter(qn("w:p")):
        if not any(kind == "page" for kind, _ in _field_pieces(p)):
            continue
        outer = list(p.iterancestors(qn("w:p")))
        if not outer:
            doomed.append(p)
        else:  # in a frame's or a text box's paragraph: the run anchoring the box goes
            box = next((a for a in p.iterancestors(qn("w:r")) if a.getparent() is outer[-1]), None)
            doomed.append(box if box is not None else outer[-1])
    for p in body.iterchildren(qn("w:p")):
        if not "".join(t.text or "" for t in p.iter(qn("w:t"))).strip() and not any(x is p for x in doomed):
            doomed.append(p)  # an empty line left in the footer
    for el in doomed:
        if el.getparent() is not None:
            el.getparent().remove(el)
    para = footer.add_paragraph()
    if not at_end:
        body.insert(0, para._p)
    pf = para.paragraph_format
    pf.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER}.get(
        align, WD_ALIGN_PARAGRAPH.RIGHT)
    _indent_chars(pf, 0, size)  # the footer style inherits Normal's two-character indent
    if align == "left":
        pf.left_indent = Pt(size)
    elif align != "center":
        pf.right_indent = Pt(size)
    runs = ([para.add_run("— ")] if dashes else []) + [
        _field_run(para, "begin"), _field_run(para, "instr", " PAGE "), _field_run(para, "separate"),
        para.add_run("1"), _field_run(para, "end")] + ([para.add_run(" —")] if dashes else [])
    for r in runs:
        set_fonts(r._r, font)
        r.font.size = Pt(size)


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
    number_footer(section.footer, "right")
    number_footer(section.even_page_footer, "left")
    return doc


def _has_drawing(el) -> bool:
    from docx.oxml.ns import qn

    return any(True for tag in ("w:drawing", "w:pict", "w:object") for _ in el.iter(qn(tag)))


# ---------------------------------------------------------------- the unit's template

_PAGE_FIELD = re.compile(r"\bPAGE\b")


def has_page_numbers(doc) -> bool:
    """Whether a header or footer of `doc` holds a PAGE field (a page number of the unit's own)."""
    from docx.oxml.ns import qn

    for part in doc.part.package.iter_parts():
        root = getattr(part, "_element", None)
        if root is None or not re.match(r"/word/(header|footer)\d*\.xml$", str(part.partname)):
            continue
        instr = [el.text or "" for el in root.iter(qn("w:instrText"))]
        instr += [el.get(qn("w:instr"), "") for el in root.iter(qn("w:fldSimple"))]
        if any(_PAGE_FIELD.search(i) for i in instr):
            return True
    return False


def add_page_numbers(doc) -> str:
    """GB/T 9704 page numbers in a template that has none (odd pages right, even pages left); when
    the unit's header cannot be carried to even pages (it holds a picture), every page right.
    Returns what was done, for the user."""
    settings = doc.settings
    two_sided = settings.odd_and_even_pages_header_footer
    if not two_sided and all(_copy_header_to_even(section) for section in doc.sections):
        settings.odd_and_even_pages_header_footer = True
        two_sided = True
    for section in doc.sections:  # below the unit's own footer text, as the page's last line
        number_footer(section.footer, "right", at_end=True)
        if two_sided:
            number_footer(section.even_page_footer, "left", at_end=True)
        if section.different_first_page_header_footer:
            number_footer(section.first_page_footer, "right", at_end=True)
    if two_sided:
        return "模板的页眉页脚中没有页码，已按 GB/T 9704 加上页码（4号宋体“— 1 —”，单页居右、双页居左）"
    return ("模板的页眉页脚中没有页码，已加上页码（4号宋体“— 1 —”）；模板页眉含图片，无法另设双页页眉，"
            "页码统一居右（GB/T 9704 为单页居右、双页居左，可在 Word/WPS 中调整）")


def _copy_header_to_even(section) -> bool:
    """Give even pages the unit's header before odd and even pages part (otherwise even pages would
    lose it); False when it cannot be copied (a picture, whose relationship lives in its own part)."""
    from copy import deepcopy

    header = section.header
    if header.is_linked_to_previous or not any(p.text.strip() for p in header.paragraphs) \
            and not _has_drawing(header._element):
        return True  # nothing of the unit's own to lose
    if any(k.startswith(f"{{{_R_NS}}}") for el in header._element.iter() for k in el.attrib):
        return False
    even = section.even_page_header
    even.is_linked_to_previous = False
    target = even._element
    for child in list(target):
        target.remove(child)
    for child in header._element:
        target.append(deepcopy(child))
    return True


_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


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
        document = docx.Document(io.BytesIO(data))
        _check_parts(document, path)
        document.fzwriter_dropped = strip_template(document)
        return document
    except InputError:
        raise
    except Exception as exc:  # python-docx raises many kinds on damaged packages
        raise InputError(path, f"无法作为 Word 模板使用（文件已损坏或不是 Word 文档：{type(exc).__name__}）") from None


# the parts of the main document whose XML the writer uses: python-docx reads each only when its
# content type is declared, and its classes only when it is in Word's namespace
_NEEDED_PARTS = {"styles": "样式", "numbering": "编号", "settings": "设置", "header": "页眉", "footer": "页脚"}
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _check_parts(doc, path: Path) -> None:
    """Refuse a template whose styles, numbering, settings, header or footer part python-docx would
    take for something else (files repaired or written by other tools): the content type declared,
    the XML in Word's namespace."""
    from docx.opc.part import XmlPart

    for rel in doc.part.rels.values():
        kind = _reltype_name(rel.reltype)
        if kind not in _NEEDED_PARTS or rel.is_external:
            continue
        part = rel.target_part
        name = str(part.partname).lstrip("/")
        what = f"模板的{_NEEDED_PARTS[kind]}部件 {name}"
        if not isinstance(part, XmlPart):
            raise InputError(path, f"{what} 在 [Content_Types].xml 中没有声明类型，Word 以外的软件改动过它；"
                                   "请在 Word/WPS 中打开模板并另存一次后再用")
        tag = part.element.tag if isinstance(part.element.tag, str) else ""
        if not tag.startswith("{" + _W_NS + "}"):
            ns = tag[1:].split("}", 1)[0] if tag.startswith("{") else "无命名空间"
            strict = "（这是 Strict Open XML 格式）" if "purl.oclc.org/ooxml" in ns else ""
            raise InputError(path, f"{what} 不是 Word 的 XML（缺少 w: 命名空间：{ns[:80]}）{strict}；"
                                   "请在 Word/WPS 中打开模板，另存为“Word 文档(.docx)”或“Word 模板(.dotx)”后再用")


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


# ---------------------------------------------------------------- what a template must not pass on

_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_MS_RELS = "http://schemas.microsoft.com/office/"
# parts of the template's main document the report must not carry: the reviewers' comments and
# their authors, macros and the toolbars or key bindings that call them
_DROPPED_PARTS = ("comments", "commentsExtended", "commentsIds", "commentsExtensible", "people",
                  "vbaProject", "keyMapCustomizations", "attachedToolbars")
# revision marks: a deletion and a move's origin go with their text, an insertion and a move's
# target keep their text (Word's “accept all”); the record of a formatting change goes
_REJECTED = {"del", "moveFrom"}
_ACCEPTED = {"ins", "moveTo"}
_MARKS = {"moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd",
          "commentRangeStart", "commentRangeEnd", "commentReference", "customXmlInsRangeStart",
          "customXmlInsRangeEnd", "customXmlDelRangeStart", "customXmlDelRangeEnd", "rPrChange",
          "pPrChange", "sectPrChange", "tblPrChange", "tblPrExChange", "trPrChange", "tcPrChange",
          "tblGridChange", "numberingChange", "cellIns", "cellDel", "cellMerge"}


def _reltype_name(reltype: str) -> str:
    return reltype.rsplit("/", 1)[-1]


def strip_template(doc) -> list[str]:
    """Remove from `doc` (a template just opened) its comments, tracked changes (accepted, and no
    longer tracking), the link to an attached template, any macro part, and every link to a file
    outside it that Word would fetch on opening (an attached template's address, a linked picture:
    a web beacon); returns what was fetched from where, for the user."""
    from docx.oxml.ns import qn

    for part in doc.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is not None and hasattr(element, "iter"):
            _accept_revisions(element)
    for rid, rel in list(doc.part.rels.items()):
        if _reltype_name(rel.reltype) in _DROPPED_PARTS:
            del doc.part.rels[rid]
    settings = doc.settings.element
    for tag in ("w:attachedTemplate", "w:trackRevisions", "w:revisionView"):
        for el in settings.findall(qn(tag)):
            settings.remove(el)
    for rel in list(doc.part.rels.values()):
        if _reltype_name(rel.reltype) == "settings":
            for rid, link in list(rel.target_part.rels.items()):
                if _reltype_name(link.reltype) == "attachedTemplate":
                    del rel.target_part.rels[rid]
    return _drop_external(doc)


# links to the outside a report keeps: a hyperlink is followed only when clicked
_KEPT_EXTERNAL = {"hyperlink"}
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _drop_external(doc) -> list[str]:
    """Remove every external relationship but hyperlinks from every part, and the attributes that
    point at it (r:link of a linked picture, r:id of a linked object)."""
    dropped: list[str] = []
    for part in doc.part.package.iter_parts():
        external = {rid: rel for rid, rel in part.rels.items()
                    if rel.is_external and _reltype_name(rel.reltype) not in _KEPT_EXTERNAL}
        if not external:
            continue
        for rid, rel in external.items():
            dropped.append(f"{_reltype_name(rel.reltype)}：{str(rel.target_ref)[:80]}")
            del part.rels[rid]
        element = getattr(part, "_element", None)
        if element is None or not hasattr(element, "iter"):
            continue
        for el in element.iter():
            for attr, value in list(el.attrib.items()):
                if value in external and attr.startswith("{" + _R_NS + "}"):
                    del el.attrib[attr]
    return dropped


def _accept_revisions(root) -> None:
    from docx.oxml.ns import qn

    w = qn("w:x")[:-1]
    doomed, unwrap = [], []
    for el in root.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag.startswith(w):
            continue
        local = tag[len(w):]
        parent = el.getparent()
        in_props = parent is not None and parent.tag in (qn("w:rPr"), qn("w:trPr"), qn("w:tcPr"))
        if local in _MARKS:
            doomed.append(el)
        elif local in _REJECTED | _ACCEPTED and in_props:
            if local == "del" and parent.tag == qn("w:trPr"):  # a deleted table row
                doomed.append(parent.getparent())
            else:
                doomed.append(el)  # the mark on a paragraph mark or a row: accepted
        elif local in _REJECTED:
            doomed.append(el)
        elif local in _ACCEPTED:
            unwrap.append(el)
    for el in unwrap:
        parent = el.getparent()
        if parent is None:
            continue
        at = parent.index(el)
        for child in list(el):
            parent.insert(at, child)
            at += 1
        parent.remove(el)
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
    # a comment reference's run is left empty: drop runs holding nothing but properties
    for r in list(root.iter(qn("w:r"))):
        if all(child.tag == qn("w:rPr") for child in r) and r.getparent() is not None:
            r.getparent().remove(r)


# ---------------------------------------------------------------- where the report goes in a template

# a paragraph a template leaves for the text: （此处为正文）, 【正文】, 请在此处输入正文, 单击此处输入文字。
_SLOT = re.compile(
    r"^[(（【\[〔<《]?(?:请?在?此处|这里|在此)?(?:输入|填写|键入|插入|录入|粘贴|编辑|放置|为|是)?"
    r"(?:公文|报告|文件)?(?:正文|标题|内容|文字|文本|落款|成文日期|日期|发文机关(?:署名)?|主送机关|署名)"
    r"(?:内容|部分|区域|处|位置)?(?:从这里开始)?[。.]?[)）】\]〕>》]?$")
_CONTROL = re.compile(r"^(?:单击|点击|单击或点击|轻击)(?:或点击)?此处(?:输入|添加)文字[。.]?$|^Click or tap here to enter text\.?$")


def _slot_text(text: str) -> bool:
    t = re.sub(r"\s+", "", text)
    if not t or not (_SLOT.match(t) or _CONTROL.match(t)):
        return False
    bracketed = t[0] in "(（【[〔<《"
    return bracketed or bool(re.search(r"此处|这里|在此|输入|填写|键入|单击|点击|Click", t)) or t in ("正文", "标题", "正文内容")


def _body_text(el) -> str:
    from docx.oxml.ns import qn

    return "".join(t.text or "" for t in el.iter(qn("w:t")))


def _slots(doc) -> tuple[list, list[str]]:
    """The template's placeholder paragraphs the report replaces (the first one and those following
    it with only blank paragraphs between) and the text of any later ones, to report."""
    from docx.oxml.ns import qn

    run, others, blanks, closed = [], [], [], False
    for el in doc.element.body:
        if el.tag == qn("w:sectPr"):
            continue
        text = _body_text(el)
        control = el.tag == qn("w:sdt") and el.find(f"{qn('w:sdtPr')}/{qn('w:showingPlcHdr')}") is not None
        if el.tag in (qn("w:p"), qn("w:sdt")) and (control or _slot_text(text)):
            if closed:
                others.append(text.strip())
            else:
                run.extend(blanks if run else [])
                run.append(el)
                blanks = []
        elif el.tag == qn("w:p") and not text.strip():
            if run and not closed:
                blanks.append(el)
        elif run:
            closed = True  # the template's own content: placeholders after it are not the report's place
    return run, others


# ---------------------------------------------------------------- the title's lines

# where a title may break (GB/T 9704 7.3.1: 回行时词意完整): before and after 关于, after the organ,
# around the year, before 法治政府建设; lower penalties first
_TITLE_BREAKS = [
    (re.compile(r"(?=关于)|(?<=关于)"), 0),
    (re.compile(r"(?<=\s)(?=\S)"), 0),  # between joint issuers
    (re.compile(r"(?=法治政府建设)|(?=法治建设)|(?=依法行政)"), 1),
    (re.compile(r"(?<=\d年度)|(?<=\d年)(?!度)"), 1),
    (re.compile(r"(?<=人民政府)|(?<=委员会)|(?<=[局委厅办院])(?=[^\s关]{2})"), 2),
    (re.compile(r"(?=(?:工作)?情况的报告)|(?=的报告)"), 4),
]
_NO_BREAK_BEFORE = "，。、；：？！）》」』”’%"
_NO_BREAK_AFTER = "（《「『“‘"


def _candidates(title: str) -> dict[int, int]:
    """Break positions (index of the next line's first character) and their penalties."""
    out: dict[int, int] = {}
    for rx, penalty in _TITLE_BREAKS:
        for m in rx.finditer(title):
            i = m.start()
            if 0 < i < len(title) and title[i] not in _NO_BREAK_BEFORE and title[i - 1] not in _NO_BREAK_AFTER:
                if not (title[i - 1].isdigit() and title[i].isdigit()):
                    out[i] = min(out.get(i, 99), penalty)
    for i in range(1, len(title)):  # last resort: between any two characters outside a number
        if i not in out and title[i] not in _NO_BREAK_BEFORE and title[i - 1] not in _NO_BREAK_AFTER \
                and not (title[i - 1].isascii() and title[i].isascii()):
            out[i] = 20
    return out


def title_lines(title: str, capacity: float = TITLE_CHARS) -> list[str]:
    """The title broken into balanced lines at word boundaries, each at most `capacity` wide."""
    from itertools import combinations

    title = title.strip()
    if _width(title) <= capacity:
        return [title]
    cands = _candidates(title)
    points = sorted(cands)
    for n in range(2, 5):
        best = None
        for cut in combinations(points, n - 1):
            lines = [title[a:b].strip() for a, b in zip((0, *cut), (*cut, len(title)))]
            widths = [_width(x) for x in lines]
            if max(widths) > capacity or min(widths) == 0:
                continue
            cost = (max(widths) - min(widths)) + 3 * sum(cands[c] for c in cut)
            if best is None or cost < best[0]:
                best = (cost, lines)
        if best is not None:
            return best[1]
    return [title]


# ---------------------------------------------------------------- the sign-off


def signoff_layout(issuers: list[str], date_width: float, line: int = LINE_CHARS) -> tuple[float, float | None]:
    """GB/T 9704 7.3.5.2 (unsealed): (the issuers' left indent, the date's left indent or None for
    right-aligned two characters from the edge), in characters. Issuers stand right-aligned two
    characters from the edge, joint ones starting in one column; the date's first character is
    two to the right of theirs. A date longer than the issuers stands two from the edge instead and
    the issuers move left to keep the two characters. `date_width` is the filled date's width."""
    wi = max((_width(t) for t in issuers), default=0)
    if date_width > wi:
        return line - 2 - date_width - 2, None
    start = line - 2 - wi
    return start, start + 2


def filled_date_width(date: str) -> float:
    """The width the date will have once filled in: 2026年12月31日 at the widest."""
    m = re.match(r"\s*(\d{4})\s*年", date)
    return _width(f"{m.group(1)}年12月31日") if m else _width(date)


# ---------------------------------------------------------------- writing


def _width(text: str) -> float:
    """Width in characters of the body font: ASCII counts half."""
    return sum(0.5 if ord(c) < 128 else 1 for c in text)


def _styles(doc, template: bool) -> dict:
    if not template:
        return {role: _gb_style(doc, role) for role in STYLE_NAMES}
    roles = ["body"] + [r for r in TEMPLATE_STYLE_NAMES if r != "body"]  # the others continue in body
    pitch = template_pitch(doc) or LINE_PITCH
    return {role: _gb_style(doc, role, TEMPLATE_STYLE_NAMES[role], _unit_font(doc, role), pitch) for role in roles}


def template_pitch(doc) -> float | None:
    """The line pitch a unit's template chose for its text (writer.layout.unit_pitch: its Normal
    style's fixed line spacing, or single spacing on a line grid); None for automatic spacing."""
    from docx.oxml.ns import qn

    from .layout import unit_pitch

    line, rule = 240, "auto"
    styles = doc.styles.element
    normal = next((st for st in styles.iterchildren(qn("w:style"))
                   if st.get(qn("w:type")) == "paragraph" and st.get(qn("w:default")) in ("1", "true", "on")), None)
    for ppr in (styles.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}"),
                normal.find(qn("w:pPr")) if normal is not None else None):
        spacing = ppr.find(qn("w:spacing")) if ppr is not None else None
        if spacing is not None and spacing.get(qn("w:line")) is not None:
            try:
                line, rule = int(spacing.get(qn("w:line"))), spacing.get(qn("w:lineRule")) or "auto"
            except ValueError:
                pass
    grid = doc.sections[0]._sectPr.find(qn("w:docGrid"))
    try:
        pitch = int(grid.get(qn("w:linePitch"))) / 20 if grid is not None else None
    except (TypeError, ValueError):
        pitch = None
    return unit_pitch(line, rule, grid.get(qn("w:type")) if grid is not None else None, pitch)


def _indents(p, left: float | None = None, right: float | None = None) -> None:
    """Left/right indents in characters (w:leftChars, what Word writes for 字符) and in points."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    pf = p.paragraph_format
    ind = p._p.get_or_add_pPr().get_or_add_ind()
    if left is not None:
        pf.left_indent = Pt(left * BODY_SIZE)
        ind.set(qn("w:leftChars"), str(round(left * 100)))
    if right is not None:
        pf.right_indent = Pt(right * BODY_SIZE)
        ind.set(qn("w:rightChars"), str(round(right * 100)))


def _adder(doc):
    """doc.add_paragraph(text, style=…) as python-docx does it, with the document's default paragraph
    style looked up once: python-docx scans every style for it at each paragraph (a template of a
    few hundred styles: most of the writing time)."""
    from docx.enum.style import WD_STYLE_TYPE

    default = doc.styles.default(WD_STYLE_TYPE.PARAGRAPH)

    def add(text: str, style):
        if style.type != WD_STYLE_TYPE.PARAGRAPH:
            raise ValueError(f"assigned style is type {style.type}, need type {WD_STYLE_TYPE.PARAGRAPH}")
        p = doc.add_paragraph(text)
        p._p.style = None if style == default else style.style_id
        return p

    return add


def build(blocks: list[Block], meta: dict, template=None, notes: list[str] | None = None) -> bytes:
    """The .docx bytes for `blocks`, in GB/T 9704 layout or in `template` (a Document from
    `open_template`); `meta` has title, year, author for the document properties; what the
    writer tells the user (a template placeholder it did not fill) is added to `notes`."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = _gb_document() if template is None else template
    if template is not None and notes is not None:
        notes.append("沿用模板自带的页码" if has_page_numbers(doc) else add_page_numbers(doc))
    elif template is not None and not has_page_numbers(doc):
        add_page_numbers(doc)
    styles = _styles(doc, template is not None)
    slots, others = _slots(doc) if template is not None else ([], [])
    if notes is not None:
        for text in others:
            notes.append(f"模板里的占位文字“{text}”没有替换，请在 Word/WPS 中删除或改写")

    issuers = [b.text for b in blocks if b.kind == "issuer"]
    date = next((b.text for b in blocks if b.kind == "date"), "")
    issuer_left, date_left = signoff_layout(issuers, filled_date_width(date))

    # the sign-off never stands alone on the last page: the closing line and the blank stay with it
    first_signoff = next((i for i, b in enumerate(blocks) if b.kind in ("issuer", "date")), len(blocks))
    keep = set(range(max(0, first_signoff - 2), len(blocks) - 1))
    written = []
    add = _adder(doc)
    for n, b in enumerate(blocks):
        if b.kind == "title":
            p = add("", styles["title"])
            lines = title_lines(b.text)
            for i, line in enumerate(lines):
                run = p.add_run(line)
                if i < len(lines) - 1:
                    run.add_break()
            written.append(p)
            p = add("", styles["body"])  # one blank line under the title
        elif b.kind in ("h1", "h2", "h3", "hint", "body"):
            p = add(b.text, styles[b.kind])
        elif b.kind == "blank":
            p = add("", styles["body"])
        else:  # addressee flush left; the sign-off laid out by GB/T 9704 7.3.5.2
            p = add(b.text, styles["body"])
            _indent_chars(p.paragraph_format, 0, BODY_SIZE)
            if b.kind == "issuer":
                p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
                _indents(p, left=issuer_left)
            elif b.kind == "date" and date_left is None:
                p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                _indents(p, right=2)
            elif b.kind == "date":
                p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
                # an unfilled date (【  】) may be wider than the filled one: into the margin, not onto a new line
                _indents(p, left=date_left, right=min(0.0, LINE_CHARS - date_left - _width(b.text)))
        if n in keep:
            p.paragraph_format.keep_with_next = True
        written.append(p)
    if slots:  # the report takes the place of the template's placeholder
        anchor = slots[0]
        for p in written:
            anchor.addprevious(p._p)
        for el in slots:
            el.getparent().remove(el)

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
