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


OUTCOMES = ["确认违法或撤销", "维持", "调解", "驳回", "终止"]
parts_lists = st.lists(st.integers(min_value=0, max_value=500), min_size=2, max_size=5)


def outcome_sentence(whole, parts):
    listed = "，".join(f"{OUTCOMES[i]}{n}件" for i, n in enumerate(parts))
    return f"全年接收行政复议申请{whole + 7}件，其中受理{whole + 3}件，审结{whole}件，{listed}。"


@settings(max_examples=60, deadline=None)
@given(parts_lists, st.integers(min_value=0, max_value=50))
def test_outcomes_within_concluded_are_silent(parts, pending):
    text = outcome_sentence(sum(parts) + pending, parts)
    assert figure_findings(text) == [], text


@settings(max_examples=60, deadline=None)
@given(parts_lists, st.integers(min_value=1, max_value=50))
def test_outcomes_above_concluded_are_found(parts, excess):
    whole = sum(parts) - excess
    if whole <= 0:
        return
    text = outcome_sentence(whole, parts)
    assert [f.rule for f in figure_findings(text)] == ["FG01"], text


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=0, max_value=9999))
def test_restated_indicator(first, second):
    paragraphs = [RawParagraph(text=f"全年受理行政复议案件{first}件，审结行政复议案件{first}件。"),
                  RawParagraph(text="持续加强行政复议规范化建设。"),
                  RawParagraph(text=f"我区全年受理行政复议案件{second}件，有力维护了群众合法权益。")]
    found = lint_report(build(paragraphs, "generated.txt", "txt"), choose_rules(["FG04"]))
    assert [f.rule for f in found] == ([] if first == second else ["FG04"])
