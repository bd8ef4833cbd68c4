"""The vocabulary of each summit page (``builder.site.vocabulary``) made once per version of the page and
kept on disk, so a build holds the word lists of a few pages only.

``Vocabulary.summit(summit)`` reads the page's tokens; the site-wide lists, the vocabulary index and
the downloads read every page's list. At 1,000 pages the lists together take gigabytes (a ``Word``
and its ``Place`` for each word of each page) and a rebuild after one edit would read every page's
tokens again. ``StoredVocabulary`` gives instead a ``LazyWords`` for each page: a read-only
sequence of its ``Word`` rows, made when first read from the rows stored in ``.cache/facts-2.sqlite``
(``FactStore``), or from the tokens (``Corpus.annotated``) and then stored. At most KEEP pages' rows
are in memory at a time. The rows are the same as ``Vocabulary.summit`` gives (same values, same
term objects, the same ``Place``); the store's key covers what they are made from: the page as
annotated (``Corpus.key``), the glossary entries of its terms and the rendering code.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property

from ..content.glossary import Glossary
from ..model import Summit
from .concordance import Occurrence
from .corpus import Corpus
from .outputs import digest
from .vocabulary import Place, Vocabulary, Word, blocks, merge_words, ranked, summary
from .words import WordData

#: Pages whose word lists stay in memory (least recently read dropped first).
KEEP = 8
#: Bump when the stored rows change shape.
ROWS_VERSION = 1


class LazyWords(Sequence):
    """A read-only word list made by ``make()`` each time it is read (whoever ``make`` is keeps what it makes)."""

    def __init__(self, make: Callable[[], list[Word]]):
        self._make = make

    def __len__(self) -> int:
        return len(self._make())

    def __getitem__(self, index):
        return self._make()[index]

    def __iter__(self):
        return iter(self._make())


def made_once(make: Callable[[], list[Word]]) -> Callable[[], list[Word]]:
    """``make`` called on the first read only (the site-wide lists)."""
    kept: list[list[Word]] = []

    def once() -> list[Word]:
        if not kept:
            kept.append(make())
        return kept[0]

    return once


class FactOccurrences(Mapping):
    """``{ordinal: [Occurrence]}`` of ``corpus``'s summit pages, each list made from the page's facts when
    asked for (``Corpus.occurrences``): only a page whose facts are loaded can be asked for."""

    def __init__(self, corpus: Corpus):
        self.corpus, self.by_ordinal = corpus, {s.ordinal: s for s in corpus.summits}

    def __getitem__(self, ordinal: int) -> list[Occurrence]:
        return self.corpus.occurrences(self.by_ordinal[ordinal])

    def __iter__(self):
        return iter(self.by_ordinal)

    def __len__(self) -> int:
        return len(self.by_ordinal)


class StoredVocabulary(Vocabulary):
    """A ``Vocabulary`` of ``corpus``'s summit pages whose per-page lists are ``LazyWords`` (see the
    module). ``corpus`` gives the tokens, the facts (a page's list is made once its facts are loaded,
    ``Corpus.load_facts``: in the facts stage itself, by ``also``) and the store; ``entries`` the digest of
    each glossary entry by term id; ``code`` the rendering code's fingerprint."""

    def __init__(self, glossary: Glossary, words: WordData, corpus: Corpus, entries: Mapping[str, str], code: str):
        super().__init__(corpus.summits, glossary, words, FactOccurrences(corpus))
        self.corpus, self.entries, self.code = corpus, entries, code
        self._rows: OrderedDict[int, list[Word]] = OrderedDict()
        self._summaries: dict[int, tuple[int, int, int]] = {}  # by ordinal, noted whenever a list is read
        self._kept = corpus.store is None or corpus.store.db is None  # nowhere to read them back from
        self._keys: dict[int, str] = {}  # by ordinal (``key``)

    def summit(self, summit: Summit) -> LazyWords:  # type: ignore[override]
        """The word list of ``summit`` (``Vocabulary.summit``), made or read back when read (``words_of``)."""
        return LazyWords(lambda: self.words_of(summit))

    @cached_property
    def site(self) -> LazyWords:  # type: ignore[override]
        """``Vocabulary.site``, made only when read: naming the downloads does not read every page's list."""
        return LazyWords(made_once(self._site))

    def _site(self) -> list[Word]:
        """``Vocabulary.site`` from the pages' stored rows where the lists are not in memory: a ``Word`` is
        made for the first occurrence of each word only (a later page adds its count), and each page's
        ``summary`` is noted from its rows."""
        merged: dict[tuple, Word] = {}
        store = self.corpus.store
        for summit in self.summits:
            n = summit.ordinal
            packed = None if n in self._rows or store is None else store.get(self.key(summit))
            if packed is None:
                merge_words(merged, self.words_of(summit))
                continue
            self._summaries[n] = (len(packed), sum(1 for row in packed if row[4]), sum(row[8] for row in packed))
            texts = None
            for row in packed:
                found = merged.get(row[0])
                if found is not None:
                    found.count += row[8]
                    continue
                if texts is None:
                    texts = _texts(summit)
                merged[row[0]] = self._word(summit, texts, row)
        return ranked(merged)

    @cached_property
    def glossary_words(self) -> LazyWords:  # type: ignore[override]
        return LazyWords(made_once(lambda: Vocabulary.glossary_words.func(self)))

    def key(self, summit: Summit) -> str:
        """A digest of what ``summit``'s word list is made of (its store key; the inputs of what shows it),
        made once per page (every output of a summit's own names it)."""
        found = self._keys.get(summit.ordinal)
        if found is None:
            shown = [self.entries[t] for t in sorted(self.corpus.facts[summit.ordinal].counts)]  # the page's terms' entries
            found = self._keys[summit.ordinal] = digest("vocabulary", ROWS_VERSION, self.code, self.corpus.key(summit), shown)
        return found

    def store_has(self, summit: Summit) -> bool:
        """Whether the fact store holds ``summit``'s rows for its current version."""
        store = self.corpus.store
        return store is not None and store.has(self.key(summit))

    def words_of(self, summit: Summit) -> list[Word]:
        """The rows of ``summit``'s list: in memory, else from the store, else made from its tokens."""
        n = summit.ordinal
        if n in self._rows:
            self._rows.move_to_end(n)
            return self._rows[n]
        store, key = self.corpus.store, self.key(summit)
        packed = store.get(key) if store is not None else None
        if packed is not None:
            words = self._unpack(summit, packed)
        else:
            self._lists.pop(n, None)
            with self.corpus.annotated(summit):
                words = Vocabulary.summit(self, summit)
            self._lists.pop(n, None)  # kept here instead, a bounded number of them
            if store is not None:
                store.put(key, [_pack(w) for w in words])
        self._rows[n] = words
        self._summaries[n] = summary(words)
        while not self._kept and len(self._rows) > KEEP:
            self._rows.popitem(last=False)
        return words

    def summary(self, summit: Summit) -> tuple[int, int, int]:
        """``Vocabulary.summary``, noted when the list was last read (so the vocabulary index, which shows
        every summit's, does not read them all again after the site-wide list did)."""
        if summit.ordinal not in self._summaries:
            self.words_of(summit)
        return self._summaries[summit.ordinal]

    def _unpack(self, summit: Summit, packed: list[tuple]) -> list[Word]:
        texts = _texts(summit)
        return [self._word(summit, texts, row) for row in packed]

    def _word(self, summit: Summit, texts: dict[str, str], row: tuple) -> Word:
        """The ``Word`` of a stored row of ``summit``'s list (``_pack``); ``texts``: its blocks' texts."""
        key, headword, reading, syllables, term_id, level, sense, note, count, order, (block, anchor, start, end) = row
        return Word(key, headword, reading, syllables, self.glossary.by_id[term_id] if term_id else None,
                    level, sense, note, count, Place(summit, block, anchor, texts[block], start, end), order)


def _texts(summit: Summit) -> dict[str, str]:
    return {block: paragraph.text for block, paragraph in blocks(summit)}


def _pack(word: Word) -> tuple:
    first = word.first
    return (word.key, word.headword, word.reading, word.syllables, word.term.id if word.term else None, word.level,
            word.sense, word.sense_note, word.count, word.order, (first.block, first.anchor, first.start, first.end))
