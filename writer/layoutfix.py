"""A copy of a .docx draft with its layout put right: page setup, line pitch, fonts and sizes by role,
black text, the first-line indent of body paragraphs, the addressee and sign-off positions, page
numbers — held to the same reference as the FM rules (GB/T 9704, or the unit's template).

Only formatting changes: no w:t is added, removed or edited, so the text is the draft's own, byte
for byte (a run is split where a run-in heading's lead ends, which leaves the text as it was).
What the rules do not judge is left alone: the unit's 红头 above the title, the 版记 below the
date, tables, the scaffold's hints, centred captions. The input is only read; the copy is written
atomically (writer.fsutil.write_atomic).
"""

from __future__ import annotations

import io
from pathlib import Path

from .errors import InputError
from .layout import HEADINGS, Draft, Reference, draft
from .models import Report

TWIP = 20
_CONDENSE = -5  # twentieths of a point: 3号 at a 15.75 pt pitch, 28 a line (as writer.docxout writes it)


def fix_layout(report: Report, target: Path, force: bool = False, inputs=()) -> int:
    """Write `target`: the draft with its layout corrected; returns the paragraphs changed. Never over
    the draft or any of `inputs` (the other drafts of the run)."""
    from .fsutil import write_atomic

    d = draft(report)
    if d is None:
        raise InputError(report.path, "不是 Word（.docx）文档，无法修正版式")
    if Path(report.path).suffix.lower() == ".docm":
        raise InputError(report.path, "是含宏的 .docm 文件，不能生成版式修正稿；请在 Word/WPS 中另存为 .docx")
    doc = _open(report.path)
    changed = fix_document(doc, d)
    buf = io.BytesIO()
    doc.save(buf)
    del doc
    write_atomic(Path(target), buf.getvalue(), force=force, inputs=[Path(report.path), *map(Path, inputs)])
    return changed


def _open(path: str):
    import docx

    try:
        return docx.Document(path)
    except Exception as exc:  # noqa: BLE001 - the reader opened it; say why this failed
        raise InputError(path, f"无法打开以修正版式（{type(exc).__name__}）") from None


def fix_document(doc, d: Draft) -> int:
    """Correct `doc` (python-docx Document of d.report) in place; the paragraphs changed."""
    from .annotate import paragraphs

    ref = d.ref
    mapped = paragraphs(doc.element.body, d.report)
    _split_leads(d, mapped)
    mapped = paragraphs(doc.element.body, d.report)  # the same text, in the split runs
    styles: dict[str, set[str]] = {}
    n = 0
    for q in d.paras:
        walked = mapped[q.p.index - 1]
        if walked is None:
            continue
        p = walked.element
        sid = p.style if hasattr(p, "style") else None
        styles.setdefault(sid or "", set()).add(q.role)
        _fix_paragraph(p, q, d, walked)
        n += 1
    _fix_styles(doc, ref, styles)
    _fix_sections(doc, d)
    _fix_page_numbers(doc, d)
    return n


# ------------------------------------------------------------------------------ paragraphs

def _runs(p):
    """The runs of w:p `p` that show its text (not those of a text box anchored in it)."""
    from docx.oxml.ns import qn

    box = qn("w:txbxContent")
    for r in p.iter(qn("w:r")):
        if not any(a.tag == box for a in r.iterancestors(box)):
            yield r


def _split_leads(d: Draft, mapped) -> None:
    """Make a run boundary where each run-in heading's lead ends, so it can take the heading font."""
    from .annotate import _cut

    cuts = [(q.p.index, q.span[1]) for q in d.paras if q.role in HEADINGS and q.p.runin]
    for index, c in sorted(cuts, reverse=True):
        walked = mapped[index - 1]
        if walked is not None and 0 < c < len(walked.origins):
            _cut(walked.origins, c)


def _run_font(r, role_ref, condense: bool) -> None:
    from docx.shared import Pt, RGBColor
    from docx.text.run import Run

    from .docxout import _set_child, set_fonts

    set_fonts(r, role_ref.font)
    run = Run(r, None)
    run.font.size = Pt(role_ref.size)
    run.font.color.rgb = RGBColor(0, 0, 0)
    rpr = r.get_or_add_rPr()
    if condense:
        _set_child(rpr, "w:spacing", _CONDENSE)
    else:
        from docx.oxml.ns import qn

        sp = rpr.find(qn("w:spacing"))
        if sp is not None:
            rpr.remove(sp)


