"""Stage 7: resolved entities and facts in, an RDF dataset following the graph contract out.

Takes the documents (with facts mapped to entity keys) and the entities; gives Oxigraph quads:
the default graph holds the entities and documents, and one named graph per document holds the
relations, observations and evidence that document supports. (Quads are written by Oxigraph's
serialiser: building an rdflib graph took 80 % of a build's time; `quads_to_dataset` gives one
when pyshacl or a caller needs it.) Every
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

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

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


def build_quads(docs: list[Document], entities: dict[str, Entity]) -> list[ox.Quad]:
    """The whole graph as Oxigraph quads: entities and documents in the default graph, each
    document's facts and evidence in its own named graph."""
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
    for doc in docs:
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
        _add_relations(out, doc, d, g, entities)
        _add_observations(out, doc, d, g, entities)
    return out


def _evidence(out: list, doc: Document, d, g, s, p, o, sent, extractor: str, confidence: float) -> None:
    ev = T("pgr", f"ev-{_h(s.value, p.value, o.value, doc.sha256, sent.start, sent.end, extractor)}")
    out += [ox.Quad(ev, T("rdf", "type"), T("rdf", "Statement"), g),
            ox.Quad(ev, T("rdf", "subject"), s, g),
            ox.Quad(ev, T("rdf", "predicate"), p, g),
            ox.Quad(ev, T("rdf", "object"), o, g),
            ox.Quad(ev, T("prov", "wasDerivedFrom"), d, g),
            ox.Quad(ev, T("pg", "evidenceText"), _lit(sent.text, "zh"), g),
            ox.Quad(ev, T("pg", "charStart"), _lit(str(sent.start), dtype="integer"), g),
            ox.Quad(ev, T("pg", "charEnd"), _lit(str(sent.end), dtype="integer"), g),
            ox.Quad(ev, T("pg", "confidence"), _lit(repr_decimal(round(confidence, 3)), dtype="decimal"), g),
            ox.Quad(ev, T("pg", "extractor"), _lit(extractor), g)]


def _add_relations(out: list, doc: Document, d, g, entities: dict[str, Entity]) -> None:
    for f in doc.relations:
        if not isinstance(f.subject, str) or f.subject not in entities:
            continue
        s = T("pgr", f.subject)
        p = T("pg", f.predicate)
        if f.literal:
            o = _lit(str(f.object), dtype="gYear")
            out.append(ox.Quad(s, p, o, g))
            _evidence(out, doc, d, g, s, p, o, f.sentence, f.extractor, f.confidence)
            continue
        if not isinstance(f.object, str) or f.object not in entities or f.object == f.subject:
            continue
        o = T("pgr", f.object)
        pairs = [(s, o), (o, s)] if f.predicate == "cooperatesWith" else [(s, o)]
        for a, b in pairs:
            out.append(ox.Quad(a, p, b, g))
            _evidence(out, doc, d, g, a, p, b, f.sentence, f.extractor, f.confidence)
        if f.predicate == "worksFor" and f.title:
            role = T("pgr", f"role-{_h(f.subject, f.object, f.title)}")
            out += [ox.Quad(role, T("rdf", "type"), T("pg", "Role"), g),
                    ox.Quad(role, T("pg", "person"), s, g),
                    ox.Quad(role, T("pg", "organization"), o, g),
                    ox.Quad(role, T("pg", "title"), _lit(f.title, "zh"), g),
                    ox.Quad(role, T("prov", "wasDerivedFrom"), d, g)]


def _add_observations(out: list, doc: Document, d, g, entities: dict[str, Entity]) -> None:
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
        _evidence(out, doc, d, g, obs, T("pg", "value"), value, f.sentence, f.extractor, f.confidence)


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


def write_store(quads: list[ox.Quad], directory: str | Path) -> int:
    """Writes the graph into an on-disk Oxigraph store (replacing an earlier one): the target for
    graphs too large to reload from a file on every query."""
    import shutil

    directory = Path(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    tmp = directory.with_name(f".{directory.name}.building")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        store = ox.Store(str(tmp))
        store.bulk_extend(quads)
        store.flush()
        del store
        old = directory.with_name(f".{directory.name}.old")
        if directory.exists():
            directory.rename(old)
        tmp.rename(directory)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as e:
        shutil.rmtree(tmp, ignore_errors=True)
        raise OutputError(directory, e.strerror or str(e)) from None
    return len(quads)


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
    fmt = graph_format(path)
    if isinstance(data, Dataset):
        data = [ox.Quad(*(_to_ox(t) for t in q[:3]), _graph_to_ox(q[3])) for q in data.quads((None, None, None, None))]
    if fmt in QUAD_FORMATS:
        items = data
    else:
        items = list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in data))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                ox.serialize(items, fh, format=OX_OUT[fmt],
                             prefixes=P if fmt in ("turtle", "trig") else None)
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)
    except OSError as e:
        raise OutputError(path, e.strerror or str(e)) from None
    return path.stat().st_size


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


__all__ = ["build_quads", "quads_to_dataset", "write_dataset", "load_graph", "union_graph", "graph_format"]
