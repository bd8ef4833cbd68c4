"""Search at scale: index size (gzip) and first-keystroke-to-results time, at 3 summits and a synthetic 300.

    .venv/bin/python benchmarks/search.py [--sizes 3,30,300] [--runs 3] [--no-timing]

It builds the site (the real build, into a temporary folder), then for each size N writes the search
index (``builder.site.search``) of N summits into a copy of it: N = 3 is the real content; a larger N is **synthetic**, made from the real pages: summit
k is a copy of real summit k mod 3 with the paragraphs of each article shuffled (seeded), so the
text, the vocabulary and the readings are real but every page is repeated N/3 times (a real site of
N summits would have a larger vocabulary: more terms, the same number of postings per paragraph).

It prints the index's files (gzip -6 each, as a static host sends them): all of it, the part a
first search always loads (MiniSearch, meta.js), one term shard (largest and mean), the document
store; and then, in Chromium on a phone profile (CPU 4× slower; see ``search_timing.mjs``), the
milliseconds from the first keystroke to results for three queries, on the local server and over
simulated slow 4G, median of --runs fresh page loads, with the bytes the first search transferred.
Figures from this shared machine are upper bounds; the machine, date and load are printed.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import gzip
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from builder.site.build import Project, build_site, render_site  # noqa: E402
from builder.site.search import SearchIndex  # noqa: E402

QUERIES = ["上海精神", "shanghai jingshen", "community with a shared future"]


def synthetic(summits: list, n: int) -> list:
    """``n`` summits made from the real ones: copies with each article's paragraphs shuffled."""
    if n <= len(summits):
        return summits[:n]
    out = []
    for k in range(n):
        summit = copy.copy(summits[k % len(summits)])
        summit.ordinal = 1000 + k
        rng = random.Random(k)
        summit.articles = []
        for article in summits[k % len(summits)].articles:
            article = copy.copy(article)
            article.paragraphs = rng.sample(article.paragraphs, len(article.paragraphs))
            summit.articles.append(article)
        out.append(summit)
    return out


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def sizes(files: dict[str, str]) -> dict:
    """gzip sizes (bytes) of the index files by kind."""
    by = {"meta": [], "terms": [], "docs": []}
    for path, text in files.items():
        name = Path(path).name
        kind = "meta" if name == "meta.js" else "terms" if name.startswith("t") else "docs"
        by[kind].append(gz(text.encode("utf-8")))
    return {"total": sum(map(sum, by.values())), "meta": sum(by["meta"]), "shards": len(by["terms"]),
            "shard_max": max(by["terms"]), "shard_mean": statistics.mean(by["terms"]),
            "docs": sum(by["docs"]), "raw": sum(len(t.encode("utf-8")) for t in files.values())}


def timing(site: Path, runs: int) -> dict:
    out = subprocess.run(["node", str(ROOT / "benchmarks" / "search_timing.mjs"), str(site), str(runs), *QUERIES],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def kib(n: float) -> str:
    return f"{n / 1024:.1f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="3,30,300", help="numbers of summits (default 3,30,300)")
    ap.add_argument("--runs", type=int, default=3, help="page loads per query (median shown)")
    ap.add_argument("--no-timing", action="store_true", help="sizes only (no browser)")
    args = ap.parse_args()
    site = render_site(Project(ROOT))
    work = Path(tempfile.mkdtemp(prefix="search-bench-"))
    try:
        return run(args, site, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(args, site, work: Path) -> int:
    project = work / "project"   # a copy, so that the project's own build/ and site/ stay as they are
    project.mkdir()
    for name in ("mkdocs.yml", "content", "templates"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, project / name)
    built = work / "built"
    build_site(Project(project), built)
    library = gz((ROOT / "templates" / "assets" / "vendor" / "minisearch.js").read_bytes())
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    print(f"machine: {os.cpu_count()} cores, {cpu}; Python {platform.python_version()}; {dt.datetime.now():%Y-%m-%d %H:%M}; "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"MiniSearch 7.2.0: {kib(library)} KiB gzip, loaded on the first focus of the box\n")
    rows = []
    for n in [int(x) for x in args.sizes.split(",")]:
        summits = synthetic(site.summits, n)
        start = time.perf_counter()
        index = SearchIndex.build(summits, site.glossary)
        files = index.assets()
        seconds = time.perf_counter() - start
        paragraphs = index.count - index.glossary_count
        row = {"n": n, "paragraphs": paragraphs, "terms": len(index.terms), "build_s": seconds, **sizes(files)}
        if not args.no_timing:
            with tempfile.TemporaryDirectory() as tmp:
                copy_site = Path(tmp) / "site"
                shutil.copytree(built, copy_site)
                shutil.rmtree(copy_site / "assets" / "search", ignore_errors=True)
                for path, text in files.items():
                    (copy_site / path).parent.mkdir(parents=True, exist_ok=True)
                    (copy_site / path).write_text(text, encoding="utf-8")
                row["timing"] = timing(copy_site, args.runs)
        rows.append(row)
        print(f"{n} summits ({'real' if n <= len(site.summits) else 'synthetic'}): {paragraphs} headings and paragraphs, "
              f"{row['terms']} terms; index built in {seconds:.2f} s")
        print(f"  index gzip KiB: all {kib(row['total'])} (raw {kib(row['raw'])}), meta {kib(row['meta'])}, "
              f"{row['shards']} term shards (largest {kib(row['shard_max'])}, mean {kib(row['shard_mean'])}), "
              f"document store {kib(row['docs'])}")
        for network, queries in row.get("timing", {}).get("times", {}).items():
            figures = ", ".join(f"{q!r} {statistics.median(ms):.0f} ms" for q, ms in queries.items())
            sent = ", ".join(f"{kib(b)}" for key, b in row["timing"]["bytes"].items() if key.startswith(network + ":"))
            print(f"  first keystroke → results, CPU 4×, {network}: {figures} (KiB transferred: {sent})")
        print()
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        print(f"growth {a['n']} → {b['n']} summits (×{b['paragraphs'] / a['paragraphs']:.0f} paragraphs): "
              f"index ×{b['total'] / a['total']:.1f}, largest shard ×{b['shard_max'] / a['shard_max']:.1f}, "
              f"mean shard ×{b['shard_mean'] / a['shard_mean']:.1f}, shards {a['shards']} → {b['shards']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
