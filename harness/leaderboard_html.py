"""The static leaderboard page ``leaderboard/index.html``.

Self-contained: inline CSS, inline SVG charts and one small inline script that
sorts the table; no external asset, font or CDN. The script carries no data:
it reads the ``data-value`` attributes of the table cells. Every untrusted
string (system names, authors, URLs, descriptions, licences) goes through
:func:`esc` (``html.escape`` with quotes) and every attribute value is quoted.
A Content-Security-Policy meta tag allows only this page's own script and
style (by their SHA-256 hashes), so even a string that escaped the escaping
could not run script. Links are made only for http(s) URLs
(:func:`harness.leaderboard.safe_url`), with ``rel="nofollow noopener noreferrer"``.

The output is a pure function of the entries: no dates, fixed float formats,
stable order.
"""
from __future__ import annotations

import base64
import hashlib
import html
from typing import Any

from harness.leaderboard import (
    HEADLINE,
    METRIC_NAMES,
    SIGNIFICANCE_LEVEL,
    Entry,
    chart_data,
    fmt_ci,
    fmt_pct,
    metric_f,
)

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")


def esc(text: Any) -> str:
    """HTML-escape text for element content and (double-quoted) attribute values."""
    return html.escape(str(text), quote=True)


SCRIPT = """
(function () {
  "use strict";
  var table = document.getElementById("leaderboard");
  if (!table) { return; }
  var tbody = table.tBodies[0];
  var headers = table.querySelectorAll("th[data-sort]");
  function key(row, col) {
    var cell = row.cells[col];
    var v = cell ? cell.getAttribute("data-value") : null;
    return (v === null || v === "") ? null : v;
  }
  function sortBy(th) {
    var col = th.cellIndex;
    var numeric = th.getAttribute("data-sort") === "number";
    var current = th.getAttribute("aria-sort");
    var dir = current === "descending" ? "ascending" : (current === "ascending" ? "descending" : (numeric ? "descending" : "ascending"));
    var rows = Array.prototype.slice.call(tbody.rows);
    rows.sort(function (a, b) {
      var x = key(a, col), y = key(b, col), c = 0;
      if (x === null && y === null) { c = 0; }
      else if (x === null) { return 1; }
      else if (y === null) { return -1; }
      else if (numeric) { c = parseFloat(x) - parseFloat(y); }
      else { c = x < y ? -1 : (x > y ? 1 : 0); }
      if (dir === "descending") { c = -c; }
      if (c !== 0) { return c; }
      var na = a.getAttribute("data-name"), nb = b.getAttribute("data-name");
      return na < nb ? -1 : (na > nb ? 1 : 0);
    });
    for (var i = 0; i < rows.length; i++) { tbody.appendChild(rows[i]); }
    for (var j = 0; j < headers.length; j++) { headers[j].removeAttribute("aria-sort"); }
    th.setAttribute("aria-sort", dir);
  }
  for (var k = 0; k < headers.length; k++) {
    headers[k].addEventListener("click", function (ev) { sortBy(ev.currentTarget); });
    headers[k].addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); sortBy(ev.currentTarget); }
    });
  }
})();
"""

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 78rem; padding: 0 1rem; color: #222; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2.2rem; } h3 { font-size: 1.05rem; }
code { font-size: 0.85em; background: #f4f4f4; padding: 0.1em 0.3em; overflow-wrap: anywhere; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.86rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3rem 0.5rem; text-align: right; vertical-align: top; }
th { background: #f7f7f7; white-space: nowrap; }
th[data-sort] { cursor: pointer; user-select: none; }
th[data-sort]:hover, th[data-sort]:focus { background: #e8eef7; }
th[aria-sort="descending"]::after { content: " \\25BC"; } th[aria-sort="ascending"]::after { content: " \\25B2"; }
td.text, th.text { text-align: left; }
td.name { min-width: 9rem; max-width: 18rem; overflow-wrap: break-word; }
.ci { display: block; color: #777; font-size: 0.75rem; white-space: nowrap; }
.badge { display: inline-block; padding: 0 0.4em; border-radius: 0.3em; font-size: 0.75rem; }
.leader { background: #ffe9a8; } .tied { background: #dcefd9; }
.legend span { margin-right: 1rem; white-space: nowrap; } .swatch { display: inline-block; width: 0.8em; height: 0.8em; margin-right: 0.3em; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; } dt { font-weight: 600; } dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
section.system { border-top: 1px solid #ccc; margin-top: 1.5rem; }
.per-class { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; margin-top: 1rem; }
svg text { font-size: 11px; fill: #333; }
""" + "".join(f".c{k} {{ background: {c}; }}\n" for k, c in enumerate(PALETTE))


def _sha256_source(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _num(x: float | None) -> str:
    """A data-value attribute: fixed decimals so sorting and bytes are stable."""
    return "" if x is None else f"{x:.6f}"


def _cell(f: float | None, ci: list | None, show_ci: bool = True) -> str:
    ci_text = fmt_ci(ci)
    inner = esc(fmt_pct(f)) + (f'<span class="ci">{esc(ci_text)}</span>' if show_ci and ci_text else "")
    return f'<td data-value="{_num(f)}">{inner}</td>'


def _status(e: Entry) -> str:
    if e.status == "leader":
        return '<span class="badge leader">leader</span>'
    if e.status == "tied":
        return f'<span class="badge tied" title="paired bootstrap p = {e.p_value:.3f}">tied</span>'
    return "" if e.p_value is None else f'<span title="paired bootstrap p = {e.p_value:.3f}">p={e.p_value:.3f}</span>'


def _main_table(entries: list[Entry]) -> list[str]:
    H: list[str] = ['<div class="scroll"><table id="leaderboard">', "<thead><tr>"]
    H.append('<th data-sort="number" tabindex="0">#</th>')
    H.append('<th class="text" data-sort="text" tabindex="0">system</th>')
    H.append('<th class="text">status</th>')
    for n in METRIC_NAMES:
        label = f"{n} (headline)" if n == HEADLINE else n
        sort = ' aria-sort="descending"' if n == HEADLINE else ""
        H.append(f'<th data-sort="number" data-metric="{esc(n)}" tabindex="0"{sort}>{esc(label)}</th>')
    H.append("</tr></thead><tbody>")
    for e in entries:
        H.append(f'<tr data-name="{esc(e.name)}">')
        H.append(f'<td data-value="{e.rank}">{e.rank}</td>')
        H.append(
            f'<td class="text name" data-value="{esc(e.meta.system_name.casefold())}">'
            f'<a href="#sys-{esc(e.name)}">{esc(e.meta.system_name)}</a><span class="ci">{esc(e.name)}</span></td>'
        )
        H.append(f'<td class="text">{_status(e)}</td>')
        for n in METRIC_NAMES:
            f, ci = metric_f(e.result, n)
            H.append(_cell(f, ci))
        H.append("</tr>")
    H.append("</tbody></table></div>")
    return H


def _bar_chart(chart_id: str, title: str, cats: list[str], per: dict[str, dict[str, float | None]], entries: list[Entry]) -> list[str]:
    """Grouped horizontal bars (one group per category, one bar per system), values 0-100%."""
    if not cats:
        return [f"<p>{esc(title)}: N/A</p>"]
    n = len(entries)
    bar, gap, label_w, plot_w = 9, 8, 190, 520
    group_h = n * bar + gap
    height = 24 + len(cats) * group_h + 20
    width = label_w + plot_w + 60
    S = [
        f'<figure><figcaption>{esc(title)}</figcaption>',
        f'<svg id="{esc(chart_id)}" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{esc(title)}">',
    ]
    for tick in (0, 25, 50, 75, 100):
        x = label_w + plot_w * tick / 100
        S.append(f'<line x1="{x:.1f}" y1="16" x2="{x:.1f}" y2="{height - 18}" stroke="#e3e3e3"/>')
        S.append(f'<text x="{x:.1f}" y="12" text-anchor="middle">{tick}</text>')
    for ci_, cat in enumerate(cats):
        y0 = 20 + ci_ * group_h
        S.append(f'<text x="{label_w - 6}" y="{y0 + n * bar / 2 + 4:.1f}" text-anchor="end">{esc(cat)}</text>')
        for k, e in enumerate(entries):
            v = per[e.name].get(cat)
            colour = PALETTE[k % len(PALETTE)]
            y = y0 + k * bar
            w = 0.0 if v is None else plot_w * v
            tip = f"{e.meta.system_name} ({e.name}), {cat}: {fmt_pct(v)}"
            S.append(
                f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar - 1}" fill="{colour}">'
                f"<title>{esc(tip)}</title></rect>"
            )
            S.append(f'<text x="{label_w + w + 4:.1f}" y="{y + bar - 1.5:.1f}" font-size="8">{esc(fmt_pct(v))}</text>')
    S.append("</svg></figure>")
    return S


def _legend(entries: list[Entry]) -> str:
    items = [
        f'<span><span class="swatch c{k % len(PALETTE)}"></span>{esc(e.meta.system_name)}</span>'
        for k, e in enumerate(entries)
    ]
    return '<p class="legend">' + "".join(items) + "</p>"


def _details(e: Entry) -> list[str]:
    m = e.meta
    D = [f'<section class="system" id="sys-{esc(e.name)}">']
    D.append(f"<h3>{e.rank}. {esc(m.system_name)} <code>{esc(e.name)}</code></h3>")
    link = m.link
    if link:
        url = f'<a href="{esc(link)}" rel="nofollow noopener noreferrer">{esc(m.url)}</a>'
    else:
        url = esc(m.url) if m.url else "none"
    ext = ("yes: " + esc(m.external_data_description)) if m.external_data else "no"
    D.append("<dl>")
    for label, value in (
        ("Authors", esc(", ".join(m.authors))),
        ("URL", url),
        ("Description", esc(m.description) or "none"),
        ("External data", ext),
        ("Test split used for tuning", "no"),
        ("Date", esc(m.date)),
        ("Licence of the predictions", esc(m.license)),
        ("Predictions sha256", f"<code>{esc(e.result.predictions_sha256)}</code>"),
    ):
        D.append(f"<dt>{label}</dt><dd>{value}</dd>")
    D.append("</dl>")
    D.append('<div class="scroll"><table class="metrics"><thead><tr><th class="text">metric</th><th>P</th><th>R</th><th>F1</th><th>F1 95% CI</th></tr></thead><tbody>')
    for n in METRIC_NAMES:
        mm = e.result.metrics.get(n)
        if mm is None:
            D.append(f'<tr><td class="text">{esc(n)}</td><td>N/A</td><td>N/A</td><td>N/A</td><td></td></tr>')
            continue
        D.append(
            f'<tr><td class="text">{esc(n)}</td><td>{fmt_pct(mm["p"])}</td><td>{fmt_pct(mm["r"])}</td>'
            f'<td>{fmt_pct(mm["f"])}</td><td>{esc(fmt_ci((mm["ci"] or {}).get("f")))}</td></tr>'
        )
    D.append("</tbody></table></div>")
    D.append('<div class="per-class">')
    for key in ("source_type", "verification", "quote_type"):
        block = e.result.per_class.get(key)
        if not block:
            D.append(f"<p>Per class, {esc(key)}: N/A</p>")
            continue
        D.append(f'<table class="classes"><caption>{esc(key)} (macro-F1 {fmt_pct(block["macro_f"])})</caption>')
        D.append('<thead><tr><th class="text">label</th><th>P</th><th>R</th><th>F1</th><th>support</th></tr></thead><tbody>')
        for label, c in block["classes"].items():
            D.append(
                f'<tr><td class="text">{esc(label)}</td><td>{fmt_pct(c["p"])}</td><td>{fmt_pct(c["r"])}</td>'
                f'<td>{fmt_pct(c["f"])}</td><td>{c["support"]}</td></tr>'
            )
        D.append("</tbody></table>")
    D.append("</div></section>")
    return D


def _split_of(signature: str) -> str:
    for part in signature.split("|"):
        if part.startswith("split:"):
            return part[len("split:"):]
    return "test"


def render_html(entries: list[Entry], signature: str, trials: int | None = None) -> str:
    from harness.significance import DEFAULT_RESAMPLES

    trials = DEFAULT_RESAMPLES if trials is None else trials
    csp = (
        "default-src 'none'; "
        f"script-src '{_sha256_source(SCRIPT)}'; style-src '{_sha256_source(STYLE)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    H = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>attrib-bench leaderboard</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<h1>attrib-bench leaderboard</h1>",
        "<p>Attribution extraction in news: every system rescored with the current harness on the "
        f"{esc(_split_of(signature))} split. "
        f"Scores are F1 in %; small print under each score is the 95% interval from {trials} document bootstrap resamples. "
        f"<em>tied</em>: not significantly different from the leader on the headline metric ({esc(HEADLINE)} F1; paired "
        f"bootstrap over documents, p &gt;= {SIGNIFICANCE_LEVEL}). Click a column header to sort.</p>",
        f'<p>Signature: <code id="signature">{esc(signature)}</code></p>',
    ]
    H += _main_table(entries)
    charts = chart_data(entries)
    H.append("<h2>Charts</h2>")
    H.append(_legend(entries))
    H += _bar_chart("chart-phenomenon", f"Headline recall per phenomenon ({HEADLINE}, %)", *charts["phenomenon"], entries)
    H += _bar_chart("chart-source-type", "F1 per source type (%)", *charts["source_type"], entries)
    H.append("<h2>Systems</h2>")
    for e in entries:
        H += _details(e)
    H.append("<p>Generated by <code>attrib-bench leaderboard build</code>. To submit, see <code>leaderboard/CONTRIBUTING.md</code>.</p>")
    H.append(f"<script>{SCRIPT}</script>")
    H += ["</body>", "</html>", ""]
    return "\n".join(H)
