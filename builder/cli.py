"""Command line: ``summit-reader`` (also ``python -m builder``): build, serve, check, terms, annotate, import.

Exit codes: 0 success; 1 bad content or a failed build (the message names file and line; a file
system error names the file: no space left, permission denied …); 2 bad usage, including a root
that is not a Summit Reader project (no ``mkdocs.yml`` or no ``content/``). Errors are one
``error: …`` line on stderr, never a traceback; a failed build keeps the previous site.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path

from .errors import ContentError


class UsageError(Exception):
    """The command cannot run as asked (exit code 2)."""


def _project_root(args, needs_config: bool = True) -> Path:
    """``--root`` as a Path, checked to be a project folder. Raises UsageError naming what is missing."""
    root = Path(args.root)
    missing = [name for name, ok in (("mkdocs.yml", not needs_config or (root / "mkdocs.yml").is_file()),
                                     ("content/", (root / "content").is_dir())) if not ok]
    if missing:
        raise UsageError(f"{root.resolve()} is not a Summit Reader project (no {' and no '.join(missing)}): "
                         "run the command in the project folder or pass --root PROJECT")
    return root


#: Characters of standard input annotated at a time by ``annotate``: the input is cut just after
#: sentence ends (``builder.text.sentences.pieces``), which changes no token.
PIECE_CHARS = 4_096


def _annotate(args) -> int:
    from .text.parallel import iter_annotate, workers_for
    from .text.pipeline import Pipeline
    from .text.resources import Resources
    from .text.sentences import pieces

    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError("<stdin>", data[: exc.start].count(b"\n") + 1, "not valid UTF-8") from None
    del data
    resources = Resources.from_content(_project_root(args, needs_config=False) / "content")
    workers = workers_for(len(text), args.workers)
    annotated = iter_annotate(pieces(text, PIECE_CHARS), Pipeline(resources), workers)
    write_json(([t.as_json() for t in tokens] for tokens in annotated), sys.stdout.buffer, compact=args.compact)
    return 0


def write_json(parts, out, compact: bool = False) -> None:
    """Write the lists of ``parts`` (lists of JSON-able items) to the binary stream ``out`` as ONE
    JSON array, part by part, exactly as ``json.dumps`` of all their items in one list (indent 1
    unless ``compact``, ``ensure_ascii=False``) and a line break would, never holding more than a part."""
    indent, glue = (None, ", ") if compact else (1, ",\n")
    first = True
    for items in parts:
        if not items:
            continue
        inner = json.dumps(items, ensure_ascii=False, indent=indent)[1:-1]  # "[ … ]" without the brackets
        if not compact:
            inner = inner[1:-1]  # the line breaks after "[" and before "]"
        out.write((("[" if compact else "[\n") if first else glue).encode("utf-8") + inner.encode("utf-8"))
        first = False
    out.write(b"[]\n" if first else b"]\n" if compact else b"\n]\n")


def _build(args) -> int:
    from .site.build import Project, build_site
    from .site.progress import Progress

    if args.site_url is not None:
        os.environ["SITE_URL"] = args.site_url
    started = time.perf_counter()
    project = Project(_project_root(args))
    site = Path(args.site) if args.site else project.root / "site"
    progress = Progress(bars=False if args.no_progress else None)
    try:
        pages = build_site(project, site, allow_empty=args.allow_empty, strict_text=args.lint == "strict",
                           progress=progress, clean=args.clean, workers=args.jobs)
    finally:
        if args.profile:
            print(progress.table(), file=sys.stderr)
    print(f"built {len(pages)} pages into {site} in {time.perf_counter() - started:.1f} s")
    return 0


def _serve(args) -> int:
    from .site.serve import serve

    logging.getLogger("builder").setLevel(logging.INFO)
    logging.getLogger("mkdocs.livereload").setLevel(logging.INFO)
    root = _project_root(args)
    site = Path(args.site) if args.site else root / "site"

    def ready(url: str) -> None:
        print(f"serving {site} on {url} (Ctrl+C stops); watching content/, templates/ and mkdocs.yml", flush=True)

    serve(root, site, host=args.host, port=args.port, open_browser=args.open, ready=ready)
    return 0


def _program_name() -> str:
    """How the user called us: ``python -m builder`` or the installed ``summit-reader`` command."""
    return "python -m builder" if Path(sys.argv[0]).name == "__main__.py" else "summit-reader"


def _content_folder(args) -> Path:
    """``ROOT/content``; raises UsageError when there is none (the command was run outside a project)."""
    return _project_root(args, needs_config=False) / "content"


def _check(args) -> int:
    """``check``: the content linter, then the translations' glossary English; → 1 if any error."""
    from .content.lint import Diagnostic, lint
    from .content.summits import load_summit
    from .content.translations import check_glossary_terms, load_translation

    content = _content_folder(args)
    report = lint(content, seeds=args.seeds)
    found = list(report.diagnostics)
    if not args.no_translations:
        from .site.build import annotate_all
        from .site.cache import AnnotationCache
        from .text.pipeline import Pipeline
        from .text.resources import Resources

        try:
            resources = Resources.from_content(content)
        except ContentError as exc:
            found.append(Diagnostic(exc.path, exc.line, "error", "load", exc.message))
            resources = None
        except OSError as exc:
            found.append(Diagnostic(exc.filename or str(content), None, "error", "load", exc.strerror or str(exc)))
            resources = None
        broken = {d.path for d in found if d.rule == "load"}
        for path in sorted((content / "summits").glob("*.md")):
            if resources is None or str(path) in broken:
                continue
            try:
                summit = load_summit(path)
                load_translation(content, summit)
            except ContentError as exc:
                found.append(Diagnostic(exc.path, exc.line, "error", "translation", exc.message))
                continue
            annotate_all([summit], Pipeline(resources), AnnotationCache(Path(args.root) / ".cache", resources))
            for m in check_glossary_terms(content, summit, resources.glossary):
                found.append(Diagnostic(str(m.path), None, "warning", "rendering",
                                        f"paragraph {m.where}: the glossary's English for {m.term.headword} "
                                        f"({m.term.english}) is not in the translation"))
    for d in found:
        print(d)
    for note in report.notes:
        print(f"note: {note}")
    errors = sum(d.level == "error" for d in found)
    warnings = len(found) - errors
    print(f"checked {content}: {errors} error(s), {warnings} warning(s)")
    return 1 if errors else 0


