"""Which entity a statistical figure is about: the park, place, enterprise or project.

Takes the sentence, the indicator phrase's match, the end of its figure, the mentions in the
sentence and the subject to fall back on; gives a `Mention`, or `SKIP` when the figure is
about something the graph does not name (an industry, an unnamed group of projects).

- a project's size (总投资, 投资 …) belongs to the project it sizes: the one named right after
  the figure (总投资10亿元的X项目, 投资5亿元建设X), else the project, enterprise or park
  before the phrase in its clause (X项目总投资…; for a bare 投资 only a project: X项目投资…),
  else a project earlier in the sentence; a group (签约项目18个，总投资…, 13个总投资…的项目) is left out;
- any other figure belongs to the nearest park, place, enterprise or project before the
  phrase in the sentence, else to the subject handed on by the sentence before (…增长6%；
  固定资产投资230亿元), else to the park the text is talking about;
- a figure about a city the text does not name there (全市实现地区生产总值…), an industry or
  sector (新能源产业实现营业收入, 汽车产业产值, 重点行业营收) or
  an unnamed group (两家企业完成销售收入…) is left out.
Names in brackets or quotes after a word are asides, never the subject. Cue words are in
`data/patterns/observation_cues.json`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..document import Mention, Sentence
from ..resources import alternation

SUBJECT_CLASSES = ("Park", "Place", "Enterprise", "Project")
SIZED_CLASSES = ("Project", "Enterprise", "Park", "Lab")
SKIP = object()   # the figure is about something the graph does not name
_COUNT = r"(?:\d+|[一两二三四五六七八九十几数多]+)\s*(?:个|家|项|批)"


@dataclass
class Cues:
    hedges: re.Pattern
    averages: re.Pattern
    flow_before: re.Pattern
    cumulative: re.Pattern
    segment: re.Pattern
    group_in_clause: re.Pattern
    group_before: re.Pattern
    count_after: re.Pattern
    joiner: re.Pattern
    company: re.Pattern
    aggregate: re.Pattern
    other_scope: re.Pattern
    followers: tuple[str, ...]
    size_followers: tuple[str, ...]

    @classmethod
    def load(cls, data_dir: str | Path) -> Cues:
        cfg = json.loads((Path(data_dir) / "patterns" / "observation_cues.json").read_text(encoding="utf-8"))
        nouns = alternation(cfg["group_nouns"])
        return cls(
            hedges=re.compile(alternation(cfg["hedges"])),
            averages=re.compile(alternation(cfg["averages"])),
            flow_before=re.compile(alternation(cfg["flow_markers"]) + r"[^，；]{0,3}$"),
            cumulative=re.compile(alternation(cfg["cumulative"])),
            segment=re.compile(alternation(cfg["segments"]) + r"(?:的)?(?:累计|全年|合计|共)?(?:实现|完成|达到?)?$"),
            group_in_clause=re.compile(rf"{_COUNT}[^，。；、\d]{{0,4}}?{nouns}"),
            group_before=re.compile(rf"{_COUNT}[^，。；\d]{{0,12}}?项目|项目[^，。；\d]{{0,2}}{_COUNT}|{_COUNT}$"),
            count_after=re.compile(rf"\s*(?:共|达|有)?{_COUNT}(?![\u4e00-\u9fff])"),
            joiner=re.compile(r"\s*" + alternation(cfg["joiners"])),
            company=re.compile(alternation(cfg["company_words"])),
            aggregate=re.compile(alternation(cfg["aggregate_words"])),
            other_scope=re.compile(alternation(cfg["other_scope"])),
            followers=tuple(cfg["followers"]),
            size_followers=tuple(cfg["joiners"]),
        )


class SubjectFinder:
    def __init__(self, cues: Cues):
        self.cues = cues

    def find(self, text: str, sent: Sentence, m: re.Match, value_end: int, inside: list[Mention],
             fallback: Mention | None, row: dict):
        """The mention the figure is about, `SKIP`, or None when there is none."""
        clause_start = max(sent.start, *(text.rfind(c, sent.start, m.start()) + 1 for c in "，；：,"))
        if row["indicator"] == "TotalInvestment":
            return self._sized(text, sent, m, value_end, inside, clause_start, row)
        subject = None
        for k in inside:
            if k.end <= m.start() and k.cls in SUBJECT_CLASSES and not in_aside(text, sent.start, k.start):
                subject = k
        after = max(clause_start, subject.end if subject is not None and subject.end > clause_start else 0)
        if any(k.cls == "Industry" and k.start >= after and k.end <= m.start() for k in inside):
            return SKIP   # 新能源产业实现营业收入…: a figure about an industry
        if self.cues.segment.search(text, after, m.start()):
            return SKIP   # 汽车产业产值, 重点行业营收: a sector
        if self.cues.group_in_clause.search(text, after, m.start()) and \
                not self.cues.aggregate.search(text, clause_start, m.start()):
            return SKIP   # 两家企业完成销售收入: an unnamed group (not 全区1200家规上工业企业)
        if subject is None and self.cues.company.search(text, sent.start, m.start()):
            return SKIP   # 公司…销售额约为1.5亿元: an enterprise the text does not name here
        if subject is None and self.cues.other_scope.search(text, clause_start, m.start()):
            return SKIP   # 全市实现地区生产总值…: a city the text does not name here
        return subject if subject is not None else fallback

    def _sized(self, text: str, sent: Sentence, m: re.Match, value_end: int, inside: list[Mention],
               clause_start: int, row: dict):
        """The project (enterprise, park) whose size the figure gives."""
        stop = _clause_end(text, value_end, sent.end)
        joined = self.cues.joiner.match(text, value_end)
        if joined and joined.group().endswith("的"):
            # 总投资10亿元的X项目: the figure qualifies the noun after it, and only that
            k = next((k for k in inside if value_end <= k.start < stop), None)
            ok = k is not None and k.cls in SIZED_CLASSES and k.start - joined.end() <= 1
            return k if ok else SKIP
        if joined:   # 投资5亿元建设X
            k = next((k for k in inside if joined.end() <= k.start < stop), None)
            if k is not None and k.cls in SIZED_CLASSES and k.start - joined.end() <= 1:
                return k
        before = [k for k in inside if k.end <= m.start() and k.cls in SIZED_CLASSES
                  and not in_aside(text, sent.start, k.start) and not self._group(text, k)]
        near = [k for k in before if k.start >= clause_start and (k.cls == "Project" or not row.get("project"))]
        if near and (not row.get("project") or m.start() - near[-1].end <= 2):
            if self.cues.group_before.search(text, near[-1].end, m.start()):
                return SKIP   # X高新区签约18个产业项目，总投资…
            return near[-1]   # X项目总投资…, X公司投资…
        if self.cues.group_before.search(text, sent.start, m.start()):
            return SKIP       # 签约项目18个，总投资…: an unnamed group
        if row.get("project"):
            return SKIP
        projects = [k for k in before if k.cls == "Project"]
        return projects[-1] if projects else SKIP

    def _group(self, text: str, k: Mention) -> bool:
        return is_counted(text, k, self.cues)


def is_counted(text: str, k: Mention, cues: Cues) -> bool:
    """Is the mention a kind that is counted (新续建项目21个, 18个产业项目, 全国97家综合保税区),
    not one named thing?"""
    head = text[max(0, k.start - 4):k.start]
    return bool(cues.count_after.match(text, k.end)) or bool(re.search(_COUNT + r"\s*$", head)) \
        or (head[-1:].isdigit() and k.text[:1] in "个家项所座")   # 97|家综合保税区: a counter taken into a name


def _clause_end(text: str, start: int, end: int) -> int:
    found = [i for i in (text.find(c, start, end) for c in "，；。,") if i >= 0]
    return min(found) if found else end


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
