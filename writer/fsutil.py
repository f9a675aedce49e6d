"""Writing outputs: never over an existing file without --force, and atomically (temp file + rename)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError


def _umask() -> int:
    """The process umask (os.umask can only be read by setting it)."""
    old = os.umask(0o022)
    os.umask(old)
    return old


def new_file_mode(path: Path) -> int:
    """The mode `path` gets: an overwritten file keeps its own, a new one follows the umask like `open`
    (mkstemp's 0600 would hide the report from colleagues on a shared folder)."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def write_atomic(path: Path, data: bytes, force: bool = False) -> None:
    path = Path(path)
    if path.exists() and not force:
        raise InputError(path, "文件已存在；如要覆盖，请加 --force")
    if path.exists() and path.is_dir():
        raise InputError(path, "是文件夹，不能作为输出文件")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(path, "所在文件夹不存在")
    mode = new_file_mode(path)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            if hasattr(os, "fchmod"):  # not on Windows, where the mode means little
                os.fchmod(fh.fileno(), mode)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise InputError(path, f"无法写入：{exc.strerror or exc}") from None
