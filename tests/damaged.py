"""Damaged and hostile copies of a Word draft, for the reader's robustness tests (issue 15).

`damaged_copies(good, folder)` writes about fifty files made from `good` (a .docx the dev corpus'
build.py wrote) and returns (path, expected) pairs: `"refused"` — fzwriter must say in Chinese,
naming the file, why it cannot read it (exit 2) — or `"read"` — damage Word itself shrugs off or a
legal but odd package (a main part not named .xml, numbering past 99, nested tables), which must be
read normally. Either way: no traceback, seconds not minutes, bounded memory.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f'xmlns:w="{W_NS}"'
MAIN_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i, z.read(i)) for i in z.infolist()]


def rezip(items, method=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as z:
        for name, body in items:
            z.writestr(name if isinstance(name, zipfile.ZipInfo) else zipfile.ZipInfo(name), body)
    return out.getvalue()


def changed(data: bytes, change=None, drop=(), add=()) -> bytes:
    """`data` with members changed (`change(name, body)` → body), dropped or added."""
    items = []
    for info, body in members(data):
        if info.filename in drop:
            continue
        if change is not None:
            body = change(info.filename, body)
        items.append((info.filename, body))
    items.extend(add)
    return rezip(items)


def local_data_offset(data: bytes, name: str) -> tuple[int, int]:
    """Where `name`'s compressed bytes start in the zip, and how many there are."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo(name)
    h = info.header_offset
    n, m = struct.unpack("<HH", data[h + 26:h + 30])
    return h + 30 + n + m, info.compress_size


def flip(data: bytes, at: int) -> bytes:
    b = bytearray(data)
    b[at] ^= 0xFF
    return bytes(b)


def document_with(body: str, numbering: str | None = None) -> bytes:
    """A minimal package whose document body is `body` (and numbering part, if given)."""
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
          'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
          f'<Override PartName="/word/document.xml" ContentType="{MAIN_CT}"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    doc_rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                'package/2006/relationships">'
                + ('<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships/numbering" Target="numbering.xml"/>' if numbering else "")
                + "</Relationships>")
    items = [("[Content_Types].xml", ct), ("_rels/.rels", rels), ("word/_rels/document.xml.rels", doc_rels),
             ("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}'
                                   "</w:body></w:document>")]
    if numbering:
        items.append(("word/numbering.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {W}>'
                                            f"{numbering}</w:numbering>"))
    return rezip(items)


def para(text: str, extra: str = "") -> str:
    return f"<w:p>{extra}<w:r><w:t>{text}</w:t></w:r></w:p>"


def numbered(count: int, fmt: str, lvl_text: str = "%1、", start: int = 1) -> bytes:
    numbering = (f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
                 f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{lvl_text}"/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    ref = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    body = para("秦州区人民政府关于2024年法治政府建设情况的报告") + "".join(
        para(f"第{i}项工作已完成。", ref) for i in range(count))
    return document_with(body, numbering)


def nested_tables(depth: int) -> bytes:
    inner = para("最里层：受理行政复议案件65件。")
    for d in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{para(f'第{d}层')}{inner}</w:tc></w:tr></w:tbl>"
    return document_with(para("秦州区人民政府关于2024年法治政府建设情况的报告") + inner + para("正文结束。"))


def raw_zip(entries: list[tuple[bytes, bytes, int]]) -> bytes:
    """A zip written by hand: (name bytes, data, flags) stored uncompressed, to make names Python's
    zipfile would never write (GBK without the UTF-8 flag, invalid UTF-8 with it)."""
    import zlib

    out = io.BytesIO()
    central = []
    for name, body, flags in entries:
        off = out.tell()
        crc = zlib.crc32(body)
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, 0, 0, 0, crc, len(body), len(body),
                              len(name), 0) + name + body)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, 0, 0, 0, crc, len(body),
                                   len(body), len(name), 0, 0, 0, 0, 0, off) + name)
    cd = out.tell()
    for c in central:
        out.write(c)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), out.tell() - cd, cd, 0))
    return out.getvalue()


