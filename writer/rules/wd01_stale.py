"""WD01 wording.stale: a formulation out of date for the report year, or not yet possible in it.

Wrong (a report on 2024)::

    全面贯彻党的十九大和十九届历次全会精神，深入推进“七五”普法。
    全面贯彻党的二十大和二十届二中全会精神。                 (三中全会, July 2024, is left out)

Right (a report on 2024)::

    全面贯彻党的二十大和二十届二中、三中全会精神，深入推进“八五”普法。

Wrong (a report on 2026: plans that ended with 2025, cited as current guidance)::

    认真落实《法治政府建设实施纲要（2021—2025年）》，深入实施“八五”普法规划。
    以“十四五”开局为契机，推进法治建设。                     (the 十四五 opened in 2021)

Right (a report on 2026: looking back is not citing)::

    在“十四五”时期法治政府建设成果的基础上，“八五”普法顺利收官后启动“九五”普法。
    以“十五五”开局为契机，推进法治建设。

The dated facts (congresses, plenums, plans, laws, bodies) are data in checklists/facts.yml.
A look back is not stale (`“七五”普法总结验收` in a 2021 report, `原区政府法制办`), preparing the
next plan is not anachronistic (`谋划“八五”普法` in a 2020 report), and the plans for the next year
may name what the next year brings (`迎接党的二十大` in a 2021 report's plans), though not a
document issued after the report was signed; what is stale is judged at the time of writing. A list of the current congress's plenums must
reach the last one held in the report year (a plenum not confirmed held is not required). A plan whose
window is in its title (`stale_when: cited`) is stale after it only where it is cited as current guidance.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from .. import checklists
from ..structure import plan_spans
from ..text import sentence_at
from ..wording import (applied_as_basis, cited_as_guidance, fill_instead, needles_of, prospective, quote, retrospective, rx_any,
                       span_years, title_span, year_label)
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
        plans = plan_spans(report)
        signed = _signed(report)
        facts, finder = _compiled()
        filled: dict = {}  # each fact's `instead` for this year, filled once
        for p in report.body():
            which = finder.which(p.norm)  # the facts whose patterns may be in the paragraph
            if not which:
                continue  # most paragraphs name no dated fact: one search instead of one per fact
            # whether a fact's pattern (or 全会) is in the paragraph: only then are lists and
            # milestones read (as when the facts' joined pattern was the first test)
            named = "全会" in p.norm
            # characters already reported, and each sentence's `unless` answer: linear in the
            # paragraph however many mentions it has
            taken = bytearray(len(p.norm))
            beside: dict[tuple, bool] = {}
            for k in which:
                if k == len(facts):
                    continue  # 全会: the plenum lists below
                fact, pattern, unless = facts[k]
                for m in pattern.finditer(p.norm):
                    named = True
                    if any(taken[m.start():m.end()]):
                        continue  # one mention, one finding
                    if unless:
                        span = sentence_at(p.norm, m.start())
                        if (unless.pattern, span) not in beside:
                            beside[(unless.pattern, span)] = unless.search(p.norm, *span) is not None
                        if beside[(unless.pattern, span)]:
                            continue  # used beside the current term, not instead of it
                    in_plans = p.index in plans and m.start() >= plans[p.index]
                    judged = year + 1 if in_plans else year
                    start, end = m.start(), m.end()
                    if fact.kind == "全会" and p.norm.startswith("精神", end):
                        end += 2  # 二十届二中、三中、四中全会精神: the phrase as written
                    start, end = title_span(p.norm, start, end)  # 《…（2021—2025年）》 whole
                    found = self._judge(report, p, fact, m, start, end, year, judged, in_plans, signed, filled)
                    if found is not None:
                        _take(taken, m)
                        yield found
            if named:
                yield from self._plenum_lists(report, p, taken)
                yield from self._milestones(report, p, taken)
                continue
            # no fact named: lists and milestones find none either, save with a pattern that matches
            # only in part of the paragraph (a lookahead at a milestone's end), where they were read
            # only when the facts' patterns could not be joined into the first test
            late = [*self._plenum_lists(report, p, taken), *self._milestones(report, p, taken)]
            if late and not _joinable():
                yield from late

    def _judge(self, report, p, fact, m, start, end, year, judged, in_plans, signed, filled=None):
        """The finding for one mention of a dated fact, or None when it is right where it stands.
        `filled`: each fact's `instead` filled for the year, kept for the report's other mentions."""
        quoted = quote(p.text[start:end])
        if fact.from_ is not None and judged < fact.from_:
            if prospective(p.norm, m.start(), m.end()) and judged >= fact.from_ - 1:
                return None  # 谋划“八五”普法 the year before it starts
            return self.finding(report, p.index, start, end,
                                f"{quoted}在{year_label(report)}报告中还不可能出现：{fact.source}。",
                                "核对报告年度，或删去该表述。")
        if in_plans and fact.known is not None and fact.from_ == judged and fact.known > signed:
            return self.finding(report, p.index, start, end,
                                f"{quoted}在成文时还没有：{fact.source}；{year_label(report)}报告的下一年度安排不能引用。",
                                "核对报告年度，或删去该表述。")
        if (fact.in_force is not None and fact.in_force > date(judged, 12, 31)
                and applied_as_basis(p.norm, start, end)):
            effective = f"{fact.in_force.year}年{fact.in_force.month}月{fact.in_force.day}日"
            return self.finding(report, p.index, start, end,
                                f"{quoted}{effective}起施行，{year_label(report)}报告所写{judged}年的工作不能以它为依据"
                                f"（{fact.source}）。",
                                "核对报告年度；施行前可写学习宣传、做好施行准备，依据应写当时有效的法律法规。")
        if fact.until is None:
            return None
        if filled is None:
            filled = {}
        if fact.instead not in filled:
            filled[fact.instead] = fill_instead(fact.instead or "", year)
        instead = filled[fact.instead]
        if fact.stale_when == "cited":
            # a plan's end is in its title: the plans part is judged against the year it plans for
            if judged <= fact.until or not cited_as_guidance(p.norm, start, end):
                return None
            when = f"{year_label(report)}报告的下一年度（{judged}年）安排" if judged != year else f"{year_label(report)}报告"
            return self.finding(
                report, p.index, start, end,
                f"{quoted}的适用期到{fact.until}年为止，{when}仍把它作为现行依据，已过时（{fact.source}）。",
                f"改为{quote(instead)}；如是回顾，写明“期间”“收官”“终期评估”等。")
        if year > fact.until and not retrospective(p.norm, m.start(), m.end()):
            # what is stale is judged at the time of writing, also in the plans
            return self.finding(
                report, p.index, start, end,
                f"{quoted}适用于{span_years(fact.from_, fact.until)}的报告，"
                f"本报告为{year_label(report)}，已过时（{fact.source}）。",
                f"改为{quote(instead)}；如是回顾以往，写明“原”“期间”“以来”等。")
        return None

    def _plenum_lists(self, report, p, taken):
        """党的二十大和二十届二中全会精神 in a report on 2024: the list stops before the 三中全会."""
        year = report.year
        for head, congress, members, pattern in _plenum_groups():
            if not congress.covers(year):
                continue  # a past congress's list is stale as a whole (the congress entry says so)
            # a plenum not confirmed held is never said to be missing
            held = [f for f in members if f.from_ is not None and f.from_ <= year and f.confirmed]
            if not held:
                continue
            for m in pattern.finditer(p.norm):
                if any(taken[m.start():m.end()]):
                    continue
                listed = re.findall(r"([一二三四五六七])中", m.group(0))
                before = p.norm[max(0, m.start() - 8):m.start()]
                # a list (二中、三中) or the guidance formula (二十大和二十届二中全会): not one plenum named alone
                if len(listed) < 2 and not re.search(r"大(和|以及|、)$", before):
                    continue
                if retrospective(p.norm, m.start(), m.end()):
                    continue
                said = {f"{n}中全会" for n in listed}
                missing = [f.id.removeprefix(head) for f in held if f.id.removeprefix(head) not in said]
                last = max("一二三四五六七".index(n) for n in listed)
                missing = [s for s in missing if "一二三四五六七".index(s[0]) > last]
                if not missing:
                    continue
                yield self.finding(
                    report, p.index, m.start(), m.end(),
                    f"全会列举不全：{year_label(report)}报告应列到{head}{missing[-1]}"
                    f"（{'、'.join(missing)}在{year}年或以前已召开）。",
                    f"补上{'、'.join(missing)}，或写“{congress.scaffold.say if congress.scaffold else head}和{head}历次全会精神”。")

    def _milestones(self, report, p, taken):
        """2026年是“十四五”规划开局之年: the plans named must begin (or end) in the year said.
        以“十四五”开局为契机 says no year: it must be the report's or, in its plans, the next."""
        year = report.year
        if year is not None and "为契机" in p.norm:
            for fact, pattern in _plans():
                for n in pattern.finditer(p.norm):
                    m = _OCCASION.match(p.norm, n.end())
                    if not m or not p.norm[:n.start()].endswith(("以", '以"')) or any(taken[n.start():n.end()]):
                        continue
                    which = m.group(1)
                    right = fact.scaffold.first if which == "开局" else fact.scaffold.last
                    if right is None or right in (year, year + 1):
                        continue
                    taken[n.start():n.end()] = b"\x01" * (n.end() - n.start())
                    name = quote(p.text[n.start():n.end()].strip('“”"'))
                    yield self.finding(
                        report, p.index, n.start(), m.end(),
                        f"{name}的{which}之年是{right}年，{year_label(report)}的报告不能以它的{which}为契机"
                        f"（{fact.source}）。",
                        f"改为{_plan_of(which, year)}，或删去“以……{which}为契机”。")
        for m in _MILESTONE.finditer(p.norm):
            said, which = int(m.group(1)), m.group(3)
            for fact, pattern in _plans():
                for n in pattern.finditer(p.norm, m.start(2), m.end(2)):
                    if any(taken[n.start():n.end()]):
                        continue
                    right = fact.scaffold.first if which == "开局" else fact.scaffold.last
                    if right is None or right == said:
                        continue
                    taken[n.start():n.end()] = b"\x01" * (n.end() - n.start())
                    name = quote(p.text[n.start():n.end()].strip('“”"'))
                    yield self.finding(
                        report, p.index, m.start(), m.end(),
                        f"{name}的{which}之年是{right}年，不是{said}年（{fact.source}）。",
                        f"核对年份和规划名称：{said}年是{_plan_of(which, said)}的{which}之年。")


