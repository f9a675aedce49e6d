"""Older word-processor files (.doc, .wps, .dot, .wpt, .rtf, .odt) to .docx, through LibreOffice run
headless; the .docx is then read by the normal reader.

A batch converts all its files in one LibreOffice start: each input is copied into a private
temporary folder under a numbered name (odd names and two files of one name cannot collide, and
LibreOffice never leaves a lock file beside the user's file), converted with a throw-away user profile
(a LibreOffice the user has open, or a parallel fzwriter, never receives the job), and the folder is
removed when the batch closes. A file that hangs LibreOffice costs its time limit: the whole process
group is killed, that file is reported, and the files after it get a new start.

LibreOffice is looked for in FZWRITER_SOFFICE (the program itself), on PATH, then in its usual install
folders (FZWRITER_SOFFICE_DIRS replaces that list; set it empty to search none).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

# what LibreOffice converts for us, and how the messages name it
SUFFIXES = {".doc": "旧版 Word .doc", ".dot": "旧版 Word 模板 .dot", ".wps": "WPS 文字 .wps",
            ".wpt": "WPS 模板 .wpt", ".rtf": "RTF", ".odt": "OpenDocument .odt"}
ENV_PROGRAM = "FZWRITER_SOFFICE"
ENV_DIRS = "FZWRITER_SOFFICE_DIRS"
PER_FILE = 60.0  # seconds a file may take (a report converts in well under one)
START = 60.0  # seconds more for the first file: LibreOffice starts and builds its profile
_POLL = 0.1
_FILTER = "docx:MS Word 2007 XML"
# the throw-away profile starts with macros off whatever the files hold (they come from other units),
# and without the first-start dialogs, update checks and crash recovery a conversion never needs
_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Jobs/Jobs/org.openoffice.Office.Jobs:Job['UpdateCheck']/Arguments"><prop oor:name="AutoCheckEnabled" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Recovery/AutoSave"><prop oor:name="Enabled" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""

_INSTALL_DIRS = {
    "linux": ["/usr/lib/libreoffice", "/usr/lib64/libreoffice", "/usr/local/lib/libreoffice",
              "/opt/libreoffice*", "/usr/local/libreoffice*", "/snap/libreoffice/current/lib/libreoffice",
              "/var/lib/flatpak/app/org.libreoffice.LibreOffice/current/active/files/libreoffice"],
    "win32": [r"%PROGRAMFILES%\LibreOffice", r"%PROGRAMFILES(X86)%\LibreOffice", r"%LOCALAPPDATA%\Programs\LibreOffice",
              r"C:\Program Files\LibreOffice", r"C:\Program Files (x86)\LibreOffice"],
    "darwin": ["/Applications/LibreOffice.app/Contents", "~/Applications/LibreOffice.app/Contents"],
}
_NAMES = ("soffice.exe", "soffice.com") if sys.platform == "win32" else ("soffice",)
_SUBDIRS = ("program", "MacOS", "")


def install_dirs() -> list[str]:
    """The folders searched after PATH: FZWRITER_SOFFICE_DIRS (os.pathsep-separated) or the usual ones."""
    if ENV_DIRS in os.environ:
        return [d for d in os.environ[ENV_DIRS].split(os.pathsep) if d.strip()]
    key = "linux" if sys.platform.startswith("linux") else sys.platform
    return _INSTALL_DIRS.get(key, _INSTALL_DIRS["linux"])


def find_soffice() -> str | None:
    """The LibreOffice program to run, or None when there is none here."""
    import glob
    import shutil

    named = os.environ.get(ENV_PROGRAM)
    if named:
        return named if os.path.isfile(named) and os.access(named, os.X_OK) else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for pattern in install_dirs():
        for folder in sorted(glob.glob(os.path.expanduser(os.path.expandvars(pattern))), reverse=True):
            for sub in _SUBDIRS:
                for name in _NAMES:
                    program = os.path.join(folder, sub, name)
                    if os.path.isfile(program) and os.access(program, os.X_OK):
                        return program
    return None


def missing(path: Path) -> str:
    """The message for a file that needs LibreOffice where there is none (without the path)."""
    kind = SUFFIXES.get(path.suffix.lower(), "旧版 Word .doc")
    where = "；Linux 上也可 apt install libreoffice-writer-nogui" if sys.platform.startswith("linux") else ""
    return (f"这是{kind} 文件，读取它需要 LibreOffice（免费软件），本机没有找到。请从 https://www.libreoffice.org "
            f"下载安装{where}；或在 WPS/Word 中把它“另存为”.docx 后再检查")


@dataclass
class Batch:
    """The converted copies of a batch: input path → .docx in the batch's temporary folder, or why not.
    Close it (or use it in a with block) to remove the folder."""

    docx: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)  # Chinese, without the file's path
    starts: int = 0  # LibreOffice starts it took (one, unless a file hung or crashed it)
    folder: str | None = None

    def close(self) -> None:
        import shutil

        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def __enter__(self) -> Batch:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get(self, path: str | Path) -> str | None:
        return self.docx.get(str(path))


def convert(files: list[tuple[str, bytes]], *, program: str | None = None, per_file: float = PER_FILE,
            start: float = START) -> Batch:
    """Convert every (path, bytes) to .docx in one LibreOffice start (more only when a file hangs or
    crashes it). A file LibreOffice cannot open gets a message in `errors`; so does every file when
    LibreOffice is not installed."""
    import tempfile

    batch = Batch()
    if not files:
        return batch
    program = program or find_soffice()
    if program is None:
        for path, _ in files:
            batch.errors[path] = missing(Path(path))
        return batch
    batch.folder = tempfile.mkdtemp(prefix="fzwriter-convert-")
    try:
        src, out = Path(batch.folder) / "in", Path(batch.folder) / "out"
        src.mkdir()
        out.mkdir()
        names: list[tuple[str, Path]] = []
        for n, (path, data) in enumerate(files, start=1):
            copy = src / f"{n:05d}{Path(path).suffix.lower()}"
            copy.write_bytes(data)
            names.append((path, copy))
        todo = names
        while todo:
            todo = _run(program, todo, out, Path(batch.folder), batch, per_file, start)
    except BaseException:
        batch.close()
        raise
    return batch


def _run(program: str, todo: list[tuple[str, Path]], out: Path, folder: Path, batch: Batch,
         per_file: float, start: float) -> list[tuple[str, Path]]:
    """One LibreOffice start over `todo`; the files still to do when it hung or died (those after the
    one it was on)."""
    import subprocess

    batch.starts += 1
    profile = folder / f"profile{batch.starts}"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_SETTINGS, encoding="utf-8")
    log = folder / f"log{batch.starts}.txt"
    cmd = [program, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--invisible",
           "--norestore", "--nologo", "--nodefault", "--nolockcheck", "--convert-to", _FILTER,
           "--outdir", str(out), *(str(copy) for _, copy in todo)]
    with open(log, "wb") as sink:
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=sink, stderr=subprocess.STDOUT,
                                    cwd=folder, **_group())
        except OSError as exc:
            for path, _ in todo:
                batch.errors[path] = f"无法启动 LibreOffice（{program}：{exc.strerror or exc}）"
            return []
        timed_out = False
        try:
            timed_out = _wait(proc, todo, out, log, per_file, start)
        finally:
            if proc.poll() is None:
                _kill(proc)
    return _collect(todo, out, batch, timed_out, proc.returncode, per_file)


def _wait(proc, todo, out: Path, log: Path, per_file: float, start: float) -> bool:
    """Wait for LibreOffice to finish; True when a file took longer than its limit (the clock restarts
    each time a file is done, seen by its output or a line of LibreOffice's log)."""
    import time

    deadline = time.monotonic() + start + per_file
    seen = (0, 0)
    while proc.poll() is None:
        time.sleep(_POLL)
        try:
            now = (len(os.listdir(out)), log.stat().st_size)
        except OSError:
            now = seen
        if now != seen:
            seen = now
            deadline = time.monotonic() + per_file
        elif time.monotonic() > deadline:
            return True
    return False


def _collect(todo, out: Path, batch: Batch, timed_out: bool, code, per_file: float) -> list[tuple[str, Path]]:
    """Record each file's .docx or problem; the files to retry in a new start."""
    for k, (path, copy) in enumerate(todo):
        target = out / (copy.stem + ".docx")
        if _complete(target):
            batch.docx[path] = str(target)
            continue
        target.unlink(missing_ok=True)
        if timed_out or code != 0:
            # LibreOffice works through its files in order: it stopped at this one; the rest get a new start
            batch.errors[path] = (f"转换超时（超过 {per_file:.0f} 秒），已终止 LibreOffice；文件可能已损坏"
                                  if timed_out else "LibreOffice 转换时异常退出，文件可能已损坏")
            return todo[k + 1:]
        batch.errors[path] = ("LibreOffice 无法打开此文件：文件可能已损坏、设置了打开密码，或不是它扩展名所说的格式；"
                              "请在 WPS/Word 中打开后另存为 .docx 再检查")
    return []


def _complete(docx: Path) -> bool:
    """A whole .docx (a file LibreOffice was killed while writing is not)."""
    import zipfile

    try:
        with zipfile.ZipFile(docx) as zf:
            return "word/document.xml" in zf.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


def _group() -> dict:
    """Start LibreOffice in a process group of its own, so that a time-out can end all of it."""
    import subprocess

    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP | getattr(subprocess, "CREATE_NO_WINDOW", 0)}
    return {"start_new_session": True}


