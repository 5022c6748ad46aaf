"""Would a scikit-learn classifier beat the rules on source_type or verification? (Measured on dev.)

Trains a logistic regression on the train split for each decision, with the rule's own
label among the features, and compares accuracy on the *dev* split on the attributions the
extractor found and matched to gold (content token Jaccard >= 0.5). The extractor keeps
whichever wins — a classifier replaces a rule only when it is better on dev and the
difference is significant (exact binomial test on the attributions where exactly one of
them is right, p < 0.05). The outcome is recorded in ``baselines/rules/README.md``.

    .venv/bin/python -m baselines.rules.classifiers [--source]

``--source`` reads train/dev documents from ``data/source/*.yaml`` instead of the built files.
Test documents are never read.
"""
from __future__ import annotations

import argparse
import re
import sys

import numpy as np

from baselines.rules import RuleExtractor, sources
from baselines.rules import verification as V
from baselines.rules.devscore import jaccard, load_source_documents, norm_tokens

_STOP = frozenset("the a an of to in on and or for that this with was were is are be been has have had it its by at "
                  "from as said says".split())


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if w not in _STOP and len(w) > 2}


def source_type_features(phrase: str, rule: str) -> dict:
    f: dict = {"rule=" + rule: 1}
    words = [t for t in sources.tokens(phrase) if t[0].isalnum()]
    if not words:
        return f
    head = sources.head_word(phrase)
    f["head=" + head.lower()] = 1
    f["first=" + words[0].lower()] = 1
    f["last=" + words[-1].lower()] = 1
    for w in words:
        f["w=" + w.lower()] = 0.5
    f["n_caps"] = sum(w[0].isupper() for w in words[1:])
    f["len"] = min(len(words), 10) / 10
    f["head_cap"] = int(head[:1].isupper())
    f["head_plural"] = int(head.lower().endswith("s"))
    f["person_like"] = int(sources.looks_like_person(phrase))
    return f


def verification_features(texts: list[str], i: int, att, rule: str) -> dict:
    f: dict = {"rule=" + rule: 1, "src=" + str(att.source_type): 1, "qt=" + str(att.quote_type): 1}
    s = texts[i]
    f["cue=" + (s[att.cue.start:att.cue.end].lower() if att.cue else "")] = 1
    cw = _words(att.content.text(s))
    patterns = (("den", V.DENIAL), ("conf", V.CONFIRM), ("hedge", V.HEDGE_SENTENCE), ("hw", V.HEDGE_WORDS), ("neg", V.NEG_CONFIRM))
    for d in range(0, 6):
        if i + d >= len(texts):
            break
        t = texts[i + d]
        for name, rx in patterns:
            if rx.search(t):
                f[f"{name}@{d}"] = 1
                f[f"{name}_ov"] = max(f.get(f"{name}_ov", 0), len(cw & _words(t)) / (len(cw) + 1))
    return f


def _pairs(docs, extractor):
    """(extractor attribution, gold attribution, sentence texts, index) for matched pairs."""
    out = []
    for doc in docs:
        texts = [s.text for s in doc.sentences]
        preds = extractor(texts)
        for i, (rec, pred) in enumerate(zip(doc.sentences, preds)):
            used: set[int] = set()
            for p in pred:
                pt = norm_tokens(p.content.text(rec.text))
                best = None
                for gi, g in enumerate(rec.attributions):
                    if gi in used:
                        continue
                    j = jaccard(norm_tokens(g.content.text(rec.text)), pt)
                    if j >= 0.5 and (best is None or j > best[0]):
                        best = (j, gi, g)
                if best is not None:
                    used.add(best[1])
                    out.append((p, best[2], texts, i))
    return out


def compare(train_docs, dev_docs) -> dict:
    from scipy.stats import binomtest
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    ex = RuleExtractor()
    tr, dv = _pairs(train_docs, ex), _pairs(dev_docs, ex)
    results = {}
    # source type: phrases that are not pronouns (pronouns take their antecedent's type)
    def st_rows(pairs):
        rows = [(source_type_features(p.speaker.text(t[i]), p.source_type), g.source_type, p.source_type)
                for p, g, t, i in pairs if p.speaker is not None and p.speaker.text(t[i]).lower() not in ("he", "she", "they", "it", "i", "we")]
        return [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]

    def ver_rows(pairs):
        rows = [(verification_features(t, i, p, p.verification), g.verification, p.verification) for p, g, t, i in pairs]
        return [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]

    for name, rows in (("source_type", st_rows), ("verification", ver_rows)):
        xtr, ytr, _ = rows(tr)
        xdv, ydv, rdv = rows(dv)
        vec = DictVectorizer()
        clf = LogisticRegression(C=0.3, max_iter=3000).fit(vec.fit_transform(xtr), ytr)
        pred = clf.predict(vec.transform(xdv))
        y = np.array(ydv)
        rule_ok, clf_ok = np.array(rdv) == y, pred == y
        only_clf, only_rule = int(np.sum(clf_ok & ~rule_ok)), int(np.sum(rule_ok & ~clf_ok))
        p = binomtest(only_clf, only_clf + only_rule, 0.5).pvalue if only_clf + only_rule else 1.0
        results[name] = {
            "n_train": len(ytr), "n_dev": len(ydv),
            "rules_acc": float(np.mean(rule_ok)), "classifier_acc": float(np.mean(clf_ok)),
            "only_classifier_right": only_clf, "only_rules_right": only_rule, "p_value": float(p),
        }
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", action="store_true", help="read data/source/*.yaml instead of the built files")
    args = ap.parse_args(argv)
    if args.source:
        train, dev = load_source_documents("train"), load_source_documents("dev")
    else:
        from harness.corpus import load_documents

        train, dev = load_documents("train"), load_documents("dev")
    for name, r in compare(train, dev).items():
        better = r["classifier_acc"] > r["rules_acc"] and r["p_value"] < 0.05
        winner = "classifier" if better else "rules"
        print(f"{name:13s} dev accuracy on {r['n_dev']} matched attributions: rules {r['rules_acc']:.3f}  "
              f"classifier {r['classifier_acc']:.3f}  (trained on {r['n_train']}; only-classifier-right "
              f"{r['only_classifier_right']}, only-rules-right {r['only_rules_right']}, exact binomial p = {r['p_value']:.2f})"
              f"  -> keep {winner}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
