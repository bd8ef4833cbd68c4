"""Huge and sentence-less paragraphs: annotation keeps its contract, the context model's window stays
bounded, and sentence lookups give what a plain scan gives. (Timing is measured by
benchmarks/linear.py, not here.) The texts are made for these tests, not taken from content/."""

from __future__ import annotations

import random

import pytest

from builder.text import g2p
from builder.text.sentences import SENTENCE_END, SentenceIndex, sentence_span

# Sentences written for these tests (not from content/), with polyphones (行 长 重 为 还 得 地 了 着 处).
SENTENCES = [
    "银行行长重申了为地方发展还要处理好的几个重要问题。",
    "我们得认真地看着长远目标，重新考虑还款的处理方式！",
    "他还说各方应当为和平与发展作出更大的贡献；",
    "这个地区的长期合作需要重视基础设施和人才培养？",
]


def reference_span(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The sentence around ``text[start:end]`` by the plain definition: scan to the nearest ends."""
    first = start
    while first > 0 and text[first - 1] not in SENTENCE_END:
        first -= 1
    last = start if end is None else end
    while last < len(text) and text[last] not in SENTENCE_END:
        last += 1
    return first, min(last + 1, len(text))


def test_sentence_lookups_match_the_plain_scan():
    rng = random.Random(13)
    for _ in range(400):
        text = "".join(rng.choice("甲乙。！？；!?;\n ") for _ in range(rng.randint(0, 30)))
        index = SentenceIndex(text)
        for start in range(len(text) + 1):
            for end in (None, *range(start, len(text) + 1)):
                assert index.span(start, end) == reference_span(text, start, end), (text, start, end)
                assert sentence_span(text, start, end) == reference_span(text, start, end)


@pytest.mark.skipif(not g2p.available(), reason="the context model (g2pM) is part of the [test] install")
def test_the_model_window_is_the_sentence_when_short_and_bounded_when_long():
    short = "".join(SENTENCES)
    for offset in range(len(short)):
        assert g2p.sentence_around(short, offset) == reference_span(short, offset)
    long = "".join(s[:-1] + "，" for s in SENTENCES) * 40  # 1,000+ characters, no sentence end
    blocks = set()
    for offset in range(len(long)):
        start, end = g2p.sentence_around(long, offset)
        assert start <= offset < end and end - start <= g2p.MAX_WINDOW
        assert offset - start >= min(g2p.CONTEXT, offset) and end - offset > min(g2p.CONTEXT, len(long) - offset - 1)
        blocks.add((start, end))
    assert len(blocks) == -(-len(long) // g2p.BLOCK)  # one row of the batch per block


@pytest.mark.parametrize("ends", [True, False])
def test_a_long_paragraph_keeps_the_contract(pipeline, ends):
    """100,000 characters in one paragraph, with or without 。！？；: every character kept, in order, and
    every Han character read with one of its own readings."""
    from pypinyin.pinyin_dict import pinyin_dict

    from builder.text.syllables import is_han, toneless

    text = "".join(SENTENCES) if ends else "".join(s[:-1] + "，" for s in SENTENCES)
    text = (text * (100_000 // len(text) + 1))[:100_000]
    tokens = pipeline.annotate(text)
    assert "".join(t.text for t in tokens) == text
    pos = 0
    for token in tokens:
        assert token.start == pos
        pos += len(token.text)
        han = [ch for ch in token.text if is_han(ch)]
        assert len(token.pinyin) == len(han)
        for ch, syllable in zip(han, token.pinyin):
            known = {toneless(s) for s in pinyin_dict.get(ord(ch), "").split(",")}
            assert toneless(syllable) in known, (ch, syllable)


def test_the_sentence_less_paragraph_reads_like_the_same_text_in_sentences(pipeline):
    """Cutting a long sentence-less paragraph into windows changes no reading of a character that has
    its whole sentence inside a window: the same sentences, read alone, give the same readings."""
    sentence = "".join(s[:-1] + "，" for s in SENTENCES)  # 95 characters: one window
    alone = [t.pinyin for t in pipeline.annotate(sentence)]
    assert len(sentence) < g2p.MAX_WINDOW
    long = sentence + "。" + sentence * 30 + "。" + sentence
    tokens = pipeline.annotate(long)
    first = [t.pinyin for t in tokens if t.start < len(sentence)]
    last = [t.pinyin for t in tokens if t.start >= len(long) - len(sentence)]
    assert first == alone and last == alone
