"""Everything the annotation rules read: the glossary, the reading lexicon and the segmenter.

Loaded once per build from ``content/``; the rules themselves are pure functions of text and this.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property
from pathlib import Path

from ..content.glossary import Form, Glossary, load_glossary
from ..content.lexicon import load_lexicon
from .datacache import data_cache_dir, write_pickle
from .memo import Memo
from .syllables import align_reading, is_han

#: Library-derived data (CC-CEDICT parsed, jieba's word file, transliteration): ``datacache``.
CACHE_DIR = data_cache_dir()

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

    def __getstate__(self) -> dict:
        """Pickled (for a worker process) as the glossary and the lexicon only: what is derived from
        them or loaded from ``.cache/`` is found again on first use."""
        return {"glossary": self.glossary, "lexicon": self.lexicon}

    @classmethod
    def from_content(cls, content_dir: str | Path, allow_empty: bool = False) -> "Resources":
        """``content_dir/glossary.yml`` and ``content_dir/readings.tsv``, each checked (ContentError,
        file:line) as ``load_glossary`` and ``load_lexicon`` say; ``allow_empty``: a missing or empty
        lexicon is an empty one."""
        content_dir = Path(content_dir)
        return cls(load_glossary(content_dir / "glossary.yml", content_dir),
                   load_lexicon(content_dir / "readings.tsv", allow_empty=allow_empty, root=content_dir))

    def memo(self, name) -> Memo:
        """A bounded memo for answers that depend only on a word and these resources (``name``, any
        hashable, keeps callers apart). See ``builder.text.memo``."""
        memos = self.__dict__.setdefault("_memos", {})
        found = memos.get(name)
        if found is None:
            found = memos[name] = Memo()
        return found

    @cached_property
    def term_pattern(self) -> re.Pattern | None:
        """One regex over every glossary form, longest first, so the leftmost match is the longest;
        with the lexicon's words that hold a glossary form (names such as 上海合作组织睦邻友好合作委员会),
        so that such a name wins over the term inside it (the term rule keeps it as a plain word)."""
        forms = set(self.glossary.by_form)
        names = {w for w in self.lexicon if w not in forms and any(f in w for f in forms)}
        ordered = sorted(forms | names, key=len, reverse=True)
        return re.compile("|".join(map(re.escape, ordered))) if ordered else None

    @cached_property
    def abbreviations(self) -> dict[str, str]:
        """Short forms of names, as a glossary reading writes them → that spelling.

        ``上合组织 Shàng-Hé Zǔzhī`` gives ``{"上合": "Shàng-Hé"}``: capitalised single syllables joined by
        hyphens are an abbreviation of a name (GB/T 16159; 东伊运 Dōng-Yī-Yùn), so the characters
        under them are a short form that also makes words of its own (上合速度). A hyphen between
        longer parts (tóngzhōu-gòngjì) or in lower case (fǎn-kǒng) is not one. Longest first.
        """
        found: dict[str, str] = {}
        for text, (_term, form) in self.glossary.by_form.items():
            written = unicodedata.normalize("NFC", form.written)
            try:
                spans = align_reading(written, text)
            except ValueError:
                continue
            han = [ch for ch in text if is_han(ch)]
            for word in re.finditer(r"\S*-\S*", written):
                inside = [k for k, (_s, start, end) in enumerate(spans) if start >= word.start() and end <= word.end()]
                parts = word.group().strip("-").split("-")
                if len(inside) >= 2 and len(parts) == len(inside) and all(p[:1].isupper() for p in parts):
                    found.setdefault("".join(han[k] for k in inside), word.group().strip("-"))
        return dict(sorted(found.items(), key=lambda kv: -len(kv[0])))

    @cached_property
    def transliteration(self):
        """Characters typical of transliterated names and their readings (``builder.text.transliteration``)."""
        import pickle

        from .transliteration import Transliteration

        dictionary = self.dictionary
        cache = CACHE_DIR / f"transliteration-{dictionary.sha256[:16]}-v{Transliteration.VERSION}.pickle"
        try:
            with open(cache, "rb") as f:
                return pickle.load(f)
        except Exception:  # missing or unreadable: count again (0.3-0.6 s)
            pass
        found = Transliteration.of(dictionary)
        write_pickle(cache, found)
        return found

    def derived_data(self) -> None:
        """Load, or make on a machine's first build, the rest of what the rules read that is derived from
        the libraries' data (``datacache``): CC-CEDICT parsed, the transliteration counts, the words of
        jieba's tags. ``tokenizer`` calls it while jieba's word file is still being made in a forked
        process (``jieba_store.build_in_background``), so that the two overlap instead of following
        each other (the annotate stage of a first 300-page build: 3.1–3.3 s before, 2.5–2.6 s since)."""
        from .function_words import TAG_SETS, tagged
        from .rules.words import APART_TAGS

        self.transliteration  # noqa: B018 (a cached property: loads the dictionary too)
        for tags in (*TAG_SETS, APART_TAGS):
            tagged(tags)

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
        tokenizer = lazy_tokenizer(CACHE_DIR.resolve(), while_building=self.derived_data)
        for word in list(self.glossary.by_form) + list(self.lexicon):
            tokenizer.add_word(word, freq=10**6)
        for word in NEVER_WORDS:
            tokenizer.del_word(word)
        return tokenizer
