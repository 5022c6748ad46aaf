"""Read and validate gold files and submissions (SCORING.md §Errors, FORMATS.md §1, §3).

Every problem is collected with file, line and field; if there is any, the
input is rejected as a whole by raising :class:`harness.errors.InputError`
(the CLI prints the list and exits 2). Scores are never computed on a
partial submission. Submission content is only ever parsed as JSON: nothing
is evaluated, unpickled or imported.

Decisions where the specification is silent:

- **Blank lines are rejected** ("one line per sentence"): a whitespace-only
  line gets its own problem. The newline at the end of the last line is not a
  blank line.
- **A UTF-8 byte-order mark is rejected** (reported on line 1; the rest of the
  file is still checked so that all problems are listed at once).
- Labels are case-sensitive; ``"Direct"`` is an unknown label, reported with
  the hint ``did you mean 'direct'?``.
- ``NaN``/``Infinity`` are rejected wherever a number is expected.
- In a submission, a span field that is *absent* means "not predicted" (it
  scores zero); an explicit ``null`` means "predicted: not in this sentence",
  which is right exactly when the gold span is null (SCORING.md, cue rule).
  For ``speaker_name`` and the labels, absent and ``null`` both mean not predicted.
- Besides ``id`` and ``attributions`` a submission line may carry the corpus
  fields ``text``, ``doc_id``, ``sent_index`` and ``phenomena`` (so a gold file
  is a valid submission); when present they must agree with the gold record.
  Any other key is an error.
- Missing ids are listed (with the gold line) and so are ids not in the gold
  file, up to 20 of each followed by a count; a file with no gold id at all
  gets a "submission for another split?" hint first.
- Gold files get the same checks plus: unique ids, sentences of a document
  numbered ``0..n-1``, no unpaired surrogates in ``text``. In gold, absent
  fields are allowed (imported corpora): the scorer reports metrics that need
  them as not available.

Reading is fast for a regular file (one JSON value per line, decoded straight
from the file text); anything irregular switches to a careful line-by-line
reader that reports every problem.
"""
from __future__ import annotations

import gc
import json
import json.scanner
import math
import re
from contextlib import contextmanager
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any, Iterable, Iterator

from harness.errors import InputError, Problem
from harness.schema import LABEL_FIELDS, PHENOMENA

