"""Study tools of a build: the vocabulary pages and the downloads (Anki decks, CSV, TSV, Pleco, word lists).

Pages (Markdown for MkDocs, like ``pages.Site``'s):

- ``vocabulary.md``, ``vocabulary-2.md`` …: the index: each summit's counts, grouped by year,
  SUMMITS_PER_PAGE summits to a page with a pager (as on the summits index), so it stays page-sized
  whatever the number of summits; the first page also has the site-wide list by HSK level and the
  site-wide and glossary downloads;
- ``vocabulary/summit-<n>.md``: every word of one summit once (``vocabulary.Vocabulary.summit``);
- ``vocabulary/<group>[-<k>].md``: the site-wide list cut by HSK level (``Vocabulary.groups``),
  ``WORDS_PER_PAGE`` words to a page, so no page grows with the number of summits.

Downloads, in ``downloads/`` (``files``): for each summit ``summit-<n>.apkg``, ``.csv``, ``.tsv``,
``-pleco.txt`` and ``.txt``; the same for the glossary (``glossary.*``); the site-wide list as
``all-summits.csv`` … (no deck: one deck per summit and one for the glossary). Summit pages and
vocabulary pages link them as plain links: nothing is fetched until a reader clicks.

``files`` is a lazy mapping: each file is made when it is read (the build writes them one by one), so
a build never holds all of them in memory (about 0.6 MB a summit: 600 MB at 1,000 summits).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from itertools import groupby

from markupsafe import Markup, escape

from . import decks, wordfiles
from .pages import SUMMITS_PER_PAGE, markdown_page, ordinal_en, page_chunks, page_spans
from .render import Renderer, zh_runs
from .vocabulary import WORDS_PER_PAGE, Group, Vocabulary, Word, page_stem

#: The download formats: (kind, file suffix, label, what it is for).
FORMATS = [
    ("apkg", ".apkg", "Anki deck", "word, reading, meaning, sentence"),
    ("csv", ".csv", "CSV", "spreadsheets"),
    ("tsv", ".tsv", "TSV", "tab-separated"),
    ("pleco", "-pleco.txt", "Pleco flashcards", "Pleco import"),
    ("plain", ".txt", "Word list", "one word per line"),
]


@dataclass
class WordList:
    """A downloadable list: its file ``stem`` in ``downloads/``, a ``title`` (plain text, no content
    strings), its words, the Anki deck id (``None``: no deck), the tags of its notes and the date its
    deck prints (seconds since 1970)."""

    stem: str
    title: str
    words: list[Word]
    deck_id: int | None = None
    tags: tuple[str, ...] = ()
    date: int = 0


@dataclass
class Download:
    """A link to one file: ``href`` from the page that shows it, its ``label`` and a ``note`` on its use."""

    href: str
    label: str
    note: str


@dataclass
class StudyLinks:
    """What a page's study block shows (``fragments/downloads.html``): a ``heading`` and its anchor ``id``,
    the vocabulary page (``None``: no link) and the downloads."""

    heading: str
    id: str
    vocabulary: str | None
    files: list[Download]


def summit_title(summit) -> str:
    return f"{ordinal_en(summit.ordinal)} SCO summit ({summit.date.year})"


def index_stem(page: int) -> str:
    """The file stem of a page of the vocabulary index: ``vocabulary``, then ``vocabulary-<n>``."""
    return "vocabulary" if page == 1 else f"vocabulary-{page}"


class RowPrinter:
    """The rows of a vocabulary table (``templates/pages/vocabulary.html``), one ``<tr>`` a word, printed
    here rather than by a template macro: a table has hundreds of rows and a build thousands of tables.
    Every value is escaped as Jinja's autoescaping escapes it (``markupsafe.escape``). What a row shows of
    a word that does not change from page to page (its headword cell, its meaning) is printed once per
    build and kept by value. ``root``: the pages' way up to the site's top (``"../"``)."""

    def __init__(self, root: str):
        self.root = escape(root)
        self._heads: dict[tuple, str] = {}
        self._meanings: dict[tuple, str] = {}

    def head(self, word: Word) -> str:
        """The word cell's content: headword, reading and, for a term, the link to its glossary page."""
        term = word.term.id if word.term is not None else None
        key = (word.headword, word.reading, term)
        if key not in self._heads:
            link = f' <a href="{self.root}glossary/{escape(term)}.html">glossary</a>' if term is not None else ""
            self._heads[key] = f'<span lang="zh-Hans">{escape(word.headword)}</span> <span>{escape(word.reading)}</span>{link}'
        return self._heads[key]

    def meaning(self, word: Word) -> str:
        """The brief sense and the sense note, Chinese runs marked (the ``zh`` filter)."""
        key = (word.sense, word.sense_note, word.term is not None)
        if key not in self._meanings:
            note = f" <i>({zh_runs(word.sense_note)})</i>" if word.sense_note else ""
            self._meanings[key] = f"{zh_runs(word.brief_sense())}{note}"
        return self._meanings[key]

    def __call__(self, words: list[Word], years: bool) -> Markup:
        """The rows of ``words``; ``years``: the first occurrence's link starts with its summit's year."""
        rows = []
        for w in words:
            place = ""
            if w.first is not None:
                before, form, after = w.first.snippet()
                year = f"{w.first.summit.date.year} · " if years else ""
                place = (f' <a href="{escape(w.first.href(self.root))}" lang="zh-Hans">{year}{escape(before)}'
                         f'<mark>{escape(form)}</mark>{escape(after)}</a>')
            term = ' class="sr-vocab-term"' if w.term else ""
            level = escape(w.level_label) if w.level else "beyond"
            rows.append(f'<tr data-level="{w.level_rank}"{term}><td>{w.order}</td><td>{self.head(w)}</td>'
                        f'<td>{self.meaning(w)}{place}</td><td>{level}</td><td>{w.count}</td></tr>\n')
        return Markup("".join(rows))