def _kill(proc) -> None:
    import subprocess

    if sys.platform == "win32":
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True)
    else:
        import signal

        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


def preflight(path: Path, data: bytes) -> str | None:
    """What LibreOffice should not be asked to open, said before it starts: an opening password
    (LibreOffice would only say it cannot load the file). None when the file may be converted."""
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        if _ole_encrypted(data):
            return "文档设置了打开密码，无法读取；请报送单位取消密码后重新发送，或在 WPS/Word 中输入密码后另存为 .docx"
    elif data.startswith(b"PK\x03\x04") and _odf_encrypted(data):
        return "文档设置了打开密码，无法读取；请报送单位取消密码后重新发送，或在 WPS/Word 中输入密码后另存为 .docx"
    return None


def _ole_encrypted(data: bytes) -> bool:
    """An encrypted Word 97 binary file (its FIB says so) or an encrypted .docx inside an OLE wrapper."""
    if "EncryptedPackage".encode("utf-16-le") in data[:4 * 2**20]:
        return True
    import io

    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if not ole.exists("WordDocument"):
                return False
            fib = ole.openstream("WordDocument").read(12)
    except Exception:  # noqa: BLE001 - a damaged file: LibreOffice will say it cannot open it
        return False
    # FibBase: wIdent 0xA5EC; flags at offset 10, fEncrypted = 0x0100
    return len(fib) >= 12 and fib[:2] == b"\xec\xa5" and bool(int.from_bytes(fib[10:12], "little") & 0x0100)


def _odf_encrypted(data: bytes) -> bool:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if "META-INF/manifest.xml" not in zf.namelist():
                return False
            with zf.open("META-INF/manifest.xml") as fh:
                return b"encryption-data" in fh.read(2**20)
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
        return False


def convert_one(path: Path, data: bytes) -> tuple[Batch, str]:
    """One file in its own batch (a single file read outside a batch: --from, --previous); the batch
    (to close after reading) and the .docx. Raises InputError when it cannot be converted."""
    why = preflight(path, data)
    if why:
        raise InputError(path, why)
    batch = convert([(str(path), data)])
    if str(path) in batch.errors:
        batch.close()
        raise InputError(path, batch.errors[str(path)])
    return batch, batch.docx[str(path)]
