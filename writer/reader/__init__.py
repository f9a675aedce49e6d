"""Read a draft into a Report: .docx, .txt and .md natively; .doc, .wps, .dot, .wpt, .rtf and .odt
converted to .docx by LibreOffice (reader.convert); .pdf from its text layer (reader.pdf). Every
failure is an InputError in Chinese."""

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
DRAFT_SUFFIXES = DOCX_SUFFIXES | TEXT_SUFFIXES | MD_SUFFIXES  # read here, with nothing installed
# converted to .docx by LibreOffice (the names as messages give them: reader.convert.SUFFIXES)
CONVERTED_SUFFIXES = {".doc", ".dot", ".wps", ".wpt", ".rtf", ".odt"}
PDF_SUFFIXES = {".pdf"}
INPUT_SUFFIXES = DRAFT_SUFFIXES | CONVERTED_SUFFIXES | PDF_SUFFIXES  # what lint, mine and new --from read
# the formats read through something beyond python's own (kept for the callers that name them)
LEGACY = {".doc": "旧版 Word .doc", ".dot": "旧版 Word 模板 .dot", ".wps": "WPS 文字 .wps",
          ".wpt": "WPS 模板 .wpt", ".rtf": "RTF", ".odt": "OpenDocument .odt", ".pdf": "PDF"}
FORMATS_CN = ".docx、.doc、.wps、.rtf、.odt、.pdf、.txt、.md"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# the attribute of a .docx report holding the parts its reading parsed (reader.docx.Parsed), until
# the layout reader takes them (writer.layout.draft)
PARSED = "__fz_parsed__"


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
                data: bytes | None = None, converted: str | Path | None = None) -> Report:
    """Read `path` (or its bytes `data`, already read); `year`/`region` override what the text says.
    `converted`: the .docx a batch made of it (convert_batch); without it a file that needs LibreOffice
    is converted on its own. Every failure, expected or not, is an InputError naming the file."""
    path = Path(path)
    try:
        return _read(path, year, region, data, converted)
    except InputError:
        raise
    except RecursionError:
        raise InputError(path, "文档结构嵌套过深，无法读取") from None
    except MemoryError:
        raise InputError(path, "文档过大，内存不足，无法读取") from None
    except Exception as exc:  # a reader bug on a file no test foresaw is that file's error, not the batch's
        raise InputError(path, f"读取时出现意外错误（{type(exc).__name__}），可能文件已损坏；"
                               "如确认文件无误，请把它报告给 fzwriter 的维护者") from None


def needs_converter(path: Path, data: bytes) -> bool:
    """Whether LibreOffice must read it: an older format by name (unless it is really a .docx), or a
    Word 97 file named .docx."""
    suffix = path.suffix.lower()
    if suffix in CONVERTED_SUFFIXES:
        return not _is_docx(data)
    return suffix in DOCX_SUFFIXES and data.startswith(_OLE) and not _ole_sealed(data)


