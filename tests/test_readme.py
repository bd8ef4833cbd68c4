"""README and CI agree: CI runs the README's test command; the README shows exactly two set-up commands."""

from __future__ import annotations

import re


def _commands(root) -> list[str]:
    readme = (root / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", setup, flags=re.S)


def test_readme_shows_a_build_and_a_test_command(root):
    build, test = _commands(root)
    assert "python -m builder build" in build and "pip install" in build
    assert "pytest" in test and "pip install" in test


def test_ci_runs_the_readme_test_command(root):
    _build, test = _commands(root)
    ci = (root / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()
