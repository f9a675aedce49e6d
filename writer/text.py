"""Text helpers shared by reader and rules. Width folding keeps offsets: one char in, one out."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

# Full-width ASCII variants (U+FF01..U+FF5E) map to ASCII; ideographic space to space.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20
_FOLD[0x00A0] = 0x20
# Punctuation that web copies and Word mix up, folded to one form for matching.
for _src, _dst in {"．": ".", "﹒": ".", "〔": "[", "〕": "]", "—": "-", "–": "-",
                   "－": "-", "﹣": "-", "〜": "~", "～": "~", "“": '"', "”": '"', "‘": "'",
                   "’": "'"}.items():
    _FOLD[ord(_src)] = ord(_dst)


# Characters that show nothing yet split words for a machine: zero-width space, non-joiner and joiner,
# left-to-right and right-to-left marks and embeddings, word joiner and invisible operators, soft
# hyphen, Mongolian vowel separator, and a byte-order mark inside the text. Web copies and Word drafts
# carry them inside words (十九\u200b大, 6\u00ad5件), where they would hide a finding or split a figure.
INVISIBLE = ("\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
             "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff")
_INVISIBLE = re.compile(f"[{INVISIBLE}]")


def visible(text: str) -> tuple[str, list[int]]:
    """`text` without invisible characters, and for each one removed the offset in the result before
    which it stood (non-decreasing): what `to_original` needs to map offsets back to `text`."""
    gaps: list[int] = []
    if not _INVISIBLE.search(text):
        return text, gaps
    for k, m in enumerate(_INVISIBLE.finditer(text)):
        gaps.append(m.start() - k)
    return _INVISIBLE.sub("", text), gaps


def to_original(gaps: list[int], start: int, end: int) -> tuple[int, int]:
    """The span [start, end) of the visible text as offsets in the text it came from (invisible
    characters inside the span are part of it, those at its edges are not)."""
    if not gaps:
        return start, end
    a = start + bisect_right(gaps, start)
    if end <= start:
        return a, a
    return a, end - 1 + bisect_right(gaps, end - 1) + 1


# str.translate looks every character of a Chinese text up in _FOLD (~50 ns each); splitting at the
# few characters that fold and mapping only those gives the same text in a quarter of the time
_FOLD_CHARS = {chr(k): chr(v) for k, v in _FOLD.items()}
_FOLDABLE = re.compile("([" + re.escape("".join(_FOLD_CHARS)) + "])")


def fold(text: str) -> str:
    """Fold full-width letters, digits and punctuation to half width; same length as `text`."""
    parts = _FOLDABLE.split(text)
    if len(parts) == 1:
        return text
    parts[1::2] = [_FOLD_CHARS[c] for c in parts[1::2]]
    return "".join(parts)


_CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}


def cn_small_int(s: str) -> int | None:
    """Value of a Chinese numeral below 100 as used in heading numbers (一, 十二, 二十一)."""
    if not s:
        return None
    if all(c in _CN_DIGITS for c in s):
        if len(s) == 1:
            return _CN_DIGITS[s]
        return None
    if s.count("十") != 1:
        return None
    head, _, tail = s.partition("十")
    if head and head not in _CN_DIGITS or tail and tail not in _CN_DIGITS:
        return None
    return (_CN_DIGITS[head] if head else 1) * 10 + (_CN_DIGITS[tail] if tail else 0)


def int_to_cn(n: int) -> str:
    """Chinese counting numeral, the form Word's chineseCounting produces (一, 十二, 一百零一);
    Arabic digits outside 0..999."""
    digits = "零一二三四五六七八九"
    if not 0 <= n <= 999:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return (digits[tens] if tens > 1 else "") + "十" + (digits[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    if rest == 0:
        return digits[hundreds] + "百"
    if rest < 10:
        return digits[hundreds] + "百零" + digits[rest]
    tail = int_to_cn(rest)
    return digits[hundreds] + "百" + (tail if rest >= 20 else "一" + tail)


_SENT_END = re.compile(r"[。！？!?；;]")


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences of `text`, each including its closing mark."""
    return list(_sentence_spans(text))


@lru_cache(maxsize=64)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    # cached: rules ask for the sentence around each match, and a paragraph of 10,000 sentences asked
    # once per match would cost quadratic time (a str keeps its hash, so a hit is cheap)
    spans = []
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.end()
        # keep a closing quote or bracket with its sentence
        while end < len(text) and text[end] in "”’\"'）)」』":
            end += 1
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return tuple(spans)


HAN = r"\u4e00-\u9fff"


@lru_cache(maxsize=64)
def _sentence_starts(text: str) -> tuple[int, ...]:
    return tuple(s for s, _ in _sentence_spans(text))


def sentence_at(text: str, i: int) -> tuple[int, int]:
    """The span of the sentence that holds position `i` (a binary search: rules call this per match)."""
    spans = _sentence_spans(text)
    k = bisect_right(_sentence_starts(text), i) - 1
    if k >= 0 and spans[k][0] <= i < spans[k][1]:
        return spans[k]
    return 0, len(text)


@lru_cache(maxsize=64)
def _word_starts(text: str, word: str) -> tuple[int, ...]:
    out = []
    i = text.find(word)
    while i != -1:
        out.append(i)
        i = text.find(word, i + 1)
    return tuple(out)


def has_word_between(text: str, words, start: int, end: int) -> bool:
    """Whether one of `words` stands wholly inside text[start:end]; the same as
    `any(w in text[start:end] for w in words)`, without copying the slice per call (a rule asking this
    once per match on a paragraph with no full stop would take quadratic time)."""
    for w in words:
        if not w:
            return True
        starts = _word_starts(text, w)
        k = bisect_left(starts, start)
        if k < len(starts) and starts[k] + len(w) <= end:
            return True
    return False


# characters a terminal acts on rather than shows (escape sequences, carriage return, backspace, bell,
# the C1 controls) and the bidirectional overrides that reorder what follows
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` (a file name, a message quoting one) safe to print on a terminal: every control
    character shown as its escape (\\x1b), line breaks and tabs kept."""
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                         else f"\\u{ord(m.group()):04x}", text)


# a line of wrapped Chinese text does not start with these (they close what came before)
_NO_LINE_START = "，。、；：？！）》」』”’】〕…—,.;:?!)]}%"


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: CJK and full-width characters two, others one."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap_columns(text: str, width: int) -> list[str]:
    """`text` cut into lines of at most `width` columns: between any two Chinese characters, between
    words of Latin text, never before closing punctuation (the character before it moves down too)."""
    tokens = [t for t in re.findall(r"[A-Za-z0-9./_\-–]+|\s+|.", text)]
    lines: list[list[str]] = [[]]
    cols = 0
    for token in tokens:
        w = display_width(token)
        line = lines[-1]
        if cols + w > width and any(not t.isspace() for t in line) and not token.isspace():
            carry: list[str] = []
            if token[0] in _NO_LINE_START and len(line) > 1:
                carry = [line.pop()]  # 公开公正、 | 廉洁 → 公开 | 公正、廉洁
            lines.append(carry)
            line = lines[-1]
            cols = sum(display_width(t) for t in carry)
        if not line and token.isspace():
            continue
        line.append(token)
        cols += w
    out = ["".join(line).rstrip() for line in lines if "".join(line).strip()]
    return out or [""]
