"""A cheap baseline printed beside the model: char n-gram TF-IDF + logistic regression.

If the tone model ever scores below this, something regressed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from coachbot.evaluation import Labelled, Report
from coachbot.taxonomy import ISSUE_CODES
from coachbot.tone.corpus import load_corpus


def _joined(text: str, context: str | None) -> str:
    return f"{text} ||| {context or ''}"


def baseline_report(corpus_dir: str | Path, items: list[Labelled]) -> Report:
    corpus = load_corpus(corpus_dir)
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True, max_features=200_000)
    x_train = vec.fit_transform([_joined(e.text, e.context) for e in corpus])
    x_test = vec.transform([_joined(i.text, i.context) for i in items])
    predicted = np.zeros((len(items), len(ISSUE_CODES)), dtype=bool)
    for j, code in enumerate(ISSUE_CODES):
        y = np.array([code in e.issues for e in corpus])
        if y.all() or not y.any():
            continue
        clf = LogisticRegression(max_iter=2000, class_weight="balanced", C=4.0)
        clf.fit(x_train, y)
        predicted[:, j] = clf.predict_proba(x_test)[:, 1] >= 0.5
    y_verdict = np.array([e.needs_coaching for e in corpus])
    verdict = LogisticRegression(max_iter=2000, class_weight="balanced", C=4.0).fit(x_train, y_verdict)
    flags = verdict.predict_proba(x_test)[:, 1] >= 0.5
    report = Report("baseline: char n-gram TF-IDF + logistic regression")
    for n, gold in enumerate(items):
        codes = [c for j, c in enumerate(ISSUE_CODES) if predicted[n, j]]
        report.add(bool(flags[n]), codes, gold)
    return report
