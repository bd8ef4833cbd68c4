"""The browser tests (tests/browser/*.test.mjs: node:test + playwright-core on Debian's chromium) run
against the real site, built by the project's own build code into a temporary folder.

One pytest test per browser test file, so each shows up (and fails) on its own; node's own report
(one line per browser test, ✔/✖) is printed as it arrives, so a long run shows its progress.

They need Node 20+, `npm ci` (playwright-core and axe-core in node_modules/), chromium at
/usr/bin/chromium (or $CHROMIUM) and a CJK font. When one is missing the test fails and names the
install step: it never skips, so CI cannot pass without running the browser."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BROWSER_TESTS = ROOT / "tests" / "browser"
BROWSER_FILES = sorted(BROWSER_TESTS.glob("*.test.mjs"))
TIMEOUT = 600  # seconds per file; the slowest takes about a minute on a 2-core machine


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
    fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True) if shutil.which("fc-list") else None
    if fonts is None or not fonts.stdout.strip():
        problems.append("no Chinese font is installed, so pages would render as tofu: run `apt-get install fonts-noto-cjk`")
    return problems


def run_streaming(command: list[str], env: dict, write_line) -> tuple[int, str]:
    """Run ``command``, passing each line of its output to ``write_line`` as it comes; → (exit code, output)."""
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, encoding="utf-8", errors="replace")
    lines: list[str] = []

    def pump() -> None:
        for line in proc.stdout:
            lines.append(line)
            write_line(line.rstrip("\n"))

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    try:
        proc.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        reader.join(5)
        pytest.fail(f"{' '.join(command)} did not finish in {TIMEOUT} s\n{''.join(lines)[-20000:]}", pytrace=False)
    reader.join(5)
    return proc.returncode, "".join(lines)


@pytest.fixture
def live_output(request):
    """A function that prints a line straight to the terminal, outside pytest's output capture."""
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is None:
        return lambda line: None

    def write(line: str) -> None:
        with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
            reporter.write_line("    " + line)

    return write


@pytest.mark.parametrize("test_file", BROWSER_FILES, ids=[p.name.removesuffix(".test.mjs") for p in BROWSER_FILES])
def test_browser(test_file: Path, built_site: Path, local_site: Path, live_output) -> None:
    problems = missing_requirements()
    if problems:
        pytest.fail("the browser tests cannot run:\n  - " + "\n  - ".join(problems), pytrace=False)
    assert (built_site / "index.html").is_file(), f"the build did not write index.html into {built_site}"

    env = {**os.environ, "SITE_DIR": str(built_site), "LOCAL_SITE_DIR": str(local_site), "PYTHON": sys.executable}
    env.pop("UPDATE_SCREENSHOTS", None)  # never rewrite docs/screenshots/ from a test run
    command = ["node", "--test", "--test-reporter=spec", str(test_file.relative_to(ROOT))]
    live_output(f"{test_file.name}:")
    code, output = run_streaming(command, env, live_output)
    if code != 0:
        pytest.fail(f"`SITE_DIR={built_site} {' '.join(command)}` exited with {code}:\n" + digest(output), pytrace=False)


def test_there_are_browser_tests() -> None:
    assert BROWSER_FILES, f"no browser tests in {BROWSER_TESTS}"
