"""Build the 2026-season set for `fzwriter lint`: five reports of the season that matters (reports on 2026
written January 2027, and one on 2025 written January 2026), not the seeds.

Usage: python build_cases.py OUTDIR        (needs python-docx and lxml)
Writes OUTDIR/<case>/<file> and OUTDIR/cases.json in the format score.py reads:
  {name, file, exit: "ok", kind: "original"|"mutation", must, must_not, may, year}
plus fields score.py ignores: report, tier ("clean"|"plain"|"hard"), category, render, why.

Sources: drafts/s*.txt beside this file, written for this set by an author who had not read
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
    # ---- s01 平江县人民政府 2026 (docx, Heading styles, two tables, header/footer)
    m += [
        M("s01", "outline-current", "plain", "stale",
          [sub("深入学习贯彻习近平法治思想和中央全面依法治国工作会议精神，在“十四五”时期",
               "深入学习贯彻习近平法治思想，认真落实《法治政府建设实施纲要（2021—2025年）》，在“十四五”时期")],
          [{"rule": "WD01", "snippet": "认真落实《法治政府建设实施纲要（2021—2025年）》"}], drop=["WD02"],
          why="the 2021—2025 纲要 cited as current guidance in a 2026 report; the clean text names it only retrospectively (确定的目标任务全面完成)"),
        M("s01", "plan-year", "plain", "wrong year",
          [sub("# 四、2027年法治政府建设工作安排", "# 四、2026年法治政府建设工作安排"),
           sub("2027年，平江县人民政府将", "2026年，平江县人民政府将")],
          [{"rule": "WD02", "snippet": "2026年"}], why="the plans part titled and opened with the report year instead of 2027"),
        M("s01", "rate", "plain", "wrong rate", [sub("调解成功率98.5%", "调解成功率96.5%")],
          [{"rule": "FG02", "snippet": "96.5%"}], why="4153/4217 = 98.5%"),
        M("s01", "region", "plain", "foreign region", [sub("统筹推进法治平江、法治政府", "统筹推进法治浏阳、法治政府")],
          [{"rule": "WD03", "snippet": "浏阳"}], why="浏阳市 (长沙) borders 平江县"),
        M("s01", "hard-table-vs-text", "hard", "same indicator two values", [sub("件数|96|85|79", "件数|96|83|79")],
          [{"rule": "FG04", "snippet": "83"}], why="table 1 says 受理 83, the text says 受理85件"),
        M("s01", "hard-plan-bawu", "hard", "stale",
          [sub("二是全面实施“九五”普法规划，深入贯彻", "二是深入实施“八五”普法规划，深入贯彻")],
          [{"rule": "WD01", "snippet": "实施“八五”普法规划"}],
          why="the 2027 plans name the 八五 plan (2021—2025), closed in 2025; the clean text says “八五”普法顺利收官 (a trap) in part 一"),
        M("s01", "hard-no-causes", "hard", "no causes", [cut("究其原因：", "# 三、")],
          [{"rule": "ST05", "section": "S2"}], why="causes paragraph removed; the heading 存在的不足和原因 still promises them"),
        M("s01", "hard-table-placeholder", "hard", "placeholder", [sub("件数|96|85|79|41", "件数|96|85|XX|41")],
          [{"rule": "WD04", "snippet": "XX"}], drop=["FG02", "FG04"],
          why="placeholder left in a table cell (审结) while the text says 审结79件"),
    ]
    # ---- s02 张店区人民政府 2026 (docx, Word automatic numbering, split runs; 第一责任人 part first)
    m += [
        M("s02", "pufa-bawu-current", "plain", "stale",
          [sub("全面启动“九五”普法，研究制定张店区“九五”普法规划", "深入实施“八五”普法规划")],
          [{"rule": "WD01", "snippet": "深入实施“八五”普法规划"}], why="八五普法 (2021—2025) as current work in 2026"),
        M("s02", "shisiwu-current", "plain", "stale", [sub("紧紧围绕“十五五”规划目标任务", "紧紧围绕“十四五”规划目标任务")],
          [{"rule": "WD01", "snippet": "围绕“十四五”规划目标任务"}],
          why="十四五 as the current plan in 2026; the clean text names 十四五 only retrospectively (总结评估, 期间累计, 末)"),
        M("s02", "hard-plenum-three", "hard", "stale",
          [sub("全面贯彻党的二十大和二十届历次全会精神", "全面贯彻党的二十大和二十届二中、三中全会精神")],
          [{"rule": "WD01", "snippet": "三中"}],
          why="the list of plenums stops at 三中: 二十届四中全会 (2025-10, the 十五五 plenum) is missing in a 2026 report"),
        M("s02", "opening-year", "plain", "wrong year", [sub("2026年，张店区人民政府坚持", "2025年，张店区人民政府坚持")],
          [{"rule": "WD02", "snippet": "2025年"}], why="opening year differs from the title year"),
        M("s02", "parts-exceed", "plain", "parts exceed whole", [sub("其中维持97件", "其中维持117件")],
          [{"rule": "FG01", "snippet": "168"}], drop=["FG03"], why="117+21+7+2+5+1+35 = 188 > 审结168件"),
        M("s02", "hard-rate-shouli", "hard", "wrong rate", [sub("纠错率8.9%", "纠错率8.5%")],
          [{"rule": "FG02", "snippet": "8.5%"}],
          why="8.5% = 15/176 (受理); 纠错 (撤销7+变更2+确认违法5+责令履行1 = 15) over 审结168 is 8.9%"),
        M("s02", "hard-no-s3", "hard", "delete part",
          [cut("# 一、党政主要负责人", "# 二、"), sub("# 二、2026年", "# 一、2026年"), sub("# 三、存在", "# 二、存在"),
           sub("# 四、2027年", "# 三、2027年")],
          [{"rule": "ST01", "section": "S3"}],
          why="第一责任人 part deleted; the 2027 plans still say 健全党政主要负责人履行推进法治建设第一责任人职责清单 (a plan, not a report of the duty)"),
        M("s02", "hard-formulation", "hard", "formulation",
          [sub("区委、区政府主要负责人认真履行推进法治建设第一责任人职责", "区委、区政府主要负责人认真履行推进法治政府建设第一责任人职责")],
          [{"rule": "WD06", "snippet": "推进法治政府建设第一责任人"}],
          why="the 规定's term is 推进法治建设第一责任人职责, not 推进法治政府建设…"),
        M("s02", "no-addressee", "plain", "frame", [sub("@addressee 淄博市人民政府：\n", "")],
          [{"rule": "ST06"}], why="主送机关 missing"),
    ]
    # ---- s03 仪陇县司法局 2026 (txt GB18030; a department: S3 about 局主要负责人)
    m += [
        M("s03", "fazhi-zhongguo-current", "plain", "stale",
          [sub("认真落实县委、县政府关于法治建设的决策部署", "认真落实《法治中国建设规划（2020—2025年）》和县委、县政府关于法治建设的决策部署")],
          [{"rule": "WD01", "snippet": "法治中国建设规划"}], drop=["WD02"],
          why="the 2020—2025 法治中国建设规划 cited as current guidance in 2026 (no successor known)"),
        M("s03", "nineteenth", "plain", "stale", [sub("全面贯彻党的二十大和二十届历次全会精神", "全面贯彻党的十九大和十九届历次全会精神")],
          [{"rule": "WD01", "snippet": "十九大"}]),
        M("s03", "plan-year", "plain", "wrong year", [sub("2027年，县司法局将", "2026年，县司法局将")],
          [{"rule": "WD02", "snippet": "2026年"}], why="next-year plans dated the report year (heading 2027年工作打算 unchanged)"),
        M("s03", "no-causes", "plain", "no causes", [cut("产生上述问题的原因", "# 四、")],
          [{"rule": "ST05", "section": "S2"}]),
        M("s03", "placeholder", "plain", "placeholder", [sub("办理法律援助案件1286件", "办理法律援助案件【待填】件")],
          [{"rule": "WD04", "snippet": "待填"}]),
        M("s03", "numbering", "plain", "numbering", [sub("# 三、存在的不足和原因", "# 四、存在的不足和原因")],
          [{"rule": "ST04"}], why="一、二、四、四、"),
        M("s03", "hard-signoff-region", "hard", "foreign region", [sub("@sign 仪陇县司法局", "@sign 营山县司法局")],
          [{"rule": "WD03", "snippet": "营山"}], drop=["ST06"], why="sign-off names 营山县 (a neighbour in 南充市) under a 仪陇县 title"),
        M("s03", "hard-rate-shouli", "hard", "wrong rate", [sub("纠错率11.8%", "纠错率11.1%")],
          [{"rule": "FG02", "snippet": "11.1%"}], why="11.1% = 12/108 (受理), not 12/102 (审结) = 11.8%"),
        M("s03", "hard-shisiwu-kaiju", "hard", "stale", [sub("2026年是“十五五”规划开局之年", "2026年是“十四五”规划开局之年")],
          [{"rule": "WD01", "snippet": "“十四五”规划开局"}], why="2026 opens 十五五; 十四五 opened in 2021"),
        M("s03", "hard-no-s3", "hard", "delete part",
          [cut("# 二、主要负责人", "# 三、"), sub("# 三、存在", "# 二、存在"), sub("# 四、2027年", "# 三、2027年")],
          [{"rule": "ST01", "section": "S3"}],
          why="the bureau head's part deleted; part 一 keeps 督促各单位党政主要负责人履行推进法治建设第一责任人职责 (others' duty)"),
    ]
    # ---- s04 中共宾川县委 宾川县人民政府 2026 (docx joint, bold headings, table, split runs)
    m += [
        M("s04", "outline-current", "plain", "stale",
          [sub("深入推进法治宾川建设，为", "以贯彻实施《法治政府建设实施纲要（2021—2025年）》为主线，深入推进法治宾川建设，为")],
          [{"rule": "WD01", "snippet": "贯彻实施《法治政府建设实施纲要（2021—2025年）》为主线"}], drop=["WD02"],
          why="the 2021—2025 纲要 as the main line of 2026 work (a 2025 report's formula carried over)"),
        M("s04", "plan-year", "plain", "wrong year", [sub("# 三、2027年工作打算", "# 三、2026年工作打算")],
          [{"rule": "WD02", "snippet": "2026年"}], why="plans titled with the report year"),
        M("s04", "region", "plain", "foreign region", [sub("深入推进法治宾川建设", "深入推进法治祥云建设")],
          [{"rule": "WD03", "snippet": "祥云"}], why="祥云县 borders 宾川县 (both 大理州)"),
        M("s04", "no-s4", "plain", "delete part", [cut("# 三、2027年工作打算", "@sign")],
          [{"rule": "ST01", "section": "S4"}]),
        M("s04", "table-rate", "plain", "wrong rate", [sub("纠错率|11.3%", "纠错率|13.3%")],
          [{"rule": "FG02", "snippet": "13.3%"}], why="rate stated only in the table: 6/53 = 11.3%"),
        M("s04", "hard-banjie-exceeds", "hard", "impossible", [sub("按期办结309件", "按期办结321件")],
          [{"rule": "FG03", "snippet": "321"}], drop=["FG01", "FG02"], why="受理信访事项312件, 按期办结321件"),
        M("s04", "hard-signoff-in-year", "hard", "impossible date", [sub("@date 2027年1月26日", "@date 2026年12月26日")],
          [{"rule": "WD05", "snippet": "2026年12月26日"}], drop=["WD02", "ST06"],
          why="成文日期 inside the report year, before the year it reports on has ended"),
        M("s04", "hard-pufa-spelled", "hard", "stale",
          [sub("“八五”普法顺利收官后，启动实施第九个五年法治宣传教育规划，研究起草宾川县“九五”普法规划。",
               "深入实施第八个五年法治宣传教育规划，推动普法责任制落实。")],
          [{"rule": "WD01", "snippet": "第八个五年"}], why="八五普法 written out in full as current work of 2026"),
    ]
    # ---- s05 诸暨市人民政府 2025 (docx, Heading styles, header/footer, mixed punctuation)
    m += [
        M("s05", "fifth-plenum", "plain", "stale", [sub("二十届二中、三中、四中全会精神", "二十届二中、三中、四中、五中全会精神")],
          [{"rule": "WD01", "snippet": "五中"}], why="二十届五中全会 was not held in 2025 (announced for 2026-10)"),
        M("s05", "hard-eco-code", "hard", "stale", [sub("严格执行《中华人民共和国环境保护法》", "严格执行《中华人民共和国生态环境法典》")],
          [{"rule": "WD01", "snippet": "生态环境法典"}], why="生态环境法典 adopted 2026-03-12, in force 2026-08-15: cannot be applied in 2025"),
        M("s05", "hard-supervision-applied", "hard", "stale",
          [sub("对照行政执法“三项制度”要求开展执法监督", "依据《行政执法监督条例》开展执法监督")],
          [{"rule": "WD01", "snippet": "依据《行政执法监督条例》"}],
          why="条例 in force 2026-02-01, applied in the 2025 measures; the clean 2026 plans cite it rightly as coming into force"),
        M("s05", "jiuwu-current", "plain", "stale",
          [sub("扎实开展“八五”普法总结验收，全面完成“八五”普法规划确定的目标任务。", "深入实施“九五”普法规划，推动普法工作提质增效。")],
          [{"rule": "WD01", "snippet": "深入实施“九五”普法规划"}], why="九五普法 (2026—2030) as current work of 2025; the clean plans say 科学编制“九五”普法规划"),
        M("s05", "hard-zhian-applied", "hard", "stale",
          [sub("组织全市公安民警学习将于2026年1月1日起施行的新修订的《治安管理处罚法》，为新法实施做好准备。",
               "全市公安机关依据新修订的《治安管理处罚法》查处治安案件1860件。")],
          [{"rule": "WD01", "snippet": "依据新修订的《治安管理处罚法》"}],
          why="the revised 治安管理处罚法 is in force from 2026-01-01: it cannot be applied to 2025 cases"),
        M("s05", "hard-yoy", "hard", "year over year", [sub("增长16.4%", "增长14.1%")],
          [{"rule": "FG05", "snippet": "14.1%"}], drop=["FG02"],
          why="312 against 268 last year is +16.4%; 14.1% = 44/312 divides by this year's count"),
        M("s05", "bad-date", "plain", "impossible date", [sub("@date 2026年1月23日", "@date 2026.1.23")],
          [{"rule": "WD05", "snippet": "2026.1.23"}], drop=["ST06"]),
        M("s05", "region", "plain", "foreign region", [sub("奋力建设更高水平的法治诸暨", "奋力建设更高水平的法治柯桥")],
          [{"rule": "WD03", "snippet": "柯桥"}], why="柯桥区 borders 诸暨市 (both 绍兴市)"),
        M("s05", "no-s2", "plain", "delete part",
          [cut("# 三、存在的不足和原因", "# 四、"), sub("# 四、2026年工作安排", "# 三、2026年工作安排")],
          [{"rule": "ST01", "section": "S2"}]),
        M("s05", "plan-year", "plain", "wrong year", [sub("# 四、2026年工作安排", "# 四、2025年工作安排")],
          [{"rule": "WD02", "snippet": "2025年"}], why="plans titled with the report year"),
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
    for p in sorted(DRAFTS.glob("s[0-9][0-9]_*.txt")):
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
