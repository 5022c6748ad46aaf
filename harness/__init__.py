"""attrib-bench: benchmark harness for attribution extraction in news.

>>> from harness import score, evaluate   # doctest: +SKIP
>>> result = score("test", "predictions.jsonl")   # doctest: +SKIP
>>> print(result)   # doctest: +SKIP
"""

from harness.version import CORPUS_VERSION, __version__

__all__ = ["__version__", "CORPUS_VERSION", "score", "evaluate", "ScoreResult"]


def __getattr__(name: str):
    # Lazy, so that `import harness` (and every CLI command) does not load numpy/scipy.
    if name in ("score", "evaluate", "ScoreResult"):
        from harness import scoring

        return getattr(scoring, name)
    raise AttributeError(f"module 'harness' has no attribute {name!r}")
