"""ST06 structure.frame: title, addressee, issuing body or 成文日期 missing, or a malformed title.

Wrong::

    关于2024年法治政府建设工作总结的报告      (two document types in one title)
    ……
    秦州区人民政府
                                               (no addressee, no 成文日期)

Right::

    秦州区人民政府关于2024年法治政府建设情况的报告
    市委、市政府：
    ……
    秦州区人民政府
    2025年1月13日
"""

from __future__ import annotations

import re

from .. import checklists
from .base import Rule


class Frame(Rule):
    code = "ST06"
    name = "structure.frame"
    severity = "warning"
    summary = "标题、主送机关、发文机关署名或成文日期缺失、不规范"

    def check(self, report):
        frame = checklists.frame()
        missing = []
        if report.title is None:
            missing.append("标题")
        if report.addressee is None:
            missing.append("主送机关（如“市委、市政府：”）")
        if report.issuer is None:
            missing.append("发文机关署名")
        if report.date is None:
            missing.append("成文日期")
        if missing:
            yield self.finding(
                report, None, 0, 0,
                f"公文要素不全，缺少：{'、'.join(missing)}。（从网站复制的正文常缺这些要素；报送稿须齐全）",
                "按 GB/T 9704 补全标题、主送机关、落款署名和成文日期。", evidence="")
        if report.title:
            for bad in frame.title.malformed:
                m = re.search(bad.pattern, report.title)
                if m:
                    yield self.finding(report, report.title_paragraph, 0,
                                       len(report.para(report.title_paragraph).text),
                                       f"标题不规范：{bad.why}。", "标题宜为“××关于20××年法治政府建设情况的报告”。")
        # a 成文日期 present but malformed is WD05's (wording.date)
