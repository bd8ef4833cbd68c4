"""The build: content/ → annotated pages → MkDocs (Material) → site/, all or nothing.

Steps (the builder's own events, in order): take the project's build lock, clear what killed builds
left behind, load content, annotate every paragraph, render the pages, write them with the assets
into a fresh temporary docs folder, let MkDocs build that folder in strict mode into a new version of
the site, then publish it. Any error before publishing leaves the previous ``site/`` (and
``build/docs``) exactly as it was.

How ``site/`` is published (no moment without a site): ``site`` is a symlink to a complete version
in the hidden folder ``.site.versions/`` beside it. A build writes a new version there, makes a new
symlink beside ``site`` and renames it over ``site`` (``os.replace``: atomic on POSIX), then removes
the older versions. Readers of ``site/`` (``python -m http.server -d site``, ``tar -C site``, the
tests, GitHub's upload-pages-artifact, which runs ``tar --dereference --directory site .``) see either
the old site or the new one. A ``site`` that is a real folder (from an older builder) is moved into
``.site.versions/`` once, on the first build.

One build at a time per project: a second build waits for the first (``build/.lock``, an advisory
``flock``), and says so on stderr.

Reproducible: the same content gives a byte-identical ``site/``. MkDocs dates the sitemap and the
gzip header of ``sitemap.xml.gz`` with ``SOURCE_DATE_EPOCH``; when it is not set, the build sets it
to the date of the latest git commit touching ``content/``, or outside git to the newest
modification time of a file in ``content/`` (``source_date_epoch``).
"""

from __future__ import annotations

import contextlib
import copy
import fcntl
import logging
import multiprocessing
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from importlib.metadata import version as package_version

from .cache import AnnotationCache
from ..content.glossary import load_glossary
from ..content.lexicon import load_lexicon
from ..content.summits import load_summits
from .corpus import Corpus, FactStore
from .dates import summit_dates
from .mkdocs_plugin import ThemePlan
from .outputs import Manifest, digest, file_digest, write_docs
from .pages import Site, page_data_missing, render_fingerprint, store_page_data, term_entries
from .progress import Progress, Stage
from ..text.parallel import annotate_many, default_workers, iter_annotate, workers_for
from ..text.gcpause import cyclic_gc_paused
from ..text.jieba_store import build_in_background
from ..text.pipeline import Pipeline
from .render import Renderer
from ..text.resources import CACHE_DIR, Resources
from ..content.translations import check_translation_files, load_translation
from .vocabstore import StoredVocabulary
from .words import WordData
from .workers import COLLECT_EVERY, can_fork, fork_map

log = logging.getLogger("builder")


class BuildError(Exception):
    """The theme stage (MkDocs) failed; the message says why. The previous site is kept.

    File-system failures (no space left, permission denied) are raised as the OSError they are."""


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


def annotate_all(summits, pipeline: Pipeline, cache: AnnotationCache | None = None, workers: int | None = None) -> None:
    """Fill ``tokens`` of every heading and paragraph of every summit page (from ``cache`` when it has
    them; the others with ``annotate_many``, each text once, on ``workers`` processes: default every core).

    Holds every page's tokens in memory: for tests and single pages (``check``); the build goes
    through ``Corpus``, which holds only the pages it is rendering."""
    paragraphs = [p for s in summits for p in s.paragraphs()]
    cached = [cache.get(p.text) if cache else None for p in paragraphs]
    todo = list(dict.fromkeys(p.text for p, tokens in zip(paragraphs, cached) if tokens is None))
    fresh, given = dict(zip(todo, annotate_many(todo, pipeline, workers=workers))), set()
    for paragraph, tokens in zip(paragraphs, cached):
        if tokens is None:
            tokens = fresh[paragraph.text]
            if paragraph.text in given:  # the same text again: a copy of the tokens it got the first time
                tokens = copy.deepcopy(tokens)
            elif cache:
                cache.put(paragraph.text, tokens)
            given.add(paragraph.text)
        paragraph.tokens = tokens
    if cache:
        cache.save()


