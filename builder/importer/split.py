"""Steps 7 and 10: one file's paragraphs → articles, the headline-only lines left over; article ids.

An article starts at
- a run of title lines directly followed by a dateline paragraph: the first title is the
  headline, the others (subtitle, occasion line) are the first paragraphs of the body;
- a dateline paragraph with no title run above it (seed 004 starts with its dateline);
- a continuation marker ``(上接1版)``;
- a byline line (``新华社记者 郝薇薇 黄河``), with the title run above it if there is one: a
  commentary or feature often has a byline and no dateline, sometimes no headline either;
- a run of title lines followed by text, when the run says it opens an article: a speech's
  occasion, date or speaker line (``——在…上的讲话``, ``（2022年9月16日）``, ``中华人民共和国主席 习近平``),
  a subtitle (``——…``), a column label (``新华时评：…``), a title in 《》 alone, two or more
  headline lines, or a salutation (``尊敬的…``) right after the run;
- a run of title lines that follows a closed article (one that ended with a closing dateline,
  （完）, an editor's credit or ``谢谢大家。``) or starts the file, followed by text.
Any other run of title lines inside an open article, followed by text, is a section heading and
stays in the body (the 解读 in seed 001), as do numbered section headings (``一、国际形势``). A run of
title lines followed by nothing is a list of headline-only lines (seed 004 ends with its page's
headlines): those are ``orphans``, and each one that clearly matches a nearby article without a
headline of its own (most of its character pairs occur in it) becomes that article's title, noted
in ``title_from``. A web page's chrome and credit lines (``meta``) go with the article they stand
by (an editor's credit with the one above it, the others with the one below), out of the body.
"""

from __future__ import annotations

from bisect import bisect_left

from .model import Article, Flag, Para, SourceFile, State
from .patterns import SALUTATION, STAMP_IN_LINE, is_han

MATCH = 0.6
NEARBY = 10
"""Headline-only lines are matched with the articles at most this many places before or after them."""
OPENING_ROLES = {"occasion", "date", "speaker", "subtitle", "column", "book"}


def opens_article(run: list[Para], after: Para) -> bool:
    """Does the run of title lines ``run``, followed by the text paragraph ``after``, open an article
    (rather than head a section of the article before it)? See the module's docstring."""
    if any(p.role in OPENING_ROLES for p in run) or SALUTATION.match(after.text):
        return True
    return sum(1 for p in run if p.role != "section") >= 2


def split(paras: list[Para], source: str) -> tuple[list[Article], list[Para]]:
    """Classified paragraphs of file ``source`` → (articles in order, headline-only title lines)."""
    articles: list[Article] = []
    pending: list[Para] = []
    stamps: list[str] = []
    metas: list[str] = []
    current: Article | None = None

    def start(run: list[Para]) -> Article:
        article = Article(source=source, headline=run[0] if run else None, paras=list(run[1:]))
        article.title = run[0].text if run else None
        if stamps:
            article.timestamp = stamps.pop()
        article.meta, metas[:] = list(metas), []
        articles.append(article)
        return article

    def has_text(a: Article) -> bool:
        return any(p.kind == "text" for p in a.paras)

    def stamp(text: str) -> None:
        if current is None or pending or current.closed:
            stamps.append(text)
        else:
            current.timestamp = text

    for p in paras:
        if p.kind == "title":
            pending.append(p)
            continue
        if p.kind == "timestamp":
            stamp(p.span.text)
            continue
        if p.kind == "meta":
            if m := STAMP_IN_LINE.search(p.text):
                stamp(m.group(0))
            if p.closes and current is not None and not pending:
                current.meta.append(p.text)
                current.closed = True
            else:
                metas.append(p.text)
            continue
        if p.kind == "caption":
            if current is None or pending or current.closed:
                current, pending = start(pending), []
            current.captions.extend(p.captions)
            continue
        if p.kind == "closing":
            if current is None:
                current = start(pending)
            else:
                current.paras.extend(pending)
            pending = []
        elif p.marker is not None:
            current, pending = start(pending), []
            current.continues = p.marker
        elif p.kind == "byline" or p.dateline is not None:
            if pending or current is None or current.closed or has_text(current):
                current, pending = start(pending), []
            if p.kind == "byline" and current.byline is None:
                current.byline = p.text
        elif pending:
            if current is None or current.closed or opens_article(pending, p):
                current = start(pending)
            else:
                current.paras.extend(pending)
            pending = []
        elif current is None or current.closed:
            current = start([])
        current.paras.append(p)
        if p.kind == "closing" or p.closes:
            current.closed = True
        if p.jump:
            current.jump, current.closed = p.jump, True
    if metas and articles:
        articles[-1].meta.extend(metas)
    # a headline with nothing but captions under it is a headline-only line too; captions with no
    # article are kept as captions of the article before them (or after, at the start of a file)
    orphans = [a.headline for a in articles if not a.paras and a.headline is not None] + pending
    kept = [a for a in articles if a.paras]
    for a in articles:
        if not a.paras and a.captions and kept:
            at = a.captions[0].first_line
            host = next((k for k in reversed(kept) if k.first_line < at), kept[0])
            host.captions.extend(a.captions)
    return kept, sorted(orphans, key=lambda p: p.first_line)


