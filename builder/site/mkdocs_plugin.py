"""A MkDocs plugin that passes the builder's pre-rendered pages through without re-parsing them.

Each generated page is front matter plus one raw HTML block (``<div class="sr-page …">``).
Python-Markdown would parse that block with ``html.parser`` only to emit it unchanged, which took
most of a rebuild (0.7 s of 1.9 s for the three summit pages). This plugin gives Markdown a
placeholder instead in ``on_page_markdown`` and puts the block back in ``on_post_page``, read again
from the page's file (MkDocs reads every page before it renders the first: holding the blocks took
700 MB at 1,000 summit pages, compressing them a fifth of the theme stage): the HTML is byte for
byte what the builder wrote. Without the plugin (another theme stage), the same pages render the same, slower.
It also gives the theme's Jinja2 environment a bytecode cache in ``.cache/jinja``, makes the 404 page
of a build without ``site_url`` link relatively (so a local build works under any sub-path), and
leaves out the theme files no page loads (Material's lunr search, its worker and source maps: 2.2 MB;
the site has no Material search).

**Incremental theme stage.** The builder runs MkDocs as a *dirty* build with a ``ThemePlan``: in
``on_files`` every file of the site gets a key — a page: its Markdown's content digest and the
``theme`` digest (mkdocs.yml, overrides, nav, site address, versions); any other file: its content
digest — and a file whose key equals the previous version's is hard-linked from it and marked
unmodified, so MkDocs neither reads, renders nor copies it. A new file of the docs folder that is not
a page (word data, search shards, downloads: the builder wrote it for this build and never writes a
file in place) is hard-linked from there instead of copied. The others are rendered as usual. A page's
frame depends on nothing else (the nav holds fixed entries; sitemap.xml and 404.html are rendered on
every run), so the result is byte-identical to a full build. Without a plan (``mkdocs build`` or
``mkdocs serve`` on build/docs) everything is built as MkDocs always does.

**On several cores.** A plan may be one ``part`` of ``n``: the files to frame are dealt out among n
MkDocs runs (``builder.site.build.run_mkdocs`` forks them), each one's k-th page or other file going to
run k mod n; a run frames only its own and leaves the others alone (as if unchanged), and only run 0
renders the theme's static templates (404.html, sitemap.xml). Each run still keys every file, so
``site`` is complete in each.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

MARK = '<div class="sr-page'
PLACEHOLDER = "SUMMIT-READER-PAGE-PLACEHOLDER"
#: Theme files that no page of this site loads: folders (their files) and a file suffix, under site_dir.
UNUSED_THEME_FOLDERS = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
UNUSED_THEME_SUFFIX = ".map"


def unused(dest_uri: str) -> bool:
    """Whether a theme file is one no page loads (``UNUSED_THEME_FOLDERS``, source maps under assets/)."""
    return dest_uri.startswith(UNUSED_THEME_FOLDERS) or (dest_uri.startswith("assets/") and dest_uri.endswith(UNUSED_THEME_SUFFIX))


@dataclass
class ThemePlan:
    """What the theme stage may skip (see the module).

    ``theme``: the digest every page's frame depends on; ``docs``: the build's docs files →
    ``[inputs, content digest]`` (``builder.site.outputs.Manifest.docs``); ``previous``: the previous
    site version (None: build everything); ``before``: its files → keys. Filled by the run: ``site``
    (every file → its key) and ``framed`` (how many files were rendered or copied)."""

    theme: str
    docs: dict[str, list[str]]
    previous: Path | None = None
    before: dict[str, str] = field(default_factory=dict)
    site: dict[str, str] = field(default_factory=dict)
    framed: int = 0
    on_page: Callable[[int], object] | None = None  # told of each page the theme renders (progress)
    part: tuple[int, int] = (0, 1)  # this run's share of the files to frame: (k, n) (see the module)

    def to_frame(self) -> int:
        """How many of the docs pages this plan will frame (their key differs from the previous version's)."""
        from .outputs import digest

        return sum(1 for name, (_inputs, sha) in self.docs.items()
                   if name.endswith(".md") and self.before.get(name[:-3] + ".html") != digest("page", self.theme, sha))

    def key(self, file) -> str:
        from .outputs import digest, file_digest

        known = self.docs.get(file.src_uri)
        if file.is_documentation_page():
            return digest("page", self.theme, known[1] if known else file_digest(Path(file.abs_src_path)))
        return known[1] if known else file_digest(Path(file.abs_src_path))

    def place(self, file, site_dir: Path, docs_dir: Path) -> bool:
        """Hard-link a file of the docs folder that is not a page into ``site_dir`` (instead of MkDocs
        copying it); False when it is a page, not in ``docs_dir``, or cannot be linked (then MkDocs copies it)."""
        if file.is_documentation_page() or file.abs_src_path is None:
            return False
        source = Path(file.abs_src_path)
        if not source.is_relative_to(docs_dir):
            return False
        target = site_dir / file.dest_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            return False
        return True

    def reuse(self, file, site_dir: Path) -> bool:
        """Whether ``file`` is unchanged; if so it is linked from the previous version into ``site_dir``."""
        key = self.site[file.dest_uri] = self.key(file)
        if self.previous is None or self.before.get(file.dest_uri) != key:
            return False
        target = site_dir / file.dest_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(self.previous / file.dest_uri, target)
        except OSError:
            return False
        return True


class RawPagesPlugin(BasePlugin):
    def __init__(self):
        self._held: dict[str, tuple[int, bool]] = {}  # page → (length of its HTML block, whether it has <h1)
        self.plan: ThemePlan | None = None

    def on_files(self, files, config):
        """Leave out the theme files no page loads; with a plan, link the unchanged files from the
        previous version and mark them unmodified (a dirty build then skips them)."""
        for file in [f for f in files if unused(f.dest_uri)]:
            files.remove(file)
        if self.plan is None:
            return files
        site, docs = Path(config.site_dir), Path(config.docs_dir)
        part, parts = self.plan.part
        if part:
            config.theme.static_templates.clear()  # run 0 renders them
        dealt = [0, 0]  # pages, other files seen so far: dealt out in turn among the runs
        for file in files:
            kind = 0 if file.is_documentation_page() else 1
            mine, dealt[kind] = dealt[kind] % parts == part, dealt[kind] + 1
            if not mine:
                self.plan.site[file.dest_uri] = self.plan.key(file)
                file.is_modified = lambda: False  # another run frames, copies or links it
                continue
            same = self.plan.reuse(file, site)
            placed = not same and self.plan.place(file, site, docs)
            file.is_modified = (lambda: False) if same or placed else (lambda: True)
            self.plan.framed += not same
        return files

    def on_nav(self, nav, config, files):
        """Read the front matter of the nav's pages that a dirty build skips: the theme prints parts of a
        nav entry's metadata (Material: icon, status) in every page's navigation."""
        if self.plan is not None:
            for page in nav.pages:
                if not page.file.is_modified() and page.markdown is None:
                    page.read_source(config)
        return nav

    def on_env(self, env, config, files):
        """Keep the theme's compiled templates between builds (0.5 s of a rebuild otherwise)."""
        env.bytecode_cache = bytecode_cache(Path(config.config_file_path).parent / ".cache" / "jinja")
        return env

    def on_template_context(self, context, template_name, config):
        """The 404 page links to assets from the server root (``/assets/…``) unless site_url says where
        the site lives. Without site_url, link relatively, as every other page does: the site then
        works under any path (a GitHub Pages project site, a sub-folder), its 404 page included."""
        if template_name == "404.html" and not config.site_url:
            from mkdocs.commands.build import get_context

            return get_context(context["nav"], context["pages"], config, base_url=".")
        return context

    def on_page_markdown(self, markdown, page, config, files):
        """Give Markdown a placeholder for a generated page's HTML block; note the block's length (it is
        the end of the page's file: ``on_post_page`` reads it back from there)."""
        if markdown.lstrip().startswith(MARK):
            self._held[page.file.src_uri] = (len(markdown), "<h1" in markdown)
            return PLACEHOLDER
        return markdown

    def on_page_content(self, html, page, config, files):
        """The page's content until it is framed: the placeholder, and a comment holding ``<h1`` when the
        block has one (the theme prints the page title as a heading only when the content has none)."""
        held = self._held.get(page.file.src_uri)
        return html if held is None else _standin(held[1])

    def on_post_page(self, output, page, config):
        """Put the page's HTML block back in place of its stand-in, once the theme has framed it."""
        held = self._held.pop(page.file.src_uri, None)
        if held is not None:
            output = output.replace(_standin(held[1]), _block(page, held[0]), 1)
        if self.plan is not None and self.plan.on_page is not None:
            self.plan.on_page(1)
        return output


def _block(page, length: int) -> str:
    """The HTML block of ``page``: the last ``length`` characters of its file, read as MkDocs read it
    (``File.content_string``; the block follows the front matter). Raises PluginError if the file no
    longer ends in a block of that length (it changed while the theme stage ran)."""
    block = page.file.content_string[-length:]
    if len(block) != length or not block.lstrip().startswith(MARK):
        raise PluginError(f"{page.file.src_uri} changed while the theme stage was framing it: build again")
    return block


def _standin(has_h1: bool) -> str:
    return f"<p>{PLACEHOLDER}</p>" + ("<!--<h1-->" if has_h1 else "")


def bytecode_cache(folder: Path) -> FileSystemBytecodeCache | None:
    """A Jinja2 bytecode cache in ``folder`` (keyed by template source), or None if it cannot be made."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))
