"""The smaller defects of issue 24, point 8: each built, each a clear outcome, no input changed."""

import hashlib
import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from docxfactory import make_docx, p
from helpers import SEEDS, run_cli

from writer.errors import InputError
from writer.reader import read_report

REPORT = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def report_docx(path: Path, extra=None, document_xml=None) -> Path:
    body = "".join(p(line.strip()) for line in REPORT.splitlines() if line.strip())
    return make_docx(path, body, extra=extra, document_xml=document_xml)


def test_a_large_stored_photo_is_no_compression_bomb(tmp_path):
    """A 60 MB picture stored as it is (ratio 1:1, never read) was refused as a bomb."""
    path = report_docx(tmp_path / "photo.docx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_STORED) as zf:
        zf.writestr("word/media/image1.jpeg", os.urandom(1024) * (60 * 1024))
    before = digest(path)
    r = run_cli("lint", str(path), cwd=tmp_path, timeout=120)
    assert r.returncode in (0, 1) and "压缩炸弹" not in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert digest(path) == before


@pytest.mark.parametrize("encoding, bom", [("utf-32", True), ("utf-16-le", False), ("utf-16-be", False)])
def test_utf32_and_utf16_without_bom_are_read(tmp_path, encoding, bom):
    path = tmp_path / "r.txt"
    path.write_bytes(REPORT.encode(encoding))
    report = read_report(path)
    assert report.title and "法治" in report.title and not report.notes


def test_one_invalid_gb18030_byte_is_replaced_and_said(tmp_path):
    data = REPORT.encode("gb18030")
    cut = data.index("。".encode("gb18030"), 2000)
    path = tmp_path / "r.txt"
    path.write_bytes(data[:cut] + b"\xff" + data[cut:])
    before = digest(path)
    report = read_report(path)
    assert report.title and len(report.notes) == 1 and "GB18030" in report.notes[0] and "第" in report.notes[0]
    r = run_cli("lint", str(path), cwd=tmp_path, timeout=60)
    assert r.returncode in (0, 1) and "GB18030" in r.stderr and str(path) in r.stderr, r.stderr
    assert digest(path) == before


def test_binary_is_still_binary(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(InputError) as info:
        read_report(path)
    assert "二进制" in info.value.message


def test_strict_open_xml_is_named_with_how_to_save_it(tmp_path):
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{strict}">'
           f'<w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>')
    path = make_docx(tmp_path / "strict.docx", "", document_xml=doc)
    r = run_cli("lint", str(path), cwd=tmp_path, timeout=60)
    assert r.returncode == 2 and "Strict Open XML" in r.stderr and "另存为" in r.stderr and "损坏" not in r.stderr


@pytest.mark.parametrize("suffix", [".dotx", ".dotm"])
def test_word_templates_are_linted_as_new_takes_them(tmp_path, suffix):
    path = report_docx(tmp_path / f"r{suffix}")
    r = run_cli("lint", str(path), cwd=tmp_path, timeout=60)
    assert r.returncode in (0, 1) and "不支持" not in r.stderr, r.stderr
    assert "年度：" in r.stdout


def test_alt_chunk_is_said_not_silently_skipped(tmp_path):
    from docxfactory import document

    body = "".join(p(line.strip()) for line in REPORT.splitlines() if line.strip())
    chunk = '<w:altChunk xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId9"/>'
    path = make_docx(tmp_path / "chunk.docx", "", document_xml=document(body + chunk),
                     extra={"word/afchunk.htm": "<html><body><p>全年受理行政复议案件65件。</p></body></html>"})
    r = run_cli("lint", str(path), cwd=tmp_path, timeout=60)
    assert r.returncode in (0, 1) and "altChunk" in r.stderr and "未检查" in r.stderr, r.stderr


@pytest.mark.parametrize("delay", [0.15, 0.3, 0.6])
def test_ctrl_c_early_is_a_quiet_130(tmp_path, delay):
    """The handler is installed before typer and the rest are imported (writer.launch)."""
    proc = subprocess.Popen([sys.executable, "-m", "writer", "lint", str(SEEDS)], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    # finished before the signal (0, 1), or caught while Python itself shut down (-2): quiet too
    assert proc.returncode in (130, 0, 1, -signal.SIGINT)
    if proc.returncode == 130:
        assert "已中止" in err
