"""The interface every extractor implements, and writing its output as a submission.

An *extractor* is any callable that takes one document's sentences, in reading
order, and returns one list of attributions per sentence::

    def my_extractor(sentences: list[str]) -> list[list[Attribution | dict]]: ...

Attributions may be :class:`harness.schema.Attribution` objects or plain dicts
in the submission format (``{"content": {"start": .., "end": ..}, ...}``).
Whole documents are passed so that an extractor can resolve pronouns and
quotes that continue over several sentences.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from tqdm import tqdm

from harness.atomic import write_atomic
from harness.schema import Attribution, Document

Extractor = Callable[[list[str]], Sequence[Sequence[Any]]]


def _as_dict(attribution: Any) -> dict:
    if isinstance(attribution, Attribution):
        return attribution.to_dict(with_score=True)
    if isinstance(attribution, dict):
        return attribution
    raise TypeError(f"an extractor returned {type(attribution).__name__}; expected Attribution or dict")


def run_extractor(extractor: Extractor, documents: Iterable[Document], progress: bool = False) -> list[dict]:
    """Run ``extractor`` over whole documents; return submission rows (``{"id", "attributions"}``)."""
    rows: list[dict] = []
    docs = list(documents)
    for doc in tqdm(docs, desc="extracting", unit="doc", disable=not progress):
        texts = [s.text for s in doc.sentences]
        output = extractor(texts)
        if len(output) != len(texts):
            raise ValueError(
                f"extractor returned {len(output)} sentence lists for document {doc.doc_id} "
                f"with {len(texts)} sentences"
            )
        for sentence, attributions in zip(doc.sentences, output):
            rows.append({"id": sentence.id, "attributions": [_as_dict(a) for a in attributions]})
    return rows


def dump_submission(rows: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


def write_submission(path: Path, rows: list[dict]) -> None:
    """Write atomically: a failed run never leaves a half-written file behind."""
    write_atomic(path, dump_submission(rows))
