"""The bundled seeds' model ships with them (seeds/model.json, so in the wheel): the first `fzwriter new`
on a machine reads it instead of mining the seeds (issue 15). It must be the model today's code and
checklists make of today's seeds; when this test fails, refresh it with `python -m writer.mine`."""

from writer import mine as mining
from writer.resources import data_dir


def test_shipped_model_is_up_to_date():
    seeds = data_dir("seeds")
    fresh = mining.mine([seeds]).dumps()
    assert (seeds / mining.SHIPPED).read_text(encoding="utf-8") == fresh, "run: python -m writer.mine"
    key = mining.corpus_key(mining.collect([seeds]))
    assert (seeds / mining.SHIPPED_KEY).read_text(encoding="utf-8").strip() == key, "run: python -m writer.mine"


def test_first_use_reads_the_shipped_model(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))

    def no_mining(*args, **kwargs):
        raise AssertionError("the seeds were mined again")

    monkeypatch.setattr(mining, "mine", no_mining)
    model = mining.default_model()
    assert len(model.reports) == 5
    assert not (tmp_path / "fzwriter").exists()  # nothing to cache


def test_a_stale_shipped_model_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert mining._shipped("another corpus or other checklists") is None
