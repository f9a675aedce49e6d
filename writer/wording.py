"""Shared helpers of the wording rules (WD01–WD06): compiled data patterns and context tests."""

from __future__ import annotations

import re
from functools import lru_cache

from . import checklists
from .models import Report


@lru_cache(maxsize=512)
def rx(pattern: str) -> re.Pattern:
    return re.compile(pattern)


_BACKREF = re.compile(r"\\\d|\(\?P=|\(\?\(")  # \1, (?P=name), (?(1)…): numbers shift when joined


@lru_cache(maxsize=64)
def rx_any(patterns: tuple[str, ...]) -> re.Pattern | None:
    """One pattern that matches where any of `patterns` does: a rule searches each paragraph with it
    once and runs its patterns one by one only where it matches (most paragraphs hold none). None
    when they cannot be joined (a back-reference, a conditional on a group, a repeated group name,
    a flag that must open the pattern)."""
    if not patterns or any(_BACKREF.search(p) for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns))
    except re.error:
        return None


def year_label(report: Report) -> str:
    """How the report year was inferred: 2024年度（据标题）."""
    src = f"（据{report.year_source}）" if report.year_source else ""
    return f"{report.year}年度{src}"


def retrospective(text: str, start: int, end: int) -> bool:
    """Whether the words around text[start:end] make it a look back (“七五”普法总结验收, 原法制办)."""
    spec = checklists.facts().retrospective
    before = text[max(0, start - spec.window):start]
    after = text[end:end + spec.window]
    # only the clause the mention is in counts
    before = re.split(r"[,;。:]", before)[-1]
    after = re.split(r"[,;。:]", after)[0]
    return any(w in before for w in spec.before) or any(w in after for w in spec.after)


def prospective(text: str, start: int, end: int) -> bool:
    """Whether the words around text[start:end] make the mention preparation for what comes next
    (谋划“八五”普法, 迎接党的二十大, “九五”普法规划的谋划衔接), in the same clause."""
    before = re.split(r"[,;。:]", text[max(0, start - 16):start])[-1]
    after = re.split(r"[,;。:]", text[end:end + 10])[0]
    return any(rx(w).search(before) or rx(w).search(after) for w in checklists.facts().prospective)


# how far after a mention its clause is read for a look back (对照《…》和省、市实施方案开展总结评估)
CLAUSE_REACH = 40


def _cited(text: str, start: int, end: int, words) -> bool:
    """A word of `words` before text[start:end] in its clause, and no look back in the whole clause."""
    spec = checklists.facts()
    before = re.split(r"[,;。:]", text[max(0, start - spec.guidance.window):start])[-1]
    if not any(w in before for w in words):
        return False
    after = re.split(r"[,;。:]", text[end:end + CLAUSE_REACH])[0]
    return not (retrospective(text, start, end) or any(w in after for w in spec.retrospective.after))


