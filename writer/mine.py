"""Learn the skeleton, phrasing and indicators of a folder of past reports (`fzwriter mine`).

One reader and one part detector (writer.structure) serve lint and mine alike. The result is a
pydantic model saved as JSON with a schema version; the same corpus gives byte-identical output
(files are read in sorted order, every list is sorted, nothing depends on time or hash order).
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Callable

from pydantic import BaseModel

from . import checklists
from .errors import InputError
from .figures import indicator_label
from .models import Report
from .regions import short
from .structure import PART_IDS
from .structure import analyse as analyse_structure

from .seedmodel import SCHEMA_VERSION, SHIPPED, SHIPPED_KEY, corpus_key  # noqa: F401 - as before, mine.corpus_key …


class PartSeen(BaseModel):
    form: str  # heading | runin | inline | absent
    heading: str | None = None  # with {year}/{next}/{region} slots


class Section(BaseModel):
    """One theme of S1 as the report wrote it: its heading and the leads under it."""

    heading: str  # slotted
    themes: list[str]
    paragraph: int
    end: int  # last paragraph of the section
    leads: list[str]  # sub-headings, run-in heads and 一是… leads, slotted


class ReportEntry(BaseModel):
    path: str
    sha256: str
    region: str | None
    year: int | None
    level: str | None
    title: str | None
    parts: dict[str, PartSeen]
    themes: list[str]
    sections: list[Section] = []


class Skipped(BaseModel):
    path: str
    reason: str


class Variant(BaseModel):
    text: str
    reports: int
    forms: dict[str, int]
    position: float  # mean position of the part among the report's parts (1 = first)


class ThemeGroup(BaseModel):
    name: str
    fitted: bool  # False: a heading that fits no theme of checklists/themes.yml
    reports: int
    headings: list[Variant]


class Phrase(BaseModel):
    text: str  # numbers, years and the region as slots
    part: str
    reports: int  # document frequency
    pattern: bool  # seen in two reports or more; one report only is an example
    seen: list[str]  # file names


class IndicatorValue(BaseModel):
    key: str
    label: str
    text: str  # as printed: 67件, 98.3%
    lo: float
    hi: float
    unit: str
    region: str | None
    year: int | None
    path: str
    paragraph: int
    current: bool = True  # this year's figure, not a comparison, running total or target
    section: int | None = None  # index into the report's sections (S1 themes)
    exact: bool = False  # the words name the indicator itself, not a kind of it (刑事案件 of 法律援助案件)


class CorpusModel(BaseModel):
    schema_version: int = SCHEMA_VERSION
    corpus_sha256: str
    reports: list[ReportEntry]
    skipped: list[Skipped]
    skeleton: dict[str, list[Variant]]
    themes: list[ThemeGroup]
    phrases: list[Phrase]
    indicators: list[IndicatorValue]
    # files that are one unit's report for one year (two copies, a .docx and its web text): each
    # group counted as one report in every tally above
    copies: list[list[str]] = []

    def dumps(self) -> str:
        # a corpus without copies writes what it always wrote
        return self.model_dump_json(indent=1, exclude=None if self.copies else {"copies"}) + "\n"


# ---------------------------------------------------------------- collecting


def collect(paths: list[Path]) -> list[Path]:
    """The reports under `paths`, sorted; a missing folder or one without reports is an error."""
    return gather(paths)[0]


def gather(paths: list[Path]) -> tuple[list[Path], list[Skipped]]:
    """The reports under `paths`, sorted by name, and the subfolders that could not be read (reported
    and skipped, as an unreadable file is). A missing path or a folder without reports is an error."""
    from .fsutil import walk_drafts
    from .reader import FORMATS_CN, INPUT_SUFFIXES

    found: set[Path] = set()
    problems: list[Skipped] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files, unreadable = walk_drafts(path, INPUT_SUFFIXES)
            problems.extend(Skipped(path=str(p), reason=why) for p, why in unreadable)
            if not files and not unreadable:
                raise InputError(path, f"文件夹中没有报告文件（{FORMATS_CN}）")
            found.update(files)
        elif not path.exists():
            raise InputError(path, "文件不存在")
        else:
            found.add(path)
    return sorted(found, key=lambda p: (p.name, str(p))), problems


def slot(text: str, report: Report) -> str:
    """Turn the year, the next year, the region and numbers into slots."""
    out = text
    if report.region:
        names = {report.region}
        s = short(report.region)
        if s:
            names.add(s)
        for n in sorted(names, key=len, reverse=True):
            out = out.replace(n, "{region}")
    if report.year:
        out = out.replace(f"{report.year + 1}年", "{next}年").replace(f"{report.year}年", "{year}年")
    out = re.sub(r"(?<![{\w])\d{4}年", "{year}年", out)
    out = re.sub(r"\d+(\.\d+)?", "{n}", out)
    return out


_HEAD_NUMBER = re.compile(r"^\s*([一二三四五六七八九十]+、|\(?[一二三四五六七八九十]+\)|（[一二三四五六七八九十]+）|\d+[.、．]|[一二三四五六七八九十]是)\s*")
_LEAD = re.compile(r"(?:^|。)\s*([一二三四五六七八九十]是[^,。;:]{2,40})")


def heads(report: Report, paragraphs: list[int]) -> list[str]:
    """Headings, run-in heads and 一是… leads of these paragraphs, numbers stripped."""
    out = []
    for i in paragraphs:
        p = report.para(i)
        if p.heading:
            out.append(_HEAD_NUMBER.sub("", p.heading.strip()))
        for m in _LEAD.finditer(p.norm):
            out.append(_HEAD_NUMBER.sub("", m.group(1)))
    return [h for h in out if h]


def sections(report: Report, structure) -> list[Section]:
    """The themes of S1 in order: the headings one level under S1's own heading (or, when S1's
    heading is itself the first theme, its siblings), each with the leads under it."""
    s1 = structure.parts.get("S1")
    if s1 is None or not s1.paragraphs:
        return []
    paras = sorted(set(s1.paragraphs) | ({s1.paragraph} if s1.paragraph else set()))
    heads_at = [i for i in paras if report.para(i).level is not None and report.para(i).heading]
    if not heads_at:
        return []
    top = report.para(s1.paragraph).level if s1.form == "heading" and s1.paragraph else None
    levels = sorted({report.para(i).level for i in heads_at})
    same = [i for i in heads_at if report.para(i).level == top]
    if top is not None and len(same) >= 2:
        chosen = same
    else:
        below = [lv for lv in levels if top is None or lv > top]
        if not below:
            return []
        chosen = [i for i in heads_at if report.para(i).level == below[0]]
    out = []
    for n, i in enumerate(chosen):
        end = chosen[n + 1] - 1 if n + 1 < len(chosen) else paras[-1]
        text = _HEAD_NUMBER.sub("", report.para(i).heading.strip())
        inner = [j for j in paras if i < j <= end]
        leads = [slot(h, report) for h in heads(report, inner)]
        own_lead = [slot(h, report) for h in heads(report, [i])[1:]]  # 一是… in the heading's own paragraph
        out.append(Section(heading=slot(text, report), themes=themes_of(text), paragraph=i, end=end,
                           leads=(own_lead + leads)[:8]))
    return out


def themes_of(head: str) -> list[str]:
    return [t.name for t in checklists.themes().themes if any(c in head for c in t.cues)]


_CLAUSE = re.compile(r"[^,;。:!?、()\"《》]+")
# slots travel through segmentation as single private-use characters
_SLOTS = {"{n}": "\ue000", "{year}": "\ue001", "{next}": "\ue002", "{region}": "\ue003"}
_SLOT_CHARS = set(_SLOTS.values())
_CJK = re.compile(r"[\u4e00-\u9fff]")


_UNSLOT = {ord(ch): text for text, ch in _SLOTS.items()}
_ENUMERATION = re.compile(r"^[一二三四五六七八九十]是")


_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]")
_SLOT_RX = re.compile("[" + "".join(_SLOTS.values()) + "]")


def _phrases(text: str, tokenize: Callable[[str], list[str]]) -> set[str]:
    """Word-aligned prefixes and suffixes of each clause (3–14 words, 6+ Chinese characters)."""
    for k, v in _SLOTS.items():
        text = text.replace(k, v)
    out: set[str] = set()
    for m in _CLAUSE.finditer(text):
        clause = _ENUMERATION.sub("", m.group(0).strip())  # 一是… enumerates, not phrasing
        others = [x.start() for x in _NOT_HAN.finditer(clause)]  # few: slots, letters, spaces
        total = len(clause) - len(others)
        if total < 6:
            continue
        words = tokenize(clause)
        n = len(words)
        if n < 3:
            continue
        ends = [0]
        for w in words:
            ends.append(ends[-1] + len(w))
        if not others:  # Chinese characters only (most clauses): a boundary counts them, no slots
            for k in range(3, min(n, 14) + 1):
                if ends[k] >= 6:
                    out.add(clause[:ends[k]])
                if total - ends[n - k] >= 6:
                    out.add(clause[ends[n - k]:])
            continue
        has_slot = _SLOT_RX.search(clause) is not None
        for k in range(3, min(n, 14) + 1):
            # Chinese characters before a boundary b: b less the other characters before it
            b = ends[k]
            if b - bisect_left(others, b) >= 6:
                _add_piece(out, clause[:b], has_slot)
            b = ends[n - k]
            if total - b + bisect_left(others, b) >= 6:
                _add_piece(out, clause[b:], has_slot)
    return out


def _add_piece(out: set[str], piece: str, has_slot: bool) -> None:
    if not has_slot:
        out.add(piece)
    # a slot at either end says nothing the slot-free phrase does not
    elif piece[0] not in _SLOT_CHARS and piece[-1] not in _SLOT_CHARS:
        out.add(piece.translate(_UNSLOT) if _SLOT_RX.search(piece) else piece)


class _Segmenter:
    """jieba's accurate mode without HMM (`Tokenizer.lcut(s, HMM=False)`), word for word, computed in
    one backward pass over its dictionary with each word's log-probability computed once: jieba
    builds a DAG dict, a route dict and a generator of tuples per character and takes a logarithm
    per candidate, which made segmentation half of `mine`'s time. tests/test_mine_speed.py checks
    that the words are jieba's own."""

    _HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")  # jieba's re_han_default
    _ENG = re.compile("[a-zA-Z0-9]")  # jieba's re_eng

    def __init__(self, lp: dict[str, float | None], default: float):
        # every dictionary entry's log-probability, None for an entry that is only a word's prefix:
        # one lookup says both whether to read on and what the word is worth
        self.lp = lp
        self.default = default  # a character the dictionary does not know

    @classmethod
    def of(cls, tok) -> _Segmenter:
        """The table of a loaded jieba Tokenizer (its FREQ and total)."""
        import math

        logtotal = math.log(tok.total)
        return cls({w: (math.log(f) - logtotal if f else None) for w, f in tok.FREQ.items()},
                   math.log(1) - logtotal)

    def __call__(self, sentence: str) -> list[str]:
        out: list[str] = []
        for blk in self._HAN.split(sentence):
            if not blk:
                continue
            if self._HAN.match(blk):
                self._block(blk, out)
            else:  # as jieba: "\r\n" whole, every other character a word of its own
                i, n = 0, len(blk)
                while i < n:
                    if blk.startswith("\r\n", i):
                        out.append("\r\n")
                        i += 2
                    else:
                        out.append(blk[i])
                        i += 1
        return out

    def _block(self, blk: str, out: list[str]) -> None:
        lp = self.lp
        n = len(blk)
        best = [0.0] * (n + 1)
        nxt = [0] * (n + 1)
        missing = lp  # a sentinel no entry holds
        for k in range(n - 1, -1, -1):
            bv = self.default + best[k + 1]
            bx = k
            known = False
            i = k
            frag = blk[k]
            while True:
                w = lp.get(frag, missing)
                if w is missing:
                    break
                if w is not None:
                    v = w + best[i + 1]
                    # jieba takes max((v, x)): the higher probability, then the longer word
                    if not known or v > bv or (v == bv and i > bx):
                        bv, bx, known = v, i, True
                i += 1
                if i >= n:
                    break
                frag = blk[k:i + 1]
            best[k], nxt[k] = bv, bx
        # single letters and digits run together, as jieba's __cut_DAG_NO_HMM does
        x, buf, eng = 0, "", self._ENG
        while x < n:
            y = nxt[x] + 1
            word = blk[x:y]
            if len(word) == 1 and eng.match(word):
                buf += word
            else:
                if buf:
                    out.append(buf)
                    buf = ""
                out.append(word)
            x = y
        if buf:
            out.append(buf)


