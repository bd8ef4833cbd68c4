"""Vocabulary pages: each summit's page lists every word its text prints, once, with the page's reading,
HSK level, the popup's sense, its count and a link to its first occurrence; the site-wide pages, cut by
HSK level, cover every word of every summit and stay page-sized. Compared with the built summit pages
(what a reader sees), never with the vocabulary code's own output."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from builder.text.hsk import label as hsk_label, word_level
from tests.htmlread import read_page
from tests.vocabread import summit_words, vocabulary_rows


def popup_data(site, slug: str) -> dict:
    source = (site / "assets" / "words" / f"{slug}.js").read_text(encoding="utf-8")
    return json.loads(source[source.index("]=") + 2:].rstrip().removesuffix(";"))


def level_cell(word: str) -> str:
    level = word_level(word)
    return hsk_label(level) if level is not None else "beyond"


@pytest.fixture(scope="module")
def shown(built_site, summits):
    """``{slug: (what the summit page prints, the rows of its vocabulary page)}``."""
    return {s.slug: (summit_words(built_site / f"{s.slug}.html"), vocabulary_rows(built_site / "vocabulary" / f"{s.slug}.html"))
            for s in summits}


def test_each_summit_vocabulary_page_lists_every_word_of_its_text_once(shown):
    for slug, (page, rows) in shown.items():
        words = [(r.headword, r.reading) for r in rows if r.term is None]
        terms = [r.term for r in rows if r.term]
        assert len(words) == len(set(words)) and len(terms) == len(set(terms)), slug
        assert set(words) == set(page.words), slug  # every ruby pair outside a term, with the reading printed
        assert set(terms) == set(page.terms), slug   # every glossary term the page marks
        for r in rows:
            expected = page.terms[r.term] if r.term else page.words[(r.headword, r.reading)]
            assert r.count == expected, (slug, r.headword, r.reading)


def test_terms_come_first_then_words_in_order_of_first_appearance(shown):
    for slug, (page, rows) in shown.items():
        assert [r.order for r in rows] == list(range(1, len(rows) + 1)), slug
        kinds = [r.term is not None for r in rows]
        assert kinds == sorted(kinds, reverse=True), f"{slug}: a term after a word"
        assert [r.term for r in rows if r.term] == list(page.terms), slug  # Counter keeps first-seen order
        assert [(r.headword, r.reading) for r in rows if not r.term] == list(page.words), slug


def test_each_row_links_its_first_occurrence_and_marks_it_in_its_sentence(built_site, shown, resources):
    for slug, (page, rows) in shown.items():
        blocks = read_page(built_site / f"{slug}.html").blocks
        for r in rows:
            target, _, anchor = r.href.partition("#")
            assert target == f"../{slug}.html", r.href
            if r.term:
                assert anchor == page.first_term_anchor[r.term]  # the term's own anchor
                block = page.first_term_block[r.term]
                forms = {f.text for f in resources.glossary.by_id[r.term].forms}
                assert r.marked in forms, (slug, r.term, r.marked)
            else:
                block = anchor
                assert anchor == page.first_block[(r.headword, r.reading)], (slug, r.headword)
                assert r.marked == r.headword
        # the snippet is a piece of the block's text, cut only where "…" says so
        html = (built_site / "vocabulary" / f"{slug}.html").read_text(encoding="utf-8")
        for href, snippet in re.findall(r'<a href="([^"]+)" lang="zh-Hans">(.*?)</a>', html):
            text = re.sub(r"<[^>]+>", "", snippet)
            anchor = href.partition("#")[2]
            block = anchor if not anchor.startswith("t-") else page.first_term_block[anchor[2:].rsplit("-", 1)[0]]
            for piece in text.split("…"):
                assert piece in blocks[block]["text"], (slug, href, piece)


def test_levels_and_meanings_are_the_sites_own(built_site, shown, resources):
    for slug, (_, rows) in shown.items():
        popup = popup_data(built_site, slug)
        twice = Counter(r.headword for r in rows if not r.term)
        for r in rows:
            assert r.level == level_cell(r.headword), (slug, r.headword)
            assert r.level_rank == (word_level(r.headword) or 8)
            if r.term:
                assert r.meaning == resources.glossary.by_id[r.term].english
            elif twice[r.headword] == 1 and popup[r.headword].get("e"):
                first = popup[r.headword]["e"][0][1]  # the popup's first sense: the reading used here first
                shown_sense = r.meaning.split(" (read ")[0].removesuffix("; …")
                assert first.startswith(shown_sense), (slug, r.headword, r.meaning, first)
            elif not popup[r.headword].get("e"):
                assert r.meaning.endswith(("(by its parts)", "(a name; not in CC-CEDICT)", "(not in CC-CEDICT)")), r


def test_the_site_wide_pages_cover_every_word_of_every_summit(built_site, shown):
    from builder.site.vocabulary import WORDS_PER_PAGE

    expected: Counter = Counter()
    for page, rows in shown.values():
        for r in rows:
            expected[r.term or (r.headword, r.reading)] += r.count
    listed: Counter = Counter()
    pages = sorted((built_site / "vocabulary").glob("*.html"))
    group_pages = [p for p in pages if not p.name.startswith("summit-")]
    index = read_page(built_site / "vocabulary.html")
    for path in group_pages:
        rows = vocabulary_rows(path)
        assert len(rows) <= WORDS_PER_PAGE, path.name
        assert f"vocabulary/{path.name}" in index.hrefs, f"the index links {path.name}"
        counts = [r.count for r in rows]
        assert counts == sorted(counts, reverse=True), f"{path.name}: most frequent first"
        group = re.sub(r"-p\d+$", "", path.stem)
        for r in rows:
            key = r.term or (r.headword, r.reading)
            assert key not in listed, f"{key} on two pages"
            listed[key] = r.count
            if group == "terms":
                assert r.term
            else:
                assert not r.term and group == ("beyond" if r.level == "beyond" else f"hsk-{r.level_rank}"), (path.name, r)
    assert listed == expected


def test_no_vocabulary_page_is_heavier_than_the_largest_summit_page(built_site, summits):
    largest = max((built_site / f"{s.slug}.html").stat().st_size for s in summits)
    for path in [*built_site.glob("vocabulary*.html"), *(built_site / "vocabulary").glob("*.html")]:
        assert path.stat().st_size < largest, path.name


def test_the_vocabulary_index_pages_link_every_summit_once(built_site, summits):
    index = [p for p in built_site.glob("vocabulary*.html") if re.fullmatch(r"vocabulary(-\d+)?", p.stem)]
    linked = [h for p in index for h in read_page(p).hrefs if re.fullmatch(r"vocabulary/summit-\d+\.html", h)]
    assert sorted(linked) == sorted(f"vocabulary/{s.slug}.html" for s in summits)


def _index_pages(summits, resources, root, per_page: int) -> list[str]:
    from builder.site.pages import Site
    from builder.site.render import Renderer
    from builder.site.words import WordData

    site = Site(summits, resources.glossary, Renderer(root / "templates"), WordData(lambda: resources.dictionary))
    pages = {name: out.render() for name, out in site.vocabulary_pages(per_page).items() if "/" not in name}
    count = -(-len(summits) // per_page)
    assert sorted(pages) == sorted(["vocabulary.md", *(f"vocabulary-{k}.md" for k in range(2, count + 1))])
    return [pages["vocabulary.md"], *(pages[f"vocabulary-{k}.md"] for k in range(2, count + 1))]


def test_the_vocabulary_index_is_cut_into_pages_of_summits_grouped_by_year(summits, resources, root):
    """However many summits a page holds, the index pages list every summit once, in order, under its
    year, at most that many to a page; each page's pager links every other page and marks its own; the
    first page alone has the site-wide list by level and the downloads, the others link to it."""
    by_slug = {s.slug: s for s in summits}
    for per_page in range(1, len(summits) + 1):
        pages = _index_pages(summits, resources, root, per_page)
        listed = []
        for k, page in enumerate(pages, start=1):
            rows = []
            for year, body in re.findall(r'<tbody>\n<tr class="sr-vocab-group"><th scope="rowgroup" colspan="4">(\d+)</th></tr>(.*?)</tbody>',
                                         page, re.S):
                slugs = re.findall(r'<a href="vocabulary/(summit-\d+)\.html">', body)
                assert slugs and all(by_slug[s].date.year == int(year) for s in slugs), (per_page, k, year)
                rows += slugs
            assert 0 < len(rows) <= per_page and rows == re.findall(r'href="vocabulary/(summit-\d+)\.html"', page)
            listed += rows
            assert ('id="by-level"' in page) == ('downloads/all-summits.csv' in page) == (k == 1), (per_page, k)
            if k > 1:
                assert 'href="vocabulary.html#by-level"' in page
            pager = re.findall(r'<nav class="sr-pager"[^>]*>(.*?)</nav>', page)
            if len(pages) == 1:
                assert not pager
                continue
            assert len(pager) == 2 and pager[0] == pager[1]  # above and below the table
            links = re.findall(r'href="(vocabulary(?:-\d+)?\.html)"', pager[0])
            assert links == [("vocabulary" if n == 1 else f"vocabulary-{n}") + ".html" for n in range(1, len(pages) + 1) if n != k]
            current = re.findall(r'<span aria-current="page">(\d+)–(\d+)</span>', pager[0])
            assert current == [(str(by_slug[rows[0]].date.year), str(by_slug[rows[-1]].date.year))]
        assert listed == [s.slug for s in summits]


def test_without_javascript_the_table_is_in_its_default_order_with_aria_sort(built_site, summits):
    for path in [*(built_site / "vocabulary").glob("*.html")]:
        html = path.read_text(encoding="utf-8")
        if "sr-vocab-table" not in html:
            continue
        sorted_by = re.findall(r'<th scope="col" data-sort="(\w+)" aria-sort="(\w+)">', html)
        assert sorted_by == ([("order", "ascending")] if path.stem.startswith("summit-") else [("count", "descending")]), path.name
        assert re.search(r'<form class="sr-vocab-tools"[^>]*\bhidden>', html), "the choices show only with the script"


def test_summit_pages_and_vocabulary_pages_link_the_downloads(built_site, summits):
    for s in summits:
        summit = read_page(built_site / f"{s.slug}.html")
        vocabulary = read_page(built_site / "vocabulary" / f"{s.slug}.html")
        assert f"vocabulary/{s.slug}.html" in summit.hrefs
        for name in [f"{s.slug}.apkg", f"{s.slug}.csv", f"{s.slug}.tsv", f"{s.slug}-pleco.txt", f"{s.slug}.txt"]:
            assert f"downloads/{name}" in summit.hrefs and f"../downloads/{name}" in vocabulary.hrefs, name
    index = read_page(built_site / "vocabulary.html")
    for name in ["glossary.apkg", "glossary.csv", "all-summits.csv", "all-summits-pleco.txt", "all-summits.txt"]:
        assert f"downloads/{name}" in index.hrefs, name


# --- the word list on sentences that are not on the pages ---------------------------------------------

def _summit(pipeline, *paragraphs: str):
    import datetime as dt

    from builder.model import Article, Paragraph, Summit

    article = Article(Paragraph(["测试标题"], 1), "report", [], [Paragraph([p], n) for n, p in enumerate(paragraphs, start=2)])
    summit = Summit("x.md", 99, "测试", "Test", dt.date(2030, 1, 1), "Nowhere", "某地", "in person", "nobody", "测试", [article])
    for paragraph in summit.paragraphs():
        paragraph.tokens = pipeline.annotate(paragraph.text)
    return summit


@pytest.fixture(scope="module")
def vocabulary_of(pipeline, resources):
    from builder.site.concordance import assign_anchors
    from builder.site.vocabulary import Vocabulary
    from builder.site.words import WordData

    def make(*paragraphs: str):
        summit = _summit(pipeline, *paragraphs)
        vocabulary = Vocabulary([summit], resources.glossary, WordData(lambda: resources.dictionary),
                                {summit.ordinal: assign_anchors(summit)})
        return vocabulary.summit(summit)

    return make


def test_one_string_read_two_ways_is_two_words(vocabulary_of):
    words = vocabulary_of("他还钱了，还没有来。这个地方的地很大，他慢慢地走。")
    keys = {(w.headword, w.reading) for w in words}
    assert {("还", "huán"), ("还", "hái"), ("地", "dì"), ("地", "de")} <= keys
    huan = next(w for w in words if (w.headword, w.reading) == ("还", "huán"))
    assert "to give back" in huan.sense or "to return" in huan.sense  # the sense of the reading used here


def test_a_term_is_one_word_whatever_its_form_and_counts_each_occurrence(vocabulary_of):
    words = vocabulary_of("各国反对干涉地区国家内政，坚持多边主义。", "我们反对干涉成员国内政，反对单边主义，坚持多边主义。")
    interference = [w for w in words if w.term and w.term.id == "interference-in-internal-affairs"]
    assert len(interference) == 1 and interference[0].count == 2
    assert interference[0].headword == interference[0].term.headword
    assert interference[0].first.anchor == "t-interference-in-internal-affairs-1"
    assert interference[0].first.snippet()[1] == "干涉地区国家内政"  # the form it first takes
    multilateralism = next(w for w in words if w.term and w.term.id == "multilateralism")
    assert multilateralism.count == 2 and multilateralism.sense == "multilateralism"
    assert [w.term is not None for w in words] == sorted((w.term is not None for w in words), reverse=True)


def test_a_name_cc_cedict_lacks_says_so_instead_of_its_parts(vocabulary_of):
    words = {w.headword: w for w in vocabulary_of("米尔济约耶夫总统出席了会议。")}
    name = words["米尔济约耶夫"]
    assert name.sense == "" and name.sense_note == "a name; not in CC-CEDICT" and name.level is None
    assert words["总统"].sense.startswith("president") and words["总统"].level is not None


def test_the_first_occurrence_is_the_whole_sentence_and_a_short_snippet(vocabulary_of):
    text = "各方同意加强合作。我们愿同各方一道，在相互尊重、平等互利的基础上深化务实合作，推动地区和平与发展。"
    words = {(w.headword, w.reading): w for w in vocabulary_of(text)}
    tuidong = words[("推动", "tuīdòng")]
    before, form, after = tuidong.first.sentence()
    assert before + form + after == text[text.index("我们"):]  # from the sentence start to its 。
    short = tuidong.first.snippet(side=6)
    assert short == ("…化务实合作，", "推动", "地区和平与发…")
