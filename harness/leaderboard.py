"""The leaderboard: validate submission folders, rescore them, write LEADERBOARD.md.

A submission is a folder ``leaderboard/submissions/<name>/`` holding exactly two
plain files: ``predictions.jsonl`` (FORMATS.md §3, one line per sentence of the
test split) and ``metadata.yaml`` (the fields of :data:`METADATA_FIELDS`).
Everything in a submission is untrusted input: the YAML is read with
``yaml.safe_load`` only, the predictions only as JSON, nothing is ever imported
or executed, and every string that reaches a page is escaped
(:func:`md_escape` here, ``html.escape`` in :mod:`harness.leaderboard_html`).

``build`` decisions (documented in ``leaderboard/CONTRIBUTING.md``):

- every submission is validated in full first; one with any problem is left
  out *entirely* (never half-scored) and its problems are printed; the others
  are still scored and the files are still written;
- exit code 0 when every submission was included, 1 when the pages were written
  but at least one submission was excluded (so CI goes red), 2 when nothing
  could be built (no valid submission, unreadable gold) and nothing was written;
- all systems are rescored with the current harness on the test split with
  1,000 bootstrap resamples and the fixed default seed; rows are ordered by
  headline F1 (descending), ties broken by folder name; a system whose headline
  F1 is not significantly different from the leader's (paired bootstrap over
  documents, p >= 0.05) is marked *tied*;
- the output depends on nothing but the inputs (no dates, no absolute paths),
  so building twice gives byte-identical files.

>>> md_escape("a|b *c* <d>")
'a\\\\|b \\\\*c\\\\* &lt;d&gt;'
>>> valid_name("my-system.v2"), valid_name("../etc"), valid_name("Upper")
(True, False, False)
>>> safe_url("https://example.org/a b"), safe_url("javascript:alert(1)")
('https://example.org/a%20b', None)
"""
from __future__ import annotations

import datetime as _dt
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from harness.atomic import write_atomic
from harness.errors import InputError, Problem
from harness.metrics import HEADLINE, METRIC_NAMES

NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
PREDICTIONS = "predictions.jsonl"
METADATA = "metadata.yaml"
SUBMISSION_FILES = (METADATA, PREDICTIONS)
MAX_METADATA_BYTES = 64 * 1024
MAX_PREDICTIONS_BYTES = 200 * 1024 * 1024
SIGNIFICANCE_LEVEL = 0.05
LEADERBOARD_MD = "LEADERBOARD.md"
INDEX_HTML = "index.html"

# field -> (kind, max length); every field is required, no other field is allowed.
METADATA_FIELDS: dict[str, tuple[str, int]] = {
    "system_name": ("line", 80),
    "authors": ("authors", 200),
    "url": ("line", 500),
    "description": ("text", 2000),
    "external_data": ("bool", 0),
    "external_data_description": ("text", 1000),
    "test_split_used_for_tuning": ("bool", 0),
    "date": ("date", 0),
    "license": ("line", 100),
}
MAX_AUTHORS = 50
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# --------------------------------------------------------------------------- escaping


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_NEWLINES = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85")


