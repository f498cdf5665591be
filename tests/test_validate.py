"""Validation: for each shape and check, a conforming and a violating inline example."""

import pytest
from rdflib import Graph

from parkgraph.cli import main
from parkgraph.graph.validate import validate_graph

PREFIXES = """
@prefix pg: <https://w3id.org/parkgraph/ontology#> . @prefix pgr: <https://w3id.org/parkgraph/resource/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
SHA = "a" * 64
# A small graph that follows the whole contract.
BASE = PREFIXES + f"""
pgr:doc a pg:Document ; pg:sourceFile "a.txt" ; pg:sha256 "{SHA}" .
pgr:park a pg:Park ; rdfs:label "合肥高新区"@zh ; pg:mentionCount 2 ; pg:mentionedIn pgr:doc ;
    pg:locatedIn pgr:city .
pgr:city a pg:Place ; rdfs:label "合肥"@zh ; pg:mentionCount 1 ; pg:mentionedIn pgr:doc .
pgr:ent a pg:Enterprise ; rdfs:label "合肥量子科技有限公司"@zh ; skos:altLabel "量子科技"@zh ;
    pg:mentionCount 1 ; pg:mentionedIn pgr:doc ; pg:locatedIn pgr:park .
pgr:lab a pg:Lab ; rdfs:label "合肥量子实验室"@zh ; pg:mentionCount 1 ; pg:mentionedIn pgr:doc ; pg:ledBy pgr:ent .
pgr:p a pg:Person ; rdfs:label "王明"@zh ; pg:mentionCount 1 ; pg:mentionedIn pgr:doc ; pg:worksFor pgr:ent .
pgr:role a pg:Role ; pg:person pgr:p ; pg:organization pgr:ent ; pg:title "董事长"@zh .
pgr:ev1 a rdf:Statement ; rdf:subject pgr:ent ; rdf:predicate pg:locatedIn ; rdf:object pgr:park ;
    prov:wasDerivedFrom pgr:doc ; pg:evidenceText "合肥高新区企业合肥量子科技有限公司。"@zh ;
    pg:charStart 0 ; pg:charEnd 18 ; pg:confidence 0.9 ; pg:extractor "pattern:x" .
pgr:ev2 a rdf:Statement ; rdf:subject pgr:park ; rdf:predicate pg:locatedIn ; rdf:object pgr:city ;
    prov:wasDerivedFrom pgr:doc ; pg:evidenceText "合肥高新区位于合肥。"@zh ;
    pg:charStart 18 ; pg:charEnd 28 ; pg:confidence 0.9 ; pg:extractor "pattern:x" .
pgr:ev3 a rdf:Statement ; rdf:subject pgr:lab ; rdf:predicate pg:ledBy ; rdf:object pgr:ent ;
    prov:wasDerivedFrom pgr:doc ; pg:evidenceText "合肥量子实验室由合肥量子科技有限公司牵头。"@zh ;
    pg:charStart 28 ; pg:charEnd 49 ; pg:confidence 0.9 ; pg:extractor "pattern:x" .
pgr:ev4 a rdf:Statement ; rdf:subject pgr:p ; rdf:predicate pg:worksFor ; rdf:object pgr:ent ;
    prov:wasDerivedFrom pgr:doc ; pg:evidenceText "合肥量子科技有限公司董事长王明说。"@zh ;
    pg:charStart 49 ; pg:charEnd 66 ; pg:confidence 0.85 ; pg:extractor "pattern:y" .
pgr:obs a pg:Observation ; pg:observedEntity pgr:park ; pg:indicator pg:GDP ; pg:year "2023"^^xsd:gYear ;
    pg:value 100000000000.0 ; pg:unit pg:CNY ; pg:growthRate 6.0 .
pgr:ev5 a rdf:Statement ; rdf:subject pgr:obs ; rdf:predicate pg:value ; rdf:object 100000000000.0 ;
    prov:wasDerivedFrom pgr:doc ; pg:evidenceText "2023年，合肥高新区地区生产总值1000亿元。"@zh ;
    pg:charStart 66 ; pg:charEnd 88 ; pg:confidence 0.8 ; pg:extractor "pattern:z" .
