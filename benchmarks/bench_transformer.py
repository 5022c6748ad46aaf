"""Inference speed of the transformer baseline on CPU.

    python benchmarks/bench_transformer.py --model runs/transformer-seed13 --threads 2

Runs the extractor over every document of the chosen split (repeated until at
least --min-sentences sentences) and prints sentences per second. Without
--model it measures the untrained network built from the bundled encoder, which
costs the same per sentence.
"""
from __future__ import annotations

import argparse
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", help="trained model directory (default: untrained bundled encoder)")
    parser.add_argument("--split", default="test")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--min-sentences", type=int, default=1000)
    parser.add_argument("--int8", action="store_true", help="dynamic int8 quantization of the linear layers")
    parser.add_argument("--no-rule-names", action="store_true", help="time the network alone, without the rule baseline's names")
    args = parser.parse_args()

    import torch

    torch.set_num_threads(args.threads)
    from baselines.transformer.predict import TransformerExtractor
    from harness.corpus import load_documents

    if args.model:
        extractor = TransformerExtractor.from_dir(args.model, int8=args.int8, rule_names=not args.no_rule_names)
    else:
        from transformers import AutoModel, AutoTokenizer

        from baselines.transformer.model import AttributionModel, default_encoder_path
        from baselines.transformer.predict import quantize_int8

        path = default_encoder_path()
        model = AttributionModel(AutoModel.from_pretrained(path)).eval()
        extractor = TransformerExtractor(quantize_int8(model) if args.int8 else model, AutoTokenizer.from_pretrained(path),
                                         rule_names=not args.no_rule_names)
    docs = load_documents(args.split)
    extractor(docs[0].texts)  # warm-up
    n = 0
    start = time.perf_counter()
    while n < args.min_sentences:
        for doc in docs:
            extractor(doc.texts)
            n += len(doc.sentences)
    elapsed = time.perf_counter() - start
    print(f"transformer inference: {n} sentences in {elapsed:.2f} s = {n / elapsed:.0f} sentences/s "
          f"({args.threads} torch threads, {'int8' if args.int8 else 'fp32'}, "
          f"{'network only' if args.no_rule_names else 'with rule names'}, split {args.split})")


if __name__ == "__main__":
    main()
