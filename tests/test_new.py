"""fzwriter new: the plan, the words current for the year, the docx layout, template handoff, the CLI."""

import copy
import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from helpers import run_cli, seed

from writer import checklists, regions
from writer.checklists import FactUse
from writer.engine import choose_rules, lint_paths
from writer.mine import default_model
from writer.plan import guidance, infer_level, plan
from writer.reader import read_report
from writer.scaffold import scaffold
from writer.structure import analyse

DONE = [("秦州区", 2025), ("大丰区", 2022), ("清远市司法局", 2022)]
FORBIDDEN = {"ST01", "ST02", "ST03", "ST04", "ST06", "WD01", "WD02", "WD03", "WD05", "WD06", "FG01", "FG02",
             "FG03", "FG04"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("new")
    return {(r, y): scaffold(r, y, output=folder / f"{r}{y}.docx") for r, y in DONE}


def text_of(path: Path) -> str:
    return "\n".join(p.text for p in read_report(path).paragraphs)


# ---------------------------------------------------------------- dated guidance, from data


def test_guidance_2025_has_the_plenums_held_by_year_end_and_the_plans_ending():
    g = guidance(2025)
    assert g.congress == "党的二十大和二十届二中、三中、四中全会"
    assert g.law_thought == "习近平法治思想"
    assert g.outline == "《法治政府建设实施纲要（2021—2025年）》"
    assert "“八五”普法规划" in g.ending and "“十四五”规划" in g.ending
    assert g.starting == ["“十五五”规划"]


@pytest.mark.parametrize("year, congress, thought, law", [
    (2022, "党的二十大", "习近平新时代中国特色社会主义思想", "习近平法治思想"),
    (2021, "党的十九大和十九届历次全会", "习近平新时代中国特色社会主义思想", "习近平法治思想"),
    (2019, "党的十九大和十九届历次全会", "习近平新时代中国特色社会主义思想",
     "习近平总书记全面依法治国新理念新思想新战略"),
    (2016, "党的十八大和十八届历次全会", None, "习近平总书记全面依法治国新理念新思想新战略"),
])
def test_guidance_by_year(year, congress, thought, law):
    g = guidance(year)
    assert (g.congress, g.thought, g.law_thought) == (congress, thought, law)
    assert g.ending == []


def test_guidance_2020_closes_the_earlier_plans():
    assert guidance(2020).ending == ["“十三五”规划", "《法治政府建设实施纲要（2015—2020年）》", "“七五”普法规划"]
    # the 2021 plans open 十四五; the new 纲要 and 八五普法 are not yet current in a report on 2020
    assert guidance(2020).starting == ["“十四五”规划"]


def test_guidance_follows_the_facts_file(monkeypatch):
    """Confirming a plenum in facts.yml (and giving its scaffold words) lists it in the next scaffold;
    nothing is hard-coded."""
    data = copy.deepcopy(checklists.facts())
    fifth = next(f for f in data.facts if f.id == "二十届五中全会")
    assert guidance(2026).congress == "党的二十大和二十届历次全会"  # not confirmed: not listed
    fifth.confirmed = True
    fifth.scaffold = checklists.plain(FactUse.model_validate({"role": "全会", "say": "二十届五中全会", "of": "二十大"}))
    monkeypatch.setattr(checklists, "facts", lambda: data)
    assert guidance(2026).congress == "党的二十大和二十届二中、三中、四中、五中全会"
    assert guidance(2025).congress == "党的二十大和二十届二中、三中、四中全会"


@pytest.mark.parametrize("name, level", [("清远市司法局", "部门"), ("秦州区", "政府"), ("秦州区人民政府", "政府"),
                                         ("罗城镇", "乡镇街道"), ("朝阳街道", "乡镇街道"),
                                         ("天水市生态环境局", "部门"), ("临江新区", "政府")])
def test_level_inferred_from_the_name(name, level):
    assert infer_level(name) == level


# ---------------------------------------------------------------- the plan


def test_plan_uses_the_regions_own_latest_report():
    p = plan("秦州区", 2025)
    assert p.basis and p.basis.startswith("002_") and p.basis_year == 2024
    assert [t.heading for t in p.themes] == [
        "坚持和加强党对法治政府建设的全面领导", "依法推进政府职能，优化法治化营商环境",
        "加强行政执法监管，严格规范行政执法行为", "深化多元共治，构建社会治理法治化新格局",
        "强化制约监督，推进行政权力运行法治化"]
    refs = {i.key: i.ref for t in p.themes for i in t.indicators}
    assert refs["行政复议.受理"] == "2024年：67件"
    assert p.organs == ["天水市秦州区人民政府"] and p.addressee == "市委、市政府："
    assert p.date == "2026年【  】月【  】日"


def test_plan_without_own_report_takes_the_common_themes():
    p = plan("鲁山县", 2025)
    assert p.basis is None and len(p.themes) >= 4
    names = [t.themes[0] for t in p.themes]
    order = [t.name for t in checklists.themes().themes]
    assert names == sorted(names, key=order.index)
    assert all(i.ref is None for t in p.themes for i in t.indicators)  # no other county's figures
    assert any("没有鲁山县" in n for n in p.notices)


def test_plan_for_unknown_region_asks_for_the_addressee():
    p = plan("滨江新区", 2025)
    assert p.addressee == "【请填写主送机关】：" and any("区划数据中没有" in n for n in p.notices)
    assert plan("滨江新区", 2025, to="市委、市政府").addressee == "市委、市政府："


def test_plan_ambiguous_and_qualified_names():
    p = plan("朝阳区", 2024)
    assert p.addressee == "【请填写主送机关】：" and any("北京市朝阳区" in n and "重名" in n for n in p.notices)
    q = plan("北京市朝阳区", 2024)
    assert q.organs == ["北京市朝阳区人民政府"] and q.addressee == "市委、市政府："
    assert plan("东城区", 2021).organs == ["北京市东城区人民政府"]  # a municipality's district too
    assert plan("甘肃省", 2023).addressee == "党中央、国务院："


def test_plan_levels_word_the_organs():
    assert plan("清远市司法局", 2022).organs == ["清远市司法局"]
    joint = plan("大丰区", 2022, level="党委政府联合")
    assert joint.organs == ["中共盐城市大丰区委员会", "盐城市大丰区人民政府"]
    assert plan("罗城镇", 2024, to="县委、县政府").organs == ["罗城镇人民政府"]


def test_plan_from_a_given_report(tmp_path):
    p = plan("秦州区", 2025, basis_path=seed("002"))
    assert p.basis == seed("002").name and len(p.themes) == 5
    other = plan("秦州区", 2025, basis_path=seed("000"))
    assert any("是大丰区的报告" in n for n in other.notices)


@pytest.mark.parametrize("args, word", [
    (dict(region="秦州区", year=1999), "年度"),
    (dict(region="秦州区", year=2025, level="省级"), "层级"),
    (dict(region="秦州/区", year=2025), "名称"),
])
def test_plan_refuses_bad_options(args, word):
    from writer.errors import InputError

    with pytest.raises(InputError) as exc:
        plan(**args)
    assert word in exc.value.message


# ---------------------------------------------------------------- the three scaffolds of the issue


@pytest.mark.parametrize("region, year", DONE)
def test_scaffold_has_the_four_parts_with_the_right_years(built, region, year):
    report = read_report(built[(region, year)].path)
    assert report.year == year and report.region == region
    parts = analyse(report).parts
    for pid in ("S1", "S2", "S3", "S4"):
        assert parts[pid].form == "heading", pid
    s1 = report.para(parts["S1"].paragraph).heading
    s4 = report.para(parts["S4"].paragraph).heading
    assert f"{year}年" in s1 and f"{year + 1}年" in s4
    assert "第一责任人" in report.para(parts["S3"].paragraph).heading


@pytest.mark.parametrize("region, year", DONE)
def test_scaffold_lints_to_placeholders_only(built, region, year):
    path = built[(region, year)].path
    result = lint_paths([str(path)], choose_rules())[0]
    codes = {f.rule for f in result.findings}
    assert "WD04" in codes and not codes & FORBIDDEN, codes
    assert built[(region, year)].findings == []


@pytest.mark.parametrize("region, year", DONE)
def test_scaffold_names_no_other_corpus_region(built, region, year):
    text = text_of(built[(region, year)].path)
    suffix = checklists.wording().department_suffix
    own, _ = regions.own_names(region, suffix)
    for entry in default_model().reports:
        if not entry.region or entry.region == region:
            continue
        names = {entry.region} | {n for d in regions.resolve(entry.region, suffix) for n in d.path}
        names |= {s for n in list(names) if (s := regions.short(n))}
        for name in names - own:
            assert name not in text, (name, entry.path)


def test_scaffold_2025_words(built):
    text = text_of(built[("秦州区", 2025)].path)
    assert "党的二十大和二十届二中、三中、四中全会精神" in text
    assert "2026年是“十五五”规划的开局之年" in text
    assert "受理行政复议案件【  】件（2024年：67件）" in text
    assert "2026年【  】月【  】日" in text
    text22 = text_of(built[("大丰区", 2022)].path)
    assert "党的二十大精神" in text22 and "全会" not in text22.split("现将")[0]
    assert "2023年推进法治政府建设的主要安排" in text22


def test_scaffold_department_speaks_of_its_own_head(built):
    text = text_of(built[("清远市司法局", 2022)].path)
    assert "2022年主要负责人履行推进法治建设第一责任人职责情况" in text
    assert "清远市司法局关于2022年法治政府建设情况的报告" in text.replace("\n", "")


def test_filled_scaffold_has_no_year_or_conflict_findings(built, tmp_path):
    """Filled in (numbers in the blanks, hints deleted), last year's reference values do not read as
    this year's: no WD02 for (2024年：67件), no FG04 between 67 and the new figure."""
    d = docx.Document(str(built[("秦州区", 2025)].path))
    n = 100
    for p in list(d.paragraphs):
        if p.text.startswith("【提示"):
            p._p.getparent().remove(p._p)
            continue
        if p.text.strip() == "【  】":
            p.text = "持续推进相关工作，取得明显成效。"
        while "【  】" in p.text:
            n += 1
            p.text = p.text.replace("【  】", str(n), 1)
    out = tmp_path / "filled.docx"
    d.save(str(out))
    codes = {f.rule for f in lint_paths([str(out)], choose_rules())[0].findings}
    assert not codes & {"WD02", "WD04", "FG04", "WD03", "WD05", "ST01", "ST04"}, codes


# ---------------------------------------------------------------- layout read back


def test_layout_is_gb9704(built):
    d = docx.Document(str(built[("秦州区", 2025)].path))
    sec = d.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    assert [round(x.mm) for x in (sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin)] == [37, 35, 28, 26]

    def east(style):
        return style.element.rPr.rFonts.get(qn("w:eastAsia"))

    normal = d.styles["Normal"]
    assert east(normal) == "仿宋_GB2312" and normal.font.size == Pt(16)
    assert normal.paragraph_format.line_spacing == Pt(28.95)
    assert normal.element.pPr.ind.get(qn("w:firstLineChars")) == "200"
    title = d.styles["公文标题"]
    assert east(title) == "方正小标宋简体" and title.font.size == Pt(22)
    assert title.paragraph_format.alignment == 1  # centred
    for level, font in ((1, "黑体"), (2, "楷体_GB2312"), (3, "仿宋_GB2312")):
        st = d.styles[f"Heading {level}"]
        assert east(st) == font and st.font.size == Pt(16) and not st.font.bold
        assert st.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == str(level - 1)
    assert not any(a.endswith("Theme") or a.endswith("theme") for a in d.styles["Heading 1"].element.rPr.rFonts.attrib)
    heads = [p for p in d.paragraphs if re.match(r"^[一二三四]、", p.text)]
    assert len(heads) == 4 and all(p.style.name == "Heading 1" for p in heads)
    assert all(p.style.name == "Heading 2" for p in d.paragraphs if re.match(r"^（[一二三四五六七八]）", p.text))
    assert d.paragraphs[0].style.name == "公文标题"
    # page numbers: — PAGE — in 宋体 14 pt, odd pages right, even pages left
    assert d.settings.odd_and_even_pages_header_footer
    for footer, align in ((sec.footer, 2), (sec.even_page_footer, 0)):
        p = footer.paragraphs[0]
        xml = p._p.xml
        assert "PAGE" in "".join(t.text for t in p._p.iter(qn("w:instrText")))
        assert p.text.startswith("—") and p.text.endswith("—") and p.alignment == align
        assert all(r.font.size == Pt(14) and r._r.rPr.rFonts.get(qn("w:eastAsia")) == "宋体" for r in p.runs)
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert p._p.pPr.ind.get(qn("w:firstLineChars")) == "0"  # one character from the edge, no more
    props = d.core_properties
    assert props.title == "天水市秦州区人民政府关于2025年法治政府建设情况的报告" and "2025" in props.subject
    # the sign-off (GB/T 9704 7.3.5.2): the issuer ends two characters from the edge (28 a line), the
    # date's first character two to the right of the issuer's, whatever date is filled in
    issuer, date = d.paragraphs[-2], d.paragraphs[-1]
    assert issuer.text == "天水市秦州区人民政府" and date.alignment == issuer.alignment == 0
    assert issuer._p.pPr.ind.get(qn("w:leftChars")) == "1600"  # 28 - 2 - 10
    assert date._p.pPr.ind.get(qn("w:leftChars")) == "1800"


# ---------------------------------------------------------------- template handoff


def make_template(path: Path) -> None:
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.size = Pt(15)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    h1 = d.styles["Heading 1"]
    h1.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "方正黑体_GBK")
    sec = d.sections[0]
    sec.top_margin = Mm(30)
    sec.header.is_linked_to_previous = False
    sec.header.paragraphs[0].text = "秦州区司法局法治督察科"
    d.add_paragraph("秦州区人民政府办公室文件")  # the letterhead
    d.save(str(path))


