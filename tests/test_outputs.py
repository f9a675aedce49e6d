"""Outputs (`new -o`, `mine -o`) and standard output on failure: a Chinese message and exit code 2,
no temporary file left behind (also on Ctrl-C), never over one of the command's own inputs, never
over a file that appears while the command runs (issue 15)."""

import errno
import os
import sys

import pytest

from helpers import run_cli, seed
from writer import cli, fsutil
from writer.errors import InputError
from writer.fsutil import write_atomic


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "磁盘空间已满"), (errno.EROFS, "只读"),
                                         (errno.EACCES, "没有权限"), (errno.EDQUOT, "配额")])
def test_a_failed_write_is_a_chinese_message_and_leaves_nothing(tmp_path, monkeypatch, code, words):
    def full(fd):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", full)
    out = tmp_path / "模型.json"
    with pytest.raises(InputError) as info:
        write_atomic(out, b"{}")
    assert words in info.value.message and str(out) in info.value.message
    assert not out.exists() and leftovers(tmp_path) == []


def test_ctrl_c_while_writing_leaves_nothing(tmp_path, monkeypatch):
    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "初稿.docx", b"data")
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_in_the_cli_is_exit_130_without_traceback(tmp_path, monkeypatch, capsys):
    import signal

    monkeypatch.chdir(tmp_path)

    def interrupted(fd):  # Ctrl-C while the model is being written
        os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(SystemExit) as info:
        cli.main(["mine", str(seed("000")), "-o", "model.json"])
    assert info.value.code == 130
    err = capsys.readouterr().err
    assert "已中止" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_output_that_appears_during_the_run_is_not_replaced(tmp_path, monkeypatch):
    out = tmp_path / "初稿.docx"
    real = os.fsync

    def someone_else_writes(fd):  # between fzwriter's check and its rename
        real(fd)
        out.write_bytes(b"a colleague's file")

    monkeypatch.setattr(os, "fsync", someone_else_writes)
    with pytest.raises(InputError) as info:
        write_atomic(out, b"ours")
    assert "运行期间出现" in info.value.message
    assert out.read_bytes() == b"a colleague's file" and leftovers(tmp_path) == []


def test_exclusive_without_hard_links(tmp_path, monkeypatch):
    def no_links(a, b):
        raise OSError(errno.EPERM, "links not supported")

    monkeypatch.setattr(os, "link", no_links)
    out = tmp_path / "a.json"
    write_atomic(out, b"1")
    assert out.read_bytes() == b"1" and leftovers(tmp_path) == []
    with pytest.raises(InputError):
        write_atomic(out, b"2")
    assert out.read_bytes() == b"1"


def test_long_legal_name_is_written(tmp_path):
    # 250 bytes is a legal name; a temporary name derived from it would not be
    out = tmp_path / ("法" * 81 + "报告.docx")
    assert len(os.fsencode(out.name)) <= 255
    write_atomic(out, b"x")
    assert out.read_bytes() == b"x" and leftovers(tmp_path) == []
    with pytest.raises(InputError) as info:
        write_atomic(tmp_path / ("法" * 90 + ".json"), b"x")
    assert "文件名过长" in info.value.message


def test_a_folder_is_not_an_output(tmp_path):
    (tmp_path / "out.json").mkdir()
    with pytest.raises(InputError) as info:
        write_atomic(tmp_path / "out.json", b"x", force=True)
    assert "文件夹" in info.value.message


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(InputError) as info:
            write_atomic(folder / "m.json", b"x")
        assert "没有权限" in info.value.message
    finally:
        folder.chmod(0o755)


def test_mine_never_writes_over_its_own_input(tmp_path):
    corpus = tmp_path / "往年"
    corpus.mkdir()
    one = corpus / "a.txt"
    one.write_bytes(seed("000").read_bytes())
    (corpus / "b.txt").write_bytes(seed("001").read_bytes())
    before = one.read_bytes()
    r = run_cli("mine", str(corpus), "-o", str(one), "--force", cwd=tmp_path)
    assert r.returncode == 2 and "输入文件" in r.stderr and "Traceback" not in r.stderr
    assert one.read_bytes() == before
    # a hard link to an input is the input too
    os.link(one, tmp_path / "link.txt")
    with pytest.raises(InputError):
        fsutil.check_output(tmp_path / "link.txt", True, [one])


