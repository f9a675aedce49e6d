"""The reader's intermediate form: paragraphs with what the file format says about them."""

from __future__ import annotations

_FIELDS = ("text", "style", "outline", "numbering", "in_table", "cell")


class RawParagraph:
    """A paragraph as read. A plain class with the dataclass's constructor, equality and repr (a
    dataclass costs ~0.5 ms to define at every import; the readers make one per paragraph)."""

    __slots__ = _FIELDS
    __hash__ = None  # as a dataclass with eq: mutable, not hashable

    def __init__(self, text: str, style: str | None = None, outline: int | None = None,
                 numbering: str | None = None, in_table: bool = False,
                 cell: tuple[int, int, int] | None = None) -> None:
        self.text = text
        self.style = style
        self.outline = outline  # 1-based outline level from style or paragraph properties
        self.numbering = numbering  # the list label Word draws (一、), prepended to text
        self.in_table = in_table
        self.cell = cell  # (table, row, column), 1-based table, 0-based row/column

    def _values(self) -> tuple:
        return (self.text, self.style, self.outline, self.numbering, self.in_table, self.cell)

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    def __repr__(self) -> str:
        return f"RawParagraph({', '.join(f'{k}={getattr(self, k)!r}' for k in _FIELDS)})"
