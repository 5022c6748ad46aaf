"""brat standoff: ``NAME.txt`` (the article) + ``NAME.ann`` (annotations).

Import follows the PolNeAR convention: text-bound spans labelled ``Source``,
``Cue`` and ``Content`` (``T`` lines, discontinuous fragments joined by ``;``)
linked by ``Attribution`` events (``E`` lines, roles ``Source``/``Cue``/
``Content``, repeated roles numbered ``Content2``...). Our exporter adds what
brat can carry and PolNeAR lacks, so a round trip keeps it: ``A`` attribute
lines ``QuoteType``/``SourceType``/``Verification`` on the event and an
``AnnotatorNotes`` line with the resolved speaker name.

Imported attributions without a Source keep ``speaker: null`` and an empty
(``null``) ``speaker_name``. Fields the files lack are ``null`` in every record,
which the scorer reports as not available.
"""
from __future__ import annotations

import re
from pathlib import Path

from harness.errors import InputError, Problem
from harness.formats.common import DocAttribution, distribute, to_document_spans
from harness.formats.sentences import split_sentences
from harness.schema import LABEL_FIELDS, PHENOMENA, Document

SPAN_LABELS = {"Source", "Cue", "Content"}
ATTRIBUTE_FIELDS = {"QuoteType": "quote_type", "SourceType": "source_type", "Verification": "verification"}
_T = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
_E = re.compile(r"^(E\d+)\t(\S+):(T\d+)((?: \S+:[TE]\d+)*)\s*$")
_A = re.compile(r"^(A\d+)\t(\S+) (E\d+)(?: (\S+))?\s*$")
_NOTE = re.compile(r"^(#\d+)\tAnnotatorNotes (E\d+|T\d+)\t(.*)$")


