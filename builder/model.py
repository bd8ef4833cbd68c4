"""The data that flows through the pipeline: content → Article/Paragraph → Token.

Every structure here is plain data; the steps that fill them live in ``builder.text.rules``.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field


@dataclass(slots=True)
class Token:
    """One segment of a paragraph: a word, a glossary term occurrence, punctuation or other text.

    - ``text``: the exact substring of the paragraph (tokens of a paragraph join back to it).
    - ``start``: offset of ``text`` in the paragraph, in characters.
    - ``pinyin``: one lower-case tone-marked syllable per Han character of ``text`` (ü as ü,
      neutral tone unmarked), in order; ``[]`` when ``text`` has no Han character.
    - ``display``: the reading as printed above the word (e.g. ``Shànghǎi Jīngshén``,
      ``hézuò``); ``""`` when there is none.
    - ``term``: the glossary headword this token is an occurrence of, else ``None``.
    - ``term_id``: that glossary entry's id (its anchor), else ``None``.
    - ``gloss``: a short English gloss (the glossary English for terms), else ``None``.
    - ``spoken``: the syllables with the spoken tone changes of 一 and 不 (yí, yì, bú), set by
      ``builder.text.rules.sandhi`` only where they differ from ``pinyin``; else ``None``.
    - ``citation``: the syllables in citation tones where ``pinyin`` has a lexical neutral tone
      (事情: ``pinyin`` ``["shì", "qing"]``, ``citation`` ``["shì", "qíng"]``), set by
      ``builder.text.rules.neutral``; else ``None``.

    Slotted (``__slots__``, no ``__dict__``): the pipeline makes one per word, and a slotted token is
    quicker to make and to read (benchmarks/throughput.py); no attribute outside these fields can be
    set. It pickles as its field values.
    """

    text: str
    start: int
    pinyin: list[str] = field(default_factory=list)
    display: str = ""
    term: str | None = None
    term_id: str | None = None
    gloss: str | None = None
    spoken: list[str] | None = None
    citation: list[str] | None = None

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def as_json(self) -> dict:
        """The command-line contract of ``python -m builder annotate``: four keys, nothing else."""
        return {"text": self.text, "pinyin": list(self.pinyin), "term": self.term, "gloss": self.gloss}


@dataclass
class Restored:
    """Text lost in the source and restored by the editors; ``note`` (English) says from where."""

    text: str
    note: str


@dataclass
class Gap:
    """Text lost in the source that could not be restored (shown as a visible gap with ``note``)."""

    note: str


@dataclass
class Paragraph:
    """A paragraph (or heading) of an article.

    ``parts`` is the paragraph as written: plain strings, Restored and Gap marks.
    ``text`` is the article text it stands for: strings and restored text, gaps left out.
    ``line`` is its 1-based line in the content file. ``tokens`` is filled by the pipeline.
    ``en`` is its English translation (``content/translations/NN.yml``), or ``untranslated`` says
    why it has none.
    """

    parts: list[str | Restored | Gap]
    line: int
    tokens: list[Token] = field(default_factory=list)
    en: str | None = None
    untranslated: str | None = None

    @property
    def text(self) -> str:
        return "".join(p if isinstance(p, str) else p.text if isinstance(p, Restored) else "" for p in self.parts)


@dataclass
class Source:
    seed: str
    part: str


@dataclass
class Article:
    """One article of a summit page: its heading, kind, seed sources and paragraphs."""

    heading: Paragraph
    kind: str
    sources: list[Source]
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class Summit:
    """A summit page, loaded from ``content/summits/NN.md`` (see docs/content-format.md)."""

    path: str
    ordinal: int
    title: str
    title_en: str
    date: _dt.date
    place: str
    place_zh: str
    format: str
    chair: str
    speech_title: str
    articles: list[Article]
    format_note: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        """The page's file name stem in the site, e.g. ``summit-21``."""
        return f"summit-{self.ordinal}"

    def paragraphs(self):
        """Every annotated block in page order: each article's heading, then its paragraphs."""
        for article in self.articles:
            yield article.heading
            yield from article.paragraphs
