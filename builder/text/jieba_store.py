"""jieba's word frequencies, read lazily from a cache file instead of loaded whole.

jieba 0.42 loads its whole prefix dictionary (about 580,000 entries) with ``marshal.load`` before it
can cut one sentence: 0.7–1.3 s here, most of a rebuild after editing one paragraph, which needs a
small part of it. ``lazy_tokenizer`` gives a ``jieba.Tokenizer`` (``LazyTokenizer``) the same
dictionary from an SQLite file (``.cache/jieba-<key>.sqlite``, built once from the dictionary jieba
itself loads), so segmentation is unchanged: same entries, same total.

``Tokenizer.FREQ`` stays a plain ``dict`` (jieba reads it in its inner loops: ``in``, ``[]``,
``get``), filled in groups before jieba looks at a text (``LazyTokenizer.load``): the entry of
each character of the text and every word that starts with each pair of adjacent characters. Those
are all the entries jieba can ask about while it cuts the text, so every answer is the full
dictionary's; a group is read once per process.

The dictionary is jieba's own plus the CC-CEDICT headwords it lacks that win on their own
(``cedict_additions``): 接地气, 冬残奥会, 可持续发展, 马克龙 … are words jieba cuts into pieces.
Each is added with frequency 1, jieba's smallest, and only when that beats jieba's best cut of the
headword by its own dictionary (so it wins only where jieba has nothing better than pieces it barely
knows; 上合 or 死后, which lose to 上 + 合 and 死 + 后, are not added: a losing entry would only stop
jieba's HMM from joining the two characters again).

Building the file takes 1–2 s (jieba's dictionary, CC-CEDICT's headwords); ``build_in_background``
starts that in a forked process at the start of a build, while the build loads and checks the
content, and ``lazy_tokenizer`` waits for it instead of building the file a second time.
"""

from __future__ import annotations

import hashlib
import math
import multiprocessing
import os
import threading
import re
import sqlite3
import tempfile
from collections.abc import Callable
from importlib.metadata import version
from operator import add
from pathlib import Path

import jieba

from .memo import Memo


