"""Importers and exporters: brat, Citron JSON, CoNLL/BIO; and the `extract` command."""
import json
from pathlib import Path

import pytest

from harness.cli import main
from harness.errors import InputError
from harness.formats.brat import export_brat, import_brat
from harness.formats.citron import export_citron, import_citron
from harness.formats.conll import export_conll, import_conll
from harness.formats.sentences import split_sentences
from harness.schema import SentenceRecord, group_documents

FIXTURES = Path(__file__).parent / "fixtures" / "brat"


def span_text(rec, key, i=0):
    s = rec["attributions"][i][key]
    return None if s is None else rec["text"][s["start"] : s["end"]]


def test_brat_import_splits_sentences_and_spreads_multi_sentence_content():
    records = import_brat(FIXTURES)
    by_id = {r["id"]: r for r in records}
    assert [r["id"] for r in records if r["doc_id"] == "art01"] == ["art01-s000", "art01-s001", "art01-s002", "art01-s003"]
    quote = by_id["art01-s001"]
    assert span_text(quote, "speaker") == "Oona Brask" and span_text(quote, "cue") == "said"
    assert span_text(quote, "content") == "We have no other way to pay for the new filters"
    cont = by_id["art01-s002"]
    assert cont["attributions"][0]["speaker"] is None and cont["attributions"][0]["cue"] is None
    assert cont["attributions"][0]["speaker_name"] == "Oona Brask"
    assert cont["phenomena"] == ["continuation"]
    # the blank line before "Residents' groups" always ends a sentence
    assert by_id["art01-s003"]["text"].startswith("Residents' groups said")


def test_brat_import_discontinuous_content_and_attribution_without_source():
    by_id = {r["id"]: r for r in import_brat(FIXTURES)}
    no_source = by_id["art02-s001"]["attributions"][0]
    assert no_source["speaker"] is None and no_source["speaker_name"] is None
    assert span_text(by_id["art02-s001"], "cue") == "It is understood"
    disc = by_id["art02-s002"]
    # discontinuous fragments -> the covering span within the sentence
    assert span_text(disc, "content") == "two boats were taken out of service last week, and, they added, a third is unsafe"
    for rec in by_id.values():
        for a in rec["attributions"]:
            assert a["source_type"] is None and a["verification"] is None and a["quote_type"] is None


