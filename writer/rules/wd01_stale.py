"""WD01 wording.stale: a formulation out of date for the report year, or not yet possible in it.

Wrong (a report on 2024)::

    全面贯彻党的十九大和十九届历次全会精神，深入推进“七五”普法。

Right (a report on 2024)::

    全面贯彻党的二十大和二十届二中、三中全会精神，深入推进“八五”普法。

The dated facts (congresses, plenums, plans, laws, bodies) are data in checklists/facts.yml.
A look back is not stale: `“七五”普法总结验收` in a 2021 report, `原区政府法制办` are right.
"""

from __future__ import annotations

from .. import checklists
from ..wording import retrospective, rx, span_years, year_label
from .base import Rule


class Stale(Rule):
    code = "WD01"
    name = "wording.stale"
    severity = "warning"
    summary = "表述与报告年度不符：过时的会议、规划、机构名称，或报告年度尚不存在的会议、法律"

    def check(self, report):
        year = report.year
        if year is None:
            return
        facts = checklists.facts().facts
        for p in report.body():
            for fact in facts:
                for m in rx(fact.pattern).finditer(p.norm):
                    if fact.from_ is not None and year < fact.from_:
                        yield self.finding(
                            report, p.index, m.start(), m.end(),
                            f"“{p.text[m.start():m.end()]}”在{year_label(report)}报告中还不可能出现：{fact.source}。",
                            "核对报告年度，或删去该表述。")
                    elif fact.until is not None and year > fact.until and not retrospective(
                            p.norm, m.start(), m.end()):
                        yield self.finding(
                            report, p.index, m.start(), m.end(),
                            f"“{p.text[m.start():m.end()]}”适用于{span_years(fact.from_, fact.until)}的报告，"
                            f"本报告为{year_label(report)}，已过时（{fact.source}）。",
                            f"改为“{fact.instead}”；如是回顾以往，写明“原”“期间”“以来”等。")
