"""One object per sentence: its figures, each with the words that say what it counts.

A relation is checked only when the text identifies both of its ends by what they count, so every
figure carries its `lead` (the words from the previous boundary up to the number: 其中维持, 受理各类
行政复议申请), its `tail` (the words after the unit: 不合格案卷 in 对6卷不合格案卷), and its `measure`:
the last measure word of checklists/figures.yml in the lead (or at the head of the tail), with
negations kept (不合格 is not 合格) and compounds kept whole (调解结案 is not 结案).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from .. import checklists
from ..models import Report
from .numbers import Figure, extract_text

# boundaries of a figure's words: punctuation, and the figure before it
_SEP = set(",;:()[]\"'。!?")  # not 、: it joins words too (市、区两级); enumerations end at the figure before
# a clause ends at , ; : and the sentence marks, but not at the comma of 1,920
# (one class first, so the scan for it runs in C; the lookarounds only hold back a comma or full stop)
_CLAUSE_MARK = re.compile(r"[;:。!?,](?!(?<=\d,)\d{3}(?!\d))")
# 。！？ end a sentence, and so does a half-width full stop after a non-digit (web copies: 95件.审结…)
_SENT_END = re.compile(r"[。!?！？.](?<![\d.]\.)(?!(?<=\.)\d)")


@dataclass
class Sentence:
    """A sentence of a paragraph (ended by 。！？; ；-clauses stay together: a rate often
    follows its counts after a semicolon) and its figures in order."""

    paragraph: int
    start: int
    end: int
    text: str  # the paragraph's width-folded text (offsets are paragraph offsets)
    figures: list[Figure] = field(default_factory=list)
    section: tuple[str, ...] = ()

    @property
    def span(self) -> str:
        return self.text[self.start:self.end]

    def counts(self) -> list[Figure]:
        cached = self.__dict__.get("_counts_cache")
        if cached is None:
            cached = self.__dict__["_counts_cache"] = [f for f in self.figures if f.is_count]
        return cached

    def _marks(self) -> tuple[list[int], list[int]]:
        """Positions of the clause marks and of the semicolons, found once (bisected after)."""
        cached = self.__dict__.get("_marks_cache")
        if cached is None:
            marks = [m.start() for m in _CLAUSE_MARK.finditer(self.text, self.start, self.end)]
            semis = [k for k in marks if self.text[k] == ";"]
            cached = self.__dict__["_marks_cache"] = (marks, semis)
        return cached

    def clause_start(self, i: int) -> int:
        """Start of the clause (after , ; :) that holds position `i`."""
        marks = self._marks()[0]
        k = bisect_left(marks, i) - 1
        return marks[k] + 1 if k >= 0 else self.start

    def clause_end(self, i: int) -> int:
        marks = self._marks()[0]
        k = bisect_left(marks, i)
        return marks[k] if k < len(marks) else self.end

    def segment_end(self, i: int) -> int:
        """End of the ；-segment that holds position `i`."""
        semis = self._marks()[1]
        k = bisect_left(semis, i)
        return semis[k] if k < len(semis) else self.end

    def segment_start(self, i: int) -> int:
        semis = self._marks()[1]
        k = bisect_left(semis, i) - 1
        return semis[k] + 1 if k >= 0 else self.start

    def between(self, a: Figure, b: Figure) -> str:
        return self.text[a.end:b.start]


@dataclass
class Vocabulary:
    """Measure words, longest first (so 不合格 wins over 合格 and 调解结案 over 结案), matched
    together with the names of bodies that contain one (人民调解委员会), which are then skipped."""

    measures: re.Pattern
    skip: frozenset[str]
    qualifiers: tuple[str, ...] = ()
    plain: frozenset[str] = frozenset()  # qualified words that are measures in their own right
    modals: tuple[str, ...] = ()
    known: frozenset[str] = frozenset()  # every measure word
    closings: frozenset[str] = frozenset()  # measures of a concluded whole (结案, 审结)
    outcomes: tuple[str, ...] = ()  # outcomes that say how a case concluded (调解, 和解, 撤诉)
    modal_rx: re.Pattern | None = None  # any of `modals` (one search instead of a test per word)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    spec = checklists.figures()
    words = sorted(set(spec.measures) | set(spec.not_measures), key=lambda w: (-len(w), w))
    return Vocabulary(measures=re.compile("|".join(map(re.escape, words))),
                      skip=frozenset(spec.not_measures),
                      qualifiers=tuple(sorted(spec.qualifiers, key=len, reverse=True)),
                      plain=frozenset(), modals=tuple(spec.modals), known=frozenset(spec.measures),
                      closings=frozenset(spec.outcome_wholes),
                      outcomes=tuple(sorted(spec.outcome_cues, key=len, reverse=True)),
                      modal_rx=re.compile("|".join(map(re.escape, spec.modals)) or "(?!)"))


def sentences_of(report: Report) -> list[Sentence]:
    """The report's body sentences with their figures read and described. Table rows are left to
    tables.py (their numbers carry no units and are related by rows and columns, not by words)."""
    from .tables import is_pipe_row

    out: list[Sentence] = []
    for p in report.body():
        if p.in_table or is_pipe_row(p.norm):
            continue
        text = p.norm
        figs = extract_text(p.index, text)
        if not figs:
            continue
        start = 0
        section = tuple(p.section)
        k = 0  # figures are in text order: walk them once
        for m in list(_SENT_END.finditer(text)) + [None]:
            end = m.end() if m else len(text)
            if m:
                while end < len(text) and text[end] in "\"')]":
                    end += 1
            j = k
            while j < len(figs) and figs[j].start < end:
                j += 1
            sfigs = figs[k:j]
            k = j
            if sfigs and text[start:end].strip():
                s = Sentence(p.index, start, end, text, sfigs, section)
                describe(s)
                out.append(s)
            start = end
            if not m:
                break
    return out


# where a separator may be (each candidate then judged by _is_sep, as one by one before)
_SEP_CANDIDATE = re.compile("[" + re.escape("".join(sorted(_SEP))) + "]")


def describe(s: Sentence) -> None:
    """Fill each figure's lead, tail, measure and parenthesis flag."""
    voc = vocabulary()
    text = s.text
    # the sentence's separators, found once by one scan in C, then bisected for each figure
    # (every candidate but a comma is a separator: only commas are judged)
    seps = [k for m in _SEP_CANDIDATE.finditer(text, s.start, s.end)
            if text[k := m.start()] != "," or _is_sep(text, k)]
    span = text[s.start:s.end]
    depth_at = _paren_depths(text, s.start, s.end) if ("(" in span or "（" in span) else None
    figs = s.figures
    where = (s.start, s.end)
    prev_end = s.start
    for i, f in enumerate(figs):
        f.sentence = where
        lo = max(prev_end, s.start)
        # the lead starts after the last separator in [lo, f.start), else at lo
        k = bisect_left(seps, f.start) - 1
        f.lead = text[seps[k] + 1 if k >= 0 and seps[k] >= lo else lo:f.start].strip()
        # the tail ends at the first separator in [f.end, the next figure), else there
        nxt = figs[i + 1].start if i + 1 < len(figs) else s.end
        k = bisect_left(seps, f.end)
        f.tail = text[f.end:seps[k] if k < len(seps) and seps[k] < nxt else nxt].strip()
        f.paren = depth_at is not None and depth_at[f.start - s.start] > 0
        f.measure = measure_of(f.lead, f.tail, voc)
        prev_end = f.end


