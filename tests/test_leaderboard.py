"""Leaderboard: submission validation, escaping, ranking, deterministic build, CLI exit codes.

Most tests use a tiny gold file written here (fast); one builds the committed
submissions on the real test split twice.
"""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from harness.cli import main
from harness.leaderboard import (
    build,
    check_layout,
    load_gold,
    load_submission,
    md_escape,
    parse_metadata,
    safe_url,
    valid_name,
)

REPO = Path(__file__).resolve().parent.parent
PEOPLE = ["Ilse Varga", "Tom Reed", "Ana Silva", "Li Wei", "Sam Okoro", "Eva Berg"]
XSS = "<script>alert(1)</script>"


# --------------------------------------------------------------------------- tiny corpus


def make_gold(n_docs: int = 6, n_sent: int = 4) -> list[dict]:
    """Corpus records: three quoted sentences and one without attribution per document."""
    records = []
    for d in range(n_docs):
        for s in range(n_sent):
            rid = f"t{d:03d}-s{s:03d}"
            if s == n_sent - 1:
                records.append({"id": rid, "doc_id": f"t{d:03d}", "sent_index": s, "text": "The weather was calm.",
                                "phenomena": [], "attributions": []})  # fmt: skip
                continue
            name = PEOPLE[(d + s) % len(PEOPLE)]
            quote = f"We will rebuild pier number {d}{s} soon"
            text = f"“{quote},” {name} said on day {s}."
            sp = text.index(name)
            cue = text.index(" said") + 1
            records.append({
                "id": rid, "doc_id": f"t{d:03d}", "sent_index": s, "text": text,
                "phenomena": ["postposed_speaker"] if s % 2 == 0 else ["postposed_speaker", "denial"],
                "attributions": [{
                    "speaker": {"start": sp, "end": sp + len(name)}, "speaker_name": name,
                    "cue": {"start": cue, "end": cue + 4}, "content": {"start": 1, "end": 1 + len(quote)},
                    "quote_type": "direct", "source_type": "named_person" if s % 2 == 0 else "named_organization",
                    "verification": "asserted",
                }],
            })  # fmt: skip
    return records


def write_gold(path: Path, records: list[dict] | None = None) -> Path:
    records = records if records is not None else make_gold()
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def predictions(records: list[dict], keep=lambda rec, a: True, strip_speaker=lambda rec: False) -> list[dict]:
    rows = []
    for r in records:
        attrs = []
        for a in r["attributions"]:
            if not keep(r, a):
                continue
            a = dict(a)
            if strip_speaker(r):
                a.pop("speaker_name")
                a.pop("speaker")
            attrs.append(a)
        rows.append({"id": r["id"], "attributions": attrs})
    return rows


METADATA = {
    "system_name": "System",
    "authors": ["A. Author", "B. Author"],
    "url": "https://example.org/system",
    "description": "A test system.",
    "external_data": False,
    "external_data_description": "",
    "test_split_used_for_tuning": False,
    "date": "2026-11-25",
    "license": "CC-BY-4.0",
}


def metadata_yaml(**overrides) -> str:
    import yaml

    meta = dict(METADATA, **overrides)
    return yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)


