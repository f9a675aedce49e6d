"""A pattern in a user's checklists cannot stall lint (issue 24, point 2): a catastrophic pattern is
refused when the file loads and by `rules --check`; one that passes and still runs away is stopped by
the per-file CPU budget, which names it and stops the batch."""

import hashlib
import shutil

import pytest
from helpers import SEEDS, run_cli

from writer import checklists
from writer.patterns import risk


@pytest.mark.parametrize("pattern", [
    r"(法+)+治理", r"(\s*\w+)+$", r"(\d{1,3})+件", r"(a|a)+b", r"(法|法治|治)+理", r"(a|ab|b)+c",
    r"((ab)*)+c", r"(?:a*b*)*c", r"(?:\w+\s?)+$", r"(?:(?:a|b)+c?)+", r"(?:[^，]*法)+x",
])
def test_catastrophic_shapes_are_named(pattern):
    assert risk(pattern) is not None


@pytest.mark.parametrize("pattern", [
    r"法+治理", r"(\d{1,3},)+\d", r"(打印|关闭)+", r"(?:\d+\.)+\d+", r"(aa)+b", r"(ab|cd)+", r"(\d|[0-9])+x",
    r"(?:[^，]+，)+", r"第[一二三四五六七八九十]+[章节条]", r"^【?(打印|关闭)】?(\s*【?(打印|关闭|本页|窗口)】?)*$",
])
def test_ordinary_shapes_pass(pattern):
    assert risk(pattern) is None


def test_every_bundled_pattern_passes():
    """The bundled checklists are validated with the check (python -m writer.checklists): a user's
    unchanged export loads."""
    from writer.resources import data_dir

    for name in checklists.FILES:
        path = data_dir("checklists") / name
        checklists.validate(path, path.read_bytes(), checklists.schema_of(name))


def digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def project(tmp_path):
    r = run_cli("checklists", "export", "清单", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    (tmp_path / "fzwriter.toml").write_text('checklists = "清单"\n', encoding="utf-8")
    drafts = tmp_path / "稿"
    drafts.mkdir()
    for i, s in enumerate(sorted(SEEDS.glob("*.txt")) * 2):
        shutil.copy(s, drafts / f"{i}_{s.name}")
    return tmp_path


def add_placeholder(project, pattern: str) -> None:
    path = project / "清单" / "wording.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("placeholders:\n", f"placeholders:\n  - pattern: {pattern}\n    why: 自定义\n", 1),
                    encoding="utf-8")


def test_a_nested_quantifier_is_refused_at_load_and_by_rules_check(project):
    add_placeholder(project, "(法+)+治理")
    before = digests(project)
    check = run_cli("rules", "--check", cwd=project, timeout=60)
    assert check.returncode == 2
    assert "清单/wording.yml" in check.stderr and "第7行" in check.stderr and "placeholders.0.pattern" in check.stderr
    assert "(法+)+" in check.stderr and "停不下来" in check.stderr
    lint = run_cli("lint", "稿", cwd=project, timeout=60)
    assert lint.returncode == 2 and "清单/wording.yml" in lint.stderr and "停不下来" in lint.stderr
    assert "Traceback" not in lint.stderr + check.stderr
    assert digests(project) == before


def test_a_runaway_pattern_that_passes_is_stopped_and_named_and_stops_the_batch(project):
    # polynomial, not exponential: four unbounded runs over the same characters, O(n⁴) to fail; no
    # literal it needs (甲乙丙 would be looked for first and, absent, the pattern never run)
    add_placeholder(project, r"\S*\S*\S*\S*[丙-丙][乙-乙][甲-甲]")
    with open(project / "fzwriter.toml", "a", encoding="utf-8") as fh:
        fh.write("[limits]\nmax_seconds = 2\n")
    before = digests(project)
    r = run_cli("lint", "稿", "-j", "2", cwd=project, timeout=120)
    assert r.returncode == 2, r.stderr
    assert "placeholders[0].pattern" in r.stderr and r"\S*\S*\S*\S*[丙-丙][乙-乙][甲-甲]" in r.stderr and "停止" in r.stderr
    assert "Traceback" not in r.stderr
    assert digests(project) == before


def test_a_draft_over_its_budget_without_user_checklists_is_that_drafts_error(tmp_path, monkeypatch):
    from writer.engine import choose_rules, lint_paths
    from writer.reader import limits
    from writer.rules import BY_CODE

    original = BY_CODE["ST06"].check

    def check(self, report):
        if "002_" in report.path:
            while True:
                pass
        return original(self, report)

    monkeypatch.setattr(BY_CODE["ST06"], "check", check)
    limits.use(limits.Limits(max_seconds=1))
    try:
        results = lint_paths([str(s) for s in sorted(SEEDS.glob("*.txt"))], choose_rules(), jobs=1)
    finally:
        limits.use(None)
    bad = [r for r in results if r.error]
    assert len(bad) == 1 and "002_" in bad[0].path and "1 秒" in bad[0].error and "max_seconds" in bad[0].error
    assert all(r.findings for r in results if not r.error)
