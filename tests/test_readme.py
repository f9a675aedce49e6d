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


def test_readme_shows_every_command():
    from writer.cli import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for cmd in app.registered_commands:
        name = cmd.name or cmd.callback.__name__
        assert f"### `fzwriter {name}`" in readme and f"\nfzwriter {name} " in readme, name
    assert "](examples/秦州区2025-第1页.png)" in readme and (ROOT / "examples" / "秦州区2025-第1页.png").is_file()
