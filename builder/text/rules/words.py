"""Rule: pinyin word division (GB/T 16159-2012) in ``display``, the reading printed above a token.

The syllables of one word are written together, words apart. jieba's tokens are often longer than
a word (文化教育, 合作项目, 这件), so a token is written as the words CC-CEDICT
(``builder.text.dictionary``) knows in it:

- a CC-CEDICT headword of up to three characters is one word (合作 hézuò, 共同体 gòngtóngtǐ);
- a longer headword names one thing in several words and is written word by word where it
  splits into other headwords of two or more characters (可持续发展 kěchíxù fāzhǎn, 钢筋混凝土
  gāngjīn hùnníngtǔ), else joined (研究生院 yánjiūshēngyuàn, 红十字会); a four-character idiom
  that splits into two such words takes a hyphen instead (互利共赢 hùlì-gòngyíng, §6.1.9);
- another token is written as its fewest headwords (``Dictionary.parts``: 文化教育 wénhuà jiàoyù,
  这件 zhè jiàn), except that a one-character suffix joins the word before it (朋友们 péngyoumen,
  全球性, 合作者) and a prefix the word after it (非传统, 超大型, 副部长);
- a number of Han numerals is one word up to the tens, then apart after 百 千 万 亿 (三百五十六
  sānbǎi wǔshíliù); 第 joins its number with a hyphen (第二十 dì-èrshí);
- a short form of a glossary name keeps the glossary's spelling (上合速度 Shàng-Hé sùdù).

Glossary terms and lexicon words keep their hand-written spelling; names are written by
``names.proper_names``, which runs after this rule. ``pinyin`` (the annotate contract) is not touched.
"""

from __future__ import annotations

from ..syllables import han_count, join_syllables

# Bound morphemes written together with the word before them: suffixes, and the generic nouns of
# names (红十字 + 会, 研究 + 所, 北京 + 市). A closed class, not a list of words.
SUFFIXES = frozenset("们性者化员家式型率界级会院部局所馆站社党团队厂省市县区州村镇港湾岛")
PREFIXES = frozenset("非超副反亚准")
NUMERALS = frozenset("零〇一二两三四五六七八九十百千万亿")
BIG_UNITS = frozenset("百千万亿")


def _numeral_words(text: str) -> list[str]:
    """``三百五十六`` → ``["三百", "五十六"]``: apart after each unit of a hundred or more, and 零 apart."""
    words, current = [], ""
    for ch in text:
        if ch == "零":
            if current:
                words.append(current)
            words.append(ch)
            current = ""
            continue
        current += ch
        if ch in BIG_UNITS:
            words.append(current)
            current = ""
    return words + ([current] if current else [])


def _attach_affixes(parts: list[str]) -> list[str]:
    out: list[str] = []
    glue_next = False
    for part in parts:
        if glue_next and out:
            out[-1] += part
            glue_next = False
        elif len(part) == 1 and part in SUFFIXES and out and len(out[-1]) > 1:
            out[-1] += part
        else:
            out.append(part)
            glue_next = len(part) == 1 and part in PREFIXES
    return out


def words_of(text: str, dictionary) -> list[str]:
    """The words of a token of Han characters (see the module); they join back to ``text``.

    A four-character idiom split in two is returned as one item with ``-`` between its halves.
    """
    if text[0] == "第" and text[1:2] and text[1] in NUMERALS:
        count = _numeral_run(text, 1)
        return ["第-" + text[1:count]] + (words_of(text[count:], dictionary) if count < len(text) else [])
    if text in dictionary:
        if len(text) <= 3:
            return [text]
        inner = dictionary.parts(text, whole=False)
        if len(inner) < 2 or any(len(p) < 2 for p in inner):
            return [text]
        if len(text) == 4 and len(inner) == 2 and any("(idiom)" in d for e in dictionary[text] for d in e.definitions):
            return [inner[0] + "-" + inner[1]]
        return inner
    count = _numeral_run(text, 0)
    if count:
        return _numeral_words(text[:count]) + (words_of(text[count:], dictionary) if count < len(text) else [])
    return _attach_affixes(dictionary.parts(text))


def _numeral_run(text: str, start: int) -> int:
    end = start
    while end < len(text) and text[end] in NUMERALS:
        end += 1
    return end if end > start else 0


def written(text: str, syllables: list[str], dictionary, abbreviations: dict[str, str]) -> str:
    """``display`` for a token of Han characters read ``syllables`` (one per character). Cached."""
    memo = dictionary.memo("written")
    key = (text, tuple(syllables), tuple(abbreviations))
    if key not in memo:
        memo[key] = _written(text, syllables, dictionary, abbreviations)
    return memo[key]


def _written(text: str, syllables: list[str], dictionary, abbreviations: dict[str, str]) -> str:
    prefix = ""
    for form, spelling in abbreviations.items():
        if text.startswith(form) and len(text) > len(form):
            prefix, text, syllables = spelling + " ", text[len(form):], syllables[len(form):]
            break
    out, pos = [], 0
    for word in words_of(text, dictionary):
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
    dictionary, lexicon, abbreviations = resources.dictionary, resources.lexicon, resources.abbreviations
    for token in state.tokens:
        if not token.pinyin or token.term is not None or token.text in lexicon:
            continue
        if han_count(token.text) != len(token.text):
            token.display = ""
            continue
        token.display = written(token.text, token.pinyin, dictionary, abbreviations)
