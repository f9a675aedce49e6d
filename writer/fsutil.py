"""Writing outputs: never over an existing file without --force, never over one of the command's own
inputs, atomically (a temporary file in the same folder, then one rename), and every failure a
Chinese message with nothing left behind — also on Ctrl-C."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .errors import InputError

# errno → what to tell the user (strerror is English, and says nothing about what to do)
_ERRNO_CN = {
    errno.EACCES: "没有权限（请换一个有写入权限的文件夹，或检查文件是否只读）",
    errno.EPERM: "没有权限（请换一个有写入权限的文件夹，或检查文件是否只读）",
    errno.EROFS: "所在磁盘是只读的",
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.ENAMETOOLONG: "文件名过长（请用较短的文件名）",
    errno.EISDIR: "是文件夹，不是文件",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.ENOENT: "文件或所在文件夹不存在",
    errno.EEXIST: "文件已存在",
    errno.EIO: "磁盘读写出错",
    errno.EBUSY: "文件正被占用",
    errno.ETXTBSY: "文件正被占用",
    errno.EMFILE: "打开的文件过多",
    errno.ELOOP: "路径中的符号链接过多或成环",
    errno.EXDEV: "不能跨磁盘改名",
}


def os_error_cn(exc: OSError) -> str:
    """An OSError in Chinese: the reason and what to do, not Python's English."""
    if exc.errno in _ERRNO_CN:
        return _ERRNO_CN[exc.errno]
    return f"系统错误（{exc.strerror or type(exc).__name__}）"


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


def same_file(a: Path, b: Path) -> bool:
    """Whether `a` and `b` are the same file (hard links and symbolic links included)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        try:
            return Path(a).resolve() == Path(b).resolve()
        except OSError:
            return False


def check_output(path: Path, force: bool = False, inputs: list[Path] | tuple = ()) -> Path:
    """Refuse an output fzwriter must not write before any work is done: one of the command's own
    inputs (even with --force), a folder, an existing file without --force, a folder that is not there."""
    path = Path(path)
    if len(os.fsencode(path.name)) > 255:
        raise InputError(path, "文件名过长（超过 255 字节）；请用较短的文件名")
    try:
        if path.exists():
            for src in inputs:
                if src is not None and same_file(path, Path(src)):
                    raise InputError(path, "输出文件不能是输入文件本身（fzwriter 从不改写输入文件）")
        if path.is_dir():
            raise InputError(path, "是文件夹，不能作为输出文件")
        _refuse_special(path)
        if path.exists() and not force:
            raise InputError(path, "文件已存在；如要覆盖，请加 --force")
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise InputError(path, "所在文件夹不存在")
    except OSError as exc:  # a path too long as a whole, a loop of links …
        raise InputError(path, f"无法写入：{os_error_cn(exc)}") from None
    return path


def _refuse_special(path: Path) -> None:
    """An existing output that is not a regular file (a device such as /dev/null, a FIFO, a socket)
    is never replaced, even with --force: renaming over it would turn the node into a file."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # not there (or a dangling link, which a rename replaces as a name only)
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        kind = "管道（FIFO）" if stat.S_ISFIFO(mode) else "设备或套接字"
        raise InputError(path, f"已存在且是{kind}，不是普通文件，不能作为输出文件（--force 也不会替换它）")


def write_atomic(path: Path, data: bytes, force: bool = False, inputs: list[Path] | tuple = ()) -> None:
    """Write `data` to `path` through a temporary file in its folder. Without `force`, the file is
    created exclusively: one that appears at `path` while fzwriter works is never replaced."""
    path = check_output(path, force, inputs)
    folder = path.parent if str(path.parent) else Path(".")
    mode = new_file_mode(path)
    tmp: str | None = None
    import tempfile  # here: a lint that writes nothing need not load it (with random: ~1.5 ms)

    try:
        # a short name of its own: a legal output name plus a derived suffix may pass 255 bytes
        fd, tmp = tempfile.mkstemp(prefix=".fzw-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            if hasattr(os, "fchmod"):  # not on Windows, where the mode means little
                os.fchmod(fh.fileno(), mode)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if force:
            for src in inputs:  # the check again, just before: an input may have been moved here
                if src is not None and path.exists() and same_file(path, Path(src)):
                    raise InputError(path, "输出文件不能是输入文件本身（fzwriter 从不改写输入文件）")
            if path.is_dir():
                raise InputError(path, "是文件夹，不能作为输出文件")
            _refuse_special(path)
            os.replace(tmp, path)
        else:
            _place_exclusively(tmp, path)
        tmp = None
    except InputError:
        raise
    except OSError as exc:
        raise InputError(path, f"无法写入：{os_error_cn(exc)}") from None
    finally:
        # also on Ctrl-C (KeyboardInterrupt) and any other exit: no temporary file stays behind
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _place_exclusively(tmp: str, path: Path) -> None:
    """Move `tmp` to `path` unless `path` exists by now: a hard link fails on an existing name
    atomically; where links are not supported, the name is first claimed with O_EXCL."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise InputError(path, "文件已存在（在 fzwriter 运行期间出现）；如要覆盖，请加 --force") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK,
                             errno.ENOSYS, errno.EACCES):
            raise
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            raise InputError(path, "文件已存在（在 fzwriter 运行期间出现）；如要覆盖，请加 --force") from None
        os.close(fd)
        os.replace(tmp, path)  # the name is ours: replacing it replaces nothing of anyone's
        return
    os.unlink(tmp)


def is_regular(path: Path) -> bool:
    """Whether `path` is a regular file (not a FIFO or a device), without opening it."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def walk_drafts(root: Path, suffixes: set[str]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The drafts under folder `root` (files with one of `suffixes`, not hidden, not Word's ~$ lock
    files, in no hidden folder), sorted, and the subfolders that could not be read, with why."""
    found: list[Path] = []
    problems: list[tuple[Path, str]] = []

    def failed(exc: OSError) -> None:
        problems.append((Path(exc.filename or root), f"无法读取文件夹：{os_error_cn(exc)}"))

    for folder, dirs, files in os.walk(root, onerror=failed):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith(("~$", ".")) or Path(name).suffix.lower() not in suffixes:
                continue
            p = Path(folder) / name
            if is_regular(p):  # a FIFO or a device named .txt is not a draft
                found.append(p)
    return sorted(found), problems
