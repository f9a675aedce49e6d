"""Build held-out set 5 for `fzwriter lint`: five new reports (four on 2026 written January 2027, one on
2025 written January 2026), written blind (the author did not read fzwriter's code, checklists, tests or README).

Usage: python build_cases.py OUTDIR        (needs python-docx and lxml)
Writes OUTDIR/<case>/<file> and OUTDIR/cases.json in the format score.py reads:
  {name, file, exit: "ok", kind: "original"|"mutation", must, must_not, may, year}
plus fields score.py ignores: report, tier ("clean"|"plain"|"hard"), category, render, why.

Sources: drafts/h*.txt beside this file. The rendering code is the 2026-season builder's, unchanged; only
mutations(), this docstring and the drafts glob differ. Each draft has a header (key: value lines up to a
line `---`) and a body in light markup:
  @title T / @addressee T / @sign T / @date T     the frame; @sign may repeat (joint reports)
  @header T / @footer page                        .docx page header text / page-number footer
  # 一、…   ## （一）…                             level-1 / level-2 headings (typed numbers)
  **…**                                           bold run (run-in lead sentence)
  {+…+}  {-…-}                                    tracked insertion / deletion (w:ins / w:del)
  ⏎                                               soft line break (w:br; a newline in .txt)
  [table] CAPTION … [/table]                      a table, one row a line, cells split by |
Lines before @title and after @date (h05) are plain paragraphs: web-page furniture copied with the text.
Header keys: render (native format), style (heading|autonum|bold|plain), features (header, footer,
tables, tracked, runs, punct-mixed, fullwidth), alt (second rendering of the clean text), parts (how each
required part S1–S4 appears: h1 own 一、 heading, runin a bold lead sentence), traps (correct sentences a
careless checker would flag).

Expectations of a clean report (as in the season set): must = []; must_not = every FG and WD rule, ST01 on
each part, ST02 on parts with their own level-1 heading, ST05 on S2, ST04, ST06, ST03 only when the parts are
in the 规定's order; ST02 on a run-in part and ST03 on out-of-order reports are `may`. A mutation plants one
defect: its rule goes to `must` and leaves `must_not`, with the second readings listed per case in `drop`.
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
    # ---- h01 荆州经济技术开发区管委会 2026 (docx, Heading styles, statistics table, header/footer)
    m += [
        M("h01", "outline-current", "plain", "stale",
          [sub("认真落实市委、市政府关于法治建设的决策部署",
               "认真落实《法治政府建设实施纲要（2021—2025年）》和市委、市政府关于法治建设的决策部署")],
          [{"rule": "WD01", "snippet": "认真落实《法治政府建设实施纲要（2021—2025年）》"}], drop=["WD02"],
          why="the 2021—2025 纲要 cited as current guidance in a 2026 report; the clean text names only the zone's own 2021—2025 规划, retrospectively (实施情况开展总结评估)"),
        M("h01", "plan-year", "plain", "wrong year",
          [sub("# 四、2027年推进法治政府建设的主要安排", "# 四、2026年推进法治政府建设的主要安排")],
          [{"rule": "WD02", "snippet": "2026年推进法治政府建设的主要安排"}],
          why="plans of a report on 2026 headed with the report year itself (the body below still says 2027年)"),
        M("h01", "table-yoy", "hard", "year over year",
          [sub("行政处罚案件办结（件）|412|368|增长12.0%", "行政处罚案件办结（件）|412|368|增长10.7%")],
          [{"rule": "FG05", "snippet": "10.7%"}], drop=["FG02"],
          why="table row: 412/368 − 1 = 12.0%; 10.7% = 44/412 divides the increase by this year's count"),
        M("h01", "table-text-conflict", "hard", "conflict",
          [sub("一审行政诉讼案件（件）|31|35|下降11.4%", "一审行政诉讼案件（件）|33|35|下降5.7%")],
          [{"rule": "FG04", "snippet": "33"}],
          why="the table gives 33 一审行政诉讼案件 (its 同比 33/35 − 1 = −5.7% is consistent) while the text says 一审行政诉讼案件31件"),
        M("h01", "exam-rate", "plain", "rate",
          [sub("考试合格193人，合格率96.5%", "考试合格193人，合格率95.5%")],
          [{"rule": "FG02", "snippet": "95.5%"}],
          why="193/200 = 96.5%, not 95.5% (the 案卷合格率97.8% in the same paragraph is a different rate)"),
        M("h01", "grades-exceed", "plain", "parts exceed whole",
          [sub("其中优秀62卷、合格114卷、不合格4卷", "其中优秀72卷、合格114卷、不合格4卷")],
          [{"rule": "FG01", "snippet": "优秀72卷"}], drop=["FG02", "FG03"],
          why="72 + 114 + 4 = 190 > 180 卷评查"),
        M("h01", "region-caption", "hard", "foreign region",
          [sub("表1 2026年荆州经开区法治政府建设主要指标", "表1 2026年宜昌高新区法治政府建设主要指标")],
          [{"rule": "WD03", "snippet": "宜昌高新区"}],
          why="another zone's name in the caption of this zone's statistics table (宜昌 is a neighbouring 地级市 of 荆州)"),
        M("h01", "placeholder-cell", "hard", "placeholder",
          [sub("政府信息依申请公开（件）|64|52|增长23.1%", "政府信息依申请公开（件）|××|52|增长23.1%")],
          [{"rule": "WD04", "snippet": "××"}], drop=["FG04"],
          why="an unfilled ×× in a table cell"),
        M("h01", "no-causes", "hard", "thin part",
          [cut("产生上述问题的原因", "# 四、")],
          [{"rule": "ST05", "section": "S2"}],
          why="causes paragraph removed; the heading 存在的不足和原因 still promises them and the 不足 paragraph says 一是……二是……三是……"),
    ]
    # ---- h02 恭城瑶族自治县人民政府 2026 (docx, bold headings, split runs; S3 first)
    m += [
        M("h02", "old-public-security-law", "hard", "stale",
          [sub("三是学习贯彻新修订的《治安管理处罚法》，", "三是学习贯彻《中华人民共和国治安管理处罚法》（2012年修正），")],
          [{"rule": "WD01", "snippet": "（2012年修正）"}],
          why="in 2026 the 2012 text of the 治安管理处罚法 is superseded by the revision in force 2026-01-01"),
        M("h02", "correction-rate-base", "hard", "rate",
          [sub("纠错率13.8%", "纠错率12.9%")],
          [{"rule": "FG02", "snippet": "12.9%"}],
          why="纠错 = 撤销6 + 变更2 + 确认违法4 + 责令履行3 = 15 over 审结109 = 13.8%; 12.9% = 15/116 divides by 受理"),
        M("h02", "yoy-2024", "plain", "year over year",
          [sub("较2024年的79件增长62.0%", "较2024年的79件增长52.0%")],
          [{"rule": "FG05", "snippet": "52.0%"}], drop=["FG02"],
          why="128/79 − 1 = 62.0%, not 52.0%"),
        M("h02", "region-plan", "hard", "foreign region",
          [sub("审议《恭城瑶族自治县法治建设“十五五”规划（征求意见稿）》", "审议《富川瑶族自治县法治建设“十五五”规划（征求意见稿）》")],
          [{"rule": "WD03", "snippet": "富川瑶族自治县法治建设"}],
          why="the neighbouring 富川瑶族自治县 (legitimately named later as a cooperation partner) in place of 恭城 as the owner of the county's own plan"),
        M("h02", "placeholder", "plain", "placeholder",
          [sub("办理林业行政案件38件", "办理林业行政案件XX件")],
          [{"rule": "WD04", "snippet": "XX件"}]),
        M("h02", "no-s3", "plain", "delete part",
          [cut("# 一、党政主要负责人", "# 二、"), sub("# 二、2026年法治政府建设", "# 一、2026年法治政府建设"),
           sub("# 三、存在的不足和原因", "# 二、存在的不足和原因"), sub("# 四、2027年法治政府建设", "# 三、2027年法治政府建设")],
          [{"rule": "ST01", "section": "S3"}],
          why="the 第一责任人 part removed and the remaining parts renumbered"),
        M("h02", "appearances-exceed", "hard", "impossible",
          [sub("行政机关负责人出庭41件", "行政机关负责人出庭43件")],
          [{"rule": "FG03", "snippet": "出庭43件"}], drop=["FG01", "FG02"],
          why="43 出庭 out of 41 应出庭案件: more appearances than cases requiring them"),
    ]
    # ---- h03 江苏省生态环境厅 2025 (txt UTF-8 with BOM; many very short sections)
    m += [
        M("h03", "fifth-plenum", "plain", "stale",
          [sub("深入贯彻党的二十大和二十届四中全会精神", "深入贯彻党的二十大和二十届四中、五中全会精神")],
          [{"rule": "WD01", "snippet": "五中全会"}],
          why="a report on 2025 written January 2026 cannot name the 二十届五中全会 (announced for 2026-10)"),
        M("h03", "code-in-plans", "hard", "stale",
          [sub("三是编制生态环境系统“九五”普法规划。", "三是全面贯彻实施《生态环境法典》，编制生态环境系统“九五”普法规划。")],
          [{"rule": "WD01", "snippet": "全面贯彻实施《生态环境法典》"}],
          why="in January 2026 the 生态环境法典 was still a draft (adopted 2026-03-12, in force 2026-08-15); the clean text speaks only of the 草案"),
        M("h03", "plan-deadline-past", "plain", "wrong year",
          [sub("2026年6月底前印发实施意见", "2025年6月底前印发实施意见")],
          [{"rule": "WD02", "snippet": "2025年6月底前"}],
          why="a plan for 2026 with a deadline inside the report year, already past when written (January 2026)"),
        M("h03", "eia-yoy", "hard", "year over year",
          [sub("较上年的164件增长13.4%", "较上年的164件增长11.8%")],
          [{"rule": "FG05", "snippet": "11.8%"}], drop=["FG02"],
          why="186/164 − 1 = 13.4%; 11.8% = 22/186 divides by this year's count"),
        M("h03", "passed-exceed", "plain", "impossible",
          [sub("合格1840人，合格率98.4%", "合格1890人，合格率98.4%")],
          [{"rule": "FG03", "snippet": "合格1890人"}], drop=["FG01", "FG02"],
          why="1890 passed of 1870 examined"),
        M("h03", "no-causes", "plain", "thin part",
          [cut("主要原因：", "# 四、")],
          [{"rule": "ST05", "section": "S2"}],
          why="causes paragraph removed; only the list of 不足 remains under 存在的不足和原因"),
        M("h03", "bad-date", "plain", "date",
          [sub("@date 2026年1月20日", "@date 2026年01月20日")],
          [{"rule": "WD05", "snippet": "2026年01月20日"}], drop=["ST06"],
          why="成文日期 with a leading zero in the month (GB/T 9704: 2026年1月20日)"),
    ]
    # ---- h04 中共抚松县委 抚松县人民政府 2026 (docx plain, run-in S3, punct-mixed, figures in words)
    m += [
        M("h04", "no-s3-runin", "hard", "delete part",
          [cut("**党政主要负责人切实履行推进法治建设第一责任人职责。**", "**（一）")],
          [{"rule": "ST01", "section": "S3"}],
          why="the run-in 第一责任人 paragraph removed; nothing else reports on the 党政主要负责人 (the plans and S2 do not)"),
        M("h04", "correction-rate-words", "hard", "rate",
          [sub("纠错率百分之十二点三", "纠错率百分之十一点四")],
          [{"rule": "FG02", "snippet": "百分之十一点四"}],
          why="纠错10 over 审结81 = 12.3%; 百分之十一点四 = 10/88 divides by 受理"),
        M("h04", "yoy-words", "hard", "year over year",
          [sub("较上年的80件增长两成", "较上年的80件增长三成")],
          [{"rule": "FG05", "snippet": "增长三成"}],
          why="96/80 − 1 = 20% = 两成, not 三成"),
        M("h04", "decisions-exceed", "plain", "parts exceed whole",
          [sub("审结案件中维持44件", "审结案件中维持54件")],
          [{"rule": "FG01", "snippet": "维持54件"}],
          why="54 + 9 + 10 + 18 = 91 > 审结81"),
        M("h04", "plan-deadline", "plain", "wrong year",
          [sub("2027年9月底前完成县级权责清单动态调整", "2026年9月底前完成县级权责清单动态调整")],
          [{"rule": "WD02", "snippet": "2026年9月底前"}],
          why="a plan for 2027 with a deadline in the report year, already past when written (January 2027)"),
        M("h04", "applications-conflict", "hard", "conflict",
          [sub("二是行政复议案件连续增长，", "二是行政复议案件连续增长，全年收到申请98件，")],
          [{"rule": "FG04", "snippet": "98件"}],
          why="S2 gives 98 复议申请 while S1 says 收到行政复议申请96件"),
    ]
    # ---- h05 寿光市市场监督管理局 2026 (txt copied from a website, furniture top and bottom)
    m += [
        M("h05", "old-thought-name", "plain", "stale",
          [sub("深入学习贯彻习近平法治思想，认真落实市委", "深入学习贯彻习近平全面依法治国新理念新思想新战略，认真落实市委")],
          [{"rule": "WD01", "snippet": "习近平全面依法治国新理念新思想新战略"}],
          why="the pre-2020 name; 习近平法治思想 since 2020-11"),
        M("h05", "new-penalty-law", "hard", "stale",
          [sub("全面落实包容审慎监管，对首次轻微违法行为", "全面落实包容审慎监管，依照新修订的《中华人民共和国行政处罚法》，对首次轻微违法行为")],
          [{"rule": "WD01", "snippet": "新修订的《中华人民共和国行政处罚法》"}],
          why="the 行政处罚法 revision in force 2021-07-15 is no longer 新修订 in a 2026 report (the clean text's 新修订 applies only to the 治安管理处罚法, in force 2026-01-01)"),
        M("h05", "rate-over-100", "plain", "impossible",
          [sub("办结9402件，办结率99.2%", "办结9402件，办结率100.4%")],
          [{"rule": "FG03", "snippet": "100.4%"}], drop=["FG02"],
          why="a 办结率 above 100% (9402/9360 ignores the 118 carried over; the right base 9478 gives 99.2%)"),
        M("h05", "region-sign", "hard", "foreign region",
          [sub("@sign 寿光市市场监督管理局", "@sign 青州市市场监督管理局")],
          [{"rule": "WD03", "snippet": "青州市市场监督管理局"}], drop=["ST06"],
          why="the neighbouring 青州市 (named as a cooperation partner) signs 寿光's report; the title, 来源 line and body say 寿光"),
        M("h05", "date-chinese", "hard", "date",
          [sub("@date 2027年1月13日", "@date 二〇二七年一月十三日")],
          [{"rule": "WD05", "snippet": "二〇二七年一月十三日"}], drop=["ST06"],
          why="成文日期 in Chinese numerals (GB/T 9704—2012 7.3.5: Arabic numerals); the web 发布时间 line stays as it was"),
        M("h05", "no-s4", "plain", "delete part",
          [cut("# 四、2027年工作安排", "@sign")],
          [{"rule": "ST01", "section": "S4"}],
          why="the plans part removed; the web furniture after the date remains"),
        M("h05", "title-year", "hard", "wrong year",
          [sub("@title 寿光市市场监督管理局2026年法治政府建设年度报告", "@title 寿光市市场监督管理局2025年法治政府建设年度报告")],
          [{"rule": "WD02", "snippet": "2025年法治政府建设年度报告"}],
          why="the document title says 2025 while the body (and the page heading above it) report on 2026"),
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
