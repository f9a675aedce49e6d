"""A count restated in other words (FG04): `聘请法律顾问8名` … `9名政府法律顾问列席…`.

Counts that no indicator names are still one figure when the text says they are: the same words
stating a stock before the number in two places (配备公职律师四十八名 / 配备公职律师48名, whatever the
numerals), or
the noun a count ends with restated number first (N名X, N个X) where the text points back at the whole:
a frame (在1,864件次信访总量中, 上述21件规范性文件) or a stock stated whole both times (全县共有X N名 …
全县N名X). A count of events (次, 场, 期) is never joined by its words alone: a later count of the same
words is another occasion. The narrower readings are not joined: 其中/新增/每/各 before the number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import checklists
from .numbers import Figure
from .parts import same_family

# what a stock is counted in: people and bodies (a number of them is a state, stated once a year)
_STOCK_UNITS = frozenset("名人个家所户支村")
# words that state a stock as such: the whole of it (共有, 现有, 配备) and the scope it is the whole of
_STOCK_VERBS = ("共有", "现有", "拥有", "下辖", "辖", "有", "共", "配备", "配齐", "聘请", "聘用", "选聘", "组建", "设立", "建立")
_BACK = ("上述", "前述", "以上", "这些", "该", "这")
_NARROW = ("其中", "新增", "新聘", "新设", "新建", "每", "各", "增加", "减少", "另有", "其余", "余下")
_TIME = ("全年", "年内", "本年度", "今年", "年度", "目前", "现", "截至年底", "年底")
_JOIN = re.compile(r"[和及与、]")
# the unit's whole scope, whatever its level: 全乡, 全街道, 全系统, 全厅
_ALL = re.compile(r"全(?:乡|镇|县|区|市|省|州|盟|旗|街道|系统|局|厅|委)")
_OBJECT = re.compile(r"[\u4e00-\u9fff()]+")
_MIN, _MAX = 3, 12
# one search each instead of a test per word (run for every count of a report)
_NARROW_RX = re.compile("|".join(map(re.escape, _NARROW)))
_LONG_VERB_RX = re.compile("|".join(re.escape(v) for v in _STOCK_VERBS if len(v) > 1))


@dataclass
class _Use:
    figure: Figure
    sentence: object
    lead: str  # the lead less its time and scope words, joiners dropped
    said: str  # the same, as printed (for the message)
    whole: bool  # the words state it as a whole (共有…, 全县N名…, or nothing but scope before it)
    back: bool  # the words point back at a figure stated before (上述N件X, N件X中)
    first: bool  # number first: the noun follows (N名X)
    noun: str = ""  # the words right after the number, to the next punctuation (brackets kept)


def check(result, sentences, scope_of) -> None:
    from .conflicts import _Statement, _compare, _quote

    scopes = checklists.indicators().scopes
    whole_ends = tuple(scopes) + ("全部", "所有")
    strip = _strip_rx(tuple(scopes))
    uses = [u for s in sentences for f in s.counts() if (u := _use(s, f, strip, whole_ends)) is not None]
    # verb and object: the same words before the number (配备公职律师 … 配备公职律师)
    by_lead: dict[str, list[_Use]] = {}
    for u in uses:
        if len(u.lead) >= 4 and u.whole and u.figure.unit in _STOCK_UNITS:
            by_lead.setdefault(u.lead, []).append(u)
    # object: a noun that ends the words before one number and follows another (法律顾问): the uses
    # whose words end with a noun, looked up only for the nouns asked about (the few number-first
    # counts' nouns), among the uses whose words end with the noun's last two characters
    by_last2: dict[str, list[_Use]] = {}
    for u in uses:
        if len(u.lead) >= 2:
            by_last2.setdefault(u.lead[-2:], []).append(u)
    ending: dict[str, list[_Use]] = {}

    def ends(noun: str) -> list[_Use]:
        got = ending.get(noun)
        if got is None:
            got = ending[noun] = [u for u in by_last2.get(noun[-2:], ()) if u.lead.endswith(noun)] \
                if 2 <= len(noun) <= _MAX else []
        return got
    pairs: list[tuple[_Use, _Use, str]] = [(a, b, a.said) for group in by_lead.values()
                                           for i, b in enumerate(group) for a in group[:i]]
    # number first twice: the same noun after both numbers (共有二十一个村（社区）… 全镇十九个村（社区）)
    # (the noun runs to the next punctuation: the shorter one is the other's start)
    starts: dict[str, list[_Use]] = {}
    for u in uses:
        if u.first:
            for k in range(_MIN, min(_MAX, len(u.noun)) + 1):
                starts.setdefault(u.noun[:k], []).append(u)
    for a in uses:
        if a.first and len(a.noun) <= _MAX:
            pairs += [(a, b, a.noun) for b in starts.get(a.noun, []) if b is not a and _joined(a, b)]
    for b in uses:
        if not b.first:
            continue
        for noun in _nouns(b):
            found = [a for a in ends(noun) if a.figure is not b.figure and _joined(a, b)]
            if b.back:
                # 上述…, …中: the nearest figure of its paragraph before it (of its measure, when it names
                # one: 审结的365件案件中), not every figure of the noun
                found = [a for a in found if a.figure.paragraph == b.figure.paragraph and (
                    b.figure.measure is None or a.figure.measure == b.figure.measure)][-1:]
            elif len(noun) < _MIN:
                found = []
            pairs += [(a, b, noun) for a in found]
            if ends(noun):
                break  # the longest noun that ends another count's words
    done: set[tuple[int, int]] = set()
    for a, b, what in pairs:
        fa, fb = a.figure, b.figure
        key = (id(fa), id(fb)) if id(fa) < id(fb) else (id(fb), id(fa))
        if key in done or a.sentence is b.sentence and _segment(a) == _segment(b):
            continue
        # a scope read in other words (县政府规范性文件) does not part a figure the text points back at
        if not b.back and scope_of(fa) != scope_of(fb) or not _same_family(fa, fb):
            continue
        done.add(key)
        first, later = sorted((a, b), key=lambda u: (u.figure.paragraph, u.figure.start))
        # where: the ；-segment, so two halves of one sentence are compared (…1,846件次；在1,864件次…中)
        st = [_Statement(u.figure, what, None, (u.sentence.paragraph, *_segment(u)),
                         quote=_quote(u.sentence.text, u.figure, u.sentence.start) if not u.first
                         else _quote_after(u.sentence.text, u.figure, u.sentence.start))
              for u in (first, later)]
        _compare(result, st, lambda x, y: True)


def _use(s, f: Figure, strip: tuple[re.Pattern, re.Pattern], whole_ends: tuple[str, ...]) -> _Use | None:
    if f.paren or not f.current:
        return None
    lead = f.lead
    if _NARROW_RX.search(lead):
        return None
    after = _OBJECT.match(s.text, f.end)
    noun = after.group(0) if after else ""
    back = lead.endswith(_BACK) or noun.endswith("中") and not noun.endswith("其中")
    core = _stripped(lead, strip)
    # stated as a whole: nothing but time and scope before it, a verb of having or appointing (one of
    # one character only where the words start or end: 有 is in 有效, 所有), or
    # (number first) a scope right before the number (组织全县126名专职人民调解员)
    whole = core == "" or lead.endswith(_STOCK_VERBS) or core.startswith(_STOCK_VERBS) or bool(
        _LONG_VERB_RX.search(core)) or (bool(noun) and (lead.endswith(whole_ends) or _ALL.search(lead[-3:])))
    u = _Use(f, s, _JOIN.sub("", core), core, whole, back, False, noun.removesuffix("中"))
    u.first = len(u.noun) >= (2 if back else _MIN) and not f.tail.startswith(("、", ","))
    return u


def _stripped(lead: str, strip: tuple[re.Pattern, re.Pattern]) -> str:
    """The lead less the time and scope words that open it (全年全县共有… → 共有…) and the scope or
    back-reference words that end it (`strip`: the patterns of _strip_rx)."""
    head, tail = strip
    lead = head.sub("", lead, count=1)
    return tail.sub("", lead, count=1)


@lru_cache(maxsize=4)
def _strip_rx(scopes: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    # ties in a fixed order, not the set's: the same pattern text every run (the regex cache finds it)
    alt = lambda ws: "|".join(map(re.escape, sorted(set(ws), key=lambda w: (-len(w), w))))  # noqa: E731
    head = re.compile(rf"^(?:{alt((*_TIME, *scopes))}|{_ALL.pattern})+")
    tail = re.compile(rf"(?:{alt((*_BACK, *scopes))}|{_ALL.pattern})$")
    return head, tail


def _nouns(u: _Use) -> list[str]:
    """What a number-first count counts: the words after it (9名政府法律顾问 → 政府法律顾问, 法律顾问
    with up to two characters of modifier dropped), the whole word first, then longest first."""
    word = u.noun
    shortest = 2 if u.back else _MIN  # 在1,386件诉求中: a frame that points back names its whole plainly
    if len(word) < shortest:
        return []
    # parts of the word only of three characters or more (服务 is in 政务服务事项 but is not what it counts)
    out = {word[skip:skip + k] for skip in range(0, 3) for k in range(_MIN, min(_MAX, len(word) - skip) + 1)}
    return [word] + sorted(out - {word}, key=lambda w: (-len(w), w))


def _joined(a: _Use, b: _Use) -> bool:
    """Whether the text says the two are one figure: b points back at a whole, or both state the
    stock as a whole."""
    if b.back:
        # 上述…, …中 point back: at a figure stated before them, not at one that follows
        return (a.figure.paragraph, a.figure.start) < (b.figure.paragraph, b.figure.start)
    return b.figure.unit in _STOCK_UNITS and a.whole and b.whole


def _segment(u: _Use) -> tuple[int, int]:
    s = u.sentence
    return s.segment_start(u.figure.start), s.segment_end(u.figure.start)


def _same_family(a: Figure, b: Figure) -> bool:
    return same_family(a.unit, b.unit)


def _quote_after(text: str, f: Figure, floor: int) -> str:
    """A number-first statement quoted with the noun it counts (9名政府法律顾问)."""
    m = _OBJECT.match(text, f.end)
    head = max(text.rfind(c, floor, f.start) for c in ",;:、")
    return text[max(head + 1, floor):m.end() if m else f.end].strip()
