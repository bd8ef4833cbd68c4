"""Steps 2 and 5: raw lines → paragraphs, and paragraphs cut by page breaks → whole paragraphs.

``unwrap`` (before punctuation is normalised): blank lines separate blocks. In a narrow block
(every line at most 40 characters: a newspaper column, seed 004) all lines are joined, since a
line ending in 。 may still be inside a paragraph. In a wide block a line that ends a sentence,
or a short title-like line, ends its paragraph. A line starting with a dateline or a continuation
marker always starts a new paragraph; a timestamp line stands alone. Lines are joined without a
space (a space only between two Latin letters).

``rejoin`` (after ``classify``): a text paragraph that does not end with terminal punctuation
or a closing quote was cut by a page break (``推`` / blank line / ``动疫苗``): the next paragraph
is joined to it, unless that one is a dateline, a marker or a headline. A title-like piece is a
heading and stays apart, unless it holds an enumeration comma (``…在政治、经济、安`` / ``全、人文…``):
headings rarely do, sentences cut short often do.
"""

from __future__ import annotations

from collections import Counter

from .model import Para, Span, State
from .patterns import PARA_END, SPACES, TIMESTAMP, is_latin, starts_new_paragraph, title_like

WRAP_WIDTH = 40


def glue(a: Span, b: Span) -> Span:
    """Join two pieces of one paragraph: no space, except between two Latin letters."""
    if a.text and b.text and is_latin(a.text[-1]) and is_latin(b.text[0]):
        return a + Span.of(" ", a.last_line) + b
    return a + b


def unwrap(text: str, stats: Counter | None = None) -> list[Para]:
    """Raw text → paragraphs (kind ``text``, or ``timestamp`` for a date-and-time line), with lines."""
    stats = stats if stats is not None else Counter()
    paras: list[Para] = []
    block: list[Span] = []

    def flush() -> None:
        if block:
            paras.extend(_join_block(block, stats))
            block.clear()

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip(SPACES + "\r\f\v")
        if not line:
            flush()
        elif TIMESTAMP.match(line):
            flush()
            paras.append(Para(Span.of(line, number), kind="timestamp"))
        else:
            block.append(Span.of(line, number))
    flush()
    return paras


def _join_block(lines: list[Span], stats: Counter) -> list[Para]:
    narrow = max(len(s) for s in lines) <= WRAP_WIDTH
    out: list[Para] = []
    current: Span | None = None
    for span in lines:
        if current is None:
            current = span
            continue
        ends = current.text[-1] in PARA_END or (title_like(current.text) and len(current) <= WRAP_WIDTH)
        if starts_new_paragraph(span.text) or (not narrow and ends):
            out.append(Para(current))
            current = span
        else:
            current = glue(current, span)
            stats["hard line breaks joined"] += 1
    out.append(Para(current))
    return out


def _open(p: Para) -> bool:
    text = p.text
    if p.jump is not None or p.closes or not text or text[-1] in PARA_END:
        return False
    # a title-like piece with an enumeration comma is the start of a sentence, not a heading
    return p.kind == "text" or (p.kind == "title" and "、" in text)


def _continues(paras: list[Para], i: int) -> bool:
    p = paras[i]
    if p.dateline is not None or p.marker is not None or p.kind not in ("text", "title"):
        return False
    if p.kind == "title":  # a headline after an unfinished article is not its continuation
        after = paras[i + 1] if i + 1 < len(paras) else None
        return after is not None and after.kind == "text" and after.dateline is None and after.marker is None
    return True


def rejoin(paras: list[Para], stats: Counter | None = None) -> list[Para]:
    """Join each paragraph cut by a page break to its continuation (see the module's docstring)."""
    stats = stats if stats is not None else Counter()
    out: list[Para] = []
    for i, p in enumerate(paras):
        if out and _open(out[-1]) and _continues(paras, i):
            prev = out[-1]
            out[-1] = Para(glue(prev.span, p.span), "text", prev.dateline, prev.marker, p.jump, p.closes)
            stats["page breaks inside paragraphs rejoined"] += 1
        else:
            out.append(p)
    return out


def unwrap_rule(state: State) -> None:
    """Fill each file's ``paras`` from its text."""
    for source in state.files:
        source.paras = unwrap(source.text, source.stats)


def rejoin_rule(state: State) -> None:
    """Rejoin the paragraphs of each file that page breaks cut."""
    for source in state.files:
        source.paras = rejoin(source.paras, source.stats)
