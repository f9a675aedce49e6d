"""Invisible characters inside words (zero-width space, joiner, word joiner, soft hyphen, a BOM inside
the text) blind no rule: the rules read the text without them, and a finding's location and evidence
point into the draft's own text, invisible characters included (issue 15)."""

import pytest
from docxfactory import make_docx, p

from writer.engine import choose_rules, lint_report
from writer.reader import read_report
from writer.reader.build import build
from writer.reader.raw import RawParagraph
from writer.text import to_original, visible

INVISIBLE = ["\u200b", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u200c"]


def lint(lines, year=2023):
    raw = [RawParagraph(text=f"秦州区人民政府关于{year}年法治政府建设情况的报告"), RawParagraph(text="市委、市政府：")]
    raw += [RawParagraph(text=t) for t in lines]
    report = build(raw, "draft.txt", "txt")
    return report, lint_report(report, choose_rules())


@pytest.mark.parametrize("mark", INVISIBLE)
def test_a_stale_congress_split_by_an_invisible_character_is_found(mark):
    sentence = f"2023年，秦州区深入学习贯彻党的十九{mark}大精神。"
    report, findings = lint([sentence])
    wd01 = [f for f in findings if f.rule == "WD01"]
    assert len(wd01) == 1
    f = wd01[0]
    # the evidence is the draft's own text, with the invisible character, at the draft's offsets
    assert f.evidence == f"十九{mark}大精神"
    assert sentence[f.location.start:f.location.end] == f.evidence


@pytest.mark.parametrize("mark", INVISIBLE)
def test_a_figure_split_by_an_invisible_character_is_one_figure(mark):
    report, findings = lint(["一、主要举措和成效", f"全年办理行政复议案件6{mark}5件，纠错6件，纠错率9.2%。"])
    assert not [f for f in findings if f.rule.startswith("FG")], [f.message for f in findings]
    # and the same sentence with a real mistake is still checked
    report, findings = lint(["一、主要举措和成效", f"全年办理行政复议案件6{mark}5件，纠错6件，纠错率19.2%。"])
    assert [f for f in findings if f.rule == "FG02"]


def test_another_regions_name_split_by_a_soft_hyphen_is_found():
    report, findings = lint(["2023年，秦州区深入推进法治大\u00ad丰建设。"])
    assert [f.evidence for f in findings if f.rule == "WD03"] == ["大\u00ad丰"]


def test_paragraph_of_invisible_characters_only_is_not_a_paragraph(tmp_path):
    f = make_docx(tmp_path / "d.docx", p("\u200b\u200b") + p("一、主要举措和成效") + p("\ufeff"))
    report = read_report(f)
    assert [q.text for q in report.paragraphs] == ["一、主要举措和成效"]
    only = make_docx(tmp_path / "empty.docx", p("\u200b\u00ad"))
    with pytest.raises(Exception) as info:
        read_report(only)
    assert "没有任何文字" in str(info.value)


def test_docx_runs_with_invisible_characters(tmp_path):
    f = make_docx(tmp_path / "d.docx", p("秦州区人民政府关于2023年法治政府建设情况的报告")
                  + p(runs=["2023年，贯彻党的十", "\u200b", "九大精神。"]))
    report = read_report(f)
    para = report.paragraphs[1]
    assert para.text == "2023年，贯彻党的十九大精神。" and len(para.norm) == len(para.text)
    assert para.original == "2023年，贯彻党的十\u200b九大精神。"
    findings = lint_report(report, choose_rules(["WD01"]))
    assert [x.evidence for x in findings] == ["十\u200b九大精神"]


def test_offsets_map_back_exactly():
    text = "\u200b十九\u200b大\u00ad\u00ad精神\ufeff"
    clean, gaps = visible(text)
    assert clean == "十九大精神"
    for s in range(len(clean) + 1):
        for e in range(s, len(clean) + 1):
            a, b = to_original(gaps, s, e)
            assert visible(text[a:b])[0] == clean[s:e]
            if e > s:  # invisible characters at the edges are left out
                assert text[a] not in "\u200b\u00ad\ufeff" and text[b - 1] not in "\u200b\u00ad\ufeff"
