"""Load the YAML data in checklists/; every error names the file, the line and the key.

The data in force is the bundled checklists/, file by file replaced by the user's own folder
(fzwriter.toml: `checklists = "目录"`; `use_folder`). Validation (pydantic, writer/schema.py) runs
once per file content; the validated data is cached under the user's cache folder as plain objects
(Entry), keyed by the file's bytes and the schema, so a command's start-up only unpickles it and
never imports pydantic. The bundled files ship validated (checklists.pickle, `python -m writer.checklists`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import InputError
from .resources import cache_dir, data_dir

try:  # CPython's own SHA-256 (Python 3.12+, then 3.10-3.11): importing hashlib loads OpenSSL, ~3 ms
    from _sha2 import sha256  # of every start for the few kilobytes hashed here (random.py does the same)
except ImportError:
    try:
        from _sha256 import sha256
    except ImportError:  # pragma: no cover - a Python built without them
        from hashlib import sha256

# the schema's classes, reachable here as before (checklists.PartsData …), imported on first use
_SCHEMA_NAMES = frozenset({
    "PartSpec", "PartsData", "Malformed", "TitleSpec", "PatternSpec", "IssuerSpec", "DateSpec",
    "FrameData", "RateDefinition", "FiguresData", "Indicator", "Subset", "IndicatorsData",
    "FactExample", "FactUse", "Fact", "Retrospective", "Guidance", "FactsData", "WrongRight", "Formulation", "Goal",
    "FormulationsData", "Placeholder", "WordingData", "Theme", "ThemesData", "LayoutData"})


def __getattr__(name: str) -> Any:
    if name in _SCHEMA_NAMES:
        from . import schema

        return getattr(schema, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Entry:
    """A validated checklist (or one of its entries) as plain attributes, named as in the schema."""

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    __hash__ = None  # type: ignore[assignment]  (mutable, like the schema's models)


class FactMethods:
    """What facts.yml entries answer, both as validated models and as plain entries."""

    @property
    def congress(self) -> str | None:
        """The id of the congress a plenum belongs to."""
        return self.of or (self.scaffold.of if self.scaffold is not None else None)

    def covers(self, year: int) -> bool:
        """Right (not stale, not yet to come) in a report on `year`."""
        return (self.from_ is None or self.from_ <= year) and (self.until is None or year <= self.until)


class FactEntry(FactMethods, Entry):
    pass


# schema class name → the plain class its validated values become (others: Entry)
_PLAIN = {"Fact": FactEntry}


def plain(value: Any) -> Any:
    """A validated pydantic value as plain objects (Entry), lists and dicts, for the cache."""
    fields = getattr(type(value), "model_fields", None)
    if fields is not None:
        cls = _PLAIN.get(type(value).__name__, Entry)
        return cls(**{name: plain(getattr(value, name)) for name in fields})
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(plain(v) for v in value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


# ---------------------------------------------------------------- which files are in force

# file name → its schema (a class of writer/schema.py), in the order `rules --check` lists them
FILES: dict[str, str] = {
    "parts.yml": "PartsData",
    "frame.yml": "FrameData",
    "figures.yml": "FiguresData",
    "indicators.yml": "IndicatorsData",
    "facts.yml": "FactsData",
    "formulations.yml": "FormulationsData",
    "wording.yml": "WordingData",
    "themes.yml": "ThemesData",
    "layout.yml": "LayoutData",
}


def schema_of(name: str) -> Any:
    """The pydantic model of checklist file `name` (imports pydantic)."""
    from . import schema

    return getattr(schema, FILES[name])

_user_folder: Path | None = None


def use_folder(folder: Path | str | None) -> None:
    """Read checklists from `folder` first (each file there replaces the bundled one of the same
    name); None: the bundled checklists only."""
    global _user_folder
    if folder is not None:
        folder = Path(folder)
        if not folder.is_dir():
            reason = "不是文件夹" if folder.exists() else "不存在"
            raise InputError(folder, f"清单文件夹{reason}（可用 fzwriter checklists export {folder} 建立）")
    _user_folder = folder
    for loader in _LOADERS:
        loader.cache_clear()


def user_folder() -> Path | None:
    return _user_folder


def source(name: str) -> Path:
    """The file `name` (parts.yml …) in force: the user's copy when there is one, else the bundled one."""
    if _user_folder is not None and (_user_folder / name).is_file():
        return _user_folder / name
    return data_dir("checklists") / name


def sources() -> list[tuple[str, Path, bool]]:
    """(name, path, is the user's own) for every checklist file, in FILES order."""
    out = []
    for name in FILES:
        path = source(name)
        out.append((name, path, _user_folder is not None and path.parent == _user_folder))
    return out


