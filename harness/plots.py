"""PNG plots of one score result: label confusion matrices and per-phenomenon recall.

:func:`write_plots` writes, for a :class:`harness.scoring.ScoreResult` (or its
``to_dict()`` payload):

- ``confusion_source_type.png`` and ``confusion_verification.png``: gold label
  (rows) against predicted label (columns) on matched pairs, counts in the
  cells, ``(none)`` = the system predicted no label; skipped when the gold data
  lacks the field;
- ``phenomenon_recall.png``: headline recall per phenomenon tag, with the
  number of gold attributions of each tag.

Matplotlib's Agg canvas is used directly (no pyplot, no global backend
switch, no display needed), and the PNGs carry no software/date metadata, so
the same result gives the same bytes.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from harness.schema import LABEL_FIELDS, PHENOMENA

PNG_METADATA = {"Software": None}
DPI = 100


def _payload(result: Any) -> dict:
    return result.to_dict() if hasattr(result, "to_dict") else result


def _figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=DPI)
    FigureCanvasAgg(fig)
    return fig


def _save(fig: Any, path: Path) -> Path:
    import io

    from harness.atomic import write_atomic

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata=PNG_METADATA, dpi=DPI)
    return write_atomic(path, buffer.getvalue())


def plot_confusion(block: dict, key: str, path: Path, system: str | None = None) -> Path:
    """Confusion matrix (gold rows x predicted columns) of one label field."""
    import numpy as np

    confusion = block.get("confusion") or {}
    labels = list(LABEL_FIELDS[key])
    gold_labels = [l for l in labels if l in confusion] or labels
    pred_seen = {p for row in confusion.values() for p in row}
    pred_labels = [l for l in labels if l in pred_seen or l in gold_labels] + (["(none)"] if "(none)" in pred_seen else [])
    m = np.array([[confusion.get(g, {}).get(p, 0) for p in pred_labels] for g in gold_labels], dtype=float)
    fig = _figure(1.6 + 0.75 * len(pred_labels), 1.4 + 0.5 * len(gold_labels))
    ax = fig.add_subplot()
    row_sums = m.sum(axis=1, keepdims=True)
    shade = np.divide(m, row_sums, out=np.zeros_like(m), where=row_sums > 0)  # colour = share of the gold row
    ax.imshow(shade, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    for i in range(len(gold_labels)):
        for j in range(len(pred_labels)):
            if m[i, j]:
                ax.text(j, i, f"{int(m[i, j])}", ha="center", va="center", fontsize=8, color="white" if shade[i, j] > 0.6 else "black")
    ax.set_xticks(range(len(pred_labels)), pred_labels, rotation=40, ha="right", fontsize=8)
    ax.set_yticks(range(len(gold_labels)), gold_labels, fontsize=8)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    macro = block.get("macro_f")
    title = f"{key} on matched pairs" + (f" (macro-F1 {100 * macro:.1f})" if macro is not None else "")
    ax.set_title(title + (f"\n{system}" if system else ""), fontsize=9)
    fig.tight_layout()
    return _save(fig, path)


def plot_phenomenon_recall(slices: dict, path: Path, system: str | None = None) -> Path:
    """Horizontal bars: headline recall per phenomenon tag (gold attribution counts in the labels)."""
    tags = [t for t in PHENOMENA if t in slices] + sorted(t for t in slices if t not in PHENOMENA)
    values = [100 * (slices[t]["r"] or 0.0) if slices[t].get("r") is not None else 0.0 for t in tags]
    fig = _figure(7.0, 1.2 + 0.28 * max(len(tags), 1))
    ax = fig.add_subplot()
    y = list(range(len(tags)))
    ax.barh(y, values, color="#1f77b4")
    ax.set_yticks(y, [f"{t} ({slices[t].get('n_gold', 0)})" for t in tags], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("headline recall (%)")
    for yi, v, t in zip(y, values, tags):
        ax.text(min(v + 1, 92), yi, "N/A" if slices[t].get("r") is None else f"{v:.1f}", va="center", fontsize=7)
    ax.set_title("recall per phenomenon (gold attributions)" + (f"\n{system}" if system else ""), fontsize=9)
    fig.tight_layout()
    return _save(fig, path)


def write_plots(result: Any, directory: str | Path) -> list[Path]:
    """Write the PNG plots of ``result`` into ``directory`` (created); return their paths."""
    payload = _payload(result)
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    system = payload.get("system")
    written: list[Path] = []
    per_class = payload.get("per_class") or {}
    for key in ("source_type", "verification"):
        block = per_class.get(key)
        if block:
            written.append(plot_confusion(block, key, out / f"confusion_{key}.png", system))
    phen = (payload.get("slices") or {}).get("phenomenon") or {}
    if phen:
        written.append(plot_phenomenon_recall(phen, out / "phenomenon_recall.png", system))
    return written