def _tokenizer() -> Callable[[str], list[str]]:
    terms = {c for t in checklists.themes().themes for c in t.cues}
    # names and words (第一责任人, 习近平法治思想) stay whole; longer standard forms are phrases to mine
    terms |= {f.right for f in checklists.formulations().formulations if len(f.right) <= 8}
    return _segmenter(frozenset(terms))


# bump when _Segmenter's table changes meaning
_TABLE_FORMAT = b"1"


@lru_cache(maxsize=2)
def _segmenter(terms: frozenset[str]) -> Callable[[str], list[str]]:
    """jieba's dictionary with the domain terms added, loaded once a process. Preparing it from
    jieba costs ~1.9 s (jieba's own cache, then a logarithm per entry), all before the workers
    fork; the finished table is kept in the user's cache folder (marshal, keyed by jieba's
    dictionary and the terms) and read back in ~0.4 s."""
    import marshal

    from .resources import cache_dir as user_cache

    cached = user_cache() / "jieba" / f"table-{_table_key(terms)}.marshal"
    try:
        lp, default = marshal.loads(cached.read_bytes())
        if isinstance(lp, dict) and isinstance(default, float):
            return _Segmenter(lp, default)
    except Exception:  # noqa: BLE001 - absent, damaged or from another Python: prepared afresh
        pass
    seg = _Segmenter.of(_jieba(terms))
    try:
        from .fsutil import write_atomic

        cached.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(cached, marshal.dumps((seg.lp, seg.default)), force=True)
    except (OSError, InputError):
        pass  # a read-only home only costs the preparation next time
    return seg


