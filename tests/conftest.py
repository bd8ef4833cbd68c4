"""Shared fixtures: the project root, the real content, the seed articles, a built site."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def seeds_dir() -> Path:
    """The raw seed articles: $SUMMIT_SEEDS, else ../shared/seeds beside the repo (as in CI)."""
    return Path(os.environ.get("SUMMIT_SEEDS", ROOT.parent / "shared" / "seeds"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seeds() -> Path:
    path = seeds_dir()
    if not path.is_dir():
        pytest.fail(f"the seed articles are missing: expected them in {path} (set SUMMIT_SEEDS)")
    return path


@pytest.fixture(scope="session")
def resources():
    from builder.text.resources import Resources

    return Resources.from_content(ROOT / "content")


@pytest.fixture(scope="session")
def pipeline(resources):
    from builder.text.pipeline import Pipeline

    return Pipeline(resources)


@pytest.fixture(scope="session")
def summits(pipeline):
    """The real summit pages, annotated by the real pipeline."""
    from builder.content.summits import load_summits
    from builder.site.build import annotate_all

    loaded = load_summits(ROOT / "content")
    annotate_all(loaded, pipeline)
    return loaded


def copy_project(target: Path) -> Path:
    """A copy of the project's inputs (mkdocs.yml, content/, templates/) to break on purpose."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "content", target / "content")
    shutil.copytree(ROOT / "templates", target / "templates")
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real build (README's command, same code path) of the real content, into a temporary folder."""
    from builder.site.build import Project, build_site

    project = copy_project(tmp_path_factory.mktemp("project"))
    build_site(Project(project), project / "site")
    return project / "site"
