"""Render annotated tokens and pages to HTML with Jinja2 (templates in ``templates/``).

Autoescaping is on for every template: all content (Chinese text, notes, glossary fields) is
HTML-escaped. A word becomes word-level ``<ruby>`` with ``<rp>`` fallbacks; a glossary term becomes
a focusable ``span.term`` described by one ``role="tooltip"`` element per term and page.

Line breaking follows W3C clreq (禁则): ``inline_groups`` binds a word to the closing punctuation
after it, an opening mark to the word after it, and a number to the character after it, and the
token printer (``block_html``, a Jinja global: a summit page's headings and paragraphs are printed in
Python, not by macros) sets each bound group in one unbreakable ``span.w``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from ..model import Gap, Paragraph, Restored, Token
from ..text.syllables import HAN, HAN_RE, HAN_RUN_RE, align_reading, join_syllables

# clreq 禁则 classes. Closing marks never start a line: pause and stop marks, closing brackets and
# quotes, ellipsis, percent signs (and their Latin forms). Opening marks never end one. Connectors
# (the middle dot of transliterated names, hyphens) hold the characters on both sides together.
CLOSING = frozenset("，。、；：？！）］｝〉》」』】〕〗〙〛”’…‥％‰,.;:!?)]}%")
OPENING = frozenset("（［｛〈《「『【〔〖〘〚“‘([{")
CONNECTORS = frozenset("·・‧-‐")
_DIGITS = frozenset("0123456789０１２３４５６７８９")  # ASCII and full-width digits
# A run of Chinese inside English text: Han characters with the CJK punctuation and brackets between
# and around them (《上海合作组织宪章》, 上海合作组织、东盟).
_ZH_RUN_RE = re.compile(f"[《「『（【]*[{HAN}](?:[{HAN}，、。：；！？·《》「」『』（）【】]*[{HAN}])?[》」』）】]*")


def note_mark(number: int) -> str:
    """Jinja filter ``note_mark``: an editorial note's mark as letters (1 → a, 26 → z, 27 → aa), so that
    a mark after a lost number (［?］ᵃ年) cannot be read as a digit of it."""
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def zh_runs(text: object) -> Markup:
    """Jinja filter ``zh``: HTML-escape ``text`` (English with Chinese inside) and wrap each Chinese run
    in ``<span lang="zh-Hans">`` so that screen readers and fonts treat it as Chinese. Escaping comes
    first; the wrapped runs hold only Han characters and CJK punctuation, which escaping leaves alone."""
    escaped = str(escape("" if text is None else text))
    return Markup(_ZH_RUN_RE.sub(lambda m: f'<span lang="zh-Hans">{m.group()}</span>', escaped))


@dataclass(frozen=True)
class Piece:
    """A stretch of a token: Han text with its printed reading, or other text (``reading == ""``)."""

    text: str
    reading: str = ""
    spoken: str = ""  # the reading with the spoken tone changes of 一/不, when it differs


#: Token shapes whose ruby pieces and ruby HTML are remembered (least recently used dropped first): a
#: page's words recur on it and on other pages (the 300-page benchmark copy has 1,344 shapes in 618,000
#: tokens; a real summit page 400–1,000). An entry (pieces and HTML) takes about 1.2 KB, so a full memo
#: holds some 20 MB whatever the site's size.
RUBY_MEMO = 16_384


def _shape(token: Token) -> tuple[str, tuple[str, ...], str, tuple[str, ...]]:
    """Everything ``pieces`` reads of a token: ``(text, pinyin, display, spoken)`` as hashable values."""
    return token.text, tuple(token.pinyin), token.display, tuple(token.spoken or ())


def pieces(token: Token) -> list[Piece]:
    """Split a token into ruby pieces: each Han run gets its reading; punctuation and digits get none.

    A run's reading is the token's written reading (glossary or lexicon spelling, e.g.
    ``zūnzhòng duōyàng wénmíng``) cut at the run's syllables, else its syllables joined as one word.
    Remembered by the token's shape (``RUBY_MEMO`` shapes); the list is new, its pieces are shared
    (``Piece`` is frozen).
    """
    return list(_pieces(*_shape(token)))


@lru_cache(maxsize=RUBY_MEMO)
def _pieces(text: str, pinyin: tuple[str, ...], display: str, spoken: tuple[str, ...]) -> tuple[Piece, ...]:
    if not pinyin:
        return (Piece(text),)
    spans = _spans(display, text) if display else None
    out, used, pos = [], 0, 0
    for run in HAN_RUN_RE.finditer(text):
        if run.start() > pos:
            out.append(Piece(text[pos:run.start()]))
        n = len(run.group())
        reading = _reading(display, spans, pinyin, used, n)
        said = _reading(display, spans, spoken, used, n) if spoken else ""
        out.append(Piece(run.group(), reading, said if said != reading else ""))
        used += n
        pos = run.end()
    if pos < len(text):
        out.append(Piece(text[pos:]))
    return tuple(out)


def word_pieces(token: Token) -> tuple[tuple[int, str, str, tuple[str, ...]], ...]:
    """The ruby pieces of ``token`` that have a reading (its words, for the word lists), each as
    ``(offset in the token, text, reading, syllables)``; remembered by the token's shape, as ``pieces``."""
    return _word_pieces(*_shape(token))


