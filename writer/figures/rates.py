"""Rates and shares (FG02; FG03 for the impossible ones).

A rate is checked only when the sentence names both of its ends by what they count:
- a rate defined in checklists/figures.yml (`rates`: 纠错率, 合格率, 调解成功率 …) takes its
  numerator and denominator from the counts whose measures its formulas name (合格率: 合格, or
  优秀 + 合格, or the base less 不合格; 纠错率: 纠错, or 撤销 + 变更 + 确认违法 + 责令履行, over 审结);
- any other rate (网上可办率, 解决率 …) takes as numerator a count named by the rate's own stem and
  as denominator the whole that count is part of (其中, …中) or the nearest base before it;
- a share (占比, 占…) takes the count just before it and the whole it is part of, or the count the
  share names (占受理总数的…); when that count is not in the sentence, nothing is checked.
Every reading the text allows is tried; only a rate that no reading fits is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from .. import checklists
from . import Check
from .numbers import Figure, fmt_num, fmt_pct, n, value_fits
from .parts import enumeration_whole, same_family
from .sentence import Sentence, ends_with_term

_NAME_SPLIT = re.compile(r"[、和及与]")


@dataclass
class Rate:
    name: str  # 调解成功率, 占比, 占受理案件总数
    figure: Figure
    shared: bool = False  # 均为: one figure for several rates


@dataclass
class Option:
    value: float
    expr: str
    figures: list[Figure]
    base: "Option | None" = None  # for `@ - 不合格`: the denominator reading it was formed from
    words: str | None = None  # what it counts, when not the measures of its figures joined by +


@lru_cache(maxsize=1)
def _rate_before() -> re.Pattern:
    return re.compile(checklists.figures().rate_before)


class _Spec:
    """checklists/figures.yml prepared for the rate checks (rebuilt when the checklists change)."""

    def __init__(self, spec):
        self.spec = spec
        self.measures = frozenset(spec.measures)
        self.case_nouns = frozenset(spec.case_nouns)
        self.qualifiers = tuple(spec.qualifiers)
        # rate name → the definitions that name it (file order), and the name lengths, longest first
        self.names: dict[str, list] = {}
        for d in spec.rates:
            for nm in d.names:
                self.names.setdefault(nm, []).append(d)
        self.lengths = sorted({len(nm) for nm in self.names}, reverse=True)
        # a definition → the terms of its numerator and denominator, or None when one of them is
        # found otherwise than by its measure (a case noun, 上年结转)
        self.def_terms: dict[int, frozenset[str] | None] = {}
        for d in spec.rates:
            terms = {t.strip() for form in [*d.numerator, *d.denominator]
                     for t in form.lstrip("@").replace("-", "+").split("+") if t.strip()}
            plain = terms.isdisjoint(self.case_nouns) and terms.isdisjoint(("上年结转", "结转"))
            self.def_terms[id(d)] = frozenset(terms) if plain else None
        self.ceiling_terms = frozenset(w for pair in spec.ceilings for w in pair)
        self.ceiling_nouns = not self.ceiling_terms.isdisjoint(self.case_nouns)


_SPEC: list = [None]


def _prepared() -> _Spec:
    spec = checklists.figures()
    held = _SPEC[0]
    if held is None or held.spec is not spec:
        held = _SPEC[0] = _Spec(spec)
    return held


def rates_in(s: Sentence) -> list[Rate]:
    """The rates and shares of a sentence with their names (分别/均 lists are paired up); read once per
    sentence (several checks ask), so callers must not change the list."""
    cached = s.__dict__.get("_rates_cache")
    if cached is None:
        cached = s.__dict__["_rates_cache"] = _rates_in(s)
    return cached


def _rates_in(s: Sentence) -> list[Rate]:
    out: list[Rate] = []
    taken: set[int] = set()
    pcts = [f for f in s.figures if f.unit == "%"]
    for i, f in enumerate(pcts):
        if id(f) in taken:
            continue
        # the name starts after the clause's previous figure (调解率66.0%、结案率98.6%)
        floor = max([s.clause_start(f.start)] + [g.end for g in s.figures if g.end <= f.start])
        head = s.text[max(floor, f.start - 40):f.start]
        m = _rate_before().search(head)
        if not m:
            continue
        name_end = max(floor, f.start - 40) + m.start() + len(m.group(1))
        name = s.text[floor:name_end].strip().lstrip("、和及与")
        if not name:
            continue
        spread = m.group(2) or ""
        names = [x.strip() for x in _NAME_SPLIT.split(name) if x.strip()]
        if spread == "分别" and len(names) > 1:
            group = [f]
            for g in pcts[i + 1:]:
                gap = s.text[group[-1].end:g.start]
                if len(gap) <= 2 and (gap.strip() == "" or gap.strip() in "、和及与"):
                    group.append(g)
            for nm, g in zip(names, group):
                out.append(Rate(_full(nm), g))
                taken.add(id(g))
        elif spread == "均" and len(names) > 1:
            out.extend(Rate(_full(nm), f, shared=True) for nm in names)
        else:
            out.append(Rate(name, f))
        f.label = name
    return out


def _full(name: str) -> str:
    return name if name.endswith(("率", "比", "例", "重")) else name + "率"


@dataclass
class Definition:
    name: str
    numerator: list[str]
    denominator: list[str]
    less: list[str]
    wrong: list[str]
    terms: frozenset[str] | None = None  # _Spec.def_terms


def _definition(name: str) -> Definition | None:
    # the longest defined name the rate's name ends with (looked up by suffix), first definition of it
    prep = _prepared()
    for size in prep.lengths:
        if size > len(name):
            continue
        nm = name[len(name) - size:]
        defs = prep.names.get(nm)
        if defs is None:
            continue
        before = name[: len(name) - size]
        if before.endswith(prep.qualifiers) or before[-1:] in ("不", "未", "非", "无"):
            continue  # 一次性办结率 is not 办结率, 不合格率 is not 合格率
        stem = nm[:-1]
        if any(before[k:] + stem in prep.measures for k in range(len(before))):
            continue  # 调解结案率 is the rate of 调解结案, a measure of its own, not 结案率
        d = defs[0]
        return Definition(nm, d.numerator, d.denominator, d.less, d.wrong, prep.def_terms[id(d)])
    return None


def check_sentence(result, s: Sentence) -> None:
    spec = checklists.figures()
    _rising_above_100(result, s)
    _ceilings(result, s, spec)
    for rate in rates_in(s):
        f = rate.figure
        if f.value > 100 + 1e-9 and f.approx != "以下":
            result.add(_check(s, [f], False, "FG03", f"“{rate.name}{f.text}”超过100%，不可能。"))
            continue
        if rate.shared or not f.exact and f.approx not in ("以上", "以下") or _last_years(f):
            continue  # 均为: one figure for several rates; 由上年的7.9%: last year's rate
        if rate.name.startswith("占") or rate.name.endswith(("占比", "比例", "比重")):
            nums, dens = _share_ends(s, rate)
            defn = None
        else:
            nums, dens, defn = _ends(s, rate)
        if not nums or not dens:
            continue
        _judge(result, s, rate, nums, dens, defn)


def own_bases(s: Sentence, rate: Rate) -> frozenset[float]:
    """The values of the bases the rate's own sentence states for it (each reading whose numerator is
    stated too): two rates of one name over different stated bases are rates of different things
    (结案率 of 投诉举报 cases and of 争议 cases), whatever their names share. Empty when none is stated."""
    if rate.shared or rate.name.startswith("占") or rate.name.endswith(("占比", "比例", "比重")):
        return frozenset()
    nums, dens, _ = _ends(s, rate)
    if not nums:
        return frozenset()
    return frozenset(round(d.value, 6) for d in dens if d.value > 0)


def _ends(s: Sentence, rate: Rate):
    """(numerator readings, denominator readings, definition) of a rate that is not a share, worked
    out once per rate: the rate check and FG04 (own_bases) both ask. Callers must not change them."""
    memo = s.__dict__.setdefault("_rate_ends", {})
    key = (id(rate.figure), rate.name)
    hit = memo.get(key)
    if hit is None:
        defn = _definition(rate.name)
        if defn is not None:
            nums, dens = _defined_ends(s, rate, defn)
        else:
            nums, dens = _generic_ends(s, rate, checklists.figures())
        hit = memo[key] = (rate.figure, nums, dens, defn)  # the figure kept: its id stays its own
    return hit[1], hit[2], hit[3]


def _ceilings(result, s: Sentence, spec) -> None:
    """应出庭案件41件，行政机关负责人出庭43件: a part above the whole it is counted from
    (checklists/figures.yml `ceilings`), with no rate stated. One count of each in the sentence, or
    nothing is said; a rate of the pair in the sentence is checked by its own definition instead."""
    if not spec.ceilings:
        return

    prep = _prepared()
    # a term that is no case noun names only the counts of that measure: most sentences have none
    if not prep.ceiling_nouns and all(c.measure not in prep.ceiling_terms for c in s.counts()):
        return
    q = prep.qualifiers
    counts = [c for c in s.counts() if c.exact and c.current and not c.paren]
    present = {c.measure for c in counts}
    named = None
    for part, whole in spec.ceilings:
        if not (part in present or part in prep.case_nouns) or not (whole in present or whole in prep.case_nouns):
            continue
        if named is None:
            named = {nm for r in rates_in(s) if (d := _definition(r.name)) is not None for nm in d.numerator}
        if part in named:
            continue
        parts = [c for c in counts if _matches(c, part, q)]
        wholes = [c for c in counts if _matches(c, whole, q)]
        if len(parts) != 1 or len(wholes) != 1 or not same_family(parts[0].unit, wholes[0].unit):
            continue
        a, b = parts[0], wholes[0]
        ok = a.value <= b.value
        result.add(_check(s, [b, a], ok, None if ok else "FG03",
                          "" if ok else f"{part}{a.text}多于{whole}{b.text}，{part}的不可能多于{whole}的。"))


_RISE_TO = re.compile(r"(提高|提升|上升|增加|增长|升)(到|至)$|由[^,;。]*?(到|至)$")


def _rising_above_100(result, s: Sentence) -> None:
    """出庭应诉率由上年的86.2%提高到103.2%: the rate reached is over 100%."""
    for f in s.figures:
        if f.unit != "%" or f.value <= 100 + 1e-9 or f.approx == "以下":
            continue
        head = s.text[s.clause_start(f.start):f.start]
        if "率" in head and _RISE_TO.search(head.rstrip()):
            name = head[: head.index("率") + 1]
            result.add(_check(s, [f], False, "FG03", f"{name}不可能达到{f.text}：比率不超过100%。"))


def _last_years(f: Figure) -> bool:
    return any(w in f.lead for w in ("上年", "去年", "同期", "上一年"))


def _counts(s: Sentence, rate: Rate, *, paren: bool = False) -> list[Figure]:
    """Counts of this year the rate may be computed from, nearest before it first (`paren`: the
    annotations too, for 上年结转, which is last year's by its very name). Asked for each term of
    each formula: worked out once per rate (a copy each time: callers may keep it)."""
    return list(_counts_memo(s, rate, paren)[1])


def _counts_memo(s: Sentence, rate: Rate, paren: bool = False):
    """(the rate's figure, _counts_of, those counts by measure in the same order)."""
    memo = s.__dict__.setdefault("_rate_counts", {})
    key = (id(rate.figure), paren)
    hit = memo.get(key)
    if hit is None:
        counts = _counts_of(s, rate, paren)
        by_measure: dict = {}
        for c in counts:
            by_measure.setdefault(c.measure, []).append(c)
        hit = memo[key] = (rate.figure, counts, by_measure)  # the figure kept: its id stays its own
    return hit


def _counts_of(s: Sentence, rate: Rate, paren: bool) -> list[Figure]:
    before = [c for c in s.counts() if c.start < rate.figure.start and c.exact
              and (c.current or paren and c.paren) and (paren or not c.paren)]
    after = [c for c in s.counts() if c.start > rate.figure.start and c.exact and c.current
             and not c.paren]
    return list(reversed(before)) + after


def _matches(c: Figure, term: str, qualifiers) -> bool:
    """A count is named by a formula's term when its measure is that word (应出庭 is not 出庭);
    a case noun (案件) names a count with no measure whose words end with it."""
    if c.measure is not None:
        return c.measure == term
    return term in checklists.figures().case_nouns and ends_with_term(c.lead, term, qualifiers)


def _term(s, rate, term, qualifiers, exclude=(), after: bool = False) -> Figure | None:
    found = _terms(s, rate, term, qualifiers, exclude, after)
    return found[0] if found else None


def _terms(s, rate, term, qualifiers, exclude=(), after: bool = False) -> list[Figure]:
    """Counts named by `term`, nearest before the rate first; counts after it only when `after`
    (the terms of `@ - 不合格` and `less`: 合格率98.6%，对6卷不合格案卷…)."""
    carried = term in ("上年结转", "结转")  # last year's by name: 连同上年结转14件, 含上年结转5件
    start = rate.figure.start
    if carried:
        pool = [c for c in reversed(s.counts()) if c.start < start and c.exact]
        found = [c for c in pool if _matches(c, term, qualifiers)]
    else:
        _, pool, by_measure = _counts_memo(s, rate)
        if term in _prepared().case_nouns:
            found = [c for c in pool if _matches(c, term, qualifiers)]
        else:
            found = by_measure.get(term)  # any other term names only the counts of its measure
            if not found:
                return []
    # a new list each time: callers may keep it
    if not exclude:
        return [c for c in found if after or c.start < start]
    return [c for c in found if (after or c.start < start) and not any(c is x for x in exclude)]


def _formulas(s, rate, formula: str, qualifiers, base: Option | None = None) -> list[Option]:
    """Every reading of one formula: a single measure may name several counts (受理5,284件, 按期受理…)."""
    if formula.startswith("@") or "+" in formula:
        opt = _formula(s, rate, formula, qualifiers, base)
        return [] if opt is None else [opt]
    return [Option(c.value, n(c), [c]) for c in _terms(s, rate, formula.strip(), qualifiers)]


def _formula(s, rate, formula: str, qualifiers, base: Option | None = None) -> Option | None:
    """`合格`, `优秀 + 合格` (the terms present, at least one), `@ - 不合格` (@ = the base)."""
    if formula.startswith("@"):
        if base is None:
            return None
        terms = [t.strip() for t in formula[1:].split("-") if t.strip()]
        found = [_term(s, rate, t, qualifiers, exclude=base.figures, after=True) for t in terms]
        if not all(found):
            return None
        value = base.value - sum(c.value for c in found)
        return Option(value, f"({base.expr} - {' - '.join(n(c) for c in found)})", [*found, *base.figures],
                      base=base)
    terms = [t.strip() for t in formula.split("+")]
    if len(terms) == 1:
        raise AssertionError("single terms are read by _formulas")
    found = []
    for t in terms:
        c = _term(s, rate, t, qualifiers, exclude=found)
        if c is not None:
            found.append(c)
    if not found or len(terms) > 1 and len(found) < 2:
        return None
    if len(found) == 1:
        return Option(found[0].value, n(found[0]), found)
    return Option(sum(c.value for c in found), "(" + " + ".join(n(c) for c in found) + ")", found)


def _defined_ends(s, rate, defn: Definition):
    by_measure = _counts_memo(s, rate)[2]
    if defn.terms is not None and by_measure.keys().isdisjoint(defn.terms):
        return [], []  # no count of any of its measures: no reading of either end
    q = tuple(checklists.figures().qualifiers)
    case_nouns = _prepared().case_nouns

    def absent(form: str) -> bool:
        """A one-term formula no count can fill: its measure names none of the rate's counts (as
        _terms finds; most of a definition's terms), so no call is made for it."""
        term = form.strip()
        return not (form.startswith("@") or "+" in form or term in by_measure or term in case_nouns
                    or term in ("上年结转", "结转"))
    dens: list[Option] = []
    for form in defn.denominator:
        if absent(form):
            continue
        for opt in _formulas(s, rate, form, q):
            if any({id(x) for x in opt.figures} == {id(x) for x in d.figures} for d in dens):
                continue
            dens.append(opt)
            less = [c for t in defn.less
                    if (c := _term(s, rate, t, q, exclude=opt.figures, after=True)) is not None
                    and c.start > opt.figures[0].start]
            if less and opt.value - sum(c.value for c in less) > 0:
                names = [_words(opt), *(c.measure for c in less)]
                dens.append(Option(opt.value - sum(c.value for c in less),
                                   f"({opt.expr} - {' - '.join(n(c) for c in less)})", [*opt.figures, *less],
                                   words=" - ".join(names) if all(names) else ""))
    # the whole the numerator is listed under (其中, …中) is always a reading of the base
    plain = [o for form in defn.numerator if not form.startswith("@") and not absent(form)
             for o in _formulas(s, rate, form, q)]
    for num in plain[:1]:
        whole = whole_of(s, num.figures[0], to_segment_end=True)
        if whole is not None and all(whole is not d.figures[0] for d in dens):
            dens.append(Option(whole.value, n(whole), [whole]))
    nums: list[Option] = list(plain)
    for form in defn.numerator:
        if form.startswith("@"):
            for base in dens:
                nums.extend(_formulas(s, rate, form, q, base))
    return nums, dens


def _generic_ends(s, rate, spec):
    stem = re.sub(r"(率|比例|比重|占比)$", "", rate.name)
    q = tuple(spec.qualifiers)
    num = None
    for c in _counts(s, rate):
        if c.start > rate.figure.start:
            break
        if _names_stem(c, stem, spec, q):
            num = c
            break
    if num is None:
        num = _listed_stem(s, rate, stem)
    if num is None:
        return [], []
    den = whole_of(s, num, to_segment_end=True) or _base_before(s, num, spec)
    if den is None:
        return [], []
    return [Option(num.value, n(num), [num])], [_option(den)]


def _listed_stem(s, rate, stem: str) -> Figure | None:
    """执法人员21,460名，其中持有效执法证件21,188名，持证率98.7%: the 其中 count just before a rate
    whose two-character stem its words spell with others between (持…证), when the text lists it
    under its whole; nothing else stands between the count and the rate."""
    if len(stem) != 2:
        return None
    before = [c for c in _counts(s, rate) if c.start < rate.figure.start]
    if not before:
        return None
    c = before[0]  # the nearest count before the rate
    if whole_of(s, c) is None or s.text[c.end:rate.figure.start].count(",") > 1:
        return None
    k = c.lead.find(stem[0])
    j = c.lead.find(stem[1], k + 1) if k != -1 else -1
    return c if k != -1 and j != -1 and j - k <= 6 and c.lead[k - 1:k] not in ("不", "未", "无") else None


def _names_stem(c: Figure, stem: str, spec, q) -> bool:
    """Whether count `c` is what a rate of this stem counts (解决 for 解决率, 查结 for 行政案件查结率),
    and not a wider or narrower measure (结案 is not 调解结案)."""
    if len(stem) < 2:
        return False
    if c.measure is not None:
        if c.measure == stem:
            return True
        if not stem.endswith(c.measure):
            return _all_words(stem, c.lead)
        prefix = stem[: -len(c.measure)]
        return _plain_prefix(prefix, q) and not any(prefix[k:] + c.measure in spec.measures
                                                    for k in range(len(prefix)))
    lead = _drop_complement(c.lead, spec.complements)
    return any(ends_with_term(lead, stem[k:], q) for k in range(0, len(stem) - 1)
               if _plain_prefix(stem[:k], q)) or _all_words(stem, c.lead)


def _drop_complement(lead: str, complements) -> str:
    """整改到位 → 整改: a resultative complement after the verb does not change what is counted."""
    lead = lead.rstrip("的了")
    for w in complements:
        if lead.endswith(w) and len(lead) > len(w):
            return lead[: -len(w)]
    return lead


def _option(den: Figure) -> Option:
    items = getattr(den, "items", None)
    if items:
        return Option(den.value, "(" + " + ".join(n(x) for x in items) + ")", list(items))
    return Option(den.value, n(den), [den])


def _all_words(stem: str, lead: str) -> bool:
    """编制完成率 and 完成标准化清单编制1697个: a four-character stem whose two words both stand,
    un-negated, in the count's words."""
    if len(stem) != 4:
        return False
    for w in (stem[:2], stem[2:]):
        k = lead.find(w)
        if k == -1 or k > 0 and lead[k - 1] in "不未非无":
            return False
    return True


def _plain_prefix(prefix: str, qualifiers) -> bool:
    """The words a lead may drop from a rate's stem: context (行政案件), not a narrowing
    qualifier (按时) or a negation."""
    return not prefix or not (any(prefix.endswith(q) for q in qualifiers) or prefix[-1] in "不未非无")


def _share_ends(s, rate):
    f = rate.figure
    before = [c for c in s.counts() if c.end <= f.start and c.exact and c.current and not c.paren]
    if not before:
        return [], []
    num = before[-1]
    named = re.sub(r"^占", "", rate.name)
    named = re.sub(r"(的|总数|总量|总额|比例|比重|比|全部|所有)", "", named)
    if rate.name.startswith("占") and rate.name != "占比" and named:
        den = next((c for c in reversed(before[:-1]) if named[:4] in c.lead + c.tail or
                    (c.measure and c.measure in named)), None) or whole_of(s, num, to_segment_end=True)
    else:
        den = whole_of(s, num, to_segment_end=True) or _base_before(s, num, checklists.figures())
    if den is None:
        return [], []
    return [Option(num.value, n(num), [num])], [_option(den)]


def whole_of(s: Sentence, part: Figure, to_segment_end: bool = False) -> Figure | None:
    """The whole a count is listed under: 共N件，其中…; N件…中，…; None when the text does not say.
    `to_segment_end`: a …中 frame holds to the end of its ；-segment (286件中，当场受理87件，涉及…131件，占45.8%)."""
    whole = enumeration_whole(s, part, to_segment_end)
    return whole if whole is not None and whole.exact else None


def _base_before(s: Sentence, num: Figure, spec) -> Figure | None:
    """The nearest earlier count that reads as the base: a whole cue (受理, 排查, 评查) or a stock
    of things with no measure of its own (全县政务服务事项1,386项), same unit family."""
    seg = s.segment_start(num.start)
    earlier = [c for c in s.counts() if seg <= c.start and c.end <= num.start and c.exact and c.current
               and not c.paren]
    for i in range(len(earlier) - 1, -1, -1):
        c = earlier[i]
        if not same_family(c.unit, num.unit):
            continue
        # 认领1254个政务服务事项、443个公共服务事项: an enumeration joined by 、 is one base, its sum
        k = i
        while k > 0 and _joined(s, earlier[k - 1], earlier[k]) and same_family(earlier[k - 1].unit, c.unit):
            k -= 1
        if k < i:
            run = earlier[k:i + 1]
            return _Sum(run) if any(x.measure in spec.whole_cues for x in run) else None
        if whole_of(s, c) is not None:
            return None  # a part of a list (其中…) is not the base of what follows it
        if c.measure in spec.whole_cues or c.measure is None and not c.lead.endswith(("的",)) or (
                c.measure is not None and ("共" + c.measure) in c.lead):
            return c  # 共确认违法用地图斑126个: 共 makes any measure a total
        return None  # a count of another measure stands between: the base is not identified
    return None


def _joined(s: Sentence, a: Figure, b: Figure) -> bool:
    gap = s.text[a.end:b.start]
    return "、" in gap and not any(ch in gap for ch in ",;:")


class _Sum(Figure):
    """An enumeration read as one base: its value is the sum, its text the items joined by +."""

    def __init__(self, items: list[Figure]):
        first = items[0]
        total = sum(x.value for x in items)
        super().__init__(paragraph=first.paragraph, start=first.start, end=items[-1].end,
                         text=" + ".join(x.text for x in items), lo=total, hi=total, unit=first.unit,
                         sentence=first.sentence)
        self.items = items


def _judge(result, s, rate: Rate, nums: list[Option], dens: list[Option], defn: Definition | None) -> None:
    f = rate.figure

    pairs = [(a, b) for a, b in product(nums, dens) if b.value > 0 and (
        b is a.base if a.base is not None else a.figures[0] not in b.figures)
        and same_family(a.figures[0].unit, b.figures[0].unit)]
    if not pairs:
        return
    figs = _uniq([x for a, b in pairs for x in (*b.figures, *a.figures)] + [f])
    if any(value_fits(f, a.value / b.value * 100) for a, b in pairs):
        result.add(_check(s, figs, True))
        return
    a, b = pairs[0]
    if all(x.value > y.value for x, y in pairs):
        msg = f"{a.expr}{_unit(a)}多于{b.expr}{_unit(b)}，{rate.name}不可能是{f.text}。"
        result.add(_check(s, figs, False, "FG03", msg))
        return
    shown = _readings(pairs, f)
    right = _reading(*shown[0], f)
    if len(shown) == 1:
        msg = f"{rate.name}{f.text}与所列数字不符：{right}，与所述{f.text}不符。"
    else:
        msg = (f"{rate.name}{f.text}与所列数字不符：{right}；{_reading(*shown[1], f)}。"
               f"两种算法均与所述{f.text}不符，请按本单位的统计口径核对。")
    if defn is not None and defn.wrong:
        q = tuple(checklists.figures().qualifiers)
        for w in defn.wrong:
            c = _term(s, rate, w, q)
            if c is not None and c.value > 0 and value_fits(f, a.value / c.value * 100):
                msg = (f"{rate.name}{f.text}只与{w}数相符（{a.expr} ÷ {n(c)} = "
                       f"{fmt_pct(a.value / c.value * 100, f.decimals)}），但{defn.name}应以"
                       f"{defn.denominator[0]}数为分母：{right}。")
                break
    result.add(_check(s, figs, False, "FG02", msg))


def _terms_in(o: Option) -> int:
    return len(o.figures) if o.base is None else len(o.figures) - len(o.base.figures) + _terms_in(o.base)


def _readings(pairs, f: Figure) -> list[tuple[Option, Option]]:
    """The readings a message shows: the fullest first (优秀 + 合格 over 合格 alone: the definition's,
    when the sentence lists the grades), then one other of a different value, so a writer who
    follows the message computes what the rate's definition implies."""
    order = sorted(range(len(pairs)), key=lambda i: (-_terms_in(pairs[i][0]), -_terms_in(pairs[i][1]), i))
    shown, values = [], set()
    for i in order:
        a, b = pairs[i]
        v = fmt_pct(a.value / b.value * 100, f.decimals)
        if v not in values:
            values.add(v)
            shown.append((a, b))
    return shown[:2]


def _words(o: Option) -> str:
    """What an end counts, in the report's measure words: 优秀 + 合格, 评查 - 不合格 ("" when unnamed)."""
    if o.words is not None:
        return o.words
    if o.base is not None:
        rest = [x for x in o.figures if not any(x is y for y in o.base.figures)]
        base = _words(o.base)
        names = [x.measure for x in rest]
        return f"{base} - {' - '.join(names)}" if base and all(names) else ""
    names = [x.measure for x in o.figures]
    return " + ".join(names) if all(names) else ""


def _reading(a: Option, b: Option, f: Figure) -> str:
    num, den = _words(a), _words(b)
    how = ""
    if num and den:
        def group(w):
            return f"({w})" if "+" in w or " - " in w else w
        how = f"按{group(num)} ÷ {group(den)}计算，"
    return f"{how}{a.expr} ÷ {b.expr} = {fmt_pct(a.value / b.value * 100, f.decimals)}"


def _unit(o: Option) -> str:
    return o.figures[0].unit if len(o.figures) == 1 else ""


def _uniq(figs):
    seen, out = set(), []
    for x in figs:
        if id(x) not in seen:
            seen.add(id(x))
            out.append(x)
    return out


def _check(s: Sentence, figs, ok, rule=None, message=""):
    return Check("rate", figs, ok, rule, message, (s.paragraph, s.start, s.end))


def check_table(result, t) -> None:
    """A share column (占比, 占审结总数比例): each row's share of the 合计 row's count; a rate row
    (…率) over 100%."""
    from . import Check
    from .tables import TOTAL_LABELS

    for r in range(len(t.rows)):
        if not t.label(r).endswith("率"):
            continue
        for i, cell in enumerate(t.rows[r]):
            f = cell.figure
            if f is not None and f.unit == "%" and f.value > 100 + 1e-9 and t.roles[i] != "change":
                para, a, b = t.where(r)
                result.add(Check("rate", [f], False, "FG03", f"表中“{t.label(r)}”为{f.text}，比率不可能超过100%。",
                                 (para, a, b), evidence=t.evidence(r)))
    _rate_rows(result, t)
    share = t.column("share")
    if share is None:
        return
    count_cols = [i for i, role in enumerate(t.roles) if role in ("current", "count") and i != share]
    total_row = next((r for r in range(len(t.rows)) if t.label(r).replace(" ", "") in TOTAL_LABELS), None)
    if total_row is None or not count_cols:
        return
    col = count_cols[0]
    total = _cell(t, total_row, col)
    if total is None or total.value <= 0:
        return
    for r in range(len(t.rows)):
        if r == total_row:
            continue
        cnt, pct = _cell(t, r, col), _cell(t, r, share)
        if cnt is None or pct is None or pct.unit != "%":
            continue
        computed = cnt.value / total.value * 100
        ok = value_fits(pct, computed)
        msg = "" if ok else (f"“{t.label(r)}”的占比{pct.text}与表中数字不符：{n(cnt)} ÷ {n(total)} = "
                             f"{fmt_pct(computed, pct.decimals)}。")
        para, a, b = t.where(r)
        result.add(Check("rate", [total, cnt, pct], ok, None if ok else "FG02", msg, (para, a, b),
                         evidence=None if ok else t.evidence(r)))
    # the shares of a partition add up to its 合计 within their rounding
    pcts = [_cell(t, r, share) for r in range(len(t.rows)) if r != total_row]
    pcts = [p for p in pcts if p is not None and p.unit == "%"]
    tot_pct = _cell(t, total_row, share)
    if pcts and tot_pct is not None and tot_pct.unit == "%":
        slack = sum(10 ** -p.decimals / 2 for p in pcts) + 10 ** -tot_pct.decimals / 2 + 1e-9
        ok = abs(sum(p.value for p in pcts) - tot_pct.value) <= slack
        para, a, b = t.where(total_row)
        msg = "" if ok else (f"各项占比之和为{fmt_num(round(sum(p.value for p in pcts), 4))}%，"
                             f"与合计{tot_pct.text}相差超出四舍五入的范围。")
        result.add(Check("rate", [*pcts, tot_pct], ok, None if ok else "FG02", msg, (para, a, b),
                         evidence=None if ok else t.evidence(total_row)))


def _cell(t, r, c) -> Figure | None:
    row = t.rows[r]
    return row[c].figure if c < len(row) else None


def _rate_rows(result, t) -> None:
    """A rate row (纠错率) against the count rows of its column (审结, 撤销, 确认违法 …), or in a table
    whose columns are the measures (类别 | 审结（件） | 纠错（件） | 纠错率) a rate column against the
    count columns of its row: each column (or row) is read as the sentence it abbreviates (审结231件，
    撤销19件，确认违法16件，纠错率15.2%), and the rate is checked as in prose; a finding points at
    the rate's row."""
    if t.measured:
        rate_cols = [i for i in range(len(t.header)) if t.col_name(i).endswith("率")]
        if not rate_cols:
            return
        for r, row in enumerate(t.rows):
            if r == 0 and t.header or not t.label(r):
                continue
            pieces = [(t.col_name(i), row[i].figure, i in rate_cols) for i in range(1, len(row))]
            _read_as_sentence(result, t, r, pieces, lambda k, r=r: r)
        return
    rate_rows = [r for r in range(len(t.rows)) if t.label(r).endswith("率")]
    if not rate_rows:
        return
    for col, role in enumerate(t.roles):
        if role not in ("current", "previous", "count", "other"):
            continue
        pieces = [(t.name(r), row[col].figure if col < len(row) else None, r in rate_rows)
                  for r, row in enumerate(t.rows)]
        _read_as_sentence(result, t, None, pieces, lambda k: k)


_ALIAS = re.compile(r"[(（]([^()（）]{1,8})[)）]$")


def _spoken(label: str) -> str:
    """A label as a sentence would say it: a bracketed name of the whole (撤销、确认违法（纠错）) is what
    is counted; other bracketed words (案件（本局为被告）) are left out."""
    from .sentence import measure_of

    m = _ALIAS.search(label)
    if not m:
        return label
    inner = m.group(1)
    return inner if measure_of(inner, "") is not None else label[: m.start()]


def _read_as_sentence(result, t, row, pieces, row_of_piece) -> None:
    """Check the rates among `pieces` ((name, figure, is a rate) in order) as one sentence; a finding
    points at row `row`, or at the row the rate's piece stands in."""
    from . import Check, FigureAnalysis
    from .numbers import extract_text
    from .sentence import Sentence, describe

    parts, origin = [], []
    for k, (label, f, is_rate) in enumerate(pieces):
        label = _spoken(label)
        if f is None or not label or re.search(r"[\d%]", label):
            continue
        unit = f.unit if f.unit not in ("", "?") else "件"
        if f.unit == "%" and not label.endswith("率"):
            continue
        parts.append(f"{label}{f.text}{'' if f.text.endswith(unit) else unit}")
        origin.append((k, f, is_rate))
    if len(parts) < 3 or not any(x[2] for x in origin):
        return
    text = "，".join(parts).replace("，", ",") + "。"
    figs = extract_text(0, text)
    if len(figs) != len(origin):
        return  # a label with a number-like word: it cannot be read as one sentence
    s = Sentence(0, 0, len(text), text, figs)
    describe(s)
    for g in figs:
        g.current = True
    scratch = FigureAnalysis()
    check_sentence(scratch, s)
    back = {id(g): f for g, (k, f, _) in zip(figs, origin)}
    rate_piece = {id(g): k for g, (k, f, is_rate) in zip(figs, origin) if is_rate}
    for c in scratch.checks:
        k = rate_piece.get(id(c.figures[-1]))
        if k is None:
            continue
        r = row_of_piece(k)
        para, a, b = t.where(r)
        result.add(Check("rate", [back[id(x)] for x in c.figures if id(x) in back], c.ok, c.rule,
                         ("表中" + c.message) if c.message else "", (para, a, b),
                         evidence=None if c.ok else t.evidence(r)))