def shown(name: str) -> str:
    """How messages name checklist `name`: the bundled file by its name, the user's own by its path
    (relative to the current folder when under it)."""
    path = source(name)
    if _user_folder is None or path.parent != _user_folder:
        return name
    return _display(path)


def _display(path: Path) -> str:
    """`path` relative to the current folder when it is under it, as the user would type it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def strangers() -> list[Path]:
    """YAML files in the user's folder that fzwriter does not read (a misspelt name, say)."""
    if _user_folder is None:
        return []
    return sorted(p for p in _user_folder.iterdir()
                  if p.suffix.lower() in (".yml", ".yaml") and p.name not in FILES)


# what reading and mining a report never looks at: the layout numbers (FM rules and the layout fix)
_NOT_READ = frozenset({"layout.yml"})


def fingerprint() -> str:
    """A digest of the data reading a report depends on (for caches built from it, such as the
    seeds' model)."""
    h = sha256()
    for name, path, _ in sources():
        if name in _NOT_READ:
            continue
        h.update(name.encode() + b"\0" + _read(path) + b"\0")
    return h.hexdigest()


# ---------------------------------------------------------------- loading, validating, caching


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(_display(path), "清单文件不存在") from None
    except OSError as exc:
        raise InputError(_display(path), f"无法读取清单文件：{exc.strerror or exc}") from None


def _loader_class():
    """PyYAML's safe loader (libyaml's parser when PyYAML has it: marks and all, five times faster)
    refusing duplicate keys, which PyYAML would otherwise resolve silently by keeping the last."""
    import yaml

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        def construct_mapping(self, node, deep=False):
            if isinstance(node, yaml.MappingNode):
                self.flatten_mapping(node)
                seen: set = set()
                for key_node, _ in node.value:
                    key = self.construct_object(key_node, deep=deep)
                    if not isinstance(key, (str, int, float, bool)):
                        continue  # PyYAML refuses unhashable keys itself
                    if key in seen:
                        raise yaml.MarkedYAMLError(problem=f"duplicate key {key}",
                                                   problem_mark=key_node.start_mark)
                    seen.add(key)
            return super().construct_mapping(node, deep=deep)

    return Loader


