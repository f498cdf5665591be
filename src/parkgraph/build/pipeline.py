"""`Pipeline`: the stages over one document, and the build of a corpus with them.

Takes `BuildOptions`; `Pipeline.build(inputs, output)` reads every article under the given
files and folders and writes the graph to a file, a store or memory: incrementally (`rebuild.py`)
when the previous build of the same N-Quads output left a state and few documents changed,
otherwise in full (`corpus.py`). The output is written beside its target and put in place at
the end, or left as it was when the build fails or reads nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from ..graph.rdf import GraphWriter
from .cache import DocCache
from .context import BuildResult, Context
from .corpus import build_corpus
from .executor import Executor
from .rebuild import rebuild
from .spill import Spill
from .stages import BuildOptions, Stages
from .state import BuildState, load_state, save_state


class Pipeline(Stages):
    def __init__(self, options: BuildOptions | None = None):
        super().__init__(options)
        self.last_cache: DocCache | None = None

    def build(self, paths: list[str | Path], output: str | Path | None = None,
              progress: Callable[[int, int, str], None] | None = None, strict: bool = False, jobs: int = 1,
              cache_dir: str | Path | None = None, dask: str | None = None,
              keep_documents: bool | None = None) -> BuildResult:
        """Reads every article under `paths`, processes them (on `jobs` processes or a Dask
        cluster), resolves the entities of the whole corpus and streams the graph to `output`
        (a graph file, `store:DIR`, or None for memory).

        The corpus is never held in memory: each processed document goes to a spill file, and
        the main process keeps only the table of surface forms that resolution needs. Then the
        documents' graphs are made where the documents were processed and streamed to the
        output. `progress(done, total, path)` is called after each document; with `strict` the
        first skipped file is an error; with `cache_dir` an unchanged document is not processed
        again, and its graph is reused when its entities did not change either."""
        t0 = time.perf_counter()
        keep = output is None if keep_documents is None else keep_documents
        cache = DocCache(cache_dir, self.version()) if cache_dir else None
        self.last_cache = cache
        writer = GraphWriter(output)
        # an N-Quads output built with a cache leaves a state behind, so that the next build of
        # it copies the graphs of unchanged documents from it
        state = BuildState(self.version(), str(Path(output).resolve())) \
            if cache is not None and output is not None and writer.format == "nquads" and not keep else None
        try:
            with Spill() as spill, Executor(self, jobs, dask) as ex:
                ctx = Context(self, ex, spill, cache, writer, state, keep)
                result = None
                if state is not None:
                    previous = load_state(cache_dir, output, state.version)
                    if previous is not None:
                        result = rebuild(ctx, paths, progress, strict, previous)
                if result is None:
                    result = build_corpus(ctx, paths, progress, strict)
            if result.n_documents:
                t = time.perf_counter()
                result.size = writer.commit()
                result.timings["writing the output"] = time.perf_counter() - t
                if state is not None:
                    save_state(cache_dir, state)
            else:
                writer.abort()  # nothing was read: leave the target as it was
        except BaseException:
            writer.abort()
            raise
        if output is None:
            result.quads = writer.quads
        result.n_quads = writer.count
        result.seconds = time.perf_counter() - t0
        return result


def build(paths: list[str | Path], options: BuildOptions | None = None) -> BuildResult:
    return Pipeline(options).build(paths)
