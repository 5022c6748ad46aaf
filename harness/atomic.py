"""Writing output files so that a failure never leaves half a file behind."""
from __future__ import annotations

import os
from pathlib import Path


def write_atomic(path: str | Path, data: bytes | str) -> Path:
    """Write ``data`` (str as UTF-8, ``\\n`` newlines) to a temporary file beside ``path``, then rename it.

    The rename is atomic on one file system; on any failure the temporary file is
    removed and an existing ``path`` is left as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        tmp.replace(path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path
