"""Stage 4: merge the mentions of all documents into canonical entities with stable IRIs.

Takes documents whose `mentions` are set, the `Resources` and the user's corrections; gives a
dict of `Entity` by key, and sets `Mention.key` on every mention.

Two surface forms of one class are merged when they share a match key (each key is an
explainable rule, recorded in `Entity.merge_reasons`):
- the same form after NFKC, quote and bracket-width normalisation;
- the form without its bracketed part (杭州高新区（滨江） ~ 杭州高新区), or with its
  official long head contracted (潍坊高新技术产业开发区 ~ 潍坊高新区);
- the form without a leading place (杭州江南科学城 ~ 江南科学城);
- for enterprises, the trade name without place, legal form and trade descriptor
  (杭州宇树科技有限公司 ~ 宇树科技 ~ 宇树);
- for policies, the name without a trailing 计划/行动/政策 or 实施方案 and years;
- a 简称 declaration, a lexicon entry's aliases, a user correction;
- an abbreviation: same head, same first character, the short form's characters in order
  inside the long one (浙大滨江研究院 ~ 浙江大学滨江研究院).
The canonical label is the lexicon label, else the fullest official name (a legal form
first, then the longest). The IRI is derived from class and canonical label.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..document import Document
from ..resources import Resources

CLASS_SLUG = {
    "Park": "park", "Lab": "lab", "Enterprise": "ent", "University": "uni", "GovernmentBody": "gov",
    "Organization": "org", "Fund": "fund", "Policy": "policy", "Person": "person", "Place": "place",
    "Industry": "industry", "Award": "award", "Event": "event", "Project": "project",
}
LONG_HEADS = (("高新技术产业开发区", "高新区"), ("经济技术开发区", "经开区"), ("科学技术", "科技"),
              ("工作委员会", "工委"), ("管理委员会", "管委会"), ("党工委", "工委"))
NATIONAL_ZONE = re.compile(r"国家级?(?=高新区|经开区|自主创新示范区)")
PROVINCE_FIRST = re.compile(r"^([\u4e00-\u9fff]{2,3})省(.{4,})$")
CITY_PARK = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}省)?([\u4e00-\u9fff]{2,4}?)市(.{3,})$")
QUOTES = re.compile(r"[\s“”‘’\"'「」『』《》〈〉]")
DISPLAY_QUOTES = re.compile(r"[“”‘’\"《》「」]")
CJK_INNER_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def norm_label(s: str) -> str:
    """The comparison form of a label (as the evaluation compares them)."""
    return QUOTES.sub("", unicodedata.normalize("NFKC", s))


def clean_label(s: str) -> str:
    """The display form: no quote marks or 《》, full-width brackets, no inner white space in CJK."""
    s = DISPLAY_QUOTES.sub("", s).strip()
    s = s.replace("(", "（").replace(")", "）")
    return CJK_INNER_SPACE.sub("", s)


SLUG_CLASS = {slug: cls for cls, slug in CLASS_SLUG.items()}


def class_of_key(key: str) -> str | None:
    """The class an entity key was made for (its slug before the hash)."""
    return SLUG_CLASS.get(key.split("-", 1)[0])


def entity_iri_key(cls: str, label: str) -> str:
    digest = hashlib.sha1(f"{cls}|{norm_label(label)}".encode()).hexdigest()[:12]
    return f"{CLASS_SLUG[cls]}-{digest}"


@dataclass
class Entity:
    key: str
    cls: str
    label: str
    aliases: set[str] = field(default_factory=set)
    mention_count: int = 0
    sources: set[str] = field(default_factory=set)
    merge_reasons: set[str] = field(default_factory=set)
    corrections: list[str] = field(default_factory=list)


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class Resolver:
    def __init__(self, res: Resources, corrections=None):
        self.res = res
        self.corrections = corrections
        self._place_set = frozenset(res.places)
        self._place_lengths = sorted({len(p) for p in res.places}, reverse=True)
        self.generic = set(res.generic_words) | set(res.suffixes)
        self._generic_longest_first = sorted(self.generic, key=len, reverse=True)
        self._legal_long = tuple(lf for lf in res.legal_forms if len(lf) > 2)  # 有限公司 …, not 公司

    # -------------------------------------------------------------- keys
    def strip_place(self, s: str) -> str:
        """The form without the places it starts with (杭州市滨江区物联网产业园 → 物联网产业园),
        as long as two characters are left; a longer place first."""
        stripped = True
        while stripped:
            stripped = False
            for n in self._place_lengths:  # longest first; one place at most of each length
                if len(s) - n < 2:
                    continue
                p = s[:n]
                if p not in self._place_set:
                    continue
                for form in (p + "省", p + "市", p):
                    if s.startswith(form) and len(s) - len(form) >= 2:
                        s = s[len(form):]
                        stripped = True
                        break
                if stripped:
                    break
        return s

    def match_keys(self, form: str, cls: str) -> set[str]:
        k0 = norm_label(form).replace("(", "（").replace(")", "）")
        keys = {k0}
        no_bracket = re.sub(r"（[^）]*）", "", k0)
        if len(no_bracket) >= 3 and no_bracket not in self.generic:
            keys.add(no_bracket)
        for base in list(keys):
            short = base
            for long, abbrev in LONG_HEADS:
                short = short.replace(long, abbrev)
            keys.add(short)
        if cls in ("Park", "Lab", "Organization", "Project", "Fund", "Place", "GovernmentBody"):
            for base in list(keys):
                rest = self.strip_place(base)
                if rest != base and len(rest) >= (3 if cls == "Place" else 4) and not self._generic(rest):
                    keys.add(rest)
        if cls == "GovernmentBody":
            for base in list(keys):
                # 中共杭州市滨江区区委 ~ 杭州市滨江区委 ~ 滨江区委
                g = re.sub(r"^中共", "", base)
                g = re.sub(r"([区市县省])\1委$", r"\1委", g)
                keys.add(g)
                rest = self.strip_place(g)
                if len(rest) >= 4 and not self._generic(rest):  # not 济南|高新区管委会 ~ 襄阳|高新区管委会
                    keys.add(rest)
        if cls == "Place":
            for base in list(keys):
                keys.add(self.res.places.get(base, base))
                keys.add(self.res.places.get(base.rstrip("省市"), base))
        if cls == "Park":
            for base in list(keys):
                # 湖南省株洲市高新区 ~ 株洲市高新区 ~ 株洲高新区: a park goes by its city's short name
                city = CITY_PARK.match(base)
                if city and city.group(1) in self._place_set:
                    keys.add(city.group(1) + city.group(2))
                national = NATIONAL_ZONE.sub("", base)  # 保定国家高新区 ~ 保定高新区
                for form in {base, national}:
                    province = PROVINCE_FIRST.match(form)  # 河北省保定高新区 ~ 保定高新区
                    if province and province.group(1) in self._place_set:
                        form = province.group(2)
                    if form != base and not self._generic(form):
                        keys.add(form)
                # 杭州高新区（滨江）物联网产业园 ~ 物联网产业园; 国际零磁科学谷 ~ 零磁科学谷
                m = re.match(r".+?(?:高新区|开发区|园区)(?:（[^）]*）)?(.{4,})$", base)
                if m and not self._generic(m.group(1)):
                    keys.add(m.group(1))
                if base.startswith("国际") and len(base) >= 6 and not self._generic(base[2:]):
                    keys.add(base[2:])
        if cls == "Enterprise":
            keys |= self.enterprise_cores(no_bracket)
        if cls == "Policy":
            for base in list(keys):
                p = re.sub(r"（\d{4}[-—–－]\d{4}年?）", "", base)
                p = re.sub(r"^[区市省县]", "", p)
                p = re.sub(r"实施方案$", "", p)
                p2 = re.sub(r"(计划|行动|政策)$", "", p)
                keys |= {p} | ({p2} if len(p2) >= 2 else set())
        return {k for k in keys if k}

    def enterprise_cores(self, name: str) -> set[str]:
        out = set()
        s = self.strip_place(name)
        for lf in self.res.legal_forms:
            if s.endswith(lf) and len(s) > len(lf) + 1:
                s = s[: -len(lf)]
                break
        out.add(s)
        changed = True
        while changed:
            changed = False
            for d in self.res.trade_descriptors:
                if s.endswith(d) and len(s) - len(d) >= 2:
                    s = s[: -len(d)]
                    out.add(s)
                    changed = True
                    break
        return {c for c in out if len(c) >= 2 and not self._generic(c) and c not in self.res.places}

    def _generic(self, s: str) -> bool:
        rest = s
        for w in self._generic_longest_first:
            rest = rest.replace(w, "")
        return len(rest) == 0

    # -------------------------------------------------------------- resolve
    def resolve(self, docs: list[Document]) -> dict[str, Entity]:
        """Entities of the documents; sets `Mention.key` on their mentions."""
        table = FormTable()
        for doc in docs:
            table.add_document(doc)
        entities, form_entity = self.resolve_table(table)
        for doc in docs:
            assign_keys(doc, form_entity)
        return entities

    def resolve_table(self, table: FormTable) -> tuple[dict[str, Entity], dict[str, str]]:
        """Entities from the corpus-wide form table, and the entity key of every surface form
        (a form whose entity has no mention is left out)."""
        lexicon_label, surface_of, sources = table.lexicon_label, table.surface, table.sources
        form_class = {}
        for n, c in table.votes.items():
            # a class for every surface form: the strongest rule's, then the most frequent
            form_class[n] = lexicon_label[n][1] if n in lexicon_label \
                else sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        if self.corrections:
            for n in form_class:
                new = self.corrections.retype.get(n)
                if new:
                    form_class[n] = new

        # 2. union surface forms that share a key within a class
        uf = UnionFind()
        reasons: dict[str, set[str]] = defaultdict(set)
        key_owner: dict[tuple[str, str], str] = {}
        for n, cls in sorted(form_class.items()):
            uf.find(n)
            for k in sorted(self.match_keys(n, cls)):
                owner = key_owner.setdefault((cls, k), n)
                if owner != n:
                    uf.union(owner, n)
                    reasons[n].add(f"key:{k}")
        for n, (label, _cls) in sorted(lexicon_label.items()):
            k = ("lexicon", norm_label(label))
            owner = key_owner.setdefault(k, n)
            if owner != n:
                uf.union(owner, n)
                reasons[n].add("lexicon")
        for full, short, _cls in sorted(table.alias_pairs):
            a, b = norm_label(full), norm_label(short)
            if a in form_class and b in form_class and form_class[a] == form_class[b]:
                uf.union(a, b)
                reasons[b].add("简称")
        self._abbreviations(form_class, uf, reasons)
        self._company_short_names(form_class, uf, reasons)
        if self.corrections:
            for a, b, src in self.corrections.merges:
                a, b = norm_label(a), norm_label(b)
                if a in form_class and b in form_class:
                    uf.union(a, b)
                    reasons[b].add(src)

        # 3. one entity per cluster
        clusters: dict[str, list[str]] = defaultdict(list)
        for n in sorted(form_class):
            clusters[uf.find(n)].append(n)
        entities: dict[str, Entity] = {}
        form_entity: dict[str, str] = {}
        for forms in clusters.values():
            cls = sorted(Counter(form_class[f] for f in forms).items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            if self.corrections:
                cls = next((self.corrections.retype[f] for f in forms if f in self.corrections.retype), cls)
            lex = [lexicon_label[f][0] for f in forms if f in lexicon_label]
            label = clean_label(lex[0]) if lex else self.canonical([surface_of[f] for f in forms])
            key = entity_iri_key(cls, label)
            ent = entities.get(key) or Entity(key, cls, label)
            entities[key] = ent
            for f in forms:
                form_entity[f] = key
                if surface_of[f] != label:
                    ent.aliases.add(surface_of[f])
                ent.merge_reasons |= reasons.get(f, set())
            if lex:
                for e in self.res.lexicon:
                    if clean_label(e.label) == label:
                        ent.sources.add(e.source)

        self._merge_shared_labels(entities, form_entity)

        # 4. count mentions; references count for their antecedent's entity
        for form, n in table.mentions.items():
            key = form_entity.get(form)
            if key is None:
                continue
            ent = entities[key]
            ent.mention_count += n
            ent.sources |= sources[form]
        for ent in entities.values():
            ent.aliases = {a for a in ent.aliases if norm_label(a) != norm_label(ent.label)}
        entities = {k: e for k, e in entities.items() if e.mention_count > 0}
        return entities, {f: k for f, k in form_entity.items() if k in entities}

    @staticmethod
    def _merge_shared_labels(entities: dict[str, Entity], form_entity: dict[str, str]) -> None:
        """Two nodes never share a label: fold the smaller entity into the larger one."""
        owner: dict[str, str] = {}
        for key in sorted(entities, key=lambda k: (-len(entities[k].aliases), k)):
            ent = entities.get(key)
            if ent is None:
                continue
            for name in [ent.label, *sorted(ent.aliases)]:
                n = norm_label(name)
                other = owner.setdefault(n, key)
                if other != key and other in entities:
                    keep = entities[other]
                    keep.aliases |= ent.aliases | {ent.label}
                    keep.aliases.discard(keep.label)
                    keep.merge_reasons.add(f"shared label {name}")
                    for f, k in form_entity.items():
                        if k == key:
                            form_entity[f] = other
                    del entities[key]
                    break

    def canonical(self, forms: list[str]) -> str:
        legal_forms = tuple(lf for lf in self.res.legal_forms if lf != "公司")

        def score(f: str) -> tuple:
            legal = f.endswith(legal_forms)
            return (legal, len(norm_label(f)), f)
        return max(forms, key=score)

    def _abbreviations(self, form_class: dict[str, str], uf: UnionFind, reasons) -> None:
        by_head: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        for n, cls in form_class.items():
            if cls in ("Lab", "University", "Organization", "Park", "GovernmentBody") and len(n) >= 4:
                by_head[(cls, n[0], n[-2:])].append(n)
        for group in by_head.values():
            group.sort(key=len)
            for i, short in enumerate(group):
                for long in group[i + 1:]:
                    if len(long) > len(short) and is_abbreviation(short, long) and uf.find(short) != uf.find(long):
                        uf.union(short, long)
                        reasons[short].add(f"abbreviation of {long}")
                        break


    def _company_short_names(self, form_class: dict[str, str], uf: UnionFind, reasons) -> None:
        """先导公司 names 广东先导稀材股份有限公司: a trade name + 公司/集团 whose trade name starts
        the core of exactly one legal name of the corpus."""
        legal = [n for n, c in form_class.items() if c == "Enterprise" and n.endswith(self._legal_long)]
        cores = {n: self.strip_place(n) for n in legal}
        for n, cls in form_class.items():
            if cls != "Enterprise" or n in cores or not n.endswith(("公司", "集团")):
                continue
            trade = self.strip_place(n[:-2])
            if len(trade) < 2 or self._generic(trade):
                continue
            owners = {uf.find(m) for m, core in cores.items() if core.startswith(trade) and len(core) > len(trade) + 2}
            if len(owners) == 1:
                owner = owners.pop()
                if uf.find(n) != owner:
                    uf.union(owner, n)
                    reasons[n].add(f"short name of {owner}")


def is_abbreviation(short: str, long: str) -> bool:
    """浙大滨江研究院 abbreviates 浙江大学滨江研究院: same start, characters in order."""
    if short[0] != long[0] or len(short) < 4:
        return False
    it = iter(long)
    return all(ch in it for ch in short)


def resolve(docs: list[Document], res: Resources, corrections=None) -> dict[str, Entity]:
    return Resolver(res, corrections).resolve(docs)


def _target(m):
    return m.refers_to if m.is_reference else m


@dataclass
class FormTable:
    """What resolution needs from the documents, keyed by surface form: its size grows with the
    number of distinct names, not with the corpus. Tables of documents add up in any order to
    the same table, so documents can be processed anywhere and folded in as they come; and,
    every part being a count, a document's table can be taken out again (`subtract`), which is
    how a rebuild replaces one changed document without adding up all the others."""

    votes: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    mentions: Counter = field(default_factory=Counter)         # mentions that denote each form
    # multisets whose views resolution reads: the least lexicon entry and display form of each
    # form, the (full, short, class) 简称 pairs and the sources of each form
    lexicon_seen: Counter = field(default_factory=Counter)     # (form, (label, class))
    surface_seen: Counter = field(default_factory=Counter)     # (form, display form)
    alias_seen: Counter = field(default_factory=Counter)       # (full, short, class)
    sources_seen: Counter = field(default_factory=Counter)     # (form, source)

    def add_document(self, doc: Document) -> FormTable:
        for m in [*doc.mentions, *doc.nested]:
            if not m.is_reference:
                n = norm_label(m.name)
                self.votes[n][m.cls] += 1 + 10 * m.priority
                if m.canonical:
                    self.lexicon_seen[(n, (m.canonical, m.cls))] += 1
                self.surface_seen[(n, clean_label(m.name))] += 1
                for form in m.extra_forms:  # recorded as a 简称 of the name, so they merge
                    self.votes[norm_label(form)][m.cls] += 1
                    self.surface_seen[(norm_label(form), clean_label(form))] += 1
                    self.alias_seen[(m.name, form, m.cls)] += 1
            target = _target(m)
            if target is None:
                continue
            n = norm_label(target.name)
            self.mentions[n] += 1
            self.sources_seen[(n, m.source.split(":")[0] if m.source.startswith("lexicon") else m.source)] += 1
        self.alias_seen.update(doc.alias_pairs)
        return self

    def update(self, other: FormTable) -> None:
        for n, c in other.votes.items():
            self.votes[n].update(c)
        for mine, theirs in self._multisets(other):
            mine.update(theirs)

    def subtract(self, other: FormTable) -> None:
        """Takes out a table that was added before."""
        for n, c in other.votes.items():
            votes = self.votes[n]
            votes.subtract(c)
            _drop_empty(votes)
            if not votes:
                del self.votes[n]
        for mine, theirs in self._multisets(other):
            mine.subtract(theirs)
            _drop_empty(mine)

    def _multisets(self, other: FormTable) -> list[tuple[Counter, Counter]]:
        return [(self.mentions, other.mentions), (self.lexicon_seen, other.lexicon_seen),
                (self.surface_seen, other.surface_seen), (self.alias_seen, other.alias_seen),
                (self.sources_seen, other.sources_seen)]

    @property
    def lexicon_label(self) -> dict[str, tuple[str, str]]:
        """The lexicon entry of each form (the least, should two entries name it)."""
        return _least(self.lexicon_seen)

    @property
    def surface(self) -> dict[str, str]:
        """The display form of each form (the least of those seen)."""
        return _least(self.surface_seen)

    @property
    def alias_pairs(self) -> set[tuple[str, str, str]]:
        return set(self.alias_seen)

    @property
    def sources(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for n, src in self.sources_seen:
            out[n].add(src)
        return out

    def signature(self, form_entity: dict[str, str]) -> str:
        """What the document's graph depends on besides its own content: its forms' entities."""
        return "|".join(f"{f}={form_entity.get(f, '')}" for f in sorted(self.mentions))


def _drop_empty(c: Counter) -> None:
    for k in [k for k, v in c.items() if v <= 0]:
        del c[k]


def _least(pairs: Counter) -> dict:
    out: dict = {}
    for n, value in pairs:
        old = out.get(n)
        if old is None or value < old:
            out[n] = value
    return out


def assign_keys(doc: Document, form_entity: dict[str, str]) -> None:
    """Sets `Mention.key` on a document's mentions from the corpus-wide resolution."""
    for m in [*doc.mentions, *doc.nested]:
        target = _target(m)
        if target is not None:
            m.key = form_entity.get(norm_label(target.name))
