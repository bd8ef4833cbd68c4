"""Rule: proper nouns are printed with capitals, as standard orthography writes them (GB/T 16159).

习近平 → ``Xí Jìnpíng``, 北京 → ``Běijīng``, 王毅 → ``Wáng Yì``. CC-CEDICT (``builder.text.dictionary``,
2023-11-07) capitalises proper nouns: a word whose every CC-CEDICT entry with the token's reading is
capitalised is printed that way, with a space before each capitalised syllable inside it (surname,
given name). Only ``display`` changes: ``pinyin`` stays lower case (the annotate contract), and the
glossary's and lexicon's own spellings are left as they are.
"""

from __future__ import annotations

from ..syllables import HAN_RE, join_syllables


def orthographic(syllables: list[str], capitals: list[bool]) -> str:
    """Join syllables into words, starting a new, capitalised word at each capitalised syllable."""
    words: list[list[str]] = []
    for syllable, capital in zip(syllables, capitals):
        if capital or not words:
            words.append([])
        words[-1].append(syllable)
    return " ".join(join_syllables(w)[:1].upper() + join_syllables(w)[1:] for w in words)


def proper_names(state) -> None:
    """Set ``display`` of proper nouns to their capitalised written form."""
    lexicon = state.resources.lexicon
    for token in state.tokens:
        if token.term is not None or token.text in lexicon or not token.pinyin:
            continue
        if len(HAN_RE.findall(token.text)) != len(token.text):
            continue
        entries = [e for e in state.resources.dictionary.lookup(token.text, token.pinyin) if e.matches(token.pinyin)]
        if entries and all(e.pinyin[0][:1].isupper() for e in entries):
            token.display = orthographic(token.pinyin, [s[:1].isupper() for s in entries[0].pinyin])
