"""`mine`'s shortcuts give exactly what they replace (issue 15): its segmenter the words of jieba's
accurate mode without HMM, its figure tagging the indicators of the full figure analysis, and its
pool the model one process gives."""

import random

from helpers import ROOT

from writer import checklists
from writer import mine as mining
from writer.figures import analyse
from writer.reader import read_report

TEXTS = sorted((ROOT / "tests" / "corpus").rglob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))


def test_segmenter_gives_jiebas_words():
    terms = frozenset({c for t in checklists.themes().themes for c in t.cues})
    tok = mining._jieba(terms)
    seg = mining._Segmenter.of(tok)
    lines = [ln for f in TEXTS for ln in f.read_text(encoding="utf-8").splitlines() if ln.strip()]
    rnd = random.Random(15)
    alphabet = "法治政府建设年度报告受理案件审结率aB3Ｘ \r\n\t.-_%+#&,，。；\ue000\ue001一二三是的了"
    lines += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 50))) for _ in range(3000)]
    for line in lines:
        assert seg(line) == tok.lcut(line, HMM=False), line


def test_segmenter_table_is_kept_and_read_back_exactly(tmp_path, monkeypatch):
    """The prepared table is written to the user's cache and the next process reads the same table;
    a damaged cache file is prepared afresh."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    terms = frozenset({"第一责任人", "习近平法治思想"})
    fresh = mining._Segmenter.of(mining._jieba(terms))
    mining._segmenter.cache_clear()
    first = mining._segmenter(terms)  # prepares and writes
    [table] = (tmp_path / "fzwriter" / "jieba").glob("table-*.marshal")
    mining._segmenter.cache_clear()
    second = mining._segmenter(terms)  # reads back
    assert first.lp == second.lp == fresh.lp and first.default == second.default == fresh.default
    table.write_bytes(b"\x00garbage")
    mining._segmenter.cache_clear()
    assert mining._segmenter(terms).lp == fresh.lp
    mining._segmenter.cache_clear()


def test_tagging_alone_gives_the_full_analysis_indicators():
    for path in TEXTS[::3]:
        a = [(f.indicator, f.current, f.indicator_exact, f.phrase, f.paragraph, f.start)
             for f in analyse(read_report(path)).figures]
        b = [(f.indicator, f.current, f.indicator_exact, f.phrase, f.paragraph, f.start)
             for f in mining.tagged_figures(read_report(path))]
        assert a == b, path


def test_pool_gives_the_same_model(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(24):
        src = TEXTS[i % len(TEXTS)]
        (corpus / f"{i:02d}_{src.name}").write_bytes(src.read_bytes())
    (corpus / "zz_broken.docx").write_bytes(b"PK\x03\x04 not really")
    monkeypatch.setattr(mining, "_workers", lambda n: 1)
    one = mining.mine([corpus]).dumps()
    monkeypatch.setattr(mining, "_workers", lambda n: 2)
    monkeypatch.setattr(mining, "_PARALLEL_FROM", 1)
    two = mining.mine([corpus]).dumps()
    assert one == two
    assert '"zz_broken.docx"' not in one.split('"skipped"')[0] and "zz_broken.docx" in one
