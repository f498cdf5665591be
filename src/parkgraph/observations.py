"""Stage 6: extract statistical observations (GDP by year, patents granted …) from a document.

Takes a `Document` with sentences and mentions and the `Resources` (indicator phrases from
`data/patterns/indicators.jsonl`); gives `doc.observations`, each an `ObservationFact` with
the observed mention (mapped to an entity key after resolution), indicator, value in base
units (yuan, not 亿元; 9.1 for 9.1 %), unit, year and growth rate.

- the value is the first figure after the indicator phrase (达/为/实现/超 … allowed between),
  or just before it (2601家国家级高新技术企业);
- the growth rate is a 同比增长 x% right after the value;
- the year is the nearest 20xx年 before the phrase in the sentence, else in the paragraph;
  去年/今年 are resolved only when the document dates itself;
- the entity is the nearest park, place or enterprise before the phrase in the sentence,
  else the park the document is talking about;
- estimates and targets (预计, 力争, 目标) are left out.
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal

from .document import Document, Mention, ObservationFact
from .resources import Resources, alternation

NUMBER = r"(?P<num>\d+(?:\.\d+)?)"
UNIT = r"(?P<unit>亿美元|万美元|美元|亿元|万亿元|万元|元|%|万人|万名|人|名|万件|件|万家|家|个|项|台)"
AFTER = re.compile(rf"[^。；，\d]{{0,8}}?(?:达到?|为|实现|完成|超过?|约|近|共|累计|突破|保持|增至)?[^。；，\d]{{0,3}}?"
                   rf"{NUMBER}\s*(?:余|多)?{UNIT}")
BEFORE = re.compile(rf"{NUMBER}\s*{UNIT}[^。；，\d]{{0,3}}$")
GROWTH = re.compile(r"(?:左右)?[，、,]?\s*(?:同比|比上年|较上年)?(?P<dir>增长|增加|提升|上升|提高|下降|减少|回落)"
                    r"(?P<g>\d+(?:\.\d+)?)%")
YEAR = re.compile(r"((?:19|20)\d\d)年(?!\d)")
HEDGES = re.compile(r"(预计|力争|目标|计划到|有望|将达|将超)")
SCALE = {"亿美元": (1e8, "USD"), "万美元": (1e4, "USD"), "美元": (1, "USD"), "亿元": (1e8, "CNY"),
         "万亿元": (1e12, "CNY"), "万元": (1e4, "CNY"), "元": (1, "CNY"), "%": (1, "Percent"),
         "万人": (1e4, "Count"), "万名": (1e4, "Count"), "人": (1, "Count"), "名": (1, "Count"),
         "万件": (1e4, "Count"), "件": (1, "Count"), "万家": (1e4, "Count"), "家": (1, "Count"),
         "个": (1, "Count"), "项": (1, "Count"), "台": (1, "Count")}
KIND = {"USD": "money", "CNY": "money", "Percent": "percent", "Count": "count"}
SUBJECT_CLASSES = ("Park", "Place", "Enterprise", "Project")


class ObservationExtractor:
    def __init__(self, res: Resources):
        # literal phrases in one alternation (looked up by their text), regex patterns tried first
        self.by_phrase = {}
        for row in res.indicators:
            for ph in row["phrases"]:
                self.by_phrase.setdefault(ph, row)
        self.patterns = [(re.compile(rx), row) for row in res.indicators for rx in row.get("patterns", [])]
        alternatives = [rx.pattern for rx, _ in self.patterns] + [alternation(self.by_phrase)]
        self.phrase_re = re.compile("|".join(alternatives))

    def extract(self, doc: Document) -> Document:
        out: list[ObservationFact] = []
        mentions = sorted(doc.mentions, key=lambda m: m.start)
        starts = [m.start for m in mentions]
        topic: Mention | None = None
        doc_year = int(doc.date[:4]) if doc.date else None
        for sent in doc.sentences:
            lo, hi = bisect.bisect_left(starts, sent.start), bisect.bisect_left(starts, sent.end)
            inside = [m for m in mentions[lo:hi] if m.end <= sent.end]
            for m in self.phrase_re.finditer(doc.text, sent.start, sent.end):
                fact = self._observe(doc, sent, m, inside, topic, doc_year)
                if fact is not None:
                    out.append(fact)
            parks = [m for m in inside if m.cls == "Park" and not in_aside(doc.text, sent.start, m.start)]
            if parks:
                topic = parks[-1]
        doc.observations = out
        return doc

    def _observe(self, doc, sent, m, inside, topic, doc_year) -> ObservationFact | None:
        text = doc.text
        row = self.by_phrase.get(m.group()) or next(r for rx, r in self.patterns if rx.fullmatch(m.group()))
        indicator, units = row["indicator"], set(row.get("units", []))
        clause_start = max(text.rfind(c, sent.start, m.start()) for c in "，；：")
        clause_start = max(clause_start, sent.start)
        if HEDGES.search(text[clause_start:m.start()]):
            return None
        if row.get("stock") and re.search(r"(新增|新认定|新培育|新引进)[^，；]{0,3}$", text[clause_start:m.start()]):
            return None  # 新增上市公司3家 is a flow, not the total the indicator means
        after = AFTER.match(text, m.end(), min(sent.end, m.end() + 24))
        value_end = None
        if after:
            num, unit = after.group("num"), after.group("unit")
            value_end = after.end()
            allowed = r"(左右|以上|同比|比上年|较上年|增长|居|位|占|，|、"
            allowed += "|的)" if indicator == "TotalInvestment" else ")"  # 总投资100亿元的X
            if re.match(r"[\u4e00-\u9fff]", text[value_end:value_end + 1]) and \
                    not re.match(allowed, text[value_end:value_end + 3]):
                return None  # 达5%企业: the figure qualifies the noun after it
        else:
            before = BEFORE.search(text, max(sent.start, m.start() - 12), m.start())
            if not before or "count" not in units or text[before.start() - 1:before.start()] == "等":
                return None
            num, unit = before.group("num"), before.group("unit")
        scale, unit_name = SCALE[unit]
        if units and KIND[unit_name] not in units:
            return None
        value = float(Decimal(num) * Decimal(int(scale)))
        growth = None
        if value_end is not None:
            g = GROWTH.match(text, value_end, min(sent.end, value_end + 16))
            if g:
                growth = float(g.group("g")) * (-1 if g.group("dir") in ("下降", "减少", "回落") else 1)
        year = self._year(doc, sent, m.start(), doc_year)
        subject = None
        for k in inside:
            if k.end <= m.start() and k.cls in SUBJECT_CLASSES and not in_aside(text, sent.start, k.start):
                subject = k
            elif k.end <= m.start() and k.cls == "Industry" and k.start >= clause_start:
                return None  # 新能源产业实现营业收入…: a figure about an industry
        if indicator == "TotalInvestment":
            # 总投资100亿元的格力电器（桂林）智能制造生产基地: the project named after the figure
            projects = [k for k in inside if k.cls in ("Project", "Enterprise")]
            following = [k for k in projects if k.start >= m.end() and k.start - m.end() < 16]
            preceding = [k for k in projects if k.end <= m.start()]
            subject = following[0] if following else (preceding[-1] if preceding else None)
            if subject is None:
                return None
        if subject is None:
            subject = topic
        if subject is None:
            return None
        return ObservationFact(subject, indicator, value, unit_name, sent, f"pattern:observation/{m.group()}",
                               0.8 if subject in inside else 0.6, year=year, growth=growth,
                               raw_value=f"{num}{unit}")

    @staticmethod
    def _year(doc: Document, sent, pos: int, doc_year: int | None) -> int | None:
        text = doc.text
        years = YEAR.findall(text, sent.start, pos)
        if years:
            return int(years[-1])
        head = text[sent.start:pos]
        if "去年" in head:
            return doc_year - 1 if doc_year else None
        if "今年" in head or "上半年" in head:
            return doc_year
        p_start, _ = doc.paragraphs[sent.paragraph]
        years = YEAR.findall(text, p_start, sent.start)
        if years:
            return int(years[-1])
        return None


def in_aside(text: str, start: int, pos: int) -> bool:
    """Is pos inside （…） or “…” within the sentence that begins at start? Such a mention is
    an aside or an object (建设“中国视谷”), never the park the text is talking about."""
    head = text[start:pos]
    if head.rfind("（") > head.rfind("）"):
        return True
    q = head.rfind("“")
    if q > head.rfind("”"):
        # a quote that opens a clause names the subject (“国际滨”将实施…); after a word it is an object
        return q > 0 and head[q - 1] not in "，。；：、！？”\n"
    return False


def extract_observations(doc: Document, res: Resources) -> Document:
    return ObservationExtractor(res).extract(doc)
