"""Build small .docx files by hand, so tests control the exact XML Word would write."""

from __future__ import annotations

import zipfile
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
</Relationships>"""
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="CnList1"><w:name w:val="CN list 1"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
</w:styles>"""
# 一、 at level 0, （一） at level 1, 1. at level 2: the usual GB/T 9704 multilevel list
NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}">
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""


def p(text: str = "", style: str | None = None, num: tuple[int, int] | None = None, runs: list[str] | None = None) -> str:
    """A paragraph; `runs` splits the text into several w:r as Word does."""
    ppr = ""
    if style or num:
        ppr = "<w:pPr>"
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if num:
            ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr += "</w:pPr>"
    pieces = runs if runs is not None else [text]
    body = "".join(f'<w:r><w:t xml:space="preserve">{_esc(t)}</w:t></w:r>' for t in pieces)
    return f"<w:p>{ppr}{body}</w:p>"


def _esc(t: str) -> str:
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def document(body: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:document xmlns:w="{W_NS}" '
            f'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
            f"<w:body>{body}<w:sectPr/></w:body></w:document>")


def make_docx(path: Path, body: str, *, document_xml: str | None = None,
              extra: dict[str, bytes | str] | None = None, content_types: str = CT,
              doc_rels: str = DOC_RELS) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", content_types)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/_rels/document.xml.rels", doc_rels)
        zf.writestr("word/styles.xml", STYLES)
        zf.writestr("word/numbering.xml", NUMBERING)
        zf.writestr("word/document.xml", document_xml if document_xml is not None else document(body))
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


def report_to_docx(text: str, path: Path) -> Path:
    """A plain-text report as a .docx, one paragraph per line (for benchmarks and CLI tests)."""
    body = "".join(p(line.strip()) for line in text.splitlines() if line.strip())
    return make_docx(path, body)


# ------------------------------------------------------------------ drafts with a given layout

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# a short report in GB/T 9704 layout: every paragraph's role is known from its text (see _role)
LAYOUT_TEXT = """某县人民政府关于2024年法治政府建设情况的报告
市委、市政府：
2024年，某县坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，扎实推进法治政府建设，现将有关情况报告如下。
一、主要举措和成效
（一）强化组织领导。县政府常务会议专题研究法治政府建设工作4次，制定年度工作要点，明确任务分工和完成时限，压实各部门责任。
全年办理行政复议案件41件，审结38件，依法纠错5件；行政机关负责人出庭应诉率达到100%，行政诉讼败诉率同比下降。
（二）规范行政执法
全面推行行政执法三项制度，开展行政执法案卷评查，评查案卷286卷，优秀率达到85.3%，发现的问题已督促整改到位。
（三）加强行政权力制约和监督
自觉接受县人大及其常委会的法律监督和县政协的民主监督，办理人大代表建议和政协委员提案共计126件，办复率达到100%。深入推进政务公开，主动公开政府信息3200余条，依申请公开办结率100%。
二、存在的不足和原因
一是个别部门对法治政府建设重视不够；二是基层执法人员业务能力有待提高。原因主要是学习培训不够系统，考核机制还不完善。
三、党政主要负责人履行推进法治建设第一责任人职责情况
县委、县政府主要负责人认真履行推进法治建设第一责任人职责，主持召开会议专题研究法治建设重大问题，带头学法用法。
四、2025年工作安排
2025年，我县将继续深化法治政府建设，重点抓好重大行政决策程序制度落实和行政执法监督，推动法治政府建设再上新台阶。
特此报告。
某县人民政府
2025年1月20日"""

_GB_SECT = ('<w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="1247" w:gutter="0"/>'
            '<w:docGrid w:type="lines" w:linePitch="579"/>')
_PITCH = '<w:spacing w:line="579" w:lineRule="exact"/>'
_INDENT = '<w:ind w:firstLineChars="200" w:firstLine="640"/>'


