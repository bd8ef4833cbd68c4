"""Steps 2 and 5: raw lines → paragraphs, and paragraphs cut by page breaks → whole paragraphs.

``unwrap`` (before punctuation is normalised): blank lines separate blocks. In a narrow block
(every line at most 40 characters: a newspaper column, seed 004) lines are joined, since a
line ending in 。 may still be inside a paragraph; an indented line starts a paragraph when the
other lines are not indented, and a heading on a line of its own stays apart. In a wide block a
line that ends a sentence, or a short title-like line, ends its paragraph. A line starting with a
dateline, a continuation marker, a byline, a speech's date, occasion or speaker line, a web page's
credit line or a numbered section always starts a new paragraph; a timestamp line stands alone.
Lines are joined without a space (a space only between two Latin letters).

``rejoin`` (after ``classify``): a text paragraph that does not end with terminal punctuation
or a closing quote was cut by a page break (``推`` / blank line / ``动疫苗``): the next paragraph
is joined to it, unless that one is a dateline, a marker or a headline. A title-like piece is a
heading and stays apart, unless it holds an enumeration comma (``…在政治、经济、安`` / ``全、人文…``):
headings rarely do, sentences cut short often do.
"""

from __future__ import annotations

import re
from collections import Counter

from .model import Para, Span, State
from .patterns import (PARA_END, SPACES, TIMESTAMP, display_width, is_han, is_latin, section_heading, starts_new_paragraph,
                       title_like)

WRAP_WIDTH = 40
SHORT = 4
"""A line of a column narrower than its widest line by this many columns (two Han characters) stops short."""


def glue(a: Span, b: Span) -> Span:
    """Join two pieces of one paragraph: no space, except between two Latin letters."""
    return join_lines([a, b])


def join_lines(pieces: list[Span]) -> Span:
    """Join the pieces of one paragraph in one pass (linear in their total length): no space between
    them, except one between two Latin letters."""
    text: list[str] = []
    lines: list[int] = []
    last = ""
    for piece in pieces:
        if not piece.text:
            continue
        if last and is_latin(last) and is_latin(piece.text[0]):
            text.append(" ")
            lines.append(lines[-1])
        text.append(piece.text)
        lines.extend(piece.lines)
        last = piece.text[-1]
    return Span("".join(text), tuple(lines))


INDENT = re.compile(f"^(?:\u3000|[{SPACES}]{{2,}})")


def unwrap(text: str, stats: Counter | None = None) -> list[Para]:
    """Raw text → paragraphs (kind ``text``, or ``timestamp`` for a date-and-time line), with lines."""
    stats = stats if stats is not None else Counter()
    paras: list[Para] = []
    block: list[tuple[Span, bool]] = []

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
            block.append((Span.of(line, number), bool(INDENT.match(raw))))
    flush()
    return paras


def _heading(text: str) -> bool:
    return (title_like(text) and len(text) <= WRAP_WIDTH) or section_heading(text)


def _sentence_end(text: str) -> bool:
    return text[-1] in PARA_END or (text[-1] == "." and len(text) > 1 and is_han(text[-2]))


def _join_block(lines: list[tuple[Span, bool]], stats: Counter) -> list[Para]:
    """One block of lines (no blank line between them) → its paragraphs.

    A line starts a paragraph when ``starts_new_paragraph`` says so. In a wide block a line that ends
    a sentence or is a short heading ends its paragraph. In a narrow column (every line at most 40
    characters), where a line ending in 。 may still be inside a paragraph, lines are joined, except:
    a numbered section heading (``一、国际形势``) stands on its own line; and in a column that indents
    its paragraphs (some lines indented, others not), an indented line starts a paragraph, and an
    unindented heading that stops short of the column's edge, after a sentence's end or another
    heading, stands on its own line (headlines, subtitles and section headings between articles).
    """
    narrow = max(len(s) for s, _ in lines) <= WRAP_WIDTH
    width = max(display_width(s.text) for s, _ in lines)
    uses_indent = narrow and any(i for _, i in lines) and not all(i for _, i in lines)
    out: list[Para] = []
    current: list[Span] = []
    alone = False  # the paragraph so far is a heading standing on its own line

    def heading_line(span: Span, indent: bool) -> bool:
        return uses_indent and not indent and _heading(span.text) and display_width(span.text) < width - SHORT

    for span, indent in lines:
        if current:
            previous = current[-1].text
            if not narrow:
                new = _sentence_end(previous) or _heading(previous)
            else:
                new = alone or (uses_indent and (indent or (heading_line(span, indent) and _sentence_end(previous))))
            if new or starts_new_paragraph(span.text):
                out.append(Para(join_lines(current)))
                current = []
            else:
                stats["hard line breaks joined"] += 1
        alone = not current and (section_heading(span.text) or heading_line(span, indent))
        current.append(span)
    out.append(Para(join_lines(current)))
    return out


def _open(p: Para) -> bool:
    text = p.text
    if p.jump is not None or p.closes or not text or text[-1] in PARA_END or p.role:
        return False
    # a title-like piece with an enumeration comma is the start of a sentence, not a heading
    return p.kind == "text" or (p.kind == "title" and "、" in text)


def _continues(paras: list[Para], i: int) -> bool:
    p = paras[i]
    if p.dateline is not None or p.marker is not None or p.kind not in ("text", "title") or p.role:
        return False
    if p.kind == "title":  # a headline after an unfinished article is not its continuation
        after = paras[i + 1] if i + 1 < len(paras) else None
        return after is not None and after.kind == "text" and after.dateline is None and after.marker is None
    return True


def rejoin(paras: list[Para], stats: Counter | None = None, joins: list[int] | None = None) -> list[Para]:
    """Join each paragraph cut by a page break to its continuation (see the module's docstring);
    the line where each cut paragraph ended is appended to ``joins``."""
    stats = stats if stats is not None else Counter()
    out: list[Para] = []
    for i, p in enumerate(paras):
        if out and _open(out[-1]) and _continues(paras, i):
            prev = out[-1]
            out[-1] = Para(glue(prev.span, p.span), "text", prev.dateline, prev.marker, p.jump, p.closes)
            stats["page breaks inside paragraphs rejoined"] += 1
            if joins is not None:
                joins.append(prev.last_line)
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
        source.paras = rejoin(source.paras, source.stats, source.rejoined)
