"""The effective formatting of a .docx: page setup, line grid, page-number footers, and for every
body paragraph its paragraph properties and, character by character, the font and size Word shows.

Formatting resolves as Word resolves it: a run's direct properties over its character style (and
that style's `basedOn` chain) over the paragraph style's chain over `w:docDefaults`; a paragraph's
direct properties over its list level's over its style's chain over the defaults. Theme fonts
(`w:eastAsiaTheme="minorEastAsia"`) are looked up in the theme part, where an empty East Asian
typeface means the script font for Simplified Chinese (`<a:font script="Hans">`). Style chains are
resolved once per style and memoised, depth-capped, so a file of ten thousand styles based on each
other costs linear time.

The package is opened through reader.docx.Package (sizes capped, XML parsed without DTDs or the
network), and paragraphs are walked by reader.docx.block_paragraphs, so they are the paragraphs the
text reader gives, in the same order. This module only reads; writer.layout judges.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from .docx import _UNREAD, W, Package, Parsed, Walked, block_paragraphs, text_pieces
from .limits import Limits, current

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_MAX_DEPTH = 32  # basedOn links followed: Word itself stops well before

# what Word draws with the East Asian font: ideographs, kana, hangul, CJK punctuation, full-width forms;
# and the ideographs. Compiled when first asked for (module __getattr__): no lint uses them, and
# their wide character classes cost ~4 ms to compile at every import
_LAZY = {
    "_EAST": r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0002fa1f]",
    "IDEOGRAPH": r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]",
}


def __getattr__(name: str):
    pattern = _LAZY.get(name)
    if pattern is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    compiled = globals()[name] = re.compile(pattern)
    return compiled


class Record:
    """A plain record: attributes given by keyword over the class's defaults. (Not dataclasses: a
    dozen of them cost a lint ~20 ms of CPU to define at import, on every draft checked.)"""

    _mutable: tuple = ()

    def __init__(self, **values) -> None:
        for name in self._mutable:
            setattr(self, name, type(getattr(type(self), name))())
        self.__dict__.update(values)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"


class RunFormat(Record):
    """What Word shows for a run: the East Asian and Latin typefaces, size (pt), colour (RRGGBB, None
    for automatic, black), character spacing (pt, negative when condensed), bold; east_set is False
    when no level named an East Asian font (Word's default shows)."""

    east: str | None = None
    latin: str | None = None
    size: float = 10.0
    color: str | None = None
    spacing: float = 0.0
    bold: bool = False
    east_set: bool = True


class ParaFormat(Record):
    """A body paragraph's effective formatting, with its text as the text reader gives it (lines
    stripped, tabs as spaces, no list label) and, per character of that text, its RunFormat index
    (`chars`, -1 for none). Indents: first_line in characters (hanging negative) or first_line_pt in
    points; left/right in points, *_chars when given in characters. line is w:spacing's w:line
    (twips, or 240ths of a line for auto) under line_rule; before/after in points; lead is the
    white space stripped from the first line, in characters."""

    text: str = ""
    chars: list = []
    style: str | None = None
    align: str = "left"  # left, right, center, both, distribute (start/end folded to left/right)
    first_line: float | None = None
    first_line_pt: float | None = None
    left: float = 0.0
    left_chars: float | None = None
    right: float = 0.0
    right_chars: float | None = None
    line: float = 240
    line_rule: str = "auto"
    before: float = 0.0
    after: float = 0.0
    snap: bool = True
    lead: float = 0.0
    section: int = 0  # index into Layout.sections
    in_table: bool = False
    _mutable = ("chars",)


class PageNumber(Record):
    """A PAGE field found in a footer (or header): the part (default, even, first), where it stands
    (left, right, center, outside, inside), the footer paragraph's text before and after it, the
    number's size (pt) and the typeface of its digits."""

    part: str = "default"
    align: str = "left"
    before: str = ""
    after: str = ""
    size: float | None = None
    latin: str | None = None
    in_header: bool = False

    def as_part(self, part: str) -> PageNumber:
        return PageNumber(**{**self.__dict__, "part": part})


class Section(Record):
    """A section's page setup (mm), footer distance (mm), document grid (lines, linesAndChars,
    snapToChars or None; line pitch in pt; w:charSpace signed) and page numbers."""

    width: float = 210.0
    height: float = 297.0
    top: float = 25.4
    bottom: float = 25.4
    left: float = 31.75
    right: float = 31.75
    gutter: float = 0.0
    footer: float = 0.0
    grid: str | None = None
    line_pitch: float | None = None
    char_space: int = 0
    title_page: bool = False
    page_numbers: list = []
    footers: dict = {}  # part → has a footer reference
    _mutable = ("page_numbers", "footers")

    @property
    def landscape(self) -> bool:
        return self.width > self.height


class StyleFormat(Record):
    """A paragraph style as its chain resolves it (a unit template's reference): its run format,
    the East Asian typeface and size named on the style itself (no theme), its line spacing."""

    id: str = ""
    name: str = ""
    run: RunFormat | None = None
    east_explicit: str | None = None
    size_explicit: float | None = None
    line: float = 240
    line_rule: str = "auto"


class Layout(Record):
    """A .docx's formatting: sections, odd-and-even headers, body paragraphs, the distinct run
    formats they index, paragraph styles by lower-case name, the Normal style's size (pt)."""

    path: str = ""
    sections: list = []
    even_odd: bool = False
    paragraphs: list = []
    formats: list = []
    styles: dict = {}
    default_size: float = 10.0
    _mutable = ("sections", "paragraphs", "formats", "styles")


# ----------------------------------------------------------------------------- small readers

def _int(value, default=None):
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return default


def _on(el) -> bool:
    """A toggle element (w:b, w:snapToGrid): present and not val=0/false/off."""
    if el is None:
        return False
    return (el.get(W + "val") or "true").lower() not in ("0", "false", "off")


def signed32(value: int) -> int:
    """w:charSpace as LibreOffice writes it (4294966271 for −1025) back to a signed number."""
    return value - 2**32 if value >= 2**31 else value


class _Theme:
    """Theme fonts and colours (theme1.xml), as Word maps w:*Theme attributes onto them."""

    def __init__(self, root):
        self.fonts: dict[str, str | None] = {}
        self.colors: dict[str, str] = {}
        if root is None:
            return
        for kind in ("major", "minor"):
            el = root.find(f".//{A}{kind}Font")
            if el is None:
                continue
            latin = el.find(A + "latin")
            ea = el.find(A + "ea")
            hans = next((f.get("typeface") for f in el.iterchildren(A + "font") if f.get("script") == "Hans"), None)
            self.fonts[f"{kind}HAnsi"] = self.fonts[f"{kind}Ascii"] = latin.get("typeface") if latin is not None else None
            ea_face = ea.get("typeface") if ea is not None else None
            self.fonts[f"{kind}EastAsia"] = ea_face or hans or None
        scheme = root.find(f".//{A}clrScheme")
        if scheme is not None:
            for child in scheme:
                name = child.tag.rsplit("}", 1)[-1]
                for c in child:
                    val = c.get("lastClr") or c.get("val")
                    if val and re.fullmatch(r"[0-9A-Fa-f]{6}", val):
                        self.colors[name] = val.upper()

    _COLOR_ALIAS = {"text1": "dk1", "dark1": "dk1", "text2": "dk2", "dark2": "dk2", "background1": "lt1",
                    "light1": "lt1", "background2": "lt2", "light2": "lt2", "hyperlink": "hlink",
                    "followedHyperlink": "folHlink"}

    def color(self, name: str) -> str | None:
        return self.colors.get(self._COLOR_ALIAS.get(name, name))


# ------------------------------------------------------------------------- property resolution

_FONT_ATTRS = tuple((attr, W + attr + "Theme", W + attr, attr + "_theme") for attr in ("ascii", "hAnsi", "eastAsia"))
_RFONTS, _SZ, _COLOR, _SPACING, _B = W + "rFonts", W + "sz", W + "color", W + "spacing", W + "b"
_VAL = W + "val"


def _kids(el) -> dict:
    """Each child tag's first child, as el.find(tag) gives it, in one pass over the children (a
    find costs a path parse each: five of them per w:rPr were most of the run's cost)."""
    out: dict = {}
    for c in el:
        if c.tag not in out:
            out[c.tag] = c
    return out


def _child(el, tag):
    """el.find(tag), for an element of a few children (a run, a paragraph's first child w:pPr):
    a find parses its path on every call."""
    for c in el:
        if c.tag == tag:
            return c
    return None


def _scaled(out: dict, key: str, el, per_point: int) -> None:
    """out[key] = the element's w:val in points, when it has a whole number."""
    if el is not None:
        val = _int(el.get(_VAL))
        if val is not None:
            out[key] = val / per_point


def _run_props(rpr, theme: _Theme) -> dict:
    """The run properties one w:rPr sets (only those it sets)."""
    out: dict = {}
    if rpr is None:
        return out
    kids = _kids(rpr)
    fonts = kids.get(_RFONTS)
    if fonts is not None:
        for attr, theme_attr, plain_attr, theme_key in _FONT_ATTRS:
            themed = fonts.get(theme_attr)
            if themed:
                out[attr] = theme.fonts.get(themed.replace("Ascii", "HAnsi"))
                out[theme_key] = True
            else:
                plain = fonts.get(plain_attr)
                if plain:
                    out[attr] = plain
                    out[theme_key] = False
    _scaled(out, "sz", kids.get(_SZ), 2)  # half points
    color = kids.get(_COLOR)
    if color is not None:
        themed = color.get(W + "themeColor")
        val = theme.color(themed) if themed else None
        val = val or color.get(_VAL)
        out["color"] = None if not val or val.lower() == "auto" else val.upper()
    _scaled(out, "spacing", kids.get(_SPACING), 20)  # twentieths of a point
    b = kids.get(_B)
    if b is not None:
        out["b"] = _on(b)
    return out


_JC, _IND, _PSPACING, _SNAP = W + "jc", W + "ind", W + "spacing", W + "snapToGrid"
_SIDES = (("left", W + "leftChars", W + "startChars", W + "left", W + "start"),
          ("right", W + "rightChars", W + "endChars", W + "right", W + "end"))
_GAPS = tuple((side, W + side + "Lines", W + side) for side in ("before", "after"))


def _para_props(ppr, kids: dict | None = None) -> dict:
    """The paragraph properties one w:pPr sets: alignment, indents, spacing, grid snapping (`kids`:
    its children by tag, when the caller has them)."""
    out: dict = {}
    if ppr is None:
        return out
    if kids is None:
        kids = _kids(ppr)
    jc = kids.get(_JC)
    if jc is not None and jc.get(_VAL):
        out["jc"] = jc.get(_VAL)
    ind = kids.get(_IND)
    if ind is not None:
        g = ind.get
        # each group (first line, left, right) is set by the level that names it, characters first
        first_chars = g(W + "firstLineChars") or (
            str(-_int(g(W + "hangingChars"), 0)) if g(W + "hangingChars") else None)
        first = g(W + "firstLine") or (str(-_int(g(W + "hanging"), 0)) if g(W + "hanging") else None)
        if first_chars is not None or first is not None:
            out["first"] = (_int(first_chars) if first_chars is not None and _int(first_chars) else None,
                            _int(first, 0))
        for side, chars_a, chars_b, twips_a, twips_b in _SIDES:
            chars = g(chars_a)
            if chars is None:
                chars = g(chars_b)
            twips = g(twips_a)
            if twips is None:
                twips = g(twips_b)
            if chars is not None or twips is not None:
                out[side] = (_int(chars) if chars is not None and _int(chars) else None, _int(twips, 0))
    sp = kids.get(_PSPACING)
    if sp is not None:
        if sp.get(W + "line") is not None:
            out["line"] = _int(sp.get(W + "line"), 240)
            out["lineRule"] = sp.get(W + "lineRule") or "auto"
        for side, lines_attr, twips_attr in _GAPS:
            lines = sp.get(lines_attr)
            if lines is not None and _int(lines):
                out[side] = ("lines", _int(lines))
            elif sp.get(twips_attr) is not None:
                out[side] = ("twips", _int(sp.get(twips_attr), 0))
    snap = kids.get(_SNAP)
    if snap is not None:
        out["snap"] = _on(snap)
    return out


class _Styles:
    """Styles resolved along their basedOn chains, once each (memoised, depth-capped, cycle-safe)."""

    def __init__(self, root, theme: _Theme):
        self.theme = theme
        self.by_id: dict[str, object] = {}
        self.default_para: str | None = None
        self.default_rpr: dict = {}
        self.default_ppr: dict = {}
        self._rpr: dict[str, dict] = {}
        self._ppr: dict[str, dict] = {}
        self._num: dict[str, tuple | None] = {}
        if root is None:
            return
        defaults = root.find(W + "docDefaults")
        if defaults is not None:
            self.default_rpr = _run_props(defaults.find(f"{W}rPrDefault/{W}rPr"), theme)
            self.default_ppr = _para_props(defaults.find(f"{W}pPrDefault/{W}pPr"))
        for st in root.iterchildren(W + "style"):
            sid = st.get(W + "styleId")
            if not sid or sid in self.by_id:
                continue
            self.by_id[sid] = st
            if st.get(W + "type") == "paragraph" and _on_attr(st.get(W + "default")) and self.default_para is None:
                self.default_para = sid

    def name(self, sid: str) -> str:
        st = self.by_id.get(sid)
        n = st.find(W + "name") if st is not None else None
        return (n.get(W + "val") if n is not None else None) or sid

    def _chain(self, sid: str | None) -> list:
        """sid and the styles it is based on, nearest first, at most _MAX_DEPTH, no cycles."""
        out, seen = [], set()
        while sid and sid in self.by_id and sid not in seen and len(out) < _MAX_DEPTH:
            seen.add(sid)
            st = self.by_id[sid]
            out.append((sid, st))
            based = st.find(W + "basedOn")
            sid = based.get(W + "val") if based is not None else None
        return out

    def _resolve(self, sid: str, cache: dict, own) -> dict:
        """Merged properties of `sid`: its base's (resolved first, from the cache) under its own.
        Each style is merged once, so a chain of n styles costs n merges however it is queried."""
        if sid in cache:
            return cache[sid]
        chain = self._chain(sid)
        merged: dict = {}
        # from the farthest base to `sid`, reusing any base already resolved
        start = len(chain)
        for k, (cid, _) in enumerate(chain):
            if cid in cache:
                merged, start = dict(cache[cid]), k
                break
        for cid, st in reversed(chain[:start]):
            merged = {**merged, **own(st)}
            cache[cid] = merged
        return cache.get(sid, merged)

    def rpr(self, sid: str | None) -> dict:
        if not sid or sid not in self.by_id:
            return {}
        return self._resolve(sid, self._rpr, lambda st: _run_props(st.find(W + "rPr"), self.theme))

    def ppr(self, sid: str | None) -> dict:
        if not sid or sid not in self.by_id:
            return {}
        return self._resolve(sid, self._ppr, lambda st: _para_props(st.find(W + "pPr")))

    def num(self, sid: str | None) -> tuple | None:
        """The list (numId, ilvl) a paragraph style attaches, along its chain."""
        if not sid:
            return None
        if sid not in self._num:
            found = None
            for _, st in self._chain(sid):
                numpr = st.find(f"{W}pPr/{W}numPr")
                if numpr is not None:
                    found = _num_ref(numpr)
                    break
            self._num[sid] = found
        return self._num[sid]


def _on_attr(value) -> bool:
    return value is not None and value.lower() in ("1", "true", "on")


def _num_ref(numpr) -> tuple | None:
    nid = numpr.find(W + "numId")
    if nid is None or nid.get(W + "val") in (None, "0"):
        return None
    ilvl = numpr.find(W + "ilvl")
    return nid.get(W + "val"), _int(ilvl.get(W + "val"), 0) if ilvl is not None else 0


class _ListLevels:
    """The paragraph properties (indents) each list level gives its paragraphs."""

    def __init__(self, root):
        self._abstract: dict[str, dict[int, dict]] = {}
        self._nums: dict[str, str] = {}
        if root is None:
            return
        for an in root.iterchildren(W + "abstractNum"):
            levels = {}
            for lvl in an.iterchildren(W + "lvl"):
                ilvl = _int(lvl.get(W + "ilvl"))
                if ilvl is not None:
                    levels[ilvl] = _para_props(lvl.find(W + "pPr"))
            self._abstract[an.get(W + "abstractNumId")] = levels
        for num in root.iterchildren(W + "num"):
            ref = num.find(W + "abstractNumId")
            if num.get(W + "numId") and ref is not None:
                self._nums[num.get(W + "numId")] = ref.get(W + "val")

    def ppr(self, ref: tuple | None) -> dict:
        if ref is None:
            return {}
        return self._abstract.get(self._nums.get(ref[0], ""), {}).get(ref[1], {})


# ----------------------------------------------------------------------------------- the walk

def _lines(raw: str, idx: list[int]) -> tuple[str, list[int], float]:
    """Lines stripped and joined as the text reader does (tabs as spaces), the format index of each
    character kept, and the first line's stripped leading white space in characters (a tab two, a
    full-width space one, another space half)."""
    if "\n" not in raw:  # one line (nearly every paragraph): the loop below, unrolled
        body = raw.strip()
        n = len(raw) - len(raw.lstrip())
        # no leading white space (most paragraphs): the sum of nothing, 0, without a generator
        lead = (sum(2.0 if c == "\t" else 1.0 if c == "\u3000" else 0.5 for c in raw[:n]) if n else 0) if body else 0.0
        return body.replace("\t", " "), idx[n:n + len(body)] if body else [], lead
    text: list[str] = []
    out: list[int] = []
    lead = 0.0
    first = True
    pos = 0
    for line in raw.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        body = line.strip()
        if not body:
            continue
        n = len(line) - len(line.lstrip())
        if first:
            lead = sum(2.0 if c == "\t" else 1.0 if c == "\u3000" else 0.5 for c in line[:n])
            first = False
        if text:
            text.append("\n")
            out.append(-1)
        text.append(body.replace("\t", " "))
        out.extend(idx[start + n:start + n + len(body)])
    return "".join(text), out, lead


_FORMAT_FIELDS = ("east", "latin", "size", "color", "spacing", "bold", "east_set")


_PPR, _RPR, _PSTYLE, _NUMPR, _RSTYLE = W + "pPr", W + "rPr", W + "pStyle", W + "numPr", W + "rStyle"
_ANY = object()  # run(): the paragraph style is not known, only its run properties
_ALIGN = {"start": "left", "end": "right", "justify": "both", "centre": "center"}


class _Resolver:
    def __init__(self, styles: _Styles, levels: _ListLevels, theme: _Theme):
        self.styles, self.levels, self.theme = styles, levels, theme
        self.formats: list[RunFormat] = []
        self._index: dict[tuple, int] = {}
        self._base: dict = {}  # paragraph style id → its run properties (docDefaults under it)
        self._plain: dict = {}  # paragraph style id → the format of a run with no w:rPr in it
        self._inherited: dict = {}  # (style id, list level) → the paragraph properties they give
        self._merged: dict = {}  # (style id, list level, w:pPr's own format children) → merged properties
        self._shapes: dict = {}  # id of merged properties → (them, the ParaFormat values they give)
        self._styled: dict = {}  # (id of a base, a w:rPr's children) → (that base, format index)

    def para(self, p, ppr=_UNREAD, kids: dict | None = None) -> tuple[dict, str | None, dict]:
        """(merged paragraph properties, style id, the style's run properties) of w:p `p` (its w:pPr
        and that one's children by tag, when the caller has them)."""
        if ppr is _UNREAD:
            ppr = _child(p, _PPR)
            kids = _kids(ppr) if ppr is not None else None
        sid = None
        num = None
        if ppr is not None:
            ps = kids.get(_PSTYLE)
            sid = ps.get(_VAL) if ps is not None else None
            numpr = kids.get(_NUMPR)
            num = _num_ref(numpr) if numpr is not None else None
        if not sid or sid not in self.styles.by_id:
            sid = self.styles.default_para
        if num is None:
            num = self.styles.num(sid)
        # w:pPr's own properties are read from the attributes of these four children alone: a
        # paragraph with the same ones, style and list level has the same merged properties, merged
        # once (a draft has a handful of distinct paragraph formats). The dict is shared: read only
        own = None if ppr is None else tuple([(c.tag, tuple(c.items())) for c in (
            kids.get(_JC), kids.get(_IND), kids.get(_PSPACING), kids.get(_SNAP)) if c is not None])
        merged = self._merged.get((sid, num, own))
        if merged is None:
            inherited = self._inherited.get((sid, num))
            if inherited is None:  # what the defaults, the style and the list level give: theirs alone
                inherited = self._inherited[(sid, num)] = {**self.styles.default_ppr, **self.styles.ppr(sid),
                                                           **self.levels.ppr(num)}
            merged = self._merged[(sid, num, own)] = {**inherited, **_para_props(ppr, kids)}
        base_run = self._base.get(sid)
        if base_run is None:  # a function of the style alone (read only by callers)
            base_run = self._base[sid] = {**self.styles.default_rpr, **self.styles.rpr(sid)}
        return merged, sid, base_run

    def run(self, r, base: dict, cache: dict, sid=_ANY) -> int:
        """The RunFormat index of w:r `r` in a paragraph whose style gives `base` (the style `sid`,
        when known: a run with no properties of its own then takes the style's format, found once)."""
        key = r  # the element: the caller's list of runs keeps it (and its proxy) alive
        if key is not None and key in cache:
            return cache[key]
        rpr = _child(r, _RPR) if r is not None else None
        idx = self.plain(sid, base) if rpr is None and sid is not _ANY else self.styled(rpr, base)
        if key is not None:
            cache[key] = idx
        return idx

    def plain(self, sid, base: dict) -> int:
        """The format of a run without w:rPr in a paragraph of style `sid` (whose run properties are
        `base`): the style's, found once."""
        idx = self._plain.get(sid)
        if idx is None:
            idx = self._plain[sid] = self._format(base)
        return idx

    def styled(self, rpr, base: dict) -> int:
        """The format of a run with w:rPr `rpr` (or None) over its paragraph style's `base`. A w:rPr
        is read through its children's tags and attributes alone: one with the same ones, under the
        same style, has the same format, resolved once (a draft has a handful of distinct w:rPr)."""
        if rpr is None:
            return self._format({**base, **_run_props(rpr, self.theme)})
        key = (id(base), tuple([(c.tag, tuple(c.items())) for c in rpr]))
        known = self._styled.get(key)
        if known is not None and known[0] is base:  # the base itself kept: its id is not reused
            return known[1]
        rstyle = None
        rs = rpr.find(_RSTYLE)
        if rs is not None:
            rstyle = rs.get(_VAL)
        idx = self._format({**base, **self.styles.rpr(rstyle), **_run_props(rpr, self.theme)})
        self._styled[key] = (base, idx)
        return idx

    def _format(self, props: dict) -> int:
        """The index of the RunFormat that merged run properties `props` show."""
        east = props.get("eastAsia")
        values = (east, props.get("ascii") or props.get("hAnsi"), props.get("sz", 10.0), props.get("color"),
                  props.get("spacing", 0.0), bool(props.get("b")), "eastAsia" in props and east is not None)
        idx = self._index.get(values)
        if idx is None:
            idx = self._index[values] = len(self.formats)
            self.formats.append(RunFormat(**dict(zip(_FORMAT_FIELDS, values))))
        return idx


def _paragraph(p, res: _Resolver, section: int, in_table: bool, step: Walked | None = None) -> ParaFormat | None:
    """`step`: the paragraph as the text reader walked it, when it did."""
    if step is not None:
        pieces, raw = step.pieces, step.raw
    else:
        pieces = []
        text_pieces(p, pieces)
        raw = "".join([t for t, _ in pieces])
    if not raw.strip():
        return None
    # the text reader looked for w:pPr in every paragraph that is not blank, as this one
    props, sid, base = res.para(p, step.ppr, step.kids) if step is not None else res.para(p)
    cache: dict = {}  # run element → its format (a run's w:t, w:tab … are pieces of their own)
    idx: list[int] = []
    for t, r in pieces:  # one resolution a run, one list operation a piece
        if r is None:
            k = -1
        else:
            k = cache.get(r)
            if k is None:
                for c in r:  # r.find(w:rPr), without a path search
                    if c.tag == _RPR:
                        k = cache[r] = res.styled(c, base)
                        break
                else:
                    k = cache[r] = res.plain(sid, base)
        idx.extend([k] * len(t))
    text, chars, lead = _lines(raw, idx)
    # the attributes in the order ParaFormat(...) and then setting them one by one would give; those
    # of the merged properties found once for each (a handful in a draft)
    values = {"chars": chars, "text": text, "style": sid, "section": section, "in_table": in_table, "lead": lead}
    shape = res._shapes.get(id(props))
    if shape is None or shape[0] is not props:
        shape = res._shapes[id(props)] = (props, _shape(props))
    values.update(shape[1])
    out = object.__new__(ParaFormat)  # every attribute given: Record.__init__'s defaults not needed
    out.__dict__.update(values)
    return out


def _shape(props: dict) -> dict:
    """The ParaFormat attributes merged paragraph properties give, in ParaFormat's order."""
    values: dict = {}
    jc = props.get("jc", "left")
    values["align"] = _ALIGN.get(jc, jc)
    if "first" in props:
        chars_, twips = props["first"]
        if chars_ is not None:
            values["first_line"] = chars_ / 100
        else:
            values["first_line_pt"] = twips / 20
    if "left" in props:
        chars_, twips = props["left"]
        values["left"] = twips / 20
        values["left_chars"] = chars_ / 100 if chars_ is not None else None
    if "right" in props:
        chars_, twips = props["right"]
        values["right"] = twips / 20
        values["right_chars"] = chars_ / 100 if chars_ is not None else None
    values["line"] = props.get("line", 240)
    values["line_rule"] = props.get("lineRule", "auto")
    for side in ("before", "after"):
        unit, val = props.get(side, ("twips", 0))
        # a line of the grid or of single spacing: counted at 12 pt, Word's nominal line
        values[side] = val / 100 * 12 if unit == "lines" else val / 20
    values["snap"] = props.get("snap", True)
    return values


# ------------------------------------------------------------------------------ sections, footers

_MM = 25.4 / 1440  # mm per twip


def _section(sect) -> Section:
    pg = sect.find(W + "pgSz")
    mar = sect.find(W + "pgMar")
    grid = sect.find(W + "docGrid")

    def twips(el, attr, default):
        v = _int(el.get(W + attr)) if el is not None else None
        return (v if v is not None else default) * _MM

    s = Section(width=twips(pg, "w", 11906), height=twips(pg, "h", 16838),
                top=abs(twips(mar, "top", 1440)), bottom=abs(twips(mar, "bottom", 1440)),
                left=twips(mar, "left", 1800), right=twips(mar, "right", 1800),
                gutter=twips(mar, "gutter", 0), footer=twips(mar, "footer", 720))
    if mar is not None and mar.get(W + "left") is None and mar.get(W + "start") is not None:
        s.left = twips(mar, "start", 1800)
    if mar is not None and mar.get(W + "right") is None and mar.get(W + "end") is not None:
        s.right = twips(mar, "end", 1800)
    if grid is not None:
        kind = grid.get(W + "type")
        s.grid = kind if kind in ("lines", "linesAndChars", "snapToChars") else None
        pitch = _int(grid.get(W + "linePitch"))
        s.line_pitch = pitch / 20 if pitch else None
        s.char_space = signed32(_int(grid.get(W + "charSpace"), 0))
    s.title_page = _on(sect.find(W + "titlePg"))
    return s


def _footer_refs(sect) -> list[tuple[str, str, str]]:
    """(header|footer, type, relationship id) of a section's references."""
    out = []
    for kind in ("header", "footer"):
        for ref in sect.iterchildren(W + kind + "Reference"):
            rid = ref.get(R + "id")
            if rid:
                out.append((kind, ref.get(W + "type") or "default", rid))
    return out


_PAGE_FIELD = re.compile(r"^\s*PAGE\b", re.I)


def _page_numbers(root, res: _Resolver, part: str, in_header: bool) -> list[PageNumber]:
    """PAGE fields in a header or footer part: simple fields and complex ones (begin … separate …
    end), in paragraphs, frames and text boxes alike."""
    found = []
    for p in root.iter(W + "p"):
        pieces = _field_pieces(p)
        fields = [k for k, (kind, _) in enumerate(pieces) if kind == "page"]
        if not fields:
            continue
        k = fields[0]
        before = "".join(t for kind, t in pieces[:k] if kind == "text")
        after = "".join(t for kind, t in pieces[k + 1:] if kind == "text")
        props, _, base = res.para(p)
        fmt = res.formats[res.run(pieces[k][1], base, {})]
        frame = p.find(f"{W}pPr/{W}framePr")
        align = props.get("jc", "left")
        if frame is not None and frame.get(W + "xAlign"):
            align = frame.get(W + "xAlign")
        align = {"start": "left", "end": "right", "both": "left", "justify": "left",
                 "distribute": "left"}.get(align, align)
        found.append(PageNumber(part=part, align=align, before=before, after=after, size=fmt.size,
                                latin=fmt.latin, in_header=in_header))
    return found


def _field_pieces(p) -> list[tuple[str, object]]:
    """A paragraph as ("text", str) and ("page", run of the number) pieces: the text around PAGE
    fields and the run whose format the number takes (its result's, else the field's own)."""
    pieces: list[tuple[str, object]] = []
    # open complex fields: [code, in its code?, the begin's run, index of its page piece, result seen?]
    stack: list[list] = []
    for el in p.iter(W + "t", W + "fldChar", W + "instrText", W + "fldSimple"):
        if next(el.iterancestors(W + "p"), None) is not p:
            continue  # a text box's own paragraph, read on its own
        tag = el.tag
        if tag == W + "fldSimple":
            if _PAGE_FIELD.match(el.get(W + "instr") or ""):
                pieces.append(("page", el.find(W + "r")))
            continue
        if tag == W + "fldChar":
            kind = el.get(W + "fldCharType")
            if kind == "begin":
                stack.append(["", True, el.getparent(), None, False])
            elif kind == "separate" and stack:
                top = stack[-1]
                top[1] = False
                if _PAGE_FIELD.match(top[0]):
                    top[3] = len(pieces)
                    pieces.append(("page", top[2]))
            elif kind == "end" and stack:
                top = stack.pop()
                if top[3] is None and _PAGE_FIELD.match(top[0]):  # never updated: no result
                    pieces.append(("page", top[2]))
            continue
        if tag == W + "instrText":
            if stack and stack[-1][1]:
                stack[-1][0] += el.text or ""
            continue
        if any(a.tag == W + "fldSimple" for a in el.iterancestors(W + "fldSimple")):
            continue  # a simple field's result
        if stack and stack[-1][3] is not None:
            k = stack[-1][3]
            if not stack[-1][4] and (el.text or "").strip():
                pieces[k] = ("page", el.getparent())  # the result's run gives the number's format
                stack[-1][4] = True
            continue
        if stack and stack[-1][1]:
            continue
        pieces.append(("text", el.text or ""))
    return pieces


# -------------------------------------------------------------------------------------- the door

def read_layout(path: str | Path, data: bytes | None = None, limits: Limits | None = None,
                parsed: Parsed | None = None) -> Layout:
    """The effective formatting of the .docx at `path` (or its bytes `data`). `parsed`: what the text
    reader kept of the file (its bytes and parsed parts), reused when read under the same limits.
    Every failure is an InputError naming the file."""
    path = Path(path)
    limits = limits or current()
    if data is None and parsed is not None and parsed.data is not None and parsed.limits == limits:
        data = parsed.data
    if data is None:
        from . import read_bytes

        data = read_bytes(path, limits)
    pkg = Package(path, data, limits, parsed)
    try:
        main = pkg.main_part()
        rels = pkg.rels(main)
        by_kind: dict[str, list[str]] = {}
        for kind, target in rels:
            by_kind.setdefault(kind, []).append(target)
        theme = _Theme(_first(pkg, by_kind.get("theme")))
        styles = _Styles(_first(pkg, by_kind.get("styles")), theme)
        levels = _ListLevels(_first(pkg, by_kind.get("numbering")))
        settings = _first(pkg, by_kind.get("settings"))
        even_odd = settings is not None and _on(settings.find(W + "evenAndOddHeaders"))
        res = _Resolver(styles, levels, theme)
        root = pkg.xml(main)
        body = root.find(W + "body")
        if body is None:
            raise InputError(path, "文档已损坏：主文档中没有正文（w:body）")
        ending = _ending_sections(body)
        sects = _section_breaks(body, ending)
        paragraphs = []
        nsect = 0
        if parsed is not None and parsed.body is body:
            walked = [(w.p, w.cell, w) for w in parsed.walked]  # the text reader's walk of this very tree
        else:
            walked = [(p, cell, None) for p, cell in block_paragraphs(body)]
        for p, cell, step in walked:
            para = _paragraph(p, res, nsect, cell is not None, step)
            if para is not None:
                paragraphs.append(para)
            if cell is None and p in ending:
                nsect += 1
        sections = [_section(s) for s in sects] or [_section(body.makeelement(W + "sectPr", {}))]
        _attach_footers(pkg, main, sects, sections, res)
        normal = styles.rpr(styles.default_para)
        default_size = {**styles.default_rpr, **normal}.get("sz", 10.0)
        named = _style_formats(styles, res)
    finally:
        pkg.close()
    return Layout(path=str(path), sections=sections, even_odd=even_odd, paragraphs=paragraphs,
                  formats=res.formats, styles=named, default_size=default_size)


def _first(pkg: Package, targets: list[str] | None):
    for t in targets or []:
        if pkg.has(t):
            return pkg.xml(t, lenient=True)
    return None


def _ending_sections(body) -> set:
    """The paragraphs that end a section (a w:sectPr in their w:pPr), found from the few w:sectPr
    rather than by a path search in every paragraph."""
    out = set()
    for sect in body.iter(W + "sectPr"):
        ppr = sect.getparent()
        if ppr.tag == _PPR:
            p = ppr.getparent()
            if p is not None and p.tag == W + "p":
                out.add(p)
    return out


def _section_breaks(body, ending: set) -> list:
    """The sectPr of every section in order: those ending a paragraph, then the body's own (last)."""
    out = [p.find(f"{W}pPr/{W}sectPr") for p in body.iter(W + "p") if p in ending] if ending else []
    last = body.find(W + "sectPr")
    if last is not None:
        out.append(last)
    return out


def _attach_footers(pkg: Package, main: str, sects: list, sections: list[Section], res: _Resolver) -> None:
    """Page numbers of each section, from its own header/footer parts or, where it names none of a
    kind, from the previous section's (Word's link to the previous section)."""
    import posixpath

    targets = {}
    folder = posixpath.dirname(main)
    rels_name = posixpath.join(folder, "_rels", posixpath.basename(main) + ".rels")
    if pkg.has(rels_name):
        for rel in pkg.xml(rels_name).iter("{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"):
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External" or not target:
                continue
            full = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))
            targets[rel.get("Id")] = full
    parsed: dict[str, list[PageNumber]] = {}
    inherited: dict[tuple[str, str], str] = {}
    for sect, section in zip(sects, sections):
        for kind, part, rid in _footer_refs(sect):
            if rid in targets:
                inherited[(kind, part)] = targets[rid]
        for (kind, part), target in inherited.items():
            if kind == "footer":
                section.footers[part] = True
            if target not in parsed:
                root = pkg.xml(target, lenient=True) if pkg.has(target) else None
                parsed[target] = _page_numbers(root, res, part, kind == "header") if root is not None else []
            section.page_numbers.extend(pn.as_part(part) for pn in parsed[target])


