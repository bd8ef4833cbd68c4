"""The life of a term (issue 10, item 4), checked on the real build against counts taken here, independently
of builder/site (no concordance, no Site): straight from the annotated tokens of the real summit pages.

- each term page's per-summit counts (the Occurrences row and the bars of its chart, whose labels and
  aria-label say the numbers) and its concordance entries match those counts; its first summit is the
  earliest summit whose tokens hold it; its concordance is grouped under year headings;
- each summit page lists exactly the terms first found there;
- the timeline covers every term and every summit once, with the same counts;
- at 1,000 summits, the chart and the timeline pages stay page-sized.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from html import unescape

import pytest


@pytest.fixture(scope="module")
def token_counts(summits) -> dict[int, Counter[str]]:
    """``{summit ordinal: Counter(term id → tokens)}`` from the annotated tokens, every block of the page."""
    return {s.ordinal: Counter(t.term_id for p in s.paragraphs() for t in p.tokens if t.term_id) for s in summits}


def read(site, name: str) -> str:
    return (site / name).read_text(encoding="utf-8")


def term_files(site, term_id: str) -> list[str]:
    """The term's page and its continuation pages (glossary/<id>-2.html …), first page first."""
    names = [p.name for p in (site / "glossary").glob(f"{term_id}*.html")]
    pages = [n for n in names if re.fullmatch(rf"{re.escape(term_id)}(-\d+)?\.html", n)]
    return sorted(pages, key=lambda n: int(re.search(r"-(\d+)\.html$", n).group(1)) if re.search(r"-(\d+)\.html$", n) else 1)


def test_term_pages_count_what_the_annotated_tokens_hold(built_site, summits, resources, token_counts):
    checked = 0
    for term in resources.glossary.terms:
        expected = {s.ordinal: token_counts[s.ordinal][term.id] for s in summits}
        html = read(built_site, f"glossary/{term.id}.html")
        # the Occurrences row: one link per summit where it occurs, with its count
        row = re.search(r'<dd class="sr-per-summit">(.*?)</dd>', html, re.S).group(1)
        listed = {int(o): int(n) for o, n in re.findall(r'data-summit="(\d+)">[^<]*</a>: <span class="sr-count">(\d+)</span>', row)}
        assert listed == {o: n for o, n in expected.items() if n}, term.id
        # the chart: one bar per summit (this site has fewer summits than a chart draws), its number as text
        bars = re.findall(r'<g class="sr-bar-g[^"]*" data-from="(\d+)" data-to="(\d+)">(.*?)</g>', html, re.S)
        assert [int(a) for a, b, _ in bars] == [s.ordinal for s in summits] == [int(b) for a, b, _ in bars], term.id
        drawn = {int(a): int(re.search(r'<text class="sr-n"[^>]*>(\d+)</text>', body).group(1)) for a, _, body in bars}
        assert drawn == expected, term.id
        label = unescape(re.search(r'<svg class="sr-chart-svg"[^>]* role="img" aria-label="([^"]*)"', html).group(1))
        for s in summits:
            assert f"{s.ordinal}{ordinal_suffix(s.ordinal)} summit ({s.date.year}): {expected[s.ordinal]}" in label, (term.id, label)
        # the concordance over all its pages: one entry per token, in a section per summit
        entries: Counter[int] = Counter()
        for name in term_files(built_site, term.id):
            page = read(built_site, f"glossary/{name}")
            for ordinal, body in re.findall(r'<section class="sr-concordance"[^>]* data-summit="(\d+)">(.*?)</section>', page, re.S):
                entries[int(ordinal)] += body.count("<mark>")
        assert dict(entries) == {o: n for o, n in expected.items() if n}, term.id
        checked += sum(expected.values())
    assert checked == sum(sum(c.values()) for c in token_counts.values()) > 500


