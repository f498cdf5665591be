"""Bounded evidence (issue 11): build one long article without sentence punctuation and report
what its graph costs.

usage: python benchmarks/long_article.py [--chars 250000] [--join space|table|none|punct]
                                         [--work DIR] [--format ttl|nq] [--seed 7]

The article is one line of the synthetic park news of `make_corpus.py` (made-up parks,
companies, labs, people, figures and relation cues between paragraphs of general prose) with the
sentence ends 。！？； taken out, the way a scraped table or a PDF extraction without 。 reads:
- `space`: sentences joined with spaces, commas kept (a PDF that lost its full stops);
- `table`: every clause a cell, cells separated by tabs, no Chinese punctuation at all;
- `none`: no punctuation and nothing between the sentences (no boundary to cut on);
- `punct`: the same article with its punctuation, for comparison (what the facts cost anyway).
(Normalisation drops a space or tab between two Chinese characters, so the separators of
`space` and `table` survive only next to figures and Latin letters.)

The build (`parkgraph build … -q --no-cache`) runs in a child process, so its peak memory
(ru_maxrss of the process and of its largest worker) is its own. Then the graph is read back
and the script prints the output size, the number of facts (distinct statements with evidence)
and of evidence nodes, the longest and median pg:evidenceText, and whether every evidence text
equals the normalised text between its pg:charStart and pg:charEnd.

Measured on 2 cores (250,000 characters, `space`): before bounded evidence a 2,967 MB Turtle
file, 4,273 facts whose evidence was a 243,396-character "sentence", 8.8 GB peak memory, 125 s;
after, 7.6 MB, 4,284 facts, evidence at most 300 characters, 293 MB, 5 s (`punct`: 295 MB: what
remains is the cost of that many facts, not of their evidence).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "src"))

from make_corpus import Names, article  # noqa: E402
from run import CHILD  # noqa: E402  (the child that times a build and its peak memory)

PG = "https://w3id.org/parkgraph/ontology#"
RDF_SPO = [f"http://www.w3.org/1999/02/22-rdf-syntax-ns#{x}" for x in ("subject", "predicate", "object")]


def long_article(chars: int, join: str, seed: int = 7) -> str:
    """About `chars` characters of park news on one line, without 。！？； (see the module doc)."""
    rng = random.Random(seed)
    names = Names(rng, 300)
    pieces: list[str] = []
    size = 0
    sep = {"space": " ", "table": "\t", "none": "", "punct": ""}[join]
    i = 0
    while size < chars:
        _, text = article(rng, names, i)
        i += 1
        body = re.sub(r"\s+", "", text.split("\n", 1)[1])  # no headline, no (PDF) line breaks
        for sentence in re.split(r"(?<=[。！？；])" if join == "punct" else r"[。！？；]+", body):
            if not sentence:
                continue
            if join == "table":
                sentence = "\t".join(c for c in re.split(r"[，、：“”（）]+", sentence) if c)
            elif join == "none":
                sentence = re.sub(r"[，、：“”（）]+", "", sentence)
            pieces.append(sentence)
            size += len(sentence) + len(sep)
    return sep.join(pieces)[:chars] + "\n"


def build(article: Path, out: Path, extra: tuple[str, ...] = ()) -> dict:
    proc = subprocess.run([sys.executable, "-c", CHILD, "build", str(article.parent), "-o", str(out), "-q",
                           "--no-cache", *extra],
                          capture_output=True, text=True, check=False,
                          env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    if proc.returncode not in (0, 1):
        raise SystemExit(f"build failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def read_evidence(graph: Path, text: str) -> dict:
    """Counts the evidence nodes of a graph and checks their texts against the document text."""
    import pyoxigraph as ox

    fmt = ox.RdfFormat.TURTLE if graph.suffix == ".ttl" else ox.RdfFormat.N_QUADS
    texts: dict[str, str] = {}
    starts: dict[str, int] = {}
    ends: dict[str, int] = {}
    facts: dict[str, list[str]] = {}
    for q in ox.parse(path=str(graph), format=fmt):
        p = q.predicate.value
        if p in RDF_SPO:
            facts.setdefault(q.subject.value, ["", "", ""])[RDF_SPO.index(p)] = str(q.object)
        elif p == PG + "evidenceText":
            texts[q.subject.value] = q.object.value
        elif p == PG + "charStart":
            starts[q.subject.value] = int(q.object.value)
        elif p == PG + "charEnd":
            ends[q.subject.value] = int(q.object.value)
    lengths = sorted(len(t) for t in texts.values())
    exact = all(text[starts[ev]:ends[ev]] == t for ev, t in texts.items())
    return {"facts": len({tuple(f) for f in facts.values()}), "evidence_nodes": len(texts),
            "max_evidence": lengths[-1] if lengths else 0,
            "median_evidence": lengths[len(lengths) // 2] if lengths else 0, "offsets_exact": exact}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chars", type=int, default=250_000)
    ap.add_argument("--join", choices=("space", "table", "none", "punct"), default="space")
    ap.add_argument("--format", choices=("ttl", "nq"), default="ttl")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-model", action="store_true", help="build without the statistical recogniser")
    ap.add_argument("--work", help="directory for the article and the graph (default: a temporary one)")
    a = ap.parse_args(argv)
    from parkgraph.document import Document
    from parkgraph.read.normalize import normalize

    with tempfile.TemporaryDirectory(prefix="parkgraph-long-") as tmp:
        work = Path(a.work or tmp)
        (work / "corpus").mkdir(parents=True, exist_ok=True)
        article = work / "corpus" / "long.txt"
        article.write_text(long_article(a.chars, a.join, a.seed), encoding="utf-8")
        out = work / f"long.{a.format}"
        run = build(article, out, ("--no-model",) if a.no_model else ())
        doc = normalize(Document("long.txt", article.read_text(encoding="utf-8")))
        report = {"chars": a.chars, "join": a.join, "output_mb": round(out.stat().st_size / 1e6, 2),
                  **read_evidence(out, doc.display_text), "seconds": round(run["seconds"], 1),
                  "peak_rss_mb": round(max(run["rss_mb"], run["worker_rss_mb"]), 1)}
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
