"""Shared body of the figure rules: report the failed checks of one rule code."""

from __future__ import annotations

from ..figures import analyse


def findings(rule, report, suggestion: str):
    for check in analyse(report).checks:
        if check.ok or check.rule != rule.code:
            continue
        para, start, end = check.sentence
        yield rule.finding(report, para, start, end, check.message, suggestion, evidence=check.evidence)
