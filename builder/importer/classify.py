"""Step 4: say what each paragraph is: text, title, closing dateline, caption (``Para.kind``).

Also takes the structure out of the text, so later steps see it as data:
- a leading dateline (``新华社北京9月17日电``, ``据新华社电``, ``本报讯（记者 …）``) → ``Para.dateline``;
  a dateline that follows a sentence or a photo credit inside a run-on line (seed 002:
  ``…新华社记者丁林摄新华社北京月日电国家主席…``) starts a paragraph of its own;
- a leading ``(上接1版)`` → ``Para.marker``; a trailing ``(下转2版)`` → ``Para.jump``; a trailing
  ``（完）`` → ``Para.closes``;
- a paragraph made only of photo captions (``…新华社记者李学仁摄``) → kind ``caption``;
- a dateline with no text after it (the end of a speech) → kind ``closing``;
- a web page's chrome or credit line (``来源：新华网``, ``【字号 大 中 小】``, ``相关阅读``,
  ``责任编辑：刘洋``) → kind ``meta``; an editor's credit closes the article above it;
- a byline line (``新华社记者 郝薇薇 黄河``, ``本报评论员``) → kind ``byline``;
- a speech's date line (``（2022年9月16日，撒马尔罕）``) and a numbered section heading standing
  alone (``第四，加强人文交流``, ``一、国际形势``) → kind ``title``, ``role`` ``date`` / ``section``;
- a short line without sentence punctuation → kind ``title``, with its ``role`` when it has one
  (``occasion``, ``speaker``, ``subtitle``, ``column``, ``book``);
- ``谢谢大家。`` ends a speech: ``closes``.
"""

from __future__ import annotations

import re

from .model import Para, Span, State
from .patterns import (BYLINE, CAPTION, COLUMN, DATE_LINE, EDITOR, END, JUMP, MARKER, META, OCCASION, SPACES, SPEAKER,
                       SUBTITLE, THANKS, match_dateline, section_heading, title_like)

BOOK = re.compile(r"^《[^《》]+》$")
ROLES = [("occasion", OCCASION), ("speaker", SPEAKER), ("subtitle", SUBTITLE), ("column", COLUMN), ("book", BOOK)]

INNER_DATELINE = re.compile(r"(?<=[。！？”摄])(?=(?:据)?(?:新华社|中新社)|本报)")


def _split_at_datelines(span: Span) -> list[Span]:
    cuts = [0]
    for m in INNER_DATELINE.finditer(span.text):
        dateline = match_dateline(span, m.start())
        if dateline and m.start() + len(dateline.span) < len(span):
            cuts.append(m.start())
    cuts.append(len(span))
    return [span[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]


CAPTION_MAX = 300
"""A photo caption is short: a paragraph piece longer than this is not one (and is not tried)."""


def captions(span: Span) -> list[Span]:
    """The photo captions that make up the whole of ``span``, else [] (each ends with ``…记者…摄``).

    Linear in the length of ``span``: only text that ends with 摄 is tried, and each caption at
    most ``CAPTION_MAX`` characters long."""
    text = span.text
    if not text.rstrip(SPACES).endswith("摄"):
        return []
    units, start = [], 0
    for pos in (i for i, c in enumerate(text) if c == "摄"):
        if pos - start > CAPTION_MAX:
            return []
        if CAPTION.fullmatch(text, start, pos + 1):
            units.append(span[start:pos + 1].strip(SPACES))
            start = pos + 1
    return units if units and not text[start:].strip(SPACES) else []


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
    text = span.text
    line_like = len(text) <= 64 and "。" not in text
    if not text and (p.dateline or p.closes):
        p.kind = "closing"
    elif p.dateline or p.marker:
        p.kind = "text"
    elif line_like and META.match(text):
        p.kind, p.closes = "meta", bool(EDITOR.match(text))
    elif line_like and BYLINE.match(text):
        p.kind = "byline"
    elif units := captions(span):
        p.kind, p.captions = "caption", units
    elif DATE_LINE.match(text):
        p.kind, p.role = "title", "date"
    elif section_heading(text):
        p.kind, p.role = "title", "section"
    elif title_like(text):
        p.kind = "title"
        p.role = next((role for role, pattern in ROLES if pattern.match(text)), "")
    elif THANKS.match(text):
        p.closes, p.role = True, "thanks"
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
