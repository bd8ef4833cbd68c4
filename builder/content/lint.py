"""The content linter: the body-text rules of docs/content-format.md, with ``file:line``.

``python -m builder check`` runs it, and so does every build (an error stops the build, a warning is
printed). Each rule is a small function ``rule(page, context) -> Iterable[Diagnostic]`` over one
loaded summit page, listed in ``RULES`` in the manner of markdown-it's rulers; ``lint`` runs them all.

Errors are text that is wrong: half-width punctuation in Chinese text, full-width digits, Latin words
inside Chinese sentences, spaces between Han characters, stray Markdown or HTML, brackets or title
marks that do not pair up, a source naming a seed file that does not exist, a placeholder or
duplicate heading, a ``# CHECK`` mark left from the import. Warnings are what a person must judge:
a paragraph of 1,000 characters or more (its source may have lost its paragraph breaks).

Seed names are checked against the seeds folder (``$SUMMIT_SEEDS``, else ``../shared/seeds`` beside the
project); where there is none (a fork), the check cannot be made and a note says so once.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..errors import ContentError, read_utf8
from ..model import Paragraph, Summit
from .summits import load_summit

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
CJK = f"{HAN}，。、；：？！“”‘’（）《》—…·"
NO_TITLE = "（无标题）"
LONG_PARAGRAPH = 1000


@dataclass(frozen=True)
class Diagnostic:
    """One finding: ``level`` is ``error`` or ``warning``; ``rule`` the rule's name."""

    path: str
    line: int | None
    level: str
    rule: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.level}: {self.message} [{self.rule}]"


@dataclass
class Page:
    """A summit page as the rules see it: the raw lines of its file and, once it loads, its Summit
    (None for the rules in ``LINE_RULES``, which read the lines only, so they run on a page that
    does not load yet: a page draft with its CHECK marks)."""

    path: str
    summit: Summit | None
    lines: list[str]

    def blocks(self) -> Iterable[tuple[Paragraph, bool]]:
        """Every heading and paragraph, with True for a heading."""
        for article in self.summit.articles:
            yield article.heading, True
            for p in article.paragraphs:
                yield p, False


@dataclass
class Context:
    """What the rules may need besides the page: the seed file names (None: no seeds folder)."""

    seeds: set[str] | None


@dataclass
class Report:
    """The diagnostics of a run, in file and line order, and notes (what could not be checked)."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level == "warning"]


def _error(page: Page, line: int | None, rule: str, message: str) -> Diagnostic:
    return Diagnostic(page.path, line, "error", rule, message)


def _context(text: str, start: int, end: int, width: int = 6) -> str:
    return text[max(0, start - width):end + width]


def _texts(page: Page) -> Iterable[tuple[Paragraph, bool, list[tuple[int, str]]]]:
    """Each block with its plain-text parts and their offsets in ``text`` (editorial marks' notes left out)."""
    for block, heading in page.blocks():
        pieces, pos = [], 0
        for part in block.parts:
            if isinstance(part, str):
                pieces.append((pos, part))
                pos += len(part)
            else:
                pos += len(getattr(part, "text", ""))
        yield block, heading, pieces


# --- the rules ------------------------------------------------------------------------------------

HALF_WIDTH = re.compile(f"(?<=[{HAN}])[,;:?!()\"']|[,;:?!()\"'](?=[{HAN}])|(?<=[{HAN}])-(?=[{HAN}])"
                        f"|(?<=[{HAN}])\\.(?![0-9A-Za-z.])")
FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", '"': "“ or ”", "'": "‘ or ’",
        "-": "— or －", ".": "。"}


def half_width_punctuation(page: Page, context: Context) -> Iterable[Diagnostic]:
    """``,`` ``;`` ``:`` ``?`` ``!`` ``(`` ``)`` quotes next to a Han character, ``-`` between two, ``.`` after one."""
    for block, _, pieces in _texts(page):
        for _, text in pieces:
            for m in HALF_WIDTH.finditer(text):
                mark = m.group()
                yield _error(page, block.line, "half-width", f"half-width {mark!r} in Chinese text "
                                                             f"({_context(text, m.start(), m.end())}): write {FULL[mark]}")


FULL_DIGITS = re.compile("[０-９]+")


def full_width_digits(page: Page, context: Context) -> Iterable[Diagnostic]:
    """Digits stay half-width in the text (``20周年``)."""
    for block, _, pieces in _texts(page):
        for _, text in pieces:
            for m in FULL_DIGITS.finditer(text):
                yield _error(page, block.line, "full-width-digits", f"full-width digits {m.group()!r}: write "
                             f"{m.group().translate(str.maketrans('０１２３４５６７８９', '0123456789'))!r}")


LATIN_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")