ATTRIBUTION_KEYS = frozenset(
    ("content", "speaker", "speaker_name", "cue", "quote_type", "source_type", "verification")
)
SUBMISSION_ATTRIBUTION_KEYS = ATTRIBUTION_KEYS | {"score"}
GOLD_KEYS = frozenset(("id", "doc_id", "sent_index", "text", "phenomena", "attributions"))
SUBMISSION_KEYS = frozenset(("id", "attributions")) | {"text", "doc_id", "sent_index", "phenomena"}
_PHENOMENA = frozenset(PHENOMENA)
_LABELS = {k: frozenset(v) for k, v in LABEL_FIELDS.items()}
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Missing:
    """Marker for a field that is absent from the record (not the same as null)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()


# An attribution inside the scorer is a plain tuple (hundreds of thousands are
# built per run, so no objects): (content, speaker, speaker_name, cue,
# quote_type, source_type, verification, score). Spans are ``(start, end)``;
# ``speaker`` and ``cue`` may also be ``None`` (explicit null) or MISSING
# (absent); names, labels and score are a value or ``None``.
CONTENT, SPEAKER, NAME, CUE, QUOTE_TYPE, SOURCE_TYPE, VERIFICATION, SCORE = range(8)


def attr_sort_key(a: tuple) -> tuple:
    """Canonical order of attributions inside a sentence (scores are order-invariant)."""

    def span(v: Any) -> tuple[int, int]:
        return v if type(v) is tuple else ((-1, -1) if v is None else (-2, -2))

    def text(v: Any) -> tuple[int, str]:
        return (1, v) if type(v) is str else (0, "")

    return (
        a[CONTENT],
        span(a[SPEAKER]),
        text(a[NAME]),
        span(a[CUE]),
        text(a[QUOTE_TYPE]),
        text(a[SOURCE_TYPE]),
        text(a[VERIFICATION]),
        a[SCORE] if a[SCORE] is not None else -math.inf,
    )


def attr_to_dict(a: tuple) -> dict:
    """Back to the submission format (absent span fields stay absent)."""
    out: dict[str, Any] = {"content": {"start": a[CONTENT][0], "end": a[CONTENT][1]}}
    for key, i in (("speaker", SPEAKER), ("cue", CUE)):
        v = a[i]
        if v is not MISSING:
            out[key] = None if v is None else {"start": v[0], "end": v[1]}
    for key, i in (("speaker_name", NAME), ("quote_type", QUOTE_TYPE), ("source_type", SOURCE_TYPE), ("verification", VERIFICATION), ("score", SCORE)):
        if a[i] is not None:
            out[key] = a[i]
    return out


class Gold:
    """A validated gold split, column-wise (one list entry per sentence, file order).

    ``available[field]`` is False for a field that no gold attribution carries
    (absent, or null for labels and ``speaker_name``): metrics that need it are
    reported as not available rather than zero.
    """

    def __init__(
        self,
        ids: list[str],
        doc_ids: list[str],
        sent_indices: list[int],
        texts: list[str],
        phenomena: list[tuple],
        attrs: list[list[tuple]],
        lines: list[int],
        name: str,
        sha256: str | None = None,
    ):
        self.ids = ids
        self.doc_id_of = doc_ids
        self.sent_indices = sent_indices
        self.texts = texts
        self.phenomena = phenomena
        self.attrs = attrs
        self.lines = lines
        self.name = name
        self.sha256 = sha256
        self.index = dict(zip(ids, range(len(ids))))
        self.doc_ids: list[str] = sorted(set(doc_ids))
        pos = dict(zip(self.doc_ids, range(len(self.doc_ids))))
        self.doc_of_sentence = list(map(pos.__getitem__, doc_ids))
        self._label_counts = None  # cached by the scorer
        self.n_attributions = sum(map(len, attrs))

        def has(test: Any) -> bool:
            return not self.n_attributions or any(map(test, chain.from_iterable(attrs)))

        self.available: dict[str, bool] = {
            "speaker": has(lambda a: a[SPEAKER] is not MISSING),
            "cue": has(lambda a: a[CUE] is not MISSING),
            "speaker_name": has(lambda a: a[NAME] is not None),
            "quote_type": has(lambda a: a[QUOTE_TYPE] is not None),
            "source_type": has(lambda a: a[SOURCE_TYPE] is not None),
            "verification": has(lambda a: a[VERIFICATION] is not None),
        }

    def __len__(self) -> int:
        return len(self.ids)


# --------------------------------------------------------------------------- lines


def _read_lines(path: Path, file: str, problems: list[Problem], data: bytes | None = None) -> list[str | None]:
    """The lines of a file (``None`` for a line that is not UTF-8); BOM and empty file reported."""
    if data is None:
        data = Path(path).read_bytes()
    try:
        text_lines: list[Any] = data.decode("utf-8").split("\n")
    except UnicodeDecodeError:
        text_lines = []
        for n, raw in enumerate(data.split(b"\n"), 1):
            try:
                text_lines.append(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                problems.append(Problem(file, n, "line", f"not valid UTF-8 (byte {exc.start + 1} of the line)"))
                text_lines.append(None)
    if text_lines and text_lines[-1] == "":
        text_lines.pop()  # the newline that ends the last line
    if not text_lines:
        problems.append(Problem(file, None, "file", "file is empty"))
        return []
    if text_lines[0] and text_lines[0].startswith("\ufeff"):
        problems.append(
            Problem(file, 1, "file", "starts with a UTF-8 byte-order mark (BOM); save the file as UTF-8 without BOM")
        )
        text_lines[0] = text_lines[0][1:]
    return text_lines


def _parse(lines: list[str | None], file: str, problems: list[Problem]) -> Iterator[tuple[int, Any]]:
    """``(line number, object)`` per line, parsed lazily (each object is validated and
    dropped before the next is built); blank and non-JSON lines are reported."""
    loads = json.loads
    n = 0
    for text in lines:
        n += 1
        if not text or text.isspace():
            if text is not None:
                problems.append(Problem(file, n, "line", "blank line; expected one JSON object per line, no empty lines"))
            continue
        try:
            obj = loads(text)
        except json.JSONDecodeError as exc:
            problems.append(Problem(file, n, "json", f"not valid JSON: {exc.msg} (column {exc.colno})"))
            continue
        except RecursionError:
            problems.append(Problem(file, n, "json", "not valid JSON: nested too deeply"))
            continue
        yield n, obj


class _Irregular(Exception):
    """The fast reader met something unusual; the careful reader takes over."""


_SCAN = json.scanner.make_scanner(json.JSONDecoder())


def _scan(text: str) -> Iterator[tuple[int, Any]]:
    """Fast path of :func:`_parse` for a regular file: one JSON value per line,
    decoded straight from the file text (no split, no per-line ``json.loads``).

    Raises :class:`_Irregular` at the first thing that is not a JSON value
    followed by optional whitespace and a newline (blank lines, leading
    spaces, bad JSON, trailing garbage, a BOM); the caller then starts over
    with the careful line-by-line reader, which reports every problem.
    """
    scan = _SCAN
    find = text.find
    size = len(text)
    idx = 0
    n = 0
    while idx < size:
        n += 1
        try:
            obj, end = scan(text, idx)
        except (StopIteration, ValueError, RecursionError):
            raise _Irregular from None
        nl = find("\n", end)
        if nl < 0:
            nl = size
        if nl != end and not text[end:nl].isspace():
            raise _Irregular
        yield n, obj
        idx = nl + 1


def _rows(data: bytes, file: str, problems: list[Problem], consume) -> Any:
    """Feed ``(line, object)`` rows of ``data`` to ``consume``: fast path first, careful path on trouble."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and text and not text.startswith("\ufeff"):
        try:
            return consume(_scan(text), [])
        except _Irregular:
            pass
    lines = _read_lines(Path(file), file, problems, data)
    return consume(_parse(lines, file, problems), problems)


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small acyclic objects.

    The collector would otherwise rescan every object built so far, again and
    again (reading 100,000 lines took 2-3x longer). Reference counting still frees
    everything; collection resumes afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # Move what was built meanwhile straight to the oldest generation:
            # otherwise the first young collection after enable() scans it all.
            gc.freeze()
            gc.unfreeze()
            gc.enable()


