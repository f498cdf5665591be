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

from collections import Counter, defaultdict

from ..document import Document
from ..resources import Resources
from .forms import FormTable, assign_keys
from .keys import MatchKeys
from .labels import CLASS_SLUG, Entity, class_of_key, clean_label, entity_iri_key, norm_label

__all__ = ["CLASS_SLUG", "Entity", "FormTable", "Resolver", "assign_keys", "class_of_key", "clean_label",
           "entity_iri_key", "is_abbreviation", "norm_label", "resolve"]


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


class Resolver(MatchKeys):
    def __init__(self, res: Resources, corrections=None):
        super().__init__(res)
        self.corrections = corrections
        self._legal_long = tuple(lf for lf in res.legal_forms if len(lf) > 2)  # 有限公司 …, not 公司

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
        """青禾公司 names 广东青禾新材股份有限公司: a trade name + 公司/集团 whose trade name starts
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
