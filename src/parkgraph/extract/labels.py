"""Labels and keys of entities: the comparison form of a label, its display form, the class slugs
and the stable IRI key (a hash of class and canonical label).

Takes strings; gives strings. Shared by resolution, the graph writer, validation and evaluation.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

CLASS_SLUG = {
    "Park": "park", "Lab": "lab", "Enterprise": "ent", "University": "uni", "GovernmentBody": "gov",
    "Organization": "org", "Fund": "fund", "Policy": "policy", "Person": "person", "Place": "place",
    "Industry": "industry", "Award": "award", "Event": "event", "Project": "project",
}
QUOTES = re.compile(r"[\s“”‘’\"'「」『』《》〈〉]")
DISPLAY_QUOTES = re.compile(r"[“”‘’\"《》「」]")
CJK_INNER_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def norm_label(s: str) -> str:
    """The comparison form of a label (as the evaluation compares them)."""
    return QUOTES.sub("", unicodedata.normalize("NFKC", s))


def clean_label(s: str) -> str:
    """The display form: no quote marks or 《》, full-width brackets, no inner white space in CJK."""
    s = DISPLAY_QUOTES.sub("", s).strip()
    s = s.replace("(", "（").replace(")", "）")
    return CJK_INNER_SPACE.sub("", s)


SLUG_CLASS = {slug: cls for cls, slug in CLASS_SLUG.items()}


def class_of_key(key: str) -> str | None:
    """The class an entity key was made for (its slug before the hash)."""
    return SLUG_CLASS.get(key.split("-", 1)[0])


def entity_iri_key(cls: str, label: str) -> str:
    digest = hashlib.sha1(f"{cls}|{norm_label(label)}".encode()).hexdigest()[:12]
    return f"{CLASS_SLUG[cls]}-{digest}"


@dataclass
class Entity:
    key: str
    cls: str
    label: str
    aliases: set[str] = field(default_factory=set)
    mention_count: int = 0
    sources: set[str] = field(default_factory=set)
    merge_reasons: set[str] = field(default_factory=set)
    corrections: list[str] = field(default_factory=list)
