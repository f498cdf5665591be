"""Stage 7: resolved entities and facts in, an RDF dataset following the graph contract out.

Takes the documents (with facts mapped to entity keys) and the entities; gives Oxigraph quads
for the entities (`entity_quads`) and N-Quads for each document (`document_nquads`): the
default graph holds the entities and documents, and one named graph per document holds the
relations, observations and evidence that document supports. Every relation triple and
observation is backed by an `rdf:Statement` evidence node with the sentence (at most 300
characters of it around the fact: `evidence.py`), its offsets into the normalised text, the
document, a confidence and the extractor. Node IRIs are hashes of their content, so the same
input always gives the same graph. (No rdflib graph is built on the way:
that took 80 % of a build's time; `quads_to_dataset` gives one when pyshacl or a caller needs
it.)

`GraphWriter` streams the graph to its target; `write_dataset` writes a whole dataset
atomically in the format the file ending names.
"""

from __future__ import annotations

import errno
import hashlib
import os
from collections.abc import Container
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from ..document import Document, ObservationFact, RelationFact
from ..errors import OutputError
from ..extract.resolve import Entity, class_of_key
from ..files import publish, temp_beside
from .evidence import evidence_span
from .vocab import PG, PGR, relation_allowed

FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld",
           ".json": "json-ld", ".rdf": "xml", ".xml": "xml"}
QUAD_FORMATS = {"trig", "nquads", "json-ld"}


