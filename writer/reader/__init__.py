"""Read a draft (.docx, .txt, .md) into a Report. Every failure is an InputError in Chinese."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..models import Report
from .build import build
from .plain import MAX_TEXT_BYTES, read_plain

DOCX_SUFFIXES = {".docx", ".docm"}
TEXT_SUFFIXES = {".txt", ".text"}
MD_SUFFIXES = {".md", ".markdown"}
DRAFT_SUFFIXES = DOCX_SUFFIXES | TEXT_SUFFIXES | MD_SUFFIXES
LEGACY = {".doc": "旧版 Word .doc", ".wps": "WPS 文字 .wps", ".wpt": "WPS 模板 .wpt",
          ".rtf": "RTF", ".pdf": "PDF", ".odt": "OpenDocument .odt"}


def read_report(path: str | Path, *, year: int | None = None, region: str | None = None) -> Report:
    """Read `path`; `year`/`region` override what the text says."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "文件不存在")
    if path.is_dir():
        raise InputError(path, "是文件夹，不是报告文件")
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise InputError(path, f"无法读取文件：{exc.strerror or exc}") from None
    if size == 0:
        raise InputError(path, "文件是空的（0 字节）")
    from .docx import sniff_ole

    ole = sniff_ole(path, head)
    if ole is not None:
        raise ole
    if suffix in DOCX_SUFFIXES:
        from .docx import read_docx

        raw, kind = read_docx(path), "docx"
    elif suffix in TEXT_SUFFIXES | MD_SUFFIXES:
        if size > MAX_TEXT_BYTES:
            raise InputError(path, f"文本文件过大（{size // 2**20} MB），不像一份报告")
        if head.startswith(b"PK\x03\x04"):
            raise InputError(path, "扩展名是文本，内容却是 zip/Word 文档；如是 Word 文档请改为 .docx 扩展名")
        raw = read_plain(path, path.read_bytes(), markdown=suffix in MD_SUFFIXES)
        kind = "md" if suffix in MD_SUFFIXES else "txt"
    elif suffix in LEGACY:
        raise InputError(path, f"暂不支持 {LEGACY[suffix]} 格式；请在 Word/WPS 中另存为 .docx 后再检查")
    else:
        raise InputError(path, f"不支持的文件类型“{suffix or '无扩展名'}”；支持 .docx、.txt、.md")
    report = build(raw, str(path), kind)
    if not report.paragraphs:
        raise InputError(path, "文件中没有任何文字内容")
    if year is not None:
        report.year, report.year_source = year, "命令行参数"
    if region:
        report.region, report.region_source = region, "命令行参数"
    return report
