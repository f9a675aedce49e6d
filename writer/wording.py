"""Shared helpers of the wording rules (WD01–WD06): compiled data patterns and context tests."""

from __future__ import annotations

import re
from collections.abc import Sequence
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


# ---------------------------------------------------------------- needles: a pattern's first test
# Most paragraphs hold none of a rule's patterns, yet the patterns (or their alternation, which the
# engine tries at every character) cost a pass each. The literal words a pattern cannot match
# without are read from its parsed form; one pass over the text for all of them tells which
# patterns are worth running.

try:  # Python 3.11 and later
    from re import _constants as _C
    from re import _parser as _P
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _C  # type: ignore[no-redef]
    import sre_parse as _P  # type: ignore[no-redef]

_SPACE = object()  # among a pattern's needles: any whitespace character (the others are literal strings)
_REPEATS = {_C.MAX_REPEAT, _C.MIN_REPEAT} | ({_C.POSSESSIVE_REPEAT} if hasattr(_C, "POSSESSIVE_REPEAT") else set())
_ATOMIC = getattr(_C, "ATOMIC_GROUP", None)
_NO_CASE = _C.SRE_FLAG_IGNORECASE | _C.SRE_FLAG_LOCALE
_FEW = 32  # more strings than this are not spelled out


def _product(heads: frozenset, tails: frozenset) -> frozenset | None:
    if len(heads) * len(tails) > _FEW:
        return None
    return frozenset(h + t for h in heads for t in tails)


def _few_of(alts: list) -> frozenset | None:
    """The strings of a choice's branches together, when every branch's are known and few."""
    if any(a is None for a in alts):
        return None
    out = frozenset().union(*alts)
    return out if len(out) <= _FEW else None


def _finite(op, av) -> frozenset | None:
    """The strings an item matches, when they are few (a literal, a class of literals, a choice or
    an optional or fixed repeat of such), else None."""
    if op is _C.LITERAL:
        return frozenset({chr(av)})
    if op is _C.IN:
        return frozenset(chr(iav) for _, iav in av) if av and all(iop is _C.LITERAL for iop, _ in av) else None
    if op is _C.SUBPATTERN:
        return None if av[1] & _NO_CASE else _finite_seq(av[-1])
    if _ATOMIC is not None and op is _ATOMIC:
        return _finite_seq(av)
    if op is _C.BRANCH:
        return _few_of([_finite_seq(alt) for alt in av[1]])
    if op in _REPEATS and av[1] <= 4:  # (政府)?, X{2}
        body = _finite_seq(av[2])
        if body is None:
            return None
        out: frozenset | None = frozenset({""})
        options: set = set()
        for k in range(av[1] + 1):
            if k >= av[0]:
                options |= out
            if k < av[1]:
                out = _product(out, body)
                if out is None:
                    return None
        return frozenset(options) if len(options) <= _FEW else None
    return None


def _finite_seq(seq) -> frozenset | None:
    out: frozenset | None = frozenset({""})
    for op, av in seq:
        f = _finite(op, av)
        if f is None:
            return None
        out = _product(out, f)
        if out is None:
            return None
    return out


def _lead(op, av) -> frozenset | None:
    """Strings (not empty) one of which every match of an item begins with, or None."""
    f = _finite(op, av)
    if f is not None:
        return None if "" in f else f
    if op is _C.SUBPATTERN:
        return None if av[1] & _NO_CASE else _lead_seq(av[-1])
    if _ATOMIC is not None and op is _ATOMIC:
        return _lead_seq(av)
    if op in _REPEATS and av[0] >= 1:
        return _lead_seq(av[2])
    if op is _C.BRANCH:
        return _few_of([_lead_seq(alt) for alt in av[1]])
    return None


def _lead_seq(seq) -> frozenset | None:
    out = frozenset({""})
    for op, av in seq:
        f = _finite(op, av)
        step = _product(out, f) if f is not None else None
        if step is None:
            lead = _lead(op, av) if f is None else None
            longer = _product(out, lead) if lead is not None else None
            out = longer or out  # what begins every match so far is enough
            break
        out = step
    return None if "" in out else out


def _cost(needles: frozenset) -> tuple:
    """How often a text may hold one of `needles` (smaller: rarer): a longer literal is rarer, and so
    is whitespace (a report's text seldom has any); only an estimate, it decides speed, not findings."""
    return max(0.5 if n is _SPACE else 1 / len(n) for n in needles), len(needles)


_META = frozenset("\\.^$*+?{}[]()")  # what makes a pattern more than words joined by |


def _minimal(found: frozenset) -> frozenset:
    """`found` less each needle that holds another (“十三五” holds 十三五: a text with it has both)."""
    return frozenset(n for n in found if n is _SPACE or not any(
        m is not _SPACE and m != n and m in n for m in found))


