"""Tables of figures, from Word tables (cells carry their coordinates) or `|` lines in text.

A table cell's number has no words around it: what it counts comes from its row label (受理（件）)
and its column header (2024年 / 2023年 / 同比). Each numeric cell becomes a Figure with `label`
(the row label), `cell` and `current` (its column is the report year's), so table values join the
same relations as prose: totals, 其中 rows, shares, year-over-year changes, and restatements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ..models import Report
from .numbers import POINTS, Figure, interval

_NUMBER = re.compile(
    r"^(?P<dir>增长|上升|增加|提高|提升|下降|减少|降低|减|增|降)?\s?(?P<sign>[+\-−])?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?(?P<unit>%|个百分点|[^\d\s%]{1,2})?$")


class _UnitInLabel:
    """A unit in brackets at the end of a label or header (受理（件）, 罚没款（万元）, 占比（%）); other
    bracketed words (撤销、确认违法（纠错）, 案件（本局为被告）) say what is counted and stay."""

    @cached_property
    def rx(self) -> re.Pattern:
        from .. import checklists

        # ties in a fixed order (not a set's, which changes with each process's string hashing): the
        # same pattern text every run, so the compiled-regex cache finds it
        units = sorted({*checklists.figures().units, "%", "‰", "个百分点"}, key=lambda w: (-len(w), w))
        one = "|".join(map(re.escape, units))
        return re.compile(rf"[(（]((?:{one})(?:[/、](?:{one}))*)[)）]\s*$")

    def sub(self, repl: str, text: str) -> str:
        return self.rx.sub(repl, text)

    def search(self, text: str):
        return self.rx.search(text)


_UNIT_IN_LABEL = _UnitInLabel()
# a row label that only says the cells are counts of a unit (件数 | 96 | 85 | 79): the columns say what
COUNT_LABEL = re.compile(r"(件|人|次|宗|起|户|家|个|项|场|名|卷)数")
_QIZHONG = re.compile(r"^其中[:：]?")
_YEAR = re.compile(r"(19|20)\d{2}")
TOTAL_LABELS = ("合计", "总计", "小计", "总数", "共计", "全部", "总体")
_CURRENT = ("本年", "今年", "本期", "当年", "本年度")
_PREVIOUS = ("上年", "去年", "同期", "上年度", "上一年")
_CHANGE = ("同比", "增减", "增幅", "增长", "变化", "较上年", "比上年", "增减幅度", "变动")
_SHARE = ("占比", "比例", "比重", "占")


@dataclass(eq=False)
class Cell:
    text: str  # width-folded
    raw: str  # as in the draft
    paragraph: int
    start: int
    end: int
    figure: Figure | None = None
    direction: int = 0  # +1 / -1 for a change cell worded 增长 / 下降


@dataclass(eq=False)
class Table:
    rows: list[list[Cell]]
    header: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)  # per column: label/current/previous/change/share/count
    units: list[str] = field(default_factory=list)  # per column: unit from the header, if any
    context: str = ""  # the paragraph before the table
    near: tuple[int, ...] = ()  # the paragraphs right before it (a caption, the text that leads into it)
    raw_rows: dict = field(default_factory=dict)  # row → the row's line as typed, for a text table
    # the columns name what is counted (类别 | 收到申请（件） | 受理（件） | 纠错率): a cell is its row's
    # topic (行政复议) and its column's measure together, never the row label alone
    measured: bool = False

    def col_name(self, i: int) -> str:
        """A column's header less its unit (受理（件） → 受理)."""
        h = self.header[i] if i < len(self.header) else ""
        return _UNIT_IN_LABEL.sub("", h).strip()

    def label(self, r: int) -> str:
        row = self.rows[r]
        return row[0].text.strip() if row and row[0].figure is None else ""

    def unitless(self, r: int) -> str:
        """The row label without its unit in brackets (受理（件） → 受理)."""
        return _UNIT_IN_LABEL.sub("", self.label(r)).strip()

    def name(self, r: int) -> str:
        """What the row counts: the label less its unit and a leading 其中 (其中：撤销（件） → 撤销)."""
        return _QIZHONG.sub("", self.unitless(r))

    def evidence(self, r: int) -> str:
        if r in self.raw_rows:  # a row typed as a line: quote the line
            return self.raw_rows[r]
        return "| " + " | ".join(c.raw.strip() for c in self.rows[r]) + " |"

    def where(self, r: int) -> tuple[int, int, int]:
        """Paragraph and span to point at for row `r` (its first cell's paragraph)."""
        first = self.rows[r][0]
        last = self.rows[r][-1]
        if first.paragraph == last.paragraph:
            return first.paragraph, first.start, last.end
        return first.paragraph, first.start, first.end

    def column(self, role: str) -> int | None:
        return next((i for i, x in enumerate(self.roles) if x == role), None)


