"""The five published reports: parts found as the issue's table says (heading / inline / absent)."""

import json

import pytest
from docxfactory import report_to_docx
from helpers import SEEDS, run_cli, seed

from writer.reader import read_report
from writer.structure import analyse

# heading = own heading; inline = run-in or unheaded; "inline|absent" = inline at most
TABLE = {
    "000": {"S1": "heading", "S2": "heading", "S3": "inline|absent", "S4": "heading"},
    "001": {"S1": "heading", "S2": "heading", "S3": "heading", "S4": "heading"},
    "002": {"S1": "heading", "S2": "inline", "S3": "inline", "S4": "inline"},
    "003": {"S1": "heading", "S2": "heading", "S3": "inline", "S4": "heading"},
    "004": {"S1": "heading", "S2": "heading", "S3": "inline", "S4": "heading"},
}
# 002 lists its shortcomings after 主要是 (……差距不足,主要是个别干部……): shortcomings, not causes
NO_CAUSES = {"000", "002", "003", "004"}


def form(part):
    return "inline" if part.form in ("runin", "inline") else part.form


@pytest.mark.parametrize("prefix", sorted(TABLE))
def test_seed_parts(prefix):
    st = analyse(read_report(seed(prefix)))
    for pid, want in TABLE[prefix].items():
        assert form(st.parts[pid]) in want.split("|"), (prefix, pid, st.parts[pid].form)
    if prefix in NO_CAUSES:
        assert st.parts["S2"].causes is None


def test_seed_002_details():
    st = analyse(read_report(seed("002")))
    assert len(st.parts["S1"].headings) == 5  # themes 一–五
    assert st.parts["S3"].form == "runin"
    assert len(st.parts["S4"].headings) == 5  # (一)–(五) after the unheaded lead


def test_seed_000_s3_mention_is_an_inspection():
    st = analyse(read_report(seed("000")))
    assert st.parts["S3"].form == "absent"
    assert st.parts["S3"].near is not None and "督查" in st.parts["S3"].near[3]


def test_lint_seeds_findings_match_table():
    res = run_cli("lint", str(SEEDS), "--format", "json", "--select", "ST")
    assert res.returncode == 1, res.stderr
    data = json.loads(res.stdout)
    found = {f["path"].rsplit("/", 1)[-1][:3]: f["findings"] for f in data["files"]}
    assert set(found) == set(TABLE)
    for prefix, want in TABLE.items():
        by_part = {}
        for f in found[prefix]:
            if f["section_id"]:
                by_part.setdefault(f["section_id"], set()).add(f["rule"])
        for pid, expected in want.items():
            rules = by_part.get(pid, set())
            if expected == "heading":
                assert not {"ST01", "ST02"} & rules, (prefix, pid, rules)
            elif expected == "inline":
                assert "ST02" in rules and "ST01" not in rules, (prefix, pid, rules)
        assert ("ST05" in by_part.get("S2", set())) == (prefix in NO_CAUSES or prefix == "001")


def test_seed_as_docx_reads_like_text(tmp_path):
    """The same report as .docx gives the same parts as the plain text."""
    src = seed("004")
    docx = report_to_docx(src.read_text(encoding="utf-8"), tmp_path / "004.docx")
    a, b = analyse(read_report(src)), analyse(read_report(docx))
    assert {k: v.form for k, v in a.parts.items()} == {k: v.form for k, v in b.parts.items()}