@lru_cache(maxsize=RUBY_MEMO)
def _word_pieces(text: str, pinyin: tuple[str, ...], display: str, spoken: tuple[str, ...]) -> tuple[tuple[int, str, str, tuple[str, ...]], ...]:
    out, used, offset = [], 0, 0
    for piece in _pieces(text, pinyin, display, spoken):
        if piece.reading:
            out.append((offset, piece.text, piece.reading, pinyin[used:used + len(piece.text)]))
            used += len(piece.text)
        offset += len(piece.text)
    return tuple(out)


def _reading(written: str, spans, syllables: tuple[str, ...], used: int, n: int) -> str:
    """The printed reading of ``n`` Han characters from the ``used``-th: the written form's slice
    (its spacing and capitals kept, with any changed syllable put in), else the syllables joined."""
    if not spans:
        return join_syllables(syllables[used:used + n])
    out, pos = [], spans[used][1]
    for k in range(used, used + n):
        syllable, start, end = spans[k]
        out.append(written[pos:start])
        original = written[start:end]
        new = syllables[k]
        out.append(original if new == syllable else (new[:1].upper() + new[1:] if original[:1].isupper() else new))
        pos = end
    return "".join(out)


def piece_groups(token: Token) -> list[list[Piece]]:
    """A token's ruby pieces cut where a line may break: inside a term that quotes a name
    (共建“一带一路”合作) an opening mark stays with the word after it and a closing one with the word
    before it, by the same 禁则 rule as ``inline_groups``."""
    return _piece_groups(_pieces(*_shape(token)))


def _piece_groups(found: tuple[Piece, ...]) -> list[list[Piece]]:
    flat = iter(found)
    return [[next(flat) for _ in group] for group in inline_groups([Inline(token=Token(p.text, 0)) for p in found])]


@lru_cache(maxsize=4096)
def _spans(written: str, text: str):
    try:
        return align_reading(written, text)
    except ValueError:
        return None


# --- The token printer: a block's inline items as HTML (content → tokens → annotated tokens → HTML) ----------
#
# It prints byte for byte what the Jinja macros it replaced printed (``segments`` → ``inline`` → ``token``
# → ``ruby`` → ``piece_group`` of templates/fragments/tokens.html): the same elements, attributes in the
# same order, no whitespace between them. Every string that comes from content or annotation (a piece's
# text, reading and spoken reading, a term id, an anchor, a block id, a note number) goes through
# ``markupsafe.escape``, the very function Jinja's autoescape applies to ``{{ … }}``, so the escaped bytes
# are the ones the template printed; the fixed markup around them is written out as the macros wrote it.

_GAP_HTML = '<span class="gap">［?］</span>'


def block_html(block, anchor_of: Callable[[Token], str]) -> Markup:
    """A heading's or paragraph's text as HTML (the Jinja global ``block_html``).

    ``block`` has ``id`` (its anchor, ``a1`` or ``a1-p2``) and ``segments`` (``[(part, tokens, note
    number)]``, ``pages.Block``); ``anchor_of(token)`` gives a term token's anchor (``t-<term id>-<n>``).
    The items are cut by ``inline_groups`` (clreq 禁则): a group of more than one item is one nowrap
    ``span.w``, restored text keeps its ``span.restored`` inside its group (``restored_runs``), a gap is
    ``span.gap``, a note reference ``sup.note-ref``, a word its ``<ruby>`` (``token_html``). Every content
    string is escaped (see above); the result is ``Markup``, so the template does not escape it again.
    """
    out: list[str] = []
    for group in inline_groups(inlines(block.segments)):
        wide = len(group) > 1
        if wide:
            out.append('<span class="w">')
        for restored, run in restored_runs(group):
            if restored:
                out.append('<span class="restored">')
            for item in run:
                if item.gap:
                    out.append(_GAP_HTML)
                elif item.note is not None:
                    out.append(note_ref_html(block.id, item.note))
                elif item.token.term_id:
                    out.append(token_html(item.token, anchor_of))
                else:  # a word or punctuation: token_html without the call
                    out.append(_ruby_html(_shape(item.token)))
            if restored:
                out.append("</span>")
        if wide:
            out.append("</span>")
    return Markup("".join(out))


