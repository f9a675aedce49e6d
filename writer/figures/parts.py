"""Parts of a whole (FG01): enumerations after 其中 or …中, outcomes of concluded cases, counts that
are always part of another (受理 of 收到), and table totals and 其中 rows.

Parts may sum to less than their whole (cases still pending); only more is reported. A count in
parentheses (含上年结转5件) annotates the count before it: it is never a whole or a part.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import checklists
from . import Check
from .numbers import Figure, fmt_num, n
from .sentence import Sentence

_QIZHONG = re.compile(r"其中")
_BACK_REFERENCE = "(?:从|在|对)?(?:{w})(?:的)?(?:情况|结果|案件|方式)?(?:来看|看|中|的案件中)"


@lru_cache(maxsize=1)
def _among():
    """`N件案件中` / `N件行政处罚案件中，`: the words after a count that make it the whole of what follows."""
    spec = checklists.figures()
    # ties in a fixed order, not the set's: the same pattern text every run (the regex cache finds it)
    nouns = "|".join(map(re.escape, sorted({*spec.case_nouns, *spec.topics}, key=lambda w: (-len(w), w))))
    return re.compile(rf"(?:的)?[^,;:。]{{0,8}}?(?:{nouns})中")


@lru_cache(maxsize=1)
def _groups() -> list[set[str]]:
    return [set(g) for g in checklists.figures().unit_groups]


def same_family(a: str, b: str) -> bool:
    return a == b or any(a in g and b in g for g in _groups())


def _usable(f: Figure) -> bool:
    return f.is_count and f.current and not f.paren


def _enumeration_clause(s: Sentence, k: int) -> tuple[int, int]:
    """The enumeration that starts at position `k`: up to the end of its clause."""
    return k, s.clause_end(k)


_COMPARISON_BASE = re.compile(r"(较|比|与)(上年|去年|上一年|同期|\d{4}年)(同期)?(相比)?的?\s?$")


def enumeration_whole(s: Sentence, part: Figure, to_segment_end: bool = False) -> Figure | None:
    """The whole `part` is listed under: 共N件，其中…; N件…中，…; else None."""
    for whole, a, b in _enumerations(s):
        if to_segment_end and s.text[whole.end:a].rstrip(", :").endswith("中") and not \
                s.text[whole.end:a].rstrip(", :").endswith("其中"):
            b = s.segment_end(a)
        if a <= part.start < b and part is not whole and part.start > whole.start:
            return whole
    return None


def _enumerations(s: Sentence) -> list[tuple[Figure, int, int]]:
    """(whole, start, end) of each enumeration the sentence states."""
    cached = getattr(s, "_enumerations", None)
    if cached is not None:
        return cached
    out = []
    counts = [c for c in s.counts() if not c.paren]
    for m in _QIZHONG.finditer(s.text, s.start, s.end):
        a, b = _enumeration_clause(s, m.end())
        first = next((c for c in counts if a <= c.start < b), None)
        if first is None:
            continue
        # the whole: the last count before 其中, in this clause or the one before it
        floor = s.clause_start(s.clause_start(m.start()) - 1) if s.clause_start(m.start()) > s.start else s.start
        # 较2025年的182宗增长18.1%，其中…: a comparison's base is last year's count, never the whole
        before = [c for c in counts if floor <= c.start and c.end <= m.start() and same_family(c.unit, first.unit)
                  and not _COMPARISON_BASE.search(c.lead)]
        if before:
            out.append((before[-1], a, _parallel_end(s, counts, first, b)))
    for c in counts:
        m = _among().match(c.tail)
        if m:
            k = c.end + (len(c.tail) - len(c.tail.lstrip())) + m.end()
            while k < s.end and s.text[k] in ", :":
                k += 1
            a, b = _enumeration_clause(s, k)
            out.append((c, a, b))
    s._enumerations = out  # type: ignore[attr-defined]
    return out


def _parallel_end(s: Sentence, counts: list[Figure], first: Figure, end: int) -> int:
    """其中刑事案件198件,民事案件287件,行政案件43件: the list goes on past a comma while each next
    clause is only a kind of the same noun (…案件) and its count."""
    noun = first.lead[-2:]
    if len(noun) < 2 or first.measure is not None:
        return end
    while end < s.end and s.text[end] == ",":
        nxt = s.clause_end(end + 1)
        inside = [c for c in counts if end < c.start < nxt]
        if len(inside) != 1:
            break
        c = inside[0]
        if (c.unit != first.unit or c.measure is not None or not c.lead.endswith(noun)
                or s.text[c.end:nxt].strip() or len(c.lead) > 8):
            break
        end = nxt
    return end


def check_sentence(result, s: Sentence) -> None:
    spec = checklists.figures()
    for whole, a, b in _enumerations(s):
        if not whole.current:
            continue
        parts = [c for c in s.counts() if a <= c.start < b and _usable(c) and c is not whole
                 and same_family(c.unit, whole.unit)]
        if parts and parts[-1].measure in spec.outcome_cues:
            # 其中裁定15件，维持、驳回诉讼请求8件、当事人撤诉2件: outcomes listed on past the clause
            counts = [c for c in s.counts() if not c.paren]
            more, _ = _outcome_run(counts, counts.index(parts[-1]) + 1, whole, spec, s.segment_end(b))
            parts += more
        parts = _without_sums(parts, spec)
        if parts:
            _judge(result, s, whole, parts, "其中" if "其中" in s.text[max(s.start, a - 3):a] else "")
    _outcomes(result, s, spec)
    _carryover(result, s)


def _judge(result, s, whole: Figure, parts: list[Figure], how: str, where=None) -> None:
    total = sum(p.lo for p in parts)
    ok = total <= whole.hi + 1e-9
    msg = ""
    if not ok:
        if len(parts) == 1:
            msg = f"“{how or '其中'}”部分{parts[0].text}大于总数{whole.text}。" if how else \
                f"{parts[0].text}大于其所属的{whole.text}。"
        else:
            msg = f"所列各项之和为{_sum(parts)}，超过总数{whole.text}。"
    para, a, b = where or (s.paragraph, s.start, s.end)
    result.add(Check("parts", [whole, *parts], ok, None if ok else "FG01", msg, (para, a, b)))


def _sum(parts: list[Figure], printed: bool = False) -> str:
    """9846 + 24813 = 34659; `printed`: the cells as the table prints them (9,846 + 24,813), so the
    reader finds them."""
    shown = [p.text if printed else n(p) for p in parts]
    total = fmt_num(sum(p.value for p in parts))
    if printed and any("," in x for x in shown):
        total = f"{sum(p.value for p in parts):,.{max(p.decimals for p in parts)}f}"
    return " + ".join(shown) + " = " + total


def _is_case_total(f: Figure, spec) -> bool:
    """A count of the cases themselves (作为被申请人的行政复议案件3件): their outcomes follow."""
    return f.measure is None and f.lead.endswith(tuple(spec.case_nouns))


def _outcomes(result, s: Sentence, spec) -> None:
    """审结63件，确认违法或撤销8件，维持33件，调解22件: listed outcomes sum to at most the whole."""
    counts = [c for c in s.counts() if not c.paren]
    i = 0
    while i < len(counts):
        whole = counts[i]
        if not (whole.exact and whole.current and (whole.measure in spec.outcome_wholes or _is_case_total(whole, spec))):
            i += 1
            continue
        parts, j = _outcome_run(counts, i + 1, whole, spec, s.segment_end(whole.end))
        if len(parts) >= 2:
            _judge(result, s, whole, parts, "")
        i = j if parts else i + 1


def _without_sums(parts: list[Figure], spec) -> list[Figure]:
    """其中维持48件、驳回9件、撤销6件、确认违法3件、纠错9件: 纠错 sums 撤销 and 确认违法 listed beside
    it, so counting it too would count them twice."""
    listed = {p.measure for p in parts}
    return [p for p in parts if not (p.measure in spec.outcome_sums
                                     and listed & set(spec.outcome_sums[p.measure]))]


def _outcome_run(counts, j, whole, spec, limit):
    parts, sums = [], []
    while j < len(counts):
        f = counts[j]
        if f.start > limit:
            break
        if f.measure in spec.outcome_skip:
            sums.append(f)
            j += 1
            continue
        if not (f.measure in spec.outcome_cues and same_family(f.unit, whole.unit) and f.current):
            break
        parts.append(f)
        j += 1
    # 维持44件、驳回9件、纠错10件、终止18件: a sum listed with none of what it sums is a category too
    listed = {p.measure for p in parts}
    extra = [f for f in sums if f.measure in spec.outcome_sums and f.current and same_family(f.unit, whole.unit)
             and not listed & set(spec.outcome_sums[f.measure])]
    if parts and extra and len({f.measure for f in extra}) == len(extra) == 1:
        parts = sorted(parts + extra, key=lambda f: f.start)
    return parts, j


_CONCLUDED = ("审结", "办结", "结案")
_TAKEN_IN = ("受理", "收案", "新收", "立案")


def _carryover(result, s: Sentence) -> None:
    """受理486件，审结501件（含上年结转9件）: what was concluded is at most what was taken in this
    year plus what was carried over — the carryover in brackets is part of the concluded count."""
    counts = s.counts()
    for i, done in enumerate(counts):
        if done.paren or done.measure not in _CONCLUDED or not (done.exact and done.current):
            continue
        carry = counts[i + 1] if i + 1 < len(counts) else None
        if carry is None or not carry.paren or "结转" not in carry.lead or not carry.exact:
            continue
        taken = [c for c in counts[:i] if c.measure in _TAKEN_IN and not c.paren and c.exact and c.current
                 and same_family(c.unit, done.unit)]
        if not taken:
            continue
        t = taken[-1]
        ok = done.value <= t.value + carry.value + 1e-9
        msg = "" if ok else (f"{done.measure}{done.text}多于{t.measure}{t.text}与上年结转{carry.text}之和"
                             f"{fmt_num(t.value + carry.value)}件，不可能。")
        result.add(Check("parts", [t, carry, done], ok, None if ok else "FG01", msg, (s.paragraph, s.start, s.end)))


def check_across(result, sentences: list[Sentence]) -> None:
    """审结531件。从审结情况看，维持372件、驳回…: outcomes in the sentence after their whole."""
    spec = checklists.figures()
    words = "|".join(map(re.escape, spec.outcome_wholes))
    back = re.compile(_BACK_REFERENCE.format(w=words))
    for prev, s in zip(sentences, sentences[1:]):
        if prev.paragraph != s.paragraph:
            continue
        m = back.match(s.text, s.start)
        if m:
            measure = next(w for w in spec.outcome_wholes if w in m.group(0))
            wholes = [c for c in prev.counts() if c.measure == measure and _usable(c) and c.exact]
        else:
            # 审结74件。其中维持51件、驳回5件…: a sentence that opens with the outcomes goes on from the
            # whole that ended the sentence before it
            first = next((c for c in s.counts() if not c.paren), None)
            last = next((c for c in reversed(prev.counts()) if not c.paren), None)
            if (first is None or last is None or first.measure not in spec.outcome_cues
                    or not _opens(s, first) or last.measure not in spec.outcome_wholes
                    or not (_usable(last) and last.exact)):
                continue
            wholes = [last]
        if not wholes:
            continue
        counts = [c for c in s.counts() if not c.paren]
        parts, _ = _outcome_run(counts, 0, wholes[-1], spec, s.end)
        if len(parts) >= 2:
            _judge(result, s, wholes[-1], parts, "")


_OPENERS = re.compile(r"(其中|经审理|经复议|依法|分别|结果|具体)?[:,]?\s*$")


def _opens(s: Sentence, f: Figure) -> bool:
    """Whether count `f` opens sentence `s`: only its own measure (维持) and an opener (其中, 经审理)
    stand before it."""
    before = s.text[s.start:f.start]
    if f.measure is None or not before.endswith(f.measure) and f.measure not in before:
        return False
    head = before[: before.rfind(f.measure)]
    return bool(_OPENERS.fullmatch(head.strip()))


def check_subsets(result, report, sentences: list[Sentence]) -> None:
    """受理 of 收到, 纠错 of 审结 (checklists/indicators.yml `subsets`), within one paragraph."""
    from . import Check
    from .tagging import indicator_label

    data = checklists.indicators()
    if not data.subsets:
        return
    paired = {(id(c.figures[0]), id(f)) for c in result.checks if c.kind == "parts" for f in c.figures[1:]}
    by_para: dict[int, list[Figure]] = {}
    for s in sentences:
        for f in s.counts():
            if f.indicator and f.current and not f.paren:
                by_para.setdefault(f.paragraph, []).append(f)

    def scope(f: Figure) -> frozenset[str]:
        text = report.para(f.paragraph).norm
        return frozenset(w for w in data.scopes if w in text[f.sentence[0]:f.start])

    for pidx, figs in by_para.items():
        for sub in data.subsets:
            wholes: dict[frozenset[str], list[Figure]] = {}
            for w in figs:
                if w.indicator == sub.whole:
                    wholes.setdefault(scope(w), []).append(w)
            for part in (f for f in figs if f.indicator == sub.part):
                same = [w for w in wholes.get(scope(part), []) if same_family(w.unit, part.unit)]
                if not same:
                    continue
                whole = min(same[:50], key=lambda w: abs(w.start - part.start))
                if (id(whole), id(part)) in paired:
                    continue
                ok = part.lo <= whole.hi
                msg = "" if ok else (f"{indicator_label(part.indicator)}{part.text}多于"
                                     f"{indicator_label(whole.indicator)}{whole.text}：{sub.why}。")
                a = min(whole.sentence[0], part.sentence[0])
                b = max(whole.sentence[1], part.sentence[1])
                result.add(Check("parts", [whole, part], ok, None if ok else "FG01", msg, (pidx, a, b)))


def check_table(result, t) -> None:
    """A 合计 row is the sum of the rows above it; 其中 rows are parts of the row before them."""
    from . import Check
    from .tables import TOTAL_LABELS

    spec = checklists.figures()
    cols = [i for i, role in enumerate(t.roles) if role in ("current", "previous", "count", "other")]
    labels = [t.label(r).replace(" ", "") for r in range(len(t.rows))]
    start = 1 if t.header else 0
    sub_of: dict[int, int] = {}  # 其中 row → its whole row
    r = start
    while r < len(t.rows):
        if labels[r].startswith("其中") and r > start:
            whole = r - 1
            while whole in sub_of:
                whole -= 1
            k = r
            while k < len(t.rows) and (k == r or labels[k].startswith("其中") or
                                        any(labels[k].startswith(w) for w in spec.outcome_cues)):
                sub_of[k] = whole
                k += 1
            r = k
        else:
            r += 1
    blocks: dict[int, list[int]] = {}
    for k, w in sub_of.items():
        blocks.setdefault(w, []).append(k)
    broken_cols = _row_partitions(result, t, cols, labels, start, sub_of)
    for col in cols:
        for w, subs in blocks.items():
            whole = _cell(t, w, col)
            parts = [p for p in (_cell(t, k, col) for k in subs) if p is not None]
            if whole is None or not parts or whole.unit == "%":
                continue
            ok = sum(p.lo for p in parts) <= whole.hi
            msg = "" if ok else f"表中“{labels[w]}”以下“其中”各行之和为{_sum(parts, True)}，超过{labels[w]}{whole.text}。"
            bad = subs[0]
            para, a, b = t.where(bad)
            result.add(Check("parts", [whole, *parts], ok, None if ok else "FG01", msg, (para, a, b),
                             evidence=None if ok else t.evidence(bad)))
        # totals: each 合计 row against the rows since the header or the previous total
        first = start
        for r in range(start, len(t.rows)):
            if labels[r] not in TOTAL_LABELS:
                continue
            rows = [k for k in range(first, r) if k not in sub_of and labels[k] not in TOTAL_LABELS]
            first = r + 1
            total = _cell(t, r, col)
            parts = [p for p in (_cell(t, k, col) for k in rows) if p is not None]
            if total is None or len(parts) < 2 or total.unit == "%" or any(p.unit == "%" for p in parts):
                continue
            if col in broken_cols:
                continue  # the row that breaks this column's total is reported already
            ok = sum(p.lo for p in parts) <= total.hi + 1e-9
            header = t.header[col] if col < len(t.header) else ""
            msg = "" if ok else (f"表中“{header or '该列'}”各行之和为{_sum(parts, True)}，超过合计{total.text}。")
            # point at the row whose value breaks the total when only one row can (the edited one)
            para, a, b = t.where(r)
            result.add(Check("parts", [total, *parts], ok, None if ok else "FG01", msg, (para, a, b),
                             evidence=None if ok else t.evidence(r)))


def _row_partitions(result, t, cols, labels, start, sub_of) -> set[int]:
    """Rows whose later count columns split the first (评查数 | 优秀 | 合格 | 不合格): when every other
    row adds up exactly (at least two of them), a row whose parts exceed its first value is reported.
    Returns the columns of the rows reported."""
    from . import Check

    if len(cols) < 3:
        return set()
    rows = [r for r in range(start, len(t.rows)) if r not in sub_of]
    sums = {}
    for r in rows:
        vals = [_cell(t, r, c) for c in cols]
        if any(v is None or v.unit == "%" or not v.exact for v in vals):
            continue
        sums[r] = vals
    exact = [r for r, v in sums.items() if abs(sum(x.value for x in v[1:]) - v[0].value) < 1e-9]
    broken: set[int] = set()
    for r, vals in sums.items():
        if r in exact:
            continue
        if len([x for x in exact if x != r]) < 2:
            continue
        whole, parts = vals[0], vals[1:]
        if sum(p.value for p in parts) <= whole.value:
            continue
        header = t.header[cols[0]] if cols[0] < len(t.header) else ""
        msg = (f"表中“{labels[r]}”一行各项之和为{_sum(parts, True)}，超过{header or '总数'}{whole.text}"
               f"（表中其他各行均相加等于该列）。")
        para, a, b = t.where(r)
        result.add(Check("parts", [whole, *parts], False, "FG01", msg, (para, a, b), evidence=t.evidence(r)))
        broken.update(cols)
    for r in exact:
        result.add(Check("parts", sums[r], True))
    return broken


def _cell(t, r, c) -> Figure | None:
    row = t.rows[r]
    return row[c].figure if c < len(row) else None
