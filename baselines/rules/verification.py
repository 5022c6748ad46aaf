"""Verification status from cues in the sentence and in the sentences that follow.

* hedges in the attribution itself ("claimed", "allegedly", "appeared to show") → ``unverified``;
* a later sentence (within a short window) that hedges ("could not be independently verified"),
  denies or contradicts ("denied", "rejected", "contradict") or confirms ("confirmed",
  "corroborated", "verified") the earlier claim → ``unverified`` / ``disputed`` / ``corroborated``
  for the attributions of the nearest earlier sentence that has some;
* evidence elsewhere wins over a hedge: disputed > corroborated > unverified > asserted.
The signalling sentence's own attribution stays ``asserted``.
"""
from __future__ import annotations

import re

HEDGE_IN_CUE = re.compile(
    r"\b(?:claim\w*|alleg\w*|purport\w*|appear\w*|seem\w*|reportedly|apparently|supposedly|rumou?r\w*|speculat\w*)\b",
    re.IGNORECASE,
)
HEDGE_SENTENCE = re.compile(
    r"\b(?:could not (?:be )?(?:independently )?(?:verif\w*|confirm\w*|establish\w*)|cannot (?:be )?(?:independently )?"
    r"(?:verif\w*|confirm\w*)|(?:was|were|has been|have been|is|are) (?:not |un)able to (?:independently )?(?:verify|confirm)|"
    r"unverified|unconfirmed|not (?:yet |been )?(?:independently )?(?:verified|confirmed)|yet to (?:be )?(?:verif\w*|confirm\w*|emerge)|"
    r"no (?:independent )?(?:evidence|confirmation|proof)|without (?:providing |offering )?(?:evidence|proof)|"
    r"treat (?:those|these|it|them|the \w+) with caution|(?:did|could) not (?:independently )?(?:verify|confirm)|"
    r"has not been (?:independently )?(?:verified|confirmed)|impossible to verify|no way to verify)\b",
    re.IGNORECASE,
)
HEDGE_WORDS = re.compile(r"\b(?:allegedly|reportedly|purportedly|supposedly|apparently|claims?|claimed|alleged?)\b", re.IGNORECASE)
DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial)|reject\w*|disput\w*|refut\w*|contradict\w*|rebut\w*|dismiss\w*|"
    r"(?:is|was|were|are) (?:false|untrue|wrong|inaccurate|incorrect|misleading)|not true|no truth|baseless|unfounded|"
    r"fabricat\w*|challeng\w*|(?:called|calling) (?:it|the \w+) (?:false|untrue|nonsense|a lie)|"
    r"(?:nothing|little) to do with|debunk\w*|at odds with|inconsistent with|does not match|did not match)\b",
    re.IGNORECASE,
)
CONFIRM = re.compile(
    r"\b(?:confirm\w*|corroborat\w*|(?:independently )?verified|backed up|bore out|borne out|bears out|consistent with|"
    r"match(?:es|ed)? (?:the|his|her|their|its)|supports? (?:the|his|her|their|its|what)|(?:is|was) accurate|"
    r"(?:also )?(?:saw|seen|heard) the same|lists both|tally|tallies)\b",
    re.IGNORECASE,
)
NEG_CONFIRM = re.compile(r"\b(?:not|never|yet to|unable to|could not|cannot|refused to|declined to|no)\s+(?:\w+\s+){0,3}(?:confirm|verif|corroborat)", re.IGNORECASE)

SAME_SENTENCE_DENIAL = re.compile(
    r",\s+(?:a|an|which|something)\s+(?:\w+\s+){0,2}?(?:claim|charge|allegation|account|assertion|figure|version|suggestion|accusation)?\s*"
    r"(?:that\s+)?(?:\w+\s+){0,5}?(?:has\s+|have\s+|had\s+)?(?:denies|denied|rejects|rejected|disputes|disputed|dismissed|dismisses|"
    r"has called false|calls false|refutes|refuted|contests|contested)\b", re.IGNORECASE)
_STOP = frozenset("the a an of to in on and or for that this with was were is are be been has have had it its by at from as "
                  "said says not but they their he she his her we our you your".split())
OVERLAP_MARGIN = 2


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 2 and w not in _STOP}


RANK = {"asserted": 0, "unverified": 1, "corroborated": 2, "disputed": 3}
WINDOW = 3


def _upgrade(c, status: str) -> None:
    if RANK[status] > RANK[c.verification]:
        c.verification = status


