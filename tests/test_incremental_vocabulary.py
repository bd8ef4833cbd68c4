"""The vocabulary lists a build reads back from its fact store (builder/site/vocabstore.py) are the lists
``Vocabulary.summit`` makes from the tokens: every row, field by field, on every summit page of content/."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

from builder.site.build import Project, render_site
from builder.site.pages import page_data_keys, page_data_missing
from builder.site.vocabstore import KEEP
from builder.site.vocabulary import Vocabulary

ROOT = Path(__file__).resolve().parents[1]


def _row(word) -> tuple:
    first = word.first
    return (word.key, word.headword, word.reading, word.syllables, word.term, word.level, word.sense,
            word.sense_note, word.count, word.order,
            (first.summit.ordinal, first.block, first.anchor, first.text, first.start, first.end))


def _project(tmp_path: Path) -> Project:
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return Project(tmp_path)


def test_stored_word_lists_equal_the_lists_made_from_the_tokens(tmp_path):
    site = render_site(Project(_project(tmp_path).root))
    stored = site.study.vocabulary
    # The facts stage stored every page's list (and its search documents) while it read the page's tokens.
    assert all(stored.store_has(s) and not page_data_missing(site.corpus, stored, s, site.code) for s in site.summits)
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
    # The site-wide list, merged from the stored rows, is the one merged from lists made from the tokens.
    stored._rows.clear()
    with contextlib.ExitStack() as held:
        for summit in site.summits:
            held.enter_context(site.corpus.annotated(summit))
        fresh = Vocabulary(site.summits, site.glossary, site.words, {s.ordinal: site.occurrences_of(s) for s in site.summits})
        whole = [_row(w) for w in fresh.site]
    assert [_row(w) for w in stored.site] == whole and len(whole) > max(map(len, made.values()))
    assert all(stored.summary(s) == fresh.summary(s) for s in site.summits)
    site.corpus.close()


def test_facts_stage_makes_the_word_lists_the_store_lost(tmp_path):
    """Facts kept, word lists gone (as after a change to the rendering code, which keys them): the next
    build's facts stage reads those pages again and stores their lists before anything renders."""
    project = _project(tmp_path)
    site = render_site(project)
    stored = site.study.vocabulary
    lost = site.summits[::2]
    for summit in lost:  # the list and the mark that the page's data is stored
        for key in page_data_keys(site.corpus, stored, summit, site.code)[2:]:
            site.corpus.store.db.execute("DELETE FROM facts WHERE key = ?", (key,))
    assert all(not stored.store_has(s) for s in lost)
    site.corpus.close()
    again = render_site(project)
    assert all(again.study.vocabulary.store_has(s) for s in again.summits)
    assert all(not page_data_missing(again.corpus, again.study.vocabulary, s, again.code) for s in again.summits)
    again.corpus.close()


def test_a_build_keeps_only_what_it_reads_in_the_fact_store(tmp_path, monkeypatch):
    """Values of older versions of the pages or the code are dropped after a build; a rebuild with nothing
    changed then finds everything it needs (it reads no page's tokens) and drops nothing."""
    from builder.site.build import build_site
    from builder.site.corpus import FactStore
    from builder.site.progress import Progress

    project = _project(tmp_path)
    build_site(project, project.root / "site")
    store = FactStore(project.root / ".cache")
    live = {k for (k,) in store.db.execute("SELECT key FROM facts")}
    assert live
    store.put("stale:an older version of a page", [1, 2, 3])
    store.close()
    from builder.site.corpus import Corpus

    read, annotated = [], Corpus.annotated
    monkeypatch.setattr(Corpus, "annotated", lambda self, summit: read.append(summit) or annotated(self, summit))
    progress = Progress(bars=False)
    build_site(project, project.root / "site", progress=progress, workers=1)
    assert read == []  # every page's facts, word list and search documents were still stored
    store = FactStore(project.root / ".cache")
    assert {k for (k,) in store.db.execute("SELECT key FROM facts")} == live
    store.close()
    assert [s.note for s in progress.stages if s.name == "theme"] == ["nothing changed: the site is kept as it is"]
