"""The ``attrib_bench_gate`` pytest plugin, run in a separate pytest session (pytester).

The inner session finds the plugin through its ``pytest11`` entry point (as a
user's test suite would), scores extractors on a small gold file written here
and compares them with a baseline written by ``attrib-bench score --out``.
"""
from __future__ import annotations

import json
import re
import textwrap

import pytest

from harness.cli import main

from test_leaderboard import make_gold, write_gold

pytest_plugins = ("pytester",)

EXTRACTORS = '''
import re

QUOTE = re.compile(r"“(?P<content>[^”]*?),” (?P<name>[A-Z][a-z]+ [A-Z][a-z]+) (?P<cue>said)")


def good(sentences):
    out = []
    for text in sentences:
        attrs = []
        for m in QUOTE.finditer(text):
            attrs.append({
                "content": {"start": m.start("content"), "end": m.end("content")},
                "speaker": {"start": m.start("name"), "end": m.end("name")},
                "speaker_name": m.group("name"),
                "cue": {"start": m.start("cue"), "end": m.end("cue")},
                "quote_type": "direct", "source_type": "named_person", "verification": "asserted",
            })
        out.append(attrs)
    return out


def degraded(sentences):
    """Forgets every other speaker: the headline falls far beyond any tolerance."""
    out = []
    for i, attrs in enumerate(good(sentences)):
        if i % 2 == 0:
            for a in attrs:
                a.pop("speaker_name")
                a.pop("speaker")
        out.append(attrs)
    return out
'''


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A user's project: gold file, extractors module, and a baseline from `attrib-bench score --out`."""
    records = make_gold()
    write_gold(pytester.path / "gold.jsonl", records)
    pytester.makepyfile(extractors=EXTRACTORS)
    extractors: dict = {}
    exec(compile(EXTRACTORS, "extractors.py", "exec"), extractors)  # the user's module, without importing it here
    from harness.extractor import run_extractor, write_submission
    from harness.scoring import _documents_of
    from harness.validate import read_gold

    gold = read_gold(pytester.path / "gold.jsonl")
    rows = run_extractor(extractors["good"], _documents_of(gold, {}))
    write_submission(pytester.path / "good.jsonl", rows)
    (pytester.path / "results").mkdir()
    code = main(["score", str(pytester.path / "good.jsonl"), "--gold", str(pytester.path / "gold.jsonl"),
                 "--bootstrap", "0", "--out", str(pytester.path / "results" / "baseline.json")])  # fmt: skip
    assert code == 0
    return pytester


def test_gate_fails_a_degraded_extractor_and_passes_the_baseline(project):
    project.makepyfile(
        test_regression=textwrap.dedent(
            """
            from extractors import degraded, good

            def test_baseline_extractor(attrib_bench_gate):
                report = attrib_bench_gate(good, baseline="results/baseline.json", max_drop=1.0, gold="gold.jsonl")
                assert report.passed

            def test_degraded_extractor(attrib_bench_gate):
                attrib_bench_gate(degraded, baseline="results/baseline.json", max_drop=1.0, gold="gold.jsonl")
            """
        )
    )
    result = project.runpytest_inprocess("-p", "no:cacheprovider", "-p", "no:hypothesispytest")
    result.assert_outcomes(passed=1, failed=1)
    out = result.stdout.str()
    assert "test_degraded_extractor" in out and "FAILED" in out
    # a readable per-metric diff, not a traceback
    assert re.search(r"attribution\s+100\.0\s+\d+\.\d\s+-\d+\.\d\s+FAIL", out)
    assert re.search(r"content_partial\s+100\.0\s+100\.0\s+\+0\.0\s+ok", out)
    assert "REGRESSION: attribution fell" in out
    assert "Traceback" not in out and "def check(" not in out


def test_marker_sets_defaults_and_a_generous_tolerance_passes(project):
    project.makepyfile(
        test_marked=textwrap.dedent(
            """
            import pytest
            from extractors import degraded

            pytestmark = pytest.mark.attrib_bench_gate(baseline="results/baseline.json", gold="gold.jsonl", max_drop=100)

            def test_generous(attrib_bench_gate):
                report = attrib_bench_gate(degraded)
                assert report.passed and report.changes[0].points < -10

            def test_strict_override(attrib_bench_gate):
                attrib_bench_gate(degraded, max_drop=0.5, metrics=["attribution"])
            """
        )
    )
    result = project.runpytest_inprocess("-p", "no:cacheprovider", "-p", "no:hypothesispytest")
    result.assert_outcomes(passed=1, failed=1)
    assert "tolerated drop 0.5 F1 points" in result.stdout.str()


def test_unusable_baseline_fails_with_a_clear_message(project):
    (project.path / "results" / "other.json").write_text(json.dumps({"not": "a result"}))
    project.makepyfile(
        test_bad=textwrap.dedent(
            """
            from extractors import good

            def test_missing(attrib_bench_gate):
                attrib_bench_gate(good, baseline="results/nope.json", gold="gold.jsonl")

            def test_not_a_result(attrib_bench_gate):
                attrib_bench_gate(good, baseline="results/other.json", gold="gold.jsonl")

            def test_other_gold(attrib_bench_gate):
                attrib_bench_gate(good, baseline="results/baseline.json", gold="gold2.jsonl")
            """
        )
    )
    records = make_gold(n_docs=3)
    write_gold(project.path / "gold2.jsonl", records)
    result = project.runpytest_inprocess("-p", "no:cacheprovider", "-p", "no:hypothesispytest")
    result.assert_outcomes(failed=3)
    out = result.stdout.str()
    assert "baseline result" in out and "not found" in out
    assert "missing; not a score result" in out
    assert "the gold data differs from the baseline's" in out


def test_update_option_rewrites_the_baseline(project):
    project.makepyfile(
        test_update="""
from extractors import degraded

def test_it(attrib_bench_gate):
    attrib_bench_gate(degraded, baseline="results/new.json", gold="gold.jsonl")
"""
    )
    result = project.runpytest_inprocess("-p", "no:cacheprovider", "-p", "no:hypothesispytest", "--attrib-bench-update")
    result.assert_outcomes(skipped=1)
    assert (project.path / "results" / "new.json").exists()
    result = project.runpytest_inprocess("-p", "no:cacheprovider", "-p", "no:hypothesispytest")
    result.assert_outcomes(passed=1)
