"""WD07 wording.copied: a paragraph repeated nearly verbatim from last year's report.

Wrong (last year's report has the same paragraph with 2023 and its figures)::

    2024年，我区坚持以习近平法治思想为指导，全面落实行政执法“三项制度”，全年开展行政执法
    案卷评查2次，评查案卷120卷，行政执法规范化水平进一步提升。

Right::

    2024年，我区聚焦涉企执法，在全区推行“综合查一次”，联合检查覆盖市场主体1,260户，
    同比减少入企检查31%，企业满意度调查中执法规范项得分提高2.4分。

Runs only with last year's report (`--previous`, `--previous-dir`). Paragraphs are compared with
years and numbers masked and punctuation removed, so a paragraph whose only changes are the year
and the figures counts as copied; the finding names the paragraph of last year's report and the
share of the wording found there (checklists/previous.yml: `copied_share`, `min_chars`). A
`首次`/`新增` claim that last year's report already made about the same thing is reported as info.
"""

from __future__ import annotations

from .base import Rule


class Copied(Rule):
    code = "WD07"
    name = "wording.copied"
    severity = "warning"
    summary = "与上年报告雷同：段落基本照搬上年报告，或重复上年已有的“首次”“新增”说法（需 --previous）"

    def check(self, report):
        if report.previous is None:
            return
        from ..previous import copied, repeated_claims  # only with last year's report

        for issue in copied(report):
            yield self.finding(report, issue.paragraph, issue.start, issue.end, issue.message,
                               "按本年度的实际工作重写；延续上年的做法，写明本年的新进展、新数据。")
        for issue in repeated_claims(report):
            f = self.finding(report, issue.paragraph, issue.start, issue.end, issue.message,
                             "核实是否确为本年度首次；延续上年的做法可改为“持续推行”“深化”等。")
            f.severity = issue.severity or f.severity
            yield f
