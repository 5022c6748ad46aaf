import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the repository's data/ folder (sources and built files)."""
    dst = tmp_path / "data"
    shutil.copytree(REPO / "data", dst, ignore=shutil.ignore_patterns(".*.tmp"))
    return dst
