"""Compiled regular expressions kept between runs (writer.rxcache, issue 24's speed part): a pattern
from the cache is the pattern `re` builds (re.Pattern compares its code), and lint prints the same."""

import re
import subprocess
import sys

from helpers import SEEDS, run_cli

SCRIPT = r"""
import pickle, re, sys
from writer import rxcache
rxcache.install()
assert rxcache._installed
from writer.resources import data_dir
import writer.engine, writer.figures.sentence, writer.structure  # their module-level patterns
patterns = [(p, 0) for p in ("(?P<a>法)(治)?", r"\d+(?:\.\d+)?%", "[^，。]{2,8}区", "(?i)ab(?=c)")]
patterns += [(p, re.M) for p in ("^一、", r"$\s*")]
out = []
for p, flags in patterns:
    compiled = re.compile(p, flags)
    fresh = rxcache._original(p, flags)
    assert compiled == fresh and compiled.groupindex == fresh.groupindex and compiled.groups == fresh.groups
    assert [m.span() for m in compiled.finditer("一、法治区abc 12.5%")] == [m.span() for m in fresh.finditer("一、法治区abc 12.5%")]
print(rxcache._added)
"""


def test_cached_patterns_are_the_patterns_re_builds_and_lint_prints_the_same(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    cold = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=60)
    assert cold.returncode == 0, cold.stderr
    assert int(cold.stdout) > 20  # the modules' patterns were compiled and recorded
    assert list((tmp_path / "cache" / "fzwriter").glob("regex-*.marshal"))
    warm = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=60)
    assert warm.returncode == 0, warm.stderr
    assert int(warm.stdout) == 0  # every one came from the cache, equal to re's own
    draft = str(next(SEEDS.glob("002_*.txt")))
    first = run_cli("lint", draft, "--format", "json", cwd=tmp_path, timeout=60)
    again = run_cli("lint", draft, "--format", "json", cwd=tmp_path, timeout=60)
    assert first.returncode == again.returncode and first.stdout == again.stdout


def test_a_damaged_cache_is_rebuilt(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=60)
    for f in (tmp_path / "cache" / "fzwriter").glob("regex-*.marshal"):
        f.write_bytes(b"\x00garbage")
    r = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 0 and int(r.stdout) > 20, r.stderr


PRUNE = r"""
import re, sys
from writer import rxcache
rxcache.install(sys.argv[1])
re.compile(re.escape(sys.argv[2]) + "[区县]")  # a pattern made from a draft's own words
"""


def test_patterns_no_run_uses_any_more_are_dropped_and_commands_keep_their_own_files(tmp_path):
    import marshal

    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    from writer import rxcache

    for i in range(rxcache.KEEP_GENERATIONS + 5):
        r = subprocess.run([sys.executable, "-c", PRUNE, "lint", f"名称{i}"], capture_output=True, text=True, env=env,
                           timeout=60)
        assert r.returncode == 0, r.stderr
    subprocess.run([sys.executable, "-c", PRUNE, "new", "别处"], env=env, timeout=60, check=True)
    folder = tmp_path / "cache" / "fzwriter"
    lint = next(folder.glob("regex-lint-*.marshal"))
    generation, entries, stamps = marshal.loads(lint.read_bytes())
    kept = {k[1] for k in entries}
    assert generation == rxcache.KEEP_GENERATIONS + 5
    assert re.escape("名称0") + "[区县]" not in kept  # unused for more than KEEP_GENERATIONS saves
    assert all(re.escape(f"名称{i}") + "[区县]" in kept for i in range(6, rxcache.KEEP_GENERATIONS + 5))
    new = next(folder.glob("regex-new-*.marshal"))
    in_new = {k[1] for k in marshal.loads(new.read_bytes())[1]}
    assert re.escape("别处") + "[区县]" in in_new and not any(isinstance(k, str) and "名称" in k for k in in_new)


