"""Popup word data: CC-CEDICT entries in the order a learner needs them (builder.site.words)."""

from __future__ import annotations

import pytest

from builder.site.words import WordData, ordered_entries


@pytest.fixture(scope="module")
def words(resources):
    return WordData(lambda: resources.dictionary)


# Characters read differently in different words; none of these (word, reading) pairs is chosen from
# the summit pages. Each: the reading used, and a sense that must come first.
@pytest.mark.parametrize("word, reading, first", [
    ("和", ["hé"], "and"),
    ("以", ["yǐ"], "to use"),
    ("朝", ["cháo"], "towards"),
    ("乐", ["yuè"], "music"),
    ("乐", ["lè"], "happy"),
    ("着", ["zháo"], "to touch"),
])
def test_the_sense_read_as_here_comes_first_and_variants_and_surnames_last(words, word, reading, first):
    entries, here, other = words.entries(word, reading)
    assert here >= 1
    assert entries[0][0].lower() == " ".join(reading)
    assert first in entries[0][1]
    for pinyin, senses in entries[here + other:]:
        assert senses.split("; ")[0].startswith(("surname", "variant of", "old variant of", "archaic variant of")), (word, pinyin, senses)
    for pinyin, senses in entries[:here + other]:
        assert not senses.startswith(("surname ", "old variant of", "variant of")), (word, pinyin, senses)


def test_the_order_keeps_every_entry_once(resources):
    for word in ["和", "以", "为", "地", "行", "长", "重"]:
        found = list(resources.dictionary.lookup(word, None))
        ordered, here, other = ordered_entries(found, None)
        assert sorted(map(id, ordered)) == sorted(map(id, found)) and here == 0


def test_a_neutral_tone_in_the_text_still_finds_its_entry(words):
    entries, here, _ = words.entries("东西", ["dōng", "xi"])
    assert here >= 1 and "thing" in entries[0][1]
