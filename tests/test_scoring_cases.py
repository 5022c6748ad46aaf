"""Hand-computed scoring cases: every metric and every matching edge case.

Each case builds a tiny gold and prediction in memory, scores it with
``harness.scoring.score`` and checks counts worked out by hand in the comments.
"""
from __future__ import annotations

import math

import pytest

from harness.schema import DocumentMeta
from harness.scoring import score

PIER = "“We will rebuild the pier,” Mayor Ilse Varga told reporters."
NESTED = "The Ledger reported that a ministry memo said that the pier would close."
WORDS = "one two three four five six seven eight nine ten said Varga."


def sp(text: str, sub: str, occurrence: int = 1) -> dict:
    """Span of the ``occurrence``-th ``sub`` in ``text``."""
    start = -1
    for _ in range(occurrence):
        start = text.index(sub, start + 1)
    return {"start": start, "end": start + len(sub)}


def gold_attr(text, content, speaker="Mayor Ilse Varga", name="Ilse Varga", cue="told", qt="direct", st="named_person", ver="asserted"):
    return {
        "speaker": sp(text, speaker) if speaker else None,
        "speaker_name": name,
        "cue": sp(text, cue) if cue else None,
        "content": sp(text, content),
        "quote_type": qt,
        "source_type": st,
        "verification": ver,
    }


def sentence(text, attrs=(), sid="d1-s000", doc="d1", index=0, phenomena=()):
    return {"id": sid, "doc_id": doc, "sent_index": index, "text": text, "phenomena": list(phenomena), "attributions": list(attrs)}


def pred_row(sid, attrs):
    return {"id": sid, "attributions": list(attrs)}


def run(gold, preds, **kw):
    kw.setdefault("bootstrap", 0)
    return score(gold, preds, **kw)


def m(result, name):
    return result.metrics[name]


def prf(result, name):
    x = result.metrics[name]
    return (x["p"], x["r"], x["f"])


def counts(result, name):
    x = result.metrics[name]
    return (x["tp"], x["fp"], x["fn"])


GOLD_PIER = [sentence(PIER, [gold_attr(PIER, "We will rebuild the pier")])]


def test_perfect_prediction_scores_one_everywhere():
    r = run(GOLD_PIER, [pred_row("d1-s000", GOLD_PIER[0]["attributions"])])
    for name, metric in r.metrics.items():
        assert (metric["p"], metric["r"], metric["f"]) == (1.0, 1.0, 1.0), name


def test_content_with_quote_marks_and_comma_is_trimmed_to_an_exact_match():
    # “We will rebuild the pier,” -> trims to the gold content.
    pred = dict(GOLD_PIER[0]["attributions"][0], content=sp(PIER, "“We will rebuild the pier,”"))
    r = run(GOLD_PIER, [pred_row("d1-s000", [pred])])
    assert counts(r, "content_exact") == (1, 0, 0)
    assert counts(r, "content_partial") == (1, 0, 0)


def test_partial_content_at_jaccard_0_6_matches_partially_not_exactly():
    # "We will rebuild" covers 3 of the 5 gold tokens: Jaccard 3/5 = 0.6 >= 0.5.
    pred = dict(GOLD_PIER[0]["attributions"][0], content=sp(PIER, "We will rebuild"))
    r = run(GOLD_PIER, [pred_row("d1-s000", [pred])])
    assert counts(r, "content_partial") == (1, 0, 0)
    assert counts(r, "content_exact") == (0, 1, 1)
    assert counts(r, "attribution") == (1, 0, 0)


def test_content_below_jaccard_0_5_is_no_match_and_nothing_else_counts():
    # "We will": 2/5 = 0.4 < 0.5. Detection still counts the sentence.
    pred = dict(GOLD_PIER[0]["attributions"][0], content=sp(PIER, "We will"))
    r = run(GOLD_PIER, [pred_row("d1-s000", [pred])])
    assert counts(r, "content_partial") == (0, 1, 1)
    for name in ("attribution", "speaker", "cue_exact", "source_type", "verification", "quote_type"):
        assert counts(r, name) == (0, 1, 1), name
    assert counts(r, "detection") == (1, 0, 0)


