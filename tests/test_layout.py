"""The layout check beyond the rule cases: the formatting reader on awkward styles, the unit
template as the reference, the layout fix (text untouched, the input never written, the copy clean),
--annotate placing layout comments, and the command line."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from commentsxml import read_comments
from docxfactory import W_NS, layout_docx
from helpers import run_cli

from writer.engine import choose_rules, lint_report
from writer.layout import draft, use_template
from writer.layoutfix import fix_layout
from writer.reader import read_report
from writer.reader.layout import read_layout, signed32

SONGTI_XIAOSI = '<w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="24"/>'
# a draft with one fault of every kind the fix puts right
FAULTY = {
    "rpr": {"body": SONGTI_XIAOSI, "h1": '<w:rFonts w:ascii="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/>'
            '<w:color w:val="2F5496"/><w:sz w:val="32"/>', "title": '<w:sz w:val="32"/>'},
    "ppr": {"body": '<w:spacing w:line="240" w:lineRule="auto"/>', "date": '<w:jc w:val="center"/>',
            "addressee": '<w:ind w:firstLineChars="200" w:firstLine="640"/>'},
    "footer": "none",
    "sectpr": '<w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" '
              'w:left="1800" w:header="720" w:footer="720" w:gutter="0"/>',
}


def fm(path: Path, template: Path | None = None) -> list:
    report = read_report(path)
    if template is not None:
        use_template(report, template)
    return lint_report(report, choose_rules(["FM"]))


def body_text(path: Path) -> str:
    """Every w:t of the main document, in order: the draft's text as Word stores it."""
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


# ----------------------------------------------------------------------------- the reader

def test_char_space_as_libreoffice_writes_it():
    assert signed32(4294966271) == -1025
    assert signed32(-849) == -849


def test_style_chains_that_loop_or_run_deep_are_read(tmp_path):
    """A basedOn cycle ends; a chain of 3,000 styles is read (each style resolved once), and the
    body takes 仿宋 from the style it names, whatever lies beyond the depth cap."""
    chain = "".join(f'<w:style w:type="paragraph" w:styleId="S{i}"><w:name w:val="s{i}"/>'
                    f'<w:basedOn w:val="S{i + 1}"/></w:style>' for i in range(3000))
    loop = ('<w:style w:type="paragraph" w:styleId="A"><w:name w:val="a"/><w:basedOn w:val="B"/>'
            '<w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr></w:style>'
            '<w:style w:type="paragraph" w:styleId="B"><w:name w:val="b"/><w:basedOn w:val="A"/></w:style>')
    path = layout_docx(tmp_path / "d.docx", {"styles": chain + loop, "style": {"body": "A", "h2": "A", "title": "S0"},
                                             "rpr": {"body": ""}})
    lay = read_layout(path)
    body = [p for p in lay.paragraphs if p.style == "A" and not p.text.startswith("（")]
    assert body and {lay.formats[k].east for p in body for k in p.chars if k >= 0} == {"仿宋_GB2312"}
    assert not [f for f in fm(path) if f.rule == "FM04"]


def test_theme_and_defaults_resolve_as_word_does(tmp_path):
    """No East Asian font anywhere but the theme's: the body shows the theme's Chinese font."""
    path = layout_docx(tmp_path / "d.docx", {"hans": "等线", "rpr": {"body": '<w:sz w:val="32"/>'}})
    lay = read_layout(path)
    fonts = {lay.formats[k].east for p in lay.paragraphs[2:3] for k in p.chars if k >= 0}
    assert fonts == {"等线"}


def test_page_numbers_in_a_text_box_are_found(tmp_path):
    box = ('<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
           '<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t xml:space="preserve">— </w:t></w:r>'
           '<w:fldSimple w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> —</w:t>'
           '</w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>')
    path = layout_docx(tmp_path / "d.docx", {"footer": box, "even_odd": False})
    numbers = read_layout(path).sections[-1].page_numbers
    assert [(n.align, n.before.strip(), n.after.strip()) for n in numbers] == [("right", "—", "—")]
    assert not [f for f in fm(path) if f.rule == "FM08"]


