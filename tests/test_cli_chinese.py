"""Chinese everywhere on the command line: help, usage errors, configuration errors, header sources."""

import os
import re
import subprocess
import sys

import pytest

from helpers import run_cli, seed

# three English words in a row: a sentence from typer, click or pydantic that leaked through
ENGLISH = re.compile(r"[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}")
LEAKS = ["Usage", "Options", "Arguments", "Commands", "[required]", "default:", "<list", "<int>", "<str>",
         "<path>", "<bool>", "Show this message", "Did you mean", "Input should", "Extra inputs", "Field required",
         "Traceback", "paths", "Error"]

COMMANDS = [[], ["lint"], ["new"], ["mine"], ["rules"], ["checklists"], ["checklists", "export"],
            ["checklists", "show"]]


def assert_chinese(text: str) -> None:
    for word in LEAKS:
        assert word not in text, (word, text)
    commands = re.sub(r"fzwriter( (lint|new|mine|rules|checklists|export|show))*", "", text)
    assert not ENGLISH.search(commands), text


@pytest.mark.parametrize("cmd", COMMANDS, ids=lambda c: " ".join(c) or "fzwriter")
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_is_chinese_with_h_and_help(cmd, flag):
    r = run_cli(*cmd, flag)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"用法：fzwriter {' '.join(cmd)}".rstrip())
    assert "-h, --help  " in r.stdout and "显示本帮助并退出" in r.stdout
    assert_chinese(r.stdout)


def test_no_arguments_prints_the_help():
    for cmd in ([], ["checklists"]):
        r = run_cli(*cmd)
        assert r.returncode == 0 and r.stderr == ""
        assert "用法：fzwriter" in r.stdout and "命令：" in r.stdout


def test_lint_help_names_its_values_in_chinese():
    out = run_cli("lint", "-h").stdout
    assert "用法：fzwriter lint [选项] 文件或文件夹…" in out
    assert "--year 年度" in out and "--format text|json" in out and "--select 规则" in out


@pytest.mark.parametrize("args, words", [
    (["lnt", "x"], "没有命令 lnt；是否想用 lint？"),
    (["lint"], "缺少文件或文件夹"),
    (["lint", "--yeer", "2024", "x"], "没有选项 --yeer；是否想用 --year？"),
    (["lint", "x", "--year"], "选项 --year 后面缺少取值"),
    (["lint", "x", "--year", "二〇二四"], "应为整数，如 2025"),
    (["lint", "x", "--format", "xml"], "可选：text、json"),
    (["new", "--year", "2025"], "缺少必填选项 --region"),
    (["rules", "extra"], "多余的参数：extra"),
    (["checklists", "export"], "缺少文件夹"),
    (["checklists", "nosuch"], "没有命令 nosuch"),
])
def test_usage_errors_are_chinese(args, words):
    r = run_cli(*args)
    assert r.returncode == 2, r.stdout
    assert r.stderr.startswith("fzwriter：用法错误：") and words in r.stderr, r.stderr
    assert_chinese(r.stderr)


@pytest.mark.parametrize("year", ["1800", "2100", "0"])
def test_lint_refuses_a_year_as_new_does(year):
    lint = run_cli("lint", str(seed("000")), "--year", year)
    new = run_cli("new", "--region", "秦州区", "--year", year)
    assert lint.returncode == new.returncode == 2
    assert f"年度 {year} 不在 2000—2099 之间" in lint.stderr
    assert f"年度 {year} 不在 2000—2099 之间" in new.stderr
    assert lint.stdout == ""


@pytest.mark.parametrize("toml, words", [
    ('year = "二〇二四"\n', ["fzwriter.toml", "第1行", "year", "应为整数", "二〇二四"]),
    ('region = "秦州区"\nregoin = "秦州区"\n', ["fzwriter.toml", "第2行", "regoin", "不认识这个键"]),
    ("year = 1800\n", ["fzwriter.toml", "year", "2000—2099"]),
    ('[severity]\nST01 = "fatal"\n', ["fzwriter.toml", "severity.ST01", "error、warning、info", "fatal"]),
    ('ignore = "ST03"\n', ["fzwriter.toml", "ignore", "应为列表"]),
    ("region = 秦州区\n", ["fzwriter.toml", "第1行", "TOML", "双引号"]),
    ('region = "秦州区\n', ["fzwriter.toml", "第1行", "TOML"]),
])
def test_bad_config_is_chinese_naming_file_and_key(tmp_path, toml, words):
    (tmp_path / "fzwriter.toml").write_text(toml, encoding="utf-8")
    r = run_cli("lint", str(seed("000")), cwd=tmp_path)
    assert r.returncode == 2 and r.stdout == ""
    assert all(w in r.stderr for w in words), r.stderr
    assert_chinese(r.stderr)


