"""Stage 3: recognise entity mentions in a normalised, sentence-split document.

Takes a `Document` (text, paragraphs) and the loaded `Resources`; fills `doc.mentions` (the
non-overlapping mentions the later stages use), `doc.candidates` (every mention a proposer
gave, nested ones included, used for containment relations) and `doc.alias_pairs` (简称
declarations). The recognisers run in the order of `recognizers.RECOGNIZERS`, by stage:
proposers, then the arbiter, then revisers (arbitrated again), then annotators.
"""

from __future__ import annotations

from itertools import accumulate

from ..document import Document
from ..resources import Resources
from .arbiter import prioritize_longest
from .context import DocContext
from .names import NameRules
from .recognizers import RECOGNIZERS, LexiconRecognizer, ModelRecognizer, TradeNameRecognizer
from .recognizers.trade_names import short_form_mentions
from .spans import Occupancy, Tokens


class Recognizer:
    def __init__(self, res: Resources, extra_entries: list | None = None, use_model: bool = True,
                 use_rules: bool = True):
        self.res = res
        self.names = NameRules(res)
        extra = tuple(extra_entries or ())
        wanted = [cls for cls in RECOGNIZERS if (use_model or cls is not ModelRecognizer)
                  and (use_rules or cls in (ModelRecognizer, LexiconRecognizer))]
        self.recognizers = [cls(res, self.names, extra) for cls in wanted]
        self._trade_names = TradeNameRecognizer(res, self.names, extra)  # short forms, for the corpus pass

    def recognize(self, doc: Document) -> Document:
        ctx = DocContext(doc, self.tokenize(doc), self.res, self.names)
        for r in self._stage("propose"):
            ctx.cands += r(ctx)
        ctx.cands = [m for m in ctx.cands if m.text.strip()]
        ctx.kept = prioritize_longest(ctx.cands)
        for r in self._stage("revise"):
            ctx.kept = prioritize_longest(ctx.kept + r(ctx))
        for r in self._stage("annotate"):
            ctx.kept += r(ctx)
        ctx.kept.sort(key=lambda m: m.start)
        doc.candidates = ctx.cands
        doc.mentions = ctx.kept
        return doc

    def _stage(self, stage: str):
        return [r for r in self.recognizers if r.stage == stage]

    def tokenize(self, doc: Document) -> Tokens:
        words: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        cut = self.res.tokenizer.cut
        for ps, pe in doc.paragraphs:
            cut_words = list(cut(doc.text[ps:pe], HMM=False))  # jieba's tokenize, without its overhead
            bounds = list(accumulate(map(len, cut_words), initial=ps))
            words += cut_words
            starts += bounds[:-1]
            ends += bounds[1:]
        return Tokens(words, starts, ends)

    def short_forms_of(self, mentions) -> set[str]:
        """Short forms of the legal enterprise names among the mentions."""
        return self._trade_names.short_forms_of(mentions)

    def add_corpus_short_forms(self, doc: Document, forms: set[str] | frozenset[str]) -> None:
        """Second pass: short forms of legal names found anywhere in the corpus."""
        taken = Occupancy((k.start, k.end) for k in doc.mentions)
        new = [m for m in short_form_mentions(doc.text, forms) if not taken.overlaps(m.start, m.end)]
        if new:
            doc.candidates += new
            doc.mentions = sorted(doc.mentions + prioritize_longest(new), key=lambda m: m.start)


def recognize(doc: Document, res: Resources) -> Document:
    return Recognizer(res).recognize(doc)
