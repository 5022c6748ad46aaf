"""Sentence splitting with character offsets into the original text."""
from __future__ import annotations

import re

_LINE = re.compile(r"[^\n]+")


def split_sentences(text: str, method: str = "pysbd") -> list[tuple[int, int]]:
    """Half-open ``(start, end)`` offsets of the sentences of ``text``, whitespace trimmed.

    ``pysbd`` uses the pySBD rule-based segmenter (Golden Rules tested);
    ``lines`` treats every non-empty line as one sentence (for files written one
    sentence per line, such as our own exports).
    """
    if method == "lines":
        raw = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    elif method == "pysbd":
        import pysbd

        segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
        raw = []
        for seg in segmenter.segment(text):
            # pySBD keeps paragraph breaks inside a segment; a blank line always ends a sentence.
            start = seg.start
            for part in re.split(r"(\n\s*\n)", text[seg.start : seg.end]):
                raw.append((start, start + len(part)))
                start += len(part)
    else:
        raise ValueError(f"unknown sentence splitter {method!r}; expected 'pysbd' or 'lines'")
    spans = []
    for start, end in raw:
        chunk = text[start:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        spans.append((start + lead, start + lead + len(stripped)))
    return spans


def locate_sentences(text: str, sentences: list[str]) -> list[tuple[int, int]] | None:
    """Find known sentences, in order, inside a document text; ``None`` if one is missing."""
    spans, cursor = [], 0
    for sentence in sentences:
        pos = text.find(sentence, cursor)
        if pos == -1:
            return None
        spans.append((pos, pos + len(sentence)))
        cursor = pos + len(sentence)
    return spans
