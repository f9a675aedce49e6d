"""One indicator stated with two values that cannot agree (FG04).

Two statements are of one indicator only when the text says so: the same indicator key
(checklists/indicators.yml) with the same counted phrase and scope; the same rate name (or one that
qualifies the other with words its sentence already has: 行政案件查结率 / 查结率) about the same
subject (案卷 / 考试); a table row (受理（件）, 解决率, 追发工资（万元）) and the text figure it names.
Figures that compare, accumulate or plan (同比, 累计, 力争, another year) are not this year's figure.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate, islice

from .. import checklists
from . import Check, restated
from .numbers import Figure
from .parts import same_family
from .rates import own_bases, rates_in
from .sentence import measure_of
from .tagging import indicator_label

_LEADING = ("全年", "年内", "全面", "本年度", "本年", "今年", "本次", "年度", "累计", "共", "总体", "整体", "平均",
            "综合")


@dataclass
class _Statement:
    figure: Figure
    name: str  # what it is, for the message
    scope: frozenset[str] | None  # None: a table cell, whatever scope the text uses
    where: tuple[int, int, int]  # paragraph, sentence span
    topic: str | None = None
    table: bool = False
    quote: str = ""  # the clause that states it, or the table row
    bases: frozenset = frozenset()  # a rate's bases as its own sentence states them (rates.own_bases)


def _place(st: _Statement) -> str:
    return "表中" if st.table else f"第{st.where[0]}段"


def _quote(text: str, f: Figure, floor: int) -> str:
    cut = max(text.rfind(c, floor, f.start) for c in ",;:、")
    return text[max(cut + 1, floor):f.end].strip()


def check(result, report, sentences, tables) -> None:
    data = checklists.indicators()

    scopes: dict[int, frozenset[str]] = {}
    any_scope = re.compile("|".join(map(re.escape, data.scopes)))  # most stretches name none: one search
    for s in sentences:
        # a scope holds from where it is named to the next one (县本级收到…40件，受理35件); a figure
        # after no scope word keeps the one before it. 全县 in a county's report is the report's own
        # scope, the same as saying nothing, and it ends a narrower one (县政府本级…；全市…出庭应诉率)
        current: frozenset[str] = frozenset()
        prev_end = s.start
        for f in s.figures:
            named = [w for w in data.scopes if w in s.text[prev_end:f.start]] \
                if any_scope.search(s.text, prev_end, f.start) else None
            if named:
                current = frozenset(w for w in named if not w.startswith("全"))
            scopes[id(f)] = current
            prev_end = f.end

    def scope_of(f: Figure) -> frozenset[str]:
        return scopes.get(id(f), frozenset())

    # 1. tagged indicators (text and table)
    keyed: dict[tuple[str, str], list[_Statement]] = {}
    for s in sentences:
        for f in s.figures:
            if f.indicator and f.current and not f.paren:
                keyed.setdefault((f.indicator, f.phrase), []).append(
                    _Statement(f, indicator_label(f.indicator), scope_of(f), (s.paragraph, s.start, s.end),
                               quote=_quote(s.text, f, s.start)))
    for t in tables:
        for r, row in enumerate(t.rows):
            for cell in row:
                f = cell.figure
                # a row of one kind (劳动争议) in a table of kinds states a part, not the indicator
                if f is not None and f.indicator and f.current and not f.extra.get("kind_row"):
                    keyed.setdefault((f.indicator, f.phrase), []).append(
                        _Statement(f, indicator_label(f.indicator), None, t.where(r), table=True,
                                   quote=t.evidence(r)))
    for statements in keyed.values():
        _compare(result, statements, lambda a, b: True)

    # 2. rates by name (not tagged): the same name about the same subject
    topics = tuple(sorted(set(checklists.figures().topics), key=lambda w: (-len(w), w)))
    named: list[_Statement] = []
    for s in sentences:
        for rate in rates_in(s):
            f = rate.figure
            if f.indicator or not f.current or rate.shared or rate.name.startswith("占"):
                continue
            core = _core(rate.name)
            if len(core) < 3:
                continue
            named.append(_Statement(f, core, scope_of(f), (s.paragraph, s.start, s.end),
                                    topic=_topic(s.text[s.start:f.start], topics),
                                    quote=s.text[s.clause_start(f.start):f.end].strip(),
                                    bases=own_bases(s, rate)))
    for t in tables:
        for r in range(len(t.rows)):
            label = t.unitless(r)
            if not label.endswith("率"):
                continue
            for cell in t.rows[r]:
                f = cell.figure
                if f is not None and f.current and f.unit == "%" and not f.indicator:
                    named.append(_Statement(f, label, None, t.where(r), table=True, quote=t.evidence(r)))
    texts = {(st.where[0]): report.para(st.where[0]).norm for st in named}
    by_word: dict[str, list[_Statement]] = {}  # only rates ending in the same word can be one rate
    for st in named:
        by_word.setdefault(st.name[-3:], []).append(st)
    for group in by_word.values():
        _compare(result, group, lambda a, b: _same_rate(a, b, texts))

    # 3. counts no indicator names, restated in the same or other words (配备公职律师48名 / 四十八名)
    restated.check(result, sentences, scope_of)

    # 4. a table's 合计 row and the total the text leading into the table states
    _table_totals(result, sentences, tables)

    # 5. table rows named in the text (追发工资（万元） and 为劳动者追发工资等待遇6,842.3万元)
    if not tables:
        return
    counts = [(s, g) for s in sentences for g in s.figures if g.is_count and g.current and not g.paren]
    naming: dict[str, list] = {}  # a row label → the text's figures whose lead names it (once per label)
    # every lead in one string: a label is looked up by str.find across all of them, in C, instead of
    # `label in lead` for each of thousands of figures (a label holds no NUL, so no match spans two)
    leads = "\x00".join(g.lead for _, g in counts)
    bounds = list(accumulate(len(g.lead) + 1 for _, g in counts))  # the end (exclusive) of each lead + 1

    def named(label: str) -> list:
        hits: list[int] = []
        at = leads.find(label)
        while at != -1:
            k = bisect_right(bounds, at)
            hits.append(k)
            at = leads.find(label, bounds[k]) if k < len(bounds) else -1
        return [counts[k] for k in hits]
    for t in tables:
        for r in range(len(t.rows)):
            label = t.name(r)
            if len(label) < 3 or label.endswith("率") or label in ("合计", "总计", "小计"):
                continue
            if label not in naming:
                naming[label] = named(label) if "\x00" not in label else [(s, g) for s, g in counts if label in g.lead]
            # a row of a kind (知识产权, 食品安全) counts what the table counts: a text figure of another
            # measure about that kind (调处知识产权纠纷97件 beside 办理行政处罚案件) is another figure
            kind_row = measure_of(label, "") is None
            for i, cell in enumerate(t.rows[r]):
                f = cell.figure
                if f is None or not f.current or not f.is_count or f.indicator:
                    continue
                for s, g in naming[label]:
                    if kind_row and g.measure is not None and g.measure not in _subject_measures(t, sentences):
                        continue
                    if g.unit == f.unit and _names_column(t, i, g):
                        a = _Statement(g, label, None, (s.paragraph, s.start, s.end),
                                       quote=_quote(s.text, g, s.start))
                        b = _Statement(f, label, None, t.where(r), table=True, quote=t.evidence(r))
                        _compare(result, [a, b], lambda x, y: True)


def _subject_measures(t, sentences) -> set[str]:
    """What a table of kinds counts: the measures of the counts in the text leading into it that
    state its 合计 (共办理行政处罚案件2,846件 / | 合计 | 2,846 | … → 办理)."""
    from .tables import TOTAL_LABELS

    cached = getattr(t, "_subject", None)
    if cached is not None:
        return cached
    totals = set()
    cur = t.column("current")
    for r in range(len(t.rows)):
        if t.label(r).replace(" ", "") in TOTAL_LABELS and cur is not None and cur < len(t.rows[r]):
            f = t.rows[r][cur].figure
            if f is not None:
                totals.add(f.value)
    out = {g.measure for s in sentences if s.paragraph in t.near for g in s.counts()
           if g.measure is not None and g.value in totals}
    t._subject = out
    return out


_KIND_WORDS = re.compile(r"(类别|门类|类型|项目|名称|分类|领域|种类|类)$")


def _table_totals(result, sentences, tables) -> None:
    """The text that leads into a table (the paragraph or two before it) states the total its 合计 row
    sums: known by last year's count beside it equal to the 合计 row's last-year cell (较上年的35,117件
    / | 合计 | 38,642 | 35,117 |), or by the one count whose words name what the rows are kinds of
    (受理群众诉求5,625件 / | 诉求类别 | … |)."""
    from .tables import TOTAL_LABELS

    for t in tables:
        rows = [r for r in range(len(t.rows)) if t.label(r).replace(" ", "") in TOTAL_LABELS]
        cur, prev = t.column("current"), t.column("previous")
        # a table of this year against last year, by kinds (执法门类 | 2018年 | 2017年 | 同比): its 合计
        # is one total; a table whose columns are measures (立案 | 结案 | 罚没款) has one per column
        if len(rows) != 1 or cur is None or prev is None or t.measured:
            continue
        row = t.rows[rows[0]]
        total = row[cur].figure if cur < len(row) else None
        last = row[prev].figure if prev is not None and prev < len(row) else None
        if total is None or not total.is_count:
            continue
        near = [(s, f) for s in sentences if s.paragraph in t.near for f in s.counts() if not f.paren]
        said = None
        if last is not None:
            for s, f in near:
                if f.current and f.exact and same_family(f.unit, total.unit):
                    after = [g for g in s.counts() if g.start > f.end and g.start < s.clause_end(f.end) + 30]
                    if any(not g.current and any(w in g.lead for w in ("上年", "去年", "同期")) and g.value == last.value
                           for g in after):
                        said = (s, f)
                        break
        if said is None:
            kind = _KIND_WORDS.sub("", t.header[0].strip()) if t.header else ""
            named = [(s, f) for s, f in near if len(kind) >= 2 and kind in f.lead and f.current
                     and same_family(f.unit, total.unit)]
            if len({f.value for _, f in named}) == 1:
                said = named[0]
        if said is None:
            continue
        s, f = said
        what = re.sub(r"^(全年|本年度|年内|全[省市县区镇乡]|共|累计)+", "", f.lead) or "合计"
        a = _Statement(f, what, None, (s.paragraph, s.start, s.end), quote=_quote(s.text, f, s.start))
        b = _Statement(total, what, None, t.where(rows[0]), table=True, quote=t.evidence(rows[0]))
        _compare(result, [a, b], lambda x, y: True)


def _names_column(t, i: int, g: Figure) -> bool:
    """Whether text figure `g` is what column `i` counts: any column of a table whose rows are the
    measures; in a table whose columns are the measures (类别 | 收到申请 | 受理 | 审结), only the
    column whose measure is g's (收到行政复议申请87件 is the 收到申请 column, not the 受理 one)."""
    if not t.measured:
        return True
    column = t.col_name(i)
    if not column:
        return False
    m = measure_of(column, "")
    return column in g.lead or (m is not None and g.measure == m)


