"""The interface every entity recogniser follows.

A recogniser is built once per `Resources` (and `NameRules`) and called once per document with
a `DocContext`; it returns candidate `Mention`s, each naming its `source` (written as the
evidence's `pg:extractor` and shown by `parkgraph explain`) and a `priority` the arbiter uses
when two spans of the same length overlap. It never decides overlaps itself.

`stage` says when it runs:
- "propose": over the text, seeing what earlier proposers found (`ctx.cands`);
- "revise": over the arbiter's choice (`ctx.kept`), its mentions arbitrated again with it;
- "annotate": over the final choice, its mentions added as they are (references, phrases).
"""

from __future__ import annotations

from typing import ClassVar

from ...document import Mention
from ...resources import Resources
from ..context import DocContext
from ..names import NameRules


class EntityRecognizer:
    name: ClassVar[str] = ""
    stage: ClassVar[str] = "propose"

    def __init__(self, res: Resources, names: NameRules, extra_entries: tuple = ()):
        self.res = res
        self.names = names
        self.extra_entries = extra_entries  # entries beside the lexicon's (corrections)

    def __call__(self, ctx: DocContext) -> list[Mention]:
        raise NotImplementedError
