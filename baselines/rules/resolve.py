"""Document-level pass: speaker names, pronouns, continuations, source types, verification."""
from __future__ import annotations

import re
from collections import Counter

from baselines.rules import sources
from baselines.rules.verification import assign_verification

_PERSON_PRON = {"he", "she", "him", "her"}
_GROUP_PRON = {"they", "them"}
_THING_PRON = {"it"}
_FIRST = {"i", "we", "me", "us", "you"}


def _register_names(text: str, full_names: list[str]) -> None:
    for _, _, run in sources.cap_runs(text):
        name = sources.person_name(run)
        if name and len(name.split()) >= 2 and name not in full_names:
            full_names.append(name)


def _expand_surname(name: str, full_names: list[str]) -> str:
    """"Zielonka" → "Marta Zielonka" when the article gave the full name earlier."""
    if " " in name:
        return name
    for full in reversed(full_names):
        parts = full.split()
        if len(parts) >= 2 and (parts[-1] == name or parts[0] == name):
            return full
    return name


def _interviewee(sentences: list[str], mentions: "Mentions") -> tuple[str, str] | None:
    """The person most mentioned before the first question (first mention breaks ties)."""
    first_q = next((i for i, t in enumerate(sentences) if re.match(r"^\s*[QA]\s*[:.]", t) or t.rstrip().endswith("?")), len(sentences))
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for si, _, name in mentions.items:
        if si >= first_q:
            break
        counts[name] += 1
        first_seen.setdefault(name, si)
    if not counts:
        return None
    best = sorted(counts, key=lambda k: (-counts[k], first_seen[k]))[0]
    return best, "named_person"


_IT = re.compile(r"\b(?:it|its|itself)\b")
_MALE = re.compile(r"\b(?:he|him|his|himself)\b", re.IGNORECASE)
_FEMALE = re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)
_PRON_ANY = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)
_QUOTED = re.compile(r"[“\"«„][^”\"»“]*[”\"»“]")
_GENERIC_ORG = frozenset("company firm operator group club body organisation organization agency authority partnership "
                         "federation union council ministry department command government charity network association "
                         "cooperative collective centre center institute tribunal court board committee bank".split())


_ORG_EVIDENCE = re.compile(r"\b[A-Z][\w’'\-]+(?:’s|'s)\s+(?:shares|board|chief executive|spokes\w+|headquarters|subsidiary|"
                           r"customers|staff|employees|stores|factory|plant|website|statement)\b|\b[A-Z][\w’'\-]+,\s+which\b")
_PLACE_PREPS = frozenset("in at from to of near across into on for outside inside toward towards via around between "
                         "across along through within under over about above below beyond behind".split())
_ORG_AFTER = re.compile(r"[’']?s?\s+(?:office|offices|headquarters|branch|region|province|district|county|city|state|river|"
                        r"games|cup|league|championship|university|institute|hospital|committee|council|ministry|agency|"
                        r"airport|port|station|street|road|square|bridge|forum|group|company|club|hamlet|village|town|commune|valley|"
                        r"mountain|island|lake|bay|coast|market|school|college|district)\b", re.IGNORECASE)
_FEMALE_NOUNS = frozenset("woman women mother mum mom girl wife sister daughter grandmother aunt widow actress chairwoman "
                          "spokeswoman businesswoman policewoman lady niece bride".split())
_MALE_NOUNS = frozenset("man men father dad boy husband brother son grandfather uncle widower actor chairman spokesman "
                        "businessman policeman gentleman nephew groom".split())


def phrase_gender(phrase: str) -> str | None:
    for w in re.findall(r"\w+", phrase.lower()):
        if w in _FEMALE_NOUNS:
            return "f"
        if w in _MALE_NOUNS:
            return "m"
    return None


def _mask_quotes(text: str) -> str:
    if not any(c in text for c in "“\"«„"):
        return text
    return _QUOTED.sub(lambda m: " " * len(m.group()), text)


