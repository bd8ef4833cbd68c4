"""Downloads: each .apkg opens as an Anki package (a zip holding a SQLite collection) whose notes are the
vocabulary page's words with their fields, tags, fixed model and deck, and GUIDs that stay the same
from build to build; the CSV, TSV, Pleco and plain files parse back to the vocabulary page's words."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
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


def _collection(write) -> dict[str, list[tuple]]:
    connection = sqlite3.connect(":memory:")
    try:
        write(connection.cursor())
        return {table: connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall() for table in ("notes", "cards", "col")}
    finally:
        connection.close()


def test_the_notes_are_the_rows_genanki_writes(summits, resources, root):
    """``decks.write_collection`` writes the notes and cards in two batches (``note_rows``): every row and column is what genanki's
    own ``Note.write_to_db`` writes for the same fields, tags, GUID and due order (the pinned version)."""
    import itertools

    import genanki

    from builder.site import decks
    from builder.site.pages import Site
    from builder.site.render import Renderer
    from builder.site.words import WordData

    site = Site(summits, resources.glossary, Renderer(root / "templates"), WordData(lambda: resources.dictionary),
                "https://example.org/reader/", 1_700_000_000)
    lists = [words for words in site.study.lists.values() if words.deck_id is not None]
    assert len(lists) == len(summits) + 1  # every summit's and the glossary's
    timestamp = 1_700_000_000
    for words in lists:
        ours = decks.deck(words.deck_id, words.title, "A deck", words.words, site.address, words.tags)
        assert len(ours.notes) == len(words.words) > 0

        def with_genanki(cursor):
            theirs = genanki.Deck(words.deck_id, words.title, description=ours.meta.description)
            for guid, tags, fields, due in ours.notes:
                theirs.add_note(genanki.Note(model=decks.MODEL, guid=guid, due=due, tags=tags.split(), fields=fields.split("\x1f")))
            genanki.Package(theirs).write_to_db(cursor, timestamp, itertools.count(timestamp * 1000))

        assert _collection(lambda cursor: decks.write_collection(cursor, ours, timestamp)) == _collection(with_genanki), words.title


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


def _set_times(folder: Path, when: int) -> None:
    for path in [folder, *folder.rglob("*")]:
        os.utime(path, (when, when))


def _decks_of(project: Path) -> tuple[dict[str, str], dict[str, bytes]]:
    """A project's decks as the build declares them (``Generated`` inputs) and makes them (bytes)."""
    from builder.site.build import Project, render_site

    site = render_site(Project(project))
    try:
        made = {name: out for name, out in site.downloads().items() if name.endswith(".apkg")}
        return {name: out.inputs for name, out in made.items()}, {name: out.render() for name, out in made.items()}
    finally:
        site.corpus.close()


def _note_times(data: bytes, tmp_path: Path) -> set[int]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "deck.apkg"
    path.write_bytes(data)
    return {n["mod"] for n in open_deck(path, tmp_path)["notes"]}


def test_a_summit_deck_is_dated_by_its_own_files_and_an_edit_remakes_that_deck_only(tmp_path, monkeypatch):
    """Outside git a deck's date is the newest modification time of its summit's page and translation,
    glossary.yml and readings.tsv: touching one summit's translation moves that summit's deck (and the
    glossary deck, which keeps the site's date) and leaves every other deck's inputs and bytes as they were."""
    from tests.conftest import copy_project

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = copy_project(tmp_path / "project")
    content = project / "content"
    base, later = 1_700_000_000, 1_700_086_400
    _set_times(content, base)
    inputs, files = _decks_of(project)
    pages = sorted((content / "summits").glob("*.md"))
    assert len(pages) >= 2 and set(files) == {"downloads/glossary.apkg", *(f"downloads/summit-{p.stem}.apkg" for p in pages)}
    assert all(_note_times(data, tmp_path / "before") == {base} for data in files.values())

    touched = pages[len(pages) // 2].stem
    os.utime(content / "translations" / f"{touched}.yml", (later, later))
    inputs_after, files_after = _decks_of(project)
    moved = {f"downloads/summit-{touched}.apkg", "downloads/glossary.apkg"}
    assert {n for n in inputs if inputs[n] != inputs_after[n]} == moved  # only these are made again
    assert {n for n in files if files[n] != files_after[n]} == moved
    for name in moved:
        assert _note_times(files_after[name], tmp_path / "after") == {later}


def test_in_git_a_summit_is_dated_by_the_last_commit_touching_its_files(tmp_path, monkeypatch):
    """One ``git log`` pass dates every file by its latest commit (not its modification time); a file
    not committed yet has its modification time; SOURCE_DATE_EPOCH dates every summit when set."""
    import subprocess

    from builder.content.summits import load_summits
    from builder.site.dates import summit_dates
    from tests.conftest import copy_project

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = copy_project(tmp_path / "project")
    content = project / "content"
    summits = load_summits(content)
    first, edited, untracked = 1_600_000_000, 1_600_000_500, 1_650_000_000

    def commit(when: int, message: str) -> None:
        env = {**os.environ, "GIT_AUTHOR_DATE": f"@{when} +0000", "GIT_COMMITTER_DATE": f"@{when} +0000"}
        for args in (["add", "content"], ["commit", "-q", "-m", message]):
            subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-C", str(project), *args],
                           check=True, env=env)

    subprocess.run(["git", "init", "-q", str(project)], check=True)
    commit(first, "all")
    page = Path(summits[0].path)
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    commit(edited, "one page")
    _set_times(content, untracked - 1)  # modification times do not count for committed files
    assert summit_dates(project, content, summits) == {s.ordinal: edited if s is summits[0] else first for s in summits}

    last = Path(summits[-1].path).stem
    added = int(last) + 1  # a summit page and translation not committed yet: their modification time counts
    (content / "summits" / f"{added}.md").write_text((content / "summits" / f"{last}.md").read_text(encoding="utf-8")
                                                     .replace(f"ordinal: {last}", f"ordinal: {added}"), encoding="utf-8")
    shutil.copy(content / "translations" / f"{last}.yml", content / "translations" / f"{added}.yml")
    for name in (f"summits/{added}.md", f"translations/{added}.yml"):
        os.utime(content / name, (untracked, untracked))
    summits = load_summits(content)
    assert summit_dates(project, content, summits)[added] == untracked

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234567890")
    assert set(summit_dates(project, content, summits).values()) == {1234567890}
