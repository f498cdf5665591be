"""Validation: SHACL shapes (`ontology/shapes.ttl`) plus the checks SHACL cannot do well.

Takes a graph (and, where available, the documents or the corpus folder to re-read sources);
gives a `ValidationReport` of `Finding`s with a severity (Violation, Warning, Info), the shape
or check, the focus node and its label, the path, the offending value and a message.

The checks beside SHACL:
- no label or alias on two entities (a join over all labels);
- every relation triple and every observation is backed by an evidence statement;
- every evidence's offsets point at its sentence in its document (the source is re-read and
  normalised again, so a changed file or a wrong offset is caught);
- entities with no relation at all (Info).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from ..document import Document
from ..extract.resolve import norm_label
from .vocab import ENTITY_CLASSES, PG, RELATIONS

SH = Namespace("http://www.w3.org/ns/shacl#")
PGS = Namespace("https://w3id.org/parkgraph/shapes#")
SEVERITIES = ("Violation", "Warning", "Info")
ONTOLOGY_DIR = Path(__file__).resolve().parents[3] / "ontology"


def default_shapes_path() -> Path:
    for base in (ONTOLOGY_DIR, Path.cwd() / "ontology"):
        if (base / "shapes.ttl").exists():
            return base / "shapes.ttl"
    return ONTOLOGY_DIR / "shapes.ttl"


@dataclass
class Finding:
    severity: str
    shape: str          # the shape's or check's name
    focus: str
    focus_label: str
    message: str
    path: str = ""
    value: str = ""
    source: str = "shacl"


@dataclass
class ValidationReport:
    findings: list[Finding]
    triples: int

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def conforms(self, fail_on: str = "violation") -> bool:
        levels = SEVERITIES[: SEVERITIES.index(fail_on.capitalize()) + 1]
        return not any(f.severity in levels for f in self.findings)


def _short(g: Graph, node) -> str:
    if isinstance(node, URIRef):
        try:
            return g.namespace_manager.normalizeUri(node)
        except Exception:
            return str(node)
    return str(node)


def _shape_name(shapes: Graph, shape) -> str:
    """A property shape is a blank node: name it by the node shape that holds it."""
    owner = shape
    for _ in range(3):
        if not isinstance(owner, BNode):
            break
        parent = next(iter(shapes.subjects(None, owner)), None)
        if parent is None:
            break
        owner = parent
        if isinstance(owner, BNode):
            owner = next(iter(shapes.subjects(None, owner)), owner)
    return str(shapes.value(owner, RDFS.label) or _short(shapes, owner))


def shacl_findings(g: Graph, shapes: Graph) -> list[Finding]:
    """The shapes checked by pyshacl on an rdflib graph (the reference; slow on large graphs)."""
    import pyshacl

    _, results, _ = pyshacl.validate(g, shacl_graph=shapes, inference="none", advanced=True)
    out = []
    # the report's own results: a failed sh:node also holds the nested shape's results as
    # sh:detail, which are explanations, not findings of their own
    top = [r for report in results.subjects(RDF.type, SH.ValidationReport) for r in results.objects(report, SH.result)]
    for r in top:
        focus = results.value(r, SH.focusNode)
        path = results.value(r, SH.resultPath)
        value = results.value(r, SH.value)
        if value == focus:
            value = None  # a node-level constraint names the focus node itself
        labels = sorted(str(x) for x in g.objects(focus, RDFS.label))
        out.append(Finding(
            severity=str(results.value(r, SH.resultSeverity)).rsplit("#", 1)[-1],
            shape=_shape_name(shapes, results.value(r, SH.sourceShape)),
            focus=str(focus),
            focus_label=labels[0] if labels else "",
            message=str(results.value(r, SH.resultMessage) or ""),
            path=_short(g, path) if path is not None else "",
            value=str(value) if value is not None else "",
        ))
    return out


def oxigraph_shacl_findings(store: ox.Store, shapes: Graph) -> list[Finding]:
    """The same shapes checked on an Oxigraph store (parkgraph.graph.shacl): seconds on a million triples."""
    from .shacl import Data, Validator

    data = Data(store)
    label = str(RDFS.label)
    out = []
    for r in Validator(shapes).validate(store):
        value = None if r.value is None or r.value == r.focus else r.value
        labels = sorted(x.value for x in data.values(r.focus, label))
        out.append(Finding(r.severity, _shape_name(shapes, r.shape), r.focus.value, labels[0] if labels else "",
                           r.message, r.path or "", value.value if value is not None else ""))
    return out


def check_findings(store: ox.Store, documents: list[Document] | None = None,
                   corpus_dirs: list[Path] | None = None) -> list[Finding]:
    """The checks beside SHACL, on the union of the store's graphs."""
    from .shacl import Data

    data = Data(store)
    rdf_type, rdfs_label = str(RDF.type), str(RDFS.label)
    classes = {str(PG[c]) for c in ENTITY_CLASSES}
    entities = [n for n in data.subjects_of(rdf_type)
                if any(isinstance(t, ox.NamedNode) and t.value in classes for t in data.values(n, rdf_type))]

    def label(n) -> str:
        labels = sorted(x.value for x in data.values(n, rdfs_label))
        return labels[0] if labels else ""

    out = _shared_label_findings(data, entities, label)
    evidence = [n for n in data.subjects_of(rdf_type)
                if ox.NamedNode(str(RDF.Statement)) in data.values(n, rdf_type)]
    out += _unbacked_findings(data, evidence, label)
    out += _offset_findings(data, evidence, documents, corpus_dirs)
    out += _unrelated_findings(data, entities, label)
    return out


