"""The ``attrib-bench`` command line. Each subcommand lives in its own module."""
from __future__ import annotations

import argparse
import sys

from harness.errors import InputError
from harness.version import __version__


def _data_build(args: argparse.Namespace) -> int:
    from harness.build import write_corpus

    files = write_corpus()
    for name, content in sorted(files.items()):
        n_lines = content.count(b"\n")
        print(f"wrote data/{name} ({n_lines} lines)")
    return 0


def _data_check(args: argparse.Namespace) -> int:
    from harness.build import check_corpus

    diffs = check_corpus()
    for d in diffs:
        print(d, file=sys.stderr)
    if diffs:
        return 1
    print("data check: committed corpus files equal a fresh build")
    return 0


def _data_lint(args: argparse.Namespace) -> int:
    """Parse some source files only (no build) and print a short profile of each."""
    from pathlib import Path

    from harness.authoring import parse_source

    failed = False
    for name in args.files:
        meta, records, problems = parse_source(Path(name))
        if problems:
            failed = True
            for p in problems:
                print(p, file=sys.stderr)
            continue
        n = len(records)
        attrs = [a for r in records for a in r.attributions]
        words = sum(len(r.text.split()) for r in records) / n
        print(
            f"{name}: ok  {n} sentences, {len(attrs)} attributions, "
            f"{sum(bool(r.attributions) for r in records) / n:.0%} with attribution, "
            f"{len(attrs) / n:.2f} attr/sent, {words:.1f} words/sent, "
            f"{sum(a.speaker is None for a in attrs) / max(len(attrs), 1):.0%} speaker not in sentence"
        )
    return 2 if failed else 0


def _data_diversity(args: argparse.Namespace) -> int:
    from harness.diversity import shared_ngram_report

    report = shared_ngram_report(args.n)
    print(
        f"{report['sentences_sharing_ngram']} of {report['sentences']} sentences "
        f"({100 * report['share']:.2f}%) share a word {args.n}-gram with another document"
    )
    for ex in report["examples"][: args.show]:
        print(f"  {ex['id']}: \"{ex['ngram']}\" also in {', '.join(ex['other_docs'])}")
    if args.max_share is not None and report["share"] > args.max_share:
        print(f"above the allowed share {args.max_share:.2%}", file=sys.stderr)
        return 1
    return 0


def _data_agreement(args: argparse.Namespace) -> int:
    from harness.agreement import agreement_report, format_report

    if args.disagreements:
        import json

        from harness.agreement import disagreements

        for item in disagreements():
            print(json.dumps(item, ensure_ascii=False))
        return 0
    report = agreement_report()
    if args.json:
        import json

        print(json.dumps(report, indent=2, sort_keys=True))
    else:
        print(format_report(report))
    return 0


def _data_stats(args: argparse.Namespace) -> int:
    from harness.stats import corpus_stats, format_stats

    stats = corpus_stats()
    if args.json:
        import json

        print(json.dumps(stats, indent=2, ensure_ascii=False))
    elif args.markdown:
        from harness.stats import format_markdown

        print(format_markdown(stats))
    else:
        print(format_stats(stats))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="attrib-bench", description="Benchmark for attribution extraction in news.")
    parser.add_argument("--version", action="version", version=f"attrib-bench {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    data = sub.add_parser("data", help="build, check and describe the corpus")
    data_sub = data.add_subparsers(dest="data_command", required=True)
    data_sub.add_parser("build", help="build data/*.jsonl from data/source/*.yaml").set_defaults(func=_data_build)
    data_sub.add_parser("check", help="fail if the committed build differs from a fresh one").set_defaults(func=_data_check)
    lint = data_sub.add_parser("lint", help="check given source files without building")
    lint.add_argument("files", nargs="+")
    lint.set_defaults(func=_data_lint)
    div = data_sub.add_parser("diversity", help="share of sentences sharing a word n-gram with another document")
    div.add_argument("-n", type=int, default=8, help="n-gram length (default 8)")
    div.add_argument("--show", type=int, default=20, help="examples to print")
    div.add_argument("--max-share", type=float, default=None, help="exit 1 above this share (e.g. 0.01)")
    div.set_defaults(func=_data_diversity)
    agree = data_sub.add_parser("agreement", help="agreement of the blind second annotation with the gold corpus")
    agree.add_argument("--json", action="store_true")
    agree.add_argument("--disagreements", action="store_true", help="list every disagreement (JSON lines) for adjudication")
    agree.set_defaults(func=_data_agreement)
    stats = data_sub.add_parser("stats", help="counts per split, label, phenomenon, register and topic")
    stats.add_argument("--json", action="store_true", help="print JSON instead of tables")
    stats.add_argument("--markdown", action="store_true", help="print Markdown tables (for the dataset card)")
    stats.set_defaults(func=_data_stats)

    # Other command groups register themselves here (scoring, baselines, leaderboard, formats).
    for register in _command_modules():
        register(sub)
    return parser


def _command_modules():
    import importlib

    for name in ("harness.commands_scoring", "harness.commands_extra", "harness.commands_leaderboard", "baselines.commands"):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        yield module.register


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except InputError as exc:
        print(exc.render(), file=sys.stderr)
        return exc.exit_code
    except FileNotFoundError as exc:
        print(f"error: {exc.filename or exc}: file not found", file=sys.stderr)
        return 2
    except (IsADirectoryError, NotADirectoryError, PermissionError) as exc:
        # a directory or an unreadable file given where a file was expected
        print(f"error: {exc.filename or exc}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` etc.: stop quietly, as Unix tools do.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
