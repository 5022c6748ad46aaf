"""Inference speed of the transformer baseline on CPU, float32 and int8 side by side.

    python benchmarks/bench_transformer.py --model runs/seed13 --threads 2
    python benchmarks/bench_transformer.py --model runs/seed13 --variants int8 --rounds 1

Runs the whole extractor (network, linking, naming with the rule baseline's help) over every
document of the chosen split. With several variants the rounds alternate between them, so a
busy machine slows them alike; the best round of each is reported (the least disturbed one),
with the median and the load average. Without --model the untrained network built from the
bundled encoder is timed, which costs the same per sentence.
"""
from __future__ import annotations

import argparse
import os
import statistics
import time


def build(model_dir: str | None, int8: bool, rule_names: bool):
    from baselines.transformer.predict import TransformerExtractor, quantize_int8

    if model_dir:
        return TransformerExtractor.from_dir(model_dir, int8=int8, rule_names=rule_names)
    from transformers import AutoModel, AutoTokenizer

    from baselines.transformer.model import AttributionModel, default_encoder_path

    path = default_encoder_path()
    model = AttributionModel(AutoModel.from_pretrained(path)).eval()
    return TransformerExtractor(quantize_int8(model) if int8 else model, AutoTokenizer.from_pretrained(path), rule_names=rule_names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", help="trained model directory (default: untrained bundled encoder)")
    parser.add_argument("--split", default="test")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--variants", default="fp32,int8", help="comma-separated: fp32, int8 (default both)")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the split per variant (default 3)")
    parser.add_argument("--no-rule-names", action="store_true", help="time the network alone, without the rule baseline's names")
    args = parser.parse_args()

    import torch

    torch.set_num_threads(args.threads)
    from harness.corpus import load_documents

    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    unknown = set(variants) - {"fp32", "int8"}
    if unknown:
        parser.error(f"unknown variant(s): {', '.join(sorted(unknown))}")
    docs = [d.texts for d in load_documents(args.split)]
    n = sum(len(d) for d in docs)
    extractors = {}
    for v in variants:
        torch.manual_seed(0)  # the untrained heads (no --model) are the same for every variant
        extractors[v] = build(args.model, v == "int8", not args.no_rule_names)
    for ex in extractors.values():
        ex(docs[0])  # warm-up
    times: dict[str, list[float]] = {v: [] for v in variants}
    for _ in range(args.rounds):
        for v, ex in extractors.items():
            start = time.perf_counter()
            for texts in docs:
                ex(texts)
            times[v].append(time.perf_counter() - start)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    what = "network only" if args.no_rule_names else "network + linking + naming"
    print(f"transformer inference on split {args.split}: {n} sentences per round, {args.rounds} rounds, "
          f"{args.threads} torch threads, {what}, model {args.model or 'untrained bundled encoder'}")
    for v in variants:
        best, median = min(times[v]), statistics.median(times[v])
        print(f"  {v:5s} best {n / best:6.0f} sentences/s ({best:.2f} s), median {n / median:6.0f} sentences/s")
    print(f"load average {load:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
