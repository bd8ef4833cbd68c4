"""Live preview: build, serve ``site/`` on localhost, rebuild on every change, reload the browser.

``summit-reader serve`` (or ``python -m builder serve``) is the maintainer's loop: edit
``content/``, ``templates/`` or ``mkdocs.yml``, save, and the open page reloads with the change.
It uses MkDocs' own live-reload server (``mkdocs.livereload.LiveReloadServer``, the one behind
``mkdocs serve``): it watches the folders, runs our build on a change, and makes every open page
reload once the build has finished. Our build is the builder's (``builder.site.build.build_site``),
so a rebuild re-annotates only the paragraphs that changed (the annotation cache).

A failed build never stops the preview: the previous site stays in place (the build swaps nothing in
on error) and keeps being served, the error (``file:line: message``) is printed in the terminal, and
every served page shows it in a banner at the top until a build succeeds again.
"""

from __future__ import annotations

import html
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from ..errors import ContentError

log = logging.getLogger("builder")

BANNER_STYLE = (
    "position:sticky;top:0;z-index:1000;margin:0;padding:.8em 1em;background:#b00020;color:#fff;"
    "font:14px/1.45 system-ui,sans-serif;white-space:pre-wrap;overflow-wrap:anywhere"
)


def error_banner(message: str) -> bytes:
    """The HTML of the banner that shows a failed build on every served page (``message`` escaped)."""
    text = html.escape(f"The last build failed; this is the previous site.\n{message}")
    return f'<div id="sr-build-error" role="alert" style="{BANNER_STYLE}">{text}</div>'.encode()


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server that also shows the last build error on every page it serves.

    ``builder()`` must return ``None`` on success or the error message (a string) on failure; it is
    never allowed to raise, so the server's build loop always moves on and reloads the browsers.
    """

    def __init__(self, builder: Callable[[], str | None], **kwargs):
        self.last_error: str | None = None
        self._lock = threading.Lock()

        def run() -> None:
            error = builder()
            with self._lock:
                self.last_error = error

        super().__init__(builder=run, **kwargs)
        self.error_handler = self._error_page

    def _inject_js_into_html(self, content: bytes, epoch) -> bytes:
        content = super()._inject_js_into_html(content, epoch)
        with self._lock:
            error = self.last_error
        if error is None:
            return content
        at = content.find(b"<body")
        at = content.find(b">", at) + 1 if at >= 0 else 0
        return content[:at] + error_banner(error) + content[at:]

    def _error_page(self, code: int) -> bytes | None:
        with self._lock:
            error = self.last_error
        if error is None:
            return None
        return b"<!doctype html><title>Build failed</title><body>" + error_banner(error) + b"</body>"


def preview_builder(build: Callable[[], object]) -> Callable[[], str | None]:
    """Wrap ``build`` for the server: ``None`` when it succeeds, the message a reader needs when not.

    Content errors read ``file:line: message``; any other exception is logged with its traceback
    (a bug in the builder, not in the content) and reported by its type and message.
    """
    from .build import BuildError

    def run() -> str | None:
        try:
            build()
        except (ContentError, BuildError) as exc:
            message = str(exc)
        except Exception as exc:  # a builder bug must not end the preview
            log.exception("the build crashed")
            message = f"{type(exc).__name__}: {exc}"
        else:
            log.info("built; reloading the browsers")
            return None
        log.error("%s\nThe previous site is still being served.", message)
        return message

    return run


def serve(root: Path, site_dir: Path, host: str = "127.0.0.1", port: int = 8000,
          build: Callable[[], object] | None = None, open_browser: bool = False,
          ready: Callable[[str], None] | None = None) -> None:
    """Build once, then serve ``site_dir`` at ``http://host:port/`` until interrupted.

    Watches ``root/content``, ``root/templates`` and ``root/mkdocs.yml``; each change runs ``build``
    (default: the full build of ``root`` into ``site_dir``) and reloads the open pages. ``port=0``
    picks a free port. ``ready(url)`` is called once the server listens. The site's URL is set as
    ``SITE_URL`` for the builds (canonical links and the sitemap of the preview), unless the
    environment sets one. Raises OSError when the port cannot be bound.
    """
    from .build import Project, build_site

    project = Project(root)
    if build is None:
        def build():
            return build_site(project, site_dir)

    server = PreviewServer(preview_builder(build), host=host, port=port, root=str(site_dir))
    server.server_bind()  # bind now: port 0 becomes a real port, known before the first build
    bound_port = server.server_address[1]
    url = f"http://{host}:{bound_port}/"
    if not os.environ.get("SITE_URL"):
        os.environ["SITE_URL"] = url
    server.url = url
    server.server_bind = lambda: None  # serve() binds again otherwise
    server.builder()  # the first build; an error is shown, not fatal
    for path in (project.content, project.templates, project.config):
        if path.exists():
            server.watch(str(path))
    if ready:
        ready(url)
    try:
        server.serve(open_in_browser=open_browser)
    except KeyboardInterrupt:
        log.info("stopping the preview")
    finally:
        server.shutdown()
