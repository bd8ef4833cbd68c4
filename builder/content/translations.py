"""The English half: load ``content/translations/NN.yml`` and align it with its summit page.

Format in docs/content-format.md. Each item's ``zh`` is the start of its Chinese paragraph, so a
paragraph added, dropped or moved on either side stops the build with the file, the item's line and
the paragraph's number (``article.paragraph``; 0 is the heading).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentError
from .files import read_content
from .glossary import Glossary, Term
from ..model import Paragraph, Summit
from .schema import Field, line_of, load_yaml, validate

MIN_PREFIX = 4
FILE_FIELDS = [Field("articles", list)]
ARTICLE_FIELDS = [Field("heading", dict), Field("paragraphs", list)]
ITEM_FIELDS = [Field("zh"), Field("en", required=False), Field("untranslated", required=False)]


def translation_path(content_dir: str | Path, summit: Summit) -> Path:
    return Path(content_dir) / "translations" / f"{Path(summit.path).stem}.yml"


def _attach(path: Path, raw, paragraph: Paragraph, where: str, fallback_line: int | None) -> None:
    line = line_of(raw) if isinstance(raw, dict) else fallback_line
    item = validate(raw, ITEM_FIELDS, path, f"translation of paragraph {where}", line=line)
    zh = item["zh"].strip()
    if len(zh) < min(MIN_PREFIX, len(paragraph.text)) or not paragraph.text.startswith(zh):
        raise ContentError(path, line, f"paragraph {where} does not align: its zh {zh!r} is not the start of the "
                                       f"Chinese paragraph ({paragraph.text[:12]!r}…, line {paragraph.line})")
    if (item["en"] is None) == (item["untranslated"] is None):
        raise ContentError(path, line, f"paragraph {where} needs either 'en' (its translation) or 'untranslated' (why not)")
    paragraph.en, paragraph.untranslated = item["en"], item["untranslated"]


def load_translation(content_dir: str | Path, summit: Summit) -> None:
    """Attach ``en`` (or ``untranslated``) to every heading and paragraph of ``summit``.

    Raises ContentError naming the file, the line and the paragraph number when the file is missing
    or malformed, the article or paragraph counts differ, a ``zh`` start does not match its paragraph,
    or an item has neither a translation nor a reason to have none.
    """
    path = translation_path(content_dir, summit)
    if not path.exists() and not path.is_symlink():
        raise ContentError(summit.path, 1, f"no translation: write {path} (docs/content-format.md, 'Translations')")
    raw = load_yaml(read_content(path, content_dir), path)
    data = validate(raw, FILE_FIELDS, path, "translation file", line=1)
    if len(data["articles"]) != len(summit.articles):
        raise ContentError(path, line_of(raw, "articles"), f"{len(data['articles'])} articles translated, "
                                                           f"but {summit.path} has {len(summit.articles)}")
    for i, (raw_article, article) in enumerate(zip(data["articles"], summit.articles), start=1):
        aline = line_of(raw_article) if isinstance(raw_article, dict) else None
        art = validate(raw_article, ARTICLE_FIELDS, path, f"article {i}", line=aline)
        _attach(path, art["heading"], article.heading, f"{i}.0 (heading)", aline)
        if len(art["paragraphs"]) != len(article.paragraphs):
            raise ContentError(path, line_of(raw_article, "paragraphs"),
                               f"article {i} has {len(art['paragraphs'])} translated paragraphs, but the Chinese has "
                               f"{len(article.paragraphs)} ({summit.path}:{article.heading.line})")
        for j, (raw_item, paragraph) in enumerate(zip(art["paragraphs"], article.paragraphs), start=1):
            _attach(path, raw_item, paragraph, f"{i}.{j}", aline)


def check_translation_files(content_dir: str | Path, summits: list[Summit]) -> None:
    """Every entry of ``content/translations`` is ``NN.yml`` of a summit page; raise ContentError otherwise.

    A translation with no page (``25.yml`` without ``summits/25.md``, ``21.YML``, a folder) would be
    silently unused. Names starting with a dot are ignored.
    """
    folder = Path(content_dir) / "translations"
    if not folder.is_dir():
        return
    expected = {translation_path(content_dir, s).name for s in summits}
    for entry in sorted(folder.iterdir()):
        if not entry.name.startswith(".") and entry.name not in expected:
            raise ContentError(entry, None, "no summit page for this translation: translations/NN.yml belongs to "
                                            "summits/NN.md (a file or folder here that is not one would be ignored)")


# --- glossary consistency -------------------------------------------------------------------

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip().lower()


def accepted_renderings(term: Term) -> set[str]:
    """The forms of a term's agreed English that count as using it.

    The glossary's ``english`` may list alternatives (``;``, `` — ``, ``A / B``), a parenthesised part
    that may be kept or left out, and an acronym in parentheses that counts alone; a leading "the" is optional.
    """
    out: set[str] = set()
    for option in re.split(r";|\s—\s", term.english):
        variants = {option, *option.split(" / ")}  # "A / B" as whole alternatives…
        slash = re.search(r"(\S+) / (\S+)", option)
        if slash:  # …and as one word swapped for another inside the phrase
            variants |= {option[:slash.start()] + w + option[slash.end():] for w in slash.groups()}
        for v in variants:
            for form in (re.sub(r"\s*\([^)]*\)", "", v), v.replace("(", "").replace(")", "")):
                form = _norm(form)
                form = form[4:] if form.startswith("the ") else form
                if form:
                    out.add(form.strip(" ,.\"'"))
        for acronym in re.findall(r"\(([A-Z]{2,})\)", option):
            out.add(acronym.lower())
    return out


@dataclass
class Mismatch:
    """A glossary term in a Chinese paragraph whose agreed English is missing from its translation."""

    path: Path
    where: str
    term: Term


def check_glossary_terms(content_dir: str | Path, summit: Summit, glossary: Glossary) -> list[Mismatch]:
    """Every annotated paragraph of ``summit`` with a translation: terms whose English it lacks."""
    path = translation_path(content_dir, summit)
    found: list[Mismatch] = []
    for i, article in enumerate(summit.articles, start=1):
        for j, paragraph in enumerate([article.heading, *article.paragraphs]):
            if not paragraph.en:
                continue
            english = _norm(paragraph.en)
            for term_id in dict.fromkeys(t.term_id for t in paragraph.tokens if t.term_id):
                term = glossary.by_id[term_id]
                if not any(r in english for r in accepted_renderings(term)):
                    found.append(Mismatch(path, f"{i}.{j}", term))
    return found
