"""The stages in order: files in, a contract-conformant RDF dataset out.

`build(inputs, options)` reads every article under the given files and folders, runs the
per-document stages (normalise → sentences → entities → relations → observations), resolves
entities across all documents, maps facts to entity keys and builds the dataset. The
per-document part (`process_document`) needs nothing from other documents, so it can run
in parallel; resolution is the one step that sees the whole corpus.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from .cache import DocCache, fingerprint
from .corrections import Corrections, load_corrections
from .document import Document
from .entities import Occupancy, Recognizer
from .errors import InputError
from .normalize import normalize
from .observations import ObservationExtractor
from .rdf import build_quads, quads_to_dataset
from .relations import RelationExtractor
from .resolve import Entity, Resolver, norm_label
from .resources import Resources, alternation, load_resources
from .sentences import split_sentences
from .sources import DEFAULT_MAX_BYTES, Skipped, read_corpus

PIPELINE_VERSION = "1"


@dataclass(frozen=True)
class BuildOptions:
    use_lexicon: bool = True
    lexicon_dirs: tuple[str, ...] | None = None
    data_dir: str | None = None
    corrections_dir: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass
class BuildResult:
    documents: list[Document]
    entities: dict[str, Entity]
    quads: list
    seconds: float
    skipped: list[Skipped] = field(default_factory=list)
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
        self.reused = 0
        o = self.options
        self.res: Resources = load_resources(o.data_dir, o.lexicon_dirs, o.use_lexicon)
        cdir = Path(o.corrections_dir) if o.corrections_dir else self.res.data_dir / "corrections"
        self.corrections_dir = cdir
        self.corrections: Corrections = load_corrections(cdir)
        self.recognizer = Recognizer(self.res, self.corrections.entries)
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

    def process_document(self, doc: Document, extra_forms: frozenset[str] = frozenset()) -> Document:
        """Everything one document needs, nothing from other documents but `extra_forms`."""
        self.extract_document(self.recognize_document(doc), extra_forms)
        doc.short_forms = frozenset(self.recognizer.short_forms_of(doc.candidates))
        return doc

    def corpus_forms(self, docs: list[Document]) -> set[str]:
        forms: set[str] = set()
        for doc in docs:
            forms |= getattr(doc, "short_forms", None) or self.recognizer.short_forms_of(doc.candidates)
        return forms

    # ------------------------------------------------------------------ the corpus
    def resolve(self, docs: list[Document]) -> dict[str, Entity]:
        entities = Resolver(self.res, self.corrections).resolve(docs)
        touched = self.corrections.touched
        for ent in entities.values():
            for name in [ent.label, *ent.aliases]:
                ent.corrections += [s for s in touched.get(norm_label(name), []) if s not in ent.corrections]
        for doc in docs:
            _map_facts(doc, entities)
        return entities

    def build(self, paths: list[str | Path], progress: Callable[[int, int, str], None] | None = None,
              strict: bool = False, jobs: int = 1, cache_dir: str | Path | None = None,
              dask: str | None = None) -> BuildResult:
        """Reads, processes every document (on `jobs` processes or a Dask cluster), resolves and
        writes quads. `progress(done, total, path)` is called after each document; with `strict`
        the first skipped file is an error; with `cache_dir` unchanged documents are not redone."""
        t0 = time.perf_counter()
        items = list(read_corpus(paths, self.options.max_bytes))
        skipped = [i for i in items if isinstance(i, Skipped)]
        if strict and skipped:
            raise InputError(skipped[0].path, f"{skipped[0].reason} (--strict)")
        raw = [i for i in items if isinstance(i, Document)]
        if len(raw) < 4 * jobs:
            jobs = 1  # starting workers costs more than a handful of articles
        cache = DocCache(cache_dir, self.version()) if cache_dir else None
        with Executor(self.options, jobs, dask) as ex:
            docs = self._run(ex, raw, [frozenset()] * len(raw), cache, progress)
            self.reused = cache.hits if cache else 0  # documents taken from the cache as they were
            # round 2: documents that name a company by a short form learnt from another document
            forms = self.corpus_forms(docs)
            again = []
            if forms:
                rx = re.compile(alternation(forms))
                for i, d in enumerate(docs):
                    taken = Occupancy((m.start, m.end) for m in d.mentions)
                    extra = frozenset(m.group() for m in rx.finditer(d.text)
                                      if m.group() not in d.short_forms and not taken.overlaps(m.start(), m.end()))
                    if extra:  # a short name nobody recognised here yet: redo this document with it
                        again.append((i, extra))
            if again:
                redo = self._run(ex, [_fresh(raw[i]) for i, _ in again], [e for _, e in again], cache, None)
                for (i, _), d in zip(again, redo, strict=True):
                    docs[i] = d
        self.last_cache = cache
        entities = self.resolve(docs)
        quads = build_quads(docs, entities)
        return BuildResult(docs, entities, quads, time.perf_counter() - t0, skipped)

    def _run(self, ex: Executor, raw: list[Document], extras: list[frozenset[str]], cache: DocCache | None,
             progress) -> list[Document]:
        out: list[Document | None] = [None] * len(raw)
        todo = []
        for i, (d, extra) in enumerate(zip(raw, extras, strict=True)):
            hit = cache.get(cache.key(d, extra)) if cache else None
            if hit is not None:
                out[i] = hit
            else:
                todo.append(i)
        done = len(raw) - len(todo)
        for i, doc in zip(todo, ex.map([(_fresh(raw[i]), extras[i]) for i in todo]), strict=True):
            out[i] = doc
            if cache:
                cache.put(cache.key(raw[i], extras[i]), doc)
            done += 1
            if progress:
                progress(done, len(raw), doc.path)
        return out  # type: ignore[return-value]

    def version(self) -> str:
        data = [self.res.data_dir / "patterns", self.res.data_dir / "gazetteer", self.corrections_dir]
        if self.options.use_lexicon:
            data += [Path(d) for d in self.options.lexicon_dirs] if self.options.lexicon_dirs \
                else [self.res.data_dir / "lexicon"]
        return f"{PIPELINE_VERSION}:{fingerprint(data, repr(self.options))}"


def _fresh(doc: Document) -> Document:
    """An unprocessed copy of a read document (processing fills the object in place)."""
    d = Document(doc.path, doc.raw, sha256=doc.sha256, title=doc.title, date=doc.date, url=doc.url)
    return d


def slim(doc: Document) -> Document:
    """Drops what only the per-document stages need (raw text, offsets, candidates, paragraphs):
    what is kept is what resolution and the graph need, plus the text for the corpus-wide scans."""
    doc.raw = ""
    doc.offsets = []
    doc.candidates = []
    doc.paragraphs = []
    return doc


# ---------------------------------------------------------------------- executors
_WORKER_PIPELINES: dict = {}


def process_task(options: BuildOptions, doc: Document, extra: frozenset[str]) -> Document:
    """The unit of work on a worker (a process of the pool or a Dask worker): one pipeline per
    worker and options, built on first use."""
    p = _WORKER_PIPELINES.get(options)
    if p is None:
        p = _WORKER_PIPELINES[options] = Pipeline(options)
    return slim(p.process_document(doc, extra))


def _pool_task(args):
    return process_task(*args)


class Executor:
    """Runs `process_task` over documents in order: here, on N processes, or on a Dask cluster."""

    def __init__(self, options: BuildOptions, jobs: int = 1, dask: str | None = None):
        self.options, self.jobs, self.dask = options, max(1, jobs), dask
        self.pool = None
        self.client = None

    def __enter__(self) -> Executor:
        if self.dask:
            from distributed import Client

            self.client = Client(self.dask) if isinstance(self.dask, str) else self.dask
        elif self.jobs > 1:
            import multiprocessing as mp

            self.pool = mp.get_context("fork" if hasattr(os, "fork") else "spawn").Pool(self.jobs)
        return self

    def map(self, items: list[tuple[Document, frozenset[str]]]):
        if not items:
            return iter(())
        if self.client is not None:
            futures = self.client.map(process_task, [self.options] * len(items), [d for d, _ in items],
                                      [e for _, e in items], pure=False)
            return (f.result() for f in futures)  # in corpus order; results stream as they finish
        if self.pool is not None:
            chunk = max(1, min(32, len(items) // (self.jobs * 8) or 1))
            return self.pool.imap(_pool_task, [(self.options, d, e) for d, e in items], chunksize=chunk)
        return (process_task(self.options, d, e) for d, e in items)

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()
        if self.client is not None and isinstance(self.dask, str):
            self.client.close()


def _map_facts(doc: Document, entities: dict[str, Entity]) -> None:
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
