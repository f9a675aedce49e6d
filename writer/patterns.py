"""Regular expressions from checklists that a backtracking engine could take minutes or hours over.

Python's engine backtracks: `(法+)+治理` tries every way of cutting a run of 法 into pieces before it
gives up, twice as many for each character more (seconds at 25 characters, minutes at 30). A pattern
is refused when it holds one of the two shapes that cause this:

- a repetition inside a repetition, with nothing the inner one cannot match to mark where one round
  of the outer ends: `(法+)+`, `(\\s*\\w+)+`, `(\\d{1,3})+` (but not `(\\d{1,3},)+`: the comma ends a round);
- a repeated choice whose alternatives can match the same text in more than one way: `(a|a)+`,
  `(法|法治|治)+`, `(\\d|[0-9])+`.

The test is on the parsed pattern (re's own parser); characters are compared over a sample of the
alphabet a report uses (ASCII, CJK punctuation, the pattern's own characters …). What it cannot see
(patterns slow for other reasons) the CPU budget of each file stops (writer.engine).
"""

from __future__ import annotations

import re
from functools import lru_cache

try:  # Python 3.11 and later
    from re import _constants as C
    from re import _parser as P
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT} | ({C.POSSESSIVE_REPEAT} if hasattr(C, "POSSESSIVE_REPEAT") else set())
_ATOMIC = getattr(C, "ATOMIC_GROUP", None)
# an outer repetition this many rounds or more can multiply the ways of matching without end
_MANY = 16

_BASE_SAMPLE = ("".join(chr(c) for c in range(0x20, 0x7F)) + "\t\n\r\x0b\x0c\u00a0\u3000\u2028"
                + "，。、；：！？（）【】《》“”‘’…—·「」『』"
                + "０１２３４５６７８９ＡＢａｂ一二三四五六七八九十百千万零〇两年月日法治政府建设报告县区市"
                + "ⅠⅡ①②é中文")

_CATEGORY_RX = {
    C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W",
}


class _Sets:
    """Character sets of a parsed pattern, as subsets of a sample alphabet."""

    def __init__(self, sample: str):
        self.sample = frozenset(sample)

    @lru_cache(maxsize=None)
    def category(self, code) -> frozenset:
        rx = re.compile(_CATEGORY_RX.get(code, r"[^\s\S]"))
        return frozenset(c for c in self.sample if rx.fullmatch(c))

    def of_in(self, items) -> frozenset:
        out: set = set()
        negate = False
        for op, av in items:
            if op is C.NEGATE:
                negate = True
            elif op is C.LITERAL:
                out.add(chr(av))
            elif op is C.RANGE:
                lo, hi = av
                out.update(c for c in self.sample if lo <= ord(c) <= hi)
            elif op is C.CATEGORY:
                out |= self.category(av)
            else:  # an item this test does not know: any character
                out |= self.sample
        return self.sample - out if negate else frozenset(out)

    def atom(self, op, av) -> frozenset | None:
        """The characters a one-character item matches, None for other items."""
        if op is C.LITERAL:
            return frozenset({chr(av)})
        if op is C.NOT_LITERAL:
            return self.sample - {chr(av)}
        if op is C.ANY:
            return self.sample - {"\n"}
        if op is C.IN:
            return self.of_in(av)
        if op is C.CATEGORY:
            return self.category(av)
        return None


def _children(op, av) -> list[list]:
    """The sub-sequences of an item (none for a one-character item or an assertion)."""
    if op in _REPEATS:
        return [list(av[2])]
    if op is C.SUBPATTERN:
        return [list(av[-1])]
    if op is C.BRANCH:
        return [list(b) for b in av[1]]
    if _ATOMIC is not None and op is _ATOMIC:
        return [list(av)]
    return []  # lookarounds match nothing, group references are checked as any text


