"""Annotation of many texts: rule by rule in chunks (one model batch per chunk), on several cores.

``annotate_many(texts, resources, workers=…)`` is what the site build calls for the paragraphs the
annotation cache does not have; ``iter_annotate`` is the same as a stream, for input of any size
(``python -m builder annotate``). Both give exactly the tokens ``Pipeline.annotate`` gives each
text alone, in order, whatever the number of workers (tests/test_throughput.py).

Texts are grouped into chunks of about CHUNK_CHARS characters, each annotated with
``Pipeline.annotate_batch``. With ``workers`` > 1, the first chunk is annotated in this process
(which loads the dictionaries, jieba's words and the model once), then ``workers - 1`` pool
processes and this one share the rest (this process takes every ``workers``-th chunk), at most
two chunks per worker in flight, so memory stays bounded however many texts come. Workers are forked where the platform allows it and this process runs no other
thread (they then share what this process has loaded), else started fresh (spawn), loading the
resources themselves from ``.cache/``. Less than MIN_PARALLEL_CHARS characters run in this
process: starting workers would cost more than it saves.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator

from ..model import Token
from .pipeline import RULES, Pipeline
from .resources import Resources

#: Characters of text annotated as one batch (one chunk of work for a worker).
CHUNK_CHARS = 16_384
#: Less text than this is annotated in this process, whatever ``workers`` says.
MIN_PARALLEL_CHARS = 65_536

_FIELDS = [f.name for f in dataclasses.fields(Token)]
_worker_pipeline: Pipeline | None = None


def default_workers() -> int:
    """The cores this process may run on (``os.sched_getaffinity`` where there is one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def annotate_many(texts: Iterable[str], resources: Resources | Pipeline, workers: int | None = None) -> list[list[Token]]:
    """Annotate each of ``texts`` → one ``list[Token]`` per text, in order, as ``Pipeline.annotate``.

    ``resources``: the ``Resources`` to annotate with (the site's rules), or a ``Pipeline`` (or any
    object with ``annotate(text)``; without ``annotate_batch`` it annotates text by text).
    ``workers``: processes to use (default: every core); fewer than MIN_PARALLEL_CHARS characters
    in all run in this process. Raises what the rules raise.
    """
    texts = list(texts)
    pipeline = Pipeline(resources) if isinstance(resources, Resources) else resources
    return list(iter_annotate(texts, pipeline, workers_for(sum(map(len, texts)), workers)))


def workers_for(chars: int, workers: int | None = None) -> int:
    """Processes to annotate ``chars`` characters with: ``workers`` (default every core), but one
    below MIN_PARALLEL_CHARS."""
    if chars < MIN_PARALLEL_CHARS:
        return 1
    return max(1, workers if workers is not None else default_workers())


def chunks(texts: Iterable[str], size: int | None = None) -> Iterator[list[str]]:
    """Consecutive texts grouped until a group holds ``size`` (default CHUNK_CHARS) characters or
    more (one text at least)."""
    size = CHUNK_CHARS if size is None else size
    group, held = [], 0
    for text in texts:
        group.append(text)
        held += len(text)
        if held >= size:
            yield group
            group, held = [], 0
    if group:
        yield group


def iter_annotate(texts: Iterable[str], pipeline: Pipeline, workers: int = 1) -> Iterator[list[Token]]:
    """Yield the tokens of each of ``texts`` in order, reading ``texts`` lazily (see the module).

    With ``workers`` > 1, ``workers - 1`` pool processes and this one share the chunks after the
    first. A pipeline whose rules are not the site's own (``pipeline.RULES``) runs in this process
    unless workers can be forked.
    """
    groups = chunks(texts)
    first = next(groups, None)
    if first is None:
        return
    yield from _batch(pipeline, first)
    context, payload = _start(pipeline) if workers > 1 else (None, None)
    if context is None:
        for group in groups:
            yield from _batch(pipeline, group)
        return
    with context.Pool(workers - 1, initializer=_start_worker, initargs=(payload,)) as pool:
        waiting: deque = deque()  # results in input order: a worker's (AsyncResult) or this process's
        for k, group in enumerate(groups):
            if k % workers == workers - 1:  # every workers-th chunk is annotated here, between the others
                waiting.append(_Here(_batch(pipeline, group)))
            else:
                waiting.append(pool.apply_async(_annotate_packed, (group,)))
            while len(waiting) > 2 * workers:
                yield from _result(waiting.popleft())
        while waiting:
            yield from _result(waiting.popleft())


class _Here:
    """A chunk annotated in this process, waiting for its turn in the output."""

    __slots__ = ("tokens",)

    def __init__(self, tokens: list[list[Token]]):
        self.tokens = tokens


def _result(waiting) -> Iterator[list[Token]] | list[list[Token]]:
    return waiting.tokens if isinstance(waiting, _Here) else _unpack(waiting.get())


def _start(pipeline: Pipeline):
    """The multiprocessing context for the pool and what its workers are given to build their pipeline."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork"), pipeline  # inherited, not pickled
    site_rules = dict(RULES)
    if not isinstance(pipeline, Pipeline) or any(site_rules.get(name) is not rule for name, rule in pipeline.rules):
        return None, None  # rules that cannot be named to a fresh process: run here
    return multiprocessing.get_context("spawn"), (pipeline.resources, [name for name, _ in pipeline.rules])


def _start_worker(payload) -> None:
    global _worker_pipeline
    if isinstance(payload, Pipeline):
        _worker_pipeline = payload
    else:
        resources, names = payload
        site_rules = dict(RULES)
        _worker_pipeline = Pipeline(resources, rules=[(name, site_rules[name]) for name in names])


def _annotate_packed(texts: list[str]) -> list[list[tuple]]:
    """In a worker: annotate a chunk; tokens as tuples of their fields (quicker to send back)."""
    return [[tuple(getattr(t, f) for f in _FIELDS) for t in tokens] for tokens in _batch(_worker_pipeline, texts)]


def _batch(pipeline, texts: list[str]) -> list[list[Token]]:
    batch = getattr(pipeline, "annotate_batch", None)
    return batch(texts) if batch is not None else [pipeline.annotate(text) for text in texts]


def _unpack(packed: list[list[tuple]]) -> Iterator[list[Token]]:
    for tokens in packed:
        yield [Token(*fields) for fields in tokens]
