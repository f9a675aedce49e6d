"""Word .docx drafts: the package read by hand (zip, relationships, content types), its few XML parts
parsed safely, then a walk of the body XML.

python-docx is not used to read: it loads and parses every part of the package (images, themes,
settings …) before the first paragraph, which costs time and lets a part with an odd name or a huge
header through unchecked. Here only the parts a report's text lives in are opened — the main document
(found through the package relationships, whatever its name), its styles, numbering, headers and
footers — each within the size limits (writer.reader.limits) and parsed without DTDs, entities or the
network.

The walk reads text as Word shows it with tracked changes accepted: insertions kept, deletions
and moved-from text dropped, field results kept and field codes dropped, Word's own list numbers
(numbering.xml) rendered into the text so a `一、` that is only numbering is still seen.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path

from ..errors import InputError
from ..fsutil import os_error_cn
from ..text import int_to_cn
from .limits import Limits, current
from .raw import RawParagraph

# kept for callers that check a zip before python-docx opens it (the template of `new`)
MAX_MEMBERS = 5000

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_SKIP = {W + "del", W + "moveFrom", W + "txbxContent", MC + "Fallback", W + "pPr", W + "rPr",
         W + "instrText", W + "delText", W + "footnoteReference", W + "endnoteReference",
         W + "commentReference", W + "delInstrText"}
_STRICT = "{http://purl.oclc.org/ooxml/"  # ISO 29500 Strict: the same parts in other namespaces
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# what the main part of a Word document may be (document, template, with macros)
_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}


def sniff_ole(path: Path, head: bytes, data: bytes | None = None) -> InputError | None:
    """An OLE2 compound file is a legacy .doc/.wps or an encrypted .docx; say which."""
    if not head.startswith(_OLE_MAGIC):
        return None
    if data is None:
        with path.open("rb") as fh:
            data = fh.read(4 * 1024 * 1024)
    blob = data[:4 * 1024 * 1024]
    if "EncryptedPackage".encode("utf-16-le") in blob or b"EncryptedPackage" in blob:
        return InputError(path, "文档已加密（设置了打开密码），无法读取；请在 Word/WPS 中取消密码后另存为 .docx")
    kind = "WPS 文字 .wps" if path.suffix.lower() == ".wps" else "旧版 Word .doc"
    return InputError(path, f"这是{kind}格式，不是 .docx；请在 Word/WPS 中“另存为”Word 文档(.docx)后再检查")


def shown(name: str) -> str:
    """A zip member's name fit for a message: control and undecodable characters as '?', not too long."""
    clean = "".join(c if c.isprintable() and not 0xD800 <= ord(c) <= 0xDFFF else "?" for c in name)
    return clean if len(clean) <= 80 else clean[:77] + "..."


