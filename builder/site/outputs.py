"""Generated files that declare their inputs, so a rebuild renders and writes only what changed.

The contract (docs/build.md): every page and asset of ``Site.pages()`` / ``Site.assets()`` is either

- a ``Generated(inputs, render)``: ``inputs`` is a digest (``digest(...)``) over everything the file's
  text depends on — the data it shows, the templates it is rendered with, the code that renders it —
  computed **without rendering**; ``render()`` returns the text (``str``, written as UTF-8, or
  ``bytes``). A folder of files (a name ending in ``/``) renders ``{name inside it: text}`` or yields
  ``(name inside it, text)`` pairs (written one at a time, never all held); a file of a folder may be
  a ``Generated`` of its own, rendered only when its ``inputs`` changed (the search index's shards).
- or its text itself (``str`` or ``bytes``): then it is rendered on every build and only its writing
  is skipped when the text is unchanged.

``write_docs`` renders an output only when its ``inputs`` differ from the previous build's (the
``Manifest``), and writes a file only when its bytes differ: an unchanged file is a hard link to the
previous build's copy, never rewritten, so the theme stage (``builder.site.mkdocs_plugin``) can skip
it by its content digest as well.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

Text = str | bytes

#: The manifest's file name inside the docs folder (MkDocs ignores files whose name starts with a dot).
MANIFEST = ".summit-reader-build.json"
MANIFEST_VERSION = 1


#: The JSON ``digest`` hashes (one encoder for every call: ``json.dumps`` with options makes a new one each time).
_DIGEST_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=repr, separators=(",", ":"))


def digest(*parts: object) -> str:
    """A digest (32 hex characters) of ``parts``: strings, numbers, None and lists, tuples and dicts of them
    (through JSON, dict keys sorted; anything else by ``repr``)."""
    data = _DIGEST_JSON.encode(parts)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


def content_digest(data: Text) -> str:
    """The digest of a file's bytes (``str`` as UTF-8)."""
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()[:32]


def file_digest(path: Path) -> str:
    return content_digest(path.read_bytes())


@dataclass
class Generated:
    """A page or asset that says what it reads (see the module): ``inputs`` digest, ``render()`` → text."""

    inputs: str
    render: Callable[[], Text | dict[str, Text]]
    #: Outputs of one group (a summit page's own: its page, word data, vocabulary page, downloads) that
    #: follow each other are rendered in one job, so the page's tokens are read once.
    group: str | None = None


@dataclass
class Manifest:
    """What the published build consists of: for each docs file its ``inputs`` and content digest, for
    each output folder its ``inputs`` and files, for each site file the theme stage's key.

    ``version`` names the site version (a folder of ``.site.versions``) the ``site`` part describes,
    ``epoch`` the SOURCE_DATE_EPOCH and ``theme`` the theme stage's digest it was built with.
    """

    version: str = ""
    epoch: int | None = None
    theme: str = ""
    docs: dict[str, list[str]] = field(default_factory=dict)       # file → [inputs, content digest]
    folders: dict[str, list] = field(default_factory=dict)         # folder → [inputs, [files]]
    site: dict[str, str] = field(default_factory=dict)             # site file → theme key

    @classmethod
    def load(cls, docs: Path) -> "Manifest":
        """The manifest in ``docs``; an empty one if there is none or it cannot be read."""
        try:
            data = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))
            if data.pop("format") != MANIFEST_VERSION:
                return cls()
            return cls(**data)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return cls()

    def save(self, docs: Path) -> None:
        data = {"format": MANIFEST_VERSION, **self.__dict__}
        (docs / MANIFEST).write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
                                     encoding="utf-8")


@dataclass
class Written:
    """What ``write_docs`` did: the new manifest's docs part, and the files rendered and written."""

    manifest: Manifest
    rendered: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    linked: int = 0


def _write(target: Path, name: str, data: Text) -> None:
    path = target / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():  # a link to the previous build's copy: never write through it
        path.unlink()
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def _link(old: Path, target: Path, name: str) -> bool:
    """Hard-link the previous build's ``name`` into ``target``; False when it is missing."""
    path = target / name
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(old / name, path)
        return True
    except FileNotFoundError:
        return False
    except OSError:  # no hard links here (another file system): copy
        try:
            path.write_bytes((old / name).read_bytes())
            return True
        except OSError:
            return False


#: ``map(fn, jobs)`` → an iterator of ``fn(job)`` in order: how ``write_docs`` runs its render jobs
#: (the builtin ``map`` here; ``builder.site.workers.fork_map`` on every core).
Mapper = Callable[[Callable, list], Iterable]


