"""Annotation time against input size: is it linear, with and without sentence ends?

    .venv/bin/python benchmarks/linear.py [--max-mb 10] [--modes ends,no-ends,no-punctuation]

The input is the text of the summit pages (``content/summits``) repeated up to each size (10 KB,
100 KB, 1 MB, 10 MB of UTF-8) and annotated as ONE paragraph by the site's pipeline
(``Pipeline.annotate``), the worst case for anything that looks at a sentence or a clause:

- ``ends``: the text as written (sentences end with 。！？；);
- ``no-ends``: every sentence end removed, so the whole input is one sentence;
- ``no-punctuation``: only Han characters, no comma either (one clause).

Each size runs in a fresh process (so caches of a smaller run do not help a larger one) and prints
seconds, characters per second and the peak resident memory. Linear time shows as a roughly constant
characters per second from one size to the next; a quadratic step would divide it by 10 per row.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PROBE = r"""
import json, re, resource, sys, time
sys.path.insert(0, sys.argv[1])
from builder.content.summits import load_summits
from builder.text.pipeline import Pipeline
from builder.text.resources import Resources

size, mode = int(sys.argv[2]), sys.argv[3]
base = "".join(p.text for s in load_summits(sys.argv[1] + "/content") for p in s.paragraphs())
if mode == "no-ends":
    base = re.sub("[。！？；!?;\n]", "", base)
elif mode == "no-punctuation":
    base = re.sub(r"[^\u4e00-\u9fff]", "", base)
data = (base.encode("utf-8") * (size // len(base.encode("utf-8")) + 1))[:size].decode("utf-8", "ignore")
pipeline = Pipeline(Resources.from_content(sys.argv[1] + "/content"))
pipeline.annotate(base[:2000])  # load jieba, the reading data and the model first
started = time.perf_counter()
tokens = pipeline.annotate(data)
seconds = time.perf_counter() - started
assert "".join(t.text for t in tokens) == data
print(json.dumps({"chars": len(data), "seconds": seconds,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

SIZES = [10_000, 100_000, 1_000_000, 10_000_000]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-mb", type=float, default=10, help="largest input, in MB (default: 10)")
    parser.add_argument("--modes", default="ends,no-ends,no-punctuation")
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
          f"{time.strftime('%Y-%m-%d %H:%M')}")
    print(f"{'mode':<15} {'input':>8} {'characters':>11} {'seconds':>8} {'chars/s':>9} {'peak RSS':>9}")
    for mode in args.modes.split(","):
        for size in [s for s in SIZES if s <= args.max_mb * 1_000_000]:
            done = subprocess.run([sys.executable, "-c", PROBE, str(ROOT), str(size), mode],
                                  capture_output=True, text=True, check=True)
            r = json.loads(done.stdout.strip().splitlines()[-1])
            label = f"{size / 1e6:g} MB" if size >= 1_000_000 else f"{size // 1000} KB"
            print(f"{mode:<15} {label:>8} {r['chars']:>11,} {r['seconds']:>8.2f} {r['chars'] / r['seconds']:>9,.0f} "
                  f"{r['rss_mb']:>6.0f} MB", flush=True)


if __name__ == "__main__":
    main()
