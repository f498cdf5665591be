"""Stage 3: recognise entity mentions in a normalised, sentence-split document.

Takes a `Document` (text, sentences) and the loaded `Resources`; fills `doc.mentions` (the
non-overlapping mentions the later stages use), `doc.candidates` (every mention any rule
proposed, nested ones included, used for containment relations) and `doc.alias_pairs`
(简称 declarations and titled persons' organisations found on the way).

Recognisers, each a function over the whole text:
- lexicon: surface forms from `data/lexicon/*.jsonl` (skipped with --no-lexicon);
- places: the administrative gazetteer, and city + district names (杭州市滨江区);
- organisation heads: a suffix from `suffixes.tsv` (有限公司, 实验室, 高新区 …) extended to the
  left over name-like jieba tokens until a boundary (a function word, a clause-initial verb,
  punctuation), so names never seen before are found;
- coordinations: 区块链与数据安全、经血管植入器械两个全国重点实验室 → two labs;
- quoted names: “…” and 《…》 become policies, awards or events by their heads or context;
- persons: a role title followed by a surname and given name, and the organisation before
  the title (天和磁材研发室主任武志敏 → 天和磁材, 武志敏);
- enumerations: A、B、C等企业 → enterprises;
- 简称 declarations (（以下简称“宇树科技”）) and references (该高新区).

Overlaps are settled by `prioritize_longest`: the longest span wins, then the higher priority.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import accumulate

from .document import Document, Mention
from .industry_lists import industry_list_mentions
from .resources import Resources, alternation, find_longest

PUNCT = set("，。、；：？！“”‘’（）《》〈〉【】—…·,.;:?!()[]\"' \n-－/／·●►▶■□◆")
STOP_TAGS = {"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "r", "m", "q", "y", "e", "o", "mq", "rr", "rz"}
VERBISH_TAGS = {"v", "vd", "vn", "d", "ad", "vi", "vq", "t", "f", "a", "b"}
STOP_CHARS = set("的是在和与等就都还已则也很对说了着过被把从向为于及或而其该各这那"
                 "我你他她它们年月日个到含让给使往用据按经靠要会需第前约超近共将")
# characters that end a given name (a smaller set: 超, 约, 前 … do occur in names)
STOP_OR_PUNCT = STOP_CHARS | PUNCT
NAME_STOP = set("的是在和与等就都还已则也很对说了着过被把从向为于及或而其该各这那我你他她它们年月日个")
NAME_PREFIXES = ("中共", "中国", "中华人民共和国")
DEPARTMENT = re.compile(r"(事业部|研发室|研究室|办公室|党委|党支部|研发部|技术部|工程系|工程|系|室|部|处|科)$")
MAX_NAME = 20
# heads after which a bare place does not make a name (浙江省产业园区), unlike 杭州高新区
PLACE_NOT_ENOUGH = {"高新技术产业园区", "产业园区", "产业园", "科技园", "创新中心", "研究中心", "服务中心", "交易中心",
                    "重点实验室", "研究院", "基金", "产业基金", "项目", "基地项目", "生产基地"}
# the classes whose names may stand inside a name of the key class (浙江大学|滨江研究院)
PARENTS = {
    "Lab": {"University", "Lab", "Enterprise", "Organization", "Park", "GovernmentBody"},
    "Park": {"Park"},
    "Enterprise": {"Enterprise"},
    "GovernmentBody": {"Park", "GovernmentBody"},
    "University": {"University"},
    "Organization": {"Park", "Organization", "GovernmentBody", "University"},
    "Fund": set(),
    "Project": {"Park", "Enterprise"},
}
CJK = r"\u4e00-\u9fff"
FIGURE = re.compile(r"[\d.%％]+")
DIGIT = re.compile(r"\d")
LATIN = re.compile(r"[A-Za-z]")
BRACKETS_DOTS = re.compile(r"[（）()·\s]")
REFERRING_END = re.compile(r"(该|本|这个|此)$")
BRACKETED_PLACE = re.compile(rf"（([{CJK}]{{2,5}})）")
ADMIN_UNITS = re.compile(r"[省市区县]")
BRACKETED = re.compile(r"（[^）]*）")


@dataclass(slots=True)
class Tokens:
    """jieba's words of a document and where they are: `words[i]` is `text[starts[i]:ends[i]]`.
    Three lists rather than an object per word: a document has thousands of words."""
    words: list[str]
    starts: list[int]
    ends: list[int]

    def index_at(self, pos: int) -> int:
        """The index of the word that contains text position pos."""
        return max(bisect.bisect_right(self.starts, pos) - 1, 0)


class Recognizer:
    def __init__(self, res: Resources, extra_entries: list | None = None):
        self.res = res
        self.entries = list(res.lexicon) + list(extra_entries or [])
        self._lexicon_re, self._lexicon_map = self._compile_lexicon()
        self._place_re = self._compile_places()
        self._title_re = re.compile(alternation(res.titles))
        self._speech = tuple(res.speech_words)
        stop = "".join(sorted(STOP_CHARS))
        self._policy_suffix_re = re.compile(
            rf"(?![{stop}])[^，。、；：“”《》（）\s{stop}]{{0,11}}?"
            rf"(?:{'|'.join(map(re.escape, res.policy_suffixes))})(?![\u4e00-\u9fff]{{0,1}}(?:引进|实施|建设))")
        self._event_suffix_re = re.compile(
            rf"[^，。、；：“”《》（）\s{stop}]{{0,2}}(?:{'|'.join(map(re.escape, res.event_suffixes))})")
        self._suffix_tuple = tuple(res.suffixes)
        self._suffix_tuple_by_len = sorted(res.suffixes, key=len, reverse=True)
        self._places_longest_first = sorted(res.places, key=len, reverse=True)
        self._places_tuple = tuple(self._places_longest_first)
        self._legal_not_bare = tuple(lf for lf in res.legal_forms if lf != "公司")
        self._coordination_re: re.Pattern | None = None
        self._place_initials = {p[0] for p in res.places}
        self._generic_all = sorted(set(res.generic_words) | set(res.suffixes), key=len, reverse=True)
        self._generic_re = re.compile("|".join(map(re.escape, self._generic_all)))
        self._industry_re = re.compile(alternation(res.industries))
        self._any_place_re = re.compile(alternation(res.places)) if res.places else re.compile("(?!)")

    # ------------------------------------------------------------------ setup
    def _compile_lexicon(self):
        forms: dict[str, tuple[str, str, str]] = {}
        for e in self.entries:
            for form in [e.label, *e.aliases]:
                plain = form.replace("“", "").replace("”", "")
                for f in {form, plain, to_fullwidth_brackets(form)}:
                    if len(f) >= 2:
                        forms.setdefault(f, (e.label, e.cls, e.source))
        if not forms:
            return None, {}
        return re.compile(alternation(forms)), forms

    def _compile_places(self):
        alt = alternation(self.res.places)
        not_org = "高新|开发|产业|工业|保税|合作|示范|试验|园区|科技|经济|新区|城区|市区|景区|社区|校区|街区"
        return re.compile(rf"(?:{alt})(?:省|市|自治区)?(?:(?!{not_org})[{CJK}]{{2}}(?:区|县)(?![块域内外间级委]))?")

    # ------------------------------------------------------------------ main
    def recognize(self, doc: Document) -> Document:
        text = doc.text
        self._tokens = self.tokenize(doc)
        cands: list[Mention] = []
        if self._lexicon_re is not None:
            cands += self.lexicon_mentions(text)
        cands += self.place_mentions(text)
        cands += self.industry_mentions(text)
        cands += industry_list_mentions(text, cands, self.res)
        cands += self.suffix_mentions(text)
        cands += self.coordination_mentions(text)
        cands += self.quoted_mentions(text, cands)
        persons, orgs = self.person_mentions(text, cands)
        cands += persons + orgs
        cands += self.enumeration_mentions(text, cands)
        cands += self.trade_name_mentions(text, cands)
        cands = [m for m in cands if m.text.strip()]
        kept = prioritize_longest(cands)
        kept += self.alias_mentions(doc, kept)
        kept = prioritize_longest(kept)
        kept += self.industry_phrase_mentions(text, kept)
        kept += self.reference_mentions(text, kept)
        kept.sort(key=lambda m: m.start)
        doc.candidates = cands
        doc.mentions = kept
        return doc

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

    # ------------------------------------------------------------------ recognisers
    def lexicon_mentions(self, text: str) -> list[Mention]:
        out = []
        for m in self._lexicon_re.finditer(text):
            label, cls, source = self._lexicon_map[m.group()]
            mm = Mention(m.start(), m.end(), m.group(), cls, source,
                         priority=4 if source.startswith("correction") else 3)
            mm.canonical = label
            out.append(mm)
        return out

    def place_mentions(self, text: str) -> list[Mention]:
        out = []
        for m in self._place_re.finditer(text):
            out.append(Mention(m.start(), m.end(), m.group(), "Place", "rule:place/gazetteer", priority=1))
        # a district or county named by a place-tagged word: 滨江区, 高港区
        for m in re.finditer(rf"([{CJK}]{{2}})(区|县)(?![块域内外间级委])", text):
            if self.res.word_tags.get(m.group(1)) == "ns" and m.group() not in self.res.suffixes:
                out.append(Mention(m.start(), m.end(), m.group(), "Place", "rule:place/ns+区", priority=1))
        return out

    def industry_mentions(self, text: str) -> list[Mention]:
        return [Mention(m.start(), m.end(), m.group(), "Industry", "rule:industry/vocabulary", priority=0)
                for m in self._industry_re.finditer(text)]

    def suffix_mentions(self, text: str) -> list[Mention]:
        out = []
        ends = set(self._tokens.ends)
        for m in self.res.suffix_re.finditer(text):
            suffix = m.group()
            s, e = m.span()
            if e not in ends and not (e == len(text) or text[e] in PUNCT):
                # the head runs into a longer word (大学生, 集团化) unless that word is itself known (局|局长)
                rest = text[e:self._tokens.ends[self._tokens.index_at(e)]]
                if not (len(rest) >= 2 and (rest in self.res.titles or rest in self.res.suffixes
                                            or rest in self.res.word_tags)):
                    continue
            cls, min_name = self.res.suffixes[suffix]
            start = self.walk_left(text, s, allow_conj="重点实验室" in suffix, cls=cls)
            if start == s and len(suffix) == 1:
                continue
            for head in self._suffix_tuple if text.startswith(self._suffix_tuple, start) else ():
                if text.startswith(head, start) and start + len(head) < s:
                    start += len(head)  # a name never starts with a bare head (研究院|中国高新区…)
                    break
            name = text[start:s]
            ref = REFERRING_END.search(text[max(0, s - 2):s])
            if ref and not name:
                continue  # 该高新区: handled by reference_mentions
            quoted = text[start - 1:start] == "“" and text[e:e + 1] == "”"
            if not (quoted and name) and not self._name_ok(name, min_name):
                continue
            if not quoted and suffix in PLACE_NOT_ENOUGH and self._only_place(name):
                continue  # 浙江省高新技术产业园区: a category, not a name
            if cls == "Project" and not self._project_name_ok(start, s, name):
                continue
            end = self._bracket_after(text, e)
            out.append(Mention(start, end, text[start:end], cls, f"rule:suffix/{suffix}", priority=1))
        return out

    def _only_place(self, name: str) -> bool:
        rest = name
        while True:  # until nothing is left to take: a removal can bring two halves together
            shorter = self._any_place_re.sub("", rest)
            if shorter == rest:
                break
            rest = shorter
        return ADMIN_UNITS.sub("", rest) == ""

    def _project_name_ok(self, start: int, s: int, name: str) -> bool:
        """Project heads (项目, 基地) are common nouns: the name must be a real name."""
        if len(name) < 3:
            return False
        for w in self._tokens.words[self._tokens.index_at(start):self._tokens.index_at(s - 1) + 1]:
            if len(w) > 1 and self.res.word_tags.get(w) in ("v", "vd"):
                return False
        return True

    def _bracket_after(self, text: str, e: int) -> int:
        """Extend over a trailing place in brackets: 泰州医药高新区（高港区）, 杭州高新区（滨江）."""
        m = BRACKETED_PLACE.match(text[e:e + 8])
        if m and (m.group(1) in self.res.places or self.res.word_tags.get(m.group(1)) == "ns"
                  or m.group(1)[-1] in "区县市"):
            return e + m.end()
        return e

    def _name_ok(self, name: str, min_name: int) -> bool:
        if len(name) < min_name or len(name) > MAX_NAME:
            return False
        if DIGIT.search(name) and not LATIN.search(name):
            return False
        # the name must hold something that is not a generic modifier
        rest = self._generic_re.sub("", name)
        rest = BRACKETS_DOTS.sub("", rest)
        return len(rest) >= 1 and not (len(rest) == 1 and len(name) <= 2)

    def _head_class(self, w: str) -> str | None:
        for h in self._suffix_tuple_by_len:
            if w.endswith(h):
                return self.res.suffixes[h][0]
        return None

    def walk_left(self, text: str, pos: int, allow_conj: bool = False, limit: int = MAX_NAME,
                  cls: str | None = None) -> int:
        """Start of the name that ends at pos: extend left over name-like tokens."""
        i = self._tokens.index_at(pos - 1) if pos > 0 else 0
        start = pos
        words, starts, ends = self._tokens.words, self._tokens.starts, self._tokens.ends
        n = len(words)
        if i < n and starts[i] < pos < ends[i]:
            # pos falls inside a token (浙江大学 → 大学): its head part belongs to the name
            if words[i][: pos - starts[i]] in self.res.boundary_words:
                return pos
            if ends[i] - pos < 2 and words[i] not in self.res.suffixes:
                return pos  # a one-character head inside a word (格局, 布局) is no head
            start = starts[i]
            i -= 1
        elif i < n and ends[i] > pos:
            i -= 1
        in_bracket = False
        after_place = False
        restart: int | None = None
        while i >= 0:
            w = words[i]
            if ends[i] != start:
                break
            if after_place and not in_bracket and not (
                    w in self.res.places or w.endswith(self._suffix_tuple) or w in NAME_PREFIXES
                    or w in ("）", "（") or self.res.word_tags.get(w) in ("ns", "nt", "j")):
                # a place begins a name: 钟爱|杭州高新区, but 浙江大学|滨江研究院 goes on, and so
                # does an abbreviation at the clause start (，南大|苏州研究院)
                k = i
                while k >= 0 and len(words[k]) == 1 and words[k] not in STOP_OR_PUNCT \
                        and "\u4e00" <= words[k] <= "\u9fff":
                    k -= 1
                if 2 <= i - k <= 3 and words[k + 1] in self._place_initials \
                        and (k < 0 or words[k] in PUNCT or words[k] in self.res.boundary_words):
                    start = starts[k + 1]
                break
            if w.endswith(self._suffix_tuple) and not in_bracket:
                if cls is not None and self._head_class(w) not in PARENTS.get(cls, set()):
                    break  # 研究院|中国高新区: a park is not named after a lab
                after_place = False  # a parent organisation's name: walk on through it
            if w == "）" and not in_bracket:
                k = i - 1
                while k >= 0 and words[k] != "（" and i - k < 6:
                    k -= 1
                if k > 0 and words[k - 1].endswith(self._suffix_tuple) and (
                        cls is None or self._head_class(words[k - 1]) not in PARENTS.get(cls, set())):
                    break  # 杭州高新区（滨江）|全面构筑…基金: the bracket closes another name
                in_bracket = True
                start = starts[i]
                i -= 1
                continue
            if w == "（" and in_bracket:
                in_bracket = False
                start = starts[i]
                i -= 1
                continue
            if pos - starts[i] > limit:
                if restart is not None:
                    start = restart  # too long: keep the name from its last place or head
                break
            if w in PUNCT or w.isspace():
                break
            if allow_conj and w in ("与", "和") and i > 0 and words[i - 1] not in PUNCT:
                start = starts[i]
                i -= 1
                continue
            if w in self.res.places or (self.res.word_tags.get(w) == "ns" and len(w) > 1):
                after_place = not in_bracket
                start = starts[i]
                if not in_bracket:
                    restart = starts[i]
                i -= 1
                continue
            if w in ("和", "与") and 0 < i < n - 1 and len(words[i - 1]) == 1 \
                    and len(words[i + 1]) == 1 and words[i - 1] not in STOP_OR_PUNCT \
                    and words[i + 1] not in STOP_OR_PUNCT:
                start = starts[i]  # 天和磁材: a lone 和 inside a name jieba does not know
                i -= 1
                continue
            if w in self.res.boundary_words:
                break
            if FIGURE.fullmatch(w):
                break
            tag = self.res.word_tags.get(w)
            if len(w) > 1 and tag in STOP_TAGS:
                break
            if len(w) == 1 and w in STOP_CHARS:
                break
            if len(w) > 1 and tag in VERBISH_TAGS:
                # a verb or adverb inside a name only after a place or a name word
                if i == 0 or ends[i - 1] != starts[i] or not self._namey(words[i - 1]):
                    break
            start = starts[i]
            i -= 1
        if in_bracket:  # unbalanced: drop what came before the closing bracket
            j = text.find("）", start, pos)
            start = j + 1 if j >= 0 else start
        # never start a name inside quote marks or with a generic modifier alone
        while start < pos and text[start] in "（）·":
            start += 1
        return start

    def _namey(self, w: str) -> bool:
        if w in self.res.places:
            return True
        if w in PUNCT or w in self.res.boundary_words:
            return False
        tag = self.res.word_tags.get(w)
        if len(w) == 1:
            return w not in STOP_CHARS and "\u4e00" <= w <= "\u9fff"
        return tag in ("ns", "nz", "nr", "nt", "n", "j") or tag is None

    def coordination_mentions(self, text: str) -> list[Mention]:
        """A、B两个X / A、B等X: each item with the shared head X."""
        out = []
        if self._coordination_re is None:
            heads = "|".join(re.escape(s) for s in sorted(self.res.suffixes, key=len, reverse=True)
                             if self.res.suffixes[s][0] in ("Lab", "University"))
            self._coordination_re = re.compile(rf"((?:[^，。；：、“”\n]{{2,14}}、)+[^，。；：、“”\n]{{2,14}}?)"
                                               rf"(?:[两三四五六七八九十]个|等)({heads})")
        for m in self._coordination_re.finditer(text):
            head = m.group(2)
            cls = self.res.suffixes[head][0]
            items_text = m.group(1)
            base = m.start(1)
            parts = items_text.split("、")
            offs = []
            p = base
            for part in parts:
                offs.append((p, p + len(part)))
                p += len(part) + 1
            # the first item starts where a name starting at its end would start
            s0, e0 = offs[0]
            s0 = self.walk_left(text, e0, allow_conj=True)
            offs[0] = (s0, e0)
            for s, e in offs:
                item = text[s:e]
                if not self._name_ok(item, 2) or any(c in PUNCT for c in item):
                    continue
                mm = Mention(s, e, item, cls, f"rule:coordination/{head}", priority=1, surface=item + head)
                out.append(mm)
        return out

    def quoted_mentions(self, text: str, cands: list[Mention]) -> list[Mention]:
        out = []
        prev_policy_end = -10
        for m in re.finditer(r"“([^“”\n。！？]{1,30})”|《([^《》\n。]{2,60})》", text):
            inner = m.group(1) or m.group(2)
            book = m.group(2) is not None
            s, e = m.span()
            after = text[e:e + 14]
            before = text[max(0, s - 6):s]
            if book:
                if self._ends_with(inner, self.res.policy_suffixes) or re.search(
                        r"(规划|方案|意见|办法|政策|计划|条例|规定|纲要|措施|细则)", inner):
                    out.append(Mention(s, e, m.group(), "Policy", "rule:policy/《》", priority=2,
                                       surface=inner))
                    prev_policy_end = e
                continue
            if "、" in inner:
                continue  # a slogan list (东优、西建…), not one name
            event = self._event_suffix_re.match(after)
            tail = self._policy_suffix_re.match(after)
            if self._ends_with(inner, self.res.award_suffixes) and not tail and len(inner) >= 3:
                start, surface = s, inner
                place = self._place_before(cands, s)
                if place is not None:
                    start, surface = place.start, place.text + inner
                out.append(Mention(start, e, text[start:e], "Award", "rule:award/quoted", priority=2,
                                   surface=surface))
                continue
            if event and not tail:
                end = e + event.end()
                out.append(Mention(s, end, text[s:end], "Event", "rule:event/quoted+head", priority=2,
                                   surface=inner + event.group()))
                continue
            if self._ends_with(inner, self.res.event_suffixes):
                out.append(Mention(s, e, m.group(), "Event", "rule:event/quoted", priority=2, surface=inner))
                continue
            if tail and not re.match(r"[^“”]{0,3}(?:等|和|与)", after):
                end = e + tail.end()
                # a quoted name followed by its head: “315”科技创新体系建设工程, “凤栖高新”引才计划
                start = s
                lead = re.search(r"(三个|两个|四个|五个)$", before)
                if lead:
                    pass  # 三个“一号工程”: the count is not part of the name
                out.append(Mention(start, end, text[start:end], "Policy", "rule:policy/quoted+head",
                                   priority=2, surface=inner + tail.group()))
                prev_policy_end = end
                continue
            if self._ends_with(inner, self.res.policy_suffixes) and len(inner) >= 3:
                out.append(Mention(s, e, m.group(), "Policy", "rule:policy/quoted", priority=2, surface=inner))
                prev_policy_end = e
                continue
            if inner.endswith(self._suffix_tuple):
                continue  # “中国视谷”: an organisation name in quotes, found by the suffix rule
            verb = any(before.endswith(v) for v in self.res.policy_verbs)
            chained = prev_policy_end == s
            if (verb or chained) and 2 <= len(inner) <= 12 and not re.search(r"[，、。]", inner):
                out.append(Mention(s, e, m.group(), "Policy", "rule:policy/verb+quoted", priority=2,
                                   surface=inner))
                prev_policy_end = e
        return out

    @staticmethod
    def _ends_with(s: str, heads: list[str]) -> bool:
        return any(s.endswith(h) for h in heads)

    @staticmethod
    def _place_before(cands: list[Mention], pos: int) -> Mention | None:
        best = None
        for c in cands:
            if c.cls == "Place" and c.end == pos and (best is None or c.start < best.start):
                best = c
        return best

    def person_mentions(self, text: str, cands: list[Mention]) -> tuple[list[Mention], list[Mention]]:
        persons: list[Mention] = []
        orgs: list[Mention] = []
        self.person_titles = getattr(self, "person_titles", {})
        ends: dict[int, list[Mention]] = {}
        for c in cands:
            if c.cls not in ("Place", "Industry", "Policy", "Award", "Event", "Person"):
                ends.setdefault(c.end, []).append(c)
        for m in self._title_re.finditer(text):
            ts, te = m.span()
            name = self._person_name(text, te)
            if not name:
                continue
            p = Mention(te, te + len(name), name, "Person", f"rule:person/title:{m.group()}", priority=2)
            p.title = m.group()
            persons.append(p)
            # the organisation right before the title (with a department in between)
            org = self._org_before(text, ts, ends)
            if org is None:
                # 上海工程技术大学机电工程系教授、机器人专家庄慧忠: the first title's organisation
                k = self.walk_left(text, ts)
                prev = self._title_re.search(text, max(0, k - 8), k - 1) if k > 0 and text[k - 1] == "、" else None
                if prev and prev.end() == k - 1:
                    org = self._org_before(text, prev.start(), ends)
            if org is not None:
                p.org_spans = [org]
                if org.source.startswith("rule:person/org"):
                    orgs.append(org)
                # A、B书记: the title also holds for an organisation listed before
                k = org.start
                if k > 0 and text[k - 1] == "、" and (k - 1) in ends:
                    p.org_spans.append(max(ends[k - 1], key=lambda c: c.end - c.start))
        # names followed by a speech verb after a quote or punctuation: “…”王晓婷说
        sw = "|".join(re.escape(w) for w in self._speech[:12])
        for m in re.finditer(rf"(?<=[”。，；：])([{CJK}]{{2,3}})(?={sw})", text):
            name = self._person_name(text, m.start())
            if name and m.start() not in {p.start for p in persons}:
                persons.append(Mention(m.start(), m.start() + len(name), name, "Person",
                                       "rule:person/speech", priority=1))
        return persons, orgs

    def _person_name(self, text: str, i: int) -> str | None:
        two = text[i:i + 2]
        if two in self.res.compound_surnames:
            sl = 2
        elif text[i:i + 1] in self.res.surnames:
            sl = 1
        else:
            return None
        for n in (2, 1):
            given = text[i + sl:i + sl + n]
            if len(given) < n or not all("\u4e00" <= c <= "\u9fff" for c in given):
                continue
            if any(c in NAME_STOP for c in given):
                continue
            after = text[i + sl + n:i + sl + n + 4]
            if not after or after[0] in PUNCT or after.startswith(self._speech) \
                    or self._title_re.match(after):
                return text[i:i + sl + n]
        # no clear end: the common three-character name
        given = text[i + sl:i + sl + 2]
        if len(given) == 2 and all("\u4e00" <= c <= "\u9fff" and c not in NAME_STOP for c in given):
            return text[i:i + sl + 2]
        return None

    def _org_before(self, text: str, ts: int, ends: dict[int, list[Mention]]) -> Mention | None:
        if ts in ends:
            return max(ends[ts], key=lambda c: (c.end - c.start))
        start = self.walk_left(text, ts)
        span = text[start:ts]
        if len(span) < 2:
            return None
        # strip a department (研发室, 事业部党委 …) back to a known organisation or a company head
        dept = DEPARTMENT.search(span)
        if dept:
            for e in sorted(ends):
                if start < e < ts:
                    return max(ends[e], key=lambda c: c.end - c.start)
            if not span.endswith("事业部"):
                cut = None
                for h in self.res.short_company_suffixes:
                    k = span.find(h)
                    if k > 0 and (cut is None or k + len(h) < cut):
                        cut = k + len(h)
                if cut:
                    span = span[:cut]
        if not self._name_ok(span, 2) or len(span) > 16:
            return None
        if span in self.res.titles or span in self.res.places or span in self.res.industries:
            return None
        return Mention(start, start + len(span), span, "Enterprise", "rule:person/org-before-title", priority=1)

    def enumeration_mentions(self, text: str, cands: list[Mention]) -> list[Mention]:
        """A、B、C等企业 → each item an enterprise (or what the head noun says)."""
        heads = {"企业": "Enterprise", "公司": "Enterprise", "上市企业": "Enterprise", "龙头企业": "Enterprise",
                 "高校": "University", "大学": "University"}
        out = []
        covered = Occupancy((c.start, c.end) for c in cands)
        rx = re.compile(r"((?:[^，。；：、“”（）\n]{2,12}、)+[^，。；：、“”（）\n]{2,12}?)等"
                        r"(?:\d+家|一批|一大批|多家|众多)?(?:[^，。；、“”\n]{0,20}的)?"
                        r"(?:知名|龙头|骨干|上市|重点|科技型?|高新技术|领军|头部|链主)?"
                        r"(上市企业|龙头企业|企业|公司|高校)")
        for m in rx.finditer(text):
            cls = heads[m.group(2)]
            parts = m.group(1).split("、")
            p = m.start(1)
            offs = []
            for part in parts:
                offs.append((p, p + len(part)))
                p += len(part) + 1
            s0, e0 = offs[0]
            offs[0] = (self.walk_left(text, e0, limit=12), e0)
            for s, e in offs:
                item = text[s:e]
                if covered.overlaps(s, e) and any(c.start <= s and e <= c.end for c in cands):
                    continue
                if len(item) < 2 or len(item) > 10 or not self._name_ok(item, 2):
                    continue
                if any(ch in STOP_CHARS for ch in item[:1]) or item in self.res.industries:
                    continue
                out.append(Mention(s, e, item, cls, f"rule:enumeration/等{m.group(2)}", priority=1))
        return out

    def trade_name_mentions(self, text: str, cands: list[Mention]) -> list[Mention]:
        """Enterprises by trade name: 趣链科技 (unknown characters + a trade head), and the short
        forms of legal names found in this document (北科交大机器人, 包头江馨, 江馨微电机公司)."""
        out = []
        heads = self.res.short_company_suffixes
        words, starts, ends = self._tokens.words, self._tokens.starts, self._tokens.ends
        for i in [i for i, w in enumerate(words) if w in heads]:
            j = i
            while j > 0 and len(words[j - 1]) == 1 and ends[j - 1] == starts[j] \
                    and words[j - 1] not in STOP_CHARS and "\u4e00" <= words[j - 1] <= "\u9fff" \
                    and self.res.word_tags.get(words[j - 1]) not in ("p", "c", "u", "uj", "d", "r", "m", "q"):
                j -= 1
            if i - j < 2 or i - j > 4:
                continue
            if j > 0 and words[j - 1] not in PUNCT and words[j - 1] not in self.res.boundary_words \
                    and self.res.word_tags.get(words[j - 1]) not in ("v", "p", "c", "uj", "d"):
                continue
            s, e = starts[j], ends[i]
            name = text[s:e]
            cue = re.match(r"(?:企业|公司|集团|总部|董事长|总经理|创始人|成立|创办|是|达成|签署|签订|合作)",
                           text[e:e + 3])
            if not cue and text.count(name) < 2:
                continue  # a trade name recurs or is introduced as a company
            out.append(Mention(s, e, name, "Enterprise", f"rule:trade-name/{words[i]}", priority=1))
        out += self.short_form_mentions(text, self.short_forms_of(cands))
        return out

    def short_forms_of(self, mentions: list[Mention]) -> set[str]:
        """Short forms of the legal enterprise names among the mentions."""
        forms: set[str] = set()
        for c in mentions:
            if c.cls == "Enterprise" and c.text.endswith(self._legal_not_bare):
                forms |= self._short_forms(c.text)
        return forms

    @staticmethod
    def short_form_mentions(text: str, forms: set[str]) -> list[Mention]:
        if not forms:
            return []
        return [Mention(s, e, text[s:e], "Enterprise", "rule:trade-name/short-form", priority=1)
                for s, e in find_longest(text, forms, "公司")]

    def add_corpus_short_forms(self, doc: Document, forms: set[str]) -> None:
        """Second pass: short forms of legal names found anywhere in the corpus."""
        taken = Occupancy((k.start, k.end) for k in doc.mentions)
        new = [m for m in self.short_form_mentions(doc.text, forms) if not taken.overlaps(m.start, m.end)]
        if new:
            doc.candidates += new
            doc.mentions = sorted(doc.mentions + prioritize_longest(new), key=lambda m: m.start)

    def _short_forms(self, legal: str) -> set[str]:
        name = BRACKETED.sub("", legal)
        for lf in self.res.legal_forms:
            if name.endswith(lf):
                name = name[: -len(lf)]
                break
        place = ""
        for p in self._places_longest_first if name.startswith(self._places_tuple) else ():
            if name.startswith(p) and len(name) - len(p) >= 3:
                place, name = p, name[len(p):]
                break
        out = {name}
        core = name
        for d in self.res.trade_descriptors:
            if core.endswith(d) and len(core) - len(d) >= 2:
                core = core[: -len(d)]
                out.add(core)
                break
        if place:
            out |= {place + n for n in out}
        return {f for f in out if len(f) >= 3 and f not in self.res.generic_words and f not in self.res.industries}

    def alias_mentions(self, doc: Document, kept: list[Mention]) -> list[Mention]:
        """简称 declarations and later uses of the short form in the same document."""
        text = doc.text
        out = []
        doc.alias_pairs = getattr(doc, "alias_pairs", [])
        by_end = {m.end: m for m in kept}
        for m in re.finditer(r"（(?:以下)?(?:简称|下称)[“]?([^”）]{2,12})[”]?）", text):
            owner = by_end.get(m.start())
            if owner is None:
                continue
            short = m.group(1)
            doc.alias_pairs.append((owner.name, short, owner.cls))
            out.append(Mention(m.start() + m.group(0).index(short), m.start() + m.group(0).index(short)
                               + len(short), short, owner.cls, "rule:alias/简称", priority=2))
            for k in re.finditer(re.escape(short), text):
                if k.start() > m.end():
                    out.append(Mention(k.start(), k.end(), short, owner.cls, "rule:alias/简称-use", priority=2))
        return out

    def reference_mentions(self, text: str, kept: list[Mention]) -> list[Mention]:
        """该高新区, 该基金 … refer to the closest earlier mention of that class."""
        out = []
        heads = {"高新区": "Park", "园区": "Park", "开发区": "Park", "基金": "Fund", "项目": "Project",
                 "实验室": "Lab", "研究院": "Lab", "中心": "Lab", "转化中心": "Lab", "公司": "Enterprise",
                 "企业": "Enterprise", "集团": "Enterprise", "大学": "University"}
        rx = re.compile(r"该(" + "|".join(sorted(heads, key=len, reverse=True)) + ")"
                        r"|(?:(?<=^)|(?<=[，。；：、“\n])|(?<=位于)|(?<=在)|(?<=全))(园区)(?![区内外])")
        by_class: dict[str, list[Mention]] = {}
        for k in sorted(kept, key=lambda k: k.end):
            by_class.setdefault(k.cls, []).append(k)
        ends = {c: [k.end for k in ms] for c, ms in by_class.items()}
        for m in rx.finditer(text):
            cls = heads[m.group(1)] if m.group(1) else "Park"  # bare 园区: the park in focus
            i = bisect.bisect_right(ends.get(cls, []), m.start()) - 1
            if i < 0 or m.start() - by_class[cls][i].end >= 600:
                continue
            target = by_class[cls][i]
            mm = Mention(m.start(), m.end(), m.group(), cls, "rule:reference/该", priority=0,
                         is_reference=True)
            mm.refers_to = target
            out.append(mm)
        return out


    def industry_phrase_mentions(self, text: str, kept: list[Mention]) -> list[Mention]:
        """Industries the text names as such: 是光纤预制棒领域的佼佼者, 聚焦材料科学领域."""
        out = []
        taken = Occupancy((k.start, k.end) for k in kept)
        rx = re.compile(r"(?:是|深耕|布局|主攻|瞄准)([\u4e00-\u9fff]{2,8}?)(?:领域|行业|赛道)")
        for m in rx.finditer(text):
            s, e = m.span(1)
            name = m.group(1)
            if taken.overlaps(s, e) or not self._name_ok(name, 2):
                continue
            if any(c in STOP_CHARS for c in name) or name.endswith(("的", "等")):
                continue
            out.append(Mention(s, e, name, "Industry", "rule:industry/X领域", priority=0))
        return out


def prioritize_longest(mentions: list[Mention]) -> list[Mention]:
    """The overlap policy: longer spans win, then higher priority, then the earlier start."""
    chosen: list[Mention] = []
    occupied = Occupancy()
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), -m.priority, m.start)):
        if occupied.overlaps(m.start, m.end):
            continue
        chosen.append(m)
        occupied.take(m.start, m.end)
    return chosen


class Occupancy:
    """Which characters are already claimed by a mention: O(span) checks instead of O(mentions)."""

    def __init__(self, spans=()):
        self.flags = bytearray()
        for s, e in spans:
            self.take(s, e)

    def take(self, start: int, end: int) -> None:
        if end > len(self.flags):
            self.flags.extend(bytes(end - len(self.flags) + 256))
        self.flags[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return any(self.flags[start:end])


def to_fullwidth_brackets(s: str) -> str:
    return s.replace("(", "（").replace(")", "）")


def recognize(doc: Document, res: Resources) -> Document:
    return Recognizer(res).recognize(doc)
