"""Build holdout set 6 for `fzwriter lint`: four reports of the 2026 season (three reports on 2026 written
January 2027, one on 2025 written January 2026), written blind (the author read neither fzwriter's code,
checklists, tests nor README, and did not run it).

Usage: python build_cases.py OUTDIR        (needs python-docx and lxml)
Writes OUTDIR/<case>/<file> and OUTDIR/cases.json in the format score.py reads:
  {name, file, exit: "ok", kind: "original"|"mutation", must, must_not, may, year}
plus fields score.py ignores: report, tier ("clean"|"plain"|"hard"), category, render, why.

Sources: drafts/h*.txt beside this file. The markup, the renderers and the clean expectations are those of the
season2026 builder (copied unchanged); only mutations() and the drafts glob are new, plus the helper resub().
Header `parts` uses h1 (own numbered 一、 heading), h1u (own bold heading without a number: ST02 left in
`may`), h2, runin, inline.

Expectations of a clean report: must = []; must_not = every FG and WD rule, ST01 on each part, ST02 on parts
with an h1 heading, ST05 on S2, ST04, ST06, ST03 only when the parts come in the 规定's order (h03). A mutation
plants one defect: its rule goes to `must` and leaves `must_not`, with the rules listed in `drop`.
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


def resub(pattern: str, new: str):
    def f(t: str) -> str:
        out, n = re.subn(pattern, new, t)
        assert n == 1, (pattern, n)
        return out
    return f


def mutations() -> list[dict]:
    m = []
    # ---- h01 璧山区人民政府 2026 (docx, Heading styles, two tables, header/footer)
    m += [
        M("h01", "decisions-exceed", "plain", "parts exceed whole", [sub("其中维持71件", "其中维持81件")],
          [{"rule": "FG01", "snippet": "维持81件"}],
          why="审结116件, but 维持81 + 驳回18 + 纠错13 + 调解和解后终止14 = 126 > 116"),
        M("h01", "table-total-conflict", "hard", "conflict", [sub("合计|144|124|116|13", "合计|144|126|116|13")],
          [{"rule": "FG04", "snippet": "126"}], drop=["FG01", "FG02"],
          why="table 1's 合计 row gives 受理126 while the text says 受理124件 (and the 其中 rows still sum to 124)"),
        M("h01", "annual-rate-mean", "hard", "rate", [sub("全年|19600|19264|98.3%", "全年|19600|19264|98.5%")],
          [{"rule": "FG02", "snippet": "98.5%"}], drop=["FG04"],
          why="19264/19600 = 98.29% -> 98.3%; 98.5% is the mean of the quarterly rates (97.0+98.5+99.1+99.5)/4 = 98.525, not the annual rate"),
        M("h01", "yoy-wrong", "plain", "year over year", [sub("较2025年的120件增长20.0%", "较2025年的120件增长16.7%")],
          [{"rule": "FG05", "snippet": "16.7%"}], drop=["FG02"],
          why="144/120 - 1 = +20.0%; 16.7% = 24/144 divides the increase by this year's count"),
        M("h01", "region-neighbour", "hard", "foreign region", [sub("持续推进法治璧山建设", "持续推进法治永川建设")],
          [{"rule": "WD03", "snippet": "永川"}],
          why="永川区 is a neighbouring district of 重庆; the clean text names it rightly in a cooperation sentence (与江津区、永川区、铜梁区签订…协议), so only this `法治永川` is wrong"),
        M("h01", "bawu-plan-current", "plain", "stale", [sub("四是全面实施“九五”普法规划", "四是全面实施“八五”普法规划")],
          [{"rule": "WD01", "snippet": "实施“八五”普法规划"}],
          why="the 八五 普法 ended in 2025; 2027 plans must implement the 九五 (2026—2030)"),
        M("h01", "no-causes", "plain", "thin part",
          [sub("# 三、存在的不足和原因", "# 三、存在的不足"), cut("分析原因，主要是：", "# 四、")],
          [{"rule": "ST05", "section": "S2"}],
          why="the causes paragraph is gone and the heading names only 不足: S2 without 原因"),
    ]
    # ---- h02 尤溪县卫生健康局 2026 (docx, bold unnumbered part titles, split runs)
    m += [
        M("h02", "pass-rate", "plain", "rate", [sub("合格率95.0%", "合格率93.3%")],
          [{"rule": "FG02", "snippet": "93.3%"}], drop=["FG05"],
          why="评查60卷, 优秀21 + 合格36 = 57, 57/60 = 95.0%; 93.3% = 56/60 (and 93.3 − 91.7 is no longer the stated 3.3 points)"),
        M("h02", "cases-exceed", "hard", "parts exceed whole", [sub("公共场所6件", "公共场所9件")],
          [{"rule": "FG01", "snippet": "公共场所9件"}],
          why="立案47件 in the previous sentence; 医疗机构38 + 公共场所9 + 生活饮用水3 = 50 > 47"),
        M("h02", "pass-exceeds-sample", "plain", "impossible", [sub("合格308户", "合格328户")],
          [{"rule": "FG03", "snippet": "合格328户"}], drop=["FG01", "FG02"],
          why="抽检320户, 合格328户: more passes than units sampled"),
        M("h02", "shisiwu-opening", "hard", "stale", [sub("以“十五五”开局为契机", "以“十四五”开局为契机")],
          [{"rule": "WD01", "snippet": "“十四五”开局"}], drop=["WD02"],
          why="2026 opens the 十五五; the 十四五 opened in 2021. The clean text names 十四五 retrospectively (在“十四五”时期…的基础上), so the word alone is no defect"),
        M("h02", "placeholder", "plain", "placeholder", [sub("罚没款38.6万元", "罚没款XX万元")],
          [{"rule": "WD04", "snippet": "XX"}], why="unfilled figure"),
        M("h02", "no-s3", "hard", "delete part",
          [cut("# 党政主要负责人履行推进法治建设第一责任人职责情况", "# 存在的不足和原因")],
          [{"rule": "ST01", "section": "S3"}],
          why="the 局党组书记、局长 part is deleted; only the 2027 plan `压实党政主要负责人履行推进法治建设第一责任人职责` still names the duty, which is not S3"),
        M("h02", "feb-29", "hard", "impossible date", [sub("@date 2027年1月25日", "@date 2027年2月29日")],
          [{"rule": "WD05", "snippet": "2027年2月29日"}], drop=["ST06"], why="2027 is not a leap year"),
        M("h02", "plan-year", "plain", "wrong year",
          [sub("# 2027年工作安排", "# 2026年工作安排"), sub("2027年，我局将", "2026年，我局将")],
          [{"rule": "WD02", "snippet": "2026年工作安排"}], why="plans titled and opened with the report year 2026"),
    ]
    # ---- h03 江西省司法厅 2026 (docx, Heading styles, footer, tracked changes)
    m += [
        M("h03", "nineteenth-congress", "plain", "stale",
          [sub("全面贯彻党的二十大和二十届历次全会精神", "全面贯彻党的十九大和十九届历次全会精神")],
          [{"rule": "WD01", "snippet": "十九大"}], why="十九大 as current guidance in a 2026 report"),
        M("h03", "tracked-plan-current", "hard", "stale",
          [sub("{-认真落实《法治中国建设规划（2020—2025年）》，-}", "{+认真落实《法治中国建设规划（2020—2025年）》，+}")],
          [{"rule": "WD01", "snippet": "认真落实《法治中国建设规划（2020—2025年）》"}], drop=["WD02"],
          why="the clean text holds this phrase only as a tracked deletion; here it is a tracked insertion, so the accepted text cites the 2020—2025 规划 as current guidance in 2026"),
        M("h03", "correction-rate-over-accepted", "hard", "rate", [sub("纠错率10.6%", "纠错率10.1%")],
          [{"rule": "FG02", "snippet": "10.1%"}], drop=["FG05"],
          why="纠错1046 over 审结9862 = 10.6%; 10.1% = 1046/10385 divides by 受理"),
        M("h03", "yoy-over-this-year", "hard", "year over year", [sub("增长8.1%", "增长7.5%")],
          [{"rule": "FG05", "snippet": "7.5%"}], drop=["FG02"],
          why="12046/11143 − 1 = +8.1%; 7.5% = 903/12046 divides the increase by this year's count"),
        M("h03", "wan-conflict", "hard", "conflict", [sub("全省1.2万件行政复议申请中", "全省1.4万件行政复议申请中")],
          [{"rule": "FG04", "snippet": "1.4万件"}],
          why="收到行政复议申请 is 12046件 (≈1.2万); the same indicator is then given as 1.4万件"),
        M("h03", "plan-year", "plain", "wrong year",
          [sub("# 四、2027年工作安排", "# 四、2026年工作安排"), sub("2027年，江西省司法厅将", "2026年，江西省司法厅将")],
          [{"rule": "WD02", "snippet": "2026年工作安排"}], why="plans titled and opened with the report year 2026"),
        M("h03", "no-s2", "plain", "delete part",
          [cut("# 二、存在的不足和原因", "# 三、"), sub("# 三、厅党委书记", "# 二、厅党委书记"),
           sub("# 四、2027年工作安排", "# 三、2027年工作安排")],
          [{"rule": "ST01", "section": "S2"}]),
        M("h03", "region", "plain", "foreign region", [sub("法治江西建设成果", "法治广东建设成果")],
          [{"rule": "WD03", "snippet": "广东"}], why="广东 borders 江西 and is named nowhere else in the text"),
    ]
    # ---- h04 布久乡人民政府 2025 (txt GB18030, long paragraphs, run-in leads)
    m += [
        M("h04", "fifth-plenum", "plain", "anachronistic",
          [sub("二十届二中、三中、四中全会精神", "二十届二中、三中、四中、五中全会精神")],
          [{"rule": "WD01", "snippet": "五中全会"}], why="二十届五中全会 cannot be guidance in a report on 2025 written in January 2026"),
        M("h04", "jiuwu-in-2025", "hard", "anachronistic",
          [sub("“八五”普法收官之年，对照“八五”普法规划逐项开展总结，迎接区级总结验收；",
               "深入实施“九五”普法规划，开展“九五”普法启动宣传；")],
          [{"rule": "WD01", "snippet": "深入实施“九五”普法规划"}],
          why="the 九五 普法 runs 2026—2030; a 2025 measure cannot implement it (the clean 2026 plans rightly plan a 九五 方案)"),
        M("h04", "measure-after-report", "hard", "wrong year",
          [sub("在区委依法治区办组织的述法活动中", "2026年3月，在区委依法治区办组织的述法活动中")],
          [{"rule": "WD02", "snippet": "2026年3月"}], drop=["WD05"],
          why="a measure of the 2025 report dated March 2026, after the sign-off (2026年1月16日)"),
        M("h04", "attendees-exceed", "hard", "impossible", [sub("实际参学67人", "实际参学69人")],
          [{"rule": "FG03", "snippet": "实际参学69人"}], drop=["FG01", "FG02"],
          why="应参学68人, 实际参学69人: more attendees than required participants"),
        M("h04", "disputes-exceed", "plain", "parts exceed whole", [sub("婚姻家庭纠纷12件", "婚姻家庭纠纷22件")],
          [{"rule": "FG01", "snippet": "婚姻家庭纠纷22件"}],
          why="矛盾纠纷46件; 22 + 15 + 11 + 8 = 56 > 46"),
        M("h04", "no-causes", "hard", "thin part", [resub(r"分析原因：[^\n]*", "")],
          [{"rule": "ST05", "section": "S2"}],
          why="the causes (分析原因：一方面…) are cut from the S2 paragraph; the heading still says 不足和原因"),
        M("h04", "placeholder", "hard", "placeholder", [sub("开展综合执法检查64次", "开展综合执法检查（　）次")],
          [{"rule": "WD04", "snippet": "（　）"}], why="unfilled count in brackets with a full-width space; the 其中19次 that follows keeps its figure"),
        M("h04", "bad-date", "plain", "impossible date", [sub("@date 2026年1月16日", "@date 2026年1月32日")],
          [{"rule": "WD05", "snippet": "1月32日"}], drop=["ST06"]),
        M("h04", "points-wrong", "hard", "year over year", [sub("提高1.5个百分点", "提高2.5个百分点")],
          [{"rule": "FG05", "snippet": "2.5个百分点"}], drop=["FG02"],
          why="96.2% against 94.7% in 2024 is +1.5 percentage points, not 2.5"),
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
