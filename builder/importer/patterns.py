"""Character classes and patterns shared by the importer's steps (one place per fact)."""

from __future__ import annotations

import re

from .model import Dateline, Span

HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
HAN = f"[{HAN_RANGES}]"
HAN_RE = re.compile(HAN)

FULL_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】「」『』—…·－～"
SENTENCE_PUNCT = set("，。；！？,;!?")
"""A line with none of these is title-like (headline, subtitle, section heading, speaker line)."""
PARA_END = set("。！？…—：；”’」』）!?:;)")
"""A paragraph that ends with one of these is complete; one that does not was cut by a page break."""
SPACES = " \t\u3000\xa0\u2002\u2003\u2009\ufeff"


def is_han(c: str) -> bool:
    """A Han character (CJK unified ideographs, extension A and B on, compatibility ideographs)."""
    return bool(c) and HAN_RE.match(c) is not None


def is_cjk(c: str) -> bool:
    """Han, or Chinese (full-width) punctuation and symbols."""
    return bool(c) and (is_han(c) or c in FULL_PUNCT or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef")


def is_latin(c: str) -> bool:
    """An ASCII letter."""
    return bool(c) and c.isascii() and c.isalpha()


_PLACE = f"(?:(?!记者|新华社|本报|摄){HAN}){{2,8}}?"
_DATE = r"(?P<date>(?P<month>[0-9０-９]{0,2})月(?P<day>[0-9０-９]{0,2})日)?"
XINHUA = re.compile(f"(?:据)?(?:新华社|中新社)(?P<place>{_PLACE})?{_DATE}电")
BENBAO = re.compile(f"本报(?P<place>{_PLACE})?{_DATE}讯(?:[（(][^）)\n]{{0,30}}[）)])?")

MARKER = re.compile(r"^[（(]\s*(?:上接|接上|接)\s*第?\s*(?P<page>[0-9０-９一二三四五六七八九十]+)\s*版\s*[）)]")
JUMP = re.compile(r"[（(]\s*(?:下转|转)\s*第?\s*(?P<page>[0-9０-９一二三四五六七八九十]+)\s*版\s*[）)]\s*$")
END = re.compile(r"[（(]完[）)]\s*$")
TIMESTAMP = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T]+\d{1,2}:\d{2}(?::\d{2})?)?$")
DATE_LINE = re.compile(r"^[（(]?(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日[）)]?$")
CAPTION = re.compile(f".+?(?:新华社|中新社|本报)?记者\\s*{HAN}{{2,4}}?\\s*摄")
SCO = re.compile(r"上海合作组织|上合组织|上合|SCO|Shanghai Cooperation Organi[sz]ation")


def _int(digits: str | None) -> int | None:
    if not digits:
        return None
    return int(digits.translate(str.maketrans("０１２３４５６７８９", "0123456789")))


def match_dateline(span: Span, pos: int = 0) -> Dateline | None:
    """The dateline that starts at ``pos`` of ``span`` (Xinhua ``…电`` or ``本报…讯``), else None."""
    for pattern in (XINHUA, BENBAO):
        m = pattern.match(span.text, pos)
        if m:
            missing = bool(m.group("date")) and not (m.group("month") and m.group("day"))
            return Dateline(span[m.start():m.end()], m.group("place"), _int(m.group("month")),
                            _int(m.group("day")), missing)
    return None


def starts_new_paragraph(line: str) -> bool:
    """A raw line that always starts a paragraph: a dateline or a continuation marker."""
    return bool(XINHUA.match(line) or BENBAO.match(line) or MARKER.match(line))


def title_like(text: str) -> bool:
    """A short line with Han characters and no sentence punctuation (，。；！？)."""
    return 0 < len(text) <= 64 and not (set(text) & SENTENCE_PUNCT) and HAN_RE.search(text) is not None
