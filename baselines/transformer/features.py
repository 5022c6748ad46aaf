"""Turning sentences (with document context) into token-level training examples.

Each sentence is encoded as a pair: segment A is the sentence itself, segment B
its context (the previous sentence, then the following ones), so continuations,
pronoun speakers and verification signals a few sentences later are visible.

Spans are tagged in four independent BIO layers so that overlapping spans can
coexist: speakers, cues, *outer* contents and *inner* contents (a content that
lies inside another attribution's content, as in nested reports).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from harness.schema import LABEL_FIELDS, Attribution, Document, Span

LAYERS = ("speaker", "cue", "content", "inner_content")
O, B, I = 0, 1, 2
CONTEXT_SEPARATOR = " … "


@dataclass
class AttributionTarget:
    """Gold attribution expressed in token indices, for the label heads."""

    content: list[int]
    speaker: list[int]
    cue: list[int]
    labels: dict[str, int]


@dataclass
class Example:
    sentence_id: str
    text: str
    input_ids: list[int]
    token_type_ids: list[int]
    offsets: list[tuple[int, int] | None]  # char offsets into ``text`` for segment-A tokens, else None
    tags: dict[str, list[int]] = field(default_factory=dict)  # layer -> per-token BIO (-100 off segment A)
    attributions: list[AttributionTarget] = field(default_factory=list)


def context_for(texts: list[str], index: int, following: int = 1) -> str:
    before = texts[index - 1] if index > 0 else ""
    after = " ".join(texts[index + 1 : index + 1 + following])
    return f"{before}{CONTEXT_SEPARATOR}{after}".strip()


def token_indices(offsets: list[tuple[int, int] | None], span: Span | None) -> list[int]:
    """Segment-A tokens that overlap ``span`` (empty for a null span)."""
    if span is None:
        return []
    return [i for i, o in enumerate(offsets) if o is not None and o[0] < span.end and o[1] > span.start and o[1] > o[0]]


def _tag(tags: list[int], indices: list[int]) -> bool:
    """BIO-tag ``indices`` unless they collide with a span already in the layer."""
    if not indices or any(tags[i] != O for i in indices):
        return False
    tags[indices[0]] = B
    for i in indices[1:]:
        tags[i] = I
    return True


def _contains(outer: Span, inner: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and outer != inner


def encode_sentence(tokenizer, texts: list[str], index: int, max_length: int, sentence_id: str = "") -> Example:
    text = texts[index]
    n_own = len(tokenizer(text, add_special_tokens=False)["input_ids"])
    if n_own + 8 >= max_length:
        # A sentence that fills the budget on its own keeps all its tokens and loses the context.
        enc = tokenizer(text, truncation=True, max_length=512, return_offsets_mapping=True)
    else:
        enc = tokenizer(
            text,
            context_for(texts, index),
            truncation="only_second",
            max_length=max_length,
            return_offsets_mapping=True,
        )
    seq_ids = enc.sequence_ids()
    offsets = [tuple(o) if s == 0 else None for o, s in zip(enc["offset_mapping"], seq_ids)]
    token_type_ids = enc.get("token_type_ids") or [0 if s != 1 else 1 for s in seq_ids]
    return Example(sentence_id, text, list(enc["input_ids"]), list(token_type_ids), offsets)


def add_gold(example: Example, attributions: tuple[Attribution, ...]) -> Example:
    """Fill the BIO layers and attribution targets of ``example`` from gold attributions."""
    n = len(example.input_ids)
    tags = {layer: [O if example.offsets[i] is not None else -100 for i in range(n)] for layer in LAYERS}
    for a in attributions:
        nested = any(_contains(other.content, a.content) for other in attributions if other is not a)
        _tag(tags["inner_content" if nested else "content"], token_indices(example.offsets, a.content))
        if a.speaker is not None:
            _tag(tags["speaker"], token_indices(example.offsets, a.speaker))
        if a.cue is not None:
            _tag(tags["cue"], token_indices(example.offsets, a.cue))
        content_tokens = token_indices(example.offsets, a.content)
        if not content_tokens:
            continue  # content entirely truncated away (never happens for segment A)
        example.attributions.append(
            AttributionTarget(
                content=content_tokens,
                speaker=token_indices(example.offsets, a.speaker),
                cue=token_indices(example.offsets, a.cue),
                labels={name: LABEL_FIELDS[name].index(getattr(a, name)) for name in LABEL_FIELDS},
            )
        )
    example.tags = tags
    return example


def encode_documents(tokenizer, documents: list[Document], max_length: int, gold: bool) -> list[Example]:
    examples = []
    for doc in documents:
        texts = doc.texts
        for i, sent in enumerate(doc.sentences):
            ex = encode_sentence(tokenizer, texts, i, max_length, sent.id)
            examples.append(add_gold(ex, sent.attributions) if gold else ex)
    return examples
