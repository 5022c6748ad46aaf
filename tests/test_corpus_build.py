"""The authoring format, the deterministic build, `data check` and split stability."""
import json
import textwrap
from pathlib import Path

import pytest

from harness.build import build_corpus, check_corpus, write_corpus
from harness.cli import main
from harness.corpus import load_documents, split_for
from harness.errors import InputError

GOOD = """\
doc_id: {doc_id}
title: Ferry fares to rise
register: local
topic: transport
dateline: "OBAN, Scotland, May 2"
sentences:
  - "The island ferry will cost more from June."
  - text: "“Fares go up by a tenth,” said Ivo Brandt, the operator's manager."
    phenomena: [preposed_quote, postposed_speaker]
    attributions:
      - speaker: Ivo Brandt
        speaker_name: Ivo Brandt
        cue: said
        content: Fares go up by a tenth
        quote_type: direct
        source_type: named_person
        verification: asserted
  - text: "He said the fuel bill had doubled, and he said it twice."
    phenomena: [pronoun_speaker]
    attributions:
      - speaker: {{text: He, occurrence: 1}}
        speaker_name: Ivo Brandt
        cue: {{text: said, occurrence: 1}}
        content: the fuel bill had doubled
        quote_type: indirect
        source_type: named_person
        verification: asserted
"""


def write_source(root: Path, doc_id: str, text: str | None = None) -> Path:
    (root / "source").mkdir(parents=True, exist_ok=True)
    path = root / "source" / f"{doc_id}.yaml"
    path.write_text(text if text is not None else GOOD.format(doc_id=doc_id), encoding="utf-8")
    return path


def problems_for(root: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        build_corpus(root)
    return [str(p) for p in info.value.problems]


def test_good_source_builds_offsets_that_point_at_the_strings(tmp_path):
    root = tmp_path / "data"
    write_source(root, "x0001")
    files = build_corpus(root)
    split = split_for("x0001")
    rows = [json.loads(line) for line in files[f"{split}.jsonl"].decode().splitlines()]
    assert [r["id"] for r in rows] == ["x0001-s000", "x0001-s001", "x0001-s002"]
    quote = rows[1]
    a = quote["attributions"][0]
    assert quote["text"][a["speaker"]["start"] : a["speaker"]["end"]] == "Ivo Brandt"
    assert quote["text"][a["content"]["start"] : a["content"]["end"]] == "Fares go up by a tenth"
    he = rows[2]["attributions"][0]
    assert (he["speaker"], he["cue"]) == ({"start": 0, "end": 2}, {"start": 3, "end": 7})
    meta = json.loads(files["documents.jsonl"].decode())
    assert meta == {
        "doc_id": "x0001", "title": "Ferry fares to rise", "register": "local", "topic": "transport",
        "dateline": "OBAN, Scotland, May 2", "split": split, "license": "CC-BY-4.0", "n_sentences": 3,
    }


def test_build_is_byte_identical_when_repeated(tmp_path):
    root = tmp_path / "data"
    for i in range(5):
        write_source(root, f"x{i:04d}")
    assert build_corpus(root) == build_corpus(root)


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("content: Fares go up by a tenth", "content: Fares go up by a fifth", "attributions[0].content: span 'Fares go up by a fifth' not found"),
        ("cue: {text: said, occurrence: 1}", "cue: said", "attributions[0].cue: span 'said' occurs 2 times"),
        ("cue: {text: said, occurrence: 1}", "cue: {text: said, occurrence: 3}", "occurrence 3 of 'said', but it occurs 2 time(s)"),
        ("source_type: named_person\n        verification: asserted\n  - text: \"He", "source_type: person\n        verification: asserted\n  - text: \"He", "attributions[0].source_type: unknown label 'person'"),
        ("verification: asserted\n  - text: \"He", "verification: Asserted\n  - text: \"He", "attributions[0].verification: unknown label 'Asserted'"),
        ("quote_type: direct", "quote_type: verbatim", "attributions[0].quote_type: unknown label 'verbatim'"),
        ("phenomena: [pronoun_speaker]", "phenomena: [pronoun]", "phenomena: unknown label 'pronoun'"),
        ("register: local", "register: blog", "register: unknown label 'blog'"),
        ("      - speaker: Ivo Brandt\n        speaker_name: Ivo Brandt\n", "      - speaker: Ivo Brandt\n", "attributions[0].speaker_name: missing required field"),
        ("speaker_name: Ivo Brandt\n        cue: said", "speaker_name: \"  \"\n        cue: said", "speaker_name: missing speaker_name"),
        ("title: Ferry fares to rise\n", "", "title: missing required field"),
        ("        verification: asserted\n  - text: \"He", "        verification: asserted\n        confidence: 1\n  - text: \"He", "attributions[0].confidence: unknown field"),
        ("dateline: \"OBAN", "dateline: [\"OBAN", "yaml:"),
    ],
)
def test_each_build_error_names_file_line_and_field(tmp_path, old, new, expected):
    root = tmp_path / "data"
    good = GOOD.format(doc_id="x0001")
    assert old in good
    write_source(root, "x0001", good.replace(old, new, 1))
    found = problems_for(root)
    assert any(expected in p and p.startswith("data/source/x0001.yaml:") for p in found), found
    # every problem carries a line number
    assert all(p.split(":")[1].strip().isdigit() for p in found), found