def _run_colour(r) -> None:
    from docx.shared import RGBColor
    from docx.text.run import Run

    Run(r, None).font.color.rgb = RGBColor(0, 0, 0)


def _fix_paragraph(p, q, d: Draft, walked) -> None:
    ref = d.ref
    role = q.role
    condense = ref.char_grid is None
    centred = role in ("body",) and q.fmt.align in ("center", "right")
    if centred:  # a caption or subtitle: only its colour is judged
        for r in _runs(p):
            _run_colour(r)
        return
    if role in HEADINGS and q.p.runin:
        lead = _runs_in(walked, 0, q.span[1])
        for r in _runs(p):
            _run_font(r, ref.roles[role] if any(r is x for x in lead) else ref.roles["body"], condense)
        _mark_font(p, ref.roles["body"])
    else:
        want = ref.roles["title" if role == "title" else role if role in HEADINGS else "body"]
        for r in _runs(p):
            _run_font(r, want, condense and role != "title")
        _mark_font(p, want)
    _pitch(p, ref.pitch)
    body = ref.roles["body"]
    if role == "title":
        _align(p, "center")
        _indent(p, first=0, left=0, right=0, size=ref.roles["title"].size)
        _no_grid(p)
    elif role == "body" or (role in HEADINGS and q.p.runin):
        # spaces typed before the text already indent it (a web copy's 　　)
        _indent(p, first=max(0.0, (body.indent or 2) - q.fmt.lead), left=0, right=0, size=body.size)
    elif role == "addressee":
        if q.fmt.align in ("center", "right"):
            _align(p, "left")
        _indent(p, first=0, left=0, right=0, size=body.size)
    elif role in ("signoff", "date"):
        from .rules.fm10_frame_layout import FrameLayout
        from . import checklists

        spec = checklists.layout().frame
        if FrameLayout._position(q, body.size, ref.chars, spec.signoff_right):
            _align(p, "right")
            _indent(p, first=0, left=0, right=4, size=body.size)


def _runs_in(walked, start: int, end: int) -> list:
    """The runs holding characters [start, end) of a walked paragraph (held, so that lxml gives the
    same element objects when the paragraph's runs are walked again)."""
    out: list = []
    for origin in walked.origins[start:end]:
        if origin is not None:
            run = origin[0].getparent()
            if not any(run is x for x in out):
                out.append(run)
    return out


def _mark_font(p, want) -> None:
    """The paragraph mark's font (pPr/rPr): what an empty line and Word's list label take."""
    from docx.oxml.ns import qn

    ppr = p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        return  # Word's default mark formatting follows the style
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(qn(f"w:{attr}"), want.font)
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{attr}"), None)
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is not None:
            el.set(qn("w:val"), str(round(want.size * 2)))


def _pitch(p, pitch: float) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Pt
    from docx.text.paragraph import Paragraph

    pf = Paragraph(p, None).paragraph_format
    pf.line_spacing = Pt(pitch)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    sp = p.get_or_add_pPr().find(qn("w:spacing"))
    if sp is not None:
        for attr in ("beforeLines", "afterLines", "beforeAutospacing", "afterAutospacing"):
            sp.attrib.pop(qn(f"w:{attr}"), None)