def tables_of(report: Report) -> list[Table]:
    raw_tables: list[tuple[list[list[Cell]], list[str]]] = []
    grid: dict[tuple[int, int], list[Cell]] = {}
    current_docx: int | None = None
    pipe_rows: list[list[Cell]] = []
    pipe_lines: list[str] = []
    contexts: list[tuple[str, tuple[int, ...]]] = []
    last_text = ""
    last_paras: tuple[int, ...] = ()

    def flush_docx():
        if grid:
            by_row: dict[int, list[Cell]] = {}
            for (r, _), cells in sorted(grid.items()):
                by_row.setdefault(r, []).append(_merge(cells))
            raw_tables.append((list(by_row.values()), []))
            grid.clear()

    def flush_pipe():
        if pipe_rows:
            raw_tables.append((list(pipe_rows), list(pipe_lines)))
            pipe_rows.clear()
            pipe_lines.clear()

    for p in report.paragraphs:
        if p.furniture or p.hint:
            continue
        if p.cell is not None:
            t, r, c = p.cell
            if current_docx != t:
                flush_docx()
                flush_pipe()
                contexts.append((last_text, last_paras))
                current_docx = t
            grid.setdefault((r, c), []).append(Cell(p.norm, p.text, p.index, 0, len(p.text)))
            continue
        flush_docx()
        current_docx = None
        if is_pipe_row(p.norm):
            if not pipe_rows:
                contexts.append((last_text, last_paras))
            cells = _pipe_cells(p)
            if cells and not all(set(c.text) <= set("-: ") for c in cells):
                pipe_rows.append(cells)
                pipe_lines.append(p.text.strip())
            continue
        flush_pipe()
        last_text = p.norm
        last_paras = (last_paras + (p.index,))[-2:]
    flush_docx()
    flush_pipe()
    out = []
    for number, ((rows, lines), (context, near)) in enumerate(zip(raw_tables, contexts), start=1):
        table = _understand(rows, report.year, number)
        if table is not None:
            table.context, table.near = context, near
            table.raw_rows = dict(enumerate(lines))
            out.append(table)
    return out


def _merge(cells: list[Cell]) -> Cell:
    if len(cells) == 1:
        return cells[0]
    first = cells[0]
    return Cell("".join(c.text for c in cells), "".join(c.raw for c in cells), first.paragraph,
                first.start, first.end)


def is_pipe_row(norm: str) -> bool:
    """A table row typed as text: `| a | b |`, or `a | b` with no sentence punctuation."""
    t = norm.strip()
    if t.startswith("|"):
        return True
    return "|" in t and "。" not in t and len([c for c in t.split("|") if c.strip()]) >= 2


def _pipe_cells(p) -> list[Cell]:
    text, raw = p.norm, p.text
    bounds = [-1] + [i for i, ch in enumerate(text) if ch == "|"] + [len(text)]
    cells = []
    for a, b in zip(bounds, bounds[1:]):
        seg = text[a + 1:b]
        if not seg.strip():
            continue
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        s, e = a + 1 + lead, b - trail
        cells.append(Cell(text[s:e], raw[s:e], p.index, s, e))
    return cells


