"""Drafts in the formats reviewers receive: .doc, .wps, .rtf, .odt through real LibreOffice, .pdf through
its text layer. Each seed was saved in every format once (tests/fixtures/formats/make.py); each must give
the findings of its .docx. The no-LibreOffice path hides LibreOffice (PATH and the install-folder search)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from writer.errors import InputError
from writer.reader import read_report
from writer.reader.docx import read_docx
from writer.reader.pdf import read_pdf

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
SEEDS = sorted(p.stem for p in FIXTURES.glob("seed*.docx"))
CONVERTED = ("doc", "wps", "odt", "rtf")
SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed here; "
                                                            ".ci/run installs it")


def cli(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "writer", *args], capture_output=True, text=True, encoding="utf-8",
                          env={**os.environ, **(env or {})}, cwd=cwd, timeout=600)


def without_libreoffice(tmp_path: Path) -> dict:
    """An environment in which LibreOffice is nowhere to be found: an empty PATH, no install folders."""
    empty = tmp_path / "bin"
    empty.mkdir(exist_ok=True)
    return {"PATH": str(empty), "FZWRITER_SOFFICE_DIRS": ""}


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def finding(f: dict, where: bool) -> tuple:
    """What must agree between formats: the rule, its message, the evidence (whitespace aside), and
    where it is when the paragraphs are Word's own."""
    key = (f["rule"], f["message"], re.sub(r"\s", "", f["evidence"]))
    return key + ((f["location"]["paragraph"], tuple(f["location"]["section"])) if where else ())


