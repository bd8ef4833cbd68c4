"""Step 15: the SCO drafts of one meeting → a summit page draft ``summit-NN.md`` in the content format.

The page has the summit front matter of docs/content-format.md, filled with what the texts state
(``infer``), and one ``## `` heading per article with its body. Every value that is a guess or a gap,
and every damage flag of an article, carries a ``# CHECK`` comment saying what to check and where
it was read; English fields the text cannot give are left empty with a ``# CHECK``. The page does not
load, and ``python -m builder check`` refuses it, until every mark is resolved and removed.

An article goes to the page of the meeting number it names (``元首理事会第二十二次会议``); one that
names none goes to the page of the nearest article of the same file that does (the one before it
first), or to the only page of the run. Drafts that do not mention the SCO stay out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import yaml

from .draft import NO_TITLE
from .infer import COUNCIL_MEETING, Evidence
from .model import DAMAGE, Article, State

CHECK = "# CHECK"
ORDINAL_SUFFIX = {1: "st", 2: "nd", 3: "rd"}
ASK = ("no-headline", "headline-from-list", "headline-from-copy")


def _scalar(value) -> str:
    """One YAML scalar, quoted where YAML needs it (``''`` for an empty value)."""
    if value is None or value == "":
        return "''"
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000).strip().removesuffix("\n...").strip()


def _ordinal_en(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else ORDINAL_SUFFIX.get(n % 10, 'th')}"


def meeting_pages(written: list[Article], found: list[Article] | None = None) -> dict[int, list[Article]]:
    """The SCO articles of the run grouped by the meeting they belong to (see the module's docstring).

    ``found``: every article of the run, in order (``written`` ones included): a copy that was not
    written still tells which meeting its neighbours belong to."""
    found = found if found is not None else written
    order = {id(a): i for i, a in enumerate(found)}
    numbered = [(i, a.file, a.facts["meeting"].value) for i, a in enumerate(found) if "meeting" in a.facts]
    distinct = {n for _, _, n in numbered}
    pages: dict[int, list[Article]] = {}
    for article in written:
        if not article.mentions_sco:
            continue
        number = article.facts["meeting"].value if "meeting" in article.facts else None
        if number is None:
            i = order.get(id(article), -1)
            before = [n for j, f, n in numbered if f == article.file and j < i]
            after = [n for j, f, n in numbered if f == article.file and j > i]
            number = before[-1] if before else after[0] if after else (next(iter(distinct)) if len(distinct) == 1 else None)
        if number is not None:
            pages.setdefault(number, []).append(article)
    return pages


def _where(article: Article, evidence: Evidence) -> str:
    return f"{article.source}:{evidence.line}"


def _best(articles: list[Article], key: str) -> tuple[Article, Evidence] | None:
    """The most common value of fact ``key`` among the articles, with the first article stating it."""
    found = [(a, a.facts[key]) for a in articles if key in a.facts]
    if not found:
        return None
    common = Counter(str(e.value) for _, e in found).most_common(1)[0][0]
    return next((a, e) for a, e in found if str(e.value) == common)


def front_matter(number: int, articles: list[Article]) -> list[str]:
    """The page's front matter lines (YAML with comments), without the ``---`` fences."""
    files = ", ".join(dict.fromkeys(a.source for a in articles))
    out = [f"# Drafted by `python -m builder import` from {files}. What the texts state is filled in, with",
           "# where it was read; every guess or gap is marked CHECK. Check each one against the source, fix the",
           "# value, delete the mark. `python -m builder check` refuses the page while a CHECK mark is left.",
           f"ordinal: {number}"]
    full = None
    for a in articles:
        for p in a.paras:
            if (m := COUNCIL_MEETING.search(p.text)) and p.text[max(0, m.start() - 9):m.start()].endswith("上海合作组织成员国"):
                full = f"上海合作组织成员国{m.group(0)}"
                break
        if full:
            break
    if full:
        out.append(f"title: {_scalar(full)}")
    else:
        out.append(f"title: ''  {CHECK}: the Council's meeting in Chinese, as the other pages write it "
                   f"(上海合作组织成员国元首理事会第…次会议)")
    out.append(f"title_en: {_scalar(f'{_ordinal_en(number)} Meeting of the Council of Heads of State of the SCO')}"
               f"  # the form of the other pages")
    reports = [a for a in articles if a.facts["kind"].value in ("report", "speech")] or articles
    date = _best([a for a in reports if isinstance(a.facts.get("date", Evidence(None, 0, "")).value, dt.date)], "date")
    if date:
        a, e = date
        out.append(f"date: {e.value.isoformat()}  # from {e.words} ({_where(a, e)})")
    else:
        stated = _best(reports, "date")
        said = f"the text says {stated[1].value} ({_where(*stated)}) but not the year" if stated else "the text states no date"
        out.append(f"date: ''  {CHECK}: the meeting's date, YYYY-MM-DD; {said}")
    place = _best([a for a in reports if a.facts.get("place") and a.facts["place"].value != "北京"], "place") \
        or _best(reports, "place")
    video = _best(articles, "format")
    if place:
        a, e = place
        out.append(f"place: ''  {CHECK}: in English (\"City, Country\"); the dateline of {_where(a, e)} says {e.value}")
        out.append(f"place_zh: {_scalar(e.value)}  {CHECK}: the dateline's place ({e.words}, {_where(a, e)}) is where "
                   f"the report was filed; make sure the meeting was held there")
    else:
        out.append(f"place: ''  {CHECK}: in English (\"City, Country\"); no dateline names a place")
        out.append(f"place_zh: ''  {CHECK}: the place in Chinese")
    if video:
        a, e = video
        out.append(f"format: video  # from {e.words} ({_where(a, e)})  {CHECK}: video for every leader, or hybrid?")
    else:
        out.append(f"format: in person  {CHECK}: the texts do not say 以视频方式; in person, video or hybrid")
    chair = _best(articles, "chair")
    if chair:
        a, e = chair
        out.append(f"chair: ''  {CHECK}: in English, \"Country (President Name)\"; the text says {e.value} ({_where(a, e)})")
    else:
        out.append(f"chair: ''  {CHECK}: in English, \"Country (President Name)\"; the texts do not name the chair")
    speech = _best([a for a in articles if a.facts["kind"].value == "speech"], "speech_title") or _best(articles, "speech_title")
    if speech:
        a, e = speech
        out.append(f"speech_title: {_scalar(e.value)}  # from {_where(a, e)}")
    else:
        out.append(f"speech_title: ''  {CHECK}: the title of Xi Jinping's speech, without 《》; the texts do not give it")
    out.append("articles:")
    for a in articles:
        out.extend(_article_entry(a))
    return out


def _article_entry(article: Article) -> list[str]:
    kind = article.facts["kind"].value
    sure = kind == "speech" or (kind == "report" and "meeting" in article.facts)
    note = "" if sure else f"  {CHECK}: report, speech, interpretation or side-meeting"
    out = [f"  - heading: {_scalar(article.title or NO_TITLE)}"
           + (f"  {CHECK}: no headline was found; write the article's headline here and in its ## heading"
              if not article.title else ""),
           f"    kind: {kind}{note}",
           "    sources:",
           f"      - seed: {_scalar(article.source)}",
           f"        part: {_scalar(article.id)}  # lines {article.lines_field()}"]
    asked = [f for f in article.flags if f.kind in DAMAGE or f.kind in ASK]
    for f in asked:
        out.append(f"    {CHECK} {article.source}:{f.line} {f.kind}: {f.note}")
    rest = len(article.flags) - len(asked)
    if rest:
        kinds = ", ".join(sorted({f.kind for f in article.flags} - {f.kind for f in asked}))
        out.append(f"    # {rest} more note(s) ({kinds}) in the draft {article.id}.md")
    return out


def render(number: int, articles: list[Article]) -> str:
    """One meeting's articles → the text of its page draft."""
    body = []
    for a in articles:
        body.append(f"## {a.title or NO_TITLE}")
        body.extend(p.text for p in a.paras if p.text)
    return "---\n" + "\n".join(front_matter(number, articles)) + "\n---\n\n" + "\n\n".join(body) + "\n"


def rule(state: State) -> None:
    """Render a page draft for each meeting the written SCO drafts belong to → ``state.pages``."""
    for number, articles in sorted(meeting_pages(state.written, state.articles).items()):
        state.pages[f"summit-{number}.md"] = render(number, articles)
