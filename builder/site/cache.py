"""Annotation cache: a rebuild re-annotates only the paragraphs whose tokens can have changed.

Stored on disk in SQLite (``.cache/annotations-2.sqlite``), one row per paragraph text, so a build
reads only the rows it needs (a 1,000-page site no longer unpickles every paragraph at once). A row
holds the tokens (pickled), a digest of them, and what they were computed from:

- ``code``: the annotation code and data (``builder/text/**``, ``builder/content/**``,
  ``builder/model.py``, the size of each data file) and the jieba, pypinyin and g2pM versions. Any
  change makes every row stale.
- ``total``: the segmenter's total word frequency (``Resources.tokenizer.total``). jieba scores a cut
  by ``log(frequency) - log(total)`` per word, and every glossary form and lexicon word adds to the
  total, so **adding or removing** a glossary form or a lexicon word can change the cut of any
  paragraph: every row is re-annotated then.
- ``deps``: a digest of the glossary and lexicon entries whose text occurs in the paragraph
  (``local_entries``): each glossary form with its reading and its term's id, headword and English;
  each lexicon word with its reading; each short form (``Resources.abbreviations``). The rules read
  the glossary and the lexicon only through words found in the text, so an edit that changes an
  existing entry's reading or English re-annotates only the paragraphs holding that word.
- ``resources``: the digest of all those entries when the row was last checked, so that a build with
  an unchanged glossary and lexicon checks nothing (an edit to an explanation, a note or a source
  changes no token and is not part of it).

A stale, unreadable or unwritable cache only costs speed: rows that do not check are annotated again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import pickle
import sqlite3
from importlib.metadata import version
from pathlib import Path

from ..model import Token

log = logging.getLogger("builder")

BUILDER = Path(__file__).resolve().parents[1]  # the builder package: its code and reading data
#: Parts of the builder that annotation runs (its code and data); builder/site/ renders and is not part of it.
ANNOTATION_CODE = ("text", "content", "model.py", "errors.py")
SCHEMA = 1


def _sha(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()[:16]


def code_fingerprint() -> str:
    """A digest of everything but the content that can change a token: the annotation code and its
    data files (their sizes: the CC-CEDICT file is 14 MB), and the versions of jieba, pypinyin, g2pM."""
    digest = hashlib.sha256(f"schema {SCHEMA}".encode())
    files = []
    for part in ANNOTATION_CODE:
        path = BUILDER / part
        files += sorted(path.rglob("*")) if path.is_dir() else [path]
    for path in files:
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(BUILDER).as_posix().encode())
        if "data" in path.relative_to(BUILDER).parts:
            digest.update(str(path.stat().st_size).encode())
        else:
            digest.update(path.read_bytes())
    for package in ("jieba", "pypinyin", "g2pM"):
        digest.update(version(package).encode())
    return digest.hexdigest()[:16]


#: ``json.dumps(…, ensure_ascii=False)`` without making an encoder per call (a paragraph's digest is made
#: for every paragraph annotated and every one checked).
_JSON = json.JSONEncoder(ensure_ascii=False)


def entries(resources) -> dict[str, tuple]:
    """Every glossary and lexicon entry a token can read, by the text it is found by: ``{text: data}``.

    A glossary form: its reading (written and syllables) and its term's id, headword and English (the
    token's ``term_id``, ``term`` and ``gloss``); a lexicon word: its reading; a short form of a name:
    its spelling. An entry's text occurs in every paragraph whose tokens it can change."""
    found: dict[str, list] = {}
    for text, (term, form) in resources.glossary.by_form.items():
        found.setdefault(text, []).append(("g", form.written, tuple(form.syllables), term.id, term.headword, term.english))
    for word, form in resources.lexicon.items():
        found.setdefault(word, []).append(("l", form.written, tuple(form.syllables)))
    for short, spelling in resources.abbreviations.items():
        found.setdefault(short, []).append(("a", spelling))
    return {text: tuple(data) for text, data in found.items()}


