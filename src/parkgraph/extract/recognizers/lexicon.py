"""Lexicon recogniser: surface forms of `data/lexicon/*.jsonl` entries (and corrections).

Takes the entries' labels and aliases; gives mentions carrying the entry's class and canonical
label. Off with --no-lexicon (the lexicon is then empty; corrections still apply).
"""

from __future__ import annotations

import re

from ...document import Mention
from ...resources import alternation
from ..context import DocContext
from ..spans import to_fullwidth_brackets
from .base import EntityRecognizer


class LexiconRecognizer(EntityRecognizer):
    name = "lexicon"

    def __init__(self, res, names, extra_entries=()):
        super().__init__(res, names, extra_entries)
        forms: dict[str, tuple[str, str, str]] = {}
        for e in list(res.lexicon) + list(extra_entries):
            for form in [e.label, *e.aliases]:
                plain = form.replace("“", "").replace("”", "")
                for f in {form, plain, to_fullwidth_brackets(form)}:
                    if len(f) >= 2:
                        forms.setdefault(f, (e.label, e.cls, e.source))
        self._map = forms
        self._re = re.compile(alternation(forms)) if forms else None

    def __call__(self, ctx: DocContext) -> list[Mention]:
        if self._re is None:
            return []
        out = []
        for m in self._re.finditer(ctx.text):
            label, cls, source = self._map[m.group()]
            mm = Mention(m.start(), m.end(), m.group(), cls, source,
                         priority=4 if source.startswith("correction") else 3)
            mm.canonical = label
            out.append(mm)
        return out
