"""Outputs are written atomically with the permissions an ordinary `open` would give them."""

import os
import stat
import sys

import pytest

from helpers import run_cli
from writer.errors import InputError
from writer.fsutil import write_atomic

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask():
    old = os.umask(0o022)
    yield lambda value: os.umask(value)
    os.umask(old)


@pytest.mark.parametrize("mask, expected", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_new_file_follows_the_umask(tmp_path, umask, mask, expected):
    umask(mask)
    out = tmp_path / "模型.json"
    write_atomic(out, b"{}")
    assert mode(out) == expected
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp file left


def test_overwritten_file_keeps_its_mode(tmp_path, umask):
    out = tmp_path / "out.json"
    out.write_bytes(b"old")
    os.chmod(out, 0o600)
    write_atomic(out, b"new", force=True)
    assert out.read_bytes() == b"new" and mode(out) == 0o600


def test_no_overwrite_without_force(tmp_path):
    out = tmp_path / "out.json"
    out.write_bytes(b"old")
    with pytest.raises(InputError):
        write_atomic(out, b"new")
    assert out.read_bytes() == b"old"


def test_scaffold_is_readable_by_colleagues(tmp_path):
    os.chmod(tmp_path, 0o755)
    r = run_cli("new", "--region", "秦州区", "--year", "2025", "-o", "初稿.docx", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    current = os.umask(0o022)
    os.umask(current)  # the child inherited it (022 in CI and on most desktops)
    assert mode(tmp_path / "初稿.docx") == 0o666 & ~current