class Mentions:
    """Person names in reading order with a gender guess from the pronouns that follow them."""

    def __init__(self, sentences: list[str]):
        self.full: list[str] = []
        self.items: list[tuple[int, int, str]] = []  # (sentence, offset, full name)
        self.possessive: set[tuple[int, int]] = set()  # (sentence, offset) of mentions like "Kuzmina’s class"
        votes: dict[str, list[int]] = {}
        plains = [_mask_quotes(t) for t in sentences]
        for i, text in enumerate(sentences):
            plain_text = plains[i]
            for s, e, run in sources.cap_runs(plain_text):
                possessive = run.endswith(("’s", "'s"))
                if possessive:
                    run = run[:-2]
                before = text[max(0, s - 12):s].lower().split()
                topic = text[:s].strip() == "For"  # "For Vilar, the argument is …": a person, not a place
                if before and (before[-1] in _PLACE_PREPS or before[-1] == "the") and not topic:
                    continue  # "in Mae Sot", "the University of ..."
                if _ORG_AFTER.match(text, e):
                    continue  # "Kuala Lumpur office", "Asian Games committee"
                name = sources.person_name(run)
                if not name:
                    # a bare surname ("Marras rejects the estimate") counts when the article gave the full name before
                    if " " in run or " " not in _expand_surname(run, self.full):
                        continue
                    name = run
                if len(name.split()) >= 2:
                    if name not in self.full:
                        self.full.append(name)
                    full = name
                else:
                    full = _expand_surname(name, self.full)
                    if " " not in full:
                        continue
                self.items.append((i, s, full))
                if possessive:
                    self.possessive.add((i, s))
                title = run.split()[0].rstrip(".")
                if title in ("Mr", "Sir", "Lord", "King", "Prince", "Father", "Brother"):
                    votes.setdefault(full, [0, 0])[0] += 3
                elif title in ("Ms", "Mrs", "Miss", "Dame", "Lady", "Queen", "Princess", "Sister"):
                    votes.setdefault(full, [0, 0])[1] += 3
        self._by_sent: dict[int, list[tuple[int, int, str]]] = {}
        for item in self.items:
            self._by_sent.setdefault(item[0], []).append(item)
        # each pronoun outside quotes votes for the nearest preceding mention ("it"/"its" count as organisation)
        self.org_votes: Counter[str] = Counter()
        for i, plain in enumerate(plains):
            if not self._by_sent.get(i) and not self._by_sent.get(i - 1) and not any(self._by_sent.get(i - d) for d in range(2, 7)):
                continue  # no mention within reach: nothing to vote for
            for m in _PRON_ANY.finditer(plain):
                ref = self.before(i, m.start(), None)
                if ref is None:
                    continue
                v = votes.setdefault(ref, [0, 0])
                if _MALE.fullmatch(m.group()):
                    v[0] += 1
                else:
                    v[1] += 1
            for m in _ORG_EVIDENCE.finditer(plain):
                ref = self.before(i, m.start() + 1, None, window=0)
                if ref is not None and ref.split()[-1] in m.group():
                    self.org_votes[ref] += 2
            for m in _IT.finditer(plain):
                ref = self.before(i, m.start(), None, window=0)
                if ref is not None:
                    self.org_votes[ref] += 1
        self.gender = {n: ("m" if v[0] > v[1] else "f" if v[1] > v[0] else None) for n, v in votes.items()}
        self._votes = votes

    def votes_for(self, name: str) -> int:
        v = self._votes.get(name)
        return sum(v) if v else 0

    def before(self, i: int, pos: int, gender: str | None, window: int = 6) -> str | None:
        found = self.before_at(i, pos, gender, window)
        return found[2] if found else None

    def before_at(self, i: int, pos: int, gender: str | None, window: int = 6):
        """The most recent compatible mention before (sentence i, offset pos): (sentence, offset, name) or None."""
        by_sent = self._by_sent
        for si in range(i, max(-1, i - window - 1), -1):
            fallback = None
            for (s_, off, name) in reversed(by_sent.get(si, ())):
                if si == i and off >= pos:
                    continue
                g = self.gender.get(name) if hasattr(self, "gender") else None
                if gender is None or g is None or g == gender:
                    if gender is not None and (si, off) in self.possessive:
                        # "Rudzīte, who teaches Kuzmina’s class, said …": a possessor is rarely the next subject
                        fallback = fallback or (si, off, name)
                        continue
                    return si, off, name
            if fallback is not None:
                return fallback
        return None


_RELATIVE = re.compile(r",?\s+(who\s+[^,.;:“”\"]+)")


