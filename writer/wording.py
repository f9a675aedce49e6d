"""Shared helpers of the wording rules (WD01–WD06): compiled data patterns and context tests."""

from __future__ import annotations

import re
from functools import lru_cache

from . import checklists
from .models import Report


@lru_cache(maxsize=512)
def rx(pattern: str) -> re.Pattern:
    return re.compile(pattern)


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


def in_title_marks(text: str, start: int) -> bool:
    """Whether position `start` is inside 《…》 (a document's name)."""
    opened = text.rfind("《", 0, start)
    return opened != -1 and text.rfind("》", 0, start) < opened


def span_years(first: int | None, last: int | None) -> str:
    if first is not None and last is not None:
        return f"{first}—{last}年度"
    if first is not None:
        return f"{first}年度及以后"
    return f"{last}年度及以前"