def _mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB" if n >= 2**20 else f"{n // 1024} KB"


class Parsed:
    """A .docx's bytes and the parts the text reader parsed, handed on to the layout reader
    (reader.layout) with the report, so the FM rules parse no part twice. Only the reader's own
    bytes of the file are handed on (read_report without `data`). A pickled or copied report carries
    an empty one, and the layout reader then reads the file itself."""

    __slots__ = ("data", "limits", "parts", "body", "walked")

    def __init__(self, data: bytes | None, limits: Limits | None = None):
        self.data = data
        self.limits = limits
        self.parts: dict[str, object] = {}  # lower-case part name → its parsed root
        self.body = None  # the main part's w:body, as parsed in `parts`
        self.walked: list = []  # every paragraph of `body` as the text reader walked it (Walked), in order

    def __reduce__(self):
        return Parsed, (None,)


class Package:
    """A .docx as a zip of parts: sizes checked on the central directory before anything is inflated,
    every part read through `read` (size-capped, errors in Chinese) and `xml` (parsed safely).
    `parsed`: parts another reader parsed from the same bytes under the same limits, reused (and
    the parts parsed here are kept there)."""

    def __init__(self, path: Path, data: bytes, limits: Limits | None = None, parsed: Parsed | None = None):
        self.path = path
        self.limits = limits or current()
        self.opened = 0  # bytes of XML parsed so far
        ok = parsed is not None and parsed.data is data and parsed.limits == self.limits
        self.parsed = parsed.parts if ok else None
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except zipfile.BadZipFile:
            raise InputError(path, "不是有效的 .docx 文件（不是 zip 格式，可能已损坏或只是改了扩展名）") from None
        except Exception as exc:  # a name flagged UTF-8 that is not, a damaged directory …
            raise InputError(path, f"不是有效的 .docx 文件（zip 目录已损坏：{type(exc).__name__}）") from None
        if len(infos) > MAX_MEMBERS:
            raise InputError(path, f"压缩包内文件过多（{len(infos)} 个），不像 Word 文档")
        part_max = self.limits.part_bytes
        for info in infos:
            # every member, whatever its name: the main part may be called anything. A bomb is judged
            # by its ratio: a 60 MB photo stored as it is is no bomb (and is never read: `read` caps
            # the parts that are)
            if info.file_size > part_max and info.file_size > _BOMB_RATIO * max(info.compress_size, 1):
                raise InputError(path, f"文档内部件 {shown(info.filename)} 解压后达 {_mb(info.file_size)}，"
                                       f"超过单个部件的上限 {_mb(part_max)}（疑似压缩炸弹；"
                                       "确需读取可在 fzwriter.toml 的 [limits] 中调大 max_part_mb）")
        self.by_name = {}
        for info in infos:
            self.by_name.setdefault(info.filename.lower(), info)

    def close(self) -> None:
        self.zip.close()

    def has(self, name: str) -> bool:
        return name.lower() in self.by_name

    def read(self, name: str) -> bytes:
        info = self.by_name.get(name.lower())
        if info is None:
            raise InputError(self.path, f"文档已损坏：缺少部件 {shown(name)}")
        cap = self.limits.part_bytes
        self._count(info)
        try:
            with self.zip.open(info) as fh:
                data = fh.read(cap + 1)
        except Exception as exc:  # bad CRC, a damaged deflate stream, an encrypted member …
            raise InputError(self.path, f"文档已损坏，无法解压 {shown(info.filename)}（{type(exc).__name__}）") from None
        if len(data) > cap:
            raise InputError(self.path, f"文档内部件 {shown(info.filename)} 解压后超过 {_mb(cap)}，拒绝读取")
        return data

    def _count(self, info) -> None:
        cap = self.limits.part_bytes
        self.opened += info.file_size
        if self.opened > 2 * cap:
            raise InputError(self.path, f"文档各部件解压后合计超过 {_mb(2 * cap)}，超出合理范围，拒绝读取"
                                        "（确需读取可在 fzwriter.toml 的 [limits] 中调大 max_part_mb）")

    def xml(self, name: str, lenient: bool = False):
        """`name` parsed; with `lenient`, None when it is not well-formed XML (sizes are still checked)."""
        if self.parsed is not None:
            root = self.parsed.get(name.lower())
            if root is not None:
                # parsed before from the same bytes: counted as read all the same, so the limits
                # refuse what they refused when every reader parsed for itself
                self._count(self.by_name[name.lower()])
                return root
        root = self._parse(name, lenient)
        if self.parsed is not None and root is not None:
            self.parsed[name.lower()] = root
        return root

    def _parse(self, name: str, lenient: bool):
        data = self.read(name)
        # OOXML never uses a DTD; one here is an entity-expansion attack or not Word's
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            raise InputError(self.path, f"文档部件 {shown(name)} 含有 DTD/实体声明，Word 文档不应有，拒绝读取")
        from lxml import etree

        if len(data) > _PRESCAN_BYTES:
            self._prescan(name, data)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                                 remove_comments=True, remove_pis=True)
        try:
            root = etree.fromstring(data, parser)
        except Exception as exc:  # XMLSyntaxError, a wrong encoding, depth or size beyond libxml2's limits
            if lenient:
                return None
            why = str(exc).split(",")[0][:60] if str(exc) else type(exc).__name__
            raise InputError(self.path, f"文档已损坏，部件 {shown(name)} 不是合法的 XML（{why}）") from None
        if root is None:
            raise InputError(self.path, f"文档已损坏，部件 {shown(name)} 是空的")
        return root

    def _prescan(self, name: str, data: bytes) -> None:
        """A large part is counted as a stream before its tree is built: a part of a million empty
        paragraphs is refused without the gigabyte its tree would take."""
        from lxml import etree

        elements = paragraphs = 0
        cap_p = self.limits.max_paragraphs
        cap_e = cap_p * _ELEMENTS_PER_PARAGRAPH
        try:
            for _, el in etree.iterparse(io.BytesIO(data), events=("end",), resolve_entities=False,
                                         no_network=True, load_dtd=False, huge_tree=False):
                elements += 1
                if el.tag == W + "p":
                    paragraphs += 1
                if paragraphs > cap_p or elements > cap_e:
                    what = (f"段落过多（{paragraphs:,} 段以上，上限 {cap_p:,} 段）" if paragraphs > cap_p
                            else f"XML 元素过多（{elements:,} 个以上）")
                    raise InputError(self.path, f"文档部件 {shown(name)} {what}，不像一份报告"
                                                "（确需检查可在 fzwriter.toml 的 [limits] 中调大 max_paragraphs）")
                # counted: dropped, with the siblings before it, so the stream keeps no tree
                el.clear()
                parent = el.getparent()
                if parent is not None:
                    while el.getprevious() is not None:
                        del parent[0]
        except InputError:
            raise
        except Exception:
            return  # not well-formed: the real parse says so in its own words

    def rels(self, part: str) -> list[tuple[str, str]]:
        """(relationship kind, target part name) of `part`'s internal relationships."""
        folder, base = posixpath.split(part)
        name = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(name):
            return []
        out = []
        for rel in self.xml(name).iter(_RELS + "Relationship"):
            kind, target = rel.get("Type") or "", rel.get("Target") or ""
            if rel.get("TargetMode") == "External" or not target:
                continue
            target = target.split("#", 1)[0]
            full = posixpath.normpath(target.lstrip("/") if target.startswith("/")
                                      else posixpath.join(folder, target))
            if full.startswith(".."):
                continue
            out.append((kind.rsplit("/", 1)[-1], full))
        return out

    def content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        if not self.has("[Content_Types].xml"):
            if self.has("EncryptedPackage"):
                raise InputError(self.path, "文档已加密，无法读取")
            what = "[Content_Types].xml" if self.has("word/document.xml") else "word/document.xml"
            raise InputError(self.path, f"是 zip 压缩包，但里面没有 Word 文档内容（缺少 {what}），不是 .docx 或已损坏")
        root = self.xml("[Content_Types].xml")
        defaults = {(d.get("Extension") or "").lower(): d.get("ContentType") or "" for d in root.iter(_CT + "Default")}
        overrides = {(o.get("PartName") or "").lstrip("/").lower(): o.get("ContentType") or ""
                     for o in root.iter(_CT + "Override")}
        return defaults, overrides

    def main_part(self) -> str:
        """The main document part: named by the package relationship, typed as Word's main part."""
        defaults, overrides = self.content_types()
        mains = [t for k, t in self.rels("") if k == "officeDocument"] if self.has("_rels/.rels") else []
        if not mains:  # no package relationships: the part the content types call main
            mains = [name for name, ct in overrides.items() if ct in _MAIN_TYPES]
        if not mains:
            if self.has("EncryptedPackage"):
                raise InputError(self.path, "文档已加密，无法读取")
            raise InputError(self.path, "是 zip 压缩包，但里面没有 Word 文档内容（缺少 word/document.xml），不是 .docx")
        main = mains[0]
        if not self.has(main):
            raise InputError(self.path, f"文档已损坏：主文档部件 {shown(main)} 不在压缩包中")
        ct = overrides.get(main.lower()) or defaults.get(posixpath.splitext(main)[1].lstrip(".").lower(), "")
        if ct not in _MAIN_TYPES and not (ct.endswith(".main+xml") and ("wordprocessingml" in ct or "ms-word" in ct)):
            raise InputError(self.path, f"文档已损坏：[Content_Types].xml 未把 {shown(main)} 声明为 Word 文档"
                                        f"（{shown(ct) or '没有声明类型'}），Word 也无法打开")
        return main


