"""Step 3: half-width punctuation in Chinese text → full-width (seed 000: ``,`` ``;`` ``!``).

Only where the context is Chinese: the nearest character on either side (spaces skipped) is Han
or Chinese punctuation. Left alone: ``,`` and ``:`` between digits (``1,000``, ``09:03``), a ``.``
that is not right after a Han character (``2.3``), anything between two Latin letters, and
brackets that hold no Han and do not follow a Han character (``(SCO)`` after a Latin word).
Straight double quotes become “…” when they pair up and hold Han text. Characters are replaced one for one,
so every character keeps its source line.
"""

from __future__ import annotations

from .model import Span, State
from .patterns import HAN_RE, SPACES, is_cjk, is_han, is_latin

FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] in SPACES:
        j += step
    return text[j] if 0 <= j < len(text) else ""


def full_width(span: Span) -> tuple[Span, int]:
    """→ (the span with half-width punctuation in Chinese context made full-width, number of changes)."""
    text = span.text
    if "\n" in text or not HAN_RE.search(text):
        return span, 0
    chars = list(text)

    stack: list[int] = []
    for i, c in enumerate(text):
        if c == "(":
            stack.append(i)
        elif c == ")":
            if stack:
                o = stack.pop()
                if HAN_RE.search(text[o + 1:i]) or is_han(_neighbour(text, o, -1)):
                    chars[o], chars[i] = "（", "）"
            elif is_cjk(_neighbour(text, i, -1)):
                chars[i] = "）"
    for o in stack:
        if is_cjk(_neighbour(text, o, 1)):
            chars[o] = "（"

    for i, c in enumerate(text):
        left, right = _neighbour(text, i, -1), _neighbour(text, i, 1)
        if c in FULL:
            if c in ",:" and left.isdigit() and right.isdigit():
                continue
            if (is_cjk(left) or is_cjk(right)) and not (is_latin(left) and is_latin(right)):
                chars[i] = FULL[c]
        elif c == "." and is_han(left):
            nxt = text[i + 1] if i + 1 < len(text) else ""
            if not (nxt.isascii() and nxt.isalnum()) and nxt != ".":
                chars[i] = "。"

    quotes = [i for i, c in enumerate(text) if c == '"']
    if len(quotes) % 2 == 0:
        for o, c in zip(quotes[::2], quotes[1::2]):
            if HAN_RE.search(text[o + 1:c]):
                chars[o], chars[c] = "“", "”"

    changes = sum(1 for a, b in zip(text, chars) if a != b)
    return (Span("".join(chars), span.lines), changes) if changes else (span, 0)


def rule(state: State) -> None:
    """Make the half-width punctuation of every text paragraph full-width where it is Chinese; every
    change is listed in the file's ``converted`` (line, old, new), for the flags."""
    for source in state.files:
        for p in source.paras:
            if p.kind == "text":
                before = p.span
                p.span, changes = full_width(before)
                if changes:
                    source.converted.extend((line, a, b) for a, b, line in zip(before.text, p.span.text, before.lines)
                                            if a != b)
                source.stats["half-width punctuation marks made full-width"] += changes