def _shared_label_findings(data, entities: list, label) -> list[Finding]:
    """1. no label on two entities."""
    out: list[Finding] = []
    owners: dict[str, set] = defaultdict(set)
    for n in entities:
        for p in (str(RDFS.label), str(SKOS.altLabel)):
            for o in data.values(n, p):
                owners[norm_label(o.value)].add(n)
    for name, nodes in sorted(owners.items()):
        if len(nodes) > 1:
            for n in sorted(nodes, key=lambda x: x.value):
                out.append(Finding("Violation", "Label on two nodes", n.value, label(n),
                                   "another entity has the same label or alias (unmerged alias)",
                                   "rdfs:label|skos:altLabel", name, "check"))
    return out


def _unbacked_findings(data, evidence: list, label) -> list[Finding]:
    """2. evidence behind every relation triple and observation."""
    out: list[Finding] = []
    backed: set[tuple] = set()
    observed: set = set()
    derived, text = str(PROV.wasDerivedFrom), str(PG.evidenceText)
    subject, predicate, obj = str(RDF.subject), str(RDF.predicate), str(RDF.object)
    for ev in evidence:
        if not data.values(ev, derived) or not data.values(ev, text):
            continue
        for s in data.values(ev, subject):
            observed.add(s)
            for p in data.values(ev, predicate):
                for o in data.values(ev, obj):
                    backed.add((s, p, o))
    for p in (*RELATIONS, "foundingYear"):
        pred = ox.NamedNode(str(PG[p]))
        for s in data.subjects_of(pred.value):
            for o in data.values(s, pred.value):
                if (s, pred, o) not in backed:
                    out.append(Finding("Violation", "Evidence for every fact", s.value, label(s),
                                       "no evidence statement backs this fact", f"pg:{p}", o.value, "check"))
    observation, rdf_type = ox.NamedNode(str(PG.Observation)), str(RDF.type)
    for obs in data.subjects_of(rdf_type):
        if observation in data.values(obs, rdf_type) and obs not in observed:
            out.append(Finding("Violation", "Evidence for every fact", obs.value, "",
                               "no evidence statement backs this observation", "", "", "check"))
    return out


def _unrelated_findings(data, entities: list, label) -> list[Finding]:
    """4. entities with no relation at all (places, industries, awards and events may have none)."""
    related = set()
    for p in RELATIONS:
        related |= set(data.subjects_of(str(PG[p]))) | set(data.objects_of(str(PG[p])))
    related |= set(data.objects_of(str(PG.observedEntity)))
    quiet = {str(PG[c]) for c in ("Place", "Industry", "Award", "Event")}
    out: list[Finding] = []
    for n in sorted(set(entities) - related, key=lambda x: x.value):
        if any(t.value in quiet for t in data.values(n, str(RDF.type))):
            continue
        out.append(Finding("Info", "Entity with no relation", n.value, label(n),
                           "an entity with no relation at all", "", "", "check"))
    return out


def _offset_findings(data, evidence: list, documents, corpus_dirs) -> list[Finding]:
    from ..read.normalize import normalize
    from ..read.sources import read_documents

    def one(node, p: str) -> str:
        values = data.values(node, str(p))
        return values[0].value if values else ""

    texts: dict = {}
    by_path = {d.path: d for d in documents or []}
    out = []
    document = ox.NamedNode(str(PG.Document))
    for doc_node in data.subjects_of(str(RDF.type)):
        if document not in data.values(doc_node, str(RDF.type)):
            continue
        rel, sha = one(doc_node, PG.sourceFile), one(doc_node, PG.sha256)
        if rel in by_path:
            texts[doc_node] = by_path[rel].display_text
            continue
        file_rel = rel.split("#", 1)[0]  # a JSON Lines article is FILE#ID
        found = next((d / file_rel for d in corpus_dirs or [] if (d / file_rel).is_file()), None)
        if found is None:
            if corpus_dirs:
                out.append(Finding("Warning", "Evidence offsets", doc_node.value, rel,
                                   "the source file is not in the given corpus folders; offsets not checked",
                                   "pg:sourceFile", rel, "check"))
            continue
        again = next((d for d in read_documents(found, file_rel) if isinstance(d, Document) and d.path == rel), None)
        if again is None or (sha and again.sha256 != sha):
            out.append(Finding("Warning", "Evidence offsets", doc_node.value, rel,
                               "the source file changed since the graph was built", "pg:sha256", sha, "check"))
            continue
        texts[doc_node] = normalize(again).display_text
    if not texts:
        return out
    derived = str(PROV.wasDerivedFrom)
    for ev in evidence:
        docs = data.values(ev, derived)
        if not docs or docs[0] not in texts:
            continue
        d = docs[0]
        try:
            start, end = int(one(ev, PG.charStart)), int(one(ev, PG.charEnd))
        except ValueError:
            continue
        sentence = one(ev, PG.evidenceText)
        if texts[d][start:end] != sentence:
            out.append(Finding("Violation", "Evidence offsets", ev.value, sentence[:30],
                               f"pg:charStart/pg:charEnd ({start}–{end}) do not point at the evidence sentence "
                               f"in {one(d, PG.sourceFile)}", "pg:charStart", str(start), "check"))
    return out


