"""The annotated summit pages, one at a time: token digests for all, tokens only while a page needs them.

A 1,000-page site does not fit in memory as tokens (hundreds of MB of Token objects), and a rebuild
needs the tokens of a few pages only. ``Corpus.annotate`` makes sure every paragraph has tokens in
the annotation cache (``builder.site.cache``: annotating the missing ones in batches) and keeps just
their digests. ``Corpus.facts`` then gives what other pages need from each summit page — its term
counts and concordance lines — computed once per version of the page and kept in
``.cache/facts-2.sqlite`` (``FactStore``). ``Corpus.annotated(summit)`` fills the page's tokens for as long as a
renderer needs them.
"""

from __future__ import annotations

import contextlib
import logging
import pickle
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..content.translations import check_glossary_terms, translation_path
from ..model import Summit, Token
from .cache import AnnotationCache, open_store, remove_old_files, token_digest, token_rows
from .concordance import Occurrence, assign_anchors
from .outputs import digest, file_digest

log = logging.getLogger("builder")

#: Bump when what ``summit_facts`` computes changes.
FACTS_VERSION = 1
#: Paragraphs annotated between two commits of the cache (their tokens are stored, then dropped).
BATCH = 256
#: Connections a forked worker inherited (``Corpus.reopen``): referenced here so they are never closed.
_INHERITED: list[sqlite3.Connection] = []


@dataclass
class Facts:
    """What other pages need from one annotated summit page.

    ``counts``: term id → occurrences on the page; ``occurrences``: every term occurrence in page order
    as ``(term id, article kind, anchor, before, form, after)`` (``builder.site.concordance``).
    """

    counts: dict[str, int]
    occurrences: list[tuple[str, str, str, str, str, str]]


def summit_facts(summit: Summit) -> Facts:
    """The facts of an annotated summit page."""
    found = assign_anchors(summit)
    return Facts(dict(Counter(o.term_id for o in found)),
                 [(o.term_id, o.kind, o.anchor, o.before, o.form, o.after) for o in found])


class FactStore:
    """Pickled values by key in SQLite (``.cache/facts-2.sqlite``); works (without storing) when it cannot open.

    The values are large (a page's search postings about 300 KB, its word list 150 KB): they are kept in
    a table with row ids and 64 KB pages. A ``WITHOUT ROWID`` table of 4 KB pages, the first layout
    (``facts.sqlite``, removed when found), stored 300 values of 400 KB in 1.0 s and read them in 0.3 s;
    this one in 0.27 and 0.02 s (the same machine, the same run).
    """

    FILE = "facts-2.sqlite"
    OLD_FILES = ("facts.sqlite", "facts.sqlite-wal", "facts.sqlite-shm")
    PAGE_SIZE = 65536

    def __init__(self, cache_dir: Path):
        self.path = Path(cache_dir) / self.FILE
        remove_old_files(cache_dir, self.OLD_FILES)
        self.db = self.connect()

    def connect(self) -> sqlite3.Connection | None:
        """A new connection to the store (None when it cannot be opened)."""
        try:
            # Each put is its own transaction (autocommit): the render workers share the store, and a
            # transaction kept open while a worker renders would make the other wait for its lock.
            return open_store(self.path, "CREATE TABLE IF NOT EXISTS facts (key TEXT PRIMARY KEY, data BLOB)",
                              page_size=self.PAGE_SIZE)
        except (OSError, sqlite3.Error):
            return None

    def get(self, key: str):
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT data FROM facts WHERE key = ?", (key,)).fetchone()
            return pickle.loads(row[0]) if row else None
        except Exception:
            return None

    def has(self, key: str) -> bool:
        """Whether a value is stored under ``key`` (without reading it)."""
        if self.db is None:
            return False
        try:
            return self.db.execute("SELECT 1 FROM facts WHERE key = ?", (key,)).fetchone() is not None
        except sqlite3.Error:
            return False

    def keep_only(self, keys: Iterable[str]) -> int:
        """Delete every value whose key is not in ``keys``; → how many were deleted. SQLite reuses the
        pages they free for what is stored next (the file does not shrink, it stops growing). Errors
        leave the store as it was (a store that keeps too much is only larger)."""
        if self.db is None:
            return 0
        try:
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS live (key TEXT PRIMARY KEY) WITHOUT ROWID")
            self.db.execute("DELETE FROM live")
            self.db.executemany("INSERT OR IGNORE INTO live VALUES (?)", ((k,) for k in keys))
            deleted = self.db.execute("DELETE FROM facts WHERE key NOT IN (SELECT key FROM live)").rowcount
            self.db.execute("DELETE FROM live")
            return deleted
        except sqlite3.Error:
            return 0

    def put(self, key: str, value) -> None:
        if self.db is None:
            return
        with contextlib.suppress(sqlite3.Error):
            self.db.execute("INSERT OR REPLACE INTO facts VALUES (?, ?)", (key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)))

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


