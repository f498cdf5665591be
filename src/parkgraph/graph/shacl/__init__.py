"""SHACL on Oxigraph: the shapes of `ontology/shapes.ttl` checked on graphs of millions of triples.

Takes a shapes graph (rdflib, it is small) and an Oxigraph store (the union of its graphs is
the data graph); gives `Result`s equal to pyshacl's on the same shapes (tests/test_shacl.py
compares them). pyshacl walks an rdflib graph node by node and takes minutes on a million
triples; here each predicate a shape needs is read once from the store into a dictionary, the
constraints are checked in Python on those, and SPARQL-based constraints run once, as one
query with the shape's targets joined in, on Oxigraph.

Supported: targets (targetClass with rdfs:subClassOf, targetNode, targetSubjectsOf,
targetObjectsOf); paths that are an IRI or sh:inversePath of one; the core constraints
class, datatype, nodeKind, minCount, maxCount, in, hasValue, languageIn, pattern (with flags),
minLength, maxLength, min/maxInclusive, min/maxExclusive, lessThan, lessThanOrEquals, equals,
disjoint, node, and, or, xone, not; sh:sparql SELECT constraints; severity, message,
deactivated. A shape that uses anything else raises `UnsupportedShape` (use pyshacl then).

Modules: `terms` (namespaces, term conversions and comparisons, `Result`), `data` (the data
graph read per predicate), `shapes` (the shapes graph read and compiled), `components` (the
constraint components), `validator` (the loop over shapes, focus nodes and SPARQL constraints).
"""

from __future__ import annotations

from .data import Data
from .shapes import Compiled, Shapes
from .terms import SH, Result, UnsupportedShape
from .validator import Validator, validate_store

__all__ = ["SH", "Compiled", "Data", "Result", "Shapes", "UnsupportedShape", "Validator", "validate_store"]
