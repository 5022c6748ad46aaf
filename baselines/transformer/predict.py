"""Inference: a trained model directory as an extractor over whole documents."""
from __future__ import annotations

from pathlib import Path

import torch

from baselines.transformer.decode import PRONOUNS, SpeakerResolver, bio_spans, clean_contents, link
from baselines.transformer.features import LAYERS, encode_sentence
from baselines.transformer.model import AttributionModel, collate, load_model
from harness.normalize import word_jaccard
from harness.schema import LABEL_FIELDS, Attribution, Span


class TransformerExtractor:
    """Callable extractor (see :mod:`harness.extractor`): sentences of one document in, attributions out."""

    def __init__(self, model: AttributionModel, tokenizer, max_length: int = 128, batch_size: int = 32,
                 label_override=None, rule_names: bool = True):
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.max_length = max_length
        self.batch_size = batch_size
        # Optional callable(list[(sentence_texts, index, Attribution)]) -> list[dict of labels]
        # used when a scikit-learn label model won on dev (see train.choose_label_models).
        self.label_override = label_override
        # Take speaker names from the rule baseline's document-level resolution where its
        # attribution has the same content, unless the network's own speaker span holds a full
        # person name; otherwise name the network's span with the rule baseline's helpers
        # (see _resolve_names). rule_names=False: the network's span and recency rules alone.
        self.rule_names = rule_names

    @classmethod
    def from_dir(cls, directory: str | Path, int8: bool = False, **kwargs) -> "TransformerExtractor":
        """Load a directory written by ``train``; ``int8`` quantizes the encoder's linear layers for faster CPU inference."""
        import json

        directory = Path(directory)
        model, tokenizer = load_model(directory)
        if int8:
            model = quantize_int8(model)
        config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
        override = None
        sk_fields = [f for f, choice in config.get("label_models", {}).items() if choice == "sklearn"]
        if sk_fields:
            from baselines.transformer.label_models import SklearnLabelModel

            override = SklearnLabelModel.fit_on_split("train", fields=sk_fields, seed=config.get("seed", 0))
        return cls(model, tokenizer, max_length=config.get("max_length", 128), label_override=override, **kwargs)

    @torch.inference_mode()
    def __call__(self, sentences: list[str]) -> list[list[Attribution]]:
        examples = [encode_sentence(self.tokenizer, sentences, i, self.max_length) for i in range(len(sentences))]
        # Batches of similar length waste less compute on padding; results go back in sentence order.
        order = sorted(range(len(examples)), key=lambda i: len(examples[i].input_ids))
        results: list[list[Attribution]] = [[] for _ in examples]
        for start in range(0, len(order), self.batch_size):
            indices = order[start : start + self.batch_size]
            chunk = [examples[i] for i in indices]
            batch = collate(chunk, self.tokenizer.pad_token_id, with_gold=False)
            out = self.model(**batch)
            preds = {l: out["tags"][l].argmax(-1).tolist() for l in LAYERS}
            pending = []  # (row, example, LinkedSpan)
            for row, ex in enumerate(chunk):
                valid = [o is not None and o[1] > o[0] for o in ex.offsets]
                spans = {l: bio_spans([t if valid[i] else -1 for i, t in enumerate(preds[l][row][: len(valid)])]) for l in LAYERS}
                spans["content"] = clean_contents(spans["content"])
                spans["inner_content"] = clean_contents(spans["inner_content"])
                for linked in link(spans["speaker"], spans["cue"], spans["content"], spans["inner_content"]):
                    pending.append((row, ex, linked))
            labels = self._classify(out["states"], pending) if pending else []
            per_row: dict[int, list[tuple]] = {}
            for (row, ex, linked), lab in zip(pending, labels):
                per_row.setdefault(row, []).append((ex, linked, lab))
            for row, ex in enumerate(chunk):
                results[indices[row]] = [self._attribution(ex, linked, lab) for ex, linked, lab in per_row.get(row, [])]
        return self._resolve_names(sentences, results)

    @staticmethod
    def _rule_names(sentences):
        from baselines.rules import extract_document

        return extract_document(sentences)

    def _classify(self, states, pending):
        length = states.shape[1]
        masks = torch.zeros((len(pending), 3, length))
        for n, (_, _, linked) in enumerate(pending):
            for k, rng in enumerate((linked.content, linked.speaker, linked.cue)):
                if rng is not None:
                    masks[n, k, rng[0] : rng[1] + 1] = 1.0
        rows = torch.tensor([row for row, _, _ in pending], dtype=torch.long)
        logits = self.model.classify(states, rows, masks)
        chosen = {name: logits[name].argmax(-1).tolist() for name in LABEL_FIELDS}
        return [{name: LABEL_FIELDS[name][chosen[name][n]] for name in LABEL_FIELDS} for n in range(len(pending))]

    @staticmethod
    def _char_span(ex, rng) -> Span | None:
        """Character span of a token range, widened to whole words (a span may start mid-word
        when the tagger's first B falls on a word piece)."""
        if rng is None:
            return None
        text = ex.text
        start, end = ex.offsets[rng[0]][0], ex.offsets[rng[1]][1]
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        while end < len(text) and text[end].isalnum():
            end += 1
        return Span(start, end)

    def _attribution(self, ex, linked, labels) -> Attribution:
        return Attribution(
            content=self._char_span(ex, linked.content),
            speaker=self._char_span(ex, linked.speaker),
            cue=self._char_span(ex, linked.cue),
            **labels,
        )

    def _resolve_names(self, sentences, results):
        resolver = SpeakerResolver()
        from_rules = self._rule_names(sentences) if self.rule_names else [[] for _ in sentences]
        mentions = _mentions(sentences) if self.rule_names else None
        resolved = []
        for i, (text, attrs, rule_attrs) in enumerate(zip(sentences, results, from_rules)):
            row = []
            for a in attrs:
                name = resolver.resolve(a.speaker.text(text) if a.speaker else None, direct=a.quote_type == "direct")
                rule_name = _same_content_name(text, a, rule_attrs)
                # The network's own span is named only where it can matter: no borrowed name, or a full
                # person name in the span, which outranks the borrowed one (dev headline 69.2 -> 69.9, seed 13).
                if mentions is not None and a.speaker is not None and (
                        rule_name is None or _has_full_person_name(a.speaker.text(text))):
                    own = _name_with_rule_helpers(sentences, i, a, mentions)
                    if own:
                        rule_name = name = own
                row.append(Attribution(**{**a.__dict__, "speaker_name": rule_name or name}))
            resolved.append(row)
        if self.label_override is not None:
            items = [(sentences, i, a) for i, row in enumerate(resolved) for a in row]
            if items:
                new_labels = iter(self.label_override(items))
                resolved = [[Attribution(**{**a.__dict__, **next(new_labels)}) for a in row] for row in resolved]
        return resolved


