"""The command line contract: JSON shape, exit codes, --select/--ignore, config, rules, version."""

import json

from helpers import SEEDS, run_cli, seed

from writer import __version__
from writer.rules import RULES

FINDING_KEYS = {"rule", "name", "severity", "message", "evidence", "location", "section_id", "suggestion"}


def test_version():
    res = run_cli("--version")
    assert res.returncode == 0 and __version__ in res.stdout


def test_rules_lists_every_rule():
    res = run_cli("rules")
    assert res.returncode == 0
    lines = res.stdout.strip().splitlines()
    # a line per rule starting with its code (descriptions too long for 80 columns go under it, indented)
    assert [ln.split()[0] for ln in lines if not ln.startswith(" ")] == [r.code for r in RULES]


def test_json_contract():
    res = run_cli("lint", str(SEEDS), "--format", "json")
    data = json.loads(res.stdout)
    assert data["version"] == 1 and set(data) >= {"version", "files", "summary"}
    assert data["summary"]["files"] == 5
    total = {"error": 0, "warning": 0, "info": 0}
    for f in data["files"]:
        assert set(f) >= {"path", "report", "error", "findings"}
        assert set(f["report"]) >= {"title", "region", "year"}
        for fd in f["findings"]:
            assert set(fd) >= FINDING_KEYS
            assert set(fd["location"]) >= {"paragraph", "start", "end", "section"}
            assert fd["severity"] in total
            total[fd["severity"]] += 1
    assert data["summary"]["errors"] == total["error"]
    assert data["summary"]["warnings"] == total["warning"]
    assert data["summary"]["infos"] == total["info"]


def test_exit_codes(tmp_path):
    ok = tmp_path / "ok.txt"
    ok.write_text(
        "某县人民政府关于2024年法治政府建设情况的报告\n市委、市政府：\n"
        "一、2024年推进法治政府建设的主要举措和成效\n全年办理行政复议案件41件，开展执法检查12次，审查规范性文件9件，"
        "组织法治培训6期，重大行政决策全部经过合法性审查，行政机关负责人出庭应诉率100%，法治政府建设取得新成效。\n"
        "二、存在的不足和原因\n基层执法力量不足，主要原因是编制有限、人员流动频繁。\n"
        "三、党政主要负责人履行推进法治建设第一责任人职责情况\n县长带头学法述法，主持研究法治政府建设重大事项4次，协调解决重大问题。\n"
        "四、2025年推进法治政府建设的主要安排\n深化综合行政执法改革，加强执法监督，推动“八五”普法规划全面完成。\n"
        "特此报告。\n某县人民政府\n2025年1月13日\n", encoding="utf-8")
    assert run_cli("lint", str(ok)).returncode == 0
    bad = seed("000")  # ST01 error: no S3
    assert run_cli("lint", str(bad)).returncode == 1
    warn_only = seed("001")
    assert run_cli("lint", str(warn_only)).returncode == 0
    assert run_cli("lint", str(warn_only), "--strict").returncode == 1


def test_select_and_ignore():
    res = run_cli("lint", str(seed("000")), "--format", "json", "--select", "ST05,ST06")
    rules = {f["rule"] for f in json.loads(res.stdout)["files"][0]["findings"]}
    assert rules and rules <= {"ST05", "ST06"}
    res = run_cli("lint", str(seed("000")), "--format", "json", "--ignore", "ST0,FG,WD")
    assert json.loads(res.stdout)["files"][0]["findings"] == []
    res = run_cli("lint", str(seed("000")), "--select", "XX9")
    assert res.returncode == 2 and "XX9" in res.stderr


def test_config_file_sets_severity_and_ignore(tmp_path):
    (tmp_path / "fzwriter.toml").write_text('ignore = ["ST06", "FG"]\n[severity]\nST01 = "warning"\n', encoding="utf-8")
    res = run_cli("lint", str(seed("000")), "--format", "json", cwd=tmp_path)
    findings = json.loads(res.stdout)["files"][0]["findings"]
    assert "ST06" not in {f["rule"] for f in findings}
    assert [f["severity"] for f in findings if f["rule"] == "ST01"] == ["warning"]
    assert res.returncode == 0


def test_bad_config_named(tmp_path):
    (tmp_path / "fzwriter.toml").write_text('[severity]\nST01 = "fatal"\n', encoding="utf-8")
    res = run_cli("lint", str(seed("000")), cwd=tmp_path)
    assert res.returncode == 2 and "fzwriter.toml" in res.stderr and "severity" in res.stderr


def test_text_output_is_chinese_with_evidence():
    res = run_cli("lint", str(seed("000")))
    out = res.stdout
    assert "ST01 错误" in out and "第11段" in out and "原文：" in out and "建议：" in out
    assert "共检查 1 个文件" in out


def test_input_files_untouched(tmp_path):
    f = tmp_path / "draft.txt"
    f.write_bytes(seed("002").read_bytes())
    before = (f.read_bytes(), f.stat().st_mtime_ns)
    run_cli("lint", str(f))
    assert (f.read_bytes(), f.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.txt"]


def test_usage_errors_are_chinese():
    cases = [
        (["lint", "--nope", "x"], "没有选项 --nope"),
        (["new", "--region", "秦州区", "--year", "abc"], "应为整数"),
        (["new", "--year", "2025"], "缺少必填选项 --region"),
        (["lint", "x", "--format", "xml"], "可选：text、json"),
        (["nosuch"], "没有命令 nosuch"),
    ]
    for args, words in cases:
        r = run_cli(*args)
        assert r.returncode == 2 and words in r.stderr and "Traceback" not in r.stderr, (args, r.stderr)
