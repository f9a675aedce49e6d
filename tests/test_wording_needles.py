"""The needles' first test of the wording rules (writer.wording.needles, Needles): a text it turns
away must be one where the pattern cannot match, or a finding would be lost."""

from __future__ import annotations

import random
import re

import pytest

from writer import checklists
from writer.wording import Needles, _whitespace, needles

_TRICKY = [r"ab(c|d)?e", r"(?:x|y)+z", r"a\s*b", r"(ab|cd){2}", r"a{0,3}bc", r"(?i)abc", r"(?i:ab)c",
           r"a(?=b)c|d", r"(a|)b", r"[^a]bc", r"(?:新|旧)+法", r"a|b|c", r"(a)\1", r"\bfoo\b", r"ab*c",
           r"(?>ab|c)d", r"x(?:a|bc){1,2}y", r"(ab)?", r"", r"20\d\d年", r"[ab]{3}", r"(?:a{2}|b)c", r"ab",
           r"abc", r"b", r"bc", r"ca", r"a\s", r"\d+"]


def _shipped() -> list[str]:
    facts = checklists.facts().facts
    wording = checklists.wording()
    return ([f.pattern for f in facts] + [f.unless_also for f in facts if f.unless_also]
            + [ph.pattern for ph in wording.placeholders] + [f.wrong for f in checklists.formulations().formulations]
            + [a.pattern for a in wording.anniversaries] + [wording.garbled_date])


def _texts(patterns, rnd: random.Random, count: int):
    alphabet = sorted({c for p in patterns for c in p if c not in "\\()[]{}?*+|^$."} | set(" \t\u30000123456789\"“”《》"))
    for _ in range(count):
        yield "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 20)))


def test_whitespace_is_whole():
    # \s matches what str.isspace accepts; _whitespace() lists them all
    assert _whitespace() == "".join(c for c in map(chr, range(0x110000)) if c.isspace())
    assert all(re.fullmatch(r"\s", c) for c in _whitespace())


@pytest.mark.parametrize("pattern", _TRICKY)
def test_needles_of_small_patterns(pattern):
    found = needles(pattern)
    rx = re.compile(pattern)
    if found is None:
        return
    for text in _texts([pattern], random.Random(pattern), 3000):
        if rx.search(text):
            assert any(n in text for n in found), (pattern, text, found)


def test_needles_unknown_when_a_match_may_be_empty_or_any_case():
    assert needles("(ab)?") is None
    assert needles("") is None
    assert needles("(?i)abc") is None
    assert needles("a|") is None


def test_needles_of_shipped_patterns_spell_them_out():
    assert needles(r'"?十三五"?') == {"十三五"}
    assert needles(r"十八大(和十八届[^,。;]{0,20}全会)?精神|十八届([一二三四五六七]中、)*[一二三四五六七]中全会精神") == {"十八大", "十八届"}
    assert needles(r"\d{4}年\s+月") == frozenset(_whitespace())


def test_finder_never_turns_away_a_match():
    rnd = random.Random(7)
    shipped = _shipped()
    for group in (tuple(shipped), tuple(_TRICKY)):
        finder = Needles(group)
        compiled = [re.compile(p) for p in group]
        for text in _texts(group, rnd, 20000):
            which = set(finder.which(text))
            for k, rx in enumerate(compiled):
                if rx.search(text):
                    assert k in which, (group[k], text)


def test_finder_on_overlapping_needles():
    finder = Needles(("十九届二中全会", "二中全会", "十九届", r"十九届(二中、)?三中全会"))
    assert finder.which("学习十九届二中全会精神") == [0, 1, 2]
    assert finder.which("十九届二中、三中全会") == [2, 3]
    assert list(finder.which("法治政府")) == []


def test_finder_any_is_which_not_empty():
    finder = Needles((r"(?<![\d.])20\d{5,6}(?![\d.])", r"某某(县|区)"))
    for text in ("2022113", "某某县", "法治政府", "", "20"):
        assert finder.any(text) == bool(finder.which(text))
    assert Needles((r"\d+",)).any("法治")  # no needle: may match anywhere


def test_words_are_needles_without_parsing():
    from writer.wording import _needles_of, _P

    words = [p for p in _shipped() + ["a|b", "十三五|“十三五”", "法制宣传", "a|ab|b"]
             if not set(p) & set("\\.^$*+?{}[]()")]
    assert len(words) > 10
    for p in words:
        assert needles(p) == _needles_of(list(_P.parse(p))), p
    assert needles("a||b") is None
