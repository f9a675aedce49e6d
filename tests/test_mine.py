"""fzwriter mine: the model on a small built-in corpus, on the seeds, determinism, damaged files."""

import json

from helpers import SEEDS, run_cli

from writer.mine import CorpusModel, mine

OPENING = "2024年，{r}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，扎实推进法治政府建设。"
REPORT = """{r}人民政府关于2024年法治政府建设情况的报告
市委、市政府：
""" + OPENING + """
一、2024年推进法治政府建设的主要举措和成效
（一）深化行政复议体制改革
全年受理行政复议案件{n}件，审结{m}件，推进严格规范公正文明执法。
（二）加强普法学法
深入开展“八五”普法，落实国家工作人员学法用法制度。
二、存在的不足和原因
行政执法人员素质有待提高，主要原因是培训不够。
三、党政主要负责人履行推进法治建设第一责任人职责情况
区委、区政府主要负责人带头学法，研究部署法治政府建设。
四、2025年推进法治政府建设的主要安排
2025年，{r}将持续深化行政执法体制改革。
{r}人民政府
2025年1月13日
"""


def corpus(tmp_path, names=(("秦州区", 67, 63), ("麦积区", 41, 40), ("甘州区", 30, 28))):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, (r, n, m) in enumerate(names):
        (folder / f"{i}_{r}.txt").write_text(REPORT.format(r=r, n=n, m=m), encoding="utf-8")
    return folder


def test_small_corpus_model(tmp_path):
    model = mine([corpus(tmp_path)])
    assert [r.region for r in model.reports] == ["秦州区", "麦积区", "甘州区"]
    assert all(r.parts["S3"].form == "heading" for r in model.reports)
    s1 = model.skeleton["S1"][0]
    assert s1.text == "{year}年推进法治政府建设的主要举措和成效" and s1.reports == 3
    assert model.skeleton["S4"][0].text == "{next}年推进法治政府建设的主要安排"
    themes = {t.name: t.reports for t in model.themes}
    assert themes["行政复议"] == 3 and themes["普法/学法"] == 3
    assert "重大行政决策" not in themes  # no report has it: not invented
    phrases = {p.text: p for p in model.phrases}
    assert phrases["坚持以习近平新时代中国特色社会主义思想为指导"].reports == 3
    assert phrases["坚持以习近平新时代中国特色社会主义思想为指导"].pattern
    assert not any("秦州" in p.text for p in model.phrases if p.pattern)  # the region is a slot
    accepted = sorted((v.region, v.text) for v in model.indicators if v.key == "行政复议.受理")
    assert accepted == [("甘州区", "30件"), ("秦州区", "67件"), ("麦积区", "41件")]


def test_phrase_in_one_report_is_an_example_not_a_pattern(tmp_path):
    folder = corpus(tmp_path, names=(("秦州区", 67, 63),))
    model = mine([folder])
    assert model.phrases and not any(p.pattern for p in model.phrases)


def test_same_corpus_gives_identical_bytes(tmp_path):
    folder = corpus(tmp_path)
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert run_cli("mine", str(folder), "-o", str(a)).returncode == 0
    assert run_cli("mine", str(folder), "-o", str(b)).returncode == 0
    assert a.read_bytes() == b.read_bytes()
    model = CorpusModel.model_validate_json(a.read_bytes())
    assert model.schema_version == 3 and len(model.reports) == 3


def test_damaged_file_is_skipped_and_listed(tmp_path):
    folder = corpus(tmp_path)
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "empty.txt").write_bytes(b"")
    res = run_cli("mine", str(folder), "-o", str(tmp_path / "m.json"))
    assert res.returncode == 0, res.stderr
    assert "broken.docx" in res.stderr and "empty.txt" in res.stderr
    data = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    assert len(data["reports"]) == 3 and {s["path"].rsplit("/", 1)[-1] for s in data["skipped"]} == {
        "broken.docx", "empty.txt"}


def test_output_not_overwritten_without_force(tmp_path):
    folder = corpus(tmp_path)
    out = tmp_path / "m.json"
    out.write_text("keep", encoding="utf-8")
    res = run_cli("mine", str(folder), "-o", str(out))
    assert res.returncode == 2 and "--force" in res.stderr and out.read_text(encoding="utf-8") == "keep"
    assert run_cli("mine", str(folder), "-o", str(out), "--force").returncode == 0
    assert out.read_text(encoding="utf-8").startswith("{")


def test_missing_folder_is_a_clear_error(tmp_path):
    res = run_cli("mine", str(tmp_path / "nope"))
    assert res.returncode == 2 and "不存在" in res.stderr and "Traceback" not in res.stderr


