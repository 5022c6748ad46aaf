"""Normalisation of spans and names before they are compared (SCORING.md §Normalisation).

Spans
    A span is compared after trimming whitespace, punctuation and every
    quotation-mark character from both ends (:func:`trim_span`), so
    ``“We will rebuild the pier,”`` and ``We will rebuild the pier`` are the
    same content. *Partial* comparison uses token Jaccard on the **positions**
    of the sentence's word tokens a span touches (:func:`token_range`,
    :func:`jaccard`): two spans that cover the same words of the sentence
    overlap fully, two spans with the same words at different places do not.

Names
    ``speaker_name`` is lowercased, punctuation becomes a space, leading
    articles and honorific titles are dropped, whitespace collapses
    (:func:`normalize_name`). Exact mode compares the resulting token tuples,
    lenient mode asks for token F1 >= 0.5 (:func:`names_match`).

>>> text = "‘We will rebuild the pier,’ Mayor Ilse Varga told reporters."
>>> trim_span(text, 0, 27)
(1, 25)
>>> normalize_name("Mayor Ilse Varga"), normalize_name("the Harbour Authority")
(('ilse', 'varga'), ('harbour', 'authority'))
>>> names_match(normalize_name("Ilse Varga"), normalize_name("Varga"), "lenient")
True
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Quotation marks of every kind (straight, curly, low-9, guillemets, primes, CJK
# corner brackets, fullwidth). Most are Unicode punctuation already; the ones
# that are symbols (` ´) are listed so that the rule does not depend on that.
QUOTE_MARKS = frozenset("\"'`´‘’‚‛“”„‟«»‹›′″‴‵‶‷〝〞〟＂＇「」『』")

ARTICLES = frozenset({"a", "an", "the"})
# Honorifics and titles dropped from the *start* of a name (after articles).
TITLES = frozenset(
    {
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
        "rev", "reverend", "fr", "father", "sr", "sister", "br", "brother", "rabbi", "imam", "sheikh",
        "pope", "bishop", "archbishop", "cardinal", "king", "queen", "prince", "princess",
        "president", "minister", "chancellor", "senator", "sen", "rep", "representative",
        "congressman", "congresswoman", "governor", "gov", "mayor", "councillor", "councilor",
        "alderman", "judge", "ambassador", "commissioner", "chairman", "chairwoman", "chairperson",
        "inspector", "detective", "constable", "sheriff", "major", "maj", "gen", "col", "colonel",
        "lt", "lieutenant", "capt", "captain", "cmdr", "commander", "adm", "admiral", "sgt",
        "sergeant", "cpl", "corporal", "pte", "marshal", "brig", "brigadier",
    }
)
# Deliberately absent: words that also start organisation names ("Justice Department",
# "General Motors", "Premier League", "Secretary of State ..."), which would collapse.
# Two-word titles whose first word is not a title on its own.
TWO_WORD_TITLES = frozenset(
    {("prime", "minister"), ("first", "minister"), ("vice", "president"), ("attorney", "general"), ("secretary", "general")}
)

_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*")
_NOT_WORD = re.compile(r"[^\w\s]+")


class _TrimTable(dict):
    """``char -> bool``: is the character trimmed from span ends? (memoised)."""

    def __missing__(self, ch: str) -> bool:
        value = ch.isspace() or ch in QUOTE_MARKS or unicodedata.category(ch)[0] in "PZ"
        self[ch] = value
        return value


_TRIM = _TrimTable()


def is_trimmed(ch: str) -> bool:
    """True for whitespace, punctuation and quotation marks."""
    return _TRIM[ch]


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without whitespace, punctuation and quote marks at either end.

    A span made only of such characters trims to an empty span at its start.

    >>> trim_span('  "Yes!" ', 0, 9)
    (3, 6)
    """
    trim = _TRIM
    while start < end and trim[text[start]]:
        start += 1
    while end > start and trim[text[end - 1]]:
        end -= 1
    return start, end


_count_tokens = _TOKEN.findall


