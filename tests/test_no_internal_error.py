"""The catch-all “内部错误” and raw control characters (issue 24, points 7 and 8): each case a Chinese
message naming the file, exit code 2 (or the batch's own code), nothing changed, and a batch's
summary written whatever the names in it hold."""

import hashlib
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from helpers import SEEDS, run_cli

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "examples" / "单位模板.docx"


def digests(folder: Path) -> dict:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


def clean(r) -> None:
    assert "Traceback" not in r.stderr and "内部错误" not in r.stderr, r.stderr


def rewrite(src: Path, out: Path, change) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = change(info.filename, zin.read(info.filename))
            if body is not None:
                zout.writestr(info.filename, body)
    return out


def test_summary_is_written_when_a_file_name_holds_control_characters(tmp_path):
    drafts = tmp_path / "稿"
    drafts.mkdir()
    shutil.copy(next(SEEDS.glob("000_*.txt")), drafts / "a\x1b[31m红\x07.txt")
    shutil.copy(next(SEEDS.glob("001_*.txt")), drafts / "b.txt")
    before = digests(drafts)
    r = run_cli("lint", "稿", "--summary", "s.xlsx", cwd=tmp_path, timeout=120)
    clean(r)
    assert r.returncode == 1 and (tmp_path / "s.xlsx").exists()
    from openpyxl import load_workbook

    names = [row[0].value for row in load_workbook(tmp_path / "s.xlsx")["汇总"].iter_rows(min_row=2)]
    assert "稿/a\\x1b[31m红\\x07.txt" in names
    # the terminal is shown the escape, not given it
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout and "a\\x1b[31m红\\x07.txt" in r.stdout
    assert digests(drafts) == before


def test_a_region_with_a_control_character_is_refused_before_the_batch(tmp_path):
    shutil.copy(next(SEEDS.glob("000_*.txt")), tmp_path / "a.txt")
    r = run_cli("lint", "a.txt", "--region", "秦州\x01区", "--summary", "s.xlsx", cwd=tmp_path, timeout=60)
    clean(r)
    assert r.returncode == 2 and "--region" in r.stderr and "控制字符" in r.stderr


def test_an_unreadable_file_named_with_an_escape_sequence_is_shown_escaped(tmp_path):
    bad = tmp_path / "x\x1b[2J.docx"
    bad.write_bytes(b"not a zip")
    r = run_cli("lint", bad.name, cwd=tmp_path, timeout=60)
    clean(r)
    assert r.returncode == 2 and "\x1b" not in r.stderr + r.stdout and "x\\x1b[2J.docx" in r.stderr


def _no_styles_type(name, body):
    if name == "[Content_Types].xml":
        return re.sub(rb'<Override PartName="/word/styles.xml"[^>]*/>', b"", body)
    return body


def _styles_without_namespace(name, body):
    if name == "word/styles.xml":
        body = re.sub(rb'\sxmlns:\w+="[^"]*"', b"", body)
        body = re.sub(rb"(</?)\w+:", rb"\1", body)
        body = re.sub(rb"\s\w+:(\w+=)", rb" \1", body)
    return body


@pytest.mark.parametrize("change, words", [
    (_no_styles_type, ["word/styles.xml", "[Content_Types].xml", "另存"]),
    (_styles_without_namespace, ["word/styles.xml", "命名空间", "另存"]),
])
def test_a_template_whose_styles_part_other_tools_broke_is_named(tmp_path, change, words):
    template = rewrite(TEMPLATE, tmp_path / "模板.docx", change)
    before = digests(tmp_path)
    r = run_cli("new", "--region", "秦州区", "--year", "2025", "--template", str(template), "-o", "out.docx",
                cwd=tmp_path, timeout=60)
    clean(r)
    assert r.returncode == 2 and "模板.docx" in r.stderr
    for w in words:
        assert w in r.stderr, r.stderr
    assert digests(tmp_path) == before and not (tmp_path / "out.docx").exists()


def test_a_config_nested_100000_deep_is_a_message(tmp_path):
    (tmp_path / "fzwriter.toml").write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    shutil.copy(next(SEEDS.glob("000_*.txt")), tmp_path / "a.txt")
    for args in (("lint", "a.txt"), ("new", "--region", "秦州区", "--year", "2025"), ("rules", "--check")):
        r = run_cli(*args, cwd=tmp_path, timeout=60)
        clean(r)
        assert r.returncode == 2 and "fzwriter.toml" in r.stderr and "嵌套过深" in r.stderr, r.stderr


def test_template_links_to_the_outside_are_dropped_and_said(tmp_path):
    """A linked picture and an attached template's address would be fetched when the report opens."""
    import docx

    def add_links(name, body):
        if name == "word/_rels/document.xml.rels":
            return body.replace(b"</Relationships>",
                                b'<Relationship Id="rIdBeacon" TargetMode="External" '
                                b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
                                b'Target="http://tracker.example/pixel.png"/></Relationships>')
        return body

    template = rewrite(TEMPLATE, tmp_path / "模板.docx", add_links)
    r = run_cli("new", "--region", "秦州区", "--year", "2025", "--template", str(template), "-o", "out.docx",
                cwd=tmp_path, timeout=60)
    clean(r)
    assert r.returncode == 0, r.stderr
    assert "外部的链接" in r.stdout and "tracker.example" in r.stdout
    with zipfile.ZipFile(tmp_path / "out.docx") as z:
        for name in z.namelist():
            if name.endswith(".rels"):
                assert b"tracker.example" not in z.read(name)
    docx.Document(str(tmp_path / "out.docx"))  # still a document python-docx opens
