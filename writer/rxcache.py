"""Compiled regular expressions kept between runs.

Every fzwriter process compiles ~300 regular expressions (the checklists', the rules', the figure
grammar's): ~40 ms of a 20-page lint and more of `new`, spent parsing the same patterns into the
same engine code every time. Python's `re` keeps compiled patterns only for the life of a process;
this keeps the engine code it produces (per pattern and flags) in the user's cache folder, and a
later process hands that code straight to the engine (`_sre.compile`), which validates it as it
does any code. A pattern compiled this way is the same object `re` would build: same code, same
groups, same flags.

It relies on `re`'s internals (3.11 and later: re._parser, re._compiler, _sre), so the cache is
keyed by the Python version and the engine's magic number, and any surprise turns it off for the
process: patterns are then compiled as usual. Only the command line installs it (writer.launch);
importing writer as a library leaves `re` alone.

The file holds only what recent runs used: loading it is part of every run (2,000 entries took
~20 ms, a lint uses ~400), so there is one file per command (`lint` and `new` use different
patterns) and each entry carries the save generation that last used it; a save drops the entries no
run used for `KEEP_GENERATIONS` saves, such as the escaped names of drafts linted long ago.

Two other things every run worked out the same way are kept with the patterns: the Python code
`dataclasses` writes for each class's __init__, __repr__ and __eq__ (it compiles that text at every
import: ~6 ms of a lint's start-up for ~25 classes; the same text compiles to the same code, which
is kept as marshal keeps a .pyc's), and values `remember` is asked for (the literals a wording
pattern needs, writer.wording.needles), each under a key that names what it was worked out from.
"""

from __future__ import annotations

import os
import sys

_installed = False
_cache: dict = {}  # (is bytes, pattern, flags) → (flags, code, groups - 1, groupindex, indexgroup);
# ("py", source) → code object; ("value", …) → (value,)
_stamps: dict = {}  # key → the save generation that last used it
_used: set = set()  # keys this process compiled (from the cache or afresh)
_generation = 0  # of the file as loaded
_added = 0
_path = None
_owner = os.getpid()  # the process that saves (a forked worker does not)
_original = None  # re's own compile, for the tests to compare with


def _key_file(command: str):
    import _sre

    from .resources import cache_dir

    tag = f"{sys.implementation.name}-{sys.version_info[0]}{sys.version_info[1]}-{_sre.MAGIC}-{_sre.CODESIZE}"
    return cache_dir() / f"regex-{command}-{tag}.marshal"


def install(command: str = "misc") -> None:
    """Compile through the cache for the rest of this process; saved at exit when it grew.

    `command` names the file (a command's own patterns): letters only, else "misc"."""
    global _installed, _path, _generation
    if _installed or sys.version_info < (3, 11) or sys.implementation.name != "cpython":
        return
    try:
        import _sre
        import atexit
        import marshal
        from re import _compiler, _parser  # noqa: F401 - present: the hook can work

        _path = _key_file(command if command.isascii() and command.isalpha() and len(command) <= 16 else "misc")
        try:
            loaded = marshal.loads(_path.read_bytes())
            # (generation, {key: entry}, {key: generation last used})
            if (isinstance(loaded, tuple) and len(loaded) == 3 and isinstance(loaded[0], int)
                    and isinstance(loaded[1], dict) and isinstance(loaded[2], dict)):
                _generation = loaded[0]
                _cache.update(loaded[1])
                _stamps.update(loaded[2])
        except (OSError, ValueError, EOFError, TypeError):
            pass  # absent or damaged: filled again as patterns are compiled
        original = _compiler.compile
        global _original
        _original = original

        def compile(p, flags=0):
            if not isinstance(p, (str, bytes)):
                return original(p, flags)
            key = (isinstance(p, bytes), p, int(flags))
            _used.add(key)
            hit = _cache.get(key)
            if hit is not None:
                try:
                    return _sre.compile(p, hit[0], hit[1], hit[2], hit[3], hit[4])
                except Exception:  # noqa: BLE001 - damaged entry: compiled afresh below
                    _cache.pop(key, None)
            return _record(key, p, flags, original)

        _compiler.compile = compile
        _hook_dataclasses()
        atexit.register(save)
        _installed = True
    except Exception:  # noqa: BLE001 - an optimisation only
        return


def _record(key, p, flags, original):
    """Compile `p` as re does, keeping the pieces the engine is built from."""
    global _added
    from re import _compiler, _parser

    import _sre

    if flags & _compiler.SRE_FLAG_DEBUG:
        return original(p, flags)
    parsed = _parser.parse(p, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    entry = (int(flags | parsed.state.flags), [int(c) for c in code], parsed.state.groups - 1, groupindex,
             tuple(indexgroup))
    pattern = _sre.compile(p, entry[0], entry[1], entry[2], entry[3], entry[4])
    _cache[key] = entry
    _added += 1
    return pattern


def _hook_dataclasses() -> None:
    """dataclasses builds each generated method from source text with exec (3.11-3.13's _create_fn):
    the name exec in its module is pointed at `_exec`, which runs the code compiled earlier from the
    same text. A version that builds its methods otherwise never calls it."""
    try:
        import dataclasses

        code = getattr(getattr(dataclasses, "_create_fn", None), "__code__", None)
        if code is not None and "exec" in code.co_names:
            dataclasses.exec = _exec
    except Exception:  # noqa: BLE001 - an optimisation only
        pass


def _exec(source, globals=None, locals=None):
    global _added
    if type(source) is not str:
        return exec(source, globals, locals)
    key = ("py", source)
    _used.add(key)
    code = _cache.get(key)
    if type(code) is not _CodeType:
        code = compile(source, "<string>", "exec")
        _cache[key] = code
        _added += 1
    return exec(code, globals, locals)


_CodeType = type(_exec.__code__)


def remember(key: tuple, compute):
    """`compute()`, kept between runs under `key` (a tuple of str/int that names everything the value
    is worked out from, code version included); the value must be one marshal keeps (str, numbers,
    tuples, frozensets, None …). Without the cache installed (fzwriter as a library): `compute()`."""
    global _added
    if not _installed:
        return compute()
    k = ("value",) + key
    _used.add(k)
    hit = _cache.get(k)
    if type(hit) is tuple and len(hit) == 1:
        return hit[0]
    value = compute()
    _cache[k] = (value,)
    _added += 1
    return value


# patterns made from a draft's own words (an escaped name) would grow the file without end: an entry
# no run used in this many saves is dropped, and the file never holds more than MAX_ENTRIES
KEEP_GENERATIONS = 20
MAX_ENTRIES = 2000


def save() -> None:
    """Write the cache when this process compiled patterns it did not hold (atomically, quietly)."""
    if not _added or _path is None:
        return
    try:
        import marshal

        from .fsutil import write_atomic

        if os.getpid() != _owner:
            return  # a forked worker: the parent saves
        generation = _generation + 1
        stamps = {k: generation if k in _used else _stamps.get(k, generation) for k in _cache}
        keep = [k for k in _cache if generation - stamps[k] < KEEP_GENERATIONS]
        keep = sorted(keep, key=lambda k: stamps[k])[-MAX_ENTRIES:]  # the most recently used
        _path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(_path, marshal.dumps((generation, {k: _cache[k] for k in keep}, {k: stamps[k] for k in keep})),
                     force=True)
    except Exception:  # noqa: BLE001 - a read-only home only costs the compiling next time
        pass