def _understand(rows: list[list[Cell]], year: int | None, number: int) -> Table | None:
    if len(rows) < 2:
        return None
    for row in rows:
        for cell in row:
            _parse(cell)
    header: list[str] = []
    if not any(c.figure for c in rows[0]):
        header = [c.text.strip() for c in rows[0]]
    width = max(len(r) for r in rows)
    roles, units = [], []
    for i in range(width):
        h = header[i] if i < len(header) else ""
        roles.append(_role(h, i, year))
        m = _UNIT_IN_LABEL.search(h)
        units.append(m.group(1) if m else "")
    table = Table(rows=rows, header=header, roles=roles, units=units)
    numeric_cols = [i for i in range(width) if any(i < len(r) and r[i].figure for r in rows)]
    table.measured = bool(header) and "current" not in roles and "previous" not in roles and len(
        [i for i in numeric_cols if roles[i] in ("count", "share") and _names_a_measure(header[i] if i < len(header) else "")]) >= 2
    if "current" not in roles and "previous" not in roles:
        # no year columns: the figures are the report year's, unless the header says otherwise
        for i in numeric_cols:
            if roles[i] == "count":
                roles[i] = "current"
    for r, row in enumerate(rows):
        label = table.label(r)
        m = _UNIT_IN_LABEL.search(label)
        c = COUNT_LABEL.fullmatch(label.strip())
        row_unit = m.group(1) if m else c.group(1) if c else ""
        for i, cell in enumerate(row):
            f = cell.figure
            if f is None:
                continue
            if f.unit == "":
                f.unit = row_unit or units[i] or "?"
            f.label = label
            f.cell = (number, r, i)
            f.current = roles[i] == "current"
            f.extra["role"] = roles[i]
    return table


def _names_a_measure(header: str) -> bool:
    """Whether a column header says what its numbers count (受理（件）, 纠错率), not only how (数量)."""
    from .sentence import measure_of

    name = _UNIT_IN_LABEL.sub("", header).strip()
    return bool(name) and (measure_of(name, "") is not None or name.endswith("率"))


def _role(header: str, i: int, year: int | None) -> str:
    if i == 0 and not _YEAR.search(header):
        return "label"
    if any(w in header for w in _CHANGE):
        return "change"
    years = [int(m.group(0)) for m in _YEAR.finditer(header)]
    if years and year:
        if years[0] == year:
            return "current"
        if years[0] == year - 1:
            return "previous"
        return "other"
    if any(w in header for w in _PREVIOUS):
        return "previous"
    if any(w in header for w in _CURRENT):
        return "current"
    if any(w in header for w in _SHARE):
        return "share"
    return "count"


def _parse(cell: Cell) -> None:
    text = cell.text.strip()
    m = _NUMBER.match(text)
    if not m:
        return
    num = m.group("num")
    unit = m.group("unit") or ""
    if unit and unit not in ("%", POINTS) and not re.fullmatch(r"[件宗起人名次项个卷份条元户家场所台套]|万元|亿元|人次|场次|件次", unit):
        return
    decimals = len(num.split(".")[1]) if "." in num else 0
    value = float(num.replace(",", ""))
    lo, hi = interval(value, decimals, None)
    sign = -1 if m.group("sign") in ("-", "−") else 1 if m.group("sign") == "+" else 0
    word = m.group("dir") or ""
    direction = -1 if word in ("下降", "减少", "降低", "减", "降") else 1 if word else 0
    if sign and not direction:
        direction = sign
    offset = cell.text.find(text)
    cell.figure = Figure(paragraph=cell.paragraph, start=cell.start + max(offset, 0),
                         end=cell.start + max(offset, 0) + len(text), text=text, lo=lo, hi=hi,
                         unit=unit, decimals=decimals, sign=sign)
    cell.direction = direction
