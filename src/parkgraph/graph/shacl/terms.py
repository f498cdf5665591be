"""Terms the SHACL modules share: namespaces, the `Result` of a check, and RDF term helpers.

Takes Oxigraph and rdflib terms; gives conversions (rdflib → Oxigraph for the constraint values
of a shapes graph), comparisons as SHACL defines them (numbers by value, other literals of one
datatype by their lexical form), datatype and node-kind tests, and short names (pg:label) for
paths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD, Namespace

SH = Namespace("http://www.w3.org/ns/shacl#")
RDF_LANGSTRING = str(RDF.langString)
RDF_TYPE = str(RDF.type)
SUBCLASS_OF = str(RDFS.subClassOf)

PREFIXES = {"pg": "https://w3id.org/parkgraph/ontology#", "pgr": "https://w3id.org/parkgraph/resource/",
            "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD), "skos": "http://www.w3.org/2004/02/skos/core#",
            "prov": "http://www.w3.org/ns/prov#", "dcterms": "http://purl.org/dc/terms/",
            "owl": "http://www.w3.org/2002/07/owl#", "sh": str(SH)}

# lexical forms pyshacl (through rdflib) treats as well formed; rdflib does not check xsd:gYear,
# so neither does this (results stay identical)
LEXICAL = {
    str(XSD.integer): re.compile(r"^[+-]?\d+$"),
    str(XSD.decimal): re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$"),
    str(XSD.date): re.compile(r"^-?\d{4,}-\d\d-\d\d(Z|[+-]\d\d:\d\d)?$"),
    str(XSD.boolean): re.compile(r"^(true|false|1|0)$"),
}
NUMERIC = {str(XSD.integer), str(XSD.decimal), str(XSD.double), str(XSD.float), str(XSD.int), str(XSD.long)}


class UnsupportedShape(ValueError):
    pass


@dataclass
class Result:
    """One validation result, as pyshacl reports it."""

    focus: ox.NamedNode | ox.BlankNode | ox.Literal
    shape: object             # the rdflib node of the shape that holds the constraint
    component: str
    severity: str
    message: str
    path: str | None = None
    value: object | None = None


def to_ox(node) -> ox.NamedNode | ox.Literal:
    """An rdflib IRI or literal of the shapes graph as an Oxigraph term."""
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype))) if node.datatype \
            else ox.Literal(str(node))
    raise UnsupportedShape(f"a blank node as a constraint value: {node}")


def _number(node) -> Decimal | None:
    if isinstance(node, ox.Literal) and node.datatype.value in NUMERIC:
        try:
            return Decimal(node.value)
        except InvalidOperation:
            return None
    return None


def compare(a, b) -> int | None:
    """-1, 0 or 1 when a and b compare (numbers, or strings/dates of one datatype), else None."""
    x, y = _number(a), _number(b)
    if x is not None and y is not None:
        return (x > y) - (x < y)
    if isinstance(a, ox.Literal) and isinstance(b, ox.Literal) and not a.language and not b.language \
            and a.datatype == b.datatype and a.datatype.value not in NUMERIC:
        return (a.value > b.value) - (a.value < b.value)
    return None


def has_datatype(v, datatype: str) -> bool:
    """Whether `v` is a well-formed literal of the datatype (rdf:langString for tagged ones)."""
    if not isinstance(v, ox.Literal):
        return False
    actual = RDF_LANGSTRING if v.language else v.datatype.value
    if actual != datatype:
        return False
    rx = LEXICAL.get(datatype)
    return rx is None or bool(rx.match(v.value))


def node_kind(v, kind: str) -> bool:
    """Whether `v` is of the sh:nodeKind (sh:IRI, sh:BlankNodeOrIRI …)."""
    kind = kind.rsplit("#", 1)[-1]
    is_iri, is_blank, is_lit = isinstance(v, ox.NamedNode), isinstance(v, ox.BlankNode), isinstance(v, ox.Literal)
    return {"IRI": is_iri, "BlankNode": is_blank, "Literal": is_lit, "BlankNodeOrIRI": is_iri or is_blank,
            "BlankNodeOrLiteral": is_blank or is_lit, "IRIOrLiteral": is_iri or is_lit}.get(kind, False)


def short(iri: str) -> str:
    """pg:label for an IRI in a known namespace, else the IRI."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and re.fullmatch(r"[A-Za-z_][\w\-]*", iri[len(ns):]):
            return f"{prefix}:{iri[len(ns):]}"
    return iri
