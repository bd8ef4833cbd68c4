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
    return {p.name: read_page(p) for p in built_site.glob("*.html")}


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
        assert f'<span class="tip-en">{english}</span>' in html_unescape(tip.group(1))
        assert f'href="glossary.html#{term_id}"' in tip.group(1)
    assert ' title="' not in re.sub(r"<head>.*?</head>", "", html, flags=re.S).split('class="md-content"')[1].split("</article>")[0]
    shanghai = [a for a, t in terms if t == "shanghai-spirit"]
    assert shanghai == [f"t-shanghai-spirit-{n}" for n in range(1, len(shanghai) + 1)]


def test_glossary_concordance_links_reach_the_exact_spot(pages, resources):
    glossary = pages["glossary.html"]
    links = [h for h in glossary.hrefs if h.startswith("summit-") and "#" in h]
    assert len(links) > 500
    for href in links:
        page, anchor = href.split("#")
        assert anchor in pages[page].ids, href
    for term in resources.glossary.terms:
        assert term.id in glossary.ids


def test_all_internal_links_are_relative_and_resolve(built_site, pages):
    for name, page in pages.items():
        if name == "404.html":  # MkDocs writes the 404 page with root-relative links on purpose
            continue
        for href in page.hrefs:
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("mailto:", "#")):
                continue
            assert not href.startswith("/"), (name, href)  # works from a sub-path and file://
            target = (built_site / parts.path).resolve() if parts.path else built_site / name
            assert target.exists(), (name, href)
            if parts.fragment and target.suffix == ".html" and target.name in pages:
                assert parts.fragment in pages[target.name].ids, (name, href)


def test_gaps_and_restorations_are_visible_with_notes(built_site):
    html = (built_site / "summit-20.html").read_text(encoding="utf-8")
    assert html.count('<span class="gap">') == 2
    assert '<span class="restored">' in html
    assert re.search(r'id="a1-note-\d+" value="\d+"><strong>Gap\.</strong>', html)


def test_home_page_lists_summits_in_order_with_terms(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    positions = [html.index(f'href="summit-{n}.html"') for n in (20, 21, 24)]
    assert positions == sorted(positions)
    assert "Dushanbe" in html and "Astana" in html and "glossary.html#shanghai-spirit" in html


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
