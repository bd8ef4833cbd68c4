"""Generated pages: summit pages, the glossary index and term pages, the home page, as Markdown for MkDocs.

Each page is YAML front matter (title, hidden table of contents) plus one raw HTML block rendered
from ``templates/pages/*.html``; MkDocs passes raw HTML blocks through untouched, so the theme stage
(MkDocs + Material today) only frames what the builder wrote.
"""

from __future__ import annotations

from collections import ChainMap, Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from html import escape as html_escape
from itertools import groupby

import yaml

from .concordance import Occurrence, anchors_by_token, assign_anchors
from ..content.glossary import Glossary, Term
from ..model import Gap, Paragraph, Restored, Summit
from .render import Renderer, split_tokens
from .search import search_assets
from .timeline import SUMMITS_PER_PAGE, chart_scrolls, chart_svg, column_pages, heat, new_terms, term_lives, timeline_page, timeline_rows
from .words import WordData

KIND_LABELS = {"speech": "Speech", "report": "Report", "interpretation": "Interpretation (解读)",
               "side-meeting": "Side meeting"}
FORMAT_LABELS = {"in person": "In person", "video": "By video link", "hybrid": "Hybrid"}

#: Occurrences on one term page: beyond it the concordance continues on glossary/<id>-2.html …, so a term
#: page stays lighter than a summit page however many summits there are (issue 15).
OCCURRENCES_PER_PAGE = 200


