"""The second round (`lint --last-round`): a revised copy of a corpus report against the first round's
commented copy or JSON gives the right fixed / remaining / not checkable / new lists."""

from __future__ import annotations

import json
import re
import shutil
import zipfile

import pytest
from docxfactory import report_to_docx
from helpers import ROOT, run_cli

# the drafts here are built without GB/T 9704 layout: the rounds are about content, not layout
CONTENT = ("--ignore", "FM")

SOURCE = ROOT / "tests" / "corpus" / "dev" / "reports" / "d10_guan_2024.txt"

# round 1: four planted problems in a clean corpus report (which also puts S3 first: ST03, a note)
FIRST = [("化解3,812件，化解率98.4%", "化解3,812件，化解率96.4%"),  # FG02
         ("全年化解信访积案23件", "全年化解信访积案XX件"),  # WD04
         ("较上年的131件增长13.0%", "较上年的131件增长15.0%"),  # FG05
         ("全面贯彻党的二十大和二十届二中、三中全会精神", "全面贯彻党的十九大和十九届历次全会精神")]  # WD01
# the revision: FG02 and WD01 put right, WD04 left (its sentence edited), FG05's clause deleted, a new WD04
REVISION = [("化解率96.4%", "化解率98.4%"),
            ("全年化解信访积案XX件", "全年共化解信访积案XX件"),
            ("全县一审行政诉讼案件148件，较上年的131件增长15.0%，", "全县一审行政诉讼案件148件，"),
            ("全面贯彻党的十九大和十九届历次全会精神", "全面贯彻党的二十大和二十届二中、三中全会精神"),
            ("组织领导干部旁听庭审活动3次", "组织领导干部旁听庭审活动X次")]


def _edit(text: str, edits) -> str:
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


@pytest.fixture(scope="module")
def rounds(tmp_path_factory):
    """Round 1 (a .docx, its commented copy and its JSON) and the revised draft (another name)."""
    d = tmp_path_factory.mktemp("rounds")
    first = _edit(SOURCE.read_text(encoding="utf-8"), FIRST)
    (d / "报送").mkdir()
    draft = report_to_docx(first, d / "报送" / "固安县2024年报告.docx")
    one = run_cli("lint", *CONTENT, str(draft), "--annotate", str(d / "批注稿"), "--format", "json")
    assert one.returncode == 1, one.stderr
    (d / "第一轮.json").write_text(one.stdout, encoding="utf-8")
    assert sorted(f["rule"] for f in json.loads(one.stdout)["files"][0]["findings"]) == [
        "FG02", "FG05", "ST03", "WD01", "WD04"]
    revised = report_to_docx(_edit(first, REVISION), d / "固安县2024年报告（修改稿）.docx")
    return d, revised


def _second(revised, last_round, *more):
    res = run_cli("lint", *CONTENT, str(revised), "--last-round", str(last_round), "--format", "json", *more)
    assert res.returncode in (0, 1), res.stderr
    data = json.loads(res.stdout)
    return data, data["files"][0]


def _lists(entry):
    rd = entry["last_round"]
    return ({k: sorted(x["rule"] for x in rd[k]) for k in ("fixed", "remaining", "unverifiable")},
            [entry["findings"][i]["rule"] + ":" + entry["findings"][i]["evidence"] for i in rd["new"]])


@pytest.mark.parametrize("source", ["copy", "folder", "json"])
def test_second_round_lists(rounds, source):
    d, revised = rounds
    last = {"copy": d / "批注稿" / "固安县2024年报告.审阅.docx", "folder": d / "批注稿", "json": d / "第一轮.json"}[source]
    data, entry = _second(revised, last)
    lists, new = _lists(entry)
    assert lists == {"fixed": ["FG02", "WD01"], "remaining": ["ST03", "WD04"], "unverifiable": ["FG05"]}
    assert new == ["WD04:X"]
    rd = entry["last_round"]
    assert "原句已改写或删除" in rd["unverifiable"][0]["why"]
    # a remaining one points at this round's finding, which still holds the placeholder
    kept = next(x for x in rd["remaining"] if x["rule"] == "WD04")
    assert entry["findings"][kept["finding"]]["evidence"] == "XX"
    assert data["summary"]["last_round"] == {"fixed": 2, "remaining": 2, "unverifiable": 1, "new": 1}
    # the existing contract is untouched
    assert set(entry) >= {"path", "report", "error", "findings"} and data["version"] == 1


def test_text_output_says_each_outcome(rounds):
    d, revised = rounds
    res = run_cli("lint", *CONTENT, str(revised), "--last-round", str(d / "批注稿"))
    out = res.stdout
    assert "对比：已改正 2 处，仍存在 2 处，无法核对 1 处；新发现 1 处" in out
    assert re.search(r"已改正  FG02 化解率96\.4%", out) and re.search(r"无法核对  FG05 ", out)
    assert "（新发现）" in out and "（上一轮已指出，仍存在）" in out


