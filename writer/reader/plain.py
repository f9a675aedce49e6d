"""Plain text and Markdown drafts: encoding detection and line splitting."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from .limits import Limits, current
from .raw import RawParagraph

# a file that is mostly good text keeps being read when this few of its bytes cannot be decoded
_FEW_BAD = 16


def decode(data: bytes, path: Path, notes: list[str] | None = None) -> str:
    """UTF-8 (with or without BOM), UTF-32 or UTF-16 (with BOM, or UTF-16 recognised by its zero
    bytes), else GB18030 (Windows Chinese default). A few bytes that decode in no encoding are
    replaced by � and the line of the first one is said in `notes`."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _replacing(data[3:], "utf-8", path, notes)
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):  # before UTF-16: FF FE starts both
        return _strict(data, "utf-32", "UTF-32", path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", "UTF-16", path)
    if b"\x00" in data[:4096]:
        wide = _utf16_without_bom(data)
        if wide is not None:
            return wide
        raise InputError(path, "看起来是二进制文件，不是文本；请提供 .docx、.txt 或 .md 报告")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    utf8_bad = _bad_count(data, "utf-8")
    if utf8_bad <= _FEW_BAD and utf8_bad * 20 < len(data):  # UTF-8 with a damaged byte or two
        return _replacing(data, "utf-8", path, notes)
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    if _bad_count(data, "gb18030") <= _FEW_BAD:
        return _replacing(data, "gb18030", path, notes)
    raise InputError(path, "无法识别文本编码（既不是 UTF-8，也不是 GB18030/GBK）；请另存为 UTF-8 编码")


def _strict(data: bytes, codec: str, name: str, path: Path) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:  # an odd byte at the end, a lone surrogate
        raise InputError(path, f"{name} 文本已损坏（第 {exc.start} 字节起无法解码）；"
                               "请在记事本等软件中另存为 UTF-8 编码") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """Text saved as UTF-16 without a byte-order mark: its zero bytes (the high byte of ASCII digits,
    punctuation and line breaks) all fall on one side of each pair, and it decodes to text."""
    head = data[:4096]
    even = sum(1 for i in range(0, len(head), 2) if head[i] == 0)
    odd = sum(1 for i in range(1, len(head), 2) if head[i] == 0)
    # a CJK character may have a zero byte too (一 is 00 4E): most fall on one side, not all
    if len(data) % 2 or min(even, odd) * 10 > max(even, odd):
        return None
    try:
        text = data.decode("utf-16-be" if even > odd else "utf-16-le")
    except UnicodeDecodeError:
        return None
    controls = sum(1 for c in text[:2048] if ord(c) < 32 and c not in "\r\n\t")
    return text if controls == 0 else None


def _bad_count(data: bytes, codec: str) -> int:
    return data.decode(codec, errors="replace").count("\ufffd") - data.decode(codec, errors="ignore").count("\ufffd")


def _replacing(data: bytes, codec: str, path: Path, notes: list[str] | None) -> str:
    text = data.decode(codec, errors="replace")
    bad = _bad_count(data, codec)
    if bad and notes is not None:
        line = text[:text.index("\ufffd")].count("\n") + 1 if "\ufffd" in text else 1
        notes.append(f"{path}：有 {bad} 处字节不是 {codec.upper()} 编码，已用“\ufffd”代替（第一处在第{line}行），"
                     "该处文字未能检查")
    return text


_MD_HEADING = re.compile(r"^(#{1,6})\s+")
_MD_MARKUP = re.compile(r"\*\*|__|`")


def read_plain(path: Path, data: bytes, markdown: bool, limits: Limits | None = None,
               notes: list[str] | None = None) -> list[RawParagraph]:
    limits = limits or current()
    text = decode(data, path, notes)
    if len(text) > limits.max_chars:
        raise InputError(path, f"文字过多（{len(text):,} 字，上限 {limits.max_chars:,} 字），不像一份报告"
                               "（确需检查可在 fzwriter.toml 的 [limits] 中调大 max_chars）")
    out: list[RawParagraph] = []
    for line in text.splitlines():
        line = line.strip().strip("\u200b\ufeff")
        if not line:
            continue
        style = outline = None
        if markdown:
            m = _MD_HEADING.match(line)
            if m:
                depth = len(m.group(1))
                line = line[m.end():]
                style = f"Heading {depth}"
                outline = depth
            elif line.startswith(("> ", "- ", "* ")):
                line = line[2:]
            line = _MD_MARKUP.sub("", line).strip()
            if not line or set(line) <= set("-*_="):
                continue
        out.append(RawParagraph(text=line, style=style, outline=outline))
        if len(out) > limits.max_paragraphs:
            raise InputError(path, f"段落过多（{len(out):,} 段以上，上限 {limits.max_paragraphs:,} 段），不像一份报告"
                                   "（确需检查可在 fzwriter.toml 的 [limits] 中调大 max_paragraphs）")
    return out