def test_duplicate_attribution_is_rejected(tmp_path):
    root = tmp_path / "data"
    good = GOOD.format(doc_id="x0001")
    start = good.index("      - speaker: Ivo Brandt")
    end = good.index("  - text: \"He")
    write_source(root, "x0001", good[:end] + good[start:end] + good[end:])
    assert any("duplicates attributions[0]" in p for p in problems_for(root))


def test_doc_id_must_match_file_name(tmp_path):
    root = tmp_path / "data"
    write_source(root, "x0002", GOOD.format(doc_id="x0001"))
    assert any("doc_id 'x0001' must equal the file name stem 'x0002'" in p for p in problems_for(root))


def test_all_problems_are_reported_together_and_nothing_is_written(tmp_path):
    root = tmp_path / "data"
    write_source(root, "x0001", GOOD.format(doc_id="x0001").replace("a tenth", "a third", 1).replace("register: local", "register: zine"))
    write_source(root, "x0002", GOOD.format(doc_id="x0002").replace("topic: transport", "topic: gossip"))
    assert len(problems_for(root)) == 3
    with pytest.raises(InputError):
        write_corpus(root)
    assert not list(root.glob("*.jsonl"))


def test_data_check_passes_on_the_committed_corpus():
    assert check_corpus() == []


def test_data_check_fails_when_a_span_string_is_changed(data_copy, monkeypatch, capsys):
    source = sorted((data_copy / "source").glob("*.yaml"))[0]
    text = source.read_text(encoding="utf-8")
    line = next(l for l in text.splitlines() if l.strip().startswith("content: "))
    source.write_text(text.replace(line, line.split("content:")[0] + "content: words that are not in the sentence", 1), encoding="utf-8")
    monkeypatch.setenv("ATTRIB_BENCH_DATA", str(data_copy))
    assert main(["data", "check"]) == 2
    err = capsys.readouterr().err
    assert f"source/{source.name}:" in err and ".content: span 'words that are not in the sentence' not found" in err


def test_data_check_fails_when_built_file_is_edited(data_copy, monkeypatch, capsys):
    path = data_copy / "documents.jsonl"
    path.write_text(path.read_text(encoding="utf-8").replace("CC-BY-4.0", "CC0", 1), encoding="utf-8")
    monkeypatch.setenv("ATTRIB_BENCH_DATA", str(data_copy))
    assert main(["data", "check"]) == 1
    assert "documents.jsonl: differs from a fresh build" in capsys.readouterr().err


def test_adding_a_document_moves_no_existing_document(data_copy):
    before = {m["doc_id"]: m["split"] for m in map(json.loads, build_corpus(data_copy)["documents.jsonl"].decode().splitlines())}
    for i in range(30):
        write_source(data_copy, f"zz{i:04d}")
    after = {m["doc_id"]: m["split"] for m in map(json.loads, build_corpus(data_copy)["documents.jsonl"].decode().splitlines())}
    assert {k: after[k] for k in before} == before
    assert len(after) == len(before) + 30


def test_split_hash_gives_roughly_65_10_25():
    splits = [split_for(f"d{i:05d}") for i in range(20000)]
    shares = {s: splits.count(s) / len(splits) for s in ("train", "dev", "test")}
    assert abs(shares["train"] - 0.65) < 0.02 and abs(shares["dev"] - 0.10) < 0.02 and abs(shares["test"] - 0.25) < 0.02


def test_documents_are_rebuilt_in_reading_order(tmp_path):
    root = tmp_path / "data"
    write_source(root, "x0001")
    write_corpus(root)
    (doc,) = load_documents(split_for("x0001"), root)
    assert [s.sent_index for s in doc.sentences] == [0, 1, 2]
    assert doc.meta.register == "local"
    assert doc.texts[0] == "The island ferry will cost more from June."
