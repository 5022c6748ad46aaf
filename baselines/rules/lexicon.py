"""The cue lexicon (``cues.yaml``) and the word lists the rules use, compiled once at import.

``cues.yaml`` groups several hundred inflected reporting forms by lemma class:
speech, writing, showing, confirming, denying, hedging and belief/intention.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

CUES_PATH = Path(__file__).with_name("cues.yaml")
CLASSES = ("speech", "writing", "showing", "confirming", "denying", "hedging", "belief")


@dataclass(frozen=True)
class CueEntry:
    form: str
    lemma: str
    cls: str
    strong: bool
    speaker_right: bool = False  # "according to X", "was told by X", "are hearing from X"


@dataclass(frozen=True)
class Lexicon:
    entries: dict[str, CueEntry]  # lowercased form -> entry
    single: dict[str, CueEntry]  # one-word forms
    multi: dict[str, list[tuple[tuple[str, ...], CueEntry]]]  # first word -> phrases, longest first

    def lookup(self, form: str) -> CueEntry:
        return self.entries[form.lower()]


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    data = yaml.safe_load(Path(path or CUES_PATH).read_text(encoding="utf-8"))
    entries: dict[str, CueEntry] = {}
    for cls in CLASSES:
        for lemma, spec in (data.get(cls) or {}).items():
            strong = spec.get("needs", "weak") == "strong"
            for form in spec["forms"]:
                entries.setdefault(form.lower(), CueEntry(form.lower(), lemma, cls, strong))
    for phrase, spec in (data.get("phrases") or {}).items():
        p = phrase.lower()
        right = p.endswith((" to", " by", " from")) and not p.endswith((" to show", " to confirm", " to suggest", " said to"))
        entries[p] = CueEntry(p, p, spec["class"], True, speaker_right=right)
    single = {f: e for f, e in entries.items() if " " not in f}
    multi: dict[str, list[tuple[tuple[str, ...], CueEntry]]] = {}
    for f, e in entries.items():
        if " " in f:
            words_ = tuple(f.split())
            multi.setdefault(words_[0], []).append((words_, e))
    for v in multi.values():
        v.sort(key=lambda x: -len(x[0]))
    return Lexicon(entries, single, multi)


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


AUXILIARIES = words(
    "has have had is are was were will would could can may might must should shall did does do been being be 's ’s"
)
NEGATIONS = words(
    "not never n't n’t no cannot can't can’t won't won’t didn't didn’t doesn't doesn’t don't don’t wouldn't wouldn’t "
    "couldn't couldn’t hasn't hasn’t haven't haven’t isn't isn’t wasn't wasn’t weren't weren’t"
)
HEDGE_ADVERBS = words("purportedly reportedly allegedly apparently supposedly ostensibly")
SKIP_ADVERBS = words(
    "also later previously repeatedly then again once still further separately earlier first last yesterday today "
    "tonight now already since subsequently initially originally recently privately publicly reportedly allegedly "
    "purportedly apparently supposedly even only just never long frequently often always sometimes too"
)
DETERMINERS = words(
    "the a an this that these those his her its their our my your some many several one two three four five six "
    "seven eight nine ten dozens hundreds thousands most all both each every another other few no"
)
PREPOSITIONS = words(
    "of for from at in on by with to within inside outside near across about among between under over into via"
)
LEFT_BOUNDARY = words(
    "that which who whom whose when while because after before as if but although though since where whereas so "
    "than once until unless whether how what why and or nor yet, said says told"
)
LEADING_STRIP = words(
    "but and also however meanwhile now still yet instead later earlier separately previously today yesterday then "
    "indeed asked speaking so thus moreover furthermore besides likewise similarly nevertheless nonetheless "
    "tonight overnight here there again"
)
TIME_WORDS = words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december week month year morning afternoon evening night weekend day hours minutes "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
PRONOUNS = {
    "he": "person", "she": "person", "him": "person", "her": "person",
    "they": "plural", "them": "plural", "it": "thing", "we": "first", "i": "first",
}
OBJECT_WORDS = words(
    "me us him her them you reporters journalists lawmakers parliament investigators police officials colleagues "
    "supporters members staff students parents residents listeners viewers readers delegates crowds crowd audience "
    "workers court jurors jury judge council committee"
)
TELL_LEMMAS = words("tell inform assure remind notify brief confide")
INTRO_PREPS = words("in on at during via through with from last this late early earlier yesterday today tonight overnight by to before after over")

# Words of the speaker phrase that decide the source type.
RECORDING_NOUNS = words(
    "footage video videos clip clips photo photos photograph photographs image images picture pictures audio "
    "recording recordings livestream livestreams broadcast post posts tweet tweets cctv dashcam camera cameras "
    "film films snapshot selfie screenshot screenshots voice-note voicemail reel reels snaps still stills webcam "
    "bodycam feed imagery"
)
DOCUMENT_NOUNS = words(
    "report reports study studies analysis analyses memo memos memorandum filing filings papers letter letters poll "
    "polls survey surveys figures data records record log logs document documents audit audits review reviews "
    "minutes budget statistics assessment assessments census dossier file files inventory spreadsheet "
    "table tables chart charts map maps ledger invoice invoices contract contracts transcript transcripts "
    "ruling judgment judgement indictment affidavit complaint lawsuit submission submissions inspection "
    "findings estimate estimates projection projections forecast forecasts model modelling modeling "
    "evaluation evaluations guidance notice notes note register registry database dataset search email emails "
    "accounts test tests sample samples catalogue catalog readings results scan scans tally count counts "
    "investigation probe inquiry ledgers tracker "
    "message messages index summary plan proposal draft directive order warrant schedule timetable log-book logbook"
)
MEDIA_NOUNS = words(
    "newspaper newspapers broadcaster broadcasters television tv radio outlet outlets magazine magazines channel "
    "tabloid tabloids daily weekly website station wire newsroom podcast columnist portal "
    "correspondent press bulletin paper"
)
MEDIA_NAME_WORDS = words(
    "Courier Times Post Herald Gazette Ledger Tribune Wire News Journal Chronicle Observer TV Radio Daily Press "
    "Express Mirror Telegraph Standard Guardian Star Sun Examiner Record Bulletin Dispatch Sentinel Globe Mail "
    "Review Monitor Today Weekly Independent Inquirer Reporter Register Enquirer Broadcasting Television Channel "
    "Media FM AM Online Insider Voice Messenger Leader Argus Echo Advertiser Citizen Nation Clarion Beacon Tidings "
    "Correspondent Informer Bugle Pioneer Crier Sanomat Glasnik Diário Diario Oggi Viikko Kurir Kurier Zeitung "
    "Gazeta Gazzetta Wiadomości Tidning Posten Avisen Dagblad Nieuws Nachrichten Nouvelles Noticias Notícias Jornal "
    "Periódico Giornale Corriere Rundschau Anzeiger Blatt Presse Actualités Hírlap Novosti Vesti Haber Habari Khabar"
)
ORG_WORDS = words(
    "ministry department council union company police army military government court agency authority commission "
    "committee party office board bank group association federation institute university hospital firm "
    "corporation inc ltd llc plc co corp service services command forces force league club foundation trust charity "
    "ngo administration cabinet parliament senate assembly congress municipality city county province state "
    "school college academy institution organisation organization coalition alliance network operator regulator "
    "prosecutors prosecution embassy consulate directorate bureau secretariat centre center observatory society "
    "cooperative co-op consortium fund programme watchdog tribunal navy airforce guard brigade battalion regiment "
    "front movement campaign initiative project lab laboratory clinic airline airport port railway railways utility "
    "management leadership team headquarters hq spokesperson spokesman spokeswoman spokespeople representative "
    "office secretariat panel inquiry unit division branch chamber mission delegation holdings industries group "
    "partnership federation fondazione fundación fundação banca banco grupo oy ab as asa gmbh ag sa srl spa nv bv "
    "digital aquaculture pipeworks link verband securities pharma logistics shipping airlines motors "
    "cooperative kooperativ sindicato syndicat gewerkschaft associazione asociación stiftung "
    "systems technologies labs partners collective network station logistics energy motors airlines airways pharma pharmaceuticals solutions capital ventures foods mining shipping telecom communications electric power water insurance securities investments properties developments construction transport transit works hospitality"
)
ANON_WORDS = words(
    "official officials source sources insider insiders diplomat diplomats aide aides person people familiar "
    "briefed knowledge informant informants whistleblower whistleblowers pal pals friend friends confidant "
    "confidants ally allies colleague colleagues relative relatives neighbour neighbours acquaintance"
)
ANON_STRONG = words("source sources insider insiders informant informants whistleblower whistleblowers pal pals confidant confidants")
PERSON_TITLES = words(
    "Mr Mrs Ms Miss Dr Prof Professor Sir Dame Lord Lady President Minister Mayor Governor Senator Judge Justice "
    "General Gen Colonel Col Major Maj Captain Capt Lieutenant Lt Sergeant Sgt Commander Admiral Chief Inspector "
    "Superintendent Detective Officer Constable Rev Reverend Father Sister Brother Rabbi Imam Bishop Archbishop "
    "Pope King Queen Prince Princess Sheikh Chancellor Premier Secretary Deputy Councillor Councilor Alderman "
    "Commissioner Ambassador Director Coach Manager Chairman Chairwoman Chair Chairperson CEO Speaker Rep "
    "Representative Sen Gov Mx Engineer Nurse Police Vice Acting Assistant Associate Senior Junior Doctor Dean "
    "Principal Headteacher Head Editor Attorney Prosecutor Sheriff Marshal Magistrate Counsel Professor Prof. "
    "Dr. Mr. Mrs. Ms. Gen. Col. Capt. Lt. Sgt. Rev. Sen. Gov. Rep. Maj. Insp. Supt. Det. Cllr Cllr."
)
ROLE_NOUNS = words(
    "spokesperson spokesman spokeswoman minister mayor president governor director chief head leader chairman "
    "chairwoman chair secretary ambassador commander general judge coach manager ceo founder owner executive "
    "officer superintendent inspector commissioner prosecutor attorney lawyer counsel analyst economist expert "
    "scientist researcher doctor nurse teacher professor principal editor correspondent reporter columnist "
    "captain colonel major sergeant detective chancellor premier councillor councilor senator representative "
    "deputy adviser advisor coordinator organiser organizer curator engineer auditor treasurer registrar"
)
GROUP_HINT = words(
    "residents protesters witnesses analysts economists experts doctors workers drivers parents teachers critics "
    "campaigners scientists researchers fans locals villagers farmers voters families students nurses passengers "
    "survivors victims activists volunteers shoppers commuters neighbours neighbors users readers listeners viewers "
    "observers onlookers bystanders staff employees members supporters opponents lawmakers legislators councillors "
    "councilors investigators inspectors engineers traders merchants owners landlords tenants patients pilots "
    "soldiers troops fighters rebels refugees migrants prisoners detainees lawyers attorneys prosecutors"
)