def _fonts(font: str, size: int = 32) -> str:
    return (f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'
            f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')


GB_RPR = {"title": _fonts("方正小标宋简体", 44), "body": _fonts("仿宋_GB2312"), "addressee": _fonts("仿宋_GB2312"),
          "h1": _fonts("黑体"), "h2": _fonts("楷体_GB2312"), "h3": _fonts("仿宋_GB2312"), "h4": _fonts("仿宋_GB2312"),
          "signoff": _fonts("仿宋_GB2312"), "date": _fonts("仿宋_GB2312"), "letterhead": _fonts("方正小标宋简体", 52)
          + '<w:color w:val="FF0000"/>'}
GB_PPR = {"title": '<w:jc w:val="center"/>' + _PITCH, "body": _PITCH + _INDENT + '<w:jc w:val="both"/>',
          "addressee": _PITCH, "h1": _PITCH + _INDENT, "h2": _PITCH + _INDENT, "h3": _PITCH + _INDENT,
          "h4": _PITCH + _INDENT, "signoff": _PITCH + '<w:ind w:rightChars="400" w:right="1280"/><w:jc w:val="right"/>',
          "date": _PITCH + '<w:ind w:rightChars="400" w:right="1280"/><w:jc w:val="right"/>',
          "letterhead": '<w:jc w:val="center"/>'}


def gb_footer(align: str = "right", before: str = "— ", after: str = " —", font: str = "宋体", size: int = 28) -> str:
    """A footer paragraph with a PAGE field (a complex field, as Word writes it)."""
    rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}"/><w:sz w:val="{size}"/></w:rPr>'
    runs = [f'<w:r>{rpr}<w:t xml:space="preserve">{before}</w:t></w:r>' if before else "",
            f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>',
            f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
            f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>',
            f'<w:r>{rpr}<w:t>1</w:t></w:r>', f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>',
            f'<w:r>{rpr}<w:t xml:space="preserve">{after}</w:t></w:r>' if after else ""]
    side = "Right" if align == "right" else "Left"
    return (f'<w:p><w:pPr><w:jc w:val="{align}"/><w:ind w:{side.lower()}Chars="100" w:{side.lower()}="280"/></w:pPr>'
            + "".join(runs) + "</w:p>")


def _role(line: str, i: int, n: int) -> str:
    import re

    if i == 0:
        return "title"
    if i == 1 and line.endswith("："):
        return "addressee"
    if i == n - 1:
        return "date"
    if i == n - 2:
        return "signoff"
    for role, rx in (("h1", r"^[一二三四五六七八九十]+、"), ("h2", r"^（[一二三四五六七八九十]+）"),
                     ("h3", r"^\d+[.．]"), ("h4", r"^（\d+）")):
        if re.match(rx, line):
            return role
    return "body"


def _theme(hans: str = "等线") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office"><a:themeElements>'
            f'<a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
            f'<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="44546A"/></a:dk2>'
            f'<a:lt2><a:srgbClr val="E7E6E6"/></a:lt2><a:accent1><a:srgbClr val="4472C4"/></a:accent1></a:clrScheme>'
            f'<a:fontScheme name="Office"><a:majorFont><a:latin typeface="Calibri Light"/><a:ea typeface=""/>'
            f'<a:cs typeface=""/><a:font script="Hans" typeface="{hans} Light"/></a:majorFont>'
            f'<a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/>'
            f'<a:font script="Hans" typeface="{hans}"/></a:minorFont></a:fontScheme></a:themeElements></a:theme>')


