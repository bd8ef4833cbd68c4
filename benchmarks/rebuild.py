"""Rebuild time: cold build, unchanged rebuild, and a rebuild after editing one article.

Runs the README's build command (``python -m builder build``) as a maintainer would, in a copy of
the project, and prints wall-clock seconds (best of --runs) with the machine and date.
Usage: ``.venv/bin/python benchmarks/rebuild.py [--runs 3]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    build = [sys.executable, "-m", "builder", "build"]
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        for name in ("mkdocs.yml", "content", "templates"):
            src = ROOT / name
            (shutil.copytree if src.is_dir() else shutil.copy)(src, project / name)
        cold = timed(build, project)  # no annotation cache, no jieba cache
        unchanged = min(timed(build, project) for _ in range(args.runs))
        page = project / "content" / "summits" / "24.md"
        text = page.read_text(encoding="utf-8")
        edited = []
        for i in range(args.runs):
            page.write_text(text.replace("蔡奇、王毅等参加上述活动。", f"蔡奇、王毅等参加上述活动{'。' * (i + 2)}", 1), encoding="utf-8")
            edited.append(timed(build, project))
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    print(f"machine: {os.cpu_count()} cores, {cpu}; Python {platform.python_version()}; {dt.date.today()}")
    print(f"cold build (empty caches):        {cold:5.2f} s")
    print(f"rebuild, nothing changed:         {unchanged:5.2f} s (best of {args.runs})")
    print(f"rebuild after editing one article: {min(edited):5.2f} s (best of {args.runs})")


if __name__ == "__main__":
    main()
