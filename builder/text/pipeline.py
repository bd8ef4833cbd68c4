"""The annotation pipeline: text → tokens with readings, terms and glosses.

Shaped like markdown-it-py's core: a list of named rules, each ``rule(state) -> None`` working on
``state.tokens``, run in order. Rules can be listed, disabled or tested one by one. A rule may also
have a ``many(states)`` form that does the same for several texts at once (``read`` batches the
context model that way); ``Pipeline.annotate_batch`` uses it.
The site build and ``python -m builder annotate`` both call ``Pipeline.annotate``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..model import Token
from .gcpause import cyclic_gc_paused
from .resources import Resources
from .rules.gloss import gloss
from .rules.names import proper_names
from .rules.neutral import neutral_tones
from .rules.read import read
from .rules.sandhi import sandhi
from .rules.segment import segment
from .rules.terms import find_terms
from .rules.words import word_division

Rule = Callable[["State"], None]

RULES: list[tuple[str, Rule]] = [
    ("terms", find_terms),
    ("segment", segment),
    ("read", read),
    ("neutral", neutral_tones),
    ("words", word_division),
    ("names", proper_names),
    ("sandhi", sandhi),
    ("gloss", gloss),
]


@dataclass
class State:
    """What the rules share: the text being annotated, the resources, and the token stream."""

    text: str
    resources: Resources
    tokens: list[Token] = field(default_factory=list)


class Pipeline:
    """Runs the rules in order. ``disabled`` names rules to skip (for tests and benchmarks)."""

    def __init__(self, resources: Resources, rules: list[tuple[str, Rule]] | None = None, disabled: tuple[str, ...] = ()):
        self.resources = resources
        self.rules = [(name, rule) for name, rule in (rules or RULES) if name not in disabled]

    def annotate(self, text: str) -> list[Token]:
        """Annotate ``text`` → ``list[Token]`` covering it exactly, in order (``"".join(t.text) == text``)."""
        state = State(text, self.resources)
        with cyclic_gc_paused():  # many objects, no cycles (builder.text.gcpause)
            for _name, rule in self.rules:
                rule(state)
        return state.tokens

    def annotate_batch(self, texts: list[str]) -> list[list[Token]]:
        """``annotate`` for each of ``texts``, rule by rule over all of them → one token list per text.

        A rule with a ``many(states)`` form runs once over every text (``read``: one batch of the
        context model for all of them); the others run text by text. The tokens are those
        ``annotate`` gives each text alone. Memory grows with the texts given: pass a bounded
        number (``builder.text.parallel.annotate_many`` does).
        """
        states = [State(text, self.resources) for text in texts]
        with cyclic_gc_paused():  # many objects, no cycles (builder.text.gcpause)
            for _name, rule in self.rules:
                many = getattr(rule, "many", None)
                if many is not None:
                    many(states)
                else:
                    for state in states:
                        rule(state)
        return [state.tokens for state in states]
