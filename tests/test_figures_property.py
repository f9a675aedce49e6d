"""Property tests: generated consistent sentences never raise a figure finding; inconsistent ones always do."""

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from writer.engine import choose_rules, lint_report
from writer.figures import cn_number
from writer.reader.build import build
from writer.reader.raw import RawParagraph

TEMPLATES = [
    ("全年共受理行政复议案件{T}件，其中依法纠错{P}件，纠错率{R}%。", "件"),
    ("全年排查各类矛盾纠纷{T}件，成功化解{P}件，成功率达{R}%。", "件"),
    ("全市各人民调解委员会共调解案件总数{T}宗，其中成功{P}宗，调解成功率达{R}%。", "宗"),
    ("全年共抽查行政执法案卷{T}卷，其中合格{P}卷，合格率为{R}%。", "卷"),
]


def figure_findings(text):
    report = build([RawParagraph(text=text)], "generated.txt", "txt")
    return lint_report(report, choose_rules(["FG"]))


def printed(value, decimals, truncate):
    factor = 10 ** decimals
    v = math.floor(value * factor + 1e-9) / factor if truncate else round(value, decimals)
    return f"{v:.{decimals}f}" if decimals else str(int(v))


cases = st.integers(min_value=20, max_value=20000).flatmap(
    lambda t: st.tuples(st.just(t), st.integers(min_value=1, max_value=t)))


@settings(max_examples=80, deadline=None)
@given(cases, st.sampled_from(TEMPLATES), st.integers(0, 2), st.booleans())
def test_consistent_sentences_are_silent(tp, template, decimals, truncate):
    total, part = tp
    rate = printed(part / total * 100, decimals, truncate)
    text = template[0].format(T=total, P=part, R=rate)
    assert figure_findings(text) == [], text


@settings(max_examples=80, deadline=None)
@given(cases, st.sampled_from(TEMPLATES), st.integers(0, 2), st.floats(min_value=1.5, max_value=40))
def test_inconsistent_sentences_are_found(tp, template, decimals, shift):
    total, part = tp
    true_rate = part / total * 100
    wrong = true_rate + shift if true_rate + shift <= 100 else true_rate - shift
    if wrong < 0:
        return
    text = template[0].format(T=total, P=part, R=printed(wrong, decimals, False))
    found = figure_findings(text)
    assert [f.rule for f in found] == ["FG02"], text
    assert "÷" in found[0].message


@given(st.integers(min_value=1, max_value=99999999))
def test_chinese_numerals_roundtrip(n):
    digits = "零一二三四五六七八九"

    def four(x):  # 0 < x < 10000, Chinese reading without 零 rules (cn_number ignores them)
        out = ""
        for value, name in ((1000, "千"), (100, "百"), (10, "十")):
            q, x = divmod(x, value)
            if q:
                out += digits[q] + name
        return out + (digits[x] if x else "")

    high, low = divmod(n, 10000)
    text = (four(high) + "万" if high else "") + (four(low) if low else "")
    assert cn_number(text) == n
