"""When a summit's own inputs last changed: the date its Anki deck prints (``decks.apkg``).

A deck prints a date (its notes' modification time, by which Anki takes a re-imported note as newer).
Dated by the build (the newest change anywhere in ``content/``), every deck would change with every
edit: editing one summit page would make all the others' decks again. A summit's deck is dated instead
by the newest change among the files it is made of (``summit_files``): the summit page, its
translation, ``glossary.yml`` and ``readings.tsv``.

- In a git checkout a file's date is the commit time of the latest commit touching it, read for every
  file of ``content/`` in ONE ``git log --name-only`` pass (``git_dates``); a file git does not know
  (not committed yet) has its modification time.
- Outside git every file has its modification time.
- ``SOURCE_DATE_EPOCH``, when set, dates every deck (reproducible builds: ``fixed_epoch``).

Dates are whole seconds since 1970 (UTC).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

#: The files of ``content/`` every summit's deck is made of, besides its page and translation.
SHARED_FILES = ("glossary.yml", "readings.tsv")


def fixed_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH`` as an integer when it is set to one, else ``None``."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(given) if given.isdigit() else None


def git_dates(root: Path, folder: str = "content") -> dict[str, int] | None:
    """``{path below root: commit time}`` of every file git's history of ``root/folder`` names, the
    latest commit touching each (one ``git log`` call); ``None`` when ``root`` is not in a git checkout
    or git cannot be run."""
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotePath=false", "-C", str(root), "log", "--name-only", "--relative",
             "--format=%x00%ct", "--", folder],
            capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    dates: dict[str, int] = {}
    when = 0
    for line in done.stdout.splitlines():
        if line.startswith("\0"):
            when = int(line[1:])
        elif line:
            dates.setdefault(line, when)  # newest commit first: the first time a file is named is its latest
    return dates


def summit_files(content: Path, summit) -> list[Path]:
    """The files of ``content/`` that ``summit``'s deck is made of (those that exist)."""
    page = Path(summit.path)
    found = [page, content / "translations" / f"{page.stem}.yml", *(content / name for name in SHARED_FILES)]
    return [path for path in found if path.is_file()]


def summit_dates(root: Path, content: Path, summits) -> dict[int, int]:
    """``{summit ordinal: date}``: ``SOURCE_DATE_EPOCH`` for every summit when it is set, else the
    newest date (git commit, or modification time) among ``summit_files``."""
    fixed = fixed_epoch()
    if fixed is not None:
        return {s.ordinal: fixed for s in summits}
    known = git_dates(root) or {}
    top = Path(os.path.abspath(root))
    dates: dict[Path, int] = {}

    def date(path: Path) -> int:
        if path not in dates:
            where = Path(os.path.abspath(path))  # symlinks kept: git names the link
            name = where.relative_to(top).as_posix() if where.is_relative_to(top) else None
            dates[path] = known[name] if name in known else int(where.stat().st_mtime)
        return dates[path]

    return {s.ordinal: max(map(date, summit_files(content, s)), default=0) for s in summits}
