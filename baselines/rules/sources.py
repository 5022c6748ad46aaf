"""Speaker phrases: the name to report (``speaker_name``) and the source type.

Everything here looks at the speaker phrase alone (plus a few words of its
sentence such as "who asked not to be named"); no tagger, no model.

>>> source_type("Mayor Ilse Varga")
'named_person'
>>> source_type("the interior ministry")
'named_organization'
>>> source_type("people familiar with the talks")
'anonymous'
>>> source_type("a video posted online")
'recording'
>>> person_name("Harbour Workers’ Union chief Marta Zielonka")
'Marta Zielonka'
"""
from __future__ import annotations

import re
from functools import lru_cache

from baselines.rules.lexicon import (
    ANON_STRONG,
    ANON_WORDS,
    DETERMINERS,
    DOCUMENT_NOUNS,
    GROUP_HINT,
    MEDIA_NAME_WORDS,
    MEDIA_NOUNS,
    ORG_WORDS,
    PERSON_TITLES,
    PREPOSITIONS,
    PRONOUNS,
    RECORDING_NOUNS,
    ROLE_NOUNS,
)

_TOKEN = re.compile(r"[\w][\w’'.\-&]*[\w.]|[\w]|[^\w\s]")
_CAP_RUN = re.compile(
    r"(?:(?<=\s)|^)((?:[A-Z][\w’'\-]*\.?|(?:de|da|van|von|der|del|bin|al|el|la|le|di|du|dos|das|ter|ten)(?=\s+[A-Z]))"
    r"(?:\s+(?:[A-Z][\w’'\-]*\.?|(?:de|da|van|von|der|del|bin|al|el|la|le|di|du|dos|das|ter|ten)(?=\s+[A-Z])))*)"
)
ANON_PHRASES = re.compile(
    r"\b(?:familiar with|briefed on|with knowledge of|close to|who (?:asked|spoke|requested|declined to be|was not "
    r"authori[sz]ed|were not authori[sz]ed|would speak only|could not be named|did not want)|not authori[sz]ed|on condition of "
    r"anonymity|without (?:being named|his name|her name|their names)|anonymous|unnamed|insiders?|sources?)\b",
    re.IGNORECASE,
)
_AGE = re.compile(r",\s+\d{1,3},")
_SPOKES = re.compile(r"\b(?:spokes(?:person|man|woman|people)|representative|press office|statement)s?\s+(?:for|of|from|at)\s+(.+)$", re.IGNORECASE)
_POSS_ROLE = re.compile(r"^(.+?)(?:’s|'s)?\s+spokes(?:person|man|woman)$", re.IGNORECASE)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _strip_det(text: str) -> str:
    parts = text.split()
    while len(parts) > 1 and parts[0].lower() in ("the", "a", "an", "one", "another"):
        parts = parts[1:]
    return " ".join(parts)


def _is_title(tok: str) -> bool:
    return tok in PERSON_TITLES or tok.rstrip(".") in PERSON_TITLES


def _org_like(words_: list[str]) -> bool:
    return any(w.lower().strip(".’'") in ORG_WORDS for w in words_)


_NOT_NAME = frozenset(
    "since when after before while the a an this that these those his her its their our my your some one two many "
    "several another in on at for with from by of to and but or if as once until although though because during "
    "yesterday today tonight earlier later last next every each all most no not i we you he she they it me us him "
    "them did do does is was were are has have had will would can could should may might must be been".split()
)


def _name_tokens_ok(toks: list[str]) -> bool:
    """A person name has no function or time words and is not an all-capitals dateline ("MAE SOT")."""
    from baselines.rules.lexicon import TIME_WORDS

    for t in toks:
        low = t.lower().rstrip(".")
        if low in _NOT_NAME or low in TIME_WORDS:
            return False
    if all(t.isupper() and len(t) > 1 for t in toks) and len(toks) >= 1 and sum(len(t) for t in toks) > 4:
        return False
    return True


def trailing_name(text: str) -> str | None:
    """"the Stockholm venture fund Norrgate Capital" → "Norrgate Capital" (a name after a lowercase description)."""
    runs = cap_runs(text)
    if not runs:
        return None
    s, e, run = runs[-1]
    if text[e:].strip(" ,.") or s == 0:
        return None
    before = text[:s].split()
    if before and any(w[:1].islower() and w.lower() not in ("the", "a", "an", "of", "and") for w in before):
        return run.rstrip(".,")
    return None


def _media_like(words_: list[str]) -> bool:
    return any(w in MEDIA_NAME_WORDS for w in words_) or any(w.lower() in MEDIA_NOUNS for w in words_)


