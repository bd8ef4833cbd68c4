"""Errors raised on bad input. Every one names the file and, where known, the line."""

from __future__ import annotations

from pathlib import Path


class ContentError(Exception):
    """Bad content: malformed front matter, a missing field, an invalid glossary entry, bad encoding.

    ``str(error)`` reads ``path:line: message`` (or ``path: message`` when no line is known),
    the form editors and CI logs link to.
    """

    def __init__(self, path: str | Path, line: int | None, message: str):
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


def read_utf8(path: Path) -> str:
    """Return the text of ``path``, decoded as UTF-8.

    Raises ContentError naming the file and the line of the first undecodable byte.
    """
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ContentError(path, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
