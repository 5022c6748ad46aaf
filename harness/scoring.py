"""Scoring: the public API ``score`` and ``evaluate`` and the result object.

>>> from harness.scoring import score
>>> gold = [{"id": "d1-s000", "doc_id": "d1", "sent_index": 0,
...          "text": "“We will rebuild the pier,” Mayor Ilse Varga said.", "phenomena": [],
...          "attributions": [{"speaker": {"start": 28, "end": 44}, "speaker_name": "Ilse Varga",
...                            "cue": {"start": 45, "end": 49}, "content": {"start": 1, "end": 25},
...                            "quote_type": "direct", "source_type": "named_person",
...                            "verification": "asserted"}]}]
>>> pred = [{"id": "d1-s000", "attributions": [{"content": {"start": 0, "end": 27},
...          "speaker_name": "Varga"}]}]
>>> result = score(gold, pred, bootstrap=0)
>>> result.metrics["attribution"]["f"], result.metrics["source_type"]["f"]
(1.0, 0.0)

How one sentence is scored (SCORING.md): gold and predicted attributions are
sorted canonically, aligned one to one (:mod:`harness.matching`), and every
aligned pair whose contents match (exact or partial, the ``match`` option) is
judged field by field. Every metric counts ``tp`` = matched pairs with the
field right, over all predictions (precision) and all gold attributions
(recall), except ``detection`` (sentences) and ``speaker_span_*`` (only
attributions with a speaker span, on either side). ``content_exact`` and
``content_partial`` do not depend on the ``match`` option; everything judged
on matched pairs does. Metrics whose gold field is missing from the whole gold
file are ``None`` ("not available"), never zero.

Field rules on a matched pair:

- speaker: normalised names, lenient (``speaker``) and exact
  (``speaker_exact``), both always reported; the ``speaker`` option picks the
  one the headline ``attribution`` uses. A
  prediction without ``speaker_name`` is judged by the text of its speaker
  span; a gold attribution with neither name nor span (no source, imported
  corpora) is right only when the prediction has neither;
- speaker span and cue: identical after trimming (exact) or token Jaccard >=
  0.5 (partial); a null gold cue is right only when the prediction's cue is an
  explicit ``null`` (an absent field means "not predicted" and scores zero);
- labels: equal, and a missing prediction is wrong.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from harness.errors import InputError, Problem
from harness.matching import MATCH_MODES, PARTIAL_THRESHOLD, align, pair_weight
from harness.metrics import (
    COL,
    COUNTERS,
    HEADLINE,
    MAIN_METRICS,
    METRIC_NAMES,
    METRIC_NEEDS,
    PRFScore,
    metric_arrays,
    none_if_nan,
    prf,
)
from harness.normalize import SPEAKER_MODES, names_match, normalize_name, span_jaccard, trim_span
from harness.schema import LABEL_FIELDS, PHENOMENA, REGISTERS, SPLITS, TOPICS, DocumentMeta
from harness.signature import Signature
from harness.significance import DEFAULT_RESAMPLES, DEFAULT_SEED, bootstrap_ci
from harness.validate import (
    CONTENT,
    CUE,
    NAME,
    QUOTE_TYPE,
    SOURCE_TYPE,
    SPEAKER,
    VERIFICATION,
    Gold,
    no_gc,
    gold_from_records,
    read_gold,
    read_submission,
    submission_from_objects,
)
from harness.version import CORPUS_VERSION, __version__

LABEL_KEYS: tuple[str, ...] = ("source_type", "verification", "quote_type")
NDIGITS = 6  # rounding of every float in JSON output
_NC = len(COUNTERS)
_I = COL


# --------------------------------------------------------------------------- options


@dataclass(frozen=True)
class ScoreOptions:
    match: str = "partial"
    speaker: str = "lenient"
    bootstrap: int = DEFAULT_RESAMPLES
    seed: int = DEFAULT_SEED

    def __post_init__(self) -> None:
        if self.match not in MATCH_MODES:
            raise ValueError(f"unknown match mode {self.match!r}; expected one of {', '.join(MATCH_MODES)}")
        if self.speaker not in SPEAKER_MODES:
            raise ValueError(f"unknown speaker mode {self.speaker!r}; expected one of {', '.join(SPEAKER_MODES)}")
        if type(self.bootstrap) is not int or self.bootstrap < 0:
            raise ValueError(f"bootstrap must be an integer >= 0, got {self.bootstrap!r}")
        if type(self.seed) is not int or self.seed < 0:
            raise ValueError(f"seed must be an integer >= 0, got {self.seed!r}")


# --------------------------------------------------------------------------- one sentence


def _compare(text: str, a: tuple[int, int], b: tuple[int, int]) -> tuple[bool, float]:
    """(identical after trimming, token Jaccard) of two spans of ``text``; cheap tests first."""
    if a == b:
        return True, 1.0
    if trim_span(text, *a) == trim_span(text, *b):
        return True, 1.0
    return False, span_jaccard(text, a, b)


def _judge(g: tuple, p: tuple, text: str, speaker_mode: str) -> tuple[bool, ...]:
    """Field verdicts for an aligned pair.

    Returns (speaker by ``speaker_mode``, speaker lenient, speaker exact,
    speaker_span_exact, speaker_span_partial, cue_exact, cue_partial,
    source_type, verification, quote_type).
    """
    gs, ps = g[1], p[1]  # speaker spans
    gn, pn = g[2], p[2]  # speaker names
    if gn is not None and gn == pn:
        spk_l = spk_e = True
    elif gn is None and type(gs) is not tuple:
        # A gold attribution without any source (imported corpora): right only
        # when the prediction names none either, like the null-cue rule.
        spk_l = spk_e = pn is None and type(ps) is not tuple
    else:
        g_name = normalize_name(gn) if gn is not None else normalize_name(text[gs[0] : gs[1]])
        p_name = normalize_name(pn) if pn is not None else (normalize_name(text[ps[0] : ps[1]]) if type(ps) is tuple else ())
        spk_e = names_match(g_name, p_name, "exact")
        spk_l = spk_e or names_match(g_name, p_name, "lenient")
    spk = spk_l if speaker_mode == "lenient" else spk_e
    if type(gs) is tuple and type(ps) is tuple:
        if gs == ps:
            ss_e = ss_p = True
        else:
            ss_e, j = _compare(text, gs, ps)
            ss_p = ss_e or j >= PARTIAL_THRESHOLD
    else:
        ss_e = ss_p = False
    gc, pc = g[3], p[3]  # cues
    if gc is None:
        cue_e = cue_p = pc is None  # null gold cue: right only when predicted null
    elif type(pc) is tuple and type(gc) is tuple:
        if gc == pc:
            cue_e = cue_p = True
        else:
            cue_e, j = _compare(text, gc, pc)
            cue_p = cue_e or j >= PARTIAL_THRESHOLD
    else:
        cue_e = cue_p = False
    v = p[5]
    st = v is not None and v == g[5]
    v = p[6]
    ver = v is not None and v == g[6]
    v = p[4]
    qt = v is not None and v == g[4]
    return spk, spk_l, spk_e, ss_e, ss_p, cue_e, cue_p, st, ver, qt


assert (CONTENT, SPEAKER, NAME, CUE, QUOTE_TYPE, SOURCE_TYPE, VERIFICATION) == tuple(range(7))  # indices used above


def _tiebreak(v: tuple[bool, ...]) -> float:
    """In [0, 1): prefers, in this order, the pair with the right speaker, all of
    speaker + source_type + verification, source_type, verification, quote_type,
    cue (partial, exact) and speaker span (partial, exact)."""
    spk, _, _, ss_e, ss_p, cue_e, cue_p, st, ver, qt = v
    return (
        256 * spk + 128 * (spk and st and ver) + 64 * st + 32 * ver + 16 * qt + 8 * cue_p + 4 * cue_e + 2 * ss_p + ss_e
    ) / 512


_ZEROS = [0] * (len(COUNTERS) - 6)


def _score_sentence(text: str, G: list, P: list, partial_mode: bool, speaker_mode: str, pairs_out: list) -> list[int]:
    """The count row of one sentence (columns :data:`COUNTERS`).

    For every matched pair, appends the gold label, predicted label and verdict
    of source_type, verification and quote_type to ``pairs_out`` (for per-class
    counts and confusion matrices).
    """
    nG, nP = len(G), len(P)
    if nG == 1:
        gss = type(G[0][SPEAKER]) is tuple
    else:
        gss = sum([type(g[SPEAKER]) is tuple for g in G])
    if nP == 1:
        pss = type(P[0][SPEAKER]) is tuple
    else:
        pss = sum([type(p[SPEAKER]) is tuple for p in P])
    if not nP:
        return [nG, 0, gss, 0, 1, 0] + _ZEROS
    if not nG:
        return [0, nP, 0, pss, 0, 1] + _ZEROS
    if nG == 1 and nP == 1:
        g, p = G[0], P[0]
        if g[0] == p[0]:
            ex = part = True
        else:
            ex, j = _compare(text, g[0], p[0])
            part = ex or j >= PARTIAL_THRESHOLD
        c_exact, c_part = int(ex), int(part)
        if not (part if partial_mode else ex):
            return [1, 1, gss, pss, 1, 1, 1, c_exact, c_part] + _ZEROS[3:]
        spk, spk_l, spk_e, ss_e, ss_p, cue_e, cue_p, st, ver, qt = _judge(g, p, text, speaker_mode)
        pairs_out.append((g[5], p[5], st, g[6], p[6], ver, g[4], p[4], qt))
        return [1, 1, gss, pss, 1, 1, 1, c_exact, c_part, spk_l, spk_e, ss_e, ss_p, cue_e, cue_p, st, ver, qt, spk, spk and st and ver]

    cmp = [[(True, 1.0) if g[0] == p[0] else _compare(text, g[0], p[0]) for p in P] for g in G]
    # content_exact: equality is an equivalence, so greedy matching is a maximum matching.
    c_exact = 0
    used: set[int] = set()
    for row_ in cmp:
        for k in range(nP):
            if row_[k][0] and k not in used:
                used.add(k)
                c_exact += 1
                break
    partial = [[e or j >= PARTIAL_THRESHOLD for e, j in r] for r in cmp]
    qual = partial if partial_mode else [[e for e, _ in r] for r in cmp]
    verdicts = {}
    weights = []
    for i in range(nG):
        w = []
        for k in range(nP):
            if qual[i][k]:
                v = verdicts[(i, k)] = _judge(G[i], P[k], text, speaker_mode)
                w.append(pair_weight(True, cmp[i][k][1], _tiebreak(v)))
            else:
                w.append(pair_weight(False, cmp[i][k][1]))
        weights.append(w)
    matched = [(i, k) for i, k in align(weights) if qual[i][k]]
    if partial_mode:
        c_part = len(matched)
    else:
        pw = [[pair_weight(partial[i][k], cmp[i][k][1]) for k in range(nP)] for i in range(nG)]
        c_part = sum(partial[i][k] for i, k in align(pw))
    row = [nG, nP, gss, pss, 1, 1, 1, c_exact, c_part] + _ZEROS[3:]
    for i, k in matched:
        spk, spk_l, spk_e, ss_e, ss_p, cue_e, cue_p, st, ver, qt = verdicts[(i, k)]
        g, p = G[i], P[k]
        pairs_out.append((g[5], p[5], st, g[6], p[6], ver, g[4], p[4], qt))
        row[9] += spk_l
        row[10] += spk_e
        row[11] += ss_e
        row[12] += ss_p
        row[13] += cue_e
        row[14] += cue_p
        row[15] += st
        row[16] += ver
        row[17] += qt
        row[18] += spk
        row[19] += spk and st and ver
    return row


assert COUNTERS[9:20] == (
    "speaker", "speaker_exact", "speaker_span_exact", "speaker_span_partial", "cue_exact", "cue_partial",
    "source_type", "verification", "quote_type", "attribution", "attribution_full",
)  # fmt: skip


def _label_counts(attr_lists: list[list]) -> dict[str, Counter]:
    """Label frequencies of all attributions (for per-class precision / recall)."""
    # One C-level pass over (quote_type, source_type, verification) triples, then
    # a Python pass over the few distinct triples.
    triples = Counter(map(itemgetter(QUOTE_TYPE, SOURCE_TYPE, VERIFICATION), chain.from_iterable(attr_lists)))
    out = {k: Counter() for k in LABEL_KEYS}
    for (qt, st, ver), n in triples.items():
        for key, v in (("quote_type", qt), ("source_type", st), ("verification", ver)):
            if v is not None:
                out[key][v] += n
    return out


def _gold_label_counts(gold: Gold) -> dict[str, Counter]:
    cached = getattr(gold, "_label_counts", None)
    if cached is None:
        cached = gold._label_counts = _label_counts(gold.attrs)
    return cached


def _pair_counts(pairs: list) -> tuple[dict[str, Counter], dict[str, Counter]]:
    """Per-class true positives and confusion matrices from the matched pairs.

    A pair is ``(gold, predicted, right)`` for source_type, verification and
    quote_type in turn (9 values); identical pairs are counted first (C level).
    """
    tp = {k: Counter() for k in LABEL_KEYS}
    confusion = {k: Counter() for k in LABEL_KEYS}
    for t, n in Counter(pairs).items():
        for i, key in enumerate(("source_type", "verification", "quote_type")):
            g = t[3 * i]
            if g is not None:
                confusion[key][(g, t[3 * i + 1])] += n
                if t[3 * i + 2]:
                    tp[key][g] += n
    return tp, confusion


# --------------------------------------------------------------------------- result


def _r(x: Any) -> Any:
    """Round floats for output; nan -> None."""
    if x is None:
        return None
    x = float(x)
    if x != x:
        return None
    return round(x, NDIGITS)


@dataclass
class ScoreResult:
    """Everything one scoring run produced. ``to_dict()`` is the deterministic JSON payload.

    ``metrics[name]`` is ``{"p", "r", "f", "tp", "fp", "fn", "ci"}`` or ``None``
    when the gold data lacks the field the metric needs. ``doc_counts`` holds
    the per-document count rows (``COUNTERS`` columns) for paired tests.
    """

    signature: Signature
    system: str | None
    gold_name: str
    metrics: dict[str, dict | None]
    per_class: dict[str, dict | None]
    slices: dict[str, dict]
    summary: dict[str, int]
    doc_ids: list[str]
    doc_counts: np.ndarray = field(repr=False)
    available: dict[str, bool] = field(default_factory=dict)
    predictions_sha256: str | None = None
    # Count rows of the sentences that have a gold or a predicted attribution, and their
    # positions in the gold file: what `compare` needs to list sentences that flipped.
    sentence_rows: np.ndarray = field(default=None, repr=False)
    sentence_positions: np.ndarray = field(default=None, repr=False)

    @property
    def headline(self) -> dict | None:
        return self.metrics[HEADLINE]

    def sentences_all_right(self, n_sentences: int, metric: str = HEADLINE) -> np.ndarray:
        """Per gold sentence: every gold attribution right by ``metric`` and nothing spurious.

        ``metric`` is one counted per attribution (its denominators are ``n_pred``/``n_gold``).
        Sentences with neither gold nor predicted attributions count as right.
        """
        right = np.ones(n_sentences, dtype=bool)
        if self.sentence_rows is not None and len(self.sentence_rows):
            rows = self.sentence_rows
            col = _I[MAIN_METRICS[metric][0]]
            ok = (rows[:, col] == rows[:, _I["n_gold"]]) & (rows[:, _I["n_pred"]] == rows[:, _I["n_gold"]])
            right[self.sentence_positions] = ok
        return right

    def to_dict(self) -> dict[str, Any]:
        metrics = {}
        for name, m in self.metrics.items():
            if m is None:
                metrics[name] = None
                continue
            out = {k: _r(m[k]) for k in ("p", "r", "f")}
            out.update(tp=m["tp"], fp=m["fp"], fn=m["fn"])
            out["ci"] = None if m["ci"] is None else {k: [_r(v) for v in m["ci"][k]] for k in ("p", "r", "f")}
            metrics[name] = out
        return {
            "signature": str(self.signature),
            "config": self.signature.to_dict(),
            "system": self.system,
            "gold": self.gold_name,
            "predictions_sha256": self.predictions_sha256,
            "headline": HEADLINE,
            "summary": dict(self.summary),
            "available": dict(self.available),
            "metrics": metrics,
            "per_class": _round_tree(self.per_class),
            "slices": _round_tree(self.slices),
        }

    def flat(self) -> dict[str, float | None]:
        """spaCy-style flat keys: ``{metric}_p``, ``{metric}_r``, ``{metric}_f``."""
        out: dict[str, float | None] = {}
        for name, m in self.metrics.items():
            for k in ("p", "r", "f"):
                out[f"{name}_{k}"] = None if m is None else _r(m[k])
        return out

    def to_json(self) -> str:
        return dumps(self.to_dict())

    def __str__(self) -> str:
        from harness.report import format_table

        return format_table(self.to_dict())


def _round_tree(x: Any) -> Any:
    if isinstance(x, dict):
        return {k: _round_tree(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_round_tree(v) for v in x]
    if isinstance(x, (float, np.floating)):
        return _r(x)
    if isinstance(x, np.integer):
        return int(x)
    return x


def dumps(payload: Any) -> str:
    """Deterministic JSON: sorted keys, fixed indentation, UTF-8 kept."""
    return json.dumps(payload, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False)


def _prf_dict(tp: int, pred: int, gold: int) -> dict:
    p, r, f = prf(tp, pred, gold)
    return {"p": none_if_nan(p), "r": none_if_nan(r), "f": none_if_nan(f)}


def _per_class(tp_counts: Counter, confusion_counts: Counter, gold_counts: Counter, pred_counts: Counter, key: str) -> dict:
    """Per-class P/R/F1 (every prediction and gold attribution counts), macro-F1 over
    the classes present in gold or predictions, confusion matrix on matched pairs."""
    labels = [l for l in LABEL_FIELDS[key] if gold_counts[l] or pred_counts[l]]
    classes = {}
    for label in LABEL_FIELDS[key]:
        tp, pred, gold = tp_counts[label], pred_counts[label], gold_counts[label]
        s = PRFScore(tp=tp, fp=pred - tp, fn=gold - tp).to_dict()
        s["support"] = gold
        classes[label] = s
    fs = [classes[l]["f"] for l in labels]
    macro = sum(fs) / len(fs) if fs else None
    confusion: dict[str, dict[str, int]] = {}
    order = {label: i for i, label in enumerate(LABEL_FIELDS[key])}
    for (g, p), n in sorted(confusion_counts.items(), key=lambda kv: (order.get(kv[0][0], 99), -kv[1], kv[0][1] or "")):
        confusion.setdefault(g, {})[p if p is not None else "(none)"] = n
    return {"classes": classes, "macro_f": macro, "confusion": confusion}


def _slice(rows: np.ndarray) -> dict:
    """Headline P/R/F1 of a group of count rows (recall is the slice's main figure)."""
    tp, pred, gold = (int(rows[..., _I[c]].sum()) for c in ("attribution", "n_pred", "n_gold"))
    out = _prf_dict(tp, pred, gold)
    out.update(tp=tp, n_pred=pred, n_gold=gold)
    return out


def _compute(
    gold: Gold,
    preds: Sequence[list[tuple]],
    opts: ScoreOptions,
    signature: Signature,
    metadata: dict[str, DocumentMeta] | None,
    system: str | None,
) -> ScoreResult:
    rows: list[list[int]] = []
    row_sent: list[int] = []
    pairs: list[tuple] = []
    texts = gold.texts
    partial_mode = opts.match == "partial"
    with no_gc():
        for k, (G, P) in enumerate(zip(gold.attrs, preds)):
            if G or P:
                rows.append(_score_sentence(texts[k], G, P, partial_mode, opts.speaker, pairs))
                row_sent.append(k)
    gold_labels = _gold_label_counts(gold)
    pred_labels = _label_counts(preds)
    tp_labels, confusion = _pair_counts(pairs)
    n_docs = len(gold.doc_ids)
    sent_rows = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=len(rows) * _NC).reshape(len(rows), _NC)
    sent_idx = np.array(row_sent, dtype=np.int64)
    doc_of_sentence = np.array(gold.doc_of_sentence, dtype=np.int64)
    doc_counts = np.zeros((n_docs, _NC), dtype=np.int64)
    if len(rows):
        np.add.at(doc_counts, doc_of_sentence[sent_idx], sent_rows)
    totals = doc_counts.sum(axis=0)

    available = dict(gold.available)
    p_arr, r_arr, f_arr = metric_arrays(totals)
    cis = bootstrap_ci(doc_counts, opts.bootstrap, opts.seed) if opts.bootstrap and n_docs else None
    metrics: dict[str, dict | None] = {}
    for m, name in enumerate(METRIC_NAMES):
        if not all(available[f] for f in METRIC_NEEDS.get(name, ())):
            metrics[name] = None
            continue
        tp_c, pred_c, gold_c = (int(totals[_I[c]]) for c in MAIN_METRICS[name])
        metrics[name] = {
            "p": none_if_nan(p_arr[m]),
            "r": none_if_nan(r_arr[m]),
            "f": none_if_nan(f_arr[m]),
            "tp": tp_c,
            "fp": pred_c - tp_c,
            "fn": gold_c - tp_c,
            "ci": None
            if cis is None
            else {k: [none_if_nan(cis[k][m, 0]), none_if_nan(cis[k][m, 1])] for k in ("p", "r", "f")},
        }

    per_class = {
        k: (_per_class(tp_labels[k], confusion[k], gold_labels[k], pred_labels[k], k) if available[k] else None)
        for k in LABEL_KEYS
    }

    # Slices of the headline: phenomenon (sentence tags), register and topic (document metadata).
    slices: dict[str, dict] = {"phenomenon": {}, "register": {}, "topic": {}}
    headline_ok = metrics[HEADLINE] is not None
    if headline_ok:
        by_tag: dict[str, list[int]] = {}
        for r, k in enumerate(row_sent):
            for tag in gold.phenomena[k]:
                by_tag.setdefault(tag, []).append(r)
        tagged_sentences = Counter(t for tags in gold.phenomena for t in tags)
        for tag in PHENOMENA:
            if tagged_sentences[tag]:
                s = _slice(sent_rows[by_tag.get(tag, [])])
                s["sentences"] = tagged_sentences[tag]
                slices["phenomenon"][tag] = s
        if metadata:
            for key, order in (("register", REGISTERS), ("topic", TOPICS)):
                groups: dict[str, list[int]] = {}
                for d, doc_id in enumerate(gold.doc_ids):
                    meta = metadata.get(doc_id)
                    groups.setdefault(getattr(meta, key) if meta else "(unknown)", []).append(d)
                for value in list(order) + ["(unknown)"]:
                    if value in groups:
                        s = _slice(doc_counts[groups[value]])
                        s["documents"] = len(groups[value])
                        slices[key][value] = s
    summary = {
        "documents": n_docs,
        "sentences": len(gold),
        "gold_attributions": int(totals[_I["n_gold"]]),
        "predicted_attributions": int(totals[_I["n_pred"]]),
    }
    return ScoreResult(
        signature=signature,
        system=system,
        gold_name=gold.name,
        metrics=metrics,
        per_class=per_class,
        slices=slices,
        summary=summary,
        doc_ids=list(gold.doc_ids),
        doc_counts=doc_counts,
        available=available,
        sentence_rows=sent_rows,
        sentence_positions=sent_idx,
    )


