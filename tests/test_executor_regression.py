"""Issue 4 regression: a process pool fed mostly by cache hits must not deadlock (a chunk of tasks
waited for more tasks while the feeder waited for the main thread)."""

import threading

from parkgraph.build import BuildOptions, Pipeline
from parkgraph.build.executor import Executor


def _double(x, shared):
    return x * shared


def test_executor_pool_with_long_runs_of_passed_through_results_finishes():
    items = [str(i) if i % 600 else i for i in range(2000)]  # ints are work, strs are finished results
    ex = Executor(Pipeline(BuildOptions()), jobs=2)
    out: list = []

    def run():
        with ex:
            out.extend(ex.map_mixed(_double, iter(items), 2, str))

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(120)
    assert not t.is_alive(), "the executor deadlocked"
    assert out == [x if isinstance(x, str) else x * 2 for x in items]


def _double_all(batch, shared):
    return [x * shared for x in batch]


def test_map_batches_keeps_order_and_passes_results_through():
    # runs of work between finished results, of every length around the batch size
    items = [str(i) if i % 7 in (0, 3) else i for i in range(300)]
    expected = [x if isinstance(x, str) else x * 2 for x in items]
    for jobs in (1, 2):
        with Executor(Pipeline(BuildOptions()), jobs=jobs) as ex:
            assert list(ex.map_batches(_double_all, iter(items), 2, str, 4)) == expected
