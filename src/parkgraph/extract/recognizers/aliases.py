"""简称 recogniser: （以下简称“宇树科技”） declares a short form of the name right before it.

Runs on the arbiter's choice (it needs the owner's mention); gives the short form and its later
uses in the document as mentions of the owner's class, and records the pair in
`doc.alias_pairs` so resolution merges them.
"""

from __future__ import annotations

import re

from ...document import Mention
from ..context import DocContext
from .base import EntityRecognizer

DECLARATION = re.compile(r"（(?:以下)?(?:简称|下称)[“]?([^”）]{2,12})[”]?）")


class AliasRecognizer(EntityRecognizer):
    name = "aliases"
    stage = "revise"

    def __call__(self, ctx: DocContext) -> list[Mention]:
        doc, text = ctx.doc, ctx.text
        out = []
        by_end = {m.end: m for m in ctx.kept}
        for m in DECLARATION.finditer(text):
            owner = by_end.get(m.start())
            if owner is None:
                continue
            short = m.group(1)
            doc.alias_pairs.append((owner.name, short, owner.cls))
            at = m.start() + m.group(0).index(short)
            out.append(Mention(at, at + len(short), short, owner.cls, "rule:alias/简称", priority=2))
            for k in re.finditer(re.escape(short), text):
                if k.start() > m.end():
                    out.append(Mention(k.start(), k.end(), short, owner.cls, "rule:alias/简称-use", priority=2))
        return out
