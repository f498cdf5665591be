"""The documents' steps, shared by the full and the incremental build.

Takes read documents with their cache keys. Step 1 processes each on its own (on the executor,
or from the cache); step 2 processes again those that name a company by a short name learnt
from another document. Gives `Processed`: the documents' records in the spill (a small pickle
for the corpus-wide steps, the slim document for its graph), the short company names they offer
and take, and, from step 2, their form tables added up: all that resolution needs. With forked
workers the workers write to the spill's part files and run step 2 themselves.
"""

from __future__ import annotations

import pickle
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..document import Document
from ..errors import InputError
from ..extract.resolve import FormTable
from ..read.sources import Skipped, collect_inputs, read_corpus
from ..resources import alternation
from .context import Context
from .spill import Spill
from .stages import fresh
from .tasks import (
    EXTRACT_BATCH,
    RESCAN_BATCH,
    Extracted,
    extract_part_task,
    extract_task,
    rescan_part_task,
    short_names_in,
)


def read_documents(paths: list[str | Path], max_bytes: int, strict: bool,
                   skipped: list[Skipped]) -> tuple[int, Iterator[Document]]:
    """How many files there are, and their documents as they are read; skipped files go to
    `skipped` (with `strict`, the first one is an error)."""
    inputs = collect_inputs(paths)

    def documents() -> Iterator[Document]:
        for item in read_corpus(paths, max_bytes, inputs):
            if isinstance(item, Skipped):
                if strict:
                    raise InputError(item.path, f"{item.reason} (--strict)")
                skipped.append(item)
                continue
            yield item

    return len(inputs), documents()


@dataclass
class Processed:
    """Processed documents, in order."""

    records: list[tuple[int, int]] = field(default_factory=list)  # spill records: (meta, blob)
    keys: list[str] = field(default_factory=list)  # the cache key of each read document
    forms: set[str] = field(default_factory=set)  # the short names of their companies
    hits: set[int] = field(default_factory=set)  # taken from the cache as they were
    again: dict[int, frozenset[str]] = field(default_factory=dict)  # short names taken from others

    def meta(self, spill: Spill, i: int) -> tuple[frozenset[str], str, list[tuple[int, int]], FormTable]:
        """A document's short names, text, mention spans and form table."""
        return pickle.loads(spill.get(self.records[i][0]))

    def redo(self, i: int, extra: frozenset[str], record: tuple[int, int], hit: bool) -> None:
        """Document `i` processed again with other documents' short names `extra`."""
        self.again[i] = extra
        self.records[i] = record
        if not hit:
            self.hits.discard(i)


def to_spill(spill: Spill, ext: Extracted) -> tuple[int, int]:
    """A processed document's records in the spill: (meta, blob)."""
    if ext.part is not None:  # a worker wrote it to a part file
        name, at, meta_size, blob_size = ext.part
        return spill.adopt(name, at, meta_size), spill.adopt(name, at + meta_size, blob_size)
    return spill.put(ext.meta), spill.put(ext.blob)


def process(ctx: Context, items: Iterable[tuple[Document | bytes, str, frozenset[str]]]
            ) -> Iterator[tuple[Document | bytes, Extracted, bool]]:
    """Processes documents (read ones, or processed ones as spilled, with their cache keys and
    the short names of others to take) in order, taking unchanged ones from the cache; gives
    each with what was made of it and whether it came from the cache. Forked workers write
    what they made to the spill's part files (and to the cache) themselves: the results say
    only where it is, for `to_spill`."""
    cache, to_parts = ctx.cache, ctx.ex.forks
    read: deque[tuple[Document | bytes, str]] = deque()  # sent, in order: the item, its key if not cached

    def tasks():
        for doc, key, extra in items:
            ekey = cache.key_of(key, "|".join(sorted(extra))) if cache else ""
            hit = cache.get_extracted(ekey) if cache else None
            read.append((doc, ekey if hit is None else ""))
            if hit is not None:
                yield hit
                continue
            item = (fresh(doc) if isinstance(doc, Document) else doc, extra)
            yield (*item, ekey) if to_parts else item

    options = ctx.stages.options
    results = ctx.ex.map_batches(extract_part_task, tasks(), (options, ctx.spill.parts_dir, cache), Extracted,
                                 EXTRACT_BATCH) if to_parts else ctx.ex.map_mixed(extract_task, tasks(), options,
                                                                                  Extracted)
    for ext in results:
        doc, ekey = read.popleft()
        if cache and ekey and ext.part is None:
            cache.put_extracted(ekey, ext)
        yield doc, ext, not ekey and cache is not None


def process_documents(ctx: Context, docs: Iterable[tuple[Document, str]],
                      progress: Callable[[int, int, str], None] | None = None, total: int = 0) -> Processed:
    """Step 1: every document on its own, to the spill. `docs`: read documents and their cache
    keys; `progress(done, total, path)` after each."""
    out = Processed()

    def items():
        for doc, key in docs:
            out.keys.append(key)
            yield doc, key, frozenset()

    for doc, ext, hit in process(ctx, items()):
        if hit:
            out.hits.add(len(out.records))
        out.records.append(to_spill(ctx.spill, ext))
        out.forms |= ext.short_forms
        if progress:
            progress(len(out.records), max(total, len(out.records)), doc.path)
    return out


def take_short_names(ctx: Context, done: Processed, forms: set[str]) -> FormTable:
    """Step 2: the documents that name a company by one of the short names `forms` (outside
    their own mentions and names) are processed again with them. Gives the documents' form
    tables added up (tables add up in any order)."""
    rx = re.compile(alternation(forms)) if forms else None
    if ctx.ex.forks:
        return _rescan_in_workers(ctx, done, rx)
    return _rescan_here(ctx, done, rx)


def _rescan_in_workers(ctx: Context, done: Processed, rx: re.Pattern | None) -> FormTable:
    """Forked workers scan the spilled documents and process again those that take names, a
    batch at a time, and add up the batch's form tables (fewer and smaller tables to add up here)."""
    spill = ctx.spill
    places = [(spill.where(meta), spill.where(blob), done.keys[i]) for i, (meta, blob) in enumerate(done.records)]
    batches = (places[b:b + RESCAN_BATCH] for b in range(0, len(places), RESCAN_BATCH))
    shared = (rx, ctx.stages.options, spill.parts_dir, ctx.cache)
    table = FormTable()
    i = 0
    for batch_table, rescans in ctx.ex.map_mixed(rescan_part_task, batches, shared, FormTable):
        table.update(batch_table)
        for r in rescans:
            if r.redone is not None:
                done.redo(i, r.extra, to_spill(spill, r.redone), r.hit)
            i += 1
    return table


def _rescan_here(ctx: Context, done: Processed, rx: re.Pattern | None) -> FormTable:
    """The scan runs here and the documents that take names go to the executor again."""
    table = FormTable()
    extras: dict[int, frozenset[str]] = {}
    for i in range(len(done.records)):
        short, text, spans, doc_table = done.meta(ctx.spill, i)
        extra = short_names_in(rx, short, text, spans)
        if extra:
            extras[i] = extra
            continue
        table.update(doc_table)
    # the processed documents get the new names and their relations and observations again
    items = ((ctx.spill.get(done.records[i][1]), done.keys[i], extra) for i, extra in extras.items())
    for (i, extra), (_doc, ext, hit) in zip(extras.items(), process(ctx, items), strict=True):
        done.redo(i, extra, to_spill(ctx.spill, ext), hit)
        table.update(pickle.loads(ext.meta)[3])
    return table
