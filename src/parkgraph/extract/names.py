"""What makes a name: the checks and the left walk that most recognisers share.

Takes the loaded `Resources`; gives `NameRules`, whose methods answer, over one document's text
and `Tokens`, where a name that ends at a head starts (`walk_left`), whether a string can be a
name (`name_ok`), whether it is only a place (`only_place`) …
"""

from __future__ import annotations

import re

from ..resources import Resources, alternation
from .spans import CJK, FIGURE, PUNCT, STOP_CHARS, STOP_OR_PUNCT, STOP_TAGS, VERBISH_TAGS, Tokens, is_cjk

NAME_PREFIXES = ("中共", "中国", "中华人民共和国")
MAX_NAME = 20
DIGIT = re.compile(r"\d")
BYLINE = re.compile(r"记者|通讯员|摄影|报讯|编辑|来源")
NOT_FIRST = set("级型类余")  # characters a name does not start with
LATIN = re.compile(r"[A-Za-z]")
BRACKETS_DOTS = re.compile(r"[（）()·\s]")
BRACKETED_PLACE = re.compile(rf"（([{CJK}]{{2,5}})）")
ADMIN_UNITS = re.compile(r"[省市区县]")
# an ordinal number right before a lab head: 中国XX集团第七一三研究所
ORDINAL_END = re.compile(r"第[一二三四五六七八九十百零〇\d]{1,6}$")
# the classes whose names run from a 的 to their head whatever jieba makes of the words between
# (…共建的先进轧制技术全国重点实验室, 位于溪南新区的启明光电有限公司: 启明 and 轧制 as verbs)
AFTER_DE = {"Enterprise", "Lab"}
OBJECT_MARKS = ("的", "了")  # …共建了未来产业研究院: a name runs from a 的 or a 了 to its head
# legal forms a project's name does not run over (X有限公司|高端质谱仪研发生产项目)
LEGAL_ENDS = ("有限公司", "有限责任公司")
# the classes whose names may stand inside a name of the key class (浙江大学|滨江研究院)
PARENTS = {
    "Lab": {"University", "Lab", "Enterprise", "Organization", "Park", "GovernmentBody"},
    "Park": {"Park", "University"},  # 江屿理工大学|国家大学科技园
    "Enterprise": {"Enterprise"},
    "GovernmentBody": {"Park", "GovernmentBody"},
    "University": {"University"},
    "Organization": {"Park", "Organization", "GovernmentBody", "University"},
    "Fund": {"Park"},  # 苏州园区|科创母基金: a park names its fund
    "Project": {"Park", "Enterprise"},
}


