"""Scorer benchmark on a synthetic gold + prediction pair (seeded, default 100,000 sentences).

Reports, in one run:

- **parse**: reading both files and ``json.loads`` of every line (the floor any
  scorer pays);
- **validate+score**: ``harness.scoring.score`` from the two paths with no
  bootstrap (reads, validates both files, aligns, counts, all metrics);
  target <= 3x parse;
- **bootstrap**: the extra time of 1,000 document resamples for the 95%
  intervals of every main metric; target <= 1x parse.

Usage::

    .venv/bin/python benchmarks/bench_scorer.py [--sentences 100000] [--seed 0] [--repeat 5]

The three timings are interleaved in each of ``--repeat`` rounds (after one
warm-up run); the report gives the best time of each and the median of the
per-round ratios, which is robust to other load on the machine.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harness.schema import QUOTE_TYPES, SOURCE_TYPES, VERIFICATION_STATUSES  # noqa: E402

WORDS = (
    "the council said on Tuesday that a new bridge would open next year after delays and the "
    "minister told reporters officials expect costs to rise while residents remain sceptical about "
    "plans for port harbour strike union company report figures show growth in March"
).split()
NAMES = ["Ilse Varga", "Aldo Ferri", "Lena Hart", "Marta Zielonka", "the Harbour Authority", "sources", "Dana Whitcomb"]


def _sentence(rng: random.Random) -> tuple[str, list[dict]]:
    n_attr = rng.choices([0, 1, 2, 3], weights=[55, 33, 9, 3])[0]
    if n_attr == 0:
        words = [rng.choice(WORDS) for _ in range(rng.randint(12, 30))]
        return " ".join(words).capitalize() + ".", []
    parts: list[str] = []
    attrs = []
    for _ in range(n_attr):
        name = rng.choice(NAMES)
        content = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 14)))
        prefix = (" ".join(parts) + " ") if parts else ""
        speaker_start = len(prefix)
        clause = f"{name} said “{content},”"
        s_end = speaker_start + len(name)
        cue = (s_end + 1, s_end + 5)
        c_start = cue[1] + 2
        attrs.append(
            {
                "speaker": {"start": speaker_start, "end": s_end},
                "speaker_name": name.replace("the ", "") if rng.random() < 0.5 else name,
                "cue": {"start": cue[0], "end": cue[1]},
                "content": {"start": c_start, "end": c_start + len(content)},
                "quote_type": rng.choice(QUOTE_TYPES),
                "source_type": rng.choice(SOURCE_TYPES),
                "verification": rng.choice(VERIFICATION_STATUSES),
            }
        )
        parts.append(clause)
    return " ".join(parts) + " officials added.", attrs


def _prediction(rng: random.Random, text: str, gold: list[dict]) -> list[dict]:
    out = []
    for a in gold:
        if rng.random() < 0.2:
            continue  # missed
        p = json.loads(json.dumps(a))
        if rng.random() < 0.3:  # boundary error
            p["content"]["end"] = max(p["content"]["start"] + 1, p["content"]["end"] - rng.randint(1, 10))
        if rng.random() < 0.3:
            p["source_type"] = rng.choice(SOURCE_TYPES)
        if rng.random() < 0.2:
            p["speaker_name"] = rng.choice(NAMES)
        if rng.random() < 0.3:
            del p["cue"]
        p["score"] = round(rng.random(), 3)
        out.append(p)
    if rng.random() < 0.1 and len(text) > 10:  # spurious
        s = rng.randint(0, len(text) - 5)
        out.append({"content": {"start": s, "end": min(len(text), s + rng.randint(3, 40))}, "speaker_name": rng.choice(NAMES)})
    if rng.random() < 0.05 and out:  # two predictions competing for one gold
        out.append(dict(out[0]))
    return out


def generate(n_sentences: int, seed: int, folder: Path) -> tuple[Path, Path]:
    rng = random.Random(seed)
    gold_lines, pred_lines = [], []
    doc = sent = 0
    doc_len = rng.randint(8, 40)
    for _ in range(n_sentences):
        if sent == doc_len:
            doc, sent, doc_len = doc + 1, 0, rng.randint(8, 40)
        text, attrs = _sentence(rng)
        sid = f"b{doc:06d}-s{sent:03d}"
        gold_lines.append(
            json.dumps({"id": sid, "doc_id": f"b{doc:06d}", "sent_index": sent, "text": text, "phenomena": [], "attributions": attrs}, ensure_ascii=False)
        )
        pred_lines.append(json.dumps({"id": sid, "attributions": _prediction(rng, text, attrs)}, ensure_ascii=False))
        sent += 1
    order = list(range(len(pred_lines)))
    rng.shuffle(order)  # submissions need not follow gold order
    gold_path, pred_path = folder / "gold.jsonl", folder / "pred.jsonl"
    gold_path.write_text("\n".join(gold_lines) + "\n", encoding="utf-8")
    pred_path.write_text("\n".join(pred_lines[i] for i in order) + "\n", encoding="utf-8")
    return gold_path, pred_path


def _parse(*paths: Path) -> int:
    n = 0
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                json.loads(line)
                n += 1
    return n


def _timed(fn) -> tuple[float, object]:
    t = time.perf_counter()
    value = fn()
    return time.perf_counter() - t, value


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sentences", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--resamples", type=int, default=1000)
    args = ap.parse_args(argv)

    from harness.scoring import score
    from harness.significance import bootstrap_ci

    with tempfile.TemporaryDirectory() as tmp:
        gold, pred = generate(args.sentences, args.seed, Path(tmp))
        size = (gold.stat().st_size + pred.stat().st_size) / 1e6
        score(gold, pred, bootstrap=0, metadata={})  # warm-up: imports (scipy) and caches
        rounds = []
        for _ in range(args.repeat):  # interleaved, so that each ratio compares like with like
            t_parse, _ = _timed(lambda: _parse(gold, pred))
            t_score, result = _timed(lambda: score(gold, pred, bootstrap=0, metadata={}))
            t_boot, _ = _timed(lambda: bootstrap_ci(result.doc_counts, args.resamples, 12345))
            rounds.append((t_parse, t_score, t_boot))

    parse_s, score_s, boot_s = (min(r[i] for r in rounds) for i in range(3))
    score_ratio = statistics.median(r[1] / r[0] for r in rounds)
    boot_ratio = statistics.median(r[2] / r[0] for r in rounds)
    s = result.summary
    print(f"synthetic pair: {s['sentences']} sentences, {s['documents']} documents, "
          f"{s['gold_attributions']} gold / {s['predicted_attributions']} predicted attributions, {size:.1f} MB")
    print(f"{args.repeat} interleaved rounds; times are the best round, ratios the median of per-round ratios")
    print(f"parse (read + json.loads, both files):   {parse_s:7.3f} s")
    print(f"validate + score (no bootstrap):         {score_s:7.3f} s  = {score_ratio:4.2f} x parse  (target <= 3)")
    print(f"bootstrap, {args.resamples} resamples (extra):      {boot_s:7.3f} s  = {boot_ratio:4.2f} x parse  (target <= 1)")
    print(f"headline attribution F1 = {100 * result.metrics['attribution']['f']:.1f}  ({result.signature})")
    ok = score_ratio <= 3 and boot_ratio <= 1
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