class LazyTokenizer(jieba.Tokenizer):
    """A ``jieba.Tokenizer`` whose ``FREQ`` is filled from the SQLite store as texts need it.

    ``load(text)`` makes ``FREQ`` exact for every piece of ``text``; ``get_DAG`` (every ``cut``)
    and ``add_word`` call it first. Code that reads ``FREQ`` itself must call ``load`` on the text
    it looks at. Without a store (``path=None``) the dictionary is loaded whole, as jieba does.
    After a fork the store is opened again in the child (an SQLite connection is not shared).
    """

    #: Groups read in one query.
    QUERY_GROUPS = 400
    #: Han blocks whose words are remembered (a few tens of characters each).
    BLOCK_MEMO = 50_000

    def __init__(self, path: Path | None):
        super().__init__()
        self._path = path
        self._db: sqlite3.Connection | None = None
        self._pid = 0
        self._chars: set[str] = set()  # characters whose own entry is loaded
        self._pairs: set[str] = set()  # two-character prefixes whose words are loaded
        self._checked = False  # within lcut_loaded: the text's entries are read already
        self._blocks = Memo(self.BLOCK_MEMO)  # Han block → its words

    def _connection(self) -> sqlite3.Connection:
        if self._db is None or self._pid != os.getpid():
            self._db = sqlite3.connect(f"file:{self._path}?mode=ro", uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._db

    def open_store(self) -> None:
        """Read the store's total; raises sqlite3.Error when the file is not a store."""
        (total,) = self._connection().execute("SELECT v FROM meta WHERE k = 'total'").fetchone()
        self.FREQ, self.total, self.initialized = {}, total, True

    def load(self, text: str) -> None:
        """Read the entries jieba may ask about while cutting ``text`` (see the module)."""
        if self._path is None or (self._chars.issuperset(text) and self._pairs.issuperset(map(add, text, text[1:]))):
            return  # all read already (the usual case once a text or two went through)
        chars = set(text).difference(self._chars)
        pairs = set(map(add, text, text[1:])).difference(self._pairs)
        db, freq = self._connection(), self.FREQ
        rows: list[tuple[str, int]] = []
        chars_list = list(chars)
        for k in range(0, len(chars_list), self.QUERY_GROUPS):
            part = chars_list[k:k + self.QUERY_GROUPS]
            rows += db.execute(f"SELECT w, n FROM freq WHERE w IN ({','.join('?' * len(part))})", part).fetchall()
        pairs_list = [p for p in pairs if ord(p[1]) < 0x10FFFF]
        for k in range(0, len(pairs_list), self.QUERY_GROUPS):
            part = pairs_list[k:k + self.QUERY_GROUPS]
            bounds = [b for p in part for b in (p, p[0] + chr(ord(p[1]) + 1))]
            rows += db.execute(
                f"WITH g(lo, hi) AS (VALUES {','.join(['(?, ?)'] * len(part))}) "
                "SELECT w, n FROM g JOIN freq ON w >= lo AND w < hi", bounds).fetchall()
        for word, n in rows:
            if word not in freq:  # words added in memory (add_word) keep their frequency
                freq[word] = n
        self._chars |= chars
        self._pairs |= pairs

    def _Tokenizer__cut_DAG(self, sentence):  # noqa: N802 - jieba 0.42's cut of one Han block (HMM on)
        """jieba's words for one block of Han text (jieba cuts a text block by block, between
        punctuation), remembered: clauses recur (a report and the speech it quotes). The memo holds
        at most BLOCK_MEMO blocks (``builder.text.memo``)."""
        found = self._blocks.get(sentence)
        if found is None:
            found = self._blocks.put(sentence, list(jieba.Tokenizer._Tokenizer__cut_DAG(self, sentence)))
        return iter(found)

    def forget_blocks(self) -> None:
        """Empty the memo of blocks (the benchmarks cut every pass in full)."""
        self._blocks.clear()

    def lcut_loaded(self, text: str) -> list[str]:
        """``lcut(text)`` where ``load`` has read ``text``, or a text holding it, already: the store
        is not checked again for each of its blocks."""
        self._checked = True
        try:
            return self.lcut(text)
        finally:
            self._checked = False

    def get_DAG(self, sentence):
        if not self._checked:
            self.load(sentence)
        return super().get_DAG(sentence)

    def add_word(self, word, freq=None, tag=None):
        self.load(word)
        return super().add_word(word, freq, tag)


#: Frequency of an added CC-CEDICT headword (jieba's smallest: it wins only against rare pieces).
ADDED_FREQ = 1
#: Bump when the choice of added headwords changes: old stores are then rebuilt.
ADDITIONS_VERSION = 3
_HAN_WORD = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]{2,}$")
#: A headword that splits into other headwords with one of these standing alone is a phrase
#: (神的儿子, 在这期间, 物质文明和精神文明), not a word: it is not added, unless it is a name.
PARTICLES = frozenset("的了着过地得和与在是这那把被")


def cedict_additions(tokenizer: jieba.Tokenizer, headwords) -> list[str]:
    """The headwords (of CC-CEDICT, any iterable of str) to add to ``tokenizer``'s dictionary.

    A headword qualifies when it is two or more Han characters, jieba's dictionary has no frequency
    for it, it is not a phrase (``PARTICLES``), and with ``ADDED_FREQ`` it beats jieba's best cut
    of the headword standing alone (``Tokenizer.calc`` over its own dictionary: a piece it lacks
    counts as frequency 1, as in jieba). ``headwords`` is a ``builder.text.dictionary.Dictionary``.
    ``tokenizer`` must be initialised; it is not changed. Sorted, for a reproducible store.
    """
    freq, threshold = tokenizer.FREQ, math.log(ADDED_FREQ) - math.log(tokenizer.total)
    out = []
    for word in headwords:
        if not _HAN_WORD.match(word) or freq.get(word):
            continue
        if PARTICLES.intersection(word) and PARTICLES.intersection(headwords.parts(word, whole=False)) \
                and not all(e.pinyin[0][:1].isupper() for e in headwords[word]):  # names keep them: 战争与和平
            continue
        route: dict[int, tuple[float, int]] = {}
        tokenizer.calc(word, tokenizer.get_DAG(word), route)
        if route[0][0] < threshold:
            out.append(word)
    return sorted(out)


