"""Word comments on findings: a copy of the draft with one comment per finding, on its evidence.
(A .doc, .wps … is commented in the .docx LibreOffice converted it to: the copy is always a .docx.)

The copy is the draft itself (formatting, numbering, tracked changes and existing comments kept):
runs are split where the evidence starts or ends inside one, and the comment range spans the runs
between. The body is walked as the reader walks it (same paragraphs, same text with tracked changes
accepted), recording where each character of a paragraph's text lives in the XML, so a finding's
paragraph and offsets lead to the runs that hold its evidence. A .txt/.md draft becomes a plain
.docx, one paragraph per line, with the same comments. The input file is only read.
"""

from __future__ import annotations

import io
import os
import re
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .anchors import FIGURE_RULES, cell_of, in_words, narrow, nest_quotes
from .errors import InputError
from .models import SEVERITY_CN, Finding, Report
from .reader.docx import _SKIP, W, block_paragraphs
from .text import fold

AUTHOR = "fzwriter"
INITIALS = "fz"
NOTE_WHOLE = "（未能在本段中找到原文，批注标在整段。）"
NOTE_LABEL = "（原文是 Word 自动编号，批注标在整段。）"
NOTE_GLOBAL = "（针对全文的问题，批注标在标题处。）"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass
class _Para:
    """A body paragraph as the reader sees it: its element, text, and each character's source."""

    element: object
    text: str
    origins: list  # per character: (element, offset) in a w:t (or the w:tab/w:br itself), or None


@dataclass
class Anchor:
    """Where a comment goes: from (paragraph, char) to (paragraph, char), 1-based paragraphs."""

    first: int
    start: int
    last: int
    end: int
    note: str = ""
    finding: Finding | None = None
    runs: tuple = field(default=(), repr=False)


# --------------------------------------------------------------------------- the reader's walk

def _chars(el, out: list) -> None:
    """(char, element, offset) for the paragraph's text, as reader.docx._text_of reads it."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == W + "t":
            out.extend((ch, child, i) for i, ch in enumerate(child.text or ""))
        elif tag in (W + "tab", W + "ptab"):
            out.append((" ", child, 0))  # the reader turns tabs into spaces
        elif tag in (W + "br", W + "cr"):
            if child.get(W + "type") not in ("page", "column"):
                out.append(("\n", child, 0))
        elif tag == W + "noBreakHyphen":
            out.append(("-", child, 0))
        else:
            _chars(child, out)


def _read(p) -> tuple[str, list] | None:
    raw: list = []
    _chars(p, raw)
    if not "".join(c for c, _, _ in raw).strip():
        return None
    # lines stripped, empty lines dropped, joined by one newline (reader.docx._paragraph)
    lines: list[list] = [[]]
    for item in raw:
        if item[0] == "\n":
            lines.append([])
        else:
            lines[-1].append(item)
    text_parts: list[str] = []
    origins: list = []
    for line in lines:
        s = "".join(c for c, _, _ in line)
        lead = len(s) - len(s.lstrip())
        keep = line[lead:len(s.rstrip())]
        if not keep:
            continue
        if text_parts:
            text_parts.append("\n")
            origins.append(None)
        text_parts.append("".join(c for c, _, _ in keep))
        origins.extend((el, off) for _, el, off in keep)
    return "".join(text_parts), origins


def paragraphs(body, report: Report) -> list[_Para | None]:
    """The walked paragraphs aligned with report.paragraphs (None where one cannot be matched)."""
    walked = []
    for p, _ in block_paragraphs(body):
        got = _read(p)
        if got is not None:
            walked.append(_Para(p, *got))
    out: list[_Para | None] = []
    j = 0
    for para in report.paragraphs:
        label = para.numbering or ""
        found = None
        # normally the next one; a look-ahead keeps one odd paragraph from shifting all the rest
        for k in range(j, min(j + 3, len(walked))):
            w = walked[k]
            if label + w.text == para.text:
                found = _Para(w.element, para.text, [None] * len(label) + w.origins)
                j = k + 1
                break
        out.append(found)
    return out


# ---------------------------------------------------------------------------- locating findings

def _span_of(text: str, norm: str, evidence: str, near: int) -> tuple[int, int] | None:
    hits = [m.start() for m in re.finditer(re.escape(evidence), text)]
    if not hits:
        hits = [m.start() for m in re.finditer(re.escape(fold(evidence)), norm)]
    if not hits:
        return None
    k = min(hits, key=lambda h: abs(h - near))
    return k, k + len(evidence)


def _row_cells(report: Report, index: int, evidence: str) -> tuple[int, int] | None:
    """A table row quoted as `| a | b | c |`: the first and last paragraphs of that row's cells."""
    para = report.para(index)
    if para.cell is None or not evidence.strip().startswith("|"):
        return None
    table, row, _ = para.cell
    same = [p.index for p in report.paragraphs if p.cell is not None and p.cell[:2] == (table, row)]
    return (same[0], same[-1]) if same else None


