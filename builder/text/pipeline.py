"""The annotation pipeline: text → tokens with readings, terms and glosses.

Shaped like markdown-it-py's core: a list of named rules, each ``rule(state) -> None`` working on
``state.tokens``, run in order. Rules can be listed, disabled or tested one by one.
The site build and ``python -m builder annotate`` both call ``Pipeline.annotate``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..model import Token
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
        for _name, rule in self.rules:
            rule(state)
        return state.tokens
