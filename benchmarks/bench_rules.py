"""Throughput of the rule baseline: sentences per second on one process.

Runs ``baselines.rules.extract_document`` over every document of the built corpus
(train, dev and test), repeating the document list until at least 20,000 sentences
have been processed, and prints sentences/second (target: ≥ 5,000) of the best run by wall
clock, and per CPU-second of this process (which other processes on a busy machine do not
inflate); the load average is printed so the two can be judged. The per-phrase caches are
emptied before every document, so repeats cost as much as new text.

    .venv/bin/python benchmarks/bench_rules.py [--min-sentences 20000] [--repeats 3]
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from baselines.rules import RuleExtractor  # noqa: E402
from baselines.rules.sources import clear_caches  # noqa: E402
from harness.corpus import load_documents  # noqa: E402
from harness.schema import SPLITS  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-sentences", type=int, default=20_000)
    ap.add_argument("--repeats", type=int, default=3, help="timed runs; the best is reported")
    args = ap.parse_args(argv)

    docs = [d.texts for split in SPLITS for d in load_documents(split)]
    docs = [d for d in docs if d]
    n_corpus = sum(len(d) for d in docs)
    if not n_corpus:
        print("no corpus sentences found (build the corpus first)", file=sys.stderr)
        return 2
    work = []
    n = 0
    while n < args.min_sentences:
        for d in docs:
            work.append(d)
            n += len(d)
    extractor = RuleExtractor()
    extractor.extract_document(docs[0])  # warm-up: lexicon and regexes are compiled once
    times, cpu = [], []
    n_att = 0
    for _ in range(args.repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        n_att = 0
        for d in work:
            clear_caches()  # repeated documents must not hit caches filled by their earlier copies
            n_att += sum(len(a) for a in extractor.extract_document(d))
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    best = min(times)
    print(f"corpus: {len(docs)} documents, {n_corpus} sentences; processed {n} sentences per run "
          f"({len(work)} documents), {args.repeats} runs")
    print(f"python {platform.python_version()} on {platform.machine()}, one process")
    print(f"best run {best:.3f} s, median {sorted(times)[len(times) // 2]:.3f} s, {n_att} attributions per run")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"throughput: {n / best:,.0f} sentences/second wall clock (target ≥ 5,000); "
          f"{n / min(cpu):,.0f} per CPU-second; load average {load:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