# 以“十五五”开局为契机: the occasion after a plan's name (its closing quote, 规划, then 开局/收官)
_OCCASION = re.compile(r'"?(?:规划)?(开局|收官)(?:之年)?为契机')
# 2026年是“十五五”规划和“九五”普法规划的开局之年 (the year said, the plans, 开局 or 收官)
_MILESTONE = re.compile(r"(\d{4})年(?:是|为)([^。;]{1,60}?)的?(开局|收官)之年")


@lru_cache(maxsize=1)
def _plans():
    """The plans with a first and last year (scaffold), and their patterns."""
    return [(f, re.compile(f.pattern)) for f in checklists.facts().facts
            if f.scaffold is not None and (f.scaffold.first or f.scaffold.last)]


def _plan_of(which: str, year: int) -> str:
    """The plans that begin (or end) in `year`, as the scaffold names them."""
    order = ("五年规划", "纲要", "普法规划")  # as reports (and `fzwriter new`) list them
    chosen = sorted((f for f, _ in _plans() if (f.scaffold.first if which == "开局" else f.scaffold.last) == year),
                    key=lambda f: order.index(f.scaffold.role) if f.scaffold.role in order else len(order))
    return "、".join(f.scaffold.say for f in chosen) or "哪个规划"


def _take(taken: bytearray, m: re.Match) -> None:
    taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())


