"""Build the canonical corpus files from ``data/source/*.yaml``, deterministically.

``build_corpus`` returns the exact bytes of every output file, so ``data check``
can compare a fresh in-memory build with what is committed, byte for byte.
"""
from __future__ import annotations

import json
from pathlib import Path

from harness.atomic import write_atomic
from harness.authoring import parse_source
from harness.corpus import data_dir
from harness.errors import InputError, Problem
from harness.hf_card import with_header, with_statistics
from harness.schema import SPLITS, DocumentMeta, SentenceRecord


def _jsonl(rows: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


def source_files(root: Path) -> list[Path]:
    return sorted((root / "source").glob("*.yaml"))


def build_corpus(root: Path | None = None) -> dict[str, bytes]:
    """Parse every source file; return ``{file name: bytes}`` or raise InputError."""
    root = root or data_dir()
    problems: list[Problem] = []
    metas: list[DocumentMeta] = []
    by_split: dict[str, list[SentenceRecord]] = {s: [] for s in SPLITS}
    seen: dict[str, str] = {}
    for path in source_files(root):
        display = str(path.relative_to(root.parent)) if root.parent in path.parents else str(path)
        meta, records, found = parse_source(path, display)
        problems.extend(found)
        if meta is None:
            continue
        if meta.doc_id in seen:
            problems.append(Problem(display, 1, "doc_id", f"doc_id {meta.doc_id!r} already used by {seen[meta.doc_id]}"))
            continue
        seen[meta.doc_id] = display
        metas.append(meta)
        by_split[meta.split].extend(records)
    if not metas and not problems:
        problems.append(Problem(str(root / "source"), None, "source", "no *.yaml source files found"))
    if problems:
        raise InputError(sorted(problems), what="corpus source")
    out = {f"{split}.jsonl": _jsonl([r.to_dict() for r in by_split[split]]) for split in SPLITS}
    out["documents.jsonl"] = _jsonl([m.to_dict() for m in sorted(metas, key=lambda m: m.doc_id)])
    # The dataset card's YAML header is generated from the label sets and its statistics
    # section from the records just built; the rest of its prose is hand-written.
    from harness.stats import format_markdown, stats_of

    card = root / "README.md"
    text = with_header(card.read_text(encoding="utf-8") if card.exists() else "")
    text = with_statistics(text, format_markdown(stats_of(by_split, {m.doc_id: m for m in metas})))
    out["README.md"] = text.encode("utf-8")
    return out


def write_corpus(root: Path | None = None) -> dict[str, bytes]:
    """Build and write; nothing is written unless the whole build succeeds."""
    root = root or data_dir()
    files = build_corpus(root)
    for name, content in files.items():
        write_atomic(root / name, content)
    return files


def check_corpus(root: Path | None = None) -> list[str]:
    """Differences between a fresh build and the committed files (empty = clean)."""
    root = root or data_dir()
    files = build_corpus(root)
    diffs = []
    for name, fresh in files.items():
        path = root / name
        if not path.exists():
            diffs.append(f"{path}: missing (run `attrib-bench data build`)")
            continue
        committed = path.read_bytes()
        if committed != fresh:
            old, new = committed.decode("utf-8").splitlines(), fresh.decode("utf-8").splitlines()
            line = next((i for i, (a, b) in enumerate(zip(old, new), 1) if a != b), min(len(old), len(new)) + 1)
            diffs.append(f"{path}: differs from a fresh build (first at line {line}; run `attrib-bench data build`)")
    return diffs
