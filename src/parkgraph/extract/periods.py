"""The period a statistical figure covers: year and months from January.

Takes a span of normalised text (the words before a figure) and the document's own date;
gives a `Period`: the year (2023年; 今年/去年/前年 against the document's date, never
today's; None when the text gives no year or the document is undated), the months covered
from January for part of a year (上半年 6, 前三季度 9, 1-8月 8, 一季度 3, 截至10月底 10;
None for a whole year), and `from_january` False for a period that starts later (二季度,
下半年, 3-5月, 10月份): pg:months counts from January, so such a figure cannot be said.

The last time expression before the figure wins. A part of a year takes the year written
right before it (2015年上半年, 今年1-10月); alone, it is the document's year, or the year
before when the document is dated before the period ends (前三季度 in a February article);
in an undated document it keeps the last year written before it, if any.
Comparison bases (比去年, 较2020年, 去年同期) are not periods. The words are in
`data/patterns/periods.json`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..resources import alternation

CN_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
          "十一": 11, "十二": 12}
_NUM = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二两三四五六七八九])"
_DASH = r"\s*(?:-|－|—|–|~|～|至|到)\s*"
_NUM_MONTH = rf"(?P<month>{_NUM})月份"


@dataclass(frozen=True)
class Period:
    year: int | None = None
    months: int | None = None        # months covered from January; None for a whole year
    from_january: bool = True        # False: 二季度, 下半年, 3-5月 (pg:months cannot say it)
    found: bool = False              # did the text give any time expression?


def _int(s: str) -> int:
    return int(s) if s.isdigit() else CN_NUM[s]


class PeriodReader:
    """Finds the period of a figure from the words before it."""

    def __init__(self, data_dir: str | Path):
        cfg = _config(str(data_dir))
        self.relative: dict[str, int] = cfg["relative_years"]
        self.partial: dict[str, int] = cfg["partial"]
        self.not_jan = set(cfg["not_from_january"])
        self.full = set(cfg["full_year"])
        self.ytd = set(cfg["year_to_date"])
        before = "".join(map(re.escape, cfg["comparison_before"]))
        after = alternation(cfg["comparison_after"])
        words = alternation([*self.relative, *self.partial, *self.not_jan, *self.full, *self.ytd])
        self.regex = re.compile(
            rf"(?<![{before}\d])(?P<year>(?:19|20)\d\d)\s*年"                 # 2023年 (not 比2020年)
            rf"|(?P<range>(?<!\d){_NUM}){_DASH}(?P<end>{_NUM})\s*月(?:份)?(?!\d*\s*日)"   # 1-8月, 1至10月
            rf"|前(?P<first>{_NUM})(?:个)?月"                                  # 前10个月
            rf"|截[至止](?:今年|本年)?(?P<upto>{_NUM})月(?:底|末|份)"           # 截至10月底
            rf"|(?<!\d){_NUM_MONTH}"                                          # 10月份
            rf"|(?<![{before}])(?P<word>{words})(?!{after})")

    def find(self, text: str, start: int, end: int, doc_date: str | None) -> Period:
        """The period that the last time expressions in text[start:end] set."""
        doc_year = int(doc_date[:4]) if doc_date else None
        doc_month = int(doc_date[5:7]) if doc_date else None
        year: int | None = None
        year_end = -10          # where the last year expression ended (a part of a year joins it)
        year_given = False
        months: int | None = None
        from_jan = True
        found = False
        for m in self.regex.finditer(text, start, end):
            found = True
            g = m.lastgroup
            word = m.group("word")
            if g == "year":
                year, year_end, year_given, months, from_jan = int(m.group("year")), m.end(), True, None, True
                continue
            if word in self.relative:
                year = doc_year + self.relative[word] if doc_year else None
                year_end, year_given, months, from_jan = m.end(), True, None, True
                continue
            if word in self.full:
                months, from_jan = None, True
                continue
            if word in self.ytd:
                year = doc_year
                year_end, year_given, months, from_jan = m.end(), True, None, True
                continue
            span_months, jan = self._months(m)
            joined = year_given and m.start() - year_end <= 2
            if not joined and doc_year:   # 上半年 alone: the document's year (or the one before, if not over yet)
                year = doc_year
                if doc_year and doc_month and span_months and jan and doc_month < span_months:
                    year = doc_year - 1
            months, from_jan = (span_months if span_months != 12 else None), jan
        return Period(year, months, from_jan, found)

    def _months(self, m: re.Match) -> tuple[int | None, bool]:
        """(months covered, starts in January) of a part-of-year expression."""
        word = m.group("word")
        if word in self.partial:
            return self.partial[word], True
        if word in self.not_jan:
            return None, False
        if m.group("range"):
            first, last = _int(m.group("range")), _int(m.group("end"))
            return last, first == 1
        if m.group("first"):
            return _int(m.group("first")), True
        if m.group("upto"):
            return _int(m.group("upto")), True
        month = _int(m.group("month"))
        return month, month == 1


@lru_cache(maxsize=4)
def _config(data_dir: str) -> dict:
    return json.loads((Path(data_dir) / "patterns" / "periods.json").read_text(encoding="utf-8"))
