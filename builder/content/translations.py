"""The English half: load ``content/translations/NN.yml`` and align it with its summit page.

Format in docs/content-format.md. Each item's ``zh`` is the start of its Chinese paragraph, so a
paragraph added, dropped or moved on either side stops the build with the file, the item's line and
the paragraph's number (``article.paragraph``; 0 is the heading).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
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


WORD = re.compile(r"[a-z0-9]+")
SLOT_WORDS = 4
"""A parenthesised part of a rendering may be replaced by up to this many words (its object, say)."""


@lru_cache(maxsize=None)
def lemma(word: str) -> str:
    """The base form of an English word (lemminflect: ``stood`` → ``stand``, ``states`` → ``state``);
    the word itself when lemminflect does not know it. Verbs first, so a form gets one lemma."""
    from lemminflect import getAllLemmas

    found = getAllLemmas(word)
    for pos in ("VERB", "NOUN", "ADJ", "ADV"):
        if found.get(pos):
            return found[pos][0]
    return word


def base_forms(text: str) -> str:
    """English text → its words in base form, lower case, separated by one space, with a space at each end."""
    return " " + " ".join(lemma(w) for w in WORD.findall(_norm(text))) + " "


def rendering_patterns(term: Term) -> list[re.Pattern]:
    """What counts as using the term's agreed English in a translation, over ``base_forms`` text:
    every accepted rendering (``accepted_renderings``) in any inflection (``stood together`` uses
    ``stand together``; its last word may go on, as ``alignment`` uses ``align``), and each rendering with a parenthesised part in which that part is
    replaced by up to ``SLOT_WORDS`` other words (``interfere in member states' internal affairs``
    uses ``interfere in (other countries') internal affairs``)."""
    patterns = [re.compile(re.escape(base_forms(r).rstrip())) for r in accepted_renderings(term)]
    for option in re.split(r";|\s—\s", term.english):
        if "(" not in option:
            continue
        pieces = [base_forms(piece).strip() for piece in re.split(r"\([^)]*\)", option)]
        slot = f"(?: \\S+){{0,{SLOT_WORDS}}}"
        body = slot.join(re.escape(piece) if not piece else " " + re.escape(piece) for piece in pieces).lstrip()
        if any(pieces):
            patterns.append(re.compile(" " + body.strip()))
    return patterns


@dataclass
class Mismatch:
    """A glossary term in a Chinese paragraph whose agreed English is missing from its translation."""

    path: Path
    where: str
    term: Term


_PATTERNS: dict[tuple[str, str], list[re.Pattern]] = {}


def _patterns(term: Term) -> list[re.Pattern]:
    key = (term.id, term.english)
    if key not in _PATTERNS:
        _PATTERNS[key] = rendering_patterns(term)
    return _PATTERNS[key]


def check_glossary_terms(content_dir: str | Path, summit: Summit, glossary: Glossary) -> list[Mismatch]:
    """Every annotated paragraph of ``summit`` with a translation: terms whose English it lacks
    (in any inflection, see ``rendering_patterns``)."""
    path = translation_path(content_dir, summit)
    found: list[Mismatch] = []
    for i, article in enumerate(summit.articles, start=1):
        for j, paragraph in enumerate([article.heading, *article.paragraphs]):
            term_ids = dict.fromkeys(t.term_id for t in paragraph.tokens if t.term_id)
            if not paragraph.en or not term_ids:
                continue
            english = base_forms(paragraph.en)  # only for a paragraph with a term (105 of the 126 now)
            for term_id in term_ids:
                term = glossary.by_id[term_id]
                if not any(pattern.search(english) for pattern in _patterns(term)):
                    found.append(Mismatch(path, f"{i}.{j}", term))
    return found
