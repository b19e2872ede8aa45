"""Fine-tune the top layers of multilingual-e5-small for the tone labels, on CPU, seeded.

The bottom ``frozen`` layers never change, so their output for every training
example is computed once and cached; each epoch then runs only the top layers,
the pooler and the classifier. The draft is the first segment and the
customer's message the second (``<s> draft </s></s> context </s>``).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import torch
from transformers import BertConfig, BertForSequenceClassification

from coachbot.tone.corpus import Example
from coachbot.tone.labels import LABEL2ID, LABELS

if TYPE_CHECKING:
    from transformers import PreTrainedTokenizerBase

MAX_LENGTH = 128


@dataclass
class E5TrainConfig:
    frozen: int = 7  # bottom layers kept as pretrained (their outputs are cached)
    epochs: int = 6
    batch_size: int = 32
    lr: float = 1e-4
    head_lr: float = 1e-3
    seed: int = 13
    threads: int = 2
    ngram_weight: float = 0.5  # the character n-gram model's share of the averaged probabilities


def classifier_config(base: BertConfig) -> BertConfig:
    config = BertConfig(**{k: v for k, v in base.to_dict().items() if k in BertConfig().to_dict()})
    config.architectures = ["BertForSequenceClassification"]
    config.num_labels = len(LABELS)
    config.problem_type = "multi_label_classification"
    config.id2label = dict(enumerate(LABELS))
    config.label2id = dict(LABEL2ID)
    return config


def new_classifier(base_dir: str) -> BertForSequenceClassification:
    """The pretrained encoder with a fresh pooler and classifier."""
    from transformers import BertModel
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    encoder = BertModel.from_pretrained(base_dir, add_pooling_layer=False)
    model = BertForSequenceClassification(classifier_config(encoder.config))
    missing, unexpected = model.bert.load_state_dict(encoder.state_dict(), strict=False)
    if unexpected or [k for k in missing if not k.startswith("pooler.")]:
        raise RuntimeError(f"encoder mismatch: missing {missing}, unexpected {unexpected}")
    return model


@dataclass
class Cached:
    hidden: torch.Tensor  # [L, H] output of the frozen layers
    target: torch.Tensor


def encode_pairs(tokenizer: PreTrainedTokenizerBase, examples: Sequence[Example]) -> list[list[int]]:
    enc = tokenizer([e.text for e in examples], [e.context for e in examples], truncation=True,
                    max_length=MAX_LENGTH)  # fmt: skip
    return list(enc["input_ids"])


def _padded(ids: list[list[int]], pad: int) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(x) for x in ids)
    input_ids = torch.full((len(ids), width), pad, dtype=torch.long)
    mask = torch.zeros((len(ids), width), dtype=torch.long)
    for i, row in enumerate(ids):
        input_ids[i, : len(row)] = torch.tensor(row)
        mask[i, : len(row)] = 1
    return input_ids, mask


def _extended(mask: torch.Tensor) -> torch.Tensor:
    return (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min


def run_layers(model: BertForSequenceClassification, hidden: torch.Tensor, mask: torch.Tensor,
               layers: range) -> torch.Tensor:  # fmt: skip
    ext = _extended(mask)
    for i in layers:
        out = model.bert.encoder.layer[i](hidden, attention_mask=ext)
        hidden = out[0] if isinstance(out, tuple) else out  # transformers 5 returns the tensor itself
    return hidden


def cache_frozen(model: BertForSequenceClassification, ids: list[list[int]], frozen: int, pad: int,
                 batch_size: int = 64) -> list[torch.Tensor]:  # fmt: skip
    """Each example's hidden states after the bottom ``frozen`` layers (unpadded)."""
    out: list[torch.Tensor] = [torch.empty(0)] * len(ids)
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    model.eval()
    with torch.inference_mode():
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            input_ids, mask = _padded([ids[i] for i in idx], pad)
            hidden = model.bert.embeddings(input_ids=input_ids)
            hidden = run_layers(model, hidden, mask, range(frozen))
            for row, i in enumerate(idx):
                out[i] = hidden[row, : len(ids[i])].clone()
    return out


