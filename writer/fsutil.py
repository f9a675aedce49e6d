"""Writing outputs: never over an existing file without --force, and atomically (temp file + rename)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError


def write_atomic(path: Path, data: bytes, force: bool = False) -> None:
    path = Path(path)
    if path.exists() and not force:
        raise InputError(path, "文件已存在；如要覆盖，请加 --force")
    if path.exists() and path.is_dir():
        raise InputError(path, "是文件夹，不能作为输出文件")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(path, "所在文件夹不存在")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(path, f"无法写入：{exc.strerror or exc}") from None
