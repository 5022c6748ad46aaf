"""Document-level attributions (whole-article offsets) and their mapping onto sentences."""
from __future__ import annotations

from dataclasses import dataclass, field

Fragments = list[tuple[int, int]]


@dataclass
class DocAttribution:
    """An attribution with document-level, possibly discontinuous spans."""

    content: Fragments
    source: Fragments = field(default_factory=list)
    cue: Fragments = field(default_factory=list)
    speaker_name: str | None = None
    labels: dict = field(default_factory=dict)  # quote_type / source_type / verification when known
    score: float | None = None
    line: int | None = None  # where it came from, for error messages


def _clip(fragments: Fragments, start: int, end: int, text: str) -> dict | None:
    """The smallest sentence-relative span covering the fragments inside ``[start, end)``."""
    inside = [(max(s, start), min(e, end)) for s, e in fragments if s < end and e > start]
    if not inside:
        return None
    lo, hi = min(s for s, _ in inside), max(e for _, e in inside)
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    if lo >= hi:
        return None
    return {"start": lo - start, "end": hi - start}


def distribute(text: str, sentences: list[tuple[int, int]], attributions: list[DocAttribution]) -> tuple[list[list[dict]], list[set[str]]]:
    """Per-sentence attribution dicts and derived phenomenon tags.

    A content over several sentences becomes one attribution per sentence; the
    speaker and cue spans appear only in the sentence that holds them, so the
    later sentences are continuations (speaker and cue ``null``).
    """
    per_sentence: list[list[dict]] = [[] for _ in sentences]
    tags: list[set[str]] = [set() for _ in sentences]
    for a in attributions:
        first = True
        for k, (start, end) in enumerate(sentences):
            content = _clip(a.content, start, end, text)
            if content is None:
                continue
            speaker = _clip(a.source, start, end, text)
            cue = _clip(a.cue, start, end, text)
            if not first and speaker is None and cue is None:
                tags[k].add("continuation")
            first = False
            row = {"speaker": speaker, "speaker_name": a.speaker_name, "cue": cue, "content": content}
            row.update({key: a.labels.get(key) for key in ("quote_type", "source_type", "verification")})
            if a.score is not None:
                row["score"] = a.score
            per_sentence[k].append(row)
    for k, rows in enumerate(per_sentence):
        if len(rows) > 1:
            tags[k].add("multiple_attributions")
    return per_sentence, tags


def to_document_spans(sentences_offsets: list[tuple[int, int]], index: int, span: dict | None) -> Fragments:
    if span is None:
        return []
    base = sentences_offsets[index][0]
    return [(base + span["start"], base + span["end"])]
