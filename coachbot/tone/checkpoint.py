"""Checkpoints: a small committed source, and the full directory built from it.

The source (``models/tone-src``) holds the config, tokenizer, pieces list and
every trained weight except the frozen word embeddings. ``materialize`` rebuilds
those embeddings from natasha's navec vectors and writes a directory that
``AutoModelForSequenceClassification.from_pretrained`` loads offline.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file
from transformers import BertConfig, BertForSequenceClassification, PreTrainedTokenizerFast

from coachbot.tone.embeddings import build_matrix
from coachbot.tone.navec_source import load_navec
from coachbot.tone.vocab import load_pieces

WORD_EMBEDDINGS = "bert.embeddings.word_embeddings.weight"
TRAINED = "trained.safetensors"
PIECES = "pieces.txt"
EXTRA_FILES = ("thresholds.json", "metrics.json", "README.md")
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json")
STAMP = ".source-digest"


def save_tokenizer(tokenizer: PreTrainedTokenizerFast, directory: Path) -> None:
    tokenizer.save_pretrained(str(directory))
    # transformers 5 writes "TokenizersBackend", which 4.x cannot read.
    cfg_path = directory / "tokenizer_config.json"
    cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
    cfg["tokenizer_class"] = "PreTrainedTokenizerFast"
    cfg_path.write_text(json.dumps(cfg, ensure_ascii=False, indent=2), encoding="utf-8")


def save_source(model: BertForSequenceClassification, tokenizer: PreTrainedTokenizerFast,
                pieces: list[str], directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    model.config.save_pretrained(str(directory))
    save_tokenizer(tokenizer, directory)
    (directory / PIECES).write_text("\n".join(pieces) + "\n", encoding="utf-8")
    state = {k: v.detach().contiguous().float() for k, v in model.state_dict().items() if k != WORD_EMBEDDINGS}
    save_file(state, str(directory / TRAINED))


def source_digest(source: Path) -> str:
    h = hashlib.sha256()
    for name in sorted(p.name for p in source.iterdir() if p.is_file()):
        h.update(name.encode())
        h.update((source / name).read_bytes())
    return h.hexdigest()


def is_current(source: Path, target: Path) -> bool:
    stamp = target / STAMP
    return stamp.exists() and stamp.read_text().strip() == source_digest(source)


def materialize(source: Path, target: Path) -> Path:
    """Build the full checkpoint in ``target`` from ``source``; returns ``target``."""
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    config = BertConfig.from_pretrained(str(source))
    tokenizer = PreTrainedTokenizerFast.from_pretrained(str(source))
    vocab = [tok for tok, _ in sorted(tokenizer.get_vocab().items(), key=lambda kv: kv[1])]
    matrix = build_matrix(vocab, load_pieces(source / PIECES), load_navec())
    model = BertForSequenceClassification(config)
    state = load_file(str(source / TRAINED))
    state[WORD_EMBEDDINGS] = torch.from_numpy(matrix)
    missing, unexpected = model.load_state_dict(state, strict=False)
    if missing or unexpected:
        raise RuntimeError(f"checkpoint mismatch: missing {missing}, unexpected {unexpected}")
    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    model.save_pretrained(str(tmp))
    save_tokenizer(tokenizer, tmp)
    for name in EXTRA_FILES:
        if (source / name).exists():
            shutil.copy2(source / name, tmp / name)
    (tmp / STAMP).write_text(source_digest(source))
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    return target
