"""Inter-annotator agreement between the gold corpus and the blind second annotation.

The second annotation lives in ``data/agreement/<doc_id>.yaml`` in the same
authoring format as ``data/source/``, written from the plain sentences only.
Agreement is measured with the harness's own scorer, treating the first
(gold) annotation as reference and the second as predictions:

- content partial / exact F1, speaker (lenient name) F1, cue exact F1 and the
  headline ``attribution`` F1 (symmetric: F1 does not depend on which side is
  the reference);
- Cohen's kappa for source type, verification and quote type on the
  attributions both annotators marked (matched pairs, partial content match).
"""
from __future__ import annotations

from pathlib import Path

from harness.authoring import parse_source
from harness.corpus import data_dir, load_split
from harness.errors import InputError, Problem
from harness.schema import LABEL_FIELDS, SPLITS

AGREEMENT_DIR = "agreement"
F1_METRICS = ("content_partial", "content_exact", "speaker", "cue_exact", "attribution", "attribution_full")


def cohen_kappa(confusion: dict[str, dict[str, int]], labels: tuple[str, ...]) -> tuple[float | None, int]:
    """Cohen's kappa from a ``gold -> predicted -> count`` table (pairs with a label on both sides).

    >>> cohen_kappa({"a": {"a": 20, "b": 5}, "b": {"a": 10, "b": 15}}, ("a", "b"))
    (0.4, 50)
    """
    n = sum(confusion.get(g, {}).get(p, 0) for g in labels for p in labels)
    if n == 0:
        return None, 0
    observed = sum(confusion.get(l, {}).get(l, 0) for l in labels) / n
    expected = sum(
        sum(confusion.get(l, {}).get(p, 0) for p in labels) * sum(confusion.get(g, {}).get(l, 0) for g in labels)
        for l in labels
    ) / (n * n)
    if expected == 1.0:
        return 1.0, n
    return round((observed - expected) / (1 - expected), 4), n


def load_second_annotation(root: Path | None = None):
    """Records of the second annotation, checked sentence by sentence against the gold texts."""
    root = root or data_dir()
    gold_by_doc: dict[str, list] = {}
    split_of: dict[str, str] = {}
    for split in SPLITS:
        for rec in load_split(split, root):
            gold_by_doc.setdefault(rec.doc_id, []).append(rec)
            split_of[rec.doc_id] = split
    problems: list[Problem] = []
    gold, second = [], []
    files = sorted((root / AGREEMENT_DIR).glob("*.yaml"))
    if not files:
        raise InputError([Problem(str(root / AGREEMENT_DIR), None, "files", "no second annotations found")], what="agreement")
    for path in files:
        _, records, found = parse_source(path)
        problems.extend(found)
        if found:
            continue
        ref = gold_by_doc.get(path.stem)
        if ref is None:
            problems.append(Problem(str(path), 1, "doc_id", f"no gold document {path.stem!r}"))
            continue
        if [r.text for r in ref] != [r.text for r in records]:
            first = next((i for i, (a, b) in enumerate(zip(ref, records)) if a.text != b.text), min(len(ref), len(records)))
            problems.append(Problem(str(path), None, f"sentences[{first}]", "sentence texts differ from the gold document"))
            continue
        gold.extend(ref)
        second.extend(records)
    if problems:
        raise InputError(problems, what="second annotation")
    return gold, second, sorted({r.doc_id for r in gold}), split_of


def agreement_report(root: Path | None = None) -> dict:
    from harness.corpus import load_metadata
    from harness.scoring import score

    root = root or data_dir()
    gold, second, doc_ids, split_of = load_second_annotation(root)
    rows = [{"id": r.id, "attributions": [a.to_dict() for a in r.attributions]} for r in second]
    result = score(gold, rows, bootstrap=0)
    metrics = result.to_dict()["metrics"]
    meta = load_metadata(root)
    report = {
        "documents": len(doc_ids),
        "documents_total": len(meta),
        "sentences": len(gold),
        "attributions_first": sum(len(r.attributions) for r in gold),
        "attributions_second": sum(len(r.attributions) for r in second),
        "by_split": {s: sum(split_of[d] == s for d in doc_ids) for s in SPLITS},
        "by_register": {},
        "f1": {name: metrics[name]["f"] for name in F1_METRICS},
        "kappa": {},
    }
    for d in doc_ids:
        reg = meta[d].register if d in meta else "(unknown)"
        report["by_register"][reg] = report["by_register"].get(reg, 0) + 1
    for key, labels in LABEL_FIELDS.items():
        kappa, n = cohen_kappa(result.per_class[key]["confusion"], labels)
        report["kappa"][key] = {"kappa": kappa, "pairs": n}
    return report


def format_report(report: dict) -> str:
    lines = [
        f"second annotation: {report['documents']} of {report['documents_total']} documents "
        f"({100 * report['documents'] / max(report['documents_total'], 1):.1f}%), {report['sentences']} sentences; "
        f"attributions: first {report['attributions_first']}, second {report['attributions_second']}",
        "documents by split: " + ", ".join(f"{k} {v}" for k, v in report["by_split"].items()),
        "documents by register: " + ", ".join(f"{k} {v}" for k, v in sorted(report["by_register"].items())),
        "",
        "F1 (first annotation as reference)",
    ]
    for name, f in report["f1"].items():
        lines.append(f"  {name:<18} {f:.3f}" if f is not None else f"  {name:<18} N/A")
    lines.append("Cohen's kappa on matched attributions")
    for name, k in report["kappa"].items():
        value = f"{k['kappa']:.3f}" if k["kappa"] is not None else "N/A"
        lines.append(f"  {name:<18} {value}  ({k['pairs']} pairs)")
    return "\n".join(lines)
