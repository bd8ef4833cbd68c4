"""``python -m builder import RAW.txt [RAW2.txt …] --out DIR``: raw newspaper text → Markdown drafts.

The edges live here (reading the raw files and content/, writing the drafts, printing the report);
the steps in between are pure functions of text, run in order by ``pipeline.RULES``
(docs/importing.md describes them, the draft format and the report).

Nothing is written unless every input has been read and processed: drafts go to a temporary
folder inside DIR first and are moved into place at the end. A file already in DIR is never
replaced unless ``--force`` is given: it is skipped and the report lists it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable

from ..errors import ContentError
from . import report
from .existing import load_existing
from .model import SourceFile, State
from .pipeline import run_rules

__all__ = ["add_parser", "run", "import_files", "write_drafts"]


def import_files(paths: Iterable[str | Path], content_dir: str | Path | None = None) -> State:
    """Read and process raw files → the finished State (``drafts``: file name → Markdown; nothing written).

    ``content_dir``: the project's content/ folder whose summit pages the articles are compared
    with (None: no comparison). Raises ContentError for a missing, binary, empty or undecodable file.
    """
    files = []
    for path in paths:
        p = Path(path)
        if not p.is_file():
            raise ContentError(path, None, "no such file" if not p.exists() else "not a file")
        files.append(SourceFile(str(path), p.read_bytes()))
    state = State(files)
    if content_dir is not None:
        state.existing, state.notes = load_existing(Path(content_dir))
    return run_rules(state)


def write_drafts(drafts: dict[str, str], out: str | Path, force: bool = False) -> tuple[list[Path], list[Path]]:
    """Write ``drafts`` (file name → text) into the folder ``out`` (created if missing)
    → (the paths written, the paths skipped).

    A file that is already in ``out`` is never replaced (a person may have edited it) unless ``force``:
    it is skipped, and listed. Other files in ``out`` are left alone. Raises ContentError when ``out``
    exists and is not a folder, or when a draft's name is taken by something that is not a file.
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ContentError(out, None, "--out must name a folder, and this is a file")
    taken = [out / name for name in drafts if (out / name).exists() or (out / name).is_symlink()]
    for path in taken:
        if force and (path.is_dir() or not path.is_file()):
            raise ContentError(path, None, "a draft's name is taken by something that is not a file: move it away")
    skipped = [] if force else taken
    names = [name for name in drafts if out / name not in skipped]
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".import-", dir=out))
    try:
        for name in names:
            (staging / name).write_text(drafts[name], encoding="utf-8")
        for name in names:
            os.replace(staging / name, out / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out / name for name in names], skipped


def run(args: argparse.Namespace) -> int:
    """The ``import`` command: process ``args.raw``, write the drafts to ``args.out``, print the report.

    → exit code 0. Raises ContentError for bad input (the CLI prints it and exits 1), having
    written nothing.
    """
    content = Path(args.content)
    if not content.is_absolute() and getattr(args, "root", None):
        content = Path(args.root) / content
    state = import_files(args.raw, content)
    _, state.skipped = write_drafts({**state.drafts, **state.pages}, args.out, force=getattr(args, "force", False))
    print(report.render(state, str(args.out)), end="")
    return 0


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register the ``import`` subcommand on an argparse ``subparsers`` object (``func=run``)."""
    parser = subparsers.add_parser(
        "import", help="turn raw newspaper text into Markdown article drafts",
        description="Read raw text copied from a newspaper PDF or web page (UTF-8, GB18030 or GBK) and write "
                    "one Markdown draft per article into DIR, with a report on standard output.")
    parser.add_argument("raw", nargs="+", metavar="RAW", help="raw text file(s)")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder for the drafts (created if missing)")
    parser.add_argument("--content", default="content", metavar="DIR",
                        help="content folder whose summit pages the articles are compared with, to skip "
                             "what is already there (default: content, under --root)")
    parser.add_argument("--force", action="store_true",
                        help="replace drafts already in DIR (by default a file already there is kept and reported)")
    parser.set_defaults(func=run)
    return parser
