"""What a recogniser sees of one document: text, jieba tokens, the rules, and the mentions so far.

Takes a `Document`, its `Tokens` and the shared `NameRules`; gives a `DocContext` that the
recognisers read (`cands`: what earlier recognisers proposed; `kept`: what the arbiter kept).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Document, Mention
from ..resources import Resources
from .names import MAX_NAME, NameRules
from .spans import Tokens


@dataclass
class DocContext:
    doc: Document
    tokens: Tokens
    res: Resources
    names: NameRules
    cands: list[Mention] = field(default_factory=list)
    kept: list[Mention] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.doc.text

    def walk_left(self, pos: int, allow_conj: bool = False, limit: int = MAX_NAME, cls: str | None = None) -> int:
        return self.names.walk_left(self.tokens, self.doc.text, pos, allow_conj=allow_conj, limit=limit, cls=cls)