"""


def findings(turtle: str, **kw):
    g = Graph().parse(data=turtle, format="turtle")
    report = validate_graph(g, **kw)
    return report, {(f.severity, f.shape, f.message) for f in report.findings}


def test_validate_base_graph_conforms():
    report, found = findings(BASE)
    assert report.conforms("info"), found


def _drop(pattern: str) -> str:
    assert pattern in BASE, pattern
    return BASE.replace(pattern, "")


@pytest.mark.parametrize("turtle, severity, shape, message", [
    (BASE + 'pgr:park rdfs:label "合肥高新技术产业开发区"@zh .', "Violation", "Entity",
     "an entity has exactly one rdfs:label with @zh"),
    (BASE.replace('"合肥高新区"@zh ; pg:mentionCount 2', '"合肥高新区"@en ; pg:mentionCount 2'), "Violation", "Entity",
     "an entity has exactly one rdfs:label with @zh"),
    (BASE.replace('rdfs:label "合肥"@zh', 'rdfs:label "“合肥”"@zh'), "Violation", "Entity",
     "a label carries no quote marks or 《》"),
    (BASE.replace('"合肥量子实验室"@zh ; pg:mentionCount 1 ;', '"合肥量子实验室"@zh ;'), "Violation", "Entity",
     "an entity has one pg:mentionCount, a positive xsd:integer"),
    (BASE + "pgr:lab a pg:Enterprise .", "Violation", "Entity",
     "an entity has exactly one contract class as its most specific type"),
    (BASE + "pgr:ent pg:foundingYear 2016 .", "Violation", "Entity", "pg:foundingYear is one xsd:gYear"),
    (BASE.replace("pg:locatedIn pgr:park .", "pg:locatedIn pgr:lab ."), "Violation", "locatedIn",
     "pg:locatedIn points to a pg:Park or pg:Place"),
    (BASE + "pgr:ent pg:partOf pgr:park .", "Violation", "partOf", "only a pg:Park is pg:partOf a park"),
    (BASE.replace("pg:ledBy pgr:ent", "pg:ledBy pgr:city"), "Violation", "ledBy", "pg:ledBy points to an organisation"),
    (BASE + "pgr:lab pg:establishedBy pgr:p .", "Violation", "establishedBy",
     "pg:establishedBy points to an organisation, park or place"),
    (BASE + "pgr:ent pg:affiliatedWith pgr:lab .", "Violation", "affiliatedWith",
     "only a pg:Lab is pg:affiliatedWith something"),
    (BASE + "pgr:lab pg:worksFor pgr:ent .", "Violation", "worksFor", "only a pg:Person pg:worksFor an organisation"),
    (BASE + "pgr:park pg:implements pgr:ent .", "Violation", "implements", "pg:implements points to a pg:Policy"),
    (BASE + "pgr:ent pg:industry pgr:city .", "Violation", "industry", "pg:industry points to a pg:Industry"),
    (BASE + "pgr:park pg:receivedAward pgr:lab .", "Violation", "receivedAward",
     "pg:receivedAward points to a pg:Award"),
    (BASE + "pgr:ent pg:cooperatesWith pgr:lab .", "Violation", "cooperatesWith",
     "pg:cooperatesWith is symmetric: the reverse triple is missing"),
    (BASE.replace('pg:title "董事长"@zh', 'pg:title "董事长"'), "Violation", "Role", "a role has a pg:title@zh"),
    (BASE.replace("pg:unit pg:CNY", "pg:unit pg:EUR"), "Violation", "Observation",
     "an observation's unit is pg:CNY, pg:USD, pg:Percent or pg:Count"),
    (BASE.replace("pg:value 100000000000.0 ;", 'pg:value "1000亿元" ;'), "Violation", "Observation",
     "an observation has one pg:value, an xsd:decimal in base units"),
    (BASE.replace('pg:year "2023"^^xsd:gYear', "pg:year 2023"), "Violation", "Observation", "pg:year is one xsd:gYear"),
    (BASE.replace("pg:indicator pg:GDP", "pg:indicator pg:CarbonIntensity"), "Info",
     "Indicator outside the contract list",
     "an indicator the contract does not list: fine if the ontology declares it"),
    (BASE.replace("pg:confidence 0.85", "pg:confidence 1.5"), "Violation", "Evidence",
     "evidence has one pg:confidence in [0, 1]"),
    (_drop(' ; pg:extractor "pattern:y"'), "Violation", "Evidence", "evidence names its pg:extractor"),
    (BASE.replace("pg:charStart 49 ; pg:charEnd 66", "pg:charStart 66 ; pg:charEnd 49"), "Violation", "Evidence",
     "pg:charStart comes before pg:charEnd"),
    (BASE.replace(f'pg:sha256 "{SHA}"', 'pg:sha256 "abc"'), "Violation", "Document",
     "a document has one pg:sha256, 64 hex digits"),
    (BASE + 'pgr:q a pg:Person ; rdfs:label "李华"@zh ; pg:mentionCount 1 ; pg:mentionedIn pgr:doc .', "Warning",
     "Person with no organisation", "a person with no organisation: a byline, or a role the patterns missed"),
    (BASE + 'pgr:k a pg:Park ; rdfs:label "某科技园"@zh ; pg:mentionCount 1 ; pg:mentionedIn pgr:doc .', "Info",
     "Park with no location", "a park with no pg:locatedIn or pg:partOf"),
    # checks beside SHACL
    (BASE.replace('skos:altLabel "量子科技"@zh', 'skos:altLabel "合肥量子实验室"@zh'), "Violation",
     "Label on two nodes", "another entity has the same label or alias (unmerged alias)"),
    (BASE + "pgr:lab pg:locatedIn pgr:park .", "Violation", "Evidence for every fact",
     "no evidence statement backs this fact"),
    (BASE.replace("pgr:ev5 a rdf:Statement ; rdf:subject pgr:obs", "pgr:ev5 a rdf:Statement ; rdf:subject pgr:doc"),
     "Violation", "Evidence for every fact", "no evidence statement backs this observation"),
    (BASE + 'pgr:x a pg:Fund ; rdfs:label "某基金"@zh ; pg:mentionCount 1 ; pg:mentionedIn pgr:doc .', "Info",
     "Entity with no relation", "an entity with no relation at all"),
])
def test_validate_each_shape_reports_its_violation(turtle, severity, shape, message):
    report, found = findings(turtle)
    assert (severity, shape, message) in found, sorted(found)
    assert not report.conforms(severity.lower())


def test_validate_evidence_offsets_against_the_source(tmp_path):
    from parkgraph.build import BuildOptions, Pipeline
    from parkgraph.graph.rdf import union_graph, write_dataset

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("这是开头。位于合肥高新区的量子科学实验室正式启用。\n", encoding="utf-8")
    result = Pipeline(BuildOptions(use_lexicon=False)).build([corpus])
    out = tmp_path / "g.ttl"
    write_dataset(result.dataset, out)
    report, _ = findings(out.read_text(encoding="utf-8"), corpus_dirs=[corpus])
    assert report.conforms(), report.findings
    # a wrong offset is caught by re-reading the source
    g = union_graph(result.dataset)
    from parkgraph.graph.vocab import PG
    ev, start = next(iter(g.subject_objects(PG.charStart)))
    g.set((ev, PG.charStart, type(start)(int(start) + 1)))
    report = validate_graph(g, corpus_dirs=[corpus])
    assert any(f.shape == "Evidence offsets" and f.severity == "Violation" for f in report.findings)
    # a changed source is reported, not silently checked against new text
    (corpus / "a.txt").write_text("全新的内容。\n", encoding="utf-8")
    report = validate_graph(union_graph(result.dataset), corpus_dirs=[corpus])
    assert any("changed since the graph was built" in f.message for f in report.findings)


def test_validate_cli_exit_codes_and_formats(tmp_path, capsys):
    good = tmp_path / "good.ttl"
    good.write_text(BASE, encoding="utf-8")
    bad = tmp_path / "bad.ttl"
    bad.write_text(BASE + "pgr:ent pg:partOf pgr:park .", encoding="utf-8")
    warn = tmp_path / "warn.ttl"
    warn.write_text(BASE + 'pgr:x a pg:Fund ; rdfs:label "某基金"@zh ; pg:mentionCount 1 ; pg:mentionedIn pgr:doc .',
                    encoding="utf-8")
    assert main(["validate", str(good)]) == 0
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "Violation · partOf (1)" in out and "合肥量子科技有限公司" in out
    assert main(["validate", str(warn)]) == 0
    assert main(["validate", str(warn), "--fail-on", "info"]) == 1
    assert main(["validate", str(tmp_path / "missing.ttl")]) == 2
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle", encoding="utf-8")
    assert main(["validate", str(broken)]) == 2
    assert "broken.ttl" in capsys.readouterr().err


def test_validate_json_report(tmp_path, capsys):
    import json

    bad = tmp_path / "bad.ttl"
    bad.write_text(BASE + "pgr:ent pg:partOf pgr:park .", encoding="utf-8")
    assert main(["validate", str(bad), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["conforms"] is False and data["counts"]["Violation"] == 2
    assert {f["shape"] for f in data["findings"]} >= {"partOf"}


def test_validate_sample_corpus_graph_conforms(sample_build):
    from parkgraph.graph.rdf import union_graph

    report = validate_graph(union_graph(sample_build.dataset), documents=sample_build.documents)
    assert report.count("Violation") == 0, [f for f in report.findings if f.severity == "Violation"][:3]
