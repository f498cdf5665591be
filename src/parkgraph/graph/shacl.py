"""SHACL on Oxigraph: the shapes of `ontology/shapes.ttl` checked on graphs of millions of triples.

Takes a shapes graph (rdflib, it is small) and an Oxigraph store (the union of its graphs is
the data graph); gives `Finding`s equal to pyshacl's on the same shapes (tests/test_shacl.py
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
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, XSD, Namespace

SH = Namespace("http://www.w3.org/ns/shacl#")
RDF_LANGSTRING = str(RDF.langString)
RDF_TYPE = str(RDF.type)
SUBCLASS_OF = str(RDFS.subClassOf)

PREFIXES = {"pg": "https://w3id.org/parkgraph/ontology#", "pgr": "https://w3id.org/parkgraph/resource/",
            "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD), "skos": "http://www.w3.org/2004/02/skos/core#",
            "prov": "http://www.w3.org/ns/prov#", "dcterms": "http://purl.org/dc/terms/",
            "owl": "http://www.w3.org/2002/07/owl#", "sh": str(SH)}

CONSTRAINTS = {"class", "datatype", "nodeKind", "minCount", "maxCount", "in", "hasValue", "languageIn",
               "pattern", "flags", "minLength", "maxLength", "minInclusive", "maxInclusive", "minExclusive",
               "maxExclusive", "lessThan", "lessThanOrEquals", "equals", "disjoint", "node", "and", "or",
               "xone", "not", "sparql"}
IGNORED = {"path", "property", "severity", "message", "deactivated", "name", "description", "order", "group",
           "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "declare", "prefixes",
           "defaultValue"}

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


def _ox_to_rdflib(node):
    if isinstance(node, ox.NamedNode):
        return URIRef(node.value)
    if isinstance(node, ox.BlankNode):
        return BNode(node.value)
    if node.language:
        return Literal(node.value, lang=node.language)
    dt = node.datatype.value
    return Literal(node.value, datatype=None if dt == str(XSD.string) else URIRef(dt))


def _to_ox(node) -> ox.NamedNode | ox.Literal:
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


def _compare(a, b) -> int | None:
    """-1, 0 or 1 when a and b compare (numbers, or strings/dates of one datatype), else None."""
    x, y = _number(a), _number(b)
    if x is not None and y is not None:
        return (x > y) - (x < y)
    if isinstance(a, ox.Literal) and isinstance(b, ox.Literal) and not a.language and not b.language \
            and a.datatype == b.datatype and a.datatype.value not in NUMERIC:
        return (a.value > b.value) - (a.value < b.value)
    return None


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


class Data:
    """The union of the store's graphs, read one predicate at a time and kept as dictionaries."""

    def __init__(self, store: ox.Store):
        self.store = store
        self._out: dict[str, dict] = {}
        self._in: dict[str, dict] = {}
        self._types: dict[object, set[str]] | None = None
        self._sub: dict[str, set[str]] | None = None
        self._super: dict[str, set[str]] = {}

    def _load(self, predicate: str) -> None:
        out: dict = defaultdict(dict)
        inv: dict = defaultdict(dict)
        for q in self.store.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
            out[q.subject][q.object] = None      # dicts as ordered sets: a triple in two graphs is one
            inv[q.object][q.subject] = None
        self._out[predicate], self._in[predicate] = out, inv

    def values(self, node, predicate: str, inverse: bool = False) -> list:
        if predicate not in self._out:
            self._load(predicate)
        return list((self._in if inverse else self._out)[predicate].get(node, ()))

    def subjects_of(self, predicate: str) -> list:
        if predicate not in self._out:
            self._load(predicate)
        return list(self._out[predicate])

    def objects_of(self, predicate: str) -> list:
        if predicate not in self._out:
            self._load(predicate)
        return list(self._in[predicate])

    def superclasses(self, cls: str) -> set[str]:
        known = self._super.get(cls)
        if known is not None:
            return known
        if self._sub is None:
            direct: dict[str, set[str]] = defaultdict(set)
            for s, objs in self._out_of(SUBCLASS_OF).items():
                direct[s.value] |= {o.value for o in objs if isinstance(o, ox.NamedNode)}
            self._sub = direct
        seen, todo = {cls}, [cls]
        while todo:
            for sup in self._sub.get(todo.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        self._super[cls] = seen
        return seen

    def subclasses(self, cls: str) -> set[str]:
        """The class and every class below it."""
        if self._sub is None:
            self.superclasses(cls)
        return {c for c in {cls, *self._sub} if cls in self.superclasses(c)}

    def types_of(self, node) -> set[str]:
        """Every class the node belongs to, through rdfs:subClassOf."""
        if self._types is None:
            self._types = {}
            for n, types in self._out_of(RDF_TYPE).items():
                closed: set[str] = set()
                for t in types:
                    if isinstance(t, ox.NamedNode):
                        closed |= self.superclasses(t.value)
                self._types[n] = closed
        return self._types.get(node, set())

    def _out_of(self, predicate: str) -> dict:
        if predicate not in self._out:
            self._load(predicate)
        return self._out[predicate]

    def is_instance(self, node, cls: str) -> bool:
        return cls in self.types_of(node)

    def instances(self, cls: str) -> list:
        self.types_of(None)
        return [n for n, types in self._types.items() if cls in types]


class Validator:
    def __init__(self, shapes: Graph):
        self.shapes = shapes
        self._compiled: dict = {}
        self._conforms: dict = {}
        self.prefixes = self._prefixes()
        self._checked: set = set()
        for shape in self._all_shapes():
            self._check_supported(shape)

    # -------------------------------------------------------------- the shapes graph
    def _all_shapes(self) -> list:
        shapes = set(self.shapes.subjects(RDF.type, SH.NodeShape))
        shapes |= set(self.shapes.subjects(RDF.type, SH.PropertyShape))
        for p in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.property):
            shapes |= set(self.shapes.subjects(p, None))
        shapes |= set(self.shapes.objects(None, SH.property)) | set(self.shapes.objects(None, SH.node))
        return sorted(shapes, key=str)

    def _check_supported(self, shape) -> None:
        if shape in self._checked:
            return
        self._checked.add(shape)
        for p, o in self.shapes.predicate_objects(shape):
            if not str(p).startswith(str(SH)):
                continue
            name = str(p)[len(str(SH)):]
            if name not in CONSTRAINTS and name not in IGNORED:
                raise UnsupportedShape(f"shape {shape}: sh:{name} is not supported by the Oxigraph validator")
            if name == "path" and isinstance(o, BNode):
                inv = self.shapes.value(o, SH.inversePath)
                if inv is None or isinstance(inv, BNode):
                    raise UnsupportedShape(f"shape {shape}: only IRI and sh:inversePath paths are supported")
            if name in ("and", "or", "xone"):
                for member in Collection(self.shapes, o):
                    self._check_supported(member)
            if name in ("node", "not", "property"):
                self._check_supported(o)

    def _prefixes(self) -> str:
        lines = []
        for decl in self.shapes.objects(None, SH.declare):
            prefix, ns = self.shapes.value(decl, SH.prefix), self.shapes.value(decl, SH.namespace)
            if prefix is not None and ns is not None:
                lines.append(f"PREFIX {prefix}: <{ns}>")
        return "\n".join(sorted(set(lines)))

    def _path(self, shape) -> tuple[str, bool] | None:
        path = self.shapes.value(shape, SH.path)
        if path is None:
            return None
        if isinstance(path, BNode):
            return str(self.shapes.value(path, SH.inversePath)), True
        return str(path), False

    def _severity(self, shape) -> str:
        sev = self.shapes.value(shape, SH.severity)
        return str(sev).rsplit("#", 1)[-1] if sev is not None else "Violation"

    # -------------------------------------------------------------- validation
    def validate(self, store: ox.Store) -> list[Result]:
        data = Data(store)
        results: list[Result] = []
        self._conforms = {}
        for shape in self._all_shapes():
            if self._compile(shape).deactivated:
                continue
            focus = self._targets(shape, data)
            if not focus:
                continue
            results += self._shape(shape, focus, data, store)
        return results

    def _targets(self, shape, data: Data) -> list:
        out: dict = {}
        for c in self.shapes.objects(shape, SH.targetClass):
            out.update(dict.fromkeys(data.instances(str(c))))
        for n in self.shapes.objects(shape, SH.targetNode):
            out[_to_ox(n)] = None
        for p in self.shapes.objects(shape, SH.targetSubjectsOf):
            out.update(dict.fromkeys(data.subjects_of(str(p))))
        for p in self.shapes.objects(shape, SH.targetObjectsOf):
            out.update(dict.fromkeys(data.objects_of(str(p))))
        return list(out)

    def _compile(self, shape) -> Compiled:
        """The shape read once from the shapes graph: rdflib lookups are slow in a loop."""
        c = self._compiled.get(shape)
        if c is not None:
            return c
        g = self.shapes
        path = self._path(shape)
        c = Compiled(
            path=path,
            path_name=(_short(path[0]) if not path[1] else f"^{_short(path[0])}") if path else None,
            severity=self._severity(shape),
            message=str(g.value(shape, SH.message) or ""),
            deactivated=g.value(shape, SH.deactivated) == Literal(True),
            properties=sorted(g.objects(shape, SH.property), key=str),
            sparql=sorted(g.objects(shape, SH.sparql), key=str),
        )
        self._compiled[shape] = c
        for p, o in sorted(g.predicate_objects(shape), key=lambda po: (str(po[0]), str(po[1]))):
            name = str(p)[len(str(SH)):] if str(p).startswith(str(SH)) else ""
            if name in ("class", "datatype", "nodeKind", "lessThan", "lessThanOrEquals", "equals", "disjoint"):
                value: object = str(o)
            elif name in ("minCount", "maxCount", "minLength", "maxLength"):
                value = int(o)
            elif name == "in":
                value = {_to_ox(x) for x in Collection(g, o)}
            elif name in ("hasValue", "minInclusive", "maxInclusive", "minExclusive", "maxExclusive"):
                value = _to_ox(o)
            elif name == "languageIn":
                value = [str(x).lower() for x in Collection(g, o)]
            elif name == "pattern":
                flags = str(g.value(shape, SH.flags) or "")
                value = re.compile(str(o), (re.I if "i" in flags else 0) | (re.S if "s" in flags else 0)
                                   | (re.M if "m" in flags else 0) | (re.X if "x" in flags else 0))
            elif name in ("node", "not"):
                value = o
            elif name in ("and", "or", "xone"):
                value = list(Collection(g, o))
            else:
                continue
            c.constraints.append((name, value))
        return c

    def _shape(self, shape, focus_nodes: list, data: Data, store: ox.Store | None) -> list[Result]:
        """Results of `shape` on each focus node (a node shape, or a property shape)."""
        out: list[Result] = []
        c = self._compile(shape)
        path = c.path
        for f in focus_nodes:
            values = data.values(f, path[0], path[1]) if path else [f]
            for component, value in self._constraints(c, f, values, data, path is not None):
                out.append(Result(f, shape, component, c.severity, c.message, c.path_name, value))
        for prop in c.properties:
            if self._compile(prop).deactivated:
                continue
            if path:  # a property shape's property shapes apply to its values
                inner = [v for f in focus_nodes for v in data.values(f, path[0], path[1])]
                out += self._shape(prop, list(dict.fromkeys(inner)), data, store)
            else:
                out += self._shape(prop, focus_nodes, data, store)
        if store is not None:
            for sparql in c.sparql:
                out += self._sparql(shape, sparql, focus_nodes, store, c.severity, c.path_name, data)
        return out

    def _constraints(self, c: Compiled, f, values: list, data: Data, is_property: bool):
        """(component, value) for every value that breaks a constraint of the shape."""
        for name, o in c.constraints:
            if name == "class":
                for v in values:
                    if not data.is_instance(v, o):
                        yield "ClassConstraintComponent", v
            elif name == "datatype":
                for v in values:
                    if not _has_datatype(v, o):
                        yield "DatatypeConstraintComponent", v
            elif name == "nodeKind":
                for v in values:
                    if not _node_kind(v, o):
                        yield "NodeKindConstraintComponent", v
            elif name == "minCount" and is_property:
                if len(values) < o:
                    yield "MinCountConstraintComponent", None
            elif name == "maxCount" and is_property:
                if len(values) > o:
                    yield "MaxCountConstraintComponent", None
            elif name == "in":
                for v in values:
                    if v not in o:
                        yield "InConstraintComponent", v
            elif name == "hasValue":
                if o not in values:
                    yield "HasValueConstraintComponent", None
            elif name == "languageIn":
                for v in values:
                    lang = v.language.lower() if isinstance(v, ox.Literal) and v.language else None
                    if not lang or not any(lang == x or lang.startswith(x + "-") or x == "*" for x in o):
                        yield "LanguageInConstraintComponent", v
            elif name == "pattern":
                for v in values:
                    if isinstance(v, ox.BlankNode) or not o.search(v.value):
                        yield "PatternConstraintComponent", v
            elif name in ("minLength", "maxLength"):
                for v in values:
                    n = None if isinstance(v, ox.BlankNode) else len(v.value)
                    if n is None or (n < o if name == "minLength" else n > o):
                        yield f"{name[0].upper()}{name[1:]}ConstraintComponent", v
            elif name in ("minInclusive", "maxInclusive", "minExclusive", "maxExclusive"):
                ok = {"minInclusive": (0, 1), "maxInclusive": (-1, 0), "minExclusive": (1,),
                      "maxExclusive": (-1,)}[name]
                for v in values:
                    if _compare(v, o) not in ok:
                        yield f"{name[0].upper()}{name[1:]}ConstraintComponent", v
            elif name in ("lessThan", "lessThanOrEquals") and is_property:
                others = data.values(f, o)
                ok = (-1,) if name == "lessThan" else (-1, 0)
                for v in values:
                    for w in others:
                        if _compare(v, w) not in ok:
                            yield f"{name[0].upper()}{name[1:]}ConstraintComponent", v
            elif name == "equals":
                others = data.values(f, o)
                for v in set(values) ^ set(others):
                    yield "EqualsConstraintComponent", v
            elif name == "disjoint":
                others = set(data.values(f, o))
                for v in values:
                    if v in others:
                        yield "DisjointConstraintComponent", v
            elif name == "node":
                for v in values:
                    if not self.conforms(v, o, data):
                        yield "NodeConstraintComponent", v
            elif name == "not":
                for v in values:
                    if self.conforms(v, o, data):
                        yield "NotConstraintComponent", v
            elif name in ("and", "or", "xone"):
                for v in values:
                    n = sum(1 for m in o if self.conforms(v, m, data))
                    if (name == "and" and n < len(o)) or (name == "or" and n == 0) or \
                            (name == "xone" and n != 1):
                        yield f"{name[0].upper()}{name[1:]}ConstraintComponent", v

    def conforms(self, node, shape, data: Data) -> bool:
        """Whether a value node conforms to a (nested) shape: no result at all."""
        key = (node, shape)
        known = self._conforms.get(key)
        if known is None:
            c = self._compile(shape)
            known = c.deactivated or (not self._shape(shape, [node], data, None) and not c.sparql)
            self._conforms[key] = known
        return known

    def _sparql(self, shape, constraint, focus_nodes: list, store: ox.Store, severity: str,
                path_name: str | None, data: Data) -> list[Result]:
        """A SELECT constraint, run once: $this is bound by joining the shape's targets in."""
        if self.shapes.value(constraint, SH.deactivated) == Literal(True):
            return []
        select = str(self.shapes.value(constraint, SH.select))
        message = str(self.shapes.value(constraint, SH.message) or self.shapes.value(shape, SH.message) or "")
        focus = set(focus_nodes)
        targets = self._target_pattern(shape, data)
        where = re.search(r"\bWHERE\s*\{", select, re.I)
        if where is None or targets is None:
            raise UnsupportedShape(f"shape {shape}: this sh:select cannot be run once over the graph")
        text = select[:where.end()] + f" {{ {targets} }} " + select[where.end():]
        text = self.prefixes + "\n" + text.replace("$this", "?this")
        out = []
        seen = set()
        rows = store.query(text, use_default_graph_as_union=True)
        has_value = "value" in [v.value for v in rows.variables]
        for row in rows:
            this = row["this"]
            if this not in focus:
                continue
            value = row["value"] if has_value else None
            key = (this, value)
            if key in seen:
                continue
            seen.add(key)
            out.append(Result(this, shape, "SPARQLConstraintComponent", severity, message, path_name,
                              value if value is not None else this))
        return out

    def _target_pattern(self, shape, data: Data) -> str | None:
        parts = []
        for c in self.shapes.objects(shape, SH.targetClass):
            # the class and its subclasses, listed: a subClassOf* path from every node is slow
            classes = " ".join(f"<{x}>" for x in sorted(data.subclasses(str(c))))
            parts.append(f"VALUES ?__target_c {{ {classes} }} ?this <{RDF.type}> ?__target_c .")
        for p in self.shapes.objects(shape, SH.targetSubjectsOf):
            parts.append(f"?this <{p}> ?__target_o .")
        for p in self.shapes.objects(shape, SH.targetObjectsOf):
            parts.append(f"?__target_s <{p}> ?this .")
        for n in self.shapes.objects(shape, SH.targetNode):
            parts.append(f"VALUES ?this {{ {_to_ox(n)} }}")
        if not parts:
            return None
        return " UNION ".join(f"{{ {p} }}" for p in parts)


def _has_datatype(v, datatype: str) -> bool:
    if not isinstance(v, ox.Literal):
        return False
    actual = RDF_LANGSTRING if v.language else v.datatype.value
    if actual != datatype:
        return False
    rx = LEXICAL.get(datatype)
    return rx is None or bool(rx.match(v.value))


def _node_kind(v, kind: str) -> bool:
    kind = kind.rsplit("#", 1)[-1]
    is_iri, is_blank, is_lit = isinstance(v, ox.NamedNode), isinstance(v, ox.BlankNode), isinstance(v, ox.Literal)
    return {"IRI": is_iri, "BlankNode": is_blank, "Literal": is_lit, "BlankNodeOrIRI": is_iri or is_blank,
            "BlankNodeOrLiteral": is_blank or is_lit, "IRIOrLiteral": is_iri or is_lit}.get(kind, False)


def _short(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and re.fullmatch(r"[A-Za-z_][\w\-]*", iri[len(ns):]):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def validate_store(store: ox.Store, shapes: Graph) -> list[Result]:
    return Validator(shapes).validate(store)
