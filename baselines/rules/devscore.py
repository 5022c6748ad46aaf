"""Private development scorer for the rule baseline (not the official scorer).

Reads train/dev documents straight from ``data/source/*.yaml`` (the corpus grows while the
built files lag behind), runs the extractor and prints approximate metrics: content partial
match = token Jaccard ≥ 0.5 of normalised contents, one-to-one greedy; lenient speaker =
name token F1 ≥ 0.5. Never run on test documents.

    .venv/bin/python -m baselines.rules.devscore --split dev [--errors N] [--field source_type]
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from harness.authoring import parse_source
from harness.corpus import data_dir, split_for
from harness.schema import Document

_QUOTES = "\"'“”‘’„‚«»‹›‟′″"
_TITLES = {"mr", "mrs", "ms", "dr", "prof", "professor", "major", "president", "minister", "mayor", "general", "gen",
           "colonel", "col", "captain", "capt", "lt", "sgt", "sir", "judge", "senator", "governor", "chief", "police"}


def norm_tokens(text: str) -> list[str]:
    text = text.strip().strip(_QUOTES + " .,;:!?").lower()
    return re.findall(r"\w+", text)


def name_tokens(text: str | None) -> list[str]:
    toks = re.findall(r"\w+", (text or "").lower())
    while toks and toks[0] in ("a", "an", "the"):
        toks = toks[1:]
    return [t for t in toks if t not in _TITLES]


def jaccard(a: list[str], b: list[str]) -> float:
    sa, sb = set(a), set(b)
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)


def token_f1(a: list[str], b: list[str]) -> float:
    if not a or not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    if not common:
        return 0.0
    p, r = common / len(a), common / len(b)
    return 2 * p * r / (p + r)


def load_source_documents(split: str) -> list[Document]:
    docs = []
    for path in sorted((data_dir() / "source").glob("*.yaml")):
        if split_for(path.stem) != split:
            continue
        meta, records, problems = parse_source(path)
        if problems or not records:
            continue
        docs.append(Document(meta=meta, doc_id=path.stem, sentences=tuple(records)))
    return docs


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(docs: list[Document], extractor, errors: int = 0, field: str | None = None, out=sys.stdout) -> dict:
    c = Counter()
    confusion: Counter = Counter()
    shown = 0
    for doc in docs:
        texts = [s.text for s in doc.sentences]
        preds = extractor(texts)
        for rec, pred in zip(doc.sentences, preds):
            gold = list(rec.attributions)
            c["gold"] += len(gold)
            c["pred"] += len(pred)
            c["sent_gold"] += bool(gold)
            c["sent_pred"] += bool(pred)
            c["sent_tp"] += bool(gold) and bool(pred)
            pairs = []
            for gi, g in enumerate(gold):
                gt = norm_tokens(g.content.text(rec.text))
                for pi, p in enumerate(pred):
                    j = jaccard(gt, norm_tokens(p.content.text(rec.text)))
                    if j >= 0.5:
                        pairs.append((j, gi, pi))
            pairs.sort(reverse=True)
            ug, up, matched = set(), set(), []
            for j, gi, pi in pairs:
                if gi in ug or pi in up:
                    continue
                ug.add(gi)
                up.add(pi)
                matched.append((gold[gi], pred[pi]))
            c["content"] += len(matched)
            for g, p in matched:
                sp_ok = token_f1(name_tokens(g.speaker_name), name_tokens(p.speaker_name)) >= 0.5
                c["speaker"] += sp_ok
                c["head"] += sp_ok
                for f in ("source_type", "verification", "quote_type"):
                    ok = getattr(g, f) == getattr(p, f)
                    c[f] += ok
                    if f == field:
                        confusion[(getattr(g, f), getattr(p, f))] += 1
                c["full"] += sp_ok and g.source_type == p.source_type and g.verification == p.verification
                if errors and shown < errors and field == "speaker" and not sp_ok:
                    shown += 1
                    print(f"SPK {rec.id}: gold={g.speaker_name!r} pred={p.speaker_name!r} | {rec.text}", file=out)
                if errors and shown < errors and field in ("source_type", "verification", "quote_type") and getattr(g, field) != getattr(p, field):
                    shown += 1
                    print(f"{field.upper()} {rec.id}: gold={getattr(g, field)} pred={getattr(p, field)} "
                          f"[{g.speaker_name}] | {rec.text}", file=out)
            if errors and shown < errors and field in (None, "content"):
                for gi, g in enumerate(gold):
                    if gi not in ug:
                        shown += 1
                        print(f"MISS {rec.id}: [{g.speaker_name}] {g.content.text(rec.text)!r} | {rec.text}", file=out)
                for pi, p in enumerate(pred):
                    if pi not in up:
                        shown += 1
                        print(f"FP   {rec.id}: [{p.speaker_name}] {p.content.text(rec.text)!r} | {rec.text}", file=out)
    res = {}
    for key in ("content", "head", "full"):
        res[key] = prf(c[key], c["pred"], c["gold"])
    res["detection"] = prf(c["sent_tp"], c["sent_pred"], c["sent_gold"])
    for key in ("speaker", "source_type", "verification", "quote_type"):
        res[key + "_acc"] = c[key] / c["content"] if c["content"] else 0.0
    res["n_gold"], res["n_pred"] = c["gold"], c["pred"]
    if field and confusion:
        res["confusion"] = dict(confusion.most_common(20))
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=("train", "dev"))
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--field", default=None)
    args = ap.parse_args(argv)
    from baselines.rules import RuleExtractor

    docs = load_source_documents(args.split)
    res = evaluate(docs, RuleExtractor(), args.errors, args.field)
    print(f"{args.split}: {len(docs)} docs, gold {res['n_gold']}, pred {res['n_pred']}")
    for k, v in res.items():
        if isinstance(v, tuple):
            print(f"  {k:14s} P {v[0]:.3f}  R {v[1]:.3f}  F1 {v[2]:.3f}")
        elif isinstance(v, float):
            print(f"  {k:14s} {v:.3f}")
        elif k == "confusion":
            for pair, n in v.items():
                print(f"    {pair}: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
