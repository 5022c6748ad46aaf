"""Bootstrap intervals, paired bootstrap and approximate randomization on count rows."""
from __future__ import annotations

import numpy as np
import pytest

from harness.metrics import COL, COUNTERS, METRIC_NAMES, metric_arrays
from harness.significance import approximate_randomization, bootstrap_ci, bootstrap_sums, paired_bootstrap

H = METRIC_NAMES.index("attribution")


def doc_rows(tp: list[int], n_pred: list[int], n_gold: list[int]) -> np.ndarray:
    """Document count rows with the headline (and every matched-pair metric) set to ``tp``."""
    rows = np.zeros((len(tp), len(COUNTERS)), dtype=np.int64)
    for name in ("attribution", "attribution_full", "content_partial", "content_exact", "speaker", "cue_exact", "cue_partial",
                 "source_type", "verification", "quote_type", "speaker_span_exact", "speaker_span_partial", "detection"):  # fmt: skip
        rows[:, COL[name]] = tp
    for name in ("n_pred", "n_pred_speaker_span", "sent_pred"):
        rows[:, COL[name]] = n_pred
    for name in ("n_gold", "n_gold_speaker_span", "sent_gold"):
        rows[:, COL[name]] = n_gold
    return rows


def random_rows(rng: np.random.Generator, n_docs: int, skill: float) -> np.ndarray:
    gold = rng.integers(1, 8, n_docs)
    pred = np.maximum(0, gold + rng.integers(-1, 2, n_docs))
    tp = np.minimum(pred, rng.binomial(gold, skill))
    return doc_rows(list(tp), list(pred), list(gold))


def test_bootstrap_sums_match_a_naive_loop_over_drawn_documents():
    rng = np.random.default_rng(0)
    rows = random_rows(rng, 30, 0.6)
    fast = bootstrap_sums(rows, n=150, seed=11)
    draw = np.random.default_rng(11).integers(0, 30, size=(150, 30))
    naive = np.array([rows[idx].sum(axis=0) for idx in draw], dtype=float)
    assert np.array_equal(fast, naive)


def test_interval_contains_the_point_and_is_reproducible():
    rows = random_rows(np.random.default_rng(1), 40, 0.5)
    a = bootstrap_ci(rows, n=300, seed=5)
    b = bootstrap_ci(rows, n=300, seed=5)
    c = bootstrap_ci(rows, n=300, seed=6)
    p, r, f = metric_arrays(rows.sum(0))
    for key, est in zip("prf", (p, r, f)):
        assert np.array_equal(a[key], b[key])
        assert np.all(a[key][:, 0] <= est) and np.all(est <= a[key][:, 1])
    assert not np.array_equal(a["f"], c["f"])
    lo, hi = a["f"][H]
    assert 0 < hi - lo < 0.5


def test_identical_documents_give_a_zero_width_interval():
    rows = doc_rows([2] * 10, [3] * 10, [4] * 10)
    ci = bootstrap_ci(rows, n=100)
    assert ci["p"][H].tolist() == [pytest.approx(2 / 3)] * 2


def test_identical_systems_are_not_different():
    rows = random_rows(np.random.default_rng(2), 25, 0.5)
    boot = paired_bootstrap(rows, rows, n=200)
    ar = approximate_randomization(rows, rows, n=200)
    assert boot["delta"][H] == 0.0
    assert boot["p"][H] == 1.0 and ar["p"][H] == 1.0


def test_a_clearly_better_system_is_significant_and_p_is_never_zero():
    rng = np.random.default_rng(3)
    gold = rng.integers(2, 8, 60)
    weak = doc_rows(list(gold // 2), list(gold), list(gold))
    strong = doc_rows(list(gold - 1), list(gold), list(gold))
    n = 500
    boot = paired_bootstrap(weak, strong, n=n, seed=1)
    ar = approximate_randomization(weak, strong, n=n, seed=1)
    assert boot["delta"][H] > 0.2
    assert boot["p"][H] == pytest.approx(1 / (n + 1))
    assert ar["p"][H] == pytest.approx(1 / (n + 1))


def test_small_noisy_difference_is_not_significant():
    rng = np.random.default_rng(4)
    a = random_rows(rng, 20, 0.5)
    b = a.copy()
    b[0, COL["attribution"]] = max(0, b[0, COL["attribution"]] - 1)  # one fewer hit in one document
    assert paired_bootstrap(a, b, n=300)["p"][H] > 0.05
    assert approximate_randomization(a, b, n=300)["p"][H] > 0.05


def test_paired_tests_need_the_same_documents():
    with pytest.raises(ValueError, match="same documents"):
        paired_bootstrap(np.zeros((3, len(COUNTERS))), np.zeros((4, len(COUNTERS))))


def test_undefined_metrics_have_no_p_value():
    rows = doc_rows([0, 0], [0, 0], [0, 0])
    out = paired_bootstrap(rows, rows, n=20)
    assert np.isnan(out["p"][H])
