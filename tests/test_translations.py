"""The English half: aligned paragraph by paragraph, errors name file and paragraph, terms checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.content.summits import load_summit, load_summits
from builder.errors import ContentError
from builder.content.translations import accepted_renderings, check_glossary_terms, load_translation
from tests.testpage import PAGE_HEAD

PAGE = PAGE_HEAD.format(heading="习近平出席测试会议", seed="none.txt") + """各方高度评价“上海精神”。

上海合作组织成员国同意加强合作。
"""

TRANSLATION = """articles:
  - heading:
      zh: 习近平出席
      en: Xi Jinping attends a test meeting
    paragraphs:
      - zh: 各方高度评价
        en: All parties spoke highly of the “Shanghai Spirit”.
      - zh: 上海合作组织成员国
        en: SCO member states agreed to strengthen cooperation.
"""


@pytest.fixture
def content(tmp_path) -> Path:
    (tmp_path / "summits").mkdir()
    (tmp_path / "translations").mkdir()
    (tmp_path / "summits" / "99.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "translations" / "99.yml").write_text(TRANSLATION, encoding="utf-8")
    return tmp_path


def _load(content: Path):
    summit = load_summit(content / "summits" / "99.md")
    load_translation(content, summit)
    return summit


def test_translations_attach_to_heading_and_paragraphs(content):
    summit = _load(content)
    article = summit.articles[0]
    assert article.heading.en == "Xi Jinping attends a test meeting"
    assert [p.en for p in article.paragraphs] == ["All parties spoke highly of the “Shanghai Spirit”.",
                                                  "SCO member states agreed to strengthen cooperation."]


def _fails(content: Path, translation: str) -> str:
    path = content / "translations" / "99.yml"
    path.write_text(translation, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        _load(content)
    assert str(caught.value).startswith(f"{path}:")
    return str(caught.value)


def test_a_missing_paragraph_is_an_error_naming_the_article(content):
    short = TRANSLATION.split("      - zh: 上海合作组织成员国")[0]
    message = _fails(content, short)
    assert "article 1 has 1 translated paragraphs, but the Chinese has 2" in message


def test_paragraphs_out_of_order_are_an_error_naming_the_paragraph(content):
    swapped = TRANSLATION.replace("zh: 各方高度评价", "zh: TMP").replace("zh: 上海合作组织成员国", "zh: 各方高度评价")
    swapped = swapped.replace("zh: TMP", "zh: 上海合作组织成员国")
    message = _fails(content, swapped)
    assert ":6: paragraph 1.1 does not align" in message


def test_a_paragraph_without_translation_or_reason_is_an_error(content):
    message = _fails(content, TRANSLATION.replace("        en: SCO member states agreed to strengthen cooperation.\n", ""))
    assert "paragraph 1.2 needs either 'en'" in message


def test_untranslated_on_purpose_is_allowed(content):
    (content / "translations" / "99.yml").write_text(TRANSLATION.replace(
        "en: SCO member states agreed to strengthen cooperation.", "untranslated: a list of names only"), encoding="utf-8")
    summit = _load(content)
    assert summit.articles[0].paragraphs[1].untranslated == "a list of names only"


def test_a_missing_translation_file_is_an_error(content):
    (content / "translations" / "99.yml").unlink()
    with pytest.raises(ContentError, match=r"summits/99\.md:1: no translation: write .*translations/99\.yml"):
        _load(content)


def test_glossary_check_lists_terms_whose_english_is_missing(content, pipeline, resources):
    (content / "translations" / "99.yml").write_text(TRANSLATION.replace(
        "the “Shanghai Spirit”", "the spirit of Shanghai"), encoding="utf-8")
    summit = _load(content)
    for p in summit.paragraphs():
        p.tokens = pipeline.annotate(p.text)
    found = [(m.where, m.term.headword) for m in check_glossary_terms(content, summit, resources.glossary)]
    assert found == [("1.1", "上海精神")]


@pytest.mark.parametrize("headword, english, uses", [
    ("率先", "Kazakhstan took the lead in hosting the talks.", True),
    ("率先", "They are taking the lead again.", True),
    ("同舟共济", "The two sides stood together through thick and thin, like passengers in the same boat.", True),
    ("守望相助", "Neighbours kept watching over and helping each other.", True),
    ("守望相助", "Neighbours look after and assist one another.", False),  # other words are not the rendering
    ("干涉内政", "No one may interfere in Kazakhstan's internal affairs.", True),  # the parenthesised object varies
    ("干涉内政", "Outside powers interfered in the region's internal affairs.", True),
    ("干涉内政", "They interfere with trade and, years later, discuss internal affairs at length.", False),
    ("上海精神", "The spirit of Shanghai lives on.", False),
])
def test_inflected_renderings_count_as_the_glossary_english(resources, headword, english, uses):
    """Sentences that are not on our pages: inflections and a varying object pass, other wording does not."""
    from builder.content.translations import base_forms, rendering_patterns

    term = resources.glossary.by_form[headword][0]
    assert any(p.search(base_forms(english)) for p in rendering_patterns(term)) is uses


def test_accepted_renderings_read_alternatives_and_acronyms(resources):
    sco = accepted_renderings(resources.glossary.by_form["上海合作组织"][0])
    assert {"shanghai cooperation organization", "sco"} <= sco
    bodies = accepted_renderings(resources.glossary.by_form["常设机构"][0])
    assert {"standing bodies", "permanent bodies"} <= bodies


def test_every_real_paragraph_is_translated_and_terms_are_consistent(root, pipeline, resources):
    summits = load_summits(root / "content")
    mismatches = []
    for summit in summits:
        load_translation(root / "content", summit)
        for p in summit.paragraphs():
            assert (p.en and len(p.en) > 3) or (p.untranslated and len(p.untranslated) > 3), (summit.path, p.line)
            p.tokens = pipeline.annotate(p.text)
        mismatches += check_glossary_terms(root / "content", summit, resources.glossary)
    terms = sum(1 for s in summits for p in s.paragraphs() for t in p.tokens if t.term_id)
    # the agreed English (in any inflection) is used for every term: a clean build prints no warning
    assert terms > 500 and mismatches == [], [(m.where, m.term.headword) for m in mismatches]


def test_the_built_page_shows_english_marked_as_english(built_site):
    html = (built_site / "summit-24.html").read_text(encoding="utf-8")
    assert html.count('<p class="en" lang="en">') == 2 + 14 + 12
    assert "the project’s own" in html
    assert 'data-sr-setting="translation" value="side"' in html