def test_template_keeps_its_header_and_style_fonts(tmp_path):
    tpl = tmp_path / "unit.docx"
    make_template(tpl)
    before = hashlib.sha256(tpl.read_bytes()).hexdigest()
    out = scaffold("秦州区", 2025, template=tpl, output=tmp_path / "out.docx").path
    assert hashlib.sha256(tpl.read_bytes()).hexdigest() == before  # the template is only read
    d = docx.Document(str(out))
    assert d.sections[0].header.paragraphs[0].text == "秦州区司法局法治督察科"
    assert round(d.sections[0].top_margin.mm) == 30
    # the unit's own styles are untouched (its letterhead may use them) …
    assert d.styles["Normal"].font.size == Pt(15)
    assert d.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"
    assert d.styles["Heading 1"].element.rPr.rFonts.get(qn("w:eastAsia")) == "方正黑体_GBK"
    assert d.paragraphs[0].text == "秦州区人民政府办公室文件"  # the letterhead stays first
    # … and the report is written in fzwriter's, keeping the typeface the unit chose for headings
    # (方正黑体_GBK is a 黑体) but not a 宋体 body, which is no 公文 body face
    head = next(p for p in d.paragraphs if p.text.startswith("一、"))
    assert head.style.name == "公文一级标题"
    assert head.style.element.rPr.rFonts.get(qn("w:eastAsia")) == "方正黑体_GBK"
    body = next(p for p in d.paragraphs if p.text.startswith("2025年"))
    assert body.style.name == "公文正文" and body.style.font.size == Pt(16)
    assert body.style.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert "填写提示" in [s.name for s in d.styles]