def _table_key(terms: frozenset[str]) -> str:
    """What the table depends on: jieba's dictionary file and version, the terms, this Python."""
    import sys
    from importlib.metadata import version
    from importlib.util import find_spec

    h = hashlib.sha256(_TABLE_FORMAT + sys.version.encode())
    try:
        h.update(version("jieba").encode())
        spec = find_spec("jieba")
        st = (Path(next(iter(spec.submodule_search_locations))) / "dict.txt").stat()
        h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
    except Exception:  # noqa: BLE001 - an unusual install: the key still changes with the terms
        h.update(b"?")
    h.update("\0".join(sorted(terms)).encode())
    return h.hexdigest()[:24]


def _jieba(terms: frozenset[str]):
    import logging

    import jieba

    from .resources import cache_dir as user_cache

    # CRITICAL: a cache jieba cannot write is not worth a traceback on the user's screen
    jieba.setLogLevel(logging.CRITICAL)
    tok = jieba.Tokenizer()
    # jieba keeps its prepared dictionary in the shared temp folder by default, where another user
    # could plant one: it lives in the user's own cache folder instead (if that cannot be made,
    # the dictionary is prepared afresh each time)
    folder = user_cache() / "jieba"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass
    tok.tmp_dir = str(folder)
    tok.initialize()
    # domain terms stay whole: indicator labels, theme cues, standard formulations
    for t in sorted(terms):
        tok.add_word(t, freq=50000)
    return tok