def load_resources(content: Path, allow_empty: bool = False) -> Resources:
    """Glossary and reading lexicon of ``content`` (each file checked by ``builder.content.files``)."""
    return Resources(load_glossary(content / "glossary.yml", content),
                     load_lexicon(content / "readings.tsv", allow_empty=allow_empty, root=content))


def check_text(content: Path, summits, strict: bool = True, report=None) -> None:
    """The content linter (``builder.content.lint``) on the loaded pages, or its ``report`` when it ran
    already (``lint_in_background``): errors raise LintError (a ContentError listing them; logged as
    warnings instead when not ``strict``), warnings are logged, notes go to the ``builder.note`` logger."""
    from ..content.lint import LintError, lint

    if report is None:
        report = lint(content, summits=summits)
    if report.errors and strict:
        raise LintError(report.errors)
    for d in report.diagnostics:
        log.warning("%s", d)
    for note in report.notes:
        logging.getLogger("builder.note").info("%s", note)


@contextlib.contextmanager
def _text_errors_first(check: Callable[[], None]):
    """When the body raises, ``check()`` runs first: the linter's errors about the text itself are
    reported before what they may have caused later (a translation that no longer fits, an annotation)."""
    try:
        yield
    except Exception:
        check()
        raise


def lint_in_background(content: Path, summits) -> Callable[[], object]:
    """Start the content linter on the loaded pages in a forked process; → a function that waits for its
    ``Report`` (or raises what the linter raised). The linter reads the pages as they are now (before the
    translations are attached). Where no process can be forked, or the process dies, it runs here."""
    from ..content.lint import lint

    if not can_fork():
        return lambda: lint(content, summits=summits)
    receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)

    def run() -> None:
        try:
            send.send((True, lint(content, summits=summits)))
        except BaseException as exc:  # sent back to be raised in the build
            send.send((False, exc))

    process = multiprocessing.get_context("fork").Process(target=run, daemon=True)
    process.start()
    send.close()

    def wait():
        try:
            ok, value = receive.recv()
        except EOFError:  # the process died without a report: lint here
            ok, value = True, lint(content, summits=summits)
        finally:
            receive.close()
            process.join()
        if not ok:
            raise value
        return value

    return wait


def render_site(project: Project, allow_empty: bool = False, strict_text: bool = True,
                progress: Progress | None = None, workers: int | None = None) -> Site:
    """Load, check and annotate ``content/`` → Site (its ``pages()``, ``assets()`` and ``nav()``). Raises ContentError.

    ``allow_empty``: build even with no summit page or no reading lexicon (otherwise an error).
    ``strict_text``: the linter's errors stop the build (False only to test the layers behind it).
    Paragraphs missing from the annotation cache are annotated (``builder.text.parallel.iter_annotate``:
    in chunks, on every core for a large amount of text) and stored as they come; the pages' tokens
    are not kept (``Corpus``); each page's facts, search documents and word list are read from them
    on ``workers`` processes (default every core) and stored (``pages.store_page_data``). The linter
    runs in a forked process while the translations load and the text is annotated; its errors are
    raised before anything those steps raise. ``progress`` times the stages and shows bars.
    """
    progress = progress or Progress(bars=False)
    build_in_background(CACHE_DIR.resolve())  # jieba's word file, if missing, while the content loads
    with progress.stage("load") as stage:
        resources = load_resources(project.content, allow_empty)
        summits = load_summits(project.content, allow_empty=allow_empty)
        stage.note = f"{len(summits)} summit pages, {sum(1 for s in summits for _ in s.paragraphs())} paragraphs"
    linted = lint_in_background(project.content, summits)  # while the translations load and the text is annotated
    with _text_errors_first(lambda: check_text(project.content, summits, strict_text, linted())):
        with progress.stage("lint"):
            for summit in summits:
                load_translation(project.content, summit)
            check_translation_files(project.content, summits)
        cache_dir = project.root / ".cache"
        pipeline = Pipeline(resources)
        corpus = Corpus(project.content, summits, AnnotationCache(cache_dir, resources),
                        lambda texts: iter_annotate(texts, pipeline, workers_for(sum(map(len, texts)))),
                        FactStore(cache_dir))
        with progress.stage("annotate") as stage:
            todo = corpus.plan()
            with progress.bar(sum(len(t) for t in todo), "chars", "annotating") as update:
                corpus.annotate(todo, lambda texts: update(sum(len(t) for t in texts)))
            stage.note = f"{len(todo)} paragraphs annotated, {sum(len(t) for t in todo):,} characters"
    check_text(project.content, summits, strict_text, linted())
    words, code = WordData(lambda: resources.dictionary), render_fingerprint()
    with progress.stage("facts"):
        with progress.bar(len(summits), "pages", "reading pages") as update:
            vocabulary = StoredVocabulary(resources.glossary, words, corpus, term_entries(resources.glossary), code)
            corpus.load_facts(resources.glossary, update, on_cores(corpus, workers),
                              also=lambda summit: store_page_data(corpus, vocabulary, summit, code),
                              also_missing=lambda summit: page_data_missing(corpus, vocabulary, summit, code))
        for path, where, term in corpus.check_translations(resources.glossary):
            log.warning("%s: paragraph %s: the glossary's English for %s (%s) is not in the translation",
                        path, where, term.headword, term.english)
    return Site(summits, resources.glossary, Renderer(project.templates, cache_dir / "jinja"),
                words, site_address(project.config), source_date_epoch(project), corpus,
                summit_dates(project.root, project.content, summits))