_SIGNAL_STEMS = (
    "deni", "deny", "reject", "disput", "refut", "contradict", "rebut", "dismiss", "false", "untrue", "wrong", "inaccura",
    "incorrect", "mislead", "not true", "no truth", "baseless", "unfounded", "fabricat", "challeng", "nonsense", "a lie",
    "nothing to do", "little to do", "debunk", "at odds", "inconsistent", "match", "confirm", "corroborat", "verif",
    "backed up", "bore out", "borne out", "bears out", "consistent", "support", "accurate", "the same", "lists both",
    "tally", "tallies", "establish", "unable", "yet to", "evidence", "proof", "caution", "no way", "impossible",
    "alleg", "reportedly", "purportedly", "supposedly", "apparently", "claim", "contest",
)


class _AnySignal:
    """Cheap prefilter: a sentence without any of these stems cannot carry a verification signal."""

    _rx = re.compile("|".join(re.escape(k) for k in _SIGNAL_STEMS))

    @classmethod
    def search(cls, text: str) -> bool:
        return cls._rx.search(text.lower()) is not None


_ANY_SIGNAL = _AnySignal()


def assign_verification(extractor, sentences: list[str], per_sent: list[list]) -> None:
    has_signal = [_ANY_SIGNAL.search(t) for t in sentences]
    # 1. hedges in the attribution's own sentence
    for text, cands, flag in zip(sentences, per_sent, has_signal):
        for c in cands:
            c.verification = "asserted"
            cue = text[c.cue[0]:c.cue[1]] if c.cue else ""
            if cue and HEDGE_IN_CUE.search(cue):
                c.verification = "unverified"
            elif c.cue_entry is not None and c.cue_entry.cls == "hedging":
                c.verification = "unverified"
            elif flag:
                outside = _outside(text, c)
                if HEDGE_WORDS.search(outside) and re.search(r"\b(?:allegedly|reportedly|purportedly|supposedly)\b", text, re.IGNORECASE):
                    c.verification = "unverified"
                if HEDGE_SENTENCE.search(outside):
                    c.verification = "unverified"
    if not extractor.carry_verification:
        return
    # 2. signals in later sentences
    signal_sentences: set[int] = set()
    for i, text in enumerate(sentences):
        if not has_signal[i]:
            continue
        own = per_sent[i]
        signal = None
        outside_text = _outside_all(text, own)
        if DENIAL.search(outside_text):
            signal = "disputed"
        elif HEDGE_SENTENCE.search(outside_text) or NEG_CONFIRM.search(outside_text):
            signal = "unverified"
        elif CONFIRM.search(outside_text):
            signal = "corroborated"
        if signal is None:
            continue
        signal_sentences.add(i)
        # the nearest earlier sentence with attributions that is not itself a confirmation/denial
        own_names = {c.speaker_name for c in own if c.speaker_name}
        options = []
        sig_words = _content_words(text)
        for j in range(i - 1, max(-1, i - 1 - WINDOW), -1):
            if j in signal_sentences and signal != "unverified":
                continue
            targets = [c for c in per_sent[j] if c.speaker_name not in own_names or signal == "unverified"]
            if targets:
                overlap = max(len(sig_words & _content_words(sentences[j][c.content[0]:c.content[1]])) for c in targets)
                options.append((overlap, j, targets))
        if options:
            best = options[0]
            for opt in options[1:]:
                if opt[0] >= best[0] + OVERLAP_MARGIN:
                    best = opt
            for c in best[2]:
                _upgrade(c, signal)
    # 3. a denial inside the attribution's own sentence: "..., a claim the university rejects."
    for text, cands, flag in zip(sentences, per_sent, has_signal):
        if not flag or not cands:
            continue
        m = SAME_SENTENCE_DENIAL.search(text)
        if m:
            for c in cands:
                if c.content[1] <= m.start() + 2:
                    _upgrade(c, "disputed")


def _outside(text: str, c) -> str:
    s, e = c.content
    return text[:s] + " " + text[e:]


def _outside_all(text: str, cands: list) -> str:
    spans = sorted({c.content for c in cands if c.quote_type == "direct"})
    if not spans:
        return text
    out, pos = [], 0
    for s, e in spans:
        if s < pos:
            continue
        out.append(text[pos:s])
        pos = e
    out.append(text[pos:])
    return " ".join(out)
