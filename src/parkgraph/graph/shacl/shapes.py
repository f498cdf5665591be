"""The shapes graph of a SHACL run, read once.

Takes an rdflib shapes graph; gives its shapes (node shapes, property shapes and the shapes
they nest), the SPARQL prefixes it declares, and each shape `Compiled`: path, severity,
message, nested property shapes, SPARQL constraints and the constraint values as Python
objects (regular expressions, sets of Oxigraph terms …). A feature the validator does not
support raises `UnsupportedShape` when the shapes are read, not halfway through a run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal
from rdflib.collection import Collection
from rdflib.namespace import RDF

from .terms import SH, UnsupportedShape, short, to_ox

CONSTRAINTS = {"class", "datatype", "nodeKind", "minCount", "maxCount", "in", "hasValue", "languageIn",
               "pattern", "flags", "minLength", "maxLength", "minInclusive", "maxInclusive", "minExclusive",
               "maxExclusive", "lessThan", "lessThanOrEquals", "equals", "disjoint", "node", "and", "or",
               "xone", "not", "sparql"}
IGNORED = {"path", "property", "severity", "message", "deactivated", "name", "description", "order", "group",
           "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "declare", "prefixes",
           "defaultValue"}


@dataclass
class Compiled:
    path: tuple[str, bool] | None
    path_name: str | None
    severity: str
    message: str
    deactivated: bool
    properties: list
    sparql: list
    constraints: list = field(default_factory=list)


class Shapes:
    """A shapes graph with every shape checked for support and compiled on first use."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self._compiled: dict = {}
        self._checked: set = set()
        self.prefixes = self._prefixes()
        for shape in self.all_shapes():
            self._check_supported(shape)

    def all_shapes(self) -> list:
        g = self.graph
        shapes = set(g.subjects(RDF.type, SH.NodeShape))
        shapes |= set(g.subjects(RDF.type, SH.PropertyShape))
        for p in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.property):
            shapes |= set(g.subjects(p, None))
        shapes |= set(g.objects(None, SH.property)) | set(g.objects(None, SH.node))
        return sorted(shapes, key=str)

    def _check_supported(self, shape) -> None:
        if shape in self._checked:
            return
        self._checked.add(shape)
        for p, o in self.graph.predicate_objects(shape):
            if not str(p).startswith(str(SH)):
                continue
            name = str(p)[len(str(SH)):]
            if name not in CONSTRAINTS and name not in IGNORED:
                raise UnsupportedShape(f"shape {shape}: sh:{name} is not supported by the Oxigraph validator")
            if name == "path" and isinstance(o, BNode):
                inv = self.graph.value(o, SH.inversePath)
                if inv is None or isinstance(inv, BNode):
                    raise UnsupportedShape(f"shape {shape}: only IRI and sh:inversePath paths are supported")
            if name in ("and", "or", "xone"):
                for member in Collection(self.graph, o):
                    self._check_supported(member)
            if name in ("node", "not", "property"):
                self._check_supported(o)

    def _prefixes(self) -> str:
        lines = []
        for decl in self.graph.objects(None, SH.declare):
            prefix, ns = self.graph.value(decl, SH.prefix), self.graph.value(decl, SH.namespace)
            if prefix is not None and ns is not None:
                lines.append(f"PREFIX {prefix}: <{ns}>")
        return "\n".join(sorted(set(lines)))

    def _path(self, shape) -> tuple[str, bool] | None:
        path = self.graph.value(shape, SH.path)
        if path is None:
            return None
        if isinstance(path, BNode):
            return str(self.graph.value(path, SH.inversePath)), True
        return str(path), False

    def _severity(self, shape) -> str:
        sev = self.graph.value(shape, SH.severity)
        return str(sev).rsplit("#", 1)[-1] if sev is not None else "Violation"

    def compile(self, shape) -> Compiled:
        """The shape read once from the shapes graph: rdflib lookups are slow in a loop."""
        c = self._compiled.get(shape)
        if c is not None:
            return c
        g = self.graph
        path = self._path(shape)
        c = Compiled(
            path=path,
            path_name=(short(path[0]) if not path[1] else f"^{short(path[0])}") if path else None,
            severity=self._severity(shape),
            message=str(g.value(shape, SH.message) or ""),
            deactivated=g.value(shape, SH.deactivated) == Literal(True),
            properties=sorted(g.objects(shape, SH.property), key=str),
            sparql=sorted(g.objects(shape, SH.sparql), key=str),
        )
        self._compiled[shape] = c
        for p, o in sorted(g.predicate_objects(shape), key=lambda po: (str(po[0]), str(po[1]))):
            name = str(p)[len(str(SH)):] if str(p).startswith(str(SH)) else ""
            value = _constraint_value(g, shape, name, o)
            if value is not _SKIP:
                c.constraints.append((name, value))
        return c


_SKIP = object()


def _constraint_value(g: Graph, shape, name: str, o) -> object:
    """The value of constraint sh:NAME as the components use it, or _SKIP for a parameter that
    is not a constraint of its own (sh:flags, sh:path …)."""
    if name in ("class", "datatype", "nodeKind", "lessThan", "lessThanOrEquals", "equals", "disjoint"):
        return str(o)
    if name in ("minCount", "maxCount", "minLength", "maxLength"):
        return int(o)
    if name == "in":
        return {to_ox(x) for x in Collection(g, o)}
    if name in ("hasValue", "minInclusive", "maxInclusive", "minExclusive", "maxExclusive"):
        return to_ox(o)
    if name == "languageIn":
        return [str(x).lower() for x in Collection(g, o)]
    if name == "pattern":
        flags = str(g.value(shape, SH.flags) or "")
        return re.compile(str(o), (re.I if "i" in flags else 0) | (re.S if "s" in flags else 0)
                          | (re.M if "m" in flags else 0) | (re.X if "x" in flags else 0))
    if name in ("node", "not"):
        return o
    if name in ("and", "or", "xone"):
        return list(Collection(g, o))
    return _SKIP
