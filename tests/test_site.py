"""The real build of the real content: pages, ruby on every word, tooltips, concordance, text kept."""

from __future__ import annotations

import re
from html import unescape as html_unescape
from urllib.parse import urlsplit

import pytest

from builder.text.syllables import HAN_RE, han_count
from tests.htmlread import read_page


@pytest.fixture(scope="module")
def pages(built_site):
    return {p.relative_to(built_site).as_posix(): read_page(p) for p in built_site.rglob("*.html")}


def test_the_site_has_home_glossary_and_one_page_per_summit(built_site):
    for name in ["index.html", "glossary.html", "summit-20.html", "summit-21.html", "summit-24.html"]:
        assert (built_site / name).is_file(), name
    assert (built_site / "assets" / "reader.js").is_file()


def test_stripping_the_markup_gives_back_the_article_text(summits, pages):
    for summit in summits:
        blocks = pages[f"{summit.slug}.html"].blocks
        for i, article in enumerate(summit.articles, start=1):
            assert blocks[f"a{i}"]["text"] == article.heading.text
            for j, paragraph in enumerate(article.paragraphs, start=1):
                assert blocks[f"a{i}-p{j}"]["text"] == paragraph.text, (summit.path, paragraph.line)


def test_every_chinese_word_has_its_pinyin(pages):
    for name in ["summit-20.html", "summit-21.html", "summit-24.html"]:
        for block_id, block in pages[name].blocks.items():
            ruby_chars = sum(han_count(base) for base, _ in block["rubies"])
            assert ruby_chars == han_count(block["text"]), (name, block_id)
            for base, reading in block["rubies"]:
                syllables = re.findall(r"[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]+", reading)
                # a written reading joins syllables in words; at least the Han characters are covered
                letters = re.sub(r"[^a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]", "", reading.lower())
                assert syllables and len(letters) >= han_count(base), (name, base, reading)


def test_every_term_occurrence_is_a_focusable_tooltip_with_its_english(built_site, resources):
    html = (built_site / "summit-21.html").read_text(encoding="utf-8")
    terms = re.findall(r'<span class="term" id="(t-[a-z0-9-]+)" tabindex="0" data-term="([a-z0-9-]+)" '
                       r'aria-describedby="tip-\2">', html)
    assert len(terms) > 200
    for term_id in {t for _, t in terms}:
        tip = re.search(rf'<div class="tip" role="tooltip" id="tip-{term_id}" hidden>(.*?)</div>', html)
        assert tip, term_id
        english = resources.glossary.by_id[term_id].english
        shown = re.search(r'<span class="tip-en">(.*?)</span><span class="tip-expl">', tip.group(1)).group(1)
        assert html_unescape(re.sub(r"<[^>]+>", "", shown)) == english  # Chinese runs inside are lang-marked
        assert f'href="glossary/{term_id}.html"' in tip.group(1)  # the term's own page
    assert ' title="' not in re.sub(r"<head>.*?</head>", "", html, flags=re.S).split('class="md-content"')[1].split("</article>")[0]
    shanghai = [a for a, t in terms if t == "shanghai-spirit"]
    assert shanghai == [f"t-shanghai-spirit-{n}" for n in range(1, len(shanghai) + 1)]


def test_glossary_concordance_links_reach_the_exact_spot(pages, resources):
    links = [(name, h) for name, page in pages.items() if name.startswith("glossary/")
             for h in page.hrefs if h.startswith("../summit-") and "#" in h]
    assert len(links) > 500
    for name, href in links:
        page, anchor = href.removeprefix("../").split("#")
        assert anchor in pages[page].ids, (name, href)
    for term in resources.glossary.terms:
        assert term.id in pages["glossary.html"].ids  # old links glossary.html#<id> still land
        assert f"glossary/{term.id}.html" in pages, term.id


def test_the_glossary_is_an_index_and_one_page_per_term_none_heavier_than_a_summit_page(built_site, resources, summits):
    from builder.site.pages import OCCURRENCES_PER_PAGE

    # issue 15: no page larger than the largest summit page, however many summits (a small added summit
    # page may be lighter than the index, whose weight grows with the terms only)
    largest_summit = max((built_site / f"{s.slug}.html").stat().st_size for s in summits)
    for path in [built_site / "glossary.html", *(built_site / "glossary").glob("*.html")]:
        assert path.stat().st_size < largest_summit, path.name
    index = (built_site / "glossary.html").read_text(encoding="utf-8")
    assert index.count('<li id="') == len(resources.glossary.terms)
    assert "<mark>" not in index  # no concordance on the index: its weight does not grow with the summits
    for term in resources.glossary.terms:
        html = (built_site / "glossary" / f"{term.id}.html").read_text(encoding="utf-8")
        marks = html.count("<mark>")
        assert marks <= OCCURRENCES_PER_PAGE, term.id
        assert f'href="../glossary.html#{term.id}"' in html  # back to its row of the index


