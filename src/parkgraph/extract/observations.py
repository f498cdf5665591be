"""Stage 6: extract statistical observations (GDP by year, patents granted …) from a document.

Takes a `Document` with sentences, mentions and its date, and the `Resources` (indicator
phrases from `data/patterns/indicators.jsonl`, cue words from `observation_cues.json`,
period words from `periods.json`); gives `doc.observations`, each an `ObservationFact` with
the observed mention (mapped to an entity key after resolution), indicator, value in base
units (yuan, not 亿元; 9.1 for 9.1 %), unit, year, months and growth rate.

- the value is the first figure after the indicator phrase (达/为/实现/超 … allowed between),
  or, for counts, just before it (2601家国家级高新技术企业);
- the growth rate is a 同比增长 x% right after the value;
- the period is read by `periods.PeriodReader` from the words before the phrase in the
  paragraph: year (2023年; 今年/去年 only against the document's date), months from January
  for part of a year (上半年 6); a figure for a period that does not start in January, an
  average (年均) or a multi-year total (累计, no period given) is left out; stocks (上市公司)
  and sizes (a project's total investment) carry no months;
- the entity is found by `observation_subjects.SubjectFinder`;
- estimates and targets (预计, 力争, 目标) are left out.
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal

from ..document import Document, Mention, ObservationFact
from ..resources import Resources, alternation
from .observation_subjects import SKIP, Cues, SubjectFinder, in_aside, is_counted
from .periods import PeriodReader

NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
UNIT = (r"(?P<unit>亿美元|万美元|美元|万亿元|千亿元|亿元|千万元|百万元|万元|元|亿(?![\u4e00-\u9fff])|%|万人|万名|人|名"
        r"|万件|件|万家|家|个|项|台)")
AFTER = re.compile(rf"[^。；，\d]{{0,8}}?(?:达到?|为|实现|完成|超过?|逾|约|近|共|累计|突破|保持|增至)?"
                   rf"[^。；，\d]{{0,3}}?{NUMBER}\s*(?:余|多)?{UNIT}")
BEFORE = re.compile(rf"{NUMBER}\s*{UNIT}[^。；，\d]{{0,3}}$")
GROWTH = re.compile(r"(?:左右|以上)?[，、,]?\s*(?:同比|比上年|较上年|比去年|较去年)?(?:同期)?"
                    r"(?P<dir>增长|增加|提升|上升|提高|增速|增幅|下降|减少|回落)(?:了|为|达到?)?(?:近|约|超过?|逾)?"
                    r"(?P<g>\d+(?:\.\d+)?)%")
SCALE = {"亿美元": (1e8, "USD"), "万美元": (1e4, "USD"), "美元": (1, "USD"), "亿元": (1e8, "CNY"), "亿": (1e8, "CNY"),
         "万亿元": (1e12, "CNY"), "千亿元": (1e11, "CNY"), "千万元": (1e7, "CNY"), "百万元": (1e6, "CNY"),
         "万元": (1e4, "CNY"), "元": (1, "CNY"), "%": (1, "Percent"),
         "万人": (1e4, "Count"), "万名": (1e4, "Count"), "人": (1, "Count"), "名": (1, "Count"),
         "万件": (1e4, "Count"), "件": (1, "Count"), "万家": (1e4, "Count"), "家": (1, "Count"),
         "个": (1, "Count"), "项": (1, "Count"), "台": (1, "Count")}
QUALIFIER = re.compile(r"(?:以上|左右|以下)?")
KIND = {"USD": "money", "CNY": "money", "Percent": "percent", "Count": "count"}

class ObservationExtractor:
    def __init__(self, res: Resources):
        # literal phrases in one alternation (looked up by their text), regex patterns tried first
        self.by_phrase: dict[str, dict] = {}
        for row in res.indicators:
            for ph in row["phrases"]:
                self.by_phrase.setdefault(ph, row)
        self.patterns = [(re.compile(rx), row) for row in res.indicators for rx in row.get("patterns", [])]
        alternatives = [rx.pattern for rx, _ in self.patterns] + [alternation(self.by_phrase)]
        self.phrase_re = re.compile("|".join(alternatives))
        self.not_after = {id(row): re.compile(alternation(row["not_after"]) + "$")
                          for row in res.indicators if row.get("not_after")}
        self.cues = Cues.load(res.data_dir)
        self.periods = PeriodReader(res.data_dir)
        self.subjects = SubjectFinder(self.cues)

    def extract(self, doc: Document) -> Document:
        out: list[ObservationFact] = []
        mentions = sorted(doc.mentions, key=lambda m: m.start)
        starts = [m.start for m in mentions]
        topic: Mention | None = None      # the park the text is talking about
        carry: Mention | None = None      # the subject a sentence ending in ； hands on
        carry_par = -1
        for sent in doc.sentences:
            if carry is not None and sent.paragraph != carry_par:
                carry = None
            lo, hi = bisect.bisect_left(starts, sent.start), bisect.bisect_left(starts, sent.end)
            inside = [m for m in mentions[lo:hi] if m.end <= sent.end]
            fallback = carry or topic
            found: list[ObservationFact] = []
            for m in self.phrase_re.finditer(doc.text, sent.start, sent.end):
                fact = self._observe(doc, sent, m, inside, fallback)
                if fact is not None:
                    found.append(fact)
            out += found
            parks = [m for m in inside if m.cls == "Park" and not in_aside(doc.text, sent.start, m.start)
                     and not is_counted(doc.text, m, self.cues)]
            if parks:
                topic = parks[-1]
            if doc.text[sent.start:sent.end].endswith("；"):
                carry = found[-1].entity if found else carry
                carry_par = sent.paragraph
            else:
                carry = None
        doc.observations = out
        return doc

    def _observe(self, doc: Document, sent, m: re.Match, inside: list[Mention],
                 fallback: Mention | None) -> ObservationFact | None:
        text = doc.text
        row = self.by_phrase.get(m.group()) or next(r for rx, r in self.patterns if rx.fullmatch(m.group()))
        indicator, units = row["indicator"], set(row.get("units", []))
        clause_start = max(sent.start, *(text.rfind(c, sent.start, m.start()) + 1 for c in "，；：,"))
        head = text[clause_start:m.start()]
        cues = self.cues
        if cues.hedges.search(head) or cues.averages.search(head):
            return None
        rule = self.not_after.get(id(row))
        if rule is not None and rule.search(text, max(sent.start, m.start() - 6), m.start()):
            return None   # 合同利用外资, 工业固定资产投资: another measure
        if row.get("stock") and cues.flow_before.search(head):
            return None   # 新增上市公司3家 is a flow, not the total the indicator means
        value = self._value(text, sent, m, row, units, cues.followers, cues.size_followers)
        if value is None:
            return None
        num, unit, value_start, value_end = value
        between = text[m.end():value_start]
        if cues.hedges.search(between) or cues.averages.search(between):
            return None
        scale, unit_name = SCALE[unit]
        if units and KIND[unit_name] not in units:
            return None
        amount = float(Decimal(num.replace(",", "")) * Decimal(int(scale)))
        growth = None
        if value_end > m.end():
            g = GROWTH.match(text, value_end, min(sent.end, value_end + 20))
            if g:
                growth = float(g.group("g")) * (-1 if g.group("dir") in ("下降", "减少", "回落") else 1)
        p_start, _ = doc.paragraphs[sent.paragraph]
        period = self.periods.find(text, p_start, m.start(), doc.date)
        months = None
        if not (row.get("stock") or row.get("no_period")):
            if not period.from_january:
                return None   # 二季度, 下半年: pg:months counts from January
            months = period.months
            in_sentence = self.periods.find(text, sent.start, m.start(), doc.date)
            if not in_sentence.found and cues.cumulative.search(head + between):
                return None   # 累计实现销售收入240亿元: a total over years
        subject = self.subjects.find(text, sent, m, value_end, inside, fallback, row)
        if subject is None or subject is SKIP:
            return None
        return ObservationFact(subject, indicator, amount, unit_name, sent, f"pattern:observation/{m.group()}",
                               0.8 if subject in inside else 0.6, year=period.year, growth=growth,
                               raw_value=f"{num}{unit}", months=months)

    @staticmethod
    def _value(text: str, sent, m: re.Match, row: dict, units: set[str], followers: tuple[str, ...],
               size_followers: tuple[str, ...]) -> tuple[str, str, int, int] | None:
        """(number, unit, start, end) of the indicator's figure, or None. A figure followed by a
        word that is not among `followers` qualifies that word (达5%企业) and is not taken."""
        after = AFTER.match(text, m.end(), min(sent.end, m.end() + 24))
        if after:
            end = after.end()
            allowed = followers + (size_followers if row["indicator"] == "TotalInvestment" else ())
            tail = QUALIFIER.match(text, end).end()   # 1000万元以上|企业: look past 以上/左右
            if re.match(r"[\u4e00-\u9fff]", text[tail:tail + 1]) and not text.startswith(allowed, tail):
                return None   # 达5%企业, 营业收入1000万元以上企业: the figure qualifies the noun after it
            return after.group("num"), after.group("unit"), after.start("num"), end
        before = BEFORE.search(text, max(sent.start, m.start() - 12), m.start())
        if not before or "count" not in units or text[before.start() - 1:before.start()] == "等":
            return None
        return before.group("num"), before.group("unit"), before.start(), m.start()


def extract_observations(doc: Document, res: Resources) -> Document:
    return ObservationExtractor(res).extract(doc)
