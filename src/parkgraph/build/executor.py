"""Where the units of work run: in this process, on N forked processes, or on a Dask cluster.

Takes a function of (item, shared data) and an iterator of items; gives the results in the
items' order (`Executor.map_mixed`, `Executor.map_batches`). Items that are results already
(taken from the cache) pass through without being sent anywhere.
"""

from __future__ import annotations

import os
import queue
import threading
from collections import deque
from collections.abc import Iterator

from .stages import Stages
from .tasks import share_stages

_SHARED: dict = {}
_PENDING, _DONE = object(), object()


def _install_shared(shared) -> None:
    _SHARED["value"] = shared


def _pool_call(args):
    fn, item = args
    return fn(item, _SHARED["value"])


class Executor:
    """Runs units of work over items in order: here, on N processes, or on a Dask cluster.

    `map_mixed(fn, items, shared, done_type)` calls `fn(item, shared)` for every item, except
    items that are already results (`done_type`, e.g. taken from the cache), which pass through.
    Items are consumed lazily and at most a window of them is in flight, so memory does not grow
    with the corpus. Data every task needs (`shared`) reaches each worker once: inherited by
    forked processes, broadcast on Dask."""

    WINDOW = 256

    def __init__(self, pipeline: Stages, jobs: int = 1, dask: str | None = None):
        self.pipeline, self.jobs, self.dask = pipeline, max(1, jobs), dask
        self.client = None

    def __enter__(self) -> Executor:
        if self.dask:
            from distributed import Client

            self.client = Client(self.dask) if isinstance(self.dask, str) else self.dask
        # forked workers start with the main process's stages (its jieba dictionary is loaded)
        share_stages(self.pipeline)
        return self

    @property
    def forks(self) -> bool:
        """Whether tasks run in forked processes of this machine (which share open files)."""
        return self.client is None and self.jobs > 1

    def sized(self, n: int) -> Executor:
        """This executor for `n` items of work, or one that runs them here when starting
        workers would cost more than a handful of items."""
        return self if n >= 4 * self.jobs else Executor(self.pipeline, 1)

    def map_mixed(self, fn, items: Iterator, shared, done_type: type) -> Iterator:
        if self.client is not None:
            return self._dask(fn, items, shared, done_type)
        if self.jobs > 1:
            return self._pool(fn, items, shared, done_type)
        return (item if isinstance(item, done_type) else fn(item, shared) for item in items)

    def map_batches(self, fn, items: Iterator, shared, done_type: type, size: int) -> Iterator:
        """`map_mixed` with the items to do sent in batches of up to `size` (fewer messages between
        processes): `fn(batch, shared)` gives a list of results. Results come one by one, in order."""
        for done in self.map_mixed(fn, _batches(items, done_type, size), shared, done_type):
            yield from done if isinstance(done, list) else (done,)

    def _pool(self, fn, items, shared, done_type):
        import multiprocessing as mp

        ctx = mp.get_context("fork" if hasattr(os, "fork") else "spawn")
        # what the feeder thread read, in order: a finished item, PENDING (sent to the pool) or DONE
        passed: queue.SimpleQueue = queue.SimpleQueue()
        room = threading.Semaphore(self.WINDOW)  # items read ahead of the main thread
        stopped = threading.Event()

        def todo():  # runs in the pool's feeder thread
            try:
                for item in items:
                    while not room.acquire(timeout=0.1):  # the main thread is behind: wait
                        if stopped.is_set():
                            return
                    if isinstance(item, done_type):
                        passed.put(item)
                    else:
                        passed.put(_PENDING)
                        yield fn, item
            except BaseException:
                passed.put(_PENDING)  # the pool hands the error over as the next result
                raise
            passed.put(_DONE)

        with ctx.Pool(self.jobs, initializer=_install_shared, initargs=(shared,)) as pool:
            results = pool.imap(_pool_call, todo(), chunksize=1)
            try:
                while True:
                    head = passed.get()
                    if head is _DONE:
                        return
                    room.release()
                    # a result is waited for only when its task was sent: never while the feeder waits
                    yield next(results) if head is _PENDING else head
            finally:
                stopped.set()  # a consumer that stops early must not leave the feeder waiting

    def _dask(self, fn, items, shared, done_type):
        shared_f = self.client.scatter(shared, broadcast=True, hash=False)
        window: deque = deque()
        for item in items:
            window.append(item if isinstance(item, done_type)
                          else self.client.submit(fn, item, shared_f, pure=False))
            if len(window) >= self.WINDOW:
                yield _result(window.popleft(), done_type)
        while window:
            yield _result(window.popleft(), done_type)

    def __exit__(self, *exc) -> None:
        if self.client is not None and isinstance(self.dask, str):
            self.client.close()


def _batches(items: Iterator, done_type: type, size: int) -> Iterator:
    """Runs of items to do, in lists of up to `size`; items that are results already
    (`done_type`) pass alone, in order."""
    batch: list = []
    for item in items:
        if isinstance(item, done_type):
            if batch:
                yield batch
                batch = []
            yield item
            continue
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _result(x, done_type):
    return x if isinstance(x, done_type) else x.result()
