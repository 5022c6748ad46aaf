"""The ``attrib-bench baseline`` command group.

Each baseline lives in its own package under ``baselines/`` with a ``cli`` module that
defines ``add_baseline_parser(subparsers)``; this module discovers them, so adding a
baseline (e.g. ``baselines/transformer/cli.py``) needs no change here. A ``cli`` module
must import cheaply (heavy imports such as torch go inside the command function).
Shared options and the run-and-write step are :func:`add_common_arguments` and
:func:`write_predictions`::

    # baselines/<name>/cli.py
    from baselines.commands import add_common_arguments, write_predictions

    def add_baseline_parser(subparsers):
        p = subparsers.add_parser("<name>", help="...")
        add_common_arguments(p)
        p.set_defaults(func=lambda args: write_predictions(build_my_extractor(args), args))

Example: ``attrib-bench baseline rules --split test --out preds.jsonl``.
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path
from typing import Any

ORDER = ("rules", "transformer")  # listed first in --help, the rest alphabetically


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--split", default="test", choices=("train", "dev", "test"), help="corpus split to run on (default: test)")
    parser.add_argument("--out", required=True, type=Path, help="submission file to write (JSON lines)")
    parser.add_argument("--data", type=Path, default=None, help="data folder (default: $ATTRIB_BENCH_DATA or the repository's data/)")
    parser.add_argument("--progress", action="store_true", help="show a progress bar")


def write_predictions(extractor: Any, args: argparse.Namespace) -> int:
    """Run ``extractor`` over the split's documents and write a submission atomically."""
    from harness.corpus import load_documents
    from harness.extractor import run_extractor, write_submission

    documents = load_documents(args.split, args.data)
    rows = run_extractor(extractor, documents, progress=args.progress)
    write_submission(args.out, rows)
    n_att = sum(len(r["attributions"]) for r in rows)
    print(f"wrote {args.out} ({len(rows)} sentences, {n_att} attributions, {len(documents)} documents, split {args.split})")
    return 0


def _baseline_names() -> list[str]:
    import baselines

    names = [m.name for m in pkgutil.iter_modules(baselines.__path__) if m.ispkg]
    return sorted(names, key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("baseline", help="run a baseline system and write a submission")
    sub = parser.add_subparsers(dest="baseline_command", required=True, metavar="BASELINE")
    for name in _baseline_names():
        module_name = f"baselines.{name}.cli"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue  # a package without a command
            print(f"warning: baseline {name!r} unavailable: {exc}", file=sys.stderr)
            continue
        add = getattr(module, "add_baseline_parser", None)
        if add is not None:
            add(sub)
