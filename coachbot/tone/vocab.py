"""A hybrid vocabulary: frequent whole navec words plus WordPiece pieces.

Whole words keep navec's vectors; pieces cover imperatives and service words
that news text lacks («оформите»), so nothing falls to [UNK].
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from pathlib import Path

from tokenizers import Tokenizer, decoders, normalizers, pre_tokenizers, processors, trainers
from tokenizers.models import WordPiece

from coachbot.tone.navec_source import NavecTable

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
_ALPHA = re.compile(r"^[a-zа-я][a-zа-я-]*$")
MAX_LENGTH = 128


def normalizer() -> normalizers.Normalizer:
    return normalizers.Sequence(
        [
            normalizers.BertNormalizer(
                clean_text=True, handle_chinese_chars=False, strip_accents=False, lowercase=True
            ),
            normalizers.Replace("ё", "е"),
        ]
    )


def words_of(texts: Iterable[str]) -> list[str]:
    """Words as the tokenizer will see them (normalised, split on punctuation)."""
    norm, pre = normalizer(), pre_tokenizers.BertPreTokenizer()
    out: list[str] = []
    for text in texts:
        out.extend(w for w, _ in pre.pre_tokenize_str(norm.normalize_str(text)))
    return out


def train_pieces(navec: NavecTable, corpus_words: list[str], size: int, top: int = 150_000) -> list[str]:
    """WordPiece pieces learned from navec words (weighted by log count) and corpus words."""
    order = sorted(range(len(navec.words)), key=lambda i: (-int(navec.counts[i]), navec.words[i]))[:top]

    def stream() -> Iterable[str]:
        for i in order:
            repeat = max(1, int(math.log2(max(2, int(navec.counts[i])))) - 6)
            for _ in range(repeat):
                yield navec.words[i]
        yield from corpus_words

    tok = Tokenizer(WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizer()
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    trainer = trainers.WordPieceTrainer(
        vocab_size=size, special_tokens=SPECIALS, limit_alphabet=300, continuing_subword_prefix="##",
        show_progress=False,
    )
    tok.train_from_iterator(stream(), trainer=trainer)
    vocab = tok.get_vocab()
    return [p for p, _ in sorted(vocab.items(), key=lambda kv: kv[1]) if p not in SPECIALS]


def choose_words(navec: NavecTable, corpus_words: list[str], top: int) -> list[str]:
    """The most frequent alphabetic navec words plus every navec word the corpus uses."""
    ranked = sorted(
        (i for i, w in enumerate(navec.words) if _ALPHA.match(w)),
        key=lambda i: (-int(navec.counts[i]), navec.words[i]),
    )
    chosen = [navec.words[i] for i in ranked[:top]]
    seen = set(chosen)
    for word in sorted(set(corpus_words)):
        if word in navec.index and word not in seen:
            chosen.append(word)
            seen.add(word)
    return chosen


def build_tokenizer(vocab: list[str]) -> Tokenizer:
    ids = {tok: i for i, tok in enumerate(vocab)}
    tok = Tokenizer(WordPiece(ids, unk_token="[UNK]", continuing_subword_prefix="##", max_input_chars_per_word=64))
    tok.normalizer = normalizer()
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", ids["[CLS]"]), ("[SEP]", ids["[SEP]"])],
    )
    tok.decoder = decoders.WordPiece(prefix="##")
    return tok


def build_vocab(navec: NavecTable, corpus_texts: list[str], words: int = 40_000, pieces: int = 9_000):
    """Return (full vocabulary list, pieces list)."""
    corpus_words = words_of(corpus_texts)
    piece_list = train_pieces(navec, corpus_words, pieces)
    vocab = list(SPECIALS)
    seen = set(vocab)
    for token in piece_list + choose_words(navec, corpus_words, words):
        if token not in seen:
            vocab.append(token)
            seen.add(token)
    return vocab, piece_list


def save_pieces(pieces: list[str], path: Path) -> None:
    path.write_text("\n".join(pieces) + "\n", encoding="utf-8")


def load_pieces(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line]