def add_submission(lb: Path, name: str, rows: list[dict] | None, meta: str | None = None, **overrides) -> Path:
    d = lb / "submissions" / name
    d.mkdir(parents=True)
    if rows is not None:
        (d / "predictions.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    (d / "metadata.yaml").write_text(meta if meta is not None else metadata_yaml(**overrides), encoding="utf-8")
    return d


def standard_leaderboard(tmp: Path) -> tuple[Path, Path, list[dict]]:
    """A leaderboard folder with three valid systems (one with a hostile name) and its gold file."""
    records = make_gold()
    gold = write_gold(tmp / "gold.jsonl", records)
    lb = tmp / "leaderboard"
    add_submission(lb, "alpha", predictions(records), system_name="Alpha (perfect)")
    add_submission(lb, "beta", predictions(records, strip_speaker=lambda r: r["doc_id"] in ("t000", "t001", "t002", "t003")),
                   system_name="Beta | no speakers")  # fmt: skip
    add_submission(
        lb, "xss-probe", predictions(records, keep=lambda r, a: r["doc_id"] != "t005"),
        system_name=XSS, url="javascript:alert(1)",
        description="*bold* _it_ `code` [link](http://evil.example) <img src=x onerror=alert(2)>\n# heading | pipe",
        authors=["Mallory <m@evil>"],
    )  # fmt: skip
    return lb, gold, records


# --------------------------------------------------------------------------- names, URLs, escaping


@pytest.mark.parametrize("name", ["rules-baseline", "a", "sys.v2_final", "0abc", "a" * 64])
def test_valid_folder_names_are_accepted(name):
    assert valid_name(name)


@pytest.mark.parametrize(
    "name", ["..", ".", "a..b", "../x", "x/y", "Upper", ".hidden", "-dash", "_x", "a" * 65, "sp ace", "nul\x00", "é", ""]
)
def test_folder_names_with_path_tricks_are_rejected(name):
    assert not valid_name(name)


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://example.org/x?a=1&b=2#f", "https://example.org/x?a=1&b=2#f"),
        ("http://example.org/a(b)[c]", "http://example.org/a%28b%29%5Bc%5D"),
        ('https://e.org/"><script>', "https://e.org/%22%3E%3Cscript%3E"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("ftp://example.org/", None),
        ("//example.org/x", None),
        ("https:///nohost", None),
        ("https://e.org/\nx", None),
        ("", None),
    ],
)
def test_only_http_urls_are_linked(url, expected):
    assert safe_url(url) == expected


def test_markdown_escaping_neutralises_every_special_character():
    raw = "a|b `c` *d* _e_ [f](g) <h> & \\ ~~i~~\nj\r\nk"
    out = md_escape(raw)
    assert out == "a\\|b \\`c\\` \\*d\\* \\_e\\_ \\[f\\](g) &lt;h&gt; &amp; \\\\ \\~\\~i\\~\\~<br>j<br>k"
    assert "\n" not in out and "\r" not in out
    # every remaining special character is preceded by a backslash
    assert not re.search(r"(?<!\\)[|`*_\[\]~]", out.replace("\\\\", ""))


def test_markdown_table_row_keeps_its_cells_with_a_hostile_name(tmp_path):
    lb, gold, _ = standard_leaderboard(tmp_path)
    build(lb, gold)
    md = (lb / "LEADERBOARD.md").read_text(encoding="utf-8")
    rows = [l for l in md.splitlines() if l.startswith("| ") and "xss-probe" in l and "](#" in l]
    assert len(rows) == 1
    header = next(l for l in md.splitlines() if l.startswith("| # |"))
    unescaped_pipes = lambda line: len(re.findall(r"(?<!\\)\|", line))  # noqa: E731
    assert unescaped_pipes(rows[0]) == unescaped_pipes(header)
    assert "<script>" not in md and "<img" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert "Beta \\| no speakers" in md
    assert "\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](http://evil.example)" in md
    assert "<br># heading \\| pipe" in md  # the newline cannot start a heading
    assert "](javascript" not in md and "javascript:alert(1)" in md  # shown as text, not linked
    assert "[https://example.org/system](https://example.org/system)" in md


# --------------------------------------------------------------------------- metadata


def _problems(text: str):
    meta, problems = parse_metadata(text.encode("utf-8"), "m.yaml")
    return meta, {(p.field, p.line) for p in problems}, problems


def test_valid_metadata_parses():
    meta, fields, _ = _problems(metadata_yaml(authors="One Author", date="2026-01-31"))
    assert not fields
    assert meta.authors == ("One Author",) and meta.date == "2026-01-31"


