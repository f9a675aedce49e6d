"""The dated facts by season: the scaffold right for every year, the knowledge horizon said once, the
dated facts listed with their sources, and no suggestion that is itself a wrong formulation."""

import copy
import datetime
import re

import pytest
from helpers import run_cli

from writer import checklists
from writer.compose import render
from writer.engine import choose_rules, lint_report
from writer.plan import guidance, plan
from writer.reader import read_report
from writer.wording import beyond_horizon

HORIZON = checklists.facts().checked.year
YEARS = list(range(2016, HORIZON + 1))


def _scaffold_report(tmp_path, region: str, year: int):
    """The scaffold's text (as `new` words it), read back as a draft of that year."""
    blocks = render(plan(region, year))
    draft = tmp_path / f"{year}.txt"
    draft.write_text("\n".join(b.text for b in blocks if b.text), encoding="utf-8")
    return read_report(draft, year=year), blocks


@pytest.mark.parametrize("year", YEARS + [HORIZON + 1, 2031])
def test_untouched_scaffold_of_every_year_lints_to_placeholders_only(tmp_path, year):
    report, _ = _scaffold_report(tmp_path, "秦州区", year)
    rules = {f.rule for f in lint_report(report, choose_rules())}
    assert rules <= {"WD04", "ST05"}, (year, rules)


def test_2026_opens_the_new_plans_and_cites_no_expired_one():
    g = guidance(2026)
    assert g.congress == "党的二十大和二十届历次全会"  # the 五中全会 is not confirmed: no list
    assert g.beginning == ["“十五五”规划", "“九五”普法规划"]
    assert g.outline is None and g.ending == [] and g.checked is None


def test_2026_scaffold_text(tmp_path):
    _, blocks = _scaffold_report(tmp_path, "秦州区", 2026)
    text = "\n".join(b.text for b in blocks)
    opening = next(b.text for b in blocks if b.text.startswith("2026年是"))
    assert opening.startswith("2026年是“十五五”规划和“九五”普法规划的开局之年。")
    assert "党的二十大和二十届历次全会精神" in opening
    assert "2021—2025" not in text and "八五" not in text and "十四五" not in text


def test_2025_scaffold_closes_the_plans(tmp_path):
    _, blocks = _scaffold_report(tmp_path, "秦州区", 2025)
    opening = next(b.text for b in blocks if b.text.startswith("2025年是"))
    assert opening.startswith("2025年是“十四五”规划、《法治政府建设实施纲要（2021—2025年）》和“八五”普法规划的收官之年")
    assert "党的二十大和二十届二中、三中、四中全会精神" in opening
    assert any(b.text.startswith("2026年是“十五五”规划的开局之年") for b in blocks)


@pytest.mark.parametrize("year", [HORIZON + 1, 2031])
def test_past_the_horizon_the_scaffold_names_no_congress_and_says_why(year):
    assert beyond_horizon(year)
    p = plan("秦州区", year)
    assert p.guidance.congress is None and p.guidance.checked
    notice = next(n for n in p.notices if "核对至" in n)
    assert f"{year}年度" in notice and "facts.yml" in notice
    blocks = render(p)
    opening = next(b.text for b in blocks if b.kind == "body")
    assert "深入学习贯彻【  】精神" in opening and "二十大" not in opening
    assert any(b.kind == "hint" and "核对至" in b.text for b in blocks)


def test_new_past_the_horizon_prints_the_notice(tmp_path):
    out = run_cli("new", "--region", "秦州区", "--year", str(HORIZON + 1), "-o", str(tmp_path / "a.docx"))
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("核对至") == 1 and "facts.yml" in out.stdout


