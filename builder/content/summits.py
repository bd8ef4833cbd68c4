"""Load and validate summit pages: ``content/summits/*.md`` → ``list[Summit]``.

A page is YAML front matter between ``---`` lines, then a Markdown body with one ``## `` heading
per article (docs/content-format.md). Every error names the file and line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import re

from ..errors import ContentError
from .files import read_content
from ..model import Article, Source, Summit
from .parse import parse_body
from .schema import Field, line_of, load_yaml, validate

FORMATS = ("in person", "video", "hybrid")
KINDS = ("speech", "report", "interpretation", "side-meeting")

SUMMIT_FIELDS = [
    Field("ordinal", int),
    Field("title"),
    Field("title_en"),
    Field("date", dt.date),
    Field("place"),
    Field("place_zh"),
    Field("format", str, choices=FORMATS),
    Field("chair"),
    Field("speech_title"),
    Field("articles", list),
    Field("format_note", str, required=False, default=""),
    Field("notes", list, required=False, default=[]),
]
ARTICLE_FIELDS = [Field("heading"), Field("kind", str, choices=KINDS), Field("sources", list)]
SOURCE_FIELDS = [Field("seed"), Field("part")]


def split_front_matter(text: str, path: Path) -> tuple[str, str, int]:
    """→ (front matter YAML, body, line number where the body starts). Raises ContentError."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ContentError(path, 1, "a summit page must start with YAML front matter between '---' lines")
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            return "\n".join(lines[1:number - 1]), "\n".join(lines[number:]), number + 1
    raise ContentError(path, 1, "the front matter is not closed by a '---' line")


FILE_NAME_RE = re.compile(r"^[1-9][0-9]*\.md$")


def load_summit(path: str | Path, root: str | Path | None = None) -> Summit:
    """Load one summit page → Summit (paragraphs not yet annotated).

    Raises ContentError for non-UTF-8 text, malformed or incomplete front matter (an impossible
    date, an ordinal below 1), an article list that does not match the body's ``## `` headings,
    text before the first heading, or disallowed Markdown; and for a file that is missing, unsafe
    or too large (``builder.content.files``, inside ``root``: default the file's folder).
    """
    path = Path(path)
    text = read_content(path, path.parent if root is None else root)
    fm_text, body, body_line = split_front_matter(text, path)
    raw = load_yaml(fm_text, path, first_line=2) if fm_text.strip() else None
    meta = validate(raw, SUMMIT_FIELDS, path, "front matter", offset=1, line=1)
    if meta["ordinal"] < 1:
        raise ContentError(path, line_of(raw, "ordinal", 1), f"'ordinal' must be the meeting's number, 1 or more, not {meta['ordinal']}")
    for note in meta["notes"]:
        if not isinstance(note, str):
            raise ContentError(path, line_of(raw, "notes", 1), "every item of 'notes' must be a string")

    declared = []
    for item in meta["articles"]:
        iline = line_of(item, None, 1) if isinstance(item, dict) else line_of(raw, "articles", 1)
        art = validate(item, ARTICLE_FIELDS, path, "article", offset=1, line=iline)
        sources = [Source(**validate(s, SOURCE_FIELDS, path, "source", offset=1,
                                     line=line_of(s, None, 1) if isinstance(s, dict) else iline))
                   for s in art["sources"]]
        if not sources:
            raise ContentError(path, iline, "an article needs at least one source")
        declared.append((art, sources, iline))

    articles: list[Article] = []
    for kind, para in parse_body(body, path, body_line):
        if kind == "h2":
            if len(articles) == len(declared):
                raise ContentError(path, para.line, f"heading {para.text!r} has no entry in the front matter's 'articles'")
            art, sources, iline = declared[len(articles)]
            if para.text.strip() != art["heading"].strip():
                raise ContentError(path, para.line, f"heading {para.text!r} does not match article {len(articles) + 1} "
                                                    f"of the front matter ({art['heading']!r}, line {iline})")
            articles.append(Article(para, art["kind"], sources))
        elif not articles:
            raise ContentError(path, para.line, "text before the first '## ' heading: every paragraph belongs to an article")
        else:
            articles[-1].paragraphs.append(para)
    if len(articles) < len(declared):
        art, _, iline = declared[len(articles)]
        raise ContentError(path, iline, f"article {art['heading']!r} has no '## ' heading in the body")
    for article in articles:
        if not article.paragraphs:
            raise ContentError(path, article.heading.line, "an article needs at least one paragraph")

    fields = {k: v for k, v in meta.items() if k != "articles"}
    return Summit(path=str(path), articles=articles, **fields)


def summit_files(content_dir: str | Path) -> list[Path]:
    """The summit pages ``content/summits/NN.md`` (NN: the meeting's number, no leading zero), by name.

    Names starting with a dot (editor and system files) are ignored. Anything else that would not be
    published, a folder, ``20.MD``, ``20.md.bak``, ``draft.md``, is an error rather than a page
    silently left out. Raises ContentError when the folder is missing or holds such an entry.
    """
    folder = Path(content_dir, "summits")
    if not folder.is_dir():
        raise ContentError(folder, None, "no summits folder: the summit pages live in content/summits/NN.md")
    found = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if not FILE_NAME_RE.match(entry.name):
            raise ContentError(entry, None, "not a summit page: name summit pages NN.md after the meeting's number "
                                            "(e.g. 21.md), and keep other files out of content/summits")
        if entry.is_dir() and not entry.is_symlink():
            raise ContentError(entry, None, "a folder, not a summit page: content/summits holds only NN.md files")
        found.append(entry)
    return found


def load_summits(content_dir: str | Path, allow_empty: bool = False) -> list[Summit]:
    """Every ``content/summits/NN.md``, ordered by meeting number.

    Raises ContentError for a page whose name is not its ordinal, a duplicate number, a stray entry
    (``summit_files``), and for no summit page at all unless ``allow_empty``.
    """
    if allow_empty and not Path(content_dir, "summits").exists():
        return []
    summits = [load_summit(p, content_dir) for p in summit_files(content_dir)]
    if not summits and not allow_empty:
        raise ContentError(Path(content_dir, "summits"), None, "no summit pages: the site would have none "
                                                               "(build with --allow-empty to build it anyway)")
    seen: dict[int, str] = {}
    for s in summits:
        if Path(s.path).stem != str(s.ordinal):
            raise ContentError(s.path, 2, f"the file name must be the meeting's number: ordinal {s.ordinal} "
                                          f"belongs in {s.ordinal}.md")
        if s.ordinal in seen:
            raise ContentError(s.path, 2, f"meeting number {s.ordinal} is also used by {seen[s.ordinal]}")
        seen[s.ordinal] = s.path
    return sorted(summits, key=lambda s: s.ordinal)
