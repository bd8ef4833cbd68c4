"""The token printer (builder/site/render.py) remembers a token's ruby HTML by everything it prints, and
term pages take a summit's occurrences of one term from an index: neither may mix up two tokens or
two terms. Expected HTML is written out by hand, on tokens that are not on the pages."""

from __future__ import annotations

from builder.model import Token
from builder.site.render import ruby_html, token_html


def test_the_same_text_read_two_ways_prints_two_readings():
    # 行 in 银行 (háng) and in 行走 (xíng): one text, two shapes, printed one after the other
    assert ruby_html(Token("行", 0, ["háng"])) == '<ruby>行<rp>(</rp><rt aria-hidden="true">háng</rt><rp>)</rp></ruby>'
    assert ruby_html(Token("行", 0, ["xíng"])) == '<ruby>行<rp>(</rp><rt aria-hidden="true">xíng</rt><rp>)</rp></ruby>'


def test_spoken_tones_and_written_forms_are_part_of_what_is_remembered():
    plain = Token("不要", 0, ["bù", "yào"])
    spoken = Token("不要", 0, ["bù", "yào"], spoken=["bú", "yào"])
    assert ruby_html(plain) == '<ruby>不要<rp>(</rp><rt aria-hidden="true">bùyào</rt><rp>)</rp></ruby>'
    assert ruby_html(spoken) == ('<ruby>不要<rp>(</rp><rt aria-hidden="true" data-spoken="búyào">bùyào</rt>'
                                 '<rp>)</rp></ruby>')
    written = Token("西安", 0, ["xī", "ān"], display="Xī'ān")
    assert ruby_html(Token("西安", 0, ["xī", "ān"])) == '<ruby>西安<rp>(</rp><rt aria-hidden="true">xī&#39;ān</rt><rp>)</rp></ruby>'
    assert ruby_html(written) == '<ruby>西安<rp>(</rp><rt aria-hidden="true">Xī&#39;ān</rt><rp>)</rp></ruby>'


def test_a_term_wraps_the_remembered_ruby_in_its_own_occurrence_and_escapes_it():
    token = Token("合作", 0, ["hé", "zuò"], term="合作", term_id='a"b<c')
    html = token_html(token, lambda t: "t-x&y-2")
    assert html == ('<span class="term" id="t-x&amp;y-2" tabindex="0" data-term="a&#34;b&lt;c" aria-describedby="tip-a&#34;b&lt;c">'
                    '<ruby>合作<rp>(</rp><rt aria-hidden="true">hézuò</rt><rp>)</rp></ruby></span>')
    assert token_html(Token("合作", 0, ["hé", "zuò"]), lambda t: "unused") == '<ruby>合作<rp>(</rp><rt aria-hidden="true">hézuò</rt><rp>)</rp></ruby>'


def test_term_pages_take_each_terms_occurrences_in_page_order(summits, resources, root):
    from builder.site.pages import Site
    from builder.site.render import Renderer
    from builder.site.words import WordData

    site = Site(summits, resources.glossary, Renderer(root / "templates"), WordData())
    checked = 0
    for summit in site.summits:
        every = site.occurrences_of(summit)
        for term_id in {o.term_id for o in every}:
            mine = [o for o in every if o.term_id == term_id]
            assert site.term_occurrences(summit, term_id) == mine
            assert site.term_occurrences(summit, term_id, 1, 3) == mine[1:3]
            checked += len(mine)
        assert site.term_occurrences(summit, "no-such-term") == []
    assert checked == sum(len(site.occurrences_of(s)) for s in site.summits) > 0