# ---------------------------------------------------------------- mining


@dataclass
class _Mined:
    """What one report adds to the model, gathered before any of it is merged."""

    parts: dict[str, PartSeen]
    headings: list[tuple[str, str, str, float]]  # (part, slotted heading, form, position)
    theme_heads: list[tuple[str, str]]  # (theme or heading, slotted heading)
    themes: set[str]
    phrases: set[tuple[str, str]]  # (part, phrase)
    sections: list[Section]
    indicators: list[IndicatorValue]


def _mine_one(report: Report, name: str, tokenize) -> _Mined:
    structure = analyse_structure(report)
    present = [pid for pid in PART_IDS if pid in structure.parts and structure.parts[pid].form != "absent"]
    parts: dict[str, PartSeen] = {}
    headings = []
    for pid, part in sorted(structure.parts.items()):
        heading = None
        if part.form in ("heading", "runin") and part.paragraph is not None:
            raw = report.para(part.paragraph).heading or part.evidence
            heading = slot(_HEAD_NUMBER.sub("", raw.strip()), report)
            pos = present.index(pid) + 1 if pid in present else 0
            headings.append((pid, heading, part.form, pos))
        parts[pid] = PartSeen(form=part.form, heading=heading)
    # themes: headings and leads inside S1
    s1 = structure.parts.get("S1")
    report_themes: set[str] = set()
    theme_heads = []
    if s1 is not None:
        for h in heads(report, [i for i in s1.paragraphs if i != s1.paragraph]):
            fitted = themes_of(h)
            text = slot(h, report)
            for t in fitted or [text]:
                theme_heads.append((t, text))
            if fitted:
                report_themes.update(fitted)
    # phrasing, per part
    phrases: set[tuple[str, str]] = set()
    for pid, part in sorted(structure.parts.items()):
        for i in part.paragraphs:
            phrases.update(zip(repeat(pid), _phrases(slot(report.para(i).norm, report), tokenize)))
    # the opening (before any part) is where the guidance formulas are
    for p in report.body()[:3]:
        if structure.part_of.get(p.index) is None:
            phrases.update(zip(repeat("开头"), _phrases(slot(p.norm, report), tokenize)))
    outline = sections(report, structure)
    return _Mined(parts=parts, headings=headings, theme_heads=theme_heads, themes=report_themes,
                  phrases=phrases, sections=outline, indicators=indicator_values(report, name, outline))