def locate(report: Report, finding: Finding) -> Anchor:
    """The text a finding's comment should cover (see the module docstring)."""
    index = finding.location.paragraph
    if index <= 0 or index > len(report.paragraphs):
        target = report.title_paragraph or next(
            (p.index for p in report.paragraphs if not p.furniture), 1)
        return Anchor(target, 0, target, len(report.para(target).text), NOTE_GLOBAL, finding)
    para = report.para(index)
    whole = Anchor(index, 0, index, len(para.text), "", finding)
    evidence = finding.evidence.strip()
    if not evidence:
        loc = finding.location
        if 0 <= loc.start < loc.end <= len(para.text):
            return Anchor(index, loc.start, index, loc.end, "", finding)
        return whole
    span = _span_of(para.text, para.norm, evidence, finding.location.start)
    if span is not None:
        span = narrow(report, finding, index, *span) or span
        return Anchor(index, span[0], index, span[1], "", finding)
    cells = _row_cells(report, index, evidence)
    if cells is not None:
        cell = cell_of(report, finding, *cells) if finding.rule in FIGURE_RULES else None
        if cell is not None:  # the cell of the figure the message is about
            return Anchor(cell, 0, cell, len(report.para(cell).text), "", finding)
        return Anchor(cells[0], 0, cells[1], len(report.para(cells[1]).text), "", finding)
    whole.note = NOTE_WHOLE
    return whole


# ------------------------------------------------------------------------------ splitting runs

def _contents(run) -> list:
    return [c for c in run if c.tag != W + "rPr"]


def _split_run(run, child, offset: int):
    """Split `run` so that a new run starts at char `offset` of `child` (0: before `child`)."""
    contents = _contents(run)
    i = contents.index(child)
    if offset == 0 and i == 0:
        return
    new = run.makeelement(run.tag, dict(run.attrib))
    rpr = run.find(W + "rPr")
    if rpr is not None:
        new.append(deepcopy(rpr))
    if offset > 0:
        tail = child.makeelement(child.tag, dict(child.attrib))
        tail.text = child.text[offset:]
        child.text = child.text[:offset]
        for t in (child, tail):
            t.set(_XML_SPACE, "preserve")
        new.append(tail)
        moved = contents[i + 1:]
    else:
        moved = contents[i:]
    for c in moved:
        new.append(c)  # lxml moves the element
    run.addnext(new)


def _cut(origins: list, c: int) -> None:
    """Make char position `c` of a paragraph a run boundary (between char c − 1 and char c)."""
    left = origins[c - 1] if 0 < c <= len(origins) else None
    right = origins[c] if c < len(origins) else None
    if right is not None:
        el, off = right
        _split_run(el.getparent(), el, off if el.tag == W + "t" else 0)
        return
    if left is not None:
        el, off = left
        run = el.getparent()
        if el.tag == W + "t" and off + 1 < len(el.text or ""):
            _split_run(run, el, off + 1)
            return
        contents = _contents(run)
        i = contents.index(el)
        if i + 1 < len(contents):
            _split_run(run, contents[i + 1], 0)


def _ends(origins: list, start: int, end: int) -> tuple[int, int] | None:
    """The first and last chars in [start, end) that live in the XML (not a numbering label)."""
    real = [k for k in range(max(start, 0), min(end, len(origins))) if origins[k] is not None]
    return (real[0], real[-1]) if real else None


# ---------------------------------------------------------------------------------- the output

def comment_text(finding: Finding, note: str = "", report: Report | None = None) -> str:
    """The comment: code, level, message and suggestion, with paragraph numbers (which Word does not
    show) said as headings and first words when `report` is given."""
    def said(text: str) -> str:
        return nest_quotes(in_words(report, text) if report is not None else text)

    lines = [f"{finding.rule} {SEVERITY_CN.get(finding.severity, finding.severity)}：{said(finding.message)}"]
    if finding.suggestion:
        lines.append(f"建议：{said(finding.suggestion)}")
    if note:
        lines.append(note)
    return "\n".join(lines)


