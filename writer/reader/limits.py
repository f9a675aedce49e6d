"""How large an input the reader accepts. The defaults fit any real report many times over (a
400-page report is ~250,000 characters, ~5,000 paragraphs and a ~10 MB document.xml); beyond them a
file is refused with a clear message instead of taking minutes or gigabytes. Set in fzwriter.toml:

    [limits]
    max_file_mb = 100       # the file itself (a .docx with photos)
    max_part_mb = 40        # any part of a .docx once unzipped (all parts read together: twice this), a text file
    max_paragraphs = 20000  # paragraphs, table cells and headers included
    max_chars = 1000000     # characters of text
    max_seconds = 60        # CPU seconds to check one file (a 400-page report takes under one)
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError

_FIELDS = ("max_file_mb", "max_part_mb", "max_paragraphs", "max_chars", "max_seconds")


class Limits:
    """Frozen: a plain class with a frozen dataclass's constructor, equality, hash, repr and
    refusal to change (defining a dataclass costs ~0.5 ms at every start)."""

    __slots__ = _FIELDS

    def __init__(self, max_file_mb: int = 100, max_part_mb: int = 40, max_paragraphs: int = 20_000,
                 max_chars: int = 1_000_000, max_seconds: int = 60) -> None:
        for name, value in zip(_FIELDS, (max_file_mb, max_part_mb, max_paragraphs, max_chars, max_seconds)):
            object.__setattr__(self, name, value)

    def _values(self) -> tuple:
        return (self.max_file_mb, self.max_part_mb, self.max_paragraphs, self.max_chars, self.max_seconds)

    def __setattr__(self, name, value):
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name):
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        return f"Limits({', '.join(f'{k}={getattr(self, k)!r}' for k in _FIELDS)})"

    def __reduce__(self):
        return Limits, self._values()

    @property
    def file_bytes(self) -> int:
        return self.max_file_mb * 2**20

    @property
    def part_bytes(self) -> int:
        return self.max_part_mb * 2**20


_current = Limits()


def use(limits: Limits | None) -> None:
    """The limits every later read obeys (the CLI sets those of fzwriter.toml)."""
    global _current
    _current = limits or Limits()


def current() -> Limits:
    return _current
