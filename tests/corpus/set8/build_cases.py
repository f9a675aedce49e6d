"""Build held-out set 8 for `fzwriter lint`: three reports on 2026 written January 2027 (a 县政府 in 甘肃,
a 市生态环境局 in 广东, a 镇党委+镇政府 in 浙江), written blind; rendering code copied unchanged from the
season-2026 builder, mutations() new, drafts glob h*.txt.

Usage: python build_cases.py OUTDIR        (needs python-docx and lxml)
Writes OUTDIR/<case>/<file> and OUTDIR/cases.json in the format score.py reads:
  {name, file, exit: "ok", kind: "original"|"mutation", must, must_not, may, year}
plus fields score.py ignores: report, tier ("clean"|"plain"|"hard"), category, render, why.

Sources: drafts/h*.txt beside this file, written for this set by an author who had not read
fzwriter's code. Each file has a header (key: value lines up to a line `---`) and a body in light markup:
  @title T / @addressee T / @sign T / @date T     the frame; @sign may repeat (joint reports)
  @header T / @footer page                        .docx page header text / page-number footer
  # 一、…   ## （一）…                             level-1 / level-2 headings (typed numbers)
  **…**                                           bold run (run-in lead sentence)
  {+…+}  {-…-}                                    tracked insertion / deletion (w:ins / w:del)
  ⏎                                               soft line break (w:br; a newline in .txt)
  [table CAPTION] … [/table]                      a table, one row a line, cells split by |
Header keys: render (native format), style (heading|autonum|bold|plain), features (header, footer,
tables, tracked, runs, punct-mixed, fullwidth), alt (second rendering of the clean text), parts (how each
required part S1–S4 appears: h1 own 一、 heading, h2 a （一） sub-heading, runin a bold lead
sentence, inline an unheaded paragraph), traps (correct sentences a careless checker would flag).

Expectations of a clean report: must = []; must_not = every FG rule (FG01–FG05: two texts state a
较上年 change with both counts) and every WD rule, ST01 on each part that is there in any form, ST02 on
parts with their own level-1 heading, ST05 on S2 (all five give causes), ST04 (numbering is regular),
ST06 (title, addressee, sign-off and date all present), ST03 only for s01 (the one report in the
规定's order). ST02 on a sub-heading part and ST03 on the reports that put the 第一责任人 part before
不足 are allowed (`may`). A mutation plants one defect: its rule goes to `must` and leaves `must_not`,
and rules that the same defect may fairly trigger as a second reading (listed per case in `drop`,
e.g. WD02 next to WD01 when a stale 纲要 carries the year range 2021—2025) leave `must_not` too; every
other clean expectation stays. A `snippet` is the planted token in its smallest discriminating form
(the wrong rate, the stale name, the bad date; for a stale document that the clean text also names
retrospectively, the verb that makes it current): a finding counts when its evidence or message
contains it.
Score: python score.py OUTDIR FZWRITER_CMD -v --json OUT.json  (see README.md beside this file)
"""
from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

DRAFTS = Path(__file__).resolve().parent / "drafts"
FG = ("FG01", "FG02", "FG03", "FG04", "FG05")
WD = ("WD01", "WD02", "WD03", "WD04", "WD05", "WD06")
CN = "一二三四五六七八九十"


# ---------------------------------------------------------------- drafts

def load(path: Path) -> tuple[dict, str]:
    head, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
    meta = {}
    for ln in head.splitlines():
        if ": " in ln or ln.endswith(":"):
            k, _, v = ln.partition(":")
            meta[k.strip()] = v.strip()
    meta["year"] = int(meta["year"])
    meta["features"] = [f.strip() for f in meta.get("features", "").split(",") if f.strip()]
    meta["parts"] = dict(p.split("=") for p in meta["parts"].split())
    return meta, body


