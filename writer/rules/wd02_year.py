"""WD02 wording.year: a year that cannot be right for this report.

Wrong (a report on 2024, written from last year's file)::

    秦州区人民政府关于2024年法治政府建设情况的报告
    2023年，秦州区坚持以习近平法治思想为指导……          (opening year ≠ title year)
    一、2024年推进法治政府建设的主要举措和成效
    2023年，全区共受理行政复议案件67件。                  (a measure of another year)
    印发《秦州区2023年法治政府建设工作要点》。            (last year's document adopted again)
    四、2025年推进法治政府建设的主要安排
    2024年，秦州区将持续深化行政执法体制改革。            (plans for the report year itself)
    2024年6月底前完成行政规范性文件清理。                (a deadline in the plans, past when the report is sent)

Right::

    2024年，秦州区坚持以习近平法治思想为指导……
    2024年，全区共受理行政复议案件67件；较2023年增长12%。
    印发《秦州区2024年法治政府建设工作要点》。
    2025年，秦州区将持续深化行政执法体制改革。
    2025年6月底前完成行政规范性文件清理。

References are not measures: `2021年以来`, `较2023年`, `截至2024年底`, `《…2023年…》` cited as a document.
Each message says which report year was inferred and from where.
"""

from __future__ import annotations

import re

from .. import checklists
from ..structure import analyse
from ..text import has_word_between, sentence_at
from ..reader.build import MARGINS, title_year
from ..wording import in_title_marks, needles_of, rx, year_label
from .base import Rule

_YEAR = re.compile(r"(?<!\d)(\d{4})年(度)?")
_OPENING = re.compile(r"(^|^[^,。]{0,12}?)(\d{4})年(度)?(,|法治政府建设|推进法治政府建设|工作)")
# the boilerplate that ends an opening: 现将2023年度法治政府建设情况报告如下
_REPORTING = re.compile(r"(现将|特将|现就)[^,。]{0,12}?(\d{4})年(度)?[^,。]{0,30}(报告|汇报)")