def ordinal_en(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


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


def term_page(term_id: str, page: int = 1) -> str:
    """The file stem of a term's page inside ``glossary/``: ``<id>`` for the first, ``<id>-<n>`` after."""
    return term_id if page == 1 else f"{term_id}-{page}"


class Site:
    """All generated pages of one build: ``{file name: Markdown text}``."""

    def __init__(self, summits: list[Summit], glossary: Glossary, renderer: Renderer, words: WordData,
                 address: str = "", timestamp: int = 0):
        self.summits, self.glossary, self.renderer, self.words = summits, glossary, renderer, words
        self.address, self.timestamp = address, timestamp  # site_url and build date: for the downloads (study.py)
        self.occurrences: dict[int, list[Occurrence]] = {s.ordinal: assign_anchors(s) for s in summits}
        self.counts: dict[int, Counter[str]] = {
            n: Counter(o.term_id for o in found) for n, found in self.occurrences.items()}
        self.total_counts: Counter[str] = sum(self.counts.values(), Counter())
        self.lives = term_lives(summits, glossary.terms, self.counts)  # the life of each term (timeline.py)
        self.new_terms = new_terms(summits, self.lives)

    def term_counts(self, summit: Summit) -> Counter[str]:
        return self.counts[summit.ordinal]

    @cached_property
    def study(self):
        """The vocabulary pages and downloads (``builder.site.study``)."""
        from .study import Study
        from .vocabulary import Vocabulary

        return Study(Vocabulary(self.summits, self.glossary, self.words, self.occurrences), self.renderer,
                     self.address, self.timestamp)

    def assets(self) -> Mapping[str, str | bytes]:
        """Generated assets: the popup word data of each summit page (``builder.site.words``), the search
        index, the study downloads (``builder.site.study``: bytes)."""
        words = self.words
        return ChainMap({f"assets/words/{s.slug}.js": words.script(s) for s in self.summits},
                        search_assets(self.summits, self.glossary), self.study.files)  # the downloads: made as written

    def pages(self) -> dict[str, str]:
        pages = {f"{s.slug}.md": self.summit_page(s) for s in self.summits}
        pages.update(self.study.pages())
        pages["glossary.md"] = self.glossary_page()
        for name, text in self.term_pages().items():
            if name in pages:
                raise ValueError(f"two pages would be written to {name}: a term id ends like a page number")
            pages[name] = text
        pages["index.md"] = self.home_page()
        pages.update(self.timeline_pages())
        return pages

    def nav(self) -> list[dict[str, str]]:
        """MkDocs ``nav``: home, the summits in order, the glossary.

        The labels are the page titles of the theme (``page.title``, printed unescaped in the nav,
        the footer and, without a meta title, in ``<title>``): they are made of numbers and fixed
        words only, never of content strings, so they need no escaping.
        """
        summits = [{f"{ordinal_en(s.ordinal)} summit, {s.date.year}": f"{s.slug}.md"} for s in self.summits]
        return [{"Home": "index.md"}, *summits, {"Glossary": "glossary.md"}, {"Vocabulary": "vocabulary.md"},
                {"Timeline": "timeline.md"}]

    def summit_page(self, summit: Summit) -> str:
        occurrences = self.occurrences[summit.ordinal]
        paragraphs = list(summit.paragraphs())
        anchors = anchors_by_token(occurrences, paragraphs)
        counts = self.term_counts(summit)
        terms = [t for t in self.glossary.terms if t.id in counts]
        html = self.renderer.render(
            "pages/summit.html", summit=summit, articles=article_views(summit), terms=terms,
            anchor_of=lambda token: anchors[id(token)], ordinal_en=ordinal_en,
            format_label=FORMAT_LABELS[summit.format], site_counts=self.total_counts, study=self.study.summit_links(summit),
            new_terms=self.new_terms[summit.ordinal], earliest=summit is self.summits[0])
        title = f"{ordinal_en(summit.ordinal)} SCO summit, {summit.place} {summit.date.year}"
        return markdown_page(title, html, f"{summit.title} ({summit.title_en}), annotated with pinyin.")

    def glossary_page(self) -> str:
        """The glossary index (``glossary.md``): every term once, with its count and a link to its page."""
        html = self.renderer.render("pages/glossary.html", terms=self.glossary.terms, counts=self.total_counts)
        return markdown_page("Glossary", html, "Diplomatic terms of the SCO summits with pinyin, official English and their occurrences.")

    def term_pages(self, per_page: int = OCCURRENCES_PER_PAGE) -> dict[str, str]:
        """One page per term, ``glossary/<id>.md``: the entry, per-summit counts and the concordance grouped
        by summit; past ``per_page`` occurrences it continues on ``glossary/<id>-2.md`` …"""
        by_term: dict[str, list[Occurrence]] = {t.id: [] for t in self.glossary.terms}
        for s in self.summits:
            for occ in self.occurrences[s.ordinal]:
                by_term[occ.term_id].append(occ)
        out = {}
        for term in self.glossary.terms:
            occs = by_term[term.id]
            chunks = [occs[i:i + per_page] for i in range(0, len(occs), per_page)] or [[]]
            per_summit = [(s, self.counts[s.ordinal][term.id]) for s in self.summits if self.counts[s.ordinal][term.id]]
            life = self.lives[term.id]
            for k, chunk in enumerate(chunks, start=1):
                by_summit = [(s, list(g)) for s, g in groupby(chunk, key=lambda o: o.summit)]
                html = self.renderer.render(
                    "pages/term.html", term=term, root="../", page=k, pages=len(chunks), total=len(occs),
                    first=(k - 1) * per_page + 1, last=(k - 1) * per_page + len(chunk),
                    years=[(y, list(g)) for y, g in groupby(by_summit, key=lambda sg: sg[0].date.year)],
                    chart=chart_svg(life, self.summits) if k == 1 else None, chart_scrolls=chart_scrolls(self.summits),
                    first_on_site=self.summits[0].ordinal if self.summits else None,
                    first_summit=self.summits[life.first] if life.first is not None else None,
                    per_summit=per_summit, page_href=lambda n, t=term.id: term_page(t, n) + ".html",
                    ordinal_en=ordinal_en, kind_labels=KIND_LABELS)
                title = f"{term.headword} {term.english}" + (f" (page {k})" if k > 1 else "")
                out[f"glossary/{term_page(term.id, k)}.md"] = markdown_page(
                    title, html, f"{term.headword} ({term.pinyin}): {term.english}. Glossary entry with every occurrence.")
        return out

    def home_page(self) -> str:
        top: dict[int, list[tuple[Term, int]]] = {}
        for s in self.summits:
            top[s.ordinal] = [(self.glossary.by_id[tid], n) for tid, n in self.term_counts(s).most_common(6)]
        html = self.renderer.render("pages/home.html", summits=self.summits, top=top, ordinal_en=ordinal_en,
                                    format_label=FORMAT_LABELS, glossary=self.glossary, site_counts=self.total_counts)
        return markdown_page("Summit Reader", html, "SCO summit texts in Chinese with pinyin and an English glossary.")

    def timeline_pages(self, per_page: int = SUMMITS_PER_PAGE) -> dict[str, str]:
        """The timeline, ``timeline.md`` (``timeline-2.md`` … past ``per_page`` summits): every term
        against every summit, as a table of counts (``builder.site.timeline``)."""
        pages = column_pages(self.summits, per_page)
        rows = timeline_rows(self.lives)
        out = {}
        for k, columns in enumerate(pages, start=1):
            shown = [self.summits[i] for i in columns]
            span = f"{shown[0].date.year}–{shown[-1].date.year}" if shown else ""
            html = self.renderer.render(
                "pages/timeline.html", rows=rows, columns=columns, summits=self.summits, page=k, pages=len(pages),
                spans=[(timeline_page(n) + ".html", self.summits[p[0]].date.year, self.summits[p[-1]].date.year)
                       for n, p in enumerate(pages, start=1) if p],
                year_groups=[(y, len(list(g))) for y, g in groupby(shown, key=lambda s: s.date.year)],
                heat=heat, ordinal_en=ordinal_en, span=span)
            title = "Timeline of the terms" + (f" ({span})" if len(pages) > 1 else "")
            out[f"{timeline_page(k)}.md"] = markdown_page(
                title, html, "Every glossary term against every SCO summit: how often it occurs and where it first appears.")
        return out