def _no_grid(p) -> None:
    """A 2号 title line must not take two lines of the 22-line grid (as writer.docxout's title style)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = p.get_or_add_pPr()
    snap = ppr.find(qn("w:snapToGrid"))
    if snap is None:
        snap = OxmlElement("w:snapToGrid")
        ppr.insert_element_before(snap, "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                                  "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                                  "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
                                  "w:sectPr", "w:pPrChange")
    snap.set(qn("w:val"), "0")


def _align(p, how: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.text.paragraph import Paragraph

    Paragraph(p, None).paragraph_format.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT}[how]


def _indent(p, first: float, left: float, right: float, size: float) -> None:
    """Indents in characters (w:*Chars, what Word writes for 字符) and in twips, replacing any."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = p.get_or_add_pPr()
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = OxmlElement("w:ind")
        ppr.insert_element_before(ind, "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
                                  "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                                  "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
    for attr in list(ind.attrib):
        del ind.attrib[attr]
    ind.set(qn("w:left"), str(round(left * size * TWIP)))
    ind.set(qn("w:right"), str(round(right * size * TWIP)))
    if left:
        ind.set(qn("w:leftChars"), str(round(left * 100)))
    if right:
        ind.set(qn("w:rightChars"), str(round(right * 100)))
    ind.set(qn("w:firstLineChars"), str(round(first * 100)))
    ind.set(qn("w:firstLine"), str(round(first * size * TWIP)))


# ---------------------------------------------------------------------------------- styles

def _fix_styles(doc, ref: Reference, used: dict[str, set[str]]) -> None:
    """Normal takes the body's formatting (what new text is typed in); a style used by one level of
    heading only (a Heading style left blue) takes that level's."""
    from docx.shared import Pt, RGBColor

    from .docxout import set_fonts

    def restyle(style, want) -> None:
        set_fonts(style.element, want.font)
        style.font.size = Pt(want.size)
        style.font.color.rgb = RGBColor(0, 0, 0)

    try:
        normal = doc.styles["Normal"]
    except KeyError:
        normal = None
    if normal is not None:
        restyle(normal, ref.roles["body"])
    for style in doc.styles:
        roles = used.get(style.style_id)
        if not roles or len(roles) != 1 or style is normal:
            continue
        (role,) = roles
        if role in HEADINGS or role == "title":
            restyle(style, ref.roles[role])


# -------------------------------------------------------------------------------- sections

def _fix_sections(doc, d: Draft) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Mm

    ref = d.ref
    w, h = ref.paper
    for section in doc.sections:
        landscape = section.page_width is not None and section.page_height is not None \
            and section.page_width > section.page_height
        if landscape and len(doc.sections) > 1:
            section.page_width, section.page_height = Mm(h), Mm(w)  # a wide table's section stays turned
            continue
        section.page_width, section.page_height = Mm(w), Mm(h)
        section.top_margin, section.bottom_margin = Mm(ref.margins["top"]), Mm(ref.margins["bottom"])
        section.left_margin, section.right_margin = Mm(ref.margins["left"]), Mm(ref.margins["right"])
        section.gutter = Mm(0)
        if ref.footer_distance:
            section.footer_distance = Mm(ref.footer_distance)
        sect = section._sectPr
        grid = sect.find(qn("w:docGrid"))
        if grid is None:
            from docx.oxml import OxmlElement

            grid = OxmlElement("w:docGrid")
            sect.insert_element_before(grid, "w:printerSettings", "w:sectPrChange")
        for attr in list(grid.attrib):
            del grid.attrib[attr]
        if ref.char_grid is not None:
            grid.set(qn("w:type"), ref.char_grid[0])
            grid.set(qn("w:charSpace"), str(ref.char_grid[1]))
        else:
            grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(round(ref.pitch * TWIP)))


# ---------------------------------------------------------------------------- page numbers

def _needs_numbers(d: Draft) -> bool:
    from .rules.fm08_page_number import PageNumber
    from .rules.fm09_page_number_style import PageNumberStyle

    return any(True for rule in (PageNumber(), PageNumberStyle()) for _ in rule.check(d.report))


def _fix_page_numbers(doc, d: Draft) -> None:
    """Page numbers as the reference wants them, when the draft's are missing or off: in every
    section's footers, after removing the paragraphs that held the old ones (other footer text stays)."""
    from .docxout import number_footer

    if not _needs_numbers(d):
        return
    ref = d.ref
    both = ref.number_odd != ref.number_even and ref.number_even is not None
    try:
        doc.settings.odd_and_even_pages_header_footer = both
    except AttributeError:  # a package whose settings part python-docx does not know as such
        both = False
    for k, section in enumerate(doc.sections):
        if k:
            section.footer.is_linked_to_previous = True
            section.even_page_footer.is_linked_to_previous = True
            continue
        number_footer(section.footer, ref.number_odd or "right", ref.number_font, ref.number_size or 14,
                      ref.number_dashes)
        if both:
            number_footer(section.even_page_footer, ref.number_even or "left", ref.number_font,
                          ref.number_size or 14, ref.number_dashes)
