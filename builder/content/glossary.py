"""The diplomatic glossary: load and validate ``content/glossary.yml``.

Source of the facts: ``shared/reference/glossary-facts.tsv`` (118 terms from the seed articles,
official English renderings from Chinese government and state-media English texts, with a
verified / partly verified / unverified status) and ``shared/reference/glossary-sources.tsv`` (the
best source of each term: its URL, title and publisher, tier and the exact quote). Explanations are
the project's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import ContentError
from .files import read_content
from .schema import Field, line_of, load_yaml, validate
from ..text.syllables import han_count, split_reading
from .urls import url_problem

STATUSES = ("verified", "partly verified", "unverified")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

TERM_FIELDS = [
    Field("id"),
    Field("headword"),
    Field("pinyin"),
    Field("english"),
    Field("explanation"),
    Field("sources", (list, str)),
    Field("status", str, choices=STATUSES),
    Field("alternatives", list, required=False, default=[]),
    Field("variants", list, required=False, default=[]),
    Field("note", str, required=False, default=""),
]
VARIANT_FIELDS = [Field("form"), Field("pinyin")]
TIERS = {1: "official", 2: "reputable media", 3: "reprint"}
SOURCE_FIELDS = [
    Field("url"),
    Field("title"),
    Field("tier", int, choices=tuple(TIERS)),
    Field("quote"),
    Field("wording", str, required=False, default=""),
    Field("note", str, required=False, default=""),
]


@dataclass(frozen=True)
class Source:
    """Where a rendering comes from.

    ``url`` (http or https, with a host), ``title`` (the page's title and its publisher), ``tier``
    (1 official: the Chinese government or state media publishing the English, or a member
    government for its own rendering; 2 reputable media quoting it; 3 a reprint, kept only where
    nothing better is known; None for a bare URL, not rated yet), ``quote`` (the source's exact
    wording), ``wording`` (how that wording
    compares with the entry's ``english``: empty when it agrees, else what differs, e.g. ``differs:
    "hegemonic, domineering and bullying acts"``) and ``note`` (which text or year uses which wording).
    """

    url: str
    title: str = ""
    tier: int | None = None
    quote: str = ""
    wording: str = ""
    note: str = ""

    @property
    def rated(self) -> bool:
        """False for a bare URL (as older glossaries wrote a source): no title, tier or quote yet."""
        return self.tier is not None

    @property
    def tier_label(self) -> str:
        return f"tier {self.tier}, {TIERS[self.tier]}" if self.rated else "tier not known"

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    @property
    def differs(self) -> bool:
        """The source's wording is not the entry's ``english``: both are shown, each with its text."""
        return bool(self.wording) and not self.wording.startswith("agree")


@dataclass
class Form:
    """A written form of a term (its headword or a variant) with its reading.

    ``syllables``: one lower-case syllable per Han character of ``text``; ``written``: the reading
    as the glossary writes it (``Shàng-Hé Zǔzhī``), shown above the term on the page.
    """

    text: str
    written: str
    syllables: list[str]


@dataclass
class Term:
    """A glossary entry. ``forms[0]`` is the headword; the rest are variants."""

    id: str
    headword: str
    pinyin: str
    english: str
    explanation: str
    sources: list[Source]
    status: str
    alternatives: list[str]
    note: str
    forms: list[Form]
    line: int


@dataclass
class Glossary:
    """All terms, and every written form mapped to its term (for matching in text)."""

    path: str
    terms: list[Term]
    by_form: dict[str, tuple[Term, Form]] = field(default_factory=dict)
    by_id: dict[str, Term] = field(default_factory=dict)

    def __post_init__(self):
        for term in self.terms:
            self.by_id[term.id] = term
            for form in term.forms:
                self.by_form[form.text] = (term, form)


def _form(path, text: str, written: str, line) -> Form:
    if han_count(text) == 0:
        raise ContentError(path, line, f"{text!r} has no Han character")
    try:
        return Form(text, written, split_reading(written, text))
    except ValueError as exc:
        raise ContentError(path, line, str(exc)) from None


def _sources(path, raw: dict, status: str) -> list[Source]:
    """An entry's ``sources`` → Sources, best tier first. ``none`` (a string) is allowed only for an
    unverified entry; a bare URL is a source not rated yet (``python -m builder check`` warns).
    Raises ContentError (file:line) for anything else that is not a list of source mappings (url,
    title, tier, quote; optional wording, note) or URLs, and for a URL that is not http(s) with a host."""
    value = raw["sources"]
    if value == "none" or value == ["none"]:
        if status != "unverified":
            raise ContentError(path, line_of(raw, "sources"), "an entry without sources must have status 'unverified'")
        return []
    if not isinstance(value, list) or not value:
        raise ContentError(path, line_of(raw, "sources"), "'sources' needs at least one source (url, title, tier, "
                                                          "quote), or the word 'none' for an unverified entry")
    found = []
    for item in value:
        line = line_of(item) if isinstance(item, dict) else line_of(raw, "sources")
        if isinstance(item, str):  # a bare URL, as older glossaries wrote it: valid, but not rated
            if (problem := url_problem(item)) is not None:
                raise ContentError(path, line, f"source {problem}")
            found.append(Source(item))
            continue
        source = validate(item, SOURCE_FIELDS, path, "source", line=line)
        if (problem := url_problem(source["url"])) is not None:
            raise ContentError(path, line_of(item, "url"), f"source {problem}")
        found.append(Source(**source))
    return sorted(found, key=lambda s: s.tier if s.rated else len(TIERS) + 1)


def load_glossary(path: str | Path, root: str | Path | None = None) -> Glossary:
    """Load ``glossary.yml`` → Glossary.

    Raises ContentError (file:line) for malformed YAML, a missing or unknown key, a bad id,
    a duplicate id or written form, a status outside verified / partly verified / unverified,
    a pinyin that is not one reading of each Han character of its headword or variant
    (``builder.text.syllables``), a source that is not a mapping of url (an http(s) URL with a host,
    ``builder.content.urls``), title, tier (1, 2 or 3) and quote; and for a file that is missing,
    unsafe or too large (``builder.content.files``, inside ``root``: default the file's folder).
    """
    path = Path(path)
    data = load_yaml(read_content(path, path.parent if root is None else root), path)
    if not isinstance(data, list):
        raise ContentError(path, 1, "the glossary must be a YAML list of entries")
    terms: list[Term] = []
    ids: dict[str, int] = {}
    forms_seen: dict[str, int] = {}
    for raw in data:
        line = line_of(raw) if isinstance(raw, dict) else None
        entry = validate(raw, TERM_FIELDS, path, "glossary entry", line=line)
        if not ID_RE.match(entry["id"]):
            raise ContentError(path, line_of(raw, "id"), f"id {entry['id']!r} must be lower-case ASCII words joined by hyphens")
        if entry["id"] in ids:
            raise ContentError(path, line_of(raw, "id"), f"duplicate id {entry['id']!r} (first at line {ids[entry['id']]})")
        ids[entry["id"]] = line
        for item in entry["alternatives"]:
            if not isinstance(item, str) or not item.strip():
                raise ContentError(path, line_of(raw, "alternatives"), "every item of 'alternatives' must be a non-empty string")
        sources = _sources(path, raw, entry["status"])
        forms = [_form(path, entry["headword"], entry["pinyin"], line_of(raw, "pinyin"))]
        for variant in entry["variants"]:
            vline = line_of(variant) if isinstance(variant, dict) else line_of(raw, "variants")
            v = validate(variant, VARIANT_FIELDS, path, "variant", line=vline)
            forms.append(_form(path, v["form"], v["pinyin"], vline))
        for form in forms:
            if form.text in forms_seen:
                raise ContentError(path, line, f"the form {form.text!r} is already used by the entry at line {forms_seen[form.text]}")
            forms_seen[form.text] = line
        terms.append(Term(id=entry["id"], headword=entry["headword"], pinyin=entry["pinyin"], english=entry["english"],
                          explanation=entry["explanation"], sources=sources, status=entry["status"],
                          alternatives=entry["alternatives"], note=entry["note"], forms=forms, line=line))
    return Glossary(str(path), terms)
