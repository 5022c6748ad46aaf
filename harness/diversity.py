"""Near-duplicate check across documents: sentences sharing a word 8-gram with
a sentence of *another* document. A corpus written from templates shows up here."""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from harness.corpus import load_split
from harness.schema import SPLITS

_TOKEN = re.compile(r"\w+", re.UNICODE)


def ngrams(text: str, n: int) -> set[tuple[str, ...]]:
    tokens = _TOKEN.findall(text.lower())
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def shared_ngram_report(n: int = 8, root: Path | None = None) -> dict:
    """Share of sentences with an ``n``-gram that also occurs in another document."""
    owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
    sentences = []
    for split in SPLITS:
        for rec in load_split(split, root):
            grams = ngrams(rec.text, n)
            sentences.append((rec, grams))
            for g in grams:
                owners[g].add(rec.doc_id)
    flagged = []
    for rec, grams in sentences:
        shared = sorted(g for g in grams if len(owners[g]) > 1)
        if shared:
            others = sorted(set().union(*(owners[g] for g in shared)) - {rec.doc_id})
            flagged.append({"id": rec.id, "ngram": " ".join(shared[0]), "other_docs": others})
    total = len(sentences)
    return {
        "n": n,
        "sentences": total,
        "sentences_sharing_ngram": len(flagged),
        "share": round(len(flagged) / total, 4) if total else 0.0,
        "examples": flagged,
    }
