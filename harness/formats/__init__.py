"""Importers and exporters for other corpora and tools' outputs.

- :mod:`harness.formats.brat` — brat standoff (the PolNeAR convention)
- :mod:`harness.formats.citron` — Citron JSON (BBC's quote extractor)
- :mod:`harness.formats.conll` — token-per-line BIO files

Everything is mapped onto the corpus and submission formats of FORMATS.md §1/§3
so that one scorer, with one set of rules, scores all of them. Fields a format
does not carry are written as ``null`` and reported by the scorer as N/A.
"""
