"""Rule: lexical neutral tones, from CC-CEDICT, as the stored reading (事情 shìqing, 朋友 péngyou).

The phrase data and the context model give citation tones (shìqíng, péngyǒu); CC-CEDICT
(``builder.text.dictionary``, 2023-11-07) writes the light syllables a dictionary writes light, with
tone 5 (``shi4 qing5``). After ``read``, a syllable of a word becomes light when

1. the word is a CC-CEDICT headword (else each of its parts, ``Dictionary.parts``: 朋友们 → 朋友 + 们),
2. CC-CEDICT and the reading agree on the syllables: an entry *matches* when its toned syllables
   equal the reading's and its light ones equal them without tones (shì qing matches shìqíng; an
   entry with another syllable or tone is another word: 大意 dà yi does not match dàyí), and
3. every matching common-word entry has that syllable light. Proper nouns (Sūnzǐ for 孙子),
   ``Taiwan pr.`` readings and cross-references (``see ...``) do not count; a syllable CC-CEDICT
   writes with its tone but marks ``also pr.`` light (知道 zhīdào, also pr. zhīdao) keeps its tone.

Where matching entries disagree, the neutral tone depends on the sense (东西 dōngxī "east and
west", dōngxi "thing"; 地方 dìfāng "local", dìfang "place"; 精神 jīngshén "spirit", jīngshen
"vigour"). Then the word's place decides: as the head of a noun phrase (after 的, a measure word,
a demonstrative or a number, or after a verb at the end of a phrase: 买东西。) the entries that
CC-CEDICT gives a measure word (``CL:``) are the ones that count; elsewhere the tone stays.

一 and 不 keep their citation tones (GB/T 16159; spoken changes are ``sandhi``'s). Glossary terms and
lexicon words keep their hand-written readings. The citation reading is kept beside the stored
one in ``token.citation`` (``None`` where no syllable changed), for a reader toggle and for the
benchmarks, which compare like with like.
"""

from __future__ import annotations

import unicodedata

from ..syllables import han_count, is_han, toneless

KEEP = frozenset("一不")
#: Words before a noun-phrase head: particles and measure words that take a noun after them.
NOUN_PHRASE_OPENERS = frozenset("的 之 个 些 件 种 样 这 那 什么 哪 每 各 该 此 其 好多 很多 许多 一些 这个 那个 这些 那些 这种 那种".split())
#: What may follow the head of a noun phrase at the end of a phrase (after a verb: 买东西了).
PHRASE_ENDERS = frozenset("的 了 着 过 吗 呢 吧 啊 呀 嘛 也 都 就".split())


def _light(syllable: str) -> bool:
    return toneless(syllable) == unicodedata.normalize("NFC", syllable.lower()) and syllable[-1:].isalpha()


def _counts(entry) -> bool:
    """Common words only; not Taiwan readings or bare cross-references."""
    if entry.pinyin[0][:1].isupper():
        return False
    defs = entry.definitions
    return not all(d.startswith(("Taiwan pr.", "Taiwan variant", "see ", "variant of", "old variant of")) for d in defs)


def _matches(entry, reading: list[str]) -> bool:
    if len(entry.pinyin) != len(reading):
        return False
    for theirs, ours in zip(entry.pinyin, reading):
        if _light(theirs):
            if toneless(theirs.lower()) != toneless(ours):
                return False
        elif unicodedata.normalize("NFC", theirs.lower()) != ours:
            return False
    return True


def light_syllables(dictionary, word: str, reading: list[str], noun_head: bool = False) -> list[int]:
    """Indices of the syllables of ``word`` (read ``reading``) that CC-CEDICT writes light (see the module).

    ``noun_head``: the word heads a noun phrase here (then the entries with a measure word decide
    where the entries disagree). Returns ``[]`` when none is light. Cached per word and reading.
    """
    memo = dictionary.memo("light_syllables")
    key = (word, tuple(reading), noun_head)
    found = memo.get(key)
    return found if found is not None else memo.put(key, _light_syllables(dictionary, word, reading, noun_head))


def _light_syllables(dictionary, word: str, reading: list[str], noun_head: bool) -> list[int]:
    if not _has_light(dictionary, word):
        return []
    entries = [e for e in dictionary.lookup(word) if _counts(e) and _matches(e, reading)]
    if not any(_light(s) for e in entries for s in e.pinyin):
        return []
    out = []
    for i in range(len(reading)):
        if word[i] in KEEP or _light(reading[i]):
            continue
        votes = {_light(e.pinyin[i]) for e in entries}
        if votes == {True, False} and noun_head:
            votes = {_light(e.pinyin[i]) for e in entries if any(d.startswith("CL:") for d in e.definitions)} or votes
        if votes == {True}:
            out.append(i)
    return out


def _has_light(dictionary, word: str) -> bool:
    """Whether any CC-CEDICT entry of ``word`` has a light syllable (most words have none). Cached."""
    memo = dictionary.memo("has light")
    found = memo.get(word)
    if found is None:
        found = memo.put(word, any(_light(s) for e in dictionary.lookup(word) for s in e.pinyin))
    return found


def _noun_head(tokens, index: int, verbs) -> bool:
    before = tokens[index - 1].text if index > 0 else ""
    after = tokens[index + 1].text if index + 1 < len(tokens) else ""
    phrase_end = not after or not is_han(after[0]) or after in PHRASE_ENDERS
    return before in NOUN_PHRASE_OPENERS or (before in verbs and phrase_end)


def _parts(dictionary, text: str) -> list[str]:
    memo = dictionary.memo("parts")
    found = memo.get(text)
    return found if found is not None else memo.put(text, dictionary.parts(text))


def neutral_tones(state) -> None:
    """Make CC-CEDICT's light syllables light in ``token.pinyin``; keep the old reading in ``citation``."""
    from ..function_words import verbs

    resources = state.resources
    dictionary, lexicon, tokens = resources.dictionary, resources.lexicon, state.tokens
    memo = dictionary.memo("neutral words")
    for index, token in enumerate(tokens):
        text = token.text
        if len(text) < 2 or token.term is not None or len(token.pinyin) != len(text) or text in lexicon:
            continue
        key = (text, tuple(token.pinyin))
        found = memo.get(key)
        if found is None:
            found = memo.put(key, _word_light(dictionary, text, token.pinyin))
        elsewhere, as_head = found
        light = as_head if as_head != elsewhere and _noun_head(tokens, index, verbs()) else elsewhere
        if light:
            token.citation = list(token.pinyin)
            for i in light:
                token.pinyin[i] = toneless(token.pinyin[i])


def _word_light(dictionary, text: str, reading: list[str]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The light syllables of a token (``light_syllables`` over the word, else over each of its
    parts): ``(elsewhere, as the head of a noun phrase)``; both empty for a token with anything but
    Han characters. Only a token that is one word can be a noun-phrase head."""
    if han_count(text) != len(text):
        return (), ()
    parts = [text] if text in dictionary else _parts(dictionary, text)
    if len(parts) == 1:
        return tuple(light_syllables(dictionary, text, reading)), tuple(light_syllables(dictionary, text, reading, True))
    light, pos = [], 0
    for part in parts:
        if len(part) > 1:
            light += [pos + i for i in light_syllables(dictionary, part, reading[pos:pos + len(part)])]
        pos += len(part)
    return tuple(light), tuple(light)