@dataclass
class _FileResult:
    """One file's contribution (its phrases go to its chunk's table), or why it was skipped."""

    path: Path
    sha: str | None = None
    entry: dict | None = None  # region, year, level, title
    mined: _Mined | None = None
    skipped: str | None = None


@dataclass
class _Chunk:
    """The results of consecutive files, with their phrases already tallied: phrase → the files (by
    index in the chunk) it was seen in. Tallied where the work is done, so that a pool's parent
    merges one table per chunk instead of every phrase of every file."""

    files: list[_FileResult]
    phrases: dict[tuple[str, str], list[int]]


# a file to mine: its path, the .docx LibreOffice made of it, or why it could not
_Source = tuple[Path, "str | None", "str | None"]


def _mine_file(path: Path, converted: str | None = None, failed: str | None = None) -> _FileResult:
    """Read and mine one file; any failure is this file's, reported and skipped."""
    from .reader import read_bytes, read_report

    if failed:
        return _FileResult(path, skipped=failed)
    try:
        data = read_bytes(path)
        report = read_report(path, data=data, converted=converted)
        one = _mine_one(report, path.name, _tokenizer())
    except InputError as exc:
        return _FileResult(path, skipped=exc.reason)
    except (KeyboardInterrupt, MemoryError):
        raise
    except Exception as exc:  # a bug on one file is that file's problem, not the corpus'
        return _FileResult(path, skipped=f"处理时出现意外错误（{type(exc).__name__}），已跳过")
    return _FileResult(path, sha=hashlib.sha256(data).hexdigest(), mined=one,
                       entry={"region": report.region, "year": report.year, "level": report.level,
                              "title": report.title})


