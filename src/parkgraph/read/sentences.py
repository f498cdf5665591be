"""Stage 2: normalised text in, sentences out.

Takes a normalised `Document`; fills `sentences` with spans that never cross a paragraph.
A sentence ends at 。！？； or …… (keeping a closing quote or bracket that follows).

No sentence is longer than `MAX_SENTENCE` characters. Text without sentence punctuation (a
scraped table, a PDF extraction that lost its 。) would otherwise make one "sentence" of a whole
article, and every rule that reads a sentence (the masked relation patterns, the observation
phrases, the topic of the sentence) would run over hundreds of thousands of characters. An
overlong sentence is cut, piece by piece, at the last secondary boundary that leaves a piece
of at least half the maximum: first a newline, then ，or ：, then 、, then a space or tab; with
none of them, at the maximum itself (never between two digits or Latin letters).

Where the bounds live: the maximum here is generous (far above any sentence of real news: the
longest in the sample and dev texts is 255 characters), so that long but real sentences (a
list of forty companies) keep the context their relation patterns need; it only bounds the
work of the rules. What an evidence node quotes is bounded separately and more tightly by
`evidence.evidence_span` (300 characters around the fact's mentions), which leaves every
sentence up to that length quoted whole, as before.
"""

from __future__ import annotations

import re
from collections import deque

from ..document import Document, Sentence

MAX_SENTENCE = 1000
_END = re.compile(r"[。！？；!?]+[”’」』）)]*|…{2,}[”’」』）)]*")
# Secondary boundaries, strongest first: a piece ends just after the last one it holds.
# (A half-width , or : is left by normalisation only inside a figure: 1,000 or 10:30.)
_SECONDARY = (re.compile(r"\n"), re.compile(r"[，：][”’」』）)]*"), re.compile(r"、"), re.compile(r"[ \t]+"))
_WORD = re.compile(r"[0-9A-Za-z.]+$")


def split_sentences(doc: Document) -> Document:
    sentences: list[Sentence] = []
    for index, (p_start, p_end) in enumerate(doc.paragraphs):
        para = doc.text[p_start:p_end]
        start = 0
        for m in _END.finditer(para):
            _add(sentences, doc.text, p_start + start, p_start + m.end(), index)
            start = m.end()
        _add(sentences, doc.text, p_start + start, p_end, index)
    if doc.original is not None:  # evidence quotes what the article wrote
        for s in sentences:
            s.text = doc.original[s.start:s.end]
    doc.sentences = sentences
    return doc


def _add(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start] in " \n":
        start += 1
    while end > start and text[end - 1] in " \n":
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = piece_end(text, start, start + MAX_SENTENCE)
        _add(out, text, start, cut, paragraph)
        start = cut
        while start < end and text[start] in " \n\t":
            start += 1
    if end > start:
        out.append(Sentence(start, end, paragraph, text[start:end]))


def piece_end(text: str, start: int, limit: int) -> int:
    """Where a piece of text[start:…] that may run to `limit` ends: just after the last secondary
    boundary in its second half (the strongest kind there is), else at `limit` moved back out of
    a number or Latin word when that leaves half of the piece."""
    low = start + (limit - start) // 2
    for boundary in _SECONDARY:
        last = last_match(boundary, text, low, limit)
        if last is not None:
            return last.end()
    word = _WORD.search(text, low, limit)
    if word and word.start() > low and limit < len(text) and text[limit - 1:limit + 1].isalnum() \
            and text[limit - 1:limit + 1].isascii():
        return word.start()
    return limit


def last_match(rx: re.Pattern, text: str, pos: int, endpos: int) -> re.Match | None:
    """The last match of `rx` in text[pos:endpos], or None."""
    found = deque(rx.finditer(text, pos, endpos), maxlen=1)
    return found[0] if found else None
