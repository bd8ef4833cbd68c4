"""Step 1: raw bytes → text. UTF-8 first, then GB18030 (a superset of GBK and GB2312).

A byte string that is not text (NUL bytes, control characters), empty text, or text in any other
encoding is refused with a ContentError naming the file and, where it helps, the line.
GB18030 decodes many foreign byte strings without error (Big5, Shift-JIS, EUC-KR text all come
out as Han characters), so a GB18030 reading is accepted only if it looks like Chinese: no
private-use characters, and common characters in the proportion real Chinese text has.
"""

from __future__ import annotations

from .model import State
from ..errors import ContentError

COMMON = set(
    "的一是不了在人有我他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可里后小么"
    "心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现"
    "分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位"
    "因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场"
    "师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲"
    "界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元"
    "社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步"
    "完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片"
    "容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽"
)
"""About 460 of the most frequent Han characters of modern Chinese: about 70 % of the characters of the seed texts."""

BOMS = {b"\xff\xfe\x00\x00": "UTF-32", b"\x00\x00\xfe\xff": "UTF-32", b"\xff\xfe": "UTF-16", b"\xfe\xff": "UTF-16"}


def _line(data: bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1


def _looks_chinese(text: str) -> bool:
    """A GB18030 reading is plausible: no private-use characters; if it has 20 or more Han
    characters, at least one in five is among the common ones (garbled text: about 1 in 20)."""
    if any("\ue000" <= c <= "\uf8ff" for c in text):
        return False
    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if len(han) < 20:
        return not any("\u3040" <= c <= "\u30ff" or "\uac00" <= c <= "\ud7af" for c in text)
    return sum(c in COMMON for c in han) / len(han) >= 0.2


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode one raw file → (text, encoding name: ``UTF-8`` or ``GB18030``).

    A UTF-8 byte-order mark is dropped. Raises ContentError for: an empty (or blank) file, a file
    of punctuation and spaces only (no letter, digit or Han character), a UTF-16/32 file, a binary file (a NUL byte or many control characters), and bytes that are
    neither UTF-8 nor plausible GB18030/GBK Chinese ("unknown encoding", with the line of the
    first byte that is not UTF-8).
    """
    for bom, name in BOMS.items():
        if data.startswith(bom):
            raise ContentError(path, 1, f"{name} text (it starts with a {name} byte-order mark): save it as UTF-8")
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise ContentError(path, _line(data, offset), f"a binary file, not text (a NUL byte at offset {offset})")
    controls = sum(1 for b in data if b < 32 and b not in b"\t\n\r\f\v\x1a")
    if data and controls > max(2, len(data) // 100):
        raise ContentError(path, None, f"a binary file, not text ({controls} control bytes in {len(data)})")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text, encoding = data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
        try:
            text, encoding = data.decode("gb18030"), "GB18030"
        except UnicodeDecodeError:
            text = None
        if text is None or not _looks_chinese(text):
            raise ContentError(
                path, _line(data, first_bad),
                f"unknown encoding: not UTF-8 (byte 0x{data[first_bad]:02x} at offset {first_bad}) and not GB18030/GBK "
                f"Chinese; save the text as UTF-8") from None
    if not text.strip(" \t\r\n\f\v\u3000\ufeff\x1a"):
        raise ContentError(path, None, "empty file: there is no text to import")
    if not any(c.isalnum() for c in text):
        raise ContentError(path, None, "no text to import: the file holds only punctuation and spaces")
    return text, encoding


def rule(state: State) -> None:
    """Decode every file (all of them before anything else happens, so bad input stops the run early)."""
    for source in state.files:
        source.text, source.encoding = decode(source.data, source.path)