def base_expect(meta: dict) -> tuple[list, list]:
    parts = meta["parts"]
    must_not = [{"rule": "ST01", "section": s} for s in parts]
    must_not += [{"rule": "ST02", "section": s} for s, how in parts.items() if how == "h1"]
    must_not += [{"rule": "ST05", "section": "S2"}, {"rule": "ST04"}, {"rule": "ST06"}]
    order = list(parts)
    if order == sorted(order):
        must_not.append({"rule": "ST03"})
    must_not += [{"rule": r} for r in FG + WD]
    may = [{"rule": "ST02", "section": s} for s, how in parts.items() if how != "h1"]
    if order != sorted(order):
        may.append({"rule": "ST03"})
    return must_not, may


# ---------------------------------------------------------------- text edits (mutations)

def sub(old: str, new: str, count: int = 1):
    def f(t: str) -> str:
        n = t.count(old)
        assert n >= 1 and (count == 0 or n == count), (old, n)
        return t.replace(old, new)
    return f


def cut(start: str, end: str | None):
    """Remove the lines from the one starting with `start` up to (not including) the one starting with `end`."""
    def f(t: str) -> str:
        i = t.index("\n" + start) + 1
        j = t.index("\n" + end, i) + 1 if end else len(t)
        return t[:i] + t[j:]
    return f


def renumber_runin(t: str) -> str:
    """After deleting a run-in （一） lead, shift the later leads up by one: （二）→（一）…"""
    nums = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
    def rep(m):
        k = nums.index(m.group(1))
        return f"**（{nums[k - 1]}）"
    return re.sub(r"\*\*（(十一|十二|[一二三四五六七八九十])）", rep, t)


def M(rid, name, tier, category, ops, must, drop=(), year=True, why=""):
    return {"rid": rid, "name": f"{rid}-{name}", "tier": tier, "category": category, "ops": ops,
            "must": must, "drop": list(drop), "year": year, "why": why}