def test_unknown_and_missing_fields_are_reported_with_file_line_and_field():
    text = metadata_yaml() + "extra_field: 1\n"
    text = text.replace("license: CC-BY-4.0\n", "")
    meta, fields, problems = _problems(text)
    assert meta is None
    assert ("extra_field", 11) in fields
    assert ("license", None) in fields
    assert all(p.file == "m.yaml" for p in problems)
    assert "unknown field" in str(next(p for p in problems if p.field == "extra_field"))


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"test_split_used_for_tuning": True}, "test_split_used_for_tuning"),
        ({"test_split_used_for_tuning": "no"}, "test_split_used_for_tuning"),
        ({"external_data": True, "external_data_description": ""}, "external_data_description"),
        ({"date": "25/11/2026"}, "date"),
        ({"date": "2026-02-30"}, "date"),
        ({"system_name": ""}, "system_name"),
        ({"system_name": "x" * 81}, "system_name"),
        ({"system_name": "evil\u202eeman"}, "system_name"),
        ({"system_name": "two\nlines"}, "system_name"),
        ({"authors": []}, "authors"),
        ({"authors": [1, 2]}, "authors"),
        ({"url": 5}, "url"),
        ({"license": None}, "license"),
    ],
)
def test_bad_metadata_values_are_rejected(overrides, field):
    meta, fields, _ = _problems(metadata_yaml(**overrides))
    assert meta is None
    assert field in {f for f, _ in fields}


def test_yaml_tags_are_never_constructed(tmp_path):
    marker = tmp_path / "pwned"
    text = f'system_name: !!python/object/apply:os.system ["touch {marker}"]\n'
    meta, fields, problems = _problems(text)
    assert meta is None and problems[0].field == "yaml"
    assert not marker.exists()


def test_hostile_yaml_structure_is_refused_without_crashing():
    _, fields, _ = _problems("a: " + "[" * 20000 + "]" * 20000)
    assert fields == {("yaml", None)}
    meta, problems = parse_metadata(b"\xff\xfe", "m.yaml")
    assert meta is None and problems[0].message == "not valid UTF-8"
    meta, problems = parse_metadata(b"# x\n" * 40000, "m.yaml")
    assert meta is None and "larger than" in problems[0].message


def test_duplicate_keys_and_non_mapping_are_rejected():
    _, fields, _ = _problems(metadata_yaml() + "system_name: Again\n")
    assert "system_name" in {f for f, _ in fields}
    _, fields, _ = _problems("- a\n- b\n")
    assert fields == {("metadata", None)}


# --------------------------------------------------------------------------- folder layout


def test_layout_rejects_symlinks_extra_files_and_folders(tmp_path):
    records = make_gold()
    lb = tmp_path / "lb"
    good = add_submission(lb, "good", predictions(records))
    assert check_layout(good) == []

    linked = add_submission(lb, "linked", None)
    os.symlink(good / "predictions.jsonl", linked / "predictions.jsonl")
    assert any("symbolic link" in p.message for p in check_layout(linked))

    folder_link = lb / "submissions" / "folder-link"
    os.symlink(good, folder_link)
    assert any(p.field == "folder" and "symbolic link" in p.message for p in check_layout(folder_link))

    extra = add_submission(lb, "extra", predictions(records))
    (extra / "run.py").write_text("print('never run')\n")
    (extra / "sub").mkdir()
    messages = [str(p) for p in check_layout(extra)]
    assert any("run.py" in m and "unexpected file" in m for m in messages)
    assert any("sub" in m and "not a plain file" in m for m in messages)

    fifo = add_submission(lb, "fifo", None)
    os.mkfifo(fifo / "predictions.jsonl")
    assert any("not a plain file" in p.message for p in check_layout(fifo))

    missing = add_submission(lb, "missing", None)
    assert any(p.file.endswith("predictions.jsonl") and "missing" in p.message for p in check_layout(missing))

    bad_name = add_submission(lb, "Bad..Name", predictions(records))
    assert any(p.field == "folder name" for p in check_layout(bad_name))