def write_docs(outputs: Iterable[tuple[str, Generated | Text]], target: Path, previous: Path | None,
               before: Manifest, on_file: Callable[[str], None] | None = None, mapper: Mapper = map) -> Written:
    """Write ``outputs`` (name → output, see the module) into the new folder ``target``.

    An output whose ``inputs`` equal ``before``'s is not rendered: its files are linked from
    ``previous`` (the last build's docs folder). A rendered file whose bytes equal the previous copy's
    is linked too. ``on_file(name)`` is called once per output (progress). Raises ValueError when two
    outputs claim one file, OSError from the file system.

    The outputs to render are cut into jobs (consecutive outputs of one ``Generated.group`` make one
    job: they read the same summit page's tokens) run by ``mapper``; a job renders and writes its files
    itself and returns what the manifest records, so jobs may run in other processes
    (``builder.site.workers.fork_map``). The result does not depend on how the jobs ran.
    """
    after = Manifest()
    done = Written(after)
    seen: set[str] = set()

    def claim(name: str) -> None:
        if name in seen:
            raise ValueError(f"two outputs would be written to {name}")
        seen.add(name)

    def record(name: str, inputs: str, sha: str, linked: bool) -> None:
        claim(name)
        if linked:
            done.linked += 1
        else:
            done.written.append(name)
        after.docs[name] = [inputs, sha]

    jobs: list[list[tuple[str, Generated]]] = []
    for name, output in outputs:
        if not isinstance(output, Generated):
            if on_file:
                on_file(name)
            record(name, "", *_put(target, previous, before, name, output))
            continue
        folder = name.endswith("/")
        old_inputs = (before.folders.get(name) or [None])[0] if folder else (before.docs.get(name) or [None])[0]
        if previous is not None and old_inputs == output.inputs:
            names = before.folders[name][1] if folder else [name]
            if all(_link(previous, target, n) for n in names):
                if on_file:
                    on_file(name)
                for n in names:
                    claim(n)
                    after.docs[n] = before.docs[n]
                if folder:
                    after.folders[name] = before.folders[name]
                done.linked += len(names)
                continue
        if jobs and output.group is not None and jobs[-1][-1][1].group == output.group:
            jobs[-1].append((name, output))
        else:
            jobs.append([(name, output)])
    # Last first: the site-wide outputs (search index, word lists), the longest jobs, come last in
    # ``outputs``; started first, they do not run alone at the end while the other cores wait.
    for job in mapper(lambda job: _render_job(job, target, previous, before), jobs[::-1]):
        for name, inputs, files in job:
            if on_file:
                on_file(name)
            done.rendered.append(name)
            for file, file_inputs, sha, linked in files:
                record(file, file_inputs, sha, linked)
            if name.endswith("/"):
                after.folders[name] = [inputs, [file for file, *_rest in files]]
    return done


def _render_job(job: list[tuple[str, Generated]], target: Path, previous: Path | None,
                before: Manifest) -> list[tuple[str, str, list[tuple[str, str, str, bool]]]]:
    """Render and write one job's outputs; → for each output ``(name, inputs, files)``, its files as
    ``(file, inputs, content digest, linked)`` (a folder's files named with the folder's prefix)."""
    out = []
    for name, output in job:
        data = output.render()
        inners = (data.items() if isinstance(data, dict) else data) if name.endswith("/") else [("", data)]
        files = [(name + inner, *_put_file(target, previous, before, name + inner, text, output.inputs))
                 for inner, text in inners]
        out.append((name, output.inputs, files))
    return out


def _put_file(target: Path, previous: Path | None, before: Manifest, name: str, text: "Text | Generated",
              inputs: str) -> tuple[str, str, bool]:
    """Write one file of an output whose inputs are ``inputs``. A folder's file that is a ``Generated`` of
    its own is rendered only when its inputs differ from the previous build's, else the previous copy is
    linked; → (the file's inputs, content digest, linked)."""
    if not isinstance(text, Generated):
        return (inputs, *_put(target, previous, before, name, text))
    old = before.docs.get(name)
    if previous is not None and old is not None and old[0] == text.inputs and _link(previous, target, name):
        return text.inputs, old[1], True
    return (text.inputs, *_put(target, previous, before, name, text.render()))


def _put(target: Path, previous: Path | None, before: Manifest, name: str, data: Text) -> tuple[str, bool]:
    """Write ``data`` as ``name``, or link the previous build's copy when its bytes are the same;
    → (content digest, linked)."""
    sha = content_digest(data)
    old = before.docs.get(name)
    if previous is not None and old is not None and old[1] == sha and _link(previous, target, name):
        return sha, True
    _write(target, name, data)
    return sha, False
