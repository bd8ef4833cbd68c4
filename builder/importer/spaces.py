"""Step 6: stray spaces out, meaningful spaces kept.

In running text a space next to a Han character or Chinese punctuation goes (``100 多个``,
``全 体 会 议 精 神 ，提 高``); a space next to a Latin letter or half-width punctuation (which is
Latin text's, once ``punctuation`` has run) stays (``Xi Jinping``, ``(SCO). 他说``, and the
flagged ``发展 and 人类``), as does one between two digits. In a title-like line and inside 《》
a space between two phrases stays (``不忘初心 砥砺前行 开启…``, ``中华人民共和国主席 习近平``),
unless one side is a single spaced-out character or a digit; so does one between the names of a
reporters' credit in brackets (``（记者 杨依军 冯歆然）``). A dateline is not touched (it is
held apart from the text by ``classify``). Runs of spaces become one space.
"""

from __future__ import annotations

import re

from .model import Span, State
from .patterns import SPACES, is_cjk, is_han, is_latin

SPACE_RUN = re.compile(f"[{SPACES}]+")
TITLE_IN_TEXT = re.compile(r"《[^《》]*》|[（(](?:新华社|中新社|本报)?(?:特约)?记者[^（()）]{1,40}[）)]")
OPENERS, CLOSERS = "“‘《（", "”’》）"
LATIN_PUNCT = set(".,;:!?)\"'")  # still half-width after ``punctuation``: it belongs to Latin text


def _han_run(text: str, i: int, step: int) -> int:
    n = 0
    while 0 <= i < len(text) and is_han(text[i]):
        n += 1
        i += step
    return n


def _keep(text: str, start: int, end: int, title: bool) -> bool:
    if start == 0 or end == len(text):
        return False
    left, right = text[start - 1], text[end]
    if is_latin(left) or is_latin(right) or left in LATIN_PUNCT or right in "(\"'":
        return True
    if title and (is_han(left) or left in CLOSERS) and (is_han(right) or right in OPENERS):
        spaced_out = (is_han(left) and _han_run(text, start - 1, -1) == 1) or \
                     (is_han(right) and _han_run(text, end, 1) == 1)
        return not spaced_out
    return not (is_cjk(left) or is_cjk(right))


def clean(span: Span, title: bool = False) -> tuple[Span, int]:
    """→ (the span without stray spaces, number of space runs removed). ``title``: a title-like line."""
    if not SPACE_RUN.search(span.text):
        return span, 0
    text = span.text
    in_title = [False] * len(text)
    for m in TITLE_IN_TEXT.finditer(text):
        in_title[m.start():m.end()] = [True] * (m.end() - m.start())
    removed = 0

    def repl(m: re.Match) -> str:
        nonlocal removed
        if _keep(text, m.start(), m.end(), title or in_title[m.start()]):
            return " "
        removed += 1
        return ""

    new, _ = span.sub(SPACE_RUN, repl)
    return new, removed


def rule(state: State) -> None:
    """Remove the stray spaces of every text and title paragraph and caption (datelines untouched)."""
    for source in state.files:
        for p in source.paras:
            if p.kind in ("text", "title"):
                p.span, n = clean(p.span, title=p.kind == "title")
                source.stats["stray spaces removed"] += n
            elif p.kind == "caption":
                cleaned = [clean(c) for c in p.captions]
                p.captions = [c for c, _ in cleaned]
                source.stats["stray spaces removed"] += sum(n for _, n in cleaned)