def _cedict_headwords():
    from .dictionary import load_cedict

    return load_cedict()


def _key() -> str:
    from .dictionary import CEDICT_PATH

    dictionary = Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME
    digest = hashlib.sha256(version("jieba").encode())
    digest.update(str(dictionary.stat().st_size).encode())
    digest.update(f"{CEDICT_PATH.stat().st_size}-{ADDED_FREQ}-{ADDITIONS_VERSION}".encode())
    return digest.hexdigest()[:12]


def _add(tokenizer: jieba.Tokenizer, words: list[str]) -> None:
    for word in words:
        tokenizer.add_word(word, freq=ADDED_FREQ)


def _build(path: Path, tmp_dir: Path) -> None:
    full = jieba.Tokenizer()
    full.tmp_dir = str(tmp_dir)
    full.initialize()
    _add(full, cedict_additions(full, _cedict_headwords()))
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


#: Background builds of the file started by ``build_in_background``, by path (joined by ``lazy_tokenizer``).
_building: dict[Path, multiprocessing.Process] = {}


def build_in_background(cache_dir: Path) -> bool:
    """Start building the SQLite file in ``cache_dir`` in a forked process when it is missing (see the
    module); → whether a build was started. Nothing is started where fork is not available or this
    process runs other threads; a failed background build is simply done again by ``lazy_tokenizer``."""
    path = Path(cache_dir) / f"jieba-{_key()}.sqlite"
    if path.exists() or path in _building or "fork" not in multiprocessing.get_all_start_methods() \
            or threading.active_count() > 1:
        return False
    try:
        Path(cache_dir).mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    # daemon: a build that fails before it needs the file does not wait for it at exit (clean_stale
    # removes the temporary file left behind)
    process = multiprocessing.get_context("fork").Process(target=_build_quietly, args=(path, Path(cache_dir)), daemon=True)
    process.start()
    _building[path] = process
    return True


def _build_quietly(path: Path, tmp_dir: Path) -> None:
    import logging

    jieba.setLogLevel(logging.WARNING)  # as the build's own tokenizer (Resources.tokenizer): no chatter
    _build(path, tmp_dir)


def lazy_tokenizer(cache_dir: Path, while_building: Callable[[], object] | None = None) -> LazyTokenizer:
    """A ``LazyTokenizer`` over the default dictionary and ``cedict_additions``, read lazily.

    Builds the SQLite file in ``cache_dir`` on first use (1–2 s here, once), or waits for the build
    ``build_in_background`` started, calling ``while_building()`` first (other work of a machine's first
    build that would otherwise wait). Falls back to a plain, fully loaded tokenizer (with the same
    additions) when the cache folder cannot be written.
    """
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        path = cache_dir / f"jieba-{_key()}.sqlite"
        if path in _building:
            if while_building is not None and _building[path].is_alive():
                while_building()
            _building.pop(path).join()
        if not path.exists():
            _build(path, cache_dir)
        tokenizer = LazyTokenizer(path)
        tokenizer.tmp_dir = str(cache_dir)
        tokenizer.open_store()
    except (OSError, sqlite3.Error):
        tokenizer = LazyTokenizer(None)
        tokenizer.tmp_dir = str(cache_dir)
        tokenizer.initialize()
        _add(tokenizer, cedict_additions(tokenizer, _cedict_headwords()))
    return tokenizer
