"""Study tools at scale: the vocabulary pages and downloads for N summits (builder/site/study.py).

    .venv/bin/python benchmarks/study.py [--sizes 3,30,300]

The real summit pages are loaded and annotated once (the annotation cache in .cache/ helps); N summits
are copies of them with new meeting numbers (the same text: distinct words do not grow with the copies,
counts do, so the site-wide level pages stay as many as for 3 summits; the index grows one row per
summit). For each N this times the word lists and pages (``Study.pages``) and the downloads
(``Study.files``: decks, CSV, TSV, Pleco, plain, made one at a time as the build writes them), and prints the largest vocabulary page, the index
page, the number of files and their total size, the process's peak memory so far, with the machine, date and load. Figures are upper
bounds on a shared machine.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="3,30,300")
    args = parser.parse_args()

    from builder.content.summits import load_summits
    import resource

    from builder.site.build import annotate_all
    from builder.site.cache import AnnotationCache
    from builder.site.pages import Site
    from builder.site.render import Renderer
    from builder.site.words import WordData
    from builder.text.pipeline import Pipeline
    from builder.text.resources import Resources

    resources = Resources.from_content(ROOT / "content")
    real = load_summits(ROOT / "content")
    annotate_all(real, Pipeline(resources), AnnotationCache(ROOT / ".cache", ROOT / "content"))
    print(f"# {platform.node()} · {os.cpu_count()} cores (shared) · {dt.datetime.now():%Y-%m-%d %H:%M} · "
          f"load {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("| summits | pages (s) | files (s) | vocabulary pages | largest page (KB) | index (KB) | files | files (MB) | peak RSS (MB) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in [int(x) for x in args.sizes.split(",")]:
        summits = []
        for k in range(n):
            summit = copy.copy(real[k % len(real)])
            summit.ordinal = 100 + k if k >= len(real) else summit.ordinal
            summits.append(summit)
        site = Site(summits, resources.glossary, Renderer(ROOT / "templates"), WordData(lambda: resources.dictionary),
                    "https://example.org/", 1_700_000_000)
        study = site.study
        started = time.perf_counter()
        pages = study.pages()
        page_time = time.perf_counter() - started
        started = time.perf_counter()
        file_sizes = [len(data) for data in study.files.values()]  # made one by one, as the build writes them
        file_time = time.perf_counter() - started
        sizes = {name: len(text.encode("utf-8")) for name, text in pages.items()}
        print(f"| {n} | {page_time:.1f} | {file_time:.1f} | {len(pages)} | {max(sizes.values()) / 1000:.0f} | "
              f"{sizes['vocabulary.md'] / 1000:.0f} | {len(file_sizes)} | {sum(file_sizes) / 1e6:.1f} | "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000:.0f} |", flush=True)


if __name__ == "__main__":
    main()
