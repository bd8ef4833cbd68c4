"""Annotation cache: a rebuild re-annotates only the paragraphs whose text changed.

Stored in ``.cache/annotations-<fingerprint>.pickle``: paragraph text → its tokens. The fingerprint
hashes everything that can change a token: the builder's code and reading data (``builder/**/*.py``,
``builder/*.tsv``), the glossary and reading lexicon, and the jieba, pypinyin and g2pM versions. A stale
or unreadable cache is ignored and rewritten; an unwritable cache folder only costs speed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from importlib.metadata import version
from pathlib import Path

from ..model import Token

BUILDER = Path(__file__).resolve().parents[1]  # the builder package: its code and reading data


def fingerprint(content_dir: Path) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in BUILDER.rglob("*") if p.suffix in (".py", ".tsv") and "data" not in p.parts[len(BUILDER.parts):])
    files += [content_dir / "glossary.yml", content_dir / "readings.tsv"]
    for path in files:
        if path.is_file():
            digest.update(str(path.name).encode())
            digest.update(path.read_bytes())
    for package in ("jieba", "pypinyin", "g2pM"):
        digest.update(version(package).encode())
    return digest.hexdigest()[:16]


class AnnotationCache:
    """``get(text)`` → cached tokens (fresh copies) or None; ``put``; ``save()`` writes it atomically."""

    def __init__(self, cache_dir: Path, content_dir: Path):
        self.path = cache_dir / f"annotations-{fingerprint(content_dir)}.pickle"
        self.cache_dir = cache_dir
        self.changed = False
        try:
            with open(self.path, "rb") as f:
                self.data: dict[str, list[tuple]] = pickle.load(f)
        except Exception:  # missing, truncated or from another version: start empty
            self.data = {}

    def get(self, text: str) -> list[Token] | None:
        rows = self.data.get(text)
        if rows is None:
            return None
        return [Token(text=r[0], start=r[1], pinyin=list(r[2]), display=r[3], term=r[4], term_id=r[5], gloss=r[6],
                      spoken=list(r[7]) if r[7] is not None else None,
                      citation=list(r[8]) if r[8] is not None else None)
                for r in rows]

    def put(self, text: str, tokens: list[Token]) -> None:
        self.data[text] = [(t.text, t.start, tuple(t.pinyin), t.display, t.term, t.term_id, t.gloss,
                            tuple(t.spoken) if t.spoken is not None else None,
                            tuple(t.citation) if t.citation is not None else None) for t in tokens]
        self.changed = True

    def save(self) -> None:
        if not self.changed:
            return
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            for old in self.cache_dir.glob("annotations-*.pickle"):
                if old != self.path:
                    old.unlink(missing_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.cache_dir, prefix=".annotations-", suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(self.data, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        except OSError:
            pass
