"""Match keys: the explainable forms under which two surface forms of one class are the same
entity (brackets, long heads contracted, leading places, legal forms and trade descriptors,
national-zone and province prefixes, policy tails).

Takes the `Resources` (places, generic words, legal forms, trade descriptors); gives `MatchKeys`,
whose `match_keys(form, cls)` is the set of keys of a form.
"""

from __future__ import annotations

import re

from ..resources import Resources
from .labels import norm_label

LONG_HEADS = (("高新技术产业开发区", "高新区"), ("经济技术开发区", "经开区"), ("科学技术", "科技"),
              ("工作委员会", "工委"), ("管理委员会", "管委会"), ("党工委", "工委"))
NATIONAL_ZONE = re.compile(r"国家级?(?=高新区|经开区|自主创新示范区)")
PROVINCE_FIRST = re.compile(r"^([\u4e00-\u9fff]{2,3})省(.{4,})$")
CITY_PARK = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}省)?([\u4e00-\u9fff]{2,4}?)市(.{3,})$")


class MatchKeys:
    def __init__(self, res: Resources):
        self.res = res
        self._place_set = frozenset(res.places)
        self._place_lengths = sorted({len(p) for p in res.places}, reverse=True)
        self.generic = set(res.generic_words) | set(res.suffixes)
        self._generic_longest_first = sorted(self.generic, key=len, reverse=True)

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
                # 湖北省宜昌市高新区 ~ 宜昌市高新区 ~ 宜昌高新区: a park goes by its city's short name
                city = CITY_PARK.match(base)
                if city and city.group(1) in self._place_set:
                    keys.add(city.group(1) + city.group(2))
                national = NATIONAL_ZONE.sub("", base)  # 宜昌国家高新区 ~ 宜昌高新区
                for form in {base, national}:
                    province = PROVINCE_FIRST.match(form)  # 湖北省宜昌高新区 ~ 宜昌高新区
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
