"""Article boundaries the importer finds, against the truth: the seeds and the multi-article fixtures.

    .venv/bin/python benchmarks/import_boundaries.py

Truth: ``../shared/reference/articles.md`` for the seeds (each part's character offset, as a line),
``tests/data/importer/NAME.truth`` for each fixture ``NAME.txt`` (pages of other layouts: web copy
with headlines and bylines; a speech, a report and commentaries; a hard-wrapped column with section
headings), and ``tests/data/importer/heldout/`` (written after the rules, never used to tune them,
reported apart). Prints, per file, the truth starts found, missed and merged into another article, and the
starts found that no truth lists (where the truth is coarser: see ``builder/importer/boundaries.py``).
Targets (issue 12): 95 % or more found, no merged articles.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from builder.importer import import_files  # noqa: E402
from builder.importer.boundaries import read_truth, score, seed_truth  # noqa: E402

FIXTURES = ROOT / "tests" / "data" / "importer"


def cases(shared: Path = ROOT.parent / "shared") -> list[tuple[str, list[Path], dict[str, list[int]]]]:
    """[(label, raw files, truth)]: the seeds (when ``shared`` has them) and the fixtures."""
    out = []
    seeds = sorted((shared / "seeds").glob("*.txt"))
    if seeds:
        out.append(("seeds", seeds, seed_truth(shared / "reference" / "articles.md", shared / "seeds")))
    for label, folder in (("fixtures", FIXTURES), ("held-out", FIXTURES / "heldout")):
        fixtures = sorted(folder.glob("*.txt"))
        out.append((label, fixtures, {p.name: read_truth(p.with_suffix(".truth")) for p in fixtures}))
    return out


def main() -> int:
    print(f"{'set':9} {'file':30} {'truth':>5} {'found':>5} {'merged':>6}  missed / extra (line numbers)")
    for label, files, truth in cases():
        total = found = merged = 0
        for s in score(import_files(files, None), truth):
            total, found, merged = total + len(s.truth), found + len(s.hits), merged + len(s.merged)
            print(f"{label:9} {s.name:30} {len(s.truth):5} {len(s.hits):5} {len(s.merged):6}  "
                  f"{s.missed or '-'} / {s.extra or '-'}")
        print(f"{label:9} {'all':30} {total:5} {found:5} {merged:6}  {found / total:.1%} found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
