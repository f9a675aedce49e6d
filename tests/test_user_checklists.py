"""A civil servant's own checklists: exported, named in fzwriter.toml, used by every command.

These run fzwriter as a user would, so they hold for a source checkout and for an installed wheel
(.ci/run installs the wheel, then runs these tests against it).
"""

import re
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, run_cli
from writer import checklists
from writer.errors import InputError
from writer.resources import data_dir

README = (ROOT / "README.md").read_text(encoding="utf-8")

# a 2026 report listing the plenums up to the fourth: complete while the fifth is not confirmed
DRAFT_2026 = """天水市秦州区人民政府关于2026年法治政府建设情况的报告

市委、市政府：
2026年，秦州区深入贯彻党的二十大和二十届二中、三中、四中全会精神，扎实推进法治政府建设。现将有关情况报告如下。
一、2026年推进法治政府建设的主要举措和成效
全年办理行政复议案件65件。
"""


def readme_block(after: str, lang: str) -> str:
    """The first ```lang block after the words `after` in the README."""
    start = README.index(after)
    m = re.search(rf"```{lang}\n(.*?)```", README[start:], re.S)
    assert m, f"no {lang} block after {after}"
    return m.group(1)


def replace_entry(facts: Path, entry_id: str, block: str) -> None:
    """Put `block` in place of the entry `entry_id` of facts.yml, as the README tells the user to."""
    text = facts.read_text(encoding="utf-8")
    start = text.index(f"  - id: {entry_id}\n")
    nxt = text.find("\n  - id: ", start + 1)
    nxt = len(text) if nxt < 0 else nxt + 1
    facts.write_text(text[:start] + block.rstrip("\n") + "\n\n" + text[nxt:], encoding="utf-8")


