"""The SHACL validation loop on Oxigraph.

Takes a shapes graph (rdflib) and an `ox.Store`; gives the `Result`s of every active shape on
its focus nodes: the constraint components (`components`) on each focus node's values, nested
property shapes on those values, and each sh:sparql SELECT constraint run once over the store
with the shape's targets joined in as a pattern.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.namespace import RDF

from .components import violations
from .data import Data
from .shapes import Compiled, Shapes
from .terms import SH, Result, UnsupportedShape, to_ox


class Validator:
    def __init__(self, shapes: Graph):
        self.shapes = shapes
        self.compiled = Shapes(shapes)
        self.prefixes = self.compiled.prefixes
        self._conforms: dict = {}

    def _compile(self, shape) -> Compiled:
        return self.compiled.compile(shape)

    def validate(self, store: ox.Store) -> list[Result]:
        data = Data(store)
        results: list[Result] = []
        self._conforms = {}
        for shape in self.compiled.all_shapes():
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
            out[to_ox(n)] = None
        for p in self.shapes.objects(shape, SH.targetSubjectsOf):
            out.update(dict.fromkeys(data.subjects_of(str(p))))
        for p in self.shapes.objects(shape, SH.targetObjectsOf):
            out.update(dict.fromkeys(data.objects_of(str(p))))
        return list(out)

    def _shape(self, shape, focus_nodes: list, data: Data, store: ox.Store | None) -> list[Result]:
        """Results of `shape` on each focus node (a node shape, or a property shape)."""
        out: list[Result] = []
        c = self._compile(shape)
        path = c.path

        def conforms(node, nested) -> bool:
            return self.conforms(node, nested, data)

        for f in focus_nodes:
            values = data.values(f, path[0], path[1]) if path else [f]
            for component, value in violations(c.constraints, f, values, data, path is not None, conforms):
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
            parts.append(f"VALUES ?this {{ {to_ox(n)} }}")
        if not parts:
            return None
        return " UNION ".join(f"{{ {p} }}" for p in parts)


def validate_store(store: ox.Store, shapes: Graph) -> list[Result]:
    return Validator(shapes).validate(store)