def _terms(args) -> int:
    """``terms``: glossary candidates in the summit pages (or the drafts named), printed as a report."""
    from .text.candidates import find_candidates, read_pages, render
    from .text.pipeline import Pipeline
    from .text.resources import Resources

    content = _content_folder(args)
    paths = [Path(p) for p in args.paths] or sorted((content / "summits").glob("*.md"))
    for path in paths:
        if not path.is_file():
            raise ContentError(path, None, "no such file")
    try:
        resources = Resources.from_content(content)
    except OSError as exc:
        raise ContentError(exc.filename or content, None, exc.strerror or str(exc)) from None
    candidates = find_candidates(read_pages(paths), Pipeline(resources), resources)
    sys.stdout.write(render(candidates, limit=args.limit))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=_program_name(), description="Summit Reader: build the annotated reading site.")
    parser.add_argument("--root", default=".", help="project folder holding mkdocs.yml, content/ and templates/ (default: .)")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the site from content/ into site/")
    b.add_argument("--site", help="output folder (default: ROOT/site)")
    b.add_argument("--site-url", help="the address the site will be served from, e.g. https://user.github.io/summit-reader/ "
                                      "(default: $SITE_URL; without one, pages link relatively and work under any path)")
    b.add_argument("--lint", choices=("strict", "warn"), default="strict",
                   help="what the content linter's errors do: stop the build (strict, the default) or only warn "
                        "(to test the escaping behind it, as the hostile-input tests do)")
    b.add_argument("--allow-empty", action="store_true",
                   help="build even with no summit page or an empty content/readings.tsv (otherwise an error)")
    b.add_argument("--profile", action="store_true",
                   help="print where the time went, stage by stage (load, lint, annotate, facts, render, theme, publish)")
    b.add_argument("--clean", action="store_true",
                   help="render and frame every page and asset again, as if there were no previous build "
                        "(the annotation cache is still used; delete .cache/ to annotate again)")
    b.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="processes that render the pages (default: every core; 1: render in this process). "
                        "The site is the same whatever N is")
    b.add_argument("--no-progress", action="store_true",
                   help="no progress bars (they are shown only when standard error is a terminal anyway)")
    b.set_defaults(func=_build)
    s = sub.add_parser("serve", help="build, serve on localhost, rebuild and reload the browser on every change")
    s.add_argument("--site", help="output folder (default: ROOT/site)")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    s.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    s.add_argument("--open", action="store_true", help="open the site in the default browser")
    s.set_defaults(func=_serve)
    a = sub.add_parser("annotate", help="annotate UTF-8 text from standard input; print JSON tokens")
    a.add_argument("--compact", action="store_true", help="print the JSON on one line")
    a.add_argument("--workers", type=int, default=None,
                   help="processes to annotate with (default: every core for a large input, else 1)")
    a.set_defaults(func=_annotate)
    c = sub.add_parser("check", help="lint content/: the text rules of docs/content-format.md, with file:line",
                       description="Check every summit page against the body-text rules (errors: the text is wrong; "
                                   "warnings: a person must judge) and every translation against the glossary's English. "
                                   "Exit 1 if there is an error.")
    c.add_argument("--seeds", help="the folder of raw seed files that 'sources' name "
                                   "(default: $SUMMIT_SEEDS, else ../shared/seeds beside the project)")
    c.add_argument("--no-translations", action="store_true", help="skip the translations' glossary check (no annotation)")
    c.set_defaults(func=_check)
    t = sub.add_parser("terms", help="list glossary candidates found in the content (or in drafts)",
                       description="Expressions that look like diplomatic terms and are not in the glossary: recurring "
                                   "expressions, four-character set phrases, names of initiatives and documents, "
                                   "organisation names. With counts per summit and the sentences they occur in.")
    t.add_argument("paths", nargs="*", metavar="PAGE", help="summit pages or drafts to read (default: content/summits/*.md)")
    t.add_argument("--limit", type=int, default=3, help="sentences shown per candidate (default: 3)")
    t.set_defaults(func=_terms)
    from .importer import add_parser as add_import

    add_import(sub)
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(name)s: %(message)s")
    note = logging.getLogger("builder.note")  # notes: what could not be checked, said once, not a warning
    for old in list(note.handlers):  # one handler, on this run's standard output (a note is not an error)
        note.removeHandler(old)
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("note: %(message)s"))
    note.addHandler(handler)
    note.setLevel(logging.INFO)
    note.propagate = False

    def BuildError():  # noqa: N802 - imported only if an error gets that far (annotate starts faster)
        from .site.build import BuildError

        return BuildError

    kept = "\nThe previous site was left as it was." if args.command == "build" else ""
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ContentError as exc:
        print(f"error: {exc}{kept}", file=sys.stderr)
        return 1
    except BuildError() as exc:
        print(f"error: {exc}{kept}", file=sys.stderr)
        return 1
    except OSError as exc:  # the file system: no space left, permission denied, read-only …
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}{kept}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"error: interrupted{kept}", file=sys.stderr)
        return 130
