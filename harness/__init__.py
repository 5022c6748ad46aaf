"""attrib-bench: benchmark harness for attribution extraction in news."""

from harness.version import CORPUS_VERSION, __version__

__all__ = ["__version__", "CORPUS_VERSION"]
