"""The data that flows through the importer: raw bytes → Span/Para → Article → drafts and a report.

Every structure here is plain data; the steps that fill them live in the other modules of
``builder.importer`` and run in the order given by ``pipeline.RULES``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable


@dataclass(frozen=True)
class Span:
    """Text that remembers where it came from: ``lines[i]`` is the 1-based source line of ``text[i]``.

    Every cleaning step keeps the two in step, so a flag or a difference found anywhere in the
    cleaned text can name the line of the raw file it comes from.
    """

    text: str
    lines: tuple[int, ...]

    @classmethod
    def of(cls, text: str, line: int) -> "Span":
        """A span of ``text`` read from one source ``line``."""
        return cls(text, (line,) * len(text))

    @classmethod
    def join(cls, spans: Iterable["Span"]) -> "Span":
        spans = list(spans)
        return cls("".join(s.text for s in spans), tuple(n for s in spans for n in s.lines))

    def __len__(self) -> int:
        return len(self.text)

    def __add__(self, other: "Span") -> "Span":
        return Span(self.text + other.text, self.lines + other.lines)

    def __getitem__(self, key: slice) -> "Span":
        return Span(self.text[key], self.lines[key])

    def line_at(self, index: int) -> int:
        """The source line of character ``index`` (clamped to the span; 0 for an empty span)."""
        if not self.lines:
            return 0
        return self.lines[max(0, min(index, len(self.lines) - 1))]

    @property
    def first_line(self) -> int:
        return self.lines[0] if self.lines else 0

    @property
    def last_line(self) -> int:
        return self.lines[-1] if self.lines else 0

    def strip(self, chars: str | None = None) -> "Span":
        start = len(self.text) - len(self.text.lstrip(chars))
        end = len(self.text.rstrip(chars))
        return self[start:max(start, end)]

    def sub(self, pattern: re.Pattern, repl: Callable[[re.Match], str]) -> tuple["Span", int]:
        """Replace every match of ``pattern`` by ``repl(match)`` → (new span, number of changes).

        Replacement characters take the line of the first character of the match.
        """
        text, lines, pos, changes = [], [], 0, 0
        for m in pattern.finditer(self.text):
            new = repl(m)
            if new == m.group(0):
                continue
            text.append(self.text[pos:m.start()])
            lines.extend(self.lines[pos:m.start()])
            text.append(new)
            lines.extend([self.line_at(m.start())] * len(new))
            pos = m.end()
            changes += 1
        if not changes:
            return self, 0
        text.append(self.text[pos:])
        lines.extend(self.lines[pos:])
        return Span("".join(text), tuple(lines)), changes


@dataclass(frozen=True)
class Dateline:
    """A news dateline: ``新华社北京9月17日电``, ``据新华社电``, ``本报讯（记者 徐顺凯）``.

    ``month``/``day`` are None when the dateline states no date; ``digits_missing`` is True when
    it has the 月…日 frame but no digits in it (``新华社北京月日电``: the digits were stripped).
    """

    span: Span
    place: str | None = None
    month: int | None = None
    day: int | None = None
    digits_missing: bool = False

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def needs_space(self) -> bool:
        """Xinhua style: ``…电`` is followed by one space before the text (not before a bracket)."""
        return self.text.endswith("电")


@dataclass
class Para:
    """One paragraph (or one headline, caption or timestamp line) of a raw file.

    ``kind``: ``text`` (article text), ``title`` (a short line with no sentence punctuation:
    headline, subtitle, section heading, speaker or date line), ``closing`` (a dateline alone, or
    （完）, closing an article), ``caption`` (photo captions: ``captions``), ``timestamp`` (a web
    page's date-and-time line), ``byline`` (``新华社记者 王晨``: kept in the body), ``meta`` (a web
    page's chrome or credits, ``来源：新华网``, ``责任编辑：刘洋``: kept out of the body).
    ``role`` says more about a title line: ``section`` (a numbered section heading, ``一、国际形势``),
    ``occasion``, ``date``, ``speaker`` (the lines under a speech's title), ``subtitle`` (``——…``),
    ``column`` (``新华时评：…``), ``book`` (a title in 《》 alone); ``thanks`` for the last line of a speech.
    ``span`` is the text without its leading ``dateline`` and without continuation markers:
    ``marker`` is the page of a leading ``(上接1版)``; ``jump`` the page of a trailing ``(下转2版)``.
    """

    span: Span
    kind: str = "text"
    dateline: Dateline | None = None
    marker: str | None = None
    jump: str | None = None
    closes: bool = False
    captions: list[Span] = field(default_factory=list)
    role: str = ""

    def rendered(self) -> Span:
        """The paragraph as written in a draft: dateline, one space after ``…电``, then the text."""
        if self.dateline is None:
            return self.span
        if not self.span.text:
            return self.dateline.span
        gap = self.dateline.needs_space and not self.span.text.startswith(("（", "("))
        space = Span.of(" ", self.dateline.span.last_line) if gap else Span("", ())
        return self.dateline.span + space + self.span

    @property
    def text(self) -> str:
        return self.rendered().text

    @property
    def first_line(self) -> int:
        return self.dateline.span.first_line if self.dateline else self.span.first_line

    @property
    def last_line(self) -> int:
        return self.span.last_line or (self.dateline.span.last_line if self.dateline else 0)


DAMAGE = ("latin-word", "missing-digits", "missing-quotes", "stripped", "unbalanced", "open-end")
"""Flag kinds that mean the text itself is damaged (the others are notes for the maintainer)."""


@dataclass(frozen=True)
class Flag:
    """Something the maintainer must look at: ``kind`` (see docs/importing.md), source ``line``, ``note``."""

    kind: str
    line: int
    note: str

    @property
    def damage(self) -> bool:
        return self.kind in DAMAGE

    def as_dict(self) -> dict:
        return {"line": self.line, "kind": self.kind, "note": self.note}


@dataclass
class Article:
    """One article found in a raw file.

    ``headline`` is the title line printed above it (None when there is none); ``title`` is the
    title the draft gets (the headline, or one taken from a page-headline list or another copy,
    as ``title_from`` says). ``paras`` are the body paragraphs, in order. ``file`` is the index of
    its SourceFile in ``State.files``; ``id`` (``STEM-NN``) names it in the report and its draft.
    ``parts`` are the (file name, first line, last line) ranges it was read from: more than one
    when a continuation was joined to it. ``meta`` holds the web page's chrome and credit lines
    found with it (``来源：新华网``), kept out of the body; ``byline`` its byline line, if any.
    """

    source: str
    headline: Para | None
    paras: list[Para] = field(default_factory=list)
    file: int = 0
    captions: list[Span] = field(default_factory=list)
    timestamp: str | None = None
    flags: list[Flag] = field(default_factory=list)
    title: str | None = None
    title_from: str | None = None
    continues: str | None = None
    jump: str | None = None
    closed: bool = False
    parts: list[tuple[str, int, int]] = field(default_factory=list)
    id: str = ""
    mentions_sco: bool = False
    meta: list[str] = field(default_factory=list)
    byline: str | None = None
    facts: dict = field(default_factory=dict)

    @property
    def dateline(self) -> Dateline | None:
        """The opening dateline, else a closing one (a speech ends with ``新华社北京9月17日电``)."""
        for p in self.paras:
            if p.dateline and p.kind == "text":
                return p.dateline
        for p in self.paras:
            if p.dateline:
                return p.dateline
        return None

    @property
    def first_line(self) -> int:
        return self.headline.first_line if self.headline else (self.paras[0].first_line if self.paras else 0)

    @property
    def last_line(self) -> int:
        return self.paras[-1].last_line if self.paras else self.first_line

    def text_span(self) -> Span:
        """All body paragraphs as one span (paragraphs run together, spaces kept)."""
        return Span.join(p.rendered() for p in self.paras)

    def body(self) -> Span:
        """All body paragraphs as one span, whitespace removed: what copies are compared on."""
        joined = self.text_span()
        keep = [i for i, c in enumerate(joined.text) if not c.isspace()]
        return Span("".join(joined.text[i] for i in keep), tuple(joined.lines[i] for i in keep))

    def where(self) -> str:
        """``file.txt:3-47`` (ranges of joined parts separated by commas)."""
        parts = self.parts or [(self.source, self.first_line, self.last_line)]
        out, last_file = [], None
        for name, first, last in parts:
            rng = f"{first}-{last}" if last != first else f"{first}"
            out.append(rng if name == last_file else f"{name}:{rng}")
            last_file = name
        return ", ".join(out)

    def lines_field(self) -> str:
        """The ``lines`` front-matter value: ``3-47`` (or ``3-20, 40-52`` for joined parts)."""
        parts = self.parts or [(self.source, self.first_line, self.last_line)]
        return ", ".join(f"{a}-{b}" if a != b else f"{a}" for _, a, b in parts)

    @property
    def damage(self) -> int:
        return sum(1 for f in self.flags if f.damage)


@dataclass(frozen=True)
class Existing:
    """One article of a page already in content/: where it is, its heading and paragraph texts."""

    page: str
    number: int
    heading: str
    paragraphs: tuple[str, ...]

    def where(self) -> str:
        return f"{self.page} (article {self.number}: {self.heading})"

    def text(self) -> str:
        """The paragraphs run together, spaces kept."""
        return "".join(self.paragraphs)

    def body(self) -> str:
        """The paragraphs run together, whitespace removed."""
        return "".join("".join(p.split()) for p in self.paragraphs)


@dataclass
class Duplicate:
    """An article not written: ``of`` is the written copy (an Article) or a page in content/ (Existing).

    ``overlap`` is the share of this article's text found in ``of``; ``differences`` are short
    ``(line, this, that)`` passages where the two differ.
    """

    article: Article
    of: "Article | Existing"
    overlap: float
    differences: list[tuple[int, str, str]] = field(default_factory=list)
    reason: str = "near-duplicate"


@dataclass
class SourceFile:
    """One raw input: its bytes, then its text, paragraphs, articles, headline-only lines (``orphans``),
    the flags that belong to no article, and counts of what the cleaning steps did (``stats``).

    ``converted`` lists every half-width mark made full-width as (line, old, new); ``rejoined`` the
    lines where a paragraph cut by a page break was joined to the next one. The flags step hands
    both to the articles those lines belong to.
    """

    path: str
    data: bytes
    text: str = ""
    encoding: str = ""
    paras: list[Para] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    orphans: list[Para] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    stats: Counter = field(default_factory=Counter)
    converted: list[tuple[int, str, str]] = field(default_factory=list)
    rejoined: list[int] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]

    @property
    def stem(self) -> str:
        return self.name.rsplit(".", 1)[0] if "." in self.name else self.name


@dataclass
class State:
    """What the pipeline's rules read and write, like markdown-it's ``StateCore``.

    ``files`` in the order given; ``existing`` the articles already in content/; the rules fill
    ``articles`` (every article found, in order), ``duplicates``, ``drafts`` (file name → Markdown),
    ``pages`` (``summit-NN.md`` → a summit page draft) and ``notes`` (lines for the report).
    """

    files: list[SourceFile]
    existing: list[Existing] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    drafts: dict[str, str] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)
    written: list[Article] = field(default_factory=list)
    skipped: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def iso_date(year: int | None, month: int | None, day: int | None) -> "dt.date | str | None":
    """→ a date when the year is known, ``MM-DD`` when only month and day are, else None."""
    if not month or not day:
        return None
    if year:
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    return f"{month:02d}-{day:02d}"
