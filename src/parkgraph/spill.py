"""A spill file: byte records written once during a build and read back by number.

The build keeps processed documents here instead of in memory, so memory does not grow with
the corpus. The file is anonymous (removed when closed, or when the process dies). Writes and
reads may come from two threads (a process pool feeds its workers from a thread), so they are
serialised by a lock.
"""

from __future__ import annotations

import os
import tempfile
import threading


class Spill:
    def __init__(self, directory: str | None = None):
        self._fh = tempfile.TemporaryFile(prefix="parkgraph-spill-", dir=directory)
        self._index: list[tuple[int, int]] = []
        self._end = 0
        self._lock = threading.Lock()

    def put(self, data: bytes) -> int:
        """Stores a record; gives its number."""
        with self._lock:
            os.pwrite(self._fh.fileno(), data, self._end)
            self._index.append((self._end, len(data)))
            self._end += len(data)
            return len(self._index) - 1

    def get(self, record: int) -> bytes:
        with self._lock:
            offset, size = self._index[record]
        return os.pread(self._fh.fileno(), size, offset)

    def __len__(self) -> int:
        return len(self._index)

    @property
    def size(self) -> int:
        return self._end

    def close(self) -> None:
        self._fh.close()

    def __enter__(self) -> Spill:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
