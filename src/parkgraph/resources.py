"""Loads the rule data (suffixes, word lists, gazetteer, patterns) and the entity lexicon.

Takes a data directory (default: the project's `data/`); gives a `Resources` object with the
word lists as sets, compiled regular expressions, and one jieba tokenizer whose user
dictionary holds the suffixes and names, so organisation heads come out as single tokens.
Everything is loaded once per process and per (data dir, lexicon dirs) combination.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jieba
import jieba.posseg

from .errors import DataFileError

PACKAGE_DIR = Path(__file__).resolve().parent


def default_data_dir() -> Path:
    env = os.environ.get("PARKGRAPH_DATA")
    if env:
        return Path(env)
    for base in (PACKAGE_DIR.parent.parent, Path.cwd()):
        if (base / "data" / "patterns").is_dir():
            return base / "data"
    return PACKAGE_DIR / "data"


@dataclass
class LexiconEntry:
    label: str
    cls: str
    aliases: list[str]
    source: str
    id: str | None = None


@dataclass
class Resources:
    data_dir: Path
    suffixes: dict[str, tuple[str, int]]
    suffix_re: re.Pattern
    short_company_suffixes: list[str]
    legal_forms: list[str]
    trade_descriptors: list[str]
    boundary_words: set[str]
    generic_words: set[str]
    titles: list[str]
    speech_words: list[str]
    surnames: set[str]
    compound_surnames: set[str]
    policy_suffixes: list[str]
    policy_verbs: set[str]
    award_suffixes: list[str]
    event_suffixes: list[str]
    places: dict[str, str]          # surface form -> canonical (full) form
    place_kind: dict[str, str]
    industries: set[str]
    relation_patterns: list[dict]
    indicators: list[dict]
    lexicon: list[LexiconEntry] = field(default_factory=list)
    tokenizer: jieba.Tokenizer | None = None
    word_tags: dict[str, str] = field(default_factory=dict)
    name_followers: tuple[str, ...] = ()  # words that follow a person's name (以及, 出席, 一行)


def alternation(words, escape: bool = True) -> str:
    """A regex matching any of the words, the longest one that matches at a position.

    The words are laid out as a trie (汇川(?:联合动力|技术)…): Python's re tries alternatives one
    by one, so a flat list of thousands of names costs thousands of tries at every position,
    while a trie costs one try per character of the match. With `escape=False` the words are
    regex fragments and are listed flat, longest first."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not words:
        return "(?!)"
    if not escape:
        return "(?:" + "|".join(words) + ")"
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    # the lookahead lets re skip, in one step, the positions where no word can start
    head = "".join(re.escape(c) for c in sorted(trie))
    return f"(?=[{head}])(?:{_trie_regex(trie)})"


def find_longest(text: str, words, tail: str = "") -> list[tuple[int, int]]:
    """Where `re.finditer(alternation(words) + "(?:tail)?")` matches, without compiling a regex:
    left to right, not overlapping, the longest word at each position, then `tail` if it
    follows. For a document's own handful of names this is many times cheaper than compiling."""
    hits = []
    for w in {w for w in words if w}:
        i = text.find(w)
        while i != -1:
            hits.append((i, -len(w)))
            i = text.find(w, i + 1)
    hits.sort()
    out: list[tuple[int, int]] = []
    pos = 0
    for start, minus_len in hits:
        if start < pos:
            continue
        pos = start - minus_len
        if tail and text.startswith(tail, pos):
            pos += len(tail)
        out.append((start, pos))
    return out


def _trie_regex(node: dict) -> str:
    ends_here = "" in node
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:  # a word ends here: match on only if a longer word follows (greedy, then back off)
        return f"(?:{body})?" if len(branches) > 1 or len(branches[0]) > 1 else f"{body}?"
    return body


