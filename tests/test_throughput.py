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
