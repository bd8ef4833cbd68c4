"""Rule 4: terms get their glossary English as gloss. Other words keep ``gloss = None``."""

from __future__ import annotations


def gloss(state) -> None:
    glossary = state.resources.glossary
    for token in state.tokens:
        if token.term_id is not None:
            token.gloss = glossary.by_id[token.term_id].english