def _core(name: str) -> str:
    changed = True
    scopes = checklists.indicators().scopes
    while changed:
        changed = False
        for w in (*_LEADING, *scopes):
            if name.startswith(w) and len(name) > len(w) + 1:
                name = name[len(w):]
                changed = True
    return name


def _topic(head: str, topics: tuple[str, ...]) -> str | None:
    best, pos = None, -1
    for t in topics:
        k = head.rfind(t)
        if k > pos:
            best, pos = t, k
    return best


def _same_rate(a: _Statement, b: _Statement, texts) -> bool:
    if a.name != b.name:
        long, short = (a, b) if len(a.name) > len(b.name) else (b, a)
        if not long.name.endswith(short.name):
            return False
        extra = long.name[: len(long.name) - len(short.name)]
        if short.table or extra not in texts[short.where[0]][short.where[1]:short.where[2]]:
            return False
    if a.bases and b.bases and not a.bases & b.bases:
        return False  # each sentence states its own base, and they differ: two sets of cases
    # tables name their subject in the row label; in prose both sentences must name the same subject
    return a.table or b.table or a.topic == b.topic


def _compare(result, statements: list[_Statement], same) -> None:
    """Each statement against the first earlier one of the same indicator (its first statement)."""
    for i, b in enumerate(statements):
        for a in islice(statements, i):
            if a.where == b.where and not (a.table or b.table):
                continue  # one sentence listing one indicator twice enumerates sub-scopes
            if a.table and b.table:
                continue
            if a.scope is not None and b.scope is not None and a.scope != b.scope:
                continue
            if not same_family(a.figure.unit, b.figure.unit) or not same(a, b):
                continue
            fa, fb = a.figure, b.figure
            if not fa.overlaps(fb):
                first, later = (a, b) if (a.where, a.figure.start) <= (b.where, b.figure.start) else (b, a)
                msg = (f"同一指标“{a.name}”前后数值不一致：{_place(first)}为{first.figure.text}，"
                       f"{'表中' if later.table else '此处'}为{later.figure.text}"
                       f"（“{first.quote}”与“{later.quote}”）。")
                para, s0, s1 = later.where
                result.add(Check("conflict", [fa, fb], False, "FG04", msg, (para, s0, s1),
                                 evidence=later.quote if later.table else None))
            else:
                result.add(Check("conflict", [fa, fb], True))
            break  # compared with its first statement: one finding per restatement
