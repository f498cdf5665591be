"""A per-document cache for incremental builds.

Takes a directory; stores each processed (slim) document under a key made of its content hash,
the pipeline version, a fingerprint of the rule data (patterns, gazetteer, lexicon, corrections)
and the corpus-wide short names applied to it. A rebuild after one article changed re-extracts
only that article. Entries are zlib-compressed pickles written atomically; a corrupt or
unreadable entry is treated as a miss.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..document import Document
from ..files import load_pickle, save_pickle


def fingerprint(paths: list[Path], extra: str = "") -> str:
    """A hash of every data file under the given paths (rules, lexicon, corrections)."""
    h = hashlib.sha256(extra.encode())
    for base in paths:
        if not base.exists():
            continue
        files = sorted(base.rglob("*")) if base.is_dir() else [base]
        for f in files:
            if f.is_file() and "corpus" not in f.parts:
                h.update(f.relative_to(base).as_posix().encode() if base.is_dir() else f.name.encode())
                h.update(f.read_bytes())
    return h.hexdigest()[:24]


class DocCache:
    """Two kinds of entries: a processed document (`extracted`, keyed by its content, the rule
    data and the short names applied to it) and a document's graph (`graph`, keyed also by the
    entities its names resolved to, so it is reused only when resolution did not change it)."""

    def __init__(self, directory: str | Path, version: str):
        self.dir = Path(directory)
        self.version = version
        self.hits = 0
        self.misses = 0
        self.graph_hits = 0

    def key(self, doc: Document) -> str:
        """The key of a read document: its path, content and the pipeline's version."""
        return self.key_of(self.version, doc.path, doc.sha256, hashlib.sha256(doc.raw.encode()).hexdigest())

    @staticmethod
    def key_of(*parts: str) -> str:
        h = hashlib.sha256()
        for part in parts:
            h.update(part.encode())
            h.update(b"\0")
        return h.hexdigest()

    def _path(self, kind: str, key: str) -> Path:
        return self.dir / kind / key[:2] / f"{key}.pkl.z"

    def _get(self, kind: str, key: str):
        return load_pickle(self._path(kind, key))

    def _put(self, kind: str, key: str, value) -> None:
        try:
            save_pickle(self._path(kind, key), value)
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower

    def get_extracted(self, key: str):
        value = self._get("doc", key)
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def put_extracted(self, key: str, value) -> None:
        self._put("doc", key, value)

    def get_graph(self, key: str):
        value = self._get("graph", key)
        self.graph_hits += value is not None
        return value

    def put_graph(self, key: str, value) -> None:
        self._put("graph", key, value)
