"""Train the tone model on CPU with a plain torch loop (fixed seed)."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
from transformers import BertConfig, BertForSequenceClassification, PreTrainedTokenizerFast

from coachbot.tone.checkpoint import materialize, save_source
from coachbot.tone.corpus import Example, augment, is_validation, load_corpus
from coachbot.tone.embeddings import build_matrix
from coachbot.tone.labels import LABEL2ID, LABELS
from coachbot.tone.navec_source import load_navec
from coachbot.tone.thresholds import f1_at, tune_thresholds
from coachbot.tone.vocab import MAX_LENGTH, build_tokenizer, build_vocab


@dataclass
class TrainConfig:
    data_dir: Path = Path("data/tone")
    source_dir: Path = Path("models/tone-src")
    model_dir: Path = Path("models/tone")
    epochs: int = 18
    batch_size: int = 32
    lr: float = 1e-3
    seed: int = 13
    limit: int | None = None
    words: int = 40_000
    pieces: int = 9_000
    layers: int = 2
    threads: int = 2


def hf_tokenizer(vocab: list[str]) -> PreTrainedTokenizerFast:
    return PreTrainedTokenizerFast(
        tokenizer_object=build_tokenizer(vocab), unk_token="[UNK]", pad_token="[PAD]",
        cls_token="[CLS]", sep_token="[SEP]", mask_token="[MASK]", model_max_length=MAX_LENGTH,
    )


def new_model(vocab_size: int, layers: int) -> BertForSequenceClassification:
    config = BertConfig(
        vocab_size=vocab_size, hidden_size=300, num_hidden_layers=layers, num_attention_heads=6,
        intermediate_size=600, max_position_embeddings=MAX_LENGTH, type_vocab_size=2,
        num_labels=len(LABELS), problem_type="multi_label_classification",
        id2label=dict(enumerate(LABELS)), label2id=dict(LABEL2ID),
    )
    return BertForSequenceClassification(config)


def length_batches(examples: list[Example], size: int, rng: random.Random) -> list[list[Example]]:
    """Batches of similar length (little padding), in random order."""
    order = list(examples)
    rng.shuffle(order)
    chunk = size * 20
    batches = []
    for i in range(0, len(order), chunk):
        pool = sorted(order[i : i + chunk], key=lambda e: len(e.text) + len(e.context))
        batches += [pool[j : j + size] for j in range(0, len(pool), size)]
    rng.shuffle(batches)
    return batches


def predict(model, tokenizer, examples: list[Example], batch_size: int = 64) -> np.ndarray:
    model.eval()
    out = []
    with torch.inference_mode():
        for i in range(0, len(examples), batch_size):
            chunk = examples[i : i + batch_size]
            enc = tokenizer([e.text for e in chunk], [e.context for e in chunk], padding=True,
                            truncation=True, max_length=MAX_LENGTH, return_tensors="pt")
            out.append(torch.sigmoid(model(**enc).logits).numpy())
    return np.concatenate(out) if out else np.zeros((0, len(LABELS)))


def train(cfg: TrainConfig, log: Callable[[str], None] = print) -> dict:
    started = time.perf_counter()
    random.seed(cfg.seed)
    np.random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)
    torch.set_num_threads(cfg.threads)
    examples = load_corpus(cfg.data_dir)
    if cfg.limit:
        examples = examples[: cfg.limit]
    if not examples:
        raise ValueError(f"no training examples under {cfg.data_dir}")
    train_set = [e for e in examples if not is_validation(e)]
    val_set = [e for e in examples if is_validation(e)] or train_set[:20]
    log(f"corpus: {len(examples)} examples, {len(train_set)} train / {len(val_set)} validation")

    navec = load_navec()
    vocab, pieces = build_vocab(navec, [e.text for e in train_set] + [e.context for e in train_set],
                                cfg.words, cfg.pieces)
    tokenizer = hf_tokenizer(vocab)
    model = new_model(len(vocab), cfg.layers)
    emb = model.bert.embeddings.word_embeddings
    emb.weight.data = torch.from_numpy(build_matrix(vocab, pieces, navec))
    emb.weight.requires_grad = False
    log(f"vocabulary: {len(vocab)} tokens ({len(pieces)} pieces); setup {time.perf_counter() - started:.1f}s")

    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=cfg.lr, weight_decay=0.01)
    steps = cfg.epochs * ((len(train_set) + cfg.batch_size - 1) // cfg.batch_size)
    warmup = max(1, steps // 10)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.05, (steps - s) / max(1, steps - warmup)))
    )
    loss_fn = torch.nn.BCEWithLogitsLoss()
    rng = random.Random(cfg.seed)
    targets_val = np.array([e.target for e in val_set])
    best, best_state = -1.0, None
    for epoch in range(cfg.epochs):
        model.train()
        total = 0.0
        for batch in length_batches(train_set, cfg.batch_size, rng):
            enc = tokenizer([augment(e.text, rng) for e in batch], [e.context for e in batch],
                            padding=True, truncation=True, max_length=MAX_LENGTH, return_tensors="pt")
            target = torch.tensor([e.target for e in batch])
            loss = loss_fn(model(**enc).logits, target)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            scheduler.step()
            total += loss.item() * len(batch)
        probs = predict(model, tokenizer, val_set)
        score = f1_at(probs, targets_val, 0.5)
        log(f"epoch {epoch + 1}/{cfg.epochs}: loss {total / len(train_set):.4f}, validation macro-F1 {score:.3f}")
        if score > best:
            best = score
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
    if best_state is not None:
        model.load_state_dict(best_state)
    probs = predict(model, tokenizer, val_set)
    thresholds = tune_thresholds(probs, targets_val)
    save_source(model, tokenizer, pieces, cfg.source_dir)
    metrics = {
        "examples": len(examples), "train": len(train_set), "validation": len(val_set),
        "validation_macro_f1_at_0.5": round(best, 4),
        "validation_macro_f1_tuned": round(f1_at(probs, targets_val, thresholds), 4),
        "seconds": round(time.perf_counter() - started, 1),
        "config": {k: str(v) for k, v in asdict(cfg).items()},
    }
    (cfg.source_dir / "thresholds.json").write_text(json.dumps(thresholds, indent=2), encoding="utf-8")
    (cfg.source_dir / "metrics.json").write_text(json.dumps(metrics, indent=2), encoding="utf-8")
    materialize(cfg.source_dir, cfg.model_dir)
    log(f"saved {cfg.source_dir} and built {cfg.model_dir} in {metrics['seconds']}s")
    return metrics
