"""The annotation rules, in pipeline order. Each is ``rule(state) -> None`` over ``state.tokens``.

1. ``terms.find_terms``  — glossary terms become whole tokens (longest match wins)
2. ``segment.segment``   — jieba cuts the text between terms into words
3. ``read.read``         — every word gets its pinyin (this is where a word gets its reading)
4. ``names.proper_names`` — proper nouns are printed with capitals (Xí Jìnpíng, Běijīng)
5. ``sandhi.sandhi``     — the spoken tone changes of 一 and 不, kept beside the citation reading
6. ``gloss.gloss``       — terms get their English
"""