ENGINES = ("oxigraph", "pyshacl")


def load_shapes(shapes_path: str | Path | None = None) -> Graph:
    from ..errors import DataFileError

    path = Path(shapes_path) if shapes_path else default_shapes_path()
    try:
        return Graph().parse(path, format="turtle")
    except FileNotFoundError:
        raise DataFileError(path, "shapes file is missing") from None
    except Exception as e:
        raise DataFileError(path, f"not valid Turtle: {e}") from None


def validate_store(store: ox.Store, shapes_path: str | Path | None = None, documents: list[Document] | None = None,
                   corpus_dirs: list[Path] | None = None, engine: str = "oxigraph",
                   graph: Graph | None = None) -> ValidationReport:
    """Validates the union of a store's graphs: the shapes (on Oxigraph, or with pyshacl on an
    rdflib copy) and the checks. `graph` is the rdflib graph when the caller has one."""
    from ..errors import DataFileError
    from .shacl import UnsupportedShape

    shapes = load_shapes(shapes_path)
    if engine == "pyshacl":
        if graph is None:
            from .io import quads_to_dataset, union_graph

            graph = union_graph(quads_to_dataset(list(store)))
        findings = shacl_findings(graph, shapes)
    else:
        try:
            findings = oxigraph_shacl_findings(store, shapes)
        except UnsupportedShape as e:
            raise DataFileError(Path(shapes_path or default_shapes_path()),
                                f"{e}; run with --engine pyshacl") from None
    findings += check_findings(store, documents, corpus_dirs)
    order = {s: i for i, s in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: (order.get(f.severity, 9), f.shape, f.focus_label, f.focus, f.path, f.value))
    triples = len(graph) if graph is not None else int(next(iter(store.query(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
        use_default_graph_as_union=True)))["n"].value)
    return ValidationReport(findings, triples)


def validate_graph(g: Graph, shapes_path: str | Path | None = None, documents: list[Document] | None = None,
                   corpus_dirs: list[Path] | None = None, engine: str = "oxigraph") -> ValidationReport:
    from .query import open_store

    return validate_store(open_store(g), shapes_path, documents, corpus_dirs, engine, graph=g)


# ------------------------------------------------------------------ reports

def format_text(report: ValidationReport, limit: int = 20) -> str:
    lines = []
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in report.findings:
        groups[(f.severity, f.shape)].append(f)
    for (sev, shape), items in groups.items():
        lines.append(f"{sev} · {shape} ({len(items)})")
        for f in items[:limit]:
            who = f"{f.focus_label} <{f.focus}>" if f.focus_label else f"<{f.focus}>"
            detail = " ".join(x for x in (f.path, f"= {f.value!r}" if f.value else "") if x)
            lines.append(f"  {who}{' ' + detail if detail else ''}: {f.message}")
        if len(items) > limit:
            lines.append(f"  … and {len(items) - limit} more")
    summary = (f"{report.count('Violation')} violations, {report.count('Warning')} warnings, "
               f"{report.count('Info')} infos in {report.triples} triples")
    lines.append(("conforms: " if report.conforms() else "does not conform: ") + summary)
    return "\n".join(lines)


def format_json(report: ValidationReport) -> str:
    return json.dumps({"conforms": report.conforms(), "triples": report.triples,
                       "counts": {s: report.count(s) for s in SEVERITIES},
                       "findings": [asdict(f) for f in report.findings]}, ensure_ascii=False, indent=1)


def format_turtle(report: ValidationReport) -> str:
    g = Graph()
    g.bind("sh", SH)
    g.bind("pgs", PGS)
    root = BNode()
    g.add((root, RDF.type, SH.ValidationReport))
    g.add((root, SH.conforms, Literal(report.conforms())))
    for f in report.findings:
        r = BNode()
        g.add((root, SH.result, r))
        g.add((r, RDF.type, SH.ValidationResult))
        g.add((r, SH.resultSeverity, SH[f.severity]))
        g.add((r, SH.focusNode, URIRef(f.focus) if f.focus.startswith("http") else Literal(f.focus)))
        g.add((r, SH.sourceShape, PGS[f.shape.replace(" ", "")]))
        g.add((r, SH.resultMessage, Literal(f.message)))
        if f.value:
            g.add((r, SH.value, Literal(f.value)))
    return g.serialize(format="turtle")
