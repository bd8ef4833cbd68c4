"""Rule 3: every word gets its reading — one tone-marked syllable per Han character.

This is where a word gets its pinyin. In this order of trust, per token:

1. a glossary term: the glossary's hand-written pinyin (``content/glossary.yml``);
2. a word of the reading lexicon (``content/readings.tsv``): proper names, surnames, set phrases;
3. a word pypinyin knows as a phrase (``pypinyin.constants.PHRASES_DICT``): its phrase reading;
4. otherwise: pypinyin's reading of the whole Han run around the word, which uses pypinyin's own
   longest-phrase matching across word boundaries, cut to the word's characters.

Readings follow standard orthography (GB/T 16159): citation tones for 一 (yī) and 不 (bù);
the spoken tone changes are a display option, not the stored reading.
"""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin
from pypinyin.constants import PHRASES_DICT

from ..syllables import HAN_RUN_RE, han_count, is_han, join_syllables

CITATION = {"一": "yī", "不": "bù"}


def _phrase_reading(word: str) -> list[str] | None:
    readings = PHRASES_DICT.get(word)
    if readings and len(readings) == len(word):
        return [r[0] for r in readings]
    return None


def context_readings(text: str) -> list[str | None]:
    """One reading per character of ``text`` (``None`` for non-Han), from pypinyin over each Han run."""
    out: list[str | None] = [None] * len(text)
    for run in HAN_RUN_RE.finditer(text):
        syllables = lazy_pinyin(run.group(), style=Style.TONE)
        if len(syllables) != len(run.group()):  # not expected; fall back to one call per character
            syllables = [lazy_pinyin(ch, style=Style.TONE)[0] for ch in run.group()]
        out[run.start():run.end()] = syllables
    return out


def _citation(word: str, syllables: list[str]) -> list[str]:
    han = [ch for ch in word if is_han(ch)]
    return [CITATION.get(ch, s) for ch, s in zip(han, syllables)]


def read(state) -> None:
    """Set ``pinyin`` (one lower-case syllable per Han character) and ``display`` on every token."""
    glossary, lexicon = state.resources.glossary, state.resources.lexicon
    context: list[str | None] | None = None
    for token in state.tokens:
        if han_count(token.text) == 0:
            continue
        if token.term is not None:
            form = glossary.by_form[token.text][1]
            token.pinyin, token.display = list(form.syllables), form.written
            continue
        if token.text in lexicon:
            form = lexicon[token.text]
            token.pinyin, token.display = list(form.syllables), form.written
            continue
        syllables = _phrase_reading(token.text) if len(token.text) > 1 else None
        if syllables is None:
            if context is None:
                context = context_readings(state.text)
            syllables = [s for s in context[token.start:token.end] if s is not None]
        token.pinyin = _citation(token.text, [s.lower() for s in syllables])
        token.display = join_syllables(token.pinyin) if han_count(token.text) == len(token.text) else ""