_LEAD_CAPS = frozenset("The A An This That These Those His Her Its Their Our My Some One Two Many Several Another".split())


@lru_cache(maxsize=8192)
def cap_runs(text: str) -> list[tuple[int, int, str]]:
    """Runs of capitalised words (candidate names) with their offsets, without a leading determiner."""
    out: list[tuple[int, int, str]] = []
    for m in _CAP_RUN.finditer(text):
        s, run = m.start(1), m.group(1)
        first = run.split(" ", 1)[0]
        if first in _LEAD_CAPS:
            if " " not in run:
                continue
            cut = len(first) + 1
            s, run = s + cut, run[cut:]
        # a capitalised function word that opens the sentence is not part of the name ("But Tarmo Kikas", "For Vilar")
        while " " in run and run.split(" ", 1)[0].lower() in _NOT_NAME and not text[:s].strip(" \"“‘'«(—–-"):
            cut = run.index(" ") + 1
            s, run = s + cut, run[cut:]
        out.append((s, s + len(run), run))
    return out


def person_noun(word: str) -> bool:
    """A role or kind of person ("epidemiologist", "lawyer", "father", "headman"), not a thing ("records")."""
    w = word.lower().strip("’'")
    return w in ROLE_NOUNS or w in _COMMON_PEOPLE or w.endswith(("man", "woman", "ist", "ian")) \
        or (w.endswith(("er", "or")) and w not in ("paper", "letter", "order", "report", "register", "poster", "monitor", "minor"))


@lru_cache(maxsize=8192)
def person_name(phrase: str) -> str | None:
    """The person name inside a speaker phrase ("Major General Thura Aung Kyaw" → "Thura Aung Kyaw"), else None.

    The first name-shaped run wins, skipping possessives ("Kolej Podgórska’s regional manager, Anna …")
    and runs inside a prepositional phrase ("Professor Yang Ji-min of the Korea Institute …").
    """
    found: list[str] = []
    found_end = 0
    for start, end, run in cap_runs(phrase):
        if run.endswith(("’s", "'s", "'", "’")) or phrase[end:end + 1] in ("'", "’"):
            continue
        before = phrase[:start].split()
        if before and before[-1].lower() in PREPOSITIONS and found:
            continue
        between = phrase[found_end:start].split()
        # "Ban Laem Sak village headman Somsak Hemmarat": a name right after a role noun beats the place before it
        # (but not "Ilse Varga told Reuters": a verb in between)
        after_role = bool(found and between) and all(w.isalpha() and w.islower() and w not in PREPOSITIONS for w in between) \
            and person_noun(between[-1])
        toks = run.split()
        # drop leading titles and role words ("Police Colonel", "Mayor", "Dr.")
        while toks and (_is_title(toks[0]) or toks[0].lower() in ROLE_NOUNS):
            toks = toks[1:]
        if not toks:
            continue
        toks = [t.rstrip(".") if len(t.rstrip(".")) > 2 else t for t in toks]
        if _org_like(toks) or any(w in MEDIA_NAME_WORDS for w in toks) or not _name_tokens_ok(toks):
            continue
        if len(toks) >= 2 or (len(toks) == 1 and len(toks[0]) > 1 and len(run.split()) > 1):
            if after_role:
                found = []
            found.append(" ".join(toks).rstrip(","))
            found_end = end
    if not found:
        return None
    return found[0]


@lru_cache(maxsize=8192)
def looks_like_person(phrase: str) -> bool:
    """Two or more capitalised non-organisation words, or a title followed by a name."""
    for _, _, run in cap_runs(phrase):
        toks = run.split()
        had_title = False
        while toks and (_is_title(toks[0]) or toks[0].lower() in ROLE_NOUNS):
            toks = toks[1:]
            had_title = True
        toks = [t.rstrip(".") if len(t.rstrip(".")) > 2 else t for t in toks]
        if not toks or _org_like(toks) or any(w in MEDIA_NAME_WORDS for w in toks) or not _name_tokens_ok(toks):
            continue
        if len(toks) >= 2 or had_title:
            return True
    return False


_PARTICIPLE_KEEP = frozenset("briefing ruling filing recording meeting hearing building wedding red need feed seed speed creed".split())
_HEAD_TIME = frozenset("last this next earlier yesterday today tonight overnight".split())
_HEAD_STOP = frozenset("who which that seen filed shared posted published circulating obtained dated released leaked filmed taken recorded issued commissioned".split())


