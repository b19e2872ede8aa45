"""The n-gram half of the tone model: trained with scikit-learn, served without it, same numbers."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from coachbot.tone.corpus import load_corpus
from coachbot.tone.labels import LABEL2ID
from coachbot.tone.ngram_model import NgramModel, _joined, _vectorizer

ROOT = Path(__file__).resolve().parents[2]


def test_served_probabilities_equal_scikit_learns_and_survive_a_save(tmp_path) -> None:
    corpus = load_corpus(ROOT / "data" / "tone")
    model = NgramModel.train(corpus[:1500])
    model.save(tmp_path)
    loaded = NgramModel.load(tmp_path)
    assert loaded is not None
    held_out = corpus[1500:1800]
    texts, contexts = [e.text for e in held_out], [e.context for e in held_out]
    served = loaded.predict(texts, contexts)
    vectorizer = _vectorizer(model.vocabulary)
    vectorizer.idf_ = model.idf
    x = vectorizer.transform([_joined(t, c) for t, c in zip(texts, contexts, strict=True)])
    with np.errstate(over="ignore"):
        reference = 1 / (1 + np.exp(-(np.asarray(x @ model.coef.T) + model.intercept)))
    assert np.allclose(served, reference, atol=1e-5)
    # and it has learnt something a person would recognise
    blame = LABEL2ID["blame"]
    probs = loaded.predict(["Вы сами виноваты, надо было читать договор.", "Готово, заказ отменён."], [None, None])
    assert probs[0, blame] > probs[1, blame]
