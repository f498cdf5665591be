"""The data graph of a SHACL run: the union of an Oxigraph store's graphs.

Takes an `ox.Store`; gives, per predicate read once into dictionaries, the values of a node
(forward or inverse), the subjects and objects of a predicate, and the classes of a node and
the instances of a class through rdfs:subClassOf.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from .terms import RDF_TYPE, SUBCLASS_OF


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
