"""Person recogniser: a role title followed by a name, and the organisation before the title.

天和磁材研发室主任武志敏 → the person 武志敏 (title 主任) and the organisation 天和磁材;
“……”王晓婷说 → the person 王晓婷 (a name before a speech verb after a quote or punctuation).
Titles, surnames and speech verbs are data (`titles.txt`, `surnames.txt`, `speech_verbs.txt`).
Gives Person mentions (with `title` and `org_spans`) and the organisations found before titles.
"""

from __future__ import annotations

import re

from ...document import Mention
from ...resources import alternation
from ..context import DocContext
from ..spans import CJK, NAME_STOP, PUNCT, is_cjk
from .base import EntityRecognizer

DEPARTMENT = re.compile(r"(事业部|研发室|研究室|办公室|党委|党支部|研发部|技术部|工程系|工程|系|室|部|处|科)$")
# a company's regional unit between its name and a title (X公司亚太区总裁): not an organisation
REGION_UNIT = re.compile(r"(?:亚太|大中华|中国|全球|海外|国际|华东|华南|华北|华中|华西|西南|西北|东北|欧洲|北美)"
                         r"(?:区|地区|大区)")
# a party to a project between a name and a title (X产业园运营方负责人): not the organisation's name
PARTY = re.compile(r"(?:运营|主办|承办|协办|投资|建设|合作|管理|项目|甲|乙)方$")
# a transliterated foreign name after a title: 马克·霍尔, 让-保罗·杜邦
FOREIGN_NAME = re.compile(rf"[{CJK}]{{1,6}}(?:[·•][{CJK}]{{1,8}})+")
RANKS = ("常务副", "轮值", "执行", "副")  # longest first
NOT_ORGANISATIONS = ("Place", "Industry", "Policy", "Award", "Event", "Person")


