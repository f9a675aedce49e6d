"""Layout benchmark: fzwriter's FM rules and gongwen-skill's `check` on the same .docx files.

    python benchmarks/bench_layout.py                       # build the files, lint them, print the tables
    python benchmarks/bench_layout.py --gongwen /tmp/gongwen-skill   # also run gongwen-skill's check (a checkout)
    python benchmarks/bench_layout.py --keep DIR --details  # keep the files; list every finding that counts
    python benchmarks/bench_layout.py --readme              # put the tables into README.md

Correct files, which must give no layout finding: fzwriter's own scaffolds (`fzwriter new`, plain,
and written into three unit templates built here — linted with `--template` of that template); the
development corpus's twelve clean .docx renderings; and every one of these again after a round trip
through LibreOffice (soffice --headless --convert-to docx), which rewrites styles, the grid's
charSpace, footers and fields in its own way.

Planted defects: each is one layout fault of the kind reviewers send drafts back for, made in a
copy of a development-corpus rendering whose page numbers were first put as GB/T 9704 wants them
(odd right, even left, by fzwriter's own docx writer) so that the copy is clean before the fault.
A defect is found when a finding of its rule (FM…, or WD05 for a 成文日期 in Chinese numerals) appears
in the copy with the expected words; other layout findings in the copy are counted too.

gongwen-skill (`python -m gongwen check FILE -t report --json`, run from its own checkout, never
part of this project) is scored the same way on the same files: on a correct file every format
issue it reports is counted; a planted defect counts as found when it reports, in the defect's
category (its check names: 边距, 行距, 正文字体 …), an issue it did not report on the clean base.

Speed: `fzwriter lint` of a ~20-page GB/T 9704 .docx with and without the layout rules
(`--ignore FM`), run in turn, CPU time of each process (user + sys), the ratio pair by pair.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEV = ROOT / "tests" / "corpus" / "dev"
OUT_JSON = ROOT / "benchmarks" / "layout.json"


@dataclass
class Case:
    name: str
    path: Path
    kind: str  # scaffold, template, corpus (+ "-lo" after LibreOffice) or planted
    template: Path | None = None
    base: Path | None = None  # planted: the clean file it was made from
    rule: str | None = None  # planted: the rule that must find it
    words: str = ""  # planted: in the finding's message
    category: str = ""  # planted: gongwen-skill's check names for this kind of fault
    fz: list[dict] = field(default_factory=list)
    gw: list[dict] | None = None


# ----------------------------------------------------------------------------- the correct files

def _dev_module():
    spec = importlib.util.spec_from_file_location("devbuild", DEV / "build.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def dev_renderings(out: Path) -> list[Case]:
    mod = _dev_module()
    cases = []
    for r in mod.load_corpus()["reports"]:
        path = out / f"{r['_stem']}.docx"
        mod.build_docx(r["_text"], r, path, seed=r["_stem"])
        cases.append(Case(r["_stem"], path, "corpus"))
    return cases


def _letterhead(doc, lines: list[tuple[str, float]], table: bool = False) -> None:
    """A unit's 红头 at the top of `doc`: red lines (text, size), a red rule, a placeholder."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Pt, RGBColor

    def red(p, text, size):
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        run.font.size, run.font.color.rgb = Pt(size), RGBColor(0xE6, 0, 0)
        run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "方正小标宋简体")

    if table:  # the 发文机关标志 of a joint or a WPS-made template: a table of one row
        t = doc.add_table(rows=1, cols=2)
        red(t.cell(0, 0).paragraphs[0], lines[0][0], lines[0][1])
        red(t.cell(0, 1).paragraphs[0], "文件", lines[0][1])
        lines = lines[1:]
    for text, size in lines:
        red(doc.add_paragraph(), text, size)
    rule = doc.add_paragraph()
    rule._p.get_or_add_pPr().append(parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="24" w:space="1" w:color="E60000"/></w:pBdr>'))
    doc.add_paragraph("（此处为正文）")


def unit_templates(out: Path) -> list[tuple[str, Path]]:
    """Three unit templates as units make them: (1) a 红头 template in GB/T 9704 page setup with page
    numbers; (2) a unit's own page setup (30/28 mm top/bottom, 30-point lines, 方正仿宋_GBK) and centred
    page numbers; (3) a WPS-made one: Normal left at 宋体 五号, the letterhead in a table, a page header,
    page numbers in a frame on the outside edge."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Mm, Pt

    from writer.docxout import number_footer, set_fonts

    made = []
    # 1
    d = docx.Document()
    s = d.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    normal = d.styles["Normal"]
    set_fonts(normal.element, "仿宋_GB2312")
    normal.font.size = Pt(16)
    normal.paragraph_format.line_spacing, normal.paragraph_format.space_after = Pt(28.95), Pt(0)
    _letterhead(d, [("郸城县人民政府文件", 26), ("郸政发〔2026〕1号", 16)])
    d.settings.odd_and_even_pages_header_footer = True
    number_footer(s.footer, "right")
    number_footer(s.even_page_footer, "left")
    made.append(("红头文件式", d))
    # 2
    d = docx.Document()
    s = d.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(30), Mm(28), Mm(28), Mm(26)
    normal = d.styles["Normal"]
    set_fonts(normal.element, "方正仿宋_GBK")
    normal.font.size = Pt(16)
    normal.paragraph_format.line_spacing, normal.paragraph_format.space_after = Pt(30), Pt(0)
    set_fonts(d.styles["Heading 1"].element, "方正黑体_GBK")
    _letterhead(d, [("清远市司法局", 36)])
    number_footer(s.footer, "center")
    made.append(("自有版心", d))
    # 3
    d = docx.Document()
    s = d.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    normal = d.styles["Normal"]
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    normal.font.size = Pt(10.5)
    grid = s._sectPr.find(qn("w:docGrid"))
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), "579")
    s.header.is_linked_to_previous = False
    s.header.paragraphs[0].text = "临洮县教育局"
    _letterhead(d, [("临洮县教育局", 30)], table=True)
    number_footer(s.footer, "right")
    frame = parse_xml(f'<w:framePr {nsdecls("w")} w:wrap="around" w:vAnchor="text" w:hAnchor="margin" '
                      f'w:xAlign="outside" w:y="1"/>')
    s.footer.paragraphs[0]._p.get_or_add_pPr().insert(0, frame)
    made.append(("WPS样式", d))
    paths = []
    for name, doc in made:
        path = out / f"单位模板-{name}.docx"
        doc.save(str(path))
        paths.append((name, path))
    return paths


def scaffolds(out: Path, templates: list[tuple[str, Path]]) -> list[Case]:
    from writer.scaffold import scaffold

    cases = []
    for region, year in (("秦州区", 2026), ("清远市司法局", 2026), ("盐城市大丰区", 2025)):
        path = out / f"新稿-{region}{year}.docx"
        scaffold(region, year, output=path, force=True)
        cases.append(Case(path.stem, path, "scaffold"))
    for (name, tpl), (region, year) in zip(templates, (("郸城县", 2026), ("清远市司法局", 2026), ("临洮县教育局", 2026))):
        path = out / f"新稿-{name}-{region}{year}.docx"
        scaffold(region, year, template=tpl, output=path, force=True)
        cases.append(Case(path.stem, path, "template", template=tpl))
    return cases


def round_trip(cases: list[Case], out: Path) -> list[Case]:
    """The same files saved again by LibreOffice (one start for all of them)."""
    if not shutil.which("soffice"):
        print("(LibreOffice not installed: no round-tripped files)", file=sys.stderr)
        return []
    folder = out / "libreoffice"
    folder.mkdir(exist_ok=True)
    subprocess.run(["soffice", "--headless", "--convert-to", "docx", "--outdir", str(folder),
                    *[str(c.path) for c in cases]], capture_output=True, timeout=900, check=False)
    back = []
    for c in cases:
        p = folder / c.path.name
        if p.exists():
            back.append(Case(c.name + "（LibreOffice）", p, c.kind + "-lo", template=c.template))
        else:
            print(f"(LibreOffice did not convert {c.path.name})", file=sys.stderr)
    return back


# ------------------------------------------------------------------------------ planted defects

def gb_page_numbers(src: Path, dst: Path) -> None:
    """`src` with page numbers as GB/T 9704 wants them, written by fzwriter's docx writer."""
    import docx

    from writer.docxout import number_footer

    doc = docx.Document(str(src))
    doc.settings.odd_and_even_pages_header_footer = True
    number_footer(doc.sections[0].footer, "right")
    number_footer(doc.sections[0].even_page_footer, "left")
    doc.save(str(dst))


def _roles(path: Path):
    """python-docx Document of `path` and its paragraphs by the role fzwriter gives them."""
    import docx

    from writer.annotate import paragraphs
    from writer.layout import _roles as roles_of
    from writer.reader import read_report

    report = read_report(path)
    doc = docx.Document(str(path))
    mapped = paragraphs(doc.element.body, report)
    roles = roles_of(report)
    by: dict[str, list] = {}
    for p in report.paragraphs:
        role = roles.get(p.index)
        walked = mapped[p.index - 1]
        if role and walked is not None:
            if role.startswith("h") and p.runin:
                role += "-runin"
            by.setdefault(role, []).append(walked.element)
    return doc, by


def _runs(p):
    from docx.oxml.ns import qn
    from docx.text.run import Run

    return [Run(r, None) for r in p.iter(qn("w:r"))]


def _font(p, name=None, size=None, color=None, spacing=None, bold=None):
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    from writer.docxout import _set_child, set_fonts

    for run in _runs(p):
        if name:
            set_fonts(run._r, name)
        if size:
            run.font.size = Pt(size)
        if color:
            run.font.color.rgb = RGBColor.from_string(color)
        if bold is not None:
            run.font.bold = bold
        if spacing is not None:
            _set_child(run._r.get_or_add_rPr(), "w:spacing", spacing)
    del qn


def _pf(p):
    from docx.text.paragraph import Paragraph

    return Paragraph(p, None).paragraph_format


def _normal(doc):
    return doc.styles["Normal"]


def _section(doc, **mm):
    from docx.shared import Mm

    s = doc.sections[0]
    for k, v in mm.items():
        setattr(s, k, Mm(v))


def _spacing(doc, rule=None, pt=None, multiple=None, after=None):
    """The body's line spacing (Normal style and every body paragraph)."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    targets = [_normal(doc).paragraph_format]
    for pf in targets:
        if pt is not None:
            pf.line_spacing = Pt(pt)
            pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        elif multiple is not None:
            pf.line_spacing = multiple
        if after is not None:
            pf.space_after = Pt(after)


def _footer(doc, align="right", text=None, even_odd=False, font="宋体", size=14, dashes=True):
    from docx.shared import Pt

    from writer.docxout import number_footer

    doc.settings.odd_and_even_pages_header_footer = even_odd
    s = doc.sections[0]
    number_footer(s.footer, align, font=font, size=size, dashes=dashes)
    if text is not None:  # 第 X 页: the words around the field
        p = s.footer.paragraphs[0]
        first = p.runs[0]._r
        before = p.add_run(text[0])
        first.addprevious(before._r)
        p.add_run(text[1])
        for r in (p.runs[0], p.runs[-1]):
            r.font.size = Pt(size)
    if even_odd:
        s.even_page_footer.is_linked_to_previous = False
        for para in s.even_page_footer.paragraphs:
            for r in list(para.runs):
                r._r.getparent().remove(r._r)


def _no_footer(doc):
    doc.settings.odd_and_even_pages_header_footer = False
    s = doc.sections[0]
    s.footer.is_linked_to_previous = True
    s.even_page_footer.is_linked_to_previous = True


def _heading_style_as_word_made_it(doc, by):
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    st = doc.styles["Heading 1"]
    rpr = st.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for a in list(fonts.attrib):
        del fonts.attrib[a]
    fonts.set(qn("w:asciiTheme"), "majorHAnsi")
    fonts.set(qn("w:eastAsiaTheme"), "majorEastAsia")
    fonts.set(qn("w:hAnsiTheme"), "majorHAnsi")
    st.font.size = Pt(16)
    st.font.color.rgb = RGBColor.from_string("2F5496")
    st.font.bold = True


def _cn_date(text: str) -> str:
    digits = "〇一二三四五六七八九"

    def small(n: int) -> str:
        return ("十" if n == 10 else f"十{digits[n - 10]}" if n < 20 else
                f"{digits[n // 10]}十{digits[n % 10] if n % 10 else ''}") if n >= 10 else digits[n]
    m = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text.strip())
    return f"{''.join(digits[int(c)] for c in m.group(1))}年{small(int(m.group(2)))}月{small(int(m.group(3)))}日"


def _date_in_chinese(doc, by):
    p = by["date"][0]
    runs = _runs(p)
    text = "".join(r.text for r in runs)
    runs[0].text = _cn_date(text)
    for r in runs[1:]:
        r.text = ""


# (name, rule, words in the message, gongwen-skill category, needs, change(doc, by))
DEFECTS = [
    ("Word 默认页边距（上下 25.4、左右 31.8 毫米）", "FM01", "页边距", "page", None,
     lambda doc, by: _section(doc, top_margin=25.4, bottom_margin=25.4, left_margin=31.8, right_margin=31.8)),
    ("上边距 30 毫米", "FM01", "上 30", "page", None, lambda doc, by: _section(doc, top_margin=30)),
    ("Letter 纸", "FM01", "纸张", "page", None, lambda doc, by: _section(doc, page_width=215.9, page_height=279.4)),
    ("纸张横向", "FM01", "横向", "page", None, lambda doc, by: _section(doc, page_width=297, page_height=210)),
    ("WPS 默认左右边距 31.8 毫米", "FM01", "左 31.8", "page", None,
     lambda doc, by: _section(doc, left_margin=31.8, right_margin=31.8)),
    ("装订线 10 毫米", "FM01", "装订线", "page", None, lambda doc, by: _section(doc, gutter=10)),
    ("单倍行距", "FM02", "单倍行距", "pitch", None, lambda doc, by: _spacing(doc, multiple=1.0)),
    ("1.5 倍行距", "FM02", "1.5倍行距", "pitch", None, lambda doc, by: _spacing(doc, multiple=1.5)),
    ("固定值 20 磅", "FM02", "固定值20磅", "pitch", None, lambda doc, by: _spacing(doc, pt=20)),
    ("固定值 36 磅", "FM02", "固定值36磅", "pitch", None, lambda doc, by: _spacing(doc, pt=36)),
    ("Word 2013 默认：1.15 倍行距、段后 10 磅", "FM02", "1.15倍行距", "pitch", None,
     lambda doc, by: _spacing(doc, multiple=1.15, after=10)),
    ("字符间距加宽 1 磅", "FM02", "每行", "chars", None,
     lambda doc, by: [_font(p, spacing=20) for p in by["body"]]),
    ("文档网格每行 40 字", "FM02", "每行", "chars", None, lambda doc, by: _char_grid(doc, 40)),
    ("正文宋体小四", "FM04", "宋体", "body", None,
     lambda doc, by: [_font(p, "宋体", 12) for p in by["body"]]),
    ("只给西文设置字体（中文落到主题字体）", "FM04", "只给西文设置了", "body", None, lambda doc, by: _latin_only(doc)),
    ("正文宋体三号", "FM04", "宋体", "body", None, lambda doc, by: [_font(p, "宋体") for p in by["body"]]),
    ("正文四号", "FM04", "四号", "body", None, lambda doc, by: [_font(p, size=14) for p in by["body"]]),
    ("一段粘贴来的微软雅黑", "FM04", "微软雅黑", "body", None, lambda doc, by: _font(by["body"][2], "微软雅黑")),
    ("正文楷体", "FM04", "楷体", "body", None, lambda doc, by: [_font(p, "楷体_GB2312") for p in by["body"]]),
    ("标题三号", "FM03", "三号", "title", None, lambda doc, by: [_font(p, size=16) for p in by["title"]]),
    ("标题宋体加粗", "FM03", "宋体", "title", None,
     lambda doc, by: [_font(p, "宋体", bold=True) for p in by["title"]]),
    ("标题华文中宋", "FM03", "华文中宋", "title", None, lambda doc, by: [_font(p, "华文中宋") for p in by["title"]]),
    ("标题居左", "FM03", "居左", "title", None, lambda doc, by: [_align(p, "left") for p in by["title"]]),
    ("一级标题用正文字体", "FM05", "一级标题", "headings", "h1",
     lambda doc, by: _heading_font(doc, by, "h1", "仿宋_GB2312")),
    ("二级标题用黑体", "FM05", "二级标题", "headings", "h2",
     lambda doc, by: _heading_font(doc, by, "h2", "黑体")),
    ("二级标题（段首）用仿宋", "FM05", "二级标题", "headings", "h2-runin",
     lambda doc, by: [_lead_font(p, "仿宋_GB2312") for p in by["h2-runin"]]),
    ("一级标题二号", "FM05", "二号", "headings", "h1", lambda doc, by: _heading_font(doc, by, "h1", None, 22)),
    ("Word 的“标题 1”样式原样（主题字体、16 磅、蓝色）", "FM05", "一级标题", "headings", "styled",
     _heading_style_as_word_made_it),
    ("正文无首行缩进", "FM06", "没有首行缩进", "indent", None,
     lambda doc, by: [_indent(p, 0, 0) for p in by["body"]]),
    ("正文整段左缩进 2 字", "FM06", "回行不顶格", "indent", None,
     lambda doc, by: [_indent(p, 0, 32) for p in by["body"]]),
    ("一级标题蓝色", "FM07", "蓝色", "color", "h1", lambda doc, by: [_font(p, color="0070C0") for p in by["h1"]]),
    ("正文一句红字", "FM07", "红色", "color", None, lambda doc, by: _font(by["body"][1], color="FF0000")),
    ("没有页码", "FM08", "没有页码", "pagenum", None, lambda doc, by: _no_footer(doc)),
    ("奇偶页不同、双页无页码", "FM08", "双页", "pagenum", None, lambda doc, by: _footer(doc, "right", even_odd=True)),
    ("页码居中", "FM09", "居中", "pagenum", None, lambda doc, by: _footer(doc, "center")),
    ("页码无一字线", "FM09", "一字线", "pagenum", None, lambda doc, by: _footer(doc, "right", dashes=False)),
    ("页码写作“第 1 页”", "FM09", "第1页", "pagenum", None,
     lambda doc, by: _footer(doc, "right", text=("第", "页"), dashes=False)),
    ("页码仿宋三号", "FM09", "三号", "pagenum", None, lambda doc, by: _footer(doc, "right", font="仿宋_GB2312", size=16)),
    ("主送机关缩进 2 字", "FM10", "主送机关", "frame", None, lambda doc, by: [_indent(p, 32, 0) for p in by["addressee"]]),
    ("落款署名居左", "FM10", "署名居左", "frame", None,
     lambda doc, by: [_align(p, "left", right=0) for p in by["signoff"]]),
    ("成文日期居中", "FM10", "成文日期居中", "frame", None,
     lambda doc, by: [_align(p, "center", right=0) for p in by["date"]]),
    ("成文日期用汉字数字", "WD05", "GB/T 9704", "date", None, _date_in_chinese),
]


def _char_grid(doc, chars: int) -> None:
    from docx.oxml.ns import qn

    sect = doc.sections[0]._sectPr
    grid = sect.find(qn("w:docGrid"))
    grid.set(qn("w:type"), "linesAndChars")
    size = _normal(doc).font.size.pt
    width = 156 * 72 / 25.4
    grid.set(qn("w:charSpace"), str(round((width / chars - size) * 4096)))


def _latin_only(doc) -> None:
    """Normal names 仿宋_GB2312 for Latin text only: Chinese falls to the theme's font."""
    from docx.oxml.ns import qn

    fonts = _normal(doc).element.get_or_add_rPr().get_or_add_rFonts()
    fonts.attrib.pop(qn("w:eastAsia"), None)


def _align(p, how, right=None):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    pf = _pf(p)
    pf.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER}[how]
    if right is not None:
        pf.right_indent = Pt(right)


