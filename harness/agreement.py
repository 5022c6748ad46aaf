"""Inter-annotator agreement between the gold corpus and the blind second annotation.

The blind second annotation lives in ``data/agreement/second/<doc_id>.yaml``, in
the authoring format of ``data/source/``, written from the plain sentences only.
``data/agreement/first/`` freezes the gold annotation of the same documents as
it stood when the agreement was measured, *before* disagreements were
adjudicated into ``data/source/`` — so the figures stay reproducible and are not
inflated by the adjudication. Agreement is measured with the harness's own
scorer, treating the first annotation as reference and the second as predictions:

- content partial / exact F1, speaker (lenient name) F1, cue exact F1 and the
  headline ``attribution`` F1 (symmetric: F1 does not depend on which side is
  the reference);
- Cohen's kappa for source type, verification and quote type on the
  attributions both annotators marked (matched pairs, partial content match).
"""
from __future__ import annotations

from pathlib import Path

from harness.authoring import parse_source
from harness.corpus import data_dir
from harness.errors import InputError, Problem
from harness.normalize import names_match, normalize_name, word_jaccard
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


def _aligned(gold: list, second: list) -> list[tuple]:
    """Pairs of (gold, second) records whose sentence texts are identical, in order.

    The gold documents may be edited after the second annotation was made (review
    passes rephrase sentences); only sentences present, unchanged, in both are compared.
    """
    import difflib

    matcher = difflib.SequenceMatcher(None, [r.text for r in gold], [r.text for r in second], autojunk=False)
    pairs = []
    for block in matcher.get_matching_blocks():
        pairs += [(gold[block.a + k], second[block.b + k]) for k in range(block.size)]
    return pairs


def _renumbered(record, doc_id: str, index: int):
    from dataclasses import replace

    return replace(record, id=f"{doc_id}-s{index:03d}", doc_id=doc_id, sent_index=index)


def load_second_annotation(root: Path | None = None):
    """Aligned first and second annotation records (renumbered consecutively per document)."""
    root = root or data_dir()
    from harness.corpus import load_metadata

    meta = load_metadata(root)
    problems: list[Problem] = []
    gold, second = [], []
    skipped = 0
    files = sorted((root / AGREEMENT_DIR / "second").glob("*.yaml"))
    if not files:
        raise InputError([Problem(str(root / AGREEMENT_DIR / "second"), None, "files", "no second annotations found")], what="agreement")
    for path in files:
        first_path = root / AGREEMENT_DIR / "first" / path.name
        if not first_path.exists():
            problems.append(Problem(str(first_path), None, "file", "no frozen first annotation for this document"))
            continue
        _, ref, found_first = parse_source(first_path)
        _, records, found = parse_source(path)
        problems.extend(found_first + found)
        if found_first or found:
            continue
        pairs = _aligned(ref, records)
        skipped += len(ref) - len(pairs)
        for k, (g, s) in enumerate(pairs):
            gold.append(_renumbered(g, path.stem, k))
            second.append(_renumbered(s, path.stem, k))
    if problems:
        raise InputError(problems, what="second annotation")
    split_of = {d: m.split for d, m in meta.items()}
    return gold, second, sorted({r.doc_id for r in gold}), split_of, skipped


def agreement_report(root: Path | None = None) -> dict:
    from harness.corpus import load_metadata
    from harness.scoring import score

    root = root or data_dir()
    gold, second, doc_ids, split_of, skipped = load_second_annotation(root)
    rows = [{"id": r.id, "attributions": [a.to_dict() for a in r.attributions]} for r in second]
    result = score(gold, rows, bootstrap=0)
    metrics = result.to_dict()["metrics"]
    meta = load_metadata(root)
    report = {
        "documents": len(doc_ids),
        "documents_total": len(meta),
        "sentences": len(gold),
        "sentences_edited_since": skipped,
        "attributions_first": sum(len(r.attributions) for r in gold),
        "attributions_second": sum(len(r.attributions) for r in second),
        "by_split": {s: sum(split_of.get(d) == s for d in doc_ids) for s in SPLITS},
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
        f"({100 * report['documents'] / max(report['documents_total'], 1):.1f}%), {report['sentences']} sentences compared "
        f"({report['sentences_edited_since']} sentences edited between the two annotations left out); "
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


def _same(field: str, first, second) -> bool:
    """Labels must be equal; names only as equal as the scorer's lenient speaker match asks."""
    if field != "speaker_name":
        return first == second
    return names_match(normalize_name(first or ""), normalize_name(second or ""), "lenient")


def disagreements(root: Path | None = None) -> list[dict]:
    """Every disagreement between the two annotations, for adjudication.

    Attributions are paired within a sentence by content word overlap (Jaccard >= 0.5,
    greedy by overlap); unpaired ones and differing fields of paired ones are listed.
    """
    gold, second, _, _, _ = load_second_annotation(root)
    out = []
    for g, s in zip(gold, second):
        pairs, used_g, used_s = [], set(), set()
        scored = []
        for i, a in enumerate(g.attributions):
            for j, b in enumerate(s.attributions):
                jac = word_jaccard(a.content.text(g.text), b.content.text(s.text))
                if jac >= 0.5:
                    scored.append((-jac, i, j))
        for _, i, j in sorted(scored):
            if i not in used_g and j not in used_s:
                used_g.add(i), used_s.add(j)
                pairs.append((i, j))
        original_id = f"{g.doc_id} sentence “{g.text[:80]}”"
        for i, a in enumerate(g.attributions):
            if i not in used_g:
                out.append({"where": original_id, "kind": "only in gold", "content": a.content.text(g.text), "gold": a.to_dict()})
        for j, b in enumerate(s.attributions):
            if j not in used_s:
                out.append({"where": original_id, "kind": "only in second", "content": b.content.text(s.text), "second": b.to_dict()})
        for i, j in pairs:
            a, b = g.attributions[i], s.attributions[j]
            for field in ("speaker_name", "quote_type", "source_type", "verification"):
                if _same(field, getattr(a, field), getattr(b, field)):
                    continue
                out.append({"where": original_id, "kind": f"{field} differs", "content": a.content.text(g.text),
                            "gold": getattr(a, field), "second": getattr(b, field)})
    return out
