"""Turn the human-readable source files in ``data/source/`` into corpus records.

A source file is YAML, one document per file, spans written as strings::

    doc_id: d0042
    title: Pier will be rebuilt, mayor says
    register: local          # one of harness.schema.REGISTERS
    topic: local_government  # one of harness.schema.TOPICS
    dateline: "PORT ELLEN, May 3"
    sentences:
      - "A bare string is a sentence with no attribution."
      - text: "‘We will rebuild the pier,’ Mayor Ilse Varga told reporters."
        phenomena: [preposed_quote]
        attributions:
          - speaker: Mayor Ilse Varga          # or null, or {text: he, occurrence: 2}
            speaker_name: Ilse Varga
            cue: told                          # or null
            content: We will rebuild the pier
            quote_type: direct
            source_type: named_person
            verification: asserted

Each span string is looked up in its sentence. A string that occurs more than
once needs ``{text: ..., occurrence: N}`` (1-based). Every problem is reported
with file, line and field; the build refuses the corpus if there is any.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from harness.corpus import DEFAULT_LICENSE, split_for
from harness.errors import Problem
from harness.schema import (
    LABEL_FIELDS,
    PHENOMENA,
    REGISTERS,
    TOPICS,
    Attribution,
    DocumentMeta,
    SentenceRecord,
    Span,
)

DOC_KEYS_REQUIRED = ("doc_id", "title", "register", "topic", "dateline", "sentences")
DOC_KEYS_OPTIONAL = ("license", "notes")
SENTENCE_KEYS = ("text", "phenomena", "attributions", "note")
ATTRIBUTION_KEYS = (
    "speaker",
    "speaker_name",
    "cue",
    "content",
    "quote_type",
    "source_type",
    "verification",
)


class _LineDict(dict):
    line: int = 0


class _LineList(list):
    line: int = 0
    item_lines: list[int]


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that remembers the 1-based line of every mapping and list item."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _LineDict:
    loader.flatten_mapping(node)
    out = _LineDict()
    out.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in out:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        out[key] = loader.construct_object(value_node, deep=True)
    return out


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> _LineList:
    out = _LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
# Dates and floats stay strings ("2024-05-03", "3.5"): sentence material is text.
_KEEP_TAGS = ("tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int")
_LineLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag in _KEEP_TAGS]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _find_span(
    sentence: str, value: Any, problems: list[Problem], where: tuple[str, int], field: str
) -> Span | None:
    """Resolve a span string (or ``{text, occurrence}``) to offsets in ``sentence``."""
    file, line = where
    occurrence = None
    if isinstance(value, dict):
        unknown = set(value) - {"text", "occurrence"}
        if unknown:
            problems.append(Problem(file, line, field, f"unknown keys {sorted(unknown)}"))
            return None
        text, occurrence = value.get("text"), value.get("occurrence")
        if not isinstance(occurrence, int) or isinstance(occurrence, bool) or occurrence < 1:
            problems.append(Problem(file, line, field, "occurrence must be an integer >= 1"))
            return None
    else:
        text = value
    if isinstance(text, int) and not isinstance(text, bool):
        text = str(text)  # a bare number such as `content: 42`
    if not isinstance(text, str) or not text.strip():
        problems.append(Problem(file, line, field, f"span must be a non-empty string, got {text!r}"))
        return None
    if text != text.strip():
        problems.append(Problem(file, line, field, f"span {text!r} has leading/trailing whitespace"))
        return None
    starts = []
    pos = sentence.find(text)
    while pos != -1:
        starts.append(pos)
        pos = sentence.find(text, pos + 1)
    if not starts:
        problems.append(Problem(file, line, field, f"span {text!r} not found in sentence"))
        return None
    if occurrence is None:
        if len(starts) > 1:
            problems.append(
                Problem(
                    file,
                    line,
                    field,
                    f"span {text!r} occurs {len(starts)} times; give {{text: ..., occurrence: N}}",
                )
            )
            return None
        occurrence = 1
    if occurrence > len(starts):
        problems.append(
            Problem(file, line, field, f"occurrence {occurrence} of {text!r}, but it occurs {len(starts)} time(s)")
        )
        return None
    start = starts[occurrence - 1]
    return Span(start, start + len(text))


def _check_label(value: Any, allowed: tuple[str, ...], problems: list[Problem], file: str, line: int, field: str) -> bool:
    if value not in allowed:
        problems.append(Problem(file, line, field, f"unknown label {value!r}; expected one of {', '.join(allowed)}"))
        return False
    return True


def _parse_attribution(
    raw: Any, sentence: str, file: str, line: int, label: str, problems: list[Problem]
) -> Attribution | None:
    if not isinstance(raw, dict):
        problems.append(Problem(file, line, label, "an attribution must be a mapping"))
        return None
    line = getattr(raw, "line", line)
    before = len(problems)
    for key in sorted(set(raw) - set(ATTRIBUTION_KEYS)):
        problems.append(Problem(file, line, f"{label}.{key}", "unknown field"))
    for key in ATTRIBUTION_KEYS:
        if key not in raw:
            problems.append(Problem(file, line, f"{label}.{key}", "missing required field"))
    if len(problems) > before:
        return None
    content = _find_span(sentence, raw["content"], problems, (file, line), f"{label}.content")
    speaker = None
    if raw["speaker"] is not None:
        speaker = _find_span(sentence, raw["speaker"], problems, (file, line), f"{label}.speaker")
    cue = None
    if raw["cue"] is not None:
        cue = _find_span(sentence, raw["cue"], problems, (file, line), f"{label}.cue")
    name = raw["speaker_name"]
    if not isinstance(name, str) or not name.strip():
        problems.append(Problem(file, line, f"{label}.speaker_name", "missing speaker_name (required, non-empty)"))
    for key, allowed in LABEL_FIELDS.items():
        _check_label(raw[key], allowed, problems, file, line, f"{label}.{key}")
    if len(problems) > before or content is None:
        return None
    return Attribution(
        content=content,
        speaker=speaker,
        speaker_name=name.strip(),
        cue=cue,
        quote_type=raw["quote_type"],
        source_type=raw["source_type"],
        verification=raw["verification"],
    )


def parse_source(path: Path, display: str | None = None) -> tuple[DocumentMeta | None, list[SentenceRecord], list[Problem]]:
    """Parse one source file. Returns metadata, records and every problem found."""
    file = display or str(path)
    problems: list[Problem] = []
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except UnicodeDecodeError as exc:
        return None, [], [Problem(file, None, "file", f"not valid UTF-8: {exc}")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else None
        return None, [], [Problem(file, line, "yaml", str(getattr(exc, "problem", exc)))]
    if not isinstance(raw, dict):
        return None, [], [Problem(file, 1, "document", "top level must be a mapping")]

    for key in sorted(set(raw) - set(DOC_KEYS_REQUIRED) - set(DOC_KEYS_OPTIONAL)):
        problems.append(Problem(file, raw.line, key, "unknown field"))
    for key in DOC_KEYS_REQUIRED:
        if key not in raw or raw[key] in (None, ""):
            problems.append(Problem(file, raw.line, key, "missing required field"))
    if problems:
        return None, [], problems

    doc_id = raw["doc_id"]
    if not isinstance(doc_id, str) or doc_id != path.stem:
        problems.append(Problem(file, raw.line, "doc_id", f"doc_id {doc_id!r} must equal the file name stem {path.stem!r}"))
    _check_label(raw["register"], REGISTERS, problems, file, raw.line, "register")
    _check_label(raw["topic"], TOPICS, problems, file, raw.line, "topic")
    sentences = raw["sentences"]
    if not isinstance(sentences, list) or not sentences:
        problems.append(Problem(file, raw.line, "sentences", "must be a non-empty list"))
        return None, [], problems

    records: list[SentenceRecord] = []
    for index, item in enumerate(sentences):
        line = sentences.item_lines[index] if isinstance(sentences, _LineList) else None
        field = f"sentences[{index}]"
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, dict):
            problems.append(Problem(file, line, field, "a sentence must be a string or a mapping"))
            continue
        for key in sorted(set(item) - set(SENTENCE_KEYS)):
            problems.append(Problem(file, line, f"{field}.{key}", "unknown field"))
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            problems.append(Problem(file, line, f"{field}.text", "missing or empty sentence text"))
            continue
        if text != text.strip():
            problems.append(Problem(file, line, f"{field}.text", "sentence has leading/trailing whitespace"))
        phenomena = item.get("phenomena") or []
        if not isinstance(phenomena, list):
            problems.append(Problem(file, line, f"{field}.phenomena", "must be a list"))
            phenomena = []
        for tag in phenomena:
            _check_label(tag, PHENOMENA, problems, file, line, f"{field}.phenomena")
        if len(set(phenomena)) != len(phenomena):
            problems.append(Problem(file, line, f"{field}.phenomena", "tag listed twice"))
        raw_attrs = item.get("attributions") or []
        if not isinstance(raw_attrs, list):
            problems.append(Problem(file, line, f"{field}.attributions", "must be a list"))
            raw_attrs = []
        attrs: list[Attribution] = []
        for a_index, raw_attr in enumerate(raw_attrs):
            attr = _parse_attribution(raw_attr, text, file, line or 0, f"{field}.attributions[{a_index}]", problems)
            if attr is None:
                continue
            for j, other in enumerate(attrs):
                if other.content == attr.content and other.speaker_name == attr.speaker_name:
                    problems.append(
                        Problem(
                            file,
                            getattr(raw_attr, "line", line),
                            f"{field}.attributions[{a_index}]",
                            f"duplicates attributions[{j}] (same content span and speaker_name)",
                        )
                    )
            attrs.append(attr)
        records.append(
            SentenceRecord(
                id=f"{doc_id}-s{index:03d}",
                doc_id=str(doc_id),
                sent_index=index,
                text=text,
                phenomena=tuple(sorted(set(phenomena), key=PHENOMENA.index)) if all(t in PHENOMENA for t in phenomena) else (),
                attributions=tuple(attrs),
            )
        )
    if problems:
        return None, [], problems
    meta = DocumentMeta(
        doc_id=doc_id,
        title=str(raw["title"]),
        register=raw["register"],
        topic=raw["topic"],
        dateline=str(raw["dateline"]),
        split=split_for(doc_id),
        license=str(raw.get("license") or DEFAULT_LICENSE),
        n_sentences=len(records),
    )
    return meta, records, []
