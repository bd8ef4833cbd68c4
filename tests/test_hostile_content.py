"""Broken and hostile content: every case is a clear ``file:line: message`` (exit 1, or 2 for a folder
that is not a project), never a traceback, never a page or reading silently dropped.

The project is tests/hostile.py's small one without payloads (one summit page written for the tests,
its translation, a one-term glossary and a one-word lexicon); the CLI runs in-process, so any
exception it lets through fails the test.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from builder.cli import main
from tests.hostile import write_project


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    write_project(root, payload="")
    return root


def build(project: Path, capsys, *extra: str) -> tuple[int, str]:
    code = main(["--root", str(project), "build", *extra])
    return code, capsys.readouterr().err


def replace(path: Path, old: str, new: str) -> int:
    """Replace ``old`` once; return the 1-based line where it was."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def fails(project: Path, capsys, where: Path, line: int | None, *words: str, extra: tuple = ()) -> str:
    """Build; assert exit 1, one ``error: where:line: …`` message holding ``words``, and no site."""
    code, err = build(project, capsys, *extra)
    assert code == 1, err
    prefix = f"error: {where}:{line}: " if line else f"error: {where}: "
    assert err.startswith(prefix), err
    for word in words:
        assert word in err, (word, err)
    assert "Traceback" not in err
    assert not (project / "site").exists()
    return err


def summit(project: Path) -> Path:
    return project / "content" / "summits" / "1.md"


# --- the clean project builds --------------------------------------------------------------------

def test_the_small_project_builds(project, capsys):
    code, err = build(project, capsys)
    assert code == 0, err
    assert (project / "site" / "summit-1.html").is_file()


# --- dates, ordinals, file names ----------------------------------------------------------------

@pytest.mark.parametrize("date", ["2021-02-30", "2025-13-01", "2022-9-16", "2021-09-17 10:00:00", "17.09.2021"])
def test_a_date_that_does_not_exist_or_is_not_yyyy_mm_dd(project, capsys, date):
    line = replace(summit(project), "date: 2001-06-15", f"date: {date}")
    fails(project, capsys, summit(project), line, "YYYY-MM-DD")


@pytest.mark.parametrize("ordinal", ["-20", "0"])
def test_an_ordinal_below_one(project, capsys, ordinal):
    line = replace(summit(project), "ordinal: 1", f"ordinal: {ordinal}")
    fails(project, capsys, summit(project), line, "1 or more")


def test_the_file_name_is_the_meeting_number(project, capsys):
    replace(summit(project), "ordinal: 1", "ordinal: 2")
    fails(project, capsys, summit(project), 2, "2.md")


@pytest.mark.parametrize("name", ["1.MD", "1.md.bak", "draft.md", "01.md", "notes.txt"])
def test_a_summit_file_that_would_be_skipped_is_an_error(project, capsys, name):
    stray = project / "content" / "summits" / name
    if name in ("1.MD", "01.md"):
        summit(project).rename(stray)
    else:
        stray.write_text("x\n", encoding="utf-8")
    fails(project, capsys, stray, None, "NN.md")


def test_a_folder_named_like_a_summit_page(project, capsys):
    folder = project / "content" / "summits" / "2.md"
    folder.mkdir()
    fails(project, capsys, folder, None, "folder")


def test_hidden_files_are_ignored(project, capsys):
    (project / "content" / "summits" / ".1.md.swp").write_bytes(b"\x00\x01 editor swap file")
    assert build(project, capsys)[0] == 0


def test_a_translation_without_its_summit_page(project, capsys):
    orphan = project / "content" / "translations" / "2.yml"
    orphan.write_text("articles: []\n", encoding="utf-8")
    fails(project, capsys, orphan, None, "no summit page")


# --- empty content ------------------------------------------------------------------------------

def test_no_summit_pages_is_an_error_unless_asked_for(project, capsys):
    summit(project).unlink()
    (project / "content" / "translations" / "1.yml").unlink()
    fails(project, capsys, project / "content" / "summits", None, "no summit pages", "--allow-empty")
    code, err = build(project, capsys, "--allow-empty")
    assert code == 0, err
    assert (project / "site" / "index.html").is_file() and not (project / "site" / "summit-1.html").exists()


def test_no_summits_folder_is_an_error(project, capsys):
    summit(project).unlink()
    summit(project).parent.rmdir()
    (project / "content" / "translations" / "1.yml").unlink()
    fails(project, capsys, project / "content" / "summits", None, "no summits folder")


@pytest.mark.parametrize("text", ["", "word\tpinyin\tnote\n", "word\tpinyin\tnote\n# only a comment\n\n"])
def test_an_empty_reading_lexicon_is_an_error_unless_asked_for(project, capsys, text):
    readings = project / "content" / "readings.tsv"
    readings.write_text(text, encoding="utf-8")
    fails(project, capsys, readings, 1, "--allow-empty")
    assert build(project, capsys, "--allow-empty")[0] == 0


