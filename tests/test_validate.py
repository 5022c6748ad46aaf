"""Malformed submissions and gold files: rejected as a whole, exit 2, every problem
listed with file, line and field, no traceback, nothing written."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from harness.cli import main
from harness.errors import InputError
from harness.validate import read_gold, read_submission

TEXT0 = "“We will rebuild the pier,” Mayor Ilse Varga told reporters."
TEXT1 = "The council met on Tuesday."
ATTR = {
    "speaker": {"start": 28, "end": 44},
    "speaker_name": "Ilse Varga",
    "cue": {"start": 45, "end": 49},
    "content": {"start": 1, "end": 25},
    "quote_type": "direct",
    "source_type": "named_person",
    "verification": "asserted",
}
GOLD = [
    {"id": "d1-s000", "doc_id": "d1", "sent_index": 0, "text": TEXT0, "phenomena": ["preposed_quote"], "attributions": [ATTR]},
    {"id": "d1-s001", "doc_id": "d1", "sent_index": 1, "text": TEXT1, "phenomena": [], "attributions": []},
]


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


def good_line(i: int, **changes) -> str:
    row = {"id": GOLD[i]["id"], "attributions": [dict(ATTR)] if i == 0 else []}
    row.update(changes)
    return dumps(row)


def with_attr(**changes) -> str:
    a = dict(ATTR)
    for k, v in changes.items():
        if v is _DROP:
            a.pop(k)
        else:
            a[k] = v
    return dumps({"id": "d1-s000", "attributions": [a]})


_DROP = object()


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(dumps(r) + "\n" for r in GOLD), encoding="utf-8")
    return path


def write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "pred.jsonl"
    if isinstance(content, str):
        content = content.encode("utf-8", "surrogatepass")
    path.write_bytes(content)
    return path


# (name, file content, expected "line: field" fragment, expected message fragment)
MALFORMED = [
    ("not json", good_line(0) + "\n{id: 'x'}\n", ":2: json", "not valid JSON"),
    ("bom", "\ufeff" + good_line(0) + "\n" + good_line(1) + "\n", ":1: file", "byte-order mark"),
    ("blank line", good_line(0) + "\n\n" + good_line(1) + "\n", ":2: line", "blank line"),
    ("trailing blank line", good_line(0) + "\n" + good_line(1) + "\n \n", ":3: line", "blank line"),
    ("array not object", good_line(0) + "\n[1, 2]\n", ":2: line", "must be a JSON object"),
    ("missing id", good_line(0) + '\n{"attributions": []}\n', ":2: id", "missing required field"),
    ("id not a string", good_line(0) + '\n{"id": 7, "attributions": []}\n', ":2: id", "must be a string"),
    ("duplicate id", good_line(0) + "\n" + good_line(1) + "\n" + good_line(1) + "\n", ":3: id", "duplicate id 'd1-s001' (first on line 2)"),
    ("extra id", good_line(0) + "\n" + good_line(1) + '\n{"id": "d9-s000", "attributions": []}\n', ":3: id", "not a sentence of the gold file"),
    ("missing sentence", good_line(0) + "\n", "pred.jsonl: id", "gold.jsonl line 2)"),
    ("attributions not a list", good_line(0) + "\n" + good_line(1, attributions={}) + "\n", ":2: attributions", "must be an array"),
    ("attributions missing", good_line(0) + '\n{"id": "d1-s001"}\n', ":2: attributions", "missing required field"),
    ("attribution not an object", good_line(0, attributions=["x"]) + "\n" + good_line(1) + "\n", ":1: attributions[0]", "must be an object"),
    ("content missing", with_attr(content=_DROP) + "\n" + good_line(1) + "\n", ":1: attributions[0].content", "missing required field"),
    ("content null", with_attr(content=None) + "\n" + good_line(1) + "\n", ":1: attributions[0].content", "must not be null"),
    ("start > end", with_attr(content={"start": 9, "end": 3}) + "\n" + good_line(1) + "\n", ":1: attributions[0].content", "start 9 > end 3"),
    ("empty span", with_attr(cue={"start": 5, "end": 5}) + "\n" + good_line(1) + "\n", ":1: attributions[0].cue", "empty span"),
    ("end out of range", with_attr(content={"start": 1, "end": 99}) + "\n" + good_line(1) + "\n", ":1: attributions[0].content.end", "beyond the sentence text (length 60)"),
    ("negative start", with_attr(speaker={"start": -1, "end": 4}) + "\n" + good_line(1) + "\n", ":1: attributions[0].speaker.start", "negative offset"),
    ("bool as int", with_attr(content={"start": True, "end": 25}) + "\n" + good_line(1) + "\n", ":1: attributions[0].content.start", "boolean"),
    ("float offset", with_attr(content={"start": 1.0, "end": 25}) + "\n" + good_line(1) + "\n", ":1: attributions[0].content.start", "must be an integer"),
    ("string offset", with_attr(content={"start": "1", "end": 25}) + "\n" + good_line(1) + "\n", ":1: attributions[0].content.start", "must be an integer"),
    ("span missing end", with_attr(content={"start": 1}) + "\n" + good_line(1) + "\n", ":1: attributions[0].content.end", "missing"),
    ("span extra key", with_attr(content={"start": 1, "end": 25, "text": "We"}) + "\n" + good_line(1) + "\n", ":1: attributions[0].content.text", "unknown key in span"),
    ("span not an object", with_attr(cue=[45, 49]) + "\n" + good_line(1) + "\n", ":1: attributions[0].cue", "must be an object"),
    ("label wrong case", with_attr(quote_type="Direct") + "\n" + good_line(1) + "\n", ":1: attributions[0].quote_type", "did you mean 'direct'"),
    ("unknown label", with_attr(source_type="politician") + "\n" + good_line(1) + "\n", ":1: attributions[0].source_type", "unknown label 'politician'"),
    ("label not a string", with_attr(verification=1) + "\n" + good_line(1) + "\n", ":1: attributions[0].verification", "must be a string label"),
    ("nan score", good_line(0).replace('"asserted"}', '"asserted", "score": NaN}') + "\n" + good_line(1) + "\n", ":1: attributions[0].score", "non-finite"),
    ("infinite score", good_line(0).replace('"asserted"}', '"asserted", "score": Infinity}') + "\n" + good_line(1) + "\n", ":1: attributions[0].score", "non-finite"),
    ("bool score", with_attr(score=True) + "\n" + good_line(1) + "\n", ":1: attributions[0].score", "boolean"),
    ("name not a string", with_attr(speaker_name=["Ilse"]) + "\n" + good_line(1) + "\n", ":1: attributions[0].speaker_name", "must be a string"),
    ("empty name", with_attr(speaker_name="  ") + "\n" + good_line(1) + "\n", ":1: attributions[0].speaker_name", "empty name"),
    ("unknown top-level key", good_line(0, system="x") + "\n" + good_line(1) + "\n", ":1: system", "unknown field"),
    ("unknown attribution key", with_attr(confidence=0.9) + "\n" + good_line(1) + "\n", ":1: attributions[0].confidence", "unknown field"),
    ("text differs", good_line(0, text=TEXT0.replace("pier", "port")) + "\n" + good_line(1) + "\n", ":1: text", "differs from the gold sentence text at character 22"),
    # "\ud83d" escaped in ASCII JSON: a lone UTF-16 surrogate after decoding
    ("utf-16 surrogate in text", json.dumps({"id": "d1-s000", "attributions": [], "text": "\ud83d" + TEXT0[1:]}) + "\n" + good_line(1) + "\n", ":1: text", "unpaired surrogate"),
    ("doc_id differs", good_line(0, doc_id="d2") + "\n" + good_line(1) + "\n", ":1: doc_id", "does not match the gold record"),
    ("unknown phenomenon", good_line(0, phenomena=["gossip"]) + "\n" + good_line(1) + "\n", ":1: phenomena", "unknown phenomenon tag"),
]


@pytest.mark.parametrize("content, where, message", [m[1:] for m in MALFORMED], ids=[m[0] for m in MALFORMED])
def test_malformed_submission_exits_2_naming_line_and_field(tmp_path, gold_file, capsys, content, where, message):
    pred = write(tmp_path, content)
    out_file = tmp_path / "result.json"
    code = main(["score", str(pred), "--gold", str(gold_file), "--bootstrap", "0", "--out", str(out_file)])
    captured = capsys.readouterr()
    assert code == 2
    assert f"submission {pred} rejected" in captured.err
    lines = [l for l in captured.err.splitlines() if where in l and message in l]
    assert lines, captured.err
    assert "Traceback" not in captured.err and captured.out == ""
    assert not out_file.exists()  # nothing written
    assert code == main(["validate", str(pred), "--gold", str(gold_file)])


def test_the_table_has_at_least_15_cases():
    assert len(MALFORMED) >= 15


def test_invalid_utf8_is_reported_with_its_line(tmp_path, gold_file, capsys):
    pred = write(tmp_path, good_line(0).encode() + b"\n" + b'{"id": "d1-s001", "attributions": [], "x": "\xff"}\n')
    assert main(["validate", str(pred), "--gold", str(gold_file)]) == 2
    assert ":2: line: not valid UTF-8" in capsys.readouterr().err


def test_empty_submission(tmp_path, gold_file, capsys):
    pred = write(tmp_path, "")
    assert main(["validate", str(pred), "--gold", str(gold_file)]) == 2
    err = capsys.readouterr().err
    assert "file is empty" in err and "no line for sentence 'd1-s000'" in err


def test_every_problem_is_listed_at_once(tmp_path, gold_file):
    content = with_attr(quote_type="Direct", content={"start": 1, "end": 999}) + "\n" + "not json\n" + good_line(1) + "\n" + good_line(1) + "\n"
    pred = write(tmp_path, content)
    gold = read_gold(gold_file)
    with pytest.raises(InputError) as exc:
        read_submission(pred, gold)
    fields = [(p.line, p.field) for p in exc.value.problems]
    assert (1, "attributions[0].content.end") in fields
    assert (1, "attributions[0].quote_type") in fields
    assert (2, "json") in fields
    assert (4, "id") in fields


def test_wrong_split_gets_a_hint(tmp_path, gold_file, capsys):
    pred = write(tmp_path, '{"id": "x-s000", "attributions": []}\n')
    assert main(["validate", str(pred), "--gold", str(gold_file)]) == 2
    assert "another split" in capsys.readouterr().err


def test_offsets_counted_in_utf8_bytes_get_a_hint(tmp_path, gold_file, capsys):
    # TEXT0 is 60 code points but 66 UTF-8 bytes: an end of 63 hints at byte offsets.
    pred = write(tmp_path, with_attr(content={"start": 1, "end": 63}) + "\n" + good_line(1) + "\n")
    assert main(["validate", str(pred), "--gold", str(gold_file)]) == 2
    assert "offsets count code points" in capsys.readouterr().err


def test_valid_submission_passes_and_crlf_and_carried_fields_are_fine(tmp_path, gold_file, capsys):
    pred = write(tmp_path, good_line(0, text=TEXT0, doc_id="d1", sent_index=0) + "\r\n" + good_line(1) + "\r\n")
    assert main(["validate", str(pred), "--gold", str(gold_file)]) == 0
    assert "valid submission" in capsys.readouterr().out
    # the gold file itself is a valid submission
    assert main(["validate", str(gold_file), "--gold", str(gold_file)]) == 0


@pytest.mark.parametrize(
    "rows, where, message",
    [
        ([GOLD[0], GOLD[0]], ":2: id", "duplicate id"),
        ([GOLD[0], dict(GOLD[1], sent_index=5)], ":1: sent_index", "not numbered 0..1"),
        ([dict(GOLD[0], attributions=[dict(ATTR, source_type="Named_Person")])], ":1: attributions[0].source_type", "did you mean"),
        ([dict(GOLD[0], attributions=[dict(ATTR, score=1.0)])], ":1: attributions[0].score", "unknown field"),
        ([dict(GOLD[0], text=None)], ":1: text", "must be a non-empty string"),
    ],
)
def test_malformed_gold_exits_2(tmp_path, capsys, rows, where, message):
    gold = tmp_path / "bad_gold.jsonl"
    gold.write_text("".join(dumps(r) + "\n" for r in rows), encoding="utf-8")
    pred = write(tmp_path, good_line(0) + "\n")
    assert main(["score", str(pred), "--gold", str(gold)]) == 2
    err = capsys.readouterr().err
    assert f"gold file {gold} rejected" in err
    assert any(where in l and message in l for l in err.splitlines()), err


def test_submission_content_is_never_executed(tmp_path, gold_file, capsys):
    evil = good_line(0, attributions='__import__("os").system("touch /tmp/pwned")')
    pred = write(tmp_path, evil + "\n" + good_line(1) + "\n")
    assert main(["validate", str(pred), "--gold", str(gold_file)]) == 2
    assert ":1: attributions: must be an array, got string" in capsys.readouterr().err


def test_real_subprocess_exit_code_and_clean_stderr(tmp_path, gold_file):
    pred = write(tmp_path, with_attr(content={"start": 30, "end": 30}) + "\n")
    proc = subprocess.run(
        [sys.executable, "-m", "harness.cli", "score", str(pred), "--gold", str(gold_file), "--bootstrap", "0"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert ":1: attributions[0].content: empty span" in proc.stderr
    assert "no line for sentence 'd1-s001'" in proc.stderr
    assert proc.stdout == ""
