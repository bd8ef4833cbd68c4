"""The life of a term: how often each glossary term occurs at each summit, where it first appears, and
the two drawings made of it at build time: a bar chart per term (inline SVG) and the timeline table of
all terms against all summits.

Data source: the concordance (``builder.site.concordance.assign_anchors``), counted per summit by
``pages.Site`` as ``{summit ordinal: Counter(term id → occurrences)}``. Summits are taken in the site's
order (by ordinal, which is also the order of their dates).

Both drawings are readable without colour: every bar carries its number and its summit's ordinal and
year as text, the SVG has ``role="img"`` with an ``aria-label`` that says all its numbers, and the
timeline is a table of numbers (shading only repeats them). Both stay page-sized however many summits
there are: a chart draws at most ``MAX_BARS`` bars (past that, each bar sums a run of consecutive
summits, labelled with their range), and the timeline puts at most ``SUMMITS_PER_PAGE`` summits on one
page (``timeline.html``, ``timeline-2.html`` …).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..content.glossary import Term
from ..model import Summit

#: The most bars one term chart draws (one per summit up to this many summits).
MAX_BARS = 24
#: The most summits (columns) on one page of the timeline.
SUMMITS_PER_PAGE = 16

# Chart geometry, in CSS px (the SVG is drawn at its natural size and scrolls in its box if too wide).
_SLOT, _BAR, _PLOT, _TOP, _BOTTOM, _SIDE = 56, 30, 80, 18, 48, 6


def ordinal_en(n: int) -> str:
    """``21`` → ``"21st"`` (``pages.ordinal_en``; imported late: pages.py imports this module)."""
    from .pages import ordinal_en as ordinal

    return ordinal(n)


@dataclass(frozen=True)
class TermLife:
    """One term across the site: ``counts[i]`` occurrences at ``summits[i]`` (site order), ``first`` the
    index of the first summit where it occurs (``None``: it occurs nowhere)."""

    term: Term
    counts: tuple[int, ...]
    first: int | None

    @property
    def total(self) -> int:
        return sum(self.counts)


def term_lives(summits: list[Summit], terms: list[Term], counts: dict[int, Counter[str]]) -> dict[str, TermLife]:
    """``{term id: TermLife}`` for every term of ``terms``, from the per-summit occurrence counts
    ``counts`` (``{summit ordinal: Counter(term id → n)}``; a summit missing from it counts 0)."""
    out = {}
    for term in terms:
        row = tuple(counts.get(s.ordinal, Counter())[term.id] for s in summits)
        first = next((i for i, n in enumerate(row) if n), None)
        out[term.id] = TermLife(term, row, first)
    return out


def new_terms(summits: list[Summit], lives: dict[str, TermLife]) -> dict[int, list[Term]]:
    """``{summit ordinal: terms whose first occurrence on the site is at that summit}``, each list in the
    order of ``lives`` (the glossary's order); every summit has a list, possibly empty."""
    out: dict[int, list[Term]] = {s.ordinal: [] for s in summits}
    for life in lives.values():
        if life.first is not None:
            out[summits[life.first].ordinal].append(life.term)
    return out


@dataclass(frozen=True)
class Bin:
    """A run of consecutive summits drawn as one bar or shown as one column: ``start``–``stop`` (indices
    into the site's summits, stop excluded) and its two label lines (ordinals, years)."""

    start: int
    stop: int
    label: str
    years: str


def bins(summits: list[Summit], most: int) -> list[Bin]:
    """Cut the summits into at most ``most`` runs of equal length (the last may be shorter): one summit
    per run when there are at most ``most`` summits."""
    size = max(1, math.ceil(len(summits) / most)) if summits else 1
    out = []
    for start in range(0, len(summits), size):
        run = summits[start:start + size]
        first, last = run[0], run[-1]
        label = ordinal_en(first.ordinal) if len(run) == 1 else f"{ordinal_en(first.ordinal)}–{ordinal_en(last.ordinal)}"
        years = str(first.date.year) if first.date.year == last.date.year else f"{first.date.year}–{last.date.year}"
        out.append(Bin(start, start + len(run), label, years))
    return out


def chart_description(life: TermLife, summits: list[Summit], runs: list[Bin]) -> str:
    """The chart's numbers as one English sentence (its ``aria-label`` and ``<title>``). The headword is
    left out: an attribute or an SVG ``<title>`` cannot mark a Chinese run lang="zh-Hans", and the page's
    heading names the term."""
    parts = [f"{b.label} summit{'s' if b.stop - b.start > 1 else ''} ({b.years}): {sum(life.counts[b.start:b.stop])}" for b in runs]
    first = (f"; first at the {ordinal_en(summits[life.first].ordinal)} summit ({summits[life.first].date.year})"
             if life.first is not None else "; it occurs at no summit")
    return "Occurrences of this term at each summit: " + ", ".join(parts) + first + "."


def chart_width(n_bars: int) -> int:
    """The chart's width in CSS px for ``n_bars`` bars."""
    return 2 * _SIDE + n_bars * _SLOT


#: The narrowest box a chart must fit without scrolling: a 390 px phone's text column, in CSS px.
PHONE_COLUMN = 340


def chart_scrolls(summits: list[Summit], most: int = MAX_BARS) -> bool:
    """Whether the chart of a site with these summits is wider than a phone's column (its box then
    scrolls sideways, and must be focusable so that a keyboard can scroll it)."""
    return chart_width(len(bins(summits, most))) > PHONE_COLUMN


def chart_svg(life: TermLife, summits: list[Summit], most: int = MAX_BARS) -> Markup:
    """A bar chart of ``life``'s occurrences at each summit (or run of summits), as inline SVG markup.

    Each bar is a ``<g class="sr-bar-g" data-from=… data-to=…>`` (summit ordinals) with its count
    written above it and its ordinal and year below; the first summit's bar is also labelled "first".
    Heights are proportional to the largest count (a non-zero count is at least 2 px high). Every
    string is HTML-escaped.
    """
    runs = bins(summits, most)
    values = [sum(life.counts[b.start:b.stop]) for b in runs]
    peak = max(values, default=0) or 1
    width, height = chart_width(len(runs)), _TOP + _PLOT + _BOTTOM
    base = _TOP + _PLOT
    description = chart_description(life, summits, runs)
    out = [f'<svg class="sr-chart-svg" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(description)}">',
           f"<title>{escape(description)}</title>",
           f'<line class="sr-axis" x1="{_SIDE}" y1="{base}.5" x2="{width - _SIDE}" y2="{base}.5"/>']
    for k, (b, value) in enumerate(zip(runs, values)):
        x = _SIDE + k * _SLOT
        mid = x + _SLOT // 2
        h = 0 if not value else max(2, round(_PLOT * value / peak))
        first = life.first is not None and b.start <= life.first < b.stop
        out.append(f'<g class="sr-bar-g{" is-first" if first else ""}" data-from="{summits[b.start].ordinal}" '
                   f'data-to="{summits[b.stop - 1].ordinal}">')
        if h:
            out.append(f'<rect class="sr-bar" x="{mid - _BAR // 2}" y="{base - h}" width="{_BAR}" height="{h}"/>')
        out.append(f'<text class="sr-n" x="{mid}" y="{base - h - 5}" text-anchor="middle">{value}</text>')
        out.append(f'<text class="sr-lab" x="{mid}" y="{base + 15}" text-anchor="middle">{escape(b.label)}</text>')
        out.append(f'<text class="sr-lab" x="{mid}" y="{base + 29}" text-anchor="middle">{escape(b.years)}</text>')
        if first:
            out.append(f'<text class="sr-first" x="{mid}" y="{base + 43}" text-anchor="middle">first</text>')
        out.append("</g>")
    out.append("</svg>")
    return Markup("".join(out))


def column_pages(summits: list[Summit], per_page: int = SUMMITS_PER_PAGE) -> list[list[int]]:
    """The timeline's pages as lists of summit indices: consecutive runs of at most ``per_page``
    summits, a year never split across two pages unless it alone holds more than ``per_page``."""
    pages: list[list[int]] = [[]]
    i = 0
    while i < len(summits):
        year = [j for j in range(i, len(summits)) if summits[j].date.year == summits[i].date.year]
        if len(pages[-1]) + len(year) > per_page and pages[-1]:
            pages.append([])
        for j in year:
            if len(pages[-1]) == per_page:
                pages.append([])
            pages[-1].append(j)
        i = year[-1] + 1
    return pages


def timeline_page(n: int) -> str:
    """The file stem of the ``n``-th timeline page: ``timeline``, then ``timeline-2`` …"""
    return "timeline" if n == 1 else f"timeline-{n}"


def heat(count: int) -> int:
    """The shade of a count in the timeline (0–4: 0, 1, 2–3, 4–7, 8 or more); the number is always printed."""
    return 0 if count <= 0 else min(4, count.bit_length())


def timeline_rows(lives: dict[str, TermLife]) -> list[TermLife]:
    """The timeline's rows: terms by the summit where they first occur, then most frequent first, then
    glossary order; terms that occur nowhere last."""
    order = {tid: i for i, tid in enumerate(lives)}
    return sorted(lives.values(), key=lambda life: (life.first is None, life.first or 0, -life.total, order[life.term.id]))
