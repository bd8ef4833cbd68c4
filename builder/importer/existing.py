"""The articles already in content/: read with the builder's own loader, for the duplicate check.

Each summit page ``content/summits/*.md`` is loaded by ``builder.content.summits.load_summit``; its
paragraph texts are compared as a reader sees them (restored text included, gaps left out).
"""

from __future__ import annotations

from pathlib import Path

from ..content.summits import load_summit
from ..errors import ContentError
from .model import Existing


def load_existing(content_dir: Path) -> tuple[list[Existing], list[str]]:
    """``content_dir`` → (its summit pages' articles, notes for the report).

    A missing folder or a page that does not load is not an error for the import: it is noted,
    and the drafts are then not compared with it.
    """
    folder = Path(content_dir) / "summits"
    if not folder.is_dir():
        return [], [f"no {folder} folder: the drafts were not compared with existing pages"]
    found: list[Existing] = []
    notes: list[str] = []
    for page in sorted(folder.glob("*.md")):
        try:
            summit = load_summit(page)
        except ContentError as exc:
            notes.append(f"{exc}: the drafts were not compared with this page")
            continue
        for number, article in enumerate(summit.articles, start=1):
            found.append(Existing(str(page), number, article.heading.text,
                                  tuple(p.text for p in article.paragraphs)))
    return found, notes
