"""Accuracy may only get better: recall per rule may not fall and false alarms may not rise from the
figures recorded in benchmarks/accuracy_ratchet.json (update it with bench_accuracy.py --update-ratchet)."""

import json
import sys

from helpers import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import bench_accuracy  # noqa: E402


def test_accuracy_does_not_regress(tmp_path, capsys):
    data = bench_accuracy.main(["--json", str(tmp_path / "accuracy.json")])
    floor = json.loads(bench_accuracy.RATCHET.read_text(encoding="utf-8"))
    worse = bench_accuracy.regressions(floor, bench_accuracy.ratchet_figures(data))
    assert not worse, "accuracy fell below the recorded ratchet:\n" + "\n".join(worse)