def note_ref_html(block_id: str, number: int) -> str:
    """The mark of editorial note ``number`` (a letter, ``note_mark``) linking to ``#<article id>-note-<number>``."""
    mark = escape(note_mark(number))
    return (f'<sup class="note-ref"><a href="#{escape(block_id.split("-")[0])}-note-{escape(number)}"'
            f' aria-label="editorial note {mark}">{mark}</a></sup>')


def token_html(token: Token, anchor_of: Callable[[Token], str]) -> str:
    """A token's ruby (``ruby_html``); a term's is wrapped in its focusable ``span.term`` whose ``id`` is
    this occurrence's anchor and whose tooltip is ``#tip-<term id>`` (both escaped)."""
    ruby = ruby_html(token)
    if not token.term_id:
        return ruby
    return f'<span class="term" id="{escape(anchor_of(token))}"{_term_attributes(token.term_id)}>{ruby}</span>'


@lru_cache(maxsize=4096)
def _term_attributes(term_id: str) -> str:
    """The attributes of a term's ``span.term`` after its ``id`` (the term id escaped)."""
    term = escape(term_id)
    return f' tabindex="0" data-term="{term}" aria-describedby="tip-{term}"'


def ruby_html(token: Token) -> str:
    """A token's text with its readings: each Han run a ``<ruby>`` (``class="long"`` past 7 characters,
    ``data-spoken`` with the spoken tones where they differ) with ``<rp>`` fallbacks, other text as is;
    the pieces of one ``piece_groups`` group in one nowrap ``span.w``. A long token (more than 7
    characters) may break between its groups, never after its last: ``span.n`` holds all but the last
    group, so a closing mark after it stays on its line. Remembered by the token's shape (``RUBY_MEMO``)."""
    return _ruby_html(_shape(token))


@lru_cache(maxsize=RUBY_MEMO)
def _ruby_html(shape: tuple[str, tuple[str, ...], str, tuple[str, ...]]) -> str:
    groups = _piece_groups(_pieces(*shape))
    if len(groups) > 1 and len(shape[0]) > 7:
        return '<span class="n">' + "".join(map(_group_html, groups[:-1])) + "</span>" + _group_html(groups[-1])
    return "".join(map(_group_html, groups))


def _group_html(group: list[Piece]) -> str:
    inner = "".join(map(_piece_html, group))
    return f'<span class="w">{inner}</span>' if len(group) > 1 else inner


def _piece_html(piece: Piece) -> str:
    if not piece.reading:
        return str(escape(piece.text))
    long = ' class="long"' if len(piece.text) > 7 else ""
    spoken = f' data-spoken="{escape(piece.spoken)}"' if piece.spoken else ""
    return (f'<ruby{long}>{escape(piece.text)}<rp>(</rp><rt aria-hidden="true"{spoken}>{escape(piece.reading)}'
            f'</rt><rp>)</rp></ruby>')