class PersonRecognizer(EntityRecognizer):
    name = "persons"

    def __init__(self, res, names, extra_entries=()):
        super().__init__(res, names, extra_entries)
        self._title_re = re.compile(alternation(res.titles))
        self._speech = tuple(res.speech_words)
        sw = "|".join(re.escape(w) for w in self._speech[:12])
        self._speaker_re = re.compile(rf"(?<=[”。，；：])([{CJK}]{{2,3}})(?={sw})")
        self._bracket_title_re = re.compile(rf"（([^（）。，]{{0,20}}?)({alternation(res.titles)})）")

    def __call__(self, ctx: DocContext) -> list[Mention]:
        text = ctx.text
        persons: list[Mention] = []
        orgs: list[Mention] = []
        ends: dict[int, list[Mention]] = {}
        for c in ctx.cands:
            if c.cls not in NOT_ORGANISATIONS:
                ends.setdefault(c.end, []).append(c)
        for m in self._title_re.finditer(text):
            ts, te = m.span()
            name = self.foreign_name(text, te) or self.person_name(text, te)
            if not name or text.startswith(self.names.suffix_tuple, te):
                continue  # 委员、管委会副主任: 管委会 is a body, however 管 is a surname
            ts = _title_start(text, ts, self._title_re)
            p = Mention(te, te + len(name), name, "Person", f"rule:person/title:{m.group()}", priority=2)
            p.title = text[ts:te]
            persons.append(p)
            # the organisation right before the title (with a department in between)
            org = self._org_before(ctx, ts, ends)
            if org is None:
                # 上海工程技术大学机电工程系教授、机器人专家庄慧忠: the first title's organisation
                k = ctx.walk_left(ts)
                prev = self._title_re.search(text, max(0, k - 8), k - 1) if k > 0 and text[k - 1] == "、" else None
                if prev and prev.end() == k - 1:
                    org = self._org_before(ctx, prev.start(), ends)
            if org is not None:
                p.org_spans = [org]
                if org.source.startswith("rule:person/org"):
                    orgs.append(org)
                # A、B书记: the title also holds for an organisation listed before
                k = org.start
                if k > 0 and text[k - 1] == "、" and (k - 1) in ends:
                    p.org_spans.append(max(ends[k - 1], key=lambda c: c.end - c.start))
            persons += self._listed_after(text, p)
        persons += self._titled_after(ctx, {p.start for p in persons}, ends)
        for m in self._speaker_re.finditer(text):
            name = self.person_name(text, m.start())
            if name and m.start() not in {p.start for p in persons}:
                persons.append(Mention(m.start(), m.start() + len(name), name, "Person",
                                       "rule:person/speech", priority=1))
        return persons + orgs

    def _titled_after(self, ctx: DocContext, taken: set[int], ends: dict[int, list[Mention]]) -> list[Mention]:
        """张三（青禾集团董事长）, 张三（董事长）: a name with its organisation and title in brackets after it."""
        text, out = ctx.text, []
        for m in self._bracket_title_re.finditer(text):
            b = m.start()
            i = next((b - k for k in (3, 2, 4) if b - k >= 0 and self.person_name(text, b - k) is not None
                      and len(self.person_name(text, b - k)) == k), None)
            if i is None or i in taken:
                continue
            name = text[i:b]
            title_start = m.start(2)
            p = Mention(i, b, name, "Person", f"rule:person/name（title）:{m.group(2)}", priority=2)
            p.title = m.group(2)
            org = self._org_before(ctx, title_start, ends) if title_start > m.start(1) else None
            if org is not None and org.start >= m.start(1):
                p.org_spans = [org]
            out.append(p)
        return out

    def _listed_after(self, text: str, first: Mention) -> list[Mention]:
        """市领导张明、李华等: names listed after a titled one share its title and organisation."""
        out = []
        pos = first.end
        while text.startswith("、", pos):
            name = self.person_name(text, pos + 1)
            if not name or self._title_re.match(text, pos + 1):
                break
            p = Mention(pos + 1, pos + 1 + len(name), name, "Person", first.source + "+list", priority=2)
            p.title, p.org_spans = first.title, list(first.org_spans)
            out.append(p)
            pos = p.end
        return out

    def foreign_name(self, text: str, i: int) -> str | None:
        """The transliterated name that starts at i (马克·霍尔), its last part ending where a name
        clearly ends (a punctuation mark, a speech verb, 出席 …)."""
        m = FOREIGN_NAME.match(text, i)
        if m is None:
            return None
        last = max(m.group().rfind("·"), m.group().rfind("•")) + 1
        for clarity in (2, 1):
            for n in range(1, min(len(m.group()) - last, 5) + 1):
                end = i + last + n
                if self._end_clarity(text[end:end + 4]) == clarity:
                    return text[i:end]
        return None

    def person_name(self, text: str, i: int) -> str | None:
        """The Chinese name that starts at i (surname + one or two characters), if one does."""
        if text[i:i + 2] in self.res.compound_surnames:
            sl = 2
        elif text[i:i + 1] in self.res.surnames:
            sl = 1
        else:
            return None
        ends = {}  # given-name length -> how clearly the name ends there (2 clear, 1 weak)
        for n in (2, 1):
            given = text[i + sl:i + sl + n]
            if len(given) < n or not all(is_cjk(c) for c in given) or any(c in NAME_STOP for c in given):
                continue
            ends[n] = self._end_clarity(text[i + sl + n:i + sl + n + 4])
        for clarity in (2, 1):
            for n in (2, 1):
                if ends.get(n) == clarity:
                    return text[i:i + sl + n]
        # no clear end: the common three-character name
        given = text[i + sl:i + sl + 2]
        if len(given) == 2 and all(is_cjk(c) and c not in NAME_STOP for c in given):
            return text[i:i + sl + 2]
        return None

    def _end_clarity(self, after: str) -> int:
        """2 where a name clearly ends before `after` (punctuation, a speech verb, a title, a word
        of two or more characters that follows names: 以及, 出席), 1 where a one-character one
        does (和, 在), else 0."""
        if not after or after[0] in PUNCT or after.startswith(self._speech) or self._title_re.match(after):
            return 2
        follower = next((w for w in self.res.name_followers if after.startswith(w)), None)
        if follower is None:
            return 0
        return 2 if len(follower) > 1 else 1

    def _org_before(self, ctx: DocContext, ts: int, ends: dict[int, list[Mention]]) -> Mention | None:
        if ts in ends:
            return max(ends[ts], key=lambda c: (c.end - c.start))
        res, text = self.res, ctx.text
        start = ctx.walk_left(ts)
        span = text[start:ts]
        if PARTY.search(span):
            return None
        if REGION_UNIT.fullmatch(span):  # X公司亚太区总裁: the company's
            return max(ends[start], key=lambda c: c.end - c.start) if start in ends else None
        if len(span) < 2:
            return None
        # strip a department (研发室, 事业部党委 …) back to a known organisation or a company head
        if DEPARTMENT.search(span):
            for e in sorted(ends):
                if start < e < ts:
                    return max(ends[e], key=lambda c: c.end - c.start)
            if not span.endswith("事业部"):
                cut = None
                for h in res.short_company_suffixes:
                    k = span.find(h)
                    if k > 0 and (cut is None or k + len(h) < cut):
                        cut = k + len(h)
                if cut:
                    span = span[:cut]
        if not self.names.name_ok(span, 2) or len(span) > 16:
            return None
        if span in res.titles or span in res.places or span in res.industries:
            return None
        return Mention(start, start + len(span), span, "Enterprise", "rule:person/org-before-title", priority=1)


def _title_start(text: str, ts: int, title_re: re.Pattern | None = None) -> int:
    """Where a title starts with its rank words (副秘书长, 常务副市长: the list holds the bare
    titles) and with the titles joined to it by 兼 (创始人兼首席执行官)."""
    for rank in RANKS:
        if text.startswith(rank, ts - len(rank)):
            ts -= len(rank)
            break
    while title_re is not None and ts > 1 and text[ts - 1] == "兼":
        before = next((m for k in range(2, 7) if (m := title_re.fullmatch(text, ts - 1 - k, ts - 1))), None)
        if before is None:
            break
        ts = before.start()
    return ts
