"""Build cost as the site grows: our build next to a plain MkDocs + Material build of the same pages.

For each size N (default 3, 30, 300) this makes two projects in a temporary folder:

- **ours**: the real glossary, readings and templates with N summit pages. The first pages are the
  real ones (content/summits); further pages are copies of them with a new meeting number and date
  and, in every paragraph of more than one sentence, the sentences shuffled (a seeded shuffle per
  page), so most paragraphs are new text that the annotation cache has not seen. Translations follow
  (each item's ``zh`` start is rewritten to match its shuffled paragraph).
- **plain**: the same pages as plain Markdown (title, headings, paragraphs, English after each) built
  by ``mkdocs build`` with the Material theme and the same features, no plugins, no annotation.

and times, for each, a cold build (no site, no annotation or fact cache), a rebuild with nothing
changed, and a rebuild after appending two characters to one paragraph of the middle page; our cold
build finds the data derived from the libraries (``builder.text.datacache``: CC-CEDICT parsed, jieba's
word file), made once per machine, and a machine's first build, which makes it too, is timed apart
(last column); with the size of the largest HTML page, of glossary.html and of site/, and the peak
memory of our builds: the largest sum, sampled every 50 ms, of the proportional set sizes of the build
and its worker processes (pages the forked workers share with the build count once), taken in a second, untimed run of each of our three builds (a
fresh copy of the project for the cold one). The timed runs are not sampled: reading a process's
``smaps_rollup`` costs about 5 ms of CPU for a 300 MB build and holds its memory map's lock, so
sampling three processes every 50 ms took a good part of one of the two cores from the build it
measured.

Usage: ``.venv/bin/python benchmarks/scale.py [--sizes 3,30,300,1000] [--keep DIR] [--json FILE]``
(with ``--keep``, each of our builds' ``--profile`` table, stage by stage with the peak memory so
far, stays in ``DIR/profile-<N>-<cold|warm|edit>.txt``).
Prints one table row per size with the ratios ours / plain, and the machine, date and load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SENTENCE = re.compile(r"[^。！？；]*[。！？；]”?|[^。！？；]+$")
MARK = re.compile(r"\[\[(?:restored:([^|\]]*)|gap)\|[^\]]*\]\]")
EDIT = "测试"


@dataclass
class Page:
    """One summit page as text: front matter lines, body lines, its translation (parsed YAML)."""

    front: list[str]
    body: list[str]
    translation: dict
    ordinal: int


def load_real(content: Path) -> list[Page]:
    pages = []
    for path in sorted((content / "summits").glob("*.md"), key=lambda p: int(p.stem)):
        lines = path.read_text(encoding="utf-8").split("\n")
        closing = lines.index("---", 1)
        ordinal = int(next(l for l in lines if l.startswith("ordinal:")).split(":")[1])
        translation = yaml.safe_load((content / "translations" / f"{path.stem}.yml").read_text(encoding="utf-8"))
        pages.append(Page(lines[: closing + 1], lines[closing + 1 :], translation, ordinal))
    return pages


def shuffled_copy(page: Page, ordinal: int, rng: random.Random) -> Page:
    """A copy of ``page`` as meeting ``ordinal``: sentences shuffled inside each paragraph, translation aligned."""
    front = []
    for line in page.front:
        if line.startswith("ordinal:"):
            line = f"ordinal: {ordinal}"
        elif line.startswith("date:"):
            line = f"date: {dt.date(2001, 6, 15) + dt.timedelta(days=7 * ordinal)}"
        front.append(line)
    translation = json.loads(json.dumps(page.translation))
    items = iter(
        item for article in translation["articles"] for item in [None, *article["paragraphs"]]
    )  # None stands for each article's heading
    body = []
    for line in page.body:
        if not line.strip():
            body.append(line)
            continue
        item = next(items)
        if line.startswith("## ") or "[[" in line:
            body.append(line)
            continue
        sentences = [s for s in SENTENCE.findall(line) if s]
        if len(sentences) > 1:
            rng.shuffle(sentences)
            line = "".join(sentences)
            item["zh"] = line[:8]
        body.append(line)
    return Page(front, body, translation, ordinal)


def corpus(real: list[Page], n: int) -> list[Page]:
    pages = list(real[:n])
    for i in range(len(pages), n):
        pages.append(shuffled_copy(real[i % len(real)], 100 + i, random.Random(i)))
    return pages


def write_ours(pages: list[Page], target: Path) -> None:
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "templates"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, target / name)
    content = target / "content"
    (content / "summits").mkdir(parents=True)
    (content / "translations").mkdir()
    for name in ("glossary.yml", "readings.tsv"):
        shutil.copy(ROOT / "content" / name, content / name)
    for page in pages:
        (content / "summits" / f"{page.ordinal}.md").write_text("\n".join(page.front + page.body), encoding="utf-8")
        (content / "translations" / f"{page.ordinal}.yml").write_text(
            yaml.safe_dump(page.translation, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


def plain_markdown(page: Page) -> str:
    """The page as plain Markdown: its headings and paragraphs with the English after each."""
    title = next(l for l in page.front if l.startswith("title_en:")).split(":", 1)[1].strip()
    english = iter(
        item for article in page.translation["articles"] for item in [article["heading"], *article["paragraphs"]]
    )
    out = [f"# {title}", ""]
    for line in page.body:
        if not line.strip():
            continue
        item = next(english)
        out += [MARK.sub(lambda m: m.group(1) or "［?］", line), "", item.get("en") or item.get("untranslated", ""), ""]
    return "\n".join(out)


def write_plain(pages: list[Page], target: Path) -> None:
    docs = target / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Summit Reader\n\nThe summits.\n", encoding="utf-8")
    for page in pages:
        (docs / f"summit-{page.ordinal}.md").write_text(plain_markdown(page), encoding="utf-8")
    config = {
        "site_name": "Summit Reader (plain)", "use_directory_urls": False, "strict": True,
        "theme": {"name": "material", "font": False,
                  "features": ["navigation.footer"]},
        "plugins": [],
    }
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")


@dataclass
class Run:
    seconds: float
    peak_mb: float       # the largest resident memory of any one process of the build (exact: getrusage)
    tree_peak_mb: float = 0.0  # the largest sum of the build's processes' PSS at once (sampled every 50 ms)


def _memory(pid: int, page: int) -> int:
    """The proportional set size of ``pid`` in bytes (``/proc/PID/smaps_rollup``: a page shared by n processes
    counts 1/n in each, so forked workers do not count the pages they share with the build twice), else
    its resident size (``statm``)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page