@lru_cache(maxsize=8192)
def head_word(phrase: str) -> str:
    """Last word before a preposition or participle ("figures from the authority" → "figures")."""
    toks = [t for t in tokens(phrase) if t[0].isalnum()]
    out: list[str] = []
    for t in toks:
        low = t.lower()
        participle = t[0].islower() and low.endswith(("ing", "ed")) and low not in _PARTICIPLE_KEEP
        if out and out[-1].lower() not in DETERMINERS and (low in PREPOSITIONS or low in _HEAD_STOP or participle or low in _HEAD_TIME):
            break
        out.append(t)
    return out[-1] if out else ""


def source_type(phrase: str, context: str = "", known_persons: frozenset[str] = frozenset()) -> str:
    """Source type of a speaker phrase (see TASK.md); ``context`` is the rest of the sentence."""
    text = phrase.strip()
    low = text.lower()
    toks = tokens(text)
    lows = [t.lower() for t in toks]
    head = head_word(text)
    hl = head.lower().strip(".’'")
    first = lows[0] if lows else ""
    # recordings and documents: by the head noun (before "by/from/of")
    lower_head = head[:1].islower() or (bool(toks) and head == toks[0])
    if hl in RECORDING_NOUNS and lower_head:
        return "recording"
    if hl in DOCUMENT_NOUNS and lower_head:
        rest = text[text.lower().find(hl) + len(hl):] if hl else ""
        if re.match(r"\s*(?:by|in)\b", rest) and _media_like(rest.split()) and not _org_like(rest.split()):
            return "media"
        return "document"
    # anonymous sources
    if re.search(ANON_PHRASES, text) or (context and re.search(
            r"\b(?:asked not to be (?:named|identified)|not authori[sz]ed to|condition of anonymity|declined to be (?:named|identified)|"
            r"speak(?:ing)? (?:anonymously|privately|on condition)|would not be named|without (?:being named|his name|her name)|"
            r"asked that (?:his|her|their) names? (?:not|be withheld)|requested anonymity|not (?:be )?named|name withheld|"
            r"on background|not cleared to)\b", context, re.IGNORECASE)):
        if not looks_like_person(text):
            return "anonymous"
    if hl in ANON_STRONG:
        return "anonymous"
    if hl in ("official", "officials", "diplomat", "diplomats", "aide", "aides", "insider", "insiders"):
        caps = [t for t in toks[:-1] if t[:1].isupper() and t.lower() not in DETERMINERS]
        if caps and _org_like(caps):
            return "named_organization"
        return "anonymous"
    if hl in ("people", "person") and re.search(r"\b(?:familiar|briefed|knowledge|close)\b", low):
        return "anonymous"
    # media: outlet nouns and outlet-like names ("the Helsinki daily Pääkaupungin Sanomat")
    desc = [t.lower() for t in toks if t[:1].islower()]
    if any(d in MEDIA_DESCRIPTORS for d in desc) and not re.search(r"\b(?:correspondent|columnist|reporter|editor|journalist)\b", low):
        return "media"
    if hl in MEDIA_NOUNS or (toks and toks[-1] in MEDIA_NAME_WORDS) or any(t in MEDIA_NAME_WORDS for t in toks if t[:1].isupper()):
        if not looks_like_person(text) or hl in MEDIA_NOUNS:
            if hl not in ("correspondent", "columnist"):
                return "media"
    if hl in ORG_WORDS and hl not in ROLE_NOUNS and hl not in ("spokesperson", "spokesman", "spokeswoman", "representative"):
        if first in ("some", "many", "several", "other", "two", "three", "four", "five") or hl in ("councils", "unions", "companies", "hospitals", "schools", "firms", "banks", "groups"):
            return "unnamed_group"
        return "named_organization"
    if ", " in text:
        left = text.split(", ", 1)[0]
        if head_word(left).lower() in ORG_WORDS and not looks_like_person(left):
            return "named_organization"
    # pronouns handled by the caller
    if low in ("he", "she"):
        return "named_person"
    if low in ("it",):
        return "named_organization"
    if low in ("they",):
        return "unnamed_group"
    # spokespeople without a name speak for their organisation
    if re.search(r"\bspokes(?:person|man|woman|people)\b", low) and not looks_like_person(text):
        return "named_organization"
    # a common-noun head ("Members of the Porto Lagos cooperative", "A farmer in Ogun State"): names
    # inside its prepositional phrase do not make it a person
    common_head = hl.isalpha() and (head[:1].islower() or (bool(toks) and head == toks[0] and hl not in known_persons)) \
        and (hl in GROUP_HINT or hl in ROLE_NOUNS or hl in ANON_WORDS or hl in _COMMON_PEOPLE or hl.endswith(("ers", "ists", "ians", "ents")))
    if common_head and not looks_like_person(text.split(" of ")[0].split(" in ")[0]) or common_head and text.split()[0].lower() in DETERMINERS:
        if hl in ORG_WORDS and hl not in ROLE_NOUNS:
            return "named_organization"
        if hl.endswith("s") and not hl.endswith("ss") or hl in GROUP_HINT or hl in ("people", "staff", "police", "crew", "public"):
            return "unnamed_group"
        return "unnamed_person"
    if looks_like_person(text):
        return "named_person"
    if context and toks and toks[0][:1].isupper():
        at = context.find(text + ",")
        if at >= 0 and _AGE.match(context, at + len(text)):
            return "named_person"  # "Hart, 54, said …": an age makes a person
    caps = [t for t in toks if t[:1].isupper() and t.lower() not in DETERMINERS and t.lower() not in PRONOUNS]
    if hl in ORG_WORDS or _org_like(caps):
        if first in ("some", "many", "several", "other", "two", "three", "four", "five") or (hl.endswith("s") and hl in ("councils", "unions", "companies", "hospitals", "schools", "firms", "banks", "groups")):
            return "unnamed_group"
        return "named_organization"
    if caps and not any(t.lower() in GROUP_HINT or t.lower() in ROLE_NOUNS for t in lows):
        one = caps[-1]
        if one in known_persons or head in known_persons:
            return "named_person"
        if len(caps) == 1 and first not in ("a", "an", "one"):
            return "named_organization" if one not in known_persons else "named_person"
    if hl in ROLE_NOUNS and first in ("the",) and caps:
        return "named_person"  # "the Ruritanian ambassador", "the mayor of Loon"
    if hl in ROLE_NOUNS and first in ("the", "its", "his", "her", "their") and hl not in ("analyst", "expert", "economist", "scientist", "researcher", "doctor", "nurse", "teacher", "lawyer", "reporter"):
        return "named_person"
    if first in ("a", "an", "one", "another") or (hl and not hl.endswith("s") and hl not in GROUP_HINT):
        return "unnamed_person"
    return "unnamed_group"


