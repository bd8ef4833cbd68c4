"""Step 11: find text that looks damaged and flag it, with its line. Nothing is "fixed" here.

Damage (these decide which copy of a reprinted article is kept):
- ``latin-word``: a Latin word between two Han characters (seed 000: ``发展 and 人类`` for 和);
  all-capital acronyms (``APEC``, ``G20``) are not flagged;
- ``missing-digits``: a date frame or a count with no number in it (seed 002: ``月日晚``, ``日晚``,
  ``成立周年``, ``未来年``, ``提供名青年``), and a dateline with an empty date (``新华社北京月日电``);
- ``missing-quotes``: a term that is always quoted written bare (``上海精神``, ``三股势力``,
  ``一带一路``), a title after 题为 without 《》;
- ``stripped``: an article of 600 characters or more with no digits, no enumeration commas or no
  quotation marks and title brackets at all (two of the three: punctuation was stripped);
- ``unbalanced``: a paragraph whose “” 《》 or （） do not pair up (an unclosed “ is allowed when
  the next paragraph opens with “, the usual way of quoting several paragraphs);
- ``open-end``: the article stops mid-sentence.
Notes: ``hyphen`` (``中国-上海``: a dash or full-width hyphen is usual), ``long-paragraph`` (1,000
characters or more: paragraph breaks were lost), ``no-headline``, ``captions``.
What the cleaning changed, so a person can check it: ``full-width`` (one flag per line: every
half-width mark made full-width there) and ``rejoined`` (a paragraph cut by a page break was joined
to the next one: the two halves are one paragraph now).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter

from .model import Article, Flag, Para, SourceFile, Span, State
from .patterns import HAN, PARA_END, SPACES, is_han

NUMERALS = "0-9０-９〇一二三四五六七八九十百千两"
MISSING_DIGITS = [
    re.compile(f"(?<![{NUMERALS}])月日(?=[晚电上下凌早午中前后，、起至到])|^月日"),
    re.compile(f"(?<![{NUMERALS}今昨明当近节每前次本同连终整半生假])日(?=晚|上午|下午|凌晨|早晨|晚间)"),
    re.compile(f"(?<![{NUMERALS}多几])周年"),
    re.compile("(?:未来|过去|今后)(?:年|个月)"),
    re.compile(f"(?:提供|派出|邀请|资助|接收|新增|超过|达到|增加到|增至|培养)(?:名|个|所|项|位|次|亿|万)(?={HAN})"),
    re.compile("第(?=[届次个])"),
]
ALWAYS_QUOTED = ("上海精神", "三股势力", "一带一路")
BARE_TITLE = re.compile("题为(?![《“])")
LATIN_WORD = re.compile(r"[A-Za-z]+(?:['-][A-Za-z]+)*")
HYPHEN = re.compile(f"(?<={HAN})-(?={HAN})")
PAIRS = (("“", "”"), ("《", "》"), ("（", "）"))
LONG_PARAGRAPH = 1000
STRIPPED_MIN = 600


def _context(text: str, start: int, end: int, width: int = 6) -> str:
    return ("…" if start > width else "") + text[max(0, start - width):end + width] + ("…" if end + width < len(text) else "")


def _neighbour(text: str, i: int, step: int) -> str:
    while 0 <= i < len(text) and text[i] in SPACES:
        i += step
    return text[i] if 0 <= i < len(text) else ""


def digit_flags(span: Span, start: int = 0) -> list[Flag]:
    """``missing-digits`` flags for the text of ``span`` from ``start`` on."""
    text = span.text[start:]
    found = sorted((m.start(), m.end()) for pattern in MISSING_DIGITS for m in pattern.finditer(text))
    flags, covered = [], -1
    for a, b in found:
        if a > covered:  # one flag for 月日晚, not one for 月日 and one for 日晚
            flags.append(Flag("missing-digits", span.line_at(start + a),
                              f"a number seems to be missing: {_context(text, a, b)}"))
        covered = max(covered, b)
    return flags


def paragraph_flags(p: Para, next_para: Para | None = None) -> list[Flag]:
    """The flags of one paragraph (its dateline included)."""
    flags: list[Flag] = []
    span = p.rendered()
    text = span.text
    if p.dateline is not None and p.dateline.digits_missing:
        flags.append(Flag("missing-digits", p.dateline.span.first_line,
                          f"the dateline {p.dateline.text} has the frame of a date but no digits"))
    flags.extend(digit_flags(span, len(p.dateline.span) if p.dateline is not None else 0))
    for term in ALWAYS_QUOTED:
        for m in re.finditer(term, text):
            if text[max(0, m.start() - 1):m.start()] not in ("“", "‘"):
                flags.append(Flag("missing-quotes", span.line_at(m.start()),
                                  f"{term} without quotation marks: {_context(text, m.start(), m.end())}"))
    for m in BARE_TITLE.finditer(text):
        flags.append(Flag("missing-quotes", span.line_at(m.start()),
                          f"a title after 题为 without 《》: {_context(text, m.start(), m.end() + 8)}"))
    for m in LATIN_WORD.finditer(text):
        word = m.group(0)
        if word == word.upper():
            continue
        if is_han(_neighbour(text, m.start() - 1, -1)) and is_han(_neighbour(text, m.end(), 1)):
            flags.append(Flag("latin-word", span.line_at(m.start()),
                              f"the Latin word '{word}' inside a Chinese sentence: {_context(text, m.start(), m.end())}"))
    for m in HYPHEN.finditer(text):
        flags.append(Flag("hyphen", span.line_at(m.start()),
                          f"a hyphen between Chinese words ({_context(text, m.start(), m.end(), 4)}): "
                          f"a dash (—) or a full-width hyphen (－) is usual"))
    for opening, closing in PAIRS:
        opened, closed = text.count(opening), text.count(closing)
        continued = opening == "“" and opened == closed + 1 and next_para is not None and next_para.text.startswith("“")
        if opened != closed and not continued:
            flags.append(Flag("unbalanced", span.first_line,
                              f"{opened} {opening} but {closed} {closing} in the paragraph: {_context(text, 0, 12)}"))
    if len(text) >= LONG_PARAGRAPH:
        flags.append(Flag("long-paragraph", span.first_line,
                          f"a paragraph of {len(text)} characters: the source lost its paragraph breaks; divide it by hand"))
    return flags


def article_flags(article: Article) -> list[Flag]:
    """The flags of one article: its paragraphs', then those of the whole."""
    flags: list[Flag] = []
    texts = [p for p in article.paras if p.kind in ("text", "title")]
    for i, p in enumerate(article.paras):
        if p.kind in ("text", "title", "closing"):
            nxt = article.paras[i + 1] if i + 1 < len(article.paras) else None
            flags.extend(paragraph_flags(p, nxt))
    body = "".join(p.text for p in texts)
    if len(body) >= STRIPPED_MIN:
        absent = []
        if not re.search("[0-9０-９]", body):
            absent.append("no digits")
        if "、" not in body:
            absent.append("no enumeration commas (、)")
        if not any(c in body for c in "“”‘’《》"):
            absent.append("no quotation marks or title brackets")
        if len(absent) >= 2:
            flags.append(Flag("stripped", article.first_line,
                              f"{', '.join(absent)} in {len(body)} characters: they were probably stripped"))
    last = article.paras[-1] if article.paras else None
    if last is not None and last.kind == "text" and not article.jump and last.text[-1:] not in PARA_END:
        flags.append(Flag("open-end", last.last_line,
                          f"the article stops mid-sentence ({_context(last.text, len(last.text), len(last.text), 10)}): "
                          f"the rest is missing"))
    if article.title is None:
        flags.append(Flag("no-headline", article.first_line, "no headline above the article, and none found for it"))
    for caption in article.captions:
        flags.extend(digit_flags(caption))
    if article.captions:
        flags.append(Flag("captions", article.captions[0].first_line,
                          f"{len(article.captions)} photo caption(s) kept out of the body (see captions)"))
    return flags


