"""The bundled seeds' model as `new` reads it: plain objects, without importing pydantic.

`mine.default_model()` validates the model (shipped with the seeds, or mined and cached as JSON)
through its pydantic classes: importing pydantic and building those classes costs ~80 ms, a fifth of
a warm `new`. Here the validated model is kept in the user's cache folder as plain objects
(checklists.Entry, as the checklists are), keyed by the corpus key and the code that shapes the
model, so a later `new` only unpickles it. The first `new` on a machine validates as before.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from . import checklists
from .resources import cache_dir, data_dir

SCHEMA_VERSION = 3  # 2: sections of S1 per report; indicators carry current and section; 3: exact
SHIPPED = "model.json"  # the bundled seeds' model, next to them in seeds/ (and so in the wheel)
SHIPPED_KEY = "model.key"  # the corpus key it was built for


def corpus_key(files: list[Path]) -> str:
    """A digest of the corpus' content (names and bytes) and of the schema and checklists."""
    h = hashlib.sha256(f"schema{SCHEMA_VERSION}".encode())
    for f in files:
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    h.update(checklists.fingerprint().encode())  # the checklists in force, the user's own included
    return h.hexdigest()


def seed_files() -> list[Path]:
    """The bundled seeds, as `mine.collect([seeds])` lists them."""
    from .fsutil import walk_drafts
    from .reader import INPUT_SUFFIXES

    files, _ = walk_drafts(data_dir("seeds"), INPUT_SUFFIXES)
    return sorted(set(files), key=lambda p: (p.name, str(p)))


@lru_cache(maxsize=1)
def _code_tag() -> bytes:
    """The code a plain model's shape comes from: the model's classes (mine.py) and `plain`."""
    here = Path(__file__).parent
    return hashlib.sha256((here / "mine.py").read_bytes() + (here / "checklists.py").read_bytes()).digest()


def default_model():
    """The model of the bundled seeds as plain objects (attributes named as mine.CorpusModel's)."""
    import pickle

    key = corpus_key(seed_files())
    digest = hashlib.sha256(_code_tag() + key.encode()).hexdigest()[:32]
    cached = cache_dir() / f"model-{digest}.pickle"
    try:
        value = pickle.loads(cached.read_bytes())
        if isinstance(value, checklists.Entry) and getattr(value, "schema_version", None) == SCHEMA_VERSION:
            return value
    except Exception:  # noqa: BLE001 - absent, damaged or from another version: validated again
        pass
    from .mine import default_model as validated

    value = checklists.plain(validated())
    try:
        from .errors import InputError
        from .fsutil import write_atomic

        cached.parent.mkdir(parents=True, exist_ok=True)
        try:
            write_atomic(cached, pickle.dumps(value, protocol=5), force=True)
        except InputError:
            pass
    except OSError:
        pass  # a read-only home only costs the validation next time
    return value
