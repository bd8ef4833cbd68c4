"""Annotation throughput against bare jieba, and start-up cost, in one process.

    .venv/bin/python benchmarks/throughput.py [--repeat 7] [--cpp 3000]

Two texts: the three summit pages (every heading and paragraph, as the build annotates them) and
varied text, the first ``--cpp`` sentences of the CPP development split (``../shared/bench/cpp``).
On each, in one run and interleaved pass by pass (so both sides see the same load):

- the site's annotation as the build calls it: ``annotate_many(texts, resources, workers=1)``
  (rule by rule over chunks of texts, one batch of the context model per chunk);
- ``Pipeline.annotate`` text by text (the path before batching);
- the same without the context model;
- bare ``jieba.lcut`` text by text (jieba's own dictionary, fully loaded before timing), with the
  cyclic garbage collector paused as the annotation pauses it (``builder.text.gcpause``), so the
  dictionaries this process holds do not slow jieba's passes either.

Each figure is characters per second of CPU time of this process (``time.process_time``; the
machine is shared, and CPU time moves less than wall time), the best of ``--repeat`` passes, with
the ratio to bare jieba. Before every pass the model's memo of sentences and the segmenter's memo
of clauses (``LazyTokenizer.forget_blocks``) are emptied, so every pass runs the network on every
sentence and jieba on every clause (a sentence or clause repeated within the text is still read
once); the per-word memos stay (words repeat in any text). "first
pass" is one pass of ``annotate_many`` with every memo empty (fresh resources, jieba's words for
the text read beforehand, as jieba's own dictionary is): what a cold build pays per character.

Then the cold start (imports, content, first paragraph, all pages) and what the context model
costs to load, each measured in a fresh process so that nothing is loaded before.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MODEL_PROBE = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
def rss():
    for line in Path('/proc/self/status').read_text().splitlines():
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) / 1024
import builder.text.rules.read  # pypinyin and the rule code, as the build has them
r0 = rss(); t0 = time.perf_counter()
from builder.text import g2p
m = g2p.model()                      # the readings table only (pickle, no numpy)
t1 = time.perf_counter(); r1 = rss()
m.predict('他们还在讨论。', [2])      # numpy import + weights + one sentence
t2 = time.perf_counter(); r2 = rss()
print(json.dumps({'table_s': t1 - t0, 'table_mb': r1 - r0, 'net_s': t2 - t1, 'net_mb': r2 - r1}))
"""

COLD_PROBE = r"""
import json, sys, time
t0 = time.perf_counter()
sys.path.insert(0, sys.argv[1])
from builder.content.summits import load_summits
from builder.text.parallel import annotate_many
from builder.text.resources import Resources
t1 = time.perf_counter()
resources = Resources.from_content(sys.argv[1] + '/content')
summits = load_summits(sys.argv[1] + '/content')
t2 = time.perf_counter()
texts = [p.text for s in summits for p in s.paragraphs()]
annotate_many(texts[:1], resources, workers=1)
t3 = time.perf_counter()
annotate_many(texts[1:], resources, workers=1)
t4 = time.perf_counter()
print(json.dumps({'imports_s': t1 - t0, 'content_s': t2 - t1, 'first_paragraph_s': t3 - t2, 'all_pages_s': t4 - t2}))
"""