def _is_docx(data: bytes) -> bool:
    """A Word 2007+ package, whatever the file is called (Word saves a .doc so when asked to)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return False
    return "word/document.xml" in names or "[Content_Types].xml" in names


def _ole_sealed(data: bytes) -> bool:
    """An encrypted .docx is an OLE file too: the .docx reader says so; LibreOffice is not asked."""
    return "EncryptedPackage".encode("utf-16-le") in data[:4 * 2**20]


def convert_batch(paths: list[str]):
    """One LibreOffice start for every file among `paths` that needs it: a reader.convert.Batch
    (close it when done) mapping each to its .docx, or to why it could not be converted; None when
    no file needs it (nothing of the converter is loaded then). Files it cannot even read, or with an
    opening password, are left to read_report to report."""
    from ..fsutil import is_regular

    files = []
    for raw in paths:
        path = Path(raw)
        suffix = path.suffix.lower()
        if suffix not in CONVERTED_SUFFIXES | DOCX_SUFFIXES or not is_regular(path):
            continue
        if suffix in DOCX_SUFFIXES and not _head(path).startswith(_OLE):
            continue  # a .docx, as nearly all are: read by its worker, not here
        try:
            data = read_bytes(path)
        except InputError:
            continue
        if data and needs_converter(path, data):
            files.append((raw, data))
    if not files:
        return None
    from .convert import convert, preflight

    return convert([(p, d) for p, d in files if preflight(Path(p), d) is None])


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(8)
    except OSError:
        return b""


def _read(path: Path, year: int | None, region: str | None, data: bytes | None,
          converted: str | Path | None) -> Report:
    limits = current()
    suffix = path.suffix.lower()
    if data is None and not path.exists():
        raise InputError(path, "文件不存在")
    if path.is_dir():
        raise InputError(path, "是文件夹，不是报告文件")
    if suffix not in INPUT_SUFFIXES:
        raise InputError(path, f"不支持的文件类型“{suffix or '无扩展名'}”；支持 {FORMATS_CN}")
    parsed = None
    if data is None:
        data = read_bytes(path, limits)
        if suffix in DOCX_SUFFIXES | CONVERTED_SUFFIXES:
            from .docx import Parsed

            parsed = Parsed(data, limits)  # what the layout reader may reuse: the file, as read now
    if not data:
        raise InputError(path, "文件是空的（0 字节）")
    source = None
    notes: list[str] = []  # what was read only in part (bytes no encoding decodes, embedded HTML …)
    if suffix in PDF_SUFFIXES:
        from .pdf import read_pdf

        raw, kind = read_pdf(path, data, limits), "pdf"
    elif needs_converter(path, data):
        # what it really is: a Word 97 file named .docx was a .doc
        source = suffix if suffix in CONVERTED_SUFFIXES else ".doc"
        raw, kind = _read_converted(path, data, converted, limits), "docx"
    elif suffix in DOCX_SUFFIXES | CONVERTED_SUFFIXES:
        from .docx import read_docx, sniff_ole

        ole = sniff_ole(path, data[:8], data)
        if ole is not None:
            raise ole
        raw, kind = read_docx(path, data, limits, notes, parsed), "docx"
    else:
        from .docx import sniff_ole

        ole = sniff_ole(path, data[:8], data)
        if ole is not None:
            raise ole
        if len(data) > limits.part_bytes:
            raise InputError(path, f"文本文件过大（{len(data) / 2**20:.0f} MB，上限 {limits.max_part_mb} MB），不像一份报告"
                                   "（确需检查可在 fzwriter.toml 的 [limits] 中调大 max_part_mb）")
        if data.startswith(b"PK\x03\x04"):
            raise InputError(path, "扩展名是文本，内容却是 zip/Word 文档；如是 Word 文档请改为 .docx 扩展名")
        raw = read_plain(path, data, markdown=suffix in MD_SUFFIXES, limits=limits, notes=notes)
        kind = "md" if suffix in MD_SUFFIXES else "txt"
    report = build(raw, str(path), kind)
    report.notes = notes
    report.source = source
    if parsed is not None and parsed.parts and source is None:
        setattr(report, PARSED, parsed)
    if source is not None and converted is not None:
        report.docx = str(converted)  # the copy --annotate writes its comments into
    if not report.paragraphs:
        raise InputError(path, "文件中没有任何文字内容")
    if year is not None:
        report.year, report.year_source = year, "命令行参数"
    if region:
        report.region, report.region_source = region, "命令行参数"
    return report


def _read_converted(path: Path, data: bytes, converted: str | Path | None, limits: Limits):
    """The paragraphs of the .docx LibreOffice made of `path` (in a batch of its own when no batch
    made it); messages name the user's file, never the temporary copy."""
    from .convert import convert_one
    from .docx import read_docx

    if converted is not None:
        try:
            docx = Path(converted).read_bytes()
        except OSError as exc:
            raise InputError(path, f"无法读取转换后的文件：{os_error_cn(exc)}") from None
        return read_docx(path, docx, limits)
    batch, made = convert_one(path, data)
    with batch:
        return read_docx(path, Path(made).read_bytes(), limits)
