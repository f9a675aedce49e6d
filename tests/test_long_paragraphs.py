"""The whole lint (reader and every rule) stays linear on paragraphs no report contains (issue 15):
200,000 characters of CJK without punctuation, of digits, of 、, of spaces, and shorter runs of what
made a rule quadratic once (a search back to the paragraph's start per match, a list of reported spans
scanned per match, two quantifiers over the same spaces). The bound is far above the linear time (1–3 s)
and far below what a quadratic rule takes on these inputs (minutes)."""

import time

import pytest

from writer.engine import choose_rules, lint_report
from writer.reader.build import build
from writer.reader.raw import RawParagraph


def run(text: str) -> float:
    """A report on 2024 with `text` as its opening, a measures paragraph and a plans paragraph."""
    raw = [RawParagraph(text="秦州区人民政府关于2024年法治政府建设情况的报告"), RawParagraph(text=text),
           RawParagraph(text="一、主要举措和成效"), RawParagraph(text=text),
           RawParagraph(text="四、2025年工作安排"), RawParagraph(text=text)]
    start = time.perf_counter()
    report = build(raw, "long.txt", "txt")
    lint_report(report, choose_rules())
    return time.perf_counter() - start


def rep(piece: str, n: int) -> str:
    return (piece * (n // len(piece) + 1))[:n]


CASES = {
    # the four the issue names, at 200,000 characters
    "cjk": rep("法治政府建设", 200_000),
    "digits": rep("1", 200_000),
    "dunhao": rep("、", 200_000),
    "spaces": rep(" ", 200_000),
    # what was quadratic once, at 60,000 (each took over a minute at 200,000)
    "ideographic_spaces_and_breaks": rep("\u3000 \n", 60_000),
    "punctuation_soup": rep(",.;:!?、。（）【】《》“”", 60_000),
    "empty_brackets": rep("【】（）", 60_000),
    "years_without_full_stop": rep("2024年，", 60_000),
    "plans_without_full_stop": rep("2025年将推进", 60_000),
    "region_slots": rep("大丰区委法治大丰建设，", 60_000),
    "stale_mentions": rep("七五普法，十九大精神，", 60_000),
    "fact_beside_current_term": rep("全面依法治国新理念新思想新战略", 60_000),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_lint_is_linear_on_long_paragraphs(name):
    assert run(CASES[name]) < 25, name


def test_opening_subject_made_of_division_suffixes_is_not_exponential():
    """A web copy's opening is read for its subject (朝阳区三里屯街道……); a run of suffix characters
    after a real division (朝阳区区县市镇乡街道…) made every prefix try every split: 2ⁿ, minutes at 16.
    Without a title or sign-off the opening is what the reader looks at."""
    import random

    rnd = random.Random(7)
    openings = ["朝阳区" + "".join(rnd.choice("区县市镇乡街道") for _ in range(13)) + "坚持依法行政" for _ in range(5)]
    start = time.perf_counter()
    for text in openings:
        report = build([RawParagraph(text=text), RawParagraph(text="一、主要举措和成效")], "web.txt", "txt")
        assert report.region is None or report.region.startswith("朝阳区")
    assert time.perf_counter() - start < 5.0
