"""Word .docx drafts: safety checks on the zip, then python-docx, then a walk of the body XML.

The walk reads text as Word shows it with tracked changes accepted: insertions kept, deletions
and moved-from text dropped, field results kept and field codes dropped, Word's own list numbers
(numbering.xml) rendered into the text so a `一、` that is only numbering is still seen.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import InputError
from ..text import int_to_cn
from .raw import RawParagraph

# Limits well above any real report (a 20-page draft's document.xml is ~0.5 MB).
MAX_PART_BYTES = 40 * 1024 * 1024
MAX_TOTAL_BYTES = 300 * 1024 * 1024
MAX_RATIO = 200  # uncompressed/compressed for XML parts larger than 1 MB
MAX_MEMBERS = 5000

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIP = {W + "del", W + "moveFrom", W + "txbxContent", MC + "Fallback", W + "pPr", W + "rPr",
         W + "instrText", W + "delText", W + "footnoteReference", W + "endnoteReference",
         W + "commentReference", W + "delInstrText"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_ole(path: Path, head: bytes) -> InputError | None:
    """An OLE2 compound file is a legacy .doc/.wps or an encrypted .docx; say which."""
    if not head.startswith(_OLE_MAGIC):
        return None
    with path.open("rb") as fh:
        blob = fh.read(4 * 1024 * 1024)
    if "EncryptedPackage".encode("utf-16-le") in blob or b"EncryptedPackage" in blob:
        return InputError(path, "文档已加密（设置了打开密码），无法读取；请在 Word/WPS 中取消密码后另存为 .docx")
    kind = "WPS 文字 .wps" if path.suffix.lower() == ".wps" else "旧版 Word .doc"
    return InputError(path, f"这是{kind}格式，不是 .docx；请在 Word/WPS 中“另存为”Word 文档(.docx)后再检查")


def _check_zip(path: Path) -> None:
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise InputError(path, "不是有效的 .docx 文件（不是 zip 格式，可能已损坏或只是改了扩展名）") from None
    except OSError as exc:
        raise InputError(path, f"无法读取文件：{exc.strerror or exc}") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise InputError(path, f"压缩包内文件过多（{len(infos)} 个），不像 Word 文档")
        names = {i.filename for i in infos}
        if "[Content_Types].xml" not in names or not any(
                n.startswith("word/") and n.endswith(".xml") for n in names):
            if "EncryptedPackage" in names:
                raise InputError(path, "文档已加密，无法读取")
            raise InputError(path, "是 zip 压缩包，但里面没有 Word 文档内容（缺少 word/document.xml），不是 .docx")
        total = 0
        for info in infos:
            total += info.file_size
            if info.file_size > MAX_PART_BYTES and info.filename.endswith((".xml", ".rels")):
                raise InputError(path, f"文档内部件 {info.filename} 解压后达 {info.file_size // 2**20} MB，"
                                       "超出合理范围（疑似压缩炸弹），拒绝读取")
            if (info.filename.endswith((".xml", ".rels")) and info.file_size > 2**20
                    and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
                raise InputError(path, f"文档内部件 {info.filename} 压缩比异常（疑似压缩炸弹），拒绝读取")
        if total > MAX_TOTAL_BYTES:
            raise InputError(path, f"文档解压后共 {total // 2**20} MB，超出合理范围，拒绝读取")
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                try:
                    data = zf.read(info)
                except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as exc:
                    raise InputError(path, f"文档已损坏，无法解压 {info.filename}（{exc}）") from None
                # OOXML never uses a DTD; one here is an entity-expansion attack or not Word's.
                if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
                    raise InputError(path, f"文档部件 {info.filename} 含有 DTD/实体声明，Word 文档不应有，拒绝读取")


def read_docx(path: Path) -> list[RawParagraph]:
    _check_zip(path)
    import docx  # lazy: python-docx costs start-up time other commands do not pay
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(path, f"无法作为 Word 文档打开：{exc}") from None
    except Exception as exc:  # lxml syntax errors and the like: a damaged document
        raise InputError(path, f"文档已损坏，无法解析（{type(exc).__name__}）") from None
    styles = _Styles(document)
    numbering = _Numbering(document, styles)
    out: list[RawParagraph] = []
    _walk_block(document.element.body, out, styles, numbering, None, [0])
    out.extend(_margins(document, styles, numbering))
    return out


_MARGIN_STYLE = {"header": "页眉", "footer": "页脚"}


def _margins(document, styles, numbering) -> list[RawParagraph]:
    """Paragraphs of the page headers and footers, after the body, styled 页眉/页脚 so the reader
    keeps them out of the report's structure (a header repeated on every page is read once)."""
    out: list[RawParagraph] = []
    seen: set[tuple[str, str]] = set()
    try:
        rels = list(document.part.rels.values())
    except Exception:
        return out
    for rel in rels:
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind not in _MARGIN_STYLE or rel.is_external:
            continue
        try:
            root = rel.target_part.element
        except Exception:  # a header part python-docx cannot parse: the body is still read
            continue
        found: list[RawParagraph] = []
        _walk_block(root, found, styles, numbering, None, [0])
        for para in found:
            key = (kind, para.text)
            if key in seen:
                continue
            seen.add(key)
            para.style = _MARGIN_STYLE[kind]
            para.in_table, para.cell = False, None
            out.append(para)
    return out


