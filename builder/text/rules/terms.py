"""Rule 1: every occurrence of a glossary headword or variant becomes one token.

Longest match wins (人类命运共同体 over 命运共同体 over 共同体): the pattern lists forms longest first,
and matching runs left to right without overlap.
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
        term, _form = state.resources.glossary.by_form[match.group()]
        tokens.append(Token(match.group(), match.start(), term=term.headword, term_id=term.id))
        pos = match.end()
    if pos < len(text):
        tokens.append(Token(text[pos:], pos))
    state.tokens = tokens
