"""A scikit-learn label model over the same attribution features, the comparison the
transformer's label heads must beat on dev (``train.choose_label_models``).

It needs no saved weights: it is refit on the train split, deterministically, when
a trained model directory says it won for a field.
"""
from __future__ import annotations

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from harness.corpus import load_documents
from harness.schema import LABEL_FIELDS, Attribution

QUOTE_MARKS = "\"“”‘’«»„"


def attribution_text(sentences: list[str], index: int, a: Attribution) -> str:
    """Features of one attribution as text: its parts, tagged, plus the following sentences."""
    text = sentences[index]
    content = a.content.text(text)
    parts = [
        "SPK " + (a.speaker.text(text) if a.speaker else "NONE"),
        "CUE " + (a.cue.text(text) if a.cue else "NONE"),
        "QMARK" if any(ch in content for ch in QUOTE_MARKS) or (a.content.start > 0 and text[a.content.start - 1] in QUOTE_MARKS) else "NOQMARK",
        "INNERQ" if any(ch in content[1:-1] for ch in QUOTE_MARKS) else "",
        "CONT " + content[:300],
        "SENT " + text,
        "NEXT " + " ".join(sentences[index + 1 : index + 4]),
    ]
    return " ".join(parts)


def gold_items(split: str):
    return gold_items_from(load_documents(split))


def gold_items_from(documents):
    """``(sentences, index, attribution)`` triples and their labels, for every gold attribution."""
    items, labels = [], {name: [] for name in LABEL_FIELDS}
    for doc in documents:
        texts = doc.texts
        for i, sent in enumerate(doc.sentences):
            for a in sent.attributions:
                items.append((texts, i, a))
                for name in LABEL_FIELDS:
                    labels[name].append(getattr(a, name))
    return items, labels


class SklearnLabelModel:
    def __init__(self, pipelines: dict):
        self.pipelines = pipelines

    @classmethod
    def fit(cls, items, labels, fields=tuple(LABEL_FIELDS), seed: int = 0) -> "SklearnLabelModel":
        texts = [attribution_text(*item) for item in items]
        pipelines = {}
        for name in fields:
            pipe = make_pipeline(
                TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True, lowercase=True),
                LogisticRegression(max_iter=2000, C=4.0, class_weight="balanced", random_state=seed),
            )
            pipe.fit(texts, labels[name])
            pipelines[name] = pipe
        return cls(pipelines)

    @classmethod
    def fit_on_split(cls, split: str = "train", fields=tuple(LABEL_FIELDS), seed: int = 0) -> "SklearnLabelModel":
        items, labels = gold_items(split)
        return cls.fit(items, labels, fields, seed)

    def __call__(self, items) -> list[dict]:
        texts = [attribution_text(*item) for item in items]
        preds = {name: pipe.predict(texts) for name, pipe in self.pipelines.items()}
        return [{name: str(preds[name][n]) for name in self.pipelines} for n in range(len(items))]
