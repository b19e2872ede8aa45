"""The tone model behind a small interface: texts in, per-label probabilities out.

Any ``transformers`` sequence-classification checkpoint whose ``id2label``
uses our label names works: the shipped one, or e.g. a rubert-tiny2 fine-tune.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from coachbot.analysis.model_errors import ModelLoadError
from coachbot.analysis.types import ModelInfo
from coachbot.tone.labels import LABELS

if TYPE_CHECKING:
    from coachbot.tone.ngram_model import NgramModel

log = logging.getLogger(__name__)
MAX_LENGTH = 128


def _looks_like_path(name: str) -> bool:
    return name.startswith(("/", ".", "~")) or name.count("/") > 1 or Path(name).suffix != ""


def _ensure_materialized(path: Path) -> None:
    """Build the shipped checkpoint from its committed source if it is missing or stale."""
    source = path.with_name(path.name + "-src")
    from coachbot.tone.e5_checkpoint import TRAINED, is_current, materialize_e5

    if not (source / TRAINED).exists():
        return
    if not is_current(source, path):
        log.warning("building the tone model in %s from %s", path, source)
        materialize_e5(source, path, path.with_name("e5-small"))


def _quantize(model: object) -> object:
    """int8 dynamic quantization of the linear layers: about a third faster on CPU, with
    probabilities within a few hundredths of fp32 (eval and bench/analyze.py report both)."""
    import warnings

    import torch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.ao.quantization warns about its future move
        return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8, inplace=True)


def _native(path: Path) -> tuple[Any, Any, dict[str, Any]]:
    """The checkpoint on the plain-PyTorch BERT (no transformers import), or Nones."""
    from coachbot.analysis.bert_native import BertClassifier, PairTokenizer

    try:
        model = BertClassifier.load(path)
        if model is None or not (path / "tokenizer.json").exists():
            return None, None, {}
        config: dict[str, Any] = json.loads((path / "config.json").read_text(encoding="utf-8"))
        return model, PairTokenizer(path), config
    except Exception as exc:
        raise ModelLoadError(f"could not load the tone model from directory {path}: {exc}") from exc


def _with_transformers(name_or_path: str, path: Path, local: bool) -> tuple[Any, Any, dict[str, Any]]:
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    target = str(path) if local else name_or_path
    try:
        tokenizer = AutoTokenizer.from_pretrained(target, local_files_only=local)
        model = AutoModelForSequenceClassification.from_pretrained(target, local_files_only=local, dtype=torch.float32)
    except Exception as exc:
        where = f"directory {path}" if local else f"model id '{name_or_path}' (needs network access)"
        raise ModelLoadError(f"could not load the tone model from {where}: {exc}") from exc
    model.eval()
    config = model.config.to_dict()
    config["id2label"] = {str(k): v for k, v in model.config.id2label.items()}
    config["_commit_hash"] = getattr(model.config, "_commit_hash", None)
    return model, tokenizer, config


@dataclass
class ToneModel:
    model: Any  # a transformers sequence classifier (its stubs do not type the call)
    tokenizer: Any
    labels: list[str]
    thresholds: dict[str, float]
    info: ModelInfo
    ngram: NgramModel | None = None  # the character n-gram half of the ensemble
    ngram_weight: float = 0.0
    # Dynamic int8 quantization scales each batch by its own largest activation, so a text's
    # probabilities would depend on its batch-mates (0.35 alone, 0.62 beside another reply):
    # a quantized model reads one text at a time, and the verdict is the same in any batch.
    one_at_a_time: bool = False

    @classmethod
    def load(cls, name_or_path: str, quantize: bool = True) -> ToneModel:
        path = Path(name_or_path).expanduser()
        local = path.exists() or path.with_name(path.name + "-src").exists()
        if local:
            try:
                _ensure_materialized(path)
            except Exception as exc:
                raise ModelLoadError(f"could not build the tone model in {path}: {exc}") from exc
        elif _looks_like_path(name_or_path):
            raise ModelLoadError(
                f"the tone model was not found at {path}; run `make model` (coachbot model build) "
                "or set COACHBOT_TONE_MODEL to a checkpoint directory"
            )
        model, tokenizer, config = _native(path) if local else (None, None, {})
        if model is None:  # a hub id, or a checkpoint of a shape only transformers runs
            model, tokenizer, config = _with_transformers(name_or_path, path, local)
        if quantize:
            model = _quantize(model)
        labels = [config["id2label"][str(i)] for i in range(len(config["id2label"]))]
        thresholds = {}
        if local and (path / "thresholds.json").exists():
            thresholds = json.loads((path / "thresholds.json").read_text(encoding="utf-8"))
        version = "hub"
        if local and (path / ".source-digest").exists():
            version = (path / ".source-digest").read_text().strip()[:12]
        elif config.get("_commit_hash"):
            version = str(config["_commit_hash"])[:12]
        name = "coachbot-tone" if local and version != "hub" else Path(name_or_path).name
        ngram, weight = None, 0.0
        if local and (path / "ensemble.json").exists() and labels == list(LABELS):
            from coachbot.tone.ngram_model import NgramModel

            ngram = NgramModel.load(path)
            weight = float(json.loads((path / "ensemble.json").read_text(encoding="utf-8"))["ngram_weight"])
        return cls(
            model,
            tokenizer,
            labels,
            thresholds,
            ModelInfo(name, version),
            ngram,
            weight if ngram else 0.0,
            one_at_a_time=quantize,
        )

    def threshold(self, label: str) -> float:
        return float(self.thresholds.get(label, 0.5))

    def predict(self, texts: list[str], contexts: list[str | None], batch_size: int = 32) -> np.ndarray:
        """Probabilities, one row per text, columns in ``self.labels`` order.

        Texts are batched by length so short drafts do not pay for long ones' padding (a quantized
        model takes them one by one, see ``one_at_a_time``).
        """
        import torch

        if self.one_at_a_time:
            batch_size = 1
        out = np.zeros((len(texts), len(self.labels)), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]) + len(contexts[i] or ""))
        with torch.inference_mode():
            for i in range(0, len(order), batch_size):
                idx = order[i : i + batch_size]
                enc = self.tokenizer(
                    [texts[j] for j in idx],
                    [contexts[j] or "" for j in idx],
                    padding=True,
                    truncation=True,
                    max_length=MAX_LENGTH,
                    return_tensors="pt",
                )
                out[idx] = torch.sigmoid(self.model(**enc).logits).numpy()
        if self.ngram is not None and texts:
            out = (1.0 - self.ngram_weight) * out + self.ngram_weight * self.ngram.predict(texts, contexts)
        return out
