"""Indicator keys from checklists/indicators.yml: what a figure counts, stable across reports.

A count is tagged only when a measure word (受理) stands right before it, with at most a few
words between them besides the topic and fillers (受理各类行政复议案件65件); the topic is in that
stretch or is the nearest topic earlier in the sentence (收到行政复议申请74件，其中受理67件). A rate
is tagged when its name contains one of the indicator's rate words. Table cells are tagged from
their row label, with the table's own topic (its labels and the paragraph before it).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .. import checklists
from ..models import Report

# (?<!\d)(19|20)\d{2}(?=年), with the digits first so the scan for them runs in C
_YEAR_IN_TEXT = re.compile(r"(19|20)(?<!\d19|\d20)\d{2}(?=年)")


@dataclass
class _Index:
    """checklists/indicators.yml prepared once: the tagger runs for every figure of every report."""

    data: checklists.IndicatorsData
    topics: list[str]
    rates: list[tuple[str, str]]
    words: dict[str, re.Pattern]  # key → its topic and measure words, longest first
    strip: dict[str, list[str]]  # key → words that do not change what is counted
    strip_any: dict[str, re.Pattern]  # key → any of its strip words (most objects hold none)
    # key → a first character → (place in `strip`, word) of the strip words beginning with it
    strip_first: dict[str, dict[str, tuple[tuple[int, str], ...]]]
    labels: dict[str, str]
    same_unit: dict[str, set[str]]
    by_unit: dict[str, list]  # a figure's unit → the indicators it may count, in the file's order
    not_current: re.Pattern  # any word of not_current (a count's)
    not_current_rate: re.Pattern  # … less 达到 and 突破 (a rate 达到 a value is this year's)
    # the topics reversed, in `topics` order: searched in a reversed window, the first match is the
    # topic that ends last (the first in `topics` order among those ending there)
    topic_last: re.Pattern
    # a unit → (each position's longest measure word of its indicators, looked ahead so words may
    # overlap; a word → the positions in by_unit of the indicators with a measure word it starts with)
    measure_at: dict[str, tuple[re.Pattern, dict[str, tuple[int, ...]]]]


@lru_cache(maxsize=1)
def _index() -> _Index:
    data = checklists.indicators()
    groups = [set(g) for g in checklists.figures().unit_groups]
    longest = lambda ws: sorted(set(ws), key=lambda w: (-len(w), w))  # noqa: E731  (stable order)
    same: dict[str, set[str]] = {}
    for ind in data.indicators:
        same[ind.unit] = next((g for g in groups if ind.unit in g), {ind.unit})
    units = {u for g in same.values() for u in g}
    alternation = lambda ws: re.compile("|".join(map(re.escape, ws)) or "(?!)")  # noqa: E731
    by_unit = {u: [ind for ind in data.indicators if ind.unit != "%" and u in same[ind.unit]] for u in units}
    topics = longest(t for ind in data.indicators for t in ind.topic)
    measure_at = {}
    for u, inds in by_unit.items():
        words = longest(w for ind in inds for w in ind.measure)
        owners = {w: tuple(i for i, ind in enumerate(inds) if any(w.startswith(x) for x in ind.measure))
                  for w in words}
        measure_at[u] = (re.compile("(?=(" + ("|".join(map(re.escape, words)) or "(?!)") + "))"), owners)
    strip = {ind.key: longest([*ind.topic, *data.fillers, *data.scopes]) for ind in data.indicators}
    return _Index(
        strip_any={key: alternation(words) for key, words in strip.items()},
        strip_first={key: _by_first(words) for key, words in strip.items()},
        topic_last=re.compile("|".join(re.escape(t[::-1]) for t in topics) or "(?!)"),
        measure_at=measure_at,
        by_unit=by_unit,
        not_current=alternation(data.not_current),
        not_current_rate=alternation([w for w in data.not_current if w not in ("达到", "突破")]),
        data=data,
        topics=topics,
        rates=sorted(((r, ind.key) for ind in data.indicators for r in ind.rate),
                     key=lambda x: len(x[0]), reverse=True),
        words={ind.key: re.compile("|".join(map(re.escape, longest([*ind.topic, *ind.measure]))))
               for ind in data.indicators if ind.measure},
        strip=strip,
        labels={ind.key: ind.label for ind in data.indicators},
        same_unit=same)


def _by_first(words: list[str]) -> dict[str, tuple[tuple[int, str], ...]]:
    out: dict[str, list[tuple[int, str]]] = {}
    for k, w in enumerate(words):
        if w:
            out.setdefault(w[0], []).append((k, w))
    return {c: tuple(ws) for c, ws in out.items()}


def indicator_label(key: str) -> str:
    return _index().labels[key]


def tag(report: Report, sentences, tables) -> None:
    for s in sentences:
        _tag_sentence(s, report.year)
    for t in tables:
        _tag_table(t)


def _clause(text: str, start: int, floor: int) -> str:
    cut = max(text.rfind(",", floor, start), text.rfind(":", floor, start),
              text.rfind(";", floor, start), floor - 1)
    return text[cut + 1:start]


# a year that dates a document, not the counts after it: 《…（2021—2025年）》, 行政复议法（2023年修订）
_EDITION = re.compile(r"[(（]\s*\d{4}\s*年?\s*(修订|修正|修改|版|施行|颁布|公布)[^()（）]{0,6}[)）]")


def _names_a_document(text: str, i: int, floor: int) -> bool:
    head = text[max(floor, i - 60):i]
    if head.count("《") > head.count("》") or head.count("<") > head.count(">"):
        return True  # inside a title
    k = max(text.rfind("(", floor, i + 1), text.rfind("（", floor, i + 1))
    return k != -1 and i - k <= 2 and _EDITION.match(text, k) is not None


_COMPARED = re.compile(r"(较|比|与)$")


def clause_floor(text: str, start: int, floor: int) -> int:
    """Where the clause holding `start` begins (after the last , : ; before it)."""
    return max(text.rfind(",", floor, start), text.rfind(":", floor, start), text.rfind(";", floor, start),
               floor - 1) + 1


def _tag_sentence(s, year: int | None) -> None:
    idx = _index()
    text = s.text
    year_at = [(y.start(), int(y.group(0))) for y in _YEAR_IN_TEXT.finditer(text, s.start, s.end)
               if not _names_a_document(text, y.start(), s.start)]
    prev_end = s.start
    for f in s.figures:
        clause = _clause(text, f.start, max(s.start, f.start - 200))
        head = text[max(s.start, f.start - 200):f.start]  # topics are near; a window keeps this linear
        # a year that only names a comparison's base (较2025年的120件) dates its own clause, not the
        # clauses after it; any other year dates the rest of the sentence
        years = {y for k, y in year_at if k < f.start and not (_COMPARED.search(text, max(s.start, k - 2), k)
                                                               and k < clause_floor(text, f.start, s.start))}
        # 达到 and 突破 mark running totals of counts; a rate 达到 a value is this year's rate
        words = idx.not_current if f.is_count else idx.not_current_rate
        f.current = not words.search(clause) and not (
            year is not None and years - {year}) and "分别" not in clause
        if f.unit == "%":
            f.indicator = next((key for r, key in idx.rates if r in clause[-20:]), None)
            f.phrase = f.indicator or ""
            f.indicator_exact = f.indicator is not None
            prev_end = f.end
            continue
        if not f.is_count:
            prev_end = f.end
            continue
        # one item of an enumeration (指派刑事案件518件、民事案件66件): start after the previous figure
        item = text[max(prev_end, f.start - len(clause)):f.start]
        prev_end = f.end
        # the topic is the nearest one before the figure, or the noun right after it (231件复议案件);
        # words before that noun say which kind is counted (5起重大矛盾纠纷) and stay in the phrase
        nearest = _nearest_topic(head)
        kind = ""
        if nearest is None:
            nearest = _nearest_topic(f.tail[:8])
            if nearest is not None:
                kind = f.tail[: f.tail.find(nearest)]
        key_phrase = _match(item, f.unit, nearest)
        if key_phrase is not None:
            f.indicator, f.phrase, f.indicator_exact = key_phrase
            if kind:
                f.phrase += "·" + kind
                f.indicator_exact = False


def _match(item: str, unit: str, nearest: str | None) -> tuple[str, str, bool] | None:
    """(key, phrase, exact): exact when nothing but the topic and fillers stands between the measure
    and the number, so the figure is the indicator itself and not a kind of it (刑事案件 of 法律援助案件)."""
    idx = _index()
    best: tuple[int, str, str, bool] | None = None  # (position of the measure, key, phrase, exact)
    at = idx.measure_at.get(unit)
    if at is None:
        return None  # no indicator counts in this unit
    # the indicators with a measure word in the item, found by one scan (most items hold none)
    rx, owners = at
    found: set[int] = set()
    for mm in rx.finditer(item):
        found.update(owners[mm.group(1)])
    if not found:
        return None
    inds = idx.by_unit[unit]
    for i in sorted(found):
        ind = inds[i]
        k, m = _last_measure(item, ind, idx.words[ind.key])
        if k < 0:
            continue
        obj = item[k + len(m):]
        rest = obj
        if idx.strip_any[ind.key].search(obj):  # else no word to remove
            # removed in `strip` order, as one replace after another: only the words whose first
            # character is in the object can be there at any step (removing keeps only its characters)
            first = idx.strip_first[ind.key]
            for _, w in sorted([x for c in set(obj) for x in first.get(c, ())]):
                rest = rest.replace(w, "")
        named = any(t in obj for t in ind.topic)
        # without the topic in between, only the bare measure may stand there (其中受理67件)
        if len(rest) > (4 if named else 0) or not (named or nearest in ind.topic):
            continue
        if best is None or k > best[0]:
            best = (k, ind.key, m + rest, rest == "" and not _qualified(item[:k]))
    return None if best is None else (best[1], best[2], best[3])


def _qualified(before: str) -> bool:
    """Words right before the measure that make the count a kind of the indicator (在线受理, 按时办结)."""
    return before.endswith(tuple(checklists.figures().qualifiers)) or before.endswith(("在线", "网上"))


def _tag_table(t) -> None:
    """A cell is tagged from its row label, or in a table whose columns name the measures (类别 |
    受理（件） | 审结（件）) from its column's name and its row label together (受理 + 行政复议). The
    topic is the nearest one in the labels down to its row (a table of 行政复议 rows, then 行政诉讼
    rows), else the one in the paragraph before the table."""
    from .tables import COUNT_LABEL, TOTAL_LABELS

    idx = _index()
    context_topic = _nearest_topic(t.context[-200:])
    # rows of kinds (劳动争议 | 物业纠纷 | …) under a topic the caption or the text gives: each cell is
    # a part of the indicator, not the indicator (only a 合计 row, or a single row, is the whole)
    data_rows = [r for r in range(len(t.rows)) if t.name(r) and not t.name(r).startswith(TOTAL_LABELS)
                 and any(c.figure is not None for c in t.rows[r])]
    own_topic = {r: _nearest_topic(t.name(r)) for r in data_rows}
    shared = Counter(own_topic.values())
    # a row is one kind when its label names no topic of its own, or one that other rows name too
    # (物业纠纷, 邻里纠纷); rows naming different topics (行政复议 | 行政诉讼) are each an indicator
    kind_rows = {r for r in data_rows if own_topic[r] is None or shared[own_topic[r]] > 1} \
        if t.measured and len(data_rows) > 1 else set()
    seen = ""
    for r, row in enumerate(t.rows):
        label = t.name(r)
        if not label:
            continue
        seen = (seen + " " + label)[-400:]
        row_topic = _nearest_topic(seen) or context_topic
        for i, cell in enumerate(row):
            f = cell.figure
            if f is None:
                continue
            name = label
            if t.measured:
                column = t.col_name(i)
                if not column or f.extra.get("role") == "label":
                    continue
                # 件数: the column alone names the measure, the caption the topic
                own = "" if COUNT_LABEL.fullmatch(label.strip()) else label
                name = column + own if f.unit != "%" else own + column
            if r in kind_rows:
                f.extra["kind_row"] = True
            if f.unit == "%":
                f.indicator = next((key for w, key in idx.rates if w in name), None)
                f.phrase = f.indicator or ""
                continue
            nearest = _nearest_topic(name) or row_topic
            key_phrase = _match(name, f.unit, nearest)
            if key_phrase is not None:
                f.indicator, f.phrase, f.indicator_exact = key_phrase


def _nearest_topic(head: str) -> str | None:
    """The topic that ends last in `head` (of those ending there, the first of _Index.topics)."""
    m = _index().topic_last.search(head[::-1])
    return None if m is None else m.group(0)[::-1]


def _last_measure(item: str, ind, words: re.Pattern) -> tuple[int, str]:
    """The last measure word of `ind` in `item`, read left to right with the topic words, so that
    neither a measure inside a topic (人民调解) nor one straddling two words (审结案件) counts."""
    best = (-1, "")
    for mm in words.finditer(item):
        if mm.group(0) in ind.measure:
            best = (mm.start(), mm.group(0))
    return best