def tree_rss(pid: int) -> int:
    """Memory of ``pid`` and all its descendants now, in bytes: the sum of their proportional set sizes
    (``_memory``; 0 where it cannot be read)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry.name}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo, page = 0, [pid], os.sysconf("SC_PAGE_SIZE")
    while todo:
        p = todo.pop()
        try:
            total += _memory(p, page)
        except (OSError, IndexError, ValueError):
            pass
        todo += children.get(p, [])
    return total


def timed(cmd: list[str], cwd: Path, log: Path | None = None, sample: bool = False, env: dict | None = None) -> Run:
    """Run ``cmd`` in ``cwd`` (with ``env`` added to the environment); → wall-clock seconds, the peak
    resident memory of its largest process (``getrusage``: a process pool's workers each count alone) and, with ``sample``, of the whole
    process tree (sampled every 50 ms, which slows the run: time it in another run)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})})
    peak, stop = [0], threading.Event()

    def sampling() -> None:
        while not stop.wait(0.05):
            peak[0] = max(peak[0], tree_rss(proc.pid))

    sampler = threading.Thread(target=sampling, daemon=True)
    if sample:
        sampler.start()
    err = proc.stderr.read().decode(errors="replace")  # read while it runs: a full pipe would block it
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    stop.set()
    if sample:
        sampler.join()
    proc.stderr.close()
    if log is not None:  # our build's --profile table (stages, seconds, peak memory)
        log.write_text(err, encoding="utf-8")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{err[-3000:]}")
    return Run(seconds, max(usage.ru_maxrss / 1024, 0), max(peak[0] / 2**20, usage.ru_maxrss / 1024))