def _needles_of(seq) -> frozenset | None:
    """Needles (literal strings, or `_SPACE`) one of which every match of the parsed `seq` holds;
    None when none can be told (a part that may be empty, any character, a case-insensitive group …).
    A run of items that match few strings is spelled out (党的二十大, “?七五”?普法); an item that
    matches many is looked into (二十届([一二]中、)*三中全会: 三中全会)."""
    best: frozenset | None = None

    def offer(found):
        nonlocal best
        if not found or "" in found:
            return
        found = _minimal(found)
        if best is None or _cost(found) < _cost(best):
            best = found

    run: frozenset = frozenset({""})
    for op, av in seq:
        if op is _C.LITERAL and len(run) == 1:  # the common case, without building sets
            (r,) = run
            run = frozenset({r + chr(av)})
            continue
        f = _finite(op, av)
        if f is not None:
            longer = _product(run, f)
            if longer is None:  # too many spellings: the run starts again here
                offer(run)
                longer = f
            run = longer
            continue
        lead = _lead(op, av)  # 十八(大…|届…): the run goes on into what the item begins with
        offer(_product(run, lead) if lead is not None else None)
        offer(run)
        run = frozenset({""})
        if op is _C.SUBPATTERN:
            offer(None if av[1] & _NO_CASE else _needles_of(av[-1]))
        elif _ATOMIC is not None and op is _ATOMIC:
            offer(_needles_of(av))
        elif op in _REPEATS:
            offer(_needles_of(av[2]) if av[0] >= 1 else None)
        elif op is _C.BRANCH:
            alts = [_needles_of(alt) for alt in av[1]]
            offer(frozenset().union(*alts) if all(alts) else None)
        elif (op is _C.IN and av == [(_C.CATEGORY, _C.CATEGORY_SPACE)]) or (
                op is _C.CATEGORY and av is _C.CATEGORY_SPACE):
            offer(frozenset({_SPACE}))
    offer(run)
    return best


@lru_cache(maxsize=512)
def needles(pattern: str) -> frozenset[str] | None:
    """Strings one of which a text must hold for `pattern` to match in it (each whitespace
    character is one when the pattern needs whitespace): a cheap first test before the pattern
    itself. None when none can be told. Kept between runs (~3 ms of a lint's start-up), under this
    file's version: a change to the way they are found finds them again."""
    from . import rxcache

    return rxcache.remember(("needles", _version(), pattern), lambda: _needles(pattern))


@lru_cache(maxsize=1)
def _version() -> str:
    import os

    st = os.stat(__file__)
    return f"{st.st_size}-{st.st_mtime_ns}"


def _needles(pattern: str) -> frozenset[str] | None:
    if not _META.intersection(pattern):  # words, or words joined by |: no need to parse them
        words = pattern.split("|")
        return _minimal(frozenset(words)) if all(words) else None
    try:
        tree = _P.parse(pattern)
    except Exception:  # noqa: BLE001 - not a pattern this test understands: no shortcut
        return None
    if tree.state.flags & _NO_CASE:
        return None
    found = _needles_of(list(tree))
    if not found:
        return None
    if _SPACE in found:
        found = (found - {_SPACE}) | frozenset(_whitespace())
    return found


# the characters \s matches (str.isspace; tests/test_wording_needles.py checks the list is whole)
_WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
               "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def _whitespace() -> str:
    return _WHITESPACE


class Needles:
    """Which of several patterns can match in a text, found in one pass over it: a rule runs only
    those (most paragraphs hold none). Each pattern's needles (see `needles`) are joined in one
    alternation of literals, which the engine skips through to a character that can begin one,
    where the patterns' own alternation (`rx_any`) is tried at every character."""

    def __init__(self, patterns: tuple[str, ...]):
        per = [needles(p) for p in patterns]
        self.count = len(patterns)
        self.always = frozenset(k for k, n in enumerate(per) if n is None)  # no needle: always run
        self.unless_found = tuple(sorted(self.always))
        found = frozenset().union(*(n for n in per if n is not None))
        # the longer first: where needles begin at one place, the longest is found and the others
        # are its beginnings, so a needle found stands for every pattern a beginning of it serves
        self.rx = re.compile("|".join(re.escape(n) for n in sorted(found, key=lambda n: (-len(n), n)))) if found else None
        owners: dict[str, set[int]] = {}
        for k, n in enumerate(per):
            for x in n or ():
                owners.setdefault(x, set()).add(k)
        # the patterns a needle found serves: those of each of its beginnings that is a needle
        self.serves = {f: frozenset().union(*(owners.get(f[:i], ()) for i in range(1, len(f) + 1))) for f in found}

    def any(self, text: str) -> bool:
        """Whether one of the patterns may match in `text` (False: none can)."""
        return bool(self.always) or (self.rx is not None and self.rx.search(text) is not None)

    def which(self, text: str) -> Sequence[int]:
        """The indices (in order) of the patterns that may match in `text`; the others cannot."""
        rx = self.rx
        m = rx.search(text) if rx is not None else None
        if m is None:
            return self.unless_found
        hit = set(self.always)
        while m is not None and len(hit) < self.count:
            hit |= self.serves[m.group()]
            m = rx.search(text, m.start() + 1)  # needles may overlap: go on from the next character
        return sorted(hit)


@lru_cache(maxsize=64)
def needles_of(patterns: tuple[str, ...]) -> Needles:
    return Needles(patterns)


@lru_cache(maxsize=64)
def needles_first(pattern: str) -> Needles | None:
    """The needles of `pattern` as a first test, when it is worth one: None when every match begins
    with one of a few strings, which the engine itself skips through to ((委|人民政府|政府)), and
    for `(经济社会|经济)?高质量发展` (tried at every character) the test for 高质量发展."""
    try:
        tree = _P.parse(pattern)
    except Exception:  # noqa: BLE001 - not a pattern this test understands: no shortcut
        return None
    if tree.state.flags & _NO_CASE or _skips(list(tree)):
        return None
    found = needles_of((pattern,))
    return None if found.always else found


def _skips(seq) -> bool:
    """Whether the engine skips through a text to where a match of `seq` can begin: it begins with a
    literal, a class, or a choice of literals (as re's compiler finds a prefix or a first-character set)."""
    while seq and seq[0][0] is _C.SUBPATTERN and not seq[0][1][1] & _NO_CASE:
        seq = list(seq[0][1][-1])
    if not seq:
        return False
    op, av = seq[0]
    if op is _C.BRANCH:
        return all(alt and alt[0][0] is _C.LITERAL for alt in av[1])
    return op is _C.LITERAL or op is _C.IN


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