def on_cores(corpus: Corpus, workers: int | None = None):
    """A ``write_docs`` mapper that renders on ``workers`` forked processes (default every core;
    ``builder.site.workers.fork_map``), each with its own connections to the caches (``Corpus.reopen``)
    and its cyclic collector run every ``COLLECT_EVERY`` jobs."""
    return lambda fn, jobs: fork_map(fn, jobs, workers, start=corpus.reopen, collect_every=COLLECT_EVERY)


def static_assets(folder: Path, prefix: str = "assets/"):
    """``(name, bytes)`` of every file under ``folder`` (``templates/assets``), named as in the site."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        yield prefix + path.relative_to(folder).as_posix(), path.read_bytes()


def theme_digest(project: Project, nav: list) -> str:
    """What every page's theme frame depends on besides the page itself: mkdocs.yml, the theme overrides,
    the site address, the nav, the MkDocs and Material versions and the builder's code."""
    overrides = project.templates / "overrides"
    files = [(p.relative_to(project.root).as_posix(), file_digest(p)) for p in sorted(overrides.rglob("*")) if p.is_file()]
    return digest("theme", file_digest(project.config), files, os.environ.get("SITE_URL", ""), nav,
                  package_version("mkdocs"), package_version("mkdocs-material"), render_fingerprint())