def ordinal_suffix(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def test_term_pages_name_the_first_summit_and_group_sentences_by_year(built_site, summits, resources, token_counts):
    for term in resources.glossary.terms:
        html = read(built_site, f"glossary/{term.id}.html")
        first = next(s for s in summits if token_counts[s.ordinal][term.id])
        first_use = re.search(r'<dd class="sr-first-use">(.*?)</dd>', html, re.S).group(1)
        assert f'href="../{first.slug}.html"' in first_use and str(first.date.year) in first_use, term.id
        assert re.search(rf'<g class="sr-bar-g is-first" data-from="{first.ordinal}"', html), term.id
        assert html.count("is-first") == 1, term.id
        # every summit section sits under the heading of its summit's year
        years = re.findall(r'<h3 class="sr-year-h" id="[^"]+">(\d{4})</h3>(.*?)</section>\s*</section>', html, re.S)
        assert years, term.id
        for year, body in years:
            ordinals = [int(o) for o in re.findall(r'data-summit="(\d+)"', body)]
            assert ordinals and all(s.date.year == int(year) for s in summits if s.ordinal in ordinals), (term.id, year)


def test_each_summit_page_lists_exactly_the_terms_first_found_there(built_site, summits, resources, token_counts):
    seen: set[str] = set()
    for s in summits:
        here = {tid for tid, n in token_counts[s.ordinal].items() if n}
        expected = here - seen
        seen |= here
        html = read(built_site, f"{s.slug}.html")
        block = re.search(r'<dd class="sr-new-terms">(.*?)</dd>', html, re.S).group(1)
        listed = re.findall(r'<a href="glossary/([a-z0-9-]+)\.html" lang="zh-Hans" data-term="\1">([^<]*)</a>', block)
        assert {tid for tid, _ in listed} == expected and len(listed) == len(expected), s.slug
        for tid, headword in listed:
            assert unescape(headword) == resources.glossary.by_id[tid].headword
        assert (f"{len(expected)} term" in block) if expected else block.startswith("none")
    assert seen == {t.id for t in resources.glossary.terms if any(c[t.id] for c in token_counts.values())}


def test_the_timeline_covers_every_term_against_every_summit(built_site, summits, resources, token_counts):
    pages = sorted(built_site.glob("timeline*.html"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 1))
    assert pages and pages[0].name == "timeline.html"
    columns: list[int] = []
    for path in pages:
        html = path.read_text(encoding="utf-8")
        head = [int(o) for o in re.findall(r'<th scope="col" data-summit="(\d+)">', html)]
        columns += head
        rows = re.findall(r'<tr data-term="([a-z0-9-]+)"><th scope="row">(.*?)</th>(.*?)</tr>', html, re.S)
        assert sorted(tid for tid, _, _ in rows) == sorted(t.id for t in resources.glossary.terms), path.name
        for tid, _, cells in rows:
            numbers = [int(n) for n in re.findall(r'<td class="h\d[^"]*">(?:<strong>)?(\d+)', cells)]
            assert numbers == [token_counts[o][tid] for o in head], (path.name, tid)
            total = int(re.search(r'<td class="sr-tl-total">(\d+)</td>', cells).group(1))
            assert total == sum(c[tid] for c in token_counts.values()), tid
    assert columns == [s.ordinal for s in summits]
    nav = read(built_site, "index.html")
    assert 'href="timeline.html"' in nav


def test_at_a_thousand_summits_the_chart_and_the_timeline_stay_page_sized(summits, resources):
    """1,000 summits (copies of the real ones, four a year): at most MAX_BARS bars, whose counts still add
    up; timeline pages of at most SUMMITS_PER_PAGE summits that never split a year and cover all in order."""
    from builder.site.timeline import MAX_BARS, SUMMITS_PER_PAGE, TermLife, bins, chart_svg, column_pages

    many = [dataclasses.replace(summits[i % len(summits)], ordinal=i + 1, date=dt.date(1900 + i // 4, 1 + 3 * (i % 4), 1))
            for i in range(1000)]
    runs = bins(many, MAX_BARS)
    assert len(runs) <= MAX_BARS and runs[0].start == 0 and runs[-1].stop == 1000
    assert all(a.stop == b.start for a, b in zip(runs, runs[1:]))
    counts = tuple((i * 7) % 5 for i in range(1000))
    life = TermLife(resources.glossary.terms[0], counts, next(i for i, n in enumerate(counts) if n))
    svg = chart_svg(life, many)
    drawn = [int(n) for n in re.findall(r'<text class="sr-n"[^>]*>(\d+)</text>', svg)]
    assert len(drawn) == len(runs) and sum(drawn) == sum(counts)
    assert len(svg) < 20_000
    pages = column_pages(many, SUMMITS_PER_PAGE)
    assert [i for p in pages for i in p] == list(range(1000))
    assert all(0 < len(p) <= SUMMITS_PER_PAGE for p in pages)
    for a, b in zip(pages, pages[1:]):
        assert many[a[-1]].date.year != many[b[0]].date.year  # a year is never split across pages
    assert len(pages) <= 1000 // 12 + 1  # pages are filled: three whole years of four summits each at least


def test_a_year_with_more_summits_than_a_page_holds_is_split_only_then(summits):
    from builder.site.timeline import column_pages

    crowded = [dataclasses.replace(summits[0], ordinal=i + 1, date=dt.date(2030, 1, 1 + i)) for i in range(7)]
    later = [dataclasses.replace(summits[0], ordinal=8 + i, date=dt.date(2031 + i, 1, 1)) for i in range(2)]
    assert column_pages(crowded + later, 3) == [[0, 1, 2], [3, 4, 5], [6, 7, 8]]  # the rest of a split year shares a page
