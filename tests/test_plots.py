"""PNG plots of a score result (confusion matrices, per-phenomenon recall)."""
from __future__ import annotations

import struct

from harness.plots import write_plots
from harness.scoring import score

from test_leaderboard import make_gold, predictions

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def _result():
    records = make_gold()
    rows = predictions(records, keep=lambda r, a: r["doc_id"] != "t001", strip_speaker=lambda r: r["doc_id"] == "t002")
    rows[0]["attributions"][0]["source_type"] = "media"
    rows[1]["attributions"][0].pop("verification")
    return score(records, rows, bootstrap=0, system="test system")


def test_write_plots_writes_the_three_pngs(tmp_path):
    out = tmp_path / "plots" / "nested"
    paths = write_plots(_result(), out)
    assert [p.name for p in paths] == ["confusion_source_type.png", "confusion_verification.png", "phenomenon_recall.png"]
    for p in paths:
        data = p.read_bytes()
        assert p.parent == out and data.startswith(PNG_MAGIC)
        w, h = _png_size(data)
        assert w > 100 and h > 100
        assert b"Software" not in data  # no tool/version metadata


def test_plots_are_deterministic_and_accept_a_payload(tmp_path):
    result = _result()
    a = write_plots(result, tmp_path / "a")
    b = write_plots(result.to_dict(), tmp_path / "b")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def test_fields_missing_from_gold_are_skipped(tmp_path):
    records = make_gold(n_docs=2)
    for r in records:
        for a in r["attributions"]:
            del a["verification"]
    result = score(records, predictions(records), bootstrap=0)
    names = [p.name for p in write_plots(result, tmp_path)]
    assert names == ["confusion_source_type.png", "phenomenon_recall.png"]
