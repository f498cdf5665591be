"""Stage 5: extract relations between the mentions of one document.

Takes a `Document` with sentences and mentions (keys not needed yet) and the `Resources`;
gives `doc.relations`: `RelationFact`s whose subject and object are still `Mention`s (the
pipeline maps them to entity keys after resolution), each with the sentence, the pattern id
and a confidence.

Sources, sentence by sentence:
- patterns from `data/patterns/relations.jsonl` (see `patterns`), matched on the masked
  sentence; the words that point at the park in focus (高新区, 园区, 我区 …) are masked as Park
  mentions too, and a pattern whose subject the sentence leaves out takes that park (`focus`);
- persons introduced with their posts (`persons`);
- name structure: a parent's name at the start of the child's (`structure`).
"""

from __future__ import annotations

import re
from itertools import combinations

from ...document import Document, Mention, RelationFact, Sentence
from ...resources import Resources
from ..observations import in_aside
from .focus import focus_park, in_focus, major_parks, park_references, reference_words
from .patterns import CompiledPattern, compile_pattern, macros_of, mask, slot_mentions
from .persons import person_facts, post_regex
from .structure import parent_index, structure_facts


class RelationExtractor:
    def __init__(self, res: Resources):
        self.res = res
        macros = macros_of(res.relation_patterns, res.data_dir)
        self.patterns = [compile_pattern(r, macros) for r in res.relation_patterns if "define" not in r]
        self.pairwise = {r["id"] for r in res.relation_patterns if r.get("pairwise")}
        self._tried: dict[frozenset[str], list[CompiledPattern]] = {}  # classes present -> patterns
        self.ref_words, self.ref_rx = reference_words(str(res.data_dir))
        self.post = post_regex(str(res.data_dir), tuple(res.titles))

    def patterns_for(self, present: frozenset[str]) -> list[CompiledPattern]:
        """The patterns that may match a sentence with mentions of these classes (in order)."""
        tried = self._tried.get(present)
        if tried is None:
            tried = self._tried[present] = [p for p in self.patterns if p.may_match(present)]
        return tried

    def extract(self, doc: Document) -> Document:
        facts: list[RelationFact] = []
        mentions = sorted(doc.mentions, key=lambda m: m.start)
        topic = park = focus_park(mentions, self.ref_words)
        major = major_parks(mentions, topic, self.ref_words)
        parents = parent_index(doc)
        mi = 0
        for sent in doc.sentences:
            while mi < len(mentions) and mentions[mi].end <= sent.start:
                mi += 1
            inside, near = [], []
            j = mi
            while j < len(mentions) and mentions[j].start < sent.end:
                near.append(mentions[j])
                if mentions[j].end <= sent.end:
                    inside.append(mentions[j])
                j += 1
            told = [m for m in inside if m.cls in ("Park", "Place") and m.name in major
                    and not in_aside(doc.text, sent.start, m.start)]
            if told and told[0] is inside[0] and told[0].start - sent.start <= 15:
                topic = told[0]  # the sentence opens with what it is about (近年来，七星区…)
                park = topic if topic.cls == "Park" else park
            refs = park_references(doc.text, sent.start, sent.end, near, park, self.ref_rx)
            every = sorted(inside + refs, key=lambda m: m.start) if refs else inside
            masked = mask(doc.text, sent, every)
            for p in self.patterns_for(frozenset(m.cls for m in every)):
                for m in p.regex.finditer(masked):
                    facts += self._settle(self._facts(p, m, every, sent, topic), park)
            facts += self._settle(person_facts(every, sent, masked, self.post), park)
            facts += structure_facts(doc, parents, inside, sent)
            if told:
                topic = told[-1]
                park = next((m for m in reversed(told) if m.cls == "Park"), park)
        doc.relations = _dedupe(facts)
        return doc

    def _facts(self, p: CompiledPattern, m: re.Match, inside: list[Mention], sent: Sentence,
               topic: Mention | None) -> list[RelationFact]:
        groups = m.groupdict()
        slots = p.slot_classes or {}
        objs = slot_mentions(groups.get("o"), inside, slots.get("o"))
        subjects = slot_mentions(groups.get("s"), inside, slots.get("s"))
        if p.topic_subject and not subjects:
            subjects = [topic] if topic is not None else []
        if p.topic_object and not objs:
            objs = [topic] if topic is not None else []
        out = []
        if p.id in self.pairwise:
            if groups.get("n") and "两三四五".index(groups["n"]) + 2 != len(objs):
                return out  # 三方共同签约 with four names: the names are not the parties
            for a, b in combinations(objs, 2):
                out.append(RelationFact(a, p.relation, b, sent, f"pattern:{p.id}", p.confidence))
            return out
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
                out.append(RelationFact(s, p.relation, o, sent, f"pattern:{p.id}", p.confidence,
                                        title=groups.get("title")))
                if p.relation == "locatedIn" and s.cls == "Park" and o.cls == "Park":
                    out.append(RelationFact(s, "partOf", o, sent, f"pattern:{p.id}+park-in-park",
                                            p.confidence * 0.9))
        return out

    def _settle(self, facts: list[RelationFact], topic: Mention | None) -> list[RelationFact]:
        """Facts on reference words name the park the story is about; no fact relates a mention
        to itself."""
        out = []
        for f in facts:
            f.subject = in_focus(f.subject, topic, self.ref_words)
            if not f.literal:
                f.object = in_focus(f.object, topic, self.ref_words)
                if f.object is f.subject or _same_span(f.subject, f.object):
                    continue
            out.append(f)
        return out


def _dedupe(facts: list[RelationFact]) -> list[RelationFact]:
    """A fact found twice on the same mentions is kept once (the first, most specific pattern)."""
    out, seen = [], set()
    for f in facts:
        key = (_span(f.subject), f.predicate, f.object if f.literal else _span(f.object))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _span(m: Mention) -> tuple[int, int, str]:
    return m.start, m.end, m.name


def _same_span(a: Mention, b: Mention) -> bool:
    return a.start == b.start and a.end == b.end


def extract_relations(doc: Document, res: Resources) -> Document:
    return RelationExtractor(res).extract(doc)