@pytest.fixture(scope="module")
def every_format(tmp_path_factory):
    """The five seeds in every format, a .doc renamed .docx, and the damaged and protected files,
    linted in one batch through a LibreOffice that counts its own starts."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed here; .ci/run installs it")
    root = tmp_path_factory.mktemp("formats")
    folder = root / "报送"
    folder.mkdir()
    for p in FIXTURES.glob("seed*"):
        shutil.copy(p, folder / p.name)
    for name in ("damaged.doc", "encrypted.doc", "encrypted.pdf", "scan.pdf", "damaged.pdf"):
        shutil.copy(FIXTURES / name, folder / name)
    shutil.copy(FIXTURES / "seed001.doc", folder / "改了扩展名.docx")  # a Word 97 file named .docx
    starts = root / "starts.log"
    counter = root / "soffice"
    counter.write_text(f'#!/bin/sh\necho start >> "{starts}"\nexec "{SOFFICE}" "$@"\n', encoding="utf-8")
    counter.chmod(0o755)
    before = digest(folder)
    temp = root / "tmp"
    temp.mkdir()
    out = root / "批注"
    res = cli("lint", str(folder), "--format", "json", "--summary", str(root / "汇总.csv"), "--annotate", str(out),
              env={"FZWRITER_SOFFICE": str(counter), "TMPDIR": str(temp)})
    data = json.loads(res.stdout)
    files = {Path(f["path"]).name: f for f in data["files"]}
    return {"res": res, "files": files, "folder": folder, "before": before, "after": digest(folder),
            "starts": starts.read_text().count("start"), "temp": list(temp.iterdir()), "out": out,
            "summary": (root / "汇总.csv").read_bytes().decode("utf-8-sig")}


@pytest.mark.parametrize("seed", SEEDS)
def test_every_format_has_the_findings_of_the_docx(every_format, seed):
    files = every_format["files"]
    docx = files[f"{seed}.docx"]
    assert docx["error"] is None and docx["findings"]
    for fmt in (*CONVERTED, "pdf"):
        got = files[f"{seed}.{fmt}"]
        assert got["error"] is None, got["error"]
        assert got["report"] == docx["report"], fmt
        where = fmt != "pdf"  # a PDF's paragraphs are rebuilt from its lines: same text, own numbering
        # layout aside: FM rules judge a .docx's own formatting, never a conversion's or a PDF's
        assert not any(f["rule"].startswith("FM") for f in got["findings"]), fmt
        content = [finding(f, where) for f in docx["findings"] if not f["rule"].startswith("FM")]
        assert [finding(f, where) for f in got["findings"]] == content, fmt
        assert got.get("converted_from") == (f".{fmt}" if fmt != "pdf" else None)


def test_one_libreoffice_start_and_nothing_left_behind(every_format):
    assert every_format["starts"] == 1  # 21 files converted in a single start
    assert every_format["temp"] == []  # its temporary folder and profile are gone
    assert every_format["after"] == every_format["before"]  # no input changed, no lock file beside them
    assert every_format["files"]["改了扩展名.docx"]["converted_from"] == ".doc"
    content = [f for f in every_format["files"]["seed001.docx"]["findings"] if not f["rule"].startswith("FM")]
    assert every_format["files"]["改了扩展名.docx"]["findings"] == content  # layout aside, as for every conversion


def test_damaged_and_protected_files_are_reported_and_the_batch_goes_on(every_format):
    res, files = every_format["res"], every_format["files"]
    assert res.returncode == 2 and "Traceback" not in res.stderr
    for name, words in (("damaged.doc", ["无法打开", "损坏"]), ("encrypted.doc", ["密码"]), ("encrypted.pdf", ["密码"]),
                        ("scan.pdf", ["扫描件", "文字识别"]), ("damaged.pdf", ["不完整"])):
        assert files[name]["findings"] == [] and all(w in files[name]["error"] for w in words), files[name]["error"]
        assert f"{name}：" in res.stderr
    assert sum(1 for f in files.values() if f["error"] is None) == len(SEEDS) * 6 + 1


def test_converted_drafts_get_a_commented_docx_and_a_pdf_a_note(every_format):
    out, files, res = every_format["out"], every_format["files"], every_format["res"]
    for seed in SEEDS:
        for fmt in ("docx", *CONVERTED):
            f = files[f"{seed}.{fmt}"]
            copy = Path(f["annotated"])
            assert copy.parent == out and copy.suffix == ".docx"
            with zipfile.ZipFile(copy) as zf:
                comments = zf.read("word/comments.xml").decode("utf-8")
            assert comments.count("<w:comment ") == len(f["findings"])
        assert "annotated" not in files[f"{seed}.pdf"]
        assert f"{seed}.pdf：PDF 里不能写批注" in res.stderr


def test_summary_says_how_each_file_was_read(every_format):
    rows = {Path(r["文件"]).name: r for r in csv.DictReader(io.StringIO(every_format["summary"]))}
    assert rows["seed000.wps"]["格式"] == "由 .wps 转换为 .docx 检查"
    assert rows["seed000.pdf"]["格式"] == "PDF：只读取文字，无批注稿"
    assert rows["seed000.docx"]["格式"] == ""
    assert rows["encrypted.doc"]["结论"] == "无法读取" and "密码" in rows["encrypted.doc"]["无法读取的原因"]


def test_without_libreoffice_each_legacy_file_says_what_to_install(tmp_path):
    folder = tmp_path / "报送"
    folder.mkdir()
    for name in ("seed001.doc", "seed002.wps", "seed003.rtf", "seed004.odt", "seed001.docx", "seed002.pdf"):
        shutil.copy(FIXTURES / name, folder / name)
    res = cli("lint", str(folder), "--format", "json", "--summary", str(tmp_path / "汇总.csv"),
              env=without_libreoffice(tmp_path))
    assert res.returncode == 2 and "Traceback" not in res.stderr
    files = {Path(f["path"]).name: f for f in json.loads(res.stdout)["files"]}
    for name in ("seed001.doc", "seed002.wps", "seed003.rtf", "seed004.odt"):
        err = files[name]["error"]
        assert "LibreOffice" in err and "另存为" in err and "libreoffice.org" in err
        assert res.stderr.count(f"{name}：") == 1  # one message per file
    assert files["seed001.docx"]["error"] is None and files["seed001.docx"]["findings"]
    assert files["seed002.pdf"]["error"] is None and files["seed002.pdf"]["findings"]
    rows = {Path(r["文件"]).name: r for r in csv.DictReader(io.StringIO(
        (tmp_path / "汇总.csv").read_bytes().decode("utf-8-sig")))}
    assert rows["seed002.wps"]["结论"] == "无法读取" and "LibreOffice" in rows["seed002.wps"]["无法读取的原因"]


def test_without_libreoffice_new_from_a_doc_says_what_to_install(tmp_path):
    res = cli("new", "--region", "临江新区", "--year", "2024", "--from", str(FIXTURES / "seed001.doc"),
              env=without_libreoffice(tmp_path), cwd=tmp_path)
    assert res.returncode == 2 and "seed001.doc" in res.stderr and "LibreOffice" in res.stderr
    assert list(tmp_path.iterdir()) == [tmp_path / "bin"]


def test_a_doc_that_is_really_a_docx_needs_no_libreoffice(tmp_path):
    """Word saves a .docx under a .doc name when asked to; it is read as what it is."""
    named = tmp_path / "报告.doc"
    shutil.copy(FIXTURES / "seed001.docx", named)
    res = cli("lint", str(named), "--format", "json", env=without_libreoffice(tmp_path))
    got = json.loads(res.stdout)["files"][0]
    want = json.loads(cli("lint", str(FIXTURES / "seed001.docx"), "--format", "json").stdout)["files"][0]
    assert got["error"] is None and got["findings"] == want["findings"] and "converted_from" not in got


@pytest.mark.parametrize("name, words", [
    ("encrypted.doc", ["密码", "另存为"]),
    ("encrypted.pdf", ["PDF", "密码"]),
    ("scan.pdf", ["扫描件", "OCR"]),
    ("damaged.pdf", ["不完整"]),
])
def test_protected_damaged_and_scanned_need_no_libreoffice_to_be_told(name, words, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("FZWRITER_SOFFICE_DIRS", "")
    with pytest.raises(InputError) as info:
        read_report(FIXTURES / name)
    assert str(FIXTURES / name) in info.value.message and all(w in info.value.message for w in words)


@pytest.mark.parametrize("name", ["chromium.pdf", "cairo.pdf"])
def test_pdf_writers_give_the_paragraphs_of_the_docx(name):
    """Chromium's Type 3 fonts map 门, 色, 方 … to Kangxi radicals (⻔ ⾊ ⽅); cairo sets the digits in a font
    of their own: the paragraphs still read as the Word file's."""
    docx = [p.text.replace("\n", "") for p in read_docx(FIXTURES / "short.docx") if p.style not in ("页眉", "页脚")]
    pdf = [p.text for p in read_pdf(FIXTURES / name, (FIXTURES / name).read_bytes())]
    assert pdf == docx[:len(pdf)] and len(pdf) >= 2