def mutations() -> list[dict]:
    m = []
    # ---- h01 镇原县人民政府 2026 (docx, Heading styles, footer; S1 S3 S2 S4)
    m += [
        M("h01", "bafa-current", "plain", "stale",
          [sub("四是深入实施“九五”普法规划", "四是深入实施“八五”普法规划")],
          [{"rule": "WD01", "snippet": "深入实施“八五”普法规划"}],
          why="2027 plans of a 2026 report carry on the 八五 普法 (2021—2025), which ended; the clean text names 八五 only as 总结验收"),
        M("h01", "fix-rate-over-shouli", "hard", "rate",
          [sub("纠错率14.9%。", "纠错率13.7%。")],
          [{"rule": "FG02", "snippet": "纠错率13.7%"}],
          why="纠错 = 撤销3 + 变更1 + 确认违法2 + 责令履行1 = 7 over 审结47 is 14.9%; 13.7% = 7/51 divides by 受理, stated two sentences earlier"),
        M("h01", "yoy", "plain", "year over year",
          [sub("较上年的1105件下降6.2%", "较上年的1105件下降8.2%")],
          [{"rule": "FG05", "snippet": "下降8.2%"}], drop=["FG02"],
          why="1037 against 1105 is −6.2%, not −8.2%"),
        M("h01", "no-s3", "plain", "delete part",
          [cut("# 二、履行第一责任人职责情况", "# 三、"),
           sub("# 三、存在问题及原因", "# 二、存在问题及原因"), sub("# 四、2027年工作思路", "# 三、2027年工作思路")],
          [{"rule": "ST01", "section": "S3"}],
          why="the 第一责任人 part removed with its heading; no other sentence of the text reports the 县长's own duty"),
        M("h01", "region", "plain", "foreign region",
          [sub("全面推进法治镇原建设", "全面推进法治庆城建设")],
          [{"rule": "WD03", "snippet": "庆城"}], why="庆城县 borders 镇原县 (both 庆阳市)"),
        M("h01", "outcomes-exceed", "hard", "parts exceed whole",
          [sub("维持29件；驳回6件；", "维持35件；驳回6件；")],
          [{"rule": "FG01", "snippet": "维持35件"}], drop=["FG02"],
          why="35+6+3+1+2+1+5 = 53 > 审结47; the outcomes are a semicolon list, one per clause"),
    ]
    # ---- h02 江门市生态环境局 2026 (txt UTF-8 BOM; S1 S2 S3 S4)
    m += [
        M("h02", "plan-2020-2025-current", "hard", "stale",
          [sub("对照“十四五”生态环境保护规划开展终期评估，启动编制全市生态环境保护“十五五”规划。",
               "按照《法治中国建设规划（2020—2025年）》部署，推进生态环境领域依法行政。")],
          [{"rule": "WD01", "snippet": "按照《法治中国建设规划（2020—2025年）》部署"}], drop=["WD02"],
          why="a 2020—2025 plan cited as the current guidance of 2026 work; no 2026—2030 successor is known"),
        M("h02", "ontime-exceeds", "hard", "impossible",
          [sub("按期办结4302件", "按期办结4382件")],
          [{"rule": "FG03", "snippet": "按期办结4382件"}], drop=["FG01", "FG02"],
          why="4382 handled on time of 4318 received; the stated 99.6% still matches the clean count"),
        M("h02", "conflict-youliang", "hard", "conflict",
          [sub("全市空气质量优良天数比例93.2%，同比上升1.4个百分点", "全市空气质量优良天数比例92.3%，同比上升1.4个百分点")],
          [{"rule": "FG04", "snippet": "92.3%"}], drop=["FG05"],
          why="the opening paragraph gives 优良天数比例93.2%, section （六） 92.3%: one indicator, two values, far apart"),
        M("h02", "plan-year", "plain", "wrong year",
          [sub("# 四、2027年工作计划", "# 四、2026年工作计划"), sub("2027年，我局将以", "2026年，我局将以")],
          [{"rule": "WD02", "snippet": "2026年工作计划"}],
          why="plans of a 2026 report titled and opened with the report year itself"),
        M("h02", "no-causes", "hard", "thin part",
          [sub("原因主要有：一方面，环境执法专业性强，执法人员学习法典、更新知识需要时间；另一方面，部分执法人员程序意识不强，内部审核把关不够严格。",
               "下一步，我局将针对上述问题逐项研究整改措施，确保问题整改到位。")],
          [{"rule": "ST05", "section": "S2"}],
          why="the causes sentence replaced by a promise; the heading still says 存在的问题及原因"),
        M("h02", "audit-rate", "plain", "rate",
          [sub("审核率97.7%", "审核率99.7%")],
          [{"rule": "FG02", "snippet": "审核率99.7%"}],
          why="598 of 重点管理612 is 97.7%"),
    ]
    # ---- h03 乌镇镇党委、镇政府 2026 (docx, bold headings, runs split; S1 S3 S2 S4; two issuing bodies)
    m += [
        M("h03", "placeholder", "plain", "placeholder",
          [sub("罚没款约52万元", "罚没款XX万元")],
          [{"rule": "WD04", "snippet": "XX万元"}]),
        M("h03", "bad-date", "plain", "impossible date",
          [sub("@date 2027年1月15日", "@date 2027年1月32日")],
          [{"rule": "WD05", "snippet": "2027年1月32日"}], drop=["ST06"],
          why="January has 31 days"),
        M("h03", "share-over-whole", "hard", "rate",
          [sub("占简易程序案件的24.0%", "占简易程序案件的15.3%")],
          [{"rule": "FG02", "snippet": "15.3%"}],
          why="41 of 简易程序171 is 24.0%; 15.3% = 41/268 divides by all cases although the sentence names 简易程序案件"),
        M("h03", "yoy-bracket", "hard", "year over year",
          [sub("同比下降5.3%（上年为1335件）", "同比下降6.3%（上年为1335件）")],
          [{"rule": "FG05", "snippet": "同比下降6.3%"}], drop=["FG02"],
          why="1264 against 1335 is −5.3%; last year's count is given in brackets after the rate"),
        M("h03", "no-s2", "hard", "delete part",
          [cut("# 三、存在的短板和原因分析", "# 四、"), sub("# 四、2027年工作思路", "# 三、2027年工作思路")],
          [{"rule": "ST01", "section": "S2"}],
          why="the 不足和原因 part removed with its heading; the plans (完善涉旅游消费纠纷快速调处机制) and S1 figures still touch the same problems, so the part's themes linger without the part"),
        M("h03", "bafa-current", "plain", "stale",
          [sub("“八五”普法收官后，启动“九五”普法，制定镇“九五”普法工作方案。", "深入实施“八五”普法规划，推动普法工作提质增效。")],
          [{"rule": "WD01", "snippet": "深入实施“八五”普法规划"}],
          why="八五 普法 (2021—2025) as current work in 2026"),
    ]
    return m


