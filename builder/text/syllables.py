"""Pinyin syllables: which characters are Han, and how a written reading splits into syllables.

A written reading such as ``Shànghǎi Jīngshén`` or ``Shàng-Hé Zǔzhī`` (standard orthography:
words joined, capitals, hyphens) is aligned to the Han characters of its headword, giving one
lower-case tone-marked syllable per Han character. Candidate syllables come from pypinyin's
character dictionary (``pypinyin.pinyin_dict``, all readings of each character), so the
alignment knows that 长 may be ``zhǎng`` or ``cháng``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pypinyin.pinyin_dict import pinyin_dict

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
HAN_RE = re.compile(f"[{HAN}]")
HAN_RUN_RE = re.compile(f"[{HAN}]+")

# Symbols that are read aloud inside a term (“上海合作组织+” is read … jiā).
SPOKEN_SYMBOLS = {"+": "jiā"}

_VOWEL_START = tuple("aeoāáǎàēéěèōóǒò")


def is_han(ch: str) -> bool:
    return bool(HAN_RE.fullmatch(ch))


def han_count(text: str) -> int:
    return len(HAN_RE.findall(text))


def toneless(syllable: str) -> str:
    """``hǎo`` → ``hao``; keeps ü."""
    decomposed = unicodedata.normalize("NFD", syllable)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) or c == "\u0308")
    return unicodedata.normalize("NFC", kept)


def _letters(written: str) -> tuple[str, list[int]]:
    """Lower-case letters of ``written`` (NFC) and, for each, its index in the NFC string."""
    nfc = unicodedata.normalize("NFC", written)
    kept = [(c.lower(), i) for i, c in enumerate(nfc) if c.isalpha()]
    return "".join(c for c, _ in kept), [i for _, i in kept]


@lru_cache(maxsize=None)
def readings_of(ch: str) -> tuple[str, ...]:
    """All readings pypinyin's dictionary has for ``ch`` (tone-marked), plus their neutral-tone forms."""
    found = pinyin_dict.get(ord(ch), "")
    syllables = [s for s in found.split(",") if s]
    return tuple(dict.fromkeys(syllables + [toneless(s) for s in syllables]))


@lru_cache(maxsize=1)
def all_syllables() -> tuple[str, ...]:
    every = set()
    for value in pinyin_dict.values():
        for s in value.split(","):
            if s:
                every.add(s)
                every.add(toneless(s))
    return tuple(sorted(every, key=len, reverse=True))


def align_reading(written: str, text: str) -> list[tuple[str, int, int]]:
    """Like ``split_reading``, with each syllable's span ``(start, end)`` in ``written`` (NFC).

    ``align_reading("Shàng-Hé Zǔzhī", "上合组织")`` → ``[("shàng", 0, 5), ("hé", 6, 8), …]``.
    """
    target, where = _letters(written)
    syllables = split_reading(written, text)
    spans, pos = [], 0
    for syllable in syllables:
        pos = target.index(syllable, pos)
        spans.append((syllable, where[pos], where[pos + len(syllable) - 1] + 1))
        pos += len(syllable)
    return spans


def split_reading(written: str, text: str) -> list[str]:
    """Align a written reading to ``text``: one lower-case syllable per Han character of ``text``.

    ``split_reading("Shànghǎi Jīngshén", "上海精神")`` → ``["shàng", "hǎi", "jīng", "shén"]``.
    Non-Han characters of ``text`` take no syllable, except symbols read aloud (``+`` → jiā),
    which are consumed when present and not returned.
    Raises ValueError when the reading does not split into exactly one syllable per Han character.
    """
    target, _ = _letters(written)
    slots: list[tuple[str, bool]] = []  # (char, is_han)
    for ch in text:
        if is_han(ch):
            slots.append((ch, True))
        elif ch in SPOKEN_SYMBOLS:
            slots.append((ch, False))

    def candidates(ch: str, han: bool, loose: bool) -> tuple[str, ...]:
        if not han:
            return (SPOKEN_SYMBOLS[ch], "")
        return all_syllables() if loose else readings_of(ch)

    def solve(i: int, pos: int, loose: bool) -> list[str] | None:
        if i == len(slots):
            return [] if pos == len(target) else None
        ch, han = slots[i]
        for cand in sorted(candidates(ch, han, loose), key=len, reverse=True):
            if han and not cand:
                continue
            if target.startswith(cand, pos):
                rest = solve(i + 1, pos + len(cand), loose)
                if rest is not None:
                    return ([cand] if han else []) + rest
        return None

    result = solve(0, 0, False) or solve(0, 0, True)
    if result is None:
        raise ValueError(f"reading {written!r} does not give one syllable per Han character of {text!r}")
    return result


def join_syllables(syllables: list[str]) -> str:
    """Write syllables as one word, with an apostrophe before a/e/o inside it: ``xī'ān``."""
    out = []
    for i, s in enumerate(syllables):
        if i and s.startswith(_VOWEL_START):
            out.append("'")
        out.append(s)
    return "".join(out)
