"""Everything the annotation rules read: the glossary, the reading lexicon and the segmenter.

Loaded once per build from ``content/``; the rules themselves are pure functions of text and this.
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path

from ..content.glossary import Form, Glossary, load_glossary
from ..content.lexicon import load_lexicon

CACHE_DIR = Path(".cache")

# jieba words that are never words in these texts. 日电 (NEC, the company) swallows the dateline
# "新华社北京9月17日电" = 17日 + 电 ("dispatched").
NEVER_WORDS = ("日电",)


class Resources:
    """Glossary (``glossary.yml``), reading lexicon (``readings.tsv``) and a jieba tokenizer.

    The tokenizer is built on first use, with every glossary form and lexicon word added as a user
    word; its dictionary is read lazily (``builder.text.jieba_store``), not loaded whole.
    """

    def __init__(self, glossary: Glossary, lexicon: dict[str, Form]):
        self.glossary = glossary
        self.lexicon = lexicon

    @classmethod
    def from_content(cls, content_dir: str | Path) -> "Resources":
        content_dir = Path(content_dir)
        return cls(load_glossary(content_dir / "glossary.yml"), load_lexicon(content_dir / "readings.tsv"))

    @cached_property
    def term_pattern(self) -> re.Pattern | None:
        """One regex over every glossary form, longest first, so the leftmost match is the longest."""
        forms = sorted(self.glossary.by_form, key=len, reverse=True)
        return re.compile("|".join(map(re.escape, forms))) if forms else None

    @cached_property
    def dictionary(self):
        """CC-CEDICT (``builder.text.dictionary``), loaded on first use through its pickle cache."""
        from .dictionary import load_cedict

        return load_cedict(cache_dir=CACHE_DIR)

    @cached_property
    def tokenizer(self):
        import logging

        import jieba

        from .jieba_store import lazy_tokenizer

        jieba.setLogLevel(logging.WARNING)
        tokenizer = lazy_tokenizer(CACHE_DIR.resolve())
        for word in list(self.glossary.by_form) + list(self.lexicon):
            tokenizer.add_word(word, freq=10**6)
        for word in NEVER_WORDS:
            tokenizer.del_word(word)
        return tokenizer