def test_pdf_ruled_table_is_read_cell_by_cell_and_struck_text_is_gone():
    """A table with ruling lines (a cell over two lines, two cells merged) gives the cells the Word
    table gives, at the same (table, row, column); a draft printed with its tracked changes showing
    reads as the .docx reads it, the struck-out XX gone and no gap where it stood."""
    want = [(p.text, p.in_table, p.cell) for p in read_docx(FIXTURES / "table.docx")]
    got = [(p.text, p.in_table, p.cell) for p in read_pdf(FIXTURES / "table.pdf", (FIXTURES / "table.pdf").read_bytes())]
    assert got == want
    assert ("行政诉讼（含上年结转案件，不含执行案件）", True, (1, 2, 0)) in got and ("126", True, (1, 3, 3)) in got
    assert "申请87件" in got[1][0] and "XX" not in got[1][0]


def test_pdf_page_numbers_go_and_running_lines_are_read_once():
    raw = read_pdf(FIXTURES / "seed000.pdf", (FIXTURES / "seed000.pdf").read_bytes())
    assert not any(re.fullmatch(r"—\s*\d+\s*—", p.text) for p in raw)  # — 3 — is no paragraph
    body = [p.text for p in raw if p.style is None]
    docx = [p.text.replace("\n", "") for p in read_docx(FIXTURES / "seed000.docx") if p.style not in ("页眉", "页脚")]
    assert len(body) == len(docx)
    # LibreOffice's export leaves out a half-width comma it sets at a line's end (it is not drawn either)
    assert sum(a != b for a, b in zip(body, docx)) <= 3
    # a letterhead line on each of four pages: one 页眉 paragraph, after the body, none inside it
    headed = read_pdf(FIXTURES / "header.pdf", (FIXTURES / "header.pdf").read_bytes())
    assert [(p.style, p.text) for p in headed if "党工委办公室" in p.text] == [("页眉", "南通市海门区临江新区党工委办公室")]
    assert headed[-1].style == "页眉" and all(p.style is None for p in headed[:-1])


@needs_soffice
def test_mine_reads_every_format_alike(tmp_path):
    folder = tmp_path / "往年"
    folder.mkdir()
    for fmt in ("docx", "doc", "pdf"):
        shutil.copy(FIXTURES / f"seed002.{fmt}", folder / f"seed002.{fmt}")
    model = tmp_path / "model.json"
    res = cli("mine", str(folder), "-o", str(model))
    assert res.returncode == 0, res.stderr
    reports = {r["path"]: r for r in json.loads(model.read_text(encoding="utf-8"))["reports"]}
    assert set(reports) == {"seed002.docx", "seed002.doc", "seed002.pdf"}
    strip = lambda r: {k: v for k, v in r.items() if k not in ("path", "sha256")}  # noqa: E731
    assert strip(reports["seed002.doc"]) == strip(reports["seed002.docx"]) == strip(reports["seed002.pdf"])


@needs_soffice
def test_new_from_a_wps_plans_as_from_the_docx(tmp_path):
    said = {}
    for fmt in ("docx", "wps"):
        res = cli("new", "--region", "秦州区", "--year", "2025", "--from", str(FIXTURES / f"seed002.{fmt}"),
                  "-o", str(tmp_path / f"{fmt}.docx"))
        assert res.returncode == 0, res.stderr
        said[fmt] = res.stdout.replace(f"seed002.{fmt}", "seed002").replace(f"{fmt}.docx", "out.docx")
    assert said["wps"] == said["docx"] and "沿用 seed002" in said["docx"]
