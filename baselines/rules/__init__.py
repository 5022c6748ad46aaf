"""Rule-based attribution extractor (the first baseline of attrib-bench).

>>> from baselines.rules import extract_text
>>> [(text[a.speaker.start:a.speaker.end], a.speaker_name, a.quote_type) for text, atts in extract_text(
...     "“We will rebuild the pier,” Mayor Ilse Varga said. She said work would start in May.") for a in atts]
[('Mayor Ilse Varga', 'Ilse Varga', 'direct'), ('She', 'Ilse Varga', 'indirect')]

Public API: :func:`extract_document` (whole document, sentences in reading order — the
scorer's default system), :func:`extract_text` (raw text, split into sentences with
``pysbd``) and :class:`RuleExtractor` (options).
"""
from __future__ import annotations

from functools import lru_cache

from baselines.rules.extractor import RuleExtractor, default_extractor, extract_document
from harness.schema import Attribution

__all__ = ["RuleExtractor", "extract_document", "extract_text", "split_sentences"]


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(text: str) -> list[str]:
    """Sentences of raw text (pysbd, no cleaning), stripped of surrounding whitespace."""
    return [s.strip() for s in _segmenter().segment(text) if s.strip()]


def extract_text(text: str) -> list[tuple[str, list[Attribution]]]:
    """Split raw text into sentences and extract: a list of (sentence, attributions) pairs.

    Offsets of each attribution are into its own sentence string.
    """
    sentences = split_sentences(text)
    return list(zip(sentences, default_extractor().extract_document(sentences)))