class Year(Rule):
    code = "WD02"
    name = "wording.year"
    severity = "error"
    summary = "年份不对：开头段与标题年度不符、举措写成别的年份、下一年安排写成本年、沿用上年文件名"

    def check(self, report):
        year = report.year
        if year is None:
            return
        spec = checklists.wording()
        structure = analyse(report)
        body = report.body()
        # a title year that the opening, headings and 成文日期 all contradict (the reader took theirs)
        named = title_year(report)
        if named is not None and named != year and report.title_paragraph is not None:
            tp = report.para(report.title_paragraph)
            why = ("命令行指定的是" if report.year_source == "命令行参数" else "而正文开头、各部分标题和成文日期都是")
            yield self.finding(report, tp.index, 0, len(tp.text),
                               f"标题写的是{named}年，{why}{year}年度。", f"标题改为{year}年。")
        # a part's heading that names another year (一、2022年……举措和成效 in a report on 2023)
        for p in body:
            owner = structure.part_of.get(p.index)
            if p.level is None or p.runin or owner not in ("S1", "S2", "S3"):
                continue
            for m in _YEAR.finditer(p.norm):
                y = int(m.group(1))
                if y != year and _clause_start(p.norm, m.start()) and not in_title_marks(p.norm, m.start()) \
                        and not p.norm[m.end():].startswith(("-", "—", "至", "~", "、", "以来")):
                    yield self.finding(report, p.index, m.start(), m.end(),
                                       f"标题“{p.text.strip()[:30]}”写的是{y}年，本报告为{year_label(report)}。",
                                       f"改为{year}年。")
                    break
        # page headers and footers (a .docx's 页眉/页脚) carry the report's year too
        for p in report.paragraphs:
            if p.style not in MARGINS or not re.search(r"报告|法治", p.norm):
                continue
            for m in _YEAR.finditer(p.norm):
                y = int(m.group(1))
                if y != year and not p.norm[m.end():].startswith(("-", "—", "至", "~")):
                    yield self.finding(report, p.index, m.start(), m.end(),
                                       f"{p.style}写的是{y}年，本报告为{year_label(report)}。",
                                       f"修改{p.style}中的年份为{year}年。")
                    break
        # the opening (before any part) names the year it reports on; so does 现将……报告如下
        if report.year_source == "标题":
            opening = [p for p in body if structure.part_of.get(p.index) is None and p.level is None][:3]
            for k, p in enumerate(opening):
                matches = [m for m in _REPORTING.finditer(p.norm)]
                if k == 0:
                    m = _OPENING.search(p.norm)
                    if m:
                        matches.insert(0, m)
                for m in matches:
                    y = int(m.group(2))
                    if y != year and not in_title_marks(p.norm, m.start(2)):
                        yield self.finding(report, p.index, m.start(2), m.end(2) + 1,
                                           f"开头段写的是{y}年，标题是{year}年。",
                                           "统一标题和正文的报告年度。")
                        break
        yield from self._anniversaries(report, spec, body)
        s1 = set(structure.parts["S1"].paragraphs) if "S1" in structure.parts else set()
        s4 = set(structure.parts["S4"].paragraphs) if "S4" in structure.parts else set()
        s4_heads = set(structure.parts["S4"].headings) if "S4" in structure.parts else set()
        adopt = re.compile(spec.adopt_verbs + r"[^,。;]{0,6}《([^》]{0,40}?)(\d{4})年([^》]{0,30}?)"
                           + spec.yearly_documents + r"([^》]{0,10})》")
        for p in body:
            text = p.norm
            if p.index in s1:
                for m in adopt.finditer(text):
                    y = int(m.group(3))
                    if y < year:
                        yield self.finding(
                            report, p.index, m.start(), m.end(),
                            f"{year_label(report)}的举措中{m.group(1)}了{y}年的文件；每年应制定当年的文件。"
                            f"如只是引用上年文件，请写明“引用”“依据”等。",
                            f"改为本年度文件名（{year}年）。")
            for m in _years(text):
                y = int(m.group(1))
                if in_title_marks(text, m.start()):
                    continue
                if not _clause_start(text, m.start()):
                    # 已于2018年12月提请……: a step reported as done, dated outside the year (early next
                    # year excepted)
                    if (p.index in s1 and p.index not in s4 and text.endswith("已于", 0, m.start()) and y != year
                            and re.match(r"\d{1,2}月", text[m.end():])
                            and not (y == year + 1 and re.match(r"[1-3]月", text[m.end():]))):
                        yield self.finding(
                            report, p.index, m.start(), m.end() + len(re.match(r"\d{1,2}月", text[m.end():]).group(0)),
                            f"举措成效部分写的是{y}年的进展，本报告为{year_label(report)}。",
                            f"核对年份；如是{y}年的事，写明与本年度的关系。")
                    continue
                after = text[m.end():m.end() + 4]
                due = _DEADLINE.match(text, m.end())
                if p.index in s4 and y <= year and due:
                    # 2026年6月底前完成…… in the plans of a report on 2026: due before the report is written
                    yield self.finding(
                        report, p.index, m.start(), due.end(),
                        f"下一年度工作安排中的完成时限“{text[m.start():due.end()]}”在{year_label(report)}之内，"
                        f"报告报送时已经过去；安排应是{year + 1}年的。",
                        f"改为{year + 1}年的时限，或写明已完成的情况。")
                    continue
                if any(after.startswith(w) for w in spec.year_reference_after) or after.startswith(("、", "-", "—", "至", "~")):
                    continue
                if p.index in s1 and p.index not in s4 and y != year and _stated(after):
                    if y == year + 1 and re.match(r"[1-3]月", after):
                        continue  # early next year, before the report is due
                    yield self.finding(
                        report, p.index, m.start(), m.end(),
                        f"举措成效部分写的是{y}年，本报告为{year_label(report)}。",
                        f"改为{year}年，或写明与本年度的关系（如“较{y}年”）。")
                elif p.index in s4 and y <= year and (p.index in s4_heads or has_word_between(
                        text, spec.plan_words, m.end(), sentence_at(text, m.start())[1])):
                    yield self.finding(
                        report, p.index, m.start(), m.end(),
                        f"下一年度工作安排写的是{y}年，本报告为{year_label(report)}，安排应是{year + 1}年的。",
                        f"改为{year + 1}年。")


    def _anniversaries(self, report, spec, body):
        """新中国成立74周年 in a report on 2024: the number says another year."""
        from ..structure import plan_spans

        plans = plan_spans(report)
        finder = needles_of(tuple(a.pattern for a in spec.anniversaries))
        compiled = [(a, rx(a.pattern)) for a in spec.anniversaries]
        for p in body:
            for k in finder.which(p.norm):  # the anniversaries whose words the paragraph holds
                a, pattern = compiled[k]
                for m in pattern.finditer(p.norm):
                    s0 = sentence_at(p.norm, m.start())[0]
                    named = [(y.group(1),) for y in _YEAR.finditer(p.norm, s0, m.start())
                             if _clause_start(p.norm, y.start()) and not in_title_marks(p.norm, y.start())]
                    start = plans.get(p.index)
                    year = report.year + 1 if start is not None and m.start() >= start else report.year
                    if named:
                        year = int(named[-1][0])  # 2019年新中国成立70周年之际: the sentence dates it itself
                    n = int(m.group(1))
                    if a.since + n != year:
                        yield self.finding(
                            report, p.index, m.start(), m.end(),
                            f"{year}年是{a.name}{year - a.since}周年，不是{n}周年（{a.since}+{n}={a.since + n}）。",
                            f"改为{year - a.since}周年。")


# a deadline right after a year: 2026年6月底前, 2026年年底前, 2026年底以前, 2026年9月30日前
_DEADLINE = re.compile(r"(年?底|年?末|\d{1,2}月(份)?(\d{1,2}日|底|末|中旬|上旬|下旬)?)(以前|之前|前)(?!期|段|后)")


def _years(text: str):
    """The matches of _YEAR in `text`, as _YEAR.finditer finds them: tried only four characters
    before each 年 (a match ends there, and two cannot overlap), not at every character."""
    k = text.find("年", 4)
    while k != -1:
        m = _YEAR.match(text, k - 4)
        if m is not None:
            yield m
        k = text.find("年", k + 1)


def _clause_start(text: str, i: int) -> bool:
    """The year opens its clause: at the start, after punctuation, or after a heading number."""
    # only the few characters before the year are looked at: copying text[:i] per year is quadratic
    while i > 0 and text[i - 1].isspace():
        i -= 1
    if i == 0 or text[i - 1] in ",;。:、)":
        return True
    head = text[:i] if i <= 40 else ""  # a heading number stands at the paragraph's start
    return re.fullmatch(r"[一二三四五六七八九十]+|\d+\.?", head) is not None


def _stated(after: str) -> bool:
    """`2023年，` / `2023年全年` / `2023年度，` / `2023年3月`: the year of a measure, not an attribute."""
    return re.match(r"(度)?(,|全年|共|\d{1,2}月|我|全)", after) is not None
