"""From raw paragraphs to a Report: width folding, furniture, headings, frame, year, region."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .. import checklists
from ..models import Paragraph, Report
from ..text import cn_small_int, fold, visible
from .raw import RawParagraph

_YEAR = re.compile(r"(?<!\d)(20\d{2})\s*年")
_RANGE = re.compile(r"(20\d{2})\s*[-~至到]\s*(20\d{2})")
_BOOK = re.compile(r"《[^》]{0,80}》")
# a place or unit name: the shortest run of Han characters ending in an admin suffix
_SUFFIX = r"(?:自治州|自治县|自治旗|新区|县|区|市|旗|盟)"
_PLACE = re.compile(r"[\u4e00-\u9fff]{1,8}?" + _SUFFIX)
_UNIT_SUFFIX = re.compile(r"^(?:[\u4e00-\u9fff]{0,10}?(?:局|委员会|委|办公室|办|中心|厅|院|署))")
_GENERIC = {"我区", "全区", "本区", "我县", "全县", "本县", "我市", "全市", "本市", "区", "县", "市",
            "市委", "区委", "县委", "城区", "社区", "辖区", "园区", "景区", "地区", "城市", "新区",
            "示范区", "开发区", "街区", "片区", "山区", "库区", "牧区", "市区", "郊区", "县市区",
            "各区", "各县", "各市", "省市", "市县", "省市区", "全州", "本州", "我州", "自治区"}


# page headers and footers (the .docx reader styles them so): linted for years and placeholders,
# never part of the report's structure
MARGINS = ("页眉", "页脚")


@lru_cache(maxsize=8)
def _any_of(patterns: tuple[str, ...]):
    """One compiled regex that matches a text where any of `patterns` matches (searched once instead
    of one search per pattern), or the patterns compiled one by one when they cannot be joined
    without changing what they mean (back-references count groups; a global flag must come first)."""
    each = [re.compile(p) for p in patterns]
    if any(re.search(r"\\\d|\(\?P=|\(\?\(|\(\?[aiLmsux]+\)", p) for p in patterns):
        return each
    try:
        return [re.compile("|".join(f"(?:{p})" for p in patterns))] if patterns else []
    except re.error:
        return each


def build(raw: list[RawParagraph], path: str, kind: str) -> Report:
    parts = checklists.parts()
    frame = checklists.frame()
    furniture = _any_of(tuple(frame.furniture))
    hint = re.compile(checklists.wording().hint)
    levels = {lvl: re.compile(rx) for lvl, rx in sorted(parts.numbering.items())}  # tried in this order
    paras: list[Paragraph] = []
    # the furniture patterns are nearly always one joined pattern: searched without a generator
    furn = furniture[0] if len(furniture) == 1 else None
    for rp in raw:
        # invisible characters (十九\u200b大) would blind the rules: they read the text without them
        text, gaps = visible(rp.text)
        if not text.strip():
            continue  # nothing a reader of the draft sees
        norm = fold(text)
        para = Paragraph(index=len(paras) + 1, text=text, norm=norm, original=rp.text if gaps else None,
                         gaps=gaps, style=rp.style, outline=rp.outline,
                         numbering=rp.numbering, in_table=rp.in_table, cell=rp.cell,
                         furniture=rp.style in MARGINS or (furn.search(norm) is not None if furn is not None
                                                           else any(rx.search(norm) for rx in furniture)))
        para.hint = not para.furniture and bool(hint.search(norm))
        paras.append(para)
    report = Report(path=path, kind=kind, paragraphs=paras)
    _frame(report, frame)
    _page_repeats(report)
    _headings(report, levels, parts.heading_max_chars)
    _cut_off(report)
    _year(report)
    _region(report)
    report.level = _level(report)
    return report


def _frame(report: Report, frame) -> None:
    content = [p for p in report.paragraphs if not (p.furniture or p.hint)]
    must, about = re.compile(frame.title.must), re.compile(frame.title.about)
    numbered = [re.compile(rx) for rx in checklists.parts().numbering.values()]

    def titled(t: str) -> bool:
        # 三台县、七台河市、十堰市 … begin with a numeral and are titles; 一、 (一) 1. are headings
        return (len(t) <= frame.title.max_chars and bool(must.search(t)) and bool(about.search(t))
                and "。" not in t[:-1] and not any(rx.match(t) for rx in numbered)
                # a sentence with commas is body text, unless it ends as a report's name does
                and (not re.search(r"[,;:]", t) or re.search(r"(报告|总结|汇报)$", t) is not None))

    letterhead = getattr(frame.title, "letterhead", None) or []  # a user's older frame.yml has none
    title_lines: list[Paragraph] = []
    for i, p in enumerate(content[:8]):
        t = p.norm.strip()
        if titled(t):
            title_lines = [p]
            break
        # a title broken over two lines (a .txt copied from a page, or two centred paragraphs)
        nxt = content[i + 1] if i + 1 < len(content) else None
        if (nxt is not None and len(t) <= 40 and not re.search(r"[,;。:!?]", t + nxt.norm)
                and not must.search(t) and not any(re.search(rx, t) for rx in letterhead)
                # a 红头's 发文机关标志 repeats the organ the title begins with: 清远市司法局 / 清远市司法局关于……
                and not re.sub(r"\s", "", nxt.norm).startswith(re.sub(r"\s", "", t))
                and titled(t + nxt.norm.strip()) and _title_head(t, nxt.norm.strip(), titled)):
            title_lines = [p, nxt]
            break
        if len(t) > frame.title.max_chars:
            break
    if title_lines:
        report.title = "".join(q.text.strip() for q in title_lines)
        report.title_paragraph = title_lines[0].index
    addressee = re.compile(frame.addressee.pattern)
    start = title_lines[-1].index if title_lines else 0
    for p in [q for q in content if q.index > start][:3]:
        t = p.norm.strip()
        if len(t) <= frame.addressee.max_chars and addressee.match(t):
            report.addressee, report.addressee_paragraph = p.text.strip(), p.index
            break
    # sign-off: the last few lines, date last, issuing bodies just above it, and a 版记 below it
    date_like = [re.compile(rx) for rx in frame.date.like]
    suffix = re.compile(frame.issuer.suffix)
    imprint_rx = [re.compile(rx) for rx in frame.imprint]
    imprint: list[Paragraph] = []
    while content and len(imprint) < 6 and any(rx.search(re.sub(r"\s+", "", content[-1].norm)) for rx in imprint_rx):
        imprint.insert(0, content.pop())
    tail = content[-5:]
    issuers: list[Paragraph] = []
    for p in reversed(tail):
        t = re.sub(r"\s+", "", p.norm)
        if report.date is None and not issuers and any(rx.match(t) for rx in date_like):
            report.date, report.date_paragraph = t, p.index
            continue
        if (len(t) <= frame.issuer.max_chars and suffix.search(t) and not re.search(r"[,。;:]", t)
                and p.level is None):
            issuers.insert(0, p)
            continue
        break
    if issuers:
        report.issuer = "、".join(re.sub(r"\s+", "", p.text) for p in issuers)
        report.issuer_paragraph = issuers[0].index
    report.frame_paragraphs = sorted(
        {i for i in (report.addressee_paragraph, report.date_paragraph) if i is not None}
        | {p.index for p in issuers} | {p.index for p in title_lines} | {p.index for p in imprint})


# what a finished sentence or a finished line of text ends with
_ENDS = set("。!?！？…;；:：”’」』)）]】》\"'")


def _cut_off(report: Report) -> None:
    """A text that stops mid-sentence, with no sign-off or date after it (a web page cut short, a
    draft not finished): where it breaks off."""
    if report.date is not None or report.issuer is not None:
        return
    body = [p for p in report.body() if p.norm.strip() and p.cell is None and not p.in_table]
    if not body:
        return
    last = body[-1]
    t = last.norm.rstrip()
    if last.level is not None and not last.runin and len(body) > 1 or t and t[-1] not in _ENDS and len(t) >= 20:
        report.cut = last.index


def _page_repeats(report: Report) -> None:
    """Lines a web page prints twice are page furniture, not the report's: a short line (a heading)
    right after the same line, and the title again after the title, whole or broken in two
    (重庆市开州区铁桥镇人民政府 / 关于2025年法治政府建设情况的报告)."""
    title = re.sub(r"\s+", "", fold(report.title or ""))
    frame = set(report.frame_paragraphs)
    prev = None
    seen_title = False
    pending: list[tuple[Paragraph, str]] = []
    for p in report.paragraphs:
        if p.furniture or p.hint:
            continue
        if p.in_table or p.cell is not None or p.style in MARGINS:
            prev, pending = None, []  # two equal cells of a table (100% | 100%) are the table's
            continue
        t = "".join(p.norm.split())  # white space taken out: str.split's is re's \s, and quicker
        if p.index in frame:
            seen_title = seen_title or p.index == report.title_paragraph
            prev = t
            continue
        if seen_title and title and len(t) >= 4 and title.startswith("".join(x[1] for x in pending) + t):
            pending.append((p, t))
            if "".join(x[1] for x in pending) == title:
                for q, _ in pending:
                    q.furniture = True
                pending = []
            continue
        pending = []
        if prev is not None and t == prev and len(t) <= 60:
            p.furniture = True
            continue
        prev = t


def _title_head(first: str, second: str, titled) -> bool:
    """Whether `first` is the head of a title broken before `second`: it leads into it (……关于) or
    names the issuing body (中共宁海县委 / 宁海县人民政府关于……). A line of a web page before a title
    that stands on its own (规划计划 / 深圳市2025年法治政府建设年度报告, 无障碍 简体|繁体) is not."""
    if not titled(second):
        return True
    if re.search(r"[|>\[\]【】→a-zA-Z]", first):
        return False
    return first.endswith("关于") or unit_of(first) is not None and re.search(
        r"(人民政府|政府|委员会|党委|党工委|委|局|厅|办公室|办事处|街道|镇|乡)$", first) is not None


def _headings(report: Report, levels, max_chars: int) -> None:
    frame_idx = set(report.frame_paragraphs)
    live = [p for p in report.paragraphs if not (p.furniture or p.index in frame_idx)]
    for p in live:
        if not p.hint and not p.in_table:  # numbered cells of a figures table are not headings
            _classify_heading(p, levels, max_chars)
    _unnumbered_parts(live, max_chars)
    stack: list[tuple[int, str]] = []
    for p in live:
        if p.hint:  # never a heading, but where it stands is worth showing
            p.section = [label for _, label in stack]
            continue
        if p.level is not None:
            while stack and stack[-1][0] >= p.level:
                stack.pop()
            stack.append((p.level, _heading_label(p)))
        p.section = [label for _, label in stack]


_CLAUSE_MARK = re.compile(r"[,，。;；:：!?！？]")


def _unnumbered_parts(live: list[Paragraph], max_chars: int) -> None:
    """Part titles written without numbers (存在的不足和原因 on a line of its own, bold or plain) in a
    draft that numbers no part: a short line with no clause mark, right before a （一） that starts its
    sub-headings, is a level-1 heading. Only where no part is numbered, so a line before a （一） in a
    draft with 一、二、三 stays what it is."""
    if any(p.level == 1 and p.number is not None for p in live):
        return
    for i, p in enumerate(live[:-1]):
        if p.level is not None or p.hint or p.in_table:
            continue
        nxt = next((q for q in live[i + 1:] if q.norm.strip()), None)
        t = p.norm.strip()
        if (nxt is not None and nxt.level == 2 and nxt.number == 1 and 4 <= len(t) <= max_chars
                and not _CLAUSE_MARK.search(t)):
            p.level, p.number, p.heading, p.runin = 1, None, t.rstrip("。"), False


def _classify_heading(p: Paragraph, levels, max_chars: int) -> None:
    norm = p.norm
    for level, rx in levels.items():  # by level (build sorts them)
        m = rx.match(norm)
        if not m:
            continue
        raw_num = m.group(1)
        number = int(raw_num) if raw_num.isdigit() else cn_small_int(raw_num)
        if number is None:
            continue
        rest_start = m.end()
        rest = norm[rest_start:]
        if not rest.strip():
            continue
        p.level, p.number = level, number
        end = _lead_end(rest)
        if end >= len(rest.rstrip()) and len(rest) <= max_chars:
            p.heading, p.runin = rest.strip().rstrip("。"), False
        else:
            p.heading, p.runin = rest[:end].strip().rstrip("。;；")[:max_chars], True
        return
    if p.outline is not None and 1 <= p.outline <= 4 and len(norm) <= max_chars:
        p.level, p.heading, p.runin = p.outline, norm.strip().rstrip("。"), False


def _lead_end(rest: str) -> int:
    m = re.search(r"[。!?;]", rest)
    return m.end() if m else len(rest)


def _heading_label(p: Paragraph) -> str:
    """The heading as the draft writes it (number included), for section paths."""
    if not p.runin:
        return p.text.strip()
    cut = p.norm.find(p.heading) + len(p.heading) if p.heading else len(p.text)
    return p.text[:cut].strip()


def _years_in(text: str) -> list[int]:
    text = _BOOK.sub("", text)
    text = _RANGE.sub("", text)
    return [int(y) for y in _YEAR.findall(text) if 2000 <= int(y) <= 2100]


_PLANS_HEAD = re.compile(r"安排|计划|打算|思路|展望|下一步|重点工作|工作要点")
_MEASURES_HEAD = re.compile(r"举措|成效|主要工作|工作情况|建设情况|进展")


def _opening_year(report: Report) -> int | None:
    for p in [p for p in report.body() if p.level is None][:2]:
        # on the stripped text, so no two whitespace runs compete (linear on a line of spaces)
        m = re.match(r"(?:[\u4e00-\u9fff]{0,12}?[,，])? ?(20\d{2}) ?年(?:度|以来|来|,|，|全年|是|我|全|在)?",
                     p.norm.strip()[:200])
        if m and 2000 <= int(m.group(1)) <= 2100:
            return int(m.group(1))
    return None


def _witnesses(report: Report) -> list[int]:
    """Years the report's other parts vouch for: a measures heading's year, a plans heading's year
    less one, a 成文日期 early in a year less one."""
    out = []
    for p in report.body():
        if p.level is None or p.runin or not p.heading:
            continue
        ys = _years_in(p.heading)
        if len(ys) != 1:
            continue
        if _PLANS_HEAD.search(p.heading):
            out.append(ys[0] - 1)
        elif _MEASURES_HEAD.search(p.heading):
            out.append(ys[0])
    if report.date:
        m = re.fullmatch(r"(\d{4})年(\d{1,2})月\d{1,2}日", report.date)
        if m and 1 <= int(m.group(2)) <= 6:
            out.append(int(m.group(1)) - 1)
    return out


def _year(report: Report) -> None:
    opening = _opening_year(report)
    if report.title:
        ys = _years_in(fold(report.title))
        if ys:
            # one wrong year gives one finding: a title year that the opening, the headings and the
            # 成文日期 all contradict is the title's mistake (WD02), not the report's year
            seen = _witnesses(report)
            if opening and opening != ys[0] and seen and all(w == opening for w in seen):
                report.year, report.year_source = opening, "开头段"
            else:
                report.year, report.year_source = ys[0], "标题"
            return
    if opening:
        report.year, report.year_source = opening, "开头段"
        return
    counts = Counter(y for p in report.body() for y in _years_in(p.norm))
    if counts:
        # ties go to the earlier year: plans for the next year are usually the minority
        year = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        report.year, report.year_source = year, "正文中出现最多的年份"


def title_year(report: Report) -> int | None:
    """The year the title names, if any."""
    ys = _years_in(fold(report.title)) if report.title else []
    return ys[0] if ys else None


_UNIT = re.compile(r"^(?:人民政府)?(司法局|[\u4e00-\u9fff]{1,8}?(?:局|委员会办公室|委员会|办公室|中心|办|厅|委))$")
_PLACES = re.compile(r"^((?:[\u4e00-\u9fff]{1,7}?(?:特别行政区|自治区|" + _SUFFIX[3:-1] + r"|省)){1,4})")
_TOWN = re.compile(r"^(?:人民政府)?([\u4e00-\u9fff]{2,8}?(?:街道|镇|乡|苏木))(?=办事处|人民政府|政府|党委|党工委|委员会|$)")


def unit_of(text: str) -> str | None:
    """The region or unit an organ's name is about: 盐城市大丰区人民政府 → 大丰区, 清远市司法局 →
    清远市司法局, 北京市朝阳区人民政府三里屯街道办事处 → 朝阳区三里屯街道, 雷山县方祥乡人民政府 → 雷山县方祥乡."""
    t = re.sub(r"\s+", "", fold(text)).removeprefix("中共")
    if re.match(r"(根据|按照|依据|为了|为|在|经|现将|对|关于)", t):
        return None  # a sentence, not an organ's name
    m = _PLACES.match(t)
    head = m.group(1) if m else ""
    places = _PLACE.findall(head) if head else []
    if places and len(places[0]) >= 5:
        # words of a web page glued before the name (有效性济宁市兖州区司法局): start at the first division
        from .. import regions

        first = places[0]
        if not regions.is_name(first, allow_short=False):
            k = next((k for k in range(1, len(first) - 1) if regions.is_name(first[k:], allow_short=False)), None)
            if k is not None:
                return unit_of(t[k:])
    place = places[-1] if places else head
    rest = t[len(head):]
    if places and re.match(r"(镇|乡|街道|苏木)", rest):
        # 德清县新市镇: the last "place" (新市) is the head of a township's name, not a city
        head = head[: -len(place)]
        place = places[-2] if len(places) > 1 else ""
        rest = t[len(head):]
    town = _TOWN.match(rest)
    if town and town.group(1) not in _GENERIC:
        return (place if place not in _GENERIC else "") + town.group(1)
    if len(place) < 2 or place in _GENERIC:
        return None
    unit = re.match(r"^[\u4e00-\u9fff]{0,10}", rest).group(0)
    # a department keeps its full name (清远市司法局); a government or party committee is its place
    if unit and _UNIT.match(unit) and not re.match(r"^(人民政府|政府|委员会|委)$", unit):
        return head + _UNIT.match(unit).group(1)
    return place


def _region(report: Report) -> None:
    """The unit is read from the title or the sign-off, never from the body's first words
    (大中街道在区委……领导下 is not a unit named 大中街道在区)."""
    signed = None
    if report.issuer:
        segs = report.issuer.split("、")
        segs.sort(key=lambda s: "政府" not in s)
        signed = next((r for r in map(unit_of, segs) if r), None)
    if report.title:
        t = fold(report.title)
        head = re.split(r"关于|\d{4}\s*年", t)[0]
        segs = [s for s in re.split(r"[\s、]+", head) if s]
        for seg in segs:
            if "人民政府" in seg or seg == segs[-1]:
                r = unit_of(seg)
                if r:
                    # the sign-off may say it more fully (三里屯街道 / 北京市朝阳区人民政府三里屯街道办事处)
                    if signed and signed != r and signed.endswith(r):
                        r = signed
                    report.region, report.region_source = r, "标题"
                    return
    if signed:
        report.region, report.region_source = signed, "落款"
        return
    # a web copy without title or sign-off: the opening's subject, only when it is a known division
    # (2024年,秦州区坚持…… → 秦州区; 大中街道在区委……领导下 → 大中街道; 根据中共枣庄市委…… → nothing)
    for p in [q for q in report.body() if q.level is None][:1]:
        m = re.match(r"(?:20\d{2} ?年(?:度|以来)?|今年以来|一年来|过去一年)?[,，]? ?([\u4e00-\u9fff]{2,16})",
                     p.norm.strip()[:200])
        if m:
            r = _known_unit(m.group(1))
            if r:
                report.region, report.region_source = r, "开头段"


def _known_unit(text: str) -> str | None:
    """The longest division name `text` starts with (full names, chained: 盐城市大丰区), and the
    department after it if one follows (清远市司法局); None unless the division data know it, or it
    is a 新区 followed by what it does (临江新区坚持……)."""
    from .. import regions

    for end in range(len(text), 1, -1):
        name = text[:end]
        if not re.search(r"(县|区|市|旗|盟|州|镇|乡|街道)$", name) or name in _GENERIC:
            continue
        if not regions.chain(name):
            if re.fullmatch(r"[\u4e00-\u9fff]{2,4}新区", name) and re.match(_ACTS, text[end:]):
                return name
            continue
        dept = re.match(r"^(?![在的和与对将以为把])[\u4e00-\u9fff]{1,8}?(局|委员会|办公室|中心|厅)", text[end:])
        return name + dept.group(0) if dept else name
    return None


# what an opening's subject does next (临江新区坚持……, 秦州区始终……)
_ACTS = r"(坚持|始终|深入|认真|全面|紧紧|紧扣|围绕|按照|聚焦|以|在|把|将|持续|扎实|大力|着力)"


def _level(report: Report) -> str | None:
    name = report.region or ""
    issuer = report.issuer or ""
    if "委员会" in issuer and "政府" in issuer or (report.title or "").startswith("中共"):
        return "党委政府联合"
    if re.search(r"(局|委员会|办公室|中心|厅|办)$", name):
        return "部门"
    if re.search(r"(镇|乡|街道)$", name):
        return "乡镇街道"
    if name:
        return "政府"
    return None
