"""The spoken tone changes of 一 and 不: a display option beside the citation reading.

The stored reading (``token.pinyin``) follows standard orthography, which writes 一 yī and 不 bù
in their citation tones (GB/T 16159). Speech changes them, and a learner may want to see it:

- 不 is bú before a fourth tone (不断 búduàn, 不是 búshì), light (bu) between a repeated verb or
  adjective (是不是 shì bu shì) and in the middle of a three-character word, a potential
  complement (对不起 duìbuqǐ, 差不多 chàbuduō, 来不及 láibují); bù elsewhere.
- 一 is yí before a fourth tone (一道 yídào, 一个 yí gè, 一带一路 yídài yílù) and yì before a first,
  second or third tone (一些 yìxiē, 一时 yìshí, 一起 yìqǐ); light (yi) between a repeated verb
  (看一看 kàn yi kàn). It keeps yī where it is a number or an ordinal rather than "one + measure":
  at the end of a word or phrase (统一, 唯一, 之一, 第一; but 这一, 另一, 每一, 同一 change), after
  第, as the units digit of a number (十一, 二十一), digit by digit (一九四九), and in dates
  (一月, 五月一日).

The tone of the next syllable is the tone of the next Han character's reading; a light syllable
counts with its character's own tone (个 ge counts as gè). Characters are adjacent only when
nothing (punctuation, a space) stands between them.

``spoken_tones(tokens)`` sets ``token.spoken`` on the tokens where a syllable changes and leaves
it ``None`` elsewhere; ``token.pinyin`` is not touched. ``sandhi(state)`` is the same as a
pipeline rule, to run after ``read``.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right

from pypinyin.pinyin_dict import pinyin_dict

from ..phrases import phrase_reading
from ..syllables import han_count, is_han

_TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
NUMERALS = set("零〇一二两三四五六七八九十百千万亿0123456789")
DIGITS = set("〇零一二三四五六七八九0123456789")
# Words ending in 一 that still change it, since a measure word or noun follows (这一次 zhè yí cì).
DETERMINERS = {"这一", "那一", "另一", "每一", "哪一", "同一", "任一", "某一"}
SPOKEN = {
    ("一", 4): "yí",
    ("一", 1): "yì",
    ("一", 2): "yì",
    ("一", 3): "yì",
    ("不", 4): "bú",
}


def tone(syllable: str) -> int:
    """1–4 from the tone mark; 0 for a light (neutral) syllable."""
    for c in unicodedata.normalize("NFD", syllable):
        if c in _TONE_MARKS:
            return _TONE_MARKS[c]
    return 0


def _underlying_tone(ch: str, syllable: str) -> int:
    """The tone that decides the change: the syllable's, or for a light syllable its character's."""
    t = tone(syllable)
    if t:
        return t
    found = pinyin_dict.get(ord(ch), "")
    return tone(found.split(",")[0]) if found else 0


def spoken_tones(tokens) -> None:
    """Set ``token.spoken`` for the tokens whose 一 or 不 changes tone in speech (see the module).

    ``tokens`` in text order (``start`` ascending). Only 一, 不 and their neighbours are looked at.
    """
    for token in tokens:
        token.spoken = None
    chars = _HanCharacters(tokens)
    for token in tokens:
        text = token.text
        if "一" not in text and "不" not in text:
            continue
        for i, ch in enumerate(text):
            if ch not in ("一", "不"):
                continue
            found = chars.get(token.start + i)
            if found is None:
                continue
            _token, k, _ch, syllable = found
            new = _spoken(token, k, ch, token.start + i, chars)
            if new is None or new == syllable:
                continue
            if token.spoken is None:
                token.spoken = list(token.pinyin)
            token.spoken[k] = new


class _HanCharacters:
    """Offset → ``(token, index in token.pinyin, character, syllable)`` for a Han character that has
    a syllable; ``None`` for any other offset. Found by bisection over the tokens' starts."""

    def __init__(self, tokens):
        self.tokens = tokens
        self.starts = [t.start for t in tokens]

    def get(self, offset: int):
        j = bisect_right(self.starts, offset) - 1
        if j < 0:
            return None
        token = self.tokens[j]
        i = offset - token.start
        if i >= len(token.text) or not is_han(token.text[i]):
            return None
        k = han_count(token.text[:i]) if i else 0
        return (token, k, token.text[i], token.pinyin[k]) if k < len(token.pinyin) else None


def _spoken(token, k: int, ch: str, offset: int, chars) -> str | None:
    prev = chars.get(offset - 1)
    nxt = chars.get(offset + 1)
    prev_ch = prev[2] if prev else ""
    next_ch = nxt[2] if nxt else ""
    if prev_ch and prev_ch == next_ch and prev_ch not in NUMERALS:  # 是不是, 看一看
        return "bu" if ch == "不" else "yi"
    if ch == "不":
        if len(token.text) == 3 and k == 1 and phrase_reading(token.text) is not None:
            return "bu"  # a known X不Y word is a potential complement: 对不起 duìbuqǐ, 来不及 láibují
        if nxt is None:
            return None
        return SPOKEN.get(("不", _underlying_tone(next_ch, nxt[3])))
    # 一
    if nxt is None:  # end of a phrase: 统一。 之一，
        return None
    han_count = sum(1 for c in token.text if is_han(c))
    if han_count > 1 and k == han_count - 1 and token.text not in DETERMINERS:  # 统一 唯一 第一 万一
        return None
    if prev_ch == "第" or prev_ch in NUMERALS:  # 第一, 十一, 二十一
        return None
    if next_ch in DIGITS:  # 一九四九
        return None
    if next_ch == "月":  # 一月 January
        return None
    if next_ch in ("日", "号") and prev_ch == "月":  # 五月一日
        return None
    return SPOKEN.get(("一", _underlying_tone(next_ch, nxt[3])))


def sandhi(state) -> None:
    """Pipeline rule (after ``read``): the spoken tone changes of 一 and 不, in ``token.spoken``."""
    spoken_tones(state.tokens)