# ---------------------------------------------------------------- inline markup

TOKEN = re.compile(r"\{\+(.*?)\+\}|\{-(.*?)-\}|\*\*(.*?)\*\*|(⏎)")
HALF = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")"})


def segments(text: str) -> list[tuple[str, str]]:
    """Split a line into (kind, text): t plain, b bold, ins, del, br."""
    out, i = [], 0
    for mt in TOKEN.finditer(text):
        if mt.start() > i:
            out.append(("t", text[i:mt.start()]))
        if mt.group(1) is not None:
            out.append(("ins", mt.group(1)))
        elif mt.group(2) is not None:
            out.append(("del", mt.group(2)))
        elif mt.group(3) is not None:
            out.append(("b", mt.group(3)))
        else:
            out.append(("br", ""))
        i = mt.end()
    if i < len(text):
        out.append(("t", text[i:]))
    return out


def accepted(text: str, br: str = "\n") -> str:
    return "".join(s if k in ("t", "b", "ins") else (br if k == "br" else "") for k, s in segments(text))


def blocks(body: str) -> list[dict]:
    """Body lines → blocks: frame items, headings, paragraphs, tables."""
    out, table = [], None
    for ln in body.split("\n"):
        if table is not None:
            if ln.strip() == "[/table]":
                out.append(table)
                table = None
            elif ln.strip():
                table["rows"].append(ln.split("|"))
            continue
        if not ln.strip():
            continue
        if ln.startswith("[table]"):
            table = {"kind": "table", "caption": ln[len("[table]"):].strip(), "rows": []}
        elif ln.startswith("@"):
            key, _, val = ln[1:].partition(" ")
            out.append({"kind": key, "text": val})
        elif ln.startswith("## "):
            out.append({"kind": "h2", "text": ln[3:]})
        elif ln.startswith("# "):
            out.append({"kind": "h1", "text": ln[2:]})
        else:
            out.append({"kind": "p", "text": ln})
    return out


def mix_punct(bl: list[dict]) -> None:
    """Half-width commas, colons and brackets in every third body paragraph, as copied from web pages."""
    k = 0
    for b in bl:
        if b["kind"] == "p":
            if k % 3 == 1:
                b["text"] = b["text"].translate(HALF)
            k += 1


# ---------------------------------------------------------------- .txt

def to_txt(bl: list[dict], path: Path, encoding: str) -> None:
    lines = []
    for b in bl:
        k = b["kind"]
        if k in ("header", "footer"):
            continue
        if k == "table":
            lines.append(b["caption"])
            lines += ["\t".join(r) for r in b["rows"]]
        elif k in ("sign", "date"):
            lines.append(" " * 24 + accepted(b["text"]))
        else:
            lines.append(accepted(b["text"]))
    data = "\n".join(lines) + "\n"
    if encoding == "utf-8-sig":
        path.write_bytes(b"\xef\xbb\xbf" + data.encode("utf-8"))
    else:
        path.write_bytes(data.encode(encoding))


# ---------------------------------------------------------------- .docx

