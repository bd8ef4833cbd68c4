"""Builds that fail, are killed or run at once: the previous site stays whole, nothing is left behind,
``site/`` is never missing, and two builds of the same content are byte-identical.

The project is tests/hostile.py's small one (no payloads), so each build takes a few seconds.
"""

from __future__ import annotations

import errno
import gzip
import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from builder.cli import main
from tests.hostile import write_project

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    write_project(root, payload="")
    return root


def cli(project: Path, *extra: str, env=None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "builder", "--root", str(project), "build", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env or ENV)


def built(project: Path, *extra: str, env=None) -> str:
    done = cli(project, *extra, env=env)
    out, err = done.communicate(timeout=300)
    assert done.returncode == 0, err
    return err


def tree(folder: Path) -> dict[str, str]:
    """``{relative path: sha256}`` of every file under ``folder`` (following a symlinked ``folder``)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def litter(project: Path, site: Path | None = None) -> list[str]:
    """Temporary files and folders a finished build must not leave behind."""
    site = site or project / "site"
    found = [*site.parent.glob(f".{site.name}.tmp-*"), *site.parent.glob(f".{site.name}.link-*"),
             *(project / "build").glob(".docs.tmp-*"), *(project / ".cache").glob(".*.tmp"),
             site.with_name(site.name + ".old"), project / "build" / "docs.old"]
    versions = site.with_name(f".{site.name}.versions")
    if versions.is_dir() and len(list(versions.iterdir())) != 1:
        found += list(versions.iterdir())
    return [str(p) for p in found if os.path.lexists(p)]


# --- kills -----------------------------------------------------------------------------------------

def _new_version(project: Path, before: set[str]) -> Path | None:
    versions = project / ".site.versions"
    fresh = [v for v in versions.iterdir() if v.name not in before] if versions.is_dir() else []
    return fresh[0] if fresh else None


KILL_POINTS = {
    "while loading": lambda project, before, started: time.monotonic() - started > 0.4,
    "while writing docs": lambda project, before, started: any((project / "build").glob(".docs.tmp-*")),
    "while MkDocs starts": lambda project, before, started: _new_version(project, before) is not None,
    "when MkDocs is nearly done": lambda project, before, started: (
        (v := _new_version(project, before)) is not None and (v / "sitemap.xml").exists()),
    "right after publishing": lambda project, before, started: (
        (v := _new_version(project, before)) is not None and os.path.realpath(project / "site") == str(v.resolve())),
}


def test_a_killed_build_keeps_the_previous_site_and_the_next_one_cleans_up(project):
    built(project)
    before = tree(project / "site")
    hit = []
    for name, condition in KILL_POINTS.items():
        versions = {v.name for v in (project / ".site.versions").iterdir()}
        process, started = cli(project, "--clean"), time.monotonic()  # a whole build: every kill point is reached
        while process.poll() is None and not condition(project, versions, started):
            time.sleep(0.002)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            hit.append(name)
        process.communicate(timeout=60)
        assert (project / "site" / "index.html").is_file(), f"killed {name}: no site"
        # The same content: the old site, or an identical new one if the kill came after publishing.
        assert tree(project / "site") == before, f"killed {name}: the site changed"
    assert len(hit) >= 3, f"the build finished before most kill points: only {hit}"
    built(project)
    assert tree(project / "site") == before
    assert litter(project) == []


def test_site_is_never_missing_while_builds_publish(project):
    built(project)
    missing, stop = [], threading.Event()

    def watch():
        while not stop.is_set():
            if not os.path.isfile(project / "site" / "index.html"):
                missing.append(time.monotonic())

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for _ in range(2):
            built(project)
    finally:
        stop.set()
        watcher.join()
    assert missing == []


def test_concurrent_builds_in_one_checkout_wait_for_each_other(project):
    processes = [cli(project) for _ in range(3)]
    results = [p.communicate(timeout=600) + (p.returncode,) for p in processes]
    for out, err, code in results:
        assert code == 0 and "Traceback" not in err, err
    assert any("waiting for it to finish" in err for _, err, _ in results)
    assert (project / "site" / "summit-1.html").is_file()
    assert litter(project) == []


def test_leftovers_of_older_builders_are_removed(project):
    built(project)
    leftovers = [project / ".site.tmp-abc", project / "build" / ".docs.tmp-abc", project / "site.old"]
    for folder in leftovers:
        (folder / "sub").mkdir(parents=True)
    (project / ".cache" / ".annotations-x.tmp").write_bytes(b"partial")
    old = project / ".cache" / ".jieba-x.tmp"
    old.write_bytes(b"partial")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    built(project)
    assert litter(project) == []


def test_a_site_folder_from_an_older_builder_is_replaced(project):
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("old", encoding="utf-8")
    built(project)
    assert (project / "site").is_symlink() and "summit-1.html" in os.listdir(project / "site")
    assert litter(project) == []


# --- file-system failures ------------------------------------------------------------------------

def _fail_in_process(project, capsys, monkeypatch, target: str, exc: OSError, *extra: str) -> str:
    import builder.site.build as build

    before = tree(project / "site")

    def boom(*args, **kwargs):
        raise exc

    monkeypatch.setattr(build, target, boom) if "." not in target else monkeypatch.setattr(target, boom)
    assert main(["--root", str(project), "build", *extra]) == 1
    err = capsys.readouterr().err
    assert tree(project / "site") == before
    assert litter(project) == []
    return err


def test_no_space_left_while_writing(project, capsys, monkeypatch):
    assert main(["--root", str(project), "build"]) == 0
    err = _fail_in_process(project, capsys, monkeypatch, "write_docs",
                           OSError(errno.ENOSPC, "No space left on device", str(project / "build")))
    assert err == f"error: {project / 'build'}: No space left on device\nThe previous site was left as it was.\n"


def test_permission_denied_while_publishing(project, capsys, monkeypatch):
    assert main(["--root", str(project), "build"]) == 0
    err = _fail_in_process(project, capsys, monkeypatch, "os.symlink",
                           PermissionError(errno.EACCES, "Permission denied", str(project / "site")), "--clean")
    assert err.startswith(f"error: {project / 'site'}: Permission denied\n")


@pytest.fixture
def small_disk(tmp_path):
    """A real 8 MB tmpfs (needs root, as in CI); unmounted afterwards."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()}); the in-process ENOSPC test covers this")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_and_a_read_only_disk_keep_the_previous_site(project, small_disk):
    site = small_disk / "site"
    built(project, "--site", str(site))
    before = tree(site)
    filler = small_disk / "filler"
    free = os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize
    with filler.open("wb") as fh:
        fh.write(b"\0" * max(0, free - 512 * 1024))  # leave 512 KB: less than a site
    process = cli(project, "--site", str(site), "--clean")  # a whole new version (a rebuild with nothing changed writes nothing)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 1 and "No space left on device" in err and "Traceback" not in err, err
    assert err.endswith(": No space left on device\nThe previous site was left as it was.\n"), err
    assert err.splitlines()[-2].startswith("error: "), err
    assert tree(site) == before and litter(project, site) == []

    filler.unlink()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    process = cli(project, "--site", str(site), "--clean")
    _, err = process.communicate(timeout=300)
    assert process.returncode == 1 and "Traceback" not in err, err
    assert err.endswith(": Read-only file system\nThe previous site was left as it was.\n"), err
    assert tree(site) == before


