"""Shared helpers of the wording rules (WD01–WD06): compiled data patterns and context tests."""

from __future__ import annotations

import re
from functools import lru_cache

from . import checklists
from .models import Report


@lru_cache(maxsize=512)
def rx(pattern: str) -> re.Pattern:
    return re.compile(pattern)


_BACKREF = re.compile(r"\\\d|\(\?P=|\(\?\(")  # \1, (?P=name), (?(1)…): numbers shift when joined


@lru_cache(maxsize=64)
def rx_any(patterns: tuple[str, ...]) -> re.Pattern | None:
    """One pattern that matches where any of `patterns` does: a rule searches each paragraph with it
    once and runs its patterns one by one only where it matches (most paragraphs hold none). None
    when they cannot be joined (a back-reference, a conditional on a group, a repeated group name,
    a flag that must open the pattern)."""
    if not patterns or any(_BACKREF.search(p) for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns))
    except re.error:
        return None


def year_label(report: Report) -> str:
    """How the report year was inferred: 2024年度（据标题）."""
    src = f"（据{report.year_source}）" if report.year_source else ""
    return f"{report.year}年度{src}"


def retrospective(text: str, start: int, end: int) -> bool:
    """Whether the words around text[start:end] make it a look back (“七五”普法总结验收, 原法制办)."""
    spec = checklists.facts().retrospective
    before = text[max(0, start - spec.window):start]
    after = text[end:end + spec.window]
    # only the clause the mention is in counts
    before = re.split(r"[,;。:]", before)[-1]
    after = re.split(r"[,;。:]", after)[0]
    return any(w in before for w in spec.before) or any(w in after for w in spec.after)


def prospective(text: str, start: int, end: int) -> bool:
    """Whether the words around text[start:end] make the mention preparation for what comes next
    (谋划“八五”普法, 迎接党的二十大, “九五”普法规划的谋划衔接), in the same clause."""
    before = re.split(r"[,;。:]", text[max(0, start - 16):start])[-1]
    after = re.split(r"[,;。:]", text[end:end + 10])[0]
    return any(rx(w).search(before) or rx(w).search(after) for w in checklists.facts().prospective)


def current_guidance(year: int) -> str:
    """The congress current in `year` with its plenums held so far: 党的二十大和二十届二中、三中全会."""
    facts = [f for f in checklists.facts().facts if f.scaffold is not None and f.covers(year)]
    congress = next((f for f in facts if f.scaffold.role == "党代会"), None)
    if congress is None:
        return "党的最新全会"
    says = [f.scaffold.say for f in facts if f.scaffold.role == "全会" and f.scaffold.of == congress.id]
    parts = [re.fullmatch(r"(.+届)(.+)全会", s) for s in says]
    if not parts or not all(parts):
        return congress.scaffold.say
    return f"{congress.scaffold.say}和{parts[0].group(1)}{'、'.join(m.group(2) for m in parts)}全会"


# a document's name longer than this is not one (and looking further back per match is quadratic)
TITLE_MARKS_REACH = 300


def in_title_marks(text: str, start: int) -> bool:
    """Whether position `start` is inside 《…》 (a document's name)."""
    lo = max(0, start - TITLE_MARKS_REACH)
    opened = text.rfind("《", lo, start)
    return opened != -1 and text.find("》", opened, start) == -1


def span_years(first: int | None, last: int | None) -> str:
    if first is not None and last is not None:
        return f"{first}—{last}年度"
    if first is not None:
        return f"{first}年度及以后"
    return f"{last}年度及以前"