def _style_formats(styles: _Styles, res: _Resolver) -> dict[str, StyleFormat]:
    """Every paragraph style resolved, by lower-case name (a template's reference)."""
    out = {}
    for sid, st in styles.by_id.items():
        if st.get(W + "type") != "paragraph":
            continue
        rpr = {**styles.default_rpr, **styles.rpr(sid)}
        ppr = {**styles.default_ppr, **styles.ppr(sid)}
        own = _run_props(st.find(W + "rPr"), res.theme)
        fmt = RunFormat(east=rpr.get("eastAsia"), latin=rpr.get("ascii"), size=rpr.get("sz", 10.0),
                        color=rpr.get("color"), spacing=rpr.get("spacing", 0.0), bold=bool(rpr.get("b")),
                        east_set=rpr.get("eastAsia") is not None)
        name = styles.name(sid)
        out[name.lower()] = StyleFormat(
            id=sid, name=name, run=fmt,
            east_explicit=own.get("eastAsia") if not own.get("eastAsia_theme") else None,
            size_explicit=own.get("sz"), line=ppr.get("line", 240), line_rule=ppr.get("lineRule", "auto"))
    return out


def is_east(ch: str) -> bool:
    east = globals().get("_EAST") or __getattr__("_EAST")
    return bool(east.match(ch))
