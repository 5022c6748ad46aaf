"""CLI subcommands ``validate``, ``score``, ``compare`` and ``gate``.

Exit codes: 0 success; 1 ``gate`` found a drop beyond the tolerance; 2 invalid
input or options (every problem listed with file, line and field; nothing written).

``compare`` takes two *prediction files* and scores both on the same gold; it
does not read result JSONs (they do not carry per-document counts).
"""
from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import Any

from harness.errors import InputError, Problem
from harness.matching import MATCH_MODES
from harness.metrics import HEADLINE, MAIN_METRICS, METRIC_NAMES
from harness.normalize import SPEAKER_MODES
from harness.schema import SPLITS
from harness.significance import DEFAULT_RESAMPLES, DEFAULT_SEED

RULES_SYSTEM = "rules baseline"


def _nonneg_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an integer >= 0, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected an integer >= 0, got {text!r}")
    return value


def _points(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of points >= 0, got {text!r}") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"expected a finite number of points >= 0, got {text!r}")
    return value


def _gold_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("gold").add_mutually_exclusive_group()
    g.add_argument("--split", choices=SPLITS, default=None, help="corpus split to score against (default: test)")
    g.add_argument("--gold", metavar="FILE", help="a gold file in corpus format instead of a split")


def _mode_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("matching")
    g.add_argument("--match", choices=MATCH_MODES, default="partial", help="content match: partial (Jaccard >= 0.5, default) or exact")
    g.add_argument("--speaker", choices=SPEAKER_MODES, default="lenient", help="speaker name: lenient (token F1 >= 0.5, default) or exact")


def _resolve_gold(args: argparse.Namespace, default_split: str = "test"):
    """(Gold, split label or None, metadata) for --split / --gold."""
    from harness.corpus import documents_path, load_metadata, split_path
    from harness.scoring import display_path
    from harness.validate import read_gold

    if getattr(args, "gold", None):
        path = Path(args.gold)
        split = None
    else:
        split = getattr(args, "split", None) or default_split
        path = split_path(split)
    if not path.exists():
        raise InputError([Problem(str(path), None, "gold", "gold file not found")], what="gold")
    gold = read_gold(path, display_path(path))
    metadata = load_metadata(path.parent) if documents_path(path.parent).exists() else None
    return gold, split, metadata


def _predictions(args_pred: str | None, gold, metadata) -> tuple[Any, str]:
    """(predictions for ``score``, system name); runs the rules baseline when no file is given."""
    if args_pred is not None:
        path = Path(args_pred)
        if not path.exists():
            raise InputError([Problem(args_pred, None, "predictions", "file not found")], what="submission")
        if not path.is_file():
            raise InputError([Problem(args_pred, None, "predictions", "not a file")], what="submission")
        return path, path.name
    try:
        from baselines.rules import extract_document  # lazy: the default system
    except ImportError as exc:
        raise InputError(
            [Problem("baselines.rules", None, "extract_document", f"the default system (rules baseline) cannot be loaded: {exc}")],
            what="default system",
        ) from None
    from harness.extractor import run_extractor
    from harness.scoring import _documents_of

    rows = run_extractor(extract_document, _documents_of(gold, metadata or {}))
    return rows, RULES_SYSTEM


def _score(args: argparse.Namespace, pred: str | None, bootstrap: int, resolved=None):
    from harness.scoring import score

    gold, split, metadata = resolved or _resolve_gold(args)
    preds, system = _predictions(pred, gold, metadata)
    return score(
        gold, preds, match=args.match, speaker=args.speaker, bootstrap=bootstrap, seed=args.seed,
        metadata=metadata, split=split, system=system,
    )  # fmt: skip


# --------------------------------------------------------------------------- commands


def _command_line(args: argparse.Namespace) -> list[str]:
    """The score command as run (rebuilt from the parsed options, for result files)."""
    cmd = ["attrib-bench", "score"]
    if args.predictions:
        cmd.append(args.predictions)
    cmd += ["--gold", args.gold] if args.gold else ["--split", args.split or "test"]
    cmd += ["--match", args.match, "--speaker", args.speaker, "--bootstrap", str(args.bootstrap), "--seed", str(args.seed)]
    return cmd


def cmd_validate(args: argparse.Namespace) -> int:
    from harness.validate import read_submission

    gold, split, _ = _resolve_gold(args)
    preds = read_submission(args.predictions, gold)
    n_attr = sum(len(p) for p in preds)
    print(f"{args.predictions}: valid submission for {gold.name} ({len(preds)} sentences, {n_attr} attributions)")
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    from harness.report import result_record, write_json_atomic

    result = _score(args, args.predictions, args.bootstrap)
    payload = result.to_dict()
    if args.out:  # everything is computed before anything is written
        try:
            write_json_atomic(args.out, result_record(payload, _command_line(args)))
        except OSError as exc:
            raise InputError([Problem(args.out, None, "--out", f"cannot write the result file: {exc.strerror or exc}")], what="output") from None
    plots = []
    if args.plots:
        from harness.plots import write_plots

        try:
            plots = write_plots(result, args.plots)
        except OSError as exc:
            raise InputError([Problem(args.plots, None, "--plots", f"cannot write the plots: {exc.strerror or exc}")], what="output") from None
    if args.json:
        print(result.to_json())
    else:
        print(str(result))
        if args.out:
            print(f"wrote {args.out}")
        for path in plots:
            print(f"wrote {path}")
    return 0


def cmd_runs(args: argparse.Namespace) -> int:
    from harness import runs
    from harness.scoring import dumps

    if len(args.predictions) < 2:
        raise InputError([Problem("PRED", None, "predictions", "give at least two runs (a standard deviation needs two)")], what="runs")
    resolved = _resolve_gold(args)
    results = [_score(args, pred, args.bootstrap, resolved) for pred in args.predictions]  # all scored before any output
    summary = runs.summarize(list(args.predictions), results)
    if args.json:
        print(dumps(summary))
    elif args.markdown:
        print(runs.format_markdown(summary))
    else:
        print(runs.format_table(summary))
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from harness.scoring import dumps, _r
    from harness.significance import approximate_randomization, paired_bootstrap

    resolved = _resolve_gold(args)
    gold = resolved[0]
    a = _score(args, args.a, 0, resolved)
    b = _score(args, args.b, 0, resolved)
    boot = paired_bootstrap(a.doc_counts, b.doc_counts, args.trials, args.seed)
    ar = approximate_randomization(a.doc_counts, b.doc_counts, args.trials, args.seed)
    rows: dict[str, Any] = {}
    for m, name in enumerate(METRIC_NAMES):
        if a.metrics[name] is None or b.metrics[name] is None:
            rows[name] = None
            continue
        rows[name] = {
            "a": _r(a.metrics[name]["f"]),
            "b": _r(b.metrics[name]["f"]),
            "delta": _r(boot["delta"][m]),
            "p_bootstrap": _r(boot["p"][m]),
            "p_randomization": _r(ar["p"][m]),
        }
    payload = {
        "signature": str(a.signature),
        "headline": HEADLINE,
        "trials": args.trials,
        "seed": args.seed,
        "a": {"system": a.system, "predictions_sha256": a.predictions_sha256},
        "b": {"system": b.system, "predictions_sha256": b.predictions_sha256},
        "metrics": rows,
        "phenomena": _phenomenon_deltas(a, b),
        "flipped": _flipped_sentences(gold, a, b, args.show, args.flip_metric),
    }
    if args.json:
        print(dumps(payload))
    else:
        from harness.report import format_compare

        print(format_compare(payload))
    return 0


def _phenomenon_deltas(a, b) -> dict[str, Any]:
    """Headline recall per phenomenon tag for A and B, and B - A."""
    from harness.scoring import _r

    out: dict[str, Any] = {}
    sa, sb = a.slices.get("phenomenon", {}), b.slices.get("phenomenon", {})
    for tag in sa:
        ra, rb = sa[tag].get("r"), sb.get(tag, {}).get("r")
        out[tag] = {
            "sentences": sa[tag].get("sentences"),
            "a": _r(ra),
            "b": _r(rb),
            "delta": None if ra is None or rb is None else _r(rb - ra),
        }
    return out


def _flipped_sentences(gold, a, b, show: int, metric: str) -> dict[str, Any]:
    """Sentences all right by ``metric`` for one system and not for the other."""
    n = len(gold.ids)
    right_a, right_b = a.sentences_all_right(n, metric), b.sentences_all_right(n, metric)

    def listing(mask) -> list[dict[str, Any]]:
        return [{"id": gold.ids[k], "text": gold.texts[k]} for k in mask.nonzero()[0][:show]]

    lost, gained = right_a & ~right_b, ~right_a & right_b
    return {
        "metric": metric,
        "lost": int(lost.sum()),
        "gained": int(gained.sum()),
        "lost_examples": listing(lost),
        "gained_examples": listing(gained),
    }


def cmd_gate(args: argparse.Namespace) -> int:
    from harness.report import load_result
    from harness.signature import Signature

    baseline = load_result(args.baseline)
    cfg = baseline["config"]
    problems = []
    for key, allowed in (("match", MATCH_MODES), ("speaker", SPEAKER_MODES)):
        if cfg.get(key) not in allowed:
            problems.append(Problem(args.baseline, None, f"config.{key}", f"unknown value {cfg.get(key)!r}"))
    if not args.gold and cfg.get("split") not in SPLITS:
        problems.append(Problem(args.baseline, None, "config.split", f"baseline was scored on {cfg.get('split')!r}; give --gold FILE"))
    if problems:
        raise InputError(problems, what="baseline result")
    args.match, args.speaker, args.seed = cfg["match"], cfg["speaker"], DEFAULT_SEED
    if not args.gold:
        args.split = cfg["split"]
    result = _score(args, args.predictions, 0)
    sig = result.signature
    if sig.gold_sha256 != cfg.get("gold_sha256"):
        msg = f"the gold data differs from the baseline's ({str(cfg.get('gold_sha256'))[:8]} vs {sig.gold_sha256[:8]}); re-score the baseline"
        if not args.allow_different_gold:
            raise InputError([Problem(args.baseline, None, "config.gold_sha256", msg)], what="gate")
        print(f"warning: {msg}", file=sys.stderr)
    now = result.to_dict()["metrics"]
    failed = []
    print(f"attrib-bench gate (system: {result.system}) against {args.baseline}; tolerance {args.max_drop:g} F1 points")
    print(f"{'metric':<21} {'baseline':>8} {'now':>8} {'change':>8}")
    for name in METRIC_NAMES:
        base_m = (baseline["metrics"] or {}).get(name)
        now_m = now.get(name)
        if not base_m or not now_m or base_m.get("f") is None or now_m.get("f") is None:
            print(f"{name:<21} {'N/A':>8} {'N/A':>8} {'':>8}  not compared")
            continue
        change = 100 * (now_m["f"] - base_m["f"])
        bad = -change > args.max_drop + 1e-9
        print(f"{name:<21} {100 * base_m['f']:8.1f} {100 * now_m['f']:8.1f} {change:+8.1f}  {'FAIL' if bad else 'ok'}")
        if bad:
            failed.append((name, -change))
    print(f"signature: {Signature.parse(baseline['signature']).scoring_part() if '|' in baseline['signature'] else baseline['signature']} (baseline)")
    print(f"signature: {sig}")
    if failed:
        print(
            "gate FAILED: " + "; ".join(f"{n} fell {d:.1f} points" for n, d in failed) + f" (tolerance {args.max_drop:g})",
            file=sys.stderr,
        )
        return 1
    print("gate passed: no main metric fell by more than the tolerance")
    return 0


# --------------------------------------------------------------------------- registration


def register(subparsers: argparse._SubParsersAction) -> None:
    v = subparsers.add_parser("validate", help="check a submission file against the gold ids and format")
    v.add_argument("predictions", metavar="PRED", help="submission JSONL (one line per sentence)")
    _gold_options(v)
    v.set_defaults(func=cmd_validate)

    s = subparsers.add_parser(
        "score",
        help="score a submission (default system: the rules baseline)",
        description="Score predictions; without PRED, run and score the rules baseline.",
    )
    s.add_argument("predictions", metavar="PRED", nargs="?", help="submission JSONL; omitted = run the rules baseline")
    _gold_options(s)
    _mode_options(s)
    u = s.add_argument_group("uncertainty")
    u.add_argument("--bootstrap", type=_nonneg_int, default=DEFAULT_RESAMPLES, metavar="N", help=f"document resamples for 95%% CIs (default {DEFAULT_RESAMPLES}; 0 = none)")
    u.add_argument("--seed", type=_nonneg_int, default=DEFAULT_SEED, metavar="N", help=f"bootstrap seed (default {DEFAULT_SEED})")
    o = s.add_argument_group("output")
    o.add_argument("--json", action="store_true", help="print the JSON payload instead of the table (reproducible: no date)")
    o.add_argument("--out", metavar="RESULT.json", help="also write a result file (payload + meta: date, git commit, versions)")
    o.add_argument("--plots", metavar="DIR", help="also write PNG plots: confusion matrices (source type, verification), recall by phenomenon")
    s.set_defaults(func=cmd_score)

    r = subparsers.add_parser(
        "runs",
        help="several runs of one system (e.g. seeds): each main metric per run, mean ± sample sd",
        description="Score each submission with the same settings and report every main metric per run and "
                    "mean ± sample standard deviation (n - 1) over the runs.",
    )
    r.add_argument("predictions", metavar="PRED", nargs="+", help="submission JSONL files, one per run (at least two)")
    _gold_options(r)
    _mode_options(r)
    r.add_argument("--bootstrap", type=_nonneg_int, default=DEFAULT_RESAMPLES, metavar="N", help=f"document resamples for each run's 95%% CI (default {DEFAULT_RESAMPLES})")
    r.add_argument("--seed", type=_nonneg_int, default=DEFAULT_SEED, metavar="N", help=f"bootstrap seed (default {DEFAULT_SEED})")
    fmt = r.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print the summary as JSON")
    fmt.add_argument("--markdown", action="store_true", help="print a Markdown table (headline with each run's CI)")
    r.set_defaults(func=cmd_runs)

    c = subparsers.add_parser("compare", help="paired significance tests between two prediction files")
    c.add_argument("a", metavar="A", help="submission JSONL of system A")
    c.add_argument("b", metavar="B", help="submission JSONL of system B")
    _gold_options(c)
    _mode_options(c)
    c.add_argument("--trials", type=_nonneg_int, default=DEFAULT_RESAMPLES, metavar="N", help=f"resamples and permutations (default {DEFAULT_RESAMPLES})")
    c.add_argument("--seed", type=_nonneg_int, default=DEFAULT_SEED, metavar="N")
    c.add_argument("--show", type=_nonneg_int, default=10, metavar="N", help="flipped sentences to list each way (default 10)")
    c.add_argument("--flip-metric", default=HEADLINE, choices=[m for m, cols in MAIN_METRICS.items() if cols[1:] == ("n_pred", "n_gold")],
                   help="metric that decides whether a sentence is right, for the flipped-sentence list (default: the headline)")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_compare)

    g = subparsers.add_parser("gate", help="fail (exit 1) when a main metric fell more than --max-drop points below a baseline result")
    g.add_argument("predictions", metavar="PRED", nargs="?", help="submission JSONL; omitted = run the rules baseline")
    g.add_argument("--baseline", required=True, metavar="RESULT.json", help="a result file from `score --out` (or `score --json`)")
    g.add_argument("--max-drop", required=True, type=_points, metavar="POINTS", help="tolerated F1 drop in points (one-sided)")
    g.add_argument("--gold", metavar="FILE", help="gold file (default: the baseline's split)")
    g.add_argument("--allow-different-gold", action="store_true", help="warn instead of failing when the gold hash differs")
    g.set_defaults(func=cmd_gate, split=None)

