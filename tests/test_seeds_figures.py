"""Figures on the five published reports: the one real error is found, consistent figures stay silent."""

import json

from helpers import SEEDS, run_cli, seed

from writer.figures import analyse
from writer.reader import read_report


def test_only_the_seed_004_correction_rate_is_reported():
    res = run_cli("lint", str(SEEDS), "--format", "json", "--select", "FG")
    data = json.loads(res.stdout)
    found = [(f["path"].rsplit("/", 1)[-1][:3], fd) for f in data["files"] for fd in f["findings"]]
    allowed_optional = {"000"}  # 精简比例达73% (36→10 teams is 72.2%) may be reported
    required = [fd for prefix, fd in found if prefix == "004"]
    assert len(required) == 1
    fd = required[0]
    assert fd["rule"] == "FG02" and "6 ÷ 65 = 9.2%" in fd["message"] and "13%" in fd["message"]
    assert "纠错率13%" in fd["evidence"]
    others = [(p, fd) for p, fd in found if p != "004"]
    assert all(p in allowed_optional and "73%" in fd["evidence"] for p, fd in others), others
    cov = data["summary"]["figures"]
    assert cov["extracted"] > 200 and cov["checkable"] >= 10 and cov["inconsistent"] == len(found)


def test_consistent_seed_relations_are_checked_not_skipped():
    """These relations must be understood (checked and found consistent), not merely ignored."""
    expect = {"000": ["1132", "1252"], "002": ["1607", "1631"], "003": ["7499", "7623"]}
    for prefix, numbers in expect.items():
        checks = analyse(read_report(seed(prefix))).checks
        hit = [c for c in checks if c.kind == "rate" and all(
            any(f.text.startswith(n) for f in c.figures) for n in numbers)]
        assert hit and all(c.ok for c in hit), prefix


def test_coverage_line_in_text_output():
    res = run_cli("lint", str(seed("004")))
    assert "数字核对：提取" in res.stdout and "发现1处不一致" in res.stdout
    assert res.stdout.rstrip().endswith("处不一致。")
