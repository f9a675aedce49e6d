"""Read Word comments back from a .docx with the standard library only: each comment's text and the
text its range covers in the body (tracked changes read as accepted, as the reader reads them)."""

from __future__ import annotations

import zipfile
from xml.etree import ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# what the reader does not count as text (writer/reader/docx.py _SKIP)
SKIP = {W + "del", W + "moveFrom", W + "txbxContent", W + "pPr", W + "rPr", W + "instrText", W + "delText",
        W + "delInstrText", "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}


def read_comments(path) -> dict[str, dict]:
    """{id: {"author", "text", "anchored"}}: `anchored` joins the paragraphs of a range with "\\n"."""
    with zipfile.ZipFile(path) as z:
        if "word/comments.xml" not in z.namelist():
            return {}
        comments = ET.fromstring(z.read("word/comments.xml"))
        body = ET.fromstring(z.read("word/document.xml"))
    out = {}
    for c in comments.iter(W + "comment"):
        paras = ["".join(t.text or "" for t in p.iter(W + "t")) for p in c.iter(W + "p")]
        out[c.get(W + "id")] = {"author": c.get(W + "author"), "text": "\n".join(paras), "anchored": None}
    open_: dict[str, list[str]] = {}

    def walk(el, in_par: bool) -> None:
        for child in el:
            tag = child.tag
            if tag in SKIP:
                continue
            if tag == W + "commentRangeStart":
                open_[child.get(W + "id")] = []
            elif tag == W + "commentRangeEnd":
                cid = child.get(W + "id")
                if cid in open_ and cid in out:
                    out[cid]["anchored"] = "".join(open_.pop(cid)).strip("\n")
            elif tag == W + "t":
                for parts in open_.values():
                    parts.append(child.text or "")
            elif tag in (W + "tab", W + "ptab"):
                for parts in open_.values():
                    parts.append(" ")
            elif tag in (W + "br", W + "cr") and child.get(W + "type") not in ("page", "column"):
                for parts in open_.values():
                    parts.append("\n")
            elif tag == W + "p":
                walk(child, True)
                for parts in open_.values():
                    parts.append("\n")
            else:
                walk(child, in_par)

    walk(body, False)
    return out
