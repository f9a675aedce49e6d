"""Accuracy may only get better: recall per rule may not fall and false alarms may not rise from the
figures recorded in benchmarks/accuracy_ratchet.json (update it with bench_accuracy.py --update-ratchet).
And every message that shows arithmetic is right: a writer who follows it computes the right number."""

import ast
import json
import re
import sys
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

import pytest
from helpers import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import bench_accuracy  # noqa: E402


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    data = bench_accuracy.main(["--json", str(tmp_path_factory.mktemp("acc") / "accuracy.json")])
    return data, list(bench_accuracy.FINDINGS)


def test_accuracy_does_not_regress(run):
    data, _ = run
    floor = json.loads(bench_accuracy.RATCHET.read_text(encoding="utf-8"))
    worse = bench_accuracy.regressions(floor, bench_accuracy.ratchet_figures(data))
    assert not worse, "accuracy fell below the recorded ratchet:\n" + "\n".join(worse)


# an equation in a message: numbers, + - ÷ and parentheses, then = and the printed result
_EQUATION = re.compile(r"(?P<lhs>[\d.,()%]+(?:\s*[+\-÷]\s*[\d.,()%]+)+)\s*=\s*(?P<rhs>-?[\d.,]+)(?P<unit>%|个百分点)?")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _value(node) -> float:
    """Evaluate + - / over numbers only (no eval of message text)."""
    if isinstance(node, ast.Expression):
        return _value(node.body)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_value(node.operand)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Div)):
        a, b = _value(node.left), _value(node.right)
        return a + b if isinstance(node.op, ast.Add) else a - b if isinstance(node.op, ast.Sub) else a / b
    raise ValueError(ast.dump(node))


def _rounded(x: float, places: int) -> Decimal:
    return Decimal(repr(round(x, 9))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def equations(message: str):
    """(left side as printed, computed value, printed value as Decimal, unit) for each equation."""
    for m in _EQUATION.finditer(message):
        lhs = m["lhs"]
        expr = lhs.replace(",", "").replace("%", "").replace("÷", "/")
        computed = _value(ast.parse(expr, mode="eval"))
        if m["unit"] == "%" and "÷" in lhs:
            computed *= 100
        printed = Decimal(m["rhs"].replace(",", ""))
        yield lhs, computed, printed, m["unit"]


def _numbers_of(text: str) -> set[float]:
    from writer.figures.numbers import cn_number

    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    out = set()
    for m in re.finditer(r"(\d+(?:\.\d+)?)(万)?", text):
        v = float(m[1])
        out.update({v, v * 10000} if m[2] else {v})
    for m in re.finditer(r"[零〇一二两三四五六七八九十百千万]+", text):
        v = cn_number(m[0])
        if v is not None:
            out.add(float(v))
    return out


def test_equations_are_read():
    """The reader of messages below is itself right (else the corpus test proves nothing)."""
    [(lhs, computed, printed, unit)] = list(equations(
        "案卷合格率95.6%与所列数字不符：按(优秀 + 合格) ÷ 评查计算，(150 + 142) ÷ 320 = 91.3%"))
    assert lhs == "(150 + 142) ÷ 320" and unit == "%" and _rounded(computed, 1) == printed
    [(_, computed, printed, unit)] = list(equations("变化2.1个百分点与所列数字不符：96.4 - 93.2 = 3.2个百分点。"))
    assert unit == "个百分点" and _rounded(computed, 1) == printed
    [(_, computed, printed, _)] = list(equations("20 ÷ (100 - 10) = 22.2%"))
    assert _rounded(computed, 1) == printed
    assert not list(equations("受理行政复议67件，审结63件。"))
    with pytest.raises(ValueError):
        _value(ast.parse("__import__('os')", mode="eval"))
    assert {150.0, 142.0, 320.0, 12000.0, 2000.0} <= _numbers_of("评查320卷，优秀150卷、合格１４２卷，1.2万件，两千件")


def test_every_message_arithmetic_recomputes(run):
    """Every equation a finding shows on the development corpora (set 2, the season set, the held-out
    reports and figure statements, issue-22 material, real texts) is right as printed, and every
    number it computes from is one the quoted text states."""
    _, findings = run
    wrong, unquoted, seen = [], [], 0
    for path, f in findings:
        for lhs, computed, printed, unit in equations(f.message):
            seen += 1
            places = max(-printed.as_tuple().exponent, 0)
            if _rounded(computed, places) != printed:
                wrong.append(f"{path}: {f.rule} {f.message}")
            stated = _numbers_of(f.evidence + f.message.split("：")[0])
            # a table's rate computed from other rows: the message must say the numbers are the table's
            from_table = "表中" in f.message.split("：")[0] or "表中" in f.message and "|" in f.evidence
            for num in _NUMBER.findall(lhs.replace(",", "")):
                if float(num) not in stated and not from_table:
                    unquoted.append(f"{path}: {f.rule} {num} not in «{f.evidence}»")
    assert seen >= 20, f"only {seen} equations in the corpus messages: the reader of messages is broken"
    assert not wrong, "messages whose arithmetic is wrong:\n" + "\n".join(wrong[:20])
    assert not unquoted, "messages computing from numbers the text does not state:\n" + "\n".join(unquoted[:20])
