"""The SHACL core constraint components: a test of one value, or a function of all the values.

Takes a compiled constraint (its name and value), a focus node, the focus node's value nodes,
the `Data` graph and a `conforms(node, shape)` test for the shape-based components (node, not,
and, or, xone); gives (component, value) for every value that breaks the constraint, value
None where the component reports the focus node alone (minCount, maxCount, hasValue).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pyoxigraph as ox

from .data import Data
from .terms import compare, has_datatype, node_kind

Conforms = Callable[[object, object], bool]
Found = Iterator[tuple[str, object]]


def _component(name: str) -> str:
    return f"{name[0].upper()}{name[1:]}ConstraintComponent"


def _bad_language(name, o, v, data: Data, conforms: Conforms) -> bool:
    lang = v.language.lower() if isinstance(v, ox.Literal) and v.language else None
    return not lang or not any(lang == x or lang.startswith(x + "-") or x == "*" for x in o)


def _bad_length(name, o, v, data: Data, conforms: Conforms) -> bool:
    n = None if isinstance(v, ox.BlankNode) else len(v.value)
    return n is None or (n < o if name == "minLength" else n > o)


_RANGE_OK = {"minInclusive": (0, 1), "maxInclusive": (-1, 0), "minExclusive": (1,), "maxExclusive": (-1,)}


def _bad_logical(name, o, v, data: Data, conforms: Conforms) -> bool:
    n = sum(1 for m in o if conforms(v, m))
    return (name == "and" and n < len(o)) or (name == "or" and n == 0) or (name == "xone" and n != 1)


# components that judge each value on its own: name → is the value bad?
BAD_VALUE: dict[str, Callable[..., bool]] = {
    "class": lambda name, o, v, data, conforms: not data.is_instance(v, o),
    "datatype": lambda name, o, v, data, conforms: not has_datatype(v, o),
    "nodeKind": lambda name, o, v, data, conforms: not node_kind(v, o),
    "in": lambda name, o, v, data, conforms: v not in o,
    "languageIn": _bad_language,
    "pattern": lambda name, o, v, data, conforms: isinstance(v, ox.BlankNode) or not o.search(v.value),
    "minLength": _bad_length, "maxLength": _bad_length,
    **{r: lambda name, o, v, data, conforms: compare(v, o) not in _RANGE_OK[name] for r in _RANGE_OK},
    "node": lambda name, o, v, data, conforms: not conforms(v, o),
    "not": lambda name, o, v, data, conforms: conforms(v, o),
    "and": _bad_logical, "or": _bad_logical, "xone": _bad_logical,
}


def _each_value(name, o, f, values, data: Data, conforms: Conforms) -> Found:
    bad = BAD_VALUE[name]
    for v in values:
        if bad(name, o, v, data, conforms):
            yield _component(name), v


def _count(name, o, f, values, data: Data, conforms: Conforms) -> Found:
    if len(values) < o if name == "minCount" else len(values) > o:
        yield _component(name), None


def _has_value(name, o, f, values, data: Data, conforms: Conforms) -> Found:
    if o not in values:
        yield "HasValueConstraintComponent", None


def _less_than(name, o, f, values, data: Data, conforms: Conforms) -> Found:
    others = data.values(f, o)
    ok = (-1,) if name == "lessThan" else (-1, 0)
    for v in values:
        for w in others:
            if compare(v, w) not in ok:
                yield _component(name), v


def _equals(name, o, f, values, data: Data, conforms: Conforms) -> Found:
    others = data.values(f, o)
    for v in set(values) ^ set(others):
        yield "EqualsConstraintComponent", v


def _disjoint(name, o, f, values, data: Data, conforms: Conforms) -> Found:
    others = set(data.values(f, o))
    for v in values:
        if v in others:
            yield "DisjointConstraintComponent", v


# name → (check, only on property shapes)
COMPONENTS: dict[str, tuple[Callable[..., Found], bool]] = {
    **{name: (_each_value, False) for name in BAD_VALUE},
    "minCount": (_count, True), "maxCount": (_count, True), "hasValue": (_has_value, False),
    "lessThan": (_less_than, True), "lessThanOrEquals": (_less_than, True),
    "equals": (_equals, False), "disjoint": (_disjoint, False),
}


def violations(constraints: list, f, values: list, data: Data, is_property: bool, conforms: Conforms) -> Found:
    """(component, value) for every value that breaks a constraint of the shape, constraint by
    constraint in the shape's order."""
    for name, o in constraints:
        check, property_only = COMPONENTS.get(name, (None, False))
        if check is None or (property_only and not is_property):
            continue
        yield from check(name, o, f, values, data, conforms)
