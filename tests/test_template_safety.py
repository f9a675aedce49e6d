"""A user's template folder is data (issue 24, point 1): rendered in jinja2's sandbox, bounded in what
it builds and how long it runs, and every failure a Chinese message naming the template and its line."""

from pathlib import Path

import pytest
from helpers import run_cli


def project(tmp_path: Path, template: str) -> Path:
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "report.j2").write_text(template, encoding="utf-8")
    (tmp_path / "fzwriter.toml").write_text('templates = "tpl"\n', encoding="utf-8")
    return tmp_path / "tpl" / "report.j2"


@pytest.mark.parametrize("template, line, words", [
    # the repro of the issue: a template that runs a shell command
    ("@标题 {{ cycler.__init__.__globals__.os.system('touch PWNED') }}\n", 1, ["安全沙箱"]),
    ("@标题 报告\n@正文 {{ ''.__class__.__mro__[1].__subclasses__() }}\n", 2, ["安全沙箱"]),
    ("@标题 {{ range(10**12) | list | length }}\n", 1, ["range", "100,000"]),
    ("@标题 报告\n@正文 一\n@正文 {{ 1/0 }}\n", 3, ["除以零"]),
    ("{% macro m() %}{{ m() }}{% endmacro %}\n@标题 {{ m() }}\n", None, ["递归"]),
    ("@标题 {{ 'x' * 10**10 }}\n", 1, ["过大"]),
    ("@标题 {{ 9 ** 10000000 }}\n", 1, ["过大"]),
    ("{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}"
     "@标题 {{ ns.s | length }}\n", None, ["内存"]),
    ("@标题 {{ 'x' | center(10**10) }}\n", 1, ["内存"]),
    ("{% for i in range(3000) %}@正文 {{ 'x' * 999 }}\n{% endfor %}", None, ["过长"]),
    ("@标题 {% include 'nowhere.j2' %}\n", 1, ["找不到", "nowhere.j2"]),
])
def test_hostile_template_is_a_message_naming_file_and_line(tmp_path, template, line, words):
    path = project(tmp_path, template)
    r = run_cli("new", "--region", "秦州区", "--year", "2025", "-o", "out.docx", cwd=tmp_path, timeout=60)
    assert r.returncode == 2, r.stderr
    assert "report.j2" in r.stderr and "Traceback" not in r.stderr and "内部错误" not in r.stderr
    if line is not None:
        assert f"第{line}行" in r.stderr
    for w in words:
        assert w in r.stderr, r.stderr
    assert not (tmp_path / "PWNED").exists()
    assert not (tmp_path / "out.docx").exists()
    assert path.read_text(encoding="utf-8") == template  # the input is untouched


def test_a_loop_without_end_is_stopped_by_the_cpu_budget(tmp_path, monkeypatch):
    from writer import compose
    from writer.errors import InputError
    from writer.plan import plan

    monkeypatch.setattr(compose, "RENDER_CPU_SECONDS", 1.0)
    project(tmp_path, "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}@标题 x\n")
    with pytest.raises(InputError) as info:
        compose.render(plan("秦州区", 2025), tmp_path / "tpl")
    assert "report.j2" in info.value.message and "秒" in info.value.message and "第1行" in info.value.message


def test_a_template_that_is_not_a_regular_file_is_refused(tmp_path):
    import os

    (tmp_path / "tpl").mkdir()
    os.mkfifo(tmp_path / "tpl" / "report.j2")
    (tmp_path / "fzwriter.toml").write_text('templates = "tpl"\n', encoding="utf-8")
    r = run_cli("new", "--region", "秦州区", "--year", "2025", "-o", "out.docx", cwd=tmp_path, timeout=60)
    assert r.returncode == 2 and "report.j2" in r.stderr and "模板" in r.stderr, r.stderr
    assert not (tmp_path / "out.docx").exists()


def test_the_sandbox_still_renders_an_ordinary_edited_template(tmp_path):
    from writer.resources import data_dir

    text = (data_dir("templates") / "report.j2").read_text(encoding="utf-8")
    project(tmp_path, text.replace("特此报告。", "{{ '专此' ~ '报告' }}。{{ parts.S1 | length > 2 }}"))
    r = run_cli("new", "--region", "秦州区", "--year", "2025", "-o", "out.docx", cwd=tmp_path, timeout=60)
    assert r.returncode == 0, r.stderr
    import docx

    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "out.docx")).paragraphs)
    assert "专此报告。True" in text
