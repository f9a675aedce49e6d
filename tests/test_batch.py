"""Batches: parallel checking in stable order, the summary table (text, .xlsx, .csv), unreadable and
non-report files in a folder, and pairing each report with last year's (--previous, --previous-dir)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys

import pytest
from docxfactory import report_to_docx
from helpers import SEEDS, run_cli, seed

from writer.engine import choose_rules, lint_paths, output_names, targets
from writer.output import to_text
from writer.previous import same_unit

NOTE = "说明：本文件夹为各单位报送的2024年度法治政府建设情况报告，请于3月1日前审核完毕。\n"


@pytest.fixture
def folder(tmp_path):
    """The five seeds, a .doc, a .pdf, a damaged .docx and a notes file."""
    d = tmp_path / "reports"
    d.mkdir()
    for s in SEEDS.glob("*.txt"):
        shutil.copy(s, d / s.name)
    (d / "旧稿.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (d / "扫描件.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\n")
    (d / "损坏.docx").write_bytes(b"PK\x03\x04 broken")
    (d / "说明.md").write_text(NOTE, encoding="utf-8")
    return d


def test_summary_xlsx_one_row_per_file_worst_first(folder, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "汇总.xlsx"
    res = run_cli("lint", str(folder), "--summary", str(out), "--format", "json")
    assert res.returncode == 2  # unreadable files in the batch
    data = json.loads(res.stdout)
    wb = load_workbook(out)
    ws = wb["汇总"]
    rows = list(ws.iter_rows(values_only=True))
    head, body = rows[0], rows[1:]
    assert head[:4] == ("文件", "单位", "年度", "结论")
    assert len(body) == len(data["files"]) == 9
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    by_name = {r[0].rsplit("/", 1)[-1]: dict(zip(head, r)) for r in body}
    # a .doc LibreOffice cannot open (or that needs it where it is missing), a broken PDF, a broken .docx
    for name, why in (("旧稿.doc", "LibreOffice"), ("扫描件.pdf", "PDF"), ("损坏.docx", "zip")):
        assert by_name[name]["结论"] == "无法读取" and why in by_name[name]["无法读取的原因"]
        assert name in res.stderr
    assert by_name["说明.md"]["结论"] == "已跳过" and "不像年度报告" in by_name["说明.md"]["无法读取的原因"]
    seed0 = by_name[seed("000").name]
    assert seed0["结论"] == "退回修改" and seed0["错误"] >= 1 and "S3" in seed0["缺少的部分"]
    assert seed0["单位"] == "大丰区" and seed0["年度"] == 2021
    order = ["无法读取", "退回修改", "建议修改", "通过", "已跳过"]
    ranks = [order.index(r[3]) for r in body]
    assert ranks == sorted(ranks)
    findings = list(wb["问题清单"].iter_rows(values_only=True))
    assert findings[0][:4] == ("文件", "单位", "段落", "规则")
    assert {r[1] for r in findings[1:] if r[0].endswith(seed("000").name)} == {"大丰区"}
    assert by_name["说明.md"]["年度"] is None and by_name["说明.md"]["单位"] is None  # not a report: no year
    assert len(findings) - 1 == sum(len(f["findings"]) for f in data["files"])
    # the notes file is listed, not linted
    notes = next(f for f in data["files"] if f["path"].endswith("说明.md"))
    assert notes["skipped"] == "不像年度报告，已跳过" and notes["findings"] == [] and notes["error"] is None


def test_summary_csv_has_bom_and_no_overwrite(folder, tmp_path):
    out = tmp_path / "汇总.csv"
    res = run_cli("lint", str(folder), "--summary", str(out))
    assert "汇总表已保存" in res.stdout
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0] == "文件" and len(rows) == 10
    again = run_cli("lint", str(folder), "--summary", str(out))
    assert again.returncode == 2 and "--force" in again.stderr
    bad = run_cli("lint", str(folder), "--summary", str(tmp_path / "汇总.txt"))
    assert bad.returncode == 2 and ".xlsx" in bad.stderr
    # a file named on the command line is never the summary, even with --force
    named = tmp_path / "名单.csv"
    named.write_text("keep", encoding="utf-8")
    own = run_cli("lint", str(named), "--summary", str(named), "--force")
    assert own.returncode == 2 and "输入文件本身" in own.stderr and named.read_text(encoding="utf-8") == "keep"


def test_text_output_has_the_summary_table_and_no_markup(folder):
    res = run_cli("lint", str(folder))
    assert "汇总（按问题从重到轻）" in res.stdout and "\x1b[" not in res.stdout
    table = res.stdout.split("汇总（按问题从重到轻）", 1)[1]
    assert table.index("旧稿.doc") < table.index(seed("000").name) < table.index("说明.md")
    assert "1 个文件不像年度报告，已跳过" in res.stdout


def test_colour_only_when_asked(tmp_path):
    results = lint_paths([str(seed("000"))], choose_rules())
    plain, coloured = io.StringIO(), io.StringIO()
    to_text(results, plain)
    to_text(results, coloured, color=True)
    assert "\x1b[" not in plain.getvalue() and "\x1b[1;31m" in coloured.getvalue()
    assert plain.getvalue() == __import__("re").sub(r"\x1b\[[0-9;]*m", "", coloured.getvalue())


def test_a_named_short_file_is_still_checked(tmp_path):
    note = tmp_path / "说明.md"
    note.write_text(NOTE, encoding="utf-8")
    [result] = lint_paths([str(note)], choose_rules())
    assert result.skipped is None and result.findings


def test_parallel_results_equal_serial_in_input_order(tmp_path):
    paths = [str(s) for s in sorted(SEEDS.glob("*.txt"))]
    docx = report_to_docx(seed("002").read_text(encoding="utf-8"), tmp_path / "002.docx")
    paths.insert(2, str(docx))
    # other regions' names left in: WD03 findings come back from the workers like any other
    for s in ("000", "004"):
        text = seed(s).read_text(encoding="utf-8").replace("法治政府建设", "法治政府建设，秦州区委、区政府高度重视", 1)
        (tmp_path / f"left_{s}.txt").write_text(text, encoding="utf-8")
        paths.insert(1, str(tmp_path / f"left_{s}.txt"))
    rules = choose_rules()
    one = lint_paths(paths, rules, jobs=1)
    two = lint_paths(paths, rules, jobs=2)
    assert [r.path for r in two] == paths
    assert [[f.as_dict() for f in r.findings] for r in one] == [[f.as_dict() for f in r.findings] for r in two]
    assert [r.figures for r in one] == [r.figures for r in two]
    assert all(r.report is not None and r.report.paragraphs == [] for r in two)  # slim: metadata only
    assert sum(1 for r in two for f in r.findings if f.rule == "WD03" and "秦州区" in f.message) == 2
    # a file checked by a worker is commented with all its findings
    from commentsxml import read_comments

    annotated = lint_paths(paths, rules, jobs=2, annotate=tmp_path / "out")
    for r in annotated:
        assert len(read_comments(r.annotated)) == len(r.findings)


def test_one_files_crash_is_that_files_error(tmp_path, monkeypatch):
    from writer.rules import BY_CODE

    original = BY_CODE["ST06"].check

    def check(self, report):
        if "002_" in report.path:
            raise RuntimeError("boom")
        return original(self, report)

    monkeypatch.setattr(BY_CODE["ST06"], "check", check)  # inherited by the forked workers
    paths = [str(s) for s in sorted(SEEDS.glob("*.txt"))]
    for jobs in (1, 2):
        results = lint_paths(paths, choose_rules(), jobs=jobs)
        bad = [r for r in results if r.error]
        assert [r.path for r in bad] == [str(seed("002"))]
        assert "RuntimeError" in bad[0].error and "检查时出错" in bad[0].error
        assert all(r.findings for r in results if not r.error)


def test_output_names_unique():
    todo = targets([str(SEEDS)])
    names = output_names(todo)
    assert len(set(names)) == len(names) and all(n.endswith(".审阅.docx") for n in names)
    from writer.engine import Target

    twins = [Target("a/报告.docx"), Target("b/报告.txt"), Target("c/其他.md")]
    assert output_names(twins) == ["a_报告.审阅.docx", "b_报告.审阅.docx", "其他.审阅.docx"]
    # one report sent as .docx, .doc and .wps into one folder: each copy says which it comments
    formats = [Target("报送/报告.docx"), Target("报送/报告.doc"), Target("报送/报告.wps")]
    assert output_names(formats) == ["报送_报告.审阅.docx", "报送_报告.doc.审阅.docx", "报送_报告.wps.审阅.docx"]


def test_same_unit():
    assert same_unit("大丰区", "盐城市大丰区") and same_unit("清远市司法局", "清远市司法局")
    assert not same_unit("清远市司法局", "司法局") and not same_unit("大丰区", "秦州区")
    assert not same_unit(None, "大丰区")


LAST = {
    "甲县": "甲县人民政府关于2023年法治政府建设情况的报告\n市委、市政府：\n"
            "2023年，甲县坚持把行政执法监督作为推进依法行政的重要抓手，组织开展行政执法案卷评查2次，评查案卷120卷，"
            "对发现的问题逐一反馈、限期整改，全县行政执法规范化水平进一步提升。\n"
            "全年受理行政复议案件58件，审结55件。\n"
            "开展“法律进企业”活动18场，编印涉企法律风险提示手册3000册，企业合规意识明显增强。\n"
            "二、存在的不足和原因\n基层执法力量薄弱，执法人员专业化水平不高，主要原因是编制紧张、培训投入不足。\n"
            "三、2024年主要安排\n深化行政执法体制改革，健全行政执法协调监督工作体系，推进综合行政执法标准化建设。\n"
            "甲县人民政府\n2024年1月20日\n",
    "乙县": "乙县人民政府关于2023年法治政府建设情况的报告\n市委、市政府：\n"
            "2023年，乙县聚焦营商环境，推行包容审慎监管，对轻微违法行为依法不予处罚案件43件，"
            "涉企检查次数同比减少两成，市场主体满意度明显提高，法治化营商环境持续优化。\n"
            "全年受理行政复议案件30件，审结30件。\n"
            "建成县级公共法律服务中心，村（社区）法律顾问实现全覆盖，全年解答法律咨询5600余人次。\n"
            "二、存在的不足和原因\n部分单位对重大行政决策程序重视不够，合法性审查流于形式，原因在于考核约束不强。\n"
            "三、2024年主要安排\n完善重大行政决策目录管理，推动法律顾问参与决策全覆盖，开展规范性文件集中清理。\n"
            "乙县人民政府\n2024年1月18日\n",
}


def _this_year(unit: str, growth: str) -> str:
    return (f"{unit}人民政府关于2024年法治政府建设情况的报告\n市委、市政府：\n"
            f"2024年，{unit}坚持把行政执法监督作为推进依法行政的重要抓手，组织开展行政执法案卷评查3次，评查案卷146卷，"
            "对发现的问题逐一反馈、限期整改，全县行政执法规范化水平进一步提升。\n"
            f"全年受理行政复议案件67件，同比增长{growth}，审结64件。\n"
            "县政府常务会议专题研究法治政府建设4次，县长带头讲法治课，组织领导干部旁听庭审2场。\n"
            "二、存在的不足和原因\n行政复议应诉能力与新形势要求还有差距，个别案件办理周期偏长，原因是专职人员少、案件量增长快。\n"
            "三、2025年主要安排\n推进行政复议规范化、专业化建设，完善行政复议与行政诉讼衔接机制，提升案件办理质效。\n"
            f"{unit}人民政府\n2025年1月20日\n")


def test_previous_dir_pairs_reports_by_unit_and_year(tmp_path):
    last, now = tmp_path / "2023", tmp_path / "2024"
    last.mkdir()
    now.mkdir()
    for unit, text in LAST.items():
        (last / f"{unit}.txt").write_text(text, encoding="utf-8")
    # this year's 乙县 copies 甲县's wording and growth: compared with 乙县's own last year, only
    # the growth is wrong (67 vs 30); 甲县's paragraph is copied from its own last year
    (now / "甲县.txt").write_text(_this_year("甲县", "15.5%"), encoding="utf-8")
    (now / "乙县.txt").write_text(_this_year("乙县", "15.5%"), encoding="utf-8")
    (now / "丙县.txt").write_text(_this_year("丙县", "15.5%"), encoding="utf-8")
    res = run_cli("lint", str(now), "--previous-dir", str(last), "--format", "json", "--select", "FG05,WD07")
    data = json.loads(res.stdout)
    by = {f["path"].rsplit("/", 1)[-1]: f for f in data["files"]}
    assert by["甲县.txt"]["previous"].endswith("2023/甲县.txt")
    assert by["乙县.txt"]["previous"].endswith("2023/乙县.txt")
    assert "previous" not in by["丙县.txt"] and "丙县" in res.stderr and "没有" in res.stderr
    jia = {f["rule"] for f in by["甲县.txt"]["findings"]}
    assert jia == {"WD07"}  # 58 → 67 is 15.5%: right; the paragraph is last year's
    assert "甲县.txt）第3段" in by["甲县.txt"]["findings"][0]["message"]
    yi = by["乙县.txt"]["findings"]
    assert [f["rule"] for f in yi] == ["FG05"] and "(67 − 30) ÷ 30" in yi[0]["message"]
    assert by["丙县.txt"]["findings"] == []


def test_previous_of_the_wrong_year_is_not_used(tmp_path):
    old = tmp_path / "old.txt"
    old.write_text(LAST["甲县"].replace("2023年", "2022年").replace("2024年1月", "2023年1月"), encoding="utf-8")
    now = tmp_path / "now.txt"
    now.write_text(_this_year("甲县", "99.9%"), encoding="utf-8")
    res = run_cli("lint", str(now), "--previous", str(old), "--format", "json", "--select", "FG05,WD07")
    data = json.loads(res.stdout)
    assert data["files"][0]["findings"] == [] and "2022年度" in res.stderr
    right = tmp_path / "last.txt"
    right.write_text(LAST["甲县"], encoding="utf-8")
    res = run_cli("lint", str(now), "--previous", str(right), "--select", "FG05,WD07")
    assert "FG05" in res.stdout and "WD07" in res.stdout and "上年报告：" in res.stdout
    both = run_cli("lint", str(now), "--previous", str(right), "--previous-dir", str(tmp_path))
    assert both.returncode == 2
    missing = run_cli("lint", str(now), "--previous", str(tmp_path / "nope.docx"))
    assert missing.returncode == 2 and "nope.docx" in missing.stderr


def test_spawned_workers_get_the_users_checklists_and_limits(tmp_path):
    """Where workers are spawned rather than forked (not Linux), each still reads the user's checklist
    folder and the reader limits of fzwriter.toml."""
    probe = (
        "import multiprocessing, sys\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from writer import checklists, parallel\n"
        "from writer.reader import limits\n"
        "checklists.use_folder(sys.argv[1])\n"
        "limits.use(limits.Limits(max_paragraphs=7))\n"
        "with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context('spawn'),\n"
        "                         initializer=parallel._worker_init,\n"
        "                         initargs=(checklists.user_folder(), limits.current())) as pool:\n"
        "    print(pool.submit(checklists.user_folder).result(), pool.submit(limits.current).result().max_paragraphs)\n")
    r = subprocess.run([sys.executable, "-c", probe, str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert r.stdout.split() == [str(tmp_path), "7"], r.stderr


def test_jobs_are_capped_at_the_cores_and_small_batches_stay_in_one_process(tmp_path, monkeypatch):
    """Issue 24, point 6: --jobs 200 started 201 processes (2.1 GB) on two cores."""
    from writer import engine, parallel

    sizes = []
    real_pool = engine.pool

    def counting_pool(n):
        sizes.append(n)
        return real_pool(n)

    monkeypatch.setattr(engine, "pool", counting_pool)
    paths = [str(s) for s in sorted(SEEDS.glob("*.txt"))]
    results = lint_paths(paths, choose_rules(), jobs=200)
    assert len(results) == 5 and not any(r.error for r in results)
    assert sizes and max(sizes) <= parallel.cores()
    sizes.clear()
    lint_paths(paths[:parallel.SMALL_BATCH - 1], choose_rules())  # the default: no pool for three files
    assert sizes == []
    assert parallel.workers(200, 60) <= parallel.cores() and parallel.workers(None, 2) == 1
    assert 1 <= parallel.workers(None, 60) <= parallel.cores()


def test_summary_links_each_row_to_its_commented_copy(tmp_path):
    from openpyxl import load_workbook

    drafts = tmp_path / "各部门报告"
    drafts.mkdir()
    for s in ("000", "002"):
        shutil.copy(seed(s), drafts / seed(s).name)
    out = tmp_path / "汇总" / "汇总.xlsx"
    out.parent.mkdir()
    res = run_cli("lint", str(drafts), "--annotate", str(tmp_path / "批注稿"), "--summary", str(out))
    assert res.returncode in (0, 1), res.stderr
    ws = load_workbook(out)["汇总"]
    head = [c.value for c in ws[1]]
    col = head.index("批注稿")
    for row in ws.iter_rows(min_row=2):
        cell = row[col]
        assert cell.value.endswith(".审阅.docx") and cell.hyperlink is not None
        # relative to the workbook's folder, and it leads to the file
        assert cell.hyperlink.target == f"../批注稿/{cell.value}"
        assert (out.parent / cell.hyperlink.target).is_file()
    # without --annotate there is no such column
    plain = tmp_path / "plain.xlsx"
    run_cli("lint", str(drafts), "--summary", str(plain))
    assert "批注稿" not in [c.value for c in load_workbook(plain)["汇总"][1]]


def _dies_once(index, target, out_name, opts):
    """Stands in for engine._run_one in forked workers: the fourth file's worker dies, once."""
    import os
    from pathlib import Path

    from writer import engine

    marker = Path(os.environ["FZ_TEST_DIED"])
    if index == 3 and not marker.exists():
        marker.write_text("x")
        os._exit(1)  # as the kernel's OOM killer would end it
    return engine._real_run_one(index, target, out_name, opts)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked workers inherit the patch")
