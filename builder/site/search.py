"""The search index: every heading, paragraph and glossary term → documents → term shards (build time).

The browser searches with MiniSearch 7.2.0 (``templates/assets/vendor/``; why that library:
docs/search.md). Its index is built here, in Python, from the annotated tokens, so the site's own
segmentation and readings are what is searched. One **document** per glossary term (shown first)
and per heading or paragraph of every summit page, with five fields of terms:

- ``zh``: the site's words, one term per Han-bearing token (``上海精神``, ``合作``);
- ``chars``: each Han character and each pair of neighbouring Han characters (the substring
  fallback: a phrase is found by all its pairs);
- ``py``: toneless readings, lower case, ü written ``v`` and also ``u``: each word joined
  (``shanghaijingshen``) and each written part of it (``shanghai``, ``jingshen``);
- ``pyt``: the same toned (``shànghǎi``, ``jīngshén``, ``lǜsè``);
- ``en``: English words, lower case (the paragraph's translation; a term's rendering and its
  alternatives).

Output, all under ``assets/search/`` and loaded by ``templates/assets/search.js`` only when a reader
starts a search (scripts, not JSON, so that they load from ``file://`` too):

- ``meta.js``: field names, document count, how terms map to shard files, the summits and articles;
- ``t<N>.js``: a **term shard**: the index entries (MiniSearch's serialised form,
  ``[term, {field id: {document id: term frequency}}]``) of every term whose first character falls
  in the shard's buckets, and, for each reading term, the Chinese words it reads (to mark them);
- ``d<N>.js``: a **document store** chunk: what a result shows (summit, anchor, Chinese, English)
  for documents ``N × STORE_CHUNK`` onwards.

A query loads ``meta.js``, then only the term shards of its terms' first characters, then the
store chunks of the results on screen. Shards are packed up to ``SHARD_BYTES`` of text each, so a
small site is one shard and a large one many.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ..content.glossary import Glossary, Term
from ..model import Paragraph, Summit, Token
from ..text.syllables import HAN_RE, HAN_RUN_RE
from .outputs import Generated, digest

FIELDS = ("zh", "chars", "py", "pyt", "en")
FIELD_ID = {name: i for i, name in enumerate(FIELDS)}
READING_FIELDS = (FIELD_ID["py"], FIELD_ID["pyt"])

#: Documents per store chunk; the size (characters of text) a term shard is kept under, about.
STORE_CHUNK = 8
SHARD_BYTES = 32_000

_WORD_RE = re.compile(r"[^\W_]+")
_TONE_MARKS = {"\u0300", "\u0301", "\u0304", "\u030c"}


def toned(text: str) -> str:
    """A reading as searched with tones: lower case, NFC, ü kept: ``Lǜsè`` → ``lǜsè``."""
    return unicodedata.normalize("NFC", text.lower())


def toneless(text: str) -> str:
    """A reading as searched without tones: lower case, tone marks dropped, ü → ``v``: ``Lǜsè`` → ``lvse``."""
    out = []
    for c in unicodedata.normalize("NFD", text.lower()):
        if c == "\u0308" and out and out[-1] == "u":
            out[-1] = "v"
        elif c not in _TONE_MARKS:
            out.append(c)
    return "".join(out)


def reading_forms(reading: str) -> list[str]:
    """Toneless search terms of one written reading: itself, and with ``u`` for ``v`` when it has ü."""
    plain = toneless(reading)
    return [plain, plain.replace("v", "u")] if "v" in plain else [plain]


def english_words(text: str) -> list[str]:
    """English search terms: runs of letters and digits, lower case (``SCO's`` → ``sco``, ``s``)."""
    return _WORD_RE.findall(unicodedata.normalize("NFC", text.lower()))


def char_grams(text: str) -> list[str]:
    """Every Han character and every pair of neighbouring Han characters of ``text``, in order."""
    grams = []
    for run in HAN_RUN_RE.findall(text):
        grams.extend(run)
        grams.extend(run[i:i + 2] for i in range(len(run) - 1))
    return grams


def reading_parts(text: str, written: str, syllables: list[str]) -> list[tuple[str, str]]:
    """``(Chinese, written reading)`` of a word and of each written part of its reading.

    ``reading_parts("上海精神", "Shànghǎi Jīngshén", [...])`` → ``[("上海精神", "shànghǎijīngshén"),
    ("上海", "shànghǎi"), ("精神", "jīngshén")]``. Parts are split at spaces and hyphens; they are
    given only when ``text`` is all Han and its syllables (one per character) spell the parts.
    """
    if not syllables:
        return []
    whole = (text, "".join(syllables))
    out = [whole]
    if all(HAN_RE.fullmatch(c) for c in text) and len(text) == len(syllables):
        for separators in (r"\s+", r"[\s\-‐]+"):
            for part in _parts(text, re.split(separators, toned(written)), syllables):
                if part not in out:
                    out.append(part)
    return out


def _parts(text: str, pieces: list[str], syllables: list[str]) -> list[tuple[str, str]]:
    """The pieces of a written reading with the characters they spell; ``[]`` unless they spell all."""
    out, used = [], 0
    for piece in pieces:
        letters = "".join(c for c in piece if c.isalpha())
        start, spelled = used, ""
        while used < len(syllables) and len(spelled) < len(letters):
            spelled += syllables[used]
            used += 1
        if spelled != letters:
            return []
        out.append((text[start:used], letters))
    return out if len(out) > 1 and used == len(syllables) else []


@dataclass
class Document:
    """One searchable unit: ``terms`` per field (repeats kept: they are term frequencies), the
    ``stored`` row a result shows, and ``readings``: ``(reading term, Chinese it reads)`` pairs."""

    terms: dict[str, list[str]]
    stored: list
    readings: set[tuple[str, str]] = field(default_factory=set)

    @property
    def words(self) -> dict[str, set[str]]:
        """Each reading term → the Chinese it reads in this document."""
        out: dict[str, set[str]] = {}
        for term, chinese in self.readings:
            out.setdefault(term, set()).add(chinese)
        return out

    def add_readings(self, parts: Iterable[tuple[str, str]]) -> None:
        """Add the reading terms of ``(Chinese, written reading)`` parts (see ``reading_parts``)."""
        py, pyt, pairs = _reading_terms(tuple(parts))
        self.terms["py"].extend(py)
        self.terms["pyt"].extend(pyt)
        self.readings.update(pairs)


@lru_cache(maxsize=65536)
def _reading_terms(parts: tuple[tuple[str, str], ...]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Toneless terms, toned terms and ``(term, Chinese)`` pairs of reading parts."""
    py, pyt, pairs = [], [], []
    for chinese, reading in parts:
        tone = toned(reading)
        pyt.append(tone)
        pairs.append((tone, chinese))
        for plain in reading_forms(reading):
            py.append(plain)
            pairs.append((plain, chinese))
    return tuple(py), tuple(pyt), tuple(pairs)


def _empty() -> dict[str, list[str]]:
    return {name: [] for name in FIELDS}


@lru_cache(maxsize=65536)
def _token_terms(text: str, written: str, syllables: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
    """A word's toneless and toned reading terms and their ``(term, Chinese)`` pairs (``reading_parts``,
    ``_reading_terms``): a word recurs on every page, so each shape of it is worked out once."""
    return _reading_terms(tuple(reading_parts(text, written, list(syllables))))


def paragraph_document(summit_index: int, article: int, number: int, paragraph: Paragraph) -> Document:
    """A heading (``number`` 0) or paragraph: stored as ``[summit index, article, number, Chinese, English]``."""
    zh, py, pyt, shapes = [], [], [], set()
    for token in paragraph.tokens:
        if token.pinyin:
            found = _token_terms(token.text, token.display or "".join(token.pinyin), tuple(token.pinyin))
            zh.append(token.text)
            py += found[0]
            pyt += found[1]
            shapes.add(found)
    terms = {"zh": zh, "chars": char_grams(paragraph.text), "py": py, "pyt": pyt, "en": english_words(paragraph.en or "")}
    return Document(terms, [summit_index, article, number, paragraph.text, paragraph.en or ""],
                    {pair for found in shapes for pair in found[2]})


def term_document(term: Term) -> Document:
    """A glossary term: stored as ``["g", id, headword, pinyin, English, [alternative renderings]]``."""
    doc = Document(_empty(), ["g", term.id, term.headword, term.pinyin, term.english, list(term.alternatives)])
    for form in term.forms:
        doc.terms["zh"].append(form.text)
        doc.terms["chars"].extend(char_grams(form.text))
        doc.add_readings(reading_parts(form.text, form.written, form.syllables))
    for text in [term.english, *term.alternatives]:
        doc.terms["en"].extend(english_words(text))
    return doc


def summit_documents(summit: Summit, summit_index: int = 0) -> list[Document]:
    """The documents of an annotated summit page's headings and paragraphs, in page order."""
    docs = []
    for a, article in enumerate(summit.articles, start=1):
        docs.append(paragraph_document(summit_index, a, 0, article.heading))
        docs += [paragraph_document(summit_index, a, p, par) for p, par in enumerate(article.paragraphs, start=1)]
    return docs


def documents(summits: list[Summit], glossary: Glossary) -> Iterator[Document]:
    """Every glossary term (in glossary order), then every heading and paragraph in page order, of
    annotated summit pages (their tokens filled)."""
    yield from (term_document(t) for t in glossary.terms)
    for s, summit in enumerate(summits):
        for doc in summit_documents(summit, s):
            yield doc


def bucket(term: str, buckets: int) -> int:
    """The bucket (0 … ``buckets`` - 1) of a term. A term that starts with a Latin letter or digit
    goes by its first three characters (so every completion of a three-letter prefix is in one
    bucket); any other by its first character, single characters apart from longer terms (so that
    ``上海`` does not bring ``上``, which is in nearly every paragraph). ``search.js`` does the same."""
    first = ord(term[0])
    if first < 128:
        key = 0
        for c in term[:3]:
            key = key * 31 + ord(c)
    else:
        key = first * 2 + (len(term) > 1)
    return key % buckets


def _js(call: str, *args) -> str:
    return f"SR_SEARCH.{call}(" + ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":")) for a in args) + ");\n"


