"""Read built pages the way a reader's copy-paste and a checker would (stdlib html.parser only)."""

from __future__ import annotations

from html.parser import HTMLParser

VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}


class Blocks(HTMLParser):
    """Collect, for every element with an id and tag p/h2, its visible text without ruby readings,
    editorial gap marks or note references (``text``), and its ruby pairs (``rubies``: base, reading).
    Also collects every id on the page and every href."""

    SKIP_CLASSES = {"gap", "note-ref"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.blocks: dict[str, dict] = {}
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self._block: str | None = None
        self._skip = 0
        self._ruby: list[str] | None = None
        self._rt: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if "href" in a:
            self.hrefs.append(a["href"])
        if tag in VOID:
            return
        self.stack.append((tag, a))
        classes = set((a.get("class") or "").split())
        if tag in ("p", "h2") and "id" in a and self._block is None:
            self._block = a["id"]
            self.blocks[self._block] = {"tag": tag, "text": "", "rubies": [], "class": a.get("class", "")}
        if self._skip or tag in ("rp",) or classes & self.SKIP_CLASSES:
            self._skip += 1
        elif tag == "rt":
            self._rt = []
            self._skip += 1
        elif tag == "ruby":
            self._ruby = []

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack:
            open_tag, a = self.stack.pop()
            classes = set((a.get("class") or "").split())
            if open_tag == "rt" and self._rt is not None:
                self._reading = "".join(self._rt)
                self._rt = None
            if self._skip:
                self._skip -= 1
            if open_tag == "ruby" and self._ruby is not None and self._block:
                self.blocks[self._block]["rubies"].append(("".join(self._ruby), getattr(self, "_reading", "")))
                self._ruby = None
            if open_tag in ("p", "h2") and a.get("id") == self._block:
                self._block = None
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._rt is not None:
            self._rt.append(data)
            return
        if self._skip or self._block is None:
            return
        self.blocks[self._block]["text"] += data
        if self._ruby is not None:
            self._ruby.append(data)


def read_page(path) -> Blocks:
    parser = Blocks()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser
