"""The annotation rules, in pipeline order. Each is ``rule(state) -> None`` over ``state.tokens``.

1. ``terms.find_terms``     — glossary terms become whole tokens (longest match wins)
2. ``segment.segment``      — jieba cuts the text between terms into words; transliterated names and
                              words made with a short form of a name are joined
3. ``read.read``            — every word gets its pinyin (this is where a word gets its reading)
4. ``neutral.neutral_tones`` — CC-CEDICT's lexical neutral tones (事情 shìqing), citation kept aside
5. ``words.word_division``  — the printed reading is divided into words (GB/T 16159: wénhuà jiàoyù)
6. ``names.proper_names``   — names are printed with capitals (Xí Jìnpíng, Cài Qí, Xiè'ěrdá'ěr)
7. ``sandhi.sandhi``        — the spoken tone changes of 一 and 不, kept beside the citation reading
8. ``gloss.gloss``          — terms get their English
"""