def _indent(p, first, left):
    from docx.shared import Pt

    pf = _pf(p)
    pf.first_line_indent, pf.left_indent = Pt(first), Pt(left)


def _heading_font(doc, by, role, font=None, size=None):
    """A heading level's font or size: on its paragraphs' runs and on the Heading style they use."""
    from docx.shared import Pt

    from writer.docxout import set_fonts

    for p in by.get(role, []):
        _font(p, font, size)
    style = doc.styles["Heading 1" if role == "h1" else "Heading 2"]
    if font:
        set_fonts(style.element, font)
    if size:
        style.font.size = Pt(size)


def _lead_font(p, font):
    """The lead sentence of a run-in heading (its first runs up to the full stop)."""
    from writer.docxout import set_fonts

    for run in _runs(p):
        set_fonts(run._r, font)
        if "。" in run.text:
            break


def planted(bases: list[Case], out: Path) -> tuple[list[Case], list[Path]]:
    folder = out / "planted"
    folder.mkdir(exist_ok=True)
    clean = []
    for b in bases:
        p = folder / f"{b.path.stem}-基准.docx"
        gb_page_numbers(b.path, p)
        clean.append(p)
    styled = [p for p in clean if _uses_heading_styles(p)]
    cases = []
    for k, (name, rule, words, category, needs, change) in enumerate(DEFECTS):
        pool = styled if needs == "styled" else clean
        for j in range(len(pool)):
            base = pool[(k + j) % len(pool)]
            doc, by = _roles(base)
            want = needs if needs not in (None, "styled") else None
            if want and not by.get(want):
                continue
            if needs is None and (len(by.get("body", [])) < 3 or not by.get("title") or not by.get("date")):
                continue
            change(doc, by)
            path = folder / f"{k + 1:02d}-{base.stem.removesuffix('-基准')}.docx"
            buf = io.BytesIO()
            doc.save(buf)
            path.write_bytes(buf.getvalue())
            cases.append(Case(f"{k + 1:02d} {name}", path, "planted", base=base, rule=rule, words=words,
                              category=category))
            break
    return cases, clean