def test_symlinked_submission_is_never_read_or_scored(tmp_path):
    records = make_gold()
    gold_path = write_gold(tmp_path / "gold.jsonl", records)
    gold, _ = load_gold(gold_path)
    lb = tmp_path / "lb"
    secret = tmp_path / "outside"
    secret.mkdir()
    (secret / "metadata.yaml").write_text(metadata_yaml())
    (secret / "predictions.jsonl").write_text("".join(json.dumps(r) + "\n" for r in predictions(records)))
    (lb / "submissions").mkdir(parents=True)
    os.symlink(secret, lb / "submissions" / "sneaky")
    sub = load_submission(lb / "submissions" / "sneaky", gold, split=None)
    assert not sub.ok and sub.result is None and sub.metadata is None


# --------------------------------------------------------------------------- build


def _files(lb: Path) -> dict[str, bytes]:
    return {name: (lb / name).read_bytes() for name in ("LEADERBOARD.md", "index.html")}


def test_build_twice_gives_byte_identical_files_wherever_it_runs(tmp_path):
    lb, gold, _ = standard_leaderboard(tmp_path)
    first = build(lb, gold)
    once = _files(lb)
    build(lb, gold)
    assert _files(lb) == once
    other = tmp_path / "elsewhere" / "lb"
    shutil.copytree(lb / "submissions", other / "submissions")
    build(other, gold)
    assert _files(other) == once
    assert [e.name for e in first.entries] == ["alpha", "xss-probe", "beta"]
    assert str(tmp_path) not in once["index.html"].decode()


def test_ranking_marks_ties_with_the_leader_by_paired_bootstrap(tmp_path):
    records = make_gold()
    gold = write_gold(tmp_path / "gold.jsonl", records)
    lb = tmp_path / "lb"
    add_submission(lb, "copy-b", predictions(records), system_name="Copy B")
    add_submission(lb, "copy-a", predictions(records), system_name="Copy A")
    add_submission(lb, "empty", [{"id": r["id"], "attributions": []} for r in records], system_name="Empty")
    report = build(lb, gold)
    got = [(e.name, e.rank, e.status, e.p_value) for e in report.entries]
    assert got == [("copy-a", 1, "leader", None), ("copy-b", 1, "tied", 1.0), ("empty", 3, "", got[2][3])]
    assert got[2][3] < 0.05
    md = (lb / "LEADERBOARD.md").read_text()
    assert "| leader |" in md and "tied (p=1.000)" in md