def quantize_int8(model: AttributionModel) -> AttributionModel:
    """Dynamic int8 quantization of the encoder's ``nn.Linear`` layers (weights int8 per output channel,
    activations quantized per batch). On CPU this roughly halves inference time; its cost on dev is in the README.
    """
    import warnings

    with warnings.catch_warnings():
        # torch.ao's eager quantization is deprecated in favour of torchao, which is not a dependency here.
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", UserWarning)
        # The encoder's linear layers carry nearly all the compute; the small tagging and label heads
        # stay in float32, where int8 rounding would cost accuracy for no speed.
        # Per-output-channel weight scales lose less than one scale per matrix (dev headline 68.5 vs 66.7, seed 13).
        spec = {torch.nn.Linear: torch.ao.quantization.per_channel_dynamic_qconfig}
        model.encoder = torch.ao.quantization.quantize_dynamic(model.encoder, spec, dtype=torch.qint8)
        return model.eval()


def _mentions(sentences):
    from baselines.rules.resolve import Mentions

    return Mentions(sentences)


def _name_with_rule_helpers(sentences: list[str], i: int, a: Attribution, mentions) -> str | None:
    """Name the network's own speaker span with the rule baseline's document helpers: he/she to the
    nearest person mention of that gender, a bare surname to the full name, "the company" to the
    most salient organisation, a description to the name inside it ("Defence lawyer Omondi Were")."""
    from baselines.rules import sources
    from baselines.rules.resolve import _expand_surname, _org_coref

    phrase = a.speaker.text(sentences[i]).strip()
    low = phrase.lower()
    if low in ("he", "she"):
        hit = mentions.before_at(i, a.speaker.start, "m" if low == "he" else "f")
        return hit[2] if hit else None
    if low in PRONOUNS:
        return None
    name = sources.speaker_name(phrase, a.source_type)
    if a.source_type == "named_person":
        return _expand_surname(name, mentions.full)
    if a.source_type == "named_organization" and " " not in name.strip():
        return _org_coref(phrase, name, sentences, i, [], mentions.org_votes)
    return name


def _has_full_person_name(phrase: str) -> bool:
    from baselines.rules import sources

    name = sources.person_name(phrase)
    return bool(name) and " " in name


def _same_content_name(text: str, attribution: Attribution, candidates) -> str | None:
    """The speaker name of the candidate whose content overlaps most (word Jaccard >= 0.5)."""
    mine = attribution.content.text(text)
    best, best_j = None, 0.5
    for c in candidates:
        j = word_jaccard(mine, c.content.text(text))
        if j >= best_j and c.speaker_name:
            best, best_j = c.speaker_name, j
    return best
