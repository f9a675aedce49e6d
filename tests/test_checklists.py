"""Checklist data validates on load; a broken file is named with the key that is wrong."""

import copy

import pytest

from writer import checklists
from writer.errors import InputError
from writer.resources import data_dir


def test_bundled_checklists_load():
    parts = checklists.parts()
    assert {"S1", "S2", "S3", "S4"} <= set(parts.parts)
    assert checklists.frame().date.good


def test_bad_regex_names_file_and_key(tmp_path):
    bad = tmp_path / "parts.yml"
    text = (data_dir("checklists") / "parts.yml").read_text(encoding="utf-8")
    bad.write_text(text.replace("      - 主要举措\n", "      - 主要举措(\n", 1), encoding="utf-8")
    with pytest.raises(InputError) as info:
        checklists.load_yaml(bad, checklists.PartsData)
    msg = info.value.message
    assert "parts.yml" in msg and "parts.S1.heading.0" in msg and "正则" in msg


def test_missing_required_part_named(tmp_path):
    import yaml

    data = yaml.safe_load((data_dir("checklists") / "parts.yml").read_text(encoding="utf-8"))
    del data["parts"]["S3"]
    bad = tmp_path / "parts.yml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError) as info:
        checklists.load_yaml(bad, checklists.PartsData)
    assert "S3" in info.value.message


def test_unknown_key_rejected(tmp_path):
    bad = tmp_path / "frame.yml"
    text = (data_dir("checklists") / "frame.yml").read_text(encoding="utf-8")
    bad.write_text(text + "\ntitel: oops\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        checklists.load_yaml(bad, checklists.FrameData)
    assert "titel" in info.value.message


def test_data_folders_resolve():
    for name in ("checklists", "seeds", "templates"):
        assert data_dir(name).is_dir()
    assert len(list(data_dir("seeds").glob("*.txt"))) == 5


def test_indicator_without_measure_named(tmp_path):
    import yaml

    data = yaml.safe_load((data_dir("checklists") / "indicators.yml").read_text(encoding="utf-8"))
    data["indicators"].append({"key": "行政复议.听证", "theme": "行政复议", "label": "听证", "unit": "次",
                               "topic": ["行政复议"]})
    bad = tmp_path / "indicators.yml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError) as info:
        checklists.load_yaml(bad, checklists.IndicatorsData)
    assert "indicators.yml" in info.value.message and "行政复议.听证" in info.value.message
    assert "measure" in info.value.message


def test_checklist_examples_behave_as_stated():
    from writer.selfcheck import verify_examples

    assert verify_examples() == []


def test_a_misbehaving_example_is_refused(monkeypatch):
    """An entry whose example is wrong is reported with its file and id (as prh refuses failing specs)."""
    from writer.selfcheck import verify_examples

    data = copy.deepcopy(checklists.facts())
    fact = next(f for f in data.facts if f.id == "七五普法")
    fact.examples[0].year = 2019  # a 2019 report may say 七五普法: the example now claims a wrong finding
    monkeypatch.setattr(checklists, "facts", lambda: data)
    problems = verify_examples()
    assert any("facts.yml" in p and "七五普法" in p and "2019" in p for p in problems)