def _h(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def doc_iri(doc: Document) -> URIRef:
    return PGR[f"doc-{doc.sha256[:16]}"]


def doc_graph_iri(doc: Document) -> URIRef:
    return PGR[f"graph/doc-{doc.sha256[:16]}"]


def bind(g: Graph | Dataset) -> None:
    g.bind("pg", str(PG))
    g.bind("pgr", str(PGR))
    g.bind("skos", SKOS)
    g.bind("prov", PROV)
    g.bind("dcterms", DCTERMS)


P = {"pg": "https://w3id.org/parkgraph/ontology#", "pgr": "https://w3id.org/parkgraph/resource/",
     "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
     "skos": "http://www.w3.org/2004/02/skos/core#", "prov": "http://www.w3.org/ns/prov#",
     "dcterms": "http://purl.org/dc/terms/", "xsd": "http://www.w3.org/2001/XMLSchema#"}


class _Terms:
    """Cached Oxigraph terms for the vocabulary (building a NamedNode is the hot path)."""

    def __init__(self) -> None:
        self._cache: dict[str, ox.NamedNode] = {}

    def __call__(self, prefix: str, local: str) -> ox.NamedNode:
        key = prefix + ":" + local
        node = self._cache.get(key)
        if node is None:
            node = self._cache[key] = ox.NamedNode(P[prefix] + local)
        return node


T = _Terms()
DEFAULT = ox.DefaultGraph()


def _lit(value: str, lang: str | None = None, dtype: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(value, language=lang)
    if dtype:
        return ox.Literal(value, datatype=T("xsd", dtype))
    return ox.Literal(value)


def entity_quads(entities: dict[str, Entity]) -> list[ox.Quad]:
    """Type, labels, aliases, counts and provenance of every entity (default graph)."""
    out: list[ox.Quad] = []
    add = out.append
    rdf_type, label, alt = T("rdf", "type"), T("rdfs", "label"), T("skos", "altLabel")
    for ent in sorted(entities.values(), key=lambda e: e.key):
        n = T("pgr", ent.key)
        add(ox.Quad(n, rdf_type, T("pg", ent.cls), DEFAULT))
        add(ox.Quad(n, label, _lit(ent.label, "zh"), DEFAULT))
        for a in sorted(ent.aliases):
            add(ox.Quad(n, alt, _lit(a, "zh"), DEFAULT))
        add(ox.Quad(n, T("pg", "mentionCount"), _lit(str(ent.mention_count), dtype="integer"), DEFAULT))
        for src in sorted(ent.sources):
            add(ox.Quad(n, T("pg", "recognizedBy"), _lit(src), DEFAULT))
        for c in ent.corrections:
            add(ox.Quad(n, T("pg", "correctedBy"), _lit(c), DEFAULT))
    return out


def document_nquads(doc: Document, entities: Container[str]) -> tuple[bytes, int]:
    """One document's part of the graph as N-Quads, and how many quads: its node and mentions in
    the default graph, its facts and their evidence in its named graph. `entities` holds the
    keys of the graph's entities; facts about anything else are left out. No quad is repeated."""
    quads, evidence = _document_parts(doc, entities)
    count = len(quads) + len(evidence)
    # joined as bytes line by line: a joined str of Chinese quotes takes twice their UTF-8 size
    parts = [ox.serialize(quads, format=ox.RdfFormat.N_QUADS)]
    parts += (line.encode() for line in evidence)
    del quads, evidence
    return b"".join(parts), count


def _document_parts(doc: Document, entities: Container[str]) -> tuple[list[ox.Quad], list[str]]:
    """The quads of a document but for the evidence nodes, and the evidence nodes as N-Quads
    lines: they are most of a graph (ten quads behind every fact), and writing their lines
    straight from N-Triples terms costs a third of building and serialising quad objects."""
    out: list[ox.Quad] = []
    lines: list[str] = []
    add = out.append
    rdf_type = T("rdf", "type")
    d = ox.NamedNode(str(doc_iri(doc)))
    add(ox.Quad(d, rdf_type, T("pg", "Document"), DEFAULT))
    add(ox.Quad(d, T("pg", "sourceFile"), _lit(doc.path), DEFAULT))
    add(ox.Quad(d, T("pg", "sha256"), _lit(doc.sha256), DEFAULT))
    if doc.title:
        add(ox.Quad(d, T("dcterms", "title"), _lit(doc.title, "zh"), DEFAULT))
    if doc.date:
        add(ox.Quad(d, T("dcterms", "date"), _lit(doc.date, dtype="date"), DEFAULT))
    if doc.url:
        add(ox.Quad(d, T("dcterms", "source"), ox.NamedNode(doc.url) if "://" in doc.url else _lit(doc.url),
                    DEFAULT))
    keys = {m.key for m in doc.mentions if m.key} | {m.key for m in doc.nested if m.key}
    for key in sorted(k for k in keys if k in entities):
        add(ox.Quad(T("pgr", key), T("pg", "mentionedIn"), d, DEFAULT))
    g = ox.NamedNode(str(doc_graph_iri(doc)))
    ev = _Evidence(lines, doc, d, g)
    _add_relations(out, ev, doc, d, g, entities)
    _add_observations(out, ev, doc, d, g, entities)
    return list(dict.fromkeys(out)), list(dict.fromkeys(lines))


class _Evidence:
    """Writes the evidence node of a fact as N-Quads lines (terms print as N-Triples, escaped by
    Oxigraph)."""

    def __init__(self, lines: list[str], doc: Document, d: ox.NamedNode, g: ox.NamedNode):
        self.lines, self.sha = lines, doc.sha256
        self.text, self.display = doc.text, doc.display_text
        self.tail = f" {g} .\n"
        self.derived = f"{_DERIVED} {d}{self.tail}"
        self._quote: tuple = (None, "", "", "")

    def add(self, s, p, o, fact: RelationFact | ObservationFact) -> None:
        """The evidence of one fact; it quotes a bounded window of its sentence (`evidence`)."""
        extractor, confidence = fact.extractor, fact.confidence
        span = evidence_span(fact, self.text)
        if self._quote[0] != span:  # facts of one sentence come together
            self._quote = (span, str(ox.Literal(self.display[span[0]:span[1]], language="zh")),
                           f'"{span[0]}"^^{_INTEGER}', f'"{span[1]}"^^{_INTEGER}')
        _, text, start, end = self._quote
        ev = f"<{P['pgr']}ev-{_h(s.value, p.value, o.value, self.sha, span[0], span[1], extractor)}> "
        tail = self.tail
        self.lines += [ev + _TYPE_STATEMENT + tail, f"{ev}{_SUBJECT} {s}{tail}", f"{ev}{_PREDICATE} {p}{tail}",
                       f"{ev}{_OBJECT} {o}{tail}", ev + self.derived, f"{ev}{_TEXT} {text}{tail}",
                       f"{ev}{_START} {start}{tail}", f"{ev}{_END} {end}{tail}",
                       f'{ev}{_CONFIDENCE} "{repr_decimal(round(confidence, 3))}"^^{_DECIMAL}{tail}',
                       f"{ev}{_EXTRACTOR} {ox.Literal(extractor)}{tail}"]


_TYPE_STATEMENT = f"{T('rdf', 'type')} {T('rdf', 'Statement')}"
_SUBJECT, _PREDICATE, _OBJECT = (T("rdf", x) for x in ("subject", "predicate", "object"))
_DERIVED = T("prov", "wasDerivedFrom")
_TEXT, _START, _END, _CONFIDENCE, _EXTRACTOR = (T("pg", x) for x in
                                                ("evidenceText", "charStart", "charEnd", "confidence", "extractor"))
_INTEGER, _DECIMAL = T("xsd", "integer"), T("xsd", "decimal")


def _add_relations(out: list, ev: _Evidence, doc: Document, d, g, entities: Container[str]) -> None:
    for f in doc.relations:
        if not isinstance(f.subject, str) or f.subject not in entities:
            continue
        s = T("pgr", f.subject)
        p = T("pg", f.predicate)
        if f.literal:
            o = _lit(str(f.object), dtype="gYear")
            out.append(ox.Quad(s, p, o, g))
            ev.add(s, p, o, f)
            continue
        if not isinstance(f.object, str) or f.object not in entities or f.object == f.subject:
            continue
        if not relation_allowed(f.predicate, class_of_key(f.subject), class_of_key(f.object)):
            continue  # the entities' classes (after resolution) are outside the contract's
        o = T("pgr", f.object)
        pairs = [(s, o), (o, s)] if f.predicate == "cooperatesWith" else [(s, o)]
        for a, b in pairs:
            out.append(ox.Quad(a, p, b, g))
            ev.add(a, p, b, f)
        if f.predicate == "worksFor" and f.title:
            role = T("pgr", f"role-{_h(f.subject, f.object, f.title)}")
            out += [ox.Quad(role, T("rdf", "type"), T("pg", "Role"), g),
                    ox.Quad(role, T("pg", "person"), s, g),
                    ox.Quad(role, T("pg", "organization"), o, g),
                    ox.Quad(role, T("pg", "title"), _lit(f.title, "zh"), g),
                    ox.Quad(role, T("prov", "wasDerivedFrom"), d, g)]


def _add_observations(out: list, ev: _Evidence, doc: Document, d, g, entities: Container[str]) -> None:
    for f in doc.observations:
        if not isinstance(f.entity, str) or f.entity not in entities:
            continue
        obs = T("pgr", f"obs-{_h(f.entity, f.indicator, f.year, f.value, doc.sha256, f.sentence.start)}")
        value = _lit(repr_decimal(f.value), dtype="decimal")
        out += [ox.Quad(obs, T("rdf", "type"), T("pg", "Observation"), g),
                ox.Quad(obs, T("pg", "observedEntity"), T("pgr", f.entity), g),
                ox.Quad(obs, T("pg", "indicator"), T("pg", f.indicator), g),
                ox.Quad(obs, T("pg", "value"), value, g),
                ox.Quad(obs, T("pg", "unit"), T("pg", f.unit), g),
                ox.Quad(obs, T("pg", "sourceText"), _lit(f.raw_value, "zh"), g),
                ox.Quad(obs, T("prov", "wasDerivedFrom"), d, g)]
        if f.year is not None:
            out.append(ox.Quad(obs, T("pg", "year"), _lit(str(f.year), dtype="gYear"), g))
        if f.growth is not None:
            out.append(ox.Quad(obs, T("pg", "growthRate"), _lit(repr_decimal(f.growth), dtype="decimal"), g))
        if f.months is not None:   # part of a year: months from January (上半年 6)
            out.append(ox.Quad(obs, T("pg", "months"), _lit(str(f.months), dtype="integer"), g))
        ev.add(obs, T("pg", "value"), value, f)


def quads_to_dataset(quads: list[ox.Quad]) -> Dataset:
    """An rdflib Dataset of the quads (for pyshacl and callers that want rdflib)."""
    ds = Dataset()
    bind(ds)
    ds.parse(data=ox.serialize(quads, format=ox.RdfFormat.N_QUADS), format="nquads")
    return ds


def repr_decimal(x: float) -> str:
    """The canonical xsd:decimal form (always a point: 65000.0), so every syntax round-trips."""
    s = f"{x:.6f}".rstrip("0")
    s = s + "0" if s.endswith(".") else s
    return "0.0" if s == "-0.0" else s


class GraphWriter:
    """Streams a graph, chunk by chunk of N-Quads, into its target: a file in any supported
    format, an on-disk Oxigraph store (`store:DIR`) or, with no target, memory (`quads`).

    Chunks go to a temporary N-Quads file beside the target; `commit` converts it when another
    format was asked for and renames it into place, `abort` removes it: never a half-written
    graph. Memory stays flat for N-Quads and stores; other formats are converted from the
    N-Quads file at the end, and the triple formats (Turtle, N-Triples, RDF/XML) merge the
    named graphs, which needs the set of triples in memory: build large corpora to .nq or
    store:."""

    def __init__(self, target: str | Path | None):
        self.target = target
        self.count = 0
        self.position = 0  # bytes of N-Quads written so far
        self._chunks: list[bytes] | None = None
        if target is None:
            self._chunks = []
            return
        self.format = graph_format(target)
        self.dest = Path(str(target)[6:]) if self.format == "store" else Path(target)
        try:
            fd, self.tmp = temp_beside(self.dest, ".nq")
        except OSError as e:
            raise OutputError(self.dest, e.strerror or str(e)) from None
        self._fh = os.fdopen(fd, "wb")

    def write(self, nquads: bytes, count: int) -> None:
        """Adds `count` quads already serialised as N-Quads."""
        self.count += count
        self.position += len(nquads)
        if self._chunks is not None:
            self._chunks.append(nquads)
            return
        try:
            self._fh.write(nquads)
        except OSError as e:
            self.abort()
            raise OutputError(self.dest, e.strerror or str(e)) from None

    def copy(self, source: BinaryIO, offset: int, length: int, count: int) -> None:
        """Adds `count` quads from `length` bytes of an N-Quads file at `offset` (a previous
        build's output), copied by the kernel where it can."""
        if self._chunks is not None:
            source.seek(offset)
            self.write(source.read(length), count)
            return
        try:
            self._fh.flush()
            copy_range(source, self._fh, offset, length)
        except OSError as e:
            self.abort()
            raise OutputError(self.dest, e.strerror or str(e)) from None
        self.count += count
        self.position += length

    def write_quads(self, quads: list[ox.Quad]) -> None:
        self.write(ox.serialize(quads, format=ox.RdfFormat.N_QUADS), len(quads))

    @property
    def quads(self) -> list[ox.Quad]:
        """The quads written so far (in-memory writers only)."""
        assert self._chunks is not None, "only an in-memory writer keeps its quads"
        return list(ox.parse(b"".join(self._chunks), format=ox.RdfFormat.N_QUADS))

    def commit(self) -> int:
        """Puts the graph in place; gives its size in bytes."""
        if self._chunks is not None:
            return sum(map(len, self._chunks))
        try:
            self._fh.close()
            if self.format == "nquads":
                publish(self.tmp, self.dest)
            elif self.format == "store":
                _swap_in_store(self.tmp, self.dest)
            else:
                fd, out = temp_beside(self.dest)
                try:
                    with os.fdopen(fd, "wb") as fh:
                        quads = ox.parse(path=self.tmp, format=ox.RdfFormat.N_QUADS)
                        items = quads if self.format in QUAD_FORMATS else \
                            dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads)
                        ox.serialize(items, fh, format=OX_OUT[self.format],
                                     prefixes=P if self.format in ("turtle", "trig") else None)
                    publish(out, self.dest)
                finally:
                    Path(out).unlink(missing_ok=True)
        except OSError as e:
            raise OutputError(self.dest, e.strerror or str(e)) from None
        finally:
            Path(self.tmp).unlink(missing_ok=True)
        if self.format == "store":
            return sum(f.stat().st_size for f in self.dest.rglob("*") if f.is_file())
        return self.dest.stat().st_size

    def abort(self) -> None:
        if self._chunks is None:
            self._fh.close()
            Path(self.tmp).unlink(missing_ok=True)


def copy_range(source: BinaryIO, dest: BinaryIO, offset: int, length: int) -> None:
    """Copies bytes between files without passing them through Python when the system allows."""
    src, dst = source.fileno(), dest.fileno()
    end = offset + length
    if hasattr(os, "copy_file_range"):
        try:
            while offset < end:
                n = os.copy_file_range(src, dst, end - offset, offset)
                if n == 0:
                    raise OSError(f"{source.name} ends before byte {end}")
                offset += n
            return
        except OSError as e:
            if e.errno not in (errno.EXDEV, errno.ENOSYS, errno.EOPNOTSUPP, errno.EINVAL):
                raise
    source.seek(offset)
    while offset < end:
        chunk = source.read(min(end - offset, 1 << 24))
        if not chunk:
            raise OSError(f"{source.name} ends before byte {end}")
        dest.write(chunk)
        offset += len(chunk)
    dest.flush()


def _swap_in_store(nquads_file: str, directory: Path) -> None:
    """Bulk-loads an N-Quads file into a new store beside `directory`, then swaps it in."""
    import shutil

    tmp = directory.with_name(f".{directory.name}.building")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        store = ox.Store(str(tmp))
        store.bulk_load(path=nquads_file, format=ox.RdfFormat.N_QUADS)
        store.flush()
        del store
        old = directory.with_name(f".{directory.name}.old")
        if directory.exists():
            directory.rename(old)
        tmp.rename(directory)
        shutil.rmtree(old, ignore_errors=True)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def graph_format(path: str | Path) -> str:
    if str(path).startswith("store:"):
        return "store"
    ext = Path(str(path)).suffix.lower()
    if ext not in FORMATS:
        raise OutputError(path, f"unknown graph format {ext!r}; use one of {', '.join(sorted(FORMATS))}")
    return FORMATS[ext]


def union_graph(ds: Dataset) -> Graph:
    g = Graph()
    bind(g)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


OX_OUT = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
          "nt": ox.RdfFormat.N_TRIPLES, "json-ld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}


def write_dataset(data: list[ox.Quad] | Dataset, path: str | Path) -> int:
    """Writes quads (or an rdflib Dataset) to a temporary file beside `path` and renames it:
    never a half-written graph. Triple formats get the union of the named graphs."""
    path = Path(path)
    if isinstance(data, Dataset):
        data = [ox.Quad(*(_to_ox(t) for t in q[:3]), _graph_to_ox(q[3])) for q in data.quads((None, None, None, None))]
    writer = GraphWriter(path)
    try:
        writer.write_quads(list(data))
    except BaseException:
        writer.abort()
        raise
    return writer.commit()


def _graph_to_ox(c):
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    ident = getattr(c, "identifier", c)
    if ident is None or ident == DATASET_DEFAULT_GRAPH_ID or isinstance(ident, BNode):
        return DEFAULT
    return ox.NamedNode(str(ident))


def _to_ox(t):
    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    if t.language:
        return ox.Literal(str(t), language=t.language)
    return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype))) if t.datatype else ox.Literal(str(t))


def load_graph(path: str | Path) -> Graph:
    """Reads any supported file into one graph (named graphs unioned)."""
    from ..errors import GraphError

    path = Path(path)
    if not path.exists():
        raise GraphError(path, "no such file")
    try:
        fmt = graph_format(path)
    except OutputError:
        raise GraphError(path, f"unknown graph format {path.suffix!r}") from None
    ds = Dataset()
    try:
        ds.parse(str(path), format=fmt)
    except Exception as e:  # rdflib raises many parser-specific types
        raise GraphError(path, f"not valid {fmt}: {e}") from None
    g = union_graph(ds)
    return g


__all__ = ["entity_quads", "document_nquads", "GraphWriter", "quads_to_dataset", "write_dataset",
           "load_graph", "union_graph", "graph_format"]
