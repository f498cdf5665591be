"""The written graph follows the contract: classes, labels, documents, evidence, observations."""

from rdflib import Literal
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from parkgraph.graph.rdf import load_graph, union_graph, write_dataset
from parkgraph.graph.vocab import ENTITY_CLASSES, PG, PGR, RELATIONS


def test_rdf_every_entity_has_one_class_one_zh_label_and_mentions(sample_build):
    g = union_graph(sample_build.dataset)
    classes = {PG[c] for c in ENTITY_CLASSES}
    nodes = {s for s, o in g.subject_objects(RDF.type) if o in classes}
    assert len(nodes) == len(sample_build.entities)
    for n in nodes:
        assert len([o for o in g.objects(n, RDF.type) if o in classes]) == 1
        labels = list(g.objects(n, RDFS.label))
        assert len(labels) == 1 and labels[0].language == "zh"
        assert not any(q in str(labels[0]) for q in "“”《》")
        assert g.value(n, PG.mentionCount).datatype == XSD.integer
        assert g.value(n, PG.mentionedIn) is not None


def test_rdf_relations_have_evidence_with_sentence_offsets(sample_build):
    g = union_graph(sample_build.dataset)
    docs = {d.path: d for d in sample_build.documents}
    backed = {}
    for ev in g.subjects(RDF.type, RDF.Statement):
        backed[(g.value(ev, RDF.subject), g.value(ev, RDF.predicate), g.value(ev, RDF.object))] = ev
    triples = [(s, PG[p], o) for p in RELATIONS for s, o in g.subject_objects(PG[p])]
    assert triples
    for t in triples:
        ev = backed[t]
        doc = docs[str(g.value(g.value(ev, PROV.wasDerivedFrom), PG.sourceFile))]
        start, end = int(g.value(ev, PG.charStart)), int(g.value(ev, PG.charEnd))
        assert doc.text[start:end] == str(g.value(ev, PG.evidenceText))
        assert str(g.value(ev, PG.extractor))
        assert 0 < float(g.value(ev, PG.confidence)) <= 1


def test_rdf_cooperation_is_written_both_ways(sample_build):
    g = union_graph(sample_build.dataset)
    pairs = set(g.subject_objects(PG.cooperatesWith))
    assert pairs and all((b, a) in pairs for a, b in pairs)


def test_rdf_roles_qualify_works_for(sample_build):
    g = union_graph(sample_build.dataset)
    for role in g.subjects(RDF.type, PG.Role):
        p, o = g.value(role, PG.person), g.value(role, PG.organization)
        assert (p, PG.worksFor, o) in g and g.value(role, PG.title) is not None


def test_rdf_observation_of_hangzhou_gdp_2023(sample_build):
    g = union_graph(sample_build.dataset)
    hz = next(s for s, o in g.subject_objects(RDFS.label) if str(o) == "杭州高新区（滨江）")
    gdp = [o for o in g.subjects(PG.observedEntity, hz)
           if g.value(o, PG.indicator) == PG.GDP and str(g.value(o, PG.year)) == "2023"]
    assert len(gdp) == 1
    o = gdp[0]
    assert g.value(o, PG.value) == Literal("246790000000.0", datatype=XSD.decimal)
    assert g.value(o, PG.unit) == PG.CNY and float(g.value(o, PG.growthRate)) == 8.0
    assert g.value(o, PG.year).datatype == XSD.gYear


def test_rdf_documents_have_source_file_and_sha256(sample_build):
    g = union_graph(sample_build.dataset)
    docs = list(g.subjects(RDF.type, PG.Document))
    assert len(docs) == 5
    for d in docs:
        assert str(g.value(d, PG.sourceFile)).endswith(".txt")
        assert len(str(g.value(d, PG.sha256))) == 64


def test_rdf_aliases_are_alt_labels(sample_build):
    g = union_graph(sample_build.dataset)
    node = next(s for s, o in g.subject_objects(RDFS.label) if str(o) == "杭州宇树科技有限公司")
    assert {"宇树科技"} <= {str(a) for a in g.objects(node, SKOS.altLabel)}
    assert str(node).startswith(str(PGR))


