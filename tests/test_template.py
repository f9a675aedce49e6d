"""`fzwriter new --template`: the report keeps its own GB/T 9704 formatting inside a unit's template,
takes the template's placeholder's place, and carries nothing of the template's review history."""

import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from helpers import run_cli

ATTACHED_TEMPLATE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
from writer.scaffold import scaffold


def east(style):
    return style.element.rPr.rFonts.get(qn("w:eastAsia"))


def out_of(tmp_path: Path, template: Path, **kw) -> Path:
    return scaffold("秦州区", 2025, template=template, output=tmp_path / "out.docx", **kw).path


def title_template(path: Path) -> Path:
    """python-docx's default document, as most saved documents: Word's blue 26 pt “Title” style,
    headings in theme fonts, Normal 11 pt with spacing after."""
    docx.Document().save(str(path))
    return path


def test_title_style_template_keeps_the_reports_own_formatting(tmp_path):
    d = docx.Document(str(out_of(tmp_path, title_template(tmp_path / "unit.docx"))))
    title = d.paragraphs[0]
    assert title.text.replace("\n", "") == "天水市秦州区人民政府关于2025年法治政府建设情况的报告"
    st = title.style
    assert st.name == "公文标题" and st.base_style is None
    assert east(st) == "方正小标宋简体" and st.font.size == Pt(22) and st.font.color.rgb == docx.shared.RGBColor(0, 0, 0)
    assert st.paragraph_format.alignment == 1 and not any("heme" in a for a in st.element.rPr.rFonts.attrib)
    body = next(p for p in d.paragraphs if p.text.startswith("2025年是"))
    assert body.style.name == "公文正文" and body.style.base_style is None
    pf = body.style.paragraph_format
    assert pf.line_spacing == Pt(28.95) and pf.space_after == Pt(0) and pf.space_before == Pt(0)
    assert body.style.element.pPr.ind.get(qn("w:firstLineChars")) == "200"
    assert east(body.style) == "仿宋_GB2312" and body.style.font.size == Pt(16)
    for level, font in ((1, "黑体"), (2, "楷体_GB2312")):
        head = next(p for p in d.paragraphs if p.style.name == f"公文{'一二'[level - 1]}级标题")
        assert east(head.style) == font and head.style.font.size == Pt(16) and not head.style.font.bold
        assert head.style.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == str(level - 1)
    # the unit's styles themselves are left as they were
    assert d.styles["Title"].font.size is None or d.styles["Title"].font.size != Pt(22)
    assert "公文标题" not in [p.style.name for p in d.paragraphs[1:]]