class Corpus:
    """The summit pages of a build with their annotation (see the module).

    ``annotate_texts(texts)`` → the token list of each text, in order (a list, or an iterator that yields
    them as they are done: a process pool's).
    After ``annotate()``: ``digests[ordinal]`` (one token digest per heading and paragraph, in page
    order), ``source[ordinal]`` (a digest of the page and translation files), ``key(summit)`` (both).
    """

    def __init__(self, content: Path, summits: list[Summit], cache: AnnotationCache | None,
                 annotate_texts: Callable[[list[str]], Iterable[list[Token]]], store: FactStore | None):
        self.content, self.summits, self.cache, self.annotate_texts, self.store = content, summits, cache, annotate_texts, store
        self.digests: dict[int, list[str]] = {}
        self.source: dict[int, str] = {}
        self.facts: dict[int, Facts] = {}
        self.checks: dict[int, list[tuple[str, str]] | None] = {}  # ordinal → check_glossary_terms, by load_facts
        self._held: dict[int, int] = {}  # ordinal → how many ``annotated`` blocks hold its tokens
        self._last: Summit | None = None  # the page whose tokens were last released: kept until another is read
        self._kept = cache is None or cache.db is None  # no cache on disk: tokens stay in memory
        self._keys: dict[int, tuple[str, list[str], str]] = {}  # ordinal → (source, digests, key): ``key`` made once
        self.fact_keys: list[str] = []  # the store keys of this build's facts and checks (``load_facts``)

    @classmethod
    def of_annotated(cls, summits: list[Summit]) -> "Corpus":
        """A corpus of summit pages annotated already (their tokens stay in memory): tests, small tools."""
        corpus = cls(Path("."), summits, None, lambda texts: [], None)
        for summit in summits:
            corpus.source[summit.ordinal] = digest(summit.path, summit.ordinal)
            corpus.digests[summit.ordinal] = [token_digest(token_rows(p.tokens)) for p in summit.paragraphs()]
            corpus.facts[summit.ordinal] = summit_facts(summit)
        return corpus

    def key(self, summit: Summit) -> str:
        """A digest of a summit page as annotated: its files and its tokens."""
        n = summit.ordinal
        made = self._keys.get(n)
        if made is None or made[0] is not self.source[n] or made[1] is not self.digests[n]:
            made = self._keys[n] = (self.source[n], self.digests[n], digest(self.source[n], self.digests[n]))
        return made[2]

    def plan(self) -> list[str]:
        """Look every paragraph up in the cache; → the texts it lacks (each once), to ``annotate``."""
        for summit in self.summits:
            translation = translation_path(self.content, summit)
            self.source[summit.ordinal] = digest(file_digest(Path(summit.path)),
                                                 file_digest(translation) if translation.is_file() else None)
        self._found: dict[str, str] = {}
        missing: dict[str, None] = {}
        for summit in self.summits:
            for paragraph in summit.paragraphs():
                text = paragraph.text
                if text in self._found or text in missing:
                    continue
                found = None if self.cache is None else self.cache.digest(text)
                if found is None:
                    missing[text] = None
                else:
                    self._found[text] = found
        return list(missing)

    def annotate(self, todo: list[str] | None = None, progress: Callable[[list[str]], None] | None = None) -> int:
        """Annotate ``todo`` (default: ``plan()``) into the cache, as ``annotate_texts`` yields each text's
        tokens (committed every BATCH texts), and record every paragraph's token digest; → how many texts
        were annotated. ``progress(texts)`` is told the texts done since it was last called."""
        if todo is None:
            todo = self.plan()
        fresh: dict[str, list[Token]] = {}
        done: list[str] = []
        for text, tokens in zip(todo, self.annotate_texts(todo)):
            self._found[text] = self.cache.put(text, tokens) if self.cache else token_digest(token_rows(tokens))
            if self._kept:
                fresh[text] = tokens
            done.append(text)
            if len(done) >= BATCH:
                self._saved(done, progress)
                done = []
        self._saved(done, progress)
        for summit in self.summits:
            self.digests[summit.ordinal] = [self._found[p.text] for p in summit.paragraphs()]
            if self._kept:
                for paragraph in summit.paragraphs():
                    paragraph.tokens = _copy(fresh[paragraph.text])
        return len(todo)

    def _saved(self, done: list[str], progress) -> None:
        if self.cache:
            self.cache.save()
        if progress and done:
            progress(done)

    def reopen(self) -> None:
        """In a forked worker (``builder.site.workers``): open this process's own connections to the
        annotation cache and the fact store. The inherited ones are kept, unused and never closed: closing
        a connection that crossed a fork could release the parent's locks or remove its WAL files."""
        for holder in (self.cache, self.store):
            if holder is not None and holder.db is not None:
                _INHERITED.append(holder.db)
                holder.db = holder.connect()

    def close(self) -> None:
        """Commit and close the cache and the fact store."""
        if self.cache is not None:
            self.cache.close()
        if self.store is not None:
            self.store.close()

    @contextlib.contextmanager
    def annotated(self, summit: Summit):
        """Fill the tokens of ``summit``'s paragraphs for the ``with`` block; they are dropped once another
        page's are read (unless a block still holds them or there is no cache to read them back from):
        a page's outputs rendered one after the other (its page, its word data) read them once."""
        n = summit.ordinal
        if self._last is not None and self._last is not summit:
            self._drop(self._last)
        if not self._held.get(n) and not self._kept and self._last is not summit:
            for paragraph in summit.paragraphs():
                tokens = self.cache.get(paragraph.text)
                if tokens is None:  # the cache lost it meanwhile: annotate it again
                    tokens = next(iter(self.annotate_texts([paragraph.text])))
                paragraph.tokens = tokens
        self._held[n] = self._held.get(n, 0) + 1
        try:
            yield summit
        finally:
            self._held[n] -= 1
            if not self._held[n] and not self._kept:
                self._last = summit

    def _drop(self, summit: Summit) -> None:
        self._last = None
        if not self._held.get(summit.ordinal) and not self._kept:
            for paragraph in summit.paragraphs():
                paragraph.tokens = []

    def load_facts(self, glossary=None, progress: Callable[[int], None] | None = None, mapper=map,
                   also: Callable[[Summit], object] | None = None,
                   also_missing: Callable[[Summit], bool] | None = None) -> None:
        """``facts`` of every summit page and, with a ``glossary``, its ``checks`` (``check_glossary_terms``:
        ``[(paragraph, term id)]``): from the store, else computed from its tokens (read once for both) and
        stored. The pages to read go through ``mapper`` (``map``, or ``builder.site.workers.fork_map``
        on every core: each worker reads and stores its own pages). ``also(summit)`` runs on each page
        read, while its tokens are filled and its ``facts`` set: to store more of what later stages
        make from them (the search documents, the word list), so that those stages need not read the
        tokens again; a page whose facts are stored is read for ``also`` alone when ``also_missing(summit)``
        (its facts set) says what ``also`` stores is missing (the rendering code changed). ``progress(n)``:
        n more pages done."""
        english = digest([(t.id, t.english, t.alternatives) for t in glossary.terms]) if glossary is not None else None
        keys = {s.ordinal: (digest("facts", FACTS_VERSION, self.key(s)),
                            digest("check", FACTS_VERSION, self.key(s), english) if glossary is not None else None)
                for s in self.summits}
        self.fact_keys = [k for pair in keys.values() for k in pair if k is not None]
        todo, stored = [], set()  # pages to read; those of them whose facts are stored (read for ``also``)
        for summit in self.summits:
            fkey, ckey = keys[summit.ordinal]
            facts = self.store.get(fkey) if self.store else None
            checks = self.store.get(ckey) if self.store and ckey else None
            if facts is None or (ckey is not None and checks is None):
                todo.append(summit)
                continue
            self.facts[summit.ordinal], self.checks[summit.ordinal] = facts, checks
            if also is not None and also_missing is not None and also_missing(summit):
                stored.add(summit.ordinal)
                todo.append(summit)
            elif progress:
                progress(1)

        def compute(summit: Summit):
            n = summit.ordinal
            fkey, ckey = keys[n]
            with self.annotated(summit):
                if n in stored:
                    facts, checks = self.facts[n], self.checks[n]
                else:
                    facts = summit_facts(summit)
                    checks = ([(m.where, m.term.id) for m in check_glossary_terms(self.content, summit, glossary)]
                              if glossary is not None else None)
                if also is not None:
                    self.facts[n] = facts  # what ``also`` may read (in a worker: its own copy)
                    also(summit)
            if self.store and n not in stored:
                self.store.put(fkey, facts)
                if ckey is not None:
                    self.store.put(ckey, checks)
            return facts, checks

        for summit, (facts, checks) in zip(todo, mapper(compute, todo)):
            self.facts[summit.ordinal], self.checks[summit.ordinal] = facts, checks
            if progress:
                progress(1)

    def occurrences(self, summit: Summit) -> list[Occurrence]:
        """Every term occurrence of ``summit``'s page, in page order, made from its facts (``load_facts``)."""
        return [Occurrence(term_id, summit, *rest) for term_id, *rest in self.facts[summit.ordinal].occurrences]

    def check_translations(self, glossary) -> list[tuple[Path, str, object]]:
        """The glossary terms a summit page's translation lacks (``check_glossary_terms``, computed by
        ``load_facts(glossary)``): ``[(translation path, paragraph, term)]``."""
        out = []
        for summit in self.summits:
            path = translation_path(self.content, summit)
            out += [(path, where, glossary.by_id[term_id]) for where, term_id in self.checks[summit.ordinal] or []]
        return out


def _copy(tokens: list[Token]) -> list[Token]:
    return [Token(t.text, t.start, list(t.pinyin), t.display, t.term, t.term_id, t.gloss,
                  list(t.spoken) if t.spoken is not None else None,
                  list(t.citation) if t.citation is not None else None) for t in tokens]
