"""`make bench`: measure parkgraph against the targets of the scale issue and print a table.

usage: python benchmarks/run.py [--n 2000] [--graph-n 1000] [--work DIR]

Builds run on the N-article corpus; queries, validation and export run on the graph of the
first GRAPH_N articles (1,000 articles give about a million quads, the size the targets name).
Every build runs in a child process, so its peak memory (ru_maxrss of the process and of its
largest worker) is its own. Timings on shared machines drift: compare the ratios of one run.

With the model on (the default), a build is measured against the model's own inference on the
same texts: `LacTagger.tag` on each document's non-blank normalised paragraphs, one call per
document as the statistical recogniser makes it, in a fresh process (tables and session made
before the clock starts) on one core, and in two such processes at once, each tagging half the
documents. With --no-model, a build is measured against plain `jieba.cut` as before. Every rate
is the corpus's characters over the time, so a percentage is a ratio of times.

The time column gives the CPU seconds of all of a build's processes beside its wall time: a wall
time times the cores used well above them means other work shared the machine, and that row's
ratios are off. The default (2,000 articles, 6.0M characters) takes about 11 minutes on two
cores, most of it in the model; `--n 500` gives the same rows in about 3 minutes, with ratios a
few points lower (fixed start-up costs weigh more: the rebuild misses its target at that size);
README's figures are `--n 2000`.
"""

from __future__ import annotations

import argparse
import json
import os
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
me, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": rc, "seconds": time.perf_counter() - t,
                  "cpu": me.ru_utime + me.ru_stime + workers.ru_utime + workers.ru_stime,
                  "rss_mb": me.ru_maxrss / 1024, "worker_rss_mb": workers.ru_maxrss / 1024}))
"""
# the model's own inference: tag the documents K::N (K-th of N contiguous parts) of a corpus, one
# call per document on its non-blank normalised paragraphs, once the parent says go
TAG_CHILD = r"""
import json, resource, sys, time
from parkgraph.models.lac import get_tagger
from parkgraph.read.normalize import normalize
from parkgraph.read.sources import Skipped, read_corpus
corpus, k, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
docs = [d for d in read_corpus([corpus]) if not isinstance(d, Skipped)]
docs = docs[k * len(docs) // n:(k + 1) * len(docs) // n]
groups = []
for doc in docs:
    normalize(doc)
    groups.append([doc.text[s:e] for s, e in doc.paragraphs if doc.text[s:e].strip()])
tagger = get_tagger()
tagger.tag(["星河智造科技有限公司落户青川高新区。"])  # tables and session made before the clock
print("ready", flush=True)
sys.stdin.readline()
t, c = time.perf_counter(), time.process_time()
for group in groups:
    tagger.tag(group)
print(json.dumps({"seconds": time.perf_counter() - t, "cpu": time.process_time() - c,
                  "chars": sum(len(d.raw) for d in docs), "tagged": sum(map(len, (p for g in groups for p in g))),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}), flush=True)
"""


def model_inference(corpus: Path, processes: int) -> dict:
    """The model's own inference on the corpus by `processes` processes at once (each a part):
    wall seconds until the last finishes, and the processes' figures."""
    procs = [subprocess.Popen([sys.executable, "-c", TAG_CHILD, str(corpus), str(k), str(processes)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
             for k in range(processes)]
    for p in procs:  # all loaded before any starts
        if p.stdout.readline().strip() != "ready":
            raise SystemExit(f"model benchmark child failed: {p.wait()}")
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    parts = [json.loads(p.stdout.readline()) for p in procs]
    for p in procs:
        p.wait()
    return {"seconds": max(x["seconds"] for x in parts), "cpu": sum(x["cpu"] for x in parts), "parts": parts,
            "tagged": sum(x["tagged"] for x in parts)}


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
    started = time.perf_counter()
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
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

    cores = os.cpu_count() or 1

    def rate(seconds: float) -> str:
        return f"{chars / seconds / 1e3:,.0f}k chars/s"

    def took(r: dict) -> str:  # CPU seconds of all its processes: wall × cores well above them = a busy machine
        return f"{r['seconds']:.1f} s (CPU {r['cpu']:.0f} s)"

    def build(name: str, *options: str) -> dict:
        return run("build", str(corpus), "-o", str(work / f"graph-{name}.nq"), "--no-cache", "-q", *options)

    # with the model (the default): against the model's own inference on the same cores; each
    # build runs right after the inference it is compared with, so the machine's drift moves both
    m1 = model_inference(corpus, 1)
    rows.append(("model's own inference (LacTagger.tag), one core", took(m1), rate(m1["seconds"]),
                 f"{m1['tagged']:,} characters of paragraphs tagged"))
    one = build("j1", "-j", "1")
    rows.append(("build --jobs 1, model on", took(one), rate(one["seconds"]),
                 f"{100 * m1['seconds'] / one['seconds']:.0f} % of the model's inference on one core "
                 f"(target ≥ 50 %)"))
    m2 = model_inference(corpus, 2)
    rows.append(("model's own inference, two cores (two processes, half each)", took(m2), rate(m2["seconds"]),
                 f"{m1['seconds'] / m2['seconds']:.2f}× one core"))
    two = build("j2", "-j", "2")
    rows.append(("build --jobs 2, model on", took(two), rate(two["seconds"]),
                 f"{100 * m2['seconds'] / two['seconds']:.0f} % of the model's inference on two cores "
                 f"(target ≥ 50 %)"))
    rows.append(("--jobs 2 against --jobs 1, model on", "", f"{one['seconds'] / two['seconds']:.2f}×",
                 "target ≥ 1.7×"))

    # without the model: against jieba.cut, as before the model
    one_n = build("j1-nomodel", "-j", "1", "--no-model")
    rows.append(("build --jobs 1 --no-model", took(one_n), rate(one_n["seconds"]),
                 f"{100 * base / one_n['seconds']:.0f} % of jieba.cut on one core"))
    two_n = build("j2-nomodel", "-j", "2", "--no-model")
    rows.append(("build --jobs 2 --no-model", took(two_n), rate(two_n["seconds"]),
                 f"{one_n['seconds'] / two_n['seconds']:.2f}× --jobs 1 (target ≥ 1.7×)"))
    if cores != 2:
        full = build("jn-nomodel", "--no-model")
        rows.append((f"build --no-model (default: all {cores} cores)", took(full), rate(full["seconds"]), ""))
    else:
        full = two_n
    rows.append(("build throughput --no-model, default --jobs", "", rate(full["seconds"]),
                 f"{100 * base / full['seconds']:.0f} % of jieba.cut (target ≥ 50 %)"))
    for name, b, workers in (("--jobs 1, model on", one, False), ("--jobs 2, model on", two, True),
                             ("--jobs 1 --no-model", one_n, False), ("--jobs 2 --no-model", two_n, True)):
        used = f"{b['rss_mb']:,.0f} MB" + (f" main, {b['worker_rss_mb']:,.0f} MB largest worker" if workers else "")
        rows.append((f"peak memory, build {name}", used, "", "target < 1 GB"))

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
          f"and export: {min(a.graph_n, len(texts)):,} articles, {triples:,} quads; the benchmark took "
          f"{time.perf_counter() - started:.0f} s; load average before and after: {load_before} / "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} on {cores} cores")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