def _check_zip(path: Path) -> None:
    """Refuse a file that is not a Word package or exceeds the limits (a template before python-docx)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(path, f"无法读取文件：{os_error_cn(exc)}") from None
    pkg = Package(Path(path), data)
    try:
        pkg.main_part()
    finally:
        pkg.close()


def read_docx(path: Path, data: bytes | None = None, limits: Limits | None = None,
              notes: list[str] | None = None, parsed: Parsed | None = None) -> list[RawParagraph]:
    """The paragraphs of a .docx (body, then page headers and footers), read from `data` (the file's
    bytes) or from `path`; the parts parsed are kept in `parsed` (made for these bytes and limits)."""
    if data is None:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise InputError(path, f"无法读取文件：{os_error_cn(exc)}") from None
    limits = limits or current()
    pkg = Package(path, data, limits, parsed)
    try:
        main = pkg.main_part()
        rels = pkg.rels(main)
        by_kind: dict[str, list[str]] = {}
        for kind, target in rels:
            by_kind.setdefault(kind, []).append(target)
        styles = _Styles(_optional(pkg, by_kind.get("styles")))
        numbering = _Numbering(_optional(pkg, by_kind.get("numbering")))
        root = pkg.xml(main)
        body = root.find(W + "body")
        if body is None and isinstance(root.tag, str) and root.tag.startswith(_STRICT):
            raise InputError(path, "是“Strict Open XML 文档”格式（Word 另存为时的一种选项），fzwriter 读不了这种格式；"
                                   "请在 Word 中打开，另存为“Word 文档(*.docx)”后再检查")
        if body is None:
            raise InputError(path, f"文档已损坏：主文档部件 {shown(main)} 中没有正文（w:body）")
        counted = _count_paragraphs(body, 0, limits, path)
        chunks = sum(1 for _ in body.iter(W + "altChunk"))
        if chunks and notes is not None:
            notes.append(f"{path}：文档中有 {chunks} 处嵌入的外部内容（altChunk，如粘贴进来的网页），Word 会显示，"
                         "fzwriter 读不到其中的文字，这部分未检查；可在 Word 中打开后另存一次，使它成为正文")
        out: list[RawParagraph] = []
        keep = pkg.parsed is not None
        walked: list | None = [] if keep else None
        _walk_block(body, out, styles, numbering, walked)
        if keep:  # the layout reader walks the same paragraphs: their pieces go with the tree
            parsed.body, parsed.walked = body, walked
        del root, body  # without a layout reader to keep it, the tree is freed before the headers are parsed
        seen_parts: set[str] = set()
        margins: list[tuple[str, str]] = []
        for kind, target in rels:
            if kind in _MARGIN_STYLE and target.lower() not in seen_parts and pkg.has(target):
                seen_parts.add(target.lower())
                margins.append((kind, target))
        out.extend(_margins(pkg, margins, styles, numbering, counted, limits, path))
    finally:
        pkg.close()
    chars = sum(len(p.text) for p in out)
    if chars > limits.max_chars:
        raise InputError(path, f"文字过多（{chars:,} 字，上限 {limits.max_chars:,} 字），不像一份报告"
                               "（确需检查可在 fzwriter.toml 的 [limits] 中调大 max_chars）")
    return out


def _optional(pkg: Package, targets: list[str] | None):
    """The first of `targets` that is in the package, parsed; None when there is none."""
    for t in targets or []:
        if pkg.has(t):
            return pkg.xml(t)
    return None


def _count_paragraphs(root, before: int, limits: Limits, path: Path) -> int:
    n = before + sum(1 for _ in root.iter(W + "p"))
    if n > limits.max_paragraphs:
        raise InputError(path, f"段落过多（{n:,} 段以上，上限 {limits.max_paragraphs:,} 段），不像一份报告"
                               "（确需检查可在 fzwriter.toml 的 [limits] 中调大 max_paragraphs）")
    return n


_MARGIN_STYLE = {"header": "页眉", "footer": "页脚"}


def _margins(pkg: Package, parts: list[tuple[str, str]], styles, numbering, counted: int, limits: Limits,
             path: Path) -> list[RawParagraph]:
    """Paragraphs of the page headers and footers, after the body, styled 页眉/页脚 so the reader
    keeps them out of the report's structure (a header repeated on every page is read once)."""
    out: list[RawParagraph] = []
    seen: set[tuple[str, str]] = set()
    for kind, target in parts:
        root = pkg.xml(target, lenient=True)
        if root is None:  # a header Word would show as damaged: the body is still read
            continue
        counted = _count_paragraphs(root, counted, limits, path)
        found: list[RawParagraph] = []
        _walk_block(root, found, styles, numbering)
        del root
        for para in found:
            key = (kind, para.text)
            if key in seen:
                continue
            seen.add(key)
            para.style = _MARGIN_STYLE[kind]
            para.in_table, para.cell = False, None
            out.append(para)
    return out


