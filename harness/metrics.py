"""The metric core: counts per sentence, summed, and precision / recall / F1 from sums.

Everything the scorer reports is computed from summed integer counts (like
sacrebleu's sufficient statistics). :data:`COUNTERS` names the columns of a
count row; one row per sentence, summed per document, summed per corpus.
Bootstrap and paired tests therefore only resample document rows.

Each main metric is a triple of columns ``(tp, predicted, gold)``:
precision = tp / predicted, recall = tp / gold, F1 = 2 tp / (predicted + gold).
Zero-division conventions (one function, :func:`prf`, used for point
estimates and for every resample alike):

- precision is 0.0 when nothing was predicted but there is gold to find, and
  ``None`` (undefined) when there is neither;
- recall is ``None`` when there is no gold item;
- F1 is ``None`` only when there is neither gold nor prediction.

>>> s = PRFScore(tp=3, fp=1, fn=2)
>>> round(s.precision, 3), round(s.recall, 3), round(s.fscore, 3)
(0.75, 0.6, 0.667)
>>> (s + PRFScore(tp=1)).to_dict()["tp"]
4
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

# Columns of a count row.
COUNTERS: tuple[str, ...] = (
    "n_gold",  # gold attributions
    "n_pred",  # predicted attributions
    "n_gold_speaker_span",  # gold attributions whose speaker span is not null
    "n_pred_speaker_span",  # predicted attributions with a speaker span
    "sent_gold",  # sentence has a gold attribution (0/1)
    "sent_pred",  # sentence has a predicted attribution (0/1)
    "detection",  # both (0/1)
    "content_exact",
    "content_partial",
    "speaker",  # lenient name match (token F1 >= 0.5)
    "speaker_exact",  # normalised names equal
    "speaker_span_exact",
    "speaker_span_partial",
    "cue_exact",
    "cue_partial",
    "source_type",
    "verification",
    "quote_type",
    "attribution",
    "attribution_full",
)
COL = {name: i for i, name in enumerate(COUNTERS)}

# Main metrics in reporting order: name -> (tp column, predicted column, gold column).
MAIN_METRICS: dict[str, tuple[str, str, str]] = {
    "attribution": ("attribution", "n_pred", "n_gold"),
    "attribution_full": ("attribution_full", "n_pred", "n_gold"),
    "detection": ("detection", "sent_pred", "sent_gold"),
    "content_partial": ("content_partial", "n_pred", "n_gold"),
    "content_exact": ("content_exact", "n_pred", "n_gold"),
    "speaker": ("speaker", "n_pred", "n_gold"),
    "speaker_exact": ("speaker_exact", "n_pred", "n_gold"),
    "speaker_span_exact": ("speaker_span_exact", "n_pred_speaker_span", "n_gold_speaker_span"),
    "speaker_span_partial": ("speaker_span_partial", "n_pred_speaker_span", "n_gold_speaker_span"),
    "cue_exact": ("cue_exact", "n_pred", "n_gold"),
    "cue_partial": ("cue_partial", "n_pred", "n_gold"),
    "source_type": ("source_type", "n_pred", "n_gold"),
    "verification": ("verification", "n_pred", "n_gold"),
    "quote_type": ("quote_type", "n_pred", "n_gold"),
}
HEADLINE = "attribution"
METRIC_NAMES: tuple[str, ...] = tuple(MAIN_METRICS)
_TP = np.array([COL[t] for t, _, _ in MAIN_METRICS.values()])
_PRED = np.array([COL[p] for _, p, _ in MAIN_METRICS.values()])
_GOLD = np.array([COL[g] for _, _, g in MAIN_METRICS.values()])

# Which gold field each metric needs (for "not available" on imported corpora).
METRIC_NEEDS: dict[str, tuple[str, ...]] = {
    "attribution": ("speaker_name",),
    "attribution_full": ("speaker_name", "source_type", "verification"),
    "speaker": ("speaker_name",),
    "speaker_exact": ("speaker_name",),
    "speaker_span_exact": ("speaker",),
    "speaker_span_partial": ("speaker",),
    "cue_exact": ("cue",),
    "cue_partial": ("cue",),
    "source_type": ("source_type",),
    "verification": ("verification",),
    "quote_type": ("quote_type",),
}


def prf(tp: Any, pred: Any, gold: Any) -> tuple[Any, Any, Any]:
    """Precision, recall, F1 from counts; works on scalars and numpy arrays.

    Undefined values are ``nan`` (the callers turn them into ``None``).

    >>> [float(x) for x in prf(2, 4, 2)]
    [0.5, 1.0, 0.6666666666666666]
    >>> [float(x) for x in prf(0, 0, 3)], [float(x) for x in prf(0, 0, 0)]
    ([0.0, 0.0, 0.0], [nan, nan, nan])
    """
    tp = np.asarray(tp, dtype=float)
    pred = np.asarray(pred, dtype=float)
    gold = np.asarray(gold, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(pred > 0, tp / np.where(pred > 0, pred, 1), np.where(gold > 0, 0.0, np.nan))
        r = np.where(gold > 0, tp / np.where(gold > 0, gold, 1), np.nan)
        total = pred + gold
        f = np.where(total > 0, 2 * tp / np.where(total > 0, total, 1), np.nan)
    return p, r, f


def metric_arrays(sums: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """P, R, F1 of every main metric from count sums (``[..., len(COUNTERS)]``).

    Returns three arrays of shape ``[..., len(MAIN_METRICS)]`` (nan = undefined).
    """
    sums = np.asarray(sums)
    return prf(sums[..., _TP], sums[..., _PRED], sums[..., _GOLD])


def none_if_nan(x: Any) -> float | None:
    x = float(x)
    return None if x != x else x


@dataclass
class PRFScore:
    """tp / fp / fn accumulator (spaCy's ``PRFScore``) used for per-class scores."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: "PRFScore") -> "PRFScore":
        return PRFScore(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def _prf(self) -> tuple[float | None, float | None, float | None]:
        p, r, f = prf(self.tp, self.tp + self.fp, self.tp + self.fn)
        return none_if_nan(p), none_if_nan(r), none_if_nan(f)

    @property
    def precision(self) -> float | None:
        return self._prf()[0]

    @property
    def recall(self) -> float | None:
        return self._prf()[1]

    @property
    def fscore(self) -> float | None:
        return self._prf()[2]

    def to_dict(self) -> dict[str, Any]:
        p, r, f = self._prf()
        return {"p": p, "r": r, "f": f, "tp": self.tp, "fp": self.fp, "fn": self.fn}