def to_docx(bl: list[dict], path: Path, style: str, features: list[str], seed: int) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Mm, Pt

    rnd = random.Random(seed)
    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    normal = d.styles["Normal"]
    normal.font.size = Pt(16)
    normal.font.name = "Times New Roman"
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    runs_split = "runs" in features
    rev = [100]

    def fonts(run, east, size=16, bold=False):
        run.font.size = Pt(size)
        run.bold = bold or None
        run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east)

    def add_text(p, text, east="仿宋_GB2312", size=16, bold=False):
        if not runs_split:
            fonts(p.add_run(text), east, size, bold)
            return
        i = 0
        while i < len(text):
            n = rnd.randint(1, 6)
            r = p.add_run(text[i:i + n])
            fonts(r, east, size, bold)
            r._r.set(qn("w:rsidR"), f"{rnd.randrange(16**8):08X}")
            x = rnd.random()
            if x < 0.06:
                pe = OxmlElement("w:proofErr")
                pe.set(qn("w:type"), "spellStart" if rnd.random() < 0.5 else "gramStart")
                p._p.append(pe)
            elif x < 0.08:
                bid = str(rnd.randrange(1000, 9999))
                bs = OxmlElement("w:bookmarkStart")
                bs.set(qn("w:id"), bid)
                bs.set(qn("w:name"), f"_Hlk{rnd.randrange(10**8, 10**9)}")
                be = OxmlElement("w:bookmarkEnd")
                be.set(qn("w:id"), bid)
                p._p.append(bs)
                p._p.append(be)
            i += n

    def add_rev(p, kind, text):
        rev[0] += 1
        el = OxmlElement("w:ins" if kind == "ins" else "w:del")
        el.set(qn("w:id"), str(rev[0]))
        el.set(qn("w:author"), "党政办")
        el.set(qn("w:date"), "2025-01-08T10:12:00Z")
        r = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        rf = OxmlElement("w:rFonts")
        rf.set(qn("w:eastAsia"), "仿宋_GB2312")
        rpr.append(rf)
        r.append(rpr)
        t = OxmlElement("w:t" if kind == "ins" else "w:delText")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        r.append(t)
        el.append(r)
        p._p.append(el)

    def fill(p, text, east="仿宋_GB2312", size=16, bold=False):
        for kind, s in segments(text):
            if kind == "t":
                add_text(p, s, east, size, bold)
            elif kind == "b":
                add_text(p, s, east, size, True)
            elif kind == "br":
                r = p.add_run()
                r.add_break()
            else:
                add_rev(p, kind, s)

    if style == "autonum":
        numbering = d.part.numbering_part.element
        absn = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>'
            '<w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr>'
            '<w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>'
            '<w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr>'
            '<w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/></w:rPr></w:lvl></w:abstractNum>')
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(absn)
        else:
            numbering.append(absn)
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    for b in bl:
        k = b["kind"]
        if k == "header":
            hp = sec.header.paragraphs[0]
            hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fonts(hp.add_run(b["text"]), "仿宋_GB2312", 10.5)
            continue
        if k == "footer":
            fp = sec.footer.paragraphs[0]
            fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fonts(fp.add_run("— "), "宋体", 14)
            for kind, txt in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
                r = fp.add_run()
                fonts(r, "宋体", 14)
                if kind:
                    fc = OxmlElement("w:fldChar")
                    fc.set(qn("w:fldCharType"), kind)
                    r._r.append(fc)
                elif txt == " PAGE ":
                    it = OxmlElement("w:instrText")
                    it.set(qn("xml:space"), "preserve")
                    it.text = txt
                    r._r.append(it)
                else:
                    r.text = txt
            fonts(fp.add_run(" —"), "宋体", 14)
            continue
        if k == "title":
            p = d.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fill(p, b["text"], "方正小标宋简体", 22)
            continue
        if k == "addressee":
            p = d.add_paragraph()
            fill(p, b["text"])
            continue
        if k in ("sign", "date"):
            p = d.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.paragraph_format.right_indent = Pt(64)
            fill(p, b["text"])
            continue
        if k == "table":
            cp = d.add_paragraph()
            cp.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fonts(cp.add_run(b["caption"]), "黑体", 14, True)
            rows = b["rows"]
            t = d.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            t.style = "Table Grid"
            for i, row in enumerate(rows):
                for j, val in enumerate(row):
                    cell = t.cell(i, j)
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
                    fonts(cell.paragraphs[0].add_run(val), "仿宋_GB2312", 12, i == 0)
            continue
        if k in ("h1", "h2"):
            lvl = 1 if k == "h1" else 2
            east = "黑体" if lvl == 1 else "楷体_GB2312"
            text = b["text"]
            if style == "heading":
                p = d.add_paragraph(style=f"Heading {lvl}")
                p.paragraph_format.first_line_indent = Pt(32)
                fill(p, text, east, 16)
                for r in p.runs:
                    r.font.color.rgb = None
                continue
            if style == "autonum":
                text = re.sub(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)", "", text)
                p = d.add_paragraph()
                p.paragraph_format.first_line_indent = Pt(32)
                num = p._p.get_or_add_pPr().get_or_add_numPr()
                num.get_or_add_ilvl().val = lvl - 1
                num.get_or_add_numId().val = 90
                fill(p, text, east, 16, lvl == 1)
                continue
            p = d.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(32)
            fill(p, text, east if style == "bold" else "仿宋_GB2312", 16, style == "bold")
            continue
        p = d.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(32)
        fill(p, b["text"])
    d.save(str(path))


