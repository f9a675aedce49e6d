"""Structure and wording on drafts as Word and web copies give them: page headers and footers, the
hint style, names read without jieba, the unit from title or sign-off, long heading lists."""

import subprocess
import sys

import docx
from docx.enum.style import WD_STYLE_TYPE

from writer import regions
from writer.engine import choose_rules, lint_report
from writer.reader import read_report

BODY = [
    "一、主要举措和成效",
    "全年审查规范性文件21件，办理行政复议案件67件，组织旁听庭审3次，开展执法检查42次。",
    "二、存在的不足和原因",
    "基层执法力量薄弱，究其原因，主要是乡镇执法人员编制不足。",
    "三、党政主要负责人履行推进法治建设第一责任人职责情况",
    "区委、区政府主要负责同志带头学法述法，专题研究法治政府建设工作4次。",
    "四、2025年工作安排",
    "2025年，区政府将继续深化行政执法体制改革，推进乡镇综合执法规范化建设。",
]


def _docx(path, header=None, footer=None, hint_text=None):
    d = docx.Document()
    d.add_paragraph("秦州区人民政府关于2024年法治政府建设情况的报告")
    d.add_paragraph("市委、市政府：")
    for line in BODY:
        d.add_paragraph(line)
    if hint_text is not None:
        style = d.styles.add_style("填写提示", WD_STYLE_TYPE.PARAGRAPH)
        d.add_paragraph(hint_text, style=style)
    d.add_paragraph("天水市秦州区人民政府")
    d.add_paragraph("2025年1月13日")
    if header is not None:
        d.sections[0].header.paragraphs[0].text = header
    if footer is not None:
        d.sections[0].footer.paragraphs[0].text = footer
    d.save(path)
    return path


def _lint(path, codes):
    report = read_report(path)
    return report, lint_report(report, choose_rules(codes))


def test_page_header_and_footer_are_linted_for_year_and_placeholder(tmp_path):
    path = _docx(tmp_path / "d.docx", header="秦州区2023年法治政府建设年度报告", footer="XX区人民政府办公室印")
    report, findings = _lint(path, ["WD02", "WD04", "ST01", "ST02", "ST06"])
    assert report.issuer == "天水市秦州区人民政府" and report.date == "2025年1月13日"
    margins = [p for p in report.paragraphs if p.style in ("页眉", "页脚")]
    assert [p.style for p in margins] == ["页眉", "页脚"] and all(p.furniture for p in margins)
    assert any(f.rule == "WD02" and "页眉写的是2023年" in f.message for f in findings)
    assert any(f.rule == "WD04" and f.message.startswith("页脚中") for f in findings)
    assert not [f for f in findings if f.rule.startswith("ST")], [f.message for f in findings]


def test_text_typed_over_a_hint_keeps_its_style(tmp_path):
    typed = _docx(tmp_path / "typed.docx", hint_text="全年共办理行政复议案件67件，较上年增长12%。")
    report, findings = _lint(typed, ["WD04"])
    styled = [p for p in report.paragraphs if p.style == "填写提示"]
    assert styled and not styled[0].hint
    [f] = findings
    assert f.severity == "info" and "提示样式未清除" in f.message
    left = _docx(tmp_path / "left.docx", hint_text="【提示：写明本年度行政复议案件数。】")
    _, findings = _lint(left, ["WD04"])
    assert [f.severity for f in findings] == ["error"]


def test_foreign_name_is_decided_without_jieba(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("秦州区人民政府关于2024年法治政府建设情况的报告\n市委、市政府：\n"
                     "深入推进法治麦积建设，把合法性审核和县政府常务会议集体讨论作为必经程序。\n",
                     encoding="utf-8")
    probe = ("import sys, json; from writer.engine import choose_rules, lint_paths; "
             f"[r] = lint_paths([{str(draft)!r}], choose_rules(['WD03'])); "
             "print(json.dumps([[f.evidence for f in r.findings], 'jieba' in sys.modules], ensure_ascii=False))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == '[["麦积"], false]'


def test_township_neighbours_come_from_the_division_data():
    near = regions.township_neighbours("雷山县方祥乡")
    assert "望丰乡" in near and "望丰" in near and "方祥乡" not in near
    assert [d.where for d in regions.resolve_township("朝阳区三里屯街道")] == ["北京市朝阳区三里屯街道"]


def test_unit_from_title_or_signoff_not_the_body(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("大中街道在区委、区政府的坚强领导下，坚持依法行政。\n一、主要举措和成效\n"
                     "全年调处矛盾纠纷120件。\n盐城市大丰区大中街道办事处\n2025年1月10日\n", encoding="utf-8")
    report = read_report(draft)
    assert (report.region, report.region_source, report.level) == ("大丰区大中街道", "落款", "乡镇街道")
    web = tmp_path / "web.txt"
    web.write_text("根据中共枣庄市委全面依法治市委员会要求，现将有关情况报告如下。\n全年调处矛盾纠纷120件。\n",
                   encoding="utf-8")
    assert read_report(web).region is None


def test_long_lists_of_numbered_items(tmp_path):
    """Third-level items numbered up to 99 and one repeated: told (the suggestion names 100.)."""
    lines = ["秦州区人民政府关于2024年法治政府建设情况的报告", "一、主要举措和成效"]
    for n in list(range(1, 100)) + [99]:
        lines += [f"{n}.加强组织领导", "全年审查规范性文件21件。"]
    draft = tmp_path / "d.txt"
    draft.write_text("\n".join(lines), encoding="utf-8")
    _, findings = _lint(draft, ["ST04"])
    assert [f.message for f in findings if "重复" in f.message] == \
        [f"三级标题编号重复：第{3 + 2 * 98}段和第{3 + 2 * 99}段都是“99.”。"]


def test_signoff_suggestion_and_blanks_told_apart(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("秦州区人民政府关于2024年法治政府建设情况的报告\n市委、市政府：\n"
                     "全年受理行政复议案件【  】件，审结【  】件。\n天水市秦州区人民政府\n2025.1.13\n",
                     encoding="utf-8")
    _, findings = _lint(draft, ["WD04", "WD05"])
    assert [f.evidence for f in findings if f.rule == "WD04"] == ["全年受理行政复议案件【  】件", "审结【  】件"]
    [date] = [f for f in findings if f.rule == "WD05"]
    assert date.suggestion == "写作“2025年1月13日”。"


def test_stale_congress_suggestion_follows_the_report_year(tmp_path):
    """十八大 in a report on 2019 should become 十九大 and its plenums so far, not 二十大."""
    draft = tmp_path / "d.txt"
    draft.write_text("某县人民政府关于2019年法治政府建设情况的报告\n深入学习贯彻党的十八大和十八届历次全会精神。\n",
                     encoding="utf-8")
    _, findings = _lint(draft, ["WD01"])
    [f] = findings
    assert "党的十九大和十九届历次全会精神" in f.suggestion and "二十大" not in f.suggestion
    assert regions.short("达地水族乡") == "达地"