# --------------------------------------------------------------------------- fields (fast path)


def _fast_span(v: Any, n: int) -> tuple[int, int] | None:
    if type(v) is dict and len(v) == 2:
        s = v.get("start")
        e = v.get("end")
        if type(s) is int and type(e) is int and 0 <= s < e <= n:
            return (s, e)
    return None


_LIST_AT_MOST = 20  # unknown / missing ids listed one by one before a summary line
_NO_LIMIT = 1 << 62  # span check when the sentence is unknown (an id not in gold)
_QT, _ST, _VER = (frozenset(LABEL_FIELDS[k]) for k in ("quote_type", "source_type", "verification"))


_GOLD_SIX = itemgetter("id", "doc_id", "sent_index", "text", "phenomena", "attributions")
_SEVEN = itemgetter("content", "speaker", "speaker_name", "cue", "quote_type", "source_type", "verification")
_START_END = itemgetter("start", "end")


def _fast_attr(a: Any, n: int, allowed: frozenset) -> tuple | None:
    """The attribution tuple when ``a`` is valid, else None (the slow path then says why)."""
    if type(a) is not dict:
        return None
    size = len(a)
    fields = None
    if size == 7 or (size == 8 and "score" in allowed and "score" in a):
        # Every field present (gold files, most systems): one C-level lookup, and
        # then no unknown key is possible.
        try:
            fields = _SEVEN(a)
        except KeyError:
            pass
    if fields is not None:
        c, sp, name, cue, qt, st, ver = fields
        score = a["score"] if size == 8 else None
    elif a.keys() <= allowed:
        get = a.get
        c = get("content")
        sp = get("speaker", MISSING)
        name = get("speaker_name")
        cue = get("cue", MISSING)
        qt = get("quote_type")
        st = get("source_type")
        ver = get("verification")
        score = get("score")
    else:
        return None
    if type(c) is not dict or len(c) != 2:
        return None
    try:
        s, e = _START_END(c)
    except KeyError:
        return None
    if type(s) is not int or type(e) is not int or not 0 <= s < e <= n:
        return None
    content = (s, e)
    if sp is not None and sp is not MISSING:
        if type(sp) is not dict or len(sp) != 2:
            return None
        try:
            s, e = _START_END(sp)
        except KeyError:
            return None
        if type(s) is not int or type(e) is not int or not 0 <= s < e <= n:
            return None
        sp = (s, e)
    if cue is not None and cue is not MISSING:
        if type(cue) is not dict or len(cue) != 2:
            return None
        try:
            s, e = _START_END(cue)
        except KeyError:
            return None
        if type(s) is not int or type(e) is not int or not 0 <= s < e <= n:
            return None
        cue = (s, e)
    if name is not None and (type(name) is not str or not name or name.isspace()):
        return None
    if qt is not None and not (type(qt) is str and qt in _QT):
        return None
    if st is not None and not (type(st) is str and st in _ST):
        return None
    if ver is not None and not (type(ver) is str and ver in _VER):
        return None
    if score is not None and not ((type(score) is float or type(score) is int) and score - score == 0):
        return None
    return (content, sp, name, cue, qt, st, ver, score)