def latin_words(page: Page, context: Context) -> Iterable[Diagnostic]:
    """A Latin word with a lower-case letter between Chinese text on both sides (``发展 and 人类``).
    Capitals and acronyms (``SCO``, ``G20``, ``5G``) are allowed."""
    for block, _, pieces in _texts(page):
        for _, text in pieces:
            for m in LATIN_WORD.finditer(text):
                word = m.group()
                if word == word.upper():
                    continue
                before = text[:m.start()].rstrip()[-1:]
                after = text[m.end():].lstrip()[:1]
                if re.match(f"[{CJK}]", before) and re.match(f"[{CJK}]", after):
                    yield _error(page, block.line, "latin-word", f"the Latin word {word!r} inside a Chinese sentence "
                                                                 f"({_context(text, m.start(), m.end())}): write it in Chinese")


SPACE = re.compile(f"(?<=[{CJK}])[ \u3000\t]+(?=[{CJK}])")
BRACKETED = re.compile(r"《[^《》]*》|（[^（）]*记者[^（）]*）")


def _title_like(text: str) -> bool:
    return len(text) <= 64 and not set(text) & set("，。；！？")


def spaces_between_han(page: Page, context: Context) -> Iterable[Diagnostic]:
    """A space between Chinese characters. Kept on purpose (not reported): in a heading or another
    title-like line (``不忘初心 砥砺前行``, ``中华人民共和国主席 习近平``), inside 《》 or a reporters'
    credit (``（记者 杨依军 冯歆然）``), and after a dateline (``新华社北京9月17日电 ``)."""
    for block, heading, pieces in _texts(page):
        if heading or _title_like(block.text):
            continue
        for _, text in pieces:
            kept = [(m.start(), m.end()) for m in BRACKETED.finditer(text)]
            for m in SPACE.finditer(text):
                if any(a < m.start() < b for a, b in kept) or text[:m.start()].endswith("电") or text.startswith("——"):
                    continue
                yield _error(page, block.line, "space", f"a space between Chinese characters "
                                                        f"({_context(text, m.start(), m.end())!r}): remove it")


MARKDOWN = [
    (re.compile(r"\*\*|__"), "bold markup"),
    (re.compile(r"(?<![A-Za-z0-9*])\*(?=\S)[^*]+(?<=\S)\*(?![A-Za-z0-9*])|(?<![A-Za-z0-9_])_(?=\S)[^_]+(?<=\S)_(?![A-Za-z0-9_])"),
     "emphasis markup"),
    (re.compile(r"`"), "a backtick"),
    (re.compile(r"\[[^\]]*\]\([^)]*\)|<https?://[^>]*>|\bhttps?://\S+"), "a link"),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--|&[a-zA-Z]+;|&#\d+;"), "HTML"),
    (re.compile(r"^(?:#{1,6}\s|>\s|[-*+]\s|\d+\.\s)"), "a Markdown block marker"),
]


def stray_markdown(page: Page, context: Context) -> Iterable[Diagnostic]:
    """Markdown or HTML that the body format does not allow and the page would show as text."""
    for block, _, pieces in _texts(page):
        for _, text in pieces:
            for pattern, what in MARKDOWN:
                for m in pattern.finditer(text):
                    yield _error(page, block.line, "markdown", f"{what} ({_context(text, m.start(), m.end())!r}): "
                                                               f"the body is plain text; remove it")


PAIRS = (("《", "》"), ("（", "）"), ("“", "”"))


def unpaired_marks(page: Page, context: Context) -> Iterable[Diagnostic]:
    """《》 and （） that do not pair up in a paragraph; “” too, unless the next paragraph opens with “
    (a quotation running over several paragraphs leaves each one open)."""
    blocks = list(page.blocks())
    for i, (block, _) in enumerate(blocks):
        text = block.text
        following = blocks[i + 1][0].text if i + 1 < len(blocks) else ""
        for opening, closing in PAIRS:
            opened, closed = text.count(opening), text.count(closing)
            if opened == closed or (opening == "“" and opened == closed + 1 and following.startswith("“")):
                continue
            yield _error(page, block.line, "unpaired", f"{opened} {opening} but {closed} {closing} in the paragraph")


def placeholder_headings(page: Page, context: Context) -> Iterable[Diagnostic]:
    """A heading left as the importer's placeholder （无标题）, or two articles with the same heading."""
    seen: dict[str, int] = {}
    for article in page.summit.articles:
        heading = article.heading
        if NO_TITLE in heading.text or not heading.text.strip("（）() "):
            yield _error(page, heading.line, "heading", f"the heading {heading.text!r} is a placeholder: write the "
                                                        f"article's headline")
        elif heading.text in seen:
            yield _error(page, heading.line, "heading", f"the heading {heading.text!r} is also the heading of the "
                                                        f"article at line {seen[heading.text]}: headings must differ")
        seen.setdefault(heading.text, heading.line)


def unknown_seeds(page: Page, context: Context) -> Iterable[Diagnostic]:
    """A source naming a seed file that is not in the seeds folder (skipped when there is no folder)."""
    if context.seeds is None:
        return
    for number, line in enumerate(page.lines, start=1):
        m = re.match(r"\s*-?\s*seed:\s*['\"]?([^'\"#]+?)['\"]?\s*(?:#.*)?$", line)
        if m and m.group(1) not in context.seeds:
            yield _error(page, number, "seed", f"no seed file {m.group(1)!r} in the seeds folder: check the name, or "
                                               f"put the raw text there")


