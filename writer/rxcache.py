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
"""

from __future__ import annotations

import os
import sys

_installed = False
_cache: dict = {}  # (is bytes, pattern, flags) → (flags, code, groups - 1, groupindex, indexgroup)
_added = 0
_path = None
_owner = os.getpid()  # the process that saves (a forked worker does not)
_original = None  # re's own compile, for the tests to compare with


def _key_file():
    import _sre

    from .resources import cache_dir

    tag = f"{sys.implementation.name}-{sys.version_info[0]}{sys.version_info[1]}-{_sre.MAGIC}-{_sre.CODESIZE}"
    return cache_dir() / f"regex-{tag}.marshal"


def install() -> None:
    """Compile through the cache for the rest of this process; saved at exit when it grew."""
    global _installed, _path
    if _installed or sys.version_info < (3, 11) or sys.implementation.name != "cpython":
        return
    try:
        import _sre
        import atexit
        import marshal
        from re import _compiler, _parser  # noqa: F401 - present: the hook can work

        _path = _key_file()
        try:
            loaded = marshal.loads(_path.read_bytes())
            if isinstance(loaded, dict):
                _cache.update(loaded)
        except (OSError, ValueError, EOFError, TypeError):
            pass  # absent or damaged: filled again as patterns are compiled
        original = _compiler.compile
        global _original
        _original = original

        def compile(p, flags=0):
            if not isinstance(p, (str, bytes)):
                return original(p, flags)
            key = (isinstance(p, bytes), p, int(flags))
            hit = _cache.get(key)
            if hit is not None:
                try:
                    return _sre.compile(p, hit[0], hit[1], hit[2], hit[3], hit[4])
                except Exception:  # noqa: BLE001 - damaged entry: compiled afresh below
                    _cache.pop(key, None)
            return _record(key, p, flags, original)

        _compiler.compile = compile
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


# patterns made from a draft's own words (an escaped name) would grow the file without end
MAX_ENTRIES = 2000


def save() -> None:
    """Write the cache when this process compiled patterns it did not hold (atomically, quietly)."""
    if not _added or _path is None:
        return
    try:
        import marshal

        from .fsutil import write_atomic

        keep = dict(list(_cache.items())[-MAX_ENTRIES:]) if len(_cache) > MAX_ENTRIES else _cache
        _path.parent.mkdir(parents=True, exist_ok=True)
        if os.getpid() != _owner:
            return  # a forked worker: the parent saves
        write_atomic(_path, marshal.dumps(keep), force=True)
    except Exception:  # noqa: BLE001 - a read-only home only costs the compiling next time
        pass

