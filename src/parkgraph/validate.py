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

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from .document import Document
from .resolve import norm_label
from .vocab import ENTITY_CLASSES, PG, RELATIONS

SH = Namespace("http://www.w3.org/ns/shacl#")
PGS = Namespace("https://w3id.org/parkgraph/shapes#")
SEVERITIES = ("Violation", "Warning", "Info")
ONTOLOGY_DIR = Path(__file__).resolve().parent.parent.parent / "ontology"


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


def shacl_findings(g: Graph, shapes: Graph) -> list[Finding]:
    import pyshacl

    _, results, _ = pyshacl.validate(g, shacl_graph=shapes, inference="none", advanced=True)
    out = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(r, SH.focusNode)
        shape = results.value(r, SH.sourceShape)
        # a property shape is a blank node: name it by the node shape that holds it
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
        name = str(shapes.value(owner, RDFS.label) or _short(shapes, owner))
        path = results.value(r, SH.resultPath)
        value = results.value(r, SH.value)
        if value == focus:
            value = None  # a node-level constraint names the focus node itself
        out.append(Finding(
            severity=str(results.value(r, SH.resultSeverity)).rsplit("#", 1)[-1],
            shape=name,
            focus=str(focus),
            focus_label=str(g.value(focus, RDFS.label) or ""),
            message=str(results.value(r, SH.resultMessage) or ""),
            path=_short(g, path) if path is not None else "",
            value=str(value) if value is not None else "",
        ))
    return out


def check_findings(g: Graph, documents: list[Document] | None = None,
                   corpus_dirs: list[Path] | None = None) -> list[Finding]:
    out: list[Finding] = []
    classes = {PG[c] for c in ENTITY_CLASSES}
    entities = {s for s, o in g.subject_objects(RDF.type) if o in classes}

    def label(n) -> str:
        return str(g.value(n, RDFS.label) or "")

    # 1. no label on two entities
    owners: dict[str, set] = defaultdict(set)
    for n in entities:
        for p in (RDFS.label, SKOS.altLabel):
            for o in g.objects(n, p):
                owners[norm_label(o)].add(n)
    for name, nodes in sorted(owners.items()):
        if len(nodes) > 1:
            for n in sorted(nodes, key=str):
                out.append(Finding("Violation", "Label on two nodes", str(n), label(n),
                                   "another entity has the same label or alias (unmerged alias)",
                                   "rdfs:label|skos:altLabel", name, "check"))

    # 2. evidence behind every relation triple and observation
    backed: set[tuple] = set()
    observed: set = set()
    evidence = list(g.subjects(RDF.type, RDF.Statement))
    for ev in evidence:
        if g.value(ev, PROV.wasDerivedFrom) is None or g.value(ev, PG.evidenceText) is None:
            continue
        s = g.value(ev, RDF.subject)
        backed.add((s, g.value(ev, RDF.predicate), g.value(ev, RDF.object)))
        observed.add(s)
    for p in (*RELATIONS, "foundingYear"):
        for s, o in g.subject_objects(PG[p]):
            if (s, PG[p], o) not in backed:
                out.append(Finding("Violation", "Evidence for every fact", str(s), label(s),
                                   "no evidence statement backs this fact", f"pg:{p}", str(o), "check"))
    for obs in g.subjects(RDF.type, PG.Observation):
        if obs not in observed:
            out.append(Finding("Violation", "Evidence for every fact", str(obs), "",
                               "no evidence statement backs this observation", "", "", "check"))

    # 3. evidence offsets point at the sentence in the (re-read) document
    out += _offset_findings(g, evidence, documents, corpus_dirs)

    # 4. entities with no relation at all
    related = set()
    for p in RELATIONS:
        for s, o in g.subject_objects(PG[p]):
            related |= {s, o}
    related |= set(g.objects(None, PG.observedEntity))
    for n in sorted(entities - related, key=str):
        cls = g.value(n, RDF.type)
        if cls in (PG.Place, PG.Industry, PG.Award, PG.Event):
            continue
        out.append(Finding("Info", "Entity with no relation", str(n), label(n),
                           "an entity with no relation at all", "", "", "check"))
    return out


def _offset_findings(g: Graph, evidence: list, documents, corpus_dirs) -> list[Finding]:
    from .normalize import normalize
    from .sources import read_documents

    texts: dict = {}
    by_path = {d.path: d for d in documents or []}
    out = []
    for doc_node in g.subjects(RDF.type, PG.Document):
        rel = str(g.value(doc_node, PG.sourceFile) or "")
        sha = str(g.value(doc_node, PG.sha256) or "")
        if rel in by_path:
            texts[doc_node] = by_path[rel].display_text
            continue
        file_rel = rel.split("#", 1)[0]  # a JSON Lines article is FILE#ID
        found = next((d / file_rel for d in corpus_dirs or [] if (d / file_rel).is_file()), None)
        if found is None:
            if corpus_dirs:
                out.append(Finding("Warning", "Evidence offsets", str(doc_node), rel,
                                   "the source file is not in the given corpus folders; offsets not checked",
                                   "pg:sourceFile", rel, "check"))
            continue
        again = next((d for d in read_documents(found, file_rel) if isinstance(d, Document) and d.path == rel), None)
        if again is None or (sha and again.sha256 != sha):
            out.append(Finding("Warning", "Evidence offsets", str(doc_node), rel,
                               "the source file changed since the graph was built", "pg:sha256", sha, "check"))
            continue
        texts[doc_node] = normalize(again).display_text
    for ev in evidence:
        d = g.value(ev, PROV.wasDerivedFrom)
        if d not in texts:
            continue
        try:
            start, end = int(g.value(ev, PG.charStart)), int(g.value(ev, PG.charEnd))
        except (TypeError, ValueError):
            continue
        sentence = str(g.value(ev, PG.evidenceText) or "")
        if texts[d][start:end] != sentence:
            out.append(Finding("Violation", "Evidence offsets", str(ev), sentence[:30],
                               f"pg:charStart/pg:charEnd ({start}–{end}) do not point at the evidence sentence "
                               f"in {g.value(d, PG.sourceFile)}", "pg:charStart", str(start), "check"))
    return out


def validate_graph(g: Graph, shapes_path: str | Path | None = None, documents: list[Document] | None = None,
                   corpus_dirs: list[Path] | None = None) -> ValidationReport:
    from .errors import DataFileError

    path = Path(shapes_path) if shapes_path else default_shapes_path()
    try:
        shapes = Graph().parse(path, format="turtle")
    except FileNotFoundError:
        raise DataFileError(path, "shapes file is missing") from None
    except Exception as e:
        raise DataFileError(path, f"not valid Turtle: {e}") from None
    findings = shacl_findings(g, shapes) + check_findings(g, documents, corpus_dirs)
    order = {s: i for i, s in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: (order.get(f.severity, 9), f.shape, f.focus_label, f.focus, f.path, f.value))
    return ValidationReport(findings, len(g))


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
