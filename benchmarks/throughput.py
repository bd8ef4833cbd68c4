"""Annotation throughput and start-up cost, on the three summit pages.

    .venv/bin/python benchmarks/throughput.py [--repeat 5]

Prints, in one run on the same text: characters per second of the whole pipeline
(``Pipeline.annotate`` over every heading and paragraph, as the site build calls it), of the pipeline
without the context model, and of bare ``jieba.lcut``; then the cold start (imports, content,
jieba's dictionary, the reading data) and what the context model (g2pM) costs to load: time and
resident memory, measured in a fresh process so that nothing is loaded before.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    """Resident memory of this process now (Linux), in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


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
from builder.text.pipeline import Pipeline
from builder.text.resources import Resources
t1 = time.perf_counter()
resources = Resources.from_content(sys.argv[1] + '/content')
summits = load_summits(sys.argv[1] + '/content')
t2 = time.perf_counter()
pipeline = Pipeline(resources)
first = True
for s in summits:
    for p in s.paragraphs():
        p.tokens = pipeline.annotate(p.text)
        if first:
            t3 = time.perf_counter(); first = False
t4 = time.perf_counter()
print(json.dumps({'imports_s': t1 - t0, 'content_s': t2 - t1, 'first_paragraph_s': t3 - t2, 'all_pages_s': t4 - t2}))
"""


def probe(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def timed(fn, texts, repeat: int) -> float:
    from builder.text import g2p

    best = float("inf")
    for _ in range(repeat):
        if g2p.model() is not None:
            g2p.model().clear_memo()  # every pass pays the model in full (no sentence seen before)
        t0 = time.perf_counter()
        for text in texts:
            fn(text)
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes over the text; the fastest counts")
    args = parser.parse_args(argv)

    import logging

    import jieba

    from builder.content.summits import load_summits
    from builder.text.pipeline import RULES, Pipeline
    from builder.text.resources import Resources
    from builder.text.rules.read import make_read
    from builder.text.syllables import han_count

    cold = probe(COLD_PROBE)
    model_cost = probe(MODEL_PROBE)

    resources = Resources.from_content(ROOT / "content")
    texts = [p.text for s in load_summits(ROOT / "content") for p in s.paragraphs()]
    chars = sum(map(len, texts))
    han = sum(map(han_count, texts))

    full = Pipeline(resources)
    no_model = Pipeline(resources, rules=[(n, make_read(model=False) if n == "read" else r) for n, r in RULES])
    jieba.setLogLevel(logging.WARNING)
    bare = jieba.Tokenizer()
    bare.lcut("预热")
    for p in (full, no_model):
        p.annotate("预热一下，为了推动。")

    t_full = timed(full.annotate, texts, args.repeat)
    t_no_model = timed(no_model.annotate, texts, args.repeat)
    t_jieba = timed(bare.lcut, texts, args.repeat)

    print(f"Throughput on the three summit pages: {len(texts)} paragraphs, {chars:,} characters ({han:,} Han); "
          f"best of {args.repeat} passes")
    print(f"  Python {platform.python_version()}, {platform.machine()}, {platform.processor() or platform.platform()}")
    print(f"  pipeline (Pipeline.annotate, as the site)  {chars / t_full:>10,.0f} chars/s  ({t_full * 1000:.0f} ms)")
    print(f"  pipeline without the context model        {chars / t_no_model:>10,.0f} chars/s  ({t_no_model * 1000:.0f} ms)")
    print(f"  bare jieba.lcut                            {chars / t_jieba:>10,.0f} chars/s  ({t_jieba * 1000:.0f} ms)")
    print("Cold start in a fresh process (what a rebuild pays before and while annotating):")
    print(f"  imports {cold['imports_s']:.2f} s, content {cold['content_s']:.2f} s, first paragraph "
          f"(jieba dictionary, reading data) {cold['first_paragraph_s']:.2f} s, all three pages annotated "
          f"{cold['all_pages_s']:.2f} s after loading the content")
    print("Context model (g2pM weights from its wheel), loaded on first need:")
    print(f"  readings table {model_cost['table_s'] * 1000:.0f} ms, +{model_cost['table_mb']:.1f} MB; "
          f"network (numpy import + weights + first sentence) {model_cost['net_s'] * 1000:.0f} ms, "
          f"+{model_cost['net_mb']:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
