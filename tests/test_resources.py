"""resources: regex helpers on the name lists."""

import random
import re

from parkgraph.resources import alternation, find_longest


def test_resources_find_longest_matches_what_the_alternation_regex_finds():
    """Issue 4: short names are found without compiling a regex per document; the matches must
    be the regex's (left to right, longest word at a position, an optional tail)."""
    rng = random.Random(4)
    alphabet = "云栖科技公司智能汇川"
    for _ in range(300):
        words = {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 6))}
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        for tail in ("", "公司"):
            rx = re.compile(alternation(words) + (f"(?:{tail})?" if tail else ""))
            assert find_longest(text, words, tail) == [m.span() for m in rx.finditer(text)], (words, text, tail)
