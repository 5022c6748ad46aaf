"""From per-token tags to linked attributions with resolved speaker names."""
from __future__ import annotations

import re
from dataclasses import dataclass

from baselines.transformer.features import B, I, O

PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them", "you"}
TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "rev", "father",
    "president", "minister", "prime", "premier", "mayor", "governor", "senator", "judge", "justice",
    "chief", "inspector", "superintendent", "sergeant", "detective", "constable", "officer", "captain",
    "major", "colonel", "general", "lieutenant", "commander", "admiral", "councillor", "councilor",
    "deputy", "secretary", "chancellor", "ambassador", "spokesman", "spokeswoman", "spokesperson",
    "coach", "manager", "director", "chairman", "chairwoman", "chair", "ceo", "mp", "sen", "rep", "gov",
}
_WORD = re.compile(r"[\w’'.-]+", re.UNICODE)


@dataclass
class LinkedSpan:
    content: tuple[int, int]  # token index range [first, last]
    speaker: tuple[int, int] | None
    cue: tuple[int, int] | None
    inner: bool


def bio_spans(tags: list[int]) -> list[tuple[int, int]]:
    """Token ranges ``(first, last)`` from a BIO sequence; an I after O starts a span."""
    spans, start = [], None
    for i, t in enumerate(tags):
        if t == B or (t == I and start is None):
            if start is not None:
                spans.append((start, i - 1))
            start = i
        elif t == O or t == -1:
            if start is not None:
                spans.append((start, i - 1))
            start = None
    if start is not None:
        spans.append((start, len(tags) - 1))
    return spans


def clean_contents(spans: list[tuple[int, int]], max_gap: int = 1, min_tokens: int = 2) -> list[tuple[int, int]]:
    """Repair a content layer: merge fragments split by a stray O tag, drop one-token scraps.

    A tagger that loses one token inside a long quote would otherwise emit two
    attributions, and a lone quotation mark or word would count as a false positive.
    """
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start - merged[-1][1] - 1 <= max_gap:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged if b - a + 1 >= min_tokens]


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    if a[1] < b[0]:
        return b[0] - a[1]
    if b[1] < a[0]:
        return a[0] - b[1]
    return 0


def _inside(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def link(speakers, cues, contents, inner_contents) -> list[LinkedSpan]:
    """Attach to each content the nearest cue outside it, and the speaker nearest that cue.

    Inner contents (nested reports) take cue and speaker from inside the outer
    content that contains them; outer contents only from outside themselves.
    """
    linked = []
    for content, inner in [(c, False) for c in contents] + [(c, True) for c in inner_contents]:
        outer = next((o for o in contents if inner and _inside(content, o) and o != content), None)

        def allowed(span):
            if _inside(span, content) or _distance(span, content) == 0:
                return False
            return outer is None or _inside(span, outer)

        cue_options = [c for c in cues if allowed(c)]
        cue = min(cue_options, key=lambda c: (_distance(c, content), c)) if cue_options else None
        anchor = cue or content
        speaker_options = [s for s in speakers if allowed(s)]
        speaker = min(speaker_options, key=lambda s: (_distance(s, anchor), s)) if speaker_options else None
        linked.append(LinkedSpan(content, speaker, cue, inner))
    return sorted(linked, key=lambda l: l.content)


def name_from_span(text: str) -> str:
    """A speaker name from its span text: drop titles in front of a capitalised name."""
    words = _WORD.findall(text)
    caps = [w for w in words if w[:1].isupper()]
    if words and len(caps) == len(words):
        kept = [w for w in words if w.lower().strip(".") not in TITLES]
        return " ".join(kept or words)
    # "the airline's chief executive, Lukas Brenner" / "spokeswoman Captain Rhiannon Pryce" -> the
    # trailing name, when a comma or a title precedes it; but not "a video shared with Meridian
    # Wire", where the capitalised run is not the source.
    head, comma, tail = text.rpartition(",")
    tail_words = _WORD.findall(tail)
    if comma and tail_words and all(w[:1].isupper() for w in tail_words):
        return name_from_span(tail.strip())
    run: list[str] = []
    before = None
    for w in reversed(words):
        if w[:1].isupper() and w.lower().strip(".") not in TITLES:
            run.insert(0, w)
        else:
            before = w
            break
    if len(run) >= 2 and before is not None and before.lower().strip(".") in TITLES:
        return " ".join(run)
    return text.strip()


ORG_NOUNS = {"company", "firm", "ministry", "agency", "council", "board", "group", "department", "authority",
             "union", "party", "office", "bank", "club", "federation", "association", "institute", "commission",
             "operator", "organisation", "organization", "government", "court", "alliance", "team", "police"}


class SpeakerResolver:
    """Resolves pronouns, surnames, "the company" and missing speakers across one document, in order."""

    def __init__(self) -> None:
        self.names: list[str] = []  # full names seen so far, most recent last
        self.orgs: list[str] = []  # capitalised names with an organisation noun, most recent last
        self.last: str | None = None
        self.last_named: str | None = None
        self.last_quoted: str | None = None  # speaker of the most recent direct quote

    def resolve(self, span_text: str | None, direct: bool = False) -> str | None:
        name = self._resolve(span_text, direct)
        if direct:
            self.last_quoted = name
        return name

    def _resolve(self, span_text: str | None, direct: bool) -> str | None:
        if span_text is None:
            # A quote without a speaker in its sentence continues the last quoted speaker.
            return (self.last_quoted if direct and self.last_quoted else None) or self.last
        words = span_text.lower().split()
        if len(words) == 2 and words[0] in ("the", "its", "this") and words[1] in ORG_NOUNS:
            match = next((o for o in reversed(self.orgs) if words[1] in o.lower().split()), None)
            if match:
                self.last = match
                return match
        if span_text.strip().lower() in PRONOUNS:
            self.last = self.last_named or self.last or span_text
            return self.last
        name = name_from_span(span_text)
        parts = name.split()
        if len(parts) == 1 and name[:1].isupper():
            for full in reversed(self.names):
                if name in full.split():
                    name = full
                    break
        if name[:1].isupper():
            if any(w.lower() in ORG_NOUNS for w in parts):
                if name not in self.orgs:
                    self.orgs.append(name)
            elif name not in self.names:
                self.names.append(name)
            self.last_named = name
        self.last = name
        return name