def _lines(path: Path) -> list[str]:
    if not path.exists():
        raise DataFileError(path, "file is missing")
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def _jsonl(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as e:
            raise DataFileError(path, f"line {n} is not valid JSON: {e.msg}") from None
    return rows


def load_lexicon(dirs: list[Path]) -> list[LexiconEntry]:
    """Reads every *.jsonl under the given directories: {label, class, aliases[, id]} per line."""
    from .document import ENTITY_CLASSES

    entries: list[LexiconEntry] = []
    for d in dirs:
        if not d.exists():
            raise DataFileError(d, "lexicon directory does not exist")
        files = sorted(d.glob("*.jsonl")) if d.is_dir() else [d]
        for f in files:
            for n, row in enumerate(_jsonl(f), 1):
                if "label" not in row or "class" not in row:
                    raise DataFileError(f, f"entry {n} needs 'label' and 'class'")
                if row["class"] not in ENTITY_CLASSES:
                    raise DataFileError(f, f"entry {n}: unknown class {row['class']!r}")
                entries.append(LexiconEntry(row["label"], row["class"], list(row.get("aliases", [])),
                                            f"lexicon:{f.name}", row.get("id")))
    return entries


@lru_cache(maxsize=8)
def load_resources(data_dir: str | None = None, lexicon_dirs: tuple[str, ...] | None = None,
                   use_lexicon: bool = True) -> Resources:
    base = Path(data_dir) if data_dir else default_data_dir()
    pat = base / "patterns"
    suffixes: dict[str, tuple[str, int]] = {}
    for line in _lines(pat / "suffixes.tsv"):
        parts = line.split("\t")
        if len(parts) < 2:
            raise DataFileError(pat / "suffixes.tsv", f"line {line!r} needs suffix<TAB>class")
        suffixes[parts[0]] = (parts[1], int(parts[2]) if len(parts) > 2 else 2)
    suffix_re = re.compile(alternation(suffixes))
    surnames_all = " ".join(_lines(pat / "surnames.txt")).split()
    places: dict[str, str] = {}
    place_kind: dict[str, str] = {}
    for line in _lines(base / "gazetteer" / "places.tsv"):
        parts = line.split("\t")
        name, kind = parts[0], parts[1] if len(parts) > 1 else "place"
        full = parts[2] if len(parts) > 2 and parts[2] else name
        places[name] = full
        places[full] = full
        place_kind[full] = kind
    res = Resources(
        data_dir=base,
        suffixes=suffixes,
        suffix_re=suffix_re,
        short_company_suffixes=sorted(_lines(pat / "short_company_suffixes.txt"), key=len, reverse=True),
        legal_forms=sorted(_lines(pat / "legal_forms.txt"), key=len, reverse=True),
        trade_descriptors=sorted(_lines(pat / "trade_descriptors.txt"), key=len, reverse=True),
        boundary_words=set(_lines(pat / "boundary_words.txt")),
        generic_words=set(_lines(pat / "generic_words.txt")),
        titles=sorted(_lines(pat / "titles.txt"), key=len, reverse=True),
        speech_words=sorted(_lines(pat / "speech_verbs.txt"), key=len, reverse=True),
        name_followers=tuple(sorted(_lines(pat / "name_followers.txt"), key=len, reverse=True)),
        surnames={s for s in surnames_all if len(s) == 1},
        compound_surnames={s for s in surnames_all if len(s) == 2},
        policy_suffixes=sorted(_lines(pat / "policy_suffixes.txt"), key=len, reverse=True),
        policy_verbs=set(_lines(pat / "policy_verbs.txt")),
        award_suffixes=sorted(_lines(pat / "award_suffixes.txt"), key=len, reverse=True),
        event_suffixes=sorted(_lines(pat / "event_suffixes.txt"), key=len, reverse=True),
        places=places,
        place_kind=place_kind,
        industries=set(_lines(base / "gazetteer" / "industries.txt")),
        relation_patterns=_jsonl(pat / "relations.jsonl"),
        indicators=_jsonl(pat / "indicators.jsonl"),
    )
    if use_lexicon:
        dirs = [Path(d) for d in lexicon_dirs] if lexicon_dirs else [base / "lexicon"]
        res.lexicon = load_lexicon(dirs)
    res.tokenizer = _make_tokenizer(res)
    res.word_tags = jieba.posseg.dt.word_tag_tab
    return res


def _make_tokenizer(res: Resources) -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    words = set(res.suffixes) | set(res.titles) | set(res.places) | res.industries
    words |= set(res.policy_suffixes) | set(res.event_suffixes)
    for w in sorted(words):
        tok.add_word(w, freq=tok.suggest_freq(w, tune=False) or 1000)
    return tok
