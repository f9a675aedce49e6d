"""The one domain exception: turned by the CLI into a Chinese message and exit code 2."""

from __future__ import annotations


class InputError(Exception):
    """A file or argument fzwriter cannot use. `message` is Chinese and names the file."""

    def __init__(self, path: object, message: str):
        self.path = str(path) if path is not None else None
        self.reason = message
        super().__init__(f"{self.path}：{message}" if self.path else message)

    @property
    def message(self) -> str:
        return str(self)