# --------------------------------------------------------------------------- public API


def _gold_sha_of_records(records: list[Any]) -> str:
    # Same bytes as the corpus build writes, so the hash equals the file's.
    h = hashlib.sha256()
    for r in records:
        d = r.to_dict() if hasattr(r, "to_dict") else r
        h.update((json.dumps(d, ensure_ascii=False) + "\n").encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def load_gold(gold: Any) -> Gold:
    """A :class:`Gold` from a path, a split name, a Gold, or records/dicts."""
    if isinstance(gold, Gold):
        return gold
    if isinstance(gold, str) and gold in SPLITS:
        from harness.corpus import split_path

        return read_gold(split_path(gold), display_path(split_path(gold)))
    if isinstance(gold, (str, Path)):
        return read_gold(gold)
    records = list(gold)
    g = gold_from_records(records)
    g.sha256 = _gold_sha_of_records(records)
    return g


def display_path(path: Path) -> str:
    """A path as shown in outputs: relative to the working directory when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _split_of(gold: Gold, split: str | None) -> tuple[str, str]:
    """(split label, corpus version) for the signature."""
    if split:
        return split, CORPUS_VERSION
    from harness.corpus import split_path

    for s in SPLITS:
        try:
            if Path(gold.name).resolve() == split_path(s).resolve():
                return s, CORPUS_VERSION
        except (OSError, ValueError):
            pass
    return "custom", "custom"


def score(
    gold: Any,
    predictions: Any,
    *,
    match: str = "partial",
    speaker: str = "lenient",
    bootstrap: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    metadata: dict[str, DocumentMeta] | None = None,
    split: str | None = None,
    system: str | None = None,
) -> ScoreResult:
    """Score predictions against gold; raise :class:`InputError` on any invalid input.

    ``gold``: a split name (``"test"``), a path to a corpus JSONL file, a
    :class:`~harness.validate.Gold`, or an iterable of
    :class:`~harness.schema.SentenceRecord` / corpus dicts.
    ``predictions``: a path to a submission file, or an iterable of submission
    rows (``{"id": ..., "attributions": [...]}``), one per gold sentence.
    ``match``: ``"partial"`` (token Jaccard >= 0.5, the headline) or ``"exact"``.
    ``speaker``: ``"lenient"`` (name token F1 >= 0.5, the headline) or ``"exact"``.
    ``bootstrap``: document resamples for 95% intervals (0 = none); ``seed`` fixes them.
    ``metadata``: ``doc_id -> DocumentMeta`` for the register / topic slices
    (loaded next to the gold file when omitted and available).
    """
    opts = ScoreOptions(match=match, speaker=speaker, bootstrap=bootstrap, seed=seed)
    if isinstance(gold, str) and gold in SPLITS and split is None:
        split = gold
    g = load_gold(gold)
    if metadata is None and isinstance(gold, (str, Path)):
        from harness.corpus import documents_path, load_metadata, split_path

        folder = split_path(gold).parent if isinstance(gold, str) and gold in SPLITS else Path(gold).parent
        if documents_path(folder).exists():
            metadata = load_metadata(folder)
    pred_sha = None
    if isinstance(predictions, (str, Path)):
        data = Path(predictions).read_bytes()
        pred_sha = hashlib.sha256(data).hexdigest()
        preds = read_submission(predictions, g, data=data)
        del data
        system = system or Path(predictions).name
    else:
        preds = submission_from_objects(predictions, g)
    split_label, corpus_version = _split_of(g, split)
    signature = Signature(
        harness_version=__version__,
        corpus_version=corpus_version,
        gold_sha256=g.sha256 or "0" * 64,
        split=split_label,
        match=opts.match,
        speaker=opts.speaker,
        bootstrap=opts.bootstrap,
        seed=opts.seed,
    )
    result = _compute(g, preds, opts, signature, metadata, system)
    result.predictions_sha256 = pred_sha
    return result


def evaluate(
    extractor: Callable[[list[str]], Sequence[Sequence[Any]]],
    split: str = "test",
    *,
    root: Path | None = None,
    match: str = "partial",
    speaker: str = "lenient",
    bootstrap: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    system: str | None = None,
    progress: bool = False,
) -> ScoreResult:
    """Run ``extractor`` on every document of ``split`` and score what it returns.

    The extractor gets one document's sentences in reading order and returns
    one list of attributions (:class:`~harness.schema.Attribution` or
    submission dicts) per sentence; see :mod:`harness.extractor`. Its output is
    validated like a submission file, so an invalid attribution raises
    :class:`InputError` naming the sentence.
    """
    from harness.corpus import load_metadata, split_path
    from harness.extractor import run_extractor

    ScoreOptions(match=match, speaker=speaker, bootstrap=bootstrap, seed=seed)  # fail fast on bad options
    path = split_path(split, root)
    gold = read_gold(path, display_path(path))
    metadata = load_metadata(root)
    documents = _documents_of(gold, metadata)
    rows = run_extractor(extractor, documents, progress=progress)
    name = system or getattr(extractor, "__qualname__", None) or type(extractor).__name__
    return score(
        gold, rows, match=match, speaker=speaker, bootstrap=bootstrap, seed=seed,
        metadata=metadata, split=split, system=name,
    )  # fmt: skip


def _documents_of(gold: Gold, metadata: dict[str, DocumentMeta]) -> list:
    """Whole documents (schema objects) in reading order, rebuilt from a validated gold."""
    from harness.schema import SentenceRecord, group_documents

    records = [
        SentenceRecord(id=gold.ids[k], doc_id=gold.doc_id_of[k], sent_index=gold.sent_indices[k], text=gold.texts[k])
        for k in range(len(gold))
    ]
    return group_documents(records, metadata)


__all__ = ["score", "evaluate", "ScoreResult", "ScoreOptions", "load_gold", "dumps", "InputError", "Problem"]
