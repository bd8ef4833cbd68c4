"""The browser tests (tests/browser/*.test.mjs: node:test + playwright-core on Debian's chromium) run
against the real site, built by the project's own build code into a temporary folder.

They need Node 20+, `npm ci` (playwright-core and axe-core in node_modules/) and chromium at
/usr/bin/chromium (or $CHROMIUM). When one is missing this test fails and names the install step:
it never skips, so CI cannot pass without running the browser."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BROWSER_TESTS = ROOT / "tests" / "browser"
TIMEOUT = 600  # seconds; the suite takes about 2 minutes on a 2-core machine


def digest(output: str, limit: int = 40_000) -> str:
    """node's spec output, shortened when long: one line per test (✔/✖/﹣ and the ℹ diagnostics),
    then the "failing tests" section that repeats every failure in full."""
    if len(output) <= limit:
        return output
    marker = output.find("✖ failing tests:")
    if marker < 0:
        return output[: limit // 5] + "\n[… node's output cut …]\n" + output[-(limit * 4 // 5) :]
    results = "\n".join(
        line for line in output[:marker].splitlines() if line.lstrip().startswith(("✔", "✖", "﹣", "ℹ"))
    )
    failures = output[marker:]
    if len(failures) > limit:
        failures = failures[:limit] + "\n[… more failures cut …]"
    return results + "\n\n" + failures


def missing_requirements() -> list[str]:
    """What the browser tests need and is not installed, each with the command that installs it."""
    problems = []
    node = shutil.which("node")
    if node is None:
        problems.append("node is not on PATH: install Node.js 20 or later (e.g. `apt-get install nodejs npm`)")
    else:
        version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
        major = int(version.lstrip("v").split(".")[0] or 0) if version else 0
        if major < 20:
            problems.append(f"node {version or '(unknown version)'} is too old: the browser tests need Node.js 20 or later")
    for package in ("playwright-core", "axe-core"):
        if not (ROOT / "node_modules" / package / "package.json").is_file():
            problems.append(f"node_modules/{package} is missing: run `npm ci` in {ROOT}")
    chromium = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    if not chromium.is_file():
        problems.append(f"chromium is missing at {chromium}: run `apt-get install chromium` (or set CHROMIUM to a chromium binary)")
    return problems


def test_browser_suite_passes_against_a_fresh_build(built_site: Path) -> None:
    problems = missing_requirements()
    if problems:
        pytest.fail("the browser tests cannot run:\n  - " + "\n  - ".join(problems), pytrace=False)
    tests = sorted(BROWSER_TESTS.glob("*.test.mjs"))
    assert tests, f"no browser tests in {BROWSER_TESTS}"
    assert (built_site / "summit-21.html").is_file(), f"the build did not write summit-21.html into {built_site}"

    env = {**os.environ, "SITE_DIR": str(built_site)}
    env.pop("UPDATE_SCREENSHOTS", None)  # never rewrite docs/screenshots/ from a test run
    command = ["node", "--test", "--test-reporter=spec", *[str(t.relative_to(ROOT)) for t in tests]]
    try:
        result = subprocess.run(
            command,
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired as err:
        output = (err.stdout or b"").decode() if isinstance(err.stdout, bytes) else (err.stdout or "")
        pytest.fail(f"the browser tests did not finish in {TIMEOUT} s\n{output[-20000:]}", pytrace=False)
    if result.returncode != 0:
        pytest.fail(
            f"`SITE_DIR={built_site} {' '.join(command)}` exited with {result.returncode}:\n"
            + digest(result.stdout + result.stderr),
            pytrace=False,
        )