def edit_first_paragraph(path: Path) -> None:
    """Append EDIT to the first paragraph after the first heading of a Markdown page (not the heading)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, l in enumerate(lines) if l.startswith("## ") or l.startswith("# "))
    i = next(j for j in range(start + 1, len(lines)) if lines[j].strip())
    lines[i] += EDIT
    path.write_text("\n".join(lines), encoding="utf-8")


@dataclass
class Row:
    pages: int
    ours: dict[str, Run] = field(default_factory=dict)
    plain: dict[str, Run] = field(default_factory=dict)
    largest_html_kb: float = 0
    largest_html: str = ""
    largest_other_kb: float = 0  # the largest page that is not a summit page
    largest_other: str = ""
    glossary_kb: float = 0
    site_mb: float = 0
    first: float = 0  # seconds of a cold build that also makes the library-derived data (a machine's first)


def sizes(site: Path, row: Row) -> None:
    htmls = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    row.largest_html_kb, row.largest_html = max(htmls)
    row.largest_html_kb /= 1024
    others = [(size, name) for size, name in htmls if not re.fullmatch(r"summit-\d+\.html", name)]
    row.largest_other_kb, row.largest_other = max(others)
    row.largest_other_kb /= 1024
    glossary = site / "glossary.html"
    row.glossary_kb = glossary.stat().st_size / 1024 if glossary.is_file() else 0
    row.site_mb = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20


def measure(real: list[Page], n: int, work: Path) -> Row:
    pages = corpus(real, n)
    middle = pages[len(pages) // 2]
    ours, plain = work / f"ours-{n}", work / f"plain-{n}"
    write_ours(pages, ours)
    write_plain(pages, plain)
    build = [sys.executable, "-m", "builder", "build", "--profile"]
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q"]
    row = Row(n)
    # Library-derived data (builder.text.datacache) in a folder of this run: empty for the first build,
    # which makes it as a machine's first build does; every later build finds it, as on any machine after that.
    data = work / f"data-{n}"
    shutil.rmtree(data, ignore_errors=True)
    env = {"SUMMIT_READER_DATA_CACHE": str(data)}
    first = work / f"ours-{n}-first"
    write_ours(pages, first)
    row.first = timed(build, first, work / f"profile-{n}-first.txt", env=env).seconds
    shutil.rmtree(first, ignore_errors=True)
    row.plain["cold"] = timed(mkdocs, plain)
    row.plain["warm"] = timed(mkdocs, plain)
    edit_first_paragraph(plain / "docs" / f"summit-{middle.ordinal}.md")
    row.plain["edit"] = timed(mkdocs, plain)
    row.ours["cold"] = timed(build, ours, work / f"profile-{n}-cold.txt", env=env)
    row.ours["warm"] = timed(build, ours, work / f"profile-{n}-warm.txt", env=env)
    edit_first_paragraph(ours / "content" / "summits" / f"{middle.ordinal}.md")
    row.ours["edit"] = timed(build, ours, work / f"profile-{n}-edit.txt", env=env)
    sizes(ours / "site", row)
    # Memory, in untimed runs: the cold build again in a fresh copy, then a rebuild and an edit there.
    again = work / f"ours-{n}-memory"
    write_ours(pages, again)
    row.ours["cold"].tree_peak_mb = timed(build, again, sample=True, env=env).tree_peak_mb
    row.ours["warm"].tree_peak_mb = timed(build, again, sample=True, env=env).tree_peak_mb
    edit_first_paragraph(again / "content" / "summits" / f"{middle.ordinal}.md")
    row.ours["edit"].tree_peak_mb = timed(build, again, sample=True, env=env).tree_peak_mb
    shutil.rmtree(again, ignore_errors=True)
    return row


def table(rows: list[Row]) -> str:
    out = ["| pages | cold build (ours / plain) | rebuild, nothing changed | rebuild after editing one article "
           "| peak memory (ours, all processes) | largest HTML page | largest other page | glossary.html | site/ "
           "| cold, a machine's first build |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        cells = []
        for kind in ("cold", "warm", "edit"):
            o, p = r.ours[kind].seconds, r.plain[kind].seconds
            cells.append(f"{o:.1f} s / {p:.1f} s ({o / p:.1f}×)")
        peak = max(run.tree_peak_mb for run in r.ours.values())
        out.append(f"| {r.pages:,} | {' | '.join(cells)} | {peak:,.0f} MB | {r.largest_html} {r.largest_html_kb:,.0f} KB "
                   f"| {r.largest_other} {r.largest_other_kb:,.0f} KB | {r.glossary_kb:,.0f} KB | {r.site_mb:,.1f} MB "
                   f"| {r.first:.1f} s ({r.first / r.plain['cold'].seconds:.1f}×) |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="3,30,300", help="comma-separated page counts (default 3,30,300)")
    parser.add_argument("--keep", help="build in this folder and keep it (default: a temporary folder)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    real = load_real(ROOT / "content")
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="sr-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for n in (int(s) for s in args.sizes.split(",")):
            rows.append(measure(real, n, work))
            print(f"measured {n} pages (load {os.getloadavg()[0]:.1f}):\n{table(rows[-1:]).splitlines()[-1]}",
                  file=sys.stderr, flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    load = os.getloadavg()
    print(f"Build cost by size, {dt.date.today()}, {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    print(table(rows))
    if args.json:
        Path(args.json).write_text(json.dumps([asdict(r) for r in rows], indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
