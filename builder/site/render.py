"""Render annotated tokens and pages to HTML with Jinja2 (templates in ``templates/``).

Autoescaping is on for every template: all content (Chinese text, notes, glossary fields) is
HTML-escaped. A word becomes word-level ``<ruby>`` with ``<rp>`` fallbacks; a glossary term becomes
a focusable ``span.term`` described by one ``role="tooltip"`` element per term and page.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..model import Gap, Paragraph, Restored, Token
from ..text.syllables import HAN_RUN_RE, align_reading, join_syllables


@dataclass
class Piece:
    """A stretch of a token: Han text with its printed reading, or other text (``reading == ""``)."""

    text: str
    reading: str = ""
    spoken: str = ""  # the reading with the spoken tone changes of 一/不, when it differs


def pieces(token: Token) -> list[Piece]:
    """Split a token into ruby pieces: each Han run gets its reading; punctuation and digits get none.

    A run's reading is the token's written reading (glossary or lexicon spelling, e.g.
    ``zūnzhòng duōyàng wénmíng``) cut at the run's syllables, else its syllables joined as one word.
    """
    if not token.pinyin:
        return [Piece(token.text)]
    spans = _spans(token.display, token.text) if token.display else None
    out, used, pos = [], 0, 0
    for run in HAN_RUN_RE.finditer(token.text):
        if run.start() > pos:
            out.append(Piece(token.text[pos:run.start()]))
        n = len(run.group())
        reading = _reading(token, spans, token.pinyin, used, n)
        spoken = _reading(token, spans, token.spoken, used, n) if token.spoken else ""
        out.append(Piece(run.group(), reading, spoken if spoken != reading else ""))
        used += n
        pos = run.end()
    if pos < len(token.text):
        out.append(Piece(token.text[pos:]))
    return out


def _reading(token: Token, spans, syllables: list[str], used: int, n: int) -> str:
    """The printed reading of ``n`` Han characters from the ``used``-th: the written form's slice
    (its spacing and capitals kept, with any changed syllable put in), else the syllables joined."""
    if not spans:
        return join_syllables(syllables[used:used + n])
    written, out, pos = token.display, [], spans[used][1]
    for k in range(used, used + n):
        syllable, start, end = spans[k]
        out.append(written[pos:start])
        original = written[start:end]
        new = syllables[k]
        out.append(original if new == syllable else (new[:1].upper() + new[1:] if original[:1].isupper() else new))
        pos = end
    return "".join(out)


@lru_cache(maxsize=4096)
def _spans(written: str, text: str):
    try:
        return align_reading(written, text)
    except ValueError:
        return None


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
        self.env.globals.update(pieces=pieces, Restored=Restored, Gap=Gap)
        self.env.tests.update(restored=lambda p: isinstance(p, Restored), gap=lambda p: isinstance(p, Gap))

    def render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(**context)


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
