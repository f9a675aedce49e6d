"""Reports pasted from a government site: the page's index table, navigation and repeated lines are
not the report's, and a text cut off mid-sentence is one note, not one finding per part."""

from writer.engine import choose_rules, lint_report
from writer.reader import read_report

INDEX_TABLE = """\
首页 > 政务公开 > 区属街道信息公开目录 > 规划计划
- [ 索引号 ] 11500229768895163R/2026-00004
- [ 发文字号 ] 石门委文〔2026〕3号
- [ 发布机构 ] 城口县东安镇人民政府
- [ 有效性 ] 有效
城口县东安镇人民政府2026年法治政府建设情况报告
- 日期:2027-02-12
-
大
中
小
- 分享到 :
城口县东安镇人民政府2026年法治政府建设情况报告
2026年，东安镇在县委、县政府的坚强领导下，扎实推进法治政府建设。
一、主要工作及成效
一、主要工作及成效
全年化解矛盾纠纷126件，培育“法律明白人”58名。
"""


def _read(tmp_path, text, name="copy.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_report(path)


def test_title_after_an_index_table_and_the_unit_without_navigation(tmp_path):
    report = _read(tmp_path, INDEX_TABLE)
    assert report.title == "城口县东安镇人民政府2026年法治政府建设情况报告"
    assert report.region == "城口县东安镇" and report.level == "乡镇街道"
    body = [p.text for p in report.body()]
    assert body[0].startswith("2026年，东安镇") and body.count("一、主要工作及成效") == 1


def test_navigation_line_is_not_glued_to_a_title_that_stands_alone(tmp_path):
    report = _read(tmp_path, "网站公告\n石家庄市人民政府关于2026年度法治政府建设情况的报告\n2026年，全市扎实推进法治政府建设。\n")
    assert report.title == "石家庄市人民政府关于2026年度法治政府建设情况的报告"
    assert report.region == "石家庄市"


def test_title_broken_after_the_issuing_body_is_joined(tmp_path):
    report = _read(tmp_path, "中共宁海县委\n宁海县人民政府关于2025年度法治政府建设情况的报告\n市委、市政府：\n正文。\n")
    assert report.title == "中共宁海县委宁海县人民政府关于2025年度法治政府建设情况的报告"


def test_cut_off_text_is_one_note(tmp_path):
    text = ("2025年，县委、县政府坚持以习近平新时代中国特色社会主义思想为指导，扎实推进法治政府建设。\n"
            "一、主要做法和成效\n"
            "（一）加强法治政府建设工作领导。全年召开县委全面依法治县委员会全体会议1次，法治建设专题会议5次。\n"
            "（二）优化政府职能体系建设。编制公布行政许可事项清单236项，办理县人大代表建议119件、县政协委员提案105件，发出行政检察建议11件，行\n")
    report = _read(tmp_path, text)
    assert report.cut == report.paragraphs[-1].index
    st = lint_report(report, choose_rules(["ST01", "ST06"]))
    st01 = [f for f in st if f.rule == "ST01"]
    assert len(st01) == 1 and "S2" in st01[0].message and "S4" in st01[0].message
    assert all("成文日期" not in f.message for f in st if f.rule == "ST06")


def test_finished_text_without_sign_off_is_not_cut(tmp_path):
    report = _read(tmp_path, "一、主要做法和成效\n全年召开县委全面依法治县委员会全体会议1次，法治建设专题会议5次。\n")
    assert report.cut is None


def test_equal_cells_of_a_word_table_are_the_tables(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("一、主要举措和成效")
    table = d.add_table(rows=2, cols=3)
    for r, row in enumerate([["指标", "2024年", "2023年"], ["响应率", "100%", "100%"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    d.add_paragraph("二、存在的不足和原因")
    d.add_paragraph("二、存在的不足和原因")
    path = tmp_path / "table.docx"
    d.save(path)
    report = read_report(path)
    cells = [p.text for p in report.paragraphs if p.cell is not None and not p.furniture]
    assert cells.count("100%") == 2
    assert [p.text for p in report.body() if p.text.startswith("二、")] == ["二、存在的不足和原因"]