# ---------------------------------------------------------------- build

def render(body: str, meta: dict, how: str, outdir: Path, seed: int) -> tuple[Path, str]:
    """how: 'native' or 'alt'. Returns the written file and a short label of the rendering."""
    bl = blocks(body)
    if "punct-mixed" in meta["features"]:
        mix_punct(bl)
    spec = meta["render"] if how == "native" else meta["alt"]
    outdir.mkdir(parents=True, exist_ok=True)
    if spec.startswith("txt"):
        enc = {"txt-utf8": "utf-8", "txt-utf8-bom": "utf-8-sig", "txt-gb18030": "gb18030"}[spec]
        f = outdir / f"{meta['id']}.txt"
        to_txt(bl, f, enc)
        return f, spec
    if how == "native":
        style, feats = meta["style"], meta["features"]
    else:
        style = {"docx-plain": "plain", "docx-styled": "heading"}[spec]
        feats = [x for x in meta["features"] if x in ("header", "footer")]
    f = outdir / f"{meta['id']}.docx"
    to_docx(bl, f, style, feats, seed)
    return f, f"docx-{style}" + "".join("+" + x for x in feats if x in ("tracked", "runs", "header", "punct-mixed"))


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    reports = {}
    for p in sorted(DRAFTS.glob("h[0-9][0-9]_*.txt")):
        meta, body = load(p)
        reports[meta["id"]] = (meta, body, p.name)
    cases = []
    for rid, (meta, body, src) in reports.items():
        must_not, may = base_expect(meta)
        for how in ("native", "alt"):
            name = f"{rid}-clean-{how}"
            f, label = render(body, meta, how, out / name, seed=len(body))
            cases.append({"name": name, "file": str(f.relative_to(out)), "exit": "ok", "kind": "original",
                          "report": rid, "tier": "clean", "category": "clean", "render": label,
                          "must": [], "must_not": must_not, "may": may, "year": meta["year"],
                          "source": f"drafts/{src}",
                          "why": "clean text: figures recomputed by hand, dated facts right for the year"})
    for mu in mutations():
        meta, body, src = reports[mu["rid"]]
        text = body
        for op in mu["ops"]:
            text = op(text)
        assert text != body, mu["name"]
        must_not, _ = base_expect(meta)
        gone = set()
        for e in mu["must"]:
            if e["rule"] in ("ST01", "ST02") and "section" in e:
                gone |= {("ST01", e["section"]), ("ST02", e["section"])}
            else:
                gone.add((e["rule"], None))
        for r in mu["drop"]:
            gone.add((r, None))
        keep = [e for e in must_not
                if (e["rule"], None) not in gone and (e["rule"], e.get("section")) not in gone]
        f, label = render(text, meta, "native", out / mu["name"], seed=len(text))
        cases.append({"name": mu["name"], "file": str(f.relative_to(out)), "exit": "ok", "kind": "mutation",
                      "report": mu["rid"], "tier": mu["tier"], "category": mu["category"], "render": label,
                      "must": mu["must"], "must_not": keep, "may": [], "year": meta["year"] if mu["year"] else None,
                      "source": f"drafts/{src}", "why": mu["why"]})
    (out / "cases.json").write_text(json.dumps(cases, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(cases)} cases in {out}")


if __name__ == "__main__":
    main()
