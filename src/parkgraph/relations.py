"""Stage 5: extract relations between the mentions of one document.

Takes a `Document` with sentences and mentions (keys not needed yet) and the `Resources`;
gives `doc.relations`: `RelationFact`s whose subject and object are still `Mention`s (the
pipeline maps them to entity keys after resolution), each with the sentence, the pattern id
and a confidence.

Three sources:
- patterns from `data/patterns/relations.jsonl`, matched on the masked sentence in which
  every mention is replaced by ⟦index:Class⟧;
- name structure: 浙江大学滨江研究院 contains 浙江大学 (affiliatedWith), 杭州高新区（滨江）物联网产业园
  contains 杭州高新区（滨江） (partOf);
- persons introduced with a title: 易思维（杭州）科技有限公司创始人兼CEO郭寅 → worksFor, with the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Document, Mention, RelationFact, Sentence
from .observations import in_aside
from .resources import Resources

ORG = ["Park", "Lab", "Enterprise", "University", "GovernmentBody", "Organization", "Fund"]
PARENT_CLASSES = frozenset({"University", "Lab", "Enterprise", "Park"})  # what a name can start with
GROUPS = {"ANY": None, "ORG": ORG, "AGENT": ORG + ["Place"]}
SLOT = re.compile(r"\{(s|o)(\*?):([A-Za-z|]+)\}|\{year\}|\{gap(\d*)\}|\{skip(\d+)\}")
MENTION = re.compile(r"⟦(\d+):[A-Za-z]+⟧")


@dataclass
class CompiledPattern:
    id: str
    relation: str
    regex: re.Pattern
    confidence: float
    topic_subject: bool
    swap: bool = False
    # the classes each mention slot accepts (None: any); a sentence without a mention of one of
    # them for every slot cannot match, and is not tried
    needs: tuple[frozenset[str] | None, ...] = ()

    def may_match(self, present: frozenset[str]) -> bool:
        return all(not present.isdisjoint(c) if c is not None else bool(present) for c in self.needs)


def _classes(spec: str) -> list[str] | None:
    """The classes a slot's spec names (ORG|Place …); None for ANY."""
    classes: list[str] = []
    for part in spec.split("|"):
        if part in GROUPS:
            if GROUPS[part] is None:
                return None
            classes += GROUPS[part]
        else:
            classes.append(part)
    return classes


def _class_alt(spec: str) -> str:
    classes = _classes(spec)
    return "[A-Za-z]+" if classes is None else "(?:" + "|".join(classes) + ")"


def compile_pattern(row: dict) -> CompiledPattern:
    def repl(m: re.Match) -> str:
        if m.group(0) == "{year}":
            return r"(?P<year>(?:19|20)\d\d)"
        if m.group(5) is not None:  # {skipN}: any text and mentions, within the clause sequence
            return rf"[^。；]{{0,{m.group(5)}}}?"
        if m.group(4) is not None:
            # a gap: text, or mentions of a class that cannot compete for the subject slot
            n = int(m.group(4) or 12)
            return rf"(?:[^⟦。；]|⟦\d+:(?!{subject_classes})[A-Za-z]+⟧){{0,{n}}}?"
        role, many, spec = m.group(1), m.group(2), m.group(3)
        one = rf"⟦\d+:{_class_alt(spec)}⟧"
        if many:
            # A、B和C等 / “A”“B” / A、非实体项、B: a list of mentions with short non-names between
            sep = r"(?:(?:、|和|与|及|以及)(?:[^⟦，。；、]{1,10}、)?[^⟦，。；、]{0,8}?|)"
            return rf"(?P<{role}>{one}(?:{sep}{one})*)(?:等)?"
        return rf"(?P<{role}>{one})"

    spec = re.search(r"\{s\*?:([A-Za-z|]+)\}", row["pattern"])
    subject_classes = _class_alt(spec.group(1)) if spec else "(?:Park|GovernmentBody)"
    if subject_classes == "[A-Za-z]+":
        subject_classes = "(?:" + "|".join(ORG + ["Place", "Person", "Project"]) + ")"
    subject_classes += "⟧"
    needs = []
    for m in SLOT.finditer(row["pattern"]):
        if m.group(1):
            classes = _classes(m.group(3))
            needs.append(None if classes is None else frozenset(classes))
    return CompiledPattern(row["id"], row["relation"], re.compile(SLOT.sub(repl, row["pattern"])),
                           float(row.get("confidence", 0.7)), row.get("subject") == "topic", needs=tuple(needs))


