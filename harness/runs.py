"""Several runs of one system (e.g. training seeds): every main metric per run, mean and sample sd.

``attrib-bench runs A.jsonl B.jsonl C.jsonl --split test`` scores each file with the same
settings (each with its own bootstrap CI) and reports, per metric, the F1 of each run and
``mean ± sd``, where sd is the sample standard deviation (n - 1 in the denominator), the
figure papers usually give for seed variation. The runs must be scored against the same gold
data with the same settings, which the shared signature records.
"""
from __future__ import annotations

import math
from typing import Any

from harness.metrics import HEADLINE, METRIC_NAMES
from harness.report import pct
from harness.scoring import _r


def mean_sd(values: list[float]) -> tuple[float, float]:
    """Mean and sample standard deviation (n - 1); needs at least two values.

    >>> mean_sd([2.0, 4.0, 6.0])  # deviations -2, 0, 2: variance 8 / (3 - 1) = 4
    (4.0, 2.0)
    """
    if len(values) < 2:
        raise ValueError("a standard deviation over runs needs at least two runs")
    mean = sum(values) / len(values)
    var = sum((v - mean) ** 2 for v in values) / (len(values) - 1)
    return mean, math.sqrt(var)


def summarize(names: list[str], results: list[Any]) -> dict[str, Any]:
    """JSON-ready summary of :class:`harness.scoring.ScoreResult` objects of the same split and settings."""
    signatures = {str(r.signature) for r in results}
    if len(signatures) != 1:
        raise ValueError("runs scored with different gold data or settings: " + "; ".join(sorted(signatures)))
    metrics: dict[str, Any] = {}
    for name in METRIC_NAMES:
        per_run = [r.metrics[name] for r in results]
        f = [None if m is None else _r(m["f"]) for m in per_run]
        if any(x is None for x in f):
            metrics[name] = None  # the gold data lacks the field (imported corpora), or F1 is undefined
            continue
        mean, sd = mean_sd([m["f"] for m in per_run])
        metrics[name] = {
            "f": f,
            "ci": [None if m["ci"] is None else [_r(v) for v in m["ci"]["f"]] for m in per_run],
            "mean": _r(mean),
            "sd": _r(sd),
        }
    return {"signature": signatures.pop(), "headline": HEADLINE, "runs": list(names), "metrics": metrics}


def _pct(x: float) -> str:
    return pct(x, width=0)


def format_table(summary: dict[str, Any]) -> str:
    runs = summary["runs"]
    lines = [f"attrib-bench runs: {len(runs)} runs of one system, F1 in %, mean ± sample sd"]
    head = f"{'metric':22s}" + "".join(f"{'run ' + str(i + 1):>8s}" for i in range(len(runs))) + f"{'mean ± sd':>14s}"
    lines += ["", head]
    for name, m in summary["metrics"].items():
        if m is None:
            lines.append(f"{name:22s}" + "n/a".rjust(8 * len(runs) + 14))
            continue
        cells = "".join(f"{_pct(f):>8s}" for f in m["f"])
        lines.append(f"{name:22s}{cells}{_pct(m['mean']) + ' ± ' + _pct(m['sd']):>14s}")
    head_m = summary["metrics"][summary["headline"]]
    lines.append("")
    for i, path in enumerate(runs):
        ci = head_m["ci"][i] if head_m else None
        ci_text = f" [{_pct(ci[0])}, {_pct(ci[1])}]" if ci else ""
        lines.append(f"run {i + 1}: {path}  (headline {_pct(head_m['f'][i]) if head_m else 'n/a'}{ci_text})")
    lines.append(f"signature: {summary['signature']}")
    return "\n".join(lines)


def format_markdown(summary: dict[str, Any]) -> str:
    runs = summary["runs"]
    lines = ["| metric | " + " | ".join(f"run {i + 1}" for i in range(len(runs))) + " | mean ± sd |",
             "|---|" + "---|" * (len(runs) + 1)]
    for name, m in summary["metrics"].items():
        if m is None:
            lines.append(f"| {name} | " + " | ".join("n/a" for _ in range(len(runs) + 1)) + " |")
            continue
        label = f"**{name}** (headline)" if name == summary["headline"] else name
        cells = []
        for f, ci in zip(m["f"], m["ci"]):
            cells.append(_pct(f) + (f" [{_pct(ci[0])}, {_pct(ci[1])}]" if ci and name == summary["headline"] else ""))
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {_pct(m['mean'])} ± {_pct(m['sd'])} |")
    return "\n".join(lines)
