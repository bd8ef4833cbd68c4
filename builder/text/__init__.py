"""Text analysis: Chinese text → ``list[Token]`` with segments, readings, terms and glosses.

``pipeline`` chains the ``rules`` (terms → segment → read → names → sandhi → gloss) over the
``resources`` (glossary, reading lexicon, jieba). The language data they use lives beside them:
``syllables`` (pinyin syllables), ``phrases`` (pypinyin's phrases + ``phrase-fixes.tsv``), ``g2p``
(the polyphone model), ``function_words``, ``sentences``, ``dictionary`` (CC-CEDICT), ``hsk``,
``jieba_store``. Pure functions of text and data: nothing here writes the site.
"""
