"""The one place that defines what a corpus record and an attribution are.

Every other module imports labels and record types from here, so adding a
label or a field is a one-line change that the build, the validator, the
scorer and the dataset card all see.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

SOURCE_TYPES: tuple[str, ...] = (
    "named_person",
    "named_organization",
    "anonymous",
    "unnamed_person",
    "unnamed_group",
    "media",
    "document",
    "recording",
)
VERIFICATION_STATUSES: tuple[str, ...] = ("asserted", "corroborated", "unverified", "disputed")
QUOTE_TYPES: tuple[str, ...] = ("direct", "indirect", "mixed")
PHENOMENA: tuple[str, ...] = (
    "pronoun_speaker",
    "continuation",
    "nested",
    "according_to",
    "postposed_speaker",
    "preposed_quote",
    "colon_intro",
    "partial_quote",
    "multiple_attributions",
    "anonymous_source",
    "hedge",
    "corroboration",
    "denial",
    "scare_quotes",
    "no_cue",
    "caption",
    "passive_source",
    "declined_comment",
    "belief_or_intention",
    "verification_elsewhere",
    "unclosed_quote",
)
REGISTERS: tuple[str, ...] = (
    "wire",
    "tabloid",
    "broadsheet",
    "local",
    "liveblog",
    "press_release",
    "feature",
    "interview",
)
TOPICS: tuple[str, ...] = (
    "conflict",
    "politics",
    "courts_crime",
    "health",
    "business",
    "science",
    "climate_disasters",
    "tech",
    "sport",
    "culture",
    "education",
    "transport",
    "environment",
    "local_government",
)
SPLITS: tuple[str, ...] = ("train", "dev", "test")

# Label-valued fields of an attribution and their closed sets.
LABEL_FIELDS: dict[str, tuple[str, ...]] = {
    "quote_type": QUOTE_TYPES,
    "source_type": SOURCE_TYPES,
    "verification": VERIFICATION_STATUSES,
}
SPAN_FIELDS: tuple[str, ...] = ("speaker", "cue", "content")


@dataclass(frozen=True, order=True)
class Span:
    """Half-open character span ``[start, end)`` into a sentence's text (code points)."""

    start: int
    end: int

    def text(self, sentence: str) -> str:
        return sentence[self.start : self.end]

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, value: dict[str, Any] | None) -> "Span | None":
        if value is None:
            return None
        return cls(int(value["start"]), int(value["end"]))


@dataclass(frozen=True)
class Attribution:
    """One attribution inside one sentence. Only ``content`` is always present.

    In gold data every field is set (``speaker``/``cue`` may be ``None`` when the
    sentence does not mention them). In predictions a system may leave any field
    but ``content`` unset.
    """

    content: Span
    speaker: Span | None = None
    speaker_name: str | None = None
    cue: Span | None = None
    quote_type: str | None = None
    source_type: str | None = None
    verification: str | None = None
    score: float | None = None

    def to_dict(self, *, with_score: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "speaker_name": self.speaker_name,
            "cue": self.cue.to_dict() if self.cue else None,
            "content": self.content.to_dict(),
            "quote_type": self.quote_type,
            "source_type": self.source_type,
            "verification": self.verification,
        }
        if with_score and self.score is not None:
            out["score"] = self.score
        return out

    @classmethod
    def from_dict(cls, value: dict[str, Any]) -> "Attribution":
        """Build from an already-validated dict (see :mod:`harness.validate`)."""
        return cls(
            content=Span.from_dict(value["content"]),  # type: ignore[arg-type]
            speaker=Span.from_dict(value.get("speaker")),
            speaker_name=value.get("speaker_name"),
            cue=Span.from_dict(value.get("cue")),
            quote_type=value.get("quote_type"),
            source_type=value.get("source_type"),
            verification=value.get("verification"),
            score=value.get("score"),
        )


@dataclass(frozen=True)
class SentenceRecord:
    """One line of a corpus split: a sentence, its tags and its attributions."""

    id: str
    doc_id: str
    sent_index: int
    text: str
    phenomena: tuple[str, ...] = ()
    attributions: tuple[Attribution, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "sent_index": self.sent_index,
            "text": self.text,
            "phenomena": list(self.phenomena),
            "attributions": [a.to_dict() for a in self.attributions],
        }

    @classmethod
    def from_dict(cls, value: dict[str, Any]) -> "SentenceRecord":
        return cls(
            id=value["id"],
            doc_id=value["doc_id"],
            sent_index=int(value["sent_index"]),
            text=value["text"],
            phenomena=tuple(value.get("phenomena") or ()),
            attributions=tuple(Attribution.from_dict(a) for a in value.get("attributions") or ()),
        )


@dataclass(frozen=True)
class DocumentMeta:
    """One line of ``documents.jsonl``."""

    doc_id: str
    title: str
    register: str
    topic: str
    dateline: str
    split: str
    license: str
    n_sentences: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "register": self.register,
            "topic": self.topic,
            "dateline": self.dateline,
            "split": self.split,
            "license": self.license,
            "n_sentences": self.n_sentences,
        }


@dataclass(frozen=True)
class Document:
    """A whole article in reading order: metadata plus its sentence records."""

    meta: DocumentMeta | None
    doc_id: str
    sentences: tuple[SentenceRecord, ...] = field(default_factory=tuple)

    @property
    def texts(self) -> list[str]:
        return [s.text for s in self.sentences]


def group_documents(
    records: Iterable[SentenceRecord], metas: dict[str, DocumentMeta] | None = None
) -> list[Document]:
    """Rebuild whole documents (ordered by ``doc_id``, sentences by ``sent_index``)."""
    by_doc: dict[str, list[SentenceRecord]] = {}
    for rec in records:
        by_doc.setdefault(rec.doc_id, []).append(rec)
    docs = []
    for doc_id in sorted(by_doc):
        sents = tuple(sorted(by_doc[doc_id], key=lambda r: r.sent_index))
        docs.append(Document(meta=(metas or {}).get(doc_id), doc_id=doc_id, sentences=sents))
    return docs


def iter_sentences(documents: Iterable[Document]) -> Iterator[SentenceRecord]:
    for doc in documents:
        yield from doc.sentences
