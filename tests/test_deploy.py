"""The maintainer's loop around the build: what site/ ships, the Pages workflow, the commands."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

#: Files a static host serves by convention, not because a page links them.
HOST_FILES = {"404.html", "sitemap.xml", "sitemap.xml.gz"}
TEXT_SUFFIXES = {".html", ".css", ".js", ".xml"}


def test_site_holds_only_files_that_pages_use(built_site: Path) -> None:
    """Every file of site/ is a page or is named by a page, a script or a style sheet of the site
    (Material ships its whole asset folder: the unused search files must not be published)."""
    files = [p for p in built_site.rglob("*") if p.is_file()]
    texts = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files if p.suffix in TEXT_SUFFIXES)
    unused = []
    for path in files:
        rel = path.relative_to(built_site).as_posix()
        if rel in HOST_FILES or path.suffix == ".html":
            continue
        if rel not in texts and path.name not in texts:
            unused.append(rel)
    assert unused == [], f"files no page, script or style sheet refers to: {unused}"
    assert not (built_site / "assets" / "javascripts" / "lunr").exists()


def _workflow(root: Path) -> dict:
    return yaml.safe_load((root / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))


#: The first major of each action that runs on Node 24 (GitHub forces Node 24 on runners since June 2026).
NODE24_MAJORS = {"actions/checkout": 5, "actions/setup-python": 6, "actions/setup-node": 5, "actions/cache": 5,
                 "actions/configure-pages": 6, "actions/upload-pages-artifact": 5, "actions/deploy-pages": 5}


def test_pages_workflow_tests_before_it_deploys_and_caches(root: Path) -> None:
    jobs = _workflow(root)["jobs"]
    assert "test" in jobs and set(jobs["deploy"]["needs"]) >= {"test", "build"}, "deploy waits for the tests"
    test_steps = jobs["test"]["steps"]
    assert any(s.get("run", "").strip() == ".ci/run" for s in test_steps), "the test job runs the README's test command"
    uses = [s["uses"] for job in jobs.values() for s in job["steps"] if "uses" in s]
    for action in uses:
        name, _, ref = action.partition("@")
        if name in NODE24_MAJORS:
            assert int(ref.lstrip("v").split(".")[0]) >= NODE24_MAJORS[name], f"{action} is a Node 20 major"
    steps = {s["uses"].split("@")[0]: s for job in jobs.values() for s in job["steps"] if "uses" in s}
    assert steps["actions/setup-node"]["with"].get("cache") == "npm"
    assert steps["actions/setup-python"]["with"].get("cache") == "pip"
    cached = {name: [s["with"]["path"] for s in job["steps"] if s.get("uses", "").startswith("actions/cache@")]
              for name, job in jobs.items()}
    assert any("pip" in path for path in cached["test"])
    # the library-derived data (builder/text/datacache.py) is made once, not on every run
    assert "~/.cache/summit-reader" in cached["test"] and "~/.cache/summit-reader" in cached["build"]
    build_run = next(s for s in jobs["build"]["steps"] if "builder build" in s.get("run", ""))
    assert "SITE_URL" in build_run.get("env", {}), "the deployed build knows its address"


def test_the_command_names_itself_as_it_was_called(root: Path) -> None:
    installed = Path(sys.executable).with_name("summit-reader")
    assert installed.is_file(), "pip install -e . installs the summit-reader command"
    usage = subprocess.run([str(installed), "--help"], capture_output=True, text=True, check=True).stdout
    assert usage.startswith("usage: summit-reader "), usage
    assert {"build", "serve", "annotate", "import"} <= set(re.search(r"\{([a-z,]+)\}", usage).group(1).split(","))
    module = subprocess.run([sys.executable, "-m", "builder", "--help"], capture_output=True, text=True, check=True, cwd=root).stdout
    assert module.startswith("usage: python -m builder "), module


def test_the_preview_shows_a_build_error_escaped() -> None:
    from builder.site.serve import error_banner

    banner = error_banner("content/summits/21.md:3: 'place' <img src=x onerror=alert(1)>").decode()
    assert "<img" not in banner and "&lt;img src=x onerror=alert(1)&gt;" in banner
    assert "content/summits/21.md:3:" in banner and 'role="alert"' in banner
