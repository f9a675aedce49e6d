"""Plain text and Markdown drafts: encoding detection and line splitting."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from .limits import Limits, current
from .raw import RawParagraph

def decode(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (Windows Chinese default)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:  # an odd byte at the end, a lone surrogate
            raise InputError(path, f"UTF-16 文本已损坏（第 {exc.start} 字节起无法解码）；"
                                   "请在记事本等软件中另存为 UTF-8 编码") from None
    if b"\x00" in data[:4096]:
        raise InputError(path, "看起来是二进制文件，不是文本；请提供 .docx、.txt 或 .md 报告")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(path, "无法识别文本编码（既不是 UTF-8，也不是 GB18030/GBK）；"
                               "请另存为 UTF-8 编码") from None


_MD_HEADING = re.compile(r"^(#{1,6})\s+")
_MD_MARKUP = re.compile(r"\*\*|__|`")


def read_plain(path: Path, data: bytes, markdown: bool, limits: Limits | None = None) -> list[RawParagraph]:
    limits = limits or current()
    text = decode(data, path)
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
