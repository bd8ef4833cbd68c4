"""What a build shows while it runs: progress bars (tqdm) on a terminal, and where the time went.

``Progress`` draws one tqdm bar per long step (paragraphs annotated, summit pages read, files
rendered and written, pages framed by the theme) on standard error — only when standard error is a
terminal, so logs, CI and tests stay quiet — and times each stage (``stage(name)``). With
``profile`` it prints a table of the stages, their wall-clock seconds and what they did, at the end.
"""

from __future__ import annotations

import contextlib
import resource
import sys
import time
from dataclasses import dataclass, field

from tqdm import tqdm


class _Bar(tqdm):
    """tqdm without its monitor thread: the annotation pool (``builder.text.parallel``) forks its workers
    only while this process runs a single thread (else it starts them fresh, loading everything again)."""

    monitor_interval = 0


@dataclass
class Stage:
    name: str
    seconds: float = 0.0
    note: str = ""
    peak_mb: float = 0.0  # the process's peak resident memory so far, at the stage's end


@dataclass
class Progress:
    """Bars and stage times of one build. ``bars``: draw bars (default: standard error is a terminal)."""

    bars: bool | None = None
    stages: list[Stage] = field(default_factory=list)

    def __post_init__(self):
        if self.bars is None:
            self.bars = sys.stderr.isatty()

    @contextlib.contextmanager
    def stage(self, name: str):
        """Time the ``with`` block as stage ``name``; the block may set ``.note`` on what it gets."""
        found = Stage(name)
        self.stages.append(found)
        start = time.perf_counter()
        try:
            yield found
        finally:
            found.seconds += time.perf_counter() - start
            found.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    @contextlib.contextmanager
    def bar(self, total: int | None, unit: str, desc: str):
        """A tqdm bar of ``total`` ``unit`` (``update(n)`` advances it; ``None``: a count without a total);
        a do-nothing one when quiet."""
        if not self.bars or (total is not None and total <= 0):
            yield lambda n=1: None
            return
        with _Bar(total=total, unit=unit, desc=desc, leave=False, file=sys.stderr, dynamic_ncols=True,
                  mininterval=0.25) as shown:
            yield shown.update

    def table(self) -> str:
        """The stages as aligned text lines: name, seconds, share of the total, the process's peak memory
        so far (MB, this process only: not the annotation pool's workers), note."""
        total = sum(s.seconds for s in self.stages) or 1.0
        width = max((len(s.name) for s in self.stages), default=5)
        lines = [f"{'stage':<{width}}  {'seconds':>8}  {'share':>5}  {'peak MB':>7}  what"]
        for s in self.stages:
            lines.append(f"{s.name:<{width}}  {s.seconds:8.2f}  {s.seconds / total:5.0%}  {s.peak_mb:7.0f}  {s.note}")
        lines.append(f"{'total':<{width}}  {total:8.2f}")
        return "\n".join(lines)
