"""One county, one set of figures: the same indicator, area and year stated differently by two reports
of one batch (FG04 across reports).

The county government's report says 全县共受理行政复议案件67件, the county 司法局's says 全县受理行政
复议案件65件: one of them is wrong, and each report gets a finding naming the other file. Precision
first, so only what both texts state as the whole area's is compared:

- the figure is a count of an indicator of checklists/indicators.yml named exactly (受理行政复议案件,
  not 受理行政复议听证申请), this year's (not 同比, 累计, another year), in prose (a table's scope is its
  own), with the same counted phrase;
- its sentence opens with the area's whole-area word (全县 for a county, 全区, 全市 for a county-level
  city, 全镇 for a town), after at most a time word (全年, 2025年): 在全县开展…… is where a unit worked,
  not what the county did;
- nothing between that word and the figure narrows it to a part of the area (checklists/indicators.yml
  `part_of_area`: 系统, 本级, 法院, a department's 部门 or 机关 — but 各部门 and 行政机关 are the whole);
  the other scope words (被告, 一审) must be the same in both statements;
- both reports are on the same year and the same area: a government's report on its region, a
  department's on the region its name starts with (清河县市场监督管理局 → 清河县, the batch's county
  government named the same; else the division data), a town's on the town;
- two statements that can be one value (intervals meet: 1,200余件 and 1,236件) agree; two files of one
  unit (a draft and its revision) are not two reports.

A department's own cases (本局作为被告的……), a town's 全镇 figures and figures of another year are
therefore never compared with the county's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .anchors import nest_quotes
from .models import Finding, Location

RULE = "FG04"
NAME = "figures.conflict"
# words before the whole-area word that leave the sentence about the area: time and linking words
_LEAD = re.compile(r"(?:(?:\d{4}年度?|全年|年内|今年|本年度?|一年来|同时|此外|另外|其中|共)[,，、]?)*")
_WHOLE = re.compile(r"全(县|区|市|旗|州|盟|镇|乡|街道)")
QUOTE_CHARS = 40  # the other report's words quoted in the message, from 全县 to the figure, at most
# a plural or the whole class before a narrowing word keeps the whole area (各部门, 行政机关)
_PLURAL = ("各", "各级", "行政", "所有")


@dataclass
class Statement:
    """A count a report states for its whole area (read in the worker, compared in the parent)."""

    key: str
    phrase: str
    scope: tuple[str, ...]
    whole: str  # the whole-area word: 全县
    lo: float
    hi: float
    unit: str
    text: str  # as printed: 67件
    paragraph: int
    start: int  # the sentence, in the paragraph
    end: int
    quote: str  # the clause that states it
    sentence: str  # the sentence, as written: the finding's evidence
    section: list[str] = field(default_factory=list)


def statements(report) -> list[Statement]:
    """The report's counts stated for its whole area (see the module docstring)."""
    from . import checklists
    from .figures import analyse

    data = checklists.indicators()
    narrow = tuple(data.part_of_area)
    out = []
    for f in analyse(report).figures:
        if not (f.indicator and f.indicator_exact and f.current and f.is_count) or f.paren or f.cell is not None:
            continue
        para = report.para(f.paragraph)
        if para.furniture or para.hint:
            continue
        s0, s1 = f.sentence
        before = para.norm[s0:f.start]
        m = _whole_area(before)
        if m is None or _narrowed(before[m.end():], narrow):
            continue
        scope = tuple(sorted(w for w in data.scopes if w in before))
        # quoted from the whole-area word when that is short, else from the figure's clause
        cut = m.start() - 1 if f.end - (s0 + m.start()) <= QUOTE_CHARS else max(before.rfind(c) for c in ",;:，；：、")
        out.append(Statement(
            key=f.indicator, phrase=f.phrase, scope=scope, whole=m.group(0), lo=f.lo, hi=f.hi, unit=f.unit,
            text=para.text[f.start:f.end], paragraph=f.paragraph, start=s0, end=s1,
            quote=para.text[s0 + cut + 1:f.end].strip(), sentence=para.text[s0:s1].strip(),
            section=list(para.section)))
    return out


def _whole_area(before: str):
    """The last whole-area word before a figure that opens a clause of its sentence (全县共收到……，
    受理81件: the county's), after at most time and linking words; None for 在全县开展…… or none."""
    found = None
    for m in _WHOLE.finditer(before):
        k = m.start()
        opening = max(before.rfind(c, 0, k) for c in ",;:，；：") + 1
        lead = _LEAD.match(before, opening)
        if lead is not None and lead.end() == k:
            found = m
    return found