def test_a_missing_reading_lexicon_or_glossary(project, capsys):
    (project / "content" / "readings.tsv").unlink()
    fails(project, capsys, project / "content" / "readings.tsv", None, "not found")
    (project / "content" / "glossary.yml").unlink()
    fails(project, capsys, project / "content" / "glossary.yml", None, "not found", extra=("--allow-empty",))


# --- YAML ---------------------------------------------------------------------------------------

def test_duplicate_keys_are_rejected(project, capsys):
    first = summit(project).read_text(encoding="utf-8").split("\n").index("place: PLACE") + 1
    line = replace(summit(project), "chair: CHAIR", "chair: CHAIR\nplace: Elsewhere")
    fails(project, capsys, summit(project), line + 1, "duplicate key 'place'", f"first at line {first}")


def test_duplicate_keys_in_the_glossary(project, capsys):
    glossary = project / "content" / "glossary.yml"
    line = replace(glossary, "  status: verified", "  status: verified\n  english: again")
    fails(project, capsys, glossary, line + 1, "duplicate key 'english'")



def test_aliases_are_refused_before_they_expand(project, capsys):
    """Nine levels of ten aliases each ("billion laughs") would be 10**9 strings for the validator."""
    glossary = project / "content" / "glossary.yml"
    bomb = "- x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"  x{k}: &a{k} [{', '.join([f'*a{k - 1}'] * 10)}]\n" for k in range(1, 10))
    glossary.write_text(bomb + glossary.read_text(encoding="utf-8"), encoding="utf-8")
    fails(project, capsys, glossary, 1, "an alias (*name) repeats")


def test_an_alias_in_front_matter(project, capsys):
    line = replace(summit(project), "place: PLACE", "place: &p PLACE\nchair: *p")
    replace(summit(project), "chair: CHAIR\n", "")
    fails(project, capsys, summit(project), line, "an alias (*name) repeats")

# --- readings: one real syllable per Han character -------------------------------------------------

@pytest.mark.parametrize("pinyin, words", [
    ("zhong7 guo2", ["tone number"]),
    ("mā mā", ["中 zhōng", "国 guó"]),
    ("zhōng", ["one syllable per Han character"]),
    ("zhōngguó <img src=x onerror=alert(1)>", ["'<'"]),
])
def test_bad_pinyin_in_the_reading_lexicon(project, capsys, pinyin, words):
    readings = project / "content" / "readings.tsv"
    with readings.open("a", encoding="utf-8") as fh:
        fh.write(f"中国\t{pinyin}\t\n")
    fails(project, capsys, readings, 3, *words)


@pytest.mark.parametrize("pinyin", ["Shànghǎi Hézuò", "Shang4hai3 He2zuo4 Zu3zhi1", "Shànghǎi Hézuò Zǔzhī Zǔzhī",
                                    "Shànghāi Hézuò Zǔzhī"])
def test_bad_pinyin_in_the_glossary(project, capsys, pinyin):
    glossary = project / "content" / "glossary.yml"
    line = replace(glossary, "pinyin: Shànghǎi Hézuò Zǔzhī", f"pinyin: {pinyin}")
    fails(project, capsys, glossary, line, repr(pinyin))


def test_capitals_word_spaces_and_neutral_tones_are_fine(project, capsys):
    with (project / "content" / "readings.tsv").open("a", encoding="utf-8") as fh:
        fh.write("朋友们\tpéngyoumen\t\n东西\tdōngxi\t\n西安\tXī'ān\t\n")
    assert build(project, capsys)[0] == 0


# --- glossary sources -------------------------------------------------------------------------------

@pytest.mark.parametrize("source", ["httpfoo", "javascript:alert(1)", "https://", "http://exa mple.org/", "example.org/page"])
def test_a_source_that_is_not_a_url(project, capsys, source):
    glossary = project / "content" / "glossary.yml"
    line = replace(glossary, "- https://example.org/glossary?term='sco'&x=1", f"- {source!r}" if ":" in source else f"- {source}")
    fails(project, capsys, glossary, line - 1, "not a URL")


# --- invisible characters -------------------------------------------------------------------------

@pytest.mark.parametrize("char", ["\u200b", "\x00", "\u202e", "\ufeff", "\x1b", "\u2028"])
def test_invisible_characters_in_the_body(project, capsys, char):
    text = summit(project).read_text(encoding="utf-8")
    column = len(text[: text.index("上海合作组织成员国")].rsplit("\n", 1)[1]) + len("上海合作") + 1
    line = replace(summit(project), "上海合作组织成员国", f"上海合作{char}组织成员国")
    err = fails(project, capsys, summit(project), line, f"U+{ord(char):04X}", f"column {column}")
    assert "delete it" in err