def test_a_worker_that_dies_costs_no_file(tmp_path, monkeypatch):
    """A worker killed mid-batch (out of memory, a user's kill) breaks the pool: the files it held
    are checked again in a fresh pool instead of the batch ending or those files being lost."""
    from writer import engine

    marker = tmp_path / "died"
    monkeypatch.setenv("FZ_TEST_DIED", str(marker))
    monkeypatch.setattr(engine, "_real_run_one", engine._run_one, raising=False)
    monkeypatch.setattr(engine, "_run_one", _dies_once)
    paths = [str(s) for s in sorted(SEEDS.glob("*.txt"))] * 2
    results = lint_paths(paths, choose_rules(), jobs=2)
    assert marker.exists()  # the worker did die
    assert len(results) == len(paths) and not any(r.error for r in results)
    assert [len(r.findings) for r in results[:5]] == [len(r.findings) for r in results[5:]]


GROWTH = r"""
import gc, shutil, sys
from pathlib import Path
from writer.checklists import load_all
from writer.engine import choose_rules, lint_paths
load_all()
rules = choose_rules()
gc.freeze()  # as writer.launch does
src, folder = Path(sys.argv[1]), Path(sys.argv[2])
sizes = []
for round in range(4):
    batch = folder / str(round)
    batch.mkdir()
    for i in range(10):
        shutil.copy(src, batch / f"{i}.docx")
    lint_paths([str(batch)], rules, jobs=1)
    sizes.append(len(gc.get_objects()))
print(*sizes)
"""


def test_a_long_batch_does_not_keep_its_drafts_garbage(tmp_path):
    """Each draft is checked with the collector paused; the collections it skipped are made after it,
    so the objects the process holds stay level from one batch of drafts to the next (the reports,
    kept past the youngest generation's collection, once piled up in an older one)."""
    draft = report_to_docx(seed("001").read_text(encoding="utf-8"), tmp_path / "001.docx")
    r = subprocess.run([sys.executable, "-c", GROWTH, str(draft), str(tmp_path)], capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    sizes = [int(x) for x in r.stdout.split()]
    assert sizes[-1] < 1.5 * sizes[0], sizes
