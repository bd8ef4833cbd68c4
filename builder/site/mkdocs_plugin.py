"""A MkDocs plugin that passes the builder's pre-rendered pages through without re-parsing them.

Each generated page is front matter plus one raw HTML block (``<div class="sr-page …">``).
Python-Markdown would parse that block with ``html.parser`` only to emit it unchanged, which took
most of a rebuild (0.7 s of 1.9 s for the three summit pages). This plugin sets the block aside in
``on_page_markdown`` and puts it back in ``on_page_content``: the HTML is byte for byte what the
builder wrote. Without the plugin (another theme stage), the same pages render the same, slower.
It also gives the theme's Jinja2 environment a bytecode cache in ``.cache/jinja``, makes the 404 page
of a build without ``site_url`` link relatively (so a local build works under any sub-path), and
removes the theme files no page loads (Material's lunr search, its worker and source maps: 2.2 MB;
the site has no Material search).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.plugins import BasePlugin

MARK = '<div class="sr-page'
PLACEHOLDER = "SUMMIT-READER-PAGE-PLACEHOLDER"
#: Theme files that no page of this site loads (paths under site_dir; folders or glob patterns).
UNUSED_THEME_FILES = ("assets/javascripts/lunr", "assets/javascripts/workers", "assets/**/*.map")


class RawPagesPlugin(BasePlugin):
    def __init__(self):
        self._held: dict[str, str] = {}

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

    def on_post_build(self, config):
        """Remove the theme's files that no page uses, so site/ holds only what is served."""
        site = Path(config.site_dir)
        for pattern in UNUSED_THEME_FILES:
            for path in site.glob(pattern):
                if path.is_dir():
                    shutil.rmtree(path)
                else:
                    path.unlink()

    def on_page_markdown(self, markdown, page, config, files):
        if markdown.lstrip().startswith(MARK):
            self._held[page.file.src_uri] = markdown
            return PLACEHOLDER
        return markdown

    def on_page_content(self, html, page, config, files):
        held = self._held.pop(page.file.src_uri, None)
        if held is None:
            return html
        return html.replace(f"<p>{PLACEHOLDER}</p>", held, 1)


def bytecode_cache(folder: Path) -> FileSystemBytecodeCache | None:
    """A Jinja2 bytecode cache in ``folder`` (keyed by template source), or None if it cannot be made."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))
