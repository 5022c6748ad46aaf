"""The signature: one string that fixes every setting that can change a number.

Like sacrebleu's signature it prints as ``key:value|key:value``, goes with every
score and into every result file; two scores are comparable only when their
signatures agree (the bootstrap settings only change the intervals)::

    attrib-bench:0.1.0|data:1.0+3f2a9c1e|split:test|match:partial@0.5|speaker:lenient|boot:1000|seed:12345

>>> s = Signature("0.1.0", "1.0", "3f2a9c1e77", "test", "partial", "lenient", 1000, 12345)
>>> str(s)
'attrib-bench:0.1.0|data:1.0+3f2a9c1e|split:test|match:partial@0.5|speaker:lenient|boot:1000|seed:12345'
>>> Signature.parse(str(s)) == s._replace_hash8()
True
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from harness.matching import PARTIAL_THRESHOLD


@dataclass(frozen=True)
class Signature:
    harness_version: str
    corpus_version: str
    gold_sha256: str
    split: str
    match: str
    speaker: str
    bootstrap: int
    seed: int

    @property
    def match_label(self) -> str:
        return f"partial@{PARTIAL_THRESHOLD:g}" if self.match == "partial" else self.match

    def __str__(self) -> str:
        return "|".join(
            [
                f"attrib-bench:{self.harness_version}",
                f"data:{self.corpus_version}+{self.gold_sha256[:8]}",
                f"split:{self.split}",
                f"match:{self.match_label}",
                f"speaker:{self.speaker}",
                f"boot:{self.bootstrap}",
                f"seed:{self.seed}",
            ]
        )

    def scoring_part(self) -> str:
        """The part that fixes the point estimates (everything but boot and seed)."""
        return "|".join(str(self).split("|")[:5])

    def _replace_hash8(self) -> "Signature":
        return replace(self, gold_sha256=self.gold_sha256[:8])

    def to_dict(self) -> dict:
        return {
            "harness_version": self.harness_version,
            "corpus_version": self.corpus_version,
            "gold_sha256": self.gold_sha256,
            "split": self.split,
            "match": self.match,
            "speaker": self.speaker,
            "bootstrap": self.bootstrap,
            "seed": self.seed,
        }

    @classmethod
    def parse(cls, text: str) -> "Signature":
        """Inverse of ``str()`` (the gold hash keeps its 8 printed hex digits)."""
        parts = dict(p.split(":", 1) for p in text.strip().split("|"))
        corpus, _, sha = parts["data"].partition("+")
        match = parts["match"].split("@", 1)[0]
        return cls(parts["attrib-bench"], corpus, sha, parts["split"], match, parts["speaker"], int(parts["boot"]), int(parts["seed"]))
