"""The speed and memory work on annotation changes nothing a reader sees (behaviour only, no timings).

Every test compares the fast path with the plain one on the real summit pages: the model's memo
driven past its limit, per-word memos, batches across paragraphs, the process pool, and the
``annotate`` command reading its input in pieces.
"""

from __future__ import annotations

import pytest

from builder.text import g2p


def _paragraphs(summits):
    return [p for s in summits for p in s.paragraphs()]


@pytest.mark.skipif(not g2p.available(), reason="the context model (g2pM) is part of the [test] install")
def test_model_memo_past_its_limit_keeps_every_reading(summits, pipeline, monkeypatch):
    """A memo far smaller than the pages' sentences is evicted again and again, mid-batch too:
    every token stays as the build made it with the memo at full size."""
    model = g2p.model()
    monkeypatch.setattr(g2p, "MEMO_ENTRIES", 8)
    monkeypatch.setattr(g2p, "BATCH_CELLS", 256)  # many batches per call: evictions between them
    model.clear_memo()
    paragraphs = _paragraphs(summits)
    for paragraph in paragraphs:
        assert pipeline.annotate(paragraph.text) == paragraph.tokens, paragraph.line
        assert len(model._memo) <= 8
    # One call asking for more sentences than the memo holds, some of them twice.
    items = []
    for paragraph in paragraphs[:40]:
        text = paragraph.text
        items += [(text, [k for k, ch in enumerate(text) if model.is_polyphone(ch)])] * 2
    model.clear_memo()
    batched = model.predict_many(items)
    model.clear_memo()
    alone = [model.predict(sentence, positions) for sentence, positions in items]
    assert len(model._memo) <= 8
    # Rows batched with other rows may differ from a row alone in the last bits of a probability
    # (BLAS kernels differ with the batch's shape); the reading chosen does not.
    assert [[max(p, key=p.get) for p in row] for row in batched] == [[max(p, key=p.get) for p in row] for row in alone]
    for row_b, row_a in zip(batched, alone):
        for p_b, p_a in zip(row_b, row_a):
            assert p_b.keys() == p_a.keys() and list(p_b.values()) == pytest.approx(list(p_a.values()), rel=1e-4, abs=1e-9)


def test_a_batch_gives_each_text_the_tokens_it_gets_alone(summits, pipeline):
    texts = [p.text for p in _paragraphs(summits)]
    alone = [pipeline.annotate(text) for text in texts]
    g2p.model().clear_memo()
    assert pipeline.annotate_batch(texts) == alone
    assert pipeline.annotate_batch([]) == []


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_process_pool_gives_the_serial_tokens(summits, resources, monkeypatch, start_method):
    """Workers forked (sharing what this process loaded) or spawned (loading it themselves)."""
    from builder.text import parallel
    from builder.text.pipeline import Pipeline

    if start_method not in parallel.multiprocessing.get_all_start_methods():
        pytest.skip(f"no {start_method} on this platform")
    texts = [p.text for p in _paragraphs(summits)]
    serial = parallel.annotate_many(texts, resources, workers=1)
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 1_500)  # the pages in several chunks, most to workers
    monkeypatch.setattr(parallel, "MIN_PARALLEL_CHARS", 0)
    assert len(list(parallel.chunks(texts))) > 5
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1 if start_method == "fork" else 2)
    used = []
    real_start = parallel._start
    monkeypatch.setattr(parallel, "_start", lambda pipeline: used.append(real_start(pipeline)) or used[-1])
    assert parallel.annotate_many(texts, Pipeline(resources), workers=2) == serial
    assert used[0][0].get_start_method() == start_method


def test_rules_that_cannot_be_sent_to_a_fresh_process_run_here(summits, resources, monkeypatch):
    from builder.text import parallel
    from builder.text.pipeline import RULES, Pipeline
    from builder.text.rules.read import make_read

    pipeline = Pipeline(resources, rules=[(n, make_read(model=False) if n == "read" else r) for n, r in RULES])
    texts = [p.text for p in _paragraphs(summits)][:30]
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 200)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 2)  # no fork: spawn would need the rules
    assert len(list(parallel.chunks(texts))) > 5 and parallel._start(pipeline) == (None, None)
    assert list(parallel.iter_annotate(texts, pipeline, workers=2)) == [pipeline.annotate(t) for t in texts]


def _shifted(tokens, offset):
    for token in tokens:
        token.start += offset
    return tokens