class Study:
    """The study pages and files of one build.

    ``address``: the site's address (``site_url``), ``""`` for a local build; links inside the files
    are absolute only when it is known. ``timestamp``: the build's date in seconds (``SOURCE_DATE_EPOCH``),
    which dates the glossary's Anki deck; ``dates``: ``{summit ordinal: seconds}``, the date of each
    summit's deck (``dates.summit_dates``: its own files' newest change), the build's date where missing.
    """

    def __init__(self, vocabulary: Vocabulary, renderer: Renderer, address: str = "", timestamp: int = 0,
                 dates: dict[int, int] | None = None):
        self.vocabulary, self.renderer, self.address, self.timestamp = vocabulary, renderer, address, timestamp
        self.dates = dates or {}
        self.rows = RowPrinter("../")

    @cached_property
    def lists(self) -> dict[str, WordList]:
        """Every downloadable list by stem: each summit's, the glossary's, the whole site's."""
        v = self.vocabulary
        lists = {s.slug: WordList(s.slug, summit_title(s), v.summit(s), decks.DECK_ID_BASE + s.ordinal, (s.slug,),
                                  self.dates.get(s.ordinal, self.timestamp))
                 for s in v.summits}
        lists["glossary"] = WordList("glossary", "Glossary of diplomatic terms", v.glossary_words, decks.DECK_ID_BASE,
                                     date=self.timestamp)
        lists["all-summits"] = WordList("all-summits", "All summits", v.site, date=self.timestamp)
        return lists

    @cached_property
    def files(self) -> "Downloads":
        """``{"downloads/<stem><suffix>": bytes}`` for every list and format (decks only where a list has
        one), each made when read."""
        return Downloads(self)

    def links(self, stem: str, root: str = "", vocabulary: str | None = None, heading: str = "Downloads") -> StudyLinks:
        """The study block of a page ``root`` below the top: the downloads of list ``stem``, and the
        vocabulary page ``vocabulary`` (a path from the top) when given."""
        found = [Download(root + name, label, note) for _, suffix, label, note in FORMATS
                 if (name := f"downloads/{stem}{suffix}") in self.files.names]
        return StudyLinks(heading, f"downloads-{stem}", root + vocabulary if vocabulary else None, found)

    def summit_links(self, summit) -> StudyLinks:
        """The study block of a summit page: its vocabulary page and its downloads."""
        return self.links(summit.slug, "", f"vocabulary/{summit.slug}.html", "Study the words")

    # --- pages -------------------------------------------------------------------------------------

    def pages(self) -> dict[str, str]:
        """Every vocabulary page, ``{file name: Markdown}``."""
        out = {f"{index_stem(k)}.md": self.index_page(k) for k in range(1, len(page_chunks(self.vocabulary.summits)) + 1)}
        for summit in self.vocabulary.summits:
            out[f"vocabulary/{summit.slug}.md"] = self.summit_page(summit)
        for group in self.vocabulary.groups:
            chunks = group.pages()
            for k, chunk in enumerate(chunks, start=1):
                out[f"vocabulary/{page_stem(group.id, k)}.md"] = self.group_page(group, chunk, k, len(chunks))
        return out

    def _render(self, **context) -> str:
        total = sum(len(words) for _, _, words in context["sections"])
        rows = lambda words: self.rows(words, years=context["summit"] is None)  # noqa: E731
        return self.renderer.render("pages/vocabulary.html", root="../", ordinal_en=ordinal_en, total=total, rows=rows,
                                    **context)

    def summit_page(self, summit) -> str:
        words = self.vocabulary.summit(summit)
        terms = [w for w in words if w.term]
        others = [w for w in words if not w.term]
        html = self._render(
            title=f"Vocabulary of the {summit_title(summit)}", summit=summit, group=None,
            sections=[("terms", "Glossary terms", terms), ("words", "Words", others)],
            occurrences=sum(w.count for w in words), default_order="order", pager=None,
            study=self.links(summit.slug, "../"))
        return markdown_page(f"Vocabulary: {summit_title(summit)}", html,
                             "Every word of the summit's text once, with pinyin, HSK level, meaning and first occurrence.")

    def group_page(self, group: Group, words: list[Word], page: int, pages: int) -> str:
        title = f"{group.title}: words of all summits" + (f" (page {page} of {pages})" if pages > 1 else "")
        first = (page - 1) * WORDS_PER_PAGE + 1
        html = self._render(
            title=title, summit=None, group=group, sections=[(group.id, group.title, words)],
            occurrences=sum(w.count for w in words), default_order="count",
            pager=(page, pages, lambda k: f"{page_stem(group.id, k)}.html") if pages > 1 else None,
            first=first, last=first + len(words) - 1, study=self.links("all-summits", "../"))
        return markdown_page(f"Vocabulary: {title}", html, f"{group.title}: words of all SCO summit texts, most frequent first.")

    def index_page(self, page: int = 1, per_page: int = SUMMITS_PER_PAGE) -> str:
        """Page ``page`` of the vocabulary index (``pages.page_chunks``): its summits' counts by year; the first
        page also the site-wide totals, the groups by HSK level and the site-wide downloads (it reads every
        summit's list; another page only its own summits')."""
        v = self.vocabulary
        chunks = page_chunks(v.summits, per_page)
        spans = page_spans(chunks, index_stem)
        first_page = {}
        if page == 1:
            site = v.site
            len(site)  # made here: reads every summit's list once, noting its summary for the rows below
            first_page = dict(
                site_words=len(site), site_occurrences=sum(w.count for w in site),
                groups=[(g, [f"vocabulary/{page_stem(g.id, k)}.html" for k in range(1, len(g.pages()) + 1)]) for g in v.groups],
                all_links=self.links("all-summits", heading="Downloads: all summits"),
                glossary_links=self.links("glossary", heading=f"Downloads: the glossary ({len(v.glossary_words)} terms)"))
        rows = [(s, *v.summary(s)) for s in chunks[page - 1]]
        span = f"{spans[page - 1][1]}–{spans[page - 1][2]}" if len(chunks) > 1 else ""
        html = self.renderer.render(
            "pages/vocabulary-index.html", page=page, pages=len(chunks), spans=spans, span=span, total=len(v.summits),
            years=[(year, list(group)) for year, group in groupby(rows, key=lambda r: r[0].date.year)],
            summit_title=summit_title, **first_page)
        return markdown_page("Vocabulary" + (f" ({span})" if span else ""), html,
                             "Every word of the SCO summit texts: by summit and by HSK level, with downloads for Anki, Pleco and spreadsheets.")