def test_exact_match_mode_rejects_a_partial_content():
    pred = dict(GOLD_PIER[0]["attributions"][0], content=sp(PIER, "We will rebuild"))
    partial = run(GOLD_PIER, [pred_row("d1-s000", [pred])], match="partial")
    exact = run(GOLD_PIER, [pred_row("d1-s000", [pred])], match="exact")
    assert prf(partial, "attribution") == (1.0, 1.0, 1.0)
    assert prf(exact, "attribution") == (0.0, 0.0, 0.0)
    # content metrics do not depend on the mode
    assert counts(exact, "content_partial") == (1, 0, 0)
    assert "match:exact" in str(exact.signature)


def test_speaker_surname_is_right_when_lenient_and_wrong_when_exact():
    # tokens (ilse, varga) vs (varga): F1 = 2*1/(2+1) = 0.67 >= 0.5.
    pred = dict(GOLD_PIER[0]["attributions"][0], speaker_name="Varga")
    lenient = run(GOLD_PIER, [pred_row("d1-s000", [pred])], speaker="lenient")
    exact = run(GOLD_PIER, [pred_row("d1-s000", [pred])], speaker="exact")
    for r in (lenient, exact):  # both speaker metrics are always reported
        assert counts(r, "speaker") == (1, 0, 0)
        assert counts(r, "speaker_exact") == (0, 1, 1)
    # the option picks the one the headline uses
    assert counts(lenient, "attribution") == (1, 0, 0)
    assert counts(exact, "attribution") == (0, 1, 1)
    assert "speaker:exact" in str(exact.signature)


def test_titles_articles_case_and_punctuation_are_normalised_in_names():
    pred = dict(GOLD_PIER[0]["attributions"][0], speaker_name="  MAYOR ilse   varga. ")
    r = run(GOLD_PIER, [pred_row("d1-s000", [pred])], speaker="exact")
    assert counts(r, "speaker_exact") == (1, 0, 0)


def test_prediction_without_name_is_judged_by_its_speaker_span_text():
    pred = {"content": sp(PIER, "We will rebuild the pier"), "speaker": sp(PIER, "Mayor Ilse Varga")}
    r = run(GOLD_PIER, [pred_row("d1-s000", [pred])], speaker="exact")
    assert counts(r, "speaker_exact") == (1, 0, 0)


def test_prediction_without_name_or_speaker_span_gets_speaker_wrong():
    pred = {"content": sp(PIER, "We will rebuild the pier")}
    r = run(GOLD_PIER, [pred_row("d1-s000", [pred])])
    assert counts(r, "speaker") == (0, 1, 1)
    assert counts(r, "content_exact") == (1, 0, 0)
    # fields not predicted score zero
    assert counts(r, "source_type") == (0, 1, 1)
    assert counts(r, "cue_exact") == (0, 1, 1)


def test_two_predictions_competing_for_one_gold_give_one_match_and_one_false_positive():
    right = dict(GOLD_PIER[0]["attributions"][0])
    wrong = dict(right, speaker_name="Someone Else", speaker=None)
    for order in ([right, wrong], [wrong, right]):
        r = run(GOLD_PIER, [pred_row("d1-s000", order)])
        assert counts(r, "content_exact") == (1, 1, 0)
        # the alignment prefers the pair with the right speaker, whatever the order
        assert counts(r, "attribution") == (1, 1, 0)
        assert prf(r, "attribution") == (0.5, 1.0, pytest.approx(2 / 3))


def test_nested_attributions_are_two_and_align_to_the_closest_content():
    outer = gold_attr(NESTED, "a ministry memo said that the pier would close", "The Ledger", "The Ledger", "reported", "indirect", "media")
    inner = gold_attr(NESTED, "the pier would close", "a ministry memo", "ministry memo", "said", "indirect", "document")
    gold = [sentence(NESTED, [outer, inner])]
    r = run(gold, [pred_row("d1-s000", [outer, inner])])
    assert counts(r, "attribution_full") == (2, 0, 0)
    # Only the inner content, but with the outer speaker: aligned to the inner gold
    # (Jaccard 1 vs 4/9), speaker wrong.
    pred = dict(inner, speaker=sp(NESTED, "The Ledger"), speaker_name="The Ledger")
    r = run(gold, [pred_row("d1-s000", [pred])])
    assert counts(r, "content_exact") == (1, 0, 1)
    assert counts(r, "attribution") == (0, 1, 2)
    assert counts(r, "source_type") == (1, 0, 1)