def _parse_ann(path: Path, text: str, problems: list[Problem]) -> list[DocAttribution]:
    file = str(path)
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[tuple[int, str, str, list[tuple[str, str]]]] = []
    attrs: dict[str, dict[str, str]] = {}
    notes: dict[str, str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        kind = line[0]
        if kind == "T":
            m = _T.match(line)
            if not m:
                problems.append(Problem(file, n, "T", "malformed text-bound line; expected 'T<n>\\t<Label> <start> <end>[;...]\\t<text>'"))
                continue
            tid, label, offsets, covered = m.groups()
            fragments = [tuple(map(int, part.split())) for part in offsets.split(";")]
            bad = [f for f in fragments if not (0 <= f[0] < f[1] <= len(text))]
            if bad:
                problems.append(Problem(file, n, f"{tid}.offsets", f"fragment {bad[0]} out of range for a text of {len(text)} characters"))
                continue
            joined = " ".join(text[s:e] for s, e in fragments)
            if joined != covered:
                problems.append(Problem(file, n, f"{tid}.text", f"covered text {covered!r} does not match the .txt ({joined!r})"))
                continue
            spans[tid] = (label, fragments)
        elif kind == "E":
            m = _E.match(line)
            if not m:
                problems.append(Problem(file, n, "E", "malformed event line; expected 'E<n>\\t<Type>:<T-id> <Role>:<T-id> ...'"))
                continue
            eid, etype, trigger, rest = m.groups()
            roles = [tuple(part.split(":", 1)) for part in rest.split()]
            events.append((n, eid, etype, [("trigger", trigger)] + roles))
        elif kind == "A":
            m = _A.match(line)
            if not m:
                problems.append(Problem(file, n, "A", "malformed attribute line"))
                continue
            _, name, target, value = m.groups()
            if name in ATTRIBUTE_FIELDS:
                field = ATTRIBUTE_FIELDS[name]
                if value not in LABEL_FIELDS[field]:
                    problems.append(Problem(file, n, name, f"unknown label {value!r}; expected one of {', '.join(LABEL_FIELDS[field])}"))
                    continue
                attrs.setdefault(target, {})[field] = value
        elif kind == "#":
            m = _NOTE.match(line)
            if m:
                notes[m.group(2)] = m.group(3)
        elif kind in "RNM*":
            continue  # relations, normalisations and old-style attributes carry nothing we score
        else:
            problems.append(Problem(file, n, "line", f"unknown annotation line type {kind!r}"))
    out = []
    for n, eid, etype, roles in events:
        if etype != "Attribution":
            continue
        parts: dict[str, list[tuple[int, int]]] = {"Source": [], "Cue": [], "Content": []}
        for role, ref in roles:
            if ref not in spans:
                problems.append(Problem(file, n, f"{eid}.{role}", f"refers to {ref}, which is not a text-bound annotation"))
                continue
            label, fragments = spans[ref]
            role_name = re.sub(r"\d+$", "", role)
            key = label if role_name == "trigger" else role_name
            if key not in parts:
                problems.append(Problem(file, n, f"{eid}.{role}", f"unexpected role/label {key!r} (expected Source, Cue, Content)"))
                continue
            parts[key].extend(fragments)
        if not parts["Content"]:
            problems.append(Problem(file, n, eid, "Attribution event without a Content span"))
            continue
        source_text = " ".join(text[s:e] for s, e in sorted(parts["Source"])) or None
        out.append(
            DocAttribution(
                content=sorted(parts["Content"]), source=sorted(parts["Source"]), cue=sorted(parts["Cue"]),
                speaker_name=notes.get(eid, source_text), labels=attrs.get(eid, {}), line=n,
            )
        )
    return out


def import_brat(directory: str | Path, splitter: str = "pysbd") -> list[dict]:
    """Corpus records (FORMATS.md §1) for every ``*.ann``/``*.txt`` pair in ``directory``."""
    directory = Path(directory)
    problems: list[Problem] = []
    anns = sorted(directory.glob("*.ann"))
    if not anns:
        raise InputError([Problem(str(directory), None, "directory", "no .ann files found")], what="brat import")
    records: list[dict] = []
    for ann in anns:
        txt = ann.with_suffix(".txt")
        if not txt.exists():
            problems.append(Problem(str(ann), None, "txt", f"missing text file {txt.name}"))
            continue
        text = txt.read_text(encoding="utf-8")
        before = len(problems)
        attributions = _parse_ann(ann, text, problems)
        if len(problems) > before:
            continue
        sentences = split_sentences(text, splitter)
        per_sentence, tags = distribute(text, sentences, attributions)
        doc_id = ann.stem
        for k, ((start, end), attrs) in enumerate(zip(sentences, per_sentence)):
            records.append(
                {"id": f"{doc_id}-s{k:03d}", "doc_id": doc_id, "sent_index": k, "text": text[start:end],
                 "phenomena": [t for t in PHENOMENA if t in tags[k]], "attributions": attrs}
            )
    if problems:
        raise InputError(problems, what="brat import")
    return records


def export_brat(documents: list[Document], directory: str | Path) -> list[Path]:
    """Write ``DOC.txt`` (one sentence per line) and ``DOC.ann`` for each document."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for doc in documents:
        texts = doc.texts
        offsets, pos = [], 0
        for t in texts:
            offsets.append((pos, pos + len(t)))
            pos += len(t) + 1
        full = "\n".join(texts) + "\n"
        lines: list[str] = []
        t_id = e_id = a_id = note_id = 0

        def add_span(label: str, fragments) -> str:
            nonlocal t_id
            t_id += 1
            (s, e), = fragments
            lines.append(f"T{t_id}\t{label} {s} {e}\t{full[s:e]}")
            return f"T{t_id}"

        for k, sent in enumerate(doc.sentences):
            for a in sent.attributions:
                d = a.to_dict()
                content = add_span("Content", to_document_spans(offsets, k, d["content"]))
                roles = []
                cue = add_span("Cue", to_document_spans(offsets, k, d["cue"])) if d["cue"] else None
                source = add_span("Source", to_document_spans(offsets, k, d["speaker"])) if d["speaker"] else None
                e_id += 1
                trigger = cue or content
                if source:
                    roles.append(f"Source:{source}")
                if cue:
                    roles.append(f"Content:{content}")
                lines.append(f"E{e_id}\tAttribution:{trigger}" + "".join(f" {r}" for r in roles))
                for name, field in ATTRIBUTE_FIELDS.items():
                    if d[field] is not None:
                        a_id += 1
                        lines.append(f"A{a_id}\t{name} E{e_id} {d[field]}")
                if d["speaker_name"]:
                    note_id += 1
                    lines.append(f"#{note_id}\tAnnotatorNotes E{e_id}\t{d['speaker_name']}")
        (directory / f"{doc.doc_id}.txt").write_text(full, encoding="utf-8")
        (directory / f"{doc.doc_id}.ann").write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
        written.append(directory / f"{doc.doc_id}.ann")
    return written