def md_escape(text: str) -> str:
    """Escape untrusted text for Markdown (GitHub flavour), table cells included.

    Backslash-escapes ``\\ ` * _ [ ] | ~``, turns ``& < >`` into entities (no
    raw HTML, no autolinks in angle brackets) and every newline into ``<br>``,
    so a value can neither leave its table cell nor start a block.

    >>> md_escape("x_y\\n[z](http://e)")
    'x\\\\_y<br>\\\\[z\\\\](http://e)'
    """
    text = str(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _NEWLINES.sub("<br>", text)


_URL_SAFE = "-._~:/?#@!$&'*+,;=%"  # no ( ) [ ] < > " ` \ or spaces: they are percent-encoded


def safe_url(url: str) -> str | None:
    """The URL to link to, or ``None`` when it must be shown as text only.

    Only absolute ``http``/``https`` URLs with a host are linked; characters
    that could end a Markdown link or an HTML attribute are percent-encoded.
    """
    if not isinstance(url, str) or not url or any(unicodedata.category(c)[0] in "CZ" and c != " " for c in url):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or not url.lower().startswith(("http://", "https://")):
        return None
    return quote(url, safe=_URL_SAFE)


def valid_name(name: str) -> bool:
    """A submission folder name: lowercase letters, digits, ``. _ -``; no ``..``."""
    return bool(NAME_RE.match(name)) and ".." not in name


# --------------------------------------------------------------------------- metadata


@dataclass(frozen=True)
class Metadata:
    system_name: str
    authors: tuple[str, ...]
    url: str
    description: str
    external_data: bool
    external_data_description: str
    test_split_used_for_tuning: bool
    date: str
    license: str

    @property
    def link(self) -> str | None:
        return safe_url(self.url)


def _bad_chars(value: str, allow_newlines: bool) -> bool:
    """Control and format characters (bidi overrides, zero-width...) are refused."""
    for c in value:
        if allow_newlines and c in "\n\t":
            continue
        if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            return True
    return False


def _key_lines(text: str) -> tuple[dict[str, int], list[str]]:
    """Line of every top-level key (1-based) and the keys given twice, from YAML nodes.

    Composing builds nodes only (no Python objects), so it is as safe as
    ``safe_load``; it is used for line numbers and duplicate keys, which
    ``safe_load`` would silently collapse.
    """
    import yaml

    lines: dict[str, int] = {}
    dups: list[str] = []
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return lines, dups
    if isinstance(node, yaml.MappingNode):
        for key, _ in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in lines:
                    dups.append(key.value)
                else:
                    lines[key.value] = key.start_mark.line + 1
    return lines, dups


def parse_metadata(data: bytes, file: str) -> tuple[Metadata | None, list[Problem]]:
    """Validate ``metadata.yaml`` bytes; every problem has file, line and field."""
    import yaml

    problems: list[Problem] = []
    if len(data) > MAX_METADATA_BYTES:
        return None, [Problem(file, None, "file", f"larger than {MAX_METADATA_BYTES} bytes")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None, [Problem(file, None, "file", "not valid UTF-8")]
    try:
        obj = yaml.safe_load(text)
    except RecursionError:
        return None, [Problem(file, None, "yaml", "nested too deeply")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        msg = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [Problem(file, line, "yaml", f"not valid YAML: {msg}")]
    if not isinstance(obj, dict):
        return None, [Problem(file, None, "metadata", "expected a mapping of fields (key: value)")]
    lines, dups = _key_lines(text)
    for key in dups:
        problems.append(Problem(file, None, str(key), "given more than once"))
    values: dict[str, Any] = {}
    for key in sorted(obj, key=str):
        if key not in METADATA_FIELDS:
            hint = f"; expected only: {', '.join(METADATA_FIELDS)}"
            problems.append(Problem(file, lines.get(str(key)), str(key)[:80], "unknown field" + hint))
    for key, (kind, limit) in METADATA_FIELDS.items():
        line = lines.get(key)
        if key not in obj:
            problems.append(Problem(file, None, key, "missing (required)"))
            continue
        v = obj[key]
        if kind in ("line", "text"):
            if key == "external_data_description" and v is None:
                v = ""
            if not isinstance(v, str):
                problems.append(Problem(file, line, key, f"expected a string, got {type(v).__name__}"))
                continue
            v = v.strip()
            if key in ("system_name", "license") and not v:
                problems.append(Problem(file, line, key, "must not be empty"))
            if len(v) > limit:
                problems.append(Problem(file, line, key, f"longer than {limit} characters"))
            if _bad_chars(v, allow_newlines=kind == "text"):
                problems.append(Problem(file, line, key, "contains control or invisible formatting characters"))
            values[key] = v
        elif kind == "authors":
            authors = [v] if isinstance(v, str) else v
            if not isinstance(authors, list) or not authors or not all(isinstance(a, str) and a.strip() for a in authors):
                problems.append(Problem(file, line, key, "expected a non-empty list of names (or one string)"))
                continue
            authors = [a.strip() for a in authors]
            if len(authors) > MAX_AUTHORS:
                problems.append(Problem(file, line, key, f"more than {MAX_AUTHORS} authors"))
            for a in authors:
                if len(a) > limit:
                    problems.append(Problem(file, line, key, f"an author is longer than {limit} characters"))
                if _bad_chars(a, allow_newlines=False):
                    problems.append(Problem(file, line, key, "contains control or invisible formatting characters"))
            values[key] = tuple(authors)
        elif kind == "bool":
            if not isinstance(v, bool):
                problems.append(Problem(file, line, key, f"expected true or false, got {v!r}"[:200]))
                continue
            values[key] = v
        elif kind == "date":
            if isinstance(v, _dt.datetime) or not isinstance(v, (str, _dt.date)):
                problems.append(Problem(file, line, key, "expected a date YYYY-MM-DD"))
                continue
            if isinstance(v, str):
                try:
                    if not _DATE_RE.match(v):
                        raise ValueError
                    v = _dt.date.fromisoformat(v)
                except ValueError:
                    problems.append(Problem(file, line, key, f"expected a date YYYY-MM-DD, got {v!r}"[:200]))
                    continue
            values[key] = v.isoformat()
    if values.get("test_split_used_for_tuning") is True:
        problems.append(
            Problem(file, lines.get("test_split_used_for_tuning"), "test_split_used_for_tuning",
                    "must be false: systems tuned on the test split are not accepted")
        )  # fmt: skip
    if values.get("external_data") is True and values.get("external_data_description") == "":
        problems.append(
            Problem(file, lines.get("external_data_description"), "external_data_description",
                    "required when external_data is true: say which data")
        )  # fmt: skip
    if problems:
        return None, problems
    return Metadata(**values), []


# --------------------------------------------------------------------------- submission folders


@dataclass
class Submission:
    """A validated (or rejected) submission folder."""

    name: str
    path: Path
    metadata: Metadata | None = None
    problems: list[Problem] = field(default_factory=list)
    result: Any = None  # harness.scoring.ScoreResult once scored

    @property
    def ok(self) -> bool:
        return not self.problems and self.metadata is not None


def _read_plain(path: Path, limit: int) -> bytes:
    """Read a file without following a symlink (O_NOFOLLOW where the OS has it)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError("not a plain file")
        if st.st_size > limit:
            raise OSError(f"larger than {limit} bytes")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read(limit + 1)
    finally:
        os.close(fd)


def check_layout(path: Path, name: str | None = None) -> list[Problem]:
    """Folder name and contents: exactly the two plain files, no links, nothing else."""
    shown = str(path)
    name = name if name is not None else (path.name or path.resolve().name)
    problems: list[Problem] = []
    if not valid_name(name):
        problems.append(
            Problem(shown, None, "folder name",
                    f"{name[:80]!r} is not allowed: use 1-64 characters a-z 0-9 . _ - starting with a letter or digit, no '..'")
        )  # fmt: skip
    try:
        st = os.lstat(path)
    except OSError:
        return problems + [Problem(shown, None, "folder", "not found")]
    if stat.S_ISLNK(st.st_mode):
        return problems + [Problem(shown, None, "folder", "is a symbolic link; submit a real folder")]
    if not stat.S_ISDIR(st.st_mode):
        return problems + [Problem(shown, None, "folder", "not a folder")]
    with os.scandir(path) as it:
        entries = sorted(it, key=lambda e: e.name)
    present = set()
    for e in entries:
        where = str(path / e.name)
        if e.is_symlink():
            problems.append(Problem(where, None, "file", "symbolic links are not allowed"))
        elif not e.is_file(follow_symlinks=False):
            problems.append(Problem(where, None, "file", "not a plain file (folders, devices, pipes are not allowed)"))
        elif e.name not in SUBMISSION_FILES:
            problems.append(Problem(where, None, "file", f"unexpected file; a submission holds exactly {METADATA} and {PREDICTIONS}"))
        else:
            present.add(e.name)
    for required in SUBMISSION_FILES:
        if required not in present and not any(e.name == required for e in entries):
            problems.append(Problem(str(path / required), None, "file", "missing (required)"))
    return problems


def load_submission(
    path: Path, gold: Any, name: str | None = None, *, split: str | None = "test", metadata_docs: Any = None, bootstrap: int | None = None
) -> Submission:
    """Validate a submission folder completely and, when valid, score it.

    ``gold`` is a :class:`harness.validate.Gold` (the test split; ``split=None``
    for another gold file, which the signature then calls "custom"). Problems of
    layout, metadata and predictions are all collected; a submission with any
    problem is not scored.
    """
    from harness.scoring import score
    from harness.significance import DEFAULT_RESAMPLES, DEFAULT_SEED

    name = name if name is not None else (path.name or path.resolve().name)
    sub = Submission(name=name, path=path)
    sub.problems = check_layout(path, name)
    if any(p.field == "folder" for p in sub.problems):
        return sub  # a link, a file or nothing: never read through it
    meta_path = path / METADATA
    pred_path = path / PREDICTIONS
    layout_bad = {p.file for p in sub.problems}
    if str(meta_path) not in layout_bad and meta_path.exists():
        try:
            data = _read_plain(meta_path, MAX_METADATA_BYTES)
        except OSError as exc:
            sub.problems.append(Problem(str(meta_path), None, "file", f"cannot read: {exc.strerror or exc}"))
        else:
            sub.metadata, probs = parse_metadata(data, str(meta_path))
            sub.problems += probs
    pred_ok = str(pred_path) not in layout_bad and pred_path.exists() and not os.path.islink(pred_path)
    if pred_ok:
        try:
            size = os.lstat(pred_path).st_size
            if size > MAX_PREDICTIONS_BYTES:
                raise OSError(f"larger than {MAX_PREDICTIONS_BYTES} bytes")
        except OSError as exc:
            sub.problems.append(Problem(str(pred_path), None, "file", f"cannot read: {exc}"))
            pred_ok = False
    if pred_ok:
        try:
            result = score(
                gold, pred_path, bootstrap=DEFAULT_RESAMPLES if bootstrap is None else bootstrap, seed=DEFAULT_SEED,
                metadata=metadata_docs, split=split,
                system=sub.metadata.system_name if sub.metadata else name,
            )  # fmt: skip
        except InputError as exc:
            sub.problems += exc.problems
        else:
            result.system = sub.metadata.system_name if sub.metadata else name
            sub.result = result
    if sub.problems:
        sub.result = None  # never half-scored
    return sub


def load_gold(gold_path: Path | None = None):
    """(Gold, document metadata) for the test split, or for ``gold_path``."""
    from harness.corpus import documents_path, load_metadata, split_path
    from harness.scoring import display_path
    from harness.validate import read_gold

    path = Path(gold_path) if gold_path is not None else split_path("test")
    if not path.exists():
        raise InputError([Problem(str(path), None, "gold", "gold file not found")], what="gold")
    gold = read_gold(path, display_path(path))
    docs = load_metadata(path.parent) if documents_path(path.parent).exists() else None
    return gold, docs


# --------------------------------------------------------------------------- ranking


@dataclass
class Entry:
    """One row of the leaderboard."""

    submission: Submission
    rank: int
    status: str  # "leader", "tied" or ""
    p_value: float | None  # paired bootstrap p of the headline against the leader

    @property
    def name(self) -> str:
        return self.submission.name

    @property
    def meta(self) -> Metadata:
        return self.submission.metadata  # type: ignore[return-value]

    @property
    def result(self) -> Any:
        return self.submission.result


def _headline_f(sub: Submission) -> float:
    m = sub.result.metrics.get(HEADLINE)
    return -1.0 if m is None or m["f"] is None else round(m["f"], 6)


def rank(submissions: list[Submission], trials: int | None = None) -> list[Entry]:
    """Order valid submissions by headline F1 (ties by folder name) and mark ties with the leader."""
    from harness.significance import DEFAULT_RESAMPLES, DEFAULT_SEED, paired_bootstrap

    trials = DEFAULT_RESAMPLES if trials is None else trials
    subs = sorted((s for s in submissions if s.ok), key=lambda s: (-_headline_f(s), s.name))
    entries: list[Entry] = []
    h = METRIC_NAMES.index(HEADLINE)
    prev_f, prev_rank = None, 0
    for i, s in enumerate(subs):
        f = _headline_f(s)
        r = prev_rank if f == prev_f else i + 1
        prev_f, prev_rank = f, r
        if i == 0:
            entries.append(Entry(s, r, "leader", None))
            continue
        p = paired_bootstrap(subs[0].result.doc_counts, s.result.doc_counts, trials, DEFAULT_SEED)["p"][h]
        p = None if p != p else round(float(p), 6)
        tied = p is not None and p >= SIGNIFICANCE_LEVEL
        entries.append(Entry(s, r, "tied" if tied else "", p))
    return entries


# --------------------------------------------------------------------------- build


@dataclass
class BuildReport:
    entries: list[Entry]
    excluded: list[Submission]
    written: list[Path]
    signature: str | None


def discover(directory: Path) -> list[Path]:
    """Every entry of ``<directory>/submissions`` (valid or not), sorted by name."""
    root = Path(directory) / "submissions"
    if not root.is_dir():
        return []
    with os.scandir(root) as it:
        return [root / e.name for e in sorted(it, key=lambda e: e.name) if not e.name.startswith(".git")]


def build(directory: Path = Path("leaderboard"), gold_path: Path | None = None, *, trials: int | None = None) -> BuildReport:
    """Validate and score every submission, rank them, write the Markdown and HTML pages.

    Nothing is written when no submission is valid (raises :class:`InputError`).
    """
    from harness.leaderboard_html import render_html

    directory = Path(directory)
    gold, docs = load_gold(gold_path)
    split = "test" if gold_path is None else None
    subs = [load_submission(p, gold, split=split, metadata_docs=docs, bootstrap=trials) for p in discover(directory)]
    valid = [s for s in subs if s.ok]
    excluded = [s for s in subs if not s.ok]
    if not valid:
        problems = [p for s in excluded for p in s.problems] or [
            Problem(str(directory / "submissions"), None, "submissions", "no submission folders found")
        ]
        raise InputError(problems, what="leaderboard (no valid submission; nothing written)")
    entries = rank(valid, trials)
    signature = str(entries[0].result.signature)
    md = render_markdown(entries, signature, trials)
    page = render_html(entries, signature, trials)
    written = []
    for fname, text in ((LEADERBOARD_MD, md), (INDEX_HTML, page)):
        target = directory / fname
        write_atomic(target, text)
        written.append(target)
    return BuildReport(entries, excluded, written, signature)




# --------------------------------------------------------------------------- Markdown


def fmt_pct(x: float | None) -> str:
    return "N/A" if x is None else f"{100 * x:.1f}"


def fmt_ci(ci: list | None) -> str:
    if not ci or ci[0] is None or ci[1] is None:
        return ""
    return f"[{100 * ci[0]:.1f}, {100 * ci[1]:.1f}]"


TABLE_METRICS: tuple[str, ...] = METRIC_NAMES


def metric_f(result: Any, name: str) -> tuple[float | None, list | None]:
    m = result.metrics.get(name)
    if m is None:
        return None, None
    return m["f"], (m["ci"] or {}).get("f")


def _source_type_f(result: Any) -> dict[str, float | None]:
    block = result.per_class.get("source_type")
    if not block:
        return {}
    return {label: c["f"] for label, c in block["classes"].items() if c["support"] or (c["tp"] + c["fp"])}


def _phenomenon_r(result: Any) -> dict[str, float | None]:
    return {tag: sl["r"] for tag, sl in (result.slices.get("phenomenon") or {}).items()}


def chart_data(entries: list[Entry]) -> dict[str, tuple[list[str], dict[str, dict[str, float | None]]]]:
    """Per-phenomenon headline recall and per-source-type F1: (categories, name -> category -> value)."""
    out = {}
    for key, getter in (("phenomenon", _phenomenon_r), ("source_type", _source_type_f)):
        per = {e.name: getter(e.result) for e in entries}
        from harness.schema import PHENOMENA, SOURCE_TYPES

        order = PHENOMENA if key == "phenomenon" else SOURCE_TYPES
        cats = [c for c in order if any(c in v for v in per.values())]
        out[key] = (cats, per)
    return out


def _status_label(e: Entry) -> str:
    if e.status == "leader":
        return "leader"
    if e.status == "tied":
        return f"tied (p={e.p_value:.3f})"
    return "" if e.p_value is None else f"below (p={e.p_value:.3f})"


def render_markdown(entries: list[Entry], signature: str, trials: int | None = None) -> str:
    """LEADERBOARD.md: main table, charts as tables, and per-system details (all strings escaped)."""
    from harness.significance import DEFAULT_RESAMPLES

    trials = DEFAULT_RESAMPLES if trials is None else trials
    L: list[str] = []
    L.append("# attrib-bench leaderboard")
    L.append("")
    L.append("Generated by `attrib-bench leaderboard build` from `leaderboard/submissions/`; do not edit by hand.")
    L.append(f"All systems are rescored with the current harness. Scores are F1 in %, 95% intervals from {trials} document")
    L.append(f"bootstrap resamples. *tied*: not significantly different from the leader on the headline ({HEADLINE} F1;")
    L.append(f"paired bootstrap over documents, p >= {SIGNIFICANCE_LEVEL}). See `leaderboard/CONTRIBUTING.md` to submit.")
    L.append("")
    L.append(f"Signature: `{signature}`")
    L.append("")
    head = ["#", "system", "submission", f"{HEADLINE} F1 (headline)", "95% CI", "status"]
    head += [n for n in TABLE_METRICS if n != HEADLINE]
    L.append("| " + " | ".join(head) + " |")
    L.append("|" + "|".join(["---:", "---", "---", "---:", "---", "---"] + ["---:"] * (len(head) - 6)) + "|")
    for e in entries:
        f, ci = metric_f(e.result, HEADLINE)
        row = [str(e.rank), md_escape(e.meta.system_name), f"[{md_escape(e.name)}](#{e.name})", fmt_pct(f), fmt_ci(ci), _status_label(e)]
        row += [fmt_pct(metric_f(e.result, n)[0]) for n in TABLE_METRICS if n != HEADLINE]
        L.append("| " + " | ".join(row) + " |")
    charts = chart_data(entries)
    for key, title in (("phenomenon", f"Headline recall per phenomenon ({HEADLINE}, %)"), ("source_type", "F1 per source type (%)")):
        cats, per = charts[key]
        L.append("")
        L.append(f"## {title}")
        L.append("")
        if not cats:
            L.append("N/A")
            continue
        L.append("| " + " | ".join([key.replace("_", " ")] + [md_escape(e.name) for e in entries]) + " |")
        L.append("|" + "|".join(["---"] + ["---:"] * len(entries)) + "|")
        for c in cats:
            L.append("| " + " | ".join([md_escape(c)] + [fmt_pct(per[e.name].get(c)) for e in entries]) + " |")
    L.append("")
    L.append("## Systems")
    for e in entries:
        m = e.meta
        L.append("")
        L.append(f'<a id="{e.name}"></a>')
        L.append(f"### {e.rank}. {md_escape(m.system_name)} (`{e.name}`)")
        L.append("")
        link = m.link
        url = f"[{md_escape(m.url)}]({link})" if link else (md_escape(m.url) if m.url else "none")
        L.append(f"- **Authors:** {md_escape(', '.join(m.authors))}")
        L.append(f"- **URL:** {url}")
        L.append(f"- **Description:** {md_escape(m.description) or 'none'}")
        ext = "yes: " + md_escape(m.external_data_description) if m.external_data else "no"
        L.append(f"- **External data:** {ext}")
        L.append("- **Test split used for tuning:** no")
        L.append(f"- **Date:** {m.date}")
        L.append(f"- **Licence of the predictions:** {md_escape(m.license)}")
        L.append(f"- **Predictions sha256:** `{e.result.predictions_sha256}`")
        L.append("")
        L.append("| metric | P | R | F1 | F1 95% CI |")
        L.append("|---|---:|---:|---:|---|")
        for n in METRIC_NAMES:
            mm = e.result.metrics.get(n)
            if mm is None:
                L.append(f"| {n} | N/A | N/A | N/A | |")
                continue
            L.append(f"| {n} | {fmt_pct(mm['p'])} | {fmt_pct(mm['r'])} | {fmt_pct(mm['f'])} | {fmt_ci((mm['ci'] or {}).get('f'))} |")
        for key in ("source_type", "verification", "quote_type"):
            block = e.result.per_class.get(key)
            L.append("")
            if not block:
                L.append(f"Per class, {key}: N/A")
                continue
            L.append(f"Per class, {key} (macro-F1 {fmt_pct(block['macro_f'])}):")
            L.append("")
            L.append("| label | P | R | F1 | support |")
            L.append("|---|---:|---:|---:|---:|")
            for label, c in block["classes"].items():
                L.append(f"| {label} | {fmt_pct(c['p'])} | {fmt_pct(c['r'])} | {fmt_pct(c['f'])} | {c['support']} |")
    L.append("")
    return "\n".join(L)
