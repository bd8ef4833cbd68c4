"""The reading lexicon: words whose reading overrides pypinyin's (``content/readings.tsv``).

Proper names, surnames and set phrases of this register that pypinyin misreads
(阿塞拜疆, 托卡耶夫, 蒙古国, 尼泊尔 …). Tab-separated, header ``word	pinyin	note``;
``pinyin`` is written like the glossary's (``Āsàibàijiāng`` or ``ā sài bài jiāng``) and must give
one syllable per Han character. Users extend the file; no code change is needed.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ContentError, read_utf8
from .glossary import Form, _form

HEADER = ["word", "pinyin", "note"]


def load_lexicon(path: str | Path) -> dict[str, Form]:
    """Load ``readings.tsv`` → ``{word: Form}``.

    Raises ContentError (file:line) for a wrong header, a row without word or pinyin,
    a duplicate word, or a pinyin that does not align with the word's Han characters.
    A missing file is an empty lexicon.
    """
    path = Path(path)
    if not path.exists():
        return {}
    lexicon: dict[str, Form] = {}
    first: dict[str, int] = {}
    for number, row in enumerate(read_utf8(path).splitlines(), start=1):
        cells = row.split("\t")
        if number == 1:
            if cells[:2] != HEADER[:2]:
                raise ContentError(path, 1, f"the header must be {chr(9).join(HEADER)!r}")
            continue
        if not row.strip() or row.startswith("#"):
            continue
        if len(cells) < 2 or not cells[0].strip() or not cells[1].strip():
            raise ContentError(path, number, "a row needs a word and its pinyin, separated by a tab")
        word, written = cells[0].strip(), cells[1].strip()
        if word in first:
            raise ContentError(path, number, f"duplicate word {word!r} (first at line {first[word]})")
        first[word] = number
        lexicon[word] = _form(path, word, written, number)
    return lexicon