def _open(report: Report):
    import docx

    if report.kind == "docx":
        if Path(report.path).suffix.lower() == ".docm":
            raise InputError(report.path, "是含宏的 .docm 文件，不能生成批注稿；请在 Word/WPS 中另存为 .docx 后再加 --annotate")
        if report.source is not None and report.docx is None:
            raise InputError(report.path, f"由 {report.source} 转换而来，转换件已不在，不能生成批注稿")
        try:
            # a .doc/.wps …: the .docx LibreOffice made of it carries the comments (the same paragraphs)
            return docx.Document(report.docx or report.path)
        except Exception as exc:  # noqa: BLE001 - the reader opened it; say why this failed
            raise InputError(report.path, f"无法打开以写批注（{type(exc).__name__}）") from None
    return _from_text(report)


def _from_text(report: Report):
    """A plain .docx of a .txt/.md draft: one paragraph per paragraph the reader found."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from .docxout import set_fonts

    doc = docx.Document()
    set_fonts(doc.styles["Normal"].element, "仿宋_GB2312")
    for p in report.paragraphs:
        para = doc.add_paragraph()
        run = para.add_run(p.text)
        if p.index == report.title_paragraph:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.bold = True
        elif p.level is not None and not p.runin:
            run.bold = True
    return doc


def _stamp() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def annotate_document(doc, report: Report, findings: list[Finding]) -> list[Anchor]:
    """Add one comment per finding to `doc` (a python-docx Document of `report`); the anchors used."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    body = doc.element.body
    mapped = paragraphs(body, report)
    anchors = []
    for f in findings:
        a = locate(report, f)
        pa, pb = mapped[a.first - 1], mapped[a.last - 1]
        ends = (_ends(pa.origins, a.start, len(pa.origins) if a.last != a.first else a.end) if pa else None,
                _ends(pb.origins, 0 if a.last != a.first else a.start, a.end) if pb else None)
        if ends[0] is None or ends[1] is None:
            # the evidence is only a numbering label, or the paragraph could not be matched
            para = mapped[a.first - 1] or next((m for m in mapped if m is not None), None)
            if para is None:
                continue
            i = mapped.index(para) + 1
            a = Anchor(i, 0, i, len(para.text), NOTE_LABEL if mapped[a.first - 1] else NOTE_WHOLE, f)
            ends = (_ends(para.origins, 0, len(para.text)),) * 2
            if ends[0] is None:
                continue
        a.start, a.end = ends[0][0], ends[1][1] + 1
        anchors.append(a)
    # split the runs at every boundary, right to left so earlier positions stay valid
    cuts = sorted({(a.first, a.start) for a in anchors} | {(a.last, a.end) for a in anchors}, reverse=True)
    for index, c in cuts:
        _cut(mapped[index - 1].origins, c)
    mapped = paragraphs(body, report)  # the same text, now in the split runs
    when = _stamp() if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit() else None
    for a in anchors:
        first_run = mapped[a.first - 1].origins[a.start][0].getparent()
        last_run = mapped[a.last - 1].origins[a.end - 1][0].getparent()
        comment = doc.comments.add_comment(text=comment_text(a.finding, a.note, report), author=AUTHOR,
                                           initials=INITIALS)
        if when is not None and hasattr(comment, "_comment_elm"):
            comment._comment_elm.date = when  # reproducible output for examples and tests
        cid = str(comment.comment_id)
        first_run.addprevious(OxmlElement("w:commentRangeStart", attrs={qn("w:id"): cid}))
        ref = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        rpr.append(OxmlElement("w:rStyle", attrs={qn("w:val"): "CommentReference"}))
        ref.append(rpr)
        ref.append(OxmlElement("w:commentReference", attrs={qn("w:id"): cid}))
        last_run.addnext(ref)
        last_run.addnext(OxmlElement("w:commentRangeEnd", attrs={qn("w:id"): cid}))
        a.runs = (first_run, last_run)
    return anchors


def annotate(report: Report, findings: list[Finding], target: Path, force: bool = False,
             inputs: list | tuple = ()) -> int:
    """Write `target`: the draft with one Word comment per finding; returns the comments added."""
    from .fsutil import write_atomic

    doc = _open(report)
    anchors = annotate_document(doc, report, findings)
    buf = io.BytesIO()
    doc.save(buf)
    del doc  # the document tree is large; free it before the next file
    write_atomic(Path(target), buf.getvalue(), force=force, inputs=[report.path, *inputs])
    return len(anchors)