def _is_sep(text: str, i: int) -> bool:
    ch = text[i]
    if ch not in _SEP:
        return False
    # the comma of 1,920 joins digits
    return not (ch == "," and 0 < i and text[i - 1].isdigit() and text[i + 1:i + 4].isdigit()
                and not text[i + 4:i + 5].isdigit())


def measure_of(lead: str, tail: str, voc: Vocabulary | None = None) -> str | None:
    """The last measure word in the lead; else one that opens the tail (6卷不合格案卷)."""
    voc = voc or vocabulary()
    last = None
    for m in voc.measures.finditer(lead):
        if m.group(0) not in voc.skip:
            last = m
    if last is not None:
        word = last.group(0)
        at = last.start()
        if voc.modal_rx.search(lead, 0, at) and not word.startswith("应"):
            # 需要负责人出庭的案件: the cases that call for it (应出庭), not the act itself
            return "应" + word if "应" + word in voc.known else None
        if word in voc.closings and lead.endswith(voc.outcomes, 0, at):
            # 调解和解结案15件: the cases concluded that way, not all concluded (结案) cases
            how = next(o for o in voc.outcomes if lead.endswith(o, 0, at))
            if how + word not in voc.known:
                return how + word
        # a qualifier right before the word narrows it: 按期受理 is not 受理
        if not lead.endswith(voc.qualifiers, 0, at):
            return word
        q = next(q for q in voc.qualifiers if lead.endswith(q, 0, at))
        return (q + word) if q and (q + word) not in voc.plain else word
    m = voc.measures.match(tail)
    return m.group(0) if m and m.group(0) not in voc.skip else None


def _paren_depths(text: str, start: int, end: int) -> list[int]:
    depth, out = 0, []
    for ch in text[start:end]:
        if ch in "(（":
            depth += 1
        out.append(depth)
        if ch in ")）" and depth:
            depth -= 1
    return out


def ends_with_term(lead: str, term: str, qualifiers: tuple[str, ...], negations: str = "不未非无") -> bool:
    """Whether `lead` names `term` as its measure: it ends with the term (fillers such as 的
    stripped), the term is not negated, and the words before it do not narrow it (按时办结)."""
    lead = lead.rstrip("的了")
    if not lead.endswith(term):
        return False
    before = lead[: len(lead) - len(term)]
    if before and before[-1] in negations:
        return False
    return not any(before.endswith(q) for q in qualifiers)
