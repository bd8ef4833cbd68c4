"""How well the importer finds the articles of a page: its article starts against a truth file.

A truth file (``tests/data/importer/*.truth``) lists the first line of each article of a raw file,
one a line: ``LINE<TAB>HEADLINE`` (``#`` starts a comment). For the seeds the truth is the table of
``shared/reference/articles.md`` (character offsets of each part, turned into lines here).

A truth start is *found* when an article or a headline-only line the importer reports starts on
that line (before the duplicate check: a reprint is still an article found). An article is
*merged* when another truth start falls inside its lines: two articles became one draft.
A found start that is in no truth is *extra* (an article split in two).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .model import State

PART = re.compile(r"^\|\s*(?P<seed>\d{3})\s*\|\s*(?P<label>[A-Z](?:,\s*[A-Z])*)\s*\((?P<start>\d+)[–-](?P<end>\d+)\)\s*\|"
                  r"\s*(?P<content>[^|]*)\|")


@dataclass
class Score:
    """Boundaries of one raw file: ``truth`` and ``found`` are start lines; ``merged`` the truth starts
    that fell inside another article, with that article's first line."""

    name: str
    truth: list[int]
    found: list[int]
    merged: list[tuple[int, int]] = field(default_factory=list)

    @property
    def hits(self) -> list[int]:
        return [t for t in self.truth if t in self.found]

    @property
    def missed(self) -> list[int]:
        return [t for t in self.truth if t not in self.found]

    @property
    def extra(self) -> list[int]:
        return [f for f in self.found if f not in self.truth]


def read_truth(path: str | Path) -> list[int]:
    """A truth file → the article start lines it lists, in order. Raises ValueError for a bad line."""
    starts = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        head = line.split("\t", 1)[0]
        if not head.isdigit():
            raise ValueError(f"{path}:{number}: a truth line is LINE<TAB>HEADLINE, not {line!r}")
        starts.append(int(head))
    return starts


def line_of_offset(text: str, offset: int) -> int:
    """The 1-based line of the first non-blank character at or after character ``offset`` of ``text``."""
    while offset < len(text) and text[offset].isspace():
        offset += 1
    return text.count("\n", 0, offset) + 1


def seed_truth(articles_md: str | Path, seeds: str | Path) -> dict[str, list[int]]:
    """``articles.md``'s table of seed parts → {seed file name: start lines of its parts}.

    A row that names several parts with one range (``B, C (2721–5855)``) gives only the first start:
    the others' offsets are not in the table.
    """
    found: dict[str, list[int]] = {}
    files = {p.name[:3]: p for p in Path(seeds).glob("*.txt")}
    for row in Path(articles_md).read_text(encoding="utf-8").splitlines():
        m = PART.match(row)
        if not m or m["seed"] not in files:
            continue
        path = files[m["seed"]]
        text = path.read_text(encoding="utf-8")
        found.setdefault(path.name, []).append(line_of_offset(text, int(m["start"])))
    return found


def starts_found(state: State) -> dict[str, list[tuple[int, list[tuple[int, int]]]]]:
    """{file name: [(start line, line ranges)]} of every article (before the duplicate check) and every
    headline-only line the importer found, in line order."""
    out: dict[str, list[tuple[int, list[tuple[int, int]]]]] = {s.name: [] for s in state.files}
    for article in state.articles:
        for name, first, last in article.parts[:1]:
            ranges = [(a, b) for n, a, b in article.parts if n == name]
            out[name].append((first, ranges))
    for source in state.files:
        out[source.name].extend((o.first_line, [(o.first_line, o.last_line)]) for o in source.orphans)
    return {name: sorted(items) for name, items in out.items()}


def score(state: State, truth: dict[str, list[int]]) -> list[Score]:
    """Compare the finished import ``state`` with ``truth`` ({file name: start lines}) → one Score per file."""
    found = starts_found(state)
    scores = []
    for name, starts in truth.items():
        items = found.get(name, [])
        result = Score(name, sorted(starts), [first for first, _ in items])
        for first, ranges in items:
            for t in starts:
                if t != first and any(a < t <= b for a, b in ranges):
                    result.merged.append((t, first))
        scores.append(result)
    return scores