def damaged_copies(good: Path, folder: Path) -> list[tuple[Path, str]]:
    data = good.read_bytes()
    names = [i.filename for i, _ in members(data)]
    doc = dict((i.filename, b) for i, b in members(data))["word/document.xml"]
    out: list[tuple[Path, str]] = []

    def write(name: str, blob: bytes, expected: str) -> None:
        path = folder / name
        path.write_bytes(blob)
        out.append((path, expected))

    # truncated
    for frac in (0.1, 0.5, 0.9, 0.99):
        write(f"truncated_{int(frac * 100)}.docx", data[:int(len(data) * frac)], "refused")
    write("truncated_to_3_bytes.docx", data[:3], "refused")
    write("empty.docx", b"", "refused")
    # bytes flipped inside the main part's compressed stream, in its directory entry, in the end record
    start, size = local_data_offset(data, "word/document.xml")
    for k, frac in enumerate((0.05, 0.3, 0.5, 0.7, 0.95)):
        write(f"flipped_document_{k}.docx", flip(data, start + int(size * frac)), "refused")
    eocd = data.rfind(b"PK\x05\x06")
    write("flipped_end_record.docx", flip(data, eocd), "refused")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo("word/document.xml")
    entry = data.find(b"PK\x01\x02", 0)
    while entry != -1:
        nlen = struct.unpack("<H", data[entry + 28:entry + 30])[0]
        if data[entry + 46:entry + 46 + nlen] == b"word/document.xml":
            break
        entry = data.find(b"PK\x01\x02", entry + 4)
    write("flipped_crc_in_directory.docx", flip(data, entry + 16), "refused")
    write("lying_size_in_directory.docx",
          data[:entry + 24] + struct.pack("<I", max(info.file_size // 2, 1)) + data[entry + 28:], "refused")
    # members removed
    write("no_document_xml.docx", changed(data, drop={"word/document.xml"}), "refused")
    write("no_content_types.docx", changed(data, drop={"[Content_Types].xml"}), "refused")
    write("no_package_rels.docx", changed(data, drop={"_rels/.rels"}), "read")
    write("no_document_rels.docx", changed(data, drop={"word/_rels/document.xml.rels"}), "read")
    write("no_styles.docx", changed(data, drop={"word/styles.xml"}), "read")
    # members garbled
    garble = bytes(range(256)) * 40
    write("garbled_document.docx", changed(data, lambda n, b: garble if n == "word/document.xml" else b), "refused")
    write("half_document.docx", changed(data, lambda n, b: b[:len(b) // 2] if n == "word/document.xml" else b), "refused")
    write("empty_document.docx", changed(data, lambda n, b: b"" if n == "word/document.xml" else b), "refused")
    write("garbled_content_types.docx", changed(data, lambda n, b: garble if n == "[Content_Types].xml" else b), "refused")
    write("garbled_package_rels.docx", changed(data, lambda n, b: garble if n == "_rels/.rels" else b), "refused")
    write("garbled_styles.docx", changed(data, lambda n, b: garble if n == "word/styles.xml" else b), "refused")
    if "word/numbering.xml" in names:
        write("garbled_numbering.docx", changed(data, lambda n, b: garble if n == "word/numbering.xml" else b), "refused")
    header = next((n for n in names if n.startswith("word/header") or n.startswith("word/footer")), None)
    if header:
        write("garbled_footer.docx", changed(data, lambda n, b: garble if n == header else b), "read")
    write("no_body.docx", changed(data, lambda n, b: f"<w:document {W}/>".encode() if n == "word/document.xml" else b),
          "refused")
    # wrong content types
    write("main_typed_as_image.docx", changed(data, lambda n, b: b.replace(MAIN_CT.encode(), b"image/png")
                                              if n == "[Content_Types].xml" else b), "refused")
    write("main_untyped.docx", changed(data, lambda n, b: b.replace(
        f'<Override PartName="/word/document.xml" ContentType="{MAIN_CT}"/>'.encode(), b"")
        if n == "[Content_Types].xml" else b), "refused")
    # huge attributes (past libxml2's 10 MB bound, and below it) and deep nesting
    huge = doc.replace(b"<w:body>", b'<w:body><w:p><w:pPr><w:pStyle w:val="' + b"A" * (11 * 2**20) + b'"/></w:pPr></w:p>', 1)
    write("huge_attribute.docx", changed(data, lambda n, b: huge if n == "word/document.xml" else b), "refused")
    large = doc.replace(b"<w:body>", b'<w:body><w:p><w:pPr><w:pStyle w:val="' + b"A" * (2 * 2**20) + b'"/></w:pPr>'
                        b"<w:r><w:t>x</w:t></w:r></w:p>", 1)
    write("large_attribute.docx", changed(data, lambda n, b: large if n == "word/document.xml" else b), "read")
    deep = doc.replace(b"<w:body>", b"<w:body>" + b"<w:sdt><w:sdtContent>" * 100_000
                       + b"</w:sdtContent></w:sdt>" * 100_000, 1)
    write("nested_100000_deep.docx", changed(data, lambda n, b: deep if n == "word/document.xml" else b), "refused")
    shallow = doc.replace(b"<w:body>", b"<w:body>" + b"<w:sdt><w:sdtContent>" * 100 + para("嵌套的段落。").encode()
                          + b"</w:sdtContent></w:sdt>" * 100, 1)
    write("nested_100_deep.docx", changed(data, lambda n, b: shallow if n == "word/document.xml" else b), "read")
    write("doctype_entities.docx", changed(data, lambda n, b: b.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaa">]>', 1)
                                           if n == "word/document.xml" else b), "refused")
    # a main part not named .xml: legal; read, and within the limits however large
    def renamed(n, b):
        if n in ("_rels/.rels", "[Content_Types].xml"):
            return b.replace(b"word/document.xml", b"word/main.bin").replace(b"/word/document.xml", b"/word/main.bin")
        return b
    items = [("word/main.bin" if i.filename == "word/document.xml" else i.filename, renamed(i.filename, b))
             for i, b in members(data)]
    items = [("word/_rels/main.bin.rels" if n == "word/_rels/document.xml.rels" else n, b) for n, b in items]
    write("main_part_named_bin.docx", rezip(items), "read")
    big_main = [(n, (b.replace(b"<w:body>", b"<w:body>" + para("很长的正文" * 10).encode() * 200_000, 1)
                     if n == "word/main.bin" else b)) for n, b in items]
    write("main_part_named_bin_bomb.docx", rezip(big_main), "refused")
    # six large headers (each just under the part limit, together far over it), a header of 30,000 paragraphs
    def with_headers(parts: dict[str, bytes]) -> bytes:
        extra = b"".join(b'<Relationship Id="rIdX%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                         b'relationships/header" Target="%s"/>' % (k, n.split("/")[-1].encode())
                         for k, n in enumerate(parts))
        return changed(data, lambda n, b: b.replace(b"</Relationships>", extra + b"</Relationships>")
                       if n == "word/_rels/document.xml.rels" else b, add=list(parts.items()))

    big = f'<w:hdr {W}><w:p><w:r><w:t>'.encode() + b"x" * (39 * 2**20 - 200) + b"</w:t></w:r></w:p></w:hdr>"
    write("six_large_headers.docx", with_headers({f"word/hx{k}.xml": big for k in range(6)}), "refused")
    del big
    many = (f'<w:hdr {W}>' + para("页眉") * 30_000 + "</w:hdr>").encode()
    write("header_of_30000_paragraphs.docx", with_headers({"word/hmany.xml": many}), "refused")
    # numbering: a small definition that would expand hugely, a start beyond Word's, counting past 99
    write("numbering_label_bomb.docx", numbered(2000, "decimal", "%1" * 5000), "read")
    write("numbering_roman_start_2_31.docx", numbered(50, "upperRoman", "%1.", start=2**31), "read")
    write("numbering_chinese_past_99.docx", numbered(150, "chineseCounting"), "read")
    write("numbering_legal_past_99.docx", numbered(150, "chineseLegalSimplified"), "read")
    # UTF-16 parts: an odd byte, a lone surrogate, and a good one
    xml16 = ('<?xml version="1.0" encoding="UTF-16"?>' + doc.decode("utf-8").split("?>", 1)[1]).encode("utf-16")
    write("utf16_document.docx", changed(data, lambda n, b: xml16 if n == "word/document.xml" else b), "read")
    write("utf16_odd_byte.docx", changed(data, lambda n, b: xml16 + b"\x00" if n == "word/document.xml" else b),
          "refused")
    lone = xml16.replace("报告".encode("utf-16-le"), b"\x00\xd8\x41\x00", 1)
    write("utf16_lone_surrogate.docx", changed(data, lambda n, b: lone if n == "word/document.xml" else b), "refused")
    # zip names: GBK without the UTF-8 flag (legal), invalid UTF-8 with it
    entries = [(i.filename.encode(), b, 0) for i, b in members(data)]
    write("gbk_member_names.docx", raw_zip(entries + [("word/media/图片一.png".encode("gbk"), b"\x89PNG", 0)]), "read")
    write("invalid_utf8_flagged_name.docx", raw_zip(entries + [(b"word/\xff\xfe.xml", b"<x/>", 0x800)]), "refused")
    # nested tables: read once each, in linear time
    write("nested_tables_20.docx", nested_tables(20), "read")
    write("nested_tables_2.docx", nested_tables(2), "read")
    # zip oddities: an encrypted member, an unknown compression method, too many members, a bomb
    enc = bytearray(raw_zip([(i.filename.encode(), b, 0) for i, b in members(data)]))
    pos = enc.find(b"word/document.xml")
    lh = enc.rfind(b"PK\x03\x04", 0, pos)
    enc[lh + 6] |= 1
    ch = enc.find(b"PK\x01\x02")
    while ch != -1:
        nlen = struct.unpack("<H", enc[ch + 28:ch + 30])[0]
        if enc[ch + 46:ch + 46 + nlen] == b"word/document.xml":
            enc[ch + 8] |= 1
            break
        ch = enc.find(b"PK\x01\x02", ch + 4)
    write("encrypted_member.docx", bytes(enc), "refused")
    method = bytearray(raw_zip([(i.filename.encode(), b, 0) for i, b in members(data)]))
    pos = method.find(b"word/document.xml")
    lh = method.rfind(b"PK\x03\x04", 0, pos)
    method[lh + 8:lh + 10] = struct.pack("<H", 9)  # deflate64
    ch = method.find(b"PK\x01\x02")
    while ch != -1:
        nlen = struct.unpack("<H", method[ch + 28:ch + 30])[0]
        if method[ch + 46:ch + 46 + nlen] == b"word/document.xml":
            method[ch + 10:ch + 12] = struct.pack("<H", 9)
            break
        ch = method.find(b"PK\x01\x02", ch + 4)
    write("deflate64_member.docx", bytes(method), "refused")
    write("6000_members.docx", changed(data, add=[(f"customXml/extra{k}.xml", "<x/>") for k in range(6000)]), "refused")
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as z:
        for i, b in members(data):
            z.writestr(i.filename, b)
        with z.open("word/unused.xml", "w", force_zip64=True) as dst:
            chunk = b"<" * (4 * 2**20)
            for _ in range(50):
                dst.write(chunk)
    write("unreferenced_bomb_member.docx", bomb.getvalue(), "refused")
    write("relationship_outside_package.docx", changed(data, lambda n, b: b.replace(b'Target="word/document.xml"',
          b'Target="../../../etc/passwd"') if n == "_rels/.rels" else b), "read")
    write("relationship_to_missing_part.docx", changed(data, lambda n, b: b.replace(b'Target="word/document.xml"',
          b'Target="word/nothing.xml"') if n == "_rels/.rels" else b), "refused")
    write("two_million_characters.docx", document_with(para("法治政府建设" * 20_000) * 20), "refused")
    # not a zip at all
    write("text_named_docx.docx", "这其实是一个文本文件。".encode("utf-8") * 100, "refused")
    write("ole_named_docx.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096, "refused")
    # text files: UTF-16 with an odd byte and with a lone surrogate
    write("utf16_odd_byte.txt", "\ufeff2024年法治政府建设情况。".encode("utf-16-le") + b"\x00", "refused")
    write("utf16_lone_surrogate.txt", b"\xff\xfe" + "2024年".encode("utf-16-le") + b"\x00\xd8" + "法治".encode("utf-16-le"),
          "refused")
    return out
