"""A context model for polyphonic characters that no phrase decides: g2pM's BiLSTM, run with numpy.

g2pM (Park & Lee, Interspeech 2020; PyPI ``g2pM`` 0.1.2.5, Apache-2.0) ships its weights inside the
wheel (``np_ckpt.pkl``, 1.6 MB: a 64-dim character embedding, a one-layer bidirectional LSTM of
32 units per direction and a two-layer classifier over 876 readings), trained on the CPP corpus.
Nothing is downloaded: the weights are read from the installed package.

We do not call ``g2pM.G2pM`` itself; this module runs the same network (same predictions: 97.36 % on
the CPP development split, as published) with these changes:

- the input projection of every vocabulary item is computed once at load time, the forward and
  backward directions share one batched matrix product per time step, and many sentences run as
  one batch, rows of similar length together (about 4 times faster than g2pM's own code);
- the classifier's choice is restricted to the readings the character actually has (g2pM's own
  CC-CEDICT digest), instead of an argmax over all 876 readings;
- the probabilities are returned, and the predictions for a sentence are remembered (a bounded
  least-recently-used memo), since the same sentences recur across the pages (report and speech).

A row's probabilities can differ in their last bits with the shape of the batch it ran in (BLAS
picks its kernels by shape); the reading chosen does not (tests/test_throughput.py).

Cost, loaded lazily (benchmarks/throughput.py): the readings table on the first paragraph (6 ms,
2.5 MB, no numpy); the network on the first character that needs it (numpy import and weights,
70–140 ms, about 36 MB of resident memory, most of it numpy itself).
"""

from __future__ import annotations

import importlib.util
import os
import pickle
import sys
from collections import OrderedDict
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
# Rows × characters (of its longest row) the network runs at once (memory: about 550 bytes per
# cell), and the predictions kept between calls (sentence and positions → readings: a few hundred
# bytes each).
BATCH_CELLS = 16_384
MEMO_ENTRIES = 16_384
# The LSTM's time steps run in float32, the precision g2pM's weights were trained and shipped in
# (np_ckpt.pkl holds float32 arrays): twice as fast as float64 (tanh four times), and on 10,575
# real texts (the summit pages, CPP dev, the seed articles) every reading is the same as in float64
# (benchmarks/token_streams.py). The input projections are computed in float64 and rounded once;
# the classifier runs in float64.
RECURRENCE_DTYPE = "float32"


def available() -> bool:
    """Whether the g2pM weights and numpy are installed."""
    return importlib.util.find_spec("g2pM") is not None and importlib.util.find_spec("numpy") is not None