def test_invisible_characters_in_the_glossary_and_translation(project, capsys):
    glossary = project / "content" / "glossary.yml"
    line = replace(glossary, "headword: 上海合作组织", "headword: 上海\u200d合作组织")
    fails(project, capsys, glossary, line, "U+200D")
    replace(glossary, "上海\u200d合作组织", "上海合作组织")
    translation = project / "content" / "translations" / "1.yml"
    line = replace(translation, "en: HEADING_EN", "en: HEADING\x00_EN")
    fails(project, capsys, translation, line, "U+0000")


def test_a_byte_order_mark_at_the_start_is_fine(project, capsys):
    for path in (summit(project), project / "content" / "glossary.yml", project / "content" / "readings.tsv"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    code, err = build(project, capsys)
    assert code == 0, err


# --- files: symlinks, devices, size -------------------------------------------------------------

def test_a_symlink_leading_outside_content_is_refused(project, capsys, tmp_path):
    outside = tmp_path / "outside.yml"
    glossary = project / "content" / "glossary.yml"
    outside.write_bytes(glossary.read_bytes())
    glossary.unlink()
    glossary.symlink_to(outside)
    fails(project, capsys, glossary, None, "outside")


def test_a_symlink_inside_content_is_followed(project, capsys):
    content = project / "content"
    (content / "kept").mkdir()
    (content / "glossary.yml").rename(content / "kept" / "glossary.yml")
    (content / "glossary.yml").symlink_to(Path("kept") / "glossary.yml")
    assert build(project, capsys)[0] == 0


def test_symlink_loops_and_dangling_symlinks(project, capsys):
    page = project / "content" / "summits" / "2.md"
    page.symlink_to("2.md")
    fails(project, capsys, page, None, "symlink loop")
    page.unlink()
    page.symlink_to("no-such-file.md")
    fails(project, capsys, page, None, "missing file")


def test_devices_and_fifos_are_refused_before_reading(project, capsys):
    glossary = project / "content" / "glossary.yml"
    glossary.unlink()
    os.mkfifo(glossary)  # reading it would block forever
    fails(project, capsys, glossary, None, "not a regular file")


def test_dev_zero_is_refused_not_read(tmp_path, capsys):
    from builder.content.files import read_content
    from builder.errors import ContentError

    link = tmp_path / "glossary.yml"
    link.symlink_to("/dev/zero")
    with pytest.raises(ContentError, match="not a regular file"):
        read_content(link)  # no root: only the device check stands between it and unbounded memory
    with pytest.raises(ContentError, match="outside"):
        read_content(link, tmp_path)


def test_a_file_over_the_size_limit(project, capsys):
    from builder.content.files import MAX_BYTES

    page = summit(project)
    with page.open("r+b") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: nothing is written
    fails(project, capsys, page, None, "too large")


# --- outside a project -------------------------------------------------------------------------------

def test_the_cli_outside_a_project(tmp_path, capsys):
    assert main(["--root", str(tmp_path), "build"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "not a Summit Reader project" in err and "mkdocs.yml" in err
    assert not (tmp_path / "site").exists()


def test_the_cli_outside_a_project_as_a_process(tmp_path):
    for command in (["build"], ["annotate"]):
        done = subprocess.run([sys.executable, "-m", "builder", *command], cwd=tmp_path, input="中国",
                              capture_output=True, text=True, check=False,
                              env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])})
        assert done.returncode == 2, done.stderr
        assert re.fullmatch(r"error: .* is not a Summit Reader project \(no .*\): .*\n", done.stderr), done.stderr


# --- Han characters outside the basic block -------------------------------------------------------

def test_ling_and_extension_g_h_characters_get_readings():
    from pypinyin.pinyin_dict import pinyin_dict

    from builder.text.syllables import is_han

    ext_g = next(chr(k) for k in sorted(pinyin_dict) if 0x30000 <= k <= 0x3134F)
    ext_h = next(chr(k) for k in sorted(pinyin_dict) if 0x31350 <= k <= 0x323AF)
    assert all(is_han(ch) for ch in ("〇", ext_g, ext_h))
    from builder.text.pipeline import Pipeline
    from builder.text.resources import Resources

    pipeline = Pipeline(Resources.from_content(Path(__file__).resolve().parents[1] / "content"))
    tokens = pipeline.annotate(f"二〇〇八年，{ext_g}{ext_h}。")
    readings = {ch: syllable for t in tokens for ch, syllable in zip([c for c in t.text if is_han(c)], t.pinyin)}
    assert readings["〇"] == "líng"
    assert readings[ext_g] in pinyin_dict[ord(ext_g)].split(",")
    assert readings[ext_h] in pinyin_dict[ord(ext_h)].split(",")
