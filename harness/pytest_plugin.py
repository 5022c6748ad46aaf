"""pytest plugin: guard an extractor against score regressions (entry point ``pytest11``).

Installed with attrib-bench, so any test suite gets the ``attrib_bench_gate``
fixture. Store a result once with ``attrib-bench score PRED --split dev --out
results/baseline.json``, then assert in a test that the extractor has not
fallen below it::

    def test_no_regression(attrib_bench_gate):
        attrib_bench_gate(my_extractor, baseline="results/baseline.json", max_drop=1.0, split="dev")

The check is one-sided: every main metric's F1 may rise freely and may fall by
at most ``max_drop`` points (percentage points of F1). On failure the test
fails with a per-metric table (baseline, now, change, FAIL/ok) instead of a
traceback. Matching and speaker modes come from the baseline's result file,
and a baseline scored on different gold data is refused (re-score it) unless
``allow_different_gold=True``.

The marker sets defaults for the fixture, e.g. for a whole module::

    pytestmark = pytest.mark.attrib_bench_gate(baseline="results/baseline.json", max_drop=0.5)

Relative baseline and gold paths are resolved against pytest's rootdir. Run
``pytest --attrib-bench-update`` to (re)write the baseline files from the
current extractor instead of comparing.

The extractor is any callable of :mod:`harness.extractor` (one document's
sentences in, one list of attributions per sentence out). ``gold=FILE`` scores
on a gold file in corpus format instead of a corpus split (small fixtures).
This module imports only pytest at load time, so it costs nothing in test
suites that do not use it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pytest

MARKER = "attrib_bench_gate"
_TOL = 1e-9


@dataclass
class MetricChange:
    name: str
    baseline: float | None  # F1 in [0, 1]; None = not available
    now: float | None
    failed: bool

    @property
    def points(self) -> float | None:
        if self.baseline is None or self.now is None:
            return None
        return 100 * (self.now - self.baseline)


@dataclass
class GateReport:
    """What :func:`gate` found; ``str()`` is the readable per-metric table."""

    system: str
    baseline_path: str
    max_drop: float
    changes: list[MetricChange]
    signature: str
    baseline_signature: str
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[MetricChange]:
        return [c for c in self.changes if c.failed]

    @property
    def passed(self) -> bool:
        return not self.failed

    def __str__(self) -> str:
        lines = [
            f"attrib-bench gate: {self.system} against {self.baseline_path} "
            f"(one-sided; tolerated drop {self.max_drop:g} F1 points)",
            f"  {'metric':<21} {'baseline':>8} {'now':>8} {'change':>8}",
        ]
        for c in self.changes:
            if c.points is None:
                lines.append(f"  {c.name:<21} {'N/A':>8} {'N/A':>8} {'':>8}  not compared")
                continue
            verdict = "FAIL" if c.failed else "ok"
            lines.append(f"  {c.name:<21} {100 * c.baseline:8.1f} {100 * c.now:8.1f} {c.points:+8.1f}  {verdict}")
        lines += [f"  note: {n}" for n in self.notes]
        lines.append(f"  baseline: {self.baseline_signature}")
        lines.append(f"  now:      {self.signature}")
        if self.failed:
            worst = "; ".join(f"{c.name} fell {-c.points:.1f} points" for c in self.failed)
            lines.append(f"REGRESSION: {worst} (tolerance {self.max_drop:g})")
        else:
            lines.append("no main metric fell by more than the tolerance")
        return "\n".join(lines)


class GateError(Exception):
    """The baseline cannot be used (missing, wrong format, other gold or options)."""


def _score_extractor(extractor: Callable, *, split: str | None, gold: Path | None, match: str, speaker: str, system: str | None):
    """Run ``extractor`` on a split (or a gold file) and score it without bootstrap."""
    from harness.corpus import documents_path, load_metadata, split_path
    from harness.extractor import run_extractor
    from harness.scoring import _documents_of, display_path, score
    from harness.validate import read_gold

    path = Path(gold) if gold is not None else split_path(split or "dev")
    g = read_gold(path, display_path(path))
    metadata = load_metadata(path.parent) if documents_path(path.parent).exists() else None
    rows = run_extractor(extractor, _documents_of(g, metadata or {}))
    name = system or getattr(extractor, "__qualname__", None) or type(extractor).__name__
    return score(
        g, rows, match=match, speaker=speaker, bootstrap=0, metadata=metadata,
        split=None if gold is not None else split, system=name,
    )  # fmt: skip


def gate(
    extractor: Callable,
    baseline: str | Path,
    max_drop: float = 1.0,
    split: str | None = None,
    *,
    gold: str | Path | None = None,
    metrics: tuple[str, ...] | list[str] | None = None,
    allow_different_gold: bool = False,
    system: str | None = None,
) -> GateReport:
    """Score ``extractor`` and compare every main metric's F1 with a stored result.

    ``split`` defaults to the split the baseline was scored on; ``metrics``
    restricts the comparison (default: all main metrics). Raises
    :class:`GateError` when the baseline is unusable; returns the report
    (check ``report.passed``) otherwise.
    """
    from harness.errors import InputError
    from harness.matching import MATCH_MODES
    from harness.metrics import METRIC_NAMES
    from harness.normalize import SPEAKER_MODES
    from harness.report import load_result
    from harness.schema import SPLITS

    if not isinstance(max_drop, (int, float)) or isinstance(max_drop, bool) or not math.isfinite(max_drop) or max_drop < 0:
        raise GateError(f"max_drop must be a finite number of F1 points >= 0, got {max_drop!r}")
    names = tuple(metrics) if metrics is not None else METRIC_NAMES
    unknown = [m for m in names if m not in METRIC_NAMES]
    if unknown:
        raise GateError(f"unknown metric(s) {', '.join(map(repr, unknown))}; expected some of {', '.join(METRIC_NAMES)}")
    path = Path(baseline)
    if not path.exists():
        raise GateError(
            f"baseline result {path} not found; write it with `attrib-bench score PRED --split {split or 'dev'} --out {path}` "
            "or run pytest --attrib-bench-update"
        )
    try:
        base = load_result(path)
    except InputError as exc:
        raise GateError(exc.render()) from None
    cfg = base.get("config") or {}
    if cfg.get("match") not in MATCH_MODES or cfg.get("speaker") not in SPEAKER_MODES:
        raise GateError(f"{path}: config has unknown match/speaker modes ({cfg.get('match')!r}, {cfg.get('speaker')!r})")
    if gold is None:
        if split is None:
            split = cfg.get("split")
        if split not in SPLITS:
            raise GateError(f"{path} was scored on {cfg.get('split')!r}; pass split=... or gold=FILE")
        if cfg.get("split") != split:
            raise GateError(f"{path} was scored on split {cfg.get('split')!r}, not {split!r}; compare like with like")
    try:
        result = _score_extractor(extractor, split=split, gold=Path(gold) if gold is not None else None,
                                  match=cfg["match"], speaker=cfg["speaker"], system=system)  # fmt: skip
    except InputError as exc:
        raise GateError(f"the extractor's output is not a valid submission:\n{exc.render(limit=20)}") from None
    notes = []
    if result.signature.gold_sha256 != cfg.get("gold_sha256"):
        msg = (
            f"the gold data differs from the baseline's ({str(cfg.get('gold_sha256'))[:8]} vs "
            f"{result.signature.gold_sha256[:8]}); re-score the baseline"
        )
        if not allow_different_gold:
            raise GateError(msg)
        notes.append(msg)
    now = result.to_dict()["metrics"]
    changes = []
    for name in names:
        b = (base.get("metrics") or {}).get(name) or {}
        n = now.get(name) or {}
        bf, nf = b.get("f"), n.get("f")
        failed = bf is not None and nf is not None and 100 * (bf - nf) > max_drop + _TOL
        changes.append(MetricChange(name, bf, nf, failed))
    return GateReport(
        system=result.system or "extractor",
        baseline_path=str(baseline),
        max_drop=float(max_drop),
        changes=changes,
        signature=str(result.signature),
        baseline_signature=str(base.get("signature")),
        notes=notes,
    )


def write_baseline(extractor: Callable, baseline: str | Path, split: str | None = "dev", *, gold: str | Path | None = None, system: str | None = None) -> Path:
    """Score ``extractor`` (partial / lenient, no bootstrap) and store it as a result file."""
    from harness.report import result_record, write_json_atomic

    result = _score_extractor(extractor, split=split or "dev", gold=Path(gold) if gold is not None else None,
                              match="partial", speaker="lenient", system=system)  # fmt: skip
    write_json_atomic(baseline, result_record(result.to_dict(), ["pytest", "--attrib-bench-update"]))
    return Path(baseline)


# --------------------------------------------------------------------------- pytest hooks


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("attrib-bench")
    group.addoption(
        "--attrib-bench-update",
        action="store_true",
        default=False,
        help="attrib_bench_gate: (re)write the baseline result files from the current extractor instead of comparing",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(baseline=..., max_drop=1.0, split=None, gold=None, metrics=None): defaults for the "
        "attrib_bench_gate fixture (attrib-bench score regression gate)",
    )


def _resolve(root: Path, p: Any) -> Any:
    if p is None:
        return None
    p = Path(p)
    return p if p.is_absolute() else root / p


@pytest.fixture
def attrib_bench_gate(request: pytest.FixtureRequest) -> Callable[..., GateReport]:
    """``attrib_bench_gate(extractor, baseline=..., max_drop=1.0, split=None, gold=None, metrics=None)``.

    Fails the test with a per-metric diff when a main metric's F1 fell more
    than ``max_drop`` points below the stored result; returns the
    :class:`GateReport` when it passes.
    """
    marker = request.node.get_closest_marker(MARKER)
    defaults = dict(marker.kwargs) if marker else {}
    root = Path(request.config.rootpath)
    update = request.config.getoption("--attrib-bench-update", default=False)

    def check(extractor: Callable, baseline: str | Path | None = None, max_drop: float | None = None, split: str | None = None, **kwargs: Any) -> GateReport:
        opts = dict(defaults)
        opts.update({k: v for k, v in (("baseline", baseline), ("max_drop", max_drop), ("split", split)) if v is not None})
        opts.update(kwargs)
        if opts.get("baseline") is None:
            pytest.fail("attrib_bench_gate: no baseline given (argument baseline=... or the attrib_bench_gate marker)", pytrace=False)
        base_path = _resolve(root, opts.pop("baseline"))
        gold = _resolve(root, opts.pop("gold", None))
        limit = opts.pop("max_drop", 1.0)
        if update:
            written = write_baseline(extractor, base_path, opts.get("split"), gold=gold, system=opts.get("system"))
            pytest.skip(f"attrib_bench_gate: wrote baseline {written} (--attrib-bench-update)")
        try:
            report = gate(extractor, base_path, limit, opts.pop("split", None), gold=gold, **opts)
        except GateError as exc:
            error = str(exc)  # failed outside the handler: no "during handling" chain in the output
        else:
            error = None
        if error is not None:
            pytest.fail(f"attrib_bench_gate: {error}", pytrace=False)
        if not report.passed:
            pytest.fail(str(report), pytrace=False)
        return report

    return check