def test_text_drafts_have_no_layout(tmp_path):
    draft_txt = tmp_path / "d.txt"
    draft_txt.write_text("某县人民政府关于2024年法治政府建设情况的报告\n市委、市政府：\n正文。\n", encoding="utf-8")
    report = read_report(draft_txt)
    assert draft(report) is None
    assert lint_report(report, choose_rules(["FM"])) == []


# ----------------------------------------------------------------------------- the template

def test_a_red_letterhead_is_not_the_title(tmp_path):
    path = layout_docx(tmp_path / "d.docx", {"letterhead": ["某县人民政府", "某政发〔2025〕3号"],
                                             "text": None})
    report = read_report(path)
    assert report.title == "某县人民政府关于2024年法治政府建设情况的报告"
    assert fm(path) == []


def test_the_template_is_the_reference_for_what_it_sets(tmp_path):
    """Held to a template with 30 mm/25 mm margins and 30 pt lines, a draft made like it is clean,
    and a GB/T 9704 draft is told where it differs from the template."""
    unit = {"sectpr": '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1701" w:right="1474" w:bottom="1417" '
                      'w:left="1588" w:header="851" w:footer="992" w:gutter="0"/>',
            "normal_ppr": '<w:spacing w:line="600" w:lineRule="exact"/>'}
    template = layout_docx(tmp_path / "unit.docx", unit)
    like = layout_docx(tmp_path / "like.docx", {**unit, "ppr": {
        "body": '<w:spacing w:line="600" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/>'}})
    assert fm(like, template) == []
    gb = layout_docx(tmp_path / "gb.docx")
    said = {f.rule: f.message for f in fm(gb, template)}
    assert set(said) == {"FM01", "FM02"}
    assert "本单位模板“unit.docx”" in said["FM01"] and "上 30" in said["FM01"]