def retyped(tmp_path: Path, name: str, old: bytes, new: bytes) -> Path:
    """The test template saved under `name` with its main part's content type changed."""
    from writer.docxout import rezip

    tpl = tmp_path / "unit.docx"
    make_template(tpl)
    out = tmp_path / name
    out.write_bytes(rezip(tpl.read_bytes(),
                          lambda n, body: body.replace(old, new) if n == "[Content_Types].xml" else body))
    return out


def test_dotx_template(tmp_path):
    dotx = retyped(tmp_path, "unit.dotx", b"document.main+xml", b"template.main+xml")
    out = scaffold("秦州区", 2025, template=dotx, output=tmp_path / "out.docx").path
    assert docx.Document(str(out)).sections[0].header.paragraphs[0].text == "秦州区司法局法治督察科"


def test_macro_template_refused(tmp_path):
    dotm = retyped(tmp_path, "unit.dotm", b"wordprocessingml.document.main+xml",
                   b"ms-word.template.macroEnabledTemplate.main+xml")
    r = run_cli("new", "--region", "秦州区", "--year", "2025", "--template", str(dotm), cwd=tmp_path)
    assert r.returncode == 2 and "含宏" in r.stderr and "unit.dotm" in r.stderr


@pytest.mark.parametrize("content, word", [
    (b"just text, renamed", "不是有效的 .docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".doc"),
    (b"", "空的"),
])
def test_unusable_template_is_a_clear_message(tmp_path, content, word):
    tpl = tmp_path / "unit.docx"
    tpl.write_bytes(content)
    r = run_cli("new", "--region", "秦州区", "--year", "2025", "--template", str(tpl), cwd=tmp_path)
    assert r.returncode == 2 and word in r.stderr and "unit.docx" in r.stderr and "Traceback" not in r.stderr
    assert list(tmp_path.iterdir()) == [tpl]


# ---------------------------------------------------------------- the command


def test_cli_default_name_no_overwrite_force(tmp_path):
    r = run_cli("new", "--region", "大丰区", "--year", "2022", cwd=tmp_path)
    out = tmp_path / "大丰区2022年法治政府建设年度报告.docx"
    assert r.returncode == 0, r.stderr
    assert out.is_file() and "已生成" in r.stdout and "大丰区2021年" in r.stdout
    first = out.read_bytes()
    again = run_cli("new", "--region", "大丰区", "--year", "2022", cwd=tmp_path)
    assert again.returncode == 2 and "--force" in again.stderr and out.read_bytes() == first
    forced = run_cli("new", "--region", "大丰区", "--year", "2022", "--force", cwd=tmp_path)
    assert forced.returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]  # no temporary file left behind


