"""CoNLL-style BIO files: one ``TOKEN<TAB>TAG`` per line, a blank line between
sentences, optional ``# id = SENTENCE_ID`` comment before a sentence.

Tags are ``B-``/``I-`` + ``source`` (or ``speaker``), ``cue`` or ``content``, or ``O``.
Tokens carry no offsets, so import needs the original sentences (a gold split or
file) and finds each token in its sentence, left to right. BIO cannot say which
source goes with which content: each content span is linked to the nearest cue
outside it and the source nearest that cue. One tag per token also means nested
contents cannot be written; export keeps the outer one.
"""
from __future__ import annotations

import re
from pathlib import Path

from harness.errors import InputError, Problem

TAG_TYPES = {"source": "speaker", "speaker": "speaker", "cue": "cue", "content": "content"}
_TOKEN = re.compile(r"\w+(?:[’'.-]\w+)*|[^\w\s]", re.UNICODE)


def _blocks(path: Path, problems: list[Problem]):
    block, sid, start_line = [], None, None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("# id = "):
            sid = line[len("# id = ") :].strip()
            continue
        if line.startswith("#"):
            continue
        if not line.strip():
            if block:
                yield start_line, sid, block
            block, sid, start_line = [], None, None
            continue
        parts = line.split("\t") if "\t" in line else line.split()
        if len(parts) < 2:
            problems.append(Problem(str(path), n, "line", "expected TOKEN<TAB>TAG"))
            continue
        start_line = start_line or n
        block.append((n, parts[0], parts[-1]))
    if block:
        yield start_line, sid, block


def _distance(a, b) -> int:
    return max(b[0] - a[1], a[0] - b[1], 0)


def import_conll(path: str | Path, sentences: list[tuple[str, str]]) -> list[dict]:
    """Submission rows from a BIO file; ``sentences`` are ``(id, text)`` pairs of the gold."""
    path = Path(path)
    file = str(path)
    problems: list[Problem] = []
    blocks = list(_blocks(path, problems))
    ids = [sid for sid, _ in sentences]
    texts = dict(sentences)
    if len(blocks) != len(sentences) and not all(b[1] for b in blocks):
        problems.append(Problem(file, None, "sentences", f"{len(blocks)} sentence blocks for {len(sentences)} gold sentences (add '# id = ...' lines)"))
    rows: dict[str, list[dict]] = {}
    for b, (start_line, sid, tokens) in enumerate(blocks):
        sid = sid or (ids[b] if b < len(ids) else None)
        if sid not in texts:
            problems.append(Problem(file, start_line, "id", f"sentence {sid!r} is not in the gold data"))
            continue
        text, cursor = texts[sid], 0
        spans: dict[str, list[list[int]]] = {"speaker": [], "cue": [], "content": []}
        current = None
        for n, token, tag in tokens:
            pos = text.find(token, cursor)
            if pos == -1:
                problems.append(Problem(file, n, "token", f"token {token!r} not found in sentence {sid} after offset {cursor}"))
                break
            cursor = pos + len(token)
            if tag == "O":
                current = None
                continue
            m = re.fullmatch(r"([BI])-(\w+)", tag)
            if not m or m.group(2).lower() not in TAG_TYPES:
                problems.append(Problem(file, n, "tag", f"unknown tag {tag!r}; expected O or B-/I- + source, cue, content"))
                break
            kind = TAG_TYPES[m.group(2).lower()]
            if m.group(1) == "B" or current is None or current[0] != kind:
                current = (kind, [pos, cursor])
                spans[kind].append(current[1])
            else:
                current[1][1] = cursor
        attrs = []
        for c in spans["content"]:
            cues = [q for q in spans["cue"] if _distance(q, c) > 0]
            cue = min(cues, key=lambda q: _distance(q, c)) if cues else None
            anchor = cue or c
            speakers = [s for s in spans["speaker"] if _distance(s, c) > 0]
            speaker = min(speakers, key=lambda s: _distance(s, anchor)) if speakers else None
            attrs.append({
                "content": {"start": c[0], "end": c[1]},
                "cue": {"start": cue[0], "end": cue[1]} if cue else None,
                "speaker": {"start": speaker[0], "end": speaker[1]} if speaker else None,
                "speaker_name": text[speaker[0] : speaker[1]] if speaker else None,
            })
        rows[sid] = attrs
    if problems:
        raise InputError(problems, what="CoNLL import")
    return [{"id": sid, "attributions": rows.get(sid, [])} for sid in ids]


def export_conll(records) -> str:
    """BIO lines for corpus records (speaker -> source, cue, content; outer spans win)."""
    out = []
    for rec in records:
        out.append(f"# id = {rec.id}")
        tags: dict[int, str] = {}
        for a in sorted(rec.attributions, key=lambda a: a.content.start - a.content.end):
            for kind, span in (("content", a.content), ("source", a.speaker), ("cue", a.cue)):
                if span is None:
                    continue
                first = True
                for m in _TOKEN.finditer(rec.text):
                    if m.start() >= span.start and m.end() <= span.end and m.start() not in tags:
                        tags[m.start()] = f"{'B' if first else 'I'}-{kind}"
                        first = False
        for m in _TOKEN.finditer(rec.text):
            out.append(f"{m.group()}\t{tags.get(m.start(), 'O')}")
        out.append("")
    return "\n".join(out) + "\n"
