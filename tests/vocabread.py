"""Read built vocabulary pages and summit pages as a learner's tools would (stdlib html.parser only):
the rows of a vocabulary table, and the words a summit page prints (ruby pairs outside terms, terms)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col"}


@dataclass
class Node:
    tag: str
    attrs: dict
    children: list = field(default_factory=list)
    parent: "Node | None" = None

    def text(self, skip: tuple[str, ...] = ()) -> str:
        return "".join(c if isinstance(c, str) else "" if c.tag in skip else c.text(skip) for c in self.children)

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def elements(self) -> list["Node"]:
        return [c for c in self.children if isinstance(c, Node)]


class _Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), parent=self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html: str) -> Node:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree.root


@dataclass
class Row:
    """One row of a vocabulary table, as shown."""

    order: int
    headword: str
    reading: str
    term: str | None      # the glossary id its "glossary" link names, for a term
    meaning: str          # the meaning cell's text before the first occurrence
    href: str             # the first occurrence's link
    marked: str           # the text marked in the first occurrence's sentence
    level: str            # the HSK cell: "1" … "6", "7-9" or "beyond"
    count: int
    level_rank: int       # data-level


def vocabulary_rows(path: Path) -> list[Row]:
    """Every word row of the page's ``table.sr-vocab-table``, in page order."""
    rows = []
    for tr in parse(path.read_text(encoding="utf-8")).iter():
        if tr.tag != "tr" or "data-level" not in tr.attrs:
            continue
        order, word, meaning, level, count = [c for c in tr.elements() if c.tag == "td"]
        spans = [e for e in word.elements() if e.tag == "span"]
        glossary = [e.attrs["href"] for e in word.elements() if e.tag == "a"]
        links = [e for e in meaning.elements() if e.tag == "a"]
        marks = [m.text() for a in links for m in a.iter() if m.tag == "mark"]
        shown = "".join(c if isinstance(c, str) else c.text() for c in meaning.children
                        if isinstance(c, str) or c.tag != "a").strip()
        rows.append(Row(int(order.text()), spans[0].text(), spans[1].text(),
                        glossary[0].rsplit("/", 1)[1].removesuffix(".html") if glossary else None,
                        shown, links[0].attrs["href"] if links else "", marks[0] if marks else "",
                        level.text(), int(count.text()), int(tr.attrs["data-level"])))
    return rows


@dataclass
class SummitWords:
    """What a summit page prints: each ruby pair outside a term (base, reading) and each term (by id),
    counted, with the block (anchor) and the term anchor of the first occurrence."""

    words: Counter = field(default_factory=Counter)
    terms: Counter = field(default_factory=Counter)
    first_block: dict = field(default_factory=dict)
    first_term_anchor: dict = field(default_factory=dict)
    first_term_block: dict = field(default_factory=dict)


def summit_words(path: Path) -> SummitWords:
    found = SummitWords()
    root = parse(path.read_text(encoding="utf-8"))
    for article in root.iter():
        if article.tag != "article" or "sr-article" not in article.classes():
            continue
        for block in article.iter():
            if block.tag not in ("p", "h2") or "id" not in block.attrs:
                continue
            _walk(block, block.attrs["id"], found)
    return found


def _walk(node: Node, block: str, found: SummitWords) -> None:
    for child in node.elements():
        if child.tag == "span" and "term" in child.classes():
            term = child.attrs["data-term"]
            found.terms[term] += 1
            found.first_term_anchor.setdefault(term, child.attrs["id"])
            found.first_term_block.setdefault(term, block)
        elif child.tag == "ruby":
            key = (child.text(skip=("rt", "rp")), "".join(e.text() for e in child.elements() if e.tag == "rt"))
            found.words[key] += 1
            found.first_block.setdefault(key, block)
        else:
            _walk(child, block, found)
