"""Temporary files of a build: a spill file of records, and part files that workers append to.

`Spill`: byte records written once and read back by number. The build keeps processed documents
here instead of in memory, so memory does not grow with the corpus. The file is anonymous
(removed when closed, or when the process dies). Writes and reads may come from two threads (a
process pool feeds its workers from a thread), so they are serialised by a lock. Forked workers
write records themselves, to part files the spill then adopts, and read them themselves
(`where` gives a record's place; `os.pread` needs no shared offset).

`Parts`: a directory beside the output where each forked worker appends the graphs it makes
(`append_part`) and says where they are; the main process copies them into the output in
order, without reading them. Otherwise two gigabytes of N-Quads would pass through pipes and
the main process, and the build would wait on the main process alone.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import BinaryIO


class Spill:
    def __init__(self, directory: str | None = None):
        self._directory = directory
        self._fh = tempfile.TemporaryFile(prefix="parkgraph-spill-", dir=directory)
        self._fds: list[int] = [self._fh.fileno()]  # this file, then the part files of workers
        self._adopted: dict[str, int] = {}           # a part file's path -> its place in _fds
        self._index: list[tuple[int, int, int]] = []  # per record: file, offset, size
        self._end = 0
        self._lock = threading.Lock()
        self._parts_dir: str | None = None

    def put(self, data: bytes) -> int:
        """Stores a record; gives its number."""
        with self._lock:
            os.pwrite(self._fds[0], data, self._end)
            self._index.append((0, self._end, len(data)))
            self._end += len(data)
            return len(self._index) - 1

    @property
    def parts_dir(self) -> str:
        """A directory, removed on close, where forked workers append records to part files
        (`append_part`) for `adopt`."""
        if self._parts_dir is None:
            self._parts_dir = tempfile.mkdtemp(prefix="parkgraph-spill-parts-", dir=self._directory)
        return self._parts_dir

    def adopt(self, name: str, offset: int, size: int) -> int:
        """Takes in a record that a worker wrote to the part file `name` of `parts_dir`; gives
        its number. The part file stays open, so forked processes inherit it."""
        with self._lock:
            f = self._adopted.get(name)
            if f is None:
                self._fds.append(os.open(os.path.join(self.parts_dir, name), os.O_RDONLY))
                f = self._adopted[name] = len(self._fds) - 1
            self._index.append((f, offset, size))
            self._end += size
            return len(self._index) - 1

    def get(self, record: int) -> bytes:
        fd, offset, size = self.where(record)
        return os.pread(fd, size, offset)

    def where(self, record: int) -> tuple[int, int, int]:
        """The file descriptor, offset and size of a record, for a forked process that reads it
        with `read_at`."""
        with self._lock:
            f, offset, size = self._index[record]
            return self._fds[f], offset, size

    def __len__(self) -> int:
        return len(self._index)

    @property
    def size(self) -> int:
        return self._end

    def close(self) -> None:
        for fd in self._fds[1:]:
            os.close(fd)
        self._fds[1:] = []
        self._fh.close()
        if self._parts_dir is not None:
            shutil.rmtree(self._parts_dir, ignore_errors=True)

    def __enter__(self) -> Spill:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def read_at(where: tuple[int, int, int]) -> bytes:
    """The record at `Spill.where`'s place."""
    fd, offset, size = where
    return os.pread(fd, size, offset)


class Parts:
    """A temporary directory beside `beside` for the part files of workers; removed on close."""

    def __init__(self, beside: Path):
        self.dir = tempfile.mkdtemp(prefix=f".{beside.name}.parts-", dir=beside.parent)
        self._open: dict[str, BinaryIO] = {}

    def source(self, name: str) -> BinaryIO:
        """A part file, open for reading."""
        fh = self._open.get(name)
        if fh is None:
            fh = self._open[name] = open(os.path.join(self.dir, name), "rb")  # noqa: SIM115  # closed by close()
        return fh

    def close(self) -> None:
        for fh in self._open.values():
            fh.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> Parts:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


_PART_FILES: dict[str, int] = {}  # in a worker: directory -> the descriptor of its part file


def append_part(directory: str, data: bytes) -> tuple[str, int]:
    """Appends bytes to this process's part file in `directory`; gives its name and the offset.
    Written unbuffered: a pool may stop its workers without letting them flush."""
    name = f"part-{os.getpid()}"
    fd = _PART_FILES.get(directory)
    if fd is None:
        fd = _PART_FILES[directory] = os.open(os.path.join(directory, name),
                                              os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    offset = os.lseek(fd, 0, os.SEEK_END)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    return name, offset
