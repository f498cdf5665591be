"""Stage 7: resolved entities and facts in, an RDF dataset following the graph contract out.

Takes the documents (with facts mapped to entity keys) and the entities; gives an rdflib
`Dataset` whose default graph holds the entities and documents, and one named graph per
document holding the relations, observations and evidence that document supports. Every
relation triple and observation is backed by an `rdf:Statement` evidence node with the
sentence, its offsets into the normalised text, the document, a confidence and the extractor.
Node IRIs are hashes of their content, so the same input always gives the same graph.

`write_dataset` writes it atomically in the format the file ending names.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from .document import Document
from .errors import OutputError
from .resolve import Entity
from .vocab import PG, PGR

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


def build_dataset(docs: list[Document], entities: dict[str, Entity]) -> Dataset:
    ds = Dataset()
    bind(ds)
    g = ds.default_graph
    for ent in sorted(entities.values(), key=lambda e: e.key):
        n = PGR[ent.key]
        g.add((n, RDF.type, PG[ent.cls]))
        g.add((n, RDFS.label, Literal(ent.label, lang="zh")))
        for a in sorted(ent.aliases):
            g.add((n, SKOS.altLabel, Literal(a, lang="zh")))
        g.add((n, PG.mentionCount, Literal(ent.mention_count, datatype=XSD.integer)))
        for src in sorted(ent.sources):
            g.add((n, PG.recognizedBy, Literal(src)))
        for c in ent.corrections:
            g.add((n, PG.correctedBy, Literal(c)))
    for doc in docs:
        d = doc_iri(doc)
        g.add((d, RDF.type, PG.Document))
        g.add((d, PG.sourceFile, Literal(doc.path)))
        g.add((d, PG.sha256, Literal(doc.sha256)))
        if doc.title:
            g.add((d, DCTERMS.title, Literal(doc.title, lang="zh")))
        if doc.date:
            g.add((d, DCTERMS.date, Literal(doc.date, datatype=XSD.date)))
        if doc.url:
            g.add((d, DCTERMS.source, URIRef(doc.url) if "://" in doc.url else Literal(doc.url)))
        for key in sorted({m.key for m in doc.mentions if m.key} | {m.key for m in doc.nested if m.key}):
            if key in entities:
                g.add((PGR[key], PG.mentionedIn, d))
        dg = ds.graph(doc_graph_iri(doc))
        _add_relations(dg, doc, d, entities)
        _add_observations(dg, doc, d, entities)
    return ds


def _evidence(g: Graph, doc: Document, d: URIRef, s, p, o, sent, extractor: str, confidence: float) -> URIRef:
    ev = PGR[f"ev-{_h(s, p, o, doc.sha256, sent.start, sent.end, extractor)}"]
    g.add((ev, RDF.type, RDF.Statement))
    g.add((ev, RDF.subject, s))
    g.add((ev, RDF.predicate, p))
    g.add((ev, RDF.object, o))
    g.add((ev, PROV.wasDerivedFrom, d))
    g.add((ev, PG.evidenceText, Literal(sent.text, lang="zh")))
    g.add((ev, PG.charStart, Literal(sent.start, datatype=XSD.integer)))
    g.add((ev, PG.charEnd, Literal(sent.end, datatype=XSD.integer)))
    g.add((ev, PG.confidence, Literal(repr_decimal(round(confidence, 3)), datatype=XSD.decimal)))
    g.add((ev, PG.extractor, Literal(extractor)))
    return ev


def _add_relations(g: Graph, doc: Document, d: URIRef, entities: dict[str, Entity]) -> None:
    for f in doc.relations:
        if not isinstance(f.subject, str) or f.subject not in entities:
            continue
        s = PGR[f.subject]
        p = PG[f.predicate]
        if f.literal:
            o = Literal(f.object, datatype=XSD.gYear)
            g.add((s, p, o))
            _evidence(g, doc, d, s, p, o, f.sentence, f.extractor, f.confidence)
            continue
        if not isinstance(f.object, str) or f.object not in entities or f.object == f.subject:
            continue
        o = PGR[f.object]
        pairs = [(s, o), (o, s)] if f.predicate == "cooperatesWith" else [(s, o)]
        for a, b in pairs:
            g.add((a, p, b))
            _evidence(g, doc, d, a, p, b, f.sentence, f.extractor, f.confidence)
        if f.predicate == "worksFor" and f.title:
            role = PGR[f"role-{_h(f.subject, f.object, f.title)}"]
            g.add((role, RDF.type, PG.Role))
            g.add((role, PG.person, s))
            g.add((role, PG.organization, o))
            g.add((role, PG.title, Literal(f.title, lang="zh")))
            g.add((role, PROV.wasDerivedFrom, d))


def _add_observations(g: Graph, doc: Document, d: URIRef, entities: dict[str, Entity]) -> None:
    for f in doc.observations:
        if not isinstance(f.entity, str) or f.entity not in entities:
            continue
        obs = PGR[f"obs-{_h(f.entity, f.indicator, f.year, f.value, doc.sha256, f.sentence.start)}"]
        g.add((obs, RDF.type, PG.Observation))
        g.add((obs, PG.observedEntity, PGR[f.entity]))
        g.add((obs, PG.indicator, PG[f.indicator]))
        if f.year is not None:
            g.add((obs, PG.year, Literal(str(f.year), datatype=XSD.gYear)))
        g.add((obs, PG.value, Literal(repr_decimal(f.value), datatype=XSD.decimal)))
        g.add((obs, PG.unit, PG[f.unit]))
        if f.growth is not None:
            g.add((obs, PG.growthRate, Literal(repr_decimal(f.growth), datatype=XSD.decimal)))
        g.add((obs, PG.sourceText, Literal(f.raw_value, lang="zh")))
        g.add((obs, PROV.wasDerivedFrom, d))
        _evidence(g, doc, d, obs, PG.value, Literal(repr_decimal(f.value), datatype=XSD.decimal),
                  f.sentence, f.extractor, f.confidence)


def repr_decimal(x: float) -> str:
    """The canonical xsd:decimal form (always a point: 65000.0), so every syntax round-trips."""
    s = f"{x:.6f}".rstrip("0")
    s = s + "0" if s.endswith(".") else s
    return "0.0" if s == "-0.0" else s


def graph_format(path: str | Path) -> str:
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


def write_dataset(ds: Dataset, path: str | Path) -> int:
    """Writes to a temporary file beside `path` and renames it: never a half-written graph."""
    path = Path(path)
    fmt = graph_format(path)
    data = ds.serialize(format=fmt) if fmt in QUAD_FORMATS else union_graph(ds).serialize(format=fmt)
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError as e:
        raise OutputError(path, e.strerror or str(e)) from None
    return len(data)


def load_graph(path: str | Path) -> Graph:
    """Reads any supported file into one graph (named graphs unioned)."""
    from .errors import GraphError

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


__all__ = ["build_dataset", "write_dataset", "load_graph", "union_graph", "graph_format", "BNode"]