def test_new_never_writes_over_its_basis(tmp_path):
    basis = tmp_path / "上年.txt"
    basis.write_bytes(seed("001").read_bytes())
    before = basis.read_bytes()
    with pytest.raises(InputError) as info:
        fsutil.check_output(basis, True, [basis])
    assert "输入文件" in info.value.message and basis.read_bytes() == before


def test_stdout_on_a_full_device(tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    import subprocess

    with open("/dev/full", "w") as full:
        r = subprocess.run([sys.executable, "-m", "writer", "rules"], stdout=full, stderr=subprocess.PIPE,
                           text=True, encoding="utf-8", timeout=60)
    assert r.returncode == 2
    assert "标准输出" in r.stderr and "磁盘空间已满" in r.stderr and "Traceback" not in r.stderr


def test_a_100_kb_region_is_refused_cleanly(tmp_path):
    r = run_cli("new", "--region", "秦" * 33_000, "--year", "2024", cwd=tmp_path, timeout=60)
    assert r.returncode == 2 and "--region" in r.stderr and "过长" in r.stderr
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "fzwriter.toml").write_text('region = "' + "秦" * 1000 + '"\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        from writer.config import load_config

        load_config(tmp_path)
    assert "过长" in info.value.message


def _digests(folder):
    import hashlib

    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


def test_annotate_with_force_never_writes_over_an_input(tmp_path):
    """Issue 24, point 3: x.审阅.docx given as an input is not replaced by x.docx's commented copy."""
    src = os.path.join(os.path.dirname(__file__), "..", "examples", "草稿-有问题.docx")
    data = open(src, "rb").read()
    (tmp_path / "x.docx").write_bytes(data)
    (tmp_path / "x.审阅.docx").write_bytes(data)
    before = _digests(tmp_path)
    r = run_cli("lint", "x.docx", "x.审阅.docx", "--annotate", ".", "--force", cwd=tmp_path, timeout=120)
    assert r.returncode == 2 and "x.审阅.docx" in r.stderr and "输入文件" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
    assert _digests(tmp_path) == before


def test_summary_never_writes_over_a_draft_found_in_a_folder(tmp_path):
    drafts = tmp_path / "稿"
    drafts.mkdir()
    (drafts / "a.txt").write_bytes(seed("000").read_bytes())
    (drafts / "b.csv").write_bytes(b"x")  # not a draft: may be replaced with --force
    (drafts / "c.txt").write_bytes(seed("001").read_bytes())
    before = _digests(drafts)
    r = run_cli("lint", str(drafts), "--summary", str(drafts / "a.txt"), "--force", cwd=tmp_path, timeout=120)
    assert r.returncode == 2 and "xlsx" in r.stderr  # .txt is no summary
    os.link(drafts / "a.txt", tmp_path / "same.csv")  # a hard link to a draft is the draft
    r = run_cli("lint", str(drafts), "--summary", str(tmp_path / "same.csv"), "--force", cwd=tmp_path, timeout=120)
    assert r.returncode == 2 and "输入文件" in r.stderr, r.stderr
    assert _digests(drafts) == before


def test_a_device_or_fifo_is_never_replaced_even_with_force(tmp_path):
    """Issue 24, point 4: `mine -o /dev/null --force` as root would make /dev/null a regular file."""
    import stat

    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    for target in ("/dev/null", str(fifo)):
        r = run_cli("mine", "-o", target, "--force", cwd=tmp_path, timeout=120)
        assert r.returncode == 2 and target in r.stderr and "不是普通文件" in r.stderr, r.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    link = tmp_path / "null.json"
    os.symlink("/dev/null", link)
    with pytest.raises(InputError):
        fsutil.check_output(link, True)
    with pytest.raises(InputError):  # the check again just before the rename
        write_atomic(link, b"{}", force=True)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode) and os.path.islink(link)