def test_alignment_maximises_matches_before_overlap():
    # Gold A = one..four, B = two..five (Jaccard 3/5). Prediction X = A exactly,
    # Y = one..three (J(Y,A) = 3/4, J(Y,B) = 2/5). Maximising overlap alone pairs
    # X-A, Y-B (1 match); the scorer pairs X-B, Y-A: 2 partial matches.
    a = gold_attr(WORDS, "one two three four", "Varga", "Varga", "said")
    b = gold_attr(WORDS, "two three four five", "Varga", "Varga", "said")
    x = dict(a)
    y = dict(a, content=sp(WORDS, "one two three"))
    r = run([sentence(WORDS, [a, b])], [pred_row("d1-s000", [x, y])])
    assert counts(r, "content_partial") == (2, 0, 0)
    assert counts(r, "content_exact") == (1, 1, 1)


def test_exact_content_counts_each_gold_once():
    a = GOLD_PIER[0]["attributions"][0]
    r = run(GOLD_PIER, [pred_row("d1-s000", [a, a, a])])
    assert counts(r, "content_exact") == (1, 2, 0)
    assert counts(r, "content_partial") == (1, 2, 0)


def test_null_gold_speaker_span_counts_only_the_name():
    cont = "“It will take a year.”"
    gold = [sentence(cont, [gold_attr(cont, "It will take a year", speaker=None, cue=None)])]
    pred = {"content": sp(cont, "It will take a year"), "speaker_name": "Ilse Varga", "speaker": None, "cue": None}
    r = run(gold, [pred_row("d1-s000", [pred])])
    assert counts(r, "speaker") == (1, 0, 0)
    assert counts(r, "cue_exact") == (1, 0, 0)  # null gold cue, predicted null
    # No gold speaker span and none predicted: nothing to score.
    assert prf(r, "speaker_span_exact") == (None, None, None)
    # Predicting a speaker span where gold has none is a false positive span.
    pred2 = dict(pred, speaker=sp(cont, "It"))
    r2 = run(gold, [pred_row("d1-s000", [pred2])])
    assert counts(r2, "speaker_span_exact") == (0, 1, 0)
    assert prf(r2, "speaker_span_exact") == (0.0, None, 0.0)


def test_null_gold_cue_is_right_only_when_predicted_null():
    cont = "“It will take a year.”"
    gold = [sentence(cont, [gold_attr(cont, "It will take a year", speaker=None, cue=None)])]
    base = {"content": sp(cont, "It will take a year"), "speaker_name": "Ilse Varga"}
    explicit_null = run(gold, [pred_row("d1-s000", [dict(base, cue=None)])])
    absent = run(gold, [pred_row("d1-s000", [base])])
    a_span = run(gold, [pred_row("d1-s000", [dict(base, cue=sp(cont, "take"))])])
    assert counts(explicit_null, "cue_exact") == (1, 0, 0)
    assert counts(absent, "cue_exact") == (0, 1, 1)  # absent = not predicted
    assert counts(a_span, "cue_partial") == (0, 1, 1)


def test_speaker_span_exact_and_partial():
    # "Ilse Varga" vs gold "Mayor Ilse Varga": 2 of 3 tokens -> partial only.
    pred = dict(GOLD_PIER[0]["attributions"][0], speaker=sp(PIER, "Ilse Varga"))
    r = run(GOLD_PIER, [pred_row("d1-s000", [pred])])
    assert counts(r, "speaker_span_exact") == (0, 1, 1)
    assert counts(r, "speaker_span_partial") == (1, 0, 0)