def _narrowed(between: str, words: tuple[str, ...]) -> bool:
    """Whether words between the whole-area word and the figure name a part of the area."""
    for w in words:
        k = between.find(w)
        while k != -1:
            if not between[:k].endswith(_PLURAL):
                return True
            k = between.find(w, k + 1)
    return False


# ------------------------------------------------------------------------------------ the batch

def areas(results) -> dict[str, str]:
    """Each report's area (path → 清河县 / 某镇), as the module docstring says; reports whose area
    cannot be told are left out."""
    governments = sorted({r.report.region for r in results if _checked(r) and r.report.region
                          and r.report.level in ("政府", "党委政府联合")}, key=lambda w: (-len(w), w))
    out: dict[str, str] = {}
    for r in results:
        if not _checked(r) or not r.report.region or r.report.year is None:
            continue
        region, level = r.report.region, r.report.level
        if level in ("政府", "党委政府联合", "乡镇街道"):
            out[r.path] = region
        elif level == "部门":
            area = next((g for g in governments if region.startswith(g) and len(region) > len(g)), None)
            out_area = area or _division(region)
            if out_area:
                out[r.path] = out_area
    return out


def _division(region: str) -> str | None:
    """The county (or city, district) a department's name starts with, from the division data."""
    from . import checklists
    from .regions import resolve

    try:
        found = resolve(region, checklists.wording().department_suffix)
    except Exception:  # noqa: BLE001 - no division data: the area is not known
        return None
    names = {d.name for d in found}
    if len(names) != 1:
        return None
    name = names.pop()
    return name if region.startswith(name) or name in region else None


def _checked(r) -> bool:
    return r.report is not None and r.error is None and r.skipped is None


def _suffix(area: str) -> str:
    for s in ("街道", "县", "区", "市", "旗", "州", "盟", "镇", "乡"):
        if area.endswith(s):
            return s
    return ""


def check(results, codes: list[str], severity: dict | None = None) -> set[str]:
    """Add a finding to both reports for each indicator two reports of one area and year state as
    the whole area's with values that cannot agree; returns the paths of the reports that got one."""
    if RULE not in codes:
        return set()
    where = areas(results)
    groups: dict[tuple, list] = {}
    for r in results:
        area = where.get(r.path)
        if area is None or not r.statements:
            continue
        for st in r.statements:
            if st.whole != "全" + _suffix(area):
                continue  # 全市 in a county's report is the prefecture's
            groups.setdefault((area, r.report.year, st.key, st.phrase, st.scope), []).append((r, st))
    added: set[str] = set()
    compared: dict[str, set[int]] = {}  # path → its statements that another report's were compared with
    level = (severity or {}).get(RULE, "warning")
    for (area, year, key, phrase, scope), items in groups.items():
        files = {}
        for r, st in items:
            files.setdefault(r.path, (r, []))[1].append(st)
        if len(files) < 2:
            continue
        paths = list(files)
        for r, sts in files.values():
            compared.setdefault(r.path, set()).update(id(st) for st in sts)
        for i, a in enumerate(paths):
            for b in paths[i + 1:]:
                ra, sa = files[a]
                rb, sb = files[b]
                if ra.report.region == rb.report.region:
                    continue  # one unit's report twice (a draft and its revision): not two reports
                if any(x.lo <= y.hi + 1e-9 and y.lo <= x.hi + 1e-9 for x in sa for y in sb):
                    continue  # some statement of each can be the same value
                ra.findings.append(_finding(ra, sa[0], rb, sb[0], level))
                rb.findings.append(_finding(rb, sb[0], ra, sa[0], level))
                added |= {ra.path, rb.path}
    from .engine import _order

    for r in results:
        if r.figures is not None and compared.get(r.path):
            r.figures["checkable"] += len(compared[r.path])  # checked against another report
            r.figures["inconsistent"] = sum(1 for f in r.findings if f.rule.startswith("FG"))
        if r.path in added:
            r.findings.sort(key=_order)
    return added


def _finding(mine, st: Statement, other, ost: Statement, level: str) -> Finding:
    from .figures import indicator_label

    unit = other.report.region or "另一单位"
    message = (f"同一指标“{indicator_label(st.key)}”（{st.whole}）在同批报告中不一致：本报告为{st.text}，"
               f"{unit}的报告（{other.path}）为{ost.text}（“{ost.quote}”）。")
    report = mine.report
    return Finding(rule=RULE, name=NAME, severity=level, message=nest_quotes(message), evidence=st.sentence,
                   location=Location(paragraph=st.paragraph, start=st.start, end=st.end, section=st.section),
                   suggestion=f"与{unit}核对后统一为核实的数字；若口径不同（如全{_suffix(report.region or '') or '县'}与本级、"
                              "本系统），在文中写明口径。")

