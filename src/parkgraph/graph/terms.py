"""The vocabulary as Oxigraph terms, for writing quads fast.

Takes prefixes and local names; gives cached `ox.NamedNode`s (`T("pg", "Park")`), literals
(`lit`), the default graph, the prefixes every written graph declares (`P`, `bind` for rdflib
graphs) and the canonical xsd:decimal form of a number (`repr_decimal`).
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.namespace import DCTERMS, PROV, SKOS

from .vocab import PG, PGR


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


def lit(value: str, lang: str | None = None, dtype: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(value, language=lang)
    if dtype:
        return ox.Literal(value, datatype=T("xsd", dtype))
    return ox.Literal(value)


def repr_decimal(x: float) -> str:
    """The canonical xsd:decimal form (always a point: 65000.0), so every syntax round-trips."""
    s = f"{x:.6f}".rstrip("0")
    s = s + "0" if s.endswith(".") else s
    return "0.0" if s == "-0.0" else s