@lru_cache(maxsize=1)
def _plenum_groups():
    """(届 prefix, its congress, its plenums, a pattern for a list of them), from facts.yml."""
    facts = checklists.facts().facts
    by_id = {f.id: f for f in facts}
    groups: dict[str, list] = {}
    for f in facts:
        head = re.match(r"(.+届)[一二三四五六七]中全会$", f.id)
        if f.kind == "全会" and f.congress in by_id and head:
            groups.setdefault(head.group(1), []).append(f)
    return [(head, by_id[members[0].congress], members,
             re.compile(re.escape(head) + r"((?:[一二三四五六七]中、)*)([一二三四五六七])中全会"))
            for head, members in groups.items()]


@lru_cache(maxsize=1)
def _compiled():
    facts = checklists.facts().facts
    compiled = [(f, re.compile(f.pattern), re.compile(f.unless_also) if f.unless_also else None) for f in facts]
    return compiled, needles_of(_patterns())


def _patterns() -> tuple[str, ...]:
    return tuple(f.pattern for f in checklists.facts().facts) + ("全会",)  # 全会: the plenum lists


@lru_cache(maxsize=1)
def _joinable() -> bool:
    return rx_any(_patterns()) is not None


def _signed(report) -> date:
    """The day the report was signed, or the end of March after the report year if it says none."""
    if report.date:
        m = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", report.date)
        if m:
            try:
                return date(*map(int, m.groups()))
            except ValueError:
                pass
    return date(report.year + 1, 3, 31)