def _uses_heading_styles(path: Path) -> bool:
    import zipfile

    return 'w:val="Heading1"' in zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")


# ------------------------------------------------------------------------------------ the tools

def lint(case: Case) -> list[dict]:
    from writer.engine import choose_rules, lint_paths

    [result] = lint_paths([str(case.path)], choose_rules(), template=case.template, jobs=1)
    if result.error:
        raise SystemExit(f"{case.path}: {result.error}")
    return [f.as_dict() for f in result.findings]


def layout_findings(findings: list[dict]) -> list[dict]:
    return [f for f in findings if f["rule"].startswith("FM")]


def gongwen(path: Path, checkout: Path) -> list[dict]:
    r = subprocess.run([sys.executable, "-m", "gongwen", "check", str(path), "-t", "report", "--json"],
                       cwd=checkout, capture_output=True, text=True, timeout=300, encoding="utf-8")
    try:
        issues = json.loads(r.stdout)
    except json.JSONDecodeError:
        return [{"rule_id": "CRASH", "name": "无法检查", "location": "", "original": r.stderr[-200:],
                 "check_type": "format"}]
    # its own summary rows repeat the issues they sum up
    return [i for i in issues if i.get("check_type") == "format" and not str(i.get("name", "")).endswith("（汇总）")]


