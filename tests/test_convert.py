"""The LibreOffice door: where it is looked for, and what a converter that hangs or dies costs. The
conversions themselves run real LibreOffice (test_formats.py); a hang cannot be had from it on demand,
so these stand a small shell program in its place and check that its whole process group is ended."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest

from writer.reader import convert
from writer.reader.convert import Batch, find_soffice

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
posix = pytest.mark.skipif(sys.platform == "win32", reason="shell programs and /proc")


def program(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "soffice"
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(0o755)
    return path


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except (OSError, IndexError):
        return False
    return state not in "ZX"


@posix
def test_looked_for_in_the_named_program_then_path_then_install_folders(tmp_path, monkeypatch):
    monkeypatch.delenv(convert.ENV_PROGRAM, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setenv(convert.ENV_DIRS, "")
    assert find_soffice() is None
    installed = program(tmp_path / "opt" / "libreoffice7.6" / "program", "exit 0\n")
    monkeypatch.setenv(convert.ENV_DIRS, str(tmp_path / "opt" / "libreoffice*"))
    assert find_soffice() == str(installed)
    on_path = program(tmp_path / "bin", "exit 0\n")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    assert find_soffice() == str(on_path)
    named = program(tmp_path / "named", "exit 0\n")
    monkeypatch.setenv(convert.ENV_PROGRAM, str(named))
    assert find_soffice() == str(named)
    monkeypatch.setenv(convert.ENV_PROGRAM, str(tmp_path / "nothing"))
    assert find_soffice() is None  # a named program that is not there is not replaced by another


def test_without_libreoffice_every_file_is_told_and_nothing_is_started(tmp_path, monkeypatch):
    monkeypatch.delenv(convert.ENV_PROGRAM, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv(convert.ENV_DIRS, "")
    batch = convert.convert([("甲.doc", b"x"), ("乙.wps", b"y")])
    assert batch.starts == 0 and batch.folder is None
    assert "旧版 Word .doc" in batch.errors["甲.doc"] and "WPS 文字 .wps" in batch.errors["乙.wps"]


@posix
def test_a_hanging_converter_is_killed_with_its_children_and_the_rest_get_a_new_start(tmp_path):
    pids = tmp_path / "pids"
    hang = program(tmp_path / "bin", f'echo $$ >> "{pids}"\nsleep 300 &\necho $! >> "{pids}"\nwait\n')
    data = (FIXTURES / "seed001.doc").read_bytes()
    batch = convert.convert([("甲.doc", data), ("乙.doc", data)], program=str(hang), per_file=1, start=0)
    try:
        assert batch.starts == 2  # the first hung; the second got a start of its own, and hung too
        assert all("超时" in batch.errors[name] for name in ("甲.doc", "乙.doc"))
        started = [int(line) for line in pids.read_text().split()]
        assert len(started) == 4
        deadline = time.monotonic() + 10
        while any(alive(p) for p in started) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(alive(p) for p in started)  # LibreOffice's helpers die with it
        folder = Path(batch.folder)
        assert folder.is_dir()
    finally:
        batch.close()
    assert not folder.exists()


@posix
def test_a_converter_that_dies_costs_its_file_only(tmp_path):
    dies = program(tmp_path / "bin", "exit 139\n")
    data = (FIXTURES / "seed001.doc").read_bytes()
    with convert.convert([("甲.doc", data), ("乙.rtf", data)], program=str(dies)) as batch:
        assert batch.starts == 2 and batch.docx == {}
        assert all("异常退出" in why for why in batch.errors.values())


@posix
def test_a_converter_that_cannot_start(tmp_path):
    bad = tmp_path / "soffice"
    bad.write_bytes(b"\x7fELF not really")
    bad.chmod(0o755)
    with convert.convert([("甲.doc", b"x")], program=str(bad)) as batch:
        assert "无法启动 LibreOffice" in batch.errors["甲.doc"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed here; "
                                                              ".ci/run installs it")
def test_names_that_collide_or_are_odd_convert_apart():
    """Copies go in under numbered names: two files called 报告 and a name with spaces and quotes."""
    doc, rtf = (FIXTURES / "seed001.doc").read_bytes(), (FIXTURES / "seed002.rtf").read_bytes()
    files = [("a/报告.doc", doc), ("b/报告.doc", rtf), ("c/it's a \"report\" 1.rtf", rtf)]
    with convert.convert(files) as batch:
        assert batch.starts == 1 and set(batch.docx) == {name for name, _ in files}
        assert len(set(batch.docx.values())) == 3
        assert isinstance(batch, Batch)
