"""Numeric claims in a report and the relations its prose and tables state between them.

Precision first, as statcheck and GRIM do it: a relation is checked only when the text identifies
both of its ends by what they count (a rate's numerator by the rate's own measure, its denominator
by the base the rate is defined over); a printed figure stands for every value that rounds or
truncates to it, and a finding is made only when no reading of the text fits. Figures the text
does not tie to anything are counted as extracted but not checkable.

    numbers.py    reading numbers and their intervals
    sentence.py   one object per sentence: figures with their leads, tails and measures
    tables.py     Word tables and `|` lines: cells with row labels and column roles
    tagging.py    indicator keys (行政复议.受理) that join figures across paragraphs and reports
    rates.py      rates and shares (FG02, FG03)
    parts.py      parts of a whole, outcomes, subsets, table totals (FG01)
    changes.py    year-over-year changes and change ratios (FG05, FG02, FG03)
    conflicts.py  one indicator stated with two values (FG04)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Report, memo
from .numbers import Figure, cn_number, fmt_pct, rate_fits  # noqa: F401  (public API)
from .tagging import indicator_label  # noqa: F401  (public API)


MAX_SENTENCE_CHARS = 3000
MAX_SENTENCE_FIGURES = 150


@dataclass
class Check:
    """A relation the text states, and whether its figures agree."""

    kind: str  # "rate" | "parts" | "change" | "conflict"
    figures: list[Figure]
    ok: bool
    rule: str | None = None
    message: str = ""
    sentence: tuple[int, int, int] = (0, 0, 0)  # paragraph, start, end
    evidence: str | None = None  # set when the evidence is not a span of one paragraph (a table row)


@dataclass
class FigureAnalysis:
    figures: list[Figure] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    # figures of the failed checks so far, by (sentence, rule): a lookup, not a scan of every check
    _failed: dict = field(default_factory=dict, repr=False)

    @property
    def checkable(self) -> int:
        return len({id(f) for c in self.checks for f in c.figures})

    @property
    def inconsistent(self) -> int:
        return sum(1 for c in self.checks if not c.ok)

    def add(self, check: Check) -> None:
        # one defect, one finding: a relation already reported on the same figures is not repeated
        if not check.ok:
            ids = {id(f) for f in check.figures}
            seen = self._failed.setdefault((check.sentence, check.rule), set())
            if seen & ids:
                check = Check(check.kind, check.figures, True)
            else:
                seen |= ids
        self.checks.append(check)


def analyse(report: Report) -> FigureAnalysis:
    return memo(report, "figures", _collector_off)


def _collector_off(report: Report) -> FigureAnalysis:
    """The analysis makes tens of thousands of small objects that it either keeps (figures,
    sentences, checks: memoised with the report) or frees by reference counting: the cyclic
    collector's passes meanwhile find nothing to free, and the full pass they set off in a fresh
    process (a lint) walked every object of it: ~15 ms of FG01 at 200 pages, 20-40 ms under the CLI.
    As mine.py does, the collector is off for the analysis (and left off if it was off)."""
    import gc

    collecting = gc.isenabled()
    gc.disable()
    try:
        return _analyse(report)
    finally:
        if collecting:
            gc.enable()


def _analyse(report: Report) -> FigureAnalysis:
    from . import changes, conflicts, parts, rates, tagging
    from .sentence import sentences_of
    from .tables import tables_of

    sents = sentences_of(report)
    tables = tables_of(report)
    result = FigureAnalysis()
    for s in sents:
        result.figures.extend(s.figures)
    for t in tables:
        result.figures.extend(c.figure for row in t.rows for c in row if c.figure is not None)
    # a "sentence" of thousands of characters or hundreds of figures is not prose (a pasted list,
    # a damaged file): its figures are extracted but not related, which keeps the check linear
    sents = [s for s in sents if s.end - s.start <= MAX_SENTENCE_CHARS and len(s.figures) <= MAX_SENTENCE_FIGURES]
    tagging.tag(report, sents, tables)
    for s in sents:
        rates.check_sentence(result, s)
        parts.check_sentence(result, s)
        changes.check_sentence(result, s, tables, report)
    for t in tables:
        parts.check_table(result, t)
        rates.check_table(result, t)
        changes.check_table(result, t)
    parts.check_subsets(result, report, sents)
    parts.check_across(result, sents)
    conflicts.check(result, report, sents, tables)
    return result
