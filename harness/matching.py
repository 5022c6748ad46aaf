"""One-to-one alignment of gold and predicted attributions within a sentence.

SCORING.md: gold and predicted attributions are aligned one to one by a
Hungarian assignment (:func:`scipy.optimize.linear_sum_assignment`) on content
overlap; an aligned pair *matches* when its contents are identical (``exact``)
or have token Jaccard >= 0.5 (``partial``). A gold attribution is matched at
most once, so two predictions competing for one gold give one match and one
false positive.

The assignment maximises, in this order of priority (lexicographic weights):

1. the number of matching pairs, so the scorer never under-counts matches
   (a pure overlap-sum optimum can trade one exact match for two near misses);
2. the summed content overlap (token Jaccard), as the specification says;
3. the number of fields the pair gets right (speaker, labels, cue, ...), so
   that between otherwise equal alignments the one crediting the system wins.

Callers sort attributions canonically before aligning, so the result never
depends on the order in which attributions were listed.

>>> align([[1.0, 0.0], [0.9, 0.95]])
[(0, 0), (1, 1)]
>>> align([[0.7, 0.6]])  # two predictions compete for one gold
[(0, 0)]
"""
from __future__ import annotations

from itertools import permutations
from typing import Sequence

MATCH_MODES = ("partial", "exact")
PARTIAL_THRESHOLD = 0.5

# Weights of the three priority levels. A matching pair outweighs any overlap sum
# (Jaccard <= 1 per pair, fewer than 1000 pairs per sentence); an overlap
# difference outweighs any field tie-break (each tie-break value is in [0, 1e-3)).
MATCH_WEIGHT = 1e6
OVERLAP_WEIGHT = 1e3


def pair_weight(matches: bool, overlap: float, tiebreak: float = 0.0) -> float:
    """Weight of one gold/prediction pair; ``tiebreak`` in ``[0, 1)``."""
    return (MATCH_WEIGHT if matches else 0.0) + OVERLAP_WEIGHT * overlap + tiebreak * 1e-3 * 0.999


def align(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Maximum-weight one-to-one assignment; returns ``(gold index, pred index)`` pairs.

    ``weights[i][j]`` is the weight of gold ``i`` with prediction ``j``. Rows or
    columns left over (more gold than predictions, or the reverse) stay
    unaligned. Ties go to the first optimum found, deterministically. Shapes up
    to 4 x 4 are solved exactly by enumeration (cheaper than a call into
    scipy); larger ones by scipy's Hungarian solver.
    """
    n = len(weights)
    if n == 0:
        return []
    m = len(weights[0])
    if m == 0:
        return []
    if n == 1:
        row = weights[0]
        best = max(range(m), key=row.__getitem__)
        return [(0, best)]
    if m == 1:
        best = max(range(n), key=lambda i: weights[i][0])
        return [(best, 0)]
    if n == 2 and m == 2:
        straight = weights[0][0] + weights[1][1]
        crossed = weights[0][1] + weights[1][0]
        return [(0, 0), (1, 1)] if straight >= crossed else [(0, 1), (1, 0)]
    if n <= 4 and m <= 4:
        return _enumerate(weights, n, m)
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    rows, cols = linear_sum_assignment(np.asarray(weights, dtype=float), maximize=True)
    return [(int(i), int(j)) for i, j in zip(rows, cols)]


def _enumerate(weights: Sequence[Sequence[float]], n: int, m: int) -> list[tuple[int, int]]:
    """Exact optimum of a small assignment by trying every one (at most 24)."""
    best, best_pairs = -1.0, []
    if n <= m:
        for cols in permutations(range(m), n):
            total = sum(weights[i][j] for i, j in enumerate(cols))
            if total > best:
                best, best_pairs = total, list(enumerate(cols))
        return best_pairs
    for rows in permutations(range(n), m):
        total = sum(weights[i][j] for j, i in enumerate(rows))
        if total > best:
            best, best_pairs = total, sorted((i, j) for j, i in enumerate(rows))
    return best_pairs
