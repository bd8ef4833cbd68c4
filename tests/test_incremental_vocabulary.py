"""The vocabulary lists a build reads back from its fact store (builder/site/vocabstore.py) are the lists
``Vocabulary.summit`` makes from the tokens: every row, field by field, on every summit page of content/."""

from __future__ import annotations

import shutil
from pathlib import Path

from builder.site.build import Project, render_site
from builder.site.vocabstore import KEEP
from builder.site.vocabulary import Vocabulary

ROOT = Path(__file__).resolve().parents[1]


def _row(word) -> tuple:
    first = word.first
    return (word.key, word.headword, word.reading, word.syllables, word.term, word.level, word.sense,
            word.sense_note, word.count, word.order,
            (first.summit.ordinal, first.block, first.anchor, first.text, first.start, first.end))


def test_stored_word_lists_equal_the_lists_made_from_the_tokens(tmp_path):
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    site = render_site(Project(tmp_path))
    stored = site.study.vocabulary
    made = {}
    for summit in site.summits:
        with site.corpus.annotated(summit):
            fresh = Vocabulary(site.summits, site.glossary, site.words, {summit.ordinal: site.occurrences_of(summit)})
            made[summit.ordinal] = [_row(w) for w in fresh.summit(summit)]
        assert [_row(w) for w in stored.summit(summit)] == made[summit.ordinal]  # made from the tokens, stored
    assert made and all(made.values())
    stored._rows.clear()  # read back from the store now
    for summit in site.summits:
        assert stored.key(summit) and stored.store_has(summit)
        assert [_row(w) for w in stored.summit(summit)] == made[summit.ordinal]
    assert len(stored._rows) <= KEEP
    site.corpus.close()
