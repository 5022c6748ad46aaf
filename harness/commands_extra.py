"""CLI: ``import``, ``export`` (other corpora and tools) and ``extract`` (raw text)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _gold_documents(args):
    """Documents of ``--split`` (our corpus) or of ``--gold FILE`` (any corpus-format file)."""
    from harness.corpus import load_documents, load_records
    from harness.schema import group_documents

    if getattr(args, "gold", None):
        from harness.validate import read_gold

        read_gold(args.gold)  # full validation with file/line/field errors before use
        return group_documents(load_records(Path(args.gold)))
    return load_documents(args.split)


def _write_jsonl(path: str, rows: list[dict]) -> None:
    from harness.extractor import write_submission

    write_submission(Path(path), rows)


def _import_brat(args) -> int:
    from harness.formats.brat import import_brat

    records = import_brat(args.directory, splitter=args.splitter)
    _write_jsonl(args.out, records)
    n_attr = sum(len(r["attributions"]) for r in records)
    docs = len({r["doc_id"] for r in records})
    print(f"imported {docs} document(s), {len(records)} sentences, {n_attr} attributions -> {args.out}")
    print("fields brat/PolNeAR files do not carry (quote_type, source_type, verification unless given as attributes) are null: the scorer reports them as N/A")
    return 0


def _import_citron(args) -> int:
    from harness.formats.citron import import_citron

    rows = import_citron(args.file, _gold_documents(args))
    _write_jsonl(args.out, rows)
    print(f"wrote a submission of {len(rows)} sentences -> {args.out}")
    return 0


def _import_conll(args) -> int:
    from harness.formats.conll import import_conll

    docs = _gold_documents(args)
    rows = import_conll(args.file, [(s.id, s.text) for d in docs for s in d.sentences])
    _write_jsonl(args.out, rows)
    print(f"wrote a submission of {len(rows)} sentences -> {args.out}")
    return 0


def _export(args) -> int:
    docs = _gold_documents(args)
    if args.format == "brat":
        from harness.formats.brat import export_brat

        written = export_brat(docs, args.out)
        print(f"wrote {len(written)} .txt/.ann pairs to {args.out}")
    elif args.format == "citron":
        from harness.formats.citron import export_citron

        Path(args.out).write_text(json.dumps(export_citron(docs), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {len(docs)} documents in Citron JSON to {args.out}")
    else:
        from harness.formats.conll import export_conll

        Path(args.out).write_text(export_conll([s for d in docs for s in d.sentences]), encoding="utf-8")
        print(f"wrote BIO lines for {sum(len(d.sentences) for d in docs)} sentences to {args.out}")
    return 0


def _extract(args) -> int:
    from harness.formats.sentences import split_sentences

    path = Path(args.file)
    text = sys.stdin.read() if args.file == "-" else path.read_text(encoding="utf-8")
    offsets = split_sentences(text, args.splitter)
    sentences = [text[s:e] for s, e in offsets]
    if args.system == "rules":
        if args.int8:
            print("error: --int8 applies to --system transformer only", file=sys.stderr)
            return 2
        from baselines.rules import extract_document as extractor
    else:
        if not args.model:
            print("error: --system transformer needs --model DIR (a directory written by `attrib-bench baseline transformer train`)", file=sys.stderr)
            return 2
        from baselines.transformer.predict import TransformerExtractor

        extractor = TransformerExtractor.from_dir(args.model, int8=args.int8)
    results = extractor(sentences)
    if args.jsonl:
        for k, (sentence, attrs) in enumerate(zip(sentences, results)):
            rows = [a.to_dict(with_score=True) for a in attrs]
            print(json.dumps({"sent_index": k, "text": sentence, "attributions": rows}, ensure_ascii=False))
        return 0
    print(format_extraction(sentences, results))
    return 0


def _clip(s: str, width: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


def format_extraction(sentences, results) -> str:
    """A readable table: one row per attribution, with the sentence number."""
    header = f"{'#':>3}  {'speaker (in sentence)':<24} {'resolved name':<22} {'cue':<16} {'type':<18} {'verification':<12} {'quote':<8} content"
    lines = [header, "-" * len(header)]
    n = 0
    for k, (sentence, attrs) in enumerate(zip(sentences, results)):
        for a in attrs:
            n += 1
            speaker = a.speaker.text(sentence) if a.speaker else "—"
            cue = a.cue.text(sentence) if a.cue else "—"
            lines.append(
                f"{k:>3}  {_clip(speaker, 24):<24} {_clip(a.speaker_name or '—', 22):<22} {_clip(cue, 16):<16} "
                f"{a.source_type or '—':<18} {a.verification or '—':<12} {a.quote_type or '—':<8} {_clip(a.content.text(sentence), 70)}"
            )
    lines.append(f"{n} attribution(s) in {len(sentences)} sentence(s)")
    return "\n".join(lines)


def _add_gold_args(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group()
    g.add_argument("--split", default="test", choices=("train", "dev", "test"), help="our corpus split (default test)")
    g.add_argument("--gold", help="a corpus-format JSONL file instead of a split")


def register(sub) -> None:
    imp = sub.add_parser("import", help="convert other corpora / tools' outputs to our formats")
    imp_sub = imp.add_subparsers(dest="import_format", required=True)
    b = imp_sub.add_parser("brat", help="brat standoff directory (PolNeAR convention) -> corpus JSONL")
    b.add_argument("directory")
    b.add_argument("--out", required=True)
    b.add_argument("--splitter", choices=("pysbd", "lines"), default="pysbd", help="sentence splitter (default pysbd)")
    b.set_defaults(func=_import_brat)
    c = imp_sub.add_parser("citron", help="Citron JSON output -> submission for a split")
    c.add_argument("file")
    c.add_argument("--out", required=True)
    _add_gold_args(c)
    c.set_defaults(func=_import_citron)
    k = imp_sub.add_parser("conll", help="BIO token file -> submission for a split")
    k.add_argument("file")
    k.add_argument("--out", required=True)
    _add_gold_args(k)
    k.set_defaults(func=_import_conll)

    exp = sub.add_parser("export", help="write our corpus in another format")
    exp.add_argument("format", choices=("brat", "citron", "conll"))
    exp.add_argument("--out", required=True, help="directory (brat) or file")
    _add_gold_args(exp)
    exp.set_defaults(func=_export)

    ex = sub.add_parser("extract", help="run a baseline on a raw article and print its attributions")
    ex.add_argument("file", help="a UTF-8 text file, or - for standard input")
    ex.add_argument("--system", choices=("rules", "transformer"), default="rules")
    ex.add_argument("--model", help="trained model directory (for --system transformer)")
    ex.add_argument("--int8", action="store_true", help="int8-quantized transformer inference (faster on CPU)")
    ex.add_argument("--splitter", choices=("pysbd", "lines"), default="pysbd")
    ex.add_argument("--jsonl", action="store_true", help="print one JSON object per sentence")
    ex.set_defaults(func=_extract)
