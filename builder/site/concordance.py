"""The concordance: every occurrence of every glossary term, with a sentence snippet and its anchor.

Anchors are ``t-<term id>-<n>`` (n counts that term's occurrences on the page from 1), set on the
term's element in the summit page, so the glossary page can link to the exact spot.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..model import Paragraph, Summit
from ..text.sentences import sentence_span

SNIPPET_SIDE = 28  # characters of context on each side at most, in characters


@dataclass
class Occurrence:
    """One occurrence: where it is (summit, anchor) and the sentence around it (before, form, after)."""

    term_id: str
    summit: Summit
    kind: str
    anchor: str
    before: str
    form: str
    after: str


def sentence_around(text: str, start: int, end: int, side: int = SNIPPET_SIDE) -> tuple[str, str]:
    """The rest of the sentence before ``start`` and after ``end``, each cut to ``side`` characters ("…" where cut)."""
    first, last = sentence_span(text, start, end)
    before = text[max(first, start - side - 1):start]  # never copy more of a long sentence
    after = text[end:min(last, end + side + 1)]
    if len(before) > side:
        before = "…" + before[-side:]
    if len(after) > side:
        after = after[:side] + "…"
    return before, after


def assign_anchors(summit: Summit) -> list[Occurrence]:
    """Number the term occurrences of an annotated summit page and return them in page order.

    Sets nothing on the tokens; the renderer asks ``anchor_of`` for each term token.
    """
    counts: Counter[str] = Counter()
    found: list[Occurrence] = []
    for article in summit.articles:
        for paragraph in [article.heading, *article.paragraphs]:
            text = paragraph.text  # one string per paragraph: its sentence index is built once
            for token in paragraph.tokens:
                if token.term_id is None:
                    continue
                counts[token.term_id] += 1
                before, after = sentence_around(text, token.start, token.end)
                found.append(Occurrence(token.term_id, summit, article.kind, f"t-{token.term_id}-{counts[token.term_id]}",
                                        before, token.text, after))
    return found


def anchors_by_token(occurrences: list[Occurrence], paragraphs: list[Paragraph]) -> dict[int, str]:
    """``{id(token): anchor}`` for the term tokens of ``paragraphs``, in the order of ``occurrences``."""
    term_tokens = [t for p in paragraphs for t in p.tokens if t.term_id is not None]
    return {id(t): occ.anchor for t, occ in zip(term_tokens, occurrences)}
