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

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_file_mb: int = 100
    max_part_mb: int = 40
    max_paragraphs: int = 20_000
    max_chars: int = 1_000_000
    max_seconds: int = 60

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
