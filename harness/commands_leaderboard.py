"""CLI: ``attrib-bench leaderboard build`` and ``attrib-bench leaderboard check``.

Exit codes of ``build``: 0 every submission was scored and both pages written;
1 the pages were written but at least one submission was excluded (its
problems are printed; CI goes red); 2 nothing was written (no valid
submission, or the gold data could not be read).

Exit codes of ``check``: 0 the submission is valid (its scores are printed);
2 problems, each with file, line and field.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from harness.errors import InputError


def cmd_build(args: argparse.Namespace) -> int:
    from harness.leaderboard import build

    report = build(Path(args.dir), Path(args.gold) if args.gold else None)
    for e in report.entries:
        f = e.result.metrics["attribution"]
        score = "N/A" if f is None or f["f"] is None else f"{100 * f['f']:.1f}"
        print(f"  {e.rank:>3}. {e.name:<32} headline F1 {score:>5}  {e.status}")
    for path in report.written:
        print(f"wrote {path}")
    print(f"signature: {report.signature}")
    if report.excluded:
        print("", file=sys.stderr)
        print(f"EXCLUDED {len(report.excluded)} submission(s) (not on the leaderboard; fix and rebuild):", file=sys.stderr)
        for s in report.excluded:
            print(f"  {s.path}: {len(s.problems)} problem(s)", file=sys.stderr)
            for p in s.problems[:50]:
                print(f"    {p}", file=sys.stderr)
            if len(s.problems) > 50:
                print(f"    ... and {len(s.problems) - 50} more", file=sys.stderr)
        return 1
    print(f"leaderboard built: {len(report.entries)} submission(s), none excluded")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from harness.leaderboard import load_gold, load_submission
    from harness.report import format_table

    path = Path(args.submission)
    gold, docs = load_gold(Path(args.gold) if args.gold else None)
    sub = load_submission(path, gold, split=None if args.gold else "test", metadata_docs=docs)
    if not sub.ok:
        raise InputError(sub.problems, what=f"submission {path}")
    m = sub.metadata
    print(format_table(sub.result.to_dict()))
    print("")
    print(f"{path}: valid submission {sub.name!r} (system {m.system_name!r}, {len(m.authors)} author(s), date {m.date})")
    if m.url and m.link is None:
        print(f"note: url {m.url!r} is not an http(s) URL; the leaderboard shows it as text, without a link")
    print("next: open a pull request adding this folder under leaderboard/submissions/ (see leaderboard/CONTRIBUTING.md)")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    lb = subparsers.add_parser("leaderboard", help="build the leaderboard pages or check a submission folder")
    sub = lb.add_subparsers(dest="leaderboard_command", required=True)
    b = sub.add_parser(
        "build",
        help="validate and rescore every submission; write LEADERBOARD.md and index.html",
        description="Exit 0: all submissions built; 1: pages written but some submission excluded; 2: nothing written.",
    )
    b.add_argument("--dir", default="leaderboard", metavar="DIR", help="leaderboard folder with submissions/ (default: leaderboard)")
    b.add_argument("--gold", metavar="FILE", help=argparse.SUPPRESS)  # a small gold file instead of the test split (tests)
    b.set_defaults(func=cmd_build)
    c = sub.add_parser(
        "check",
        help="validate a submission folder (name, metadata.yaml, predictions.jsonl) and print its scores",
        description="What a contributor runs before opening a pull request. Exit 2 with file/line/field on problems.",
    )
    c.add_argument("submission", metavar="SUBMISSION_DIR")
    c.add_argument("--gold", metavar="FILE", help=argparse.SUPPRESS)
    c.set_defaults(func=cmd_check)