def probe(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def cpu(fn) -> float:
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def bare_lcut(tokenizer, texts: list[str]) -> list[list[str]]:
    """``jieba.lcut`` text by text, with the cyclic garbage collector paused as annotation pauses it
    (``builder.text.gcpause``): else its walks over this process's loaded dictionaries would slow
    jieba here, where they would not in a process of its own."""
    from builder.text.gcpause import cyclic_gc_paused

    with cyclic_gc_paused():
        return [tokenizer.lcut(t) for t in texts]


def compare(label: str, texts: list[str], repeat: int) -> None:
    """Print the figures of the module's docstring for ``texts``."""
    import logging

    import jieba

    from builder.text import g2p
    from builder.text.parallel import annotate_many
    from builder.text.pipeline import RULES, Pipeline
    from builder.text.resources import Resources
    from builder.text.rules.read import make_read

    chars = sum(map(len, texts))
    model = g2p.model()
    # First pass: fresh resources (every per-word memo empty), jieba's words for the text read first.
    fresh = Resources.from_content(ROOT / "content")
    fresh.tokenizer.load("\n".join(texts))
    annotate_many(["预热一下，为了推动。"], fresh, workers=1)  # the lazy loads: dictionary, model, tables
    model.clear_memo()
    first = cpu(lambda: annotate_many(texts, fresh, workers=1))

    resources = Resources.from_content(ROOT / "content")
    site = Pipeline(resources)
    no_model = Pipeline(resources, rules=[(n, make_read(model=False) if n == "read" else r) for n, r in RULES])
    jieba.setLogLevel(logging.WARNING)
    bare = jieba.Tokenizer()
    bare.initialize()
    runs = {
        "annotate_many (as the build)": lambda: annotate_many(texts, site, workers=1),
        "Pipeline.annotate, text by text": lambda: [site.annotate(t) for t in texts],
        "  the same without the model": lambda: [no_model.annotate(t) for t in texts],
        "bare jieba.lcut, text by text": lambda: bare_lcut(bare, texts),
    }
    best = {name: float("inf") for name in runs}
    for _ in range(repeat):
        for name, fn in runs.items():
            # Every pass pays the network and jieba in full: no sentence, no clause seen before.
            if model is not None:
                model.clear_memo()
            resources.tokenizer.forget_blocks()
            best[name] = min(best[name], cpu(fn))
    jieba_rate = chars / best["bare jieba.lcut, text by text"]
    print(f"{label}: {len(texts):,} texts, {chars:,} characters; CPU time, best of {repeat} passes")
    print(f"  {'':<34} {'chars/s':>10} {'ms':>7} {'vs jieba':>9}")
    for name, seconds in list(best.items())[:1] + [("  first pass (nothing memoised)", first)] + list(best.items())[1:]:
        rate = chars / seconds
        print(f"  {name:<34} {rate:>10,.0f} {seconds * 1000:>7.0f} {rate / jieba_rate:>8.2f}x")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="passes over each text; the fastest counts")
    parser.add_argument("--cpp", type=int, default=3000, help="CPP dev sentences for the varied text (0: none)")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "bench" / "cpp")
    args = parser.parse_args(argv)

    from builder.content.summits import load_summits

    load = os.getloadavg()
    print(f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores; load average "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {time.strftime('%Y-%m-%d %H:%M')}")
    cold = probe(COLD_PROBE)
    model_cost = probe(MODEL_PROBE)
    compare("The three summit pages", [p.text for s in load_summits(ROOT / "content") for p in s.paragraphs()], args.repeat)
    if args.cpp and (args.data / "dev.sent").is_file():
        lines = (args.data / "dev.sent").read_text(encoding="utf-8").replace("\u2581", "").splitlines()
        compare("Varied text (CPP dev sentences)", lines[: args.cpp], args.repeat)
    print("Cold start in a fresh process (what a rebuild pays before and while annotating):")
    print(f"  imports {cold['imports_s']:.2f} s, content {cold['content_s']:.2f} s, first paragraph "
          f"(jieba's words, CC-CEDICT, the reading data) {cold['first_paragraph_s']:.2f} s, all three pages "
          f"annotated {cold['all_pages_s']:.2f} s after loading the content")
    print("Context model (g2pM weights from its wheel), loaded on first need:")
    print(f"  readings table {model_cost['table_s'] * 1000:.0f} ms, +{model_cost['table_mb']:.1f} MB; "
          f"network (numpy import + weights + first sentence) {model_cost['net_s'] * 1000:.0f} ms, "
          f"+{model_cost['net_mb']:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
