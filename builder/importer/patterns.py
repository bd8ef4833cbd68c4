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
STAMP_IN_LINE = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:[ T\u3000]*\d{1,2}:\d{2}(?::\d{2})?)?")
DATE_LINE = re.compile(f"^[（(]?(?P<year>\\d{{4}})年(?P<month>\\d{{1,2}})月(?P<day>\\d{{1,2}})日"
                       f"(?:[，,、 \u3000]*(?P<place>{HAN}{{2,8}}))?[）)]?$")
CAPTION = re.compile(f".+?(?:新华社|中新社|本报)?记者\\s*{HAN}{{2,4}}?\\s*摄")
# Lines that are not article text, or that open or close an article (docs/importing.md, "Where an
# article starts"). Each pattern matches a whole line, before or after punctuation is made full-width.
_SEP = r"[ \u3000\t、，,]"
_NAMES = f"(?:{_SEP}*{HAN}{{2,4}})*"
BYLINE = re.compile(
    "^(?!.*摄$)(?:[□■●◆▲]\\s*)?(?:"
    f"(?:新华社|中新社|本报|人民日报|光明日报|经济日报|中国日报|央视|国际在线){_SEP}*(?:特约|特派|驻{HAN}{{1,8}})?(?:记者|评论员|通讯员)"
    f"|(?:特约)?评论员|记者|文{_SEP}*[/／|｜]|作者[:：]|撰文[:：]?"
    f"){_NAMES}{_SEP}*$")
"""A byline line: ``新华社记者 郝薇薇 黄河``, ``本报评论员``, ``本报记者 周密``, ``文/张三``."""
META = re.compile(
    r"^(?:首页|当前位置|您的位置|位置)\s*[:：]?\s*.*[>＞›»]"       # breadcrumbs
    r"|.*(?:来源|稿源|出处)\s*[:：]"                                # source lines (often with a timestamp)
    r"|^[【\[]?\s*字号|.*(?:打印|分享到|扫一扫|返回顶部|关闭窗口)\s*[:：]?\s*[】\]]?$"
    r"|^(?:相关(?:阅读|新闻|链接|报道|稿件)|延伸阅读|推荐阅读|热点推荐|更多(?:新闻|报道)?)\s*[:：]?$"
    r"|^[（(【\[]?\s*(?:责任编辑|编辑|责编|校对|审核|编审)\s*[:：]")
"""A web page's chrome or credits, not article text: breadcrumbs, ``来源：新华网``, ``【字号 大 中 小】``,
``相关阅读``, ``责任编辑：刘洋``, ``（编辑：李静）``."""
EDITOR = re.compile(r"^[（(【\[]?\s*(?:责任编辑|编辑|责编|校对|审核|编审)\s*[:：]")
"""An editor's credit: it closes the article above it."""
SECTION = re.compile(r"^(?:第[一二三四五六七八九十]{1,3}[，,、]|[一二三四五六七八九十]{1,3}[、.．]"
                     r"|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[、．](?!\d))")
"""An enumerator that opens a numbered section: ``第四，``, ``一、``, ``（二）``, ``3、``."""
OCCASION = re.compile(f"^[—－-]{{0,2}}\\s*在.{{2,60}}(?:上|时|之际|会议|仪式|峰会|论坛)的?"
                      f"(?:主旨)?(?:讲话|致辞|演讲|发言|书面讲话|书面致辞|答记者问)$")
"""The occasion line under a speech's title: ``——在上海合作组织成员国元首理事会第二十二次会议上的讲话``."""
SUBTITLE = re.compile(r"^(?:——|--|—|－－)\s*\S")
SPEAKER = re.compile(f"^{HAN}{{2,24}}(?:主席|总理|总统|委员长|部长|秘书长|国务委员|副主席){_SEP}+{HAN}{{2,4}}$")
"""A speaker line: ``中华人民共和国主席 习近平``."""
SALUTATION = re.compile("^(?:尊敬的|各位|女士们|亲爱的|同志们|朋友们)")
COLUMN = re.compile(f"^(?:新华时评|新华述评|新华社评论员|新华视点|新华国际时评|国际观察|国际锐评|记者手记|专家解读|人民论坛"
                    f"|时评|述评|综述|评论|短评|快评|社论|特稿|专访|访谈|观察|聚焦|钟声|望海楼){{1}}\\s*[：:｜|丨]")
"""A headline with a column label: ``新华时评：…``, ``国际锐评｜…``: a commentary starts here."""
THANKS = re.compile(r"^(?:谢谢(?:大家|各位|你们)?|谢谢！)[。！!]?$")
"""The last line of a speech."""
MEETING = re.compile("第(?P<number>[一二三四五六七八九十百]{1,4}|\\d{1,3})次(?:会议|峰会|会晤)")


def chinese_number(text: str) -> int | None:
    """``二十二`` → 22, ``二十`` → 20, ``十一`` → 11, ``二十四`` → 24, ``22`` → 22; None if not a number."""
    if text.isdigit():
        return int(text)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    total, current = 0, 0
    for c in text:
        if c in digits:
            current = digits[c]
        elif c == "十":
            total += (current or 1) * 10
            current = 0
        elif c == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current or None


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
    """A raw line that always starts a paragraph: a dateline, a continuation marker, a byline, a web
    page's chrome or credit line, a speech's date, occasion or speaker line, a numbered section."""
    if XINHUA.match(line) or BENBAO.match(line) or MARKER.match(line) or SECTION.match(line):
        return True
    return len(line) <= 64 and "。" not in line and any(
        pattern.match(line) for pattern in (BYLINE, META, DATE_LINE, OCCASION, SPEAKER))


def section_heading(text: str) -> bool:
    """A numbered section heading standing alone: ``第四，加强人文交流``, ``一、国际形势`` (an enumerator,
    then at most 30 characters with no sentence end). ``第一，走团结合作之路。要…`` is a paragraph."""
    m = SECTION.match(text)
    rest = text[m.end():] if m else ""
    return bool(m) and 0 < len(rest) <= 30 and not set(rest) & set("。！？；.!?;") and HAN_RE.search(rest) is not None


def display_width(text: str) -> int:
    """Columns ``text`` takes in a monospaced layout: 2 for Han and full-width characters, 1 for others."""
    return sum(2 if ord(c) >= 0x2E80 and not "\uff61" <= c <= "\uffdc" else 1 for c in text)


def title_like(text: str) -> bool:
    """A short line with Han characters and no sentence punctuation (，。；！？)."""
    return 0 < len(text) <= 64 and not (set(text) & SENTENCE_PUNCT) and HAN_RE.search(text) is not None
