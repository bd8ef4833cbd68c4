"""Rule 3: every word gets its reading — one tone-marked syllable per Han character.

This is where a word gets its pinyin. In this order of trust, per token (docs/readings.md):

1. a glossary term: the glossary's hand-written pinyin (``content/glossary.yml``);
2. a word of the reading lexicon (``content/readings.tsv``): proper names, surnames, set phrases;
   a transliterated name (``builder.text.transliteration``: 谢尔达尔, joined by the segmenter) takes
   each character's reading in CC-CEDICT's foreign names (什 shí, 耶 yē, 勒 lè) and no phrase;
3. a known phrase (``builder.text.phrases``: pypinyin's phrase dictionary with our checked corrections,
   ``builder/text/phrase-fixes.tsv``): the whole word if it is one, else the best cover of the word by
   known phrases (爱好者 → 爱好 + 者), never across the word's own boundaries (so 以和为贵处理
   does not read 贵处);
4. the characters no phrase decides:
   - 为 应 更 还 standing alone: the context rules of ``builder.text.function_words`` where they apply
     (为 wèi/wéi, the modal 应 yīng, the adverb 更 gèng, 还 hái/huán);
   - a polyphonic character: the context model (``builder.text.g2p``: g2pM's BiLSTM over the character's
     sentence, all sentences of a paragraph in one batch; its weights load on first need);
   - a character with one reading: that reading (the model's table first, then pypinyin's).
   Without the model (g2pM not installed, or switched off) pypinyin's reading of the whole Han run
   decides these, as before issue #4.

Readings follow standard orthography (GB/T 16159): citation tones for 一 (yī) and 不 (bù);
the spoken tone changes are a display option (``builder.text.rules.sandhi``), not the stored reading.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from pypinyin import Style, lazy_pinyin
from pypinyin.contrib.tone_convert import to_tone
from pypinyin.pinyin_dict import pinyin_dict

from .. import function_words, g2p
from ..phrases import cover, phrase_reading
from ..syllables import HAN_RE, HAN_RUN_RE, is_han, join_syllables

CITATION = {"一": "yī", "不": "bù"}


def context_readings(text: str) -> list[str | None]:
    """One reading per character of ``text`` (``None`` for non-Han), from pypinyin over each Han run."""
    out: list[str | None] = [None] * len(text)
    for run in HAN_RUN_RE.finditer(text):
        syllables = lazy_pinyin(run.group(), style=Style.TONE)
        if len(syllables) != len(run.group()):  # not expected; fall back to one call per character
            syllables = [lazy_pinyin(ch, style=Style.TONE)[0] for ch in run.group()]
        out[run.start():run.end()] = syllables
    return out


def default_reading(ch: str, net=None) -> str:
    """The reading of a character that no phrase decides and that has one reading in the model's table.

    That table (g2pM's digest of CC-CEDICT) knows one reading for about 10,000 characters; where
    pypinyin lists several for such a character, its first is often an old or regional one
    (框 kuāng, 颇 pǒ, 脊 jí, 甸 diān), so the table's reading wins. Otherwise pypinyin's first reading.
    """
    if net is not None:
        only = net.readings.get(ch)
        if only is not None and len(only) == 1 and only[0][-1:].isdigit():
            return from_model(only[0])
    found = pinyin_dict.get(ord(ch))
    return found.split(",")[0] if found else lazy_pinyin(ch, style=Style.TONE)[0]


@lru_cache(maxsize=None)
def from_model(label: str) -> str:
    """g2pM's label → a tone-marked syllable: ``lu:4`` → ``lǜ``, ``le5`` → ``le``."""
    return to_tone(label.replace("u:", "v"))


def read_written_form(token, glossary, lexicon) -> bool:
    """Sources 1 and 2: a glossary term or a lexicon word takes its hand-written reading and spelling.

    Returns whether it did (then ``token.pinyin`` and ``token.display`` are set)."""
    if token.term is not None:
        form = glossary.by_form[token.text][1]
    elif token.text in lexicon:
        form = lexicon[token.text]
    else:
        return False
    token.pinyin, token.display = list(form.syllables), form.written
    return True


def make_read(*, phrases: bool = True, rules: bool = True, model: bool = True):
    """Build the ``read`` rule; ``phrases``/``rules``/``model`` switch sources off (for the benchmarks).

    The rule is ``read(state)``; ``read.many(states)`` reads several texts with one batch of the
    context model for all of them (``Pipeline.annotate_batch``), with the same result.
    """
    flags = (phrases, rules, model)

    def word_plan(text: str, resources, net, memo) -> _Plan:
        """What ``text`` decides alone, remembered in ``memo`` (see ``_Plan``); ``NOTHING``
        for a text without a Han character."""
        if not HAN_RE.search(text):
            return memo.put(text, NOTHING)
        names, dictionary = resources.transliteration, resources.dictionary
        chars: list[str | None] = [None] * len(text)
        if names.is_name(text, dictionary):
            chars = [names.readings.get(ch) for ch in text]
        elif phrases:
            for run in HAN_RUN_RE.finditer(text):
                whole = phrase_reading(run.group()) if len(run.group()) > 1 else None
                pieces = [(0, len(run.group()), whole)] if whole else cover(run.group())
                for start, end, syllables in pieces:
                    chars[run.start() + start:run.start() + end] = syllables
        open_: list[int] = []
        for i, ch in enumerate(text):
            if chars[i] is not None or not is_han(ch):
                continue
            if ch in CITATION:
                chars[i] = CITATION[ch]
            elif (rules and ch in function_words.RULED) or net is None or net.is_polyphone(ch):
                open_.append(i)
            else:
                chars[i] = default_reading(ch, net)
        done = None if open_ else _finished(text, chars)
        return memo.put(text, _Plan(tuple(chars), tuple(open_), done))

    def collect(state, net, unfinished: list) -> list[tuple[object, int, int]]:
        """Set what each token decides alone and what a rule decides; → the model's characters.
        Tokens left to complete are added to ``unfinished``."""
        resources = state.resources
        glossary, lexicon = resources.glossary, resources.lexicon
        text, tokens = state.text, state.tokens
        context: list[str | None] | None = None
        pending: list[tuple[object, int, int]] = []  # (token, index in token, offset in text)
        memo = resources.memo(("read", flags))
        for index, token in enumerate(tokens):
            if token.term is not None or token.text in lexicon:
                if HAN_RE.search(token.text):
                    read_written_form(token, glossary, lexicon)
                continue
            plan = memo.get(token.text)
            if plan is None:
                plan = word_plan(token.text, resources, net, memo)
            done = plan.done
            if done is not None:  # (Han-less tokens too: no syllable, no reading)
                token.pinyin, token.display = list(done[0]), done[1]
                continue
            chars = list(plan.chars)
            for i in plan.open:
                ch = token.text[i]
                if rules and (ruled := function_words.reading(tokens, index, text, i)) is not None:
                    chars[i] = ruled
                elif net is not None and net.is_polyphone(ch):
                    pending.append((token, i, token.start + i))
                elif net is not None:
                    chars[i] = default_reading(ch, net)
                else:
                    if context is None:
                        context = context_readings(text)
                    chars[i] = context[token.start + i]
            token.pinyin = chars  # completed below, once the model has read the pending characters
            unfinished.append(token)
        return pending

    def read(state) -> None:
        """Set ``pinyin`` (one lower-case syllable per Han character) and ``display`` on every token."""
        read.many([state])

    def many(states) -> None:
        """``read`` for each of ``states``, with one batch of the context model for all of them."""
        net = g2p.model() if model else None
        texts, unfinished = [], []
        for state in states:
            pending = collect(state, net, unfinished)
            if pending:
                texts.append((state.text, pending))
        if texts:
            _read_pending(net, texts)
        if unfinished:
            memo = states[0].resources.memo("finished")
            for token in unfinished:
                key = (token.text, tuple(token.pinyin))
                found = memo.get(key)
                if found is None:
                    found = memo.put(key, _finished(*key))
                token.pinyin, token.display = list(found[0]), found[1]

    read.many = many
    return read


class _Plan(NamedTuple):
    """What a word's text decides alone: ``chars``, a syllable or ``None`` per character; ``open``,
    the characters left to the context (the function-word rules, the model); ``done``, the token's
    final ``(pinyin, display)`` when nothing is left open."""

    chars: tuple[str | None, ...]
    open: tuple[int, ...]
    done: tuple[tuple[str, ...], str] | None


#: The plan of a text without a Han character: nothing to read.
NOTHING = _Plan((), (), ((), ""))


def _finished(text: str, chars) -> tuple[tuple[str, ...], str]:
    """The final ``(pinyin, display)`` of a token from one syllable (or ``None``) per character."""
    han = [(ch, s) for ch, s in zip(text, chars) if is_han(ch)]
    pinyin = tuple(CITATION.get(ch, s.lower()) for ch, s in han)
    return pinyin, join_syllables(pinyin) if len(han) == len(text) else ""


def _read_pending(net, texts) -> None:
    """Let the model read every pending polyphone of ``texts`` (``[(text, pending)]``): one batch for
    all of them, one row per sentence (a sentence in several texts is read once)."""
    batch, owners = [], []
    for text, pending in texts:
        by_sentence: dict[tuple[int, int], list[tuple[object, int, int]]] = {}
        for item in pending:
            by_sentence.setdefault(g2p.sentence_around(text, item[2]), []).append(item)
        for (start, end), items in by_sentence.items():
            batch.append((text[start:end], [offset - start for _t, _i, offset in items]))
            owners.append((text, items))
    for (text, items), predictions in zip(owners, net.predict_many(batch)):
        for (token, i, offset), probs in zip(items, predictions):
            token.pinyin[i] = from_model(max(probs, key=probs.get)) if probs else default_reading(text[offset], net)


read = make_read()