class LocalEntries:
    """The entries of ``entries(resources)`` that occur in a text, found by their first character."""

    def __init__(self, table: dict[str, tuple]):
        self.table = table
        self.by_first: dict[str, list[str]] = {}
        for text in sorted(table):
            self.by_first.setdefault(text[0], []).append(text)
        self.digest = _sha(json.dumps(sorted(table.items()), ensure_ascii=False).encode())

    def __call__(self, text: str) -> bytes:
        """A digest of the entries whose text occurs in ``text``."""
        hits = []
        for first in sorted(set(text) & self.by_first.keys()):
            hits += [(k, self.table[k]) for k in self.by_first[first] if k in text]
        return _sha(_JSON.encode(hits).encode())


def token_rows(tokens: list[Token]) -> list[tuple]:
    return [(t.text, t.start, tuple(t.pinyin), t.display, t.term, t.term_id, t.gloss,
             tuple(t.spoken) if t.spoken is not None else None,
             tuple(t.citation) if t.citation is not None else None) for t in tokens]


def tokens_of(rows: list[tuple]) -> list[Token]:
    """The tokens of ``token_rows`` (fields in ``Token``'s order: given by position, a quarter quicker)."""
    return [Token(r[0], r[1], list(r[2]), r[3], r[4], r[5], r[6],
                  None if r[7] is None else list(r[7]), None if r[8] is None else list(r[8]))
            for r in rows]


def token_digest(rows: list[tuple]) -> str:
    """A digest of a paragraph's tokens (16 hex bytes), the same for the same tokens in any build."""
    return _sha(_JSON.encode(rows).encode()).hex()


def remove_old_files(folder: Path, names: tuple[str, ...]) -> None:
    """Delete the files ``names`` in ``folder`` where they exist: a store's files in an older layout,
    which no build reads any more (a missing or undeletable one is left as it is)."""
    for name in names:
        with contextlib.suppress(OSError):
            (Path(folder) / name).unlink()