#: Powers of ten from 10: ``1 + searchsorted(_TENS, x, "right")`` is the number of digits of ``x`` ≥ 0.
_TENS = np.array([10 ** k for k in range(1, 19)], dtype=np.int64)


def _digits(values: np.ndarray) -> np.ndarray:
    """The number of decimal digits of each of ``values`` (integers ≥ 0), as int64."""
    return 1 + np.searchsorted(_TENS, values, side="right")


def _json_ints(values: np.ndarray) -> str:
    """The JSON array of integers ``values`` without spaces (``[1,20,3]``; a list's repr, made in C)."""
    return repr(values.tolist()).replace(" ", "")


@dataclass
class Part:
    """The postings of a run of documents (the glossary's, or one summit page's), numbered from 0.

    ``terms``: its distinct terms; ``keys``, ``docs``, ``freqs``: one int32 per (term, field, document)
    posting, ordered by key then document — key = term number × 8 + field id, document number, term
    frequency;
    ``lengths``: distinct terms per field of each document (documents × fields, int32); ``readings``:
    the sorted ``(reading term, Chinese it reads)`` pairs; ``row_digests``: a digest of each document's
    stored row (made with summit index 0). Small enough to keep per version of a page in the fact
    store, so a rebuild merges stored parts instead of reading every page's tokens."""

    terms: list[str]
    keys: np.ndarray
    docs: np.ndarray
    freqs: np.ndarray
    lengths: np.ndarray
    readings: list[tuple[str, str]]
    row_digests: list[str]

    @property
    def count(self) -> int:
        """How many documents the part holds."""
        return len(self.lengths)

    @classmethod
    def of(cls, docs: list[Document]) -> "Part":
        """The part of ``docs`` (in order)."""
        number: defaultdict[str, int] = defaultdict(itertools.count().__next__)  # a new term: the next number
        term_of = number.__getitem__
        numbers: list[int] = []  # per posting (extended in C: the loops here are per document and field)
        freqs: list[int] = []
        lengths, group_fields, group_docs, readings = [], [], [], set()  # per (document, field)
        for d, doc in enumerate(docs):
            for name, terms in doc.terms.items():
                counts = Counter(terms)
                numbers.extend(map(term_of, counts))
                freqs.extend(counts.values())
                lengths.append(len(counts))
                group_fields.append(FIELD_ID[name])
                group_docs.append(d)
            readings.update(doc.readings)
        sizes = np.array(lengths, np.int32)
        keys = np.array(numbers, np.int32) * 8 + np.repeat(np.array(group_fields, np.int32), sizes)
        order = np.argsort(keys, kind="stable")
        return cls(list(number), keys[order], np.repeat(np.array(group_docs, np.int32), sizes)[order],
                   np.array(freqs, np.int32)[order], sizes.reshape(len(docs), len(FIELDS)), sorted(readings),
                   [digest(doc.stored)[:16] for doc in docs])