def test_same_named_styles_in_the_template_do_not_decide_the_layout(tmp_path):
    """A template that already has 公文正文/公文标题 (an earlier report saved as a template, say)
    with other indents, numbering and borders: fzwriter's paragraph formatting wins; the typeface
    the unit chose for its body stays."""
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋")
    for name in ("公文正文", "公文标题"):
        st = d.styles.add_style(name, 1)
        st.paragraph_format.first_line_indent = Pt(0)
        st.paragraph_format.space_after = Pt(24)
        st.element.get_or_add_pPr().append(parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="12" w:space="1" w:color="FF0000"/></w:pBdr>'))
    d.save(str(tmp_path / "unit.docx"))
    out = docx.Document(str(out_of(tmp_path, tmp_path / "unit.docx")))
    body = out.styles["公文正文"]
    assert body.element.pPr.ind.get(qn("w:firstLineChars")) == "200"
    assert body.paragraph_format.space_after == Pt(0) and body.element.pPr.find(qn("w:pBdr")) is None
    assert east(body) == "仿宋"  # the unit's Normal typeface, a 仿宋


@pytest.mark.parametrize("normal, title, body_font, title_font", [
    ("方正仿宋_GBK", "方正小标宋_GBK", "方正仿宋_GBK", "方正小标宋_GBK"),  # the unit's own kinds: kept
    ("宋体", "宋体", "仿宋_GB2312", "方正小标宋简体"),  # WPS's defaults: not a 公文's faces
])
def test_unit_typefaces_are_kept_when_of_the_right_kind(tmp_path, normal, title, body_font, title_font):
    d = docx.Document()
    for name, font in (("Normal", normal), ("Title", title)):
        d.styles[name].element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    d.save(str(tmp_path / "unit.docx"))
    out = docx.Document(str(out_of(tmp_path, tmp_path / "unit.docx")))
    assert east(out.styles["公文正文"]) == body_font and east(out.styles["公文标题"]) == title_font
    assert out.styles["公文标题"].paragraph_format.alignment == 1


def letterhead_template(path: Path, placeholder: str = "（此处为正文）", after: str = "抄送：市司法局。") -> Path:
    d = docx.Document()
    d.add_paragraph("天水市秦州区人民政府文件")
    d.add_paragraph("")
    d.add_paragraph(placeholder)
    d.add_paragraph(after)
    d.save(str(path))
    return path


def test_report_takes_the_placeholders_place(tmp_path):
    tpl = letterhead_template(tmp_path / "unit.docx")
    texts = [p.text for p in docx.Document(str(out_of(tmp_path, tpl))).paragraphs]
    assert texts[0] == "天水市秦州区人民政府文件"
    assert "（此处为正文）" not in texts
    assert texts[-1] == "抄送：市司法局。"  # the template's own ending stays after the report
    assert texts[-2].startswith("2026年")  # the date, right before it
    assert texts[2].startswith("天水市秦州区人民政府关于")  # the title where the placeholder was


@pytest.mark.parametrize("placeholder", ["【正文】", "请在此处输入正文", "此处为报告正文", "（正文内容）", "单击或点击此处输入文字。"])
def test_placeholder_wordings(tmp_path, placeholder):
    tpl = letterhead_template(tmp_path / "unit.docx", placeholder)
    texts = [p.text for p in docx.Document(str(out_of(tmp_path, tpl))).paragraphs]
    assert placeholder not in texts and texts[-1] == "抄送：市司法局。"


def test_letterhead_words_are_not_placeholders(tmp_path):
    tpl = letterhead_template(tmp_path / "unit.docx", "关于印发文件的通知", "正文从下一页开始排版说明见附件")
    texts = [p.text for p in docx.Document(str(out_of(tmp_path, tpl))).paragraphs]
    assert texts[:3] == ["天水市秦州区人民政府文件", "", "关于印发文件的通知"]
    assert "正文从下一页开始排版说明见附件" in texts


def test_content_control_placeholder_is_replaced(tmp_path):
    d = docx.Document()
    d.add_paragraph("天水市秦州区人民政府文件")
    d.element.body.insert(1, parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>'
        '<w:p><w:r><w:t>单击或点击此处输入文字。</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    d.save(str(tmp_path / "unit.docx"))
    out = docx.Document(str(out_of(tmp_path, tmp_path / "unit.docx")))
    assert out.element.body.find(qn("w:sdt")) is None
    assert out.paragraphs[1].text.startswith("天水市秦州区人民政府关于")


def test_a_placeholder_left_behind_is_reported(tmp_path):
    tpl = letterhead_template(tmp_path / "unit.docx", "（此处为正文）", "（此处为落款）")
    d = docx.Document(str(tpl))
    d.paragraphs[3].insert_paragraph_before("附件：1. 统计表")  # real content between the two
    d.save(str(tpl))
    r = run_cli("new", "--region", "秦州区", "--year", "2025", "--template", str(tpl), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "模板里的占位文字“（此处为落款）”没有替换" in r.stdout


def review_template(path: Path) -> Path:
    """A unit template that went round for review: a comment, tracked changes still on, a link to
    the template it was made from, and a macro part."""
    d = docx.Document()
    p = d.add_paragraph("天水市秦州区人民政府文件")
    d.add_comment(p.runs, text="红头字号再大一些", author="审核人")
    p._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="91" w:author="甲" w:date="2025-01-01T00:00:00Z"><w:r><w:t>（修订稿）</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="92" w:author="甲" w:date="2025-01-01T00:00:00Z"><w:r><w:delText>（草稿）</w:delText></w:r></w:del>'))
    settings = d.settings.element
    settings.append(parse_xml(f'<w:trackRevisions {nsdecls("w")}/>'))
    settings_part = next(r.target_part for r in d.part.rels.values() if r.reltype == RT.SETTINGS)
    rid = settings_part.relate_to("file:///C:/模板/单位模板.dotm", ATTACHED_TEMPLATE, is_external=True)
    settings.insert(0, parse_xml(f'<w:attachedTemplate {nsdecls("w", "r")} r:id="{rid}"/>'))
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    vba = Part(PackURI("/word/vbaProject.bin"), "application/vnd.ms-office.vbaProject", b"\xd0\xcf\x11\xe0macro",
               d.part.package)
    d.part.relate_to(vba, "http://schemas.microsoft.com/office/2006/relationships/vbaProject")
    d.save(str(path))
    names = zipfile.ZipFile(path).namelist()
    assert "word/comments.xml" in names and "word/vbaProject.bin" in names  # the test's premise
    return path


def test_review_history_and_macros_are_not_carried_over(tmp_path):
    out = out_of(tmp_path, review_template(tmp_path / "unit.docx"))
    z = zipfile.ZipFile(out)
    names = z.namelist()
    assert not [n for n in names if "comment" in n.lower() or "vba" in n.lower() or "people" in n.lower()]
    everything = "".join(z.read(n).decode("utf-8", "replace") for n in names if n.endswith((".xml", ".rels")))
    for mark in ("<w:ins ", "<w:del ", "w:delText", "commentReference", "commentRangeStart", "trackRevisions",
                 "attachedTemplate", "vbaProject", "单位模板.dotm"):
        assert mark not in everything, mark
    first = docx.Document(str(out)).paragraphs[0].text
    assert first == "天水市秦州区人民政府文件（修订稿）"  # insertions accepted, deletions gone


def test_template_is_only_read(tmp_path):
    tpl = review_template(tmp_path / "unit.docx")
    before = tpl.read_bytes()
    out_of(tmp_path, tpl)
    assert tpl.read_bytes() == before


# ---------------------------------------------------------------- title lines, sign-off


@pytest.mark.parametrize("title, first", [
    ("天水市秦州区人民政府关于2025年法治政府建设情况的报告", "天水市秦州区人民政府关于"),
    ("广东省清远市清城区人民政府关于2024年度法治政府建设工作情况的报告", "广东省清远市清城区人民政府关于"),
    ("中共天水市秦州区委 天水市秦州区人民政府关于2025年法治政府建设情况的报告", "中共天水市秦州区委 天水市秦州区人民政府"),
    ("清远市司法局关于2022年法治政府建设情况的报告", "清远市司法局关于2022年"),
])
def test_title_breaks_at_word_boundaries_into_balanced_lines(title, first):
    from writer.docxout import TITLE_CHARS, _width, title_lines

    lines = title_lines(title)
    assert lines[0] == first and "".join(lines).replace(" ", "") == title.replace(" ", "")
    widths = [_width(x) for x in lines]
    assert max(widths) <= TITLE_CHARS and max(widths) - min(widths) <= 5
    for word in ("人民政府", "法治政府建设", "2025年", "2024年度", "情况的报告"):
        if word in title:
            assert any(word in line for line in lines), word


def test_short_title_is_one_line():
    from writer.docxout import title_lines

    assert title_lines("秦州区2025年法治政府建设年度报告") == ["秦州区2025年法治政府建设年度报告"]


@pytest.mark.parametrize("issuers, date, issuer_left, date_left", [
    (["天水市秦州区人民政府"], "2026年【  】月【  】日", 16, 18),  # 28 - 2 - 10; two to the right
    (["清远市司法局"], "2023年【  】月【  】日", 17, None),  # the date (7) is longer: it stands two from the edge
    (["中共天水市秦州区委", "天水市秦州区人民政府"], "2026年1月13日", 16, 18),  # joint: one column
])
def test_signoff_follows_gbt9704(issuers, date, issuer_left, date_left):
    from writer.docxout import filled_date_width, signoff_layout

    assert signoff_layout(issuers, filled_date_width(date)) == (issuer_left, date_left)


def _page_fields(part_element) -> list[str]:
    return [el.text for el in part_element.iter(qn("w:instrText")) if "PAGE" in (el.text or "")]


def test_template_without_page_numbers_gets_the_standard_ones_and_says_so(tmp_path):
    unit = docx.Document()
    unit.sections[0].header.paragraphs[0].text = "某县司法局 内部资料"
    unit.sections[0].footer.paragraphs[0].text = "地址：某县人民路1号"  # a footer with words, no number
    unit.save(str(tmp_path / "unit.docx"))
    made = scaffold("秦州区", 2025, template=tmp_path / "unit.docx", output=tmp_path / "out.docx")
    assert any("没有页码" in n and "单页居右、双页居左" in n for n in made.plan.notices)
    d = docx.Document(str(made.path))
    assert d.settings.odd_and_even_pages_header_footer
    sec = d.sections[0]
    # the unit's footer text stays; the number comes after it, odd right, even left
    assert sec.footer.paragraphs[0].text == "地址：某县人民路1号" and _page_fields(sec.footer._element)
    assert sec.footer.paragraphs[-1].text == "— 1 —" and sec.footer.paragraphs[-1].alignment == 2
    assert sec.even_page_footer.paragraphs[-1].text == "— 1 —" and sec.even_page_footer.paragraphs[-1].alignment == 0
    # even pages keep the unit's header
    assert sec.even_page_header.paragraphs[0].text == "某县司法局 内部资料"


def test_template_with_its_own_page_number_keeps_it(tmp_path):
    unit = docx.Document()
    footer = unit.sections[0].footer.paragraphs[0]
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE \\* MERGEFORMAT "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    unit.save(str(tmp_path / "unit.docx"))
    made = scaffold("秦州区", 2025, template=tmp_path / "unit.docx", output=tmp_path / "out.docx")
    assert "沿用模板自带的页码" in made.plan.notices
    d = docx.Document(str(made.path))
    assert not d.settings.odd_and_even_pages_header_footer
    assert not _page_fields(d.sections[0].footer._element)  # nothing added beside the unit's field
    assert "fldSimple" in d.sections[0].footer._element.xml


def test_cli_new_says_which_page_numbers(tmp_path):
    docx.Document().save(str(tmp_path / "unit.docx"))
    res = run_cli("new", "--region", "秦州区", "--year", "2025", "--template", str(tmp_path / "unit.docx"),
                  "-o", str(tmp_path / "out.docx"))
    assert res.returncode == 0 and "说明：模板的页眉页脚中没有页码，已按 GB/T 9704 加上页码" in res.stdout
