"""Vocabulary lists as plain files a learner's tools import: CSV, TSV, Pleco flashcards, one word per line.

All are UTF-8 text, one word per row in the list's order (``vocabulary.Word``):

- ``csv``: comma-separated (RFC 4180 quoting, CRLF), a header row (``COLUMNS``), with a byte-order
  mark so that spreadsheet programs (Excel) read it as UTF-8;
- ``tsv``: the same columns separated by tabs (Python's ``excel-tab`` dialect), no byte-order mark;
- ``pleco``: Pleco's flashcard import format: a ``//`` category line, then
  ``headword<TAB>pinyin<TAB>definition`` with tone numbers (``he2zuo4``; 5 for the neutral tone,
  ``ü`` kept), converted by pypinyin;
- ``plain``: one headword per line, nothing else (for other tools and the known-words list).

A spreadsheet would run a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a formula: in CSV and TSV
such a cell gets a leading apostrophe (the OWASP advice), since content may come from untrusted hands.
"""

from __future__ import annotations

import csv
import io
import re
from functools import lru_cache

from pypinyin.contrib.tone_convert import to_tone3

from .vocabulary import Word

COLUMNS = ["headword", "reading", "tone_numbers", "hsk", "meaning", "meaning_note", "glossary_term",
           "count", "first_sentence", "place", "link"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BREAKS_RE = re.compile(r"[\t\r\n]+")


@lru_cache(maxsize=None)
def _tone_number(syllable: str) -> str:
    return to_tone3(syllable.lower(), neutral_tone_with_five=True, v_to_u=True)


def tone_numbers(syllables: tuple[str, ...]) -> str:
    """Tone-marked syllables as Pleco and CC-CEDICT spell them, joined: ``("hé", "zuò")`` → ``he2zuo4``
    (each syllable converted once per build: there are about 1,500)."""
    return "".join(map(_tone_number, syllables))


def _cell(value: object) -> str:
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def row(word: Word, address: str = "") -> list[str]:
    """The ``COLUMNS`` of ``word``; ``link`` is absolute when the site's ``address`` is known."""
    sentence = "".join(word.first.sentence()) if word.first else ""
    place = word.first.label() if word.first else ""
    link = address + word.first.href() if word.first else ""
    return [word.headword, word.reading, tone_numbers(word.syllables), word.level_label, word.sense, word.sense_note,
            word.term.id if word.term else "", str(word.count), sentence, place, link]


def table(words: list[Word], address: str = "") -> list[list[str]]:
    """The ``COLUMNS`` of every word, formula-like cells quoted: one table for the CSV and the TSV (what
    a word shows on every list, ``headword`` to ``glossary_term``, made once per value and kept)."""
    rows = []
    for w in words:
        first = w.first
        place = ("".join(first.sentence()), first.label(), address + first.href()) if first else ("", "", "")
        rows.append([*_word_cells(w.headword, w.reading, w.syllables, w.level_label, w.sense, w.sense_note,
                                  w.term.id if w.term else ""), str(w.count), *map(_cell, place)])
    return rows


@lru_cache(maxsize=1 << 16)
def _word_cells(headword: str, reading: str, syllables: tuple[str, ...], level: str, sense: str, note: str,
                term: str) -> tuple[str, ...]:
    return tuple(map(_cell, (headword, reading, tone_numbers(syllables), level, sense, note, term)))


def _write(rows: list[list[str]], dialect: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, dialect=dialect)
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return out.getvalue()


def csv_text(rows: list[list[str]]) -> str:
    """CSV of ``table`` rows with a header row and a byte-order mark."""
    return "\ufeff" + _write(rows, "excel")


def tsv_text(rows: list[list[str]]) -> str:
    """TSV of ``table`` rows with a header row."""
    return _write(rows, "excel-tab")


def pleco_text(words: list[Word], category: str) -> str:
    """Pleco's flashcard import: ``//category``, then ``headword<TAB>pinyin<TAB>definition`` per word
    (tabs and line breaks inside a definition become spaces: Pleco reads one card per line)."""
    lines = [f"//{_BREAKS_RE.sub(' ', category)}"]
    for word in words:
        definition = word.sense or f"({word.sense_note})"
        lines.append(f"{word.headword}\t{tone_numbers(word.syllables)}\t{_BREAKS_RE.sub(' ', definition)}")
    return "\n".join(lines) + "\n"


def plain_text(words: list[Word]) -> str:
    """One headword per line."""
    return "".join(f"{w.headword}\n" for w in words)
