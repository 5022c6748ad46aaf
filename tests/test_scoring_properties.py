"""Properties of the scorer on random gold and predictions (hypothesis)."""
from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harness.schema import QUOTE_TYPES, SOURCE_TYPES, VERIFICATION_STATUSES
from harness.scoring import score

WORDS = ["said", "the", "pier", "will", "close", "Varga", "told", "reporters", "“a", "plan,”", "officials", "denied", "it."]
NAMES = ["Ilse Varga", "Varga", "the Harbour Authority", "officials", "Aldo Ferri", "Mr Aldo Ferri"]
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def spans(draw, n: int, nullable: bool = False):
    if nullable and draw(st.booleans()):
        return None
    start = draw(st.integers(0, n - 1))
    end = draw(st.integers(start + 1, min(n, start + 40)))
    return {"start": start, "end": end}


@st.composite
def attributions(draw, n: int, full: bool):
    a = {"content": draw(spans(n))}
    for key in ("speaker", "cue"):
        if full or draw(st.booleans()):
            a[key] = draw(spans(n, nullable=True))
    for key, values in (("speaker_name", NAMES), ("quote_type", QUOTE_TYPES), ("source_type", SOURCE_TYPES), ("verification", VERIFICATION_STATUSES)):
        if full or draw(st.booleans()):
            a[key] = draw(st.sampled_from(values))
    if not full and draw(st.booleans()):
        a["score"] = draw(st.floats(0, 1))
    return a


@st.composite
def corpora(draw):
    """(gold records, predictions) for 1-4 documents of 1-4 sentences."""
    gold, preds = [], []
    for d in range(draw(st.integers(1, 4))):
        for s in range(draw(st.integers(1, 4))):
            text = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=12)))
            sid = f"d{d}-s{s:03d}"
            g = draw(st.lists(attributions(len(text), True), max_size=3))
            p = draw(st.lists(attributions(len(text), False), max_size=3))
            # sometimes reuse gold attributions in the prediction (competition, duplicates)
            if g and draw(st.booleans()):
                p.append(dict(draw(st.sampled_from(g))))
            gold.append({"id": sid, "doc_id": f"d{d}", "sent_index": s, "text": text, "phenomena": [], "attributions": g})
            preds.append({"id": sid, "attributions": p})
    return gold, preds


def _values(result):
    for name, m in result.metrics.items():
        if m is not None:
            yield name, m


@SETTINGS
@given(corpora())
def test_gold_scored_against_itself_is_perfect_everywhere(data):
    gold, _ = data
    r = score(gold, [{"id": g["id"], "attributions": g["attributions"]} for g in gold], bootstrap=0)
    for name, m in _values(r):
        for k in ("p", "r", "f"):
            assert m[k] is None or m[k] == 1.0, (name, k, m)
    for key, block in r.per_class.items():
        for label, c in block["classes"].items():
            assert c["f"] is None or c["f"] == 1.0
        assert block["macro_f"] is None or block["macro_f"] == 1.0
    for group in r.slices.values():
        for s in group.values():
            assert s["r"] is None or s["r"] == 1.0


@SETTINGS
@given(corpora(), st.randoms(use_true_random=False))
def test_scores_do_not_depend_on_line_or_attribution_order(data, rnd: random.Random):
    gold, preds = data
    base = score(gold, preds, bootstrap=20, seed=3).to_dict()
    shuffled = [dict(p, attributions=rnd.sample(p["attributions"], len(p["attributions"]))) for p in preds]
    rnd.shuffle(shuffled)
    gold_shuffled = [dict(g, attributions=rnd.sample(g["attributions"], len(g["attributions"]))) for g in gold]
    rnd.shuffle(gold_shuffled)
    other = score(gold_shuffled, shuffled, bootstrap=20, seed=3).to_dict()
    base.pop("signature"), other.pop("signature")  # the gold hash follows line order
    base.pop("config"), other.pop("config")
    assert base == other


@SETTINGS
@given(corpora())
def test_precision_recall_f1_lie_in_the_unit_interval_and_ci_contains_the_estimate(data):
    gold, preds = data
    r = score(gold, preds, bootstrap=50, seed=7)
    for name, m in _values(r):
        for k in ("p", "r", "f"):
            v = m[k]
            assert v is None or 0.0 <= v <= 1.0
            lo, hi = m["ci"][k]
            if v is not None:
                assert lo is not None and lo <= v <= hi, (name, k, v, lo, hi)
        assert m["tp"] >= 0 and m["fp"] >= 0 and m["fn"] >= 0
    # exact content matches are also partial matches
    assert r.metrics["content_exact"]["tp"] <= r.metrics["content_partial"]["tp"]


@SETTINGS
@given(corpora(), st.integers(0, 2**31))
def test_same_seed_gives_byte_identical_json(data, seed):
    gold, preds = data
    a = score(gold, preds, bootstrap=30, seed=seed).to_json()
    b = score(gold, preds, bootstrap=30, seed=seed).to_json()
    assert a == b