# --- reproducible output -----------------------------------------------------------------------------

def test_two_builds_are_byte_identical_cold_or_warm(project):
    env = {**ENV, "SITE_URL": "https://example.org/reader/"}  # as deployed: the sitemap lists dated pages
    env.pop("SOURCE_DATE_EPOCH", None)
    built(project, env=env)
    first = tree(project / "site")
    assert "<lastmod>" in (project / "site" / "sitemap.xml").read_text(encoding="utf-8")
    built(project, env=env)
    assert tree(project / "site") == first
    subprocess.run(["rm", "-rf", str(project / ".cache"), str(project / "build")], check=True)
    built(project, env=env)
    assert tree(project / "site") == first


def _sitemap_dates(site: Path) -> tuple[set[str], int]:
    xml = (site / "sitemap.xml").read_text(encoding="utf-8")
    dates = {part.split("</lastmod>")[0] for part in xml.split("<lastmod>")[1:]}
    header = (site / "sitemap.xml.gz").read_bytes()[:10]
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode() == xml
    return dates, int.from_bytes(header[4:8], "little")


def test_the_build_date_comes_from_source_date_epoch_then_git_then_content(project):
    stamp = 946_684_800 + 86_400 * 40  # 2000-02-10
    for path in (project / "content").rglob("*"):
        os.utime(path, (stamp, stamp))
    # A site address, so that the sitemap lists the pages with their dates.
    env = {**{k: v for k, v in ENV.items() if k != "SOURCE_DATE_EPOCH"}, "SITE_URL": "https://example.org/reader/"}
    built(project, env=env)  # outside git: the newest content file
    assert _sitemap_dates(project / "site") == ({"2000-02-10"}, stamp)

    git = {**env, "GIT_AUTHOR_DATE": "2011-11-11T11:11:11Z", "GIT_COMMITTER_DATE": "2011-11-11T11:11:11Z",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    for command in (["init", "-q"], ["add", "content"], ["commit", "-q", "-m", "content"]):
        subprocess.run(["git", "-C", str(project), *command], check=True, env=git, capture_output=True)
    built(project, env=env)  # in git: the latest commit touching content/
    assert _sitemap_dates(project / "site") == ({"2011-11-11"}, 1_320_969_600)  # MkDocs: midnight of that day

    built(project, env={**env, "SOURCE_DATE_EPOCH": "86400"})
    assert _sitemap_dates(project / "site") == ({"1970-01-02"}, 86_400)
