"""Uncertainty and significance from per-document count rows (numpy only).

All three procedures resample *documents* (sentences of one article are not
independent) and recompute every main metric from summed counts with
:func:`harness.metrics.metric_arrays`, vectorised over resamples:

- :func:`bootstrap_ci` — percentile confidence intervals (default 1,000
  resamples, 95%, fixed seed). A resample is a row of multinomial document
  weights (counts of how often each document was drawn); the weight matrix
  times the document-count matrix gives every resample's sums at once.
- :func:`paired_bootstrap` — two systems on the same documents, resampled
  together; two-sided p-value of the observed F1 difference against the
  mean-centred bootstrap distribution of differences (Berg-Kirkpatrick et
  al. 2012, as in sacrebleu).
- :func:`approximate_randomization` — swap the two systems' rows of each
  document with probability 1/2; two-sided p-value of the observed difference.

p-values are ``(c + 1) / (n + 1)`` where ``c`` counts resamples at least as
extreme as observed, so they are never 0.
"""
from __future__ import annotations

import warnings

import numpy as np

from harness.metrics import METRIC_NAMES, metric_arrays

DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = 12345
_CHUNK = 200  # resamples per matrix product; fixed so results never depend on it
_TIE = 1e-12


def _weights(rng: np.random.Generator, n: int, n_docs: int) -> np.ndarray:
    """``n x n_docs`` matrix: how often each document is drawn in each resample."""
    idx = rng.integers(0, n_docs, size=(n, n_docs))
    idx += (np.arange(n) * n_docs)[:, None]
    return np.bincount(idx.ravel(), minlength=n * n_docs).reshape(n, n_docs).astype(np.float64)


def _chunks(total: int):
    done = 0
    while done < total:
        size = min(_CHUNK, total - done)
        yield size
        done += size


def bootstrap_sums(doc_counts: np.ndarray, n: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED) -> np.ndarray:
    """Count sums of ``n`` document-bootstrap resamples (``n x counters``)."""
    doc_counts = np.asarray(doc_counts, dtype=np.float64)
    rng = np.random.default_rng(seed)
    n_docs = doc_counts.shape[0]
    out = [_weights(rng, size, n_docs) @ doc_counts for size in _chunks(n)]
    return np.concatenate(out) if out else np.zeros((0, doc_counts.shape[1]))


def _percentiles(values: np.ndarray, level: float) -> np.ndarray:
    alpha = (1 - level) / 2 * 100
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanpercentile(values, [alpha, 100 - alpha], axis=0)  # 2 x metrics


def bootstrap_ci(
    doc_counts: np.ndarray, n: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED, level: float = 0.95
) -> dict[str, np.ndarray]:
    """Percentile intervals for P, R and F1 of every main metric.

    Returns ``{"p": lo_hi, "r": lo_hi, "f": lo_hi}``, each ``metrics x 2`` (nan =
    undefined). The interval is widened to contain the point estimate when
    resampling noise leaves it outside (possible with very few documents).
    """
    doc_counts = np.asarray(doc_counts, dtype=np.float64)
    sums = bootstrap_sums(doc_counts, n, seed)
    point = metric_arrays(doc_counts.sum(axis=0))
    out = {}
    for key, values, est in zip("prf", metric_arrays(sums), point):
        lo, hi = _percentiles(values, level)
        with np.errstate(invalid="ignore"):
            lo = np.where(np.isnan(est), lo, np.fmin(lo, est))
            hi = np.where(np.isnan(est), hi, np.fmax(hi, est))
        out[key] = np.stack([lo, hi], axis=1)
    return out


def _p_value(extreme: np.ndarray, valid: np.ndarray) -> np.ndarray:
    c = extreme.sum(axis=0)
    n = valid.sum(axis=0)
    return (c + 1) / (n + 1)


def paired_bootstrap(
    doc_a: np.ndarray, doc_b: np.ndarray, n: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED
) -> dict[str, np.ndarray]:
    """Paired bootstrap over documents on the F1 of every main metric.

    Returns ``{"delta": F1(B) - F1(A), "p": two-sided p-values}`` (per metric).
    """
    doc_a = np.asarray(doc_a, dtype=np.float64)
    doc_b = np.asarray(doc_b, dtype=np.float64)
    _check_pair(doc_a, doc_b)
    observed = metric_arrays(doc_b.sum(0))[2] - metric_arrays(doc_a.sum(0))[2]
    rng = np.random.default_rng(seed)
    deltas = []
    for size in _chunks(n):
        w = _weights(rng, size, doc_a.shape[0])
        deltas.append(metric_arrays(w @ doc_b)[2] - metric_arrays(w @ doc_a)[2])
    d = np.concatenate(deltas) if deltas else np.zeros((0, len(METRIC_NAMES)))
    valid = ~np.isnan(d)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        centred = d - np.nanmean(d, axis=0)
    with np.errstate(invalid="ignore"):
        extreme = valid & (np.abs(centred) >= np.abs(observed) - _TIE)
    p = _p_value(extreme, valid)
    return {"delta": observed, "p": np.where(np.isnan(observed), np.nan, p)}


def approximate_randomization(
    doc_a: np.ndarray, doc_b: np.ndarray, n: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED
) -> dict[str, np.ndarray]:
    """Approximate randomization (document-level swaps) on the F1 of every main metric."""
    doc_a = np.asarray(doc_a, dtype=np.float64)
    doc_b = np.asarray(doc_b, dtype=np.float64)
    _check_pair(doc_a, doc_b)
    tot_a, tot_b = doc_a.sum(0), doc_b.sum(0)
    observed = metric_arrays(tot_b)[2] - metric_arrays(tot_a)[2]
    diff = doc_b - doc_a
    rng = np.random.default_rng(seed)
    deltas = []
    for size in _chunks(n):
        swap = rng.integers(0, 2, size=(size, doc_a.shape[0])).astype(np.float64)
        moved = swap @ diff
        deltas.append(metric_arrays(tot_b - moved)[2] - metric_arrays(tot_a + moved)[2])
    d = np.concatenate(deltas) if deltas else np.zeros((0, len(METRIC_NAMES)))
    valid = ~np.isnan(d)
    with np.errstate(invalid="ignore"):
        extreme = valid & (np.abs(d) >= np.abs(observed) - _TIE)
    p = _p_value(extreme, valid)
    return {"delta": observed, "p": np.where(np.isnan(observed), np.nan, p)}


def _check_pair(a: np.ndarray, b: np.ndarray) -> None:
    if a.shape != b.shape:
        raise ValueError(f"paired tests need count rows of the same documents; got shapes {a.shape} and {b.shape}")
