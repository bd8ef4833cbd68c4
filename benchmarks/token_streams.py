"""Identical output before and after a change to the annotation code: save the token streams, compare.

    .venv/bin/python benchmarks/token_streams.py --save /tmp/before.jsonl.gz      # on the old code
    .venv/bin/python benchmarks/token_streams.py --compare /tmp/before.jsonl.gz   # on the new code

The texts: every heading and paragraph of ``content/summits`` (each annotated alone, as the build
does), every sentence of the CPP development split (``../shared/bench/cpp/dev.sent``, markers
removed) and every line of the seed articles (``../shared/seeds``). Every field of every token is
kept (text, start, pinyin, display, term, term_id, gloss, spoken, citation), one JSON line per text.
``--compare`` prints the number of texts whose tokens differ and the first differences, and exits 1
when there is any. ``--workers N`` annotates with ``builder.text.parallel.annotate_many`` instead of
one ``Pipeline.annotate`` per text (the parallel path must give the same streams).

The saved file is the old code's output, not a reference of truth: it only says "unchanged".
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MARK = "\u2581"


def texts(cpp: Path, seeds: Path) -> list[str]:
    """The texts to annotate, in a fixed order (see the module)."""
    from builder.content.summits import load_summits

    out = [p.text for s in load_summits(ROOT / "content") for p in s.paragraphs()]
    if (cpp / "dev.sent").is_file():
        out += [line.replace(MARK, "") for line in (cpp / "dev.sent").read_text(encoding="utf-8").splitlines()]
    for path in sorted(seeds.glob("*.txt")):
        out += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


def streams(items: list[str], workers: int | None) -> list[str]:
    """One JSON line per text: every field of every token."""
    from builder.text.pipeline import Pipeline
    from builder.text.resources import Resources

    resources = Resources.from_content(ROOT / "content")
    if workers is None:
        pipeline = Pipeline(resources)
        annotated = [pipeline.annotate(text) for text in items]
    else:
        from builder.text.parallel import annotate_many

        annotated = annotate_many(items, resources, workers=workers)
    return [json.dumps([dataclasses.asdict(t) for t in tokens], ensure_ascii=False) for tokens in annotated]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, help="write the token streams to this file (.jsonl.gz)")
    action.add_argument("--compare", type=Path, help="compare the token streams with this file")
    parser.add_argument("--cpp", type=Path, default=ROOT.parent / "shared" / "bench" / "cpp")
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--workers", type=int, default=None, help="annotate with annotate_many(workers=N)")
    parser.add_argument("--show", type=int, default=5, help="differences to print")
    args = parser.parse_args(argv)

    items = texts(args.cpp, args.seeds)
    started = time.perf_counter()
    lines = streams(items, args.workers)
    seconds = time.perf_counter() - started
    print(f"{len(items):,} texts, {sum(map(len, items)):,} characters annotated in {seconds:.1f} s")
    if args.save:
        with gzip.open(args.save, "wt", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
        print(f"saved to {args.save}")
        return 0
    with gzip.open(args.compare, "rt", encoding="utf-8") as fh:
        saved = fh.read().splitlines()
    if len(saved) != len(lines):
        print(f"different number of texts: {len(saved)} saved, {len(lines)} now")
        return 1
    differ = [k for k, (a, b) in enumerate(zip(saved, lines)) if a != b]
    print(f"{len(lines) - len(differ):,} of {len(lines):,} texts give identical token streams; {len(differ)} differ")
    for k in differ[: args.show]:
        old, new = json.loads(saved[k]), json.loads(lines[k])
        first = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
        print(f"  text {k}: {items[k][:60]!r}\n    saved {old[first:first + 1]}\n    now   {new[first:first + 1]}")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