def test_lint_says_the_horizon_once_per_run(tmp_path):
    text = ("秦州区人民政府关于{y}年法治政府建设情况的报告\n市委、市政府：\n{y}年，我区扎实推进法治政府建设。\n"
            "一、主要举措和成效\n全年审查规范性文件12件。\n")
    for name, y in (("a.txt", HORIZON + 1), ("b.txt", HORIZON + 1), ("c.txt", HORIZON)):
        (tmp_path / name).write_text(text.format(y=y), encoding="utf-8")
    late = run_cli("lint", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert late.stderr.count("核对至") == 1 and f"{HORIZON + 1}年度" in late.stderr
    assert "核对至" not in run_cli("lint", str(tmp_path / "c.txt")).stderr
    as_json = run_cli("lint", str(tmp_path / "a.txt"), "--format", "json")
    assert as_json.stdout.lstrip().startswith("{") and "核对至" in as_json.stderr


def _unwrapped(lines: list[str]) -> list[str]:
    """Lines wrapped for 80 columns joined again: a continuation starts two columns further in."""
    out: list[str] = []
    for line in lines:
        lead = len(line) - len(line.lstrip(" "))
        if out and lead == len(out[-1]) - len(out[-1].lstrip(" ")) + 2:
            gap = " " if out[-1][-1:].isascii() and line.strip()[:1].isascii() else ""
            out[-1] += gap + line.strip()
        else:
            out.append(line)
    return out


def test_rules_lists_the_dated_facts_with_window_and_source():
    out = run_cli("rules", "--facts")
    assert out.returncode == 0, out.stderr
    lines = _unwrapped(out.stdout.splitlines())
    checked = checklists.facts().checked
    assert f"核对至{checked.year}年{checked.month}月{checked.day}日" in lines[0]
    for fact in checklists.facts().facts:
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{fact.id}（{fact.kind}）"))
        assert "适用：" in lines[at] and lines[at + 1].strip() == f"来源：{fact.source}"
    fifth = next(line for line in lines if line.startswith("二十届五中全会"))
    assert "未确认" in fifth
    outline = next(line for line in lines if line.startswith("纲要2021"))
    assert "2021—2025年度" in outline and "现行依据" in outline
    assert "checklists export" in lines[-1]


def test_horizon_follows_the_facts_file(monkeypatch):
    data = copy.deepcopy(checklists.facts())
    data.checked = datetime.date(HORIZON + 1, 12, 1)
    monkeypatch.setattr(checklists, "facts", lambda: data)
    assert not beyond_horizon(HORIZON + 1) and guidance(HORIZON + 1).checked is None


# ---------------------------------------------------------------- suggestions are right themselves


def _suggested(suggestion: str) -> list[str]:
    """The words a suggestion tells the writer to put in: 改为“…”, 或写“…”."""
    out = []
    for lead in ("改为“", "或写“"):
        at = suggestion.find(lead)
        if at != -1:
            rest = suggestion[at + len(lead):]
            end = rest.rfind("”；") if "”；" in rest else rest.rfind("”")
            out.append(rest[:end])
    return out


def _examples():
    for fact in checklists.facts().facts:
        for ex in fact.examples:
            if ex.fire:
                yield pytest.param(fact.id, ex.year, ex.text, id=f"{fact.id}-{ex.year}")
    yield pytest.param("plenum-list", 2024, "全面贯彻党的二十大和二十届二中全会精神。", id="plenum-list-2024")
    yield pytest.param("plenum-list", 2026, "全面贯彻党的二十大和二十届二中、三中全会精神。", id="plenum-list-2026")


@pytest.mark.parametrize("fact_id, year, text", list(_examples()))
def test_no_suggestion_is_itself_wrong(tmp_path, fact_id, year, text):
    """What WD01 tells the writer to write, written into the sentence, is right for the same year: no
    WD01 (stale, anachronistic) or WD06 (a wrong standard formulation) finding on it."""
    draft = tmp_path / "d.txt"
    draft.write_text(text, encoding="utf-8")
    report = read_report(draft, year=year)
    findings = lint_report(report, choose_rules(["WD01"]))
    assert findings, text
    for f in findings:
        for words in _suggested(f.suggestion or ""):
            fixed = text.replace(f.evidence, words) if f.evidence in text else words
            draft.write_text(fixed, encoding="utf-8")
            again = lint_report(read_report(draft, year=year), choose_rules(["WD01", "WD06"]))
            assert not again, (words, [g.message for g in again])


def test_plenum_list_suggestion_names_the_whole_congress(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("全面贯彻党的二十大和二十届二中全会精神。", encoding="utf-8")
    (f,) = lint_report(read_report(draft, year=2024), choose_rules(["WD01"]))
    assert "党的二十大和二十届历次全会精神" in f.suggestion
    assert not re.search(r"[^届]历次全会", f.suggestion.replace("二十届历次", ""))


def test_no_formulation_suggestion_is_stale_now(tmp_path):
    """What WD06 tells the writer to write (each `right`, each goal's terms in order) is not itself
    stale or anachronistic in a report on the horizon's year."""
    data = checklists.formulations()
    texts = [f.right for f in data.formulations]
    texts += ["、".join(g.terms) for g in data.goals if g.until is None]
    draft = tmp_path / "d.txt"
    for text in texts:
        draft.write_text(text, encoding="utf-8")
        found = lint_report(read_report(draft, year=HORIZON), choose_rules(["WD01", "WD06"]))
        assert not found, (text, [f.message for f in found])