def _nullable_item(op, av) -> bool:
    if op in _REPEATS:
        return av[0] == 0 or _nullable(list(av[2]))
    if op is C.SUBPATTERN or (_ATOMIC is not None and op is _ATOMIC):
        return _nullable(_children(op, av)[0])
    if op is C.BRANCH:
        return any(_nullable(list(b)) for b in av[1])
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return True
    if op is C.GROUPREF or op is getattr(C, "GROUPREF_EXISTS", None):
        return True
    return False


def _nullable(seq) -> bool:
    return all(_nullable_item(op, av) for op, av in seq)


def _chars(seq, sets: _Sets) -> frozenset:
    """Every character `seq` can match anywhere (a group reference: any character)."""
    out: set = set()
    for op, av in seq:
        one = sets.atom(op, av)
        if one is not None:
            out |= one
        elif op is C.GROUPREF or op is getattr(C, "GROUPREF_EXISTS", None):
            out |= sets.sample
        else:
            for sub in _children(op, av):
                out |= _chars(sub, sets)
    return frozenset(out)


def _first(seq, sets: _Sets) -> frozenset:
    """The characters a match of `seq` can start with."""
    out: set = set()
    for op, av in seq:
        one = sets.atom(op, av)
        if one is not None:
            return frozenset(out | one)
        if op is C.GROUPREF or op is getattr(C, "GROUPREF_EXISTS", None):
            out |= sets.sample
        else:
            for sub in _children(op, av):
                out |= _first(sub, sets)
        if not _nullable_item(op, av):
            break
    return frozenset(out)


def _literal(seq) -> str | None:
    """The text `seq` matches when it is a fixed string, else None."""
    out = []
    for op, av in seq:
        if op is C.LITERAL:
            out.append(chr(av))
        elif op is C.SUBPATTERN:
            inner = _literal(list(av[-1]))
            if inner is None:
                return None
            out.append(inner)
        else:
            return None
    return "".join(out)


def _uniquely_decodable(words: list[str]) -> bool:
    """Sardinas–Patterson: whether no text is a sequence of `words` in two different ways."""
    code = set(words)
    if len(code) < len(words) or "" in code:
        return False

    def quotients(a: set, b: set) -> set:
        return {y[len(x):] for x in a for y in b if y.startswith(x) and len(y) > len(x)}

    current = quotients(code, code)
    seen: set = set()
    while current:
        if current & code:
            return False
        key = frozenset(current)
        if key in seen:
            return True
        seen.add(key)
        current = quotients(code, current) | quotients(current, code)
    return True


def _repeats_inside(seq, path=()):
    """(repeat item, the sequences on the way to it) for every repetition of more than one round in
    `seq`, not inside lookarounds."""
    for op, av in seq:
        if op in _REPEATS and av[1] > 1:
            yield (op, av), path + (seq,)
        for sub in _children(op, av):
            yield from _repeats_inside(sub, path + (seq,))


def _branches_inside(seq):
    for op, av in seq:
        if op is C.BRANCH:
            yield av[1]
        for sub in _children(op, av):
            yield from _branches_inside(sub)


def _separated(inner, path, sets: _Sets) -> bool:
    """Whether, on the way from the outer repetition's body to `inner`, something that must match
    can only match characters `inner` never matches: it marks where each round of the outer ends."""
    own = _chars([inner], sets)
    for seq in path:
        for op, av in seq:
            if (op, av) is inner or _contains(op, av, inner) or _nullable_item(op, av):
                continue
            if _separator(op, av, own, sets):
                return True
    return False


def _separator(op, av, own: frozenset, sets: _Sets) -> bool:
    """Whether every match of the item holds a character outside `own`."""
    one = sets.atom(op, av)
    if one is not None:
        return bool(one) and one.isdisjoint(own)
    if op is C.SUBPATTERN or (_ATOMIC is not None and op is _ATOMIC):
        return any(_separator(iop, iav, own, sets) for iop, iav in _children(op, av)[0]
                   if not _nullable_item(iop, iav))
    if op in _REPEATS and av[0] >= 1:
        return any(_separator(iop, iav, own, sets) for iop, iav in av[2] if not _nullable_item(iop, iav))
    if op is C.BRANCH:
        return all(any(_separator(iop, iav, own, sets) for iop, iav in alt if not _nullable_item(iop, iav))
                   for alt in av[1])
    return False


