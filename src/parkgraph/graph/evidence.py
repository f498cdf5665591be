"""Bounded evidence (issue 11): a fact in, the span of text its evidence node quotes out.

Takes a `RelationFact` or `ObservationFact` and the normalised text of its document; gives
(`evidence_span`) the offsets of the text an evidence node quotes as pg:evidenceText, with
pg:charStart/pg:charEnd those offsets, so that text[charStart:charEnd] is always the quote.

- A sentence of at most `EVIDENCE_MAX` (300) characters is quoted whole, as it always was.
- From a longer sentence the quote is a window of at most `EVIDENCE_MAX` characters around
  what the fact was read from: its mentions (`fact.span`), the year of a founding year, the
  indicator phrase and the figure of an observation. The window takes as much of the sentence
  on both sides as fits, then is cut back to the clause boundaries (，；、：, spaces, newlines)
  nearest its edges, when there are some between the edges and the fact.
- When the fact's parts lie further apart than the window (a sentence's topic park far before
  the object), the window keeps the end of the span, where the object and its figure or cue
  are, and as much before it as fits.

Why here as well as in `sentences`: sentence splitting bounds a sentence at a generous
`sentences.MAX_SENTENCE` so that the rules keep a long real sentence's context; the quote is
bounded tightly here, so that a graph grows with the number of facts, not with the number of
facts times the length of their sentences (one unpunctuated 250,000-character article once
gave a 168 MB Turtle file).
"""

from __future__ import annotations

import re

from ..document import ObservationFact, RelationFact, Sentence
from ..read.sentences import last_match

EVIDENCE_MAX = 300
_TAIL = 20  # characters kept after a span longer than the window (a cue after the object: 牵头)
_CLAUSE = re.compile(r"[，；、：]|[ \n\t]+")  # not , or : (normalisation leaves them only in 1,000 10:30)


def evidence_span(fact: RelationFact | ObservationFact, text: str, limit: int = EVIDENCE_MAX) -> tuple[int, int]:
    """Offsets into `text` (the document's normalised text) of the quote for `fact`."""
    sent = fact.sentence
    if sent.end - sent.start <= limit:
        return sent.start, sent.end
    return window(text, sent, read_from(fact, text), limit)


def read_from(fact: RelationFact | ObservationFact, text: str) -> tuple[int, int] | None:
    """The characters of its sentence the fact was read from, as far as they can be told."""
    sent, span = fact.sentence, fact.span
    extra = None
    if isinstance(fact, ObservationFact):
        extra = _phrase_and_figure(text, sent, fact.extractor.partition("observation/")[2], fact.raw_value)
    elif fact.literal:  # a founding year: the year after the subject
        year = str(fact.object)
        at = text.find(year, span[0] if span else sent.start, sent.end)
        at = at if at >= 0 else text.find(year, sent.start, sent.end)
        extra = (at, at + len(year)) if at >= 0 else None
    if span is None or extra is None:
        return span or extra
    return min(span[0], extra[0]), max(span[1], extra[1])


def _phrase_and_figure(text: str, sent: Sentence, phrase: str, figure: str) -> tuple[int, int] | None:
    """The first indicator phrase of the sentence with the figure just after (or before) it."""
    if phrase:
        at = text.find(phrase, sent.start, sent.end)
        while at >= 0:
            end = at + len(phrase)
            after = text.find(figure, end, min(sent.end, end + 40)) if figure else -1
            if after >= 0:
                return at, after + len(figure)
            before = text.find(figure, max(sent.start, at - 16), at) if figure else -1
            if before >= 0:
                return before, end
            at = text.find(phrase, at + 1, sent.end)
    at = text.find(figure, sent.start, sent.end) if figure else -1
    return (at, at + len(figure)) if at >= 0 else None


def window(text: str, sent: Sentence, span: tuple[int, int] | None, limit: int = EVIDENCE_MAX) -> tuple[int, int]:
    """At most `limit` characters of the sentence around `span`, cut on clause boundaries."""
    start, end = sent.start, sent.end
    a, b = span if span is not None else (start, start)
    a, b = min(max(a, start), end), min(max(b, start), end)
    if b - a > limit:
        a = b - (limit - _TAIL)
    lo = max(start, a - (limit - (b - a)) // 2)
    hi = min(end, lo + limit)
    lo = max(start, hi - limit)
    if lo > start:  # start after the first boundary between the window's start and the fact
        m = _CLAUSE.search(text, lo, a)
        if m:
            lo = m.end()
    if hi < end:  # end after the last boundary between the fact and the window's end
        last = last_match(_CLAUSE, text, b, hi)
        if last is not None and last.end() < hi:
            hi = last.end()
    while lo < a and text[lo] in " \n\t":
        lo += 1
    while hi > b and text[hi - 1] in " \n\t":
        hi -= 1
    return lo, hi