def test_rdf_all_formats_round_trip(tmp_path, sample_build):
    ref = union_graph(sample_build.dataset)
    for ext in ("ttl", "trig", "nq", "nt", "jsonld"):
        out = tmp_path / f"g.{ext}"
        write_dataset(sample_build.dataset, out)
        assert isomorphic(load_graph(out), ref), ext


def test_rdf_trig_has_one_named_graph_per_document(tmp_path, sample_build):
    from rdflib import Dataset

    out = tmp_path / "g.trig"
    write_dataset(sample_build.dataset, out)
    ds = Dataset()
    ds.parse(out, format="trig")
    names = {str(c.identifier) for c in ds.graphs() if "graph/doc-" in str(c.identifier)}
    assert len(names) == 5


def test_rdf_build_is_deterministic(pipeline, sample_build):
    from conftest import CORPUS

    again = pipeline.build([CORPUS])
    assert isomorphic(union_graph(again.dataset), union_graph(sample_build.dataset))


def _unpunctuated_article(chars: int) -> str:
    """Made-up park news with no 。！？； at all, clauses joined by spaces (a scraped table)."""
    parks = ["青岚高新区", "蓝溪科技园", "澄湾经济技术开发区", "白鹭产业园"]
    companies = ["星垣智能科技有限公司", "云棹生物医药股份有限公司", "砺川新材料有限公司", "鸣岫电子有限公司"]
    labs = ["澄湾实验室", "青岚智能研究院"]
    parts: list[str] = []
    i = 0
    while sum(map(len, parts)) + len(parts) < chars:
        park, company, lab = parks[i % 4], companies[i % 4], labs[i % 2]
        parts += [f"{2019 + i % 5}年{park}实现地区生产总值{100 + i}亿元，同比增长{i % 9 + 1}.5%",
                  f"{company}位于{park}", f"{lab}由{company}牵头建设", f"{park}拥有国家高新技术企业{200 + i}家",
                  "园区持续优化营商环境 加快培育发展新质生产力"]
        i += 1
    return " ".join(parts)[:chars]


def test_rdf_evidence_of_an_unpunctuated_article_is_bounded(pipeline, tmp_path):
    """Issue 11, bounded evidence: an article without sentence punctuation quoted itself whole
    behind every fact (168 MB of Turtle for 250,000 characters). Each quote is now at most 300
    characters, and pg:charStart/pg:charEnd still point at exactly it."""
    (tmp_path / "long.txt").write_text(_unpunctuated_article(20_000), encoding="utf-8")
    result = pipeline.build([tmp_path])
    doc = result.documents[0]
    evidence: dict[str, dict[str, str]] = {}
    for q in result.quads:
        if q.predicate.value in (str(PG.evidenceText), str(PG.charStart), str(PG.charEnd)):
            evidence.setdefault(q.subject.value, {})[q.predicate.value] = q.object.value
    assert len(evidence) > 100 and doc.relations and doc.observations
    for ev in evidence.values():
        text = ev[str(PG.evidenceText)]
        assert 0 < len(text) <= 300
        assert doc.display_text[int(ev[str(PG.charStart)]):int(ev[str(PG.charEnd)])] == text
    assert max(s.end - s.start for s in doc.sentences) <= 1000


def test_issue11_relations_outside_the_contract_are_not_written():
    """A pattern slot may take a place for an employer (市长王吉: the city); the graph holds
    only relations whose classes the contract allows."""
    from parkgraph.graph.vocab import relation_allowed

    assert not relation_allowed("worksFor", "Person", "Place")
    assert relation_allowed("worksFor", "Person", "GovernmentBody")
    assert not relation_allowed("cooperatesWith", "Person", "Enterprise")
    assert relation_allowed("industry", "Place", "Industry")  # a district acting as a park
    assert relation_allowed("locatedIn", "Project", "Park") and not relation_allowed("locatedIn", "Project", "Lab")