def test_cue_exact_and_partial():
    # "told reporters" vs gold "told": Jaccard 1/2 = 0.5 -> partial.
    pred = dict(GOLD_PIER[0]["attributions"][0], cue=sp(PIER, "told reporters"))
    r = run(GOLD_PIER, [pred_row("d1-s000", [pred])])
    assert counts(r, "cue_exact") == (0, 1, 1)
    assert counts(r, "cue_partial") == (1, 0, 0)


def test_empty_sentences_count_nowhere_but_a_prediction_there_is_a_false_positive():
    empty = "The council met on Tuesday."
    gold = GOLD_PIER + [sentence(empty, sid="d1-s001", index=1)]
    r = run(gold, [pred_row("d1-s000", GOLD_PIER[0]["attributions"]), pred_row("d1-s001", [])])
    assert prf(r, "attribution") == (1.0, 1.0, 1.0)
    spurious = {"content": sp(empty, "The council met")}
    r = run(gold, [pred_row("d1-s000", GOLD_PIER[0]["attributions"]), pred_row("d1-s001", [spurious])])
    assert counts(r, "detection") == (1, 1, 0)
    assert counts(r, "content_partial") == (1, 1, 0)
    assert prf(r, "attribution") == (0.5, 1.0, pytest.approx(2 / 3))


def test_missed_attribution_is_a_false_negative_and_shrinks_nothing():
    r = run(GOLD_PIER, [pred_row("d1-s000", [])])
    assert counts(r, "attribution") == (0, 0, 1)
    # nothing predicted but gold exists: precision 0, not undefined
    assert prf(r, "attribution") == (0.0, 0.0, 0.0)
    assert counts(r, "detection") == (0, 0, 1)


def test_detection_counts_sentences_not_attributions():
    outer = gold_attr(NESTED, "a ministry memo said that the pier would close", "The Ledger", "The Ledger", "reported")
    inner = gold_attr(NESTED, "the pier would close", "a ministry memo", "ministry memo", "said")
    r = run([sentence(NESTED, [outer, inner])], [pred_row("d1-s000", [inner])])
    assert counts(r, "detection") == (1, 0, 0)
    assert counts(r, "content_exact") == (1, 0, 1)


def test_labels_per_class_macro_f1_and_confusion():
    # Three sentences; gold types: named_person, named_person, anonymous.
    # Predictions: named_person (right), anonymous (wrong), anonymous (right).
    texts = [f"Sentence {i} says Varga said the pier would close." for i in range(3)]
    gold, preds = [], []
    for i, (g, p) in enumerate([("named_person", "named_person"), ("named_person", "anonymous"), ("anonymous", "anonymous")]):
        t = texts[i]
        a = gold_attr(t, "the pier would close", "Varga", "Varga", "said", "indirect", g)
        gold.append(sentence(t, [a], sid=f"d1-s00{i}", index=i))
        preds.append(pred_row(f"d1-s00{i}", [dict(a, source_type=p)]))
    r = run(gold, preds)
    assert counts(r, "source_type") == (2, 1, 1)
    pc = r.per_class["source_type"]
    # named_person: tp 1, fp 0, fn 1 -> P 1, R 0.5, F 2/3; anonymous: tp 1, fp 1, fn 0 -> P .5, R 1, F 2/3
    assert (pc["classes"]["named_person"]["tp"], pc["classes"]["named_person"]["fp"], pc["classes"]["named_person"]["fn"]) == (1, 0, 1)
    assert pc["classes"]["anonymous"]["p"] == 0.5 and pc["classes"]["anonymous"]["r"] == 1.0
    assert pc["macro_f"] == pytest.approx(2 / 3)
    assert pc["classes"]["media"]["f"] is None  # absent class: nothing to score
    assert pc["confusion"] == {"named_person": {"named_person": 1, "anonymous": 1}, "anonymous": {"anonymous": 1}}
    assert counts(r, "attribution_full") == (2, 1, 1)


def test_confusion_records_a_missing_label_as_none():
    pred = dict(GOLD_PIER[0]["attributions"][0])
    del pred["verification"]
    r = run(GOLD_PIER, [pred_row("d1-s000", [pred])])
    assert r.per_class["verification"]["confusion"] == {"asserted": {"(none)": 1}}
    assert counts(r, "verification") == (0, 1, 1)
    assert counts(r, "attribution_full") == (0, 1, 1)
    assert counts(r, "attribution") == (1, 0, 0)