class SearchIndex:
    """The index of parts (``Part``: the glossary's first, then each summit page's), merged.

    Every term gets a number (in order of first use); postings are kept as two flat int32 arrays
    ordered by (term number, field id, document id): ``gaps`` (document id minus the previous one of
    the same term and field, the first from 0) and ``freqs``; the postings of key ``k`` (term number
    × 8 + field id) are ``start[k]`` … ``start[k + 1]``. Merging is numpy over whole parts, and a
    term shard's text is made only when asked for (``_shard``), so a rebuild that finds a shard's
    digest unchanged (``shard_digest``) never prints it. ``rows(i)`` → the stored rows of part ``i``
    (summit index set); ``code`` is mixed into every file's digest (the code that prints it)."""

    def __init__(self, parts: "Sequence[Part] | Callable[[], Iterable[Part]]", glossary_count: int, summits: list[dict],
                 rows: Callable[[int], list[list]], code: str = ""):
        self.glossary_count, self.summits, self.rows, self.code = glossary_count, summits, rows, code
        self.parts_count: list[int] = []
        self.row_digests: list[list[str]] = []
        self.table: list[list[int]] = []
        self._merge(parts if callable(parts) else lambda: iter(parts))

    @staticmethod
    def _postings(part: Part, numbers: np.ndarray, last: np.ndarray, offset: int):
        """A part's postings with the index's term numbers: ``(starts, group, keys, gaps)`` in (key,
        document) order, ``group`` the key of each run beginning at ``starts``; ``last`` (the previous
        document of each key, over the parts before) is moved on past this part."""
        first = np.ones(len(part.keys), bool)  # the part's postings are in (key, document) order
        first[1:] = part.keys[1:] != part.keys[:-1]
        starts = np.flatnonzero(first)
        group = numbers[part.keys[starts] >> 3] * 8 + (part.keys[starts] & 7)
        keys = np.repeat(group, np.diff(np.append(starts, len(part.keys))))
        docs = part.docs.astype(np.int64) + offset
        previous = np.empty_like(docs)
        previous[1:] = docs[:-1]
        previous[starts] = last[group]
        last[group] = docs[np.append(starts[1:], len(keys)) - 1]
        return starts, group, keys, docs - previous

    def _merge(self, parts: Callable[[], Iterable[Part]]) -> None:
        """Two passes over ``parts()``: the first numbers the terms and counts each key's postings, the
        second puts every part's postings in place; only the merged arrays, one part and each part's term
        numbers (4 bytes a term) are held at a time (at 1,000 pages, holding every part's postings until
        the end took about 300 MB more)."""
        number: dict[str, int] = {}
        size = 0
        count = last = gap_digits = freq_digits = max_freq = np.zeros(0, np.int64)
        sums = np.zeros(len(FIELDS), np.int64)
        pairs: set[tuple[str, str]] = set()
        offset = 0
        kept: list[np.ndarray] = []  # each part's term numbers (int32), for the second pass
        for i, part in enumerate(parts()):
            numbers = list(map(number.get, part.terms))
            if None in numbers:  # terms no earlier part has: numbered in order
                numbers = [number.setdefault(t, len(number)) if n is None else n for t, n in zip(part.terms, numbers)]
            numbers = np.array(numbers, np.int64)
            kept.append(numbers.astype(np.int32))
            if len(number) * 8 > size:
                grow = max(len(number) * 8, 2 * size) - size
                count, last, gap_digits, freq_digits, max_freq = (
                    np.concatenate([a, np.zeros(grow, np.int64)]) for a in (count, last, gap_digits, freq_digits, max_freq))
                size += grow
            if i == 0:
                self.table = part.lengths.tolist()
            self.parts_count.append(part.count)
            self.row_digests.append(part.row_digests)
            sums += part.lengths.sum(axis=0, dtype=np.int64)
            pairs.update(part.readings)
            if len(part.keys):
                starts, group, keys, gaps = self._postings(part, numbers, last, offset)
                freqs = part.freqs
                count[group] += np.diff(np.append(starts, len(keys)))
                gap_digits[group] += np.add.reduceat(_digits(gaps), starts)
                freq_digits[group] += np.add.reduceat(_digits(freqs), starts)
                max_freq[group] = np.maximum(max_freq[group], np.maximum.reduceat(freqs, starts))
            offset += part.count
        self.terms = list(number)
        self.number = number
        keys_used = len(number) * 8
        self.count_of, self.max_freq = count[:keys_used], max_freq[:keys_used]
        self.start = np.zeros(keys_used + 1, np.int64)
        np.cumsum(self.count_of, out=self.start[1:])
        # every key's postings in place: a part's postings of a key follow the earlier parts' (document order)
        self.gaps = np.empty(int(self.start[-1]), np.int32)
        self.freqs = np.empty(int(self.start[-1]), np.int32)
        cursor = self.start[:-1].copy()
        last, offset = np.zeros(size, np.int64), 0
        for part, numbers in zip(parts(), kept):
            if len(part.keys):
                starts, group, keys, gaps = self._postings(part, numbers.astype(np.int64), last, offset)
                rank = np.arange(len(keys)) - np.repeat(starts, np.diff(np.append(starts, len(keys))))
                at = cursor[keys] + rank
                self.gaps[at], self.freqs[at] = gaps, part.freqs
                cursor[group] += np.diff(np.append(starts, len(keys)))
            offset += part.count
        self.length_sums = sums.tolist()
        self.words: dict[str, list[str]] = {}
        for term, chinese in sorted(pairs):
            self.words.setdefault(term, []).append(chinese)
        self._json_terms = [json.dumps(t, ensure_ascii=False) for t in self.terms]
        # the length of every entry's JSON (see ``entry``) without printing it: per term its brackets and
        # name, per (term, field) ``,[f,[gaps]]`` and, when a frequency is not 1, ``,[freqs]``
        present = self.count_of > 0
        n = self.count_of[present]
        rows = (7 + gap_digits[:keys_used][present] + n - 1
                + (self.max_freq[present] > 1) * (3 + freq_digits[:keys_used][present] + n - 1))
        self.text_length = int(rows.sum()) + sum(2 + len(t) for t in self._json_terms)

    @classmethod
    def of_documents(cls, docs: Iterable[Document], glossary_count: int, summits: list[dict], code: str = "") -> "SearchIndex":
        """The index of documents in memory: the first ``glossary_count`` the glossary's, then the pages'."""
        docs = list(docs)
        parts = [docs[:glossary_count], docs[glossary_count:]]
        return cls([Part.of(p) for p in parts], glossary_count, summits, lambda i: [d.stored for d in parts[i]], code)

    @classmethod
    def build(cls, summits: list[Summit], glossary: Glossary) -> "SearchIndex":
        """The index of annotated summit pages (tokens filled) and the glossary."""
        return cls.of_documents(documents(summits, glossary), len(glossary.terms), summit_labels(summits))

    @property
    def count(self) -> int:
        """How many documents are indexed."""
        return sum(self.parts_count)

    def _keys(self, number: int) -> Iterator[tuple[int, int, int]]:
        """``(field id, start, stop)`` of each field a term has postings in."""
        for fid in range(len(FIELDS)):
            k = number * 8 + fid
            if self.count_of[k]:
                yield fid, int(self.start[k]), int(self.start[k + 1])

    def entry(self, term: str) -> list:
        """The compact index entry of ``term``: ``[term, [field id, id gaps, frequencies?], …]``.

        Document ids are given as gaps from the previous one (the first from 0); the frequencies
        are left out when all are 1. ``search.js`` expands an entry into MiniSearch's serialised
        form ``[term, {"field id": {"document id": frequency}}]``.
        """
        return json.loads(self._entry_json(self.number[term]))

    def _entry_json(self, number: int) -> str:
        out = ["[", self._json_terms[number]]
        for fid, start, stop in self._keys(number):
            out.append(f",[{fid},{_json_ints(self.gaps[start:stop])}")
            if self.max_freq[number * 8 + fid] > 1:
                out.append("," + _json_ints(self.freqs[start:stop]))
            out.append("]")
        out.append("]")
        return "".join(out)

    def readings(self, numbers: Iterable[int]) -> dict[str, list[str]]:
        """Each reading term among the terms ``numbers`` → the Chinese words it reads (to mark them in
        results). A term reads Chinese only through the ``py``/``pyt`` postings ``add_readings`` gives it."""
        return {self.terms[t]: self.words[self.terms[t]] for t in numbers if self.terms[t] in self.words}

    def bucket_count(self) -> int:
        """Term shards: a power of two, so that a shard holds about SHARD_BYTES of text."""
        count = 1
        while self.text_length / count > SHARD_BYTES:
            count *= 2
        return count

    def _buckets(self, count: int) -> dict[int, list[int]]:
        """Bucket → the numbers of its terms, in order of the terms (buckets without terms left out)."""
        by_bucket: dict[int, list[int]] = {}
        for number in sorted(range(len(self.terms)), key=self.terms.__getitem__):
            by_bucket.setdefault(bucket(self.terms[number], count), []).append(number)
        return dict(sorted(by_bucket.items()))

    def _shard(self, n: int, numbers: list[int]) -> str:
        return (f"SR_SEARCH.terms({n},[" + ",".join(map(self._entry_json, numbers)) + "],"
                + json.dumps(self.readings(numbers), ensure_ascii=False, separators=(",", ":")) + ");\n")

    def shard_digest(self, count: int, n: int, numbers: list[int]) -> str:
        """A digest of everything term shard ``n`` prints (its terms, their postings and readings), made
        from the merged arrays without printing them."""
        sha = hashlib.sha256(f"terms\0{self.code}\0{count}\0{n}".encode())
        for number in numbers:
            sha.update(self._json_terms[number].encode() + b"\0")
            for fid, start, stop in self._keys(number):
                sha.update(bytes([fid]) + self.gaps[start:stop].tobytes() + b"\0" + self.freqs[start:stop].tobytes())
        sha.update(json.dumps(self.readings(numbers), ensure_ascii=False).encode())
        return sha.hexdigest()[:32]

    def shards(self, count: int) -> dict[str, str]:
        """``{file name: script}``: term shard ``t<N>.js`` holds the terms of bucket N."""
        return {f"t{n}.js": self._shard(n, numbers) for n, numbers in self._buckets(count).items()}

    def _chunk_parts(self, n: int) -> list[tuple[int, int, int]]:
        """``(part, first, stop)``: the documents of store chunk ``n`` part by part (numbers within the part)."""
        out, offset = [], 0
        low, high = n * STORE_CHUNK, (n + 1) * STORE_CHUNK
        for i, size in enumerate(self.parts_count):
            if offset < high and offset + size > low:
                out.append((i, max(low - offset, 0), min(high - offset, size)))
            offset += size
        return out

    def _store(self, n: int, spans: list[tuple[int, int, int]]) -> str:
        return _js("docs", n, [row for i, first, stop in spans for row in self.rows(i)[first:stop]])

    def stores(self) -> dict[str, str]:
        """``{file name: script}``: the stored rows of STORE_CHUNK documents per file."""
        return {f"d{n}.js": self._store(n, spans) for n, spans in self._chunks()}

    def _chunks(self) -> Iterator[tuple[int, list[tuple[int, int, int]]]]:
        """Each store chunk with its documents, part by part (one pass over the parts)."""
        spans: list[tuple[int, int, int]] = []
        n, filled = 0, 0
        for i, size in enumerate(self.parts_count):
            first = 0
            while first < size:
                take = min(STORE_CHUNK - filled, size - first)
                spans.append((i, first, first + take))
                first, filled = first + take, filled + take
                if filled == STORE_CHUNK:
                    yield n, spans
                    n, filled, spans = n + 1, 0, []
        if spans:
            yield n, spans

    def store_digest(self, n: int, spans: list[tuple[int, int, int]]) -> str:
        """A digest of what store chunk ``n`` prints: its rows (by their digests) and their parts."""
        return digest("docs", self.code, n, [(i, self.row_digests[i][first:stop]) for i, first, stop in spans])

    def lengths(self) -> tuple[list[list[int]], list[float]]:
        """BM25's field lengths (distinct terms per field, as MiniSearch counts them) of the glossary
        documents, and the average of each field over all documents. Paragraphs' own lengths are
        not shipped (a table of every document would load on the first keystroke): search.js takes
        them as the average."""
        averages = [round(total / max(1, self.count), 3) for total in self.length_sums]
        return self.table, averages

    def meta(self, buckets: int, files: list[str]) -> dict:
        """``meta.js``: what search.js needs before the first shard; ``files`` names every shard and
        store file (a bucket without terms has no file; and so site/ names everything it ships)."""
        lengths, averages = self.lengths()
        return {"version": 1, "fields": list(FIELDS), "count": self.count, "glossary": self.glossary_count,
                "lengths": lengths, "averages": averages,
                "buckets": buckets, "chunk": STORE_CHUNK, "summits": self.summits, "files": files}

    def assets(self, prefix: str = "assets/search/") -> dict[str, str]:
        """Every file of the index, ``{path under the site: script text}``."""
        return {name: text.render() if isinstance(text, Generated) else text for name, text in self.iter_assets(prefix)}

    def iter_assets(self, prefix: str = "assets/search/") -> Iterator[tuple[str, "str | Generated"]]:
        """``assets`` one file at a time: meta.js (text), then each term shard and each store chunk as a
        ``Generated`` (its digest; its text only when rendered), so that a rebuild prints only the
        shards and chunks whose content changed, and a build holds one file's text at a time."""
        count = self.bucket_count()
        buckets = self._buckets(count)
        chunks = list(self._chunks())
        files = [f"t{n}.js" for n in buckets] + [f"d{n}.js" for n, _ in chunks]
        yield prefix + "meta.js", _js("meta", self.meta(count, files))
        for n, numbers in buckets.items():
            yield prefix + f"t{n}.js", Generated(self.shard_digest(count, n, numbers),
                                                 lambda n=n, numbers=numbers: self._shard(n, numbers))
        for n, spans in chunks:
            yield prefix + f"d{n}.js", Generated(self.store_digest(n, spans),
                                                 lambda n=n, spans=spans: self._store(n, spans))

