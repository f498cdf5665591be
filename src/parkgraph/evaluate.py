"""`parkgraph eval`: precision, recall and F1 of a graph against a gold annotation.

Takes an rdflib graph and a gold JSON file (format in `../shared/spec/ANNOTATION.md`); gives
a report dict. It follows the matching rules of the graph contract's last section:
- labels compare after NFKC with white space and quote marks removed;
- a graph entity matches a gold entity when any of its labels equals any gold label or alias,
  and scores only with an accepted type; a second node on one gold entity is a false positive;
- a relation matches on subject, property and object (cooperatesWith in either direction);
- an observation matches on entity, indicator and year (a gold year of null matches any)
  with the value within 0.5 %;
- optional gold items are neither rewarded nor penalised.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from .extract.resolve import norm_label
from .graph.vocab import ENTITY_CLASSES, PG, RELATIONS


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


class GoldIndex:
    def __init__(self, data: dict):
        self.entities = {e["id"]: e for e in data["entities"]}
        self.core = set(data.get("core_types", ENTITY_CLASSES[:9]))
        self.label_to_ids: dict[str, list[str]] = defaultdict(list)
        # main labels are looked up before aliases of other entities
        for e in data["entities"]:
            self.label_to_ids[norm_label(e["label"])].insert(0, e["id"])
        for e in data["entities"]:
            for a in e.get("aliases", []):
                ids = self.label_to_ids[norm_label(a)]
                if e["id"] not in ids:
                    ids.append(e["id"])
        self.relations: dict[tuple, bool] = {}
        for r in data["relations"]:
            o = r.get("o", r.get("value"))
            key = (r["s"], r["p"], str(o))
            if r["p"] == "cooperatesWith":
                key = (min(r["s"], o), r["p"], max(r["s"], o))
            self.relations[key] = bool(r.get("optional"))
        self.observations = data["observations"]

    def match(self, labels: list[str]) -> str | None:
        for lab in labels:
            ids = self.label_to_ids.get(norm_label(lab))
            if ids:
                return ids[0]
        return None


def _entity_classes(g: Graph) -> dict:
    contract = {PG[c]: c for c in ENTITY_CLASSES}
    parents: dict = defaultdict(set)
    for c, sup in g.subject_objects(RDFS.subClassOf):
        parents[c].add(sup)

    def closure(cls, seen=frozenset()) -> set[str]:
        out = {contract[cls]} if cls in contract else set()
        for sup in parents.get(cls, ()):
            if sup not in seen:
                out |= closure(sup, seen | {cls})
        return out

    nodes: dict = defaultdict(set)
    for s, cls in g.subject_objects(RDF.type):
        found = closure(cls)
        if found:
            nodes[s] |= found
    return nodes


def evaluate(g: Graph, gold_data: dict) -> dict:
    """The report: P/R/F1 of entities (per class, core, all), relations (per property, all) and
    observations, evidence coverage, counts, and every error as a line under its kind."""
    gold = GoldIndex(gold_data)
    nodes = _entity_classes(g)
    labels = {n: [str(o) for p in (RDFS.label, SKOS.altLabel) for o in g.objects(n, p)] for n in nodes}
    node_gold = {n: gold.match(labels[n]) for n in nodes}
    errors: dict[str, list[str]] = defaultdict(list)
    report = _score_entities(gold, nodes, labels, node_gold, errors)
    report.update(_score_relations(g, gold, labels, node_gold, errors))
    report["observation_all"] = _score_observations(g, gold, labels, node_gold, errors)
    report.update(_coverage(g, nodes, labels))
    report["errors"] = dict(errors)
    return report


def _score_entities(gold: GoldIndex, nodes: dict, labels: dict, node_gold: dict, errors: dict) -> dict:
    """Entity scores per class, over the core classes and over all: each gold entity is credited
    once; a node matching no gold entity, of a type gold does not accept, or matching a gold
    entity already credited is a false positive."""
    per: dict[str, Counter] = defaultdict(Counter)
    credited: set[str] = set()
    for n in sorted(nodes, key=str):
        types = nodes[n]
        gid = node_gold[n]
        name = labels[n][0] if labels[n] else str(n)
        first = sorted(types)[0]
        if gid is None:
            per[first]["fp"] += 1
            errors["entity_fp"].append(f"{name} [{first}] not in gold")
            continue
        ge = gold.entities[gid]
        if ge.get("optional"):
            continue
        ok = sorted(types & set(ge["types"]))
        if not ok:
            per[first]["fp"] += 1
            errors["entity_fp"].append(f"{name} typed {sorted(types)}, gold says {ge['types']}")
        elif gid in credited:
            per[ok[0]]["fp"] += 1
            errors["entity_fp"].append(f"{name} [{ok[0]}] duplicates gold '{ge['label']}' (unmerged alias)")
        else:
            per[ok[0]]["tp"] += 1
            credited.add(gid)
    for gid, ge in gold.entities.items():
        if not ge.get("optional") and gid not in credited:
            per[ge["types"][0]]["fn"] += 1
            errors["entity_fn"].append(f"{ge['label']} [{'|'.join(ge['types'])}] missing")

    def micro(classes) -> dict:
        return _prf(*(sum(per[c][k] for c in classes) for k in ("tp", "fp", "fn")))

    return {"entities": {c: _prf(per[c]["tp"], per[c]["fp"], per[c]["fn"]) for c in ENTITY_CLASSES if per[c]},
            "entity_core": micro(gold.core), "entity_all": micro(ENTITY_CLASSES)}


def _score_relations(g: Graph, gold: GoldIndex, labels: dict, node_gold: dict, errors: dict) -> dict:
    """Relation scores per property and over all (pg:foundingYear counts as a relation): a triple
    matches on the gold entities of subject and object; one touching an optional gold entity
    is left out."""
    rel: dict[str, Counter] = defaultdict(Counter)
    seen: set[tuple] = set()
    for pname in (*RELATIONS, "foundingYear"):
        for s, o in g.subject_objects(PG[pname]):
            gs = node_gold.get(s)
            if pname == "foundingYear":
                go = str(o)[:4] if isinstance(o, Literal) else None
                oname = str(go)
            else:
                go = node_gold.get(o)
                oname = (labels.get(o) or [str(o)])[0]
            key = (gs, pname, str(go))
            if pname == "cooperatesWith" and gs and go:
                key = (min(gs, go), pname, max(gs, go))
            if key in seen:
                continue
            seen.add(key)
            optional = gold.relations.get(key)
            if optional is False:
                rel[pname]["tp"] += 1
            elif optional is None:
                if any(x in gold.entities and gold.entities[x].get("optional") for x in (gs, go)):
                    continue
                rel[pname]["fp"] += 1
                errors["relation_fp"].append(f"{(labels.get(s) or [str(s)])[0]} {pname} {oname}")
    for key, optional in gold.relations.items():
        if not optional and key not in seen:
            rel[key[1]]["fn"] += 1
            s = gold.entities[key[0]]["label"]
            o = gold.entities[key[2]]["label"] if key[2] in gold.entities else key[2]
            errors["relation_fn"].append(f"{s} {key[1]} {o}")
    return {"relations": {p: _prf(c["tp"], c["fp"], c["fn"]) for p, c in sorted(rel.items())},
            "relation_all": _prf(*(sum(c[k] for c in rel.values()) for k in ("tp", "fp", "fn")))}


def _score_observations(g: Graph, gold: GoldIndex, labels: dict, node_gold: dict, errors: dict) -> dict:
    """Observation scores: entity, indicator and year match (a gold year of null matches any)
    and the value is within 0.5 %; each gold observation is credited once."""
    obs = Counter()
    matched: set[int] = set()
    for n in g.subjects(RDF.type, PG.Observation):
        ent = g.value(n, PG.observedEntity)
        ind = g.value(n, PG.indicator)
        ind = str(ind).rsplit("#", 1)[-1] if ind is not None else None
        try:
            val = float(g.value(n, PG.value))
        except (TypeError, ValueError):
            val = None
        y = g.value(n, PG.year)
        year = int(str(y)[:4]) if y is not None and str(y)[:4].isdigit() else None
        gid = node_gold.get(ent)
        hit = next((i for i, go in enumerate(gold.observations)
                    if go["entity"] == gid and go["indicator"] == ind
                    and (go["year"] is None or go["year"] == year)
                    and val is not None and abs(val - go["value"]) <= 0.005 * abs(go["value"])), None)
        if hit is None:
            obs["fp"] += 1
            errors["observation_fp"].append(f"{(labels.get(ent) or [str(ent)])[0]} {ind} {year} {val}")
        elif hit in matched or gold.observations[hit].get("optional"):
            continue
        else:
            matched.add(hit)
            obs["tp"] += 1
    for i, go in enumerate(gold.observations):
        if not go.get("optional") and i not in matched:
            obs["fn"] += 1
            errors["observation_fn"].append(
                f"{gold.entities[go['entity']]['label']} {go['indicator']} {go['year']} {go['value']:g}")
    return _prf(obs["tp"], obs["fp"], obs["fn"])


def _coverage(g: Graph, nodes: dict, labels: dict) -> dict:
    """The share of relation triples with evidence behind them, labels shared by two entity
    nodes, and the counts of entity nodes and relation triples."""
    backed = set()
    for st in g.subjects(RDF.type, RDF.Statement):
        if g.value(st, PROV.wasDerivedFrom) is not None and g.value(st, PG.evidenceText) is not None:
            backed.add((g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object)))
    triples = [(s, PG[p], o) for p in RELATIONS for s, o in g.subject_objects(PG[p])]
    shared = Counter(k for n in nodes for k in {norm_label(x) for x in labels[n]})
    return {"evidence_coverage": sum(t in backed for t in triples) / len(triples) if triples else 0.0,
            "labels_on_two_nodes": sum(1 for v in shared.values() if v > 1),
            "entity_nodes": len(nodes), "relation_triples": len(triples)}


def load_gold(path: str | Path) -> dict:
    from .errors import InputError

    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise InputError(path, f"not a readable gold JSON file ({e})") from None


def format_report(report: dict, errors: bool = False) -> str:
    def row(name: str, d: dict) -> str:
        return (f"{name:<22}{d['precision']:>8.3f}{d['recall']:>8.3f}{d['f1']:>8.3f}"
                f"{d['tp']:>6}{d['fp']:>6}{d['fn']:>6}")

    lines = [f"{'':<22}{'P':>8}{'R':>8}{'F1':>8}{'TP':>6}{'FP':>6}{'FN':>6}"]
    lines += [row("  " + c, d) for c, d in report["entities"].items()]
    lines.append(row("entities (core)", report["entity_core"]))
    lines.append(row("entities (all)", report["entity_all"]))
    lines += [row("  " + p, d) for p, d in report["relations"].items()]
    lines.append(row("relations", report["relation_all"]))
    lines.append(row("observations", report["observation_all"]))
    lines.append(f"evidence coverage {report['evidence_coverage']:.3f} of {report['relation_triples']} relation "
                 f"triples; {report['entity_nodes']} entity nodes; {report['labels_on_two_nodes']} labels on two nodes")
    if errors:
        for kind, items in sorted(report["errors"].items()):
            lines.append(f"\n# {kind} ({len(items)})")
            lines += ["  " + it for it in items]
    return "\n".join(lines)
