"""Shared fixtures: the project root, the real content, the seed articles, a built site."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
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
        message = f"the seed articles are missing: expected them in {path} (set SUMMIT_SEEDS)"
        if os.environ.get("SUMMIT_SEEDS_OPTIONAL"):  # a clone without shared/ (the Pages workflow): say so, go on
            pytest.skip(message)
        pytest.fail(message)
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


#: The address the shared test build is made for, like the Pages workflow's SITE_URL (Material's
#: the sitemap needs one; the browser tests' server rebases the sitemap onto itself).
TEST_SITE_URL = "http://127.0.0.1:8000/"


@contextmanager
def site_url(url: str | None):
    """Build with ``$SITE_URL`` set to ``url`` (``None``: unset, as a local build), restored afterwards."""
    saved = os.environ.pop("SITE_URL", None)
    if url is not None:
        os.environ["SITE_URL"] = url
    try:
        yield
    finally:
        os.environ.pop("SITE_URL", None)
        if saved is not None:
            os.environ["SITE_URL"] = saved


def build_copy(target: Path, url: str | None) -> Path:
    """Build a copy of the project in ``target`` with the real build code; returns its site folder."""
    from builder.site.build import Project, build_site

    project = copy_project(target)
    with site_url(url):
        build_site(Project(project), project / "site")
    return project / "site"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real build (README's command, same code path) of the real content, into a temporary folder,
    made for an address as the Pages workflow makes it (``TEST_SITE_URL``)."""
    return build_copy(tmp_path_factory.mktemp("project"), TEST_SITE_URL)


@pytest.fixture(scope="session")
def local_site(tmp_path_factory) -> Path:
    """The same build without a site address, as ``summit-reader build`` makes it on a maintainer's machine."""
    return build_copy(tmp_path_factory.mktemp("local-project"), None)