def _stack(hiddens: Sequence[torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(h.shape[0] for h in hiddens)
    batch = torch.zeros((len(hiddens), width, hiddens[0].shape[1]))
    mask = torch.zeros((len(hiddens), width), dtype=torch.long)
    for i, h in enumerate(hiddens):
        batch[i, : h.shape[0]] = h
        mask[i, : h.shape[0]] = 1
    return batch, mask


def head_logits(model: BertForSequenceClassification, hidden: torch.Tensor, mask: torch.Tensor,
                frozen: int) -> torch.Tensor:  # fmt: skip
    hidden = run_layers(model, hidden, mask, range(frozen, model.config.num_hidden_layers))
    pooled = model.bert.pooler(hidden)  # type: ignore[misc]  # BertModel stubs: the pooler may be None
    logits: torch.Tensor = model.classifier(model.dropout(pooled))  # nn.Module's call is untyped (Any)
    return logits


def predict_cached(model: BertForSequenceClassification, hiddens: Sequence[torch.Tensor], frozen: int,
                   batch_size: int = 64) -> np.ndarray:  # fmt: skip
    model.eval()
    out = np.zeros((len(hiddens), len(LABELS)), dtype=np.float32)
    order = sorted(range(len(hiddens)), key=lambda i: hiddens[i].shape[0])
    with torch.inference_mode():
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            hidden, mask = _stack([hiddens[i] for i in idx])
            out[idx] = torch.sigmoid(head_logits(model, hidden, mask, frozen)).numpy()
    return out


def _batches(n: int, lengths: Sequence[int], size: int, rng: random.Random) -> list[list[int]]:
    order = list(range(n))
    rng.shuffle(order)
    batches = []
    for i in range(0, n, size * 20):
        pool = sorted(order[i : i + size * 20], key=lambda j: lengths[j])
        batches += [pool[j : j + size] for j in range(0, len(pool), size)]
    rng.shuffle(batches)
    return batches


def fit(model: BertForSequenceClassification, hiddens: Sequence[torch.Tensor], targets: np.ndarray,
        cfg: E5TrainConfig, evaluate: Callable[[int], float] | None = None,
        log: Callable[[str], None] = print) -> float:  # fmt: skip
    """Train the top layers, pooler and classifier; keeps the epoch ``evaluate`` scores best."""
    rng = random.Random(cfg.seed)
    torch.manual_seed(cfg.seed)
    layers = model.bert.encoder.layer
    top = [p for i in range(cfg.frozen, model.config.num_hidden_layers) for p in layers[i].parameters()]
    head = [*model.bert.pooler.parameters(), *model.classifier.parameters()]  # type: ignore[union-attr]
    for p in model.parameters():
        p.requires_grad = False
    for p in (*top, *head):
        p.requires_grad = True
    optimizer = torch.optim.AdamW([{"params": top, "lr": cfg.lr}, {"params": head, "lr": cfg.head_lr}],
                                  weight_decay=0.01)  # fmt: skip
    lengths = [h.shape[0] for h in hiddens]
    steps = cfg.epochs * ((len(hiddens) + cfg.batch_size - 1) // cfg.batch_size)
    warmup = max(1, steps // 10)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / max(1, steps - warmup)))
    )
    loss_fn = torch.nn.BCEWithLogitsLoss()
    target = torch.tensor(targets, dtype=torch.float32)
    best, best_state = -1.0, None
    for epoch in range(cfg.epochs):
        started, total = time.perf_counter(), 0.0
        model.train()
        for idx in _batches(len(hiddens), lengths, cfg.batch_size, rng):
            hidden, mask = _stack([hiddens[i] for i in idx])
            loss = loss_fn(head_logits(model, hidden, mask, cfg.frozen), target[idx])
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_([*top, *head], 1.0)
            optimizer.step()
            scheduler.step()
            total += loss.item() * len(idx)
        score = evaluate(epoch) if evaluate is not None else -float(total)
        log(f"epoch {epoch + 1}/{cfg.epochs}: loss {total / len(hiddens):.4f}, validation {score:.3f}, "
            f"{time.perf_counter() - started:.0f}s")  # fmt: skip
        if score > best:
            best = score
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
    if best_state is not None:
        model.load_state_dict(best_state)
    for p in model.parameters():
        p.requires_grad = False
    return best


@dataclass
class TrainRun:
    """Where ``coachbot train`` reads and writes."""

    data_dir: str = "data/tone"
    base_dir: str = "models/e5-small"
    source_dir: str = "models/tone-src"
    model_dir: str = "models/tone"
    limit: int | None = None


def train_tone_model(
    run: TrainRun, cfg: E5TrainConfig, log: Callable[[str], None] = print
) -> dict[str, float | dict[str, str]]:
    """Cache the frozen layers, fine-tune the top, tune thresholds, save the source and build the model."""
    import json
    from pathlib import Path

    from transformers import AutoTokenizer

    from coachbot.tone.corpus import is_validation, load_corpus
    from coachbot.tone.e5_checkpoint import ensure_base, materialize_e5, save_e5_source
    from coachbot.tone.thresholds import f1_at, tune_thresholds

    started = time.perf_counter()
    random.seed(cfg.seed)
    np.random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)
    torch.set_num_threads(cfg.threads)
    examples = load_corpus(run.data_dir)[: run.limit] if run.limit else load_corpus(run.data_dir)
    if not examples:
        raise ValueError(f"no training examples under {run.data_dir}")
    train_set = [e for e in examples if not is_validation(e)]
    val_set = [e for e in examples if is_validation(e)] or train_set[:20]
    log(f"corpus: {len(examples)} examples, {len(train_set)} train / {len(val_set)} validation")
    base_dir = ensure_base(Path(run.base_dir))
    tokenizer = AutoTokenizer.from_pretrained(str(base_dir))
    model = new_classifier(str(base_dir))
    pad = tokenizer.pad_token_id
    train_cache = cache_frozen(model, encode_pairs(tokenizer, train_set), cfg.frozen, pad)
    val_cache = cache_frozen(model, encode_pairs(tokenizer, val_set), cfg.frozen, pad)
    log(f"cached the {cfg.frozen} frozen layers in {time.perf_counter() - started:.0f}s")
    val_targets = np.array([e.target for e in val_set])

    def evaluate(epoch: int) -> float:
        return f1_at(predict_cached(model, val_cache, cfg.frozen), val_targets, 0.5)

    best = fit(model, train_cache, np.array([e.target for e in train_set]), cfg, evaluate, log)
    # The product averages the encoder with the character n-gram model (more accurate than either,
    # see the model card), so the thresholds are tuned on the average.
    from coachbot.tone.ngram_model import NgramModel

    ngram = NgramModel.train(train_set)
    encoder_probs = predict_cached(model, val_cache, cfg.frozen)
    probs = (1 - cfg.ngram_weight) * encoder_probs + cfg.ngram_weight * ngram.predict(
        [e.text for e in val_set], [e.context for e in val_set]
    )
    thresholds = tune_thresholds(probs, val_targets)
    source = Path(run.source_dir)
    save_e5_source(model, cfg.frozen, base_dir, source)
    (source / "ensemble.json").write_text(json.dumps({"ngram_weight": cfg.ngram_weight}) + "\n", encoding="utf-8")
    metrics: dict[str, float | dict[str, str]] = {
        "examples": len(examples), "train": len(train_set), "validation": len(val_set),
        "validation_macro_f1_at_0.5": round(best, 4),
        "validation_macro_f1_encoder_tuned": round(
            f1_at(encoder_probs, val_targets, tune_thresholds(encoder_probs, val_targets)), 4
        ),
        "validation_macro_f1_tuned": round(f1_at(probs, val_targets, thresholds), 4),
        "seconds": round(time.perf_counter() - started, 1),
        "config": {k: str(v) for k, v in vars(cfg).items()},
    }  # fmt: skip
    (source / "thresholds.json").write_text(json.dumps(thresholds, indent=2) + "\n", encoding="utf-8")
    (source / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    materialize_e5(source, Path(run.model_dir), base_dir)
    log(f"saved {source} and built {run.model_dir} in {metrics['seconds']}s")
    return metrics
