"""Wording rules on the five published reports: each is right for its own year, so the only
wording finding is seed 000's garbled 成文日期 `2022113`."""

import json

from helpers import SEEDS, run_cli

from writer import regions


def test_only_the_seed_000_date_is_reported():
    res = run_cli("lint", str(SEEDS), "--format", "json", "--select", "WD")
    data = json.loads(res.stdout)
    found = [(f["path"].rsplit("/", 1)[-1][:3], fd) for f in data["files"] for fd in f["findings"]]
    assert [(p, fd["rule"], fd["evidence"]) for p, fd in found] == [("000", "WD05", "2022113")]


def test_own_region_parents_and_children():
    names, resolved = regions.own_names("清远市司法局", r"司法局$")
    assert resolved and {"清远市", "广东省", "阳山县", "英德市", "清远"} <= names
    assert "广州市" not in names
    names, resolved = regions.own_names("盐城市大丰区")
    assert resolved and {"大丰区", "大丰", "盐城市", "江苏省"} <= names
    names, resolved = regions.own_names("临江新区")
    assert not resolved and "临江" in names


def test_division_lookup_tells_district_from_province():
    assert [d.where for d in regions.lookup("河北区")] == ["天津市河北区"]
    assert regions.short("临夏回族自治州") == "临夏"