def summit_labels(summits: list[Summit]) -> list[dict]:
    """What a result says about its summit: page slug, label and each article's kind label."""
    from .pages import KIND_LABELS, ordinal_en  # pages.py imports this module

    return [{"slug": s.slug, "label": f"{ordinal_en(s.ordinal)} summit, {s.date.year}",
             "articles": [KIND_LABELS[a.kind] for a in s.articles]} for s in summits]


def search_assets(summits: list[Summit], glossary: Glossary, part: Callable[[Summit], Part],
                  rows: Callable[[Summit], list[list]], code: str = "", prefix: str = "assets/search/"
                  ) -> Iterator[tuple[str, "str | Generated"]]:
    """The search index of a site as generated assets, ``(path, script text or Generated)`` one file
    at a time (``Site.assets()``: a folder output whose files declare their own inputs).
    ``part(summit)`` → the summit page's ``Part``, ``rows(summit)`` → its documents' stored rows (both
    kept per version of the page by the caller); the glossary's are made here."""
    glossary_docs = [term_document(t) for t in glossary.terms]

    def part_rows(i: int) -> list[list]:
        if i == 0:
            return [d.stored for d in glossary_docs]
        return [[i - 1, *row[1:]] for row in rows(summits[i - 1])]

    glossary_part = Part.of(glossary_docs)
    parts = lambda: itertools.chain([glossary_part], map(part, summits))  # noqa: E731 (read twice: SearchIndex._merge)
    index = SearchIndex(parts, len(glossary.terms), summit_labels(summits), lru_cache(maxsize=2)(part_rows), code)
    return index.iter_assets(prefix)
