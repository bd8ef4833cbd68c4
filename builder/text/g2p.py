"""A context model for polyphonic characters that no phrase decides: g2pM's BiLSTM, run with numpy.

g2pM (Park & Lee, Interspeech 2020; PyPI ``g2pM`` 0.1.2.5, Apache-2.0) ships its weights inside the
wheel (``np_ckpt.pkl``, 1.6 MB: a 64-dim character embedding, a one-layer bidirectional LSTM of
32 units per direction and a two-layer classifier over 876 readings), trained on the CPP corpus.
Nothing is downloaded: the weights are read from the installed package.

We do not call ``g2pM.G2pM`` itself; this module runs the same network (same predictions: 97.36 % on
the CPP development split, as published) with these changes:

- the input projection of every vocabulary item is computed once at load time, the forward and
  backward directions share one matrix product per time step, and the sentences of a paragraph run
  as one batch (about 4 times faster than g2pM's own code);
- the classifier's choice is restricted to the readings the character actually has (g2pM's own
  CC-CEDICT digest), instead of an argmax over all 876 readings;
- the probabilities are returned, and the hidden states of a sentence are kept in memory, since
  the same sentences recur across the pages (report and speech).

Cost, loaded lazily (benchmarks/throughput.py): the readings table on the first paragraph (6 ms,
2.5 MB, no numpy); the network on the first character that needs it (numpy import and weights,
70–140 ms, about 36 MB of resident memory, most of it numpy itself).
"""

from __future__ import annotations

import importlib.util
import os
import pickle
import sys
from functools import lru_cache
from pathlib import Path

from .sentences import sentence_span

UNK, BOS, EOS = "<UNK>", "시", "끝"  # g2pM's own markers (its training data used these strings)

# The model's window. It was trained on single sentences and reads a whole sentence at once; the
# longest sentence of the summit pages has 206 characters, of the CPP corpus 153. A longer "sentence"
# (a paragraph without 。！？；, pasted text) is read in blocks of BLOCK characters, each with
# CONTEXT characters of its sentence on either side, so time and memory stay linear in its length
# and no row of the network is longer than MAX_WINDOW. Text with normal sentences is read as before.
MAX_WINDOW = 256
BLOCK = 128
CONTEXT = (MAX_WINDOW - BLOCK) // 2
# Rows × characters the network runs at once (memory: about 2 KB per cell), and characters of hidden
# states kept between paragraphs (512 bytes each: at most 64 MB).
BATCH_CELLS = 16_384
MEMO_CHARS = 131_072


def available() -> bool:
    """Whether the g2pM weights and numpy are installed."""
    return importlib.util.find_spec("g2pM") is not None and importlib.util.find_spec("numpy") is not None


class PolyphoneModel:
    """g2pM's network over one sentence → a probability for each reading of a polyphonic character."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.readings: dict[str, list[str]] = self._load("digest_cedict.pkl")  # char → ["chu4", "chu3"]
        self._weights = None
        self._states: dict[str, object] = {}  # sentence → hidden states (a sentence repeats across pages)
        self._memo_chars = 0

    def _load(self, name: str):
        with open(self.directory / name, "rb") as fh:
            return pickle.load(fh)

    def _network(self):
        """The network's weights, loaded (with numpy) on the first prediction."""
        if self._weights is None:
            self._weights = _Weights(self)
        return self._weights

    def is_polyphone(self, ch: str) -> bool:
        return len(self.readings.get(ch, ())) > 1

    def predict(self, sentence: str, positions: list[int]) -> list[dict[str, float]]:
        """For each offset in ``positions`` (a polyphonic character of ``sentence``): ``{reading: p}``.

        Readings are g2pM's tone-number syllables (``chu4``, ``lu:4``, neutral tone 5), restricted to the
        character's own readings and normalised over them.
        """
        return self.predict_many([(sentence, positions)])[0]

    def predict_many(self, items: list[tuple[str, list[int]]]) -> list[list[dict[str, float]]]:
        """``predict`` for several sentences, run through the network together.

        Sentences not seen before run in batches of at most BATCH_CELLS characters (rows of similar
        length together), so memory is bounded however many sentences a paragraph has.
        """
        results: list[list[dict[str, float]] | None] = [None] * len(items)
        waiting: dict[str, list[int]] = {}
        for k, (sentence, positions) in enumerate(items):
            if not positions:
                results[k] = []
            elif sentence in self._states:
                results[k] = self._weights.classify(self._states[sentence], sentence, positions, self.readings)
            else:
                waiting.setdefault(sentence, []).append(k)
        todo = sorted(waiting, key=len)
        start = 0
        while start < len(todo):
            stop = start + 1
            while stop < len(todo) and (stop - start + 1) * (len(todo[stop]) + 2) <= BATCH_CELLS:
                stop += 1
            chunk = todo[start:stop]
            net = self._network()
            for sentence, states in zip(chunk, net.states(chunk)):
                for k in waiting[sentence]:
                    results[k] = net.classify(states, sentence, items[k][1], self.readings)
                self._remember(sentence, states)
            start = stop
        return results  # type: ignore[return-value]

    def _remember(self, sentence: str, states) -> None:
        """Keep a sentence's hidden states; a bounded memo (forget all when MEMO_CHARS is reached)."""
        if self._memo_chars + len(sentence) > MEMO_CHARS:
            self._states.clear()
            self._memo_chars = 0
        self._states[sentence] = states
        self._memo_chars += len(sentence)


