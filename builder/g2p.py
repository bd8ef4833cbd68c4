"""A context model for polyphonic characters that no phrase decides: g2pM's BiLSTM, run with numpy.

g2pM (Park & Lee, Interspeech 2020; PyPI ``g2pM`` 0.1.2.5, Apache-2.0) ships its weights inside the
wheel (``np_ckpt.pkl``, 1.6 MB: a 64-dim character embedding, a one-layer bidirectional LSTM of
32 units per direction and a two-layer classifier over 876 readings), trained on the CPP corpus.
Nothing is downloaded: the weights are read from the installed package.

We do not call ``g2pM.G2pM`` itself; this module runs the same network with three changes that
make it cheaper and a little more accurate:

- the input projection of every vocabulary item is computed once at load time, and the forward
  and backward directions share one matrix product per time step;
- the classifier's choice is restricted to the readings the character actually has (g2pM's
  own CC-CEDICT digest), instead of an argmax over all 876 readings;
- the probabilities are returned, so the caller can weigh the model against phrase evidence.

Everything here is loaded lazily, on the first character that needs it (numpy import about
0.1 s, the weights about 0.02 s, about 20 MB of memory); a page whose polyphones are all decided
by the lexicon or by phrases never loads it.
"""

from __future__ import annotations

import importlib.util
import pickle
from functools import lru_cache
from pathlib import Path

UNK, BOS, EOS = "<UNK>", "시", "끝"  # g2pM's own markers (its training data used these strings)

# Sentence ends the model's window stops at (it was trained on single sentences).
SENTENCE_END = set("。！？；!?;\n")


def available() -> bool:
    """Whether the g2pM weights and numpy are installed."""
    return importlib.util.find_spec("g2pM") is not None and importlib.util.find_spec("numpy") is not None


class PolyphoneModel:
    """g2pM's network over one sentence → a probability for each reading of a polyphonic character."""

    def __init__(self, directory: Path):
        import numpy as np

        self.np = np

        def load(name):
            with open(directory / name, "rb") as fh:
                return pickle.load(fh)

        self.readings: dict[str, list[str]] = load("digest_cedict.pkl")  # char → ["chu4", "chu3"]
        self.char2idx: dict[str, int] = load("char2idx.pkl")
        class2idx: dict[str, int] = load("class2idx.pkl")
        w = load("np_ckpt.pkl")
        self.class2idx = class2idx
        f64 = np.float64
        emb = w["embedding.weight"].astype(f64)
        self.hidden = w["lstm.weight_hh_l0"].shape[1]
        h = self.hidden
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
        self.rec = rec
        self.fc0_w, self.fc0_b = w["logit_layer.0.weight"].T.astype(f64), w["logit_layer.0.bias"].astype(f64)
        self.fc1_w, self.fc1_b = w["logit_layer.2.weight"].T.astype(f64), w["logit_layer.2.bias"].astype(f64)

    def is_polyphone(self, ch: str) -> bool:
        return len(self.readings.get(ch, ())) > 1

    def _ids(self, sentence: str) -> list[int]:
        unk = self.char2idx[UNK]
        return [self.char2idx[BOS]] + [self.char2idx.get(ch, unk) for ch in sentence] + [self.char2idx[EOS]]

    def _states(self, sentence: str):
        """Hidden states (T, 2h) of the BiLSTM over BOS + sentence + EOS."""
        np = self.np
        ids = self._ids(sentence)
        n, h = len(ids), self.hidden
        xf = self.proj_fw[ids]
        xb = self.proj_bw[ids[::-1]]
        out_f = np.empty((n, h))
        out_b = np.empty((n, h))
        hs = np.zeros(2 * h)
        cs = np.zeros((2, h))
        sig = lambda x: 0.5 * (np.tanh(0.5 * x) + 1.0)  # noqa: E731 - the logistic function, overflow-free
        for t in range(n):
            gates = (hs @ self.rec).reshape(2, 4 * h)
            gates[0] += xf[t]
            gates[1] += xb[t]
            i = sig(gates[:, :h])
            f = sig(gates[:, h : 2 * h])
            g = np.tanh(gates[:, 2 * h : 3 * h])
            o = sig(gates[:, 3 * h :])
            cs = f * cs + i * g
            hcur = o * np.tanh(cs)
            out_f[t] = hcur[0]
            out_b[n - 1 - t] = hcur[1]
            hs = hcur.reshape(-1)
        return np.concatenate([out_f, out_b], axis=1)

    def predict(self, sentence: str, positions: list[int]) -> list[dict[str, float]]:
        """For each offset in ``positions`` (a polyphonic character of ``sentence``): ``{reading: p}``.

        Readings are g2pM's tone-number syllables (``chu4``, ``lu:4``, neutral tone 5), restricted to the
        character's own readings and normalised over them.
        """
        np = self.np
        if not positions:
            return []
        states = self._states(sentence)[[p + 1 for p in positions]]  # +1 for BOS
        hidden = np.maximum(states @ self.fc0_w + self.fc0_b, 0.0)
        logits = hidden @ self.fc1_w + self.fc1_b
        out = []
        for row, pos in zip(logits, positions):
            cands = [r for r in self.readings.get(sentence[pos], ()) if r in self.class2idx]
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
    """The span ``(start, end)`` of the sentence of ``text`` that holds ``offset``."""
    start = offset
    while start > 0 and text[start - 1] not in SENTENCE_END:
        start -= 1
    end = offset
    while end < len(text) and text[end] not in SENTENCE_END:
        end += 1
    if end < len(text):
        end += 1  # keep the sentence's own final punctuation, as in the training data
    return start, end
