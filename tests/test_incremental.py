"""Incremental builds give what a cold build gives: after each edit, the rebuilt site (rendered on two
forked workers) is compared byte for byte with a cold build (new project folder, no annotation cache,
no previous build, rendered in one process) of the same content. The corpus is the real summit pages cut to their first article's first paragraphs, so a
cold build takes seconds; the edits are the ones a maintainer makes (a paragraph, a translation, a
glossary entry, a reading, a template, a summit added or removed).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml

from builder.site import build
from builder.site.build import Project, build_site
from builder.site.progress import Progress

ROOT = Path(__file__).resolve().parents[1]
PARAGRAPHS = 4
#: Caches of the tools (jieba's dictionary store, CC-CEDICT), not of the content: shared to save time.
TOOL_CACHES = ("jieba-*.sqlite", "cedict-*.pickle", "transliteration-*.pickle", "jinja")


def _cut(text: str, keep: int) -> str:
    """A summit page with its first article and that article's first ``keep`` paragraphs."""
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front)
    meta["articles"] = meta["articles"][:1]
    blocks = [b.strip() for b in body.split("\n\n") if b.strip()]
    heading = next(i for i, b in enumerate(blocks) if b.startswith("## "))
    kept = blocks[heading:heading + 1 + keep]
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + "\n\n".join(kept) + "\n"


def _write_corpus(target: Path) -> None:
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "templates", target / "templates")
    content = target / "content"
    for folder in ("summits", "translations"):
        (content / folder).mkdir(parents=True)
    for name in ("glossary.yml", "readings.tsv"):
        shutil.copy(ROOT / "content" / name, content / name)
    for page in sorted((ROOT / "content" / "summits").glob("*.md")):
        (content / "summits" / page.name).write_text(_cut(page.read_text(encoding="utf-8"), PARAGRAPHS), encoding="utf-8")
        translation = yaml.safe_load((ROOT / "content" / "translations" / f"{page.stem}.yml").read_text(encoding="utf-8"))
        translation["articles"] = translation["articles"][:1]
        translation["articles"][0]["paragraphs"] = translation["articles"][0]["paragraphs"][:PARAGRAPHS]
        (content / "translations" / f"{page.stem}.yml").write_text(
            yaml.safe_dump(translation, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(project: Path, workers: int = 2) -> Progress:
    """Build ``project``: its outputs rendered by ``workers`` processes (2: forked workers, 1: this one)."""
    progress = Progress(bars=False)
    build_site(Project(project), project / "site", progress=progress, workers=workers)
    return progress


def _cold(project: Path, target: Path, tools: Path) -> dict[str, str]:
    """A cold build of ``project``'s content in ``target``, rendered serially: → its site tree."""
    target.mkdir()
    for name in ("mkdocs.yml", "content", "templates"):
        src = project / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, target / name)
    (target / ".cache").mkdir()
    for pattern in TOOL_CACHES:
        for path in tools.glob(pattern):
            (shutil.copytree if path.is_dir() else shutil.copy)(path, target / ".cache" / path.name)
    _build(target, workers=1)
    return tree(target / "site")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _first_paragraph(page: Path) -> str:
    body = page.read_text(encoding="utf-8").split("---\n", 2)[2]
    return next(b.strip() for b in body.split("\n\n") if b.strip() and not b.strip().startswith("## "))


def _add_summit(content: Path) -> None:
    page = (content / "summits" / "24.md").read_text(encoding="utf-8")
    page = page.replace("ordinal: 24", "ordinal: 25").replace("date: 2024-", "date: 2025-")
    (content / "summits" / "25.md").write_text(page, encoding="utf-8")
    shutil.copy(content / "translations" / "24.yml", content / "translations" / "25.yml")


def _remove_summit(content: Path) -> None:
    (content / "summits" / "21.md").unlink()
    (content / "translations" / "21.yml").unlink()


def _glossary(content: Path) -> None:
    _edit(content / "glossary.yml", "english: Shanghai Cooperation Organization (SCO)",
          "english: Shanghai Cooperation Organisation (SCO)")


def _reading(content: Path) -> None:
    words = [line.split("\t")[0] for line in (content / "readings.tsv").read_text(encoding="utf-8").splitlines()[1:]
             if line and not line.startswith("#")]
    text = "".join(p.read_text(encoding="utf-8") for p in (content / "summits").glob("*.md"))
    word = next(w for w in words if w in text)
    lines = (content / "readings.tsv").read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines) if line.startswith(word + "\t"))
    cells = lines[row].split("\t")
    cells[1] = " ".join(cells[1].lower().split())  # the same reading written as spaced syllables: a new display
    lines[row] = "\t".join(cells)
    (content / "readings.tsv").write_text("".join(lines), encoding="utf-8")