def test_attribution_full_needs_source_type_and_verification():
    pred = dict(GOLD_PIER[0]["attributions"][0], verification="disputed")
    r = run(GOLD_PIER, [pred_row("d1-s000", [pred])])
    assert counts(r, "attribution") == (1, 0, 0)
    assert counts(r, "attribution_full") == (0, 1, 1)
    assert counts(r, "quote_type") == (1, 0, 0)


def test_unavailable_gold_fields_are_none_not_zero():
    a = gold_attr(PIER, "We will rebuild the pier")
    del a["verification"]
    a["source_type"] = None
    r = run([sentence(PIER, [a])], [pred_row("d1-s000", [GOLD_PIER[0]["attributions"][0]])])
    assert r.metrics["verification"] is None and r.metrics["source_type"] is None
    assert r.metrics["attribution_full"] is None
    assert r.per_class["verification"] is None
    assert r.metrics["attribution"]["f"] == 1.0
    payload = r.to_dict()
    assert payload["metrics"]["verification"] is None and payload["available"]["verification"] is False
    assert "N/A" in str(r)


def test_unavailable_speaker_name_makes_the_headline_not_available():
    a = gold_attr(PIER, "We will rebuild the pier")
    del a["speaker_name"]
    r = run([sentence(PIER, [a])], [pred_row("d1-s000", [GOLD_PIER[0]["attributions"][0]])])
    assert r.metrics["speaker"] is None and r.metrics["speaker_exact"] is None and r.metrics["attribution"] is None
    assert r.metrics["speaker_span_exact"]["f"] == 1.0  # spans are there
    assert "HEADLINE attribution" in str(r) and "N/A" in str(r)


def test_partially_missing_gold_field_is_available_and_scored():
    a = gold_attr(PIER, "We will rebuild the pier")
    b = dict(a, source_type=None)
    gold = [sentence(PIER, [a]), sentence(PIER, [b], sid="d1-s001", index=1)]
    preds = [pred_row("d1-s000", [a]), pred_row("d1-s001", [a])]
    r = run(gold, preds)
    assert counts(r, "source_type") == (1, 1, 1)


def test_corpus_totals_are_summed_counts_over_documents():
    # d1: 1 gold, found; d2: 2 gold (nested), one found plus one spurious.
    outer = gold_attr(NESTED, "a ministry memo said that the pier would close", "The Ledger", "The Ledger", "reported")
    inner = gold_attr(NESTED, "the pier would close", "a ministry memo", "ministry memo", "said")
    gold = GOLD_PIER + [sentence(NESTED, [outer, inner], sid="d2-s000", doc="d2")]
    spurious = {"content": sp(NESTED, "The Ledger reported"), "speaker_name": "The Ledger"}
    preds = [pred_row("d1-s000", GOLD_PIER[0]["attributions"]), pred_row("d2-s000", [inner, spurious])]
    r = run(gold, preds)
    assert counts(r, "attribution") == (2, 1, 1)
    p, rec, f = prf(r, "attribution")
    assert (p, rec) == (pytest.approx(2 / 3), pytest.approx(2 / 3)) and f == pytest.approx(2 / 3)
    assert r.summary == {"documents": 2, "sentences": 2, "gold_attributions": 3, "predicted_attributions": 3}
    assert r.doc_counts.shape[0] == 2


