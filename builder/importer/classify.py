"""Step 4: say what each paragraph is: text, title, closing dateline, caption (``Para.kind``).

Also takes the structure out of the text, so later steps see it as data:
- a leading dateline (``新华社北京9月17日电``, ``据新华社电``, ``本报讯（记者 …）``) → ``Para.dateline``;
  a dateline that follows a sentence or a photo credit inside a run-on line (seed 002:
  ``…新华社记者丁林摄新华社北京月日电国家主席…``) starts a paragraph of its own;
- a leading ``(上接1版)`` → ``Para.marker``; a trailing ``(下转2版)`` → ``Para.jump``; a trailing
  ``（完）`` → ``Para.closes``;
- a paragraph made only of photo captions (``…新华社记者李学仁摄``) → kind ``caption``;
- a dateline with no text after it (the end of a speech) → kind ``closing``;
- a short line without sentence punctuation → kind ``title``.
"""

from __future__ import annotations

import re

from .model import Para, Span, State
from .patterns import CAPTION, END, JUMP, MARKER, SPACES, match_dateline, title_like

INNER_DATELINE = re.compile(r"(?<=[。！？”摄])(?=(?:据)?(?:新华社|中新社)|本报)")


def _split_at_datelines(span: Span) -> list[Span]:
    cuts = [0]
    for m in INNER_DATELINE.finditer(span.text):
        dateline = match_dateline(span, m.start())
        if dateline and m.start() + len(dateline.span) < len(span):
            cuts.append(m.start())
    cuts.append(len(span))
    return [span[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]


def captions(span: Span) -> list[Span]:
    """The photo captions that make up the whole of ``span``, else []."""
    units, pos = [], 0
    for m in CAPTION.finditer(span.text):
        if m.start() != pos:
            return []
        units.append(span[m.start():m.end()].strip(SPACES))
        pos = m.end()
    return units if units and pos == len(span.text) else []


def _page(digits: str) -> str:
    return digits.translate(str.maketrans("０１２３４５６７８９", "0123456789")) + "版"


def classify_one(span: Span) -> Para:
    """One paragraph's text → a Para with its kind, dateline and markers."""
    p = Para(span)
    if m := MARKER.match(span.text):
        p.marker = _page(m.group("page"))
        span = span[m.end():].strip(SPACES)
    if m := JUMP.search(span.text):
        p.jump = _page(m.group("page"))
        span = span[:m.start()].strip(SPACES)
    if m := END.search(span.text):
        p.closes = True
        span = span[:m.start()].strip(SPACES)
    if dateline := match_dateline(span):
        p.dateline = dateline
        span = span[len(dateline.span):].strip(SPACES)
    p.span = span
    if not span.text and (p.dateline or p.closes):
        p.kind = "closing"
    elif p.dateline or p.marker:
        p.kind = "text"
    elif units := captions(span):
        p.kind, p.captions = "caption", units
    elif title_like(span.text):
        p.kind = "title"
    return p


def classify(paras: list[Para]) -> list[Para]:
    """Paragraphs of kind ``text`` (as ``unwrap`` gives them) → classified paragraphs."""
    out: list[Para] = []
    for p in paras:
        if p.kind != "text":
            out.append(p)
            continue
        out.extend(classify_one(piece) for piece in _split_at_datelines(p.span))
    return out


def rule(state: State) -> None:
    """Classify the paragraphs of every file."""
    for source in state.files:
        source.paras = classify(source.paras)