def _bigrams(text: str) -> set[str]:
    han = "".join(c for c in text if is_han(c))
    return {han[i:i + 2] for i in range(len(han) - 1)}


def assign_orphans(articles: list[Article], orphans: list[Para]) -> dict[int, Article]:
    """Give articles without a headline the headline-only line that matches them → {orphan index: article}.

    Only articles near the line (``NEARBY`` places before or after it in the file) are tried: a page's
    headline list names the articles on that page. That keeps the work linear in the file's length."""
    scores = []
    starts = [a.first_line for a in articles]
    for oi, orphan in enumerate(orphans):
        pairs = _bigrams(orphan.text)
        if not pairs:
            continue
        at = bisect_left(starts, orphan.first_line)
        for ai in range(max(0, at - NEARBY), min(len(articles), at + NEARBY)):
            article = articles[ai]
            if article.headline is None and article.title is None:
                score = len(pairs & _bigrams(article.body().text)) / len(pairs)
                if score >= MATCH:
                    scores.append((score, -oi, oi, ai))
    used: dict[int, Article] = {}
    taken: set[int] = set()
    for _, _, oi, ai in sorted(scores, reverse=True):
        if oi not in used and ai not in taken:
            article = articles[ai]
            article.title = orphans[oi].text
            article.title_from = f"the headline-only line {orphans[oi].first_line}"
            used[oi] = article
            taken.add(ai)
    return used


def split_file(source: SourceFile) -> None:
    """Fill ``source.articles`` and ``source.orphans``; flag each headline-only line."""
    source.articles, source.orphans = split(source.paras, source.name)
    used = assign_orphans(source.articles, source.orphans)
    for oi, orphan in enumerate(source.orphans):
        note = f"a headline with no article under it: {orphan.text}"
        if oi in used:
            article = used[oi]
            note += f" (it matches the article at lines {article.first_line}-{article.last_line}, which has no headline of its own)"
            article.flags.append(Flag("headline-from-list", orphan.first_line,
                                      f"no headline above the article; its title {orphan.text} is the "
                                      f"headline-only line {orphan.first_line} that matches it"))
        source.flags.append(Flag("headline-only", orphan.first_line, note))
    for article in source.articles:
        article.parts = [(source.name, article.first_line, article.last_line)]


def rule(state: State) -> None:
    """Split every file into articles → ``state.articles`` (in the order of the files)."""
    for index, source in enumerate(state.files):
        split_file(source)
        for article in source.articles:
            article.file = index
        state.articles.extend(source.articles)


def number(state: State) -> None:
    """Name every article ``STEM-NN``: its file's name without extension (``STEM_2`` for a second file
    of the same name) and its place in that file."""
    stems: list[str] = []
    for source in state.files:
        stem, n = source.stem, 1
        while stem in stems:
            n += 1
            stem = f"{source.stem}_{n}"
        stems.append(stem)
    counts = [0] * len(state.files)
    for article in state.articles:
        counts[article.file] += 1
        article.id = f"{stems[article.file]}-{counts[article.file]:02d}"