def test_pyproject_section_is_named(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.fzwriter]\nyear = "明年"\n', encoding="utf-8")
    r = run_cli("lint", str(seed("000")), cwd=tmp_path)
    assert r.returncode == 2 and "pyproject.toml 的 [tool.fzwriter]" in r.stderr and "year" in r.stderr


def test_unreadable_config_is_a_chinese_message(tmp_path):
    cases = {"folder": lambda p: p.mkdir(), "gbk": lambda p: p.write_bytes('region = "秦州区"\n'.encode("gbk"))}
    if os.name == "posix" and os.geteuid() != 0:  # root reads anything
        cases["mode"] = lambda p: (p.write_text("year = 2024\n"), p.chmod(0))
    for name, make in cases.items():
        folder = tmp_path / name
        folder.mkdir()
        make(folder / "fzwriter.toml")
        r = run_cli("lint", str(seed("000")), cwd=folder)
        assert r.returncode == 2 and "fzwriter.toml" in r.stderr, (name, r.stderr)
        assert_chinese(r.stderr)


def test_header_credits_the_config_file(tmp_path):
    (tmp_path / "fzwriter.toml").write_text('year = 2024\nregion = "大丰区"\n', encoding="utf-8")
    out = run_cli("lint", str(seed("000")), cwd=tmp_path).stdout
    assert "地区/单位：大丰区（fzwriter.toml）" in out and "年度：2024年（fzwriter.toml）" in out
    out = run_cli("lint", str(seed("000")), "--year", "2023", cwd=tmp_path).stdout
    assert "年度：2023年（命令行参数）" in out and "大丰区（fzwriter.toml）" in out


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX current folder")
def test_deleted_current_folder_is_a_chinese_message(tmp_path):
    gone = tmp_path / "gone"
    gone.mkdir()
    code = ("import os, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); "
            "sys.argv = ['fzwriter', 'rules', '--check']; from writer.cli import main; main()")
    import subprocess

    r = subprocess.run([sys.executable, "-c", code, str(gone)], capture_output=True, text=True, encoding="utf-8")
    assert r.returncode == 2 and "当前文件夹" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("cmd", COMMANDS, ids=lambda c: " ".join(c) or "fzwriter")
def test_help_lines_fit_and_break_at_the_right_places(cmd):
    from writer.clihelp import width

    r = run_cli(*cmd, "-h")
    for line in r.stdout.splitlines():
        assert width(line) <= 80, line
        assert not line.strip() or line.strip()[0] not in "，。、；：）」》】", line
        assert not line.rstrip() or line.rstrip()[-1] not in "（「《【“", line


def test_wrap_keeps_words_and_punctuation():
    from writer.clihelp import width, wrap

    text = "输出格式：text（给人看，默认）或 json（给程序用）。" * 3
    lines = wrap(text, 30)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(width(x) <= 32 for x in lines)  # closing punctuation may hang (two columns)
    assert not any(x.startswith(("）", "，", "。")) or x.endswith("（") for x in lines)
    assert all(("json" in x) == ("json" in x.replace(" ", "")) for x in lines)


def test_the_progress_bar_stays_off_the_results(tmp_path):
    """With standard error on a terminal, a batch shows a progress bar there; standard output (piped
    into a JSON reader) holds the results alone, from its first character."""
    import json
    import os
    import pty

    from helpers import SEEDS

    master, slave = pty.openpty()
    try:
        r = subprocess.run([sys.executable, "-m", "writer", "lint", str(SEEDS), "--format", "json"],
                           stdin=slave, stdout=subprocess.PIPE, stderr=slave, timeout=300, cwd=tmp_path)
    finally:
        os.close(slave)
        os.close(master)
    assert r.stdout.startswith(b"{"), r.stdout[:80]
    assert len(json.loads(r.stdout.decode("utf-8"))["files"]) == len(list(SEEDS.glob("*.txt")))


def test_json_results_on_a_terminal_come_without_a_progress_bar(tmp_path):
    """Standard output and standard error on one terminal (a program reading a pseudo-terminal):
    what it reads of `lint … --format json` is the JSON alone, with no progress bar in it."""
    import json
    import os
    import pty
    import threading

    from helpers import SEEDS

    master, slave = pty.openpty()
    got = bytearray()

    def drain() -> None:  # the terminal is read as it is written, or a full buffer would block the run
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the other end closed
                return
            if not chunk:
                return
            got.extend(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    try:
        r = subprocess.run([sys.executable, "-m", "writer", "lint", str(SEEDS), "--format", "json"],
                           stdin=slave, stdout=slave, stderr=slave, timeout=300, cwd=tmp_path)
    finally:
        os.close(slave)
        reader.join(timeout=30)
        os.close(master)
    text = got.decode("utf-8").replace("\r\n", "\n")
    assert r.returncode in (0, 1)
    assert text.startswith("{"), text[:80]
    assert len(json.loads(text)["files"]) == len(list(SEEDS.glob("*.txt")))
