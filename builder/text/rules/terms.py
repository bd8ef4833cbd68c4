"""Rule 1: every occurrence of a glossary headword or variant becomes one token.

Longest match wins (人类命运共同体 over 命运共同体 over 共同体): the pattern lists forms longest first,
and matching runs left to right without overlap. A lexicon word that holds a glossary form (an
organisation's name: 上海合作组织睦邻友好合作委员会) is in the pattern too and becomes a plain token,
so the name is not taken for the term inside it.
"""

from __future__ import annotations

from ...model import Token


def find_terms(state) -> None:
    """Split ``state.text`` into term tokens (``term``/``term_id`` set) and untokenized stretches."""
    text, pattern = state.text, state.resources.term_pattern
    tokens: list[Token] = []
    pos = 0
    for match in pattern.finditer(text) if pattern else ():
        if match.start() > pos:
            tokens.append(Token(text[pos:match.start()], pos))
        found = state.resources.glossary.by_form.get(match.group())
        if found is None:  # a name holding a term (content/readings.tsv): a word, not the term
            tokens.append(Token(match.group(), match.start()))
        else:
            tokens.append(Token(match.group(), match.start(), term=found[0].headword, term_id=found[0].id))
        pos = match.end()
    if pos < len(text):
        tokens.append(Token(text[pos:], pos))
    state.tokens = tokens
