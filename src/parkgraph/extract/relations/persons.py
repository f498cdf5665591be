"""worksFor facts for the persons a sentence introduces with their posts.

Takes a sentence's mentions (persons carry `org_spans` and `title` from recognition), the
masked sentence and the role titles; gives `RelationFact`s. Two readings:
- the organisation recognition put before the person's title (易思维科技有限公司创始人兼CEO郭寅);
  when that span runs past a mention (青禾集团轮值 总裁), the mention it starts with is meant;
- a chain of posts before the name, each "organisation + title" and joined by 、: every post's
  organisation is one the person works for (白塔市政协副主席、白塔高新区党工委书记李文远;
  X党工委委员、管委会副主任张三: X党工委).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ...document import Mention, RelationFact, Sentence

EMPLOYERS = "Park|Lab|Enterprise|University|GovernmentBody|Organization|Fund"
EXTRACTOR = "pattern:worksFor/组织+职务+姓名"
# the body of an organisation a post may name between the organisation and the title
BODIES = "(?:党委|党工委|党组|管委会|管委|工委|纪工委|董事会|监事会|理事会|执委会|常委会|机关党委)"


@lru_cache(maxsize=4)
def post_regex(data_dir: str, titles: tuple[str, ...]) -> re.Pattern:
    """One post at the end of a text: an optional organisation mention, a few characters of
    department (党委, 管委会), a title (兼 a second one), and an optional 、 after it."""
    path = Path(data_dir) / "patterns" / "chain_titles.txt"
    extra = [w.strip() for w in path.read_text(encoding="utf-8").splitlines()
             if w.strip() and not w.startswith("#")]
    alt = "|".join(re.escape(t) for t in sorted({*titles, *extra}, key=len, reverse=True))
    return re.compile(rf"(?:⟦(\d+):(?:{EMPLOYERS})⟧)?{BODIES}?(?P<title>{alt})(?:兼(?:{alt}))?$")


def person_facts(inside: list[Mention], sent: Sentence, masked: str, post: re.Pattern) -> list[RelationFact]:
    out: list[RelationFact] = []
    for i, m in enumerate(inside):
        if m.cls != "Person":
            continue
        for org in m.org_spans:
            out.append(RelationFact(m, "worksFor", _mention_for(org, inside), sent, EXTRACTOR, 0.85,
                                    title=m.title))
        at = masked.find(f"⟦{i}:Person⟧")
        prefix = masked[:at]
        while True:
            p = post.search(prefix)
            if p is None:
                break
            org = inside[int(p.group(1))] if p.group(1) is not None else None
            if org is not None and not org.source.startswith("ref:"):  # not a bare 高新区
                out.append(RelationFact(m, "worksFor", org, sent, "pattern:worksFor/职务链", 0.8,
                                        title=p.group("title")))
            prefix = prefix[:p.start()]
            if not prefix.endswith("、"):
                break
            prefix = prefix[:-1]
    return out


def _mention_for(org: Mention, inside: list[Mention]) -> Mention:
    """The mention that names the organisation span: one that holds it, else one that starts it
    and ends inside it (the span ran on into a title: 青禾集团轮值, 青川省政府副)."""
    for k in inside:
        if k.start <= org.start and org.end <= k.end and k.cls != "Person":
            return k
    for k in inside:
        if k.start == org.start and k.end < org.end and k.cls not in ("Person", "Place"):
            return k
    return org