@pytest.fixture
def project(tmp_path):
    """A folder set up by the README: checklists exported, fzwriter.toml naming them."""
    r = run_cli("checklists", "export", "我的清单", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    toml = readme_block("再在运行 fzwriter 的文件夹里", "toml")
    (tmp_path / "fzwriter.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "draft.txt").write_text(DRAFT_2026, encoding="utf-8")
    return tmp_path


def wd01(tmp_path) -> list[str]:
    r = run_cli("lint", "draft.txt", "--format", "json", "--select", "WD01", cwd=tmp_path)
    import json

    assert r.returncode in (0, 1), r.stderr
    return [f["evidence"] for f in json.loads(r.stdout)["files"][0]["findings"]]


def test_export_copies_the_bundled_checklists(tmp_path):
    r = run_cli("checklists", "export", "清单", cwd=tmp_path)
    assert r.returncode == 0 and "checklists = " in r.stdout
    for name in checklists.FILES:
        assert (tmp_path / "清单" / name).read_bytes() == (data_dir("checklists") / name).read_bytes()
    again = run_cli("checklists", "export", "清单", cwd=tmp_path)
    assert again.returncode == 2 and "--force" in again.stderr and "facts.yml" in again.stderr
    assert run_cli("checklists", "export", "清单", "--force", cwd=tmp_path).returncode == 0


def test_readme_plenum_recipe_is_used_by_lint_and_new(project):
    assert not wd01(project)  # bundled data: the fifth plenum is not confirmed, the list is complete
    block = readme_block("**确认一次全会**", "yaml")
    replace_entry(project / "我的清单" / "facts.yml", "二十届五中全会", block)

    check = run_cli("rules", "--check", cwd=project)
    assert check.returncode == 0, check.stdout + check.stderr
    assert re.search(r"facts\.yml\s+自定义\s+我的清单/facts\.yml", check.stdout)
    assert "例句全部符合预期" in check.stdout

    assert any("二十届二中、三中、四中全会" in e for e in wd01(project))  # confirmed: the list must reach it
    lint = run_cli("lint", "draft.txt", cwd=project)
    assert "我的清单/facts.yml" in lint.stderr  # says which files it read

    new = run_cli("new", "--region", "秦州区", "--year", "2026", "-o", "初稿.docx", cwd=project)
    assert new.returncode == 0, new.stderr
    import docx

    text = "\n".join(p.text for p in docx.Document(str(project / "初稿.docx")).paragraphs)
    assert "二十届二中、三中、四中、五中全会" in text


def test_a_folder_with_one_file_keeps_the_others_bundled(project):
    folder = project / "我的清单"
    for p in folder.iterdir():
        if p.name != "facts.yml":
            p.unlink()
    (folder / "fact.yml").write_text("facts: []\n", encoding="utf-8")  # a misspelt name
    r = run_cli("checklists", "show", cwd=project)
    assert r.returncode == 0
    assert re.search(r"facts\.yml\s+自定义", r.stdout) and re.search(r"parts\.yml\s+自带", r.stdout)
    assert "fact.yml 不是 fzwriter 的清单文件名" in r.stdout
    lint = run_cli("lint", "draft.txt", cwd=project)
    assert "其余 7 个为自带清单" in lint.stderr


@pytest.mark.parametrize("edit, words", [
    (lambda t: t.replace("    from: 2021\n", "    from: 明年\n", 1), ["facts.yml", "行", "from", "应为整数", "明年"]),
    (lambda t: t.replace("    kind: 全会\n", "\tkind: 全会\n", 1), ["facts.yml", "行", "制表符"]),
    (lambda t: t.replace("    examples:\n", "    exampels:\n", 1), ["facts.yml", "行", "examples", "exampels"]),
    (lambda t: t.replace("  - id: 七五普法\n", "  - id: 七五普法\n    id: 七五\n", 1), ["facts.yml", "行", "“id”", "两次"]),
    (lambda t: t.replace("pattern: 十八大", "pattern: (十八大", 1), ["facts.yml", "行", "pattern", "正则表达式", "括号"]),
])
def test_broken_user_checklist_is_refused_with_file_line_and_key(project, edit, words):
    facts = project / "我的清单" / "facts.yml"
    facts.write_text(edit(facts.read_text(encoding="utf-8")), encoding="utf-8")
    for args in (["rules", "--check"], ["lint", "draft.txt"], ["new", "--region", "秦州区", "--year", "2025"]):
        r = run_cli(*args, cwd=project)
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        assert "Traceback" not in r.stderr and "清单例句全部符合预期" not in r.stdout
        msg = r.stderr
        assert all(w in msg for w in words), msg
        assert re.search(r"第\d+行", msg)
        assert not re.search(r"[A-Za-z]+ [A-Za-z]+ [A-Za-z]+", msg)  # no English sentence


def test_line_points_at_the_wrong_value(project):
    facts = project / "我的清单" / "facts.yml"
    text = facts.read_text(encoding="utf-8").replace("    from: 2021\n", "    from: 明年\n", 1)
    facts.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    from: 明年") + 1
    r = run_cli("rules", "--check", cwd=project)
    assert f"第{line}行" in r.stderr


def test_missing_folder_is_a_clear_message(tmp_path):
    (tmp_path / "fzwriter.toml").write_text('checklists = "没有这个文件夹"\n', encoding="utf-8")
    r = run_cli("rules", "--check", cwd=tmp_path)
    assert r.returncode == 2 and "没有这个文件夹" in r.stderr and "checklists export" in r.stderr


def test_check_tells_of_entries_the_bundled_file_has_and_the_copy_lacks(project):
    facts = project / "我的清单" / "facts.yml"
    data = yaml.safe_load(facts.read_text(encoding="utf-8"))
    data["facts"] = [f for f in data["facts"] if f["id"] != "法治宣传教育法"]
    facts.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    r = run_cli("rules", "--check", cwd=project)
    assert "没有的条目：法治宣传教育法" in r.stdout


def test_misbehaving_user_example_names_the_users_file(project):
    facts = project / "我的清单" / "facts.yml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        "{year: 2024, fire: true, text: 全面贯彻党的二十届四中全会精神。}",
        "{year: 2025, fire: true, text: 全面贯彻党的二十届四中全会精神。}"), encoding="utf-8")
    r = run_cli("rules", "--check", cwd=project)
    assert r.returncode == 1
    assert "我的清单/facts.yml：条目 二十届四中全会" in r.stderr