def test_pieces_cut_after_sentence_ends_change_no_token(summits, pipeline):
    from builder.text.sentences import SENTENCE_END, pieces

    paragraphs = [p.text for p in _paragraphs(summits)]
    for text in ("\n".join(paragraphs), "".join(paragraphs)):  # line breaks, or sentence ends only
        whole = pipeline.annotate(text)
        for size in (120, 2_000):
            parts = pieces(text, size)
            assert "".join(parts) == text and len(parts) > 3
            assert all(part[-1] in SENTENCE_END for part in parts[:-1])
            got, offset = [], 0
            for part in parts:
                got += _shifted(pipeline.annotate(part), offset)
                offset += len(part)
            assert got == whole, size
    assert pieces("", 10) == [] and pieces("没有句号的一段话" * 5, 10) == ["没有句号的一段话" * 5]


def test_annotate_command_reads_in_pieces_and_prints_the_whole_texts_tokens(summits, pipeline, root):
    import json
    import subprocess
    import sys

    from builder.cli import PIECE_CHARS

    text = "\n".join(p.text for p in _paragraphs(summits)) + "\n"
    assert len(text) > 2 * PIECE_CHARS
    whole = [t.as_json() for t in pipeline.annotate(text)]
    for flags, indent in (["--compact"], None), ([], 1):
        done = subprocess.run([sys.executable, "-m", "builder", "--root", str(root), "annotate", *flags],
                              input=text.encode("utf-8"), capture_output=True, check=True)
        assert done.stdout == json.dumps(whole, ensure_ascii=False, indent=indent).encode("utf-8") + b"\n"


@pytest.mark.parametrize("compact", [True, False])
def test_json_written_part_by_part_is_the_json_of_the_whole_list(compact):
    import io
    import json

    from builder.cli import write_json

    parts = [[], [{"text": "上合", "pinyin": ["shàng", "hé"], "term": None}], [], [{"text": "。", "pinyin": []}] * 2]
    for chosen in (parts, [], [[]]):
        out = io.BytesIO()
        write_json(iter(chosen), out, compact=compact)
        items = [item for part in chosen for item in part]
        assert out.getvalue() == json.dumps(items, ensure_ascii=False, indent=None if compact else 1).encode() + b"\n"


@pytest.mark.parametrize("workers", [1, 2])
def test_texts_are_read_as_they_are_annotated_not_all_at_once(summits, resources, monkeypatch, workers):
    """A stream of any length is annotated in bounded memory: no more chunks are taken from the
    input than the pool has in flight (two per worker) besides the one being handed out."""
    from builder.text import parallel

    monkeypatch.setattr(parallel, "CHUNK_CHARS", 1_000)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    texts = [p.text for p in _paragraphs(summits)]
    taken = []

    def stream():
        for text in texts:
            taken.append(text)
            yield text

    ahead = 0
    for k, _tokens in enumerate(parallel.iter_annotate(stream(), parallel.Pipeline(resources), workers)):
        ahead = max(ahead, sum(map(len, taken)) - sum(map(len, texts[:k + 1])))
    assert len(taken) == len(texts)
    longest = max(map(len, texts))
    assert ahead <= (2 * workers + 1) * (1_000 + longest)


@pytest.mark.skipif(not g2p.available(), reason="the context model (g2pM) is part of the [test] install")
def test_model_batches_stay_within_their_bound_on_long_text(summits, pipeline, monkeypatch):
    """However much text comes at once (all pages as one paragraph, with and without sentence ends),
    the network never runs more than BATCH_CELLS cells at once."""
    weights = g2p.model()._network()
    shapes = []
    real = type(weights)._states

    def spy(self, rows):
        out, columns = real(self, rows)
        shapes.append(out.shape[0] * out.shape[2])
        return out, columns

    monkeypatch.setattr(type(weights), "_states", spy)
    monkeypatch.setattr(g2p, "BATCH_CELLS", 2_048)
    text = "".join(p.text for p in _paragraphs(summits))
    for long_text in (text, text.replace("。", "，").replace("；", "，")):
        g2p.model().clear_memo()
        pipeline.annotate(long_text)
    assert len(shapes) > 4 and max(shapes) <= 2_048


def test_segmenter_remembers_clauses_and_cuts_them_the_same(summits, resources):
    """jieba cuts a text clause by clause (Han blocks between punctuation); the store's tokenizer
    remembers each clause's words (report and speech share clauses). The hook into jieba is in use,
    and a remembered clause is cut as before (tests/test_jieba_store.py compares with plain jieba)."""
    tokenizer = resources.tokenizer
    texts = [p.text for p in _paragraphs(summits)]
    tokenizer.forget_blocks()
    first = [tokenizer.lcut(text) for text in texts]
    assert len(tokenizer._blocks) > 100
    assert [tokenizer.lcut(text) for text in texts] == first
    tokenizer.forget_blocks()
    assert len(tokenizer._blocks) == 0