class _Weights:
    """The BiLSTM and classifier of g2pM, as numpy arrays prepared for one sentence at a time."""

    def __init__(self, owner: PolyphoneModel):
        # The matrices are small (a batch of rows × 64 × 256): BLAS threads only spin, and on a busy
        # 2-core machine they made a batch 2–4 times slower. One thread, unless the user chose.
        if "numpy" not in sys.modules:
            os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
            os.environ.setdefault("OMP_NUM_THREADS", "1")
        import numpy as np

        self.np = np
        self.char2idx: dict[str, int] = owner._load("char2idx.pkl")
        self.class2idx: dict[str, int] = owner._load("class2idx.pkl")
        w = owner._load("np_ckpt.pkl")
        f64 = np.float64
        emb = w["embedding.weight"].astype(f64)
        self.hidden = h = w["lstm.weight_hh_l0"].shape[1]
        # Input projections of the whole vocabulary, with both biases folded in: (V, 4h) per direction.
        self.proj_fw = emb @ w["lstm.weight_ih_l0"].T.astype(f64) + w["lstm.bias_ih_l0"] + w["lstm.bias_hh_l0"]
        self.proj_bw = (
            emb @ w["lstm.weight_ih_l0_reverse"].T.astype(f64)
            + w["lstm.bias_ih_l0_reverse"]
            + w["lstm.bias_hh_l0_reverse"]
        )
        # One block-diagonal recurrent matrix for both directions: [h_fw, h_bw] (2h) → gates (2, 4h).
        rec = np.zeros((2 * h, 8 * h))
        rec[:h, : 4 * h] = w["lstm.weight_hh_l0"].T
        rec[h:, 4 * h :] = w["lstm.weight_hh_l0_reverse"].T
        # σ(x) = (tanh(x/2) + 1) / 2: halve the i, f and o columns (PyTorch's order: i, f, g, o).
        half = np.ones(4 * h)
        half[: 2 * h] = 0.5
        half[3 * h :] = 0.5
        self.proj_fw *= half
        self.proj_bw *= half
        self.rec = rec * np.concatenate([half, half])
        self.fc0_w, self.fc0_b = w["logit_layer.0.weight"].T.astype(f64), w["logit_layer.0.bias"].astype(f64)
        self.fc1_w, self.fc1_b = w["logit_layer.2.weight"].T.astype(f64), w["logit_layer.2.bias"].astype(f64)

    def _ids(self, sentence: str) -> list[int]:
        unk = self.char2idx[UNK]
        return [self.char2idx[BOS]] + [self.char2idx.get(ch, unk) for ch in sentence] + [self.char2idx[EOS]]

    def states(self, sentences: list[str]) -> list:
        """Hidden states (T, 2h) of the BiLSTM over BOS + sentence + EOS, for each sentence (one batch)."""
        np = self.np
        ids = [self._ids(s) for s in sentences]
        lengths = [len(i) for i in ids]
        b, n, h = len(ids), max(lengths), self.hidden
        x = np.zeros((n, b, 2, 4 * h))
        for k, seq in enumerate(ids):  # forward from the start; backward from the end, left-aligned
            x[: len(seq), k, 0] = self.proj_fw[seq]
            x[: len(seq), k, 1] = self.proj_bw[seq[::-1]]
        out = np.empty((n, b, 2, h))
        hs = np.zeros((b, 2 * h))
        cs = np.zeros((b, 2, h))
        for t in range(n):
            # Gates i, f, o were pre-scaled by 1/2, so one tanh gives them all: σ(x) = (tanh(x/2) + 1) / 2.
            a = np.tanh(x[t] + (hs @ self.rec).reshape(b, 2, 4 * h))
            s = a * 0.5 + 0.5
            cs = s[..., h : 2 * h] * cs + s[..., :h] * a[..., 2 * h : 3 * h]
            hcur = s[..., 3 * h :] * np.tanh(cs)
            out[t] = hcur
            hs = hcur.reshape(b, 2 * h)
        # Padding only follows a sequence, so each one's states are exact up to its own length.
        return [np.concatenate([out[:m, k, 0], out[:m, k, 1][::-1]], axis=1) for k, m in enumerate(lengths)]

    def classify(self, states, sentence: str, positions: list[int], readings) -> list[dict[str, float]]:
        np = self.np
        hidden = np.maximum(states[[p + 1 for p in positions]] @ self.fc0_w + self.fc0_b, 0.0)  # +1: BOS
        logits = hidden @ self.fc1_w + self.fc1_b
        out = []
        for row, pos in zip(logits, positions):
            cands = [r for r in readings.get(sentence[pos], ()) if r in self.class2idx]
            if not cands:
                out.append({})
                continue
            scores = np.array([row[self.class2idx[r]] for r in cands])
            scores = np.exp(scores - scores.max())
            scores /= scores.sum()
            out.append(dict(zip(cands, scores.tolist())))
        return out


@lru_cache(maxsize=1)
def model() -> PolyphoneModel | None:
    """The model, loaded on first use; ``None`` when g2pM or numpy is not installed."""
    if not available():
        return None
    spec = importlib.util.find_spec("g2pM")
    directory = Path(next(iter(spec.submodule_search_locations)))
    return PolyphoneModel(directory)


def sentence_around(text: str, offset: int) -> tuple[int, int]:
    """The span ``(start, end)`` of ``text`` the model reads for the character at ``offset``.

    The sentence holding ``offset``, with its final punctuation, when it has at most MAX_WINDOW
    characters; else the BLOCK of that sentence holding ``offset`` with up to CONTEXT characters of
    the sentence on each side. Characters of one block share a span (one row of the batch).
    O(log n) per call after the first on the same ``text`` object (``builder.text.sentences``).
    """
    first, last = sentence_span(text, offset)
    if last - first <= MAX_WINDOW:
        return first, last
    block = first + (offset - first) // BLOCK * BLOCK
    return max(first, block - CONTEXT), min(last, block + BLOCK + CONTEXT)