def block_paragraphs(parent, cell=None, tables=None):
    """(w:p, cell) in body order, cell being (table, row, column) for a table cell's paragraph. The
    one walk of a block: the reader's and --annotate's paragraphs are the same, in the same order."""
    if tables is None:
        tables = [0]
    for child in parent:
        tag = child.tag
        if tag == W + "p":
            yield child, cell
        elif tag == W + "tbl":
            tables[0] += 1
            table = tables[0]
            # direct rows only: a nested table's rows are read when its own cell is walked
            for r, row in enumerate(_rows(child)):
                for c, tc in enumerate(row.iterchildren(W + "tc")):
                    yield from block_paragraphs(tc, (table, r, c), tables)
        elif tag in (W + "sdt", W + "customXml", W + "ins", W + "moveTo"):
            content = child.find(W + "sdtContent") if tag == W + "sdt" else child
            if content is not None:
                yield from block_paragraphs(content, cell, tables)


class Walked:
    """A w:p as the text reader walked it: its cell, its text pieces (text_pieces) and their text
    joined, and, once it is known not to be blank, its w:pPr (None when it has none) with the first
    child of each tag in it. The layout reader reads the same paragraphs from these."""

    __slots__ = ("p", "cell", "pieces", "raw", "ppr", "kids")

    def __init__(self, p, cell):
        self.p, self.cell = p, cell
        self.pieces: list = []
        text_pieces(p, self.pieces)
        self.raw = "".join([t for t, _ in self.pieces])
        self.ppr = _UNREAD
        self.kids: dict | None = None


