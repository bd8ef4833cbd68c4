"""Step 14: each article to write → a Markdown draft in the content format.

YAML front matter (the draft's own fields, docs/importing.md), then one ``## `` heading (the
title, or ``（无标题）`` when none was found) and the body paragraphs separated by blank lines:
a maintainer turns a draft into a summit page by adding it to a page's ``articles:`` and fixing
what its ``flags`` list. Drafts are named ``STEM-NN.md`` after the article's id.
"""

from __future__ import annotations

import datetime as dt
import re

import yaml

from .model import Article, Duplicate, State, iso_date
from .patterns import DATE_LINE

NO_TITLE = "（无标题）"
LEADING_DATE = re.compile(r"^(?P<month>\d{1,2})月(?P<day>\d{1,2})日")


def article_date(article: Article) -> "dt.date | str | None":
    """The date the text states: a date line (``（2021年9月17日）``), else the dateline's month and day
    (with the year of the page's timestamp when there is one), else a date opening the text after
    the dateline (``本报讯（记者 …）9月17日，``). → a date, ``MM-DD`` without a year, or None."""
    for p in article.paras:
        if p.kind == "title" and (m := DATE_LINE.match(p.text)):
            return iso_date(int(m["year"]), int(m["month"]), int(m["day"]))
    d = article.dateline
    year = None
    if article.timestamp and (m := re.match(r"(\d{4})\D(\d{1,2})\D(\d{1,2})", article.timestamp)):
        year = int(m.group(1))
        stamp = (int(m.group(2)), int(m.group(3)))
        if d is not None and d.month and d.day and (d.month, d.day) > stamp:
            year -= 1  # a dateline later in the year than the page's timestamp is last year's
    if d is not None and d.month and d.day:
        return iso_date(year, d.month, d.day)
    for p in article.paras:
        if p.dateline is not None and p.kind == "text" and (m := LEADING_DATE.match(p.span.text)):
            return iso_date(year, int(m["month"]), int(m["day"]))
    return None


def front_matter(article: Article, copies: list[Duplicate] | None = None) -> dict:
    """The draft's front matter, keys in the documented order; optional keys only when they apply."""
    d = article.dateline
    fm: dict = {
        "title": article.title,
        "dateline": d.text if d else None,
        "date": article_date(article),
        "place": d.place if d else None,
        "source": article.source,
        "lines": article.lines_field(),
        "mentions_sco": article.mentions_sco,
        "flags": [f.as_dict() for f in sorted(article.flags, key=lambda f: f.line)],
    }
    if article.facts:
        fm["kind"] = article.facts["kind"].value
        if "meeting" in article.facts:
            fm["meeting"] = article.facts["meeting"].value
    if article.title_from:
        fm["title_from"] = article.title_from
    if len({name for name, _, _ in article.parts}) > 1:
        fm["parts"] = article.where()
    if article.timestamp:
        fm["timestamp"] = article.timestamp
    if article.captions:
        fm["captions"] = [c.text for c in article.captions]
    if article.byline:
        fm["byline"] = article.byline
    if article.meta:
        fm["meta"] = list(article.meta)
    if copies:
        fm["copies"] = [f"{c.article.where()} ({c.overlap:.1%} of it is here)" for c in copies]
    return fm


def render(article: Article, copies: list[Duplicate] | None = None) -> str:
    """One article → the text of its draft file."""
    head = yaml.safe_dump(front_matter(article, copies), allow_unicode=True, sort_keys=False, width=10_000)
    body = "\n\n".join(p.text for p in article.paras if p.text)
    return f"---\n{head}---\n\n## {article.title or NO_TITLE}\n\n{body}\n"


def rule(state: State) -> None:
    """Render every article to write → ``state.drafts`` (``STEM-NN.md`` → text); nothing is written to disk."""
    for article in state.written:
        copies = [d for d in state.duplicates if d.of is article]
        state.drafts[f"{article.id}.md"] = render(article, copies)
