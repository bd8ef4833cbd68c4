"""Step 13: what the text says about the meeting: the facts a summit page's front matter needs.

For every article, from its own text only (nothing is looked up or guessed beyond the words):
- ``kind``: ``speech`` (a title run with an occasion, date or speaker line, or a salutation opening
  the body), ``interpretation`` (解读 in the title or subtitle, a column label such as 新华时评：, or a
  byline with no dateline: a commentary), ``report`` (the rest);
- ``meeting``: the number in ``元首理事会第二十二次会议`` (22);
- ``date``: the date the text states (``draft.article_date``), with the year of another article of
  the same file on the same day when its own text gives none;
- ``place``: the dateline's place (where the report was filed);
- ``format``: ``video`` when the text says 以视频方式 (by video link);
- ``chair``: ``乌兹别克斯坦总统米尔济约耶夫`` from ``轮值主席国乌兹别克斯坦总统米尔济约耶夫主持``;
- ``speech_title``: a speech's headline, or the title in 《》 after 题为 in a report.
Each fact keeps where it was read (``Evidence``): the page draft shows it beside a ``# CHECK`` mark.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .draft import article_date
from .model import Article, State
from .patterns import HAN, MEETING, chinese_number

COUNCIL_MEETING = re.compile(f"元首理事会{MEETING.pattern}")
CHAIR = re.compile(f"轮值主席国(?P<chair>{HAN}{{2,12}}?(?:总统|总理|国王|元首|主席){HAN}{{2,10}}?)主持")
CHAIRED_BY = re.compile(f"由(?P<chair>{HAN}{{2,12}}?(?:总统|总理|国王|元首|主席){HAN}{{2,10}}?)主持")
TITLED = re.compile("题为《(?P<title>[^《》]{2,60})》的")
VIDEO = re.compile("以视频方式|视频连线|通过视频")
INTERPRETATION = re.compile("解读|评论员|时评|述评|综述|观察")


@dataclass(frozen=True)
class Evidence:
    """A fact read from the text: its ``value``, the ``line`` it was read on, and the ``words`` that say it."""

    value: object
    line: int
    words: str


def _search(article: Article, pattern: re.Pattern, group: str) -> Evidence | None:
    for p in article.paras:
        if m := pattern.search(p.text):
            span = p.rendered()
            return Evidence(m.group(group), span.line_at(m.start()), m.group(0))
    return None


def kind_of(article: Article) -> str:
    """``speech``, ``interpretation`` or ``report`` (see the module's docstring)."""
    roles = {p.role for p in article.paras if p.kind == "title"}
    first_text = next((p for p in article.paras if p.kind == "text"), None)
    if roles & {"occasion", "speaker", "date"} or (first_text is not None and first_text.text.startswith(("尊敬的", "各位"))):
        return "speech"
    heads = [article.title or ""] + [p.text for p in article.paras[:2] if p.kind == "title"]
    if any(INTERPRETATION.search(h) for h in heads) or (article.byline and article.dateline is None):
        return "interpretation"
    return "report"


def facts(article: Article) -> dict[str, Evidence]:
    """The facts ``article``'s own text states (see the module's docstring) → {field: Evidence}."""
    out: dict[str, Evidence] = {}
    first = article.first_line
    out["kind"] = Evidence(kind_of(article), first, "")
    head = Evidence(article.title, first, article.title) if article.title else None
    if head and (m := COUNCIL_MEETING.search(head.words)):
        out["meeting"] = Evidence(chinese_number(m["number"]), first, m.group(0))
    elif meeting := _search(article, COUNCIL_MEETING, "number"):
        out["meeting"] = Evidence(chinese_number(meeting.value), meeting.line, meeting.words)
    when = article_date(article)
    if when is not None:
        date_line = next((p for p in article.paras if p.role == "date"), None)
        words = date_line.text if date_line else article.dateline.text if article.dateline else str(when)
        if isinstance(when, dt.date) and article.timestamp and str(when.year) not in words:
            words += f", the year from the page's timestamp {article.timestamp}"
        out["date"] = Evidence(when, first, words)
    if article.dateline is not None and article.dateline.place:
        d = article.dateline
        out["place"] = Evidence(d.place, d.span.first_line, d.text)
    if video := _search(article, VIDEO, 0):
        out["format"] = Evidence("video", video.line, video.words)
    if chair := _search(article, CHAIR, "chair") or _search(article, CHAIRED_BY, "chair"):
        out["chair"] = chair
    if out["kind"].value == "speech" and article.title:
        out["speech_title"] = Evidence(article.title.strip("《》"), first, article.title)
    elif titled := _search(article, TITLED, "title"):
        out["speech_title"] = titled
    return out


def rule(state: State) -> None:
    """Fill ``facts`` of every article; a date without a year takes the year of a full date stated by
    another article of the same file for the same month and day."""
    for article in state.articles:
        article.facts = facts(article)
    years: dict[tuple[int, int, int], set[int]] = {}
    for article in state.articles:
        when = article.facts.get("date")
        if when and isinstance(when.value, dt.date):
            years.setdefault((article.file, when.value.month, when.value.day), set()).add(when.value.year)
    for article in state.articles:
        when = article.facts.get("date")
        if when and isinstance(when.value, str):
            month, day = map(int, when.value.split("-"))
            known = years.get((article.file, month, day), set())
            if len(known) == 1:
                year = known.pop()
                years[(article.file, month, day)] = {year}
                article.facts["date"] = Evidence(dt.date(year, month, day), when.line,
                                                 f"{when.words} (the year from another article of the same page)")
