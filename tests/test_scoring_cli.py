"""The ``score``, ``compare`` and ``gate`` commands, result files and the Python API."""
from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest

from harness.cli import main
from harness.signature import Signature

T0 = "“We will rebuild the pier,” Mayor Ilse Varga told reporters."
T1 = "She said work would start in May."
T2 = "The council met on Tuesday."
A0 = {"speaker": {"start": 28, "end": 44}, "speaker_name": "Ilse Varga", "cue": {"start": 45, "end": 49},
      "content": {"start": 1, "end": 25}, "quote_type": "direct", "source_type": "named_person", "verification": "asserted"}  # fmt: skip
A1 = {"speaker": {"start": 0, "end": 3}, "speaker_name": "Ilse Varga", "cue": {"start": 4, "end": 8},
      "content": {"start": 9, "end": 32}, "quote_type": "indirect", "source_type": "named_person", "verification": "unverified"}  # fmt: skip
GOLD = [
    {"id": "d1-s000", "doc_id": "d1", "sent_index": 0, "text": T0, "phenomena": ["preposed_quote"], "attributions": [A0]},
    {"id": "d1-s001", "doc_id": "d1", "sent_index": 1, "text": T1, "phenomena": ["pronoun_speaker"], "attributions": [A1]},
    {"id": "d2-s000", "doc_id": "d2", "sent_index": 0, "text": T2, "phenomena": [], "attributions": []},
    {"id": "d2-s001", "doc_id": "d2", "sent_index": 1, "text": T0, "phenomena": [], "attributions": [A0]},
]
META = [
    {"doc_id": "d1", "title": "t", "register": "local", "topic": "local_government", "dateline": "X", "split": "test", "license": "CC-BY-4.0", "n_sentences": 2},
    {"doc_id": "d2", "title": "t", "register": "wire", "topic": "transport", "dateline": "X", "split": "test", "license": "CC-BY-4.0", "n_sentences": 2},
]


def jsonl(path: Path, rows) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path):
    gold = jsonl(tmp_path / "test.jsonl", GOLD)
    jsonl(tmp_path / "documents.jsonl", META)
    perfect = jsonl(tmp_path / "perfect.jsonl", [{"id": g["id"], "attributions": g["attributions"]} for g in GOLD])
    weaker = jsonl(
        tmp_path / "weaker.jsonl",
        [{"id": g["id"], "attributions": [dict(a, verification="asserted", speaker_name="Varga") for a in g["attributions"][:1]]}
         for g in GOLD[:3]] + [{"id": "d2-s001", "attributions": []}],
    )  # fmt: skip
    return types.SimpleNamespace(dir=tmp_path, gold=gold, perfect=perfect, weaker=weaker)


def test_table_order_headline_metrics_classes_slices_signature(files, capsys):
    assert main(["score", str(files.weaker), "--gold", str(files.gold), "--bootstrap", "100"]) == 0
    out = capsys.readouterr().out
    order = [out.index(s) for s in ("(system: weaker.jsonl)", "HEADLINE attribution", "attribution_full", "per class: source_type",
                                    "confusion", "slice by phenomenon", "slice by register", "slice by topic", "signature: ")]  # fmt: skip
    assert order == sorted(order)
    assert out.rstrip().splitlines()[-1].startswith("signature: attrib-bench:")
    assert "95% CI" in out and "local_government" in out and "pronoun_speaker" in out


def test_json_output_is_reproducible_and_has_no_date(files, capsys):
    args = ["score", str(files.weaker), "--gold", str(files.gold), "--json", "--bootstrap", "200", "--seed", "9"]
    assert main(args) == 0
    first = capsys.readouterr().out
    assert main(args) == 0
    assert capsys.readouterr().out == first
    payload = json.loads(first)
    assert "date" not in first and "meta" not in payload
    assert payload["metrics"]["attribution"]["tp"] == 2 and payload["metrics"]["attribution"]["fn"] == 1
    sig = Signature.parse(payload["signature"])
    assert (sig.split, sig.match, sig.speaker, sig.bootstrap, sig.seed) == ("custom", "partial", "lenient", 200, 9)


def test_out_writes_a_result_record_with_meta(files, capsys):
    out = files.dir / "results" / "r.json"
    assert main(["score", str(files.perfect), "--gold", str(files.gold), "--out", str(out), "--bootstrap", "50"]) == 0
    record = json.loads(out.read_text(encoding="utf-8"))
    assert set(record) == {"meta", "result"}
    meta = record["meta"]
    assert meta["date"].endswith("Z") and meta["harness_version"] and "numpy" in meta and "git" in meta
    assert meta["command"][:2] == ["attrib-bench", "score"]
    assert record["result"]["metrics"]["attribution"]["f"] == 1.0
    assert record["result"]["signature"] in capsys.readouterr().out
    assert not list(out.parent.glob(".*.tmp"))


