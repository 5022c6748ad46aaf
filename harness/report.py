"""Human-readable tables and JSON result records.

The table reads top-down: the headline first, then every main metric with
P / R / F1 and its 95% interval, per-class scores and confusion matrices,
slices (phenomenon / register / topic), and the signature last. Values that are
not available print ``N/A``.

A *result record* (``score --out``) wraps the deterministic score payload with
a ``meta`` block: date, git commit when available, Python and library
versions and the command. Only ``meta`` varies between runs on the same input.
"""
from __future__ import annotations

import json
import platform
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from harness.metrics import HEADLINE, METRIC_NAMES

def pct(x: float | None, width: int = 5) -> str:
    return f"{'N/A':>{width}}" if x is None else f"{100 * x:{width}.1f}"


def _ci(ci: list | None) -> str:
    if not ci or ci[0] is None or ci[1] is None:
        return " " * 14
    return f"[{100 * ci[0]:5.1f},{100 * ci[1]:5.1f}]"


def format_table(payload: dict[str, Any]) -> str:
    """The human-readable report of one score payload (``ScoreResult.to_dict()``)."""
    lines: list[str] = []
    cfg = payload["config"]
    s = payload["summary"]
    lines.append(f"attrib-bench score (system: {payload.get('system') or 'unnamed'})")
    lines.append(
        f"gold {payload['gold']}: {s['documents']} documents, {s['sentences']} sentences, "
        f"{s['gold_attributions']} gold / {s['predicted_attributions']} predicted attributions"
    )
    lines.append("")
    head = payload["metrics"][HEADLINE]
    label = f"{'partial' if cfg['match'] == 'partial' else 'exact'} content + {cfg['speaker']} speaker"
    if head is None:
        lines.append(f"HEADLINE {HEADLINE} ({label}): N/A (the gold data has no speaker names)")
    else:
        ci = head["ci"]["f"] if head["ci"] else None
        lines.append(
            f"HEADLINE {HEADLINE} ({label})  F1 {pct(head['f']).strip()}"
            + (f"  95% CI {_ci(ci).strip()}" if ci else "")
            + f"  P {pct(head['p']).strip()}  R {pct(head['r']).strip()}"
        )
    lines.append("")
    lines.append(f"{'metric':<21} {'P':>5} {'95% CI':<14} {'R':>5} {'95% CI':<14} {'F1':>5} {'95% CI':<14} {'tp':>6} {'fp':>6} {'fn':>6}")
    for name in METRIC_NAMES:
        m = payload["metrics"].get(name)
        if m is None:
            lines.append(f"{name:<21} {'N/A':>5} {'':<14} {'N/A':>5} {'':<14} {'N/A':>5} {'':<14} {'N/A':>6} {'N/A':>6} {'N/A':>6}")
            continue
        ci = m["ci"] or {}
        lines.append(
            f"{name:<21} {pct(m['p'])} {_ci(ci.get('p'))} {pct(m['r'])} {_ci(ci.get('r'))} "
            f"{pct(m['f'])} {_ci(ci.get('f'))} {m['tp']:>6} {m['fp']:>6} {m['fn']:>6}"
        )
    lines.append("(P, R, F1 and intervals in %; tp/fp/fn = attributions; detection counts sentences)")

    for key, block in payload["per_class"].items():
        lines.append("")
        if block is None:
            lines.append(f"per class: {key}: N/A (not in the gold data)")
            continue
        lines.append(f"per class: {key}  (macro-F1 {pct(block['macro_f']).strip()})")
        lines.append(f"  {'label':<20} {'P':>5} {'R':>5} {'F1':>5} {'support':>8}")
        for cls, c in block["classes"].items():
            lines.append(f"  {cls:<20} {pct(c['p'])} {pct(c['r'])} {pct(c['f'])} {c['support']:>8}")
        if block["confusion"]:
            lines.append("  confusion on matched pairs (gold -> predicted: count)")
            for g, row in block["confusion"].items():
                cells = ", ".join(f"{p} {n}" for p, n in sorted(row.items(), key=lambda kv: (-kv[1], kv[0])))
                lines.append(f"    {g:<20} -> {cells}")

    slices = payload.get("slices") or {}
    for key in ("phenomenon", "register", "topic"):
        block = slices.get(key) or {}
        lines.append("")
        if not block:
            lines.append(f"slice by {key}: N/A")
            continue
        unit = "sentences" if key == "phenomenon" else "documents"
        lines.append(f"slice by {key} (headline {HEADLINE}; recall first)")
        lines.append(f"  {'':<24} {'R':>5} {'P':>5} {'F1':>5} {'gold':>6} {'pred':>6} {unit:>10}")
        for value, sl in block.items():
            lines.append(
                f"  {value:<24} {pct(sl['r'])} {pct(sl['p'])} {pct(sl['f'])} {sl['n_gold']:>6} {sl['n_pred']:>6} {sl.get(unit, ''):>10}"
            )
    lines.append("")
    lines.append(f"signature: {payload['signature']}")
    return "\n".join(lines)


