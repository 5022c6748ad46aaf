"""`compare` shows what changed between two systems: deltas per phenomenon and the sentences that flipped;
`score --plots` writes the PNGs."""
import json

from harness.cli import main

TEXTS = [
    "“We won,” said Ada Brook.",
    "Officials said the road was shut.",
    "Nothing happened.",
]


def _span(text, sub):
    i = text.index(sub)
    return {"start": i, "end": i + len(sub)}


def _attr(text, speaker, name, cue, content, quote, source):
    return {"speaker": _span(text, speaker), "speaker_name": name, "cue": _span(text, cue), "content": _span(text, content),
            "quote_type": quote, "source_type": source, "verification": "asserted"}


GOLD_ATTRS = [
    [_attr(TEXTS[0], "Ada Brook", "Ada Brook", "said", "We won", "direct", "named_person")],
    [_attr(TEXTS[1], "Officials", "officials", "said", "the road was shut", "indirect", "anonymous")],
    [],
]
TAGS = [["preposed_quote", "postposed_speaker"], ["anonymous_source"], []]


def _write(tmp_path, name, rows):
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def _files(tmp_path):
    gold = [{"id": f"c1-s{k:03d}", "doc_id": "c1", "sent_index": k, "text": t, "phenomena": TAGS[k], "attributions": GOLD_ATTRS[k]}
            for k, t in enumerate(TEXTS)]
    gold_path = _write(tmp_path, "gold.jsonl", gold)
    a = _write(tmp_path, "a.jsonl", [{"id": g["id"], "attributions": g["attributions"]} for g in gold])
    b_rows = [{"id": g["id"], "attributions": g["attributions"]} for g in gold]
    wrong = dict(GOLD_ATTRS[1][0], speaker_name="the road authority", speaker=None)  # speaker wrong -> headline miss
    b_rows[1] = {"id": gold[1]["id"], "attributions": [wrong]}
    b_rows[2] = {"id": gold[2]["id"], "attributions": [dict(GOLD_ATTRS[1][0], content={"start": 0, "end": 7}, speaker=None, cue=None)]}
    b = _write(tmp_path, "b.jsonl", b_rows)
    return gold_path, a, b


def test_compare_lists_lost_sentences_and_phenomenon_deltas(tmp_path, capsys):
    gold, a, b = _files(tmp_path)
    assert main(["compare", a, b, "--gold", gold, "--json", "--trials", "50"]) == 0
    out = json.loads(capsys.readouterr().out)
    flipped = out["flipped"]
    # sentence 1: speaker wrong in B; sentence 2: a spurious attribution in B
    assert (flipped["lost"], flipped["gained"]) == (2, 0)
    assert [e["id"] for e in flipped["lost_examples"]] == ["c1-s001", "c1-s002"]
    phen = out["phenomena"]
    assert phen["anonymous_source"] == {"sentences": 1, "a": 1.0, "b": 0.0, "delta": -1.0}
    assert phen["preposed_quote"]["delta"] == 0.0
    # B: 1 of 3 predictions right (P 1/3), 1 of 2 gold found (R 1/2) -> F1 = 0.4
    assert out["metrics"]["attribution"]["a"] == 1.0 and out["metrics"]["attribution"]["b"] == 0.4


def test_compare_reversed_shows_gains_and_text_output(tmp_path, capsys):
    gold, a, b = _files(tmp_path)
    assert main(["compare", b, a, "--gold", gold, "--trials", "50", "--show", "1"]) == 0
    text = capsys.readouterr().out
    assert "lost 0, gained 2" in text
    assert "gained c1-s001" in text and "c1-s002" not in text.split("gained c1-s001")[1].split("signature")[0]
    assert "anonymous_source" in text and "+100.0" in text


def test_score_plots_writes_pngs(tmp_path, capsys):
    gold, a, _ = _files(tmp_path)
    out_dir = tmp_path / "plots"
    assert main(["score", a, "--gold", gold, "--bootstrap", "0", "--plots", str(out_dir)]) == 0
    pngs = sorted(p.name for p in out_dir.glob("*.png"))
    assert pngs == ["confusion_source_type.png", "confusion_verification.png", "phenomenon_recall.png"]
    assert all((out_dir / p).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)