class NameRules:
    def __init__(self, res: Resources):
        self.res = res
        self.suffix_tuple = tuple(res.suffixes)
        self._suffix_by_len = sorted(res.suffixes, key=len, reverse=True)
        self.places_longest_first = sorted(res.places, key=len, reverse=True)
        self.places_tuple = tuple(self.places_longest_first)
        self._place_initials = {p[0] for p in res.places}
        self._titles = tuple(t for t in res.titles if len(t) > 1)
        # national bodies of the lexicon that start names of their institutes (工信部|威海…研究中心)
        self._bodies = {f for e in res.lexicon if e.cls in ("GovernmentBody", "Organization")
                        for f in (e.label, *e.aliases) if len(f) <= 5}
        generic = sorted(set(res.generic_words) | set(res.suffixes), key=len, reverse=True)
        self._generic_re = re.compile("|".join(map(re.escape, generic)))
        self._any_place_re = re.compile(alternation(res.places)) if res.places else re.compile("(?!)")

    def name_ok(self, name: str, min_name: int) -> bool:
        if len(name) < min_name or len(name) > MAX_NAME:
            return False
        if DIGIT.search(name) and not LATIN.search(name):
            return False
        # the name must hold something that is not a generic modifier
        rest = self._generic_re.sub("", name)
        rest = BRACKETS_DOTS.sub("", rest)
        return len(rest) >= 1 and not (len(rest) == 1 and len(name) <= 2)

    def only_place(self, name: str) -> bool:
        rest = name
        while True:  # until nothing is left to take: a removal can bring two halves together
            shorter = self._any_place_re.sub("", rest)
            if shorter == rest:
                break
            rest = shorter
        return ADMIN_UNITS.sub("", rest) == ""

    def head_class(self, w: str) -> str | None:
        for h in self._suffix_by_len:
            if w.endswith(h):
                return self.res.suffixes[h][0]
        return None

    def bracket_after(self, text: str, e: int) -> int:
        """Extend over a trailing place in brackets: 泰州医药高新区（高港区）, 杭州高新区（滨江）."""
        m = BRACKETED_PLACE.match(text[e:e + 8])
        if m and (m.group(1) in self.res.places or self.res.word_tags.get(m.group(1)) == "ns"
                  or m.group(1)[-1] in "区县市"):
            return e + m.end()
        return e

    def project_name_ok(self, tokens: Tokens, start: int, s: int, name: str) -> bool:
        """Project heads (项目, 基地) are common nouns: the name must be a real name — not begun by
        a verb (推进|重点项目) and not a verb phrase alone (新建项目); a verb inside a product's
        name is fine (打印机配套项目, 丙烷脱氢项目)."""
        if len(name) < 3:
            return False
        words = [w for w in tokens.words[tokens.index_at(start):tokens.index_at(s - 1) + 1] if w.strip()]
        verbs = [len(w) > 1 and self.res.word_tags.get(w) in ("v", "vd") for w in words]
        if any(w.endswith(self._titles) or w in self.res.speech_words for w in words):
            return False  # 书记刘立宣布|项目: a clause, not a name
        return bool(words) and not verbs[0] and not all(verbs)

    def namey(self, w: str) -> bool:
        if w in self.res.places:
            return True
        if w in PUNCT or w in self.res.boundary_words:
            return False
        tag = self.res.word_tags.get(w)
        if len(w) == 1:
            return w not in STOP_CHARS and is_cjk(w)
        return tag in ("ns", "nz", "nr", "nt", "n", "j") or tag is None

    def _guessed_place_goes_on(self, tokens: Tokens, i: int) -> bool:
        """Whether word i, before a place jieba only guesses, is the start of the same name: a
        name word (泰和|湾区管委会) or a bound character at a clause start (，银|河湾…产业园)."""
        w, tag = tokens.words[i], self.res.word_tags.get(tokens.words[i])
        if len(w) > 1:
            return tag in ("nz", "nr", "nrt")
        before = tokens.words[i - 1] if i > 0 else "。"
        return tag in ("ng", "nr", "nrt", "nz", "g") and (before in PUNCT or before in self.res.boundary_words)

    def _start_after_de(self, tokens: Tokens, i: int, pos: int, limit: int) -> int | None:
        """Where a name starts that runs from a 的 (or 了) over word i to pos, if no boundary, figure or
        function word lies between (的先进轧制技术|全国重点实验室)."""
        res, words = self.res, tokens.words
        k = i
        while k >= 0 and pos - tokens.starts[k] <= limit:
            w = words[k]
            if w in OBJECT_MARKS:
                return tokens.ends[k] if k < i else None
            if w in PUNCT or w.isspace() or FIGURE.fullmatch(w) or w in res.titles \
                    or (k < i and w in res.boundary_words) or (len(w) > 1 and res.word_tags.get(w) in STOP_TAGS):
                return None
            k -= 1
        return None

    def walk_left(self, tokens: Tokens, text: str, pos: int, allow_conj: bool = False, limit: int = MAX_NAME,
                  cls: str | None = None) -> int:
        """Start of the name that ends at pos: extend left over name-like tokens."""
        res = self.res
        words, starts, ends = tokens.words, tokens.starts, tokens.ends
        i = tokens.index_at(pos - 1) if pos > 0 else 0
        start = pos
        n = len(words)
        if i < n and starts[i] < pos < ends[i]:
            # pos falls inside a token (浙江大学 → 大学): its head part belongs to the name
            if words[i][: pos - starts[i]] in res.boundary_words:
                return pos
            if ends[i] - pos < 2 and words[i] not in res.suffixes:
                return pos  # a one-character head inside a word (格局, 布局) is no head
            start = starts[i]
            i -= 1
        elif i < n and ends[i] > pos:
            i -= 1
        if cls == "Lab" and start == pos and (o := ORDINAL_END.search(text, max(0, pos - 8), pos)):
            k = tokens.index_at(o.start())
            if starts[k] == o.start():
                start, i = o.start(), k - 1
        in_bracket = False
        after_place = guessed_place = False
        restart: int | None = None
        while i >= 0:
            w = words[i]
            if ends[i] != start:
                break
            if after_place and not in_bracket and not (
                    w in res.places or w.endswith(self.suffix_tuple) or w in NAME_PREFIXES or w in self._bodies
                    or w in ("）", "（") or res.word_tags.get(w) in ("ns", "nt", "j")
                    or guessed_place and self._guessed_place_goes_on(tokens, i)):
                # a place begins a name: 钟爱|杭州高新区, but 浙江大学|滨江研究院 goes on, and so
                # does an abbreviation at the clause start (，南大|苏州研究院)
                k = i
                while k >= 0 and len(words[k]) == 1 and words[k] not in STOP_OR_PUNCT and is_cjk(words[k]):
                    k -= 1
                if 2 <= i - k <= 3 and words[k + 1] in self._place_initials \
                        and (k < 0 or words[k] in PUNCT or words[k] in res.boundary_words):
                    start = starts[k + 1]
                break
            if cls == "Project" and w.endswith(LEGAL_ENDS):
                break  # X有限公司|Y项目: the company is a name of its own
            if w.endswith(self.suffix_tuple) and not in_bracket:
                if cls is not None and self.head_class(w) not in PARENTS.get(cls, set()):
                    break  # 研究院|中国高新区: a park is not named after a lab
                after_place = False  # a parent organisation's name: walk on through it
            if w == "）" and not in_bracket:
                if BYLINE.search(text, max(0, text.rfind("（", 0, starts[i])), starts[i]):
                    break  # （记者张三）青川高新区: a byline, not part of the name
                k = i - 1
                while k >= 0 and words[k] != "（" and i - k < 6:
                    k -= 1
                if k > 0 and words[k - 1].endswith(self.suffix_tuple) and (
                        cls is None or self.head_class(words[k - 1]) not in PARENTS.get(cls, set())):
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
            if w == "·" and i > 0 and words[i - 1] in res.places and not in_bracket:
                start = starts[i]  # 南京·青禾科技园, 白塔·中国X谷: a place joined by a dot
                i -= 1
                continue
            if w in PUNCT or w.isspace():
                break
            if allow_conj and w in ("与", "和") and i > 0 and words[i - 1] not in PUNCT:
                start = starts[i]
                i -= 1
                continue
            if w in res.places or (res.word_tags.get(w) == "ns" and len(w) > 1):
                after_place = not in_bracket
                guessed_place = w not in res.places
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
            if w in res.boundary_words or FIGURE.fullmatch(w):
                break
            if len(w) == 1 and i + 1 < n and text[starts[i]:ends[i + 1]] in res.boundary_words:
                start = max(start, min(ends[i + 1], pos))  # 获|批: a boundary word jieba split
                break
            tag = res.word_tags.get(w)
            if len(w) > 1 and tag in STOP_TAGS:
                break
            if len(w) == 1 and w in STOP_CHARS:
                break
            if len(w) > 1 and tag in VERBISH_TAGS:
                # a verb or adverb inside a name only after a place or a name word
                if i == 0 or ends[i - 1] != starts[i] or not self.namey(words[i - 1]):
                    if cls in AFTER_DE and (k := self._start_after_de(tokens, i, pos, limit)) is not None:
                        start = k
                    break
            start = starts[i]
            i -= 1
        if text[start:start + 1] == "（" and i >= 0 and ends[i] == start and len(words[i]) > 1 \
                and words[i] not in res.boundary_words and words[i] not in PUNCT \
                and res.word_tags.get(words[i]) not in STOP_TAGS and res.word_tags.get(words[i]) not in ("v", "vn"):
            start = starts[i]  # 西部（重庆）科学城: the word before a bracketed place begins the name
        if in_bracket:  # unbalanced: drop what came before the closing bracket
            j = text.find("）", start, pos)
            start = j + 1 if j >= 0 else start
        # never start a name inside quote marks or with a generic modifier alone, nor with the
        # tail of a figure or a phrase (百亿|级电子信息产业园, 会|上党工委)
        while start < pos and (text[start] in "（）·" or text[start] in NOT_FIRST and start + 2 < pos):
            start += 1
        return start
