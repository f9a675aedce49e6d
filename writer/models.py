"""Typed values passed between reader, rules, engine and output (see design.md, Data flow).

Plain dataclasses: every command builds thousands of these, and importing pydantic for them cost
~0.2 s of CPU at every start (pydantic stays for validating the user's files: checklists, config).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
SEVERITY_CN = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass
class Location:
    """Where a finding is: 1-based paragraph in body order, char offsets, heading path."""

    paragraph: int
    start: int = 0
    end: int = 0
    section: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.section = list(self.section)  # its own list, whatever sequence it was given


@dataclass
class Paragraph:
    """One non-empty paragraph of the body (table-cell paragraphs included, in order)."""

    index: int
    text: str  # as in the draft less invisible characters (zero-width space, soft hyphen …), for evidence
    norm: str  # width-folded, same length as text, for matching
    original: str | None = None  # the draft's own text when invisible characters were taken out of it
    gaps: list[int] = field(default_factory=list)  # where they stood (see text.visible)
    style: str | None = None
    outline: int | None = None  # 1-based outline level from a heading style, if any
    numbering: str | None = None  # label produced by Word list numbering, already in `text`
    in_table: bool = False
    cell: tuple[int, int, int] | None = None  # (table, row, column) of a .docx table cell
    furniture: bool = False  # web-page navigation, index lines: not report text
    hint: bool = False  # a writing hint left from the scaffold (【提示：……】): not report text
    level: int | None = None  # heading level 1..4 when this paragraph is a heading
    number: int | None = None  # the heading's number (一 → 1, (三) → 3, 12. → 12)
    heading: str | None = None  # the heading text (lead sentence for a run-in heading)
    runin: bool = False  # heading followed by body text in the same paragraph
    section: list[str] = field(default_factory=list)  # enclosing heading titles

    def __post_init__(self) -> None:
        self.section = list(self.section)
        if self.cell is not None:
            self.cell = tuple(self.cell)

    def in_original(self, start: int, end: int) -> tuple[int, int, str]:
        """Offsets [start, end) of `text` as offsets of the draft's own text, and that text."""
        if self.original is None:
            return start, end, self.text
        from .text import to_original

        return (*to_original(self.gaps, start, end), self.original)


@dataclass(eq=False)  # a report is itself: comparing two field by field is never wanted
class Report:
    """A draft as read: metadata (with where it came from) and its paragraphs."""

    path: str
    kind: Literal["docx", "txt", "md", "pdf"]
    title: str | None = None
    title_paragraph: int | None = None
    region: str | None = None
    region_source: str | None = None
    year: int | None = None
    year_source: str | None = None
    level: str | None = None  # 政府 / 党委政府联合 / 部门 / 乡镇街道
    addressee: str | None = None
    addressee_paragraph: int | None = None
    issuer: str | None = None
    issuer_paragraph: int | None = None
    date: str | None = None
    date_paragraph: int | None = None
    frame_paragraphs: list[int] = field(default_factory=list)  # title, addressee, sign-off lines
    source: str | None = None  # the format LibreOffice converted it from (".doc", ".wps" …)
    docx: str | None = None  # that conversion's .docx while its batch lasts: --annotate comments it
    cut: int | None = None  # the paragraph where a text that stops mid-sentence breaks off (a web copy)
    paragraphs: list[Paragraph] = field(default_factory=list)
    # the same unit's report of the year before (--previous, --previous-dir), set by the engine for
    # the rules that compare two years (FG05, WD07); never serialised
    previous: Report | None = field(default=None, repr=False)
    notes: list[str] = field(default_factory=list)  # what the reader could not check, for the user (Chinese)

    def para(self, index: int) -> Paragraph:
        return self.paragraphs[index - 1]

    def body(self) -> list[Paragraph]:
        """Paragraphs of report text: no furniture, hints, title, addressee or sign-off."""
        frame = set(self.frame_paragraphs)
        return [p for p in self.paragraphs if not (p.furniture or p.hint) and p.index not in frame]

@dataclass
class Finding:
    """One problem: what rule, where, the evidence as it stands in the draft, what to do."""

    rule: str
    name: str
    severity: Severity
    message: str
    evidence: str
    location: Location
    section_id: str | None = None
    suggestion: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def memo(report: Report, key: str, compute):
    """Compute an analysis of `report` once (structure, figures) and keep it on the object."""
    attr = f"__fz_{key}__"
    cached = getattr(report, attr, None)
    if cached is None:
        cached = compute(report)
        setattr(report, attr, cached)
    return cached
