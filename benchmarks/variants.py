"""Pipelines to compare in the benchmarks: the site's, its ablations, and the reader before issue #4.

``pipeline(name, content_dir)`` builds one:

- ``site``        the site's pipeline (builder.text.pipeline.Pipeline, Resources.from_content);
- ``no-model``    without the context model (pypinyin over the Han run decides what no phrase does);
- ``no-rules``    without builder/text/function_words.py;
- ``no-fixes``    without builder/text/phrase-fixes.tsv;
- ``no-lexicon``  with an empty reading lexicon (content/readings.tsv left out);
- ``no-neutral``  without the lexical neutral tones of issue #9 (builder/text/rules/neutral.py);
- ``before``      the reader of commit 46409c3 (before issue #4): glossary, lexicon, pypinyin's
                  phrase for the whole word, else pypinyin over the Han run. Run it with
                  ``no-lexicon`` semantics too (``before-empty``) for the figure of the issue
                  (pypinyin alone, no lexicon).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NAMES = ("site", "no-model", "no-rules", "no-fixes", "no-lexicon", "no-neutral", "before", "before-empty")


def legacy_read(state) -> None:
    """The read rule as it was before issue #4 (builder/text/rules/read.py at commit 46409c3)."""
    from pypinyin.constants import PHRASES_DICT

    from builder.text.rules.read import CITATION, context_readings, read_written_form
    from builder.text.syllables import han_count, is_han, join_syllables

    glossary, lexicon = state.resources.glossary, state.resources.lexicon
    context = None
    for token in state.tokens:
        if han_count(token.text) == 0:
            continue
        if read_written_form(token, glossary, lexicon):
            continue
        readings = PHRASES_DICT.get(token.text) if len(token.text) > 1 else None
        syllables = [r[0] for r in readings] if readings and len(readings) == len(token.text) else None
        if syllables is None:
            if context is None:
                context = context_readings(state.text)
            syllables = [s for s in context[token.start:token.end] if s is not None]
        han = [ch for ch in token.text if is_han(ch)]
        token.pinyin = [CITATION.get(ch, s.lower()) for ch, s in zip(han, syllables)]
        token.display = join_syllables(token.pinyin) if han_count(token.text) == len(token.text) else ""


def pipeline(name: str, content_dir: str | Path = ROOT / "content"):
    from builder.text import phrases
    from builder.text.pipeline import RULES, Pipeline
    from builder.text.resources import Resources
    from builder.text.rules.read import make_read

    if name not in NAMES:
        raise SystemExit(f"unknown pipeline {name!r}; one of {', '.join(NAMES)}")
    resources = Resources.from_content(content_dir)
    if name in ("no-lexicon", "before-empty"):
        resources = Resources(resources.glossary, {})
    if name == "no-fixes":
        phrases.fixes.cache_clear()
        phrases.fixes = lambda: {}  # this process only
    read = {
        "no-model": make_read(model=False),
        "no-rules": make_read(rules=False),
        "before": legacy_read,
        "before-empty": legacy_read,
    }.get(name)
    if name == "no-neutral":
        return Pipeline(resources, disabled=("neutral",))
    if read is None:
        return Pipeline(resources)
    return Pipeline(resources, rules=[(n, read if n == "read" else r) for n, r in RULES])