def test_not_available_metrics_print_na(files, capsys):
    rows = [dict(g, attributions=[{k: v for k, v in a.items() if k != "verification"} for a in g["attributions"]]) for g in GOLD]
    gold = jsonl(files.dir / "imported.jsonl", rows)
    assert main(["score", str(files.perfect), "--gold", str(gold), "--bootstrap", "0"]) == 0
    out = capsys.readouterr().out
    assert any(l.startswith("verification") and "N/A" in l for l in out.splitlines())
    assert "per class: verification: N/A" in out


@pytest.mark.parametrize(
    "args",
    [
        ["--match", "strict"],
        ["--speaker", "fuzzy"],
        ["--bootstrap", "-5"],
        ["--seed", "x"],
        ["--split", "validation"],
    ],
)
def test_bad_options_exit_2_instead_of_defaulting(files, capsys, args):
    with pytest.raises(SystemExit) as exc:
        main(["score", str(files.perfect), *args])
    assert exc.value.code == 2
    assert "error: argument" in capsys.readouterr().err


def test_split_and_gold_are_exclusive(files):
    with pytest.raises(SystemExit) as exc:
        main(["score", str(files.perfect), "--split", "test", "--gold", str(files.gold)])
    assert exc.value.code == 2


def test_missing_prediction_file_exits_2(files, capsys):
    assert main(["score", str(files.dir / "nope.jsonl"), "--gold", str(files.gold)]) == 2
    assert "file not found" in capsys.readouterr().err


def test_default_system_is_the_rules_baseline(files, capsys, monkeypatch):
    calls = []

    def extract_document(sentences):
        calls.append(len(sentences))
        return [[] for _ in sentences]

    fake = types.ModuleType("baselines.rules")
    fake.extract_document = extract_document
    monkeypatch.setitem(sys.modules, "baselines.rules", fake)
    assert main(["score", "--gold", str(files.gold), "--bootstrap", "0"]) == 0
    out = capsys.readouterr().out
    assert "(system: rules baseline)" in out
    assert sorted(calls) == [2, 2]  # whole documents


