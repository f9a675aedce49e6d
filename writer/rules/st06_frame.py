"""ST06 structure.frame: title, addressee, issuing body or 成文日期 missing, or a malformed title
(two document types, no year, no issuing body, a joint report titled for one of its bodies).

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
from ..reader.build import unit_of
from ..text import fold
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
        # a text that breaks off mid-sentence (ST01 says so) has its sign-off beyond the break
        if report.issuer is None and report.cut is None:
            missing.append("发文机关署名")
        if report.date is None and report.cut is None:
            missing.append("成文日期")
        if missing:
            yield self.finding(
                report, None, 0, 0,
                f"公文要素不全，缺少：{'、'.join(missing)}。（从网站复制的正文常缺这些要素；报送稿须齐全）",
                "按 GB/T 9704 补全标题、主送机关、落款署名和成文日期。", evidence="")
        if report.title:
            where = (report.title_paragraph, 0, len(report.para(report.title_paragraph).text))
            for bad in frame.title.malformed:
                if re.search(bad.pattern, fold(report.title)):
                    yield self.finding(report, *where, f"标题不规范：{bad.why}。",
                                       "标题宜为“××关于20××年法治政府建设情况的报告”。")
                    break
            if frame.title.year and not re.search(frame.title.year, fold(report.title)):
                yield self.finding(report, *where, "标题没有写明报告所述年度。",
                                   "标题写明年度，如“××关于20××年法治政府建设情况的报告”。",
                                   evidence=report.title)
        yield from self._title_body(report)
        yield from self._joint_signoff(report)
        # a 成文日期 present but malformed is WD05's (wording.date)

    def _title_body(self, report):
        """A title that names no issuing body: neither a body before the 事由 (2024年法治政府建设年度
        报告) nor the 关于…的报告 form; or a joint report (two bodies sign) titled for one of them."""
        if not report.title or report.title_paragraph is None:
            return
        title = re.sub(r"\s+", " ", fold(report.title)).strip()
        head = re.split(r"关于|\d{4}\s*年", title)[0].strip()
        where = (report.title_paragraph, 0, len(report.para(report.title_paragraph).text))
        rest = re.sub(r"^\d{4}\s*年度?", "", title)
        if not head and not title.startswith("关于") and unit_of(rest) is None:
            yield self.finding(report, *where, "标题没有写发文机关名称，只有事由和文种。",
                               "标题写明发文机关，如“××县人民政府关于20××年法治政府建设情况的报告”。",
                               evidence=report.title)
            return
        if not head or report.issuer is None:
            return
        organs = [o for o in re.split(r"[\s、]+", re.sub(r"\s+", " ", report.issuer)) if o]
        party = [o for o in organs if re.search(r"(委员会|党委|党工委|委)$", o) and not re.search(r"(人民政府|办公室)", o)]
        gov = [o for o in organs if re.search(r"(人民政府|政府|办事处)$", o)]
        if not (party and gov):
            return
        flat = head.replace(" ", "")
        missing = [o for o in party + gov if o.removeprefix("中共") not in flat
                   and o.removeprefix("中共").replace("委员会", "委") not in flat]
        if missing and len(missing) < len(party + gov):
            yield self.finding(report, *where,
                               f"落款是联合行文，标题却缺少发文机关“{'、'.join(missing)}”。",
                               "联合行文的标题应写明各发文机关。", evidence=report.title)

    def _joint_signoff(self, report):
        """A joint report (中共X委 and X人民政府 in the title) signed by one organ only."""
        if not report.title or report.issuer is None:
            return
        head = re.split(r"关于|\d{4}\s*年", fold(report.title))[0]
        organs = [s for s in re.split(r"[\s、]+", head) if s]
        party = [o for o in organs if re.search(r"^中共.+(委|委员会|党委|党工委)$", o)]
        gov = [o for o in organs if re.search(r"(人民政府|政府|办事处)$", o)]
        if not (party and gov):
            return
        signed = re.sub(r"\s+", "", report.issuer)
        missing = [o for o in party + gov if o.removeprefix("中共") not in signed
                   and o.removeprefix("中共").replace("委员会", "委") not in signed]
        if missing:
            p = report.para(report.issuer_paragraph)
            yield self.finding(report, p.index, 0, len(p.text),
                               f"标题是联合报告，落款缺少“{'、'.join(missing)}”的署名。",
                               "联合行文的各机关都应署名。")