def _with_relative(name: str, text: str, end: int, limit: int) -> str:
    """"a shopkeeper" + " who lives near the market" → the description the article gives."""
    m = _RELATIVE.match(text, end, limit)
    if not m:
        return name
    clause = m.group(1).strip()
    if len(clause.split()) > 10 or re.search(r"\b(?:asked|spoke|speaking|requested|declined|not authori)", clause):
        return name
    return f"{name} {clause}"


def _one_of(group: str) -> str:
    """"Several residents" → "a resident": one member of a group named earlier."""
    words_ = group.split()
    while len(words_) > 1 and words_[0].lower() in ("two", "three", "four", "several", "some", "many", "the", "a", "most", "other"):
        words_ = words_[1:]
    head_i = len(words_) - 1
    for x, w in enumerate(words_):
        if x and w.lower() in sources.PREPOSITIONS:
            head_i = x - 1
            break
    head = words_[head_i]
    if head.lower() == "people":
        words_[head_i] = "person"
    elif head.endswith("s") and not head.endswith("ss") and len(head) > 3:
        words_[head_i] = head[:-1]
    return "a " + " ".join(words_)


def _person_head(phrase: str) -> bool:
    """A description whose head noun is a kind of person ("a witness", "one mother"), not a thing."""
    head = sources.head_word(phrase).lower()
    return head in sources._COMMON_PEOPLE or head in sources.ROLE_NOUNS or head in _FEMALE_NOUNS or head in _MALE_NOUNS \
        or head.endswith(("er", "or", "ist", "ian", "ant", "ent")) and head not in ("paper", "letter", "order", "report", "register", "poster", "monitor")


def _has_title(phrase: str) -> bool:
    return any(sources._is_title(w) or w.lower() in sources.ROLE_NOUNS for w in phrase.split())


def _acronym(name: str, sentences: list[str]) -> str:
    """"CCRC" → "Central Corridor Rail Company" when the article spells it out (initials or "Name (CCRC)")."""
    if not (2 <= len(name) <= 7 and name.isupper() and name.isalpha()):
        return name
    for text in sentences:
        m = re.search(r"((?:[A-Z][\w’'\-]*\s+)(?:(?:of|for|and|the|de|du|des|la|le|el|del|on)\s+|[A-Z][\w’'\-]*\s+)*[A-Z][\w’'\-]*)\s*\(\s*" + re.escape(name) + r"\s*\)", text)
        if m:
            return re.sub(r"^(?:The|the)\s+", "", m.group(1))
    for text in sentences:
        for _, _, run in sources.cap_runs(text):
            words_ = [w for w in run.split() if w[:1].isupper()]
            if "".join(w[0] for w in words_) == name:
                return run
    return name


def _sent_index(per_sent: list[list], cands: list) -> int:
    for i, c in enumerate(per_sent):
        if c is cands:
            return i
    return 0


_DOC_HEADS = frozenset("report study analysis memo audit survey poll review assessment letter filing statement "
                       "document documents figures data minutes accounts records paper papers draft video footage clip "
                       "recording photo photograph images post notice".split())
_MEDIA_HEADS = frozenset("newspaper paper daily weekly broadcaster station channel site outlet magazine tabloid "
                         "portal publication programme network".split())
_VOICE_HEADS = frozenset("statement statements communiqué communique announcement release filing".split())


def _org_coref(phrase: str, name: str, sentences: list[str], i: int, history: list[tuple[str, str]],
               org_votes: Counter | None = None) -> str:
    """"the federation" → "Finnish Ball Games Federation"; "the operator" → the most salient organisation so far."""
    words_ = phrase.split()
    if len(words_) == 2 and words_[0][:1].isupper() and words_[1].lower() in ("officials", "spokesperson", "spokesman", "spokeswoman", "leaders", "representatives"):
        words_ = ["the", words_[0].lower()]
    if not words_ or words_[0][:1].isupper() and words_[0].lower() not in ("the", "its", "their", "our", "his", "her"):
        return name
    if any(w[:1].isupper() for w in words_[1:]):
        return name
    head = words_[-1].lower()
    cap = head.capitalize()
    for j in range(i, -1, -1):
        for _, _, run in reversed(sources.cap_runs(sentences[j])):
            if cap in run.split() and len(run.split()) >= 2:
                return run
    # the most salient organisation so far: named as a speaker or in the text, most often, then most recently
    cands: dict[str, list[int]] = {}
    order = 0
    for n, t in history:
        if t == "named_organization" and n[:1].isupper() and " " in n or (t == "named_organization" and n[:1].isupper() and n.isupper()):
            order += 1
            cands.setdefault(n, [0, 0])
            cands[n][0] += 2
            cands[n][1] = order
    for j in range(max(0, i - 25), i + 1):
        for _, _, run in sources.cap_runs(sentences[j]):
            if len(run.split()) >= 2 and run.split()[0] not in ("The", "A") and (
                    sources._org_like(run.split()) or org_votes and org_votes.get(run, 0) > 0):
                # an organisation word ("... Federation") or pronoun evidence ("Kaveri Silicon ... its chargers")
                order += 1
                cands.setdefault(run, [0, 0])
                cands[run][0] += 1
                cands[run][1] = order
    if cands:
        return max(cands, key=lambda n: (cands[n][0], cands[n][1]))
    return name