def _fast_attrs(raw: Any, n: int, allowed: frozenset) -> list | None:
    """Attribution tuples of a list that is entirely valid (canonical order), else None."""
    if type(raw) is not list:
        return None
    out = []
    append = out.append
    for a in raw:
        t = _fast_attr(a, n, allowed)
        if t is None:
            return None
        append(t)
    if len(out) > 1:
        _canonical_order(out)
    return out


_first = itemgetter(0)


def _canonical_order(attrs: list) -> None:
    """Sort in place by content span, then by every other field when contents tie."""
    attrs.sort(key=_first)
    for i in range(1, len(attrs)):
        if attrs[i][0] == attrs[i - 1][0]:
            attrs.sort(key=attr_sort_key)
            return


# --------------------------------------------------------------------------- fields (diagnosis)


def _type_name(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    if isinstance(v, dict):
        return "object"
    return type(v).__name__


def _span(v: Any, n: int | None, file: str, line: int, field: str, problems: list[Problem], text: str | None) -> Any:
    """Record every problem of a span value."""
    if type(v) is not dict:
        problems.append(Problem(file, line, field, f'a span must be an object {{"start": int, "end": int}}, got {_type_name(v)}'))
        return
    for key in sorted(set(v) - {"start", "end"}, key=str):
        problems.append(Problem(file, line, f"{field}.{key}", "unknown key in span (allowed: start, end)"))
    values = {}
    for key in ("start", "end"):
        x = v.get(key, MISSING)
        if x is MISSING:
            problems.append(Problem(file, line, f"{field}.{key}", "missing"))
        elif type(x) is not int:
            if isinstance(x, bool):
                what = f"boolean {x!r}"
            elif isinstance(x, float) and not math.isfinite(x):
                what = f"non-finite number {x!r}"
            else:
                what = f"{_type_name(x)} {x!r}"
            problems.append(Problem(file, line, f"{field}.{key}", f"must be an integer, got {what}"))
        else:
            values[key] = x
    if len(values) == 2:
        s, e = values["start"], values["end"]
        if s < 0:
            problems.append(Problem(file, line, f"{field}.start", f"negative offset {s}"))
        if s > e:
            problems.append(Problem(file, line, field, f"start {s} > end {e}"))
        elif s == e:
            problems.append(Problem(file, line, field, f"empty span (start == end == {s})"))
        if n is not None and e > n:
            hint = ""
            if text is not None and len(text.encode("utf-8")) >= e:
                hint = "; offsets count code points (Python str indices), not UTF-8 bytes or UTF-16 units"
            problems.append(Problem(file, line, f"{field}.end", f"end {e} is beyond the sentence text (length {n}){hint}"))


def _label(v: Any, key: str, file: str, line: int, field: str, problems: list[Problem]) -> None:
    allowed = LABEL_FIELDS[key]
    if isinstance(v, str):
        lowered = [a for a in allowed if a.lower() == v.strip().lower()]
        hint = f"; did you mean {lowered[0]!r}? labels are lowercase and case-sensitive" if lowered else ""
        problems.append(Problem(file, line, field, f"unknown label {v!r}{hint}; expected one of {', '.join(allowed)}"))
    else:
        problems.append(Problem(file, line, field, f"must be a string label or null, got {_type_name(v)}"))


def _diagnose_attribution(raw: Any, n: int | None, text: str | None, file: str, line: int, field: str, problems: list[Problem], gold: bool) -> None:
    if type(raw) is not dict:
        problems.append(Problem(file, line, field, f"an attribution must be an object, got {_type_name(raw)}"))
        return
    allowed = ATTRIBUTION_KEYS if gold else SUBMISSION_ATTRIBUTION_KEYS
    for key in sorted(set(raw) - allowed, key=str):
        problems.append(Problem(file, line, f"{field}.{key}", f"unknown field (allowed: {', '.join(sorted(allowed))})"))
    content = raw.get("content")
    if content is None:
        problems.append(Problem(file, line, f"{field}.content", "missing required field" if "content" not in raw else "must not be null"))
    elif _fast_span(content, n if n is not None else _NO_LIMIT) is None:
        _span(content, n, file, line, f"{field}.content", problems, text)
    for key in ("speaker", "cue"):
        v = raw.get(key)
        if v is not None and _fast_span(v, n if n is not None else _NO_LIMIT) is None:
            _span(v, n, file, line, f"{field}.{key}", problems, text)
    name = raw.get("speaker_name")
    if name is not None:
        if type(name) is not str:
            problems.append(Problem(file, line, f"{field}.speaker_name", f"must be a string or null, got {_type_name(name)}"))
        elif not name.strip():
            problems.append(Problem(file, line, f"{field}.speaker_name", "empty name; omit the field or use null"))
    for key, allowed_labels in _LABELS.items():
        v = raw.get(key)
        if v is not None and not (type(v) is str and v in allowed_labels):
            _label(v, key, file, line, f"{field}.{key}", problems)
    score = raw.get("score")
    if score is not None and (type(score) not in (int, float) or not math.isfinite(score)):
        if isinstance(score, bool):
            what = f"boolean {score!r}"
        elif isinstance(score, float):
            what = f"non-finite number {score!r}"
        else:
            what = _type_name(score)
        problems.append(Problem(file, line, f"{field}.score", f"must be a finite number or null, got {what}"))


def _diagnose_attributions(raw: Any, n: int | None, text: str | None, file: str, line: int, problems: list[Problem], gold: bool) -> None:
    if type(raw) is not list:
        if raw is MISSING:
            problems.append(Problem(file, line, "attributions", "missing required field (use [] for none)"))
        else:
            problems.append(Problem(file, line, "attributions", f"must be an array, got {_type_name(raw)}"))
        return
    for k, a in enumerate(raw):
        if _fast_attr(a, n if n is not None else _NO_LIMIT, ATTRIBUTION_KEYS if gold else SUBMISSION_ATTRIBUTION_KEYS) is None:
            _diagnose_attribution(a, n, text, file, line, f"attributions[{k}]", problems, gold)


def _phenomena_ok(v: Any) -> bool:
    return type(v) is list and all(type(t) is str and t in _PHENOMENA for t in v)


def _diagnose_phenomena(v: Any, file: str, line: int, problems: list[Problem]) -> None:
    if type(v) is not list:
        problems.append(Problem(file, line, "phenomena", f"must be an array of tags, got {_type_name(v)}"))
        return
    for tag in v:
        if not (type(tag) is str and tag in _PHENOMENA):
            problems.append(Problem(file, line, "phenomena", f"unknown phenomenon tag {tag!r}"))


# --------------------------------------------------------------------------- gold


def gold_from_rows(
    rows: Iterable[tuple[int, Any]], file: str, sha256: str | None = None, problems: list[Problem] | None = None
) -> Gold:
    """Validate gold rows (``(line, object)``); raise InputError listing every problem."""
    problems = [] if problems is None else problems
    records: list[tuple] = []
    seen: dict[str, int] = {}
    empty: tuple = ()
    keys = GOLD_KEYS
    for line, obj in rows:
        # Fast path: a well-formed record (six non-null keys of the right types
        # and six keys in all, or five without "phenomena").
        if type(obj) is dict:
            fields = None
            if len(obj) == 6:
                try:
                    fields = _GOLD_SIX(obj)  # one C-level lookup; then no other key exists
                except KeyError:
                    pass
            if fields is not None:
                sid, doc, si, text, ph, at = fields
                keys_ok = ph is not None
            else:
                get = obj.get
                sid = get("id")
                doc = get("doc_id")
                si = get("sent_index")
                text = get("text")
                ph = get("phenomena")
                at = get("attributions")
                if ph is None:
                    ph = empty
                    keys_ok = "phenomena" not in obj and obj.keys() <= keys
                else:
                    keys_ok = obj.keys() <= keys
            if (
                keys_ok and type(sid) is str and sid and sid not in seen and type(doc) is str and doc
                and type(si) is int and si >= 0 and type(text) is str and type(at) is list
                and (not ph or _phenomena_ok(ph))
            ):  # fmt: skip
                a = _fast_attrs(at, len(text), ATTRIBUTION_KEYS) if at else []
                if a is not None:
                    seen[sid] = line
                    records.append((sid, doc, si, text, tuple(ph) if ph else empty, a, line))
                    continue
        _diagnose_gold_line(obj, line, file, seen, problems)
    ids, doc_ids, indices, texts, phenomena, attrs, lines = (list(c) for c in zip(*records)) if records else ([],) * 7
    if not problems:
        try:
            "".join(texts).encode("utf-8")
        except UnicodeEncodeError:  # unpaired surrogates, from \ud8xx escapes
            for k, t in enumerate(texts):
                if _SURROGATE.search(t):
                    problems.append(Problem(file, lines[k], "text", "contains an unpaired UTF-16 surrogate"))
    if problems:
        raise InputError(problems, what=f"gold file {file}")
    gold = Gold(ids, doc_ids, indices, texts, phenomena, attrs, lines, file, sha256)
    problems.extend(_check_numbering(gold, file))
    if problems:
        raise InputError(problems, what=f"gold file {file}")
    return gold


def _check_numbering(gold: Gold, file: str) -> list[Problem]:
    """Sentences of each document must be numbered 0..n-1 (vectorised check)."""
    import numpy as np

    if not len(gold):
        return []
    doc = np.array(gold.doc_of_sentence, dtype=np.int64)
    idx = np.array(gold.sent_indices, dtype=np.int64)
    n_docs = len(gold.doc_ids)
    counts = np.bincount(doc, minlength=n_docs)
    # Numbered 0..n-1 <=> every index < n and no (document, index) pair twice.
    bad = np.zeros(n_docs, dtype=bool)
    bad[doc[idx >= counts[doc]]] = True
    width = int(idx.max()) + 1
    pairs = np.sort(doc * width + idx)
    bad[pairs[1:][pairs[1:] == pairs[:-1]] // width] = True
    out = []
    for d in np.flatnonzero(bad):
        first = min(k for k, x in enumerate(gold.doc_of_sentence) if x == d)
        out.append(
            Problem(file, gold.lines[first], "sent_index", f"sentences of document {gold.doc_ids[d]!r} are not numbered 0..{counts[d] - 1}")
        )
    return out


def _diagnose_gold_line(obj: Any, line: int, file: str, seen: dict[str, int], problems: list[Problem]) -> None:
    before = len(problems)
    if type(obj) is not dict:
        problems.append(Problem(file, line, "line", f"must be a JSON object, got {_type_name(obj)}"))
        return
    for key in sorted(set(obj) - GOLD_KEYS, key=str):
        problems.append(Problem(file, line, key, f"unknown field (allowed: {', '.join(sorted(GOLD_KEYS))})"))
    sid, doc_id, index, text = obj.get("id"), obj.get("doc_id"), obj.get("sent_index"), obj.get("text")
    for key, v in (("id", sid), ("doc_id", doc_id), ("text", text)):
        if type(v) is not str or (key != "text" and not v):
            problems.append(Problem(file, line, key, f"must be a non-empty string, got {_type_name(v)}"))
    if type(index) is not int or index < 0:
        problems.append(Problem(file, line, "sent_index", f"must be an integer >= 0, got {index!r}"))
    if type(sid) is str and sid in seen:
        problems.append(Problem(file, line, "id", f"duplicate id {sid!r} (first on line {seen[sid]})"))
    elif type(sid) is str:
        seen[sid] = line
    ph = obj.get("phenomena", [])
    if not _phenomena_ok(ph):
        _diagnose_phenomena(ph, file, line, problems)
    n = len(text) if type(text) is str else None
    _diagnose_attributions(obj.get("attributions", MISSING), n, text if n is not None else None, file, line, problems, gold=True)
    if len(problems) == before:
        problems.append(Problem(file, line, "line", "invalid record"))


def read_gold(path: str | Path, display: str | None = None) -> Gold:
    """Read and validate a gold JSONL file (corpus format, FORMATS.md §1)."""
    import hashlib

    path = Path(path)
    file = display or str(path)
    problems: list[Problem] = []
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    with no_gc():
        return _rows(data, file, problems, lambda rows, probs: gold_from_rows(rows, file, sha, probs))


def gold_from_records(records: Iterable[Any], name: str = "<gold>") -> Gold:
    """Gold from :class:`harness.schema.SentenceRecord` objects or corpus dicts."""
    rows = ((n, r.to_dict() if hasattr(r, "to_dict") else r) for n, r in enumerate(records, 1))
    return gold_from_rows(rows, name)


# --------------------------------------------------------------------------- submission


def submission_from_rows(
    rows: Iterable[tuple[int, Any]], gold: Gold, file: str, problems: list[Problem] | None = None
) -> list[list[tuple]]:
    """Validate submission rows against ``gold``.

    Returns the predicted attributions per gold sentence (gold order), or
    raises InputError listing every problem (including missing ids).
    """
    problems = [] if problems is None else problems
    index = gold.index
    texts = gold.texts
    out: list[Any] = [None] * len(texts)
    seen_line = [0] * len(texts)
    other_ids: dict[str, int] = {}
    n_rows = 0
    allowed = SUBMISSION_ATTRIBUTION_KEYS
    for line, obj in rows:
        n_rows += 1
        if type(obj) is dict and len(obj) == 2:
            sid = obj.get("id")
            if type(sid) is str:
                k = index.get(sid)
                if k is not None and not seen_line[k]:
                    at = obj.get("attributions")
                    a = (_fast_attrs(at, len(texts[k]), allowed) if at else []) if type(at) is list else None
                    if a is not None:
                        seen_line[k] = line
                        out[k] = a
                        continue
        k = _diagnose_submission_line(obj, line, file, gold, seen_line, other_ids, problems)
        if k is not None:  # valid, with optional corpus fields
            a = _fast_attrs(obj.get("attributions"), len(texts[k]), allowed)
            if a is None:  # the two checkers disagree: never score such a line
                problems.append(Problem(file, line, "attributions", "invalid attribution"))
            else:
                out[k] = a
    missing = [k for k in range(len(texts)) if not seen_line[k]]
    if missing and n_rows and len(missing) == len(texts):
        problems.insert(0, Problem(file, None, "id", f"none of the ids is a sentence of {gold.name}; is this a submission for another split?"))
    if len(other_ids) > _LIST_AT_MOST:  # a wrong file: keep the list readable
        unknown = [p for p in problems if p.message.startswith("id ") and "is not a sentence of" in p.message]
        drop = set(map(id, unknown[_LIST_AT_MOST:]))
        problems[:] = [p for p in problems if id(p) not in drop]
        problems.append(Problem(file, None, "id", f"... and {len(drop)} more ids that are not sentences of {gold.name}"))
    for k in missing[:_LIST_AT_MOST]:
        problems.append(Problem(file, None, "id", f"no line for sentence {gold.ids[k]!r} ({gold.name} line {gold.lines[k]})"))
    if len(missing) > _LIST_AT_MOST:
        problems.append(Problem(file, None, "id", f"... and {len(missing) - _LIST_AT_MOST} more sentences of {gold.name} have no line"))
    if problems:
        raise InputError(problems, what=f"submission {file}")
    return out


def _diagnose_submission_line(
    obj: Any, line: int, file: str, gold: Gold, seen_line: list[int], other_ids: dict[str, int], problems: list[Problem]
) -> int | None:
    """Record every problem of a line; return its gold index when the line is valid."""
    before = len(problems)
    if type(obj) is not dict:
        problems.append(Problem(file, line, "line", f"must be a JSON object, got {_type_name(obj)}"))
        return None
    for key in sorted(set(obj) - SUBMISSION_KEYS, key=str):
        problems.append(Problem(file, line, key, "unknown field (allowed: id, attributions; optional: text, doc_id, sent_index, phenomena)"))
    sid = obj.get("id", MISSING)
    k = None
    if type(sid) is not str:
        if sid is MISSING:
            problems.append(Problem(file, line, "id", "missing required field"))
        else:
            problems.append(Problem(file, line, "id", f"must be a string, got {_type_name(sid)} {sid!r}"))
    else:
        k = gold.index.get(sid)
        if k is None:
            if sid in other_ids:
                problems.append(Problem(file, line, "id", f"duplicate id {sid!r} (first on line {other_ids[sid]})"))
            else:
                other_ids[sid] = line
                problems.append(Problem(file, line, "id", f"id {sid!r} is not a sentence of the gold file {gold.name}"))
        elif seen_line[k]:
            problems.append(Problem(file, line, "id", f"duplicate id {sid!r} (first on line {seen_line[k]})"))
            k = None
        else:
            seen_line[k] = line
    text = gold.texts[k] if k is not None else None
    _check_carried_fields(obj, gold, k, file, line, problems)
    _diagnose_attributions(obj.get("attributions", MISSING), len(text) if text is not None else None, text, file, line, problems, gold=False)
    return k if len(problems) == before else None


def _check_carried_fields(obj: dict, gold: Gold, k: int | None, file: str, line: int, problems: list[Problem]) -> None:
    text = obj.get("text", MISSING)
    if text is not MISSING:
        if type(text) is not str:
            problems.append(Problem(file, line, "text", f"must be a string, got {_type_name(text)}"))
        elif k is not None and text != gold.texts[k]:
            g = gold.texts[k]
            pos = next((i for i, (a, b) in enumerate(zip(text, g)) if a != b), min(len(text), len(g)))
            hint = ""
            if _SURROGATE.search(text):
                hint = " (it contains an unpaired surrogate: offsets must count code points, not UTF-16 units)"
            problems.append(Problem(file, line, "text", f"differs from the gold sentence text at character {pos}{hint}"))
    for key, values in (("doc_id", gold.doc_id_of), ("sent_index", gold.sent_indices)):
        v = obj.get(key, MISSING)
        if v is not MISSING and k is not None and (type(v) is not type(values[k]) or v != values[k]):
            problems.append(Problem(file, line, key, f"{v!r} does not match the gold record ({values[k]!r})"))
    if "phenomena" in obj and not _phenomena_ok(obj["phenomena"]):
        _diagnose_phenomena(obj["phenomena"], file, line, problems)


def read_submission(path: str | Path, gold: Gold, display: str | None = None, data: bytes | None = None) -> list[list[tuple]]:
    """Read and validate a submission file (FORMATS.md §3) against ``gold``.

    ``data``: the file's bytes when the caller has read them already.
    """
    file = display or str(path)
    problems: list[Problem] = []
    if data is None:
        data = Path(path).read_bytes()
    with no_gc():
        return _rows(data, file, problems, lambda rows, probs: submission_from_rows(rows, gold, file, probs))


def submission_from_objects(rows: Iterable[Any], gold: Gold, name: str = "<predictions>") -> list[list[tuple]]:
    """Validate in-memory submission rows (dicts, e.g. from :func:`harness.extractor.run_extractor`)."""
    return submission_from_rows(((n, r) for n, r in enumerate(rows, 1)), gold, name)
