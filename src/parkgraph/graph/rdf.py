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

Graph files (formats, `GraphWriter`, `write_dataset`, `load_graph` …) are `io.py`'s; their
names are re-exported here for the callers that import them from this module.
"""

from __future__ import annotations

import hashlib
from collections.abc import Container

import pyoxigraph as ox
from rdflib import URIRef

from ..document import Document, ObservationFact, RelationFact
from ..extract.resolve import Entity, class_of_key
from .evidence import evidence_span
from .io import (
    FORMATS,
    OX_OUT,
    QUAD_FORMATS,
    GraphWriter,
    copy_range,
    graph_format,
    load_graph,
    quads_to_dataset,
    union_graph,
    write_dataset,
)
from .terms import DEFAULT, P, T, bind, lit, repr_decimal
from .vocab import PGR, relation_allowed


def _h(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def doc_iri(doc: Document) -> URIRef:
    return PGR[f"doc-{doc.sha256[:16]}"]


def doc_graph_iri(doc: Document) -> URIRef:
    return PGR[f"graph/doc-{doc.sha256[:16]}"]


def entity_quads(entities: dict[str, Entity]) -> list[ox.Quad]:
    """Type, labels, aliases, counts and provenance of every entity (default graph)."""
    out: list[ox.Quad] = []
    add = out.append
    rdf_type, label, alt = T("rdf", "type"), T("rdfs", "label"), T("skos", "altLabel")
    for ent in sorted(entities.values(), key=lambda e: e.key):
        n = T("pgr", ent.key)
        add(ox.Quad(n, rdf_type, T("pg", ent.cls), DEFAULT))
        add(ox.Quad(n, label, lit(ent.label, "zh"), DEFAULT))
        for a in sorted(ent.aliases):
            add(ox.Quad(n, alt, lit(a, "zh"), DEFAULT))
        add(ox.Quad(n, T("pg", "mentionCount"), lit(str(ent.mention_count), dtype="integer"), DEFAULT))
        for src in sorted(ent.sources):
            add(ox.Quad(n, T("pg", "recognizedBy"), lit(src), DEFAULT))
        for c in ent.corrections:
            add(ox.Quad(n, T("pg", "correctedBy"), lit(c), DEFAULT))
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
    add(ox.Quad(d, T("pg", "sourceFile"), lit(doc.path), DEFAULT))
    add(ox.Quad(d, T("pg", "sha256"), lit(doc.sha256), DEFAULT))
    if doc.title:
        add(ox.Quad(d, T("dcterms", "title"), lit(doc.title, "zh"), DEFAULT))
    if doc.date:
        add(ox.Quad(d, T("dcterms", "date"), lit(doc.date, dtype="date"), DEFAULT))
    if doc.url:
        add(ox.Quad(d, T("dcterms", "source"), ox.NamedNode(doc.url) if "://" in doc.url else lit(doc.url),
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
            o = lit(str(f.object), dtype="gYear")
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
                    ox.Quad(role, T("pg", "title"), lit(f.title, "zh"), g),
                    ox.Quad(role, T("prov", "wasDerivedFrom"), d, g)]


def _add_observations(out: list, ev: _Evidence, doc: Document, d, g, entities: Container[str]) -> None:
    for f in doc.observations:
        if not isinstance(f.entity, str) or f.entity not in entities:
            continue
        obs = T("pgr", f"obs-{_h(f.entity, f.indicator, f.year, f.value, doc.sha256, f.sentence.start)}")
        value = lit(repr_decimal(f.value), dtype="decimal")
        out += [ox.Quad(obs, T("rdf", "type"), T("pg", "Observation"), g),
                ox.Quad(obs, T("pg", "observedEntity"), T("pgr", f.entity), g),
                ox.Quad(obs, T("pg", "indicator"), T("pg", f.indicator), g),
                ox.Quad(obs, T("pg", "value"), value, g),
                ox.Quad(obs, T("pg", "unit"), T("pg", f.unit), g),
                ox.Quad(obs, T("pg", "sourceText"), lit(f.raw_value, "zh"), g),
                ox.Quad(obs, T("prov", "wasDerivedFrom"), d, g)]
        if f.year is not None:
            out.append(ox.Quad(obs, T("pg", "year"), lit(str(f.year), dtype="gYear"), g))
        if f.growth is not None:
            out.append(ox.Quad(obs, T("pg", "growthRate"), lit(repr_decimal(f.growth), dtype="decimal"), g))
        if f.months is not None:   # part of a year: months from January (上半年 6)
            out.append(ox.Quad(obs, T("pg", "months"), lit(str(f.months), dtype="integer"), g))
        ev.add(obs, T("pg", "value"), value, f)


__all__ = ["entity_quads", "document_nquads", "GraphWriter", "quads_to_dataset", "write_dataset",
           "load_graph", "union_graph", "graph_format", "doc_iri", "doc_graph_iri", "bind", "repr_decimal",
           "FORMATS", "QUAD_FORMATS", "OX_OUT", "P", "T", "DEFAULT", "copy_range"]