GW_CATEGORY = {
    "page": ("边距", "纸张"),
    "pitch": ("行距",),
    "chars": ("字间距", "字符间距", "每行"),
    "body": ("正文字体", "正文字号"),
    "title": ("大标题字体", "大标题字号", "大标题居中"),
    "headings": ("级标题字体", "级标题字号"),
    "indent": ("缩进", "左空二字"),
    "color": ("颜色",),
    "pagenum": ("页码",),
    "frame": ("署名", "日期", "称呼", "主送", "落款"),
    "date": ("日期",),
}


def _crashed(issues: list[dict] | None) -> bool:
    return bool(issues) and issues[0].get("rule_id") == "CRASH"


def _gw_key(issue: dict) -> tuple:
    return issue.get("rule_id"), issue.get("location"), str(issue.get("original"))


def gw_found(case: Case, base_issues: list[dict]) -> bool:
    seen = {_gw_key(i) for i in base_issues}
    words = GW_CATEGORY[case.category]
    return any(_gw_key(i) not in seen and any(w in str(i.get("name", "")) for w in words) for i in case.gw or [])


def fz_found(case: Case) -> bool:
    return any(f["rule"] == case.rule and case.words in f["message"] for f in case.fz)


# ---------------------------------------------------------------------------------------- speed

