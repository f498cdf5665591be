"""`make bench`: measure parkgraph against the targets of the scale issue and print a table.

usage: python benchmarks/run.py [--n 2000] [--graph-n 1000] [--work DIR]

Builds run on the N-article corpus; queries, validation and export run on the graph of the
first GRAPH_N articles (1,000 articles give about a million quads, the size the targets name).
Every build runs in a child process, so its peak memory (ru_maxrss of the process and of its
largest worker) is its own. Timings on shared machines drift: compare the ratios of one run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = r"""
import json, resource, sys, time
from parkgraph.cli import main
t = time.perf_counter()
rc = main(sys.argv[1:])
print(json.dumps({"rc": rc, "seconds": time.perf_counter() - t,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def run(*args: str, timeout: float | None = None) -> dict:
    try:
        out = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True, text=True, check=False,
                             timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"rc": None, "seconds": float("inf"), "rss_mb": 0.0, "worker_rss_mb": 0.0}
    if out.returncode not in (0, 1):
        raise SystemExit(f"parkgraph {' '.join(args)} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def jieba_baseline(texts: list[str]) -> float:
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    t = time.perf_counter()
    for text in texts:
        for _ in jieba.cut(text):
            pass
    return time.perf_counter() - t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="articles in the benchmark corpus (default 2000)")
    ap.add_argument("--graph-n", type=int, default=1000,
                    help="articles in the graph for queries, validation and export (default 1000, ~1M quads)")
    ap.add_argument("--work", default=str(ROOT / "out" / "bench"))
    ap.add_argument("--validate-timeout", type=float, default=300.0, help="stop validation after this many seconds")
    a = ap.parse_args(argv)
    work = Path(a.work)
    corpus = work / f"corpus-{a.n}"
    if not corpus.exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), str(a.n), str(corpus)], check=True)
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.rglob("*.txt"))]
    chars = sum(map(len, texts))
    print("| measure | time | rate / size | against the target |\n|---|---|---|---|", flush=True)
    rows: list[tuple[str, str, str, str]] = []

    class Rows(list):
        def append(self, row):  # print each measurement as soon as it is made
            print("| " + " | ".join(row) + " |", flush=True)
            super().append(row)

    rows = Rows()

    base = jieba_baseline(texts)
    jieba_rate = chars / base
    rows.append(("plain jieba.cut, one core", f"{base:.1f} s", f"{jieba_rate / 1e3:,.0f}k chars/s", ""))

    import os

    cores = os.cpu_count() or 1
    one = run("build", str(corpus), "-o", str(work / "graph-j1.nq"), "-j", "1", "--no-cache", "-q")
    rate1 = chars / one["seconds"]
    rows.append(("build --jobs 1", f"{one['seconds']:.1f} s", f"{rate1 / 1e3:,.0f}k chars/s",
                 f"{100 * rate1 / jieba_rate:.0f} % of jieba.cut on one core"))
    two = run("build", str(corpus), "-o", str(work / "graph-j2.nq"), "-j", "2", "--no-cache", "-q")
    rate2 = chars / two["seconds"]
    rows.append(("build --jobs 2", f"{two['seconds']:.1f} s", f"{rate2 / 1e3:,.0f}k chars/s",
                 f"{one['seconds'] / two['seconds']:.2f}× --jobs 1 (target ≥ 1.7×)"))
    if cores != 2:
        full = run("build", str(corpus), "-o", str(work / "graph-jn.nq"), "--no-cache", "-q")
        rate_n = chars / full["seconds"]
        rows.append((f"build (default: all {cores} cores)", f"{full['seconds']:.1f} s", f"{rate_n / 1e3:,.0f}k chars/s",
                     ""))
    else:
        rate_n = rate2
    rows.append(("build throughput, default --jobs", "", f"{rate_n / 1e3:,.0f}k chars/s",
                 f"{100 * rate_n / jieba_rate:.0f} % of jieba.cut (target ≥ 50 %)"))
    rows.append(("peak memory, build --jobs 1", f"{one['rss_mb']:,.0f} MB", "", "target < 1 GB"))
    rows.append(("peak memory, build --jobs 2", f"{two['rss_mb']:,.0f} MB main, {two['worker_rss_mb']:,.0f} MB "
                 "largest worker", "", "target < 1 GB"))

    cache = work / "cache"
    shutil.rmtree(cache, ignore_errors=True)  # the full build starts from an empty cache
    cold = run("build", str(corpus), "-o", str(work / "graph-c.nq"), "-j", "2", "--cache", str(cache), "-q")
    victim = sorted(corpus.rglob("*.txt"))[len(texts) // 2]
    original = victim.read_text(encoding="utf-8")
    victim.write_text(original.replace("同比增长", "增长", 1) + "\n", encoding="utf-8")
    try:
        warm = run("build", str(corpus), "-o", str(work / "graph-c.nq"), "-j", "2", "--cache", str(cache), "-q")
    finally:
        victim.write_text(original, encoding="utf-8")
    rows.append(("incremental rebuild, one article changed", f"{warm['seconds']:.1f} s", "",
                 f"{100 * warm['seconds'] / cold['seconds']:.0f} % of the full build {cold['seconds']:.1f} s "
                 f"(target < 5 %)"))

    # the graph: queries, validation, export, on the graph of the first GRAPH_N articles
    from parkgraph.graph.query import list_queries, open_store, run_query

    part = work / f"corpus-{a.n}-first-{a.graph_n}"
    if not part.exists():
        part.mkdir(parents=True)
        for f in sorted(corpus.rglob("*.txt"))[: a.graph_n]:
            dest = part / f.relative_to(corpus)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(f, dest)
    g1 = work / f"graph-{a.graph_n}.nq"
    run("build", str(part), "-o", str(g1), "--no-cache", "-q")
    t = time.perf_counter()
    store = open_store(g1)
    triples = len(store)
    rows.append(("load graph into Oxigraph (memory)", f"{time.perf_counter() - t:.1f} s", f"{triples:,} quads", ""))
    slowest = ("", 0.0)
    for q in list_queries():
        t = time.perf_counter()
        run_query(store, q)
        dt = time.perf_counter() - t
        if dt > slowest[1]:
            slowest = (q.name, dt)
    rows.append(("slowest query of the pack", f"{slowest[1]:.2f} s", slowest[0], "target < 1 s"))
    gexf = run("export", str(g1), "-o", str(work / "graph.gexf"))
    rows.append(("export GEXF", f"{gexf['seconds']:.1f} s", f"{gexf['rss_mb']:,.0f} MB", "target < 30 s"))
    val = run("validate", str(g1), "--format", "json", timeout=a.validate_timeout)
    took = f"{val['seconds']:.1f} s" if val["rc"] is not None else f"> {a.validate_timeout:.0f} s (stopped)"
    rows.append(("validate, end to end (shapes on Oxigraph + checks)", took, f"{val['rss_mb']:,.0f} MB",
                 "target ≤ 30 s"))

    print(f"\nbenchmark corpus: {len(texts):,} articles, {chars:,} characters; graph for queries, validation "
          f"and export: {a.graph_n:,} articles, {triples:,} quads")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
