"""About fifty damaged or hostile copies of a dev-corpus draft (tests/damaged.py): each is refused with a
Chinese message naming the file (exit 2) or, where the damage is harmless or the package odd but
legal, read normally; never a traceback, each in seconds, the whole batch in bounded memory (issue 15).

Most checks run in this process; the command line runs once over the whole folder (the batch
contract: one bad file is reported, the others still run) and a few times on single files."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from damaged import damaged_copies

from helpers import ROOT, seed
from writer.engine import choose_rules, lint_report
from writer.errors import InputError
from writer.reader import read_report

HAN = re.compile(r"[\u4e00-\u9fff]")
SECONDS = 15


@pytest.fixture(scope="module")
def damaged(tmp_path_factory):
    folder = tmp_path_factory.mktemp("damaged")
    spec = importlib.util.spec_from_file_location("dev_build", ROOT / "tests" / "corpus" / "dev" / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    r = next(x for x in build.load_corpus()["reports"] if x["id"] == "d02")  # Word list numbering, a footer
    good = folder / "good.docx"
    build.build_docx(r["_text"], r, good, seed="damaged")
    out = folder / "copies"
    out.mkdir()
    return damaged_copies(good, out)


def test_there_are_about_fifty(damaged):
    assert len(damaged) >= 50
    assert {e for _, e in damaged} == {"refused", "read"}


def test_each_is_refused_in_chinese_or_read(damaged):
    rules = choose_rules()
    slow = []
    for path, expected in damaged:
        start = time.perf_counter()
        try:
            report = read_report(path)
            lint_report(report, rules)
            outcome, message = "read", ""
        except InputError as exc:
            outcome, message = "refused", exc.message
        took = time.perf_counter() - start
        if took > SECONDS:
            slow.append((path.name, round(took, 1)))
        assert outcome == expected, (path.name, message)
        if outcome == "refused":
            assert message.startswith(str(path)), (path.name, message)
            assert HAN.search(message.removeprefix(str(path))), (path.name, message)
    assert not slow, slow


def test_the_command_line_over_the_whole_folder(damaged):
    """One `fzwriter lint DIR`: every refused file named on stderr, every readable one linted, exit 2,
    no traceback, peak memory of the run (its children included) under 1 GB."""
    folder = damaged[0][0].parent
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "r = subprocess.run(sys.argv[1:], capture_output=True); "
             "sys.stdout.buffer.write(r.stdout); sys.stderr.buffer.write(r.stderr); "
             "print(r.returncode, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "
             "file=open(sys.argv[0] + '.rusage', 'w'))")
    marker = folder.parent / "probe"
    done = subprocess.run([sys.executable, "-c", probe.replace("sys.argv[0]", repr(str(marker))),
                           sys.executable, "-m", "writer", "lint", str(folder), "--format", "json"],
                          capture_output=True, timeout=600)
    code, seconds, peak_kib = Path(str(marker) + ".rusage").read_text().split()
    err = done.stderr.decode("utf-8", "replace")
    assert int(code) == 2
    assert "Traceback" not in err
    assert int(peak_kib) < 1024 * 1024, f"peak {int(peak_kib) // 1024} MiB"
    data = json.loads(done.stdout.decode("utf-8"))
    by_name = {Path(f["path"]).name: f for f in data["files"]}
    for path, expected in damaged:
        entry = by_name[path.name]
        if expected == "refused":
            assert entry["error"] and path.name in err, path.name
        else:
            assert entry["error"] is None, (path.name, entry["error"])
    assert float(seconds) < SECONDS * 4


@pytest.mark.parametrize("name", ["flipped_document_2.docx", "invalid_utf8_flagged_name.docx",
                                  "utf16_odd_byte.txt"])
def test_single_files_on_the_command_line(damaged, name):
    path = next(p for p, _ in damaged if p.name == name)
    r = subprocess.run([sys.executable, "-m", "writer", "lint", str(path)], capture_output=True, text=True,
                       encoding="utf-8", errors="replace", timeout=60)
    assert r.returncode == 2 and str(path) in r.stderr and "Traceback" not in r.stderr
    assert HAN.search(r.stderr.split(str(path), 1)[1])


def test_numbering_past_99_and_nested_tables_read_as_words_says(damaged):
    by = {p.name: p for p, _ in damaged}
    texts = [q.text for q in read_report(by["numbering_chinese_past_99.docx"]).paragraphs]
    assert texts[100].startswith("一百、") and texts[150].startswith("一百五十、")
    legal = [q.text for q in read_report(by["numbering_legal_past_99.docx"]).paragraphs]
    assert legal[1].startswith("壹、") and legal[150].startswith("壹百伍拾、")
    nested = [q.text for q in read_report(by["nested_tables_20.docx"]).paragraphs]
    assert nested.count("最里层：受理行政复议案件65件。") == 1  # read once, not once per level
    bomb = [q.text for q in read_report(by["numbering_label_bomb.docx"]).paragraphs]
    assert max(len(t) for t in bomb) < 100


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_fifo_is_refused_not_opened(tmp_path):
    fifo = tmp_path / "管道.txt"
    os.mkfifo(fifo)
    r = subprocess.run([sys.executable, "-m", "writer", "lint", str(fifo)], capture_output=True, text=True,
                       encoding="utf-8", timeout=60)
    assert r.returncode == 2 and "管道" in r.stderr and "Traceback" not in r.stderr
    with pytest.raises(InputError) as info:
        read_report("/dev/zero" if Path("/dev/zero").exists() else fifo)
    assert "不是普通文件" in info.value.message or "不支持" in info.value.message


def test_mine_reports_each_bad_file_and_mines_the_others(damaged, tmp_path, monkeypatch):
    from writer import mine as mining

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("000", "001", "002"):
        (corpus / f"{name}.txt").write_bytes(seed(name).read_bytes())
    refused = [p for p, e in damaged if e == "refused"][:8]
    for p in refused:
        (corpus / p.name).write_bytes(p.read_bytes())
    # and an unexpected failure inside the analysis of one good file
    real = mining._mine_one

    def broken(report, name, tokenize):
        if name == "001.txt":
            raise TypeError("a bug")
        return real(report, name, tokenize)

    monkeypatch.setattr(mining, "_mine_one", broken)
    model = mining.mine([corpus])
    assert sorted(e.path for e in model.reports) == ["000.txt", "002.txt"]
    skipped = {Path(s.path).name: s.reason for s in model.skipped}
    assert set(skipped) == {p.name for p in refused} | {"001.txt"}
    assert "意外错误" in skipped["001.txt"]
    assert all(HAN.search(r) for r in skipped.values())
