"""Where the built corpus lives, how documents are assigned to splits, and loading it."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from harness.schema import SPLITS, DocumentMeta, Document, SentenceRecord, group_documents

DEFAULT_LICENSE = "CC-BY-4.0"
# Percent buckets of the split hash: [0, 65) train, [65, 75) dev, [75, 100) test.
SPLIT_BOUNDS = (("train", 65), ("dev", 75), ("test", 100))


def split_for(doc_id: str) -> str:
    """Split of a document as a pure function of its id.

    Adding or removing other documents never moves this one: the assignment
    depends on nothing but ``doc_id``.

    >>> split_for("d0001") in ("train", "dev", "test")
    True
    """
    digest = hashlib.sha256(f"attrib-bench/split/{doc_id}".encode()).hexdigest()
    bucket = int(digest[:8], 16) % 100
    for name, upper in SPLIT_BOUNDS:
        if bucket < upper:
            return name
    raise AssertionError("unreachable")


def data_dir() -> Path:
    """The ``data/`` folder: ``$ATTRIB_BENCH_DATA`` if set, else the repository's own."""
    env = os.environ.get("ATTRIB_BENCH_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "data"


def split_path(split: str, root: Path | None = None) -> Path:
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; expected one of {', '.join(SPLITS)}")
    return (root or data_dir()) / f"{split}.jsonl"


def documents_path(root: Path | None = None) -> Path:
    return (root or data_dir()) / "documents.jsonl"


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_records(path: Path) -> list[SentenceRecord]:
    """Load a gold file the project built (trusted; submissions go through validate)."""
    return [SentenceRecord.from_dict(d) for d in read_jsonl(path)]


def load_split(split: str, root: Path | None = None) -> list[SentenceRecord]:
    return load_records(split_path(split, root))


def load_metadata(root: Path | None = None) -> dict[str, DocumentMeta]:
    path = documents_path(root)
    if not path.exists():
        return {}
    return {d["doc_id"]: DocumentMeta(**d) for d in read_jsonl(path)}


def load_documents(split: str, root: Path | None = None) -> list[Document]:
    """Whole articles of a split, in reading order, with their metadata."""
    return group_documents(load_split(split, root), load_metadata(root))


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