def layout_docx(path: Path, spec: dict | None = None) -> Path:
    """A draft in GB/T 9704 layout, changed by `spec` (the `docx:` of a layout rule case):
    text (one paragraph a line; roles from the text), rpr/ppr {role: XML replacing the GB run or
    paragraph properties}, para_rpr/para_ppr {line number from 0: the same for one paragraph},
    style {role: styleId}, styles (XML added to styles.xml), normal_rpr/normal_ppr (the Normal
    style's), defaults (the docDefaults w:rPr content), hans (the theme's Chinese font), sectpr (the
    page setup XML), footer (gb, none, or a footer paragraph's XML used for every page), even_odd
    (default: true with the gb footer), letterhead (lines above the title, red), lead (white space
    typed before each body paragraph), table (a paragraph in a table cell after the addressee, with
    the rpr of role `table`)."""
    spec = dict(spec or {})
    lines = [ln.strip() for ln in (spec.get("text") or LAYOUT_TEXT).splitlines() if ln.strip()]
    rpr = {**GB_RPR, "table": GB_RPR["body"], **(spec.get("rpr") or {})}
    ppr = {**GB_PPR, "table": "", **(spec.get("ppr") or {})}
    para_rpr = {int(k): v for k, v in (spec.get("para_rpr") or {}).items()}
    para_ppr = {int(k): v for k, v in (spec.get("para_ppr") or {}).items()}
    styles = spec.get("style") or {}

    def run(text: str, props: str) -> str:
        return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{_esc(text)}</w:t></w:r>'

    def para(text: str, role: str, n: int | None = None) -> str:
        style = f'<w:pStyle w:val="{styles[role]}"/>' if role in styles else ""
        props = para_rpr.get(n, rpr.get(role, ""))
        lead = text.find("。") + 1
        if role.startswith("h") and 0 < lead < len(text):  # a run-in heading: its lead, then body text
            runs = run(text[:lead], props) + run(text[lead:], rpr["body"])
        else:
            runs = run((spec.get("lead") or "") + text if role == "body" else text, props)
        return f"<w:p><w:pPr>{style}{para_ppr.get(n, ppr.get(role, ''))}</w:pPr>{runs}</w:p>"

    body = "".join(para(t, "letterhead") for t in spec.get("letterhead") or [])
    for i, line in enumerate(lines):
        role = _role(line, i, len(lines))
        body += para(line, role, i)
        if role == "addressee" and spec.get("table"):
            cell = para(spec["table"], "table")
            body += f"<w:tbl><w:tr><w:tc>{cell}</w:tc></w:tr></w:tbl>"
    footer = spec.get("footer", "gb")
    even_odd = spec.get("even_odd", footer == "gb")
    refs = ""
    parts: dict[str, str] = {}
    ftr = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="{W_NS}">{{}}</w:ftr>'
    if footer == "gb":
        parts["word/footer1.xml"] = ftr.format(gb_footer("right"))
        parts["word/footer2.xml"] = ftr.format(gb_footer("left"))
        refs = ('<w:footerReference w:type="default" r:id="rIdF1"/>'
                '<w:footerReference w:type="even" r:id="rIdF2"/>')
    elif footer != "none":
        parts["word/footer1.xml"] = ftr.format(footer)
        refs = '<w:footerReference w:type="default" r:id="rIdF1"/>'
    sect = f"<w:sectPr>{refs}{spec.get('sectpr', _GB_SECT)}</w:sectPr>"
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}{sect}</w:body></w:document>')
    defaults = spec.get("defaults", '<w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia" '
                                    'w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"/><w:sz w:val="21"/>')
    style_xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W_NS}">'
                 f'<w:docDefaults><w:rPrDefault><w:rPr>{defaults}</w:rPr></w:rPrDefault></w:docDefaults>'
                 f'<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
                 f'<w:pPr>{spec.get("normal_ppr", "")}</w:pPr><w:rPr>{spec.get("normal_rpr", "")}</w:rPr></w:style>'
                 f'{spec.get("styles", "")}</w:styles>')
    settings = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings xmlns:w="{W_NS}">'
                f'{"<w:evenAndOddHeaders/>" if even_odd else ""}</w:settings>')
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    rels = [("rId1", "styles", "styles.xml"), ("rId3", "settings", "settings.xml"), ("rId4", "theme", "theme/theme1.xml")]
    rels += [(f"rIdF{k}", "footer", f"footer{k}.xml") for k in (1, 2) if f"word/footer{k}.xml" in parts]
    doc_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                + "".join(f'<Relationship Id="{i}" Type="{rel}{t}" Target="{target}"/>' for i, t, target in rels)
                + "</Relationships>")
    ct = CT.replace("</Types>", '<Override PartName="/word/settings.xml" ContentType="application/vnd.'
                    'openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/theme/'
                    'theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/></Types>')
    ct = ct.replace("</Types>", "".join(
        f'<Override PartName="/{name}" ContentType="application/vnd.openxmlformats-officedocument.'
        f'wordprocessingml.footer+xml"/>' for name in parts) + "</Types>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", ct)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/_rels/document.xml.rels", doc_rels)
        zf.writestr("word/styles.xml", style_xml)
        zf.writestr("word/settings.xml", settings)
        zf.writestr("word/theme/theme1.xml", _theme(spec.get("hans", "等线")))
        zf.writestr("word/document.xml", document)
        for name, data in parts.items():
            zf.writestr(name, data)
    return path
