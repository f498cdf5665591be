"""The incremental build: from the state the previous build of the same N-Quads output left.

Takes the files and folders to read, a `Context` (with a cache and a state to fill) and the old
`BuildState`; gives a `BuildResult` and the same output bytes a full build would give, or None,
before anything is written, when it cannot: the set of short company names changed (other
documents might take or lose names), a cache entry is missing, the old output cannot be read, or
more than a tenth of the corpus changed. Changed and new documents go through the documents'
steps of a full build, alone; the corpus's form table is the old one less the tables of changed
and removed documents plus the new ones, resolved again only if it changed; the graphs of
unchanged documents are copied from the old output unless their entities moved.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from ..document import Document
from ..extract.resolve import Entity, FormTable
from ..read.sources import Skipped
from .cache import DocCache
from .context import BuildResult, Context, Laps
from .documents import Processed, process_documents, read_documents, take_short_names
from .graphs import GraphWork, graph_work, make_graphs, write_entities, write_graph
from .state import BuildState, DocRecord
from .tasks import DocGraph, Extracted


@dataclass
class Changes:
    """The corpus against the old state."""

    limit: int                     # changed documents at the most
    order: list[DocRecord | int] = field(default_factory=list)  # an unchanged one's old record, a fresh one's index
    fresh: list[tuple[Document, str]] = field(default_factory=list)  # changed and new documents, with cache keys
    gone: list[DocRecord] = field(default_factory=list)  # the old records of changed and removed documents


class Resolution(NamedTuple):
    table: FormTable
    entities: dict[str, Entity]
    form_entity: dict[str, str]
    moved: set[str]                # forms whose entity changed
    same: bool                     # the table did not change: the old resolution stands


def rebuild(ctx: Context, paths: list[str | Path], progress: Callable[[int, int, str], None] | None, strict: bool,
            old: BuildState) -> BuildResult | None:
    """The build of `paths` to `ctx.writer` from `old`, or None when it would not be a full build's."""
    clock = Laps()
    skipped: list[Skipped] = []
    changes = _changes(ctx, paths, progress, strict, skipped, old)
    if changes is None:
        return None

    # the changed and new documents, as in a full build
    small = replace(ctx, ex=ctx.ex.sized(len(changes.fresh)))
    done = process_documents(small, changes.fresh)
    reused = len(changes.order) - len(changes.fresh) + len(done.hits)
    forms = set(done.forms)
    for item in changes.order:
        if isinstance(item, DocRecord):
            forms |= item.short_forms
    if forms != old.short_forms:
        return None
    put_in = take_short_names(small, done, forms)
    clock.lap("documents")

    resolution = _resolve(ctx, old, changes.gone, put_in)
    if resolution is None:
        return None
    clock.lap("resolution")

    made = _make_graphs(ctx, changes, done, resolution)
    if made is None:
        return None
    result = BuildResult(resolution.entities, 0.0, skipped=skipped, n_documents=len(changes.order), reused=reused,
                         redone=len(done.again))
    if not _write(ctx, old, changes.order, made, resolution, result):
        return None
    clock.lap("graphs")
    result.timings = clock.laps
    return result


def _changes(ctx: Context, paths: list[str | Path], progress, strict: bool, skipped: list[Skipped],
             old: BuildState) -> Changes | None:
    """The documents read, sorted into unchanged (an old record has their key) and fresh ones."""
    by_key = {rec.key: rec for rec in old.docs}
    changes = Changes(limit=max(16, len(old.docs) // 10))
    total, docs = read_documents(paths, ctx.stages.options.max_bytes, strict, skipped)
    for doc in docs:
        key = ctx.cache.key(doc)
        rec = by_key.pop(key, None)
        if rec is None:
            if len(changes.fresh) >= changes.limit:
                return None
            changes.order.append(len(changes.fresh))
            changes.fresh.append((doc, key))
        else:
            changes.order.append(rec)
        if progress:
            progress(len(changes.order), max(total, len(changes.order)), doc.path)
    changes.gone = list(by_key.values())
    return changes if changes.order else None


def _cached(cache: DocCache, rec: DocRecord) -> Extracted | None:
    """The processed document behind an old record."""
    return cache.get_extracted(cache.key_of(rec.key, "|".join(sorted(rec.extra))))


def _resolve(ctx: Context, old: BuildState, gone: list[DocRecord], put_in: FormTable) -> Resolution | None:
    """The corpus's table: the old one, less the old tables of changed and removed documents,
    plus the new ones (`put_in`); resolved again only when it changed."""
    taken_out = FormTable()
    for rec in gone:
        cached = _cached(ctx.cache, rec)
        if cached is None:
            return None
        taken_out.update(pickle.loads(cached.meta)[3])
    if taken_out == put_in:
        return Resolution(old.table, old.entities, old.form_entity, set(), True)
    table = old.table
    table.subtract(taken_out)
    table.update(put_in)
    entities, form_entity = ctx.stages.resolve_table(table)
    moved = {f for f in old.form_entity.keys() | form_entity.keys() if old.form_entity.get(f) != form_entity.get(f)}
    return Resolution(table, entities, form_entity, moved, False)


def _make_graphs(ctx: Context, changes: Changes, done: Processed,
                 resolution: Resolution) -> dict[int, tuple[GraphWork, DocGraph]] | None:
    """The graphs to make, by position in the corpus: the fresh documents', and those of
    unchanged ones whose entities moved."""
    form_entity, moved = resolution.form_entity, resolution.moved
    works: dict[int, GraphWork] = {}
    for pos, item in enumerate(changes.order):
        if isinstance(item, DocRecord):
            if not moved or moved.isdisjoint(item.forms):
                continue
            cached = _cached(ctx.cache, item)
            if cached is None or len(works) >= changes.limit:
                return None
            works[pos] = graph_work(item.key, item.extra, ctx.spill.put(cached.blob), cached.meta, form_entity)
        else:
            meta, blob = done.records[item]
            works[pos] = graph_work(done.keys[item], done.again.get(item, frozenset()), blob, ctx.spill.get(meta),
                                    form_entity)
    runner = replace(ctx, ex=ctx.ex.sized(len(works)))
    graphs = make_graphs(runner, iter(works.values()), form_entity, frozenset(resolution.entities))
    return dict(zip(works, graphs, strict=True))


def _write(ctx: Context, old: BuildState, order: list[DocRecord | int], made: dict[int, tuple[GraphWork, DocGraph]],
           resolution: Resolution, result: BuildResult) -> bool:
    """The output: copied from the old one where nothing changed. False when the old output
    cannot be read (nothing was written then)."""
    writer, state = ctx.writer, ctx.state
    try:
        source = open(old.output, "rb")
    except OSError:
        return False
    with source:
        write_entities(ctx, resolution.table, resolution.entities, resolution.form_entity,
                       (source, old.head) if resolution.same else None)
        for pos, item in enumerate(order):
            if pos in made:
                record = write_graph(writer, *made[pos])
            else:
                record = replace(item, offset=writer.position)
                writer.copy(source, item.offset, item.length, item.count)
                result.copied += 1
            state.docs.append(record)
            result.n_relations += record.relations
            result.n_observations += record.observations
    return True
