"""Relations written into a name: the parent's name at the start of the child's.

Takes a sentence's mentions and the document's candidates that may name a parent (indexed by
start); gives affiliatedWith (浙江大学滨江研究院 → 浙江大学) and partOf (杭州高新区（滨江）物联网产业园
→ 杭州高新区（滨江）) facts, and records each parent named inside a longer name in `doc.nested`.
"""

from __future__ import annotations

from ...document import Document, Mention, RelationFact, Sentence

PARENT_CLASSES = frozenset({"University", "Lab", "Enterprise", "Park"})  # what a name can start with
NAMED_INSIDE = {"Project": "Enterprise", "GovernmentBody": "Park"}  # a child class -> the class it may start with


def parent_index(doc: Document) -> dict[int, list[Mention]]:
    """The candidates that may name a parent, by start."""
    parents: dict[int, list[Mention]] = {}
    for c in doc.candidates:
        if c.cls in PARENT_CLASSES:
            parents.setdefault(c.start, []).append(c)
    return parents


def structure_facts(doc: Document, parents: dict[int, list[Mention]], inside: list[Mention],
                    sent: Sentence) -> list[RelationFact]:
    out = []
    for m in inside:
        if m.cls in NAMED_INSIDE and not m.is_reference:
            _record_inner_name(doc, parents, m)
        if m.cls not in ("Lab", "Park") or m.is_reference:
            continue
        best = None
        for c in parents.get(m.start, ()):
            if c.end < m.end and (best is None or c.end > best.end):
                best = c
        if best is None or _bracketed_rest(doc.text[best.end:m.end]):
            continue
        if best not in doc.nested:
            doc.nested.append(best)
        if m.cls == "Lab" and best.cls in ("University", "Lab", "Enterprise"):
            out.append(RelationFact(m, "affiliatedWith", best, sent, "structure:affiliatedWith/name-contains", 0.85))
        elif m.cls == "Park" and best.cls == "Park":
            out.append(RelationFact(m, "partOf", best, sent, "structure:partOf/name-contains", 0.85))
    return out


def _record_inner_name(doc: Document, parents: dict[int, list[Mention]], m: Mention) -> None:
    """青禾|高端喷墨项目, 青川高新技术产业开发区|管理委员会: the name a project or a committee
    starts with is an entity of its own (no relation is written: the contract has none for it)."""
    wanted = NAMED_INSIDE[m.cls]
    inner = [c for c in parents.get(m.start, ()) if c.end < m.end and c.cls == wanted]
    if inner:
        best = max(inner, key=lambda c: c.end)
        if best not in doc.nested and not _bracketed_rest(doc.text[best.end:m.end]) \
                and not best.text.startswith("中共"):  # 中共X工作委员会: the party's, not a park's name
            doc.nested.append(best)


def _bracketed_rest(rest: str) -> bool:
    """青川高新区（东湖区）: a bracket after the name is another name of the same park."""
    return rest.startswith(("（", "(")) and rest.endswith(("）", ")"))
