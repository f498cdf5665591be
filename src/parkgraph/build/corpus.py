"""The full build: every document processed, the corpus's names resolved, every graph made.

Takes the files and folders to read and a `Context`; gives a `BuildResult`, with the graph
written to the context's writer (committed by the caller) and, with a state, what the next build
of the same output needs. The steps: 1. every document on its own, to the spill; 2. documents
that name a company by a short name learnt from another document, again; 3. resolution over
the form tables added up; 4. each document's graph, made where the documents are processed,
streamed to the output in corpus order.
"""

from __future__ import annotations

import itertools
import pickle
from collections.abc import Callable
from pathlib import Path

from ..extract.resolve import Entity, assign_keys
from .context import BuildResult, Context, Laps
from .documents import Processed, process_documents, read_documents, take_short_names
from .graphs import graph_work, make_graphs, write_entities, write_graph
from .spill import Parts
from .stages import map_facts


def build_corpus(ctx: Context, paths: list[str | Path], progress: Callable[[int, int, str], None] | None,
                 strict: bool) -> BuildResult:
    """A full build of the documents under `paths` to `ctx.writer`."""
    clock = Laps()
    skipped = []
    total, docs = read_documents(paths, ctx.stages.options.max_bytes, strict, skipped)
    first = list(itertools.islice(docs, 4 * ctx.ex.jobs))
    if len(first) < 4 * ctx.ex.jobs:
        ctx.ex.jobs = 1  # starting workers costs more than a handful of articles
    cache = ctx.cache
    keyed = ((doc, cache.key(doc) if cache else "") for doc in itertools.chain(first, docs))
    done = process_documents(ctx, keyed, progress, total)
    clock.lap("documents")
    if not done.records:
        return BuildResult({}, 0.0, skipped=skipped)

    table = take_short_names(ctx, done, done.forms)
    clock.lap("short names across documents")

    entities, form_entity = ctx.stages.resolve_table(table)
    write_entities(ctx, table, entities, form_entity)
    del table
    clock.lap("resolution")

    result = BuildResult(entities, 0.0, skipped=skipped, n_documents=len(done.records), reused=len(done.hits),
                         redone=len(done.again))
    _write_graphs(ctx, done, entities, form_entity, result)
    clock.lap("graphs")
    result.timings = clock.laps
    return result


def _write_graphs(ctx: Context, done: Processed, entities: dict[str, Entity], form_entity: dict[str, str],
                  result: BuildResult) -> None:
    """Step 4: every document's graph to the output, its record to the state, its counts (and,
    when the build keeps them, the document with entity keys on its facts) to `result`."""
    spill, writer, keys = ctx.spill, ctx.writer, frozenset(entities)
    works = (graph_work(done.keys[i], done.again.get(i, frozenset()), blob,
                        spill.get(meta) if ctx.cache else None, form_entity)
             for i, (meta, blob) in enumerate(done.records))
    # forked workers read the spilled documents and write the graphs to part files themselves
    parts = Parts(writer.dest) if ctx.ex.forks and writer.target is not None and not ctx.keep else None
    try:
        for w, dg in make_graphs(ctx, works, form_entity, keys, parts):
            record = write_graph(writer, w, dg, parts)
            if ctx.state is not None:
                ctx.state.docs.append(record)
            result.n_relations += dg.relations
            result.n_observations += dg.observations
            if ctx.keep:
                doc = dg.document
                if doc is None:  # a cached graph: map the document again
                    doc = pickle.loads(spill.get(w.blob))
                    assign_keys(doc, form_entity)
                    map_facts(doc, keys)
                result.documents.append(doc)
    finally:
        if parts is not None:
            parts.close()
