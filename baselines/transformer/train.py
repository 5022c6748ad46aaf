"""Fine-tuning: seeded, with progress bars, early stopping on the dev headline score.

``attrib-bench baseline transformer train --out DIR`` calls :func:`train`. The
output directory holds the encoder and tokenizer (``encoder/``), the head
weights (``heads.pt``), ``config.json`` (every setting, the label-model choice)
and ``metrics.json`` (per-epoch loss and dev scores, training time).
"""
from __future__ import annotations

import json
import random
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch
from tqdm import tqdm

from baselines.transformer.features import encode_documents
from baselines.transformer.label_models import SklearnLabelModel, gold_items_from
from baselines.transformer.model import AttributionModel, collate, loss_fn, save_model
from baselines.transformer.predict import TransformerExtractor
from harness.extractor import run_extractor
from harness.schema import LABEL_FIELDS, Document


@dataclass
class TrainConfig:
    encoder: str = ""
    seed: int = 13
    epochs: int = 6
    batch_size: int = 16
    learning_rate: float = 5e-5
    head_learning_rate: float = 1e-3
    warmup_ratio: float = 0.1
    weight_decay: float = 0.01
    max_length: int = 128
    patience: int = 2
    threads: int = 0  # 0: leave torch's default
    # On a CPU, the dense gradient and AdamW update of the 30k x 384 word-embedding matrix
    # cost about three times the rest of a step; freezing it makes training ~4x faster.
    freeze_word_embeddings: bool = True
    label_models: dict = field(default_factory=dict)


def set_seed(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def headline_f1(documents: list[Document], rows: list[dict]) -> dict:
    """Dev metrics with the harness's own scorer (no bootstrap: selection needs the point only)."""
    from harness.scoring import score

    gold = [s for d in documents for s in d.sentences]
    result = score(gold, rows, bootstrap=0)
    return {name: result.metrics[name]["f"] for name in ("attribution", "attribution_full", "content_partial", "speaker")}


def _label_macro_f1(pred: list[str], gold: list[str], labels) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(gold, pred, labels=list(labels), average="macro", zero_division=0))


@torch.no_grad()
def choose_label_models(model: AttributionModel, tokenizer, config: TrainConfig, train_docs, dev_docs) -> dict:
    """Per label field, keep the network's head or the scikit-learn model, whichever has
    the higher macro-F1 on dev gold attributions (both see gold spans here)."""
    items, labels = gold_items_from(train_docs)
    sk = SklearnLabelModel.fit(items, labels, seed=config.seed)
    dev_items, dev_labels = gold_items_from(dev_docs)
    if not dev_items:
        return {name: "transformer" for name in LABEL_FIELDS}, {}
    sk_pred = sk(dev_items)
    examples = encode_documents(tokenizer, dev_docs, config.max_length, gold=True)
    net_pred: dict[str, list[str]] = {name: [] for name in LABEL_FIELDS}
    model.eval()
    for start in range(0, len(examples), 32):
        chunk = examples[start : start + 32]
        batch = collate(chunk, tokenizer.pad_token_id, with_gold=True)
        if not len(batch["attr_batch"]):
            continue
        out = model(batch["input_ids"], batch["attention_mask"], batch["token_type_ids"], batch["attr_batch"], batch["attr_masks"])
        for name in LABEL_FIELDS:
            net_pred[name] += [LABEL_FIELDS[name][i] for i in out["labels"][name].argmax(-1).tolist()]
    choice, report = {}, {}
    for name, allowed in LABEL_FIELDS.items():
        net = _label_macro_f1(net_pred[name], dev_labels[name], allowed)
        skl = _label_macro_f1([p[name] for p in sk_pred], dev_labels[name], allowed)
        choice[name] = "sklearn" if skl > net else "transformer"
        report[name] = {"transformer_macro_f1": round(net, 4), "sklearn_macro_f1": round(skl, 4), "chosen": choice[name]}
    return choice, report


