"""Rule: names are printed as names, with capitals, as standard orthography writes them (GB/T 16159).

Three kinds of name, each found by a rule over data, not by a list of names:

1. A word CC-CEDICT (``builder.text.dictionary``, 2023-11-07) knows only as a proper noun with the
   token's reading: capitalised as CC-CEDICT writes it, with a space before each capitalised syllable
   inside it (习近平 → ``Xí Jìnpíng``, 北京 → ``Běijīng``, 王毅 → ``Wáng Yì``).
2. A Chinese personal name CC-CEDICT does not know (蔡奇, 丁仲礼): a token of two to four characters
   that starts with a surname (``Dictionary.surnames``: CC-CEDICT's entries defined as "surname X") and
   stands next to a title (a word ending in one of ``TITLES``: 国家主席习近平, 王毅外长, 书记蔡奇,
   副委员长曾培炎, 蔡奇同志) or follows such a name in a list (丁薛祥、何立峰), when CC-CEDICT
   does not know the token as a word. Surname and given name are written apart and capitalised
   (``Cài Qí``); the surname takes its reading as a surname (曾 Zēng, 单 Shàn, 解 Xiè) when the
   reading found for the character is not one of them.
3. A transliterated foreign name (``builder.text.transliteration``, joined by the segmenter):
   one capitalised word (谢尔达尔 → ``Xiè'ěrdá'ěr``), as GB/T 16159 writes Tuōkǎyēfū.

Only ``display`` changes, apart from a surname's reading in (2): ``pinyin`` stays lower case (the
annotate contract), and the glossary's and lexicon's own spellings are left as they are.
"""

from __future__ import annotations

from ..syllables import HAN_RE, join_syllables

#: Titles and forms of address that stand next to a personal name in news prose (a closed class).
TITLES = frozenset(
    "主席 副主席 国家主席 总理 副总理 总统 副总统 首相 国王 总书记 书记 委员长 国务委员 外长 部长 副部长 "
    "外交部长 大使 特使 秘书长 副秘书长 发言人 主任 副主任 院长 校长 省长 市长 局长 司长 委员 常委 "
    "同志 先生 女士 教授 博士 总干事 将军 议长 总督".split()
)


def orthographic(syllables: list[str], capitals: list[bool]) -> str:
    """Join syllables into words, starting a new, capitalised word at each capitalised syllable."""
    words: list[list[str]] = []
    for syllable, capital in zip(syllables, capitals):
        if capital or not words:
            words.append([])
        words[-1].append(syllable)
    return " ".join(capitalised(w) for w in words)


def capitalised(syllables: list[str]) -> str:
    """Syllables written as one capitalised word: ``["xiè", "ěr"]`` → ``Xiè'ěr``."""
    word = join_syllables(syllables)
    return word[:1].upper() + word[1:]


_TITLE_LENGTHS = sorted({len(title) for title in TITLES})


def _is_title(word: str) -> bool:
    """Whether ``word`` ends with one of ``TITLES`` (副委员长, 外交部长 too)."""
    return any(word[-k:] in TITLES for k in _TITLE_LENGTHS) if word else False


def _titled(tokens, index: int) -> bool:
    """A title beside the token, or a name before it in a list of names (副总理丁薛祥、何立峰)."""
    before = tokens[index - 1].text if index > 0 else ""
    after = tokens[index + 1].text if index + 1 < len(tokens) else ""
    listed = before in ("、", "和", "与") and index > 1 and " " in tokens[index - 2].display \
        and tokens[index - 2].display[:1].isupper()
    return _is_title(before) or _is_title(after) or listed


def personal_name(token, tokens, index, dictionary, typical=frozenset()) -> str | None:
    """The written form of ``token`` as surname + given name (rule 2), else ``None``.

    A titled name made only of characters ``typical`` of transliteration is a foreign name, one
    word (总统加尼 → Jiāní). May set the surname's syllables of ``token.pinyin`` to its surname reading."""
    text = token.text
    if not 2 <= len(text) <= 4 or text in dictionary or not _titled(tokens, index):  # CC-CEDICT's words: rule 1
        return None
    if all(ch in typical for ch in text):
        return capitalised(token.pinyin)
    table = dictionary.surnames()
    for size in (2, 1):
        family = text[:size]
        if family not in table or len(text) - size not in (1, 2):
            continue
        readings = table[family]
        current = " ".join(token.pinyin[:size])
        if current not in readings:
            token.pinyin[:size] = readings[0].split(" ")
        return f"{capitalised(token.pinyin[:size])} {capitalised(token.pinyin[size:])}"
    return None


def proper_names(state) -> None:
    """Set ``display`` of names to their capitalised written form (see the module)."""
    lexicon, dictionary = state.resources.lexicon, state.resources.dictionary
    foreign = state.resources.transliteration
    memo = dictionary.memo("names")
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if not token.pinyin or token.term is not None or token.text in lexicon:
            continue
        found = memo.get((token.text, tuple(token.pinyin)))
        if found is None:
            found = _cedict_name(dictionary, token.text, token.pinyin, foreign, memo)
        known, capitals, foreign_name = found
        if capitals:
            token.display = orthographic(token.pinyin, capitals)
        elif foreign_name:
            token.display = capitalised(token.pinyin)
        elif not known and (written := personal_name(token, tokens, index, dictionary, foreign.typical)) is not None:
            token.display = written


def _cedict_name(dictionary, text: str, pinyin: list[str], foreign, memo) -> tuple[bool, list[bool] | None, bool]:
    """Whether CC-CEDICT has ``text`` with this reading, the capitals of its syllables when every
    such entry is a proper noun (rule 1), and whether it is a transliterated name (rule 3). A token
    with anything but Han characters is none of them, and counts as known (rule 2 is not tried).
    Cached per word and reading."""
    key = (text, tuple(pinyin))
    found = memo.get(key)
    if found is None:
        if len(HAN_RE.findall(text)) != len(text):
            found = (True, None, False)
        else:
            entries = [e for e in dictionary.lookup(text, pinyin) if e.matches(pinyin)]
            capitals = [s[:1].isupper() for s in entries[0].pinyin] \
                if entries and all(e.pinyin[0][:1].isupper() for e in entries) else None
            found = (bool(entries), capitals, not capitals and foreign.is_name(text, dictionary))
        memo.put(key, found)
    return found
