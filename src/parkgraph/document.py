"""The data model that carries one article through the pipeline.

A `Document` holds the raw text, the normalised text and the map between them; the stages
add `Sentence`s, `Mention`s (spans of normalised text naming something), `RelationFact`s and
`ObservationFact`s. Every span is a pair of character offsets into `Document.text`, so any
fact can be traced back to the sentence (and the raw characters) it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ENTITY_CLASSES = (
    "Park", "Lab", "Enterprise", "University", "GovernmentBody", "Organization", "Fund",
    "Policy", "Person", "Place", "Industry", "Award", "Event", "Project",
)


@dataclass
class Sentence:
    start: int
    end: int
    paragraph: int
    text: str


@dataclass
class Mention:
    """A span of normalised text recognised as naming an entity of `cls`.

    `key` is filled in by resolution: the canonical entity the mention denotes.
    `source` names the rule or lexicon entry that produced it (kept for explanations).
    """

    start: int
    end: int
    text: str
    cls: str
    source: str
    priority: int = 0
    key: str | None = None
    # The surface form to record as an alias; differs from `text` for coordinated names
    # (区块链与数据安全、经血管植入器械两个全国重点实验室 → 经血管植入器械全国重点实验室).
    surface: str | None = None
    # Mentions made by reference (该高新区) count and relate but add no alias.
    is_reference: bool = False
    canonical: str | None = None          # the lexicon label, for lexicon matches
    title: str | None = None              # a person's role title (董事长)
    org_spans: list[Mention] = field(default_factory=list)  # a person's organisations
    refers_to: Mention | None = None      # the antecedent of a reference (该高新区)
    # other forms the text gives of the same name: “青山绿谷”战略 is also 青山绿谷
    extra_forms: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.surface or self.text


@dataclass
class RelationFact:
    subject: Mention | str    # a Mention until resolution, then the entity key
    predicate: str            # contract property local name, e.g. "locatedIn"
    object: Mention | str     # likewise, or a literal string for datatype properties
    sentence: Sentence
    extractor: str
    confidence: float
    literal: bool = False
    title: str | None = None   # a person's role, for worksFor
    # the characters the fact was read from (its mentions in the sentence): evidence quotes a
    # window around them; filled from the mentions when not given
    span: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        if self.span is None:
            self.span = mentions_span(self.sentence, self.subject, self.object)


@dataclass
class ObservationFact:
    entity: Mention | str     # a Mention until resolution, then the entity key
    indicator: str
    value: float
    unit: str
    sentence: Sentence
    extractor: str
    confidence: float
    year: int | None = None
    growth: float | None = None
    raw_value: str = ""
    months: int | None = None  # months covered from January for part of a year (上半年 6)
    # the characters the fact was read from: evidence quotes a window around them; filled with
    # the entity's mention when not given (evidence adds the indicator phrase and figure)
    span: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        if self.span is None:
            self.span = mentions_span(self.sentence, self.entity)


def mentions_span(sentence: Sentence, *mentions: object) -> tuple[int, int] | None:
    """The span from the first to the last of the mentions that lie in the sentence."""
    inside = [m for m in mentions if isinstance(m, Mention) and sentence.start <= m.start and m.end <= sentence.end]
    if not inside:
        return None
    return min(m.start for m in inside), max(m.end for m in inside)


@dataclass
class Document:
    """One input article. `text` is the normalised text; `offsets[i]` is the raw index of text[i]."""

    path: str                 # path relative to the corpus root, as written to pg:sourceFile
    raw: str
    text: str = ""
    offsets: list[int] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    candidates: list[Mention] = field(default_factory=list)
    alias_pairs: list[tuple[str, str, str]] = field(default_factory=list)  # (full, short, class)
    nested: list[Mention] = field(default_factory=list)  # parents named inside a longer name
    short_forms: frozenset[str] = frozenset()  # short names of the legal company names found here
    relations: list[RelationFact] = field(default_factory=list)
    observations: list[ObservationFact] = field(default_factory=list)
    title: str | None = None
    date: str | None = None   # ISO date when the text dates itself
    url: str | None = None
    sha256: str = ""
    # the normalised text before Traditional → Simplified conversion (same length, same offsets);
    # rules read `text`, evidence quotes `original`
    original: str | None = None

    @property
    def display_text(self) -> str:
        return self.original if self.original is not None else self.text

    def sentence_at(self, pos: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= pos < s.end:
                return s
        return None

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the raw text of the normalised span [start, end)."""
        if not self.offsets:
            return start, end
        last = self.offsets[end - 1] + 1 if end > start else self.offsets[start]
        return self.offsets[start], last
