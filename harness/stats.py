"""Corpus statistics: counts per split, label, phenomenon, register and topic,
plus the "shape of news" figures the corpus is designed to match."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from harness.corpus import load_metadata, load_split
from harness.schema import PHENOMENA, QUOTE_TYPES, REGISTERS, SOURCE_TYPES, SPLITS, TOPICS, VERIFICATION_STATUSES

_AUX = {
    "has", "have", "had", "was", "were", "is", "are", "be", "been", "being", "will", "would",
    "did", "does", "do", "not", "also", "later", "then", "again", "could", "can", "may", "might",
    "to", "already", "publicly", "repeatedly", "flatly", "firmly", "strongly", "quickly",
}
_IRREGULAR = {
    "said": "say", "says": "say", "saying": "say", "told": "tell", "tells": "tell", "telling": "tell",
    "wrote": "write", "written": "write", "writes": "write", "thought": "think", "thinks": "think",
    "knew": "know", "knows": "know", "shown": "show", "showed": "show", "shows": "show", "made": "make",
    "gave": "give", "given": "give", "heard": "hear", "found": "find", "put": "put", "spoke": "speak",
    "spoken": "speak", "felt": "feel", "held": "hold", "meant": "mean", "sought": "seek", "read": "read",
    "taught": "teach", "swore": "swear", "sworn": "swear", "broke": "break", "took": "take", "led": "lead",
}
_WORD = re.compile(r"[\w’'-]+", re.UNICODE)


def _lemma_word(word: str) -> str:
    """A crude stem shared by a verb's inflections: argue/argued/argues -> "argu".

    Not a dictionary lemma, but consistent, which is all a count of distinct cues needs.
    """
    w = word.lower().strip("’'")
    if w in _IRREGULAR:
        w = _IRREGULAR[w]
    else:
        for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", "e"), ("s", "")):
            if w.endswith(suffix) and len(w) - len(suffix) >= 3:
                w = w[: -len(suffix)] + repl
                if suffix in ("ed", "ing") and len(w) > 3 and w[-1] == w[-2] and w[-1] not in "ls":
                    w = w[:-1]  # "admitted" -> "admit"
                break
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


def cue_lemma(cue_text: str) -> str:
    """A rough lemma for a cue: drop auxiliaries/adverbs, lemmatise the rest.

    >>> cue_lemma("has denied"), cue_lemma("According to"), cue_lemma("argued"), cue_lemma("argues")
    ('deny', 'accord', 'argu', 'argu')
    """
    words = [_lemma_word(w) for w in _WORD.findall(cue_text) if w.lower() not in _AUX]
    return " ".join(words) or cue_text.lower()


def corpus_stats(root: Path | None = None) -> dict:
    return stats_of({split: load_split(split, root) for split in SPLITS}, load_metadata(root))


def stats_of(records_by_split: dict, metas: dict) -> dict:
    """Statistics of built records (``{split: [SentenceRecord]}``) and document metadata."""
    out: dict = {"splits": {}, "registers": Counter(), "topics": Counter()}
    for m in metas.values():
        out["registers"][m.register] += 1
        out["topics"][m.topic] += 1
    source_types, verification, quote_types, phenomena = Counter(), Counter(), Counter(), Counter()
    cue_lemmas, words, doc_lengths = Counter(), [], []
    n_sent = n_with = n_attr = n_null_speaker = n_pron_cont = n_said = n_cues = 0
    for split in SPLITS:
        records = records_by_split[split]
        docs = {r.doc_id for r in records}
        n_attr_split = sum(len(r.attributions) for r in records)
        out["splits"][split] = {"documents": len(docs), "sentences": len(records), "attributions": n_attr_split}
        for r in records:
            n_sent += 1
            words.append(len(r.text.split()))
            n_with += bool(r.attributions)
            phenomena.update(r.phenomena)
            for a in r.attributions:
                n_attr += 1
                source_types[a.source_type] += 1
                verification[a.verification] += 1
                quote_types[a.quote_type] += 1
                if a.speaker is None:
                    n_null_speaker += 1
                if a.cue is not None:
                    lemma = cue_lemma(a.cue.text(r.text))
                    cue_lemmas[lemma] += 1
                    n_cues += 1
                    n_said += lemma == "say"
            if "pronoun_speaker" in r.phenomena or "continuation" in r.phenomena:
                n_pron_cont += len(r.attributions)
    for m in metas.values():
        doc_lengths.append(m.n_sentences)
    out.update(
        documents=len(metas),
        sentences=n_sent,
        attributions=n_attr,
        source_types={k: source_types[k] for k in SOURCE_TYPES},
        verification={k: verification[k] for k in VERIFICATION_STATUSES},
        quote_types={k: quote_types[k] for k in QUOTE_TYPES},
        phenomena={k: phenomena[k] for k in PHENOMENA},
        registers={k: out["registers"][k] for k in REGISTERS},
        topics={k: out["topics"][k] for k in TOPICS if out["topics"][k]},
        shape={
            "share_sentences_with_attribution": round(n_with / n_sent, 4) if n_sent else 0.0,
            "share_sentences_without_attribution": round(1 - n_with / n_sent, 4) if n_sent else 0.0,
            "attributions_per_sentence": round(n_attr / n_sent, 4) if n_sent else 0.0,
            "words_per_sentence": round(sum(words) / len(words), 2) if words else 0.0,
            "share_speaker_not_in_sentence": round(n_null_speaker / n_attr, 4) if n_attr else 0.0,
            "share_in_pronoun_or_continuation_sentences": round(n_pron_cont / n_attr, 4) if n_attr else 0.0,
            "distinct_cue_lemmas": len(cue_lemmas),
            "share_cues_say": round(n_said / n_cues, 4) if n_cues else 0.0,
            "doc_sentences_min": min(doc_lengths) if doc_lengths else 0,
            "doc_sentences_max": max(doc_lengths) if doc_lengths else 0,
        },
        top_cue_lemmas=dict(cue_lemmas.most_common(25)),
    )
    return out


def _table(title: str, counts: dict, total: int | None = None) -> list[str]:
    lines = [title]
    width = max((len(str(k)) for k in counts), default=0)
    for key, value in counts.items():
        share = f"  {100 * value / total:5.1f}%" if total else ""
        lines.append(f"  {str(key):<{width}}  {value:>6}{share}")
    return lines


def format_stats(stats: dict) -> str:
    lines = [
        f"documents {stats['documents']}  sentences {stats['sentences']}  attributions {stats['attributions']}",
        "",
        "split      documents  sentences  attributions",
    ]
    for split, row in stats["splits"].items():
        lines.append(f"  {split:<8} {row['documents']:>9}  {row['sentences']:>9}  {row['attributions']:>12}")
    lines.append("")
    lines += _table("register (documents)", stats["registers"], stats["documents"])
    lines += _table("topic (documents)", stats["topics"], stats["documents"])
    lines += _table("source_type (attributions)", stats["source_types"], stats["attributions"])
    lines += _table("verification (attributions)", stats["verification"], stats["attributions"])
    lines += _table("quote_type (attributions)", stats["quote_types"], stats["attributions"])
    lines += _table("phenomena (sentences)", stats["phenomena"], stats["sentences"])
    lines += _table("shape", stats["shape"])
    lines += _table("most frequent cue lemmas", stats["top_cue_lemmas"], None)
    return "\n".join(lines)


def format_markdown(stats: dict) -> str:
    """The statistics as Markdown tables (pasted into the dataset card)."""
    out = [
        f"{stats['documents']} documents, {stats['sentences']} sentences, {stats['attributions']} attributions.",
        "",
        "| split | documents | sentences | attributions |",
        "|---|---:|---:|---:|",
    ]
    out += [f"| {s} | {r['documents']} | {r['sentences']} | {r['attributions']} |" for s, r in stats["splits"].items()]

    def table(title: str, counts: dict, total: int) -> list[str]:
        rows = ["", f"| {title} | count | share |", "|---|---:|---:|"]
        rows += [f"| {k} | {v} | {100 * v / total:.1f}% |" for k, v in counts.items()]
        return rows

    out += table("register (documents)", stats["registers"], stats["documents"])
    out += table("topic (documents)", stats["topics"], stats["documents"])
    out += table("source type (attributions)", stats["source_types"], stats["attributions"])
    out += table("verification (attributions)", stats["verification"], stats["attributions"])
    out += table("quote type (attributions)", stats["quote_types"], stats["attributions"])
    out += table("phenomenon (sentences)", stats["phenomena"], stats["sentences"])
    out += ["", "| shape | value |", "|---|---:|"] + [f"| {k} | {v} |" for k, v in stats["shape"].items()]
    return "\n".join(out)