def _walk_block(parent, out, styles, numbering, cell, tables):
    """Paragraphs in body order; a table cell's paragraphs carry (table, row, column)."""
    for child in parent:
        tag = child.tag
        if tag == W + "p":
            para = _paragraph(child, styles, numbering, cell)
            if para is not None:
                out.append(para)
        elif tag == W + "tbl":
            tables[0] += 1
            table = tables[0]
            # direct rows only: a nested table's rows are read when its own cell is walked
            for r, row in enumerate(_rows(child)):
                for c, tc in enumerate(row.iterchildren(W + "tc")):
                    _walk_block(tc, out, styles, numbering, (table, r, c), tables)
        elif tag in (W + "sdt", W + "customXml", W + "ins", W + "moveTo"):
            content = child.find(W + "sdtContent") if tag == W + "sdt" else child
            if content is not None:
                _walk_block(content, out, styles, numbering, cell, tables)


def _rows(tbl):
    for child in tbl:
        if child.tag == W + "tr":
            yield child
        elif child.tag in (W + "sdt", W + "customXml"):  # rows wrapped in a content control
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                yield from _rows(content)


def _text_of(el, parts: list[str]) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == W + "t":
            parts.append(child.text or "")
        elif tag == W + "tab" or tag == W + "ptab":
            parts.append("\t")
        elif tag in (W + "br", W + "cr"):
            if child.get(W + "type") not in ("page", "column"):
                parts.append("\n")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        else:
            _text_of(child, parts)


def _paragraph(p, styles, numbering, cell) -> RawParagraph | None:
    parts: list[str] = []
    _text_of(p, parts)
    text = "".join(parts).replace("\t", " ")
    if not text.strip():
        return None
    ppr = p.find(W + "pPr")
    style_id = None
    outline = None
    num = None
    if ppr is not None:
        ps = ppr.find(W + "pStyle")
        if ps is not None:
            style_id = ps.get(W + "val")
        ol = ppr.find(W + "outlineLvl")
        if ol is not None:
            outline = _outline(ol.get(W + "val"))
        num = _num_ref(ppr.find(W + "numPr"))
    if outline is None:
        outline = styles.outline(style_id)
    if num is None:
        num = styles.num(style_id)
    label = numbering.label(*num) if num else None
    lines = [ln.strip() for ln in text.split("\n")]
    text = "\n".join(ln for ln in lines if ln)
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


class _Styles:
    """Paragraph styles: display name, outline level and list numbering, following basedOn."""

    def __init__(self, document):
        self._by_id: dict[str, object] = {}
        try:
            root = document.styles.element
        except Exception:
            return
        for st in root.iterchildren(W + "style"):
            sid = st.get(W + "styleId")
            if sid:
                self._by_id[sid] = st

    def _chain(self, sid):
        seen = set()
        while sid and sid in self._by_id and sid not in seen:
            seen.add(sid)
            st = self._by_id[sid]
            yield st
            based = st.find(W + "basedOn")
            sid = based.get(W + "val") if based is not None else None

    def name(self, sid):
        if not sid:
            return None
        st = self._by_id.get(sid)
        if st is None:
            return sid
        n = st.find(W + "name")
        return n.get(W + "val") if n is not None else sid

    def outline(self, sid):
        for st in self._chain(sid):
            ppr = st.find(W + "pPr")
            if ppr is not None and ppr.find(W + "outlineLvl") is not None:
                return _outline(ppr.find(W + "outlineLvl").get(W + "val"))
            n = st.find(W + "name")
            name = (n.get(W + "val") if n is not None else "").lower()
            if name.startswith("heading ") and name[8:].isdigit():
                return int(name[8:])
        return None

    def num(self, sid):
        for st in self._chain(sid):
            ppr = st.find(W + "pPr")
            if ppr is not None and ppr.find(W + "numPr") is not None:
                ref = _num_ref(ppr.find(W + "numPr"))
                if ref:
                    return ref
        return None


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
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedParen": lambda n: chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})",
    "upperLetter": lambda n: chr(ord("A") + (n - 1) % 26),
    "lowerLetter": lambda n: chr(ord("a") + (n - 1) % 26),
    "upperRoman": lambda n: _roman(n),
    "lowerRoman": lambda n: _roman(n).lower(),
}


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


class _Numbering:
    """Renders the labels Word draws for list paragraphs, counting as Word does."""

    def __init__(self, document, styles):
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        try:
            part = document.part.numbering_part
            root = part.element
        except Exception:
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
                levels[ilvl] = (s, fmt.get(W + "val") if fmt is not None else "decimal",
                                txt.get(W + "val") if txt is not None else "")
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
                        overrides[int(ov.get(W + "ilvl"))] = int(so.get(W + "val"))
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
