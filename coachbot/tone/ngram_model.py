"""A character n-gram model that the tone model averages with: TF-IDF + one logistic regression per label.

On its own it is the baseline ``coachbot eval`` prints; averaged half and half
with the fine-tuned encoder it is more accurate than either (see the model
card). It is rebuilt from the corpus by ``coachbot model build`` (seconds to a
couple of minutes, deterministic) and saved without pickle: the vocabulary as
JSON, the weights as ``.npy`` arrays.

Only the training split is used, so thresholds tuned on the validation split stay honest.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coachbot.tone.corpus import Example
from coachbot.tone.labels import LABELS

VOCAB_FILE = "ngram_vocab.json"
ARRAYS = ("idf", "coef", "intercept")  # saved as ngram_<name>.npy (plain .npy: byte-identical rebuilds)
MAX_FEATURES = 200_000


def _joined(text: str, context: str | None) -> str:
    return f"{text} ||| {context or ''}"


def _vectorizer(vocabulary: dict[str, int] | None = None):  # type: ignore[no-untyped-def]
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True,
                           max_features=MAX_FEATURES, vocabulary=vocabulary, dtype=np.float32)  # fmt: skip


@dataclass
class NgramModel:
    vocabulary: dict[str, int]
    idf: np.ndarray  # [features]
    coef: np.ndarray  # [labels, features]
    intercept: np.ndarray  # [labels]; a label never seen in training gets -inf (probability 0)

    @classmethod
    def train(cls, examples: Sequence[Example]) -> NgramModel:
        from sklearn.linear_model import LogisticRegression

        vectorizer = _vectorizer()
        x = vectorizer.fit_transform([_joined(e.text, e.context) for e in examples])
        targets = np.array([e.target for e in examples]) > 0.5
        coef = np.zeros((len(LABELS), x.shape[1]), dtype=np.float32)
        intercept = np.full(len(LABELS), -np.inf, dtype=np.float32)
        for j in range(len(LABELS)):
            y = targets[:, j]
            if y.sum() < 3 or y.all():
                continue
            clf = LogisticRegression(max_iter=2000, class_weight="balanced", C=4.0).fit(x, y)
            coef[j], intercept[j] = clf.coef_[0], clf.intercept_[0]
        vocabulary = {term: int(i) for term, i in sorted(vectorizer.vocabulary_.items(), key=lambda kv: kv[1])}
        return cls(vocabulary, vectorizer.idf_.astype(np.float32), coef, intercept)

    def save(self, directory: Path) -> None:
        (directory / VOCAB_FILE).write_text(json.dumps(list(self.vocabulary), ensure_ascii=False), encoding="utf-8")
        for name in ARRAYS:
            np.save(directory / f"ngram_{name}.npy", getattr(self, name), allow_pickle=False)

    @classmethod
    def load(cls, directory: Path) -> NgramModel | None:
        files = [directory / VOCAB_FILE, *(directory / f"ngram_{name}.npy" for name in ARRAYS)]
        if not all(f.exists() for f in files):
            return None
        terms = json.loads(files[0].read_text(encoding="utf-8"))
        arrays = [np.load(f, allow_pickle=False) for f in files[1:]]
        return cls({t: i for i, t in enumerate(terms)}, *arrays)

    def __post_init__(self) -> None:
        self._vectorizer = None

    def predict(self, texts: Sequence[str], contexts: Sequence[str | None]) -> np.ndarray:
        """Probabilities, one row per text, columns in ``LABELS`` order."""
        if self._vectorizer is None:
            self._vectorizer = _vectorizer(self.vocabulary)
            self._vectorizer.idf_ = self.idf
        x = self._vectorizer.transform([_joined(t, c) for t, c in zip(texts, contexts, strict=True)])
        logits = np.asarray(x @ self.coef.T) + self.intercept
        with np.errstate(over="ignore"):
            return (1.0 / (1.0 + np.exp(-logits))).astype(np.float32)
