"""Rule 2: jieba segments the text between glossary terms into words.

jieba 0.42 (default dictionary) with every glossary form and lexicon word added as a user word,
so proper names such as 托卡耶夫 stay whole. Whitespace and punctuation come out as their own tokens.
"""

from __future__ import annotations

from ...model import Token


def segment(state) -> None:
    """Replace every non-term token by its jieba words (offsets kept; texts join back exactly)."""
    out: list[Token] = []
    for token in state.tokens:
        if token.term is not None:
            out.append(token)
            continue
        pos = token.start
        for word in state.resources.tokenizer.cut(token.text, HMM=True):
            out.append(Token(word, pos))
            pos += len(word)
    state.tokens = out
