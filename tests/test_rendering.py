"""GB/T 9704 measured on LibreOffice's rendering (skipped where LibreOffice/poppler are missing):
28 characters a line, 22 lines a page, a 2号 centred title broken at a word boundary, indented body,
and the sign-off of 7.3.5.2 — also inside a template with a Word “Title” style."""

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from helpers import ROOT
from writer.compose import Block
from writer.docxout import build
from writer.scaffold import scaffold

pytestmark = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                                reason="LibreOffice or poppler-utils is not installed here")

FONTS = ROOT / "examples" / "fonts.conf"  # stand-ins for 仿宋_GB2312 & co., as the example pictures use
PT_PER_MM = 72 / 25.4


def words(pdf: Path, page: int = 1) -> list[tuple[float, float, float, float, str]]:
    """(xMin, yMin, xMax, yMax, text) of each word pdftotext finds on `page`."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return [(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in
            re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)]


def lines(pdf: Path, page: int = 1) -> list[str]:
    text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return [ln for ln in text.splitlines() if ln.strip()]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("render")
    long = "我" * 200
    blocks = [Block(kind="title", text="天水市秦州区人民政府关于2025年法治政府建设情况的报告"),
              Block(kind="addressee", text="市委、市政府："), Block(kind="body", text=long),
              Block(kind="body", text="特此报告。"), Block(kind="blank", text=""),
              Block(kind="issuer", text="天水市秦州区人民政府"), Block(kind="date", text="2026年1月13日")]
    (folder / "grid.docx").write_bytes(build(blocks, {"title": "t", "year": 2025}))
    pages = [Block(kind="body", text="我" * 27)] * 30  # one line each: 22 to the page
    (folder / "pages.docx").write_bytes(build(pages, {"title": "t", "year": 2025}))
    docx.Document().save(str(folder / "title-style.docx"))
    scaffold("秦州区", 2025, template=folder / "title-style.docx", output=folder / "scaffold.docx")
    env = {"FONTCONFIG_FILE": str(FONTS), "HOME": str(folder), "PATH": "/usr/bin:/bin"}
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                    *(str(folder / n) for n in ("grid.docx", "pages.docx", "scaffold.docx"))],
                   env=env, capture_output=True, timeout=300, check=True)
    return folder


def test_28_characters_a_line(rendered):
    body = [ln for ln in lines(rendered / "grid.pdf") if set(ln) == {"我"}]
    assert len(body) >= 6
    assert len(body[0]) == 26  # the first line: two characters of indent
    assert all(len(ln) == 28 for ln in body[1:-1]), [len(ln) for ln in body]


def test_22_lines_a_page(rendered):
    assert len([ln for ln in lines(rendered / "pages.pdf") if ln.startswith("我")]) == 22


def test_title_is_2hao_centred_and_broken_at_a_word(rendered):
    ws = words(rendered / "grid.pdf")
    title = [w for w in ws if w[1] < ws[0][1] + 40]  # the first two lines
    first_line = [w for w in title if abs(w[1] - title[0][1]) < 3]
    assert "".join(w[4] for w in first_line) == "天水市秦州区人民政府关于"  # not …人民 / 政府…
    assert "".join(w[4] for w in title if w not in first_line) == "2025年法治政府建设情况的报告"
    heights = {round(w[3] - w[1]) for w in title}
    body = next(w for w in ws if w[4].startswith("我"))
    assert min(heights) / (body[3] - body[1]) == pytest.approx(22 / 16, rel=0.1)
    left, right = 28 * PT_PER_MM, (210 - 26) * PT_PER_MM
    first = [w for w in title if abs(w[1] - title[0][1]) < 3]
    centre = (min(w[0] for w in first) + max(w[2] for w in first)) / 2
    assert centre == pytest.approx((left + right) / 2, abs=4)


def test_signoff_follows_gbt9704_on_the_page(rendered):
    ws = words(rendered / "grid.pdf")
    issuer = next(w for w in ws if w[4] == "天水市秦州区人民政府")
    date = next(w for w in ws if w[4].startswith("2026"))
    char = 16  # pt: one 3号 character
    right = (210 - 26) * PT_PER_MM
    assert right - issuer[2] == pytest.approx(2 * char, abs=4)  # 右空二字
    assert date[0] - issuer[0] == pytest.approx(2 * char, abs=4)  # 首字比署名首字右移二字
    assert date[1] - issuer[1] == pytest.approx(28.95, abs=2)  # on the next line


def test_title_style_template_renders_the_reports_title_and_body(rendered):
    ws = words(rendered / "scaffold.pdf")
    top = min(w[1] for w in ws)
    title = [w for w in ws if w[1] < top + 40]
    assert "".join(w[4] for w in title).startswith("天水市秦州区人民政府关于")
    body = next(w for w in ws if w[4].startswith("2025") and w[1] > top + 60)  # the opening paragraph
    assert min(w[3] - w[1] for w in title) / (body[3] - body[1]) == pytest.approx(22 / 16, rel=0.1)
    # the template's page setup is kept (python-docx's: Letter, 1.25-inch side margins); the title is
    # centred in its text block
    sec = docx.Document(str(rendered / "title-style.docx")).sections[0]
    left, right = sec.left_margin.pt, sec.page_width.pt - sec.right_margin.pt
    first = [w for w in title if abs(w[1] - title[0][1]) < 3]
    centre = (min(w[0] for w in first) + max(w[2] for w in first)) / 2
    assert centre == pytest.approx((left + right) / 2, abs=4)
    # the body's first line indented two characters from the left margin
    assert body[0] - left == pytest.approx(2 * 16, abs=3)
    below = [w for w in ws if body[1] + 20 < w[1] < body[1] + 40]
    assert below and min(w[0] for w in below) == pytest.approx(left, abs=3)  # continuation lines flush
    assert below[0][1] - body[1] == pytest.approx(28.95, abs=2)  # the fixed line spacing