def span_jaccard(text: str, a: tuple[int, int], b: tuple[int, int]) -> float:
    """Token Jaccard of two spans of the same sentence, by token *position*.

    A span contains the word tokens it shares a word character with (a span
    that cuts a word keeps that word). Tokens in both spans are those in their
    overlap, so the figure is ``|A & B| / (|A| + |B| - |A & B|)`` with three
    token counts; spans that do not overlap score 0. Two spans with the same
    words at different places of the sentence do not overlap.

    >>> t = "Varga said the pier will be rebuilt by May."
    >>> span_jaccard(t, (11, 42), (15, 35)), span_jaccard(t, (11, 14), (15, 19))  # 4 of 7 words
    (0.5714285714285714, 0.0)
    >>> span_jaccard(t, (12, 42), (11, 42))  # a cut word still counts
    1.0
    """
    lo = a[0] if a[0] > b[0] else b[0]
    hi = a[1] if a[1] < b[1] else b[1]
    if lo >= hi:
        return 0.0
    na = len(_count_tokens(text, a[0], a[1]))
    nb = len(_count_tokens(text, b[0], b[1]))
    if (lo, hi) == a:  # a inside b (a common boundary error): the overlap is a
        both = na
    elif (lo, hi) == b:
        both = nb
    else:
        both = len(_count_tokens(text, lo, hi))
    if not both:
        return 0.0
    return both / (na + nb - both)


_WORDS = re.compile(r"\w+")


def word_jaccard(a: str, b: str) -> float:
    """Jaccard overlap of the lowercased word sets of two texts (0.0 when both are empty).

    A quick pairing measure for tools outside the scorer (agreement listings, decoding);
    the scorer itself uses :func:`span_jaccard`.

    >>> word_jaccard("the road was shut", "The road is shut")
    0.6
    """
    wa, wb = set(_WORDS.findall(a.lower())), set(_WORDS.findall(b.lower()))
    union = wa | wb
    return len(wa & wb) / len(union) if union else 0.0


@lru_cache(maxsize=1 << 16)
def normalize_name(name: str) -> tuple[str, ...]:
    """Tokens of a speaker name after normalisation (see the module docstring).

    Titles and articles are only dropped from the start, and never the last token.

    >>> normalize_name("  Prof. Dr.  Anna-Lena O’Brien "), normalize_name("President")
    (('anna', 'lena', 'o', 'brien'), ('president',))
    """
    tokens = _NOT_WORD.sub(" ", name.casefold()).split()
    i = 0
    while len(tokens) - i > 1:
        if tokens[i] in ARTICLES or tokens[i] in TITLES:
            i += 1
        elif len(tokens) - i > 2 and (tokens[i], tokens[i + 1]) in TWO_WORD_TITLES:
            i += 2
        else:
            break
    return tuple(tokens[i:])


def token_f1(gold: tuple[str, ...], pred: tuple[str, ...]) -> float:
    """F1 of two token multisets (0.0 when either is empty).

    >>> token_f1(("ilse", "varga"), ("varga",))
    0.6666666666666666
    """
    if not gold or not pred:
        return 0.0
    if gold == pred:
        return 1.0
    rest = list(pred)
    overlap = 0
    for t in gold:
        if t in rest:
            rest.remove(t)
            overlap += 1
    return 2 * overlap / (len(gold) + len(pred))


SPEAKER_MODES = ("lenient", "exact")


@lru_cache(maxsize=1 << 16)
def names_match(gold: tuple[str, ...], pred: tuple[str, ...], mode: str) -> bool:
    """Speaker-name rule: ``exact`` = equal normalised tokens, ``lenient`` = token F1 >= 0.5."""
    if not gold or not pred:
        return False
    if mode == "lenient":
        return gold == pred or token_f1(gold, pred) >= 0.5
    if mode == "exact":
        return gold == pred
    raise ValueError(f"unknown speaker mode {mode!r}; expected one of {', '.join(SPEAKER_MODES)}")