def test_a_second_lint_compiles_nothing_whatever_the_hash_seed(tmp_path):
    """Patterns built from sets of words must spell the same in every process (sets iterate in a
    per-process order): else each lint compiles them again and rewrites the cache."""
    import marshal

    from helpers import seed

    draft = str(seed("002"))
    for hash_seed in ("1", "2", "3"):
        env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin", "PYTHONHASHSEED": hash_seed}
        r = subprocess.run([sys.executable, "-m", "writer", "lint", draft, "--format", "json"], capture_output=True,
                           text=True, env=env, timeout=120, cwd=tmp_path)
        assert r.returncode in (0, 1), r.stderr
        lint = next((tmp_path / "cache" / "fzwriter").glob("regex-lint-*.marshal"))
        if hash_seed == "1":
            first = lint.read_bytes()
    assert marshal.loads(lint.read_bytes())[0] == 1  # saved by the first run only
    assert lint.read_bytes() == first


DATACLASSES = r"""
import sys
compiled = []
sys.addaudithook(lambda event, args: compiled.append(args) if event == "compile" else None)
from writer import rxcache
rxcache.install("lint")
from dataclasses import dataclass, field, replace
import writer.engine, writer.figures.numbers  # their classes

@dataclass(frozen=True)
class Probe:
    name: str
    n: int = 2
    tags: list = field(default_factory=list)

a, b = Probe("秦州区"), Probe("秦州区", 2, [])
assert a == b and a != Probe("麦积区") and repr(a) == "Probe(name='秦州区', n=2, tags=[])"
assert replace(a, n=3).n == 3 and hash(Probe("x", 1, ())) == hash(Probe("x", 1, ()))
try:
    a.n = 5
    raise SystemExit("frozen class accepted an assignment")
except AttributeError:
    pass
from writer.figures.numbers import Figure
f = Figure(paragraph=1, start=0, end=3, text="58件", lo=58, hi=58, unit="件")
assert f != Figure(paragraph=1, start=0, end=3, text="58件", lo=58, hi=58, unit="件") and f == f  # eq=False: identity
assert f.value == 58 and f.measure is None and f.extra == {}
print(sum(1 for src, *_ in compiled if isinstance(src, (str, bytes)) and "__create_fn__" in str(src)))
"""


def test_dataclass_methods_compiled_once_are_the_same_methods(tmp_path):
    """The code dataclasses writes for a class is compiled in the first run and taken from the cache
    after: a second run compiles none of it, and the classes behave as dataclasses' own."""
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    cold = subprocess.run([sys.executable, "-c", DATACLASSES], capture_output=True, text=True, env=env, timeout=60)
    assert cold.returncode == 0, cold.stderr
    assert int(cold.stdout) > 20  # Probe's and the modules' methods were compiled
    warm = subprocess.run([sys.executable, "-c", DATACLASSES], capture_output=True, text=True, env=env, timeout=60)
    assert warm.returncode == 0, warm.stderr
    assert int(warm.stdout) == 0


REMEMBER = r"""
import sys
from writer import rxcache
rxcache.install("lint")
calls = []
def work(x):
    calls.append(x)
    return frozenset({x, x + "县"})
a = rxcache.remember(("probe", 1, "秦州"), lambda: work("秦州"))
b = rxcache.remember(("probe", 2, "秦州"), lambda: work("秦州"))  # another version: worked out again
from writer.wording import needles, _needles
pattern = "(依法|依规)(决策|行政)"
assert needles(pattern) == _needles(pattern) == frozenset({"依法决策", "依法行政", "依规决策", "依规行政"})
print(len(calls), sorted(a) == sorted(b) == ["秦州", "秦州县"])
"""


def test_remembered_values_come_back_equal_and_a_new_key_works_them_out_again(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    cold = subprocess.run([sys.executable, "-c", REMEMBER], capture_output=True, text=True, env=env, timeout=60)
    assert cold.stdout.split() == ["2", "True"], cold.stderr
    warm = subprocess.run([sys.executable, "-c", REMEMBER], capture_output=True, text=True, env=env, timeout=60)
    assert warm.stdout.split() == ["0", "True"], warm.stderr
    from writer import rxcache

    assert rxcache.remember(("x",), lambda: 41 + 1) == 42  # as a library (no cache installed): worked out