def test_a_comment_the_reviewer_deleted_is_not_carried_over(rounds, tmp_path):
    d, revised = rounds
    copy = d / "批注稿" / "固安县2024年报告.审阅.docx"
    edited = tmp_path / "固安县2024年报告.审阅.docx"
    with zipfile.ZipFile(copy) as zin, zipfile.ZipFile(edited, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/comments.xml":  # the reviewer removed the WD01 comment in Word
                data = re.sub(rb"<w:comment [^>]*>(?:(?!</w:comment>).)*WD01(?:(?!</w:comment>).)*</w:comment>",
                              b"", data, flags=re.S)
            zout.writestr(item, data)
    _, entry = _second(revised, edited)
    lists, _ = _lists(entry)
    assert lists["fixed"] == ["FG02"]


def test_rules_not_run_this_round_are_not_checkable(rounds):
    d, revised = rounds
    _, entry = _second(revised, d / "第一轮.json", "--select", "WD,ST")
    lists, _ = _lists(entry)
    assert lists == {"fixed": ["WD01"], "remaining": ["ST03", "WD04"], "unverifiable": ["FG02", "FG05"]}
    assert all("未运行" in x["why"] for x in entry["last_round"]["unverifiable"])


def test_workbook_has_the_first_rounds_findings(rounds, tmp_path):
    from openpyxl import load_workbook

    d, revised = rounds
    out = tmp_path / "汇总.xlsx"
    res = run_cli("lint", *CONTENT, str(revised), "--last-round", str(d / "第一轮.json"), "--summary", str(out))
    assert res.returncode == 1, res.stderr
    wb = load_workbook(out)
    head, row = list(wb["汇总"].iter_rows(values_only=True))
    assert dict(zip(head, row))["上轮已改正"] == 2 and dict(zip(head, row))["新发现"] == 1
    issues = list(wb["问题清单"].iter_rows(values_only=True))
    assert issues[0][-1] == "本轮" and sorted(r[-1] for r in issues[1:]) == ["上一轮已指出", "上一轮已指出", "新发现"]
    earlier = list(wb["上一轮问题"].iter_rows(values_only=True))
    assert sorted(r[5] for r in earlier[1:]) == ["仍存在", "仍存在", "已改正", "已改正", "无法核对"]


def test_a_batch_pairs_reports_by_name_unit_and_year(rounds, tmp_path):
    d, revised = rounds
    folder = tmp_path / "第二轮"
    folder.mkdir()
    shutil.copy(revised, folder / revised.name)
    shutil.copy(ROOT / "tests" / "corpus" / "county" / "01_县政府.txt", folder / "长兴县.txt")
    res = run_cli("lint", *CONTENT, str(folder), "--last-round", str(d / "批注稿"), "--format", "json")
    data = json.loads(res.stdout)
    by_name = {f["path"].rsplit("/", 1)[-1]: f for f in data["files"]}
    assert "last_round" in by_name[revised.name] and "last_round" not in by_name["长兴县.txt"]
    assert "长兴县.txt：上一轮结果中没有这份报告" in res.stderr


def test_what_is_not_a_first_round_is_refused(tmp_path):
    draft = tmp_path / "draft.txt"
    shutil.copy(SOURCE, draft)
    bad = tmp_path / "结果.json"
    bad.write_text("{\"not\": 1}", encoding="utf-8")
    plain = report_to_docx(SOURCE.read_text(encoding="utf-8"), tmp_path / "草稿.docx")
    for last, words in ((bad, "不是 fzwriter lint --format json 的输出"), (tmp_path / "无.json", "文件不存在"),
                        (tmp_path, "没有 fzwriter 的批注稿"), (plain, "不是上一轮的批注稿")):
        res = run_cli("lint", *CONTENT, str(draft), "--last-round", str(last))
        assert res.returncode == 2 and words in res.stderr and "Traceback" not in res.stderr


def test_a_county_batch_second_round(tmp_path):
    """The batch comparison's findings go through the rounds like any other: the 司法局 corrects its
    受理 figure in place (fixed in both reports), leaves 法律援助 (still there in both)."""
    county = ROOT / "tests" / "corpus" / "county"
    first = tmp_path / "各单位报告"
    first.mkdir()
    for p in county.glob("*.txt"):
        shutil.copy(p, first / p.name)
    run_cli("lint", *CONTENT, str(first), "--annotate", str(tmp_path / "批注稿"))
    second = tmp_path / "修改稿"
    shutil.copytree(first, second)
    bureau = second / "02_司法局.txt"
    (second / "02_司法局（修改稿）.txt").write_text(
        bureau.read_text(encoding="utf-8").replace("受理79件", "受理81件"), encoding="utf-8")
    bureau.unlink()
    res = run_cli("lint", *CONTENT, str(second), "--last-round", str(tmp_path / "批注稿"), "--format", "json")
    by_name = {f["path"].rsplit("/", 1)[-1]: f for f in json.loads(res.stdout)["files"]}
    for name in ("01_县政府.txt", "02_司法局（修改稿）.txt"):
        rd = by_name[name]["last_round"]
        assert ["受理行政复议案件" in x["message"] for x in rd["fixed"]] == [True], name
        assert ["法律援助案件" in x["message"] for x in rd["remaining"]] == [True], name
        assert rd["unverifiable"] == [] and rd["new"] == []
    # the 司法局's revision sent back alone: the county's report is not in this round, so neither
    # comparison can be made again — not checkable, naming the missing report, never "fixed"
    alone = tmp_path / "只收到司法局修改稿"
    alone.mkdir()
    shutil.copy(second / "02_司法局（修改稿）.txt", alone)
    res = run_cli("lint", *CONTENT, str(alone), "--last-round", str(tmp_path / "批注稿"), "--format", "json")
    rd = json.loads(res.stdout)["files"][0]["last_round"]
    assert rd["fixed"] == [] and rd["remaining"] == [] and len(rd["unverifiable"]) == 2, rd
    assert all("本轮没有同批的长兴县的报告" in x["why"] for x in rd["unverifiable"]), rd["unverifiable"]
