"""From raw paragraphs to a Report: width folding, furniture, headings, frame, year, region."""

from __future__ import annotations

import re
from collections import Counter

from .. import checklists
from ..models import Paragraph, Report
from ..text import cn_small_int, fold
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


def build(raw: list[RawParagraph], path: str, kind: str) -> Report:
    parts = checklists.parts()
    frame = checklists.frame()
    furniture = [re.compile(p) for p in frame.furniture]
    hint = re.compile(checklists.wording().hint)
    levels = {lvl: re.compile(rx) for lvl, rx in parts.numbering.items()}
    paras: list[Paragraph] = []
    for i, rp in enumerate(raw, start=1):
        norm = fold(rp.text)
        para = Paragraph(index=i, text=rp.text, norm=norm, style=rp.style, outline=rp.outline,
                         numbering=rp.numbering, in_table=rp.in_table, cell=rp.cell,
                         furniture=any(rx.search(norm) for rx in furniture))
        para.hint = not para.furniture and bool(hint.search(norm))
        paras.append(para)
    report = Report(path=path, kind=kind, paragraphs=paras)
    _frame(report, frame)
    _headings(report, levels, parts.heading_max_chars)
    _year(report)
    _region(report)
    report.level = _level(report)
    return report


def _frame(report: Report, frame) -> None:
    content = [p for p in report.paragraphs if not (p.furniture or p.hint)]
    must, about = re.compile(frame.title.must), re.compile(frame.title.about)
    for p in content[:8]:
        t = p.norm.strip()
        if (len(t) <= frame.title.max_chars and must.search(t) and about.search(t)
                and "。" not in t[:-1] and not re.match(r"^\s*[(一二三四五六七八九十\d]", t)):
            report.title, report.title_paragraph = p.text.strip(), p.index
            break
        if len(t) > frame.title.max_chars:
            break
    addressee = re.compile(frame.addressee.pattern)
    start = report.title_paragraph or 0
    for p in [q for q in content if q.index > start][:3]:
        t = p.norm.strip()
        if len(t) <= frame.addressee.max_chars and addressee.match(t):
            report.addressee, report.addressee_paragraph = p.text.strip(), p.index
            break
    # sign-off: the last few lines, date last, issuing bodies just above it
    date_like = [re.compile(rx) for rx in frame.date.like]
    suffix = re.compile(frame.issuer.suffix)
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
        {i for i in (report.title_paragraph, report.addressee_paragraph, report.date_paragraph)
         if i is not None} | {p.index for p in issuers})


def _headings(report: Report, levels, max_chars: int) -> None:
    frame_idx = set(report.frame_paragraphs)
    stack: list[tuple[int, str]] = []
    for p in report.paragraphs:
        if p.furniture or p.index in frame_idx:
            continue
        if p.hint:  # never a heading, but where it stands is worth showing
            p.section = [label for _, label in stack]
            continue
        if not p.in_table:  # numbered cells of a figures table are not headings
            _classify_heading(p, levels, max_chars)
        if p.level is not None:
            while stack and stack[-1][0] >= p.level:
                stack.pop()
            stack.append((p.level, _heading_label(p)))
        p.section = [label for _, label in stack]


def _classify_heading(p: Paragraph, levels, max_chars: int) -> None:
    norm = p.norm
    for level in sorted(levels):
        m = levels[level].match(norm)
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


def _year(report: Report) -> None:
    if report.title:
        ys = _years_in(fold(report.title))
        if ys:
            report.year, report.year_source = ys[0], "标题"
            return
    body = [p for p in report.body() if p.level is None]
    for p in body[:2]:
        m = re.match(r"^\s*(?:[\u4e00-\u9fff]{0,12}?[,，])?\s*(20\d{2})\s*年(?:度|以来|来|,|，|全年|是|我|全|在)?",
                     p.norm)
        if m and 2000 <= int(m.group(1)) <= 2100:
            report.year, report.year_source = int(m.group(1)), "开头段"
            return
    counts = Counter(y for p in report.body() for y in _years_in(p.norm))
    if counts:
        # ties go to the earlier year: plans for the next year are usually the minority
        year = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        report.year, report.year_source = year, "正文中出现最多的年份"


_UNIT = re.compile(r"^(?:人民政府)?(司法局|[\u4e00-\u9fff]{1,8}?(?:局|委员会办公室|办公室|中心|办|厅|委))$")


def _region_from(text: str) -> str | None:
    """The region (or unit) a name or sentence opening is about: 盐城市大丰区人民政府 → 大丰区."""
    t = re.sub(r"\s+", "", fold(text)).removeprefix("中共")
    m = re.match(r"^((?:[\u4e00-\u9fff]{1,6}?" + _SUFFIX + r"){1,3})", t)
    if not m:
        return None
    places = _PLACE.findall(m.group(1))
    place = places[-1] if places else m.group(1)
    if len(place) < 2 or place in _GENERIC:
        return None
    rest = t[m.end():]
    unit = re.match(r"^[\u4e00-\u9fff]{0,10}", rest).group(0)
    # a department keeps its full name (清远市司法局); a government or party committee is its place
    if unit and _UNIT.match(unit) and not re.match(r"^(人民政府|政府|委员会|委)$", unit):
        return m.group(1) + _UNIT.match(unit).group(1)
    return place


def _region(report: Report) -> None:
    if report.title:
        t = fold(report.title)
        head = re.split(r"关于|\d{4}\s*年", t)[0]
        for seg in re.split(r"[\s、]+", head):
            if "人民政府" in seg or seg == re.split(r"[\s、]+", head)[-1]:
                r = _region_from(seg)
                if r:
                    report.region, report.region_source = r, "标题"
                    return
    if report.issuer:
        segs = report.issuer.split("、")
        segs.sort(key=lambda s: "政府" not in s)
        for seg in segs:
            r = _region_from(seg)
            if r:
                report.region, report.region_source = r, "落款"
                return
    for p in [q for q in report.body() if q.level is None][:2]:
        m = re.match(r"^\s*(?:20\d{2}\s*年(?:度|以来)?|今年以来|一年来|过去一年|[\u4e00-\u9fff]{0,4}以来)?[,，]?\s*"
                     r"(?:在[^,，]{0,40}下[,，])?\s*(.{2,20})", p.norm)
        if m:
            r = _region_from(re.sub(r"(委|政府).*$", "", m.group(1)) if re.search(r"(区|县|市)委", m.group(1)) else m.group(1))
            if r:
                report.region, report.region_source = r, "开头段"
                return


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
