"""The frozen input embeddings, rebuilt deterministically from navec.

Whole words take their navec vector; a piece takes the count-weighted mean of
the navec words it occurs in (word-initial pieces from word starts, ``##``
pieces from the rest); anything else gets a seeded random vector.
"""

from __future__ import annotations

import numpy as np
from tokenizers import Tokenizer
from tokenizers.models import WordPiece

from coachbot.tone.navec_source import NavecTable
from coachbot.tone.vocab import SPECIALS, normalizer

SEED = 20261122


def piece_vectors(navec: NavecTable, pieces: list[str], top: int = 150_000) -> dict[str, np.ndarray]:
    ids = {tok: i for i, tok in enumerate(SPECIALS + pieces)}
    tok = Tokenizer(WordPiece(ids, unk_token="[UNK]", continuing_subword_prefix="##", max_input_chars_per_word=64))
    tok.normalizer = normalizer()
    order = sorted(range(len(navec.words)), key=lambda i: (-int(navec.counts[i]), navec.words[i]))[:top]
    words = [navec.words[i] for i in order]
    sums = np.zeros((len(ids), navec.dim), dtype=np.float64)
    weights = np.zeros(len(ids), dtype=np.float64)
    for i, enc in zip(order, tok.encode_batch(words, add_special_tokens=False), strict=True):
        if len(enc.ids) < 2:
            continue  # a piece that is a whole word keeps the word's vector below
        w = np.log1p(float(navec.counts[i]))
        for tid in enc.ids:
            sums[tid] += w * navec.vectors[i]
            weights[tid] += w
    out = {}
    for token, tid in ids.items():
        if weights[tid] > 0:
            out[token] = (sums[tid] / weights[tid]).astype(np.float32)
    return out


def build_matrix(vocab: list[str], pieces: list[str], navec: NavecTable) -> np.ndarray:
    rng = np.random.default_rng(SEED)
    scale = float(navec.vectors[:20000].std())
    matrix = rng.normal(0.0, scale, size=(len(vocab), navec.dim)).astype(np.float32)
    matrix[0] = 0.0  # [PAD]
    averaged = piece_vectors(navec, pieces)
    for tid, token in enumerate(vocab):
        if token in navec.index:
            matrix[tid] = navec.vectors[navec.index[token]]
        elif token in averaged:
            matrix[tid] = averaged[token]
    return matrix
