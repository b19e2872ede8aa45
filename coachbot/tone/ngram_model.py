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
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from coachbot.tone.corpus import Example
from coachbot.tone.labels import LABELS

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer

VOCAB_FILE = "ngram_vocab.json"
ARRAYS = ("idf", "coef", "intercept")  # saved as ngram_<name>.npy (plain .npy: byte-identical rebuilds)
MAX_FEATURES = 200_000
NGRAMS = (2, 5)
_WHITE_SPACES = re.compile(r"\s\s+")


def char_wb_ngrams(text: str) -> list[str]:
    """scikit-learn's ``char_wb`` analyzer (lowercased), reimplemented so that inference needs
    neither scikit-learn nor SciPy: they cost ~40 MB of memory and ~1.5 ms a call."""
    text = _WHITE_SPACES.sub(" ", text.lower())
    out: list[str] = []
    for word in text.split():
        w = f" {word} "
        for n in range(NGRAMS[0], NGRAMS[1] + 1):
            offset = 0
            out.append(w[:n])
            while offset + n < len(w):
                offset += 1
                out.append(w[offset : offset + n])
            if offset == 0:  # a word shorter than n counts once
                break
    return out


def _joined(text: str, context: str | None) -> str:
    return f"{text} ||| {context or ''}"


def _vectorizer(vocabulary: dict[str, int] | None = None) -> TfidfVectorizer:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAMS, min_df=2, sublinear_tf=True,
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

    def features(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The TF-IDF row of ``text`` as (indices, values): sublinear tf, idf, l2 norm — as fitted."""
        counts = Counter(i for i in map(self.vocabulary.get, char_wb_ngrams(text)) if i is not None)
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        index = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float32, count=len(counts))
        values = tf * self.idf[index]
        return index, values / np.linalg.norm(values)

    def predict(self, texts: Sequence[str], contexts: Sequence[str | None]) -> npt.NDArray[np.float32]:
        """Probabilities, one row per text, columns in ``LABELS`` order."""
        logits = np.empty((len(texts), len(self.intercept)), dtype=np.float32)
        for row, (text, context) in enumerate(zip(texts, contexts, strict=True)):
            index, values = self.features(_joined(text, context))
            logits[row] = self.coef[:, index] @ values
        logits += self.intercept
        with np.errstate(over="ignore"):
            return (1.0 / (1.0 + np.exp(-logits))).astype(np.float32)
