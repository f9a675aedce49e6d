"""Broken or hostile input: a Chinese message naming the file, exit code 2, fast, bounded memory."""

import time
import zipfile

import pytest
from docxfactory import document, make_docx, p
from helpers import run_cli, seed

from writer.errors import InputError
from writer.reader import read_report

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def expect_error(path, *words):
    with pytest.raises(InputError) as info:
        read_report(path)
    msg = info.value.message
    assert str(path) in msg
    for w in words:
        assert w in msg
    return msg


def test_empty_file(tmp_path):
    for name in ("empty.docx", "empty.txt"):
        f = tmp_path / name
        f.write_bytes(b"")
        expect_error(f, "空")


def test_not_a_zip(tmp_path):
    f = tmp_path / "fake.docx"
    f.write_text("这其实是一个文本文件", encoding="utf-8")
    expect_error(f, "zip")


def test_zip_without_word_document(tmp_path):
    f = tmp_path / "other.docx"
    with zipfile.ZipFile(f, "w") as zf:
        zf.writestr("hello.txt", "hi")
    expect_error(f, "word/document.xml")


def test_legacy_doc_and_wps_without_libreoffice(tmp_path, monkeypatch):
    """Old Word and WPS files (a Word 97 file named .docx too) need LibreOffice: without it the message
    names the format, what to install, and that saving as .docx works as well (tests/test_formats.py
    converts real ones)."""
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("FZWRITER_SOFFICE_DIRS", "")
    monkeypatch.delenv("FZWRITER_SOFFICE", raising=False)
    for name, word in (("old.doc", "旧版 Word .doc"), ("old.wps", "WPS 文字 .wps"), ("renamed.docx", "旧版 Word .doc")):
        f = tmp_path / name
        f.write_bytes(OLE + b"\x00" * 2048)
        expect_error(f, word, "LibreOffice", "另存为")


def test_encrypted_docx(tmp_path):
    f = tmp_path / "secret.docx"
    f.write_bytes(OLE + b"\x00" * 512 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512)
    expect_error(f, "加密")


def test_zip_bomb_rejected_before_parsing(tmp_path):
    f = tmp_path / "bomb.docx"
    make_docx(f, p("正文。"))
    big = 200 * 1024 * 1024  # 200 MB of one repeated byte compresses to ~200 KB
    with zipfile.ZipFile(f, "a", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("word/bomb.xml", "w", force_zip64=True) as dst:
            chunk = b"<" * (4 * 1024 * 1024)
            for _ in range(big // len(chunk)):
                dst.write(chunk)
    start = time.perf_counter()
    expect_error(f, "压缩炸弹")
    assert time.perf_counter() - start < 5


def test_huge_document_xml_rejected(tmp_path):
    f = tmp_path / "huge.docx"
    para = p("全年受理行政复议案件65件。" * 20)
    body = para * 20000  # 5.6 million characters: larger than any real report
    make_docx(f, body)
    expect_error(f, "上限", "max_chars")


def test_xml_entity_expansion_rejected(tmp_path):
    f = tmp_path / "lol.docx"
    lol = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
           '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
           + document(p("&lol3;")).split("?>", 1)[1])
    make_docx(f, "", document_xml=lol)
    expect_error(f, "实体")


def test_damaged_xml(tmp_path):
    f = tmp_path / "broken.docx"
    make_docx(f, "", document_xml="<w:document><w:body><w:p>")
    expect_error(f, "损坏")


def test_truncated_zip(tmp_path):
    good = make_docx(tmp_path / "good.docx", p("正文。") * 50)
    f = tmp_path / "cut.docx"
    f.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    expect_error(f)


def test_binary_txt(tmp_path):
    f = tmp_path / "bin.txt"
    f.write_bytes(b"\x00\x01\x02" * 100)
    expect_error(f, "二进制")


def test_unsupported_suffix(tmp_path):
    f = tmp_path / "report.pdf"
    f.write_bytes(b"%PDF-1.4")
    expect_error(f, "PDF")


def test_missing_path_cli(tmp_path):
    res = run_cli("lint", str(tmp_path / "nope.docx"))
    assert res.returncode == 2
    assert "nope.docx" in res.stderr and "不存在" in res.stderr
    assert "Traceback" not in res.stderr


def test_folder_without_drafts_cli(tmp_path):
    # a spreadsheet and a photo: nothing fzwriter reads as a report (a .pdf or .doc now is one)
    (tmp_path / "名单.xlsx").write_bytes(b"PK\x03\x04")
    (tmp_path / "合影.jpg").write_bytes(b"\xff\xd8\xff")
    res = run_cli("lint", str(tmp_path))
    assert res.returncode == 2
    assert str(tmp_path) in res.stderr and "没有" in res.stderr


def test_batch_goes_on_after_bad_file(tmp_path):
    (tmp_path / "bad.docx").write_bytes(b"not a zip")
    # a report long enough not to be taken for a note in the folder
    (tmp_path / "good.txt").write_text(seed("000").read_text(encoding="utf-8"), encoding="utf-8")
    res = run_cli("lint", str(tmp_path), "--format", "json")
    assert res.returncode == 2
    import json

    data = json.loads(res.stdout)
    by_name = {f["path"].rsplit("/", 1)[-1]: f for f in data["files"]}
    assert by_name["bad.docx"]["error"] and by_name["good.txt"]["error"] is None
    assert by_name["good.txt"]["findings"]
    assert "bad.docx" in res.stderr


def test_word_lock_files_ignored(tmp_path):
    (tmp_path / "~$draft.docx").write_bytes(b"\x00" * 162)  # Word's owner file while a draft is open
    (tmp_path / "draft.txt").write_text("一、主要举措和成效\n全年开展执法检查5次。\n", encoding="utf-8")
    res = run_cli("lint", str(tmp_path), "--format", "json")
    assert res.returncode in (0, 1)
    assert "~$" not in res.stdout