def test_imported_brat_validates_and_scores_with_unavailable_fields_as_na(tmp_path, capsys):
    out = tmp_path / "gold.jsonl"
    assert main(["import", "brat", str(FIXTURES), "--out", str(out)]) == 0
    assert main(["validate", str(out), "--gold", str(out)]) == 0
    capsys.readouterr()
    assert main(["score", str(out), "--gold", str(out), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    metrics = result["metrics"]
    assert metrics["source_type"] is None and metrics["verification"] is None and metrics["quote_type"] is None
    assert metrics["attribution_full"] is None
    assert metrics["attribution"]["f"] == 1.0
    assert main(["score", str(out), "--gold", str(out)]) == 0
    assert "N/A" in capsys.readouterr().out


@pytest.mark.parametrize(
    "ann, field",
    [
        ("T1\tSource 0 5\tWrong\n", "T1.text"),
        ("T1\tSource 0 99999\tx\n", "T1.offsets"),
        ("T1 Source 0 5 The M\n", "T"),
        ("T1\tContent 0 3\tThe\nE1\tAttribution:T1 Source:T9\n", "E1.Source"),
        ("T1\tCue 0 3\tThe\nE1\tAttribution:T1\n", "E1"),
        ("Q1\tsomething\n", "line"),
    ],
)
def test_malformed_brat_names_file_line_and_field(tmp_path, ann, field):
    (tmp_path / "bad.txt").write_text("The Merrow Valley water board.", encoding="utf-8")
    (tmp_path / "bad.ann").write_text(ann, encoding="utf-8")
    with pytest.raises(InputError) as info:
        import_brat(tmp_path)
    p = info.value.problems[0]
    assert p.file.endswith("bad.ann") and p.line is not None and p.field == field


def _corpus_docs():
    # Original fixture sentences with full labels, nested attribution and a continuation.
    rows = []
    texts = [
        "“The levy stays,” Councillor Mira Estes said, adding that the Gazette had reported that a audit found waste.",
        "“It is the only honest budget.”",
        "Nobody else spoke.",
    ]
    def s(t, sub):
        i = t.index(sub)
        return {"start": i, "end": i + len(sub)}
    t0, t1, _ = texts
    a0 = [
        {"speaker": s(t0, "Councillor Mira Estes"), "speaker_name": "Mira Estes", "cue": s(t0, "said"), "content": s(t0, "The levy stays"),
         "quote_type": "direct", "source_type": "named_person", "verification": "asserted"},
        {"speaker": s(t0, "Councillor Mira Estes"), "speaker_name": "Mira Estes", "cue": s(t0, "adding"),
         "content": s(t0, "the Gazette had reported that a audit found waste"), "quote_type": "indirect", "source_type": "named_person", "verification": "unverified"},
        {"speaker": s(t0, "the Gazette"), "speaker_name": "the Gazette", "cue": s(t0, "had reported"), "content": s(t0, "a audit found waste"),
         "quote_type": "indirect", "source_type": "media", "verification": "unverified"},
    ]
    a1 = [{"speaker": None, "speaker_name": "Mira Estes", "cue": None, "content": s(t1, "It is the only honest budget"),
           "quote_type": "direct", "source_type": "named_person", "verification": "asserted"}]
    for k, (t, a) in enumerate(zip(texts, [a0, a1, []])):
        rows.append(SentenceRecord.from_dict({"id": f"fx01-s{k:03d}", "doc_id": "fx01", "sent_index": k, "text": t, "phenomena": [], "attributions": a}))
    return group_documents(rows)


def _canon(records):
    out = []
    for r in records:
        d = r if isinstance(r, dict) else r.to_dict()
        out.append((d["text"], sorted(json.dumps(a, sort_keys=True) for a in d["attributions"])))
    return out


def test_brat_export_then_import_is_lossless(tmp_path):
    docs = _corpus_docs()
    export_brat(docs, tmp_path)
    again = import_brat(tmp_path, splitter="lines")
    assert _canon(again) == _canon([s for d in docs for s in d.sentences])
    # and once more: import -> export -> import gives the same records
    docs2 = group_documents([SentenceRecord.from_dict(r) for r in again])
    export_brat(docs2, tmp_path / "second")
    assert _canon(import_brat(tmp_path / "second", splitter="lines")) == _canon(again)


def test_citron_export_then_import_keeps_spans(tmp_path):
    docs = _corpus_docs()
    path = tmp_path / "citron.json"
    path.write_text(json.dumps(export_citron(docs)), encoding="utf-8")
    rows = import_citron(path, docs)
    gold = docs[0].sentences
    for row, sent in zip(rows, gold):
        got = sorted((a["content"]["start"], a["content"]["end"], json.dumps(a["speaker"]), json.dumps(a["cue"])) for a in row["attributions"])
        want = sorted((a.content.start, a.content.end, json.dumps(a.speaker and a.speaker.to_dict()), json.dumps(a.cue and a.cue.to_dict())) for a in sent.attributions)
        assert got == want


def test_citron_import_matches_documents_by_text_and_reports_bad_offsets(tmp_path):
    docs = _corpus_docs()
    obj = export_citron(docs)[0]
    del obj["doc_id"]
    obj["quotes"][0]["contents"][0]["end"] = 10_000
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(obj) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        import_citron(path, docs)
    p = info.value.problems[0]
    assert (p.line, p.field) == (1, "quotes[0].contents[0]") and "out of range" in p.message


def test_conll_export_then_import_keeps_non_nested_spans(tmp_path):
    docs = _corpus_docs()
    sents = [s for d in docs for s in d.sentences]
    path = tmp_path / "x.conll"
    path.write_text(export_conll(sents), encoding="utf-8")
    rows = import_conll(path, [(s.id, s.text) for s in sents])
    assert [len(r["attributions"]) for r in rows] == [2, 1, 0]  # the nested inner content cannot be written in BIO
    first = rows[0]["attributions"]
    t0 = sents[0].text
    assert sorted(t0[a["content"]["start"] : a["content"]["end"]] for a in first) == [
        "The levy stays", "the Gazette had reported that a audit found waste"]
    assert rows[1]["attributions"][0]["speaker"] is None


def test_conll_unknown_tag_names_line(tmp_path):
    path = tmp_path / "bad.conll"
    path.write_text("# id = s1\nHello\tB-quote\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        import_conll(path, [("s1", "Hello")])
    assert (info.value.problems[0].line, info.value.problems[0].field) == (2, "tag")


def test_pysbd_splitter_offsets_point_into_the_text():
    text = "Dr. Ama Osei said on Monday: “We will not move.” She added it was final.\n\nNo one else spoke."
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Dr. Ama Osei said on Monday: “We will not move.”", "She added it was final.", "No one else spoke."]


def test_extract_prints_attributions_with_resolved_speakers(capsys):
    article = Path(__file__).parent / "fixtures" / "article.txt"
    assert main(["extract", str(article)]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line[:3].strip().isdigit()]
    # "She said ..." (sentence 2) resolves to the named speaker of the quote before it
    she = next(line for line in rows if line.split()[0] == "2")
    assert "She" in she and "Oona Brask" in she
    assert any("Residents' groups" in line for line in rows)
    assert "declined" not in " ".join(rows)  # a refusal without content is not an attribution


def test_extract_jsonl_is_machine_readable(capsys):
    article = Path(__file__).parent / "fixtures" / "article.txt"
    assert main(["extract", str(article), "--jsonl"]) == 0
    lines = [json.loads(l) for l in capsys.readouterr().out.splitlines()]
    assert [l["sent_index"] for l in lines] == list(range(len(lines)))
    names = [a["speaker_name"] for l in lines for a in l["attributions"]]
    assert "Oona Brask" in names
