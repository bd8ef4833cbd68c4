"""Rule: pinyin word division (GB/T 16159-2012) in ``display``, the reading printed above a token.

The syllables of one word are written together, words apart. jieba's tokens are often longer than
a word (文化教育, 合作项目, 这件), so a token is written as the words CC-CEDICT
(``builder.text.dictionary``) knows in it:

- a CC-CEDICT headword of up to three characters is one word (合作 hézuò, 共同体 gòngtóngtǐ);
- a longer headword names one thing in several words and is written word by word where it
  splits into other headwords of two or more characters (可持续发展 kěchíxù fāzhǎn, 钢筋混凝土
  gāngjīn hùnníngtǔ), else joined (研究生院 yánjiūshēngyuàn, 红十字会); a four-character idiom
  that splits into two such words takes a hyphen instead (互利共赢 hùlì-gòngyíng, §6.1.9);
- another token is written as the fewest CC-CEDICT headwords in it, the likelier by jieba's
  frequencies where two cuts have as few (文化教育 wénhuà jiàoyù, 大方向 dà fāngxiàng, not
  dàfāng xiàng), except that a one-character suffix joins the word before it (全球性, 合作者,
  打着 dǎzhe) and a prefix the word after it (非传统, 超大型, 副部长), and two one-character
  parts are one word unless the first is a pronoun, numeral, adverb, preposition or conjunction by
  jieba's dictionary (走上 zǒushàng, 题为 tíwéi; but 这件 zhè jiàn, 更大 gèng dà, 五点 wǔ diǎn);
- a number of Han numerals is one word up to the tens, then apart after 百 千 万 亿 (三百五十六
  sānbǎi wǔshíliù); 第 joins its number with a hyphen (第二十 dì-èrshí);
- a short form of a glossary name keeps the glossary's spelling (上合速度 Shàng-Hé sùdù).

Glossary terms and lexicon words keep their hand-written spelling; names are written by
``names.proper_names``, which runs after this rule. ``pinyin`` (the annotate contract) is not touched.
"""

from __future__ import annotations

import math

from ..syllables import han_count, join_syllables

# Bound morphemes written together with the word before them: suffixes, and the generic nouns of
# names (红十字 + 会, 研究 + 所, 北京 + 市). A closed class, not a list of words.
SUFFIXES = frozenset("们性者化员家式型率界级会院部局所馆站社党团队厂省市县区州村镇港湾岛着了过")
#: jieba's tags of a one-character word that stands apart from the next one (这 件, 更 大, 五 点).
APART_TAGS = ("r", "m", "d", "p", "c", "q", "zg")
PREFIXES = frozenset("非超副反亚准")
NUMERALS = frozenset("零〇一二两三四五六七八九十百千万亿")
BIG_UNITS = frozenset("百千万亿")


def _numeral_words(text: str) -> list[str]:
    """``三百五十六`` → ``["三百", "五十六"]``: apart after each unit of a hundred or more (units in a
    row stay together: 万亿), and 零 apart."""
    words, current = [], ""
    for k, ch in enumerate(text):
        if ch == "零":
            if current:
                words.append(current)
            words.append(ch)
            current = ""
            continue
        current += ch
        if ch in BIG_UNITS and text[k + 1:k + 2] not in BIG_UNITS:
            words.append(current)
            current = ""
    return words + ([current] if current else [])


def split(text: str, dictionary, freq, total: int, whole: bool = True) -> list[str]:
    """``text`` cut into the fewest CC-CEDICT headwords (a character CC-CEDICT lacks is a piece of
    its own); among cuts with as few pieces, the one jieba's frequencies (``freq``: word → count,
    ``total``) like best, as ``jieba.Tokenizer.calc`` scores a route (大方向: 大 + 方向, not 大方 + 向).
    With ``whole=False`` the text itself is not one of the pieces."""
    n, log_total = len(text), math.log(total)
    best: list[tuple[int, float, int]] = [(0, 0.0, n)] * (n + 1)
    for i in range(n - 1, -1, -1):
        options = []
        for j in range(i + 1, min(n, i + dictionary.max_len) + 1):
            piece = text[i:j]
            if j - i > 1 and (piece not in dictionary or (not whole and j - i == n)):
                continue
            pieces, score, _ = best[j]
            options.append((pieces + 1, score - math.log(freq.get(piece) or 1) + log_total, j))
        best[i] = min(options)
    out, i = [], 0
    while i < n:
        out.append(text[i:best[i][2]])
        i = best[i][2]
    return out