def speed(out: Path, pairs: int) -> dict:
    """CPU seconds of `fzwriter lint` on a ~20-page GB/T 9704 .docx with and without FM, in turn."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bytecode import compile_package

    compile_package()  # as `pip install .` leaves it: no module compiled from source at each start
    mod = _dev_module()
    r = mod.load_corpus()["reports"][0]
    head, rest = r["_text"].split("\n", 1)
    lines = rest.strip().split("\n")
    body = lines[1:-3]
    text = "\n".join([head, lines[0]] + body * 6 + lines[-3:])
    path = out / "二十页.docx"
    mod.build_docx(text, r, path, seed="speed")
    gb_page_numbers(path, path)
    cmd = [sys.executable, "-m", "writer", "lint", str(path)]

    def cpu(args: list[str]) -> float:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(args, capture_output=True, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

    cpu(cmd)  # warm-up: bytecode, page cache, the checklists' cache
    cpu(cmd + ["--ignore", "FM"])
    with_fm, without, ratios = [], [], []
    for _ in range(pairs):
        a = cpu(cmd)
        b = cpu(cmd + ["--ignore", "FM"])
        with_fm.append(a)
        without.append(b)
        ratios.append(a / b)
    return {"chars": len(text), "pairs": pairs, "with_fm": statistics.median(with_fm),
            "without_fm": statistics.median(without), "ratio": statistics.median(ratios),
            "ratio_max": max(ratios)}


# ------------------------------------------------------------------------------------- the run

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gongwen", type=Path, help="a checkout of gongwen-skill to run its `check` from")
    ap.add_argument("--keep", type=Path, help="build the files in this folder and keep them")
    ap.add_argument("--details", action="store_true", help="list every finding that counts")
    ap.add_argument("--pairs", type=int, default=10, help="paired runs for the speed figure")
    ap.add_argument("--readme", action="store_true", help="write the tables into README.md between its markers")
    ap.add_argument("--json", type=Path, default=OUT_JSON)
    args = ap.parse_args()
    tmp = None
    if args.keep:
        out = args.keep
        out.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory()
        out = Path(tmp.name)
    started = time.perf_counter()
    corpus = dev_renderings(out)
    templates = unit_templates(out)
    own = scaffolds(out, templates)
    correct = own + corpus
    correct += round_trip(correct, out)
    defects, bases = planted(corpus, out)
    for c in correct + defects:
        c.fz = lint(c)
    base_fz = {b: layout_findings(lint(Case(b.stem, b, "base"))) for b in bases}
    unclean = {b: fs for b, fs in base_fz.items() if fs}
    if unclean:
        for b, fs in unclean.items():
            print(f"base not clean: {b.name}: {[f['rule'] + ' ' + f['message'] for f in fs]}", file=sys.stderr)
    base_gw = {}
    if args.gongwen:
        for c in correct + defects:
            c.gw = gongwen(c.path, args.gongwen)
        base_gw = {b: gongwen(b, args.gongwen) for b in bases}
    data = tables(correct, defects, base_gw, args.details)
    data["speed"] = speed(out, args.pairs)
    data["seconds"] = round(time.perf_counter() - started)
    text = render(data, bool(args.gongwen))
    print(text)
    args.json.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.readme:
        readme = ROOT / "README.md"
        body = readme.read_text(encoding="utf-8")
        body = re.sub(r"(<!-- layout:start -->\n)(.*?)(<!-- layout:end -->)", lambda m: m.group(1) + text + "\n" + m.group(3),
                      body, flags=re.S)
        readme.write_text(body, encoding="utf-8")
    if tmp is not None:
        tmp.cleanup()


GROUPS = [("scaffold", "fzwriter new 生成的初稿（国标版式）"), ("template", "fzwriter new 套用三种单位模板（按 --template 检查）"),
          ("corpus", "开发语料的 .docx（12 份）")]


def tables(correct: list[Case], defects: list[Case], base_gw: dict, details: bool) -> dict:
    rows = []
    for kind, label in GROUPS:
        for suffix, how in (("", ""), ("-lo", "，经 LibreOffice 另存")):
            cs = [c for c in correct if c.kind == kind + suffix]
            if not cs:
                continue
            fm = [f for c in cs for f in layout_findings(c.fz)]
            row = {"group": label + how, "files": len(cs),
                   "fz_files_flagged": sum(1 for c in cs if layout_findings(c.fz)),
                   "fz_warnings": sum(1 for f in fm if f["severity"] != "info"),
                   "fz_infos": sum(1 for f in fm if f["severity"] == "info")}
            if cs[0].gw is not None:
                crashed = [c for c in cs if _crashed(c.gw)]
                row["gw_unreadable"] = len(crashed)
                row["gw_files_flagged"] = sum(1 for c in cs if c.gw and not _crashed(c.gw))
                row["gw_issues"] = sum(len(c.gw) for c in cs if not _crashed(c.gw))
            rows.append(row)
            if details:
                for c in cs:
                    for f in layout_findings(c.fz):
                        print(f"CORRECT {c.name}: {f['rule']} {f['message'][:120]}", file=sys.stderr)
    planted_rows = []
    for c in defects:
        found = fz_found(c)
        extra = [f for f in layout_findings(c.fz) if f["rule"] != c.rule]
        row = {"defect": c.name, "rule": c.rule, "fz_found": found, "fz_other": len(extra)}
        if c.gw is not None:
            row["gw_found"] = gw_found(c, base_gw.get(c.base, []))
        planted_rows.append(row)
        if details and (not found or extra):
            shown = [f["rule"] + " " + f["message"][:80] for f in c.fz if f["rule"].startswith(("FM", "WD05"))]
            print(f"PLANTED {c.name}: found={found} {shown}", file=sys.stderr)
    return {"correct": rows, "planted": planted_rows}


def render(data: dict, with_gw: bool) -> str:
    out = ["正确的文件（应无任何版式问题）：", ""]
    head = "| 文件 | 份数 | fzwriter：报出版式问题的文件 | fzwriter：警告 / 提示 |"
    line = "|---|---:|---:|---:|"
    if with_gw:
        head += " gongwen-skill：报出问题的文件 | gongwen-skill：问题数 | gongwen-skill：无法检查 |"
        line += "---:|---:|---:|"
    out += [head, line]
    for r in data["correct"]:
        row = f"| {r['group']} | {r['files']} | {r['fz_files_flagged']} | {r['fz_warnings']} / {r['fz_infos']} |"
        if with_gw:
            row += f" {r.get('gw_files_flagged', '')} | {r.get('gw_issues', '')} | {r.get('gw_unreadable', '')} |"
        out.append(row)
    p = data["planted"]
    found = sum(1 for r in p if r["fz_found"])
    out += ["", f"植入的版式问题（{len(p)} 份，每份一处）：", ""]
    head = "| 植入的问题 | 应报规则 | fzwriter | fzwriter 其他版式问题 |"
    line = "|---|---|:---:|---:|"
    if with_gw:
        head += " gongwen-skill |"
        line += ":---:|"
    out += [head, line]
    for r in p:
        row = f"| {r['defect']} | {r['rule']} | {'找到' if r['fz_found'] else '漏报'} | {r['fz_other']} |"
        if with_gw:
            row += f" {'找到' if r.get('gw_found') else '漏报'} |"
        out.append(row)
    total = f"| 合计 | | {found}/{len(p)} | {sum(r['fz_other'] for r in p)} |"
    if with_gw:
        total += f" {sum(1 for r in p if r.get('gw_found'))}/{len(p)} |"
    out.append(total)
    s = data.get("speed")
    if s:
        out += ["", f"速度：约 20 页（{s['chars']} 字）的 .docx，`fzwriter lint` 含与不含版式规则（`--ignore FM`）"
                    f"交替各运行 {s['pairs']} 次，进程 CPU 时间中位数 {s['with_fm']:.2f} 秒对 {s['without_fm']:.2f} 秒，"
                    f"逐对之比的中位数 {s['ratio']:.2f}（最大 {s['ratio_max']:.2f}），即版式规则增加约 "
                    f"{(s['ratio'] - 1) * 100:.0f}%。"]
    return "\n".join(out)


if __name__ == "__main__":
    main()
