"""Page weight: what the annotation costs a reader's download, per summit page.

    .venv/bin/python -m builder build            # first: the built site in site/
    .venv/bin/python benchmarks/page_weight.py [--site site] [--level 6] [--json]

For every ``summit-*.html`` in the built site this prints the gzip weight of what a browser fetches
to show the page (each file compressed on its own, as an HTTP server would, gzip level 6):

- **HTML**: the page itself;
- **CSS**: every ``<link rel="stylesheet">``;
- **JS**: every ``<script src>``, plus Material's search worker (named in the page's ``__config``);
- **data**: files the page loads as data: Material's ``search/search_index.json`` (fetched by the
  worker on every page), every local file named by a ``data-*`` attribute (the per-page word data
  ``data-words="assets/words/summit-21.js"`` that the popups load on first use) and any other
  local ``.json`` named in an attribute.

beside the same figures for a **plain page of the same text**: the built page itself with its
annotation taken out (``<rt>``/``<rp>`` readings removed, ``<ruby>`` and term ``<span>``s unwrapped
to their text, the ``role="tooltip"`` bubbles and the reading controls removed, the project's own
CSS/JS — the top-level ``assets/*.css`` and ``assets/*.js`` that ``mkdocs.yml`` adds as extra_css/
extra_javascript — and its data files dropped), so the plain page keeps the same Material shell,
navigation, English translations and notes. The ratio is annotated ÷ plain.

The word data is counted as loaded: a reader who opens one popup downloads it.

The search index is the same file for both (it is site-wide), so it is counted in both totals.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]

#: Elements removed with everything inside them in the plain page.
REMOVE_TAGS = {"rt", "rp"}
#: Elements unwrapped (tag dropped, content kept) in the plain page.
UNWRAP_TAGS = {"ruby", "rb"}
#: Classes of the reader's own controls (pinyin/tone/size options, the keyboard hint): removed.
REMOVE_CLASSES = {"sr-controls", "sr-hint"}
#: Classes that mark annotation elements: unwrapped in the plain page.
ANNOTATION_CLASSES = {"term", "word", "w"}
#: The project's own assets (reader.css, reader.js, words.js …: there only for the annotation),
#: dropped in the plain page. Material's own live in assets/stylesheets/ and assets/javascripts/.
READER_ASSET_RE = re.compile(r"^(\./)?assets/[^/]+\.(css|js)$")

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """Collects a page's assets and, with ``plain=True``, writes the page without annotation."""

    def __init__(self, plain: bool):
        super().__init__(convert_charrefs=False)
        self.plain = plain
        self.out: list[str] = []
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []
        self.data: list[str] = []
        self.config: str | None = None
        self._in_config = False
        self._skip_depth = 0  # > 0 while inside a removed element
        self._stack: list[tuple[str, str]] = []  # (tag, "keep" | "unwrap" | "remove")

    # -- classification -------------------------------------------------------------------------
    def _action(self, tag: str, attrs: dict[str, str | None]) -> str:
        if not self.plain:
            return "keep"
        classes = set((attrs.get("class") or "").split())
        if tag in REMOVE_TAGS or attrs.get("role") == "tooltip" or classes & REMOVE_CLASSES:
            return "remove"
        if tag == "link" and READER_ASSET_RE.search(attrs.get("href") or ""):
            return "remove"
        if tag == "script" and READER_ASSET_RE.search(attrs.get("src") or ""):
            return "remove"
        if tag in UNWRAP_TAGS or (tag == "span" and classes & ANNOTATION_CLASSES):
            return "unwrap"
        return "keep"

    def _collect(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split() and attrs.get("href"):
            self.stylesheets.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
        elif tag == "script" and attrs.get("id") == "__config":
            self._in_config = True
        for name, value in attrs.items():
            if self.plain:
                break  # nothing in the plain page loads the reader's data files
            if not value or urlsplit(value).scheme or value.startswith(("#", "//")):
                continue
            if (name.startswith("data-") and "/" in value) or (name != "href" and value.endswith(".json")):
                self.data.append(value)

    # -- parser events --------------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        action = "remove" if self._skip_depth else self._action(tag, a)
        if action == "remove":
            if tag not in VOID:
                self._skip_depth += 1
                self._stack.append((tag, "remove"))
            return
        self._collect(tag, a)
        if action == "keep":
            self.out.append(self.get_starttag_text())
        if tag not in VOID:
            self._stack.append((tag, action))

    def handle_startendtag(self, tag, attrs):
        if self._skip_depth or self._action(tag, dict(attrs)) == "remove":
            return
        self._collect(tag, dict(attrs))
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        # pop to the matching open element (tolerates the odd unclosed <p>/<li>)
        while self._stack:
            open_tag, action = self._stack.pop()
            if action == "remove":
                self._skip_depth -= 1
            if open_tag == tag:
                break
        else:
            action = "keep"
        if tag == "script":
            self._in_config = False
        if action == "keep" and not self._skip_depth:
            self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if self._in_config:
            self.config = (self.config or "") + data
        if not self._skip_depth:
            self.out.append(data)

    def handle_entityref(self, name):
        if not self._skip_depth:
            self.out.append(f"&{name};")

    def handle_charref(self, name):
        if not self._skip_depth:
            self.out.append(f"&#{name};")

    def handle_comment(self, data):
        if not self._skip_depth:
            self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def html(self) -> str:
        return "".join(self.out)


def gz(data: bytes, level: int) -> int:
    return len(gzip.compress(data, compresslevel=level, mtime=0))


def local(site: Path, page: Path, ref: str) -> Path | None:
    path = urlsplit(ref).path
    if not path or urlsplit(ref).scheme or ref.startswith("//"):
        return None
    target = (page.parent / path).resolve()
    return target if target.is_file() and site.resolve() in target.parents else None


def weigh(site: Path, page: Path, html: str, parsed: Page, level: int) -> dict:
    """Gzip weight of the page and everything it loads, by kind."""
    kinds: dict[str, list[str]] = {"css": parsed.stylesheets, "js": list(parsed.scripts), "data": list(parsed.data)}
    if parsed.config:
        try:
            config = json.loads(parsed.config)
        except ValueError:
            config = {}
        if config.get("search"):
            kinds["js"].append(config["search"])
            kinds["data"].append("search/search_index.json")
    out = {"html": gz(html.encode("utf-8"), level), "raw_html": len(html.encode("utf-8")), "files": {}}
    for kind, refs in kinds.items():
        total = 0
        for ref in dict.fromkeys(refs):
            target = local(site, page, ref)
            if target is None:
                continue
            size = gz(target.read_bytes(), level)
            out["files"][ref] = size
            total += size
        out[kind] = total
    out["total"] = out["html"] + out["css"] + out["js"] + out["data"]
    out["search"] = out["files"].get("search/search_index.json", 0)
    return out


def measure(site: Path, level: int = 6) -> list[dict]:
    rows = []
    for page in sorted(site.glob("summit-*.html"), key=lambda p: [int(n) if n.isdigit() else n for n in re.split(r"(\d+)", p.name)]):
        text = page.read_text(encoding="utf-8")
        annotated = Page(plain=False)
        annotated.feed(text)
        annotated.close()
        plain = Page(plain=True)
        plain.feed(text)
        plain.close()
        plain_html = plain.html()
        leftover = re.search(r"<rt\b|<ruby\b|role=\"tooltip\"", plain_html)
        if leftover:
            raise SystemExit(f"{page.name}: the plain page still has annotation ({leftover.group()})")
        rows.append({
            "page": page.name,
            "annotated": weigh(site, page, text, annotated, level),
            "plain": weigh(site, page, plain_html, plain, level),
        })
    return rows


def kb(n: int) -> str:
    return f"{n / 1024:7.1f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    ap.add_argument("--level", type=int, default=6, help="gzip level (default 6, a common server setting)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"no built site in {args.site}: run `.venv/bin/python -m builder build` first", file=sys.stderr)
        return 2
    rows = measure(args.site, args.level)
    if not rows:
        print(f"no summit-*.html in {args.site}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"gzip -{args.level} weight in KiB (each file compressed on its own); plain = same page and shell without annotation;")
    print("-search = total without Material's site-wide search index (the same file for both)")
    head = f"{'page':16} {'':9} {'HTML':>7} {'CSS':>7} {'JS':>7} {'data':>7} {'total':>7} {'-search':>8}   {'HTML raw':>8}"
    print(head)
    print("-" * len(head))
    for row in rows:
        for label in ("annotated", "plain"):
            w = row[label]
            name = row["page"] if label == "annotated" else ""
            print(f"{name:16} {label:9} {kb(w['html'])} {kb(w['css'])} {kb(w['js'])} {kb(w['data'])} {kb(w['total'])}  {kb(w['total'] - w['search'])}   {kb(w['raw_html'])}")
        a, p = row["annotated"], row["plain"]
        own = (a["total"] - a["search"]) / (p["total"] - p["search"])
        print(f"{'':16} {'ratio':9} {a['html'] / p['html']:7.2f} {a['css'] / p['css']:7.2f} {a['js'] / p['js']:7.2f} {'':7} {a['total'] / p['total']:7.2f} {own:8.2f}   {a['raw_html'] / p['raw_html']:8.2f}")
    print()
    files = rows[0]["annotated"]["files"]
    print("files loaded by " + rows[0]["page"] + " (gzip KiB): " + ", ".join(f"{k} {v / 1024:.1f}" for k, v in files.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
