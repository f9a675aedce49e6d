"""Read a draft (.docx, .txt, .md) into a Report. Every failure is an InputError in Chinese."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..fsutil import os_error_cn
from ..models import Report
from .build import build
from .limits import Limits, current
from .plain import read_plain

DOCX_SUFFIXES = {".docx", ".docm", ".dotx", ".dotm"}  # templates too, as `new --template` takes
TEXT_SUFFIXES = {".txt", ".text"}
MD_SUFFIXES = {".md", ".markdown"}
DRAFT_SUFFIXES = DOCX_SUFFIXES | TEXT_SUFFIXES | MD_SUFFIXES
LEGACY = {".doc": "旧版 Word .doc", ".wps": "WPS 文字 .wps", ".wpt": "WPS 模板 .wpt",
          ".rtf": "RTF", ".pdf": "PDF", ".odt": "OpenDocument .odt"}


def read_bytes(path: Path, limits: Limits | None = None) -> bytes:
    """The file's bytes, refusing what is not a regular file (a FIFO would block for ever, a device
    never end) and what is larger than the limit, before reading it."""
    import os
    import stat

    limits = limits or current()
    try:
        # O_NONBLOCK: opening a FIFO with no writer must not wait; fstat then says what was opened
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        if not path.exists():
            raise InputError(path, "文件不存在") from None
        raise InputError(path, f"无法读取文件：{os_error_cn(exc)}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(path, "是文件夹，不是报告文件")
        if not stat.S_ISREG(st.st_mode):
            kind = "管道（FIFO）" if stat.S_ISFIFO(st.st_mode) else "设备或套接字"
            raise InputError(path, f"是{kind}，不是普通文件，不予读取")
        if st.st_size > limits.file_bytes:
            raise too_large(path, st.st_size, limits)
        chunks = []
        left = limits.file_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 2**20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise InputError(path, f"无法读取文件：{os_error_cn(exc)}") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limits.file_bytes:  # grown while read
        raise too_large(path, None, limits)
    return data


def too_large(path: object, size: int | None = None, limits: Limits | None = None) -> InputError:
    """The error for a file over the size limit (`size` bytes when known): what the reader says,
    and the page when an upload grows past the limit."""
    limits = limits or current()
    got = f"{size / 2**20:.0f} MB，" if size is not None else ""
    return InputError(path, f"文件过大（{got}上限 {limits.max_file_mb} MB），不像一份报告"
                            "（确需检查可在 fzwriter.toml 的 [limits] 中调大 max_file_mb）")


def read_report(path: str | Path, *, year: int | None = None, region: str | None = None,
                data: bytes | None = None) -> Report:
    """Read `path` (or its bytes `data`, already read); `year`/`region` override what the text says.
    Every failure, expected or not, is an InputError naming the file."""
    path = Path(path)
    try:
        return _read(path, year, region, data)
    except InputError:
        raise
    except RecursionError:
        raise InputError(path, "文档结构嵌套过深，无法读取") from None
    except MemoryError:
        raise InputError(path, "文档过大，内存不足，无法读取") from None
    except Exception as exc:  # a reader bug on a file no test foresaw is that file's error, not the batch's
        raise InputError(path, f"读取时出现意外错误（{type(exc).__name__}），可能文件已损坏；"
                               "如确认文件无误，请把它报告给 fzwriter 的维护者") from None


def _read(path: Path, year: int | None, region: str | None, data: bytes | None) -> Report:
    limits = current()
    suffix = path.suffix.lower()
    if data is None and (suffix not in DRAFT_SUFFIXES | {".doc", ".wps"}) and not path.exists():
        raise InputError(path, "文件不存在")
    if path.is_dir():
        raise InputError(path, "是文件夹，不是报告文件")
    if suffix in LEGACY and suffix not in (".doc", ".wps"):
        raise InputError(path, f"暂不支持 {LEGACY[suffix]} 格式；请在 Word/WPS 中另存为 .docx 后再检查")
    if suffix not in DRAFT_SUFFIXES | set(LEGACY):
        raise InputError(path, f"不支持的文件类型“{suffix or '无扩展名'}”；支持 .docx、.txt、.md")
    if data is None:
        data = read_bytes(path, limits)
    if not data:
        raise InputError(path, "文件是空的（0 字节）")
    from .docx import sniff_ole

    notes: list[str] = []  # what was read only in part (bytes no encoding decodes, embedded HTML …)

    ole = sniff_ole(path, data[:8], data)
    if ole is not None:
        raise ole
    if suffix in DOCX_SUFFIXES:
        from .docx import read_docx

        raw, kind = read_docx(path, data, limits, notes), "docx"
    elif suffix in TEXT_SUFFIXES | MD_SUFFIXES:
        if len(data) > limits.part_bytes:
            raise InputError(path, f"文本文件过大（{len(data) / 2**20:.0f} MB，上限 {limits.max_part_mb} MB），不像一份报告"
                                   "（确需检查可在 fzwriter.toml 的 [limits] 中调大 max_part_mb）")
        if data.startswith(b"PK\x03\x04"):
            raise InputError(path, "扩展名是文本，内容却是 zip/Word 文档；如是 Word 文档请改为 .docx 扩展名")
        raw = read_plain(path, data, markdown=suffix in MD_SUFFIXES, limits=limits, notes=notes)
        kind = "md" if suffix in MD_SUFFIXES else "txt"
    else:
        raise InputError(path, f"暂不支持 {LEGACY[suffix]} 格式；请在 Word/WPS 中另存为 .docx 后再检查")
    report = build(raw, str(path), kind)
    report.notes = notes
    if not report.paragraphs:
        raise InputError(path, "文件中没有任何文字内容")
    if year is not None:
        report.year, report.year_source = year, "命令行参数"
    if region:
        report.region, report.region_source = region, "命令行参数"
    return report
