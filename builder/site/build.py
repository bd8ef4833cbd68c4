"""The build: content/ → annotated pages → MkDocs (Material) → site/, all or nothing.

Steps (the builder's own events, in order): load content, annotate every paragraph, render the
pages, write them with the assets into a fresh temporary docs folder, let MkDocs build that folder
in strict mode into a temporary site folder, then swap both into place. Any error before the swap
leaves the previous ``site/`` (and ``build/docs``) exactly as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .cache import AnnotationCache
from ..content.glossary import load_glossary
from ..content.lexicon import load_lexicon
from ..content.summits import load_summits
from .pages import Site
from ..text.pipeline import Pipeline
from .render import Renderer
from ..text.resources import Resources
from ..content.translations import check_glossary_terms, check_translation_files, load_translation
from .words import WordData

log = logging.getLogger("builder")


class BuildError(Exception):
    """The theme stage (MkDocs) failed; the message says why. The previous site is kept."""


@dataclass
class Project:
    """Where things are: the project root holds mkdocs.yml, content/, templates/."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def docs(self) -> Path:
        return self.root / "build" / "docs"


def annotate_all(summits, pipeline: Pipeline, cache: AnnotationCache | None = None) -> None:
    """Fill ``tokens`` of every heading and paragraph of every summit page (from ``cache`` when it has them)."""
    for summit in summits:
        for paragraph in summit.paragraphs():
            tokens = cache.get(paragraph.text) if cache else None
            if tokens is None:
                tokens = pipeline.annotate(paragraph.text)
                if cache:
                    cache.put(paragraph.text, tokens)
            paragraph.tokens = tokens
    if cache:
        cache.save()


def load_resources(content: Path, allow_empty: bool = False) -> Resources:
    """Glossary and reading lexicon of ``content`` (each file checked by ``builder.content.files``)."""
    return Resources(load_glossary(content / "glossary.yml", content),
                     load_lexicon(content / "readings.tsv", allow_empty=allow_empty, root=content))


def render_site(project: Project, allow_empty: bool = False) -> Site:
    """Load and annotate ``content/`` → Site (its ``pages()`` and ``nav()``). Raises ContentError.

    ``allow_empty``: build even with no summit page or no reading lexicon (otherwise an error).
    """
    resources = load_resources(project.content, allow_empty)
    summits = load_summits(project.content, allow_empty=allow_empty)
    for summit in summits:
        load_translation(project.content, summit)
    check_translation_files(project.content, summits)
    annotate_all(summits, Pipeline(resources), AnnotationCache(project.root / ".cache", project.content))
    for summit in summits:
        for m in check_glossary_terms(project.content, summit, resources.glossary):
            log.warning("%s: paragraph %s: the glossary's English for %s (%s) is not in the translation",
                        m.path, m.where, m.term.headword, m.term.english)
    return Site(summits, resources.glossary, Renderer(project.templates, project.root / ".cache" / "jinja"),
                WordData(lambda: resources.dictionary))


def write_docs(pages: dict[str, str], assets: Path, target: Path, generated: dict[str, str] | None = None) -> None:
    """Write the pages, the static assets (``templates/assets``) and generated assets into ``target``."""
    target.mkdir(parents=True)
    for name, text in pages.items():
        (target / name).write_text(text, encoding="utf-8")
    shutil.copytree(assets, target / "assets")
    for name, text in (generated or {}).items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(text, encoding="utf-8")


def _swap(new: Path, current: Path) -> None:
    """Replace ``current`` by ``new`` with two renames; the old tree is removed afterwards."""
    old = current.with_name(current.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if current.exists():
        os.replace(current, old)
    os.replace(new, current)
    if old.exists():
        shutil.rmtree(old)


def run_mkdocs(config: Path, docs: Path, site: Path, nav: list) -> None:
    """MkDocs build of ``docs`` into ``site`` with ``nav``, strict: any warning aborts. Raises BuildError."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        cfg = load_config(str(config), docs_dir=str(docs), site_dir=str(site), strict=True, nav=nav)
        build(cfg)
    except MkDocsException as exc:
        raise BuildError(f"MkDocs: {exc}") from None
    except SystemExit as exc:  # mkdocs' Abort is a SystemExit subclass in some versions
        raise BuildError(f"MkDocs aborted: {exc}") from None


def build_site(project: Project, site_dir: Path, allow_empty: bool = False) -> dict[str, str]:
    """Build the whole site into ``site_dir``. Returns the pages written. Raises ContentError or BuildError.

    Nothing is written before the content has loaded and annotated without error; the new docs and
    site are built in temporary folders beside their targets and only then renamed into place.
    """
    site = render_site(project, allow_empty)
    pages = site.pages()
    site_dir = site_dir.resolve()
    for folder in (project.docs.parent, site_dir.parent):
        folder.mkdir(parents=True, exist_ok=True)
    work_docs = Path(tempfile.mkdtemp(prefix=f".{project.docs.name}.tmp-", dir=project.docs.parent))
    work_site = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.tmp-", dir=site_dir.parent))
    try:
        write_docs(pages, project.templates / "assets", work_docs / "docs", site.assets())
        run_mkdocs(project.config, work_docs / "docs", work_site / "site", site.nav())
        _swap(work_site / "site", site_dir)
        _swap(work_docs / "docs", project.docs)
    finally:
        shutil.rmtree(work_docs, ignore_errors=True)
        shutil.rmtree(work_site, ignore_errors=True)
    return pages