def _mine_chunk(sources: list[_Source]) -> _Chunk:
    files = [_mine_file(*src) for src in sources]
    phrases: dict[tuple[str, str], list[int]] = {}
    for k, res in enumerate(files):
        if res.mined is not None:
            for key in res.mined.phrases:
                phrases.setdefault(key, []).append(k)
            res.mined.phrases = set()
    return _Chunk(files, phrases)


# files per process below which a pool costs more than it saves
_PARALLEL_FROM = 40


def _workers(files: int) -> int:
    from .parallel import idle_cores

    return max(1, min(idle_cores(), 8, files // _PARALLEL_FROM))


def _chunks(files: list[_Source]):
    """The files' results in order, a chunk at a time: in this process for a few files, else in a
    pool of one process per core (the segmenter is loaded before the workers fork, so they share it)."""
    workers = _workers(len(files))
    if workers == 1:
        for i in range(0, len(files), 16):
            yield _mine_chunk(files[i:i + 16])
        return
    from .parallel import pool as worker_pool

    _tokenizer()  # loaded once, inherited by forked workers
    # four chunks a worker: each chunk's phrase table is unpickled and merged by this process while
    # the workers run, so fewer, larger chunks leave them more of the cores (1,000 files: 125 a chunk)
    size = max(4, min(128, len(files) // (workers * 4)))
    parts = [files[i:i + size] for i in range(0, len(files), size)]
    pool = worker_pool(workers)
    try:
        yield from pool.map(_mine_chunk, parts)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def mine(paths: list[Path], progress: Callable[[int, int, str], None] | None = None) -> CorpusModel:
    import gc

    # the tallies grow to hundreds of thousands of small acyclic objects: with the cyclic collector
    # on, its passes over them were a third of this process's work while the workers ran
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _mine(paths, progress)
    finally:
        if collecting:
            gc.enable()


def _mine(paths: list[Path], progress: Callable[[int, int, str], None] | None) -> CorpusModel:
    from .reader import convert_batch

    files, problems = gather(paths)
    batch = convert_batch([str(f) for f in files])  # .doc, .wps …: one LibreOffice start for them all
    try:
        return _tally(files, problems, batch, progress)
    finally:
        if batch is not None:
            batch.close()


def _tally(files: list[Path], problems: list[Skipped], batch, progress) -> CorpusModel:
    converted, failed = (batch.docx, batch.errors) if batch is not None else ({}, {})
    sources = [(f, converted.get(str(f)), failed.get(str(f))) for f in files]
    digest = hashlib.sha256()
    entries: list[ReportEntry] = []
    skipped: list[Skipped] = list(problems)
    heading_seen: dict[str, dict[str, list[tuple[str, str, float]]]] = defaultdict(lambda: defaultdict(list))
    theme_heads: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    theme_reports: dict[str, set[str]] = defaultdict(set)
    phrase_docs: dict[tuple[str, str], set[str]] = defaultdict(set)
    indicators: list[IndicatorValue] = []
    same = _Copies()
    n = 0
    for chunk in _chunks(sources):
        names = [res.path.name for res in chunk.files]
        for key, where in chunk.phrases.items():
            phrase_docs[key].update(names[k] for k in where)
        for res in chunk.files:
            n += 1
            name = res.path.name
            if progress:
                progress(n, len(files), name)
            if res.mined is None:
                skipped.append(Skipped(path=str(res.path), reason=res.skipped or "无法读取"))
                continue
            one = res.mined
            digest.update(res.sha.encode())
            unit = same.unit(name, res.sha, res.entry)  # what the tallies count: one per unit and year
            for pid, heading, form, pos in one.headings:
                heading_seen[pid][heading].append((unit, form, pos))
            for theme, text in one.theme_heads:
                theme_heads[theme][text].add(unit)
                theme_reports[theme].add(unit)
            if unit == name:  # a copy's figures are its first file's
                indicators.extend(one.indicators)
            entries.append(ReportEntry(path=name, sha256=res.sha, parts=one.parts, themes=sorted(one.themes),
                                       sections=one.sections, **res.entry))
    if same.groups():
        phrase_docs = defaultdict(set, {k: {same.of(n) for n in names} for k, names in phrase_docs.items()})
    return CorpusModel(
        corpus_sha256=digest.hexdigest(), reports=entries, skipped=skipped,
        skeleton={pid: _variants(heading_seen[pid]) for pid in PART_IDS if pid in heading_seen},
        themes=_themes(theme_heads, theme_reports),
        phrases=_best_phrases(phrase_docs), copies=same.groups(),
        indicators=sorted(indicators, key=lambda v: (v.key, v.region or "", v.year or 0, v.path, v.paragraph)))


class _Copies:
    """Files that are one report: the same unit (as read from title or sign-off) and year, or the same
    bytes. Each file is counted under the name of the first file of its unit and year."""

    def __init__(self) -> None:
        self._first: dict[tuple, str] = {}
        self._of: dict[str, str] = {}

    def unit(self, name: str, sha: str | None, entry: dict | None) -> str:
        keys = [("sha", sha)] if sha else []
        if entry and entry.get("region") and entry.get("year"):
            keys.append(("unit", entry["region"], entry["year"]))
        first = next((self._first[k] for k in keys if k in self._first), name)
        for k in keys:
            self._first.setdefault(k, first)
        self._of[name] = first
        return first

    def of(self, name: str) -> str:
        return self._of.get(name, name)

    def groups(self) -> list[list[str]]:
        by: dict[str, list[str]] = defaultdict(list)
        for name, first in self._of.items():
            by[first].append(name)
        return sorted(sorted(g) for g in by.values() if len(g) > 1)


def tagged_figures(report: Report) -> list:
    """The report's figures with their indicators, as the figure analysis tags them, without the
    consistency checks `lint` runs on them (mine needs the values, not the findings; the checks were
    a third of its time). tests/test_mine_speed.py holds this to the full analysis."""
    from .figures import MAX_SENTENCE_CHARS, MAX_SENTENCE_FIGURES, tagging
    from .figures.sentence import sentences_of
    from .figures.tables import tables_of

    sents = sentences_of(report)
    tables = tables_of(report)
    figures = [f for s in sents for f in s.figures]
    figures += [c.figure for t in tables for row in t.rows for c in row if c.figure is not None]
    tagging.tag(report, [s for s in sents if s.end - s.start <= MAX_SENTENCE_CHARS
                         and len(s.figures) <= MAX_SENTENCE_FIGURES], tables)
    return figures


def indicator_values(report: Report, name: str, outline: list[Section]) -> list[IndicatorValue]:
    """Every figure tagged with an indicator, with the S1 section it stands in."""
    out = []
    for f in tagged_figures(report):
        if not f.indicator:
            continue
        where = next((n for n, sec in enumerate(outline) if sec.paragraph <= f.paragraph <= sec.end), None)
        out.append(IndicatorValue(
            key=f.indicator, label=indicator_label(f.indicator),
            text=report.para(f.paragraph).text[f.start:f.end],
            lo=f.lo, hi=f.hi if f.hi != float("inf") else f.lo, unit=f.unit, region=report.region,
            year=report.year, path=name, paragraph=f.paragraph, current=f.current, section=where,
            exact=f.indicator_exact))
    return out


def _variants(seen: dict[str, list[tuple[str, str, float]]]) -> list[Variant]:
    out = []
    for text, uses in seen.items():
        out.append(Variant(text=text, reports=len({u[0] for u in uses}),
                           forms=dict(sorted(Counter(u[1] for u in uses).items())),
                           position=round(sum(u[2] for u in uses) / len(uses), 2)))
    return sorted(out, key=lambda v: (-v.reports, v.text))


def _themes(theme_heads, theme_reports) -> list[ThemeGroup]:
    names = {t.name for t in checklists.themes().themes}
    out = []
    for t, variants in theme_heads.items():
        hs = [Variant(text=h, reports=len(files), forms={}, position=0) for h, files in variants.items()]
        hs.sort(key=lambda v: (-v.reports, v.text))
        out.append(ThemeGroup(name=t, fitted=t in names, reports=len(theme_reports[t]), headings=hs[:20]))
    return sorted(out, key=lambda g: (-g.reports, not g.fitted, g.name))


def _best_phrases(docs: dict[tuple[str, str], set[str]], limit: int = 300) -> list[Phrase]:
    """Maximal phrases: a phrase inside a longer one seen in as many reports is dropped."""
    ranked = sorted(docs.items(), key=lambda kv: (-len(kv[1]), -len(kv[0][1]), kv[0]))
    kept: list[Phrase] = []
    by_part: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (part, text), files in ranked:
        df = len(files)
        if df < 2 and len(kept) >= limit // 2:
            continue
        if "{" in text and text.replace("{n}", "").replace("{year}年", "").strip() == "":
            continue
        if any(text in longer and df <= ldf for longer, ldf in by_part[part]):
            continue
        by_part[part].append((text, df))
        kept.append(Phrase(text=text, part=part, reports=df, pattern=df >= 2, seen=sorted(files)[:10]))
        if len(kept) >= limit:
            break
    return sorted(kept, key=lambda p: (-p.reports, p.part, p.text))


# ---------------------------------------------------------------- the bundled corpus, cached


def _shipped(key: str) -> CorpusModel | None:
    """The model shipped with the seeds, when it was built from these seeds with these checklists
    (the user's own checklists, or seeds changed since, make it stale)."""
    from .resources import data_dir

    folder = data_dir("seeds")
    try:
        if (folder / SHIPPED_KEY).read_text(encoding="utf-8").strip() != key:
            return None
        return CorpusModel.model_validate_json((folder / SHIPPED_KEY).with_name(SHIPPED).read_bytes())
    except (OSError, ValueError):
        return None


def ship() -> Path:
    """Write the bundled seeds' model and its key into seeds/ (run after changing the seeds, the
    checklists or the mining: `python -m writer.mine`; tests/test_shipped_model.py says when)."""
    from .resources import data_dir

    folder = data_dir("seeds")
    files = collect([folder])
    (folder / SHIPPED).write_bytes(mine([folder]).dumps().encode("utf-8"))
    (folder / SHIPPED_KEY).write_text(corpus_key(files) + "\n", encoding="utf-8")
    return folder / SHIPPED


def default_model() -> CorpusModel:
    """The model of the bundled seeds: the one shipped with them (built when the package was), else
    built on first use and read from the user's cache after."""
    from .fsutil import write_atomic
    from .resources import cache_dir, data_dir

    files = collect([data_dir("seeds")])
    key = corpus_key(files)
    shipped = _shipped(key)
    if shipped is not None:
        return shipped
    cached = cache_dir() / f"model-{key[:20]}.json"
    if cached.is_file():
        try:
            return CorpusModel.model_validate_json(cached.read_bytes())
        except ValueError:
            pass  # damaged or from another version: build it again
    model = mine([data_dir("seeds")])
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(cached, model.dumps().encode("utf-8"), force=True)
    except (OSError, InputError):
        pass  # a read-only home only costs the rebuild next time
    return model


if __name__ == "__main__":  # python -m writer.mine: refresh the shipped model
    print(ship())