def train(config: TrainConfig, out_dir: Path, train_docs: list[Document], dev_docs: list[Document],
          encoder=None, tokenizer=None, progress: bool = True) -> dict:
    """Train, select the best epoch on dev, save it to ``out_dir``; return the metrics record."""
    from transformers import AutoModel, AutoTokenizer, get_linear_schedule_with_warmup

    from baselines.transformer.model import default_encoder_path

    started = time.perf_counter()
    set_seed(config.seed)
    if config.threads:
        torch.set_num_threads(config.threads)
    if encoder is None:
        config.encoder = config.encoder or default_encoder_path()
        tokenizer = AutoTokenizer.from_pretrained(config.encoder)
        encoder = AutoModel.from_pretrained(config.encoder)
    model = AttributionModel(encoder)
    if config.freeze_word_embeddings:
        model.encoder.get_input_embeddings().weight.requires_grad_(False)
    examples = encode_documents(tokenizer, train_docs, config.max_length, gold=True)
    order = np.random.default_rng(config.seed)
    steps_per_epoch = (len(examples) + config.batch_size - 1) // config.batch_size
    total = steps_per_epoch * config.epochs
    head_params = [p for n, p in model.named_parameters() if not n.startswith("encoder.")]
    optimizer = torch.optim.AdamW(
        [{"params": [p for p in model.encoder.parameters() if p.requires_grad], "lr": config.learning_rate},
         {"params": head_params, "lr": config.head_learning_rate}],
        weight_decay=config.weight_decay,
    )
    scheduler = get_linear_schedule_with_warmup(optimizer, int(config.warmup_ratio * total), total)
    history, best, best_epoch, stale = [], float("-inf"), -1, 0
    out_dir = Path(out_dir)
    for epoch in range(1, config.epochs + 1):
        model.train()
        perm = order.permutation(len(examples))
        losses = []
        bar = tqdm(range(steps_per_epoch), desc=f"epoch {epoch}/{config.epochs}", disable=not progress, unit="batch")
        for step in bar:
            chunk = [examples[i] for i in perm[step * config.batch_size : (step + 1) * config.batch_size]]
            batch = collate(chunk, tokenizer.pad_token_id, with_gold=True)
            out = model(batch["input_ids"], batch["attention_mask"], batch["token_type_ids"], batch["attr_batch"], batch["attr_masks"])
            loss = loss_fn(out, batch)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            losses.append(loss.item())
            bar.set_postfix(loss=f"{np.mean(losses[-50:]):.3f}")
        record = {"epoch": epoch, "train_loss": round(float(np.mean(losses)), 4)}
        if dev_docs:
            model.eval()
            rows = run_extractor(TransformerExtractor(model, tokenizer, config.max_length), dev_docs)
            record["dev"] = headline_f1(dev_docs, rows)
            current = record["dev"]["attribution"] or 0.0
        else:
            current = -record["train_loss"]
        history.append(record)
        if progress:
            print(json.dumps(record))
        if current > best:
            best, best_epoch, stale = current, epoch, 0
            save_model(model, tokenizer, out_dir)
        else:
            stale += 1
            if stale >= config.patience:
                break
    # Reload the selected epoch before choosing label models.
    from baselines.transformer.model import load_model

    model, tokenizer = load_model(out_dir)
    choice, label_report = choose_label_models(model, tokenizer, config, train_docs, dev_docs)
    config.label_models = choice
    metrics = {
        "best_epoch": best_epoch,
        "best_dev_attribution_f1": best,
        "history": history,
        "label_models": label_report,
        "train_sentences": len(examples),
        "train_seconds": round(time.perf_counter() - started, 1),
        "torch_threads": torch.get_num_threads(),
    }
    (out_dir / "config.json").write_text(json.dumps(asdict(config), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    (out_dir / "metrics.json").write_text(json.dumps(metrics, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return metrics
