"""Transliterated foreign names: the characters typical of them, and how those characters are read.

Data source: CC-CEDICT (``builder.text.dictionary``). A headword is taken as a *foreign name* when
every entry of it is a proper noun written as one word (one capital: ``Āi ěr duō ān``) and its English
is not its own pinyin (Erdogan for 埃尔多安, but not Beijing for 北京). Over the headwords of two or
more Han characters:

- a character is *typical* of transliteration when at least ``MIN_NAMES`` foreign names contain it and
  they are at least ``TYPICAL_SHARE`` of the headwords that contain it (尔 69 %, 斯 73 %, 埃 71 %,
  克 59 %; 大 8 %, 国 15 %, 人 8 %);
- its *name reading* is the reading it has most often in those names (什 shí, 塞 sài, 耶 yē, 卡 kǎ,
  勒 lè, 伽 jiā), where that reading is at least twice as frequent there as any other.

``Transliteration.of(dictionary)`` computes both (0.3–0.6 s); ``Resources.transliteration`` keeps the
result in ``.cache/`` per CC-CEDICT file.
"""

from __future__ import annotations

import collections
import re
import unicodedata
from dataclasses import dataclass

from .syllables import HAN_RE

TYPICAL_SHARE = 0.25
MIN_NAMES = 5
#: The share of a name's characters that must be typical (谢尔达尔: 尔 达 尔, 3 of 4).
SHARE_OF_A_NAME = 0.75
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f'-]+")


def _latin(text: str) -> str:
    return unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode().lower()


def _is_foreign_name(entries) -> bool:
    for e in entries:
        if sum(1 for s in e.pinyin if s[:1].isupper()) != 1 or not e.pinyin[0][:1].isupper():
            return False
        english = _WORD.search(e.definitions[0]) if e.definitions else None
        romanised = _latin("".join(e.pinyin)).replace("u:", "u")
        if english is None or _latin(english.group()).replace("-", "").replace("'", "")[:4] == romanised[:4]:
            return False
    return True


@dataclass(frozen=True)
class Transliteration:
    """``typical``: the characters typical of transliterated names; ``readings``: char → name reading."""

    typical: frozenset[str]
    readings: dict[str, str]
    VERSION = 1  # bump when the counting changes (the pickle cache of ``Resources`` is keyed by it)

    @classmethod
    def of(cls, dictionary) -> "Transliteration":
        """Count over ``dictionary`` (a ``builder.text.dictionary.Dictionary``); see the module."""
        names: collections.Counter[str] = collections.Counter()
        every: collections.Counter[str] = collections.Counter()
        heard: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
        for word in dictionary:
            if len(word) < 2 or len(HAN_RE.findall(word)) != len(word):
                continue
            chars = set(word)
            every.update(chars)
            if not dictionary.capitalized(word):  # a foreign name's entries all start with a capital
                continue
            entries = dictionary[word]
            if not _is_foreign_name(entries):
                continue
            names.update(chars)
            for e in entries:
                if len(e.pinyin) == len(word):
                    for ch, syllable in zip(word, e.pinyin):
                        heard[ch][syllable.lower()] += 1
        typical = frozenset(ch for ch, n in names.items() if n >= MIN_NAMES and n / every[ch] >= TYPICAL_SHARE)
        readings = {}
        for ch in typical:
            (first, n1), *rest = heard[ch].most_common(2) or [("", 0)]
            if first and (not rest or n1 >= 2 * rest[0][1]):
                readings[ch] = first
        return cls(typical, readings)

    def is_name(self, text: str, dictionary) -> bool:
        """Whether ``text`` looks like a transliterated name: three or more Han characters, at least
        ``SHARE_OF_A_NAME`` of them typical, and not a headword of ``dictionary`` (a word CC-CEDICT
        knows is read and printed as CC-CEDICT and the phrase data say)."""
        return len(text) >= 3 and len(HAN_RE.findall(text)) == len(text) and text not in dictionary \
            and sum(ch in self.typical for ch in text) >= SHARE_OF_A_NAME * len(text)