EDITS = {
    "a paragraph": lambda c: _edit(c / "summits" / "21.md", p := _first_paragraph(c / "summits" / "21.md"), p + "测试"),
    "a translation": lambda c: _edit(c / "translations" / "20.yml", "Beijing, 10 November (Xinhua)",
                                     "Beijing, 10 November 2020 (Xinhua)"),
    "a glossary English": _glossary,
    "a reading": _reading,
    "a template": lambda c: _edit(c.parent / "templates" / "pages" / "term.html", '<p class="sr-crumbs">',
                                  '<p class="sr-crumbs" data-edited="1">'),
    "a summit added": _add_summit,
    "a summit removed": _remove_summit,
}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("incremental") / "project"
    root.mkdir()
    _write_corpus(root)
    return root


def test_each_rebuild_equals_a_cold_build_of_the_same_content(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("SITE_URL", "https://example.org/reader/")  # the sitemap lists every page
    # The builds here frame their pages in two forked MkDocs runs whenever they frame two pages or more
    # (the cold builds they are compared with, on one worker, in one).
    monkeypatch.setattr(build, "THEME_PAGES_PER_RUN", 1)
    first = _build(project)
    assert "(2 MkDocs runs)" in next(s.note for s in first.stages if s.name == "theme")
    assert tree(project / "site") == _cold(project, tmp_path / "cold-0", project / ".cache")
    again = _build(project)
    assert [s.note for s in again.stages if s.name == "theme"] == ["nothing changed: the site is kept as it is"]
    for n, (name, edit) in enumerate(EDITS.items(), start=1):
        edit(project / "content")
        progress = _build(project)
        render = next(s.note for s in progress.stages if s.name == "render")
        assert tree(project / "site") == _cold(project, tmp_path / f"cold-{n}", project / ".cache"), (name, render)
    assert first.stages[0].name == "load"


def test_one_edited_paragraph_renders_and_writes_only_what_shows_it(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    _build(project)
    page = next((project / "content" / "summits").glob("*.md"))
    _edit(page, p := _first_paragraph(page), p + "。")
    progress = _build(project)
    annotate = next(s.note for s in progress.stages if s.name == "annotate")
    assert annotate.startswith("1 paragraphs annotated"), annotate
    render = next(s.note for s in progress.stages if s.name == "render")
    rendered, outputs = (int(x) for x in render.split(" outputs")[0].split(" of "))
    assert rendered < outputs / 2, render


def test_a_theme_error_in_one_of_two_mkdocs_runs_fails_the_build_and_keeps_the_site(project, tmp_path, monkeypatch):
    monkeypatch.setattr(build, "THEME_PAGES_PER_RUN", 1)
    target = tmp_path / "project"
    target.mkdir()
    for name in ("mkdocs.yml", "content", "templates", ".cache"):  # .cache when another test built the project
        src = project / name
        if src.exists():
            (shutil.copytree if src.is_dir() else shutil.copy)(src, target / name)
    _build(target)
    before = tree(target / "site")
    # A template error on one page only: one of the two runs fails, the other would succeed.
    page = sorted((target / "content" / "summits").glob("*.md"))[1].stem
    main = target / "templates" / "overrides" / "main.html"
    broken = "{% if page and page.file.src_uri == 'summit-" + page + ".md' %}{{ no_such_function() }}{% endif %}"
    main.write_text(main.read_text(encoding="utf-8").replace("{% block extrahead %}", "{% block extrahead %}" + broken, 1),
                    encoding="utf-8")
    with pytest.raises(build.BuildError, match="MkDocs"):
        _build(target)
    assert tree(target / "site") == before
    assert not list((target / ".site.versions").glob("v-*"))[1:]  # the failed version was removed
