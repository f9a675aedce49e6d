"""Reference figures in a scaffold (“受理行政复议案件【  】件（2024年：67件）”) come only from sentences
whose words name that indicator itself, not a kind of it or another thing counted the same way."""

import re

from helpers import seed

from writer import checklists
from writer.figures import analyse
from writer.plan import plan
from writer.reader import read_report


def _offered(p):
    for item in p.themes:
        for slot in item.indicators:
            yield slot


def test_qinzhou_2025_offers_no_mislabelled_reference_figure():
    p = plan("秦州区", 2025)
    offered = list(_offered(p))
    assert offered, "the seed of 秦州区 2024 states indicators; some must be offered"
    source = read_report(seed("002"))
    text = "".join(q.norm for q in source.paragraphs)
    labels = {i.key: i for i in checklists.indicators().indicators}
    for slot in offered:
        value = re.search(r"：(.+)$", slot.ref).group(1)
        clauses = [c for c in re.split(r"[,，;；。]", text) if value in c]
        assert clauses, slot
        ind = labels[slot.key]
        words = ind.measure or ind.rate
        # the clause that states the value names the indicator's own measure (or rate) word
        assert any(any(w in c for w in words) for c in clauses), (slot.label, value, clauses)
    # counts of narrower or other things, stated with the same measure words, are not offered
    refs = {s.ref.split("：")[1] for s in offered}
    for narrower in ("31件", "518件", "787件"):
        assert narrower not in refs


def test_exact_indicator_reading():
    from writer.reader.build import build
    from writer.reader.raw import RawParagraph

    def tags(text):
        r = build([RawParagraph(text=text)], "t.txt", "txt")
        return {f.text: (f.indicator, f.indicator_exact) for f in analyse(r).figures}

    t = tags("全年受理各类行政复议案件65件，指派法律援助刑事案件518件，在线受理审批法律援助申请31件，组织评查人民调解案卷787件。")
    assert t["65件"] == ("行政复议.受理", True)
    assert t["518件"][1] is False and t["31件"][1] is False
    assert t["787件"][1] is False


def test_a_street_never_gets_its_districts_figures():
    p = plan("大丰区大中街道", 2025)
    assert all(slot.ref is None for slot in _offered(p))
    assert not any("沿用" in n and "大丰区" in n for n in p.notices)


def test_from_a_file_without_aspects_says_so(tmp_path):
    f = tmp_path / "去年.txt"
    f.write_text("一、关于本文\n这是一段说明文字，没有分列各方面的标题。\n", encoding="utf-8")
    p = plan("秦州区", 2025, basis_path=f)
    assert any("没有找到第一部分分列的各个方面" in n for n in p.notices)
