"""The division and township indexes kept in the user's cache folder (writer.regions._stored, issue
24's speed part): a stored index gives the same answers as one built from the packages, and a
damaged or foreign file is rebuilt, never trusted."""

import json
import subprocess
import sys

SCRIPT = r"""
import json
from writer import regions
out = {
    "own": sorted(regions.own_names("沂水县")[0]),
    "county": sorted(regions.county_townships("沂水县")),
    "town": [list(d) for d in regions.resolve_township("朝阳区三里屯街道")],
    "neighbours": {k: list(v) for k, v in regions.township_neighbours("许家湖镇").items()},
    "lookup": [list(d) for d in regions.lookup("桃源")],
}
print(json.dumps(out, ensure_ascii=False))
"""


def _run(env):
    r = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_stored_indexes_answer_as_the_packages_do_and_damage_is_rebuilt(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    built = _run(env)
    files = sorted((tmp_path / "cache" / "fzwriter").glob("regions-*.marshal"))
    assert len(files) == 3  # divisions, townships by name, by parent
    assert "许家湖镇" in built["county"] and built["town"][0][1] == "三里屯街道"
    assert built["neighbours"] and "许家湖镇" not in built["neighbours"]
    assert ["430725", "桃源县", "县", ["湖南省", "常德市", "桃源县"]] in built["lookup"]
    assert _run(env) == built  # from the stored files
    for i, f in enumerate(files):  # damaged, truncated, another program's marshal
        f.write_bytes([b"\x00garbage", f.read_bytes()[:100], b"\xe9\x00\x00\x00\x00"][i])
    assert _run(env) == built
    assert _run(env) == built