def _contains(op, av, target) -> bool:
    for sub in _children(op, av):
        for item in sub:
            if item is target or _contains(item[0], item[1], target):
                return True
    return False


def _variable(item) -> bool:
    op, av = item
    return op in _REPEATS and av[0] != av[1]


def risk(pattern: str) -> str | None:
    """Why `pattern` can take exponential time to fail, in Chinese; None when it cannot that way."""
    try:
        tree = P.parse(pattern)
    except Exception:  # noqa: BLE001 - the caller reports what re says of it
        return None
    literals = "".join(chr(av) for op, av in _walk(list(tree)) if op is C.LITERAL)
    sets = _Sets(_BASE_SAMPLE + literals)
    for (op, av), _ in list(_repeats_inside(list(tree))):
        lo, hi, body = av
        if hi < _MANY:
            continue
        body = list(body)
        for inner, path in _repeats_inside(body):
            if (_variable(inner) or inner[1][1] >= _MANY) and not _separated(inner, path, sets):
                return "重复之中又有重复、且没有分隔的字符（如 (法+)+），匹配失败时回溯次数随文字长度成倍增长"
        for alts in _branches_inside(body):
            words = [_literal(list(a)) for a in alts]
            if all(w is not None for w in words):
                if not _uniquely_decodable([w for w in words if w is not None]):
                    return "重复的选择中，几个选项能以不止一种方式拼出同一段文字（如 (法|法治|治)+），匹配失败时回溯次数成倍增长"
                continue
            firsts = [_first(list(a), sets) for a in alts]
            for i in range(len(firsts)):
                for j in range(i + 1, len(firsts)):
                    if firsts[i] & firsts[j]:
                        return "重复的选择中，几个选项能以同一个字符开头（如 (\\d|[0-9])+），匹配失败时回溯次数成倍增长"
    return None


def _walk(seq):
    for op, av in seq:
        yield op, av
        for sub in _children(op, av):
            yield from _walk(sub)


# ---------------------------------------------------------------- which pattern stalled a draft

# CPU seconds one pattern may take over one draft's paragraphs while the culprit is looked for
PROBE_SECONDS = 3.0


def user_patterns() -> list[tuple[str, str, str]]:
    """(file as shown, key, pattern) for every string of the user's own checklist files that is a
    regular expression: the only patterns fzwriter did not ship and test."""
    from . import checklists

    out: list[tuple[str, str, str]] = []
    for name, path, mine in checklists.sources():
        if not mine:
            continue
        try:
            data = checklists.parse_yaml(path, path.read_bytes())
        except Exception:  # noqa: BLE001 - it loaded before; unreadable now: nothing to blame in it
            continue
        for key, value in _strings(data, ""):
            out.append((checklists.shown(name), key, value))
    return out


def _strings(value, key: str):
    if isinstance(value, str):
        if any(c in value for c in "*+?{|(["):  # a plain word cannot backtrack
            yield key, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{key}.{k}" if key else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{key}[{i}]")


def culprit(texts: list[str], seconds: float = PROBE_SECONDS) -> tuple[str, str, str] | None:
    """The user's pattern that cannot get through `texts` (a draft's paragraphs) within `seconds` of
    CPU time, or None when each of them can (the draft was slow for another reason)."""
    from .guard import OverBudget, cpu_budget

    for where, key, pattern in user_patterns():
        for variant in {pattern, pattern.replace("{year}", "2024").replace("{next}", "2025")}:
            try:
                rx = re.compile(variant)
            except (re.error, RecursionError, OverflowError):
                continue
            try:
                with cpu_budget(seconds):
                    for text in texts:
                        for _ in rx.finditer(text):
                            pass
            except OverBudget:
                return where, key, pattern
    return None
