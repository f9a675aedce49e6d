"""ST05 structure.thin-part: S2 without causes (原因), a required part too short to say anything, or
the 第一责任人 part that only urges others.

Wrong (shortcomings listed, causes never analysed)::

    二、存在的问题
    （一）法治政府建设意识还不够，一些干部运用法治思维推动工作的能力有待提高。

Right::

    二、存在的不足和原因
    （一）……能力有待提高。究其原因，主要是学法用法制度落实不够经常……

The causes are read in the text, never in the heading: `二、存在的不足和原因` over shortcomings alone
is the commonest omission. Under its own heading, a 第一责任人 part that only urges or inspects others
(督促各单位主要负责人履行第一责任人职责) and says nothing the unit's own leaders did is reported too. Cues (究其原因、原因主要是、主要原因、原因在于、一方面……另一方面, a
sub-heading 原因分析) are data in checklists/parts.yml; remedies and plans are not causes.
"""

from __future__ import annotations

from .. import checklists
from ..structure import analyse, s2_text_start
from . import _parts
from .base import Rule


class ThinPart(Rule):
    code = "ST05"
    name = "structure.thin-part"
    severity = "warning"
    summary = "“存在的不足”未分析原因，或必备部分内容过少"

    def check(self, report):
        st = analyse(report)
        specs = checklists.parts().parts
        for pid, part in st.parts.items():
            if not part.present:
                continue
            where = (part.paragraph, part.start, part.end)
            if pid == "S2" and part.causes is None:
                merged = part.shared or any(q.shared and q.paragraph == part.paragraph
                                            for q in st.parts.values() if q is not part)
                if merged and part.form == "heading":
                    # a heading shared with the plans: point at the shortcomings themselves
                    where = s2_text_start(report) or where
                yield self.finding(
                    report, *where,
                    f"{_parts.label('S2')}只列出了不足，没有分析原因；《规定》要求报告“存在的不足和原因”。",
                    "在每项不足后写明原因（如“究其原因，主要是……”），或单列“原因分析”。", "S2")
            if pid == "S3" and part.others_only is not None:
                what = ("只有一句表态，没有写党政主要负责人履行第一责任人职责的任何事实" if part.empty else
                        "只写了督促、检查其他单位主要负责人履职，没有写本单位党政主要负责人自己履行第一责任人职责的情况")
                yield self.finding(
                    report, *(where if part.empty else part.others_only),  # an empty part: at its heading
                    f"{_parts.label('S3')}{what}。",
                    "写明本单位党政主要负责人如何履职：研究部署、带头学法、述法、出庭应诉等具体事实和数字。", "S3")
                continue
            # a run-in or passing S1/S3 is ST02's business; its size says nothing
            if part.form in ("runin", "inline") and pid in ("S1", "S3") or part.shared:
                continue
            if part.chars < specs[pid].min_chars:
                yield self.finding(
                    report, *where,
                    f"{_parts.label(pid)}内容过少（约{part.chars}字，少于{specs[pid].min_chars}字），难以说明情况。",
                    "充实具体做法、数据和实例。", pid)