def format_compare(payload: dict[str, Any]) -> str:
    lines = [
        f"attrib-bench compare: A = {payload['a']['system']}, B = {payload['b']['system']}",
        f"F1 in %, delta = B - A; two-sided p-values over {payload['trials']} document resamples / permutations",
        "",
        f"{'metric':<21} {'A':>6} {'B':>6} {'delta':>7} {'p(boot)':>8} {'p(AR)':>8}",
    ]
    for name, row in payload["metrics"].items():
        if row is None:
            lines.append(f"{name:<21} {'N/A':>6} {'N/A':>6} {'N/A':>7} {'N/A':>8} {'N/A':>8}")
            continue
        delta = "N/A" if row["delta"] is None else f"{100 * row['delta']:+.1f}"
        pb = "N/A" if row["p_bootstrap"] is None else f"{row['p_bootstrap']:.4f}"
        pa = "N/A" if row["p_randomization"] is None else f"{row['p_randomization']:.4f}"
        lines.append(f"{name:<21} {pct(row['a'], 6)} {pct(row['b'], 6)} {delta:>7} {pb:>8} {pa:>8}")
    phen = payload.get("phenomena") or {}
    if phen:
        lines += ["", "headline recall by phenomenon (%)", f"{'phenomenon':<24} {'sents':>6} {'A':>6} {'B':>6} {'delta':>7}"]
        for tag, row in phen.items():
            delta = "N/A" if row["delta"] is None else f"{100 * row['delta']:+.1f}"
            lines.append(f"{tag:<24} {row['sentences'] or 0:>6} {pct(row['a'], 6)} {pct(row['b'], 6)} {delta:>7}")
    flipped = payload.get("flipped")
    if flipped:
        lines += ["", f"sentences that flipped (every attribution right by {flipped['metric']}, nothing spurious): lost {flipped['lost']}, gained {flipped['gained']}"]
        for kind, key in (("lost", "lost_examples"), ("gained", "gained_examples")):
            for ex in flipped[key]:
                text = " ".join(ex["text"].split())
                lines.append(f"  {kind:<6} {ex['id']}  {text[:100] + ('…' if len(text) > 100 else '')}")
    lines.append("")
    lines.append(f"signature: {payload['signature']}|test:paired-bs+ar|trials:{payload['trials']}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- result files


def _git_commit() -> dict[str, Any] | None:
    root = Path(__file__).resolve().parent.parent
    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=5, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True, text=True, timeout=5, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    return {"commit": commit, "dirty": bool(dirty)} if commit else None


def result_meta(command: list[str] | None = None) -> dict[str, Any]:
    import numpy
    import scipy

    from harness.version import CORPUS_VERSION, __version__

    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "git": _git_commit(),
        "harness_version": __version__,
        "corpus_version": CORPUS_VERSION,
        "python": platform.python_version(),
        "numpy": numpy.__version__,
        "scipy": scipy.__version__,
        "platform": platform.platform(),
        "command": list(command) if command is not None else sys.argv,
    }


def result_record(payload: dict[str, Any], command: list[str] | None = None) -> dict[str, Any]:
    """``{"meta": ..., "result": payload}`` — the result file format (like lm-eval / MTEB records)."""
    return {"meta": result_meta(command), "result": payload}


def write_json_atomic(path: str | Path, obj: Any) -> None:
    """Write JSON via a temporary file and rename, so a failure never leaves half a file."""
    from harness.atomic import write_atomic
    from harness.scoring import dumps

    write_atomic(path, dumps(obj) + "\n")


def load_result(path: str | Path) -> dict[str, Any]:
    """The score payload of a result file (``--out``) or of a ``--json`` dump."""
    from harness.errors import InputError, Problem

    file = str(path)
    try:
        obj = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError([Problem(file, exc.lineno, "json", f"not valid JSON: {exc.msg}")], what="result file")
    except UnicodeDecodeError:
        raise InputError([Problem(file, None, "file", "not valid UTF-8")], what="result file")
    payload = obj.get("result", obj) if isinstance(obj, dict) else None
    problems = []
    if not isinstance(payload, dict):
        problems.append(Problem(file, None, "result", "not a score result (expected a JSON object)"))
    else:
        for key in ("signature", "config", "metrics"):
            if key not in payload:
                problems.append(Problem(file, None, key, "missing; not a score result written by attrib-bench score"))
    if problems:
        raise InputError(problems, what="result file")
    return payload