MEDIA_DESCRIPTORS = frozenset(
    "newspaper newspapers daily weekly tabloid broadsheet broadcaster broadcasters portal magazine outlet outlets "
    "television radio channel website site paper station wire newsletter podcast blog news".split()
)
_COMMON_PEOPLE = frozenset(
    "people person man woman men women farmer resident witness neighbour neighbor mother father parent child children "
    "driver worker member members friend friends pal pals fan fans customer customers passenger passengers student students "
    "teacher teachers banker bankers trader traders shopkeeper vendor vendors owner owners villager villagers local locals "
    "survivor survivors victim victims relative relatives employee employees official officials mum mums dad dads "
    "grandmother grandfather nurse nurses doctor doctors guard guards soldier soldiers officer officers reader readers "
    "viewer viewers listener listeners user users critic critics expert experts analyst analysts".split()
)


def speaker_name(phrase: str, stype: str) -> str:
    """The name to report for a phrase that is not a pronoun (resolution across the document is the caller's)."""
    text = phrase.strip().rstrip(",")
    m = re.match(r"^(?:one|some|two|another) of (?:them|those|the \w+),\s+(.+)$", text, re.IGNORECASE)
    if m:
        return _strip_det(m.group(1))
    if stype == "named_person":
        name = person_name(text)
        if name:
            return name
    if stype in ("named_organization", "media"):
        tn = trailing_name(text.split(", ", 1)[-1])
        if tn:
            return tn
    if stype == "named_organization":
        m = _SPOKES.search(text)
        if m:
            return _strip_det(m.group(1))
        m = _POSS_ROLE.match(text)
        if m:
            return _strip_det(m.group(1))
    # "The operator, Nordhaven Logistics" → the name part
    if ", " in text:
        left, right = text.split(", ", 1)
        named_right = _strip_det(right)
        if right[:1].isupper() or (named_right != right and all(w[:1].isupper() or w in ("of", "de", "del", "and", "for", "the", "la", "le")
                                                                for w in named_right.split())):
            return _strip_det(right) if stype != "named_person" else (person_name(right) or right)
    return _strip_det(text)


def clear_caches() -> None:
    """Empty the per-phrase caches (the benchmark does this per document so repeats don't hit them)."""
    for fn in (cap_runs, person_name, looks_like_person, head_word):
        fn.cache_clear()
