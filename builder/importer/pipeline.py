"""The importer's steps in order, like markdown-it's core ruler: each rule is ``rule(state) -> None``.

    decode     bytes → text (UTF-8, GB18030/GBK); bad input stops here, before anything is written
    unwrap     lines → paragraphs (hard line breaks joined, timestamps apart)
    punctuation  half-width → full-width in Chinese context
    classify   datelines, markers, captions, title lines
    rejoin     paragraphs cut by page breaks joined
    spaces     stray spaces removed, title spaces kept
    split      paragraphs → articles; headline-only lines
    join       (上接…) fragments joined to their (下转…) articles
    splice     tails that belong to another article split off
    number     ids STEM-NN
    flags      damaged text flagged
    topic      mentions_sco
    infer      what each text states about the meeting: kind, number, date, place, format, chair, speech title
    dedupe     near-duplicates and fragments grouped; one copy kept; content/ compared
    draft      Markdown drafts rendered (not yet written)
    page       a summit page draft per meeting, guesses and gaps marked # CHECK (not yet written)

Rules can be listed, left out or reordered by name (``run_rules(state, skip={"flags"})``).
"""

from __future__ import annotations

from typing import Callable

from . import classify, decode, dedupe, draft, flags, infer, join, page, punctuation, reflow, spaces, split, topic
from .model import State

Rule = Callable[[State], None]

RULES: list[tuple[str, Rule]] = [
    ("decode", decode.rule),
    ("unwrap", reflow.unwrap_rule),
    ("punctuation", punctuation.rule),
    ("classify", classify.rule),
    ("rejoin", reflow.rejoin_rule),
    ("spaces", spaces.rule),
    ("split", split.rule),
    ("join", join.rule),
    ("splice", dedupe.splice_rule),
    ("number", split.number),
    ("flags", flags.rule),
    ("topic", topic.rule),
    ("infer", infer.rule),
    ("dedupe", dedupe.rule),
    ("draft", draft.rule),
    ("page", page.rule),
]


def run_rules(state: State, skip: frozenset[str] | set[str] = frozenset()) -> State:
    """Apply every rule (except those named in ``skip``) to ``state``, in order; → the same state.

    Raises ContentError (from ``decode``) for input that is not Chinese text.
    """
    for name, rule in RULES:
        if name not in skip:
            rule(state)
    return state