class PolyphoneModel:
    """g2pM's network over one sentence → a probability for each reading of a polyphonic character."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.readings: dict[str, list[str]] = self._load("digest_cedict.pkl")  # char → ["chu4", "chu3"]
        self._weights = None
        # (sentence, positions) → predictions, least recently used first; at most MEMO_ENTRIES.
        self._memo: OrderedDict[tuple[str, tuple[int, ...]], list[dict[str, float]]] = OrderedDict()

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

    def clear_memo(self) -> None:
        """Forget every remembered prediction (the benchmarks pay the network in full on each pass)."""
        self._memo.clear()

    def predict(self, sentence: str, positions: list[int]) -> list[dict[str, float]]:
        """For each offset in ``positions`` (a polyphonic character of ``sentence``): ``{reading: p}``.

        Readings are g2pM's tone-number syllables (``chu4``, ``lu:4``, neutral tone 5), restricted to the
        character's own readings and normalised over them.
        """
        return self.predict_many([(sentence, positions)])[0]

    def predict_many(self, items: list[tuple[str, list[int]]]) -> list[list[dict[str, float]]]:
        """``predict`` for several sentences, run through the network together.

        Each distinct sentence is one row, read once for all the positions asked of it; rows of
        similar length run together in batches of at most BATCH_CELLS characters, so memory is
        bounded however many sentences come at once. Predictions are remembered per sentence and
        positions (a sentence recurs across pages: report and speech) in a least-recently-used memo
        of MEMO_ENTRIES; the memo only ever holds finished predictions, so forgetting one never
        loses what a batch still needs.
        """
        results: list[list[dict[str, float]] | None] = [None] * len(items)
        rows: dict[str, set[int]] = {}  # sentence → every position the network must classify in it
        for k, (sentence, positions) in enumerate(items):
            if not positions:
                results[k] = []
                continue
            found = self._memo.get((sentence, tuple(positions)))
            if found is not None:
                self._memo.move_to_end((sentence, tuple(positions)))
                results[k] = found
            else:
                rows.setdefault(sentence, set()).update(positions)
        if not rows:
            return results  # type: ignore[return-value]
        net = self._network()
        computed: dict[str, dict[int, dict[str, float]]] = {}
        todo = sorted(rows, key=len, reverse=True)
        start = 0
        while start < len(todo):  # rows × the longest row's characters: at most BATCH_CELLS
            stop = start + 1
            while stop < len(todo) and (stop - start + 1) * (len(todo[start]) + 2) <= BATCH_CELLS:
                stop += 1
            batch = [(sentence, sorted(rows[sentence])) for sentence in todo[start:stop]]
            for (sentence, positions), predictions in zip(batch, net.predict_rows(batch, self.readings)):
                computed[sentence] = dict(zip(positions, predictions))
            start = stop
        for k, (sentence, positions) in enumerate(items):
            if results[k] is None:
                results[k] = [computed[sentence][p] for p in positions]
                self._remember((sentence, tuple(positions)), results[k])
        return results  # type: ignore[return-value]

    def _remember(self, key: tuple[str, tuple[int, ...]], predictions: list[dict[str, float]]) -> None:
        self._memo[key] = predictions
        while len(self._memo) > MEMO_ENTRIES:
            self._memo.popitem(last=False)


class _Weights:
    """The BiLSTM and classifier of g2pM, as numpy arrays prepared for batches of sentences."""

    def __init__(self, owner: PolyphoneModel):
        # The matrices are small (a batch of rows × 32 × 128): BLAS threads only spin, and on a busy
        # 2-core machine they made a batch 2–4 times slower. One thread, unless the user chose.
        if "numpy" not in sys.modules:
            os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
            os.environ.setdefault("OMP_NUM_THREADS", "1")
        import numpy as np

        self.np = np
        self.char2idx: dict[str, int] = owner._load("char2idx.pkl")
        # char2idx as a table by code point for ``_ids`` (0.6 MB): <UNK>'s id where it has no entry,
        # and in a last slot that every code point past its highest one is sent to.
        chars = {ord(k): v for k, v in self.char2idx.items() if len(k) == 1}
        self._by_code = np.full(max(chars) + 2, self.char2idx[UNK], dtype=np.int32)
        self._by_code[list(chars)] = list(chars.values())
        self.class2idx: dict[str, int] = owner._load("class2idx.pkl")
        w = owner._load("np_ckpt.pkl")
        f64 = np.float64
        emb = w["embedding.weight"].astype(f64)
        self.hidden = h = w["lstm.weight_hh_l0"].shape[1]
        # Input projections of the whole vocabulary, with both biases folded in: (V, 4h) per direction.
        proj_fw = emb @ w["lstm.weight_ih_l0"].T.astype(f64) + w["lstm.bias_ih_l0"] + w["lstm.bias_hh_l0"]
        proj_bw = (
            emb @ w["lstm.weight_ih_l0_reverse"].T.astype(f64)
            + w["lstm.bias_ih_l0_reverse"]
            + w["lstm.bias_hh_l0_reverse"]
        )
        # σ(x) = (tanh(x/2) + 1) / 2: halve the i, f and o columns (PyTorch's order: i, f, g, o).
        half = np.ones(4 * h, dtype=f64)
        half[: 2 * h] = 0.5
        half[3 * h :] = 0.5
        # Both directions as one stack: projections (2V, 4h) and recurrent matrices (2, h, 4h), so one
        # gather and one batched product per time step serve both (half the work of a block-diagonal matrix).
        # Prepared in float64, then run in RECURRENCE_DTYPE (see there).
        self.proj = np.concatenate([proj_fw * half, proj_bw * half]).astype(RECURRENCE_DTYPE)  # (2V, 4h)
        self.rec = np.stack([w["lstm.weight_hh_l0"].T * half, w["lstm.weight_hh_l0_reverse"].T * half]).astype(
            RECURRENCE_DTYPE)
        self.fc0_w, self.fc0_b = w["logit_layer.0.weight"].T.astype(f64), w["logit_layer.0.bias"].astype(f64)
        self.fc1_w, self.fc1_b = w["logit_layer.2.weight"].T.astype(f64), w["logit_layer.2.bias"].astype(f64)
        self._choices: dict[str, tuple[list[str], object]] = {}  # char → (its readings, their classes)

    def _ids(self, sentences: list[str]):
        """The vocabulary ids of BOS + sentence + EOS for each of ``sentences``, end to end, as one
        array of ``sum(len + 2)`` ints: ``char2idx``'s id of each character, ``<UNK>``'s for a character
        it lacks (what ``char2idx.get(ch, unk)`` gives), looked up for all characters at once."""
        np = self.np
        codes = np.frombuffer("".join(BOS + s + EOS for s in sentences).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        return self._by_code[np.minimum(codes, len(self._by_code) - 1)].astype(np.intp)

    def _states(self, rows: list[tuple[str, list[int]]]):
        """The BiLSTM over BOS + sentence + EOS of each row ``(sentence, positions)``, as one batch,
        as far as the positions need: forward up to the last position, backward down to the first.

        Returns ``(out, columns)``: ``out[t, d, columns[d][k]]`` is the hidden state (h floats) of
        direction ``d`` (0 forward, 1 backward) after ``t + 1`` steps over row ``k``; the backward
        direction reads each row from its end. In each direction the rows run longest first, so the
        rows still running at a step are a prefix of the columns and no work is done on padding.
        """
        np = self.np
        flat = self._ids([sentence for sentence, _ in rows])
        lengths = np.array([len(sentence) + 2 for sentence, _ in rows], dtype=np.intp)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        # Steps each direction needs: the forward state of position p is the one after step p + 1
        # (BOS first), the backward one after step len - 2 - p.
        needs = (np.array([max(positions) + 2 for _, positions in rows], dtype=np.intp),
                 lengths - 1 - np.array([min(positions) for _, positions in rows], dtype=np.intp))
        b, h, vocab = len(rows), self.hidden, self.proj.shape[0] // 2
        n = int(max(needs[0].max(), needs[1].max()))
        table = np.zeros((n, 2, b), dtype=np.intp)  # rows of ``proj``: forward ids, reversed ids + V
        running = np.zeros(n, dtype=np.intp)  # rows still running at each step: a prefix of the columns
        columns = []
        for d in (0, 1):
            order = np.argsort(-needs[d], kind="stable")  # longest first
            column = np.empty(b, dtype=np.intp)
            column[order] = np.arange(b)
            m = needs[d]
            step = np.arange(int(m.sum())) - np.repeat(np.cumsum(m) - m, m)  # 0 … m_k - 1 for each row k
            at = np.repeat(starts, m) + step if d == 0 else np.repeat(starts + lengths - 1, m) - step
            table[step, d, np.repeat(column, m)] = flat[at] + (vocab if d else 0)
            running = np.maximum(running, np.cumsum(np.bincount(m, minlength=n + 1)[::-1])[::-1][1:])
            columns.append(column.tolist())
        running = running.tolist()
        out = np.empty((n, 2, b, h), dtype=self.proj.dtype)
        hs = np.zeros((2, b, h), dtype=self.proj.dtype)
        cs = np.zeros((2, b, h), dtype=self.proj.dtype)
        proj, rec, tanh, mul = self.proj, self.rec, np.tanh, np.multiply
        for t in range(n):
            r = running[t]
            c, hs = cs[:, :r], hs[:, :r]
            # Gates i, f, o were pre-scaled by 1/2, so one tanh gives them all: σ(x) = (tanh(x/2) + 1) / 2.
            a = proj.take(table[t, :, :r], axis=0)
            a += np.matmul(hs, rec)
            tanh(a, out=a)
            s = a * 0.5
            s += 0.5
            c *= s[..., h : 2 * h]
            c += s[..., :h] * a[..., 2 * h : 3 * h]
            hs = out[t, :, :r]
            mul(s[..., 3 * h :], tanh(c), out=hs)
        return out, columns

    def predict_rows(self, rows: list[tuple[str, list[int]]], readings) -> list[list[dict[str, float]]]:
        """For each row ``(sentence, positions)``: ``{reading: p}`` for each position (one batch)."""
        np = self.np
        out, columns = self._states(rows)
        steps_fw, steps_bw, col_fw, col_bw = [], [], [], []
        for k, (sentence, positions) in enumerate(rows):
            for p in positions:
                steps_fw.append(p + 1)
                steps_bw.append(len(sentence) - p)  # len(BOS + sentence + EOS) - 2 - p
                col_fw.append(columns[0][k])
                col_bw.append(columns[1][k])
        states = np.concatenate([out[steps_fw, 0, col_fw], out[steps_bw, 1, col_bw]], axis=1).astype(np.float64)  # (P, 2h)
        hidden = np.maximum(states @ self.fc0_w + self.fc0_b, 0.0)
        # Softmax over each character's own readings, all positions at once: a row of class indices
        # per position, padded with class 0 whose score is masked to -inf (exp → 0). Only the
        # classes some position can take are scored.
        choices = [self._choice(sentence[p], readings) for sentence, positions in rows for p in positions]
        width = max([len(cands) for cands, _ in choices] + [1])
        classes = np.zeros((len(choices), width), dtype=np.intp)
        size = np.array([len(cands) for cands, _ in choices], dtype=np.intp)
        ends = np.cumsum(size)  # every position's classes end to end, then set in one step
        classes[np.repeat(np.arange(len(choices)), size), np.arange(int(ends[-1])) - np.repeat(ends - size, size)] = \
            np.concatenate([index for _cands, index in choices])
        used, columns = np.unique(classes, return_inverse=True)
        logits = hidden @ self.fc1_w[:, used] + self.fc1_b[used]  # (P, used classes)
        scores = np.take_along_axis(logits, columns.reshape(classes.shape), axis=1)
        scores[(np.arange(width) >= size[:, None]) & (size[:, None] > 0)] = -np.inf  # none: {} below
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        scores /= scores.sum(axis=1, keepdims=True)
        probabilities = iter(zip(choices, scores.tolist()))
        results: list[list[dict[str, float]]] = []
        for _sentence, positions in rows:
            found = []
            for _p in positions:
                (cands, _index), row = next(probabilities)
                found.append(dict(zip(cands, row)))
            results.append(found)
        return results

    def _choice(self, ch: str, readings):
        """The readings of ``ch`` the classifier knows, and their class indices (cached per character)."""
        found = self._choices.get(ch)
        if found is None:
            cands = [r for r in readings.get(ch, ()) if r in self.class2idx]
            found = self._choices[ch] = (cands, self.np.array([self.class2idx[r] for r in cands], dtype=self.np.intp))
        return found


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
