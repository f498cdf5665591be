"""The graphs' steps, shared by the full and the incremental build.

Takes the corpus-wide resolution and processed documents in the spill. `make_graphs` makes each
document's graph (N-Quads) on the executor, or takes it from the cache when the document and
the entities its names resolved to did not change; `write_graph` appends one to the output and
gives the document's record for the state; `write_entities` writes the entities' own quads.
"""

from __future__ import annotations

import pickle
from collections import deque
from collections.abc import Iterator
from dataclasses import replace
from typing import BinaryIO, NamedTuple

from ..extract.resolve import Entity, FormTable
from ..graph.rdf import GraphWriter, entity_quads
from .context import Context
from .spill import Parts
from .state import DocRecord
from .tasks import GRAPH_BATCH, DocGraph, graph_part_task, graph_task


class GraphWork(NamedTuple):
    """A document whose graph is to be made, with what its graph's cache key and its record in
    the state need (`short`, `forms` and `signature` only with a cache)."""

    key: str                       # the cache key of the read document
    short: frozenset[str]          # the short names of its companies
    extra: frozenset[str]          # the short names of other documents' companies it took
    forms: tuple[str, ...]         # its surface forms
    signature: str                 # its forms' entities (FormTable.signature)
    blob: int                      # the spill record of the processed document


def graph_work(key: str, extra: frozenset[str], blob: int, meta: bytes | None,
               form_entity: dict[str, str]) -> GraphWork:
    """A document's `GraphWork`, from its spilled `meta` when there is a cache."""
    if meta is None:
        return GraphWork(key, frozenset(), extra, (), "", blob)
    short, _text, _spans, table = pickle.loads(meta)
    return GraphWork(key, short, extra, tuple(sorted(table.mentions)), table.signature(form_entity), blob)


def make_graphs(ctx: Context, works: Iterator[GraphWork], form_entity: dict[str, str], keys: frozenset[str],
                parts: Parts | None = None) -> Iterator[tuple[GraphWork, DocGraph]]:
    """Each document's graph, in order, made on the executor or taken from the cache. With
    `parts`, forked workers read the spilled documents and append the graphs to part files (and
    to the cache) themselves."""
    cache, spill = ctx.cache, ctx.spill
    sent: deque[tuple[GraphWork, str]] = deque()  # in order: the work, and its cache key if not cached

    def tasks():
        for w in works:
            gkey = cache.key_of(w.key, "|".join(sorted(w.extra)), w.signature) if cache else ""
            hit = cache.get_graph(gkey) if cache else None
            sent.append((w, "" if hit is not None else gkey))
            if hit is not None:
                yield hit  # a finished DocGraph: not sent to a worker
                continue
            yield (*spill.where(w.blob), gkey) if parts is not None else spill.get(w.blob)

    graphs = ctx.ex.map_mixed(graph_task, tasks(), (form_entity, keys, ctx.keep), DocGraph) if parts is None \
        else ctx.ex.map_batches(graph_part_task, tasks(), (form_entity, keys, parts.dir, cache), DocGraph,
                                GRAPH_BATCH)
    for dg in graphs:
        w, gkey = sent.popleft()
        if cache and gkey and dg.part is None:
            cache.put_graph(gkey, replace(dg, document=None))
        yield w, dg


def write_graph(writer: GraphWriter, w: GraphWork, dg: DocGraph, parts: Parts | None = None) -> DocRecord:
    """Appends a document's graph to the output (from a part file, or its bytes); gives the
    document's record for the state."""
    start = writer.position
    if dg.part is not None:
        name, at, length = dg.part
        writer.copy(parts.source(name), at, length, dg.count)
    else:
        writer.write(dg.nquads, dg.count)
    return DocRecord(w.key, w.short, w.extra, w.forms, start, writer.position - start, dg.count, dg.relations,
                     dg.observations)


def write_entities(ctx: Context, table: FormTable, entities: dict[str, Entity], form_entity: dict[str, str],
                   old: tuple[BinaryIO, tuple[int, int, int]] | None = None) -> None:
    """The entities' quads to the output (or copied, `old`: a file and the place of the same
    quads in it), and the resolution to the state."""
    if old is not None:
        ctx.writer.copy(old[0], *old[1])
    else:
        ctx.writer.write_quads(entity_quads(entities))
    if ctx.state is not None:
        ctx.state.table, ctx.state.entities, ctx.state.form_entity = table, entities, form_entity
        ctx.state.head = (0, ctx.writer.position, ctx.writer.count)
