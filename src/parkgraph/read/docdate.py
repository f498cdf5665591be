"""The date a document gives itself: its publication line, not a date it reports.

Takes the raw text; gives an ISO date (`2022-10-17`) or None.
The cues (labels such as 发布时间, byline words such as 来源/作者, page debris such as
查看/点击, page chrome such as 今天是) are in `data/patterns/document_dates.json`.

A full date (2022-10-17 15:31, 2023年11月29日, 2019/05/08, 2019.05.08) counts when it
- follows a label (发布时间：2021-03-02, 日期：…), or
- stands on a line of its own or in a byline, with nothing else but time of day, byline
  fields and page debris (2022-10-17 15:31| 发布者: admin| 查看: 449), or
- opens a dateline (2024年3月5日讯, …日电);
only near the top (a date line alone may also close the article). A date inside a body
sentence (1992年11月9日，国务院批准…; 截至2022年6月30日，…) is an event, never the
document's date; 今天是… is the day the page was fetched. The best cue wins, then the first.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]"
                  r"|([-/.])(\d{1,2})\4(\d{1,2}))(?!\d)")
TIME = re.compile(r"\d{1,2}[:：]\d\d(?:[:：]\d\d)?")
HEAD_LINES = 15
HEAD_CHARS = 1500
TAIL_LINES = 2
TAIL_CHARS = 300
EVENT_BEFORE = re.compile(r"(?:截至|截止|于|在|到|至|从|自)\s*$")   # 截至2022年6月30日: a date in a sentence
EVENT_AFTER = re.compile(r"\s*[，,、]")
BYLINE_CHARS = 80   # a byline is a short line
LEDE_LINES = 4   # a date opening one of the first lines may be the lede's (2024年3月5日，X召开…)
# the lede's date stands at the start of its line, or after 本报讯/（记者…）
LEDE_BEFORE = re.compile(r"^(?:[^，。]{0,12}(?:讯|电|）|\)|：|:))?\s*$")


@lru_cache(maxsize=4)
def _cues(data_dir: str) -> dict:
    return json.loads((Path(data_dir) / "patterns" / "document_dates.json").read_text(encoding="utf-8"))


def _default_data_dir() -> str:
    from ..resources import default_data_dir

    return str(default_data_dir())


def _iso(y: str, mo: str, d: str) -> str | None:
    month, day = int(mo), int(d)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{y}-{month:02d}-{day:02d}"


def document_date(raw: str, data_dir: str | None = None) -> str | None:
    """The document's own date (ISO) from its raw text, or None when only event dates are found.
    Raw lines are read (normalisation may join a title, byline and caption into one paragraph)."""
    cues = _cues(data_dir or _default_data_dir())
    label = re.compile("(?:" + "|".join(map(re.escape, cues["labels"])) + r")\s*[：:]?\s*$")
    chrome = re.compile("(?:" + "|".join(map(re.escape, cues["chrome"])) + r")\s*[：:]?\s*$")
    debris = re.compile("(?:" + "|".join(map(re.escape, cues["debris"])) + r")[：:]?")
    byline = re.compile("|".join(map(re.escape, cues["byline"])))
    dateline = re.compile(r"\s*(?:" + "|".join(map(re.escape, cues["dateline"])) + ")")

    lines = [unicodedata.normalize("NFKC", x).strip() for x in raw[:HEAD_CHARS].splitlines()]
    lines = [x for x in lines if x][:HEAD_LINES]
    head = len(lines)
    tail = [unicodedata.normalize("NFKC", x).strip() for x in raw[-TAIL_CHARS:].splitlines()]
    if len(raw) > HEAD_CHARS:
        lines += [x for x in tail if x][-TAIL_LINES:]
    best: tuple[int, int, str] | None = None   # (-score, line, date)
    for i, line in enumerate(lines):
        for m in DATE.finditer(line):
            y = m.group(1)
            iso = _iso(y, m.group(2), m.group(3)) if m.group(2) else _iso(y, m.group(5), m.group(6))
            before = line[max(0, m.start() - 8):m.start()]
            if m.start() == 0 and i > 0 and _continues(lines[i - 1]):
                before = lines[i - 1][-8:]   # a wrapped body line: the sentence goes on
            if iso is None or chrome.search(before) or EVENT_BEFORE.search(before):
                continue
            rest = TIME.sub(" ", line[:m.start()] + " " + line[m.end():])
            if EVENT_AFTER.match(line, m.end()):   # a date in a sentence: only a lede's, and weakly
                if i >= LEDE_LINES or not LEDE_BEFORE.search(line[:m.start()]) or _later_year(raw, int(y)):
                    continue
                score = 1
            elif label.search(before):
                score = 3
            elif dateline.match(line, m.end()) or (len(line) <= BYLINE_CHARS and byline.search(rest)):
                score = 2
            elif _is_bare(debris.sub(" ", rest)):
                score = 2
            else:
                continue
            if i >= head:
                score = 1   # a date line closing the article
            if best is None or (-score, i) < best[:2]:
                best = (-score, i, iso)
    return best[2] if best else None


_PAST_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)年")
_FUTURE_BEFORE = re.compile(r"(?:到|至|力争|争取|预计|计划|目标|展望|迈向)\s*$")


def _later_year(raw: str, year: int) -> bool:
    """Does the text report a year after `year` (not a target: 到2035年)? Then a lede's date
    is a past event (1992年11月9日，国务院批准…), not the day of the article."""
    for m in _PAST_YEAR.finditer(raw):
        if int(m.group(1)) > year and not _FUTURE_BEFORE.search(raw[max(0, m.start() - 4):m.start()]):
            return True
    return False


def _continues(line: str) -> bool:
    """Does a long line stop mid-sentence (fixed-column wrapping)?"""
    return len(line) > 20 and line[-1] not in "。！？；…!?;”’」』）)》：:"


_CJK = re.compile("[\u4e00-\u9fff]")


def _is_bare(rest: str) -> bool:
    """Is what is left of a line, once the date, time and page debris are gone, next to nothing
    (at most a few Chinese characters: a weekday, a source name)?"""
    return len(_CJK.findall(rest)) <= 4
