"""The stages in order: files in, a contract-conformant RDF dataset out.

`build(inputs, options)` reads every article under the given files and folders, runs the
per-document stages (normalise → sentences → entities → relations → observations), resolves
entities across all documents, maps facts to entity keys and builds the dataset. The
per-document part (`process_document`) needs nothing from other documents, so it can run
in parallel; resolution is the one step that sees the whole corpus.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from .corrections import Corrections, load_corrections
from .document import Document
from .entities import Recognizer
from .errors import InputError
from .normalize import normalize
from .observations import ObservationExtractor
from .rdf import build_dataset
from .relations import RelationExtractor
from .resolve import Entity, Resolver, norm_label
from .resources import Resources, load_resources
from .sentences import split_sentences

TEXT_SUFFIXES = (".txt", ".md")
PIPELINE_VERSION = "1"


@dataclass
class BuildOptions:
    use_lexicon: bool = True
    lexicon_dirs: tuple[str, ...] | None = None
    data_dir: str | None = None
    corrections_dir: str | None = None


@dataclass
class BuildResult:
    documents: list[Document]
    entities: dict[str, Entity]
    dataset: Dataset
    seconds: float
    skipped: list[tuple[str, str]] = field(default_factory=list)


def collect_inputs(paths: list[str | Path]) -> list[tuple[Path, str]]:
    """(file, path relative to its corpus root) for every article under the given paths."""
    out: list[tuple[Path, str]] = []
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES and not f.name.startswith("."):
                    out.append((f, f.relative_to(p).as_posix()))
        elif p.is_file():
            out.append((p, p.name))
        else:
            raise InputError(p, "no such file or directory")
    return out


def decode(data: bytes, path: Path | str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputError(path, "not text in UTF-8 or GB18030")


def read_document(path: Path, rel: str) -> Document:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(path, e.strerror or str(e)) from None
    doc = Document(rel, decode(data, path))
    doc.sha256 = hashlib.sha256(data).hexdigest()
    return doc


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

    def build(self, paths: list[str | Path]) -> BuildResult:
        t0 = time.perf_counter()
        docs = [self.recognize_document(read_document(f, rel)) for f, rel in collect_inputs(paths)]
        forms = self.corpus_forms(docs)
        for doc in docs:
            self.extract_document(doc, forms)
        entities = self.resolve(docs)
        ds = build_dataset(docs, entities)
        return BuildResult(docs, entities, ds, time.perf_counter() - t0)


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