def test_a_scaffold_in_a_unit_template_passes_against_it(tmp_path):
    """`new --template` and `lint --template` hold the same line pitch: the template's fixed spacing."""
    import docx
    from docx.shared import Mm, Pt

    d = docx.Document()
    s = d.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(30), Mm(28), Mm(28), Mm(26)
    d.styles["Normal"].paragraph_format.line_spacing = Pt(30)
    d.add_paragraph("（此处为正文）")
    template = tmp_path / "unit.docx"
    d.save(str(template))
    out = tmp_path / "new.docx"
    r = run_cli("new", "--region", "秦州区", "--year", "2026", "--template", str(template), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert fm(out, template) == []
    assert {f.rule for f in fm(out)} == {"FM01", "FM02"}  # against the standard: the unit's page and pitch


# ----------------------------------------------------------------------------- the fix

def test_the_fix_corrects_the_layout_and_leaves_the_text(tmp_path):
    src = layout_docx(tmp_path / "草稿.docx", FAULTY)
    before = src.read_bytes()
    found = {f.rule for f in fm(src)}
    assert found >= {"FM01", "FM02", "FM03", "FM04", "FM05", "FM07", "FM08", "FM10"}
    out = tmp_path / "修正" / "草稿.版式.docx"
    out.parent.mkdir()
    fix_layout(read_report(src), out)
    assert src.read_bytes() == before  # the input is only read
    assert body_text(out) == body_text(src)
    original, fixed = read_report(src), read_report(out)
    body = [p.text for p in original.paragraphs if not p.furniture]
    assert [p.text for p in fixed.paragraphs if not p.furniture] == body
    assert fm(out) == []


def test_the_fix_keeps_other_footer_text_and_headers(tmp_path):
    footer = ('<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>某县人民政府办公室</w:t></w:r></w:p>'
              '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r>'
              '</w:fldSimple></w:p>')
    src = layout_docx(tmp_path / "d.docx", {"footer": footer, "even_odd": False})
    assert [f.rule for f in fm(src)] == ["FM09"]
    out = tmp_path / "d.版式.docx"
    fix_layout(read_report(src), out)
    assert fm(out) == []
    footers = [p.text for p in read_report(out).paragraphs if p.style == "页脚"]
    assert "某县人民政府办公室" in footers and "— 1 —" in footers


def test_the_fix_never_overwrites_without_force(tmp_path):
    from writer.errors import InputError

    src = layout_docx(tmp_path / "d.docx", FAULTY)
    out = tmp_path / "d.版式.docx"
    out.write_bytes(b"mine")
    with pytest.raises(InputError):
        fix_layout(read_report(src), out)
    assert out.read_bytes() == b"mine"
    fix_layout(read_report(src), out, force=True)
    assert fm(out) == []
    with pytest.raises(InputError):
        fix_layout(read_report(src), src, force=True)  # never the input, even with --force


def test_fix_layout_on_the_command_line(tmp_path):
    src = layout_docx(tmp_path / "草稿.docx", FAULTY)
    note = tmp_path / "说明.txt"
    note.write_text("某县人民政府关于2024年法治政府建设情况的报告\n" + "依法行政。" * 80, encoding="utf-8")
    r = run_cli("lint", str(src), str(note), "--fix-layout", str(tmp_path / "修正"), "--format", "json")
    data = json.loads(r.stdout)
    fixed = tmp_path / "修正" / "草稿.版式.docx"
    assert data["files"][0]["fixed"] == str(fixed) and fixed.exists()
    assert "fixed" not in data["files"][1] and "没有版式可修正" in r.stderr
    assert not (tmp_path / "修正" / "说明.版式.docx").exists()
    again = run_cli("lint", str(src), "--fix-layout", str(tmp_path / "修正"))
    assert again.returncode == 2 and "--force" in again.stderr
    clean = run_cli("lint", str(fixed), "--select", "FM")
    assert clean.returncode == 0 and "未发现问题" in clean.stdout
    # a folder linted later does not take the fixed copies for drafts
    listed = run_cli("lint", str(tmp_path / "修正"), "--select", "FM")
    assert listed.returncode == 2 and "没有报告文件" in listed.stderr


def test_template_on_the_command_line_and_in_the_project_file(tmp_path):
    unit = {"sectpr": '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1701" w:right="1474" w:bottom="1417" '
                      'w:left="1588" w:header="851" w:footer="992" w:gutter="0"/>'}
    layout_docx(tmp_path / "单位模板.docx", unit)
    layout_docx(tmp_path / "草稿.docx", unit)
    assert "FM01" in run_cli("lint", "草稿.docx", "--select", "FM", cwd=tmp_path).stdout
    assert "未发现问题" in run_cli("lint", "草稿.docx", "--select", "FM", "--template", "单位模板.docx",
                                  cwd=tmp_path).stdout
    (tmp_path / "fzwriter.toml").write_text('template = "单位模板.docx"\n', encoding="utf-8")
    assert "未发现问题" in run_cli("lint", "草稿.docx", "--select", "FM", cwd=tmp_path).stdout
    (tmp_path / "坏模板.docx").write_bytes(b"not a zip")
    bad = run_cli("lint", "草稿.docx", "--template", "坏模板.docx", cwd=tmp_path)
    assert bad.returncode == 2 and "坏模板.docx" in bad.stderr and "Traceback" not in bad.stderr


def test_annotate_puts_layout_comments_on_the_title_and_the_paragraph(tmp_path):
    src = layout_docx(tmp_path / "d.docx", {"footer": "none", "ppr": {"date": '<w:jc w:val="center"/>'}})
    r = run_cli("lint", str(src), "--select", "FM", "--annotate", str(tmp_path / "批注"))
    assert r.returncode == 0, r.stderr
    comments = read_comments(tmp_path / "批注" / "d.审阅.docx").values()
    where = {c["text"].split(" ", 1)[0]: c["anchored"] for c in comments}
    assert where["FM08"] == "某县人民政府关于2024年法治政府建设情况的报告"  # the whole draft: on its title
    assert where["FM10"] == "2025年1月20日"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_scaffold_saved_again_by_libreoffice_is_still_clean(tmp_path):
    out = tmp_path / "new.docx"
    assert run_cli("new", "--region", "秦州区", "--year", "2026", "-o", str(out)).returncode == 0
    lo = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", "--convert-to", "docx", "--outdir", str(lo), str(out)],
                   capture_output=True, timeout=180, check=True)
    again = lo / "new.docx"
    assert W_NS in zipfile.ZipFile(again).read("word/document.xml").decode("utf-8")
    assert fm(again) == []
