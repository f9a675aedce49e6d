"""One county, one set of figures: a batch of one county's reports is checked as one (FG04 across
reports), on the five reports of tests/corpus/county (two planted conflicts, three differences of scope)."""

from __future__ import annotations

import json
import shutil

from commentsxml import read_comments
from docxfactory import report_to_docx
from helpers import ROOT, run_cli

from writer.county import statements
from writer.engine import choose_rules, lint_paths
from writer.reader import read_report

COUNTY = ROOT / "tests" / "corpus" / "county"
MARK = "在同批报告中不一致"


def _cross(result) -> list:
    return [f for f in result.findings if f.rule == "FG04" and MARK in f.message]


def test_a_batch_of_one_countys_reports_gives_exactly_the_two_conflicts():
    files = [str(p) for p in sorted(COUNTY.glob("*.txt"))]
    results = {r.path.rsplit("/", 1)[-1]: r for r in lint_paths(files, choose_rules())}
    found = {name: sorted(f.message.split("“")[1].split("”")[0] for f in _cross(r)) for name, r in results.items()}
    assert found == {"01_县政府.txt": ["受理行政复议案件", "法律援助案件"],
                     "02_司法局.txt": ["受理行政复议案件", "法律援助案件"],
                     "03_市场监管局.txt": [], "04_夹浦镇.txt": [], "05_雉城街道.txt": []}
    county, bureau = results["01_县政府.txt"], results["02_司法局.txt"]
    # each names the other file and both values; its evidence is its own sentence
    for mine, other in ((county, bureau), (bureau, county)):
        for f in _cross(mine):
            assert other.path in f.message and f.evidence in read_report(mine.path).para(f.location.paragraph).text
    accepted = next(f for f in _cross(county) if "受理行政复议" in f.message)
    assert "本报告为81件" in accepted.message and "为79件" in accepted.message
    aid = next(f for f in _cross(bureau) if "法律援助" in f.message)
    assert "本报告为421件" in aid.message and "为412件" in aid.message
    # nothing else is inconsistent in these reports
    assert all(f.rule == "FG04" and MARK in f.message for r in results.values() for f in r.findings)


def test_each_report_alone_is_clean():
    for path in sorted(COUNTY.glob("*.txt")):
        [result] = lint_paths([str(path)], choose_rules())
        assert not result.findings, (path.name, [f.message for f in result.findings])


def test_differences_of_scope_are_not_the_countys_figures():
    bureau = {s.text for s in statements(read_report(COUNTY / "02_司法局.txt"))}
    assert "45件" not in bureau  # 全县法院新收……: the courts' cases
    assert "79件" in bureau and "421件" in bureau
    assert not statements(read_report(COUNTY / "03_市场监管局.txt"))  # 全县市场监管系统: one department's
    [town] = statements(read_report(COUNTY / "04_夹浦镇.txt"))
    assert town.whole == "全镇" and town.text == "236件"  # the town's whole: another area


def test_where_a_unit_worked_and_a_government_level_are_not_the_whole(tmp_path):
    text = (COUNTY / "02_司法局.txt").read_text(encoding="utf-8")
    text = text.replace("全县办理法律援助案件421件", "在全县办理法律援助案件421件").replace(
        "全县共收到行政复议申请92件，受理79件", "全县县政府本级收到行政复议申请92件，受理79件")
    (tmp_path / "02.txt").write_text(text, encoding="utf-8")
    assert not statements(read_report(tmp_path / "02.txt"))  # 公证 in the same sentence went with it
    shutil.copy(COUNTY / "01_县政府.txt", tmp_path / "01.txt")
    assert not any(_cross(r) for r in lint_paths([str(tmp_path)], choose_rules()))


def test_two_files_of_one_unit_are_not_two_reports(tmp_path):
    shutil.copy(COUNTY / "02_司法局.txt", tmp_path / "初稿.txt")
    revised = (COUNTY / "02_司法局.txt").read_text(encoding="utf-8").replace("受理79件", "受理81件")
    (tmp_path / "修改稿.txt").write_text(revised, encoding="utf-8")
    assert not any(_cross(r) for r in lint_paths([str(tmp_path)], choose_rules()))


def test_cli_batch_json_comments_and_ignore(tmp_path):
    drafts = tmp_path / "各单位报告"
    drafts.mkdir()
    for p in COUNTY.glob("*.txt"):
        shutil.copy(p, drafts / p.name)
    # one of them as Word: the comparison reads .docx like .txt
    report_to_docx((COUNTY / "02_司法局.txt").read_text(encoding="utf-8"), drafts / "02_司法局.docx")
    (drafts / "02_司法局.txt").unlink()
    res = run_cli("lint", str(drafts), "--format", "json", "--annotate", str(tmp_path / "批注稿"))
    assert res.returncode == 0, res.stderr  # warnings only
    data = json.loads(res.stdout)
    cross = {f["path"].rsplit("/", 1)[-1]: [x for x in f["findings"] if MARK in x["message"]] for f in data["files"]}
    assert len(cross["01_县政府.txt"]) == len(cross["02_司法局.docx"]) == 2
    comments = [c for c in read_comments(tmp_path / "批注稿" / "02_司法局.审阅.docx").values() if MARK in c["text"]]
    # the comments sit on the figures, not the whole sentence
    assert sorted(c["anchored"] for c in comments) == ["全县办理法律援助案件421件", "受理79件"]
    ignored = run_cli("lint", str(drafts), "--format", "json", "--ignore", "FG04")
    assert MARK not in ignored.stdout
