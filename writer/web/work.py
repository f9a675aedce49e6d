"""Uploads, reviews and drafts of the page, kept in one private temporary folder.

An upload is stored under a name fzwriter makes (a number and the suffix, which tells the reader the
format); the browser's file name is only shown, never used on disk. A review moves its uploads into
its own folder, runs `engine.lint_paths` on them (the command's engine, settings and messages), keeps
the results and the commented copies, and removes the uploads once they are processed. The engine
runs on one thread, one review or draft at a time: a batch already uses every core.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import threading
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..engine import FileResult, in_folder, lint_paths, taken
from ..errors import InputError

MAX_UPLOADS = 5000  # waiting to be used at once: a batch of several hundred reports fits
MAX_FILES = 2000  # in one review
KEEP = 20  # reviews and drafts kept (the oldest finished ones are removed first)
FOLDER = "所选文件夹"  # how messages name the folder of a folder upload


class Stopped(Exception):
    """The server is stopping: a running review gives up between two files."""


@dataclass
class Settings:
    """What the commands would use in the folder `serve` was started in (fzwriter.toml)."""

    rules: list
    severity: dict | None = None
    year: int | None = None
    region: str | None = None
    templates: Path | None = None
    config: str | None = None  # the settings file's name, when one is in force
    jobs: int | None = None  # worker processes for a batch, as lint's --jobs (None: one per idle core)

    @classmethod
    def of(cls, config, where: Path | None) -> "Settings":
        """What `lint` and `new` take from fzwriter.toml (`config`, read from `where`)."""
        from ..engine import choose_rules

        return cls(rules=choose_rules(config.select, config.ignore), severity=config.severity, year=config.year,
                   region=config.region, templates=config.folder("templates", where),
                   config=where.name if where is not None else None)


@dataclass
class Upload:
    id: str
    path: Path
    name: str  # as the browser named it: shown, never used on disk
    folder: bool  # part of a folder the user picked (a file there that is not a report is skipped)
    size: int = 0


@dataclass
class Review:
    id: str
    total: int
    state: str = "waiting"  # waiting, running, done, failed
    done: int = 0
    current: str = ""
    error: str | None = None
    results: list[FileResult] = field(default_factory=list)
    annotated: dict[int, Path] = field(default_factory=dict)  # result index → commented copy
    year: int | None = None  # given on the page
    region: str | None = None
    folder: Path | None = None
    started: float = 0.0
    seconds: float | None = None


@dataclass
class Draft:
    id: str
    path: Path
    name: str  # the download's name: what `new` would call the file
    lines: list[str]


def shown_name(raw: str, folder: bool) -> str:
    """The browser's name for a file, fit to show: printable, no empty or dot parts; a folder
    upload keeps its path inside the folder, a single file only its own name."""
    text = "".join(c for c in raw if c.isprintable())[:300]
    parts = [p.strip() for p in re.split(r"[\\/]+", text)]
    parts = [p for p in parts if p not in ("", ".", "..")]
    if not parts:
        return "未命名文件"
    return "/".join(parts) if folder else parts[-1]


def suffix_of(name: str) -> str:
    """The suffix the stored copy gets (what the reader goes by), when it is a plain one."""
    suffix = PurePosixPath(name).suffix.lower()
    return suffix if re.fullmatch(r"\.[0-9a-z]{1,10}", suffix) else ""


class Workspace:
    """The private folder and what the page has put in it; `close` removes it all."""

    def __init__(self, root: Path, settings: Settings):
        self.root = root
        self.settings = settings
        for sub in ("uploads", "reviews", "drafts"):
            (root / sub).mkdir(mode=0o700, exist_ok=True)
        self.uploads: dict[str, Upload] = {}
        self.reviews: OrderedDict[str, Review] = OrderedDict()
        self.drafts: OrderedDict[str, Draft] = OrderedDict()
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self.stopping = threading.Event()
        self.engine = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fzwriter-engine")

    def _id(self) -> str:
        import secrets

        return f"{next(self._ids)}{secrets.token_hex(4)}"

    # ------------------------------------------------------------------ uploads

    def skip_reason(self, name: str, folder: bool) -> str | None:
        """Why a file of a picked folder is not taken (what lint passes over in a folder)."""
        if not folder:
            return None
        inside = PurePosixPath(*name.split("/")[1:]) if "/" in name else PurePosixPath(name)
        if not in_folder(inside, taken()):
            return "不是报告文件，已跳过"
        return None

    def reserve(self, raw_name: str, folder: bool) -> tuple[Upload, int]:
        """A new upload's record and its file, opened for writing (only this user can read it)."""
        with self._lock:
            if len(self.uploads) >= MAX_UPLOADS:
                raise InputError(None, f"等待检查的上传文件已有 {MAX_UPLOADS} 个；请先检查或刷新页面后重试")
            uid = self._id()
            name = shown_name(raw_name, folder)
            path = self.root / "uploads" / f"{uid}{suffix_of(name)}"
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
            up = Upload(uid, path, name, folder)
            self.uploads[uid] = up
        return up, fd

    def discard(self, up: Upload) -> None:
        with self._lock:
            self.uploads.pop(up.id, None)
        _unlink(up.path)

    def take(self, *ids: str | None) -> list[Upload | None]:
        """The uploads `ids` (None stays None), now the caller's: all of them, or none when one is
        unknown (a used or stale id), so that nothing is left waiting."""
        named = [str(i) for i in ids if i is not None]
        with self._lock:
            if len(set(named)) < len(named) or any(i not in self.uploads for i in named):
                raise InputError(None, "上传的文件已失效（可能服务已重启），请重新选择文件")
            return [self.uploads.pop(str(i)) if i is not None else None for i in ids]

    # ------------------------------------------------------------------ reviews

    def start_review(self, ids: list[str], previous: str | None, year: int | None, region: str | None) -> Review:
        if not ids:
            raise InputError(None, "没有要检查的文件")
        if len(ids) > MAX_FILES:
            raise InputError(None, f"一次最多检查 {MAX_FILES} 个文件")
        *files, prev = self.take(*ids, previous)
        review = Review(id=self._id(), total=len(files), year=year, region=region)
        folder = self.root / "reviews" / review.id
        (folder / "in" / "folder").mkdir(parents=True, mode=0o700)
        review.folder = folder
        names: dict[str, str] = {}
        listed: list[str] = []
        for n, up in enumerate(files, start=1):
            where = folder / "in" / ("folder" if up.folder else "") / f"{n:05d}{up.path.suffix}"
            os.replace(up.path, where)
            names[str(where)] = up.name
            if not up.folder:
                listed.append(str(where))
        if any(up.folder for up in files):
            listed.append(str(folder / "in" / "folder"))  # lint's own walk: listed=False, non-reports skipped
            names[str(folder / "in" / "folder")] = FOLDER
        prev_path = None
        if prev is not None:
            # FG05/WD07 messages name last year's report by its file name: one no draft would contain
            prev_path = folder / f"fzwriter-previous-{review.id}{prev.path.suffix}"
            os.replace(prev.path, prev_path)
            names[str(prev_path)] = prev.name
            names[prev_path.name] = prev.name
        with self._lock:
            self.reviews[review.id] = review
            self._trim(self.reviews, lambda r: r.state in ("done", "failed"), lambda r: r.folder)
        self.engine.submit(self._run_review, review, listed, prev_path, names)
        return review

    def _run_review(self, review: Review, paths: list[str], previous: Path | None, names: dict[str, str]) -> None:
        s = self.settings
        review.state = "running"
        review.started = time.perf_counter()
        out = review.folder / "out"

        def progress(n: int, total: int, name: str) -> None:
            review.done, review.total, review.current = n, total, names.get(name, "")
            if self.stopping.is_set():
                raise Stopped()

        # the state the page polls is set last, once the uploads are gone: "done" means processed
        state, error = "failed", None
        try:
            results = lint_paths(paths, s.rules, year=review.year or s.year, region=review.region or s.region,
                                 severity=s.severity, annotate=out, previous=previous, progress=progress,
                                 texts=True, jobs=s.jobs)
            for k, r in enumerate(results):
                self._show(r, k, review, names)
            review.results = results
            state = "done"
        except Stopped:
            error = "服务已停止，检查未完成"
        except InputError as exc:
            error = _mapped(exc.message, names)
        except Exception as exc:  # noqa: BLE001 - a bug: said on the page, the server goes on
            error = f"内部错误（{type(exc).__name__}：{str(exc)[:200]}）；请把所用文件报告给 fzwriter 的维护者"
        finally:
            review.seconds = time.perf_counter() - review.started
            shutil.rmtree(review.folder / "in", ignore_errors=True)  # processed: the uploads go
            if previous is not None:
                _unlink(previous)
            if error is not None:
                review.error = error
            review.state = state

    def _show(self, r: FileResult, k: int, review: Review, names: dict[str, str]) -> None:
        """A result as the user knows the file: its own name in the path and every message."""
        r.path = names.get(r.path) or _mapped(r.path, names)
        r.error, r.skipped, r.problem = (_mapped(x, names) for x in (r.error, r.skipped, r.problem))
        r.notes = [_mapped(x, names) for x in r.notes]
        r.previous = _mapped(r.previous, names)
        for f in r.findings:
            f.message, f.suggestion = _mapped(f.message, names), _mapped(f.suggestion, names)
        if r.annotated:  # a download of the page; the JSON stays what `lint --format json` prints
            review.annotated[k] = Path(r.annotated)
            r.annotated = None

    # ------------------------------------------------------------------ drafts

    def draft(self, fields: dict, template: Upload | None, basis: Upload | None) -> Draft:
        """`fzwriter new` with the form's values; the .docx kept for download. Runs on the engine thread."""
        from ..scaffold import default_name, messages, scaffold

        # new's notices name a basis by its file name alone (沿用 X.docx…): map that too
        names = {k: u.name for u in (template, basis) if u is not None for k in (str(u.path), u.path.name)}
        did = self._id()
        folder = self.root / "drafts" / did
        folder.mkdir(mode=0o700)
        try:
            result = scaffold(fields["region"], fields["year"], level=fields.get("level"),
                              basis=basis.path if basis else None, template=template.path if template else None,
                              to=fields.get("to"), issuer=fields.get("issuer"), output=folder / "scaffold.docx",
                              templates=self.settings.templates)
        except InputError as exc:
            shutil.rmtree(folder, ignore_errors=True)
            raise InputError(None, _mapped(exc.message, names)) from None
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        finally:
            for u in (template, basis):
                if u is not None:
                    _unlink(u.path)
        name = default_name(fields["region"], fields["year"])
        draft = Draft(did, result.path, name, [_mapped(x, names) for x in messages(result, name)])
        with self._lock:
            self.drafts[did] = draft
            self._trim(self.drafts, lambda d: True, lambda d: d.path.parent)
        return draft

    # ------------------------------------------------------------------ the end

    def _trim(self, kept: OrderedDict, finished, folder_of) -> None:
        while len(kept) > KEEP:
            old = next((k for k, v in kept.items() if finished(v)), None)
            if old is None:
                return
            shutil.rmtree(folder_of(kept.pop(old)), ignore_errors=True)

    def close(self) -> None:
        """Stop a running review between two files, wait for the engine thread, remove everything."""
        self.stopping.set()
        self.engine.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self.root, ignore_errors=True)


def _mapped(text: str | None, names: dict[str, str]) -> str | None:
    """`text` with every stored path replaced by the name the user knows the file by."""
    if not text:
        return text
    for stored in sorted(names, key=len, reverse=True):
        text = text.replace(stored, names[stored])
    return text


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
