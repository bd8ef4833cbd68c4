"""The lazily read jieba dictionary segments exactly as jieba's own, fully loaded one."""

from __future__ import annotations

import logging

import jieba

from builder.text.jieba_store import lazy_tokenizer

jieba.setLogLevel(logging.WARNING)


def test_lazy_store_segments_every_paragraph_like_jieba(tmp_path, summits, resources):
    lazy = lazy_tokenizer(tmp_path)
    full = jieba.Tokenizer()
    full.tmp_dir = str(tmp_path)
    full.initialize()
    assert lazy.total == full.total
    for word in list(resources.glossary.by_form)[:40] + list(resources.lexicon):
        lazy.add_word(word, freq=10**6)
        full.add_word(word, freq=10**6)
    texts = [p.text for s in summits for p in s.paragraphs()]
    assert sum(map(len, texts)) > 10_000
    for text in texts:
        assert lazy.lcut(text) == full.lcut(text)
        assert lazy.lcut(text, HMM=False) == full.lcut(text, HMM=False)
    assert lazy_tokenizer(tmp_path).FREQ.get("合作") == full.FREQ["合作"]