def test_seeds_summary():
    res = run_cli("mine", str(SEEDS))
    assert res.returncode == 0, res.stderr
    model = mine([SEEDS])
    found = {r.path[:3]: {p: r.parts[p].form for p in ("S1", "S2", "S3", "S4")} for r in model.reports}
    assert found["000"]["S3"] == "absent" and found["002"] == {
        "S1": "heading", "S2": "inline", "S3": "runin", "S4": "inline"}
    phrases = {p.text: p.reports for p in model.phrases if p.pattern}
    assert phrases.get("坚持以习近平新时代中国特色社会主义思想为指导", 0) >= 3
    assert phrases.get("严格规范公正文明执法", 0) >= 3
    themes = {t.name: t.reports for t in model.themes}
    for theme in ("行政复议", "行政执法", "矛盾纠纷化解", "普法/学法", "重大行政决策"):
        assert themes.get(theme, 0) >= 3, theme
    values = {(v.region, v.year, v.text) for v in model.indicators if v.key.startswith("行政复议.")}
    assert ("秦州区", 2024, "67件") in values and ("河北区", 2019, "65件") in values
    assert "坚持以习近平新时代中国特色社会主义思想为指导" in res.stdout and "行政复议" in res.stdout


def test_default_model_is_cached_by_corpus_content(tmp_path, monkeypatch):
    from writer import mine as mine_module

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(mine_module, "_shipped", lambda key: None)  # as with the user's own checklists
    first = mine_module.default_model()
    cached = list((tmp_path / "fzwriter").glob("model-*.json"))
    assert len(cached) == 1 and len(first.reports) == 5
    calls = []
    monkeypatch.setattr(mine_module, "mine", lambda *a, **k: calls.append(a))
    again = mine_module.default_model()
    assert not calls and again == first  # read back, not rebuilt
    cached[0].write_text("{damaged", encoding="utf-8")
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(mine_module, "_shipped", lambda key: None)
    assert mine_module.default_model() == first  # a damaged cache is rebuilt


def test_summary_of_a_large_corpus_counts_parts_instead_of_listing_reports(monkeypatch):
    """Above MANY_REPORTS reports the parts table counts forms per part, and the reports lacking a
    part are still named (here with the threshold lowered to the seeds' five)."""
    import io

    from writer import output

    model = mine([SEEDS])
    small = io.StringIO()
    output.mine_summary(model, small)
    assert "各报告的必备部分" in small.getvalue()
    monkeypatch.setattr(output, "MANY_REPORTS", 3)
    big = io.StringIO()
    output.mine_summary(model, big)
    text = big.getvalue()
    assert "各报告的必备部分" not in text and "必备部分的写法（5 份报告" in text
    absent_s3 = [r.path for r in model.reports if "S3" not in r.parts or r.parts["S3"].form == "absent"]
    assert absent_s3 and all(f"{p}（S3" in text.replace("\n", "") for p in absent_s3)
    assert f"缺少必备部分的报告（{len(absent_s3)} 份）" in text


def test_two_copies_of_one_units_report_count_once(tmp_path):
    """A unit's report saved twice (the .txt sent up and the web page's text, an edited copy) is one
    report in every tally: a phrase of that unit alone is still an example, not a common phrase."""
    folder = corpus(tmp_path, names=(("秦州区", 67, 63),))
    text = (folder / "0_秦州区.txt").read_text(encoding="utf-8")
    # the web copy of the same report, with a sentence of its own added
    (folder / "0_秦州区-网站版.txt").write_text(text.replace("培训不够。", "培训不够，考核机制还不够健全。"),
                                             encoding="utf-8")
    model = mine([folder])
    assert len(model.reports) == 2 and model.copies == [["0_秦州区-网站版.txt", "0_秦州区.txt"]]
    assert model.phrases and not any(p.pattern for p in model.phrases)
    assert all(v.reports == 1 for vs in model.skeleton.values() for v in vs)
    assert all(t.reports == 1 for t in model.themes)
    assert [v.text for v in model.indicators if v.key == "行政复议.受理"] == ["67件"]
    # another unit's report makes the shared phrases common again, counted by units
    (folder / "1_麦积区.txt").write_text(REPORT.format(r="麦积区", n=41, m=40), encoding="utf-8")
    phrases = {p.text: p.reports for p in mine([folder]).phrases}
    assert phrases["坚持以习近平新时代中国特色社会主义思想为指导"] == 2
    res = run_cli("mine", str(folder))
    assert "同一单位同一年度的报告按一份计：0_秦州区-网站版.txt、0_秦州区.txt" in res.stdout


def test_mine_and_rules_fit_an_80_column_terminal():
    from writer.text import display_width

    for args in (("mine", str(SEEDS)), ("rules",), ("rules", "--facts")):
        out = run_cli(*args).stdout
        wide = [line for line in out.splitlines() if display_width(line) > 80]
        assert not wide, (args, wide[:3])