def _nominal_coref(phrase: str, name: str, stype: str, history: list[tuple[str, str]]) -> str:
    """"the report" → the fuller name of the last report; "the newspaper" → the last outlet."""
    words_ = phrase.lower().split()
    if not (1 < len(words_) <= 3 and words_[0] in ("the", "its", "this", "that", "their", "his", "her")):
        return name
    if any(w[:1].isupper() for w in phrase.split()[1:]):
        return name
    head = words_[-1]
    for n, t in reversed(history):
        if stype == "media" and head in _MEDIA_HEADS and t == "media" and n != name:
            return n
        if stype in ("document", "recording") and t == stype and head in n.lower().split() and len(n.split()) > len(words_) - 1:
            return n
    return name


def resolve_document(extractor, sentences: list[str], per_sent: list[list]) -> None:
    mentions = Mentions(sentences)
    full_names: list[str] = list(mentions.full)
    history: list[tuple[str, str]] = []  # (name, source type) of resolved sources, in order
    persons: list[tuple[int, int, str, str, str | None]] = []  # person-like speakers: (sentence, offset, name, type, gender)
    unit_source: dict[int, tuple[str, str]] = {}
    last_before: list[tuple[str, str] | None] = []
    interviewee = None
    if any(c.kind == "qa" for cands in per_sent for c in cands):
        interviewee = _interviewee(sentences, mentions)

    for text, cands in zip(sentences, per_sent):
        last_before.append(history[-1] if history else None)
        _register_names(text, full_names)
        known = frozenset(n.split()[-1] for n in full_names) | frozenset(full_names)
        main = None
        for c in cands:
            if c.kind == "qa":
                if c.speaker_text:
                    c.speaker_name, c.source_type = _expand_surname(c.speaker_text, full_names), "named_person"
                elif interviewee:
                    c.speaker_name, c.source_type = interviewee
                continue
            if c.kind == "cont":
                continue
            if c.kind == "participle" and c.speaker_text is None:
                if main is not None:
                    c.speaker, c.speaker_text = main.speaker, main.speaker_text
                    c.speaker_name, c.source_type = main.speaker_name, main.source_type
                continue
            if c.kind == "same" and c.parent is not None and c.parent.speaker_name:
                c.speaker_name, c.source_type = c.parent.speaker_name, c.parent.source_type
                continue
            phrase = (c.speaker_text or "").strip()
            low = phrase.lower()
            if low in _PERSON_PRON:
                gender = "m" if low in ("he", "him") else "f"
                si = _sent_index(per_sent, cands)
                pos = c.speaker[0] if c.speaker else 0
                hit = mentions.before_at(si, pos, gender)
                ref = (hit[2], "named_person") if hit else None
                for (pi, poff, pname, ptype, pg) in reversed(persons):
                    if (pi, poff) >= (si, pos):
                        continue
                    if pg is not None and pg != gender:
                        continue
                    if pg is None and ptype == "named_person":
                        pg = mentions.gender.get(pname)
                        if pg is not None and pg != gender:
                            continue
                    if hit is None or (pi, poff) >= (hit[0], hit[1]):
                        ref = (pname, ptype)
                    break
                if ref is None:
                    ref = next((h for h in reversed(history) if h[1] == "named_person"), None)
                c.speaker_name, c.source_type = ref if ref else (phrase, "named_person")
            elif low in ("one of them", "some of them", "one of those", "two of them", "another", "one"):
                ref = next((h for h in reversed(history) if h[1] in ("unnamed_group", "anonymous")), None)
                if ref is not None:
                    c.speaker_name = _one_of(ref[0])
                    c.source_type = "anonymous" if ref[1] == "anonymous" else "unnamed_person"
                else:
                    c.speaker_name, c.source_type = phrase, "unnamed_person"
            elif low in _GROUP_PRON:
                ref = next((h for h in reversed(history) if h[1] in ("unnamed_group", "anonymous", "named_organization")), None)
                c.speaker_name, c.source_type = ref if ref else (phrase, "unnamed_group")
            elif low in _THING_PRON:
                ref = next((h for h in reversed(history) if h[1] in ("named_organization", "document", "media", "recording")), None)
                c.speaker_name, c.source_type = ref if ref else (phrase, "named_organization")
            elif low in _FIRST:
                c.speaker_name, c.source_type = phrase, "named_organization"
            else:
                stype = sources.source_type(phrase, text, known)
                name = sources.speaker_name(phrase, stype)
                if name.isupper():
                    name = _acronym(name, sentences)
                if stype == "named_organization" and (" " not in name.strip() or re.match(r"^(?:(?:the|its|their|our)\s+\w+|[A-Z]\w+ (?:officials|spokes\w+|leaders|representatives))$", phrase, re.IGNORECASE)):
                    name = _org_coref(phrase, name, sentences, _sent_index(per_sent, cands), history, mentions.org_votes)
                if stype in ("document", "recording", "media"):
                    head = phrase.lower().split()[-1] if phrase else ""
                    if head in _VOICE_HEADS and stype == "document" and re.match(r"^(?:the|its|this|that)\s", phrase.lower()):
                        stype = "named_organization"  # "the statement said": the organisation speaking
                        name = _org_coref(phrase, name, sentences, _sent_index(per_sent, cands), history, mentions.org_votes)
                    else:
                        name = _nominal_coref(phrase, name, stype, history)
                if stype == "named_person":
                    name = _expand_surname(name, full_names)
                    if " " in name and name not in full_names:
                        full_names.append(name)
                if stype == "named_person" and not _has_title(phrase):
                    g = mentions.votes_for(name)
                    if mentions.org_votes.get(name, 0) > g:
                        stype = "named_organization"
                if stype in ("unnamed_person", "unnamed_group", "anonymous") and c.speaker is not None:
                    name = _with_relative(name, text, c.speaker[1], c.cue[0] if c.cue and c.cue[0] > c.speaker[1] else len(text))
                c.speaker_name, c.source_type = name, stype
            if c.speaker_name and c.source_type in ("unnamed_person", "anonymous") and c.speaker_name in full_names:
                c.source_type = "named_person"
            if c.speaker_name:
                history.append((c.speaker_name, c.source_type))
                if c.source_type in ("named_person", "unnamed_person", "anonymous") and c.speaker is not None \
                        and not phrase.lower().endswith("s") and (c.source_type == "named_person" or _person_head(phrase)):
                    g = phrase_gender(phrase) if c.source_type != "named_person" else mentions.gender.get(c.speaker_name)
                    persons.append((_sent_index(per_sent, cands), c.speaker[0], c.speaker_name, c.source_type, g))
                if c.unit >= 0 and c.unit not in unit_source:
                    unit_source[c.unit] = (c.speaker_name, c.source_type)
            if main is None:
                main = c
        # extra quotes of this sentence's framed speaker
        for c in cands:
            if c.kind == "same" and c.speaker_name is None and c.parent is not None:
                c.speaker_name, c.source_type = c.parent.speaker_name, c.parent.source_type
            if c.kind == "same" and c.unit >= 0 and c.speaker_name and c.unit not in unit_source:
                unit_source[c.unit] = (c.speaker_name, c.source_type)

    # continuations: the speaker of their quote unit, else the last source before them (floating quote)
    for i, cands in enumerate(per_sent):
        keep = []
        for c in cands:
            if c.kind == "cont":
                src = unit_source.get(c.unit) or last_before[i] or (interviewee if interviewee else None)
                if src is None:
                    continue
                c.speaker_name, c.source_type = src
            if c.kind == "qa" and not c.speaker_name:
                continue
            if not c.speaker_name:
                continue
            keep.append(c)
        per_sent[i] = keep
    assign_verification(extractor, sentences, per_sent)
