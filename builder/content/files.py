"""Reading content files safely: bounded, regular files inside ``content/``, clean UTF-8 text.

Content may come from untrusted hands (a pull request), so every content file goes through
``read_content``: a symlink that leads outside the content folder, a symlink loop, a dangling
symlink, a device, a FIFO, a folder, a file over MAX_BYTES, text that is not UTF-8, and invisible
control characters (NUL, zero-width spaces, bidirectional overrides …) are each a ContentError
naming the file (and the line and column where there is one). Nothing is read without bound:
``glossary.yml`` → ``/dev/zero`` is refused before a byte is read.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from pathlib import Path

from ..errors import ContentError

#: The largest content file read, in bytes (8 MiB; the largest page today is 28 KB).
MAX_BYTES = 8 * 1024 * 1024

# Characters that change nothing visible but break matching or rendering: C0/C1 controls other than
# tab, line feed and carriage return; format characters (zero-width space/joiners, word joiner,
# soft hyphen, bidirectional marks and overrides, BOM after the start); line/paragraph separators.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f"
                        "\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]")


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if not name:
        name = {"\x00": "NUL"}.get(ch, "control character")
    return f"U+{ord(ch):04X} ({name})"


def check_text(text: str, path: str | Path) -> None:
    """Raise ContentError at the first invisible control character of ``text`` (a leading BOM is allowed)."""
    found = _INVISIBLE.search(text, 1 if text.startswith("\ufeff") else 0)
    if found:
        pos = found.start()
        line = text.count("\n", 0, pos) + 1
        column = pos - (text.rfind("\n", 0, pos) + 1) + 1
        raise ContentError(path, line, f"invisible character {_describe(found.group())} at column {column}: "
                                       "delete it (it would silently change how the text is matched and shown)")


def _resolve(path: Path, root: Path | None) -> Path:
    """``path`` with every symlink followed; it must exist and, with ``root``, stay inside ``root``."""
    try:
        real = Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:
        if path.is_symlink():
            raise ContentError(path, None, f"a symlink to a missing file ({os.readlink(path)})") from None
        raise ContentError(path, None, "file not found") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ContentError(path, None, "a symlink loop: the link leads back to itself") from None
        raise ContentError(path, None, f"cannot read: {exc.strerror or exc}") from None
    except RuntimeError:  # older Pythons report a loop this way
        raise ContentError(path, None, "a symlink loop: the link leads back to itself") from None
    if root is not None:
        top = Path(os.path.realpath(root))
        if real != top and top not in real.parents:
            raise ContentError(path, None, f"a symlink that leads outside {root} (to {real}): content files "
                                           "must live inside the content folder")
    return real


def read_content(path: str | Path, root: str | Path | None = None, limit: int = MAX_BYTES) -> str:
    """The text of the content file ``path`` (UTF-8, a leading BOM kept), checked for safety.

    ``root``: the content folder the file (after symlinks) must stay inside (None: no such check).
    Raises ContentError naming the file for: a missing file, a dangling symlink, a symlink loop, a
    symlink leading outside ``root``, anything but a regular file (folder, device, FIFO, socket), a
    file over ``limit`` bytes, a permission error, bytes that are not UTF-8 (with the line), and
    invisible control characters (with line and column; see ``check_text``).
    """
    path = Path(path)
    real = _resolve(path, Path(root) if root is not None else None)
    try:
        info = os.stat(real)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a device, FIFO or socket)"
            raise ContentError(path, None, f"{kind}: a content file must be a regular file")
        if info.st_size > limit:
            raise ContentError(path, None, f"too large ({info.st_size:,} bytes; the limit is {limit:,})")
        fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            data = fh.read(limit + 1)
    except ContentError:
        raise
    except OSError as exc:
        raise ContentError(path, None, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise ContentError(path, None, f"too large (over {limit:,} bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ContentError(path, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    check_text(text, path)
    return text
