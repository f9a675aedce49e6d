"""ST02 structure.part-not-headed: a required part is present only as a run-in heading or a sentence.

Wrong (the shortcomings only as a clause at the end of the measures)::

    ……取得明显成效，但还有一些差距不足，主要是个别干部对依法行政的要求把握不够精准。

Right::

    二、存在的不足和原因
    一是个别干部运用法治思维和法治方式解决问题的能力不足，主要原因是……
"""

from __future__ import annotations

from ..structure import analyse
from . import _parts
from .base import Rule


class PartNotHeaded(Rule):
    code = "ST02"
    name = "structure.part-not-headed"
    severity = "warning"
    summary = "必备部分只以段首引领句、无标题段落或一句话出现，未单列标题"

    def check(self, report):
        st = analyse(report)
        for pid, part in st.parts.items():
            if part.form not in ("runin", "inline"):
                continue
            extra = ""
            if pid == "S4" and part.headings:
                extra = f"（其后有{len(part.headings)}个分项）"
            msg = (f"{_parts.label(pid)}只以{_parts.FORM_CN[part.form]}出现{extra}，没有单列标题；"
                   "审核时容易被认为缺项。")
            yield self.finding(report, part.paragraph, part.start, part.end, msg,
                               f"单列一级标题，如“{_parts.suggest_heading(pid, report.year)}”。", pid)
