"""``python -m builder annotate`` as a whole process: time and peak memory against input size, next
to a bare ``jieba.lcut`` process on the same input.

    .venv/bin/python benchmarks/annotate_command.py [--sizes 10000,1000000,10000000] [--workers 1]

Inputs: the three summit pages (every heading and paragraph, one per line), and *varied text* of
10 KB, 1 MB and 10 MB of UTF-8: clauses of the CPP development sentences (``../shared/bench/cpp``)
recombined at random (fixed seed) into new sentences, five to a line, so that sentences do not
repeat (a repeated sentence would be answered from the model's memo). Each run is a fresh process;
the figures are wall-clock seconds, CPU seconds (user + system, the process and its workers) and
peak resident memory: the largest single process (``wait4``) and the whole process tree, sampled
every 20 ms from ``/proc`` (Linux). The jieba process reads the same input from standard input
and cuts it with ``jieba.lcut`` (its own dictionary, loaded from jieba's cache).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

JIEBA = "import sys, logging, jieba; jieba.setLogLevel(logging.WARNING); jieba.lcut(sys.stdin.read())"


def summit_text() -> str:
    from builder.content.summits import load_summits

    return "\n".join(p.text for s in load_summits(ROOT / "content") for p in s.paragraphs()) + "\n"


def varied_text(size: int, cpp: Path, seed: int = 15) -> str:
    """About ``size`` bytes of UTF-8: CPP clauses recombined into new sentences (see the module)."""
    sentences = (cpp / "dev.sent").read_text(encoding="utf-8").replace("\u2581", "").splitlines()
    clauses = [c.strip("。！？；") for s in sentences for c in s.split("，") if c.strip("。！？；")]
    rng = random.Random(seed)
    lines, held = [], 0
    while held < size:
        line = "".join("，".join(rng.choice(clauses) for _ in range(rng.randint(2, 4))) + "。" for _ in range(5))
        lines.append(line)
        held += len(line.encode("utf-8")) + 1
    data = ("\n".join(lines) + "\n").encode("utf-8")[:size]
    return data.decode("utf-8", "ignore")


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants now, in KB (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            with open(f"/proc/{p}/status") as fh:
                total += next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
        except OSError:
            pass
    return total


def run(cmd: list[str], data: str) -> dict:
    """Run ``cmd`` with ``data`` on standard input, output discarded → seconds, CPU and peak memory."""
    with tempfile.TemporaryFile() as stdin:
        stdin.write(data.encode("utf-8"))
        stdin.seek(0)
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.02):
                peak[0] = max(peak[0], _tree_rss_kb(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        err = proc.stderr.read().decode(errors="replace")
        proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err[-2000:]}")
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime,
            "largest_mb": usage.ru_maxrss / 1024, "tree_mb": peak[0] / 1024}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,1000000,10000000", help="bytes of varied text, comma-separated")
    parser.add_argument("--workers", default=None, help="passed to annotate --workers (default: its own default)")
    parser.add_argument("--cpp", type=Path, default=ROOT.parent / "shared" / "bench" / "cpp")
    args = parser.parse_args(argv)

    annotate = [sys.executable, "-m", "builder", "annotate", "--compact"]
    if args.workers:
        annotate += ["--workers", args.workers]
    load = os.getloadavg()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores; load average {load[0]:.2f} {load[1]:.2f} "
          f"{load[2]:.2f}; {time.strftime('%Y-%m-%d %H:%M')}; annotate workers: {args.workers or 'default'}")
    print(f"{'input':<28} {'process':<9} {'seconds':>8} {'CPU s':>7} {'largest':>9} {'tree':>9}")
    inputs = [("summit pages", summit_text())]
    inputs += [(f"varied {int(s) / 1e6:g} MB" if int(s) >= 10**6 else f"varied {int(s) // 1000} KB", varied_text(int(s), args.cpp))
               for s in args.sizes.split(",")]
    for label, data in inputs:
        name = f"{label} ({len(data):,} ch)"
        for process, cmd in (("annotate", annotate), ("jieba", [sys.executable, "-c", JIEBA])):
            r = run(cmd, data)
            print(f"{name:<28} {process:<9} {r['seconds']:>8.2f} {r['cpu']:>7.2f} {r['largest_mb']:>6.0f} MB "
                  f"{r['tree_mb']:>6.0f} MB", flush=True)
            name = ""
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