def _swap(new: Path, current: Path) -> None:
    """Replace the folder ``current`` by ``new`` with two renames; the old tree is removed afterwards."""
    old = current.with_name(current.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if current.exists():
        os.replace(current, old)
    os.replace(new, current)
    if old.exists():
        shutil.rmtree(old)


def versions_dir(site_dir: Path) -> Path:
    """The hidden folder beside ``site_dir`` that holds its versions (``.site.versions``)."""
    return site_dir.with_name(f".{site_dir.name}.versions")


def current_version(site_dir: Path) -> Path | None:
    """The version ``site_dir`` links to now, or None (no site yet, or a real folder)."""
    if not site_dir.is_symlink():
        return None
    return site_dir.parent / os.readlink(site_dir)


def publish(version: Path, site_dir: Path) -> None:
    """Point ``site_dir`` at ``version`` (a folder in ``versions_dir``) in one atomic rename.

    A new relative symlink is made beside ``site_dir`` and renamed over it; a real folder in its
    place is first moved into ``versions_dir`` (a migration from older builds, once). Older versions
    are removed afterwards.
    """
    link = site_dir.with_name(f".{site_dir.name}.link-{os.getpid()}-{time.monotonic_ns()}")
    os.symlink(os.path.relpath(version, site_dir.parent), link)
    try:
        if site_dir.is_dir() and not site_dir.is_symlink():
            os.replace(site_dir, Path(tempfile.mkdtemp(prefix="migrated-", dir=versions_dir(site_dir))) / "site")
        os.replace(link, site_dir)
    finally:
        if link.is_symlink():
            link.unlink()
    for old in versions_dir(site_dir).iterdir():
        if old != version:
            shutil.rmtree(old, ignore_errors=True)


#: Cache files being written (``.cache/.annotations-*.tmp`` …); those of ``annotate`` runs too, which
#: take no lock, so a temporary file counts as left behind only when it is this many seconds old.
STALE_CACHE_AGE = 120


def clean_stale(project: Project, site_dir: Path) -> list[Path]:
    """Remove what killed builds left behind; return what was removed. Call with the build lock held.

    Old site versions (all but the one ``site`` links to), temporary symlinks, ``.site.tmp-*``
    and ``site.old`` (older builders), ``build/.docs.tmp-*``, ``build/docs.old``, and the cache's
    temporary files (``.annotations-*.tmp`` always; in it and in the library-data folder,
    ``builder.text.datacache``, other ``.<name>-*.tmp`` and jieba's ``tmp*`` once STALE_CACHE_AGE old).
    """
    removed: list[Path] = []
    keep = current_version(site_dir)
    trees = [*site_dir.parent.glob(f".{site_dir.name}.tmp-*"), site_dir.with_name(site_dir.name + ".old"),
             *project.docs.parent.glob(f".{project.docs.name}.tmp-*"), project.docs.with_name(project.docs.name + ".old")]
    versions = versions_dir(site_dir)
    if versions.is_dir():
        trees += [v for v in versions.iterdir() if keep is None or v.resolve() != keep.resolve()]
    for tree in trees:
        if tree.is_dir() and not tree.is_symlink():
            shutil.rmtree(tree, ignore_errors=True)
            removed.append(tree)
    files = list(site_dir.parent.glob(f".{site_dir.name}.link-*"))
    now = time.time()
    files += (project.root / ".cache").glob(".annotations-*.tmp")  # written by this project's builds only
    files += (project.root / ".cache").glob("annotations-*.pickle")  # the whole-file cache of older builders
    for cache in dict.fromkeys([(project.root / ".cache").resolve(), CACHE_DIR.resolve()]):
        for pattern in (".*-*.tmp", "tmp*"):  # datacache.write_pickle's, jieba_store's and jieba's own
            files += [f for f in cache.glob(pattern) if now - f.lstat().st_mtime > STALE_CACHE_AGE]
    for f in files:
        with contextlib.suppress(OSError):
            if f.is_symlink() or f.is_file():
                f.unlink()
                removed.append(f)
    return removed


@contextlib.contextmanager
def build_lock(project: Project):
    """Hold the project's build lock (``build/.lock``) for the ``with`` block; wait while another build holds it."""
    path = project.docs.parent / ".lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.warning("another build of %s is running: waiting for it to finish", project.root)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def site_address(config: Path) -> str:
    """The site's address as MkDocs reads it from ``config`` (``site_url``, ``$SITE_URL`` resolved), ending
    in ``/``; ``""`` when it has none (a local build) or the file cannot be read."""
    import yaml
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    try:
        with open(config, encoding="utf-8") as f:
            url = (yaml_load(f) or {}).get("site_url") or ""
    except (OSError, yaml.YAMLError, ConfigurationError, AttributeError):
        return ""  # MkDocs reports a broken config itself, with its reason
    url = str(url).strip()
    return url if not url or url.endswith("/") else url + "/"


def source_date_epoch(project: Project) -> int:
    """The build's date, in seconds since 1970 (UTC): ``SOURCE_DATE_EPOCH`` when set, else the date of
    the latest git commit that touches ``content/``, else the newest modification time in ``content/``."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if given.isdigit():
        return int(given)
    try:
        done = subprocess.run(["git", "-C", str(project.root), "log", "-1", "--format=%ct", "--", "content"],
                              capture_output=True, text=True, timeout=30, check=False)
        if done.returncode == 0 and done.stdout.strip().isdigit():
            return int(done.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    times = [p.lstat().st_mtime for p in project.content.rglob("*")]
    return int(max(times)) if times else 0


@contextlib.contextmanager
def _environment(**values: str):
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


class _DropDirtyWarning(logging.Filter):
    """MkDocs warns on every dirty build (that its navigation may be stale): ours renders every page whose
    frame changed (``ThemePlan``), so the warning does not apply and must not abort a strict build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


#: Pages to frame per MkDocs run: below twice this many, the theme stage is one run (a run costs its
#: own start: config, file list, theme environment).
THEME_PAGES_PER_RUN = 150


def run_mkdocs(config: Path, docs: Path, site: Path, nav: list, plan: ThemePlan | None = None,
               workers: int | None = None) -> int:
    """MkDocs build of ``docs`` into ``site`` with ``nav``, strict: any warning aborts; → how many MkDocs
    runs shared it. Raises BuildError.

    With a ``plan`` it is a dirty build in which only the files the plan finds changed are rendered or
    copied; the others are hard links to the previous version (``builder.site.mkdocs_plugin``). Many
    pages to frame are shared among up to ``workers`` forked MkDocs runs (default every core; one run
    per THEME_PAGES_PER_RUN pages), each framing its part (``ThemePlan.part``); the site is the same."""
    runs = 1
    if plan is not None and can_fork():
        runs = max(1, min(default_workers() if workers is None else workers, plan.to_frame() // THEME_PAGES_PER_RUN))
    if runs == 1:
        _mkdocs(config, docs, site, nav, plan)
        return 1

    def run(part: int):
        plan.part = (part, runs)
        if part:
            plan.on_page = None  # run 0 shows the progress
        _mkdocs(config, docs, site, nav, plan)
        return plan.site, plan.framed

    done = list(fork_map(run, list(range(runs)), runs))
    plan.site, plan.framed = done[0][0], sum(framed for _site, framed in done)
    return runs


def _mkdocs(config: Path, docs: Path, site: Path, nav: list, plan: ThemePlan | None) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    quiet = _DropDirtyWarning()
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    try:
        cfg = load_config(str(config), docs_dir=str(docs), site_dir=str(site), strict=True, nav=nav)
        plugin = cfg.plugins.get("summit-reader")
        if plugin is not None:
            plugin.plan = plan
        build(cfg, dirty=plan is not None)
    except MkDocsException as exc:
        raise BuildError(f"MkDocs: {exc}") from None
    except SystemExit as exc:  # mkdocs' Abort is a SystemExit subclass in some versions
        raise BuildError(f"MkDocs aborted: {exc}") from None
    except OSError:
        raise
    except Exception as exc:  # a theme template error, a plugin's own exception …
        raise BuildError(f"MkDocs failed: {type(exc).__name__}: {exc}") from None
    finally:
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)


def _prune(site: Site) -> None:
    """Drop what the fact store holds for older versions of the pages and the code (after a built
    site is kept or published): without it, every edit and every change of the builder would add to
    ``.cache/facts-2.sqlite`` for good (about 0.4 MB a summit page for each version of the code). The
    site is built by then: a failure here is logged, never raised (the store is only larger)."""
    if site.corpus.store is None:
        return
    try:
        site.corpus.store.keep_only(site.stored_keys())
    except Exception as exc:  # noqa: BLE001 (a cache's upkeep must not fail a finished build)
        log.warning("could not drop old entries of %s: %s", site.corpus.store.path, exc)


# The build's own process runs every stage but the theme stage with the cyclic collector paused
# (``gcpause``): it holds CC-CEDICT, the content and the facts, several hundred thousand containers,
# which each full collection walked (4-5 walks, 0.4-0.6 s of a 300-page build, between and at the
# start of stages) to free nothing: these stages make no cycles (a full collection after 64 of a
# worker's render jobs found none). The theme stage keeps the collector: MkDocs makes cycles with every
# page, and its runs, forked from here, inherit the setting.
def build_site(project: Project, site_dir: Path, allow_empty: bool = False,
               strict_text: bool = True, progress: Progress | None = None, clean: bool = False,
               workers: int | None = None) -> dict[str, object]:
    """Build the whole site into ``site_dir``, doing only what changed since the last build. Returns the
    pages (name → output).

    Raises ContentError (bad content), BuildError (MkDocs failed) or OSError (the file system: no
    space, no permission). In every case the previous site is left as it was and no temporary
    folder is left behind. Nothing is written before the content has loaded and annotated without
    error; the new site is a new version that ``publish`` swaps in (see the module's docstring).

    Incremental (docs/build.md): the pages and assets whose inputs did not change are not rendered, the
    files whose bytes did not change are hard links to the previous build's, and the theme stage
    frames only the pages that changed. When nothing changed at all, no new version is made.
    ``clean``: ignore the previous build (render, write and frame everything; annotations stay cached).
    ``workers``: processes that render the outputs (default every core; 1 renders in this process).
    """
    progress = progress or Progress(bars=False)
    site_dir = Path(os.path.abspath(site_dir))
    with build_lock(project):
        for stale in clean_stale(project, site_dir):
            log.info("removed %s, left behind by an interrupted build", stale)
        with cyclic_gc_paused():  # see the note above build_site
            site = render_site(project, allow_empty, strict_text, progress, workers)
        for folder in (project.docs.parent, versions_dir(site_dir)):
            folder.mkdir(parents=True, exist_ok=True)
        before = Manifest() if clean else Manifest.load(project.docs)
        current = current_version(site_dir)
        previous_site = current if current is not None and current.is_dir() and before.version == current.name else None
        previous_docs = project.docs if project.docs.is_dir() and not clean else None
        work_docs = Path(tempfile.mkdtemp(prefix=f".{project.docs.name}.tmp-", dir=project.docs.parent))
        version: Path | None = None
        try:
            with progress.stage("render") as stage, cyclic_gc_paused():
                outputs = list(site.outputs())
                pages = {name: output for name, output in outputs if name.endswith(".md")}
                statics = list(static_assets(project.templates / "assets"))
                with progress.bar(len(outputs) + len(statics), "files", "rendering") as update:
                    written = write_docs([*outputs, *statics], work_docs / "docs", previous_docs, before,
                                         on_file=lambda name: update(1), mapper=on_cores(site.corpus, workers))
                stage.note = (f"{len(written.rendered)} of {len(outputs)} outputs rendered, {len(written.written)} files "
                              f"written, {written.linked} unchanged")
            theme = theme_digest(project, site.nav())
            epoch = source_date_epoch(project)
            manifest = written.manifest
            unchanged = {n: v[1] for n, v in manifest.docs.items()} == {n: v[1] for n, v in before.docs.items()}
            if previous_site is not None and unchanged and before.theme == theme and before.epoch == epoch:
                progress.stages.append(Stage("theme", 0.0, "nothing changed: the site is kept as it is"))
                _prune(site)
                return pages
            version = Path(tempfile.mkdtemp(prefix="v-", dir=versions_dir(site_dir)))
            version.chmod(0o755)  # mkdtemp makes it private; a site is for everyone to read
            plan = ThemePlan(theme, manifest.docs, previous_site, before.site if before.theme == theme else {})
            with progress.stage("theme") as stage, progress.bar(None, "pages", "theme") as update:
                plan.on_page = update
                with _environment(SOURCE_DATE_EPOCH=str(epoch)):
                    runs = run_mkdocs(project.config, work_docs / "docs", version, site.nav(), plan, workers)
                stage.note = (f"{plan.framed} of {len(plan.site)} files framed or copied, the rest linked"
                              + (f" ({runs} MkDocs runs)" if runs > 1 else ""))
            manifest.version, manifest.epoch, manifest.theme, manifest.site = version.name, epoch, theme, plan.site
            manifest.save(work_docs / "docs")
            with progress.stage("publish"), cyclic_gc_paused():
                publish(version, site_dir)
                _swap(work_docs / "docs", project.docs)
                _prune(site)
        finally:
            shutil.rmtree(work_docs, ignore_errors=True)
            if version is not None and (current_version(site_dir) is None
                                        or current_version(site_dir).resolve() != version.resolve()):
                shutil.rmtree(version, ignore_errors=True)
            site.corpus.close()
    return pages
