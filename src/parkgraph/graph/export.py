"""Export to Gephi (GEXF 1.2) and GraphML, through networkx.

Takes a graph (file or Oxigraph store) and options; gives a networkx `Graph` and writes it:
- nodes are entities: label, class, aliases, mention count; coloured by class and sized by
  degree in the GEXF viz namespace, and placed in one sector per class with the best-connected
  nodes nearest the centre, so the file looks sensible the moment Gephi opens it;
- edges are relations (one per subject, property, object — Gephi merges parallel edges): the
  property as label and `relation`, weight = number of evidence statements, and the years the
  evidence sentences name;
- optionally observations become nodes linked to their entity.

GEXF pitfalls avoided (see the project notes): every attribute keeps one type and is never None,
no edge attribute is called `type`, the file is GEXF 1.2draft (networkx's 1.3 writer gets the
namespace wrong), time is not written as integers.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter, defaultdict
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from ..errors import OutputError
from ..files import publish, temp_beside
from .vocab import ENTITY_CLASSES, RELATIONS

CLASS_COLORS = {
    "Park": (31, 119, 180), "Lab": (255, 127, 14), "Enterprise": (44, 160, 44), "University": (214, 39, 40),
    "GovernmentBody": (148, 103, 189), "Organization": (140, 86, 75), "Fund": (227, 119, 194),
    "Policy": (127, 127, 127), "Person": (188, 189, 34), "Place": (23, 190, 207), "Industry": (174, 199, 232),
    "Award": (255, 187, 120), "Event": (152, 223, 138), "Project": (255, 152, 150), "Observation": (199, 199, 199),
}

ENTITY_QUERY = """
PREFIX pg: <https://w3id.org/parkgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?e ?c ?label ?mentions (GROUP_CONCAT(?alias; separator="; ") AS ?aliases) WHERE {
  ?e a ?c ; rdfs:label ?label .
  FILTER(STRSTARTS(STR(?c), STR(pg:)))
  OPTIONAL { ?e pg:mentionCount ?mentions . }
  OPTIONAL { ?e skos:altLabel ?alias . }
} GROUP BY ?e ?c ?label ?mentions
"""
RELATION_QUERY = """
PREFIX pg: <https://w3id.org/parkgraph/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?s ?p ?o (COUNT(DISTINCT ?ev) AS ?n) (GROUP_CONCAT(?text; separator=" ") AS ?texts) WHERE {
  ?s ?p ?o .
  FILTER(?p IN (%s))
  OPTIONAL { ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; pg:evidenceText ?text . }
} GROUP BY ?s ?p ?o
""".replace("%s", ", ".join(f"pg:{r}" for r in RELATIONS))
OBSERVATION_QUERY = """
PREFIX pg: <https://w3id.org/parkgraph/ontology#>
SELECT ?obs ?e ?ind ?year ?value ?unit WHERE {
  ?obs a pg:Observation ; pg:observedEntity ?e ; pg:indicator ?ind ; pg:value ?value ; pg:unit ?unit .
  OPTIONAL { ?obs pg:year ?year . }
}
"""
YEAR = re.compile(r"((?:19|20)\d\d)年")


def _v(term) -> str:
    return "" if term is None else term.value


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def to_networkx(store: ox.Store, include: set[str] | None = None, exclude: set[str] | None = None,
                observations: bool = False) -> nx.Graph:
    """A directed multigraph-free graph: one edge per (subject, property, object)."""
    g = nx.DiGraph()
    for sol in store.query(ENTITY_QUERY, use_default_graph_as_union=True):
        cls = _local(_v(sol["c"]))
        if cls not in ENTITY_CLASSES or (include and cls not in include) or (exclude and cls in exclude):
            continue
        mentions = _v(sol["mentions"])
        g.add_node(_v(sol["e"]), label=_v(sol["label"]), **{"class": cls}, aliases=_v(sol["aliases"]),
                   mentions=int(mentions) if mentions else 0)
    for sol in store.query(RELATION_QUERY, use_default_graph_as_union=True):
        s, o = _v(sol["s"]), _v(sol["o"])
        if s not in g or o not in g:
            continue
        rel = _local(_v(sol["p"]))
        if rel == "cooperatesWith" and (o, s) in g.edges:
            continue  # symmetric: one edge a pair (it is stored in both directions)
        years = sorted(set(YEAR.findall(_v(sol["texts"]))))
        key = (s, o)
        if g.has_edge(*key):  # two properties between one pair: keep both names, add the weights
            e = g.edges[key]
            e["relation"] = ";".join(sorted(set(e["relation"].split(";")) | {rel}))
            e["label"] = e["relation"]
            e["weight"] += float(sol["n"].value)
            e["years"] = ";".join(sorted(set(filter(None, e["years"].split(";"))) | set(years)))
        else:
            g.add_edge(s, o, relation=rel, label=rel, weight=float(sol["n"].value), years=";".join(years))
    if observations:
        for sol in store.query(OBSERVATION_QUERY, use_default_graph_as_union=True):
            e = _v(sol["e"])
            if e not in g:
                continue
            ind, year, unit = _local(_v(sol["ind"])), _v(sol["year"]), _local(_v(sol["unit"]))
            value = float(sol["value"].value)
            node = _v(sol["obs"])
            g.add_node(node, label=f"{ind} {year}: {value:g} {unit}".replace("  ", " "), **{"class": "Observation"},
                       aliases="", mentions=1)
            g.add_edge(e, node, relation="observation", label="observation", weight=1.0, years=year)
    _style(g)
    return g


def _style(g: nx.DiGraph) -> None:
    """Colour by class, size by degree, positions in one sector per class."""
    degree = dict(g.degree())
    by_class: dict[str, list] = defaultdict(list)
    for n, data in g.nodes(data=True):
        by_class[data["class"]].append(n)
    total = max(len(g), 1)
    angle = 0.0
    for cls in sorted(by_class, key=lambda c: -len(by_class[c])):
        nodes = sorted(by_class[cls], key=lambda n: (-degree[n], g.nodes[n]["label"]))
        span = 2 * math.pi * len(nodes) / total
        for i, n in enumerate(nodes):
            # fill the sector ring by ring: hubs near the centre
            ring = int(math.sqrt(i)) + 1
            slot = i - (ring - 1) ** 2
            slots = 2 * ring - 1
            a = angle + span * (slot + 0.5) / slots
            r = 60.0 * ring + 30.0
            r_, g_, b_ = CLASS_COLORS.get(cls, (128, 128, 128))
            g.nodes[n]["viz"] = {"color": {"r": r_, "g": g_, "b": b_, "a": 1.0},
                                 "size": 4.0 + 3.0 * math.sqrt(degree[n]),
                                 "position": {"x": round(r * math.cos(a), 2), "y": round(r * math.sin(a), 2), "z": 0.0}}
        angle += span


def write_graph(g: nx.DiGraph, path: str | Path) -> None:
    """Writes .gexf or .graphml atomically."""
    path = Path(path)
    ext = path.suffix.lower()
    if ext not in (".gexf", ".graphml"):
        raise OutputError(path, "the export format follows the ending: .gexf or .graphml")
    out = g
    if ext == ".graphml":  # GraphML has no viz namespace: colour and size become plain attributes
        out = g.copy()
        for _, data in out.nodes(data=True):
            viz = data.pop("viz", None)
            if viz:
                c = viz["color"]
                data["color"] = f"#{c['r']:02x}{c['g']:02x}{c['b']:02x}"
                data["size"] = float(viz["size"])
                data["x"], data["y"] = float(viz["position"]["x"]), float(viz["position"]["y"])
    fd, tmp = temp_beside(path)
    os.close(fd)
    try:
        if ext == ".gexf":
            nx.write_gexf(out, tmp, encoding="utf-8", prettyprint=True)
        else:
            nx.write_graphml(out, tmp, encoding="utf-8", prettyprint=True)
        publish(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(path, e.strerror or str(e)) from None


def summary(g: nx.DiGraph) -> str:
    classes = Counter(d["class"] for _, d in g.nodes(data=True))
    return f"{g.number_of_nodes()} nodes ({', '.join(f'{c} {n}' for c, n in classes.most_common())}), " \
           f"{g.number_of_edges()} edges"
