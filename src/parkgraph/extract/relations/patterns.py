"""Relation patterns: rows of `data/patterns/relations.jsonl` compiled to regexes over a masked sentence.

Takes the pattern rows (dicts); gives `CompiledPattern`s and `mask`, which writes a sentence
with every mention replaced by ⟦index:Class⟧. Slots: {s:Classes} / {o:Classes} one mention;
{s*:…} / {o*:…} an enumeration (A、B和C等, “A”“B”, a short non-name between two names); {year};
{gapN} up to N characters with no clause end and no mention that could compete for the subject;
{skipN} up to N characters crossing anything within the clause sequence.
{o+:…} a list of co-agents, also joined by 联合/携手/会同 (由A联合B共同打造).
A row with "subject": "topic" takes its subject from the {s} slot when the slot matched, else
from the park the story is about (a subject Chinese news often leaves out: 引进了A、B); with
"object": "topic" the same holds for the object ({o} slot, else that park: A、B等园区企业).
Cue words shared by several rows are defined once, by a row {"define": "NAME", "words": […]}
(or "file": a word list under data/patterns, with "kind" for a kind<TAB>word file), and used
as {NAME}; a definition may use earlier ones.
A Place slot takes the last of adjacent places (位于浙江省嘉兴市: 嘉兴市).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ...document import Mention, Sentence

ORG = ["Park", "Lab", "Enterprise", "University", "GovernmentBody", "Organization", "Fund"]
GROUPS = {"ANY": None, "ORG": ORG, "AGENT": ORG + ["Place"],
          "MEMBER": ["Enterprise", "Lab", "Organization", "Project", "University", "Fund"]}
SLOT = re.compile(r"\{(s|o)([*+]?):([A-Za-z|]+)\}|\{year\}|\{gap(\d*)\}|\{skip(\d+)\}")
MACRO = re.compile(r"\{([A-Z][A-Z_]*)\}")
MENTION = re.compile(r"⟦(\d+):[A-Za-z]+⟧")
# between two members of an enumeration: 、 和 与 及, optionally a short non-name item (A、非实体项、B)
# (A总部和B: a short word after a member; A、新疆首家B: a place among the words before one)
LIST_SEP = (r"(?:[^⟦，。；、和与及等]{0,3}?(?:、|和|与|及|以及)(?:[^⟦，。；、]{1,10}、)?"
            r"(?:[^⟦，。；、]|⟦\d+:Place⟧){0,8}?|)")
# between co-agents: a list separator, or 联合/携手/会同 (A联合B共同打造; 由A携手B发起)
AGENT_SEP = r"(?:(?:联合|携手|会同|联手)|" + LIST_SEP[3:]


@dataclass
class CompiledPattern:
    id: str
    relation: str
    regex: re.Pattern
    confidence: float
    topic_subject: bool
    topic_object: bool = False
    slot_classes: dict[str, frozenset[str] | None] | None = None  # what each slot may hold
    # the classes each mention slot accepts (None: any); a sentence without a mention of one of
    # them for every required slot cannot match, and is not tried
    needs: tuple[frozenset[str] | None, ...] = ()

    def may_match(self, present: frozenset[str]) -> bool:
        return all(not present.isdisjoint(c) if c is not None else bool(present) for c in self.needs)


def classes_of(spec: str) -> list[str] | None:
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
    classes = classes_of(spec)
    return "[A-Za-z]+" if classes is None else "(?:" + "|".join(classes) + ")"


def macros_of(rows: list[dict], data_dir: Path | str | None = None) -> dict[str, str]:
    """The {NAME} definitions among the rows, each an alternation of its words (longest first)."""
    out: dict[str, str] = {}
    for row in rows:
        if "define" not in row:
            continue
        words = list(row.get("words", ()))
        if "file" in row and data_dir is not None:
            words += _file_words(Path(data_dir) / "patterns" / row["file"], row.get("kind"))
        alt = "|".join(sorted({expand(w, out) for w in words}, key=len, reverse=True))
        out[row["define"]] = f"(?:{alt})"
    return out


def _file_words(path: Path, kind: str | None) -> list[str]:
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if kind is not None:
            k, _, line = line.partition("\t")
            if k.strip() != kind:
                continue
        words.append(re.escape(line.strip()))
    return words


def expand(pattern: str, macros: dict[str, str]) -> str:
    """The pattern with every {NAME} replaced by its definition."""
    def repl(m: re.Match) -> str:
        if m.group(1) not in macros:
            raise KeyError(m.group(1))
        return macros[m.group(1)]
    return MACRO.sub(repl, pattern)


def compile_pattern(row: dict, macros: dict[str, str] | None = None) -> CompiledPattern:
    try:
        row = {**row, "pattern": expand(row["pattern"], macros or {})}
    except KeyError as e:
        raise ValueError(f"relation pattern {row['id']!r}: no definition of {{{e.args[0]}}}") from None
    topic = row.get("subject") == "topic"
    topic_object = row.get("object") == "topic"
    optional = "o" if topic_object else "s" if topic else None

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
            sep = AGENT_SEP if many == "+" else LIST_SEP
            return rf"(?P<{role}>{one}(?:{sep}{one})*)(?:等)?"
        return rf"(?P<{role}>{one})"

    spec = re.search(r"\{" + ("o" if topic_object else "s") + r"[*+]?:([A-Za-z|]+)\}", row["pattern"])
    subject_classes = _class_alt(spec.group(1)) if spec else "(?:Park|GovernmentBody)"
    if subject_classes == "[A-Za-z]+":
        subject_classes = "(?:" + "|".join(ORG + ["Place", "Person", "Project"]) + ")"
    subject_classes += "⟧"
    needs = []
    slots: dict[str, frozenset[str] | None] = {}
    for m in SLOT.finditer(row["pattern"]):
        if m.group(1):
            classes = classes_of(m.group(3))
            slots[m.group(1)] = None if classes is None else frozenset(classes)
        # a topic pattern's optional slot does not make the sentence a candidate
        if m.group(1) and m.group(1) != optional:
            classes = classes_of(m.group(3))
            needs.append(None if classes is None else frozenset(classes))
    try:
        regex = re.compile(SLOT.sub(repl, row["pattern"]))
    except re.error as e:
        raise ValueError(f"relation pattern {row['id']!r}: {e}") from None
    return CompiledPattern(row["id"], row["relation"], regex,
                           float(row.get("confidence", 0.7)), topic, topic_object, slots, tuple(needs))


def mask(text: str, sent: Sentence, inside: list[Mention]) -> str:
    """The sentence with the i-th mention of `inside` (sorted, not overlapping) written ⟦i:Class⟧."""
    out = []
    pos = sent.start
    for i, m in enumerate(inside):
        out.append(text[pos:m.start])
        out.append(f"⟦{i}:{m.cls}⟧")
        pos = m.end
    out.append(text[pos:sent.end])
    return "".join(out)


def slot_mentions(group: str | None, inside: list[Mention], classes: frozenset[str] | None) -> list[Mention]:
    """The mentions of the slot's classes a matched slot holds, in order (not the words between);
    a place followed right away by another stands for the last of them (浙江省|嘉兴市)."""
    found = []
    for i in map(int, MENTION.findall(group or "")):
        while inside[i].cls == "Place" and i + 1 < len(inside) and inside[i + 1].cls == "Place" \
                and inside[i + 1].start == inside[i].end:
            i += 1
        if not found or found[-1] is not inside[i]:
            found.append(inside[i])
    return found if classes is None else [m for m in found if m.cls in classes]
