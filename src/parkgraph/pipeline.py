"""The stages in order: files in, a contract-conformant RDF dataset out.

`build(inputs, options)` reads every article under the given files and folders, runs the
per-document stages (normalise → sentences → entities → relations → observations), resolves
entities across all documents, maps facts to entity keys and builds the dataset. The
per-document part (`process_document`) needs nothing from other documents, so it can run
in parallel; resolution is the one step that sees the whole corpus.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from .corrections import Corrections, load_corrections
from .document import Document
from .entities import Recognizer
from .errors import InputError
from .normalize import normalize
from .observations import ObservationExtractor
from .rdf import build_quads, quads_to_dataset
from .relations import RelationExtractor
from .resolve import Entity, Resolver, norm_label
from .resources import Resources, load_resources
from .sentences import split_sentences
from .sources import DEFAULT_MAX_BYTES, Skipped, read_corpus, read_documents

PIPELINE_VERSION = "1"


@dataclass
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


def read_document(path: Path, rel: str) -> Document:
    """One plain-text article (kept for callers that read a single known-good file)."""
    item = next(read_documents(path, rel))
    if isinstance(item, Skipped):
        raise InputError(path, item.reason)
    return item


class Pipeline:
    def __init__(self, options: BuildOptions | None = None):
        self.options = options or BuildOptions()
        o = self.options
        self.res: Resources = load_resources(o.data_dir, o.lexicon_dirs, o.use_lexicon)
        cdir = Path(o.corrections_dir) if o.corrections_dir else self.res.data_dir / "corrections"
        self.corrections: Corrections = load_corrections(cdir)
        self.recognizer = Recognizer(self.res, self.corrections.entries)
        self.relations = RelationExtractor(self.res)
        self.observations = ObservationExtractor(self.res)

    def recognize_document(self, doc: Document) -> Document:
        """Per-document pass 1: normalise, split, recognise."""
        normalize(doc)
        split_sentences(doc)
        self.recognizer.recognize(doc)
        if self.corrections.blocked:
            doc.mentions = [m for m in doc.mentions
                            if norm_label(m.name) not in self.corrections.blocked
                            and not (m.refers_to and norm_label(m.refers_to.name) in self.corrections.blocked)]
        return doc

    def extract_document(self, doc: Document, corpus_forms: set[str] | None = None) -> Document:
        """Per-document pass 2: corpus-wide short names, then relations and observations."""
        if corpus_forms:
            self.recognizer.add_corpus_short_forms(doc, corpus_forms)
        self.relations.extract(doc)
        self.observations.extract(doc)
        return doc

    def corpus_forms(self, docs: list[Document]) -> set[str]:
        forms: set[str] = set()
        for doc in docs:
            forms |= self.recognizer.short_forms_of(doc.candidates)
        return forms

    def process_document(self, doc: Document) -> Document:
        """Both passes on one document alone."""
        return self.extract_document(self.recognize_document(doc))

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
              strict: bool = False) -> BuildResult:
        """`progress(done, total, path)` is called after each document; with `strict` the first
        skipped file is an error."""
        t0 = time.perf_counter()
        items = list(read_corpus(paths, self.options.max_bytes))
        skipped = [i for i in items if isinstance(i, Skipped)]
        if strict and skipped:
            raise InputError(skipped[0].path, f"{skipped[0].reason} (--strict)")
        docs: list[Document] = []
        total = len(items) - len(skipped)
        for doc in items:
            if isinstance(doc, Skipped):
                continue
            docs.append(self.recognize_document(doc))
            if progress:
                progress(len(docs), total, doc.path)
        forms = self.corpus_forms(docs)
        for doc in docs:
            self.extract_document(doc, forms)
        entities = self.resolve(docs)
        quads = build_quads(docs, entities)
        return BuildResult(docs, entities, quads, time.perf_counter() - t0, skipped)


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
