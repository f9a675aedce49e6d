"""The README stays true: its rule list is `fzwriter rules`, and CI runs its test line."""

import re

from helpers import ROOT, run_cli


def test_readme_rule_list_matches_cli():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- rules:start -->\n```text\n(.*?)\n```\n<!-- rules:end -->", text, re.S)
    assert block, "README lacks the generated rule list"
    assert block.group(1).strip() == run_cli("rules").stdout.strip()


def test_ci_runs_readme_test_line():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    line = next(ln for ln in ci.splitlines() if "pytest" in ln)
    assert line in readme
