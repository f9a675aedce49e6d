"""The figure analysis stays linear on text no report contains: 200,000-character paragraphs of
CJK without punctuation, of digits, of 、, of figures in one endless sentence (issue 15). A generous
bound catches a quadratic or backtracking blow-up (which took minutes), not ordinary speed."""

import time

import pytest

from writer.figures import analyse
from writer.reader.build import build
from writer.reader.raw import RawParagraph

CASES = {
    "cjk": "法治政府建设" * 33000,
    "digits": "1" * 200000,
    "dunhao": "、" * 200000,
    "spaces": " " * 200000,
    "chinese_numerals": "一二三" * 60000,
    "figures_in_one_sentence": "受理65件、" * 25000,
    "many_sentences": "受理行政复议案件65件，其中维持3件。" * 6000,
    "table_rows": "\n".join(["|受理|5|"] * 10000),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_long_paragraphs_are_analysed_in_linear_time(name):
    report = build([RawParagraph(text=t) for t in CASES[name].split("\n")], "long.txt", "txt")
    start = time.perf_counter()
    analyse(report)
    assert time.perf_counter() - start < 20, name