# ---------------------------------------------------------------- the cache keeps pydantic off start-up


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """An empty cache folder and freshly loaded checklists, restored afterwards."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    checklists.use_folder(None)
    yield tmp_path
    checklists.use_folder(None)


def _own_copy(fresh, name="facts.yml"):
    """A user's folder holding an unchanged copy of bundled `name` (so it is read from the cache)."""
    folder = fresh / "own"
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes((data_dir("checklists") / name).read_bytes() + b"\n# my copy\n")
    checklists.use_folder(folder)
    return folder


def _refuse_validation(monkeypatch):
    def refuse(*a, **k):
        raise AssertionError("validated again")

    monkeypatch.setattr(checklists.FactsData, "model_validate", refuse)


def test_bundled_checklists_are_never_validated_at_run_time(fresh, monkeypatch):
    """The bundled files come validated with the package (writer/checklists.pickle): even with an
    empty cache folder nothing is validated and nothing is written there."""
    _refuse_validation(monkeypatch)
    assert checklists.facts().facts
    assert not list((fresh / "cache").rglob("facts-*.pickle"))


def test_second_load_does_not_validate(fresh, monkeypatch):
    folder = _own_copy(fresh)
    first = checklists.facts()
    assert list((fresh / "cache" / "fzwriter" / "checklists").glob("facts-*.pickle"))
    checklists.use_folder(folder)  # forget the loaded data, keep the cache
    _refuse_validation(monkeypatch)
    again = checklists.facts()
    assert again == first and again is not first


def test_damaged_cache_is_validated_again(fresh):
    folder = _own_copy(fresh)
    checklists.facts()
    for p in (fresh / "cache" / "fzwriter" / "checklists").glob("facts-*.pickle"):
        p.write_bytes(b"not a pickle")
    checklists.use_folder(folder)
    assert checklists.facts().facts


def test_edited_file_is_validated_again(fresh):
    folder = fresh / "mine"
    folder.mkdir()
    text = (data_dir("checklists") / "facts.yml").read_text(encoding="utf-8")
    (folder / "facts.yml").write_text(text, encoding="utf-8")
    checklists.use_folder(folder)
    assert checklists.facts().facts
    (folder / "facts.yml").write_text(text.replace("    from: 2021\n", "    from: 明年\n", 1), encoding="utf-8")
    checklists.use_folder(folder)
    with pytest.raises(InputError) as info:
        checklists.facts()
    assert "明年" in info.value.message


def test_fingerprint_follows_the_data_in_force(fresh):
    bundled = checklists.fingerprint()
    folder = fresh / "mine"
    folder.mkdir()
    (folder / "themes.yml").write_bytes((data_dir("checklists") / "themes.yml").read_bytes() + b"\n# edited\n")
    checklists.use_folder(folder)
    assert checklists.fingerprint() != bundled


@pytest.mark.parametrize("text, line", [
    ("a:\n  b: 1\n\tc: 2\n", 3), ("a: [1, 2\n", 2), ('a: "x\n', 2), ("a: b: c\n", 1), ("a:\n  - 1\n - 2\n", 3),
    ("a: 1\na: 2\n", 2), ("k: *x\n", 1), ('a: "\\q"\n', 1),
])
def test_yaml_syntax_errors_are_told_in_chinese_with_the_line(text, line):
    with pytest.raises(InputError) as info:
        checklists.parse_yaml(Path("facts.yml"), text.encode("utf-8"))
    msg = info.value.message
    assert msg.startswith("facts.yml：") and f"第{line}行" in msg
    assert not re.search(r"[A-Za-z]{3,}", re.sub("YAML|Tab", "", msg.removeprefix("facts.yml："))), msg
    assert "格式有误" not in msg  # each of these has its own explanation
