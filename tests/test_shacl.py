"""Issue 4: the Oxigraph SHACL validator gives the same results as pyshacl on the same shapes,
on a conformant graph and on one broken in every way the shapes describe."""

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from parkgraph.graph.rdf import union_graph
from parkgraph.graph.shacl import UnsupportedShape, Validator
from parkgraph.graph.validate import validate_graph

PG = Namespace("https://w3id.org/parkgraph/ontology#")
PGR = Namespace("https://w3id.org/parkgraph/resource/")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCT = Namespace("http://purl.org/dc/terms/")


def findings(g: Graph, engine: str) -> list[tuple]:
    report = validate_graph(g, engine=engine)
    return sorted((f.severity, f.shape, f.focus, f.focus_label, f.path, f.value, f.message, f.source)
                  for f in report.findings)


def first(g: Graph, cls) -> URIRef:
    return sorted(g.subjects(RDF.type, cls))[0]


@pytest.fixture(scope="module")
def sample_graph(sample_build) -> Graph:
    return union_graph(sample_build.dataset)


def test_shacl_same_results_as_pyshacl_on_the_sample_graph(sample_graph):
    assert findings(sample_graph, "oxigraph") == findings(sample_graph, "pyshacl")


def test_shacl_same_results_as_pyshacl_on_a_broken_graph(sample_graph):
    g = Graph()
    for prefix, ns in sample_graph.namespaces():
        g.bind(prefix, ns)
    for t in sample_graph:
        g.add(t)
    park, lab, ind = first(g, PG.Park), first(g, PG.Lab), first(g, PG.Industry)
    person, doc = first(g, PG.Person), first(g, PG.Document)
    obs, ev, role = first(g, PG.Observation), first(g, RDF.Statement), first(g, PG.Role)
    g.remove((lab, RDFS.label, None))                                   # minCount
    g.add((park, RDFS.label, Literal("第二个名字", lang="zh")))           # maxCount
    g.add((ind, RDFS.label, Literal("“引号”", lang="en")))               # pattern, languageIn, maxCount
    g.add((park, SKOS.altLabel, Literal("无语言")))                       # datatype, languageIn
    g.set((lab, PG.mentionCount, Literal("0", datatype=XSD.integer)))    # minInclusive
    g.set((park, PG.mentionCount, Literal("abc", datatype=XSD.integer)))  # ill-formed: datatype
    g.add((park, RDF.type, PG.Lab))                                      # xone
    g.add((lab, PG.locatedIn, ind))                                      # or
    g.add((lab, PG.partOf, park))                                        # node-level class
    g.add((park, PG.cooperatesWith, lab))                                # SPARQL: symmetric
    g.add((person, PG.ledBy, ind))                                       # node (sh:node Organisation)
    g.add((park, PG.foundingYear, Literal("2001", datatype=XSD.gYear)))
    g.add((park, PG.foundingYear, Literal("20x1", datatype=XSD.gYear)))  # maxCount, datatype
    g.remove((role, PG.person, None))                                    # role minCount
    g.set((obs, PG.unit, PG.EUR))                                        # in
    g.set((obs, PG.indicator, URIRef("http://example.org/GDP")))         # pattern on an IRI, Info in
    g.add((obs, PG.value, Literal("1.5", datatype=XSD.decimal)))         # maxCount
    g.set((ev, PG.charStart, Literal("50", datatype=XSD.integer)))
    g.set((ev, PG.charEnd, Literal("10", datatype=XSD.integer)))         # lessThan
    g.set((ev, PG.confidence, Literal("1.5", datatype=XSD.decimal)))     # maxInclusive
    g.set((ev, PG.extractor, Literal("rule", lang="zh")))                # datatype xsd:string
    g.set((ev, PG.evidenceText, Literal("", lang="zh")))                 # minLength
    g.set((doc, PG.sha256, Literal("not-a-hash")))                       # pattern
    g.add((doc, DCT.date, Literal("2024-13", datatype=XSD.date)))        # datatype
    g.add((PGR["obs-orphan"], RDF.type, PG.Observation))                 # SPARQL: no evidence, minCounts
    ox, py = findings(g, "oxigraph"), findings(g, "pyshacl")
    assert len(py) > 40
    assert {f[1] for f in py} >= {"Entity", "Evidence", "Document", "Observation", "Role", "partOf", "locatedIn"}
    assert [f for f in ox if f not in py] == [] and [f for f in py if f not in ox] == []
    assert ox == py


def test_shacl_unsupported_feature_is_named():
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p ; sh:qualifiedValueShape [ sh:class ex:D ] ; sh:qualifiedMinCount 1 ] .
        """, format="turtle")
    with pytest.raises(UnsupportedShape, match="qualifiedValueShape"):
        Validator(shapes)
