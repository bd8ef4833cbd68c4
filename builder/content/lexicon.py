"""The reading lexicon: words whose reading overrides pypinyin's (``content/readings.tsv``).

Proper names, surnames and set phrases of this register that pypinyin misreads
(阿塞拜疆, 托卡耶夫, 蒙古国, 尼泊尔 …). Tab-separated, header ``word	pinyin	note``;
``pinyin`` is written like the glossary's (``Āsàibàijiāng`` or ``ā sài bài jiāng``) and must give
one syllable per Han character. Users extend the file; no code change is needed.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ContentError
from .files import read_content
from .glossary import Form, _form

HEADER = ["word", "pinyin", "note"]


def load_lexicon(path: str | Path, allow_empty: bool = False, root: str | Path | None = None) -> dict[str, Form]:
    """Load ``readings.tsv`` → ``{word: Form}``.

    Raises ContentError (file:line) for a wrong header, a row without word or pinyin,
    a duplicate word, or a pinyin that is not one reading of each of the word's Han characters;
    and for a file that is unsafe or too large (``builder.content.files``, inside ``root``: default
    the file's folder). A missing file or one without a single word is an error too (every
    hand-kept reading would silently be lost), unless ``allow_empty``: then it is an empty lexicon.
    """
    path = Path(path)
    if allow_empty and not path.exists() and not path.is_symlink():
        return {}
    lexicon: dict[str, Form] = {}
    first: dict[str, int] = {}
    text = read_content(path, path.parent if root is None else root)
    if not text.strip():
        if allow_empty:
            return {}
        raise ContentError(path, 1, f"the file is empty: it needs the header {chr(9).join(HEADER)!r} "
                                    "(build with --allow-empty to build without a reading lexicon)")
    for number, row in enumerate(text.splitlines(), start=1):
        cells = row.split("\t")
        if number == 1:
            if [c.lstrip("\ufeff") for c in cells[:2]] != HEADER[:2]:
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
    if not lexicon and not allow_empty:
        raise ContentError(path, 1, "no readings: every row is empty or a comment, so every hand-kept reading "
                                    "would be lost (build with --allow-empty to build without a reading lexicon)")
    return lexicon
