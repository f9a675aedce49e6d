"""WD06 wording.formulation: a standard formulation written wrong.

Wrong::

    党政主要负责人切实履行推进法治政府建设第一负责人职责，坚持以习近平新时代中国特色社会主意思想为指导。

Right::

    党政主要负责人切实履行推进法治建设第一责任人职责，坚持以习近平新时代中国特色社会主义思想为指导。

The variants and their right forms are data in checklists/formulations.yml; a goal written as a
list (职能科学、权责法定……人民满意) that uses most of its terms must use all of them, in order.
"""

from __future__ import annotations

import re

from .. import checklists
from ..wording import rx, rx_any
from .base import Rule

_RUN = re.compile(r"(?:[\u4e00-\u9fff]{4}、){2,}[\u4e00-\u9fff]{4}")
_GOAL_TAIL = re.compile(r"的(法治政府)?(建设)?(总)?目标|的法治政府")


class Formulation(Rule):
    code = "WD06"
    name = "wording.formulation"
    severity = "warning"
    summary = "规范表述写错：第一责任人职责、指导思想、法治政府建设目标等"

    def check(self, report):
        data = checklists.formulations()
        year = report.year
        # an older goal is WD01's to report, but only in a year it is stale for: in a 2018 report the
        # 2015 goal is the current one and its list is checked here like any other
        stale = [f.pattern for f in checklists.facts().facts
                 if f.until is not None and year is not None and year > f.until]
        applicable = [f for f in data.formulations if f.since is None or (year is not None and year >= f.since)]
        anywhere = rx_any(tuple(f.wrong for f in applicable))
        for p in report.body():
            text = p.norm
            # most paragraphs hold no variant: one search instead of one per formulation
            for f in applicable if anywhere is None or anywhere.search(text) else ():
                for m in rx(f.wrong).finditer(text):
                    yield self.finding(report, p.index, m.start(), m.end(),
                                       f"“{p.text[m.start():m.end()]}”应为“{f.right}”：{f.why}。", f"改为“{f.right}”。")
            for goal in data.goals if "、" in text else ():  # a goal is a list of terms joined by 、
                if year is None or year < goal.from_ or goal.until is not None and year > goal.until:
                    continue
                for m in _RUN.finditer(text):
                    items = m.group(0).split("、")
                    known = [t for t in items if t in goal.terms]
                    if len(known) < goal.min_terms or items == goal.terms:
                        continue
                    if any(rx(s).search(m.group(0)) for s in stale):
                        continue  # an older goal: WD01 says so
                    missing = [t for t in goal.terms if t not in items]
                    extra = [t for t in items if t not in goal.terms]
                    what = []
                    if missing:
                        what.append(f"缺少“{'、'.join(missing)}”")
                    if extra:
                        what.append(f"多出“{'、'.join(extra)}”")
                    if not what:
                        what.append("顺序不对")
                    end = m.end()
                    tail = _GOAL_TAIL.match(text, end)
                    if tail:
                        end = tail.end()  # ……廉洁诚信的法治政府: the goal as the draft words it
                    yield self.finding(report, p.index, m.start(), end,
                                       f"{goal.name}写得不完整或不规范：{'，'.join(what)}。",
                                       f"写作“{'、'.join(goal.terms)}”。")
