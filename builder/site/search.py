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

import contextlib
import json
import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ..content.glossary import Glossary, Term
from ..model import Paragraph, Summit, Token
from ..text.syllables import HAN_RE, HAN_RUN_RE

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
def _token_parts(text: str, written: str, syllables: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple(reading_parts(text, written, list(syllables)))


def token_terms(doc: Document, token: Token) -> None:
    """Add one token's word and readings to ``doc`` (a word repeats often: its readings are cached)."""
    if not token.pinyin:
        return
    doc.terms["zh"].append(token.text)
    doc.add_readings(_token_parts(token.text, token.display or "".join(token.pinyin), tuple(token.pinyin)))


def paragraph_document(summit_index: int, article: int, number: int, paragraph: Paragraph) -> Document:
    """A heading (``number`` 0) or paragraph: stored as ``[summit index, article, number, Chinese, English]``."""
    doc = Document(_empty(), [summit_index, article, number, paragraph.text, paragraph.en or ""])
    for token in paragraph.tokens:
        token_terms(doc, token)
    doc.terms["chars"] = char_grams(paragraph.text)
    doc.terms["en"] = english_words(paragraph.en or "")
    return doc


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


def documents(summits: list[Summit], glossary: Glossary, annotated=None, stored=None) -> Iterator[Document]:
    """Every glossary term (in glossary order), then every heading and paragraph in page order, one page
    at a time. ``annotated(summit)``, if given, is a context manager that fills a page's tokens while its
    documents are made (``Corpus.annotated``: a large site is never in memory as tokens at once).
    ``stored(summit, make)``, if given, returns the page's documents as ``make()`` would (from a store of
    them, made once per version of the page); the summit index in each is set here."""
    yield from (term_document(t) for t in glossary.terms)
    for s, summit in enumerate(summits):
        def make(summit=summit) -> list[Document]:
            with annotated(summit) if annotated else contextlib.nullcontext():
                return summit_documents(summit)
        for doc in (stored(summit, make) if stored is not None else make()):
            doc.stored[0] = s
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


class SearchIndex:
    """The index of a sequence of documents, read once (each document is dropped once indexed):
    ``postings[term]`` holds flat ``(field id, document id, frequency)`` triples in document order."""

    def __init__(self, docs: Iterable[Document], glossary_count: int, summits: list[dict]):
        self.glossary_count, self.summits = glossary_count, summits
        self.postings: dict[str, array] = {}
        self.words: dict[str, set[str]] = {}
        self.stored: list[list] = []
        self.table: list[list[int]] = []  # distinct terms per field of each glossary document
        self.length_sums = [0] * len(FIELDS)
        for doc in docs:
            self.add(doc)

    @property
    def count(self) -> int:
        """How many documents are indexed."""
        return len(self.stored)

    def add(self, doc: Document) -> None:
        """Index the next document (its id is the number of documents before it)."""
        doc_id = len(self.stored)
        self.stored.append(doc.stored)
        lengths = []
        for name, terms in doc.terms.items():
            fid = FIELD_ID[name]
            counts = Counter(terms)
            for term, n in counts.items():
                found = self.postings.get(term)
                if found is None:
                    found = self.postings[term] = array("i")  # 4 bytes: field ids, document ids, counts
                found.extend((fid, doc_id, n))
            lengths.append(len(counts))
        for i, n in enumerate(lengths):
            self.length_sums[i] += n
        if doc_id < self.glossary_count:
            self.table.append(lengths)
        for term, chinese in doc.readings:
            self.words.setdefault(term, set()).add(chinese)

    @classmethod
    def build(cls, summits: list[Summit], glossary: Glossary, annotated=None, stored=None) -> "SearchIndex":
        return cls(documents(summits, glossary, annotated, stored), len(glossary.terms), summit_labels(summits))

    def _fields(self, term: str) -> dict[int, dict[int, int]]:
        out: dict[int, dict[int, int]] = {}
        flat = self.postings[term]
        for k in range(0, len(flat), 3):
            out.setdefault(flat[k], {})[flat[k + 1]] = flat[k + 2]
        return out

    def entry(self, term: str) -> list:
        """The compact index entry of ``term``: ``[term, [field id, id gaps, frequencies?], …]``.

        Document ids are given as gaps from the previous one (the first from 0); the frequencies
        are left out when all are 1. ``search.js`` expands an entry into MiniSearch's serialised
        form ``[term, {"field id": {"document id": frequency}}]``.
        """
        out: list = [term]
        for fid, freqs in sorted(self._fields(term).items()):
            ids = sorted(freqs)
            row = [fid, [d - p for d, p in zip(ids, [0, *ids])]]
            if any(freqs[d] != 1 for d in ids):
                row.append([freqs[d] for d in ids])
            out.append(row)
        return out

    def readings(self, terms: Iterable[str]) -> dict[str, list[str]]:
        """Each reading term among ``terms`` → the Chinese words it reads (to mark them in results)."""
        return {t: sorted(self.words[t]) for t in terms
                if t in self.words and any(f in READING_FIELDS for f in self.postings[t][::3])}

    @cached_property
    def _entry_json(self) -> dict[str, str]:
        return {t: json.dumps(self.entry(t), ensure_ascii=False, separators=(",", ":")) for t in sorted(self.postings)}

    def bucket_count(self) -> int:
        """Term shards: a power of two, so that a shard holds about SHARD_BYTES of text."""
        total = sum(map(len, self._entry_json.values()))
        count = 1
        while total / count > SHARD_BYTES:
            count *= 2
        return count

    def _buckets(self, count: int) -> dict[int, list[str]]:
        by_bucket: dict[int, list[str]] = {n: [] for n in range(count)}
        for term in self._entry_json:
            by_bucket[bucket(term, count)].append(term)
        return {n: terms for n, terms in by_bucket.items() if terms}

    def _shard(self, n: int, terms: list[str]) -> str:
        return (f"SR_SEARCH.terms({n},[" + ",".join(self._entry_json[t] for t in terms) + "],"
                + json.dumps(self.readings(terms), ensure_ascii=False, separators=(",", ":")) + ");\n")

    def shards(self, count: int) -> dict[str, str]:
        """``{file name: script}``: term shard ``t<N>.js`` holds the terms of bucket N."""
        return {f"t{n}.js": self._shard(n, terms) for n, terms in self._buckets(count).items()}

    def stores(self) -> dict[str, str]:
        """``{file name: script}``: the stored rows of STORE_CHUNK documents per file."""
        return dict(self._stores())

    def _stores(self) -> Iterator[tuple[str, str]]:
        for n, start in enumerate(range(0, len(self.stored), STORE_CHUNK)):
            yield f"d{n}.js", _js("docs", n, self.stored[start:start + STORE_CHUNK])

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
        return dict(self.iter_assets(prefix))

    def iter_assets(self, prefix: str = "assets/search/") -> Iterator[tuple[str, str]]:
        """``assets`` one file at a time (meta.js first, then the term shards, then the stored rows), so
        a build holds one file's text at a time, not the whole index's (72 MB of text at 1,000 pages)."""
        count = self.bucket_count()
        buckets = self._buckets(count)
        stores = [f"d{n}.js" for n in range(-(-len(self.stored) // STORE_CHUNK))]
        yield prefix + "meta.js", _js("meta", self.meta(count, [f"t{n}.js" for n in buckets] + stores))
        for n, terms in buckets.items():
            yield prefix + f"t{n}.js", self._shard(n, terms)
        for name, text in self._stores():
            yield prefix + name, text


def summit_labels(summits: list[Summit]) -> list[dict]:
    """What a result says about its summit: page slug, label and each article's kind label."""
    from .pages import KIND_LABELS, ordinal_en  # pages.py imports this module

    return [{"slug": s.slug, "label": f"{ordinal_en(s.ordinal)} summit, {s.date.year}",
             "articles": [KIND_LABELS[a.kind] for a in s.articles]} for s in summits]


def search_assets(summits: list[Summit], glossary: Glossary, annotated=None, prefix: str = "assets/search/",
                  stored=None) -> Iterator[tuple[str, str]]:
    """The search index of a site as generated assets, ``(path, script text)`` one file at a time
    (``Site.assets()``: a folder output); ``annotated`` and ``stored`` as for ``documents``."""
    return SearchIndex.build(summits, glossary, annotated, stored).iter_assets(prefix)