def change_flags(article: Article, files: dict[str, SourceFile]) -> list[Flag]:
    """``full-width`` and ``rejoined`` flags for what the cleaning steps changed on the article's lines."""
    flags: list[Flag] = []
    for name, first, last in article.parts:
        source = files.get(name)
        if source is None:
            continue
        lines = [line for line, _, _ in source.converted]
        by_line: dict[int, Counter] = {}
        for line, old, new in source.converted[bisect_left(lines, first):bisect_right(lines, last)]:
            by_line.setdefault(line, Counter())[f"{old} → {new}"] += 1
        for line, marks in by_line.items():
            listed = ", ".join(f"{m} ×{n}" if n > 1 else m for m, n in marks.items())
            flags.append(Flag("full-width", line, f"{sum(marks.values())} half-width mark(s) made full-width: {listed}"))
        for line in source.rejoined[bisect_left(source.rejoined, first):bisect_right(source.rejoined, last)]:
            flags.append(Flag("rejoined", line, f"the paragraph ending on line {line} was cut (no sentence end): "
                                                f"it was joined to the next one; check that they are one paragraph"))
    return flags


def rule(state: State) -> None:
    """Add the damage flags, notes and change flags of every article to its ``flags`` (kept in line order)."""
    files: dict[str, SourceFile] = {}
    for source in state.files:
        files.setdefault(source.name, source)
    for article in state.articles:
        article.flags.extend(article_flags(article))
        article.flags.extend(change_flags(article, files))
        article.flags.sort(key=lambda f: f.line)
