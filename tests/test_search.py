"""The search index (builder/site/search.py) on the real content, and its term forms on new sentences."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from builder.model import Paragraph
from builder.site.search import (FIELD_ID, SHARD_BYTES, Part, SearchIndex, bucket, char_grams, documents,
                                 english_words, paragraph_document, summit_documents, summit_labels, term_document,
                                 toned, toneless)

ROOT = Path(__file__).resolve().parents[1]


def calls(script: str, name: str) -> list:
    """The arguments of a generated index file: it must be exactly one ``SR_SEARCH.<name>(…);`` call
    whose arguments are JSON (so no content can turn into code)."""
    match = re.fullmatch(rf"SR_SEARCH\.{name}\((.*)\);\n", script, flags=re.S)
    assert match, script[:200]
    return json.loads("[" + match.group(1) + "]")


@pytest.fixture(scope="module")
def index(summits, resources):
    return SearchIndex.build(summits, resources.glossary)


@pytest.fixture(scope="module")
def assets(index):
    return index.assets()


@pytest.fixture(scope="module")
def meta(assets):
    return calls(assets["assets/search/meta.js"], "meta")[0]


@pytest.fixture(scope="module")
def rows(assets, meta):
    out = []
    for n in range((meta["count"] + meta["chunk"] - 1) // meta["chunk"]):
        chunk, chunk_rows = calls(assets[f"assets/search/d{n}.js"], "docs")
        assert chunk == n
        out.extend(chunk_rows)
    return out


@pytest.fixture(scope="module")
def shards(assets, meta):
    """``{term: (shard number, compact entry)}`` and ``{reading term: Chinese words}`` over all shards."""
    entries, readings = {}, {}
    shard_files = sorted(f for f in meta["files"] if f.startswith("t"))
    assert {f for f in meta["files"] if f.startswith("d")} == {f"d{n}.js" for n in range(len(meta["files"]) - len(shard_files))}
    assert {f"assets/search/{f}" for f in meta["files"]} | {"assets/search/meta.js"} == set(assets), "meta names every file"
    for name in shard_files:
        n = int(name[1:-3])
        number, shard_entries, shard_readings = calls(assets[f"assets/search/{name}"], "terms")
        assert shard_entries, f"{name} is not empty"
        assert number == n
        for entry in shard_entries:
            assert entry[0] not in entries, f"{entry[0]} is in two shards"
            entries[entry[0]] = (n, entry)
        readings.update(shard_readings)
    return entries, readings


def postings(entry: list) -> dict[int, dict[int, int]]:
    """A compact entry back to ``{field id: {document id: frequency}}`` (as search.js expands it)."""
    out = {}
    for row in entry[1:]:
        ids, total = [], 0
        for gap in row[1]:
            total += gap
            ids.append(total)
        out[row[0]] = {d: (row[2][i] if len(row) > 2 else 1) for i, d in enumerate(ids)}
    return out


def test_every_glossary_term_then_every_heading_and_paragraph_is_a_document(summits, resources, meta, rows):
    terms = resources.glossary.terms
    assert meta["glossary"] == len(terms)
    assert [r[1] for r in rows[:len(terms)]] == [t.id for t in terms]
    assert all(r[0] == "g" for r in rows[:len(terms)])
    expected = []
    for s, summit in enumerate(summits):
        for a, article in enumerate(summit.articles, start=1):
            expected.append([s, a, 0, article.heading.text, article.heading.en or ""])
            expected += [[s, a, p, par.text, par.en or ""] for p, par in enumerate(article.paragraphs, start=1)]
    assert rows[len(terms):] == expected
    assert meta["count"] == len(rows)
    assert [m["slug"] for m in meta["summits"]] == [s.slug for s in summits]
    assert [len(m["articles"]) for m in meta["summits"]] == [len(s.articles) for s in summits]


def test_every_paragraph_is_found_by_each_of_its_words_and_character_pairs(summits, shards, meta):
    entries, _ = shards
    doc = meta["glossary"]
    for summit in summits:
        for paragraph in summit.paragraphs():
            words = {t.text for t in paragraph.tokens if t.pinyin}
            for word in words:
                assert doc in postings(entries[word][1])[FIELD_ID["zh"]], (summit.path, paragraph.line, word)
            for gram in set(char_grams(paragraph.text)):
                assert doc in postings(entries[gram][1])[FIELD_ID["chars"]], (summit.path, paragraph.line, gram)
            for word in set(english_words(paragraph.en or "")):
                assert doc in postings(entries[word][1])[FIELD_ID["en"]], (summit.path, paragraph.line, word)
            doc += 1
    assert doc == meta["count"]


def test_each_term_is_in_the_shard_its_first_characters_give(shards, meta):
    entries, _ = shards
    assert meta["buckets"] & (meta["buckets"] - 1) == 0, "a power of two"
    for term, (n, _) in entries.items():
        assert n == bucket(term, meta["buckets"]), term


def test_postings_count_repeated_words(summits, shards, meta):
    entries, _ = shards
    doc = meta["glossary"]
    for summit in summits:
        for paragraph in summit.paragraphs():
            words = [t.text for t in paragraph.tokens if t.pinyin]
            for word in set(words):
                assert postings(entries[word][1])[FIELD_ID["zh"]][doc] == words.count(word)
            doc += 1


def test_the_entries_are_the_postings_of_the_documents(summits, resources, shards):
    """Every entry, decoded, is what a plain inverted index of the documents holds (made here, apart
    from the merge of parts the index does), and no term is missing or extra."""
    expected: dict[str, dict[int, dict[int, int]]] = {}
    for doc_id, doc in enumerate(documents(summits, resources.glossary)):
        for name, terms in doc.terms.items():
            for term in terms:
                fields = expected.setdefault(term, {}).setdefault(FIELD_ID[name], {})
                fields[doc_id] = fields.get(doc_id, 0) + 1
    entries, _ = shards
    assert {term: postings(entry) for term, (_, entry) in entries.items()} == expected


def test_an_index_merged_from_one_part_per_page_is_the_same_index(summits, resources, assets):
    """The build merges the glossary's part and one stored part per summit page; merged from any
    division of the same documents, the index has the same bytes."""
    glossary_docs = [term_document(t) for t in resources.glossary.terms]
    pages = [summit_documents(s, i) for i, s in enumerate(summits)]
    groups = [glossary_docs, *pages]
    per_page = SearchIndex([Part.of(docs) for docs in groups], len(glossary_docs), summit_labels(summits),
                           lambda i: [d.stored for d in groups[i]])
    assert per_page.assets() == assets


def test_shards_are_sized_by_the_text_of_their_entries(index, shards, meta):
    """The shard count is the power of two that keeps the entries' text (JSON as printed, measured
    here on the printed files) near SHARD_BYTES a shard; the index counts it without printing."""
    entries, _ = shards
    total = sum(len(json.dumps(entry, ensure_ascii=False, separators=(",", ":"))) for _, entry in entries.values())
    assert index.text_length == total
    assert meta["buckets"] == 1 if total <= SHARD_BYTES else (total / meta["buckets"] <= SHARD_BYTES < total / (meta["buckets"] / 2))


def test_reading_forms_of_a_new_sentence(pipeline):
    """Forms on a sentence that is not in content/: toned and toneless, ü as v and u, written parts."""
    text = "各国应当走绿色低碳的发展道路，弘扬上海精神。"
    paragraph = Paragraph([text], 1, pipeline.annotate(text), "Countries should take a green, low-carbon path.")
    doc = paragraph_document(0, 1, 1, paragraph)
    assert {"lvse", "luse"} <= set(doc.terms["py"]) and "lǜsè" in doc.terms["pyt"]
    assert {"shanghai", "jingshen", "shanghaijingshen"} <= set(doc.terms["py"])
    assert {"shànghǎi", "jīngshén"} <= set(doc.terms["pyt"])
    assert doc.words["lvse"] == {"绿色"} and doc.words["jingshen"] == {"精神"}
    assert doc.words["shanghaijingshen"] == {"上海精神"}
    assert "绿色" in doc.terms["zh"] and "上海精神" in doc.terms["zh"]
    assert {"绿色", "绿", "色", "色低"} <= set(doc.terms["chars"]) and "，" not in "".join(doc.terms["chars"])
    assert {"green", "low", "carbon"} <= set(doc.terms["en"])
    assert doc.stored == [0, 1, 1, text, "Countries should take a green, low-carbon path."]


def test_normal_forms():
    assert toneless("Lǜsè") == "lvse" and toned("Lǜsè") == "lǜsè"
    assert toneless("Shànghǎi Jīngshén") == "shanghai jingshen"
    assert toneless("NǙ") == "nv"
    assert english_words("The SCO's “brand-new” model, 2021") == ["the", "sco", "s", "brand", "new", "model", "2021"]
    assert char_grams("共商共建共享，ab上合") == ["共", "商", "共", "建", "共", "享", "共商", "商共", "共建", "建共", "共享",
                                            "上", "合", "上合"]


def test_readings_name_the_words_they_read(index, shards):
    entries, readings = shards
    assert "绿色" in readings["lvse"] and "绿色" in readings["luse"] and "绿色" in readings["lǜsè"]
    assert readings["shanghaijingshen"] == ["上海精神"]
    for term, words in readings.items():
        fields = postings(entries[term][1])
        assert set(fields) & {FIELD_ID["py"], FIELD_ID["pyt"]}, term
        assert words == sorted(index.words[term])


def test_content_cannot_become_code(pipeline, resources):
    """Untrusted text (quotes, script tags, line separators) stays data in every generated file."""
    nasty = "上海精神\"</script><img src=x onerror=alert(1)>');alert(1);//\u2028合作"
    paragraph = Paragraph([nasty], 1, pipeline.annotate(nasty), "<b>bold</b> \"quoted\" \\ back\u2029slash")
    from builder.model import Article, Summit
    import datetime as dt

    summit = Summit("x.md", 99, nasty, "t", dt.date(2030, 1, 1), "p", "p", "in person", "c", "s",
                    [Article(paragraph, "report", [], [paragraph])])
    index = SearchIndex.of_documents(documents([summit], resources.glossary), len(resources.glossary.terms),
                                     [{"slug": "summit-99", "label": nasty, "articles": ["Report"]}])
    files = index.assets()
    kinds = {"meta": "meta", "t": "terms", "d": "docs"}
    stored = []
    for path, script in files.items():
        name = Path(path).stem
        args = calls(script, kinds["meta" if name == "meta" else name[0]])
        if name.startswith("d"):
            stored.extend(args[1])
    assert [nasty, "<b>bold</b> \"quoted\" \\ back\u2029slash"] in [r[3:5] for r in stored]


def test_a_larger_site_gets_more_shards(summits, resources):
    small = SearchIndex.build(summits, resources.glossary)
    docs = documents(summits * 12, resources.glossary)
    large = SearchIndex.of_documents(docs, len(resources.glossary.terms), [])
    assert large.bucket_count() >= 4 * small.bucket_count()
    assert len(large.shards(large.bucket_count())) >= 4 * len(small.shards(small.bucket_count()))


def test_the_vendored_library_is_the_pinned_release():
    """templates/assets/vendor/minisearch.js is node_modules' copy of the version package.json pins."""
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]["minisearch"]
    installed = ROOT / "node_modules" / "minisearch"
    if not installed.is_dir():
        pytest.fail("node_modules/minisearch is missing: run `npm ci`")
    assert json.loads((installed / "package.json").read_text())["version"] == pinned
    vendor = ROOT / "templates" / "assets" / "vendor"
    assert (vendor / "minisearch.js").read_bytes() == (installed / "dist" / "umd" / "index.js").read_bytes(), \
        "run `npm run vendor`"
    assert (vendor / "minisearch.LICENSE.txt").read_bytes() == (installed / "LICENSE.txt").read_bytes()
