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

HAN = r"\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff\U00030000-\U000323af"
HAN_RE = re.compile(f"[{HAN}]")
HAN_RUN_RE = re.compile(f"[{HAN}]+")

# Symbols that are read aloud inside a term (“上海合作组织+” is read … jiā).
SPOKEN_SYMBOLS = {"+": "jiā"}

_VOWEL_START = tuple("aeoāáǎàēéěèōóǒò")


@lru_cache(maxsize=1 << 16)
def is_han(ch: str) -> bool:
    """Whether ``ch`` (one character) is a Han character (``HAN``). Cached per character."""
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


MAX_WORD = 200  # characters of one glossary form or lexicon word, at most

# What a written reading may hold besides letters: word spaces, hyphens, apostrophes and the
# punctuation a headword may carry (、，·). No digits (``zhong1``), no markup.
_WRITTEN_RE = re.compile(r"[^\W\d_]|[\u0300-\u036f \-'’,·.]")


def check_written(written: str) -> None:
    """Raise ValueError when ``written`` holds anything but letters, tone marks, spaces, hyphens,
    apostrophes, commas and middle dots (tone numbers such as ``zhong1`` are not Hanyu Pinyin here)."""
    nfd = unicodedata.normalize("NFD", written)
    for ch in nfd:
        if not _WRITTEN_RE.fullmatch(ch):
            what = "a tone number" if ch.isdigit() else repr(ch)
            raise ValueError(f"reading {written!r} has {what}: write Hanyu Pinyin with tone marks (zhōngguó, Shàng-Hé)")


def split_reading(written: str, text: str) -> list[str]:
    """Align a written reading to ``text``: one lower-case syllable per Han character of ``text``.

    ``split_reading("Shànghǎi Jīngshén", "上海精神")`` → ``["shàng", "hǎi", "jīng", "shén"]``.
    Each syllable must be one of the readings pypinyin's character dictionary gives that character
    (tone marks included; the toneless form stands for the neutral tone); capitals, word spaces,
    hyphens and apostrophes are free. Non-Han characters of ``text`` take no syllable, except symbols
    read aloud (``+`` → jiā), which are consumed when present and not returned.
    Raises ValueError when ``written`` is not Hanyu Pinyin (``check_written``) or does not split into
    exactly one reading of each Han character (``mā mā`` for 中国; two syllables for six characters).
    """
    check_written(written)
    target, _ = _letters(written)
    slots: list[tuple[str, bool]] = []  # (char, is_han)
    for ch in text:
        if is_han(ch):
            slots.append((ch, True))
        elif ch in SPOKEN_SYMBOLS:
            slots.append((ch, False))

    def candidates(ch: str, han: bool) -> tuple[str, ...]:
        return readings_of(ch) if han else (SPOKEN_SYMBOLS[ch], "")

    failed: set[tuple[int, int]] = set()  # (slot, position) known to lead nowhere: linear, not exponential

    def solve(i: int, pos: int) -> list[str] | None:
        if i == len(slots):
            return [] if pos == len(target) else None
        if (i, pos) in failed:
            return None
        ch, han = slots[i]
        for cand in sorted(candidates(ch, han), key=len, reverse=True):
            if han and not cand:
                continue
            if target.startswith(cand, pos):
                rest = solve(i + 1, pos + len(cand))
                if rest is not None:
                    return ([cand] if han else []) + rest
        failed.add((i, pos))
        return None

    if len(slots) > MAX_WORD:
        raise ValueError(f"{text[:20]!r}… is too long for one word ({len(slots)} characters; at most {MAX_WORD})")
    result = solve(0, 0)
    if result is None:
        han = [ch for ch, is_han_char in slots if is_han_char]
        known = "; ".join(f"{ch} {pinyin_dict.get(ord(ch), '').replace(',', '/') or '(no reading known)'}"
                          for ch in dict.fromkeys(han))
        raise ValueError(f"reading {written!r} does not give one syllable per Han character of {text!r} "
                         f"({len(han)} characters; their readings: {known})")
    return result


def join_syllables(syllables: list[str]) -> str:
    """Write syllables as one word, with an apostrophe before a/e/o inside it: ``xī'ān``."""
    out = []
    for i, s in enumerate(syllables):
        if i and s.startswith(_VOWEL_START):
            out.append("'")
        out.append(s)
    return "".join(out)