def check_marks(page: Page, context: Context) -> Iterable[Diagnostic]:
    """A ``# CHECK`` comment left from the importer's page draft."""
    for number, line in enumerate(page.lines, start=1):
        if "# CHECK" in line:
            yield _error(page, number, "check-mark", f"a CHECK mark from the import is left: "
                                                     f"{line.split('# CHECK', 1)[1].lstrip(': ')[:100]}")


def long_paragraphs(page: Page, context: Context) -> Iterable[Diagnostic]:
    """(warning) A paragraph of ``LONG_PARAGRAPH`` characters or more: the source may have lost its breaks."""
    for block, heading in page.blocks():
        if len(block.text) >= LONG_PARAGRAPH:
            yield Diagnostic(page.path, block.line, "warning", "long-paragraph",
                             f"a paragraph of {len(block.text)} characters: did the source lose its paragraph breaks?")


Rule = Callable[[Page, Context], Iterable[Diagnostic]]

LINE_RULES: list[tuple[str, Rule]] = [
    ("seed", unknown_seeds),
    ("check-mark", check_marks),
]
RULES: list[tuple[str, Rule]] = [
    ("half-width", half_width_punctuation),
    ("full-width-digits", full_width_digits),
    ("latin-word", latin_words),
    ("space", spaces_between_han),
    ("markdown", stray_markdown),
    ("unpaired", unpaired_marks),
    ("heading", placeholder_headings),
    ("long-paragraph", long_paragraphs),
]


def unrated_sources(path: Path) -> list[Diagnostic]:
    """(warning) A glossary source written as a bare URL: give it its title, tier and quote
    (docs/content-format.md). A glossary that does not load is left to the build's own error."""
    from .glossary import load_glossary

    if not path.is_file():
        return []
    try:
        glossary = load_glossary(path)
    except ContentError:
        return []
    return [Diagnostic(str(path), term.line, "warning", "source", f"the source {s.url} of {term.headword} is a bare URL: "
                                                                  f"add its title, tier and quote")
            for term in glossary.terms for s in term.sources if not s.rated]


# --- running them ---------------------------------------------------------------------------------

def seeds_folder(root: str | Path) -> Path:
    """The seeds folder: ``$SUMMIT_SEEDS``, else ``../shared/seeds`` beside the project ``root``."""
    return Path(os.environ.get("SUMMIT_SEEDS") or Path(root).resolve().parent / "shared" / "seeds")


def lint_page(path: str | Path, context: Context, summit: Summit | None = None) -> list[Diagnostic]:
    """The diagnostics of one summit page: ``LINE_RULES``, then, once the page loads, ``RULES``.
    A page that does not load gives one error (its ContentError) and the line rules' findings."""
    path = Path(path)
    try:
        lines = read_utf8(path).split("\n")
    except ContentError as exc:
        return [Diagnostic(exc.path, exc.line, "error", "load", exc.message)]
    page = Page(str(path), None, lines)
    found: list[Diagnostic] = [d for _name, rule in LINE_RULES for d in rule(page, context)]
    try:
        page.summit = summit or load_summit(path)
    except ContentError as exc:
        return found + [Diagnostic(exc.path, exc.line, "error", "load", exc.message)]
    for _name, rule in RULES:
        found.extend(rule(page, context))
    return found


def lint(content_dir: str | Path, seeds: str | Path | None = None, summits: list[Summit] | None = None) -> Report:
    """Lint every summit page of ``content_dir`` → Report (diagnostics in file and line order, notes).

    ``seeds``: the seeds folder (default ``seeds_folder`` of the project); ``summits``: pages already
    loaded (by path), so a build does not load them twice. Never raises for bad content: a page that
    does not load is an error diagnostic.
    """
    content_dir = Path(content_dir)
    folder = Path(seeds) if seeds is not None else seeds_folder(content_dir.parent)
    report = Report()
    names = {p.name for p in folder.iterdir() if p.is_file()} if folder.is_dir() else None
    if names is None:
        report.notes.append(f"no seeds folder at {folder}: the seed names in 'sources' were not checked")
    loaded = {str(Path(s.path)): s for s in summits or []}
    context = Context(names)
    for path in sorted(Path(content_dir, "summits").glob("*.md")):
        report.diagnostics.extend(lint_page(path, context, loaded.get(str(path))))
    report.diagnostics.extend(unrated_sources(content_dir / "glossary.yml"))
    report.diagnostics.sort(key=lambda d: (d.path, d.line or 0))
    return report


class LintError(ContentError):
    """The linter found errors: ``str()`` lists every one, ``file:line: message``, one a line."""

    def __init__(self, errors: list[Diagnostic]):
        self.diagnostics = errors
        first = errors[0]
        more = "".join(f"\n{d}" for d in errors[1:])
        super().__init__(first.path, first.line, f"{first.message} [{first.rule}]{more}")
