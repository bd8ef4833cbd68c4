"""Downloads: each .apkg opens as an Anki package (a zip holding a SQLite collection) whose notes are the
vocabulary page's words with their fields, tags, fixed model and deck, and GUIDs that stay the same
from build to build; the CSV, TSV, Pleco and plain files parse back to the vocabulary page's words."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import zipfile
from pathlib import Path

import pytest

from builder.site.decks import DECK_ID_BASE, FIELDS, MODEL_ID
from tests.conftest import TEST_SITE_URL
from tests.vocabread import vocabulary_rows

HAN_RE = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")


def open_deck(path: Path, tmp_path: Path) -> dict:
    """The collection inside an .apkg: ``notes`` (guid, fields, tags, mod), ``cards``, ``models``, ``decks``."""
    with zipfile.ZipFile(path) as package:
        assert sorted(package.namelist()) == ["collection.anki2", "media"]
        assert json.loads(package.read("media")) == {}
        tmp_path.mkdir(parents=True, exist_ok=True)
        db = tmp_path / f"{path.stem}.anki2"
        db.write_bytes(package.read("collection.anki2"))
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        notes = [{"id": nid, "guid": guid, "mid": mid, "mod": mod, "tags": tags.split(), "fields": flds.split("\x1f")}
                 for nid, guid, mid, mod, tags, flds in connection.execute("SELECT id, guid, mid, mod, tags, flds FROM notes ORDER BY id")]
        cards = connection.execute("SELECT nid, did, ord, due FROM cards ORDER BY nid").fetchall()
        models, decks = connection.execute("SELECT models, decks FROM col").fetchone()
    finally:
        connection.close()
    return {"notes": notes, "cards": cards, "models": json.loads(models), "decks": json.loads(decks)}


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&")


@pytest.fixture(scope="module")
def deck_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("decks")


def test_each_summit_deck_holds_the_vocabulary_pages_words_with_their_fields(built_site, summits, deck_dir):
    for summit in summits:
        rows = vocabulary_rows(built_site / "vocabulary" / f"{summit.slug}.html")
        deck = open_deck(built_site / "downloads" / f"{summit.slug}.apkg", deck_dir)
        notes = deck["notes"]
        assert [plain(n["fields"][0]) for n in notes] == [r.headword for r in rows]  # front: the word, in page order
        assert [plain(n["fields"][1]) for n in notes] == [r.reading for r in rows]
        model = deck["models"][str(MODEL_ID)]
        assert [f["name"] for f in model["flds"]] == FIELDS
        assert {n["mid"] for n in notes} == {MODEL_ID}
        assert str(DECK_ID_BASE + summit.ordinal) in deck["decks"]
        description = deck["decks"][str(DECK_ID_BASE + summit.ordinal)]["desc"]
        assert "CC-CEDICT" in description and "CC BY-SA 4.0" in description  # the licence travels with the deck
        assert [c[1] for c in deck["cards"]] == [DECK_ID_BASE + summit.ordinal] * len(notes)  # one card each, in the deck
        text = "".join(p.text for p in summit.paragraphs())
        for note, row in zip(notes, rows):
            headword, reading, meaning, sentence, place, level = note["fields"]
            expected_tag = "beyond-HSK" if row.level == "beyond" else f"HSK-{row.level}"
            assert expected_tag in note["tags"] and summit.slug in note["tags"]
            assert ("term" in note["tags"]) == bool(row.term)
            assert plain(level) == ("beyond HSK" if row.level == "beyond" else row.level)
            assert f"<b>{row.marked}</b>" in sentence  # the word marked in its sentence
            assert plain(sentence) in text
            target = TEST_SITE_URL + row.href.removeprefix("../")
            assert f'<a href="{target}">' in place  # the built site knows its address: an absolute link
            assert plain(meaning).startswith(row.meaning.removesuffix("; …").split(" (")[0][:20])


def test_the_glossary_deck_holds_every_term(built_site, resources, deck_dir):
    deck = open_deck(built_site / "downloads" / "glossary.apkg", deck_dir)
    terms = resources.glossary.terms
    assert [plain(n["fields"][0]) for n in deck["notes"]] == [t.headword for t in terms]
    assert [plain(n["fields"][2]) for n in deck["notes"]] == [t.english for t in terms]
    assert all("term" in n["tags"] for n in deck["notes"])
    assert str(DECK_ID_BASE) in deck["decks"]


def test_note_ids_are_stable_from_build_to_build(built_site, local_site, summits, deck_dir):
    """Two builds (for an address and without one): the same GUIDs, model and deck ids, so importing
    a newer deck updates the notes a learner has; only the place field differs (a link, or the page named)."""
    for name in [f"{s.slug}.apkg" for s in summits] + ["glossary.apkg"]:
        online = open_deck(built_site / "downloads" / name, deck_dir / "online")
        local = open_deck(local_site / "downloads" / name, deck_dir / "local")
        assert [n["guid"] for n in online["notes"]] == [n["guid"] for n in local["notes"]]
        assert len({n["guid"] for n in online["notes"]}) == len(online["notes"])
        assert online["models"].keys() == local["models"].keys() and online["decks"].keys() == local["decks"].keys()
        for a, b in zip(online["notes"], local["notes"]):
            assert a["fields"][:4] == b["fields"][:4]
            if "href" in a["fields"][4]:
                assert "href" not in b["fields"][4] and re.search(r"\(summit-\d+\.html#[\w-]+\)$", b["fields"][4])
    # a word shared by two summits' decks is one note (same GUID), not two
    guids = [{n["guid"]: plain(n["fields"][0]) for n in open_deck(built_site / "downloads" / f"{s.slug}.apkg", deck_dir)["notes"]}
             for s in summits]
    shared = set(guids[0]) & set(guids[1])
    assert shared and all(guids[0][g] == guids[1][g] for g in shared)


def test_decks_are_byte_identical_when_built_again(summits, resources, root):
    """The same content and date give the same bytes (genanki's ids and times fixed, the zip dated)."""
    from builder.site.pages import Site
    from builder.site.render import Renderer
    from builder.site.words import WordData

    def files():
        site = Site(summits, resources.glossary, Renderer(root / "templates"), WordData(lambda: resources.dictionary),
                    "https://example.org/reader/", 1_700_000_000)
        return {n: b for n, b in site.study.files.items() if n.endswith(".apkg")}

    first, second = files(), files()
    assert first and first == second
    with zipfile.ZipFile(io.BytesIO(first["downloads/glossary.apkg"])) as package:
        assert {i.date_time for i in package.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def _csv(path: Path, dialect: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")), dialect=dialect))


def test_csv_tsv_pleco_and_plain_lists_parse_back_to_the_vocabulary_pages_words(built_site, summits):
    for summit in summits:
        rows = vocabulary_rows(built_site / "vocabulary" / f"{summit.slug}.html")
        folder = built_site / "downloads"
        assert (folder / f"{summit.slug}.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheets read UTF-8
        for table in (_csv(folder / f"{summit.slug}.csv", "excel"), _csv(folder / f"{summit.slug}.tsv", "excel-tab")):
            assert [(t["headword"], t["reading"], int(t["count"])) for t in table] == [(r.headword, r.reading, r.count) for r in rows]
            assert [t["hsk"] for t in table] == ["beyond HSK" if r.level == "beyond" else r.level for r in rows]
            assert [t["glossary_term"] or None for t in table] == [r.term for r in rows]
            assert all(t["link"] == TEST_SITE_URL + r.href.removeprefix("../") for t, r in zip(table, rows))
        lines = (folder / f"{summit.slug}-pleco.txt").read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("//Summit Reader/")  # a Pleco category
        cards = [line.split("\t") for line in lines[1:]]
        assert all(len(c) == 3 and c[2] for c in cards)
        assert [c[0] for c in cards] == [r.headword for r in rows]
        for headword, pinyin, _ in cards:
            syllables = re.findall(r"[a-zü]+[1-5]", pinyin)
            assert "".join(syllables) == pinyin and len(syllables) == len(HAN_RE.findall(headword)), (headword, pinyin)
        assert (folder / f"{summit.slug}.txt").read_text(encoding="utf-8").splitlines() == [r.headword for r in rows]


def test_the_all_summits_files_hold_every_word_of_the_site_pages(built_site):
    listed = set()
    for path in (built_site / "vocabulary").glob("*.html"):
        if not path.name.startswith("summit-"):
            listed |= {(r.headword, r.reading) for r in vocabulary_rows(path)}
    table = _csv(built_site / "downloads" / "all-summits.csv", "excel")
    assert {(t["headword"], t["reading"]) for t in table} == listed and len(table) == len(listed)


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_quoted():
    from builder.site.wordfiles import _cell

    assert _cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")" and _cell("@SUM(A1)") == "'@SUM(A1)"
    assert _cell("-ism") == "'-ism" and _cell("合作") == "合作" and _cell("to cooperate") == "to cooperate"


def test_tone_numbers_as_pleco_reads_them():
    from builder.site.wordfiles import tone_numbers

    assert tone_numbers(("hé", "zuò")) == "he2zuo4"
    assert tone_numbers(("lǜ", "de")) == "lü4de5"
    assert tone_numbers(("Shàng", "hǎi")) == "shang4hai3"


def test_the_hostile_project_is_escaped_in_the_pages_and_the_decks(tmp_path):
    from builder.cli import main
    from tests.hostile import RAW_MARKERS, write_project

    project = tmp_path / "project"
    write_project(project)
    assert main(["--root", str(project), "build", "--lint", "warn"]) == 0
    site = project / "site"
    for page in [site / "vocabulary.html", *(site / "vocabulary").glob("*.html")]:
        html = page.read_text(encoding="utf-8")
        assert not any(marker in html for marker in RAW_MARKERS), page.name
    for name in ["summit-1.apkg", "glossary.apkg"]:
        deck = open_deck(site / "downloads" / name, tmp_path)
        assert deck["notes"]
        for note in deck["notes"]:
            for value in note["fields"]:
                assert not any(marker in value for marker in RAW_MARKERS), value
    table = _csv(site / "downloads" / "glossary.csv", "excel")
    assert any("<img src=x onerror=alert(1)>" in t["meaning"] for t in table)  # the text itself, kept as written