@pytest.mark.parametrize("args, word", [
    (["--year", "2025"], "--region"),
    (["--region", "秦州区", "--year", "2025", "-o", "x.pdf"], ".docx"),
    (["--region", "秦州区", "--year", "2025", "--level", "省级"], "层级"),
    (["--region", "秦州区", "--year", "1999"], "2000"),
    (["--region", "秦州区", "--year", "2025", "--from", "missing.docx"], "不存在"),
])
def test_cli_bad_options(tmp_path, args, word):
    r = run_cli("new", *args, cwd=tmp_path)
    assert r.returncode == 2 and word in r.stderr and "Traceback" not in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_cli_unknown_region_notice_and_to(tmp_path):
    r = run_cli("new", "--region", "滨江新区", "--year", "2025", "--to", "市委、市政府", "-o", "a.docx", cwd=tmp_path)
    assert r.returncode == 0 and "区划数据中没有" in r.stdout
    assert "市委、市政府：" in text_of(tmp_path / "a.docx")


def test_user_template_folder_from_config(tmp_path):
    from writer.resources import data_dir

    mine = tmp_path / "my"
    mine.mkdir()
    text = (data_dir("templates") / "report.j2").read_text(encoding="utf-8")
    (mine / "report.j2").write_text(text.replace("特此报告。", "专此报告。"), encoding="utf-8")
    (tmp_path / "fzwriter.toml").write_text('templates = "my"\n', encoding="utf-8")
    r = run_cli("new", "--region", "秦州区", "--year", "2025", "-o", "a.docx", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "专此报告。" in text_of(tmp_path / "a.docx")
    (mine / "report.j2").write_text("@标题 {{ no_such_thing }}\n", encoding="utf-8")
    bad = run_cli("new", "--region", "秦州区", "--year", "2025", "-o", "b.docx", cwd=tmp_path)
    assert bad.returncode == 2 and "report.j2" in bad.stderr and "no_such_thing" in bad.stderr
    (mine / "report.j2").write_text("@标题 {% if %}\n", encoding="utf-8")
    bad = run_cli("new", "--region", "秦州区", "--year", "2025", "-o", "b.docx", cwd=tmp_path)
    assert bad.returncode == 2 and "第1行" in bad.stderr
    assert not (tmp_path / "b.docx").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed here")
def test_converts_to_pdf_in_libreoffice(built, tmp_path):
    src = built[("秦州区", 2025)].path
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
                   capture_output=True, timeout=180, check=True)
    pdf = tmp_path / (src.stem + ".pdf")
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")


def test_next_step_names_the_report_as_typed_from_the_current_folder(tmp_path):
    """The closing hint's path opens the report from where the user is, also when it was written
    elsewhere (a bare file name would name a file that is not there)."""
    work, out = tmp_path / "work", tmp_path / "out"
    work.mkdir()
    out.mkdir()
    for target in (out / "秦州区2025.docx", work / "sub" / "秦州区2025.docx"):
        target.parent.mkdir(exist_ok=True)
        res = run_cli("new", "--region", "秦州区", "--year", "2025", "-o", str(target), cwd=work, timeout=120)
        assert res.returncode == 0, res.stderr
        named = re.search(r'fzwriter lint "([^"]+)"', res.stdout).group(1)
        assert (work / named).resolve() == target.resolve(), named