def test_malformed_submission_is_excluded_and_the_others_still_build(tmp_path, capsys):
    lb, gold, records = standard_leaderboard(tmp_path)
    rows = predictions(records)
    rows[3] = {"id": rows[3]["id"], "attributions": [{"content": {"start": 5, "end": 500}}]}
    add_submission(lb, "bad-preds", rows[:-1])  # one span out of range, one sentence missing
    add_submission(lb, "bad-meta", predictions(records), test_split_used_for_tuning=True, surprise="x")
    (lb / "submissions" / "Bad Name").mkdir()

    code = main(["leaderboard", "build", "--dir", str(lb), "--gold", str(gold)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "EXCLUDED 3 submission(s)" in err
    assert re.search(r"bad-preds/predictions\.jsonl:4: attributions\[0\]\.content\.end", err)
    assert "bad-preds/predictions.jsonl" in err and "missing" in err
    assert "bad-meta/metadata.yaml:9: test_split_used_for_tuning: must be false" in err
    assert "bad-meta/metadata.yaml:12: surprise: unknown field" in err
    assert "Bad Name" in err and "folder name" in err
    page = (lb / "index.html").read_text()
    md = (lb / "LEADERBOARD.md").read_text()
    for name in ("alpha", "beta", "xss-probe"):
        assert f'data-name="{name}"' in page and f"(#{name})" in md
    for name in ("bad-preds", "bad-meta", "Bad Name"):
        assert name not in page and name not in md  # left out entirely, never half-scored


def test_no_valid_submission_writes_nothing_and_exits_2(tmp_path, capsys):
    records = make_gold()
    gold = write_gold(tmp_path / "gold.jsonl", records)
    lb = tmp_path / "lb"
    add_submission(lb, "only-bad", predictions(records), date="yesterday")
    assert main(["leaderboard", "build", "--dir", str(lb), "--gold", str(gold)]) == 2
    assert "only-bad/metadata.yaml:10: date" in capsys.readouterr().err
    assert not (lb / "index.html").exists() and not (lb / "LEADERBOARD.md").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["leaderboard", "build", "--dir", str(empty), "--gold", str(gold)]) == 2


def test_html_escapes_untrusted_strings_and_is_self_contained(tmp_path):
    lb, gold, _ = standard_leaderboard(tmp_path)
    build(lb, gold)
    page = (lb / "index.html").read_text(encoding="utf-8")
    assert XSS not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page.lower() and "javascript:alert(1)" in page
    assert '<a href="https://example.org/system" rel="nofollow noopener noreferrer">' in page
    assert page.count("<script>") == 1  # ours only
    assert not re.search(r"\b(src|srcset)\s*=", page.split("<script>")[0].replace("src=x", ""))
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert "Content-Security-Policy" in page and "default-src &#x27;none&#x27;" in page
    # the script has no data in it: values live in data-* attributes
    script = page.split("<script>")[1].split("</script>")[0]
    assert "alpha" not in script and "0." not in script
    assert 'data-value="1.000000"' in page
    assert page.count("<svg") == 2 and 'id="chart-phenomenon"' in page and 'id="chart-source-type"' in page
    assert 'id="signature"' in page and "split:custom" in page
    for name in ("alpha", "beta", "xss-probe"):
        assert f'<section class="system" id="sys-{name}">' in page


# --------------------------------------------------------------------------- check


def test_check_prints_scores_of_a_valid_submission(tmp_path, capsys):
    records = make_gold()
    gold = write_gold(tmp_path / "gold.jsonl", records)
    sub = add_submission(tmp_path / "lb", "mine", predictions(records), url="ftp://example.org/x")
    assert main(["leaderboard", "check", str(sub), "--gold", str(gold)]) == 0
    out = capsys.readouterr().out
    assert "HEADLINE attribution" in out and "F1 100.0" in out
    assert "valid submission 'mine'" in out and "shows it as text" in out


def test_check_reports_every_problem_with_file_line_field(tmp_path, capsys):
    records = make_gold()
    gold = write_gold(tmp_path / "gold.jsonl", records)
    rows = predictions(records)
    rows[0]["attributions"][0]["source_type"] = "Named_Person"
    sub = add_submission(tmp_path / "lb", "mine", rows, license="")
    assert main(["leaderboard", "check", str(sub), "--gold", str(gold)]) == 2
    err = capsys.readouterr().err
    assert "mine/metadata.yaml:11: license: must not be empty" in err
    assert "mine/predictions.jsonl:1: attributions[0].source_type" in err


# --------------------------------------------------------------------------- the committed leaderboard


def test_committed_submissions_build_identically_twice(tmp_path):
    """Done-when of issue 6: building from the committed submissions twice gives identical files."""
    src = REPO / "leaderboard" / "submissions"
    if not any(src.glob("*/predictions.jsonl")):
        pytest.skip("no committed submission predictions")
    lb = tmp_path / "leaderboard"
    shutil.copytree(src, lb / "submissions", symlinks=True)
    report = build(lb)
    assert not report.excluded, [str(p) for s in report.excluded for p in s.problems[:5]]
    once = _files(lb)
    build(lb)
    assert _files(lb) == once
    assert "split:test" in report.signature and "boot:1000" in report.signature