_UNREAD = object()  # Walked.ppr of a blank paragraph: never looked for


def _walk_block(parent, out, styles, numbering, walked: list | None = None) -> None:
    """The paragraphs of a block into `out`; with `walked`, every w:p as a Walked too, blank ones
    included (what the layout reader walks again)."""
    for p, cell in block_paragraphs(parent):
        step = Walked(p, cell)
        if walked is not None:
            walked.append(step)
        para = _paragraph(step, styles, numbering)
        if para is not None:
            out.append(para)


def _rows(tbl):
    for child in tbl:
        if child.tag == W + "tr":
            yield child
        elif child.tag in (W + "sdt", W + "customXml"):  # rows wrapped in a content control
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                yield from _rows(content)


_T = W + "t"
_TEXT_TAGS = (_T, W + "tab", W + "ptab", W + "br", W + "cr", W + "noBreakHyphen")
# what the text is not looked for in: the skipped elements, and the text elements themselves
_OPAQUE = frozenset(_SKIP) | frozenset(_TEXT_TAGS)
_BREAKS = (W + "br", W + "cr")
_NO_BREAK_HYPHEN = W + "noBreakHyphen"
_TYPE = W + "type"


def text_pieces(p, out: list) -> None:
    """(text, run) pieces of a paragraph's text as Word shows it: w:t text, a tab as "\t", a line
    break as "\n" (with no run), a non-breaking hyphen as "-"; nothing inside a skipped element
    (deletions, text boxes, field codes, properties …). The run is the element holding the piece.
    The text elements are found by lxml's own iteration, each kept when nothing between it and the
    paragraph is skipped: a recursive walk's result, without a Python call per element."""
    for el in p.iter(*_TEXT_TAGS):
        run = el.getparent()
        up = run
        while up is not p:
            if up.tag in _OPAQUE:
                break
            up = up.getparent()
        else:
            tag = el.tag
            if tag == _T:
                if el.text:
                    out.append((el.text, run))
            elif tag in _BREAKS:
                if el.get(_TYPE) not in ("page", "column"):
                    out.append(("\n", None))
            elif tag == _NO_BREAK_HYPHEN:
                out.append(("-", run))
            else:
                out.append(("\t", run))


_PPR, _PSTYLE, _OUTLINE, _NUMPR, _VAL = W + "pPr", W + "pStyle", W + "outlineLvl", W + "numPr", W + "val"


def _props(ppr) -> dict:
    """Each child tag's first child (what ppr.find(tag) gives), in one pass."""
    out: dict = {}
    for c in ppr:
        if c.tag not in out:
            out[c.tag] = c
    return out


