"""A long basedOn chain of styles is resolved in linear time (issue 24, point 5): a 100 KB .docx of
9,000 styles each based on the one before took over 300 s; the values inherited stay Word's."""

import hashlib
import zipfile

from docxfactory import CT, DOC_RELS, NUMBERING, RELS, W_NS, document, p
from helpers import run_cli

from writer.reader.docx import read_docx

CHAIN = 9000


def chain_docx(path, cycle: bool = False):
    head = '<w:style w:type="paragraph" w:styleId="S0"><w:name w:val="s0"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr>'
    head += '<w:basedOn w:val="S8999"/></w:style>' if cycle else "</w:style>"
    styles = [head] + [f'<w:style w:type="paragraph" w:styleId="S{i}"><w:name w:val="s{i}"/><w:basedOn w:val="S{i - 1}"/></w:style>'
                       for i in range(1, CHAIN)]
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W_NS}">'
           + "".join(styles) + "</w:styles>")
    body = "".join(p(f"（{i}）全年受理行政复议案件65件。", style=f"S{CHAIN - 1 - i % 50}") for i in range(300))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, part in (("[Content_Types].xml", CT), ("_rels/.rels", RELS), ("word/_rels/document.xml.rels", DOC_RELS),
                           ("word/styles.xml", xml), ("word/numbering.xml", NUMBERING), ("word/document.xml", document(body))):
            zf.writestr(name, part)
    return path


def test_a_chain_of_9000_styles_is_read_quickly_with_the_inherited_outline(tmp_path):
    path = chain_docx(tmp_path / "chain.docx")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    raw = read_docx(path)
    assert len(raw) == 300 and all(r.outline == 2 for r in raw)  # outlineLvl 1 at the chain's root
    r = run_cli("lint", str(path), "--format", "json", cwd=tmp_path, timeout=60)
    assert r.returncode in (0, 1) and "Traceback" not in r.stderr, r.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_cycle_of_styles_ends(tmp_path):
    path = chain_docx(tmp_path / "cycle.docx", cycle=True)
    raw = read_docx(path)
    assert len(raw) == 300 and all(r.outline == 2 for r in raw)
