"""Build held-out set 4 for `fzwriter lint`: five reports (four on 2026 written January 2027, one on 2025
written January 2026) of units and levels the season set does not have: a 甘肃 乡镇政府, a 地级市
自然资源和规划局, a 县人社局, a 广州 街道办事处 and a 地级市政府. Blind: written without reading fzwriter.

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

Expectations of a clean report: must = []; must_not = every FG rule (FG01–FG05: every text states a
较上年 change with both counts) and every WD rule, ST01 on each part that is there in any form, ST02 on
parts with their own level-1 heading, ST05 on S2 (all five give causes in a paragraph of their own), ST04 (numbering is regular),
ST06 (title, addressee, sign-off and date all present), ST03 only for h01 and h02 (the reports in the
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


def renumber(level: str):
    """Renumber the typed numbers of headings of one level (`#` or `##`) in order; `##` restarts under each `#`."""
    nums = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
    def f(t: str) -> str:
        out, k = [], 0
        for ln in t.split("\n"):
            if level == "##" and ln.startswith("# "):
                k = 0
            if level == "#" and ln.startswith("# "):
                ln = re.sub(r"^# (十一|十二|[一二三四五六七八九十])、", f"# {nums[k]}、", ln)
                k += 1
            elif level == "##" and ln.startswith("## "):
                ln = re.sub(r"^## （(十一|十二|[一二三四五六七八九十])）", f"## （{nums[k]}）", ln)
                k += 1
            out.append(ln)
        return "\n".join(out)
    return f


def mutations() -> list[dict]:
    m = []
    # ---- h01 党寨镇人民政府 2026 (甘肃张掖甘州区; docx, plain typed headings, split runs; 我镇)
    m += [
        M("h01", "stale-19th", "plain", "stale",
          [sub("全面贯彻党的二十大和二十届历次全会精神，深入学习贯彻习近平法治思想和习近平总书记对甘肃",
               "全面贯彻党的十九大和十九届历次全会精神，深入学习贯彻习近平法治思想和习近平总书记对甘肃")],
          [{"rule": "WD01", "snippet": "十九大和十九届历次全会精神"}],
          why="a 2026 report must open with 党的二十大和二十届历次全会精神; 十九大 is stale as current guidance from the 2022 report on"),
        M("h01", "social-outline-current", "hard", "stale",
          [sub("制定我镇2026年普法工作计划，落实“谁执法谁普法”责任制。",
               "制定我镇2026年普法工作计划，认真落实《法治社会建设实施纲要（2020—2025年）》，落实“谁执法谁普法”责任制。")],
          [{"rule": "WD01", "snippet": "认真落实《法治社会建设实施纲要（2020—2025年）》"}], drop=["WD02"],
          why="the 法治社会 纲要 ran to 2025; cited as current guidance in a 2026 report it is stale (its successor is not known). "
              "The same paragraph names 八五 retrospectively, which is right"),
        M("h01", "region", "plain", "foreign region",
          [sub("深入推进法治党寨建设", "深入推进法治碱滩建设")],
          [{"rule": "WD03", "snippet": "法治碱滩"}],
          why="碱滩镇 is another town of 甘州区; the report is 党寨镇's (法治党寨 elsewhere in the text)"),
        M("h01", "no-s3", "plain", "delete part",
          [cut("# 三、党政主要负责人履行推进法治建设第一责任人职责情况", "# 四、"), renumber("#")],
          [{"rule": "ST01", "section": "S3"}],
          why="the 第一责任人 part is deleted and 四 renumbered 三; nothing else in the text reports on the 镇党委书记、镇长's duty"),
        M("h01", "rate", "plain", "rate",
          [sub("调解成功率97.8%", "调解成功率98.7%")],
          [{"rule": "FG02", "snippet": "98.7%"}],
          why="调解成功305 of 排查312 is 97.76% → 97.8%, not 98.7%"),
        M("h01", "yoy-base", "hard", "year over year",
          [sub("较上年的286件增长9.1%", "较上年的286件增长8.3%")],
          [{"rule": "FG05", "snippet": "8.3%"}], drop=["FG02"],
          why="(312 − 286) / 286 = 9.09% → 9.1%; 8.3% = 26/312 divides by this year's count"),
        M("h01", "placeholder", "plain", "placeholder",
          [sub("全镇17个村全部配备村法律顾问", "全镇××个村全部配备村法律顾问")],
          [{"rule": "WD04", "snippet": "××"}],
          why="an unfilled ×× where the village count belongs"),
        M("h01", "impossible-date", "hard", "impossible date",
          [sub("年初召开镇党委会议专题研究", "2026年2月30日召开镇党委会议专题研究")],
          [{"rule": "WD05", "snippet": "2月30日"}],
          why="February has no 30th; the date is in the body, not the sign-off"),
    ]
    # ---- h02 襄阳市自然资源和规划局 2026 (docx, Heading styles, two tables, header/footer)
    m += [
        M("h02", "table-vs-text", "hard", "conflict",
          [sub("件数|31|28|4|16|5|3|12.5%", "件数|33|28|4|16|5|3|12.5%")],
          [{"rule": "FG04", "snippet": "33"}],
          why="the text says 以我局为被申请人的31件; 表2 (same scope: 以我局为被申请人) now says 收到33. "
              "The 57 of the whole city system is a different indicator"),
        M("h02", "correction-rate", "hard", "rate",
          [sub("12.5%", "15.2%", count=2)],
          [{"rule": "FG02", "snippet": "15.2%"}],
          why="纠错3 over 审结28 less 撤回终止4 = 3/24 = 12.5%; over all 审结 3/28 = 10.7%; 15.2% matches neither reading "
              "(text and table changed together, so no FG04)"),
        M("h02", "table-yoy", "hard", "year over year",
          [sub("|2864.3|-8.4%", "|2864.3|-9.2%")],
          [{"rule": "FG05", "snippet": "9.2%"}], drop=["FG02"],
          why="罚没款 2864.3 against 3126.8: −262.5/3126.8 = −8.4%; −9.2% = 262.5/2864.3 divides by this year's amount (table only)"),
        M("h02", "parts-exceed", "plain", "parts > whole",
          [sub("违法采矿54件；", "违法采矿64件；")],
          [{"rule": "FG01", "snippet": "违法采矿64件"}], drop=["FG04"],
          why="立案查处186件, 其中违法用地132 + 违法采矿64 = 196 > 186 (表1 still says 54: a conflict may fairly be reported too)"),
        M("h02", "fazhiban", "plain", "stale",
          [sub("均经局法规科初审、市司法局合法性审核后印发", "均经局法规科初审、市政府法制办合法性审核后印发")],
          [{"rule": "WD01", "snippet": "市政府法制办"}],
          why="政府法制办 was merged into the 司法局 in 2018; named as the current reviewing body in 2026 it is stale"),
        M("h02", "title-year", "plain", "wrong year",
          [sub("@title 襄阳市自然资源和规划局关于2026年度法治政府建设情况的报告",
               "@title 襄阳市自然资源和规划局关于2025年度法治政府建设情况的报告")],
          [{"rule": "WD02", "snippet": "2025年度法治政府建设"}], drop=["ST06"],
          why="the title says 2025 while the body reports on 2026 (2026年是“十五五”开局之年, 2027年工作安排). "
              "The body's 对2025年度执法工作开展“回头看” is right and stays"),
        M("h02", "region", "hard", "foreign region",
          [sub("襄阳市不动产登记中心推行", "十堰市不动产登记中心推行")],
          [{"rule": "WD03", "snippet": "十堰市不动产登记中心"}],
          why="the 襄阳 bureau reports its own registration centre; 十堰 is named legitimately elsewhere (跨区域执法协作), "
              "so a checker cannot simply flag every 十堰"),
        M("h02", "no-causes", "hard", "thin part",
          [cut("分析存在问题的原因，主要是：", "# 三、")],
          [{"rule": "ST05", "section": "S2"}],
          why="the causes paragraph is removed; the heading 存在的不足和原因 still promises them"),
    ]
    # ---- h03 郸城县人力资源和社会保障局 2026 (docx, bold headings, split runs; S3 as （一）; 我局)
    m += [
        M("h03", "no-s3", "hard", "delete part",
          [cut("## （一）主要负责人履行推进法治建设第一责任人职责情况", "## （二）"), renumber("##")],
          [{"rule": "ST01", "section": "S3"}],
          why="the （一） sub-part on the 局党组书记、局长 is deleted (sub-headings renumbered); the remaining "
              "督促局属单位主要负责人履行推进法治建设第一责任人职责 is an inspection of others, not S3"),
        M("h03", "rate", "plain", "rate",
          [sub("结案率97.3%", "结案率98.3%")],
          [{"rule": "FG02", "snippet": "98.3%"}],
          why="审结401 over 受理394 + 上年结转18 = 412: 97.33% → 97.3%, not 98.3%"),
        M("h03", "closed-over-received", "hard", "impossible",
          [sub("结案131件，结案率96.3%", "结案139件，结案率96.3%")],
          [{"rule": "FG03", "snippet": "139件"}], drop=["FG02", "FG01"],
          why="受理投诉举报136件 but 结案139件: more cases closed than received (no 上年结转 is stated); the unchanged 96.3% "
              "no longer fits either"),
        M("h03", "plan-year", "plain", "wrong year",
          [sub("# 三、2027年工作安排", "# 三、2026年工作安排"), sub("2027年，我局将", "2026年，我局将")],
          [{"rule": "WD02", "snippet": "2026年工作安排"}],
          why="a report on 2026 plans for 2027; plans titled and opened with the report year itself"),
        M("h03", "placeholder", "plain", "placeholder",
          [sub("进园区”活动28场次", "进园区”活动此处填写场次")],
          [{"rule": "WD04", "snippet": "此处填写"}],
          why="template text 此处填写 left where the count belongs"),
        M("h03", "eighth-current", "hard", "stale",
          [sub("深入实施“九五”普法规划，在县人社服务大厅", "深入实施“八五”普法规划，在县人社服务大厅")],
          [{"rule": "WD01", "snippet": "深入实施“八五”普法规划"}],
          why="八五 (2021—2025) implemented as current in 2026; the same paragraph's “八五”普法圆满收官后 is retrospective and right"),
        M("h03", "yoy-base", "hard", "year over year",
          [sub("较上年的2580.0万元下降10.2%", "较上年的2580.0万元下降11.4%")],
          [{"rule": "FG05", "snippet": "11.4%"}], drop=["FG02"],
          why="(2580.0 − 2316.5) / 2580.0 = 10.2%; 11.4% = 263.5/2316.5 divides by this year's amount"),
        M("h03", "date-format", "plain", "malformed date",
          [sub("@date 2027年1月19日", "@date 2027年01月19日")],
          [{"rule": "WD05", "snippet": "2027年01月19日"}], drop=["ST06"],
          why="成文日期 with a leading zero in the month (GB/T 9704: 2027年1月19日)"),
    ]
    # ---- h04 广州市越秀区北京街道办事处 2025 (docx, Word automatic numbering, tracked changes, mixed punctuation)
    m += [
        M("h04", "ninth-opening", "plain", "stale",
          [sub("也是“八五”普法收官之年", "也是“九五”普法开局之年")],
          [{"rule": "WD01", "snippet": "“九五”普法开局之年"}],
          why="in a report on 2025 the 九五 普法 (2026—2030) has not begun: 2025 is the 八五's last year"),
        M("h04", "15th-outline", "hard", "stale",
          [sub("认真学习贯彻中央全面依法治国工作会议精神和党的二十届四中全会审议通过的“十五五”规划建议",
               "认真学习贯彻中央全面依法治国工作会议精神和《国民经济和社会发展第十五个五年规划纲要》")],
          [{"rule": "WD01", "snippet": "第十五个五年规划纲要"}], drop=["WD02"],
          why="the 十五五 规划纲要 was adopted by the NPC on 2026-03-12; a report on 2025 can cite only the 四中全会's 规划建议 "
              "(as the clean text does). 十五五 itself is legitimate in this text (plans, 谋划)"),
        M("h04", "plan-year", "plain", "wrong year",
          [sub("# 四、2026年工作打算", "# 四、2025年工作打算")],
          [{"rule": "WD02", "snippet": "2025年工作打算"}],
          why="the plans of a report on 2025 titled with the report year; the paragraph below still says 2026年是“十五五”规划开局之年"),
        M("h04", "sign-region", "hard", "foreign region",
          [sub("@sign 广州市越秀区人民政府北京街道办事处", "@sign 广州市越秀区人民政府人民街道办事处")],
          [{"rule": "WD03", "snippet": "人民街道办事处"}], drop=["ST06"],
          why="the report is 北京街道's (title, body); 人民街道 is a neighbouring street named legitimately in the body's "
              "joint enforcement, but not as the issuing body"),
        M("h04", "rate", "plain", "rate",
          [sub("调解成功率98.1%", "调解成功率98.6%")],
          [{"rule": "FG02", "snippet": "98.6%"}],
          why="212 of 216 is 98.15% → 98.1% (the deleted tracked figure 210 is not part of the text)"),
        M("h04", "restated-conflict", "hard", "conflict",
          [sub("全年二百一十六宗矛盾纠纷全部依法处置", "全年二百六十一宗矛盾纠纷全部依法处置")],
          [{"rule": "FG04", "snippet": "二百六十一宗"}],
          why="part 一 says 排查矛盾纠纷216宗 (212 调解成功 + 4 引导诉讼); part 二 restates the same count in Chinese numerals as 261"),
        M("h04", "no-s4", "plain", "delete part",
          [cut("# 四、2026年工作打算", "@sign")],
          [{"rule": "ST01", "section": "S4"}],
          why="the plans part is deleted; nothing else states the 2026 arrangements"),
        M("h04", "tracked-placeholder", "hard", "placeholder",
          [sub("{-XX-}{+三十六+}", "{-三十六-}{+XX+}")],
          [{"rule": "WD04", "snippet": "XX"}],
          why="the tracked revision now inserts XX (visible, accepted text) and deletes the figure; in the clean text XX is "
              "only deleted text"),
    ]
    # ---- h05 安庆市人民政府 2026 (txt GB18030; S3 first; headings without 年度)
    m += [
        M("h05", "decisions-exceed", "plain", "parts > whole",
          [sub("其中维持402件", "其中维持502件")],
          [{"rule": "FG01", "snippet": "维持502件"}],
          why="维持502 + 驳回196 + 调解和解终止314 + 纠错120 = 1132 > 审结1032"),
        M("h05", "lose-rate-base", "hard", "rate",
          [sub("败诉率4.7%", "败诉率4.3%")],
          [{"rule": "FG02", "snippet": "4.3%"}],
          why="败诉37 over 审结795 = 4.65% → 4.7%; 4.3% = 37/862 divides by 收案, a denominator the sentence does not name for the rate"),
        M("h05", "over-100", "plain", "impossible",
          [sub("出庭应诉率100%", "出庭应诉率102.7%")],
          [{"rule": "FG03", "snippet": "102.7%"}], drop=["FG02"],
          why="a rate above 100% (512 of 512 is 100%)"),
        M("h05", "yoy", "plain", "year over year",
          [sub("较上年的956件增长15.9%", "较上年的956件增长19.5%")],
          [{"rule": "FG05", "snippet": "19.5%"}], drop=["FG02"],
          why="1108 against 956 is +15.9% (152/956), not 19.5%"),
        M("h05", "old-name", "plain", "stale",
          [sub("深入学习贯彻习近平法治思想和习近平总书记考察安徽", "深入学习贯彻习近平全面依法治国新理念新思想新战略和习近平总书记考察安徽")],
          [{"rule": "WD01", "snippet": "全面依法治国新理念新思想新战略"}],
          why="the pre-2020 name; 习近平法治思想 since 2020-11"),
        M("h05", "plan-deadline-past", "hard", "wrong year",
          [sub("2027年6月底前完成对各县", "2026年6月底前完成对各县")],
          [{"rule": "WD02", "snippet": "2026年6月底前"}],
          why="a plan in the 2027 arrangements with a deadline in the report year, already past when the report is written (January 2027)"),
        M("h05", "region", "hard", "foreign region",
          [sub("扎实推进法治安庆建设", "扎实推进法治池州建设")],
          [{"rule": "WD03", "snippet": "法治池州"}],
          why="安庆's report; 池州 is named legitimately in the cross-boundary cooperation, not as the report's own region"),
        M("h05", "no-causes", "plain", "thin part",
          [cut("原因主要是：", "# 四、"), sub("# 三、存在的不足和原因", "# 三、存在的不足")],
          [{"rule": "ST05", "section": "S2"}],
          why="S2 lists 不足 only: the causes paragraph and the word 原因 in the heading are removed"),
        M("h05", "no-s2", "plain", "delete part",
          [cut("# 三、存在的不足和原因", "# 四、"), renumber("#")],
          [{"rule": "ST01", "section": "S2"}], drop=["ST05"],
          why="the 不足和原因 part is deleted and 四 renumbered 三"),
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