def _paragraph(step: Walked, styles, numbering) -> RawParagraph | None:
    text = step.raw.replace("\t", " ")
    if not text.strip():
        return None
    p, cell = step.p, step.cell
    ppr = None
    for c in p:  # p.find(w:pPr), the first child (a find parses its path on every call)
        if c.tag == _PPR:
            ppr = c
            break
    step.ppr = ppr
    style_id = None
    outline = None
    num = None
    if ppr is not None:
        kids = step.kids = _props(ppr)
        ps = kids.get(_PSTYLE)
        if ps is not None:
            style_id = ps.get(_VAL)
        ol = kids.get(_OUTLINE)
        if ol is not None:
            outline = _outline(ol.get(_VAL))
        num = _num_ref(kids.get(_NUMPR))
    if outline is None:
        outline = styles.outline(style_id)
    if num is None:
        num = styles.num(style_id)
    label = numbering.label(*num) if num else None
    if "\n" in text:
        lines = [ln.strip() for ln in text.split("\n")]
        text = "\n".join(ln for ln in lines if ln)
    else:
        text = text.strip()
    if label:
        text = label + text
    return RawParagraph(text=text, style=styles.name(style_id), outline=outline,
                        numbering=label, in_table=cell is not None, cell=cell)


def _outline(val: str | None) -> int | None:
    try:
        level = int(val) + 1
    except (TypeError, ValueError):
        return None
    return level if 1 <= level <= 9 else None  # 9 (w:val 9) means body text


def _num_ref(numpr) -> tuple[str, int] | None:
    if numpr is None:
        return None
    nid = numpr.find(W + "numId")
    ilvl = numpr.find(W + "ilvl")
    if nid is None or nid.get(W + "val") in (None, "0"):
        return None
    try:
        level = int(ilvl.get(W + "val")) if ilvl is not None else 0
    except (TypeError, ValueError):
        level = 0
    return nid.get(W + "val"), level


_UNSET = object()


class _Styles:
    """Paragraph styles: display name, outline level and list numbering, following basedOn. Each
    style is resolved once and remembered, so a chain of thousands of styles each based on the one
    before costs its length once, not once per paragraph (or per link)."""

    def __init__(self, root):
        self._by_id: dict[str, object] = {}
        self._outline: dict[str, int | None] = {}
        self._num: dict[str, tuple[str, int] | None] = {}
        self._names: dict[str, str] = {}
        if root is None:
            return
        for st in root.iterchildren(W + "style"):
            sid = st.get(W + "styleId")
            if sid:
                self._by_id[sid] = st

    def name(self, sid):
        if not sid:
            return None
        name = self._names.get(sid)
        if name is None:  # once a style: a find parses its path on every call
            st = self._by_id.get(sid)
            if st is None:
                return sid
            n = st.find(W + "name")
            name = self._names[sid] = n.get(W + "val") if n is not None else sid
        return name

    @staticmethod
    def _own_outline(st):
        ppr = st.find(W + "pPr")
        if ppr is not None and ppr.find(W + "outlineLvl") is not None:
            return _outline(ppr.find(W + "outlineLvl").get(W + "val"))
        n = st.find(W + "name")
        name = (n.get(W + "val") if n is not None else "").lower()
        if name.startswith("heading ") and name[8:].isdigit():
            return int(name[8:])
        return _UNSET

    @staticmethod
    def _own_num(st):
        ppr = st.find(W + "pPr")
        if ppr is not None and ppr.find(W + "numPr") is not None:
            ref = _num_ref(ppr.find(W + "numPr"))
            if ref:
                return ref
        return _UNSET

    def _resolve(self, sid, memo: dict, own) -> object:
        """The first value `own` gives along sid's basedOn chain (None when none does): the chain is
        walked up to the first style already known, then every style on the way is remembered."""
        if not sid or sid not in self._by_id:
            return None
        if sid in memo:
            return memo[sid]
        path: list[str] = []
        on_path: set[str] = set()
        value: object = None
        while sid and sid in self._by_id and sid not in on_path:
            if sid in memo:
                value = memo[sid]
                break
            path.append(sid)
            on_path.add(sid)
            st = self._by_id[sid]
            mine = own(st)
            if mine is not _UNSET:
                value = mine
                break
            based = st.find(W + "basedOn")
            sid = based.get(W + "val") if based is not None else None
        # the styles walked before the one that decided inherit its value; that one keeps its own
        for walked in path:
            memo[walked] = value
        return memo[path[0]] if path else value

    def outline(self, sid):
        return self._resolve(sid, self._outline, self._own_outline)

    def num(self, sid):
        return self._resolve(sid, self._num, self._own_num)


_FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: "".join(chr(ord(c) + 0xFEE0) for c in str(n)),
    "decimalHalfWidth": str,
    "chineseCounting": int_to_cn,
    "chineseCountingThousand": int_to_cn,
    "chineseLegalSimplified": lambda n: int_to_cn(n).translate(str.maketrans("一二三四五六七八九十", "壹贰叁肆伍陆柒捌玖拾")),
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "ideographZodiac": lambda n: "子丑寅卯辰巳午未申酉戌亥"[(n - 1) % 12],
    "japaneseCounting": int_to_cn,
    "taiwaneseCounting": int_to_cn,
    "taiwaneseCountingThousand": int_to_cn,  # what LibreOffice writes for Word's chineseCounting
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedParen": lambda n: chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})",
    "upperLetter": lambda n: chr(ord("A") + (n - 1) % 26),
    "lowerLetter": lambda n: chr(ord("a") + (n - 1) % 26),
    "upperRoman": lambda n: _roman(n),
    "lowerRoman": lambda n: _roman(n).lower(),
}


# deflate reaches ~1,000:1 on one repeated byte; real XML ~10:1, pictures ~1:1
_BOMB_RATIO = 100

# parts above this size are counted as a stream before their tree is built (see Package._prescan);
# a Word paragraph is rarely more than 30 elements (runs, their properties, bookmarks, fields)
_PRESCAN_BYTES = 4 * 2**20
_ELEMENTS_PER_PARAGRAPH = 100

_MAX_START = 32767
_MAX_LABEL = 40


def _roman(n: int) -> str:
    if not 1 <= n <= 3999:
        return str(n)
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


class _Numbering:
    """Renders the labels Word draws for list paragraphs, counting as Word does."""

    def __init__(self, root):
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        for an in root.iterchildren(W + "abstractNum"):
            aid = an.get(W + "abstractNumId")
            levels = {}
            for lvl in an.iterchildren(W + "lvl"):
                try:
                    ilvl = int(lvl.get(W + "ilvl"))
                except (TypeError, ValueError):
                    continue
                start = lvl.find(W + "start")
                fmt = lvl.find(W + "numFmt")
                txt = lvl.find(W + "lvlText")
                try:
                    s = int(start.get(W + "val")) if start is not None else 1
                except (TypeError, ValueError):
                    s = 1
                # Word's bounds: a start within 0..32767, a label of a few characters. A definition
                # beyond them (a start of 2**31 in Roman numerals, a label of %1 repeated 20,000
                # times) would multiply a small numbering.xml into gigabytes of text
                lvl_text = (txt.get(W + "val") or "") if txt is not None else ""
                levels[ilvl] = (min(max(s, 0), _MAX_START), fmt.get(W + "val") if fmt is not None else "decimal",
                                lvl_text if len(lvl_text) <= _MAX_LABEL else "")
            self._levels[aid] = levels
        for num in root.iterchildren(W + "num"):
            nid = num.get(W + "numId")
            ref = num.find(W + "abstractNumId")
            if nid is None or ref is None:
                continue
            overrides = {}
            for ov in num.iterchildren(W + "lvlOverride"):
                so = ov.find(W + "startOverride")
                if so is not None:
                    try:
                        overrides[int(ov.get(W + "ilvl"))] = min(max(int(so.get(W + "val")), 0), _MAX_START)
                    except (TypeError, ValueError):
                        pass
            self._nums[nid] = (ref.get(W + "val"), overrides)

    def label(self, num_id: str, ilvl: int) -> str | None:
        if num_id not in self._nums:
            return None
        aid, overrides = self._nums[num_id]
        levels = self._levels.get(aid, {})
        if ilvl not in levels:
            return None
        # lists that share an abstract definition continue unless the instance restarts
        key = num_id if overrides else aid
        counters = self._counters.setdefault(key, {})
        start, fmt, text = levels[ilvl]
        start = overrides.get(ilvl, start)
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt in ("bullet", "none") or not text:
            return None
        label = text
        for lv in range(9):
            token = f"%{lv + 1}"
            if token in label:
                if lv not in levels:
                    label = label.replace(token, "")
                    continue
                lstart, lfmt, _ = levels[lv]
                value = counters.get(lv, overrides.get(lv, lstart))
                render = _FORMATS.get(lfmt, str)
                label = label.replace(token, render(value))
        return label
