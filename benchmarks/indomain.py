"""In-domain accuracy: the readings of the summit pages against the hand-made gold.

    .venv/bin/python benchmarks/indomain.py [--pipeline site] [--show 30]

Gold: tests/data/gold-readings.tsv (every occurrence of a polyphonic character on the three pages;
its header says how it was made). A gold reading ``a|b`` accepts either. The test
tests/test_readings.py asserts 100 % for the site's pipeline; this prints the figure for any
variant (benchmarks/variants.py), e.g. ``--pipeline before`` for the reader before issue #4.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

GOLD = ROOT / "tests" / "data" / "gold-readings.tsv"


def main(argv: list[str] | None = None) -> int:
    import variants

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pipeline", default="site", choices=variants.NAMES)
    parser.add_argument("--show", type=int, default=30, help="list this many disagreements")
    args = parser.parse_args(argv)

    from builder.content.summits import load_summits
    from builder.text.syllables import is_han

    pipeline = variants.pipeline(args.pipeline)
    site = {}
    for summit in load_summits(ROOT / "content"):
        for a, article in enumerate(summit.articles):
            for p, paragraph in enumerate([article.heading] + article.paragraphs):
                for token in pipeline.annotate(paragraph.text):
                    k = 0
                    for i, ch in enumerate(token.text):
                        if is_han(ch):
                            site[(summit.ordinal, a, p, token.start + i)] = (token.pinyin[k], token.text)
                            k += 1
    total = right = 0
    wrong = []
    by_char = collections.Counter()
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("summit\t"):
            continue
        s, a, p, off, ch, reading, context = line.split("\t")
        syllable, token = site[(int(s), int(a), int(p), int(off))]
        total += 1
        if syllable in reading.split("|"):
            right += 1
        else:
            by_char[ch] += 1
            wrong.append(f"  {s} {a} {p} {off}  {context}  got {syllable} (in {token}), gold {reading}")
    print(f"In-domain gold ({args.pipeline}): {right / total:.2%} ({right}/{total}, {total - right} wrong)")
    if by_char:
        print("  errors by character: " + ", ".join(f"{c}×{n}" for c, n in by_char.most_common(15)))
    print("\n".join(wrong[: args.show]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
