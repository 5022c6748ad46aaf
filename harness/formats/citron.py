"""Citron JSON (BBC's quote extractor): one object per document,
``{"text": ..., "quotes": [{"cue": span, "sources": [span], "contents": [span],
"coreferences": [span]?, "confidence": float?}]}`` with document-level offsets;
a span is ``{"start", "end", "text"}``.

Import turns Citron output into a *submission* for one of our splits (the
document is found by an optional ``doc_id`` key, else by its text); export turns
our corpus into Citron's format (plus ``doc_id``), e.g. to score Citron's own
evaluation code on our data.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from harness.errors import InputError, Problem
from harness.formats.common import DocAttribution, distribute, to_document_spans
from harness.formats.sentences import locate_sentences
from harness.schema import Document

SEPARATOR = " "


def document_text(doc: Document) -> str:
    return SEPARATOR.join(doc.texts)


def _read_objects(path: Path, problems: list[Problem]) -> list[tuple[int, Any]]:
    raw = path.read_text(encoding="utf-8")
    try:
        value = json.loads(raw)
        if isinstance(value, dict):
            return [(1, value)]
        if isinstance(value, list):
            return [(1, v) for v in value]
    except json.JSONDecodeError:
        pass
    out = []
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append((n, json.loads(line)))
        except json.JSONDecodeError as exc:
            problems.append(Problem(str(path), n, "json", f"not valid JSON: {exc.msg}"))
    return out


def _spans(value: Any, text: str, file: str, line: int, field: str, problems: list[Problem]) -> list[tuple[int, int]]:
    items = value if isinstance(value, list) else [value]
    out = []
    for i, s in enumerate(items):
        if not isinstance(s, dict) or type(s.get("start")) is not int or type(s.get("end")) is not int:
            problems.append(Problem(file, line, f"{field}[{i}]", "a span must be an object with integer start and end"))
            continue
        if not 0 <= s["start"] < s["end"] <= len(text):
            problems.append(Problem(file, line, f"{field}[{i}]", f"offsets {s['start']}-{s['end']} out of range"))
            continue
        if "text" in s and s["text"] != text[s["start"] : s["end"]]:
            problems.append(Problem(file, line, f"{field}[{i}].text", f"{s['text']!r} does not match the document text"))
            continue
        out.append((s["start"], s["end"]))
    return out


def import_citron(path: str | Path, documents: list[Document]) -> list[dict]:
    """Submission rows (one per sentence of ``documents``) from a Citron output file."""
    path = Path(path)
    file = str(path)
    problems: list[Problem] = []
    objects = _read_objects(path, problems)
    by_id = {d.doc_id: d for d in documents}
    by_text = {" ".join(document_text(d).split()): d for d in documents}
    predicted: dict[str, list[list[dict]]] = {}
    for n, obj in objects:
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not isinstance(obj.get("quotes"), list):
            problems.append(Problem(file, n, "document", "expected an object with 'text' (string) and 'quotes' (list)"))
            continue
        text = obj["text"]
        doc = by_id.get(obj.get("doc_id")) if obj.get("doc_id") else by_text.get(" ".join(text.split()))
        if doc is None:
            problems.append(Problem(file, n, "doc_id" if obj.get("doc_id") else "text", "document not found in the gold split"))
            continue
        if doc.doc_id in predicted:
            problems.append(Problem(file, n, "doc_id", f"document {doc.doc_id} appears twice"))
            continue
        offsets = locate_sentences(text, doc.texts)
        if offsets is None:
            problems.append(Problem(file, n, "text", f"the sentences of {doc.doc_id} cannot be found in this text"))
            continue
        attributions = []
        for q, quote in enumerate(obj["quotes"]):
            where = f"quotes[{q}]"
            if not isinstance(quote, dict):
                problems.append(Problem(file, n, where, "must be an object"))
                continue
            contents = _spans(quote.get("contents", []), text, file, n, f"{where}.contents", problems)
            sources = _spans(quote.get("sources", []), text, file, n, f"{where}.sources", problems)
            cue = _spans(quote["cue"], text, file, n, f"{where}.cue", problems) if quote.get("cue") else []
            corefs = _spans(quote.get("coreferences") or [], text, file, n, f"{where}.coreferences", problems)
            confidence = quote.get("confidence")
            if confidence is not None and (not isinstance(confidence, (int, float)) or isinstance(confidence, bool) or not math.isfinite(confidence)):
                problems.append(Problem(file, n, f"{where}.confidence", "must be a finite number"))
                confidence = None
            if not contents:
                continue
            name_spans = corefs or sources
            name = " ".join(text[s:e] for s, e in name_spans[:1]) or None
            attributions.append(DocAttribution(content=contents, source=sources[:1], cue=cue, speaker_name=name, score=confidence))
        rows, _ = distribute(text, offsets, attributions)
        predicted[doc.doc_id] = rows
    missing = [d.doc_id for d in documents if d.doc_id not in predicted]
    if missing and not problems:
        problems.append(Problem(file, None, "documents", f"{len(missing)} document(s) of the split missing, e.g. {missing[0]}"))
    if problems:
        raise InputError(problems, what="Citron import")
    out = []
    for doc in documents:
        for sent, attrs in zip(doc.sentences, predicted[doc.doc_id]):
            out.append({"id": sent.id, "attributions": [{k: v for k, v in a.items() if v is not None or k in ("speaker", "cue")} for a in attrs]})
    return out


def export_citron(documents: list[Document]) -> list[dict]:
    """Our documents in Citron's format (``doc_id`` added; offsets into ``text``)."""
    out = []
    for doc in documents:
        text = document_text(doc)
        offsets, pos = [], 0
        for t in doc.texts:
            offsets.append((pos, pos + len(t)))
            pos += len(t) + len(SEPARATOR)

        def span(k: int, s: dict | None) -> dict | None:
            frags = to_document_spans(offsets, k, s)
            if not frags:
                return None
            (a, b), = frags
            return {"start": a, "end": b, "text": text[a:b]}

        quotes = []
        for k, sent in enumerate(doc.sentences):
            for a in sent.attributions:
                d = a.to_dict()
                quote = {"cue": span(k, d["cue"]), "sources": [x for x in [span(k, d["speaker"])] if x], "contents": [span(k, d["content"])]}
                quotes.append(quote)
        out.append({"doc_id": doc.doc_id, "text": text, "quotes": quotes})
    return out
