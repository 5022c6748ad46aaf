"""`datasets.load_dataset("data")` works offline from the repository, with typed labels."""
import os

import pytest

datasets = pytest.importorskip("datasets")

from harness.schema import SOURCE_TYPES, VERIFICATION_STATUSES  # noqa: E402


@pytest.fixture(autouse=True)
def offline_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", str(tmp_path / "cache"))
    datasets.disable_progress_bars()


def test_load_dataset_gives_three_splits_with_classlabel_features(data_copy):
    ds = datasets.load_dataset(str(data_copy), cache_dir=str(data_copy.parent / "cache"))
    assert set(ds) == {"train", "dev", "test"}
    feats = ds["test"].features["attributions"]
    inner = feats.feature if hasattr(feats, "feature") else feats[0]
    assert inner["source_type"].names == list(SOURCE_TYPES)
    assert inner["verification"].names == list(VERIFICATION_STATUSES)
    total = sum(len(ds[s]) for s in ds)
    built = sum(1 for s in ("train", "dev", "test") for line in open(data_copy / f"{s}.jsonl", encoding="utf-8") if line.strip())
    assert total == built


def test_unknown_label_in_built_file_fails_loudly(data_copy):
    path = data_copy / "train.jsonl"
    text = path.read_text(encoding="utf-8")
    assert '"named_person"' in text
    path.write_text(text.replace('"named_person"', '"Named_Person"', 1), encoding="utf-8")
    with pytest.raises(Exception) as info:
        datasets.load_dataset(str(data_copy), split="train", cache_dir=str(data_copy.parent / "cache"))
    chain = []
    exc = info.value
    while exc is not None:
        chain.append(str(exc))
        exc = exc.__cause__ or exc.__context__
    assert any("Named_Person" in m for m in chain), chain
