"""Stage 2: normalised text in, sentences out.

Takes a normalised `Document`; fills `sentences` with spans that never cross a paragraph.
A sentence ends at 。！？； or …… (keeping a closing quote or bracket that follows).
"""

from __future__ import annotations

import re

from .document import Document, Sentence

_END = re.compile(r"[。！？；!?]+[”’」』）)]*|…{2,}[”’」』）)]*")


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
    if end > start:
        out.append(Sentence(start, end, paragraph, text[start:end]))
