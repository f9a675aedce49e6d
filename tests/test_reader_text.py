"""Text drafts: encodings, web-page furniture, Markdown, and the report's year and region."""

from helpers import seed

from writer.reader import read_report

REPORT = ("清远市司法局2021年法治政府建设年度报告\n"
          "2021年以来，清远市司法局坚持以习近平新时代中国特色社会主义思想为指导。\n"
          "一、推进法治政府建设的主要举措和成效\n全年办理法律援助案件5256件。\n")


def test_gb18030_text(tmp_path):
    f = tmp_path / "gbk.txt"
    f.write_bytes(REPORT.encode("gb18030"))
    r = read_report(f)
    assert r.title == "清远市司法局2021年法治政府建设年度报告"
    assert r.region == "清远市司法局" and r.year == 2021


def test_utf8_bom_and_crlf(tmp_path):
    f = tmp_path / "bom.txt"
    f.write_bytes(b"\xef\xbb\xbf" + REPORT.replace("\n", "\r\n").encode("utf-8"))
    r = read_report(f)
    assert r.paragraphs[0].text == "清远市司法局2021年法治政府建设年度报告"


def test_web_furniture_is_marked(tmp_path):
    r = read_report(seed("003"))
    furn = [q.text for q in r.paragraphs if q.furniture]
    assert any(t.startswith("您当前的位置") for t in furn)
    assert any("扫一扫" in t for t in furn)
    assert r.title == "清远市司法局2021年法治政府建设年度报告"
    r0 = read_report(seed("000"))
    assert r0.paragraphs[0].furniture and "索引号" in r0.paragraphs[0].text
    assert r0.addressee == "市委、市政府:" and r0.date == "2022113"
    assert r0.issuer == "中共盐城市大丰区委员会、盐城市大丰区人民政府"


def test_markdown_headings(tmp_path):
    f = tmp_path / "draft.md"
    f.write_text("# 某县2024年法治政府建设年度报告\n\n## 一、主要举措和成效\n\n**全年**开展培训5次。\n",
                 encoding="utf-8")
    r = read_report(f)
    assert r.title == "某县2024年法治政府建设年度报告"
    assert r.paragraphs[1].level == 1 and r.paragraphs[2].text == "全年开展培训5次。"


def test_year_and_region_inference_on_seeds():
    expected = {"000": ("大丰区", 2021), "001": ("临江新区", 2023), "002": ("秦州区", 2024),
                "003": ("清远市司法局", 2021), "004": ("河北区", 2019)}
    for prefix, (region, year) in expected.items():
        r = read_report(seed(prefix))
        assert (r.region, r.year) == (region, year), prefix


def test_override_year_and_region():
    r = read_report(seed("002"), year=2030, region="麦积区")
    assert (r.region, r.year, r.year_source) == ("麦积区", 2030, "命令行参数")
