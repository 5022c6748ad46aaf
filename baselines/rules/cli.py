"""``attrib-bench baseline rules``: run the rule-based extractor on a split."""
from __future__ import annotations

import argparse

from baselines.commands import add_common_arguments, write_predictions


def _run(args: argparse.Namespace) -> int:
    from baselines.rules import RuleExtractor

    extractor = RuleExtractor(carry_verification=not args.no_carry_verification)
    return write_predictions(extractor, args)


def add_baseline_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "rules",
        help="rule-based extractor (quotes, cue lexicon, speaker patterns)",
        description="Rule-based attribution extractor. Example: attrib-bench baseline rules --split test --out preds.jsonl",
    )
    add_common_arguments(p)
    p.add_argument("--no-carry-verification", action="store_true",
                   help="judge verification from the attribution's own sentence only")
    p.set_defaults(func=_run)
