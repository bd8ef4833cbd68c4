"""Parse a summit page's Markdown body with markdown-it-py → headings and paragraphs.

Only ``## `` headings and plain paragraphs are allowed (markdown-it's ``zero`` preset plus
headings: no emphasis, entities or escapes, so the text is taken exactly as written).
One inline rule of our own reads the editorial marks ``[[restored:TEXT|NOTE]]`` and ``[[gap|NOTE]]``.
"""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from ..errors import ContentError
from ..model import Gap, Paragraph, Restored


def editorial_mark(state: StateInline, silent: bool) -> bool:
    """Inline rule: ``[[restored:TEXT|NOTE]]`` → token ``restored``; ``[[gap|NOTE]]`` → token ``gap``."""
    src, pos = state.src, state.pos
    if not src.startswith("[[", pos):
        return False
    end = src.find("]]", pos + 2)
    if end < 0:
        return False
    body = src[pos + 2:end]
    head, sep, note = body.partition("|")
    if not sep or not note.strip():
        return False
    if head == "gap":
        kind, text = "gap", ""
    elif head.startswith("restored:") and head[len("restored:"):]:
        kind, text = "restored", head[len("restored:"):]
    else:
        return False
    if not silent:
        token = state.push(kind, "", 0)
        token.content = text
        token.meta = {"note": note.strip()}
    state.pos = end + 2
    return True


def _parser() -> MarkdownIt:
    md = MarkdownIt("zero").enable("heading")
    md.inline.ruler.before("text", "editorial_mark", editorial_mark)
    return md


_MD = _parser()


def parse_body(body: str, path: str | Path, first_line: int) -> list[tuple[str, Paragraph]]:
    """Parse ``body`` (starting at line ``first_line`` of ``path``) → ``[("h2" | "p", Paragraph)]``.

    Raises ContentError with the file and line for any other block (h1, h3, lists, code, HTML…),
    a line break inside a paragraph, or a malformed editorial mark.
    """
    blocks: list[tuple[str, Paragraph]] = []
    tokens = _MD.parse(body)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        line = (tok.map[0] if tok.map else 0) + first_line
        if tok.type == "heading_open" and tok.tag == "h2":
            kind = "h2"
        elif tok.type == "paragraph_open":
            kind = "p"
        else:
            what = f"a {tok.tag} heading" if tok.type == "heading_open" else f"'{tok.type}'"
            raise ContentError(path, line, f"only '## ' headings and plain paragraphs are allowed here, found {what}")
        inline = tokens[i + 1]
        blocks.append((kind, Paragraph(_parts(inline.children or [], path, line), line)))
        i += 3  # open, inline, close
    return blocks


def _parts(children, path, line) -> list[str | Restored | Gap]:
    parts: list[str | Restored | Gap] = []
    for child in children:
        if child.type == "text":
            if "\n" in child.content:  # the zero preset keeps soft line breaks as text
                raise ContentError(path, line, "a line break inside a paragraph: join the lines (leave a blank line between paragraphs)")
            if "[[" in child.content or "]]" in child.content:
                raise ContentError(path, line, "malformed editorial mark: write [[restored:TEXT|NOTE]] or [[gap|NOTE]]")
            if parts and isinstance(parts[-1], str):
                parts[-1] += child.content
            else:
                parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            raise ContentError(path, line, "a line break inside a paragraph: join the lines (leave a blank line between paragraphs)")
        elif child.type == "restored":
            parts.append(Restored(child.content, child.meta["note"]))
        elif child.type == "gap":
            parts.append(Gap(child.meta["note"]))
        else:  # pragma: no cover - the zero preset produces nothing else
            raise ContentError(path, line, f"unexpected inline markup {child.type!r}")
    return parts
