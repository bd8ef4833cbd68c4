"""Known phrases: pypinyin's phrase dictionary, with our corrections, and the best cover of a word by them.

``pypinyin.constants.PHRASES_DICT`` (47,000 phrases, from the phrase-pinyin-data project) decides most
polyphones of ordinary words. It has errors of its own (落差 luòchà, 夺得 duóde, 吡咯 bǐgē …); the ones
we found and checked against CC-CEDICT and the 现代汉语词典 are corrected in ``phrase-fixes.tsv``
beside this module (``word<TAB>spaced syllables<TAB>note``). Those corrections are not proper names
or terms of the summit register (those live in ``content/readings.tsv``), and unlike the reading
lexicon they are not given to the segmenter: they only fix the reading of a word jieba already finds.

pypinyin-dict's larger phrase tables were measured and left out (docs/readings.md): on the CPP
development split each of them reads the words it covers worse than the context model does, and the
large one costs about 2 s and 180 MB to load.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from pypinyin.constants import PHRASES_DICT

from ..errors import ContentError, read_utf8
from .syllables import is_han, readings_of, toneless

FIXES_PATH = Path(__file__).with_name("phrase-fixes.tsv")
MAX_PHRASE = 8  # longer pieces are not looked up inside a word


@lru_cache(maxsize=1)
def fixes() -> dict[str, list[str]]:
    """``phrase-fixes.tsv`` → ``{word: syllables}``.

    The file is written with spaced syllables only (``luò chā``), so it is read without the
    syllable alignment of ``builder.content.lexicon`` (about 10 ms instead of 90). Raises ContentError
    (file:line) for a row whose syllables do not match its Han characters one to one.
    """
    out: dict[str, list[str]] = {}
    for number, row in enumerate(read_utf8(FIXES_PATH).splitlines(), start=1):
        if number == 1 or not row.strip() or row.startswith("#"):
            continue
        cells = row.split("\t")
        word, syllables = cells[0].strip(), cells[1].split() if len(cells) > 1 else []
        syllables = [unicodedata.normalize("NFC", s.lower()) for s in syllables]
        han = [ch for ch in word if is_han(ch)]
        if len(han) != len(word) or len(syllables) != len(han) or word in out:
            raise ContentError(FIXES_PATH, number, f"{word!r}: one spaced syllable per character, once per word")
        for ch, syllable in zip(han, syllables):
            if toneless(syllable) not in {toneless(r) for r in readings_of(ch)}:
                raise ContentError(FIXES_PATH, number, f"{syllable!r} is not a reading of {ch!r} in {word!r}")
        out[word] = syllables
    return out


def phrase_reading(word: str) -> list[str] | None:
    """The reading of ``word`` as a known phrase (two or more characters), else ``None``."""
    if len(word) < 2:
        return None
    fixed = fixes().get(word)
    if fixed is not None:
        return list(fixed)
    readings = PHRASES_DICT.get(word)
    if readings and len(readings) == len(word):
        return [r[0] for r in readings]
    return None


def cover(text: str) -> list[tuple[int, int, list[str]]]:
    """Known phrases that best cover ``text`` (a run of Han characters): ``[(start, end, syllables)]``.

    The cover uses as few pieces as possible, counting each character left out as a piece of its own,
    so 爱好者 → 爱好 + 者 and 国际日期变更线 → 国际 + 日期 + 变更 + 线. Among covers with as many
    pieces, the one whose phrases are longest on the left wins (forward maximum matching's choice).
    """
    n = len(text)
    # best[i] = (pieces, -longest-first key) for text[i:]; choice[i] = end of the first piece.
    best: list[tuple[int, ...] | None] = [None] * (n + 1)
    choice = [0] * (n + 1)
    readings: dict[tuple[int, int], list[str]] = {}
    best[n] = (0,)
    for i in range(n - 1, -1, -1):
        options = []
        for j in range(min(n, i + MAX_PHRASE), i + 1, -1):
            syllables = phrase_reading(text[i:j])
            if syllables is not None:
                readings[(i, j)] = syllables
                options.append((best[j][0] + 1, -(j - i), j))
        options.append((best[i + 1][0] + 1, -1, i + 1))
        pieces, neg_len, j = min(options)
        best[i] = (pieces,)
        choice[i] = j
    out = []
    i = 0
    while i < n:
        j = choice[i]
        if (i, j) in readings:
            out.append((i, j, readings[(i, j)]))
        i = j
    return out