class RelationExtractor:
    def __init__(self, res: Resources):
        self.res = res
        self.patterns = [compile_pattern(r) for r in res.relation_patterns]
        self._tried: dict[frozenset[str], list[CompiledPattern]] = {}  # classes present -> patterns

    def patterns_for(self, present: frozenset[str]) -> list[CompiledPattern]:
        """The patterns that may match a sentence with mentions of these classes (in order)."""
        tried = self._tried.get(present)
        if tried is None:
            tried = self._tried[present] = [p for p in self.patterns if p.may_match(present)]
        return tried

    def extract(self, doc: Document) -> Document:
        facts: list[RelationFact] = []
        mentions = sorted(doc.mentions, key=lambda m: m.start)
        topic: Mention | None = None
        parents: dict[int, list[Mention]] = {}  # the candidates that may name a parent, by start
        for c in doc.candidates:
            if c.cls in PARENT_CLASSES:
                parents.setdefault(c.start, []).append(c)
        mi = 0
        for sent in doc.sentences:
            while mi < len(mentions) and mentions[mi].end <= sent.start:
                mi += 1
            inside = []
            j = mi
            while j < len(mentions) and mentions[j].start < sent.end:
                if mentions[j].end <= sent.end:
                    inside.append(mentions[j])
                j += 1
            parks = [m for m in inside if m.cls == "Park" and not in_aside(doc.text, sent.start, m.start)]
            sentence_topic = parks[0] if parks else topic
            masked = self._mask(doc.text, sent, inside)
            for p in self.patterns_for(frozenset(m.cls for m in inside)):
                for m in p.regex.finditer(masked):
                    facts += self._facts(p, m, inside, sent, sentence_topic)
            facts += self._person_facts(inside, sent)
            facts += self._structure_facts(doc, parents, inside, sent)
            if parks:
                topic = parks[-1]
            elif topic is None:
                places = [m for m in inside if m.cls in ("Place", "GovernmentBody")]
                topic = places[-1] if places else None
        doc.relations = facts
        return doc

    @staticmethod
    def _mask(text: str, sent: Sentence, inside: list[Mention]) -> str:
        out = []
        pos = sent.start
        for i, m in enumerate(inside):
            out.append(text[pos:m.start])
            out.append(f"⟦{i}:{m.cls}⟧")
            pos = m.end
        out.append(text[pos:sent.end])
        return "".join(out)

    def _facts(self, p: CompiledPattern, m: re.Match, inside: list[Mention], sent: Sentence,
               topic: Mention | None) -> list[RelationFact]:
        groups = m.groupdict()
        objs = [inside[int(i)] for i in MENTION.findall(groups.get("o") or "")]
        if p.topic_subject:
            subjects = [topic] if topic is not None else []
        else:
            subjects = [inside[int(i)] for i in MENTION.findall(groups.get("s") or "")]
        out = []
        for s in subjects:
            if p.relation == "foundingYear":
                out.append(RelationFact(s, "foundingYear", groups["year"], sent, f"pattern:{p.id}",
                                        p.confidence, literal=True))
                continue
            if p.relation in ("establishedBy", "ledBy") and len(objs) > 1:
                # 由A与B联合共建: the co-founders cooperate
                for a, b in zip(objs, objs[1:], strict=False):
                    out.append(RelationFact(a, "cooperatesWith", b, sent, f"pattern:{p.id}+co-founders",
                                            p.confidence * 0.75))
            for o in objs:
                if o is s or (o.start == s.start and o.end == s.end):
                    continue
                out.append(RelationFact(s, p.relation, o, sent, f"pattern:{p.id}", p.confidence,
                                        title=groups.get("title")))
                if p.relation == "locatedIn" and s.cls == "Park" and o.cls == "Park":
                    out.append(RelationFact(s, "partOf", o, sent, f"pattern:{p.id}+park-in-park",
                                            p.confidence * 0.9))
        return out

    @staticmethod
    def _person_facts(inside: list[Mention], sent: Sentence) -> list[RelationFact]:
        out = []
        for m in inside:
            if m.cls != "Person":
                continue
            for org in m.org_spans:
                target = next((k for k in inside if k.start <= org.start and org.end <= k.end
                               and k.cls != "Person"), org)
                out.append(RelationFact(m, "worksFor", target, sent, "pattern:worksFor/组织+职务+姓名", 0.85,
                                        title=m.title))
        return out

    @staticmethod
    def _structure_facts(doc: Document, parents: dict[int, list[Mention]], inside: list[Mention],
                         sent: Sentence) -> list[RelationFact]:
        """Relations written into a name: the parent's name at the start of the child's."""
        out = []
        for m in inside:
            if m.cls not in ("Lab", "Park") or m.is_reference:
                continue
            best = None
            for c in parents.get(m.start, ()):
                if c.end < m.end and (best is None or c.end > best.end):
                    best = c
            if best is None:
                continue
            if best not in doc.nested:
                doc.nested.append(best)
            if m.cls == "Lab" and best.cls in ("University", "Lab", "Enterprise"):
                out.append(RelationFact(m, "affiliatedWith", best, sent, "structure:affiliatedWith/name-contains",
                                        0.85))
            elif m.cls == "Park" and best.cls == "Park":
                out.append(RelationFact(m, "partOf", best, sent, "structure:partOf/name-contains", 0.85))
        return out


def extract_relations(doc: Document, res: Resources) -> Document:
    return RelationExtractor(res).extract(doc)
