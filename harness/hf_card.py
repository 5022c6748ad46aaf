"""The Hugging Face dataset card's YAML header, generated from the label sets.

``datasets.load_dataset("data")`` reads ``data/README.md``'s front matter: the
configs, their data files and the features (labels as ClassLabel). Generating
it from :mod:`harness.schema` keeps the card and the code from drifting apart;
``data check`` fails when the committed card is stale.
"""
from __future__ import annotations

from harness.schema import PHENOMENA, QUOTE_TYPES, REGISTERS, SOURCE_TYPES, SPLITS, VERIFICATION_STATUSES

CARD_BEGIN = "---\n"
CARD_END = "---\n"


def _class_label(name: str, names: tuple[str, ...], indent: int) -> list[str]:
    pad = " " * indent
    lines = [f"{pad}- name: {name}", f"{pad}  dtype:", f"{pad}    class_label:", f"{pad}      names:"]
    lines += [f"{pad}        '{i}': {label}" for i, label in enumerate(names)]
    return lines


def _span(name: str, indent: int) -> list[str]:
    pad = " " * indent
    return [
        f"{pad}- name: {name}",
        f"{pad}  struct:",
        f"{pad}  - name: start",
        f"{pad}    dtype: int32",
        f"{pad}  - name: end",
        f"{pad}    dtype: int32",
    ]


def card_header() -> str:
    """YAML front matter (between ``---`` lines) for ``data/README.md``."""
    lines = [
        "license: cc-by-4.0",
        "language:",
        "- en",
        "pretty_name: attrib-bench",
        "task_categories:",
        "- token-classification",
        "tags:",
        "- attribution",
        "- quotation-extraction",
        "- news",
        "size_categories:",
        "- 1K<n<10K",
        "configs:",
        "- config_name: default",
        "  default: true",
        "  data_files:",
    ]
    for split in SPLITS:
        lines += [f"  - split: {split}", f"    path: {split}.jsonl"]
    lines += [
        "- config_name: documents",
        "  data_files:",
        "  - split: metadata",
        "    path: documents.jsonl",
        "dataset_info:",
        "- config_name: default",
        "  features:",
        "  - name: id",
        "    dtype: string",
        "  - name: doc_id",
        "    dtype: string",
        "  - name: sent_index",
        "    dtype: int32",
        "  - name: text",
        "    dtype: string",
        "  - name: phenomena",
        "    sequence:",
        "      class_label:",
        "        names:",
    ]
    lines += [f"          '{i}': {p}" for i, p in enumerate(PHENOMENA)]
    lines += ["  - name: attributions", "    list:"]
    lines += _span("speaker", 4)
    lines += ["    - name: speaker_name", "      dtype: string"]
    lines += _span("cue", 4)
    lines += _span("content", 4)
    lines += _class_label("quote_type", QUOTE_TYPES, 4)
    lines += _class_label("source_type", SOURCE_TYPES, 4)
    lines += _class_label("verification", VERIFICATION_STATUSES, 4)
    lines += [
        "- config_name: documents",
        "  features:",
        "  - name: doc_id",
        "    dtype: string",
        "  - name: title",
        "    dtype: string",
    ]
    lines += _class_label("register", REGISTERS, 2)
    lines += [
        "  - name: topic",
        "    dtype: string",
        "  - name: dateline",
        "    dtype: string",
        "  - name: split",
        "    dtype: string",
        "  - name: license",
        "    dtype: string",
        "  - name: n_sentences",
        "    dtype: int32",
    ]
    return CARD_BEGIN + "\n".join(lines) + "\n" + CARD_END


def with_header(card_text: str) -> str:
    """Replace (or add) the YAML front matter of a card, keeping its prose."""
    body = card_text
    if card_text.startswith(CARD_BEGIN):
        end = card_text.find("\n" + CARD_END, len(CARD_BEGIN) - 1)
        if end != -1:
            body = card_text[end + 1 + len(CARD_END) :]
    return card_header() + body
