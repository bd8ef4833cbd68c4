"""Segmentation of the summit pages: glossary terms as one token, proper names kept whole.

    .venv/bin/python benchmarks/segmentation.py [--show 20]

- Glossary terms: every occurrence of a glossary headword or variant in the page text (longest match
  first, as a reader would mark it) must come out of ``Pipeline.annotate`` as exactly one token
  that carries the term. Target: 100 %.
- Proper names (people, places, organisations; benchmarks/data/proper-names.tsv, listed by hand
  from the pages): an occurrence is kept whole when no token boundary falls inside it (it may sit
  inside a longer token, e.g. 上海合作组织 inside a glossary term). A name with a middle dot
  (伊姆兰·汗) is whole when each of its parts is.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NAMES = Path(__file__).with_name("data") / "proper-names.tsv"


def load_names() -> list[tuple[str, str]]:
    rows = []
    for line in NAMES.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("kind\t"):
            continue
        kind, name = line.split("\t")
        rows.append((kind, name))
    return rows


def occurrences(pattern: re.Pattern, text: str) -> list[re.Match]:
    return list(pattern.finditer(text))


def boundaries(tokens) -> set[int]:
    return {t.start for t in tokens} | {t.end for t in tokens}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", type=int, default=20, help="list this many failures of each kind")
    args = parser.parse_args(argv)

    from builder.content.summits import load_summits
    from builder.text.pipeline import Pipeline
    from builder.text.resources import Resources

    resources = Resources.from_content(ROOT / "content")
    pipeline = Pipeline(resources)
    names = load_names()
    kind_of = dict((name, kind) for kind, name in names)
    name_pattern = re.compile("|".join(map(re.escape, sorted(kind_of, key=len, reverse=True))))

    terms_total = terms_whole = 0
    term_failures = []
    by_kind = collections.defaultdict(lambda: [0, 0])
    name_failures = []
    for summit in load_summits(ROOT / "content"):
        for paragraph in summit.paragraphs():
            text = paragraph.text
            tokens = pipeline.annotate(text)
            spans = {(t.start, t.end): t for t in tokens}
            cuts = boundaries(tokens)
            for m in occurrences(resources.term_pattern, text):
                terms_total += 1
                token = spans.get((m.start(), m.end()))
                if token is not None and token.term is not None:
                    terms_whole += 1
                else:
                    term_failures.append((summit.ordinal, m.group(), [t.text for t in tokens if t.end > m.start() and t.start < m.end()]))
            for m in occurrences(name_pattern, text):
                kind = kind_of[m.group()]
                by_kind[kind][1] += 1
                parts = [(m.start() + p.start(), m.start() + p.end()) for p in re.finditer(r"[^·・]+", m.group())]
                whole = all(not any(a < c < b for c in cuts) for a, b in parts)
                if whole:
                    by_kind[kind][0] += 1
                else:
                    name_failures.append((summit.ordinal, m.group(), [t.text for t in tokens if t.end > m.start() and t.start < m.end()]))

    print("Segmentation of the summit pages (Pipeline.annotate, content/glossary.yml, content/readings.tsv)")
    share = terms_whole / terms_total if terms_total else 1.0
    print(f"  glossary-term occurrences as one token: {share:.1%} ({terms_whole}/{terms_total})")
    names_whole = sum(v[0] for v in by_kind.values())
    names_total = sum(v[1] for v in by_kind.values())
    print(f"  proper-name occurrences kept whole:     {names_whole / names_total:.1%} ({names_whole}/{names_total})")
    for kind in ("person", "place", "organisation"):
        ok, total = by_kind[kind]
        if total:
            print(f"    {kind + 's':<14} {ok / total:.1%} ({ok}/{total})")
    for summit, term, pieces in term_failures[: args.show]:
        print(f"  term split: {summit} {term} → {' / '.join(pieces)}")
    for summit, name, pieces in name_failures[: args.show]:
        print(f"  name split: {summit} {name} → {' / '.join(pieces)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
