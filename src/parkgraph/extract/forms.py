"""The corpus's table of surface forms, and the keys it gives back to each document's mentions.

A `FormTable` holds, as counts, what resolution needs of each document (class votes, lexicon
labels, display forms, 简称 pairs, sources); tables add up and subtract, so a rebuild can take a
changed document out. `assign_keys` sets `Mention.key` from the resolved form → entity map.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..document import Document
from .labels import clean_label, norm_label


def _target(m):
    return m.refers_to if m.is_reference else m


@dataclass
class FormTable:
    """What resolution needs from the documents, keyed by surface form: its size grows with the
    number of distinct names, not with the corpus. Tables of documents add up in any order to
    the same table, so documents can be processed anywhere and folded in as they come; and,
    every part being a count, a document's table can be taken out again (`subtract`), which is
    how a rebuild replaces one changed document without adding up all the others."""

    votes: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    mentions: Counter = field(default_factory=Counter)         # mentions that denote each form
    # multisets whose views resolution reads: the least lexicon entry and display form of each
    # form, the (full, short, class) 简称 pairs and the sources of each form
    lexicon_seen: Counter = field(default_factory=Counter)     # (form, (label, class))
    surface_seen: Counter = field(default_factory=Counter)     # (form, display form)
    alias_seen: Counter = field(default_factory=Counter)       # (full, short, class)
    sources_seen: Counter = field(default_factory=Counter)     # (form, source)

    def add_document(self, doc: Document) -> FormTable:
        for m in [*doc.mentions, *doc.nested]:
            if not m.is_reference:
                n = norm_label(m.name)
                self.votes[n][m.cls] += 1 + 10 * m.priority
                if m.canonical:
                    self.lexicon_seen[(n, (m.canonical, m.cls))] += 1
                self.surface_seen[(n, clean_label(m.name))] += 1
                for form in m.extra_forms:  # recorded as a 简称 of the name, so they merge
                    self.votes[norm_label(form)][m.cls] += 1
                    self.surface_seen[(norm_label(form), clean_label(form))] += 1
                    self.alias_seen[(m.name, form, m.cls)] += 1
            target = _target(m)
            if target is None:
                continue
            n = norm_label(target.name)
            self.mentions[n] += 1
            self.sources_seen[(n, m.source.split(":")[0] if m.source.startswith("lexicon") else m.source)] += 1
        self.alias_seen.update(doc.alias_pairs)
        return self

    def update(self, other: FormTable) -> None:
        for n, c in other.votes.items():
            self.votes[n].update(c)
        for mine, theirs in self._multisets(other):
            mine.update(theirs)

    def subtract(self, other: FormTable) -> None:
        """Takes out a table that was added before."""
        for n, c in other.votes.items():
            votes = self.votes[n]
            votes.subtract(c)
            _drop_empty(votes)
            if not votes:
                del self.votes[n]
        for mine, theirs in self._multisets(other):
            mine.subtract(theirs)
            _drop_empty(mine)

    def _multisets(self, other: FormTable) -> list[tuple[Counter, Counter]]:
        return [(self.mentions, other.mentions), (self.lexicon_seen, other.lexicon_seen),
                (self.surface_seen, other.surface_seen), (self.alias_seen, other.alias_seen),
                (self.sources_seen, other.sources_seen)]

    @property
    def lexicon_label(self) -> dict[str, tuple[str, str]]:
        """The lexicon entry of each form (the least, should two entries name it)."""
        return _least(self.lexicon_seen)

    @property
    def surface(self) -> dict[str, str]:
        """The display form of each form (the least of those seen)."""
        return _least(self.surface_seen)

    @property
    def alias_pairs(self) -> set[tuple[str, str, str]]:
        return set(self.alias_seen)

    @property
    def sources(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for n, src in self.sources_seen:
            out[n].add(src)
        return out

    def signature(self, form_entity: dict[str, str]) -> str:
        """What the document's graph depends on besides its own content: its forms' entities."""
        return "|".join(f"{f}={form_entity.get(f, '')}" for f in sorted(self.mentions))


def _drop_empty(c: Counter) -> None:
    for k in [k for k, v in c.items() if v <= 0]:
        del c[k]


def _least(pairs: Counter) -> dict:
    out: dict = {}
    for n, value in pairs:
        old = out.get(n)
        if old is None or value < old:
            out[n] = value
    return out


def assign_keys(doc: Document, form_entity: dict[str, str]) -> None:
    """Sets `Mention.key` on a document's mentions from the corpus-wide resolution."""
    for m in [*doc.mentions, *doc.nested]:
        target = _target(m)
        if target is not None:
            m.key = form_entity.get(norm_label(target.name))
