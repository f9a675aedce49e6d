"""The reader's intermediate form: paragraphs with what the file format says about them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)  # one per paragraph read
class RawParagraph:
    text: str
    style: str | None = None
    outline: int | None = None  # 1-based outline level from style or paragraph properties
    numbering: str | None = None  # the list label Word draws (一、), prepended to text
    in_table: bool = False
    cell: tuple[int, int, int] | None = None  # (table, row, column), 1-based table, 0-based row/column