class Downloads(Mapping):
    """The download files of a Study as a read-only mapping ``{path: bytes}``, each file made on reading
    (nothing is kept but the CSV/TSV table of the last list read, which both files share)."""

    def __init__(self, study: Study):
        self.study = study
        #: ``{path: (list stem, format kind)}`` in writing order.
        self.names: dict[str, tuple[str, str]] = {
            f"downloads/{words.stem}{suffix}": (words.stem, kind)
            for words in study.lists.values() for kind, suffix, _, _ in FORMATS
            if kind != "apkg" or words.deck_id is not None}
        self._table: tuple[str, list[list[str]]] | None = None

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)

    def __getitem__(self, name: str) -> bytes:
        stem, kind = self.names[name]
        words = self.study.lists[stem]
        address = self.study.address
        if kind == "apkg":
            description = f"Summit Reader: {words.title}, every word once, in order of first appearance (glossary terms first)."
            return decks.apkg(decks.deck(words.deck_id, f"Summit Reader::{words.title}", description, words.words,
                                         address, words.tags), words.date)
        if kind in ("csv", "tsv"):
            if self._table is None or self._table[0] != stem:
                self._table = (stem, wordfiles.table(words.words, address))
            text = (wordfiles.csv_text if kind == "csv" else wordfiles.tsv_text)(self._table[1])
        elif kind == "pleco":
            text = wordfiles.pleco_text(words.words, f"Summit Reader/{words.title}")
        else:
            text = wordfiles.plain_text(words.words)
        return text.encode("utf-8")
