"""Regenerate examples/: python examples/make_examples.py (fzwriter installed; LibreOffice and
poppler-utils for the PNG pictures, rendered with the stand-in fonts of examples/fonts.conf)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01: the same bytes on every run


def fz(*args: str) -> subprocess.CompletedProcess:
    r = subprocess.run([sys.executable, "-m", "writer", *args], cwd=HERE, capture_output=True, text=True,
                       encoding="utf-8")
    print(f"$ fzwriter {' '.join(args)}\n{r.stdout}{r.stderr}", end="")
    return r


def first_page_png(docx: Path, png: Path) -> None:
    if not (shutil.which("soffice") and shutil.which("pdftoppm")):
        print(f"(no LibreOffice/pdftoppm here: {png.name} not rendered)")
        return
    env = dict(os.environ, FONTCONFIG_FILE=str(HERE / "fonts.conf"))
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(docx)],
                       env=env, capture_output=True, check=True, timeout=300)
        pdf = Path(tmp) / (docx.stem + ".pdf")
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(png.with_suffix(""))], env=env, check=True)


def unit_template(path: Path) -> None:
    """A unit's own Word template as most are: saved from Word, so it carries Word's “Title” and
    heading styles (blue, theme fonts) that fzwriter must not use for the report; a red letterhead,
    its own header text, its body typeface and a placeholder where the text goes."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Mm, Pt, RGBColor

    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    normal = d.styles["Normal"]
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋")
    pf = normal.paragraph_format
    pf.first_line_indent, pf.line_spacing, pf.space_after = Pt(0), Pt(28), Pt(0)
    sec.header.is_linked_to_previous = False
    sec.header.paragraphs[0].text = "清远市司法局  内部资料  注意保存"
    head = d.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run("清远市司法局")
    run.font.size, run.font.bold, run.font.color.rgb = Pt(36), True, RGBColor(0xCC, 0, 0)
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "方正小标宋简体")
    # the red line under the letterhead
    head._p.get_or_add_pPr().append(parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="18" w:space="8" w:color="CC0000"/></w:pBdr>'))
    d.add_paragraph("")
    d.add_paragraph("（此处为正文）")
    import io

    from writer.docxout import _now, rezip

    buf = io.BytesIO()
    d.save(buf)
    path.write_bytes(rezip(buf.getvalue(), when=_now()))


def main() -> None:
    scaffold = HERE / "秦州区2025年法治政府建设年度报告.docx"
    fz("new", "--region", "秦州区", "--year", "2025", "-o", scaffold.name, "--force")
    first_page_png(scaffold, HERE / "秦州区2025-第1页.png")
    lint = fz("lint", scaffold.name)
    (HERE / "秦州区2025年法治政府建设年度报告.lint.txt").write_text(lint.stdout, encoding="utf-8")

    # a draft with problems (written in the template's tagged lines, laid out by the same docx writer)
    from writer.compose import parse
    from writer.docxout import build

    blocks = parse((HERE / "草稿-有问题.txt").read_text(encoding="utf-8"))
    draft = HERE / "草稿-有问题.docx"
    draft.write_bytes(build(blocks, {"title": blocks[0].text, "year": 2025, "author": "示例"}))
    lint = fz("lint", draft.name)
    (HERE / "草稿-有问题.lint.txt").write_text(lint.stdout, encoding="utf-8")

    # template handoff
    template = HERE / "单位模板.docx"
    unit_template(template)
    out = HERE / "清远市司法局2022年法治政府建设年度报告（单位模板）.docx"
    fz("new", "--region", "清远市司法局", "--year", "2022", "--template", template.name, "-o", out.name, "--force")
    first_page_png(out, HERE / "清远市司法局2022-单位模板-第1页.png")


if __name__ == "__main__":
    main()
