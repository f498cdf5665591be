"""The units of work that run on workers (forked processes or a Dask cluster).

Each takes an item and the data every task shares, and gives a result small enough to send
back: `extract_task` processes one document (an `Extracted`: the pickles the corpus-wide steps
and the graph step read), `rescan_part_task` looks for other documents' short company names in
a batch of spilled documents and processes again those that take some (a `Rescan` each, and
the batch's form tables added up), `graph_task` makes one document's graph from the
corpus-wide resolution (a `DocGraph`). The `*_part_task` forms run in forked workers: they read
the spill themselves and append what they make to part files, and give only where it is.
"""

from __future__ import annotations

import pickle
import re
from dataclasses import dataclass, replace

from ..document import Document
from ..entities import Occupancy
from ..extract.resolve import FormTable, assign_keys
from ..graph.rdf import document_nquads
from .cache import DocCache
from .spill import append_part, read_at
from .stages import BuildOptions, Stages, map_facts, slim

RESCAN_BATCH = 32  # documents per task of the rescan
EXTRACT_BATCH = 8  # documents per task of processing, on forked workers
GRAPH_BATCH = 8  # documents per task of making graphs, on forked workers


@dataclass
class Extracted:
    """One processed document as the main process keeps it: `meta` (a pickle of its short
    names, text, mention spans and form table: what the corpus-wide steps read) and `blob`
    (a pickle of the slim document, read again only to make its graph)."""

    short_forms: frozenset[str]
    meta: bytes
    blob: bytes
    # or both are in a part file of the spill: its name, offset, and the sizes of meta and blob
    part: tuple[str, int, int, int] | None = None


@dataclass
class Rescan:
    """A processed document after the corpus-wide short names: the names of other documents'
    companies it takes (`extra`) and, when it takes some, the document processed again with them
    (`redone`, in a part file of the spill; `hit` when it came from the cache)."""

    extra: frozenset[str] = frozenset()
    redone: Extracted | None = None
    hit: bool = False


@dataclass
class DocGraph:
    """One document's graph as N-Quads, with counts; `document` when the build keeps them."""

    nquads: bytes
    count: int
    relations: int
    observations: int
    document: Document | None = None
    part: tuple[str, int, int] | None = None  # or the N-Quads are in a part file: name, offset, length


_WORKER_STAGES: dict[BuildOptions, Stages] = {}


def share_stages(stages: Stages) -> None:
    """Makes `stages` the ones this process's tasks use for its options (workers forked after
    this inherit them, with the jieba dictionary loaded)."""
    _WORKER_STAGES[stages.options] = stages


def worker_stages(options: BuildOptions) -> Stages:
    """One `Stages` per process and options, made on first use."""
    p = _WORKER_STAGES.get(options)
    if p is None:
        p = _WORKER_STAGES[options] = Stages(options)
    return p


def short_names_in(rx: re.Pattern | None, short: frozenset[str], text: str,
                   spans: list[tuple[int, int]]) -> frozenset[str]:
    """The short names of other documents' companies (`rx`) in a document's text, outside its
    own mentions."""
    if rx is None:
        return frozenset()
    taken = Occupancy(spans)
    return frozenset(m.group() for m in rx.finditer(text)
                     if m.group() not in short and not taken.overlaps(m.start(), m.end()))


def extract_task(item: tuple[Document | bytes, frozenset[str]], options: BuildOptions) -> Extracted:
    """Processes one document: what the main process needs of it, and the document itself. A
    document already processed (a spilled pickle) only gets the short names `extra`."""
    doc, extra = item
    p = worker_stages(options)
    if isinstance(doc, bytes):
        doc = p.add_short_names(pickle.loads(doc), extra)
    else:
        p.process_document(doc, extra)
    spans = [(m.start, m.end) for m in doc.mentions]
    table = FormTable().add_document(doc)
    meta = pickle.dumps((doc.short_forms, doc.text, spans, table), protocol=pickle.HIGHEST_PROTOCOL)
    return Extracted(doc.short_forms, meta, pickle.dumps(slim(doc), protocol=pickle.HIGHEST_PROTOCOL))


def extract_part_task(batch: list[tuple[Document | bytes, frozenset[str], str]], shared) -> list[Extracted]:
    """`extract_task` on a batch of documents in a forked worker: caches each result under its
    `key` (when given) and appends it to the worker's part file in the spill's directory; gives
    only where each is."""
    options, directory, cache = shared
    return [_to_part(extract_task((doc, extra), options), directory, cache, key) for doc, extra, key in batch]


def _to_part(ext: Extracted, directory: str, cache: DocCache | None, key: str) -> Extracted:
    if key and cache is not None:
        cache.put_extracted(key, ext)
    name, at = append_part(directory, ext.meta + ext.blob)
    return Extracted(ext.short_forms, b"", b"", (name, at, len(ext.meta), len(ext.blob)))


def rescan_part_task(batch: list[tuple[tuple[int, int, int], tuple[int, int, int], str]],
                     shared) -> tuple[FormTable, list[Rescan]]:
    """The short names of other documents' companies (`rx`) in spilled documents, in a forked
    worker; a document that has some is processed again with them here, and written to a part
    file of the spill. Gives the documents' form tables added up, and a `Rescan` per document.
    `batch`: per document, the places of its two spill records and its cache key."""
    rx, options, directory, cache = shared
    table = FormTable()
    out = []
    for meta_at, blob_at, key in batch:
        short, text, spans, doc_table = pickle.loads(read_at(meta_at))
        extra = short_names_in(rx, short, text, spans)
        if not extra:
            table.update(doc_table)
            out.append(Rescan())
            continue
        ekey = cache.key_of(key, "|".join(sorted(extra))) if cache is not None else ""
        ext = cache.get_extracted(ekey) if ekey else None
        hit = ext is not None
        if ext is None:
            ext = extract_task((read_at(blob_at), extra), options)
        table.update(pickle.loads(ext.meta)[3])
        out.append(Rescan(extra, _to_part(ext, directory, None if hit else cache, ekey), hit))
    return table, out


def graph_task(blob: bytes, shared: tuple[dict[str, str], frozenset[str], bool]) -> DocGraph:
    """One document's graph, given the corpus-wide resolution (form → entity key)."""
    form_entity, keys, keep = shared
    doc: Document = pickle.loads(blob)
    assign_keys(doc, form_entity)
    map_facts(doc, keys)
    nquads, count = document_nquads(doc, keys)
    return DocGraph(nquads, count, len(doc.relations), len(doc.observations), doc if keep else None)


def graph_part_task(batch: list[tuple[int, int, int, str]], shared) -> list[DocGraph]:
    """`graph_task` on a batch of documents in a forked worker: reads each spilled document at
    (file, offset, size) itself, caches its graph under `gkey` (when given), and appends the graph
    to its part file."""
    form_entity, keys, directory, cache = shared
    out = []
    for fd, offset, size, gkey in batch:
        dg = graph_task(read_at((fd, offset, size)), (form_entity, keys, False))
        if gkey and cache is not None:
            cache.put_graph(gkey, dg)
        name, at = append_part(directory, dg.nquads)
        out.append(replace(dg, nquads=b"", part=(name, at, len(dg.nquads))))
    return out
