"""jieba's word frequencies, read lazily from a cache file instead of loaded whole.

jieba 0.42 loads its whole prefix dictionary (about 580,000 entries) with ``marshal.load`` before it
can cut one sentence: 0.7–1.3 s here, most of a rebuild after editing one paragraph, which needs a
few hundred look-ups. ``lazy_tokenizer`` gives a ``jieba.Tokenizer`` the same dictionary through
``LazyFreq``, a mapping over an SQLite file (``.cache/jieba-<key>.sqlite``, built once from the
dictionary jieba itself loads), so segmentation is unchanged: same entries, same total.
The only operations jieba uses on ``Tokenizer.FREQ`` are ``get``, ``in``, ``[]`` and ``[]=``.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from importlib.metadata import version
from pathlib import Path

import jieba


class LazyFreq:
    """``word → frequency`` read from SQLite on demand, with words added in memory (``add_word``)."""

    def __init__(self, db: sqlite3.Connection):
        self._db = db
        self._seen: dict[str, int | None] = {}

    def _lookup(self, word: str) -> int | None:
        if word not in self._seen:
            row = self._db.execute("SELECT n FROM freq WHERE w = ?", (word,)).fetchone()
            self._seen[word] = row[0] if row else None
        return self._seen[word]

    def get(self, word, default=None):
        found = self._lookup(word)
        return default if found is None else found

    def __contains__(self, word) -> bool:
        return self._lookup(word) is not None

    def __getitem__(self, word) -> int:
        found = self._lookup(word)
        if found is None:
            raise KeyError(word)
        return found

    def __setitem__(self, word, freq) -> None:
        self._seen[word] = freq


def _key() -> str:
    dictionary = Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME
    digest = hashlib.sha256(version("jieba").encode())
    digest.update(str(dictionary.stat().st_size).encode())
    return digest.hexdigest()[:12]


def _build(path: Path, tmp_dir: Path) -> None:
    full = jieba.Tokenizer()
    full.tmp_dir = str(tmp_dir)
    full.initialize()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".jieba-", suffix=".tmp")
    os.close(fd)
    db = sqlite3.connect(tmp)
    db.execute("CREATE TABLE freq (w TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID")
    db.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v INTEGER)")
    db.executemany("INSERT INTO freq VALUES (?, ?)", full.FREQ.items())
    db.execute("INSERT INTO meta VALUES ('total', ?)", (full.total,))
    db.commit()
    db.close()
    os.replace(tmp, path)


def lazy_tokenizer(cache_dir: Path) -> jieba.Tokenizer:
    """A ``jieba.Tokenizer`` over the default dictionary whose frequencies are read lazily.

    Builds the SQLite file in ``cache_dir`` on first use (about 2 s, once). Falls back to a plain,
    fully loaded tokenizer when the cache folder cannot be written.
    """
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(cache_dir)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        path = cache_dir / f"jieba-{_key()}.sqlite"
        if not path.exists():
            _build(path, cache_dir)
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        (total,) = db.execute("SELECT v FROM meta WHERE k = 'total'").fetchone()
    except (OSError, sqlite3.Error):
        tokenizer.initialize()
        return tokenizer
    tokenizer.FREQ = LazyFreq(db)
    tokenizer.total = total
    tokenizer.initialized = True
    return tokenizer