def open_store(path: Path, table: str, page_size: int | None = None) -> sqlite3.Connection:
    """A connection to the SQLite file ``path`` (its folder made) as the build's caches use it: autocommit
    (a statement is its own transaction unless the caller says ``BEGIN``), write-ahead log (readers never
    wait for the writer), ``synchronous=NORMAL``, waiting up to 60 s for another process's lock (the
    render workers share the files); ``table`` is the ``CREATE TABLE IF NOT EXISTS`` statement of its
    table; ``page_size`` (bytes), the file's page size when it is made here (fixed for good after that).
    Raises OSError or sqlite3.Error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=60, isolation_level=None)
    if page_size is not None:
        db.execute(f"PRAGMA page_size={int(page_size)}")  # only takes effect on a new, empty file
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(table)
    return db


class AnnotationCache:
    """Paragraph text → tokens, on disk (see the module).

    ``get(text)`` → fresh Token copies or None; ``digest(text)`` → the digest of its tokens or None,
    without decoding them; ``put(text, tokens)``; ``save()`` commits. ``resources`` is the
    ``builder.text.resources.Resources`` the tokens are made with.
    """

    #: A rowid table (each paragraph's tokens take 1–11 KB, 4.7 KB on average: a ``WITHOUT ROWID`` table,
    #: the first layout, ``annotations.sqlite``, removed when found, read 12,600 of them in 0.2 s, this one
    #: in 0.09 s).
    FILE = "annotations-2.sqlite"
    OLD_FILES = ("annotations.sqlite", "annotations.sqlite-wal", "annotations.sqlite-shm")

    def __init__(self, cache_dir: Path, resources):
        self.path = Path(cache_dir) / self.FILE
        remove_old_files(cache_dir, self.OLD_FILES)
        self.resources = resources
        self.code = code_fingerprint()
        self._local: LocalEntries | None = None
        self._total: int | None = None
        self.db = self.connect()

    def connect(self) -> sqlite3.Connection | None:
        """A new connection to the cache file, in a transaction (None when it cannot be used)."""
        try:
            db = open_store(self.path, "CREATE TABLE IF NOT EXISTS paragraphs (key BLOB PRIMARY KEY, code TEXT, "
                                       "total INTEGER, deps BLOB, resources BLOB, digest TEXT, tokens BLOB)")
            db.execute("BEGIN")
            return db
        except (OSError, sqlite3.Error) as exc:
            log.info("annotation cache %s not usable (%s): annotating without it", self.path, exc)
            return None

    @property
    def local(self) -> LocalEntries:
        if self._local is None:
            self._local = LocalEntries(entries(self.resources))
        return self._local

    @property
    def total(self) -> int:
        if self._total is None:
            self._total = int(self.resources.tokenizer.total)
        return self._total

    def _row(self, text: str):
        """The valid row of ``text``: ``(digest, tokens blob)`` or None (missing or stale; see the module)."""
        if self.db is None:
            return None
        key = _sha(text.encode())
        try:
            row = self.db.execute("SELECT code, total, deps, resources, digest, tokens FROM paragraphs WHERE key = ?",
                                  (key,)).fetchone()
        except sqlite3.Error:
            return None
        if row is None or row[0] != self.code:
            return None
        code, total, deps, checked, digest, blob = row
        if checked != self.local.digest:
            if total != self.total or deps != self.local(text):
                return None
            self._execute("UPDATE paragraphs SET resources = ? WHERE key = ?", (self.local.digest, key))
        return digest, blob

    def digest(self, text: str) -> str | None:
        """The digest of the cached tokens of ``text`` (``token_digest``), or None if it must be annotated."""
        row = self._row(text)
        return row[0] if row else None

    def get(self, text: str) -> list[Token] | None:
        row = self._row(text)
        if row is None:
            return None
        try:
            return tokens_of(pickle.loads(row[1]))
        except Exception:  # a damaged row: annotate again
            return None

    def put(self, text: str, tokens: list[Token]) -> str:
        """Store the tokens of ``text``; → their digest."""
        rows = token_rows(tokens)
        digest = token_digest(rows)
        self._execute("INSERT OR REPLACE INTO paragraphs VALUES (?, ?, ?, ?, ?, ?, ?)",
                      (_sha(text.encode()), self.code, self.total, self.local(text), self.local.digest, digest,
                       pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL)))
        return digest

    def _execute(self, sql: str, args: tuple) -> None:
        if self.db is None:
            return
        try:
            self.db.execute(sql, args)
        except sqlite3.Error as exc:
            log.info("annotation cache %s not writable (%s): annotating without it", self.path, exc)
            self.close()

    def save(self) -> None:
        """Commit what was stored (``put``) and checked; the cache stays open for more."""
        if self.db is None:
            return
        try:
            self.db.execute("COMMIT")
            self.db.execute("BEGIN")
        except sqlite3.Error as exc:
            log.info("annotation cache %s not writable (%s)", self.path, exc)
            self.close()

    def prune(self, keep: set[str]) -> int:
        """Delete the rows of texts not in ``keep`` (paragraphs no page holds any more) once they
        outnumber the kept ones; → how many were deleted."""
        if self.db is None:
            return 0
        try:
            (count,) = self.db.execute("SELECT count(*) FROM paragraphs").fetchone()
            if count <= 2 * len(keep) + 1000:
                return 0
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS keep (key BLOB PRIMARY KEY)")
            self.db.execute("DELETE FROM keep")
            self.db.executemany("INSERT OR IGNORE INTO keep VALUES (?)", ((_sha(t.encode()),) for t in keep))
            deleted = self.db.execute("DELETE FROM paragraphs WHERE key NOT IN (SELECT key FROM keep)").rowcount
            self.save()
            return deleted
        except sqlite3.Error:
            return 0

    def close(self) -> None:
        if self.db is not None:
            try:
                self.db.execute("COMMIT")
            except sqlite3.Error:
                pass
            self.db.close()
            self.db = None
