"""The agreement command: frozen first annotation vs blind second annotation, with the harness's scorer."""
import shutil

import pytest

from harness.agreement import agreement_report, cohen_kappa, disagreements
from harness.build import write_corpus
from tests.test_corpus_build import GOOD, write_source


def test_cohen_kappa_hand_computed():
    # po = (20 + 15) / 50 = 0.7; pe = (25*30 + 25*20) / 2500 = 0.5; kappa = 0.2 / 0.5
    assert cohen_kappa({"a": {"a": 20, "b": 5}, "b": {"a": 10, "b": 15}}, ("a", "b")) == (0.4, 50)
    assert cohen_kappa({}, ("a", "b")) == (None, 0)


@pytest.fixture
def root(tmp_path):
    root = tmp_path / "data"
    write_source(root, "x0001")
    write_corpus(root)
    for side in ("first", "second"):
        (root / "agreement" / side).mkdir(parents=True)
        shutil.copy(root / "source" / "x0001.yaml", root / "agreement" / side / "x0001.yaml")
    return root


def test_identical_annotations_agree_perfectly(root):
    report = agreement_report(root)
    assert report["documents"] == 1 and report["sentences"] == 3
    assert report["f1"]["content_partial"] == 1.0 and report["f1"]["attribution_full"] == 1.0
    assert report["kappa"]["source_type"] == {"kappa": 1.0, "pairs": 2}
    assert disagreements(root) == []


def test_a_changed_label_and_a_dropped_attribution_are_counted(root):
    second = root / "agreement" / "second" / "x0001.yaml"
    text = GOOD.format(doc_id="x0001")
    text = text.replace("verification: asserted\n  - text: \"He", "verification: disputed\n  - text: \"He", 1)
    cut = text.index("    attributions:\n      - speaker: {text: He")
    text = text[:cut].rstrip("\n").replace("    phenomena: [pronoun_speaker]", "") + "\n"
    second.write_text(text, encoding="utf-8")
    report = agreement_report(root)
    # first: 2 attributions, second: 1 (same content) -> content P 1, R 1/2, F1 2/3
    assert report["f1"]["content_partial"] == pytest.approx(2 / 3, abs=1e-6)
    # one matched pair, labels asserted vs disputed: observed 0, expected 0 -> kappa 0
    assert report["kappa"]["verification"] == {"kappa": 0.0, "pairs": 1}
    kinds = sorted(d["kind"] for d in disagreements(root))
    assert kinds == ["only in gold", "verification differs"]


def test_sentences_edited_between_annotations_are_left_out(root):
    second = root / "agreement" / "second" / "x0001.yaml"
    second.write_text(second.read_text(encoding="utf-8").replace("The island ferry will cost more from June.", "The ferry costs more."), encoding="utf-8")
    report = agreement_report(root)
    assert report["sentences"] == 2 and report["sentences_edited_since"] == 1
