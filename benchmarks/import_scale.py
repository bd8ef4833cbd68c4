"""Import time against input size: is the importer linear? (issues 12 and 13)

    .venv/bin/python benchmarks/import_scale.py [--max-mb 10] [--shape articles|run-on|one-line]

Builds raw inputs of 10 KB, 100 KB, 1 MB and 10 MB (up to ``--max-mb``) and times
``import_files`` on each (every step: decode to drafts and page drafts, nothing written), in this
process, one after the other. Shapes:

- ``articles``: a newspaper-like page of distinct articles: headline, dateline, 4-10 paragraphs made
  of sentences drawn from the seeds and fixtures (seeded random order, so articles share phrases
  and sentences, as reports of one summit do, without being copies); every 50th article is
  repeated (a reprint), so the copy check has work;
- ``run-on``: one hard-wrapped column with no blank line and no sentence end (every 。！？ removed);
- ``one-line``: the same text on a single line.

Prints size, CPU seconds of this process (steadier than wall-clock time on a shared machine; both
are printed), characters per CPU second and the ratio of CPU time to the previous size's (linear:
about 10 for each 10-fold size).
"""

from __future__ import annotations

import argparse
import platform
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from builder.importer import import_files  # noqa: E402
from builder.importer.model import SourceFile, State  # noqa: E402
from builder.importer.pipeline import run_rules  # noqa: E402

SOURCES = [*sorted((ROOT.parent / "shared" / "seeds").glob("*.txt")), *sorted((ROOT / "tests" / "data" / "importer").glob("*.txt"))]


def sentences() -> list[str]:
    """Sentences (ending in 。！？) of the seeds and fixtures, whitespace removed."""
    out = []
    for path in SOURCES:
        text = re.sub(r"\s+", "", path.read_text(encoding="utf-8"))
        out += [s for s in re.findall(r"[^。！？]{8,160}[。！？]", text) if "电" not in s[:12]]
    return out


def articles_text(size: int, rng: random.Random) -> str:
    pool = sentences()
    parts: list[str] = []
    total, n = 0, 0
    while total < size:
        n += 1
        if n % 50 == 0 and len(parts) > 1:
            article = parts[rng.randrange(len(parts))]  # a reprint
        else:
            head = rng.choice(pool)[:rng.randint(10, 24)].rstrip("，。、；：！？“”")
            month, day = rng.randint(1, 12), rng.randint(1, 28)
            paras = ["".join(rng.choice(pool) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(4, 10))]
            paras[0] = f"新华社北京{month}月{day}日电 {paras[0]}"
            article = f"{head}第{n}号\n\n" + "\n\n".join(paras) + "\n\n"
        parts.append(article)
        total += len(article.encode("utf-8"))
    return "".join(parts)


def run_on_text(size: int, rng: random.Random, one_line: bool) -> str:
    pool = [re.sub("[。！？]", "", s) for s in sentences()]
    out, total = [], 0
    while total < size:
        s = rng.choice(pool)
        out.append(s)
        total += len(s.encode("utf-8"))
    text = "".join(out)
    return text if one_line else "\n".join(text[i:i + 30] for i in range(0, len(text), 30))


def make(shape: str, size: int) -> bytes:
    rng = random.Random(size)
    text = articles_text(size, rng) if shape == "articles" else run_on_text(size, rng, shape == "one-line")
    return text.encode("utf-8")[:size].decode("utf-8", "ignore").encode("utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-mb", type=float, default=10)
    parser.add_argument("--shape", choices=("articles", "run-on", "one-line"), default="articles")
    args = parser.parse_args()
    print(f"# {platform.node()} · Python {platform.python_version()} · shape {args.shape} · "
          f"{time.strftime('%Y-%m-%d %H:%M')} · load {Path('/proc/loadavg').read_text().split()[:3]}")
    print(f"{'size':>8} {'cpu s':>8} {'wall s':>8} {'chars/s':>10} {'ratio':>6}  articles written")
    import_files(SOURCES[:1], None)  # imports and caches warmed
    previous = None
    size = 10_000
    while size <= args.max_mb * 1_000_000 + 1:
        data = make(args.shape, size)
        started, cpu = time.perf_counter(), time.process_time()
        state = run_rules(State([SourceFile(f"{args.shape}.txt", data)]))
        wall, seconds = time.perf_counter() - started, time.process_time() - cpu
        chars = len(data.decode("utf-8"))
        ratio = f"{seconds / previous:6.1f}" if previous else "     -"
        print(f"{len(data) / 1000:7.0f}K {seconds:8.2f} {wall:8.2f} {chars / seconds:10,.0f} {ratio}  "
              f"{len(state.articles)} {len(state.written)}", flush=True)
        previous = seconds
        size *= 10
    return 0


if __name__ == "__main__":
    sys.exit(main())