def test_slices_by_phenomenon_register_and_topic():
    gold = [
        sentence(PIER, [gold_attr(PIER, "We will rebuild the pier")], phenomena=["preposed_quote"]),
        sentence(NESTED, [gold_attr(NESTED, "the pier would close", "a ministry memo", "ministry memo", "said")], sid="d2-s000", doc="d2", phenomena=["nested"]),
        sentence("Officials have seen so-called “peace plans” before.", sid="d2-s001", doc="d2", index=1, phenomena=["scare_quotes"]),
    ]
    preds = [
        pred_row("d1-s000", gold[0]["attributions"]),
        pred_row("d2-s000", []),
        pred_row("d2-s001", [{"content": {"start": 33, "end": 44}}]),
    ]
    meta = {
        "d1": DocumentMeta("d1", "t", "wire", "politics", "X", "test", "CC-BY-4.0", 1),
        "d2": DocumentMeta("d2", "t", "tabloid", "politics", "X", "test", "CC-BY-4.0", 2),
    }
    r = run(gold, preds, metadata=meta)
    ph = r.slices["phenomenon"]
    assert ph["preposed_quote"]["r"] == 1.0 and ph["nested"]["r"] == 0.0
    assert ph["scare_quotes"]["r"] is None and ph["scare_quotes"]["p"] == 0.0  # a false positive there
    assert r.slices["register"]["wire"]["r"] == 1.0 and r.slices["register"]["tabloid"]["r"] == 0.0
    assert r.slices["topic"]["politics"]["r"] == 0.5
    assert r.slices["topic"]["politics"]["documents"] == 2


def test_no_gold_and_no_prediction_is_undefined_not_zero():
    r = run([sentence("Nothing here.")], [pred_row("d1-s000", [])])
    assert prf(r, "attribution") == (None, None, None)
    assert r.to_dict()["metrics"]["attribution"]["f"] is None


def test_confidence_score_is_accepted_and_does_not_change_counts():
    a = dict(GOLD_PIER[0]["attributions"][0], score=0.25)
    r = run(GOLD_PIER, [pred_row("d1-s000", [a])])
    assert prf(r, "attribution_full") == (1.0, 1.0, 1.0)


def test_seven_fields_with_a_score_but_no_cue_is_valid_and_cue_not_predicted():
    a = dict(GOLD_PIER[0]["attributions"][0], score=0.5)
    del a["cue"]
    r = run(GOLD_PIER, [pred_row("d1-s000", [a])])
    assert counts(r, "attribution_full") == (1, 0, 0)
    assert counts(r, "cue_exact") == (0, 1, 1)


def test_bootstrap_interval_on_a_single_document_is_the_point():
    r = score(GOLD_PIER, [pred_row("d1-s000", GOLD_PIER[0]["attributions"])], bootstrap=50, seed=1)
    assert m(r, "attribution")["ci"]["f"] == [1.0, 1.0]


def test_unknown_modes_raise_instead_of_defaulting():
    with pytest.raises(ValueError, match="unknown match mode"):
        run(GOLD_PIER, [pred_row("d1-s000", [])], match="strict")
    with pytest.raises(ValueError, match="unknown speaker mode"):
        run(GOLD_PIER, [pred_row("d1-s000", [])], speaker="fuzzy")
    with pytest.raises(ValueError, match="bootstrap"):
        run(GOLD_PIER, [pred_row("d1-s000", [])], bootstrap=-1)


def test_flat_keys_follow_the_spacy_convention():
    r = run(GOLD_PIER, [pred_row("d1-s000", GOLD_PIER[0]["attributions"])])
    flat = r.flat()
    assert flat["attribution_f"] == 1.0 and "verification_p" in flat and "detection_r" in flat
    assert all(v is None or (0 <= v <= 1 and not math.isnan(v)) for v in flat.values())


@pytest.mark.parametrize("module", ["normalize", "matching", "metrics", "signature", "scoring", "significance", "runs"])
def test_docstring_examples(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"harness.{module}"))
    assert result.failed == 0


def test_small_assignments_agree_with_scipy_hungarian():
    import random

    import numpy as np
    from scipy.optimize import linear_sum_assignment

    from harness.matching import align

    rnd = random.Random(0)
    for _ in range(300):
        n, m = rnd.randint(1, 4), rnd.randint(1, 4)
        w = [[rnd.choice([0.0, 0.3, 1.0, 1e6 + rnd.random()]) for _ in range(m)] for _ in range(n)]
        rows, cols = linear_sum_assignment(np.array(w), maximize=True)
        ours = align(w)
        assert len(ours) == min(n, m) and len({j for _, j in ours}) == len(ours)
        assert sum(w[i][j] for i, j in ours) == pytest.approx(sum(w[i][j] for i, j in zip(rows, cols)))
