"""ST06 structure.frame: title, addressee, issuing body or 成文日期 missing or malformed.

Wrong::

    关于2024年法治政府建设工作总结的报告      (two document types in one title)
    ……
    秦州区人民政府
    2025.1.13                                  (date not in GB/T 9704 form)

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
        if report.date and not re.match(frame.date.good, report.date):
            p = report.para(report.date_paragraph)
            yield self.finding(
                report, p.index, 0, len(p.text),
                f"成文日期“{report.date}”不符合 GB/T 9704 的写法（阿拉伯数字，年份写全，月日不编虚位）。",
                "写作“2025年1月13日”的形式。")