def test_compare_reports_paired_p_values(files, capsys):
    assert main(["compare", str(files.weaker), str(files.perfect), "--gold", str(files.gold), "--trials", "200", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    row = payload["metrics"]["attribution"]
    assert row["b"] == 1.0 and row["delta"] > 0
    assert 1 / 201 <= row["p_bootstrap"] <= 1 and 1 / 201 <= row["p_randomization"] <= 1
    assert main(["compare", str(files.weaker), str(files.perfect), "--gold", str(files.gold), "--trials", "50"]) == 0
    out = capsys.readouterr().out
    assert "p(boot)" in out and "p(AR)" in out and "test:paired-bs+ar|trials:50" in out


def test_gate_fails_on_a_drop_beyond_tolerance_and_names_the_metrics(files, capsys):
    baseline = files.dir / "baseline.json"
    assert main(["score", str(files.perfect), "--gold", str(files.gold), "--out", str(baseline), "--bootstrap", "0"]) == 0
    capsys.readouterr()
    assert main(["gate", str(files.perfect), "--baseline", str(baseline), "--max-drop", "0", "--gold", str(files.gold)]) == 0
    assert "gate passed" in capsys.readouterr().out
    code = main(["gate", str(files.weaker), "--baseline", str(baseline), "--max-drop", "1.5", "--gold", str(files.gold)])
    captured = capsys.readouterr()
    assert code == 1
    assert "gate FAILED" in captured.err and "attribution fell" in captured.err and "verification fell" in captured.err
    assert "FAIL" in captured.out


def test_gate_is_one_sided_and_tolerates_small_drops(files, capsys):
    baseline = files.dir / "baseline.json"
    assert main(["score", str(files.weaker), "--gold", str(files.gold), "--out", str(baseline), "--bootstrap", "0"]) == 0
    # an improvement never fails
    assert main(["gate", str(files.perfect), "--baseline", str(baseline), "--max-drop", "0", "--gold", str(files.gold)]) == 0
    # a big tolerance absorbs any drop
    assert main(["gate", str(files.weaker), "--baseline", str(baseline), "--max-drop", "100", "--gold", str(files.gold)]) == 0


def test_gate_refuses_a_baseline_on_other_gold(files, capsys):
    baseline = files.dir / "baseline.json"
    assert main(["score", str(files.perfect), "--gold", str(files.gold), "--out", str(baseline), "--bootstrap", "0"]) == 0
    other = jsonl(files.dir / "other.jsonl", GOLD[:2])
    pred = jsonl(files.dir / "p2.jsonl", [{"id": g["id"], "attributions": []} for g in GOLD[:2]])
    assert main(["gate", str(pred), "--baseline", str(baseline), "--max-drop", "5", "--gold", str(other)]) == 2
    assert "gold data differs" in capsys.readouterr().err


def test_gate_rejects_a_file_that_is_not_a_result(files, capsys):
    bad = files.dir / "bad.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    assert main(["gate", str(files.perfect), "--baseline", str(bad), "--max-drop", "1", "--gold", str(files.gold)]) == 2
    assert "not a score result" in capsys.readouterr().err


def test_evaluate_runs_an_extractor_on_whole_documents(files, monkeypatch):
    from harness.scoring import evaluate
    from harness.schema import Attribution, Span

    monkeypatch.setenv("ATTRIB_BENCH_DATA", str(files.dir))
    seen = []

    def extractor(sentences):
        seen.append(sentences)
        out = []
        for text in sentences:
            if text == T0:
                out.append([Attribution(content=Span(1, 25), speaker_name="Ilse Varga", source_type="named_person")])
            else:
                out.append([])
        return out

    r = evaluate(extractor, "test", bootstrap=0)
    assert [len(s) for s in seen] == [2, 2] and seen[0] == [T0, T1]
    assert r.metrics["attribution"]["tp"] == 2 and r.metrics["attribution"]["fn"] == 1
    assert r.signature.split == "test" and r.system == "test_evaluate_runs_an_extractor_on_whole_documents.<locals>.extractor"
    assert r.slices["register"]["wire"]["r"] == 1.0


def test_evaluate_rejects_invalid_extractor_output(files, monkeypatch):
    from harness.errors import InputError
    from harness.scoring import evaluate

    monkeypatch.setenv("ATTRIB_BENCH_DATA", str(files.dir))
    with pytest.raises(InputError) as exc:
        evaluate(lambda sentences: [[{"content": {"start": 5, "end": 500}}] for _ in sentences], "test", bootstrap=0)
    assert any(p.field == "attributions[0].content.end" for p in exc.value.problems)


def test_json_is_byte_identical_across_processes(files):
    import os
    import subprocess

    outs = []
    for hash_seed in ("1", "2"):
        proc = subprocess.run(
            [sys.executable, "-m", "harness.cli", "score", str(files.weaker), "--gold", str(files.gold), "--json", "--bootstrap", "100"],
            capture_output=True, text=True, cwd=files.dir, env={**os.environ, "PYTHONHASHSEED": hash_seed},
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        outs.append(proc.stdout)
    assert outs[0] == outs[1]


def test_runs_reports_each_run_and_mean_with_sample_sd(files, capsys):
    # perfect: 3 of 3 gold attributions right -> headline F1 1.0.
    # weaker: 2 predicted (d1-s000, d1-s001), both with content and speaker "Varga" right (lenient),
    # d2-s001 missed -> P 2/2, R 2/3, F1 0.8; verification wrong on A1 ("asserted" vs "unverified").
    # mean of (1.0, 0.8) = 0.9; sample sd = sqrt((0.1^2 + 0.1^2) / 1) = 0.141421...
    assert main(["runs", str(files.perfect), str(files.weaker), "--gold", str(files.gold), "--bootstrap", "0", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    head = out["metrics"]["attribution"]
    assert head["f"] == [1.0, 0.8]
    assert head["mean"] == pytest.approx(0.9)
    assert head["sd"] == pytest.approx(0.141421, abs=1e-6)
    assert out["runs"] == [str(files.perfect), str(files.weaker)]
    assert out["signature"].endswith("boot:0|seed:12345")
    assert main(["runs", str(files.perfect), str(files.weaker), "--gold", str(files.gold), "--bootstrap", "50"]) == 0
    text = capsys.readouterr().out
    assert "90.0 ± 14.1" in text and "run 2: " in text and text.rstrip().splitlines()[-1].startswith("signature: ")
    assert main(["runs", str(files.perfect), str(files.weaker), "--gold", str(files.gold), "--markdown"]) == 0
    md = capsys.readouterr().out
    assert md.splitlines()[2].startswith("| **attribution** (headline) | 100.0 [") and md.splitlines()[2].endswith("| 90.0 ± 14.1 |")


def test_runs_rejects_a_single_run_and_a_bad_file_before_printing(files, tmp_path, capsys):
    assert main(["runs", str(files.perfect), "--gold", str(files.gold)]) == 2
    assert "at least two runs" in capsys.readouterr().err
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "d1-s000", "attributions": []}\nnot json\n', encoding="utf-8")
    assert main(["runs", str(files.perfect), str(bad), "--gold", str(files.gold)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "bad.jsonl:2" in captured.err


def test_a_directory_where_a_file_is_expected_is_a_clear_error(files, capsys):
    assert main(["score", str(files.dir), "--gold", str(files.gold)]) == 2
    assert "not a file" in capsys.readouterr().err
    assert main(["runs", str(files.perfect), str(files.dir), "--gold", str(files.gold)]) == 2
    assert "not a file" in capsys.readouterr().err
    assert main(["extract", str(files.dir)]) == 2
    err = capsys.readouterr().err
    assert "Is a directory" in err and "Traceback" not in err
    article = files.dir / "article.txt"
    article.write_text("“We will rebuild,” said Mayor Ilse Varga.", encoding="utf-8")
    assert main(["extract", str(article), "--int8"]) == 2
    assert "--int8 applies to --system transformer only" in capsys.readouterr().err