def cited_as_guidance(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is cited as current guidance (认真落实《…》, 深入实施“八五”普法规划):
    a word of facts.yml `guidance.before` before it in its clause, and no word of a look back in it."""
    spec = checklists.facts()
    if _cited(text, start, end, spec.guidance.before):
        return True
    # 以《法治政府建设实施纲要（2021—2025年）》为遵循
    lead = re.split(r"[,;。:]", text[max(0, start - spec.guidance.window):start])[-1]
    if not spec.guidance.after or not lead.rstrip("“\"《<").endswith("以"):
        return False
    close = max(text.find("》", end, end + 8), text.find(">", end, end + 8))  # the rest of a title
    rest = text[close + 1:] if close != -1 else text[end:]
    return rest.lstrip("”\"").startswith(tuple(spec.guidance.after)) and not retrospective(text, start, end)


def applied_as_basis(text: str, start: int, end: int) -> bool:
    """Whether the law at text[start:end] is the basis of a measure (依据《…》开展执法监督), not a law
    studied or prepared for (学习宣传《…》, 做好施行准备)."""
    return _cited(text, start, end, checklists.facts().guidance.applied) and not prospective(text, start, end)


def beyond_horizon(year: int) -> bool:
    """A report on `year` is written after the day the dated facts were checked up to."""
    return year > checklists.facts().checked.year


def horizon_note(years) -> str | None:
    """One sentence for reports on years past the dated facts' horizon (None when there are none)."""
    late = sorted({y for y in years if y is not None and beyond_horizon(y)})
    if not late:
        return None
    return (f"fzwriter 的日期类事实（会议、规划、法律）核对至{checked_cn()}；"
            f"{'、'.join(map(str, late))}年度报告中此后出现的新会议、新规划、新法律未作判断。{facts_update_hint()}")


def checked_cn() -> str:
    """The facts' horizon in Chinese: 2026年12月4日."""
    checked = checklists.facts().checked
    return f"{checked.year}年{checked.month}月{checked.day}日"


def facts_update_hint(listing: bool = True) -> str:
    """Where a user adds or corrects dated facts: their own copy in force, or how to make one."""
    if checklists.source("facts.yml").parent == checklists.user_folder():
        where = f"修改 {checklists.shown('facts.yml')}"
    else:
        where = ("用 fzwriter checklists export 文件夹 导出一份清单，修改其中的 facts.yml，"
                 "并在 fzwriter.toml 中写 checklists = \"文件夹\"")
    return f"如需补充或更正：{where}" + ("；fzwriter rules --facts 列出现有条目及其来源。" if listing else "。")


def congress_formula(year: int) -> str | None:
    """The congress current in `year` with its plenums held so far (党的二十大和二十届二中、三中全会);
    党的二十大和二十届历次全会 when a plenum of that year is not confirmed held; None past the horizon,
    when a congress or plenum may have come that the facts do not know."""
    if beyond_horizon(year):
        return None
    facts = checklists.facts().facts
    congress = next((f for f in facts if f.scaffold is not None and f.scaffold.role == "党代会"
                     and f.covers(year)), None)
    if congress is None:
        return None
    plenums = [f for f in facts if f.kind == "全会" and f.congress == congress.id and f.covers(year)]
    if any(not f.confirmed for f in plenums):
        head = re.match(r"(.+届)", plenums[0].scaffold.say if plenums[0].scaffold else plenums[0].id)
        return f"{congress.scaffold.say}和{head.group(1)}历次全会" if head else congress.scaffold.say
    says = [f.scaffold.say for f in plenums if f.scaffold is not None]
    parts = [re.fullmatch(r"(.+届)(.+)全会", s) for s in says]
    if not parts or not all(parts) or len({m.group(1) for m in parts}) != 1:
        return congress.scaffold.say
    return f"{congress.scaffold.say}和{parts[0].group(1)}{'、'.join(m.group(2) for m in parts)}全会"


def current_guidance(year: int) -> str:
    """What to write for the congress and plenums in a report on `year` (for suggestions)."""
    return congress_formula(year) or "成文时党中央最新的党代会和全会"


# what a suggestion says when no plan of a role is current (none known yet): never a guessed title
_NO_CURRENT = {"纲要": "党中央、国务院关于法治政府建设的决策部署", "五年规划": "现行五年规划",
               "普法规划": "现行普法规划"}


def current_plan(role: str, year: int) -> str:
    """The plan of `role` (五年规划, 普法规划, 纲要) current in a report on `year`, as a suggestion
    writes it in place of an older one's name: “十五五”, “九五”普法, 《…（2021—2025年）》."""
    found = [f for f in checklists.facts().facts
             if f.scaffold is not None and f.scaffold.role == role and f.covers(year)]
    if not found:
        return _NO_CURRENT[role]
    say = max(found, key=lambda f: f.from_ or 0).scaffold.say
    return say.removesuffix("规划") if role in ("五年规划", "普法规划") else say


def fill_instead(instead: str, year: int) -> str:
    """A fact's `instead` with its slots filled for the report year: {党代会}, {五年规划}, {普法规划}, {纲要}."""
    instead = instead.replace("{党代会}", current_guidance(year))
    return re.sub(r"\{(五年规划|普法规划|纲要)\}", lambda m: current_plan(m.group(1), year), instead)


# a document's name longer than this is not one (and looking further back per match is quadratic)
TITLE_MARKS_REACH = 300


def quote(words: str) -> str:
    """“words”, with quotes inside it turned to single ones (“‘八五’普法”, not ““八五”普法”)."""
    return "“" + words.replace("“", "‘").replace("”", "’") + "”"


def title_span(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) widened to the whole 《…》 it lies in (a document's name quoted whole)."""
    if in_title_marks(text, start):
        start = text.rfind("《", max(0, start - TITLE_MARKS_REACH), start)
    if in_title_marks(text, end):
        close = text.find("》", end, end + TITLE_MARKS_REACH)
        if close != -1 and "《" not in text[end:close]:
            end = close + 1
    return start, end


def in_title_marks(text: str, start: int) -> bool:
    """Whether position `start` is inside 《…》 (a document's name)."""
    lo = max(0, start - TITLE_MARKS_REACH)
    opened = text.rfind("《", lo, start)
    return opened != -1 and text.find("》", opened, start) == -1


def span_years(first: int | None, last: int | None) -> str:
    if first is not None and last is not None:
        return f"{first}—{last}年度"
    if first is not None:
        return f"{first}年度及以后"
    return f"{last}年度及以前"