def test_a_term_with_more_occurrences_than_a_page_holds_continues_on_numbered_pages(summits, resources, root):
    from builder.site.pages import Site
    from builder.site.render import Renderer
    from builder.site.words import WordData

    site = Site(summits, resources.glossary, Renderer(root / "templates"), WordData())
    busiest = max(site.total_counts, key=site.total_counts.get)
    total = site.total_counts[busiest]
    per_page = max(1, total // 3)
    written = {name: page.render() for name, page in site.term_pages(per_page).items()}
    numbered = sorted(n for n in written if re.fullmatch(rf"glossary/{busiest}(-\d+)?\.md", n))
    expected = -(-total // per_page)
    assert numbered == sorted([f"glossary/{busiest}.md"] + [f"glossary/{busiest}-{k}.md" for k in range(2, expected + 1)])
    marks = sum(written[n].count("<mark>") for n in numbered)
    assert marks == total  # every occurrence on exactly one page
    assert 'aria-current="page"' in written[f"glossary/{busiest}-2.md"]
    assert f'href="{busiest}-2.html"' in written[f"glossary/{busiest}.md"]  # the pager links the next page


def test_all_internal_links_are_relative_and_resolve(built_site, pages):
    for name, page in pages.items():
        if name == "404.html":  # MkDocs writes the 404 page with root-relative links on purpose
            continue
        for href in page.hrefs:
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("mailto:", "#")):
                continue
            assert not href.startswith("/"), (name, href)  # works from a sub-path and file://
            target = ((built_site / name).parent / parts.path).resolve() if parts.path else built_site / name
            assert target.exists(), (name, href)
            key = target.relative_to(built_site.resolve()).as_posix()
            if parts.fragment and target.suffix == ".html" and key in pages:
                assert parts.fragment in pages[key].ids, (name, href)


def test_gaps_and_restorations_are_visible_with_notes(built_site):
    html = (built_site / "summit-20.html").read_text(encoding="utf-8")
    assert html.count('<span class="gap">') == 2
    assert '<span class="restored">' in html
    assert re.search(r'id="a1-note-\d+" value="\d+"><strong>Gap\.</strong>', html)


def test_home_page_lists_summits_in_order_with_terms(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    positions = [html.index(f'href="summit-{n}.html"') for n in (20, 21, 24)]
    assert positions == sorted(positions)
    assert "Dushanbe" in html and "Astana" in html and "glossary/shanghai-spirit.html" in html


def test_no_han_text_outside_lang_marked_elements_on_summit_pages(built_site):
    html = (built_site / "summit-24.html").read_text(encoding="utf-8")
    body = html.split('<div class="sr-page')[1].split('<div class="sr-tips">')[0]
    assert HAN_RE.search(body)
    assert 'lang="zh-Hans"' in body


# Sentences that are not on the summit pages: the line-breaking groups follow general rules.
UNSEEN = [
    "会议于2025年8月31日至9月1日在天津举行，与会各方一致认为，“上海精神”历久弥新。",
    "中方将提供300个培训名额（含50名青年学者）并在未来3年内举办10场论坛……",
    "伊姆兰·汗说：“合作共赢！”随后离开。",
]


def test_line_breaking_groups_follow_clreq_on_unseen_sentences(pipeline):
    from builder.site.render import CLOSING, OPENING, Inline, inline_groups

    for sentence in UNSEEN:
        groups = inline_groups([Inline(token=t) for t in pipeline.annotate(sentence)])
        texts = ["".join(i.text for i in g) for g in groups]
        assert "".join(texts) == sentence  # text is sacred: nothing added, dropped or moved
        for before, text in zip(texts, texts[1:]):
            assert text[0] not in CLOSING, (sentence, before, text)  # no line may start with it
            assert before[-1] not in OPENING, (sentence, before, text)  # no line may end with it
            assert not (before[-1].isdigit() and (HAN_RE.match(text[0]) or text[0].isdigit())), (before, text)
            assert before[-1] != "·" and text[0] != "·", (before, text)  # a name's parts stay together
    groups = ["".join(i.text for i in g) for g in inline_groups([Inline(token=t) for t in pipeline.annotate(UNSEEN[0])])]
    assert any("2025年8月31日至9月1日" in g for g in groups), groups  # a date range stays whole


def test_line_breaking_groups_keep_gaps_and_restorations_with_their_measure_word(summits):
    from builder.site.pages import article_views
    from builder.site.render import inline_groups, inlines

    found = 0
    for summit in summits:
        for view in article_views(summit):
            for block in [view.heading, *view.paragraphs]:
                for group in inline_groups(inlines(block.segments)):
                    for k, item in enumerate(group):
                        if item.gap or (item.restored and item.text[-1:].isdigit()):
                            found += 1
                            rest = [i for i in group[k + 1:] if i.note is None and not i.restored]
                            assert rest and HAN_RE.match(rest[0].text[0]), (summit.path, block.id, [i.text for i in group])
    assert found >= 3  # the 20th summit page has two gaps and a restored number


def test_the_theme_stage_links_the_builders_files_into_the_site_with_their_bytes(built_site):
    """Word data, search shards and downloads are hard links of the docs folder's files (the theme plugin
    links them instead of copying; the builder never writes a file in place), and every one is there."""
    import os

    docs = built_site.parent / "build" / "docs"
    files = [p for p in docs.rglob("*") if p.is_file() and p.suffix != ".md" and not p.name.startswith(".")]
    assert any(p.suffix == ".apkg" for p in files) and any(p.suffix == ".js" for p in files)
    for path in files:
        copy = built_site / path.relative_to(docs)
        assert copy.read_bytes() == path.read_bytes(), copy
        assert os.path.samefile(copy, path), copy
