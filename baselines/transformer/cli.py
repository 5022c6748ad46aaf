"""``attrib-bench baseline transformer train|predict`` (registered by baselines.commands)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _train(args: argparse.Namespace) -> int:
    from baselines.transformer.train import TrainConfig, train
    from harness.corpus import load_documents

    config = TrainConfig(
        encoder=args.encoder or "", seed=args.seed, epochs=args.epochs, batch_size=args.batch_size,
        learning_rate=args.lr, max_length=args.max_length, patience=args.patience, threads=args.threads,
        freeze_word_embeddings=not args.train_word_embeddings,
    )
    train_docs = load_documents("train")
    dev_docs = load_documents("dev")
    if args.limit_docs:
        train_docs = train_docs[: args.limit_docs]
    metrics = train(config, Path(args.out), train_docs, dev_docs)
    print(json.dumps({k: metrics[k] for k in ("best_epoch", "best_dev_attribution_f1", "train_seconds", "label_models")}, indent=2))
    print(f"model written to {args.out}")
    return 0


def _predict(args: argparse.Namespace) -> int:
    from baselines.transformer.predict import TransformerExtractor
    from harness.corpus import load_documents
    from harness.extractor import run_extractor, write_submission

    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    model_dir = Path(args.model)
    if not (model_dir / "heads.pt").exists():
        print(f"error: {model_dir}: not a trained model directory (no heads.pt); run `attrib-bench baseline transformer train --out DIR`", file=sys.stderr)
        return 2
    extractor = TransformerExtractor.from_dir(model_dir, int8=args.int8)
    rows = run_extractor(extractor, load_documents(args.split), progress=True)
    write_submission(Path(args.out), rows)
    print(f"wrote {len(rows)} predictions for split {args.split} to {args.out}")
    return 0


def add_baseline_parser(baseline_sub) -> None:
    """Add ``transformer train`` and ``transformer predict`` under the ``baseline`` group."""
    tr = baseline_sub.add_parser("transformer", help="fine-tuned MiniLM extractor (needs the [transformer] extra)")
    tr_sub = tr.add_subparsers(dest="transformer_command", required=True)
    t = tr_sub.add_parser("train", help="fine-tune on train, select on dev")
    t.add_argument("--out", required=True, help="output model directory")
    t.add_argument("--encoder", help="path or name of a Hugging Face encoder (default: bundled all-MiniLM-L6-v2)")
    t.add_argument("--seed", type=int, default=13)
    t.add_argument("--epochs", type=int, default=6, help="at most this many epochs (default 6, the reported setting)")
    t.add_argument("--batch-size", type=int, default=16)
    t.add_argument("--lr", type=float, default=5e-5)
    t.add_argument("--max-length", type=int, default=128)
    t.add_argument("--patience", type=int, default=2, help="epochs without dev improvement before stopping")
    t.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: default)")
    t.add_argument("--train-word-embeddings", action="store_true", help="also fine-tune the word embeddings (about 4x slower on CPU)")
    t.add_argument("--limit-docs", type=int, default=0, help="train on the first N documents only (smoke runs)")
    t.set_defaults(func=_train)
    p = tr_sub.add_parser("predict", help="write a submission for a split")
    p.add_argument("--model", required=True, help="directory written by `train`")
    p.add_argument("--split", default="test", choices=("train", "dev", "test"))
    p.add_argument("--out", required=True)
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--int8", action="store_true", help="dynamic int8 quantization of the encoder's linear layers (faster on CPU, slightly lower scores)")
    p.set_defaults(func=_predict)
