"""Every rule's YAML case file (tests/rules/CODE.yml): failing cases fire, passing cases stay silent.

A case may carry `previous:` (last year's report, as text; `previous_year:` overrides its year) for
the rules that compare with last year's report, and `severity:` for the level its findings carry.
A layout rule's case gives `docx:` instead of `text:`: a draft in GB/T 9704 layout changed as it
says (tests/docxfactory.layout_docx), and `template:` the same for a unit's template it is held to.
"""

import inspect
from pathlib import Path

import pytest
import yaml

from writer.engine import choose_rules, lint_report
from writer.reader import read_report
from writer.rules import RULES

CASES_DIR = Path(__file__).parent / "rules"


def _cases():
    for f in sorted(CASES_DIR.glob("*.yml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        for case in data["cases"]:
            yield pytest.param(data["rule"], case, id=f"{data['rule']}-{case['name']}")


@pytest.mark.parametrize("code,case", list(_cases()))
def test_rule_case(code, case, tmp_path):
    if "docx" in case:
        from docxfactory import layout_docx

        draft = layout_docx(tmp_path / "draft.docx", case["docx"])
    else:
        draft = tmp_path / "draft.txt"
        draft.write_text(case["text"], encoding="utf-8")
    report = read_report(draft, year=case.get("year"))
    if "template" in case:
        from docxfactory import layout_docx

        from writer.layout import use_template

        use_template(report, layout_docx(tmp_path / "template.docx", case["template"]))
    if "previous" in case:
        last = tmp_path / "last.txt"
        last.write_text(case["previous"], encoding="utf-8")
        report.previous = read_report(last, year=case.get("previous_year"))
    findings = lint_report(report, choose_rules([code]))
    if case["fail"]:
        assert findings, f"{code} should fire: {case.get('why', case['name'])}"
        if "message" in case:
            assert any(case["message"] in f.message for f in findings), [f.message for f in findings]
        if "section_id" in case:
            assert case["section_id"] in {f.section_id for f in findings}
        if "severity" in case:
            assert {f.severity for f in findings} == {case["severity"]}
        if "evidence" in case:
            assert case["evidence"] in {f.evidence for f in findings}, [f.evidence for f in findings]
        for f in findings:
            assert f.rule == code and f.message
            if f.location.paragraph:
                assert f.evidence in report.para(f.location.paragraph).text
    else:
        assert not findings, [f.message for f in findings]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_has_cases_and_docs(rule):
    f = CASES_DIR / f"{rule.code}.yml"
    assert f.exists(), f"{rule.code} has no case file"
    data = yaml.safe_load(f.read_text(encoding="utf-8"))
    assert data["rule"] == rule.code
    kinds = {c["fail"] for c in data["cases"]}
    assert kinds == {True, False}, "needs at least one failing and one passing case"
    doc = inspect.getmodule(rule).__doc__ or ""
    assert doc.startswith(f"{rule.code} {rule.name}")
    assert "Wrong" in doc and "Right" in doc