def _attach_affixes(parts: list[str]) -> list[str]:
    from ..function_words import tagged

    apart = tagged(APART_TAGS)
    out: list[str] = []
    glue_next = False
    for part in parts:
        single_after_single = len(part) == 1 and out and len(out[-1]) == 1 and out[-1] not in apart
        if glue_next and out or single_after_single:
            out[-1] += part
            glue_next = False
        elif len(part) == 1 and part in SUFFIXES and out and len(out[-1]) > 1:
            out[-1] += part
        else:
            out.append(part)
            glue_next = len(part) == 1 and part in PREFIXES
    return out


def words_of(text: str, dictionary, freq, total: int) -> list[str]:
    """The words of a token of Han characters (see the module); they join back to ``text``.

    ``freq``/``total``: jieba's word frequencies and their sum. A four-character idiom split in two
    is returned as one item with ``-`` between its halves.
    """
    if text[0] == "第" and text[1:2] and text[1] in NUMERALS:
        count = _numeral_run(text, 1)
        return ["第-" + text[1:count]] + (words_of(text[count:], dictionary, freq, total) if count < len(text) else [])
    if text in dictionary:
        if len(text) <= 3:
            return [text]
        inner = split(text, dictionary, freq, total, whole=False)
        if len(inner) < 2 or any(len(p) < 2 for p in inner):
            return [text]
        if len(text) == 4 and len(inner) == 2 and any("(idiom)" in d for e in dictionary[text] for d in e.definitions):
            return [inner[0] + "-" + inner[1]]
        return inner
    count = _numeral_run(text, 0)
    if count:
        return _numeral_words(text[:count]) + (words_of(text[count:], dictionary, freq, total) if count < len(text) else [])
    return _attach_affixes(split(text, dictionary, freq, total))


def _numeral_run(text: str, start: int) -> int:
    end = start
    while end < len(text) and text[end] in NUMERALS:
        end += 1
    return end if end > start else 0


def written(text: str, syllables: list[str], resources, memo=None) -> str:
    """``display`` for a token read ``syllables`` (one per Han character): its words (see the
    module) for a token of Han characters only, else ``""``. Cached per word and reading in
    ``memo`` (default: the resources' own)."""
    if memo is None:
        memo = resources.memo("written")
    key = (text, tuple(syllables))
    found = memo.get(key)
    if found is None:
        found = memo.put(key, _written(text, syllables, resources) if han_count(text) == len(text) else "")
    return found


def _written(text: str, syllables: list[str], resources) -> str:
    dictionary, abbreviations, tokenizer = resources.dictionary, resources.abbreviations, resources.tokenizer
    prefix = ""
    for form, spelling in abbreviations.items():
        if text.startswith(form) and len(text) > len(form):
            prefix, text, syllables = spelling + " ", text[len(form):], syllables[len(form):]
            break
    out, pos = [], 0
    tokenizer.load(text)  # jieba's frequencies of every piece of the text (builder.text.jieba_store)
    for word in words_of(text, dictionary, tokenizer.FREQ, tokenizer.total):
        pieces = []
        for half in word.split("-"):
            pieces.append(" ".join(join_syllables(syllables[pos + a:pos + b]) for a, b in _spans(half)))
            pos += len(half)
        out.append("-".join(pieces))
    return prefix + " ".join(out)


def _spans(word: str) -> list[tuple[int, int]]:
    """A number after 第 keeps its own division (第三百五十六: dì-sānbǎi wǔshíliù)."""
    if len(word) > 1 and all(ch in NUMERALS for ch in word):
        spans, pos = [], 0
        for number in _numeral_words(word):
            spans.append((pos, pos + len(number)))
            pos += len(number)
        return spans
    return [(0, len(word))]


def word_division(state) -> None:
    """Set ``display`` of every token of Han characters that has no hand-written spelling."""
    resources = state.resources
    lexicon, memo = resources.lexicon, resources.memo("written")
    for token in state.tokens:
        if not token.pinyin or token.term is not None or token.text in lexicon:
            continue
        found = memo.get((token.text, tuple(token.pinyin)))
        token.display = found if found is not None else written(token.text, token.pinyin, resources, memo)
