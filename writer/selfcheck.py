"""Run the examples that checklist entries carry (facts.yml, formulations.yml) through their rules.

Like prh refusing a rule whose specs fail: an entry whose wrong example is not caught, or whose
right example is, is reported with the file, the entry and the sentence.
"""

from __future__ import annotations

import re

from . import checklists
from .engine import choose_rules, lint_report
from .reader.build import build
from .reader.raw import RawParagraph
from .text import fold


def _findings(code: str, text: str, year: int | None):
    report = build([RawParagraph(text=text)], "例句", "txt")
    if year is not None:
        report.year, report.year_source = year, "例句"
    return lint_report(report, choose_rules([code]))


def verify_examples() -> list[str]:
    """Problems found, in Chinese; empty when every example behaves as stated."""
    problems: list[str] = []
    facts_file, formulations_file = checklists.shown("facts.yml"), checklists.shown("formulations.yml")
    for fact in checklists.facts().facts:
        for ex in fact.examples:
            fired = any(re.search(fact.pattern, fold(f.evidence)) for f in _findings("WD01", ex.text, ex.year))
            if fired != ex.fire:
                problems.append(f"{facts_file}：条目 {fact.id} 的例句（{ex.year}年度）“{ex.text}”"
                                f"{'应当' if ex.fire else '不应'}被 WD01 报告，实际{'没有' if ex.fire else '报告了'}。")
    data = checklists.formulations()
    for i, f in enumerate(data.formulations):
        year = max(f.since or 2024, 2024)
        # as a message quotes it, quotes inside its quotes single
        forms = (f.right, f.right.replace("“", "‘").replace("”", "’"))
        if not any(r in x.message for x in _findings("WD06", f.examples.wrong, year) for r in forms):
            problems.append(f"{formulations_file}：formulations.{i}（{f.wrong}）的错误例句没有被 WD06 报告。")
        if _findings("WD06", f.examples.right, year):
            problems.append(f"{formulations_file}：formulations.{i}（{f.wrong}）的正确例句被 WD06 误报。")
    for i, g in enumerate(data.goals):
        if not _findings("WD06", g.examples.wrong, g.from_):
            problems.append(f"{formulations_file}：goals.{i}（{g.name}）的错误例句没有被 WD06 报告。")
        if _findings("WD06", g.examples.right, g.from_):
            problems.append(f"{formulations_file}：goals.{i}（{g.name}）的正确例句被 WD06 误报。")
    for key in ("standard", "documents"):
        for i, e in enumerate(getattr(data, key)):
            right = getattr(e, "form", None) or getattr(e, "title", "")
            if not any(fold(right) in fold(x.message + x.suggestion) for x in _findings("WD06", e.examples.wrong, 2024)):
                problems.append(f"{formulations_file}：{key}.{i}（{right}）的错误例句没有被 WD06 报告。")
            if _findings("WD06", e.examples.right, 2024):
                problems.append(f"{formulations_file}：{key}.{i}（{right}）的正确例句被 WD06 误报。")
    return problems