class Renderer:
    """Jinja2 environment over ``templates/`` with the helpers the templates use."""

    def __init__(self, templates_dir: str | Path, cache_dir: Path | None = None):
        from .mkdocs_plugin import bytecode_cache

        self.env = Environment(
            loader=FileSystemLoader(str(templates_dir)),
            bytecode_cache=bytecode_cache(cache_dir) if cache_dir else None,
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(block_html=block_html, Restored=Restored, Gap=Gap)
        self.env.filters.update(zh=zh_runs, note_mark=note_mark, number=lambda n: f"{n:,}")  # 1,289
        self.env.tests.update(restored=lambda p: isinstance(p, Restored), gap=lambda p: isinstance(p, Gap))
        self._digests: dict[str, str] = {}

    def render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(**context)

    def digest(self, template: str) -> str:
        """A digest of ``template``'s source and of every template it imports, includes or extends, in
        turn (found with ``jinja2.meta``): what a page rendered with it reads from ``templates/``."""
        if template not in self._digests:
            from jinja2 import meta

            from .outputs import digest

            parts, todo, seen = [], [template], set()
            while todo:
                name = todo.pop()
                if name in seen:
                    continue
                seen.add(name)
                source = self.env.loader.get_source(self.env, name)[0]
                parts.append((name, source))
                todo += [n for n in meta.find_referenced_templates(self.env.parse(source)) if n is not None]
            self._digests[template] = digest(sorted(parts))
        return self._digests[template]


def split_tokens(paragraph: Paragraph) -> list[tuple[str | Restored | Gap, list[Token]]]:
    """Pair each part of a paragraph (text, restored mark, gap) with the tokens that fall inside it.

    A token that straddles a restored mark's edge is kept with the part where it starts, so no
    text is lost or repeated.
    """
    out: list[tuple[str | Restored | Gap, list[Token]]] = []
    tokens = iter(paragraph.tokens)
    pending = next(tokens, None)
    pos = 0
    for part in paragraph.parts:
        if isinstance(part, Gap):
            out.append((part, []))
            continue
        end = pos + len(part if isinstance(part, str) else part.text)
        mine = []
        while pending is not None and pending.start < end:
            mine.append(pending)
            pending = next(tokens, None)
        out.append((part, mine))
        pos = end
    if pending is not None:  # pragma: no cover - tokens always cover the text
        out[-1][1].extend([pending, *tokens])
    return out


@dataclass
class Inline:
    """One inline item of a heading or paragraph, in text order.

    Exactly one of: ``token`` (a word, term, punctuation or other text; ``restored`` when it lies in an
    editors' restoration), ``gap`` (the visible mark of text lost in the source) or ``note`` (the number
    of the editorial note a restoration or gap refers to, which follows it).
    """

    token: Token | None = None
    restored: bool = False
    gap: bool = False
    note: int | None = None

    @property
    def text(self) -> str:
        return self.token.text if self.token is not None else ""


def inlines(segments: list[tuple[object, list[Token], int | None]]) -> list[Inline]:
    """Flatten a block's ``(part, tokens, note number)`` segments into inline items."""
    out: list[Inline] = []
    for part, tokens, number in segments:
        if isinstance(part, Gap):
            out.append(Inline(gap=True))
        out.extend(Inline(token=t, restored=isinstance(part, Restored)) for t in tokens)
        if number is not None:
            out.append(Inline(note=number))
    return out


def _is_number(item: Inline) -> bool:
    """A number (its text ends with a digit) or a gap, which stands for lost digits or words."""
    return item.gap or item.text[-1:] in _DIGITS


def _binds(group: list[Inline], item: Inline) -> bool:
    """Whether ``item`` must stay on the same line as the end of ``group`` (clreq 禁则)."""
    if item.note is not None:
        return True  # a note reference follows what it annotates
    last = previous = None  # the group's last two items that are not note references
    for g in reversed(group):
        if g.note is None:
            if last is not None:
                previous = g
                break
            last = g
    if last is None:
        return False
    first = item.text[:1]
    if first and (first in CLOSING or first in CONNECTORS):
        return True
    end = last.text[-1:]
    if end and (end in OPENING or end in CONNECTORS):
        return True
    if _is_number(last) and (item.gap or (first and (first in _DIGITS or HAN_RE.match(first)))):
        return True  # 1000名, 17日, 在未来［?］年
    # a date or measure chain goes on after its unit: 9月17日, 2024至2025年
    return first in _DIGITS and previous is not None and _is_number(previous) and bool(HAN_RE.match(last.text[:1]))


def inline_groups(items: list[Inline]) -> list[list[Inline]]:
    """Cut a block's inline items into groups that no line break may split.

    A general rule over punctuation classes and digits (no word lists): closing punctuation and
    connectors join the item before them, opening punctuation and connectors join the item after
    them, a number (or a gap) joins the word after it, and a note reference joins what it follows.
    Every item lands in exactly one group, in order, so the text is unchanged.
    """
    groups: list[list[Inline]] = []
    for item in items:
        if groups and _binds(groups[-1], item):
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def restored_runs(group: list[Inline]) -> list[tuple[bool, list[Inline]]]:
    """Split a group into runs of items inside and outside restored text: ``[(restored, items)]``."""
    runs: list[tuple[bool, list[Inline]]] = []
    for item in group:
        inside = item.restored
        if runs and runs[-1][0] == inside:
            runs[-1][1].append(item)
        else:
            runs.append((inside, [item]))
    return runs
