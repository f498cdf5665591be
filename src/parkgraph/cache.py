"""A per-document cache for incremental builds.

Takes a directory; stores each processed (slim) document under a key made of its content hash,
the pipeline version, a fingerprint of the rule data (patterns, gazetteer, lexicon, corrections)
and the corpus-wide short names applied to it. A rebuild after one article changed re-extracts
only that article. Entries are zlib-compressed pickles written atomically; a corrupt or
unreadable entry is treated as a miss.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import zlib
from pathlib import Path

from .document import Document


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
    def __init__(self, directory: str | Path, version: str):
        self.dir = Path(directory)
        self.version = version
        self.hits = 0
        self.misses = 0

    def key(self, doc: Document, extra_forms: frozenset[str] = frozenset()) -> str:
        h = hashlib.sha256()
        for part in (self.version, doc.path, doc.sha256, hashlib.sha256(doc.raw.encode()).hexdigest(),
                     "|".join(sorted(extra_forms))):
            h.update(part.encode())
            h.update(b"\0")
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.pkl.z"

    def get(self, key: str) -> Document | None:
        p = self._path(key)
        try:
            doc = pickle.loads(zlib.decompress(p.read_bytes()))
        except (OSError, zlib.error, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            self.misses += 1
            return None
        self.hits += 1
        return doc

    def put(self, key: str, doc: Document) -> None:
        p = self._path(key)
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".entry.", dir=p.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(zlib.compress(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL), 1))
        os.replace(tmp, p)