def parse_yaml(path: Path, data: bytes) -> Any:
    """The YAML in `data` as Python values; InputError naming file, line and column."""
    import yaml

    from .validation import yaml_problem

    path = _display(Path(path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError(path, f"第{line}行：不是 UTF-8 编码（请用 UTF-8 保存清单文件）") from None
    loader = _loader_class()(text)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"第{mark.line + 1}行第{mark.column + 1}列：" if mark is not None else ""
        raise InputError(path, f"{where}YAML 格式错误：{yaml_problem(exc)}") from None
    except yaml.YAMLError as exc:
        raise InputError(path, f"YAML 格式错误：{yaml_problem(exc)}") from None
    except RecursionError:  # PyYAML builds nested lists and mappings by recursion
        raise InputError(path, "YAML 格式错误：列表或映射嵌套过深") from None
    finally:
        loader.dispose()



def validate(path: Path, data: bytes, model: Any) -> Any:
    """Parse and validate `data` (the bytes of `path`) against `model` (a schema class); InputError
    naming file, line and key, in Chinese. Imports pydantic."""
    from .schema import validate as run

    return run(path, data, model)


def load_yaml(path: Path, model: Any) -> Any:
    """Parse `path` and validate it against `model` (no cache); InputError naming file, line and key."""
    return validate(path, _read(path), model)


@lru_cache(maxsize=1)
def _schema_tag() -> bytes:
    """What a cached validated form depends on besides the file: the schema and this module (which
    makes the plain objects; their pickles read the same on every Python fzwriter runs on)."""
    here = Path(__file__).parent
    return sha256((here / "schema.py").read_bytes() + (here / "patterns.py").read_bytes()
                  + Path(__file__).read_bytes()).digest()


# the bundled checklists validated, shipped in the package (rebuilt by `python -m writer.checklists`,
# kept current by tests/test_startup.py), so that the first command on a machine needs no pydantic
SHIPPED = Path(__file__).with_name("checklists.pickle")
_PROTOCOL = 5


@lru_cache(maxsize=1)
def _shipped() -> dict[str, tuple[str, Any]]:
    import pickle

    try:
        value = pickle.loads(SHIPPED.read_bytes())
        return value if isinstance(value, dict) else {}
    except Exception:  # noqa: BLE001 - absent or damaged: validated (and cached) as any other file
        return {}


def _digest(name: str, data: bytes) -> str:
    return sha256(_schema_tag() + name.encode() + b"\0" + data).hexdigest()[:32]


def _cached(name: str, path: Path | None = None) -> Any:
    """The validated data of checklist `name` (the file in force, or `path`): shipped for the bundled
    files, from the user's cache when these bytes were seen before, else validated now."""
    import pickle

    from .fsutil import write_atomic

    path = path or source(name)
    data = _read(path)
    digest = _digest(name, data)
    shipped = _shipped().get(name)
    if shipped is not None and shipped[0] == digest:
        return shipped[1]
    cached = cache_dir() / "checklists" / f"{Path(name).stem}-{digest}.pickle"
    try:
        value = pickle.loads(cached.read_bytes())
        if isinstance(value, Entry):
            return value
    except Exception:  # absent, damaged or from another version: validate again
        pass
    value = plain(validate(path, data, schema_of(name)))
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(cached, pickle.dumps(value, protocol=_PROTOCOL), force=True)
    except (OSError, InputError):
        pass  # a read-only home only costs the validation next time
    return value


@lru_cache(maxsize=None)
def parts() -> Any:  # schema.PartsData, as plain Entry objects
    return _cached("parts.yml")


@lru_cache(maxsize=None)
def frame() -> Any:  # schema.FrameData, as plain Entry objects
    return _cached("frame.yml")


@lru_cache(maxsize=None)
def figures() -> Any:  # schema.FiguresData, as plain Entry objects
    return _cached("figures.yml")


@lru_cache(maxsize=None)
def indicators() -> Any:  # schema.IndicatorsData, as plain Entry objects
    return _cached("indicators.yml")


@lru_cache(maxsize=None)
def facts() -> Any:  # schema.FactsData, as plain Entry objects
    return _cached("facts.yml")


@lru_cache(maxsize=None)
def formulations() -> Any:  # schema.FormulationsData, as plain Entry objects
    return _cached("formulations.yml")


@lru_cache(maxsize=None)
def wording() -> Any:  # schema.WordingData, as plain Entry objects
    return _cached("wording.yml")


@lru_cache(maxsize=None)
def themes() -> Any:  # schema.ThemesData, as plain Entry objects
    return _cached("themes.yml")


@lru_cache(maxsize=None)
def layout() -> Any:  # schema.LayoutData, as plain Entry objects
    return _cached("layout.yml")


_LOADERS = (parts, frame, figures, indicators, facts, formulations, wording, themes, layout)


def load_all() -> None:
    """Load every checklist now, so a broken file is reported once, before any draft."""
    for loader in _LOADERS:
        loader()


def check_all() -> list[InputError]:
    """Validate every checklist in force afresh (no cache): the problems, one per broken file."""
    problems = []
    for name, path, _ in sources():
        try:
            validate(path, _read(path), schema_of(name))
        except InputError as exc:
            problems.append(exc)
    return problems


# what identifies an entry of each file, to tell the user which bundled entries their copy lacks
_ENTRY_KEYS = {
    "facts.yml": ("facts", "id"),
    "formulations.yml": ("formulations", "wrong"),
    "indicators.yml": ("indicators", "key"),
    "themes.yml": ("themes", "name"),
}


def missing_from_user() -> list[tuple[str, list[str]]]:
    """(file, entries) for each of the user's files lacking entries the bundled file has: a copy
    exported before an update of fzwriter misses what the update added."""
    out = []
    for name, path, mine in sources():
        if not mine or name not in _ENTRY_KEYS:
            continue
        field, key = _ENTRY_KEYS[name]
        theirs = {getattr(e, key) for e in getattr(_cached(name, path), field)}
        ours = [getattr(e, key) for e in getattr(_cached(name, data_dir("checklists") / name), field)]
        lacking = [k for k in ours if k not in theirs]
        if lacking:
            out.append((name, lacking))
    return out


def build_shipped() -> Path:
    """Validate the bundled checklists and write SHIPPED (run after changing checklists/)."""
    import pickle

    from .fsutil import write_atomic

    out = {}
    for name in FILES:
        path = data_dir("checklists") / name
        data = _read(path)
        out[name] = (_digest(name, data), plain(validate(path, data, schema_of(name))))
    write_atomic(SHIPPED, pickle.dumps(out, protocol=_PROTOCOL), force=True)
    _shipped.cache_clear()
    return SHIPPED


if __name__ == "__main__":
    # through the imported module: run as __main__, the entries would pickle as __main__.Entry
    from writer import checklists as _module

    print(_module.build_shipped())
