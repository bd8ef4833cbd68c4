"""Where a sentence begins and ends: shared by the concordance snippets and the context model."""

from __future__ import annotations

#: Full-width and half-width sentence ends, and a line break.
SENTENCE_END = frozenset("。！？；!?;\n")


def sentence_span(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The span ``(first, last)`` of the sentence of ``text`` holding ``text[start:end]``.

    Offsets in characters; the sentence keeps its own final punctuation. ``end`` defaults to ``start``.
    """
    first = start
    while first > 0 and text[first - 1] not in SENTENCE_END:
        first -= 1
    last = start if end is None else end
    while last < len(text) and text[last] not in SENTENCE_END:
        last += 1
    return first, min(last + 1, len(text))
