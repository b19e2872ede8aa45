"""The tone model's BERT encoder in plain PyTorch, with the tokenizer from ``tokenizers``.

Loading through transformers' AutoModel costs about three seconds of imports
(``transformers.modeling_utils`` pulls in distributed tensors, dynamo and scipy) before a
single weight is read; this is the same network — parameter for parameter, so the checkpoint's
``model.safetensors`` loads as it is — and starts in a fraction of that. ``bench/startup.py``
measures both; ``tests/unit/test_tone_model.py`` checks that both give the same probabilities.
Only what our checkpoint uses is here: absolute positions, GELU, no token types in the input.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from torch import Tensor, nn


@dataclass(frozen=True)
class BertShape:
    vocab_size: int
    hidden_size: int
    num_hidden_layers: int
    num_attention_heads: int
    intermediate_size: int
    max_position_embeddings: int
    type_vocab_size: int
    layer_norm_eps: float
    num_labels: int

    @classmethod
    def supported(cls, config: dict[str, Any]) -> BertShape | None:
        """The shape of a checkpoint this module can run, or None (then transformers runs it)."""
        if config.get("architectures") != ["BertForSequenceClassification"] or config.get("hidden_act") != "gelu":
            return None
        if config.get("position_embedding_type", "absolute") != "absolute":
            return None
        return cls(
            config["vocab_size"], config["hidden_size"], config["num_hidden_layers"], config["num_attention_heads"],
            config["intermediate_size"], config["max_position_embeddings"], config["type_vocab_size"],
            float(config["layer_norm_eps"]), len(config["id2label"]),
        )  # fmt: skip


class _Embeddings(nn.Module):
    def __init__(self, s: BertShape) -> None:
        super().__init__()
        self.word_embeddings = nn.Embedding(s.vocab_size, s.hidden_size)
        self.position_embeddings = nn.Embedding(s.max_position_embeddings, s.hidden_size)
        self.token_type_embeddings = nn.Embedding(s.type_vocab_size, s.hidden_size)
        self.LayerNorm = nn.LayerNorm(s.hidden_size, eps=s.layer_norm_eps)

    def forward(self, input_ids: Tensor) -> Tensor:
        positions = torch.arange(input_ids.shape[1], device=input_ids.device).unsqueeze(0)
        types = torch.zeros_like(input_ids)
        out = self.word_embeddings(input_ids) + self.position_embeddings(positions)
        normed: Tensor = self.LayerNorm(out + self.token_type_embeddings(types))
        return normed


class _SelfAttention(nn.Module):
    def __init__(self, s: BertShape) -> None:
        super().__init__()
        self.heads, self.size = s.num_attention_heads, s.hidden_size // s.num_attention_heads
        self.query = nn.Linear(s.hidden_size, s.hidden_size)
        self.key = nn.Linear(s.hidden_size, s.hidden_size)
        self.value = nn.Linear(s.hidden_size, s.hidden_size)

    def _split(self, x: Tensor) -> Tensor:
        batch, length, _ = x.shape
        return x.view(batch, length, self.heads, self.size).transpose(1, 2)

    def forward(self, x: Tensor, mask: Tensor) -> Tensor:
        q, k, v = self._split(self.query(x)), self._split(self.key(x)), self._split(self.value(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(self.size) + mask
        context = torch.softmax(scores, dim=-1) @ v
        batch, _, length, _ = context.shape
        return context.transpose(1, 2).reshape(batch, length, self.heads * self.size)


class _DenseNorm(nn.Module):
    """``dense`` then ``LayerNorm`` of the sum with the residual (BERT's two output blocks)."""

    def __init__(self, into: int, size: int, eps: float) -> None:
        super().__init__()
        self.dense = nn.Linear(into, size)
        self.LayerNorm = nn.LayerNorm(size, eps=eps)

    def forward(self, x: Tensor, residual: Tensor) -> Tensor:
        normed: Tensor = self.LayerNorm(self.dense(x) + residual)
        return normed


class _Attention(nn.Module):
    def __init__(self, s: BertShape) -> None:
        super().__init__()
        self.self = _SelfAttention(s)
        self.output = _DenseNorm(s.hidden_size, s.hidden_size, s.layer_norm_eps)

    def forward(self, x: Tensor, mask: Tensor) -> Tensor:
        out: Tensor = self.output(self.self(x, mask), x)
        return out


class _Intermediate(nn.Module):
    def __init__(self, s: BertShape) -> None:
        super().__init__()
        self.dense = nn.Linear(s.hidden_size, s.intermediate_size)

    def forward(self, x: Tensor) -> Tensor:
        return nn.functional.gelu(self.dense(x))


class _Layer(nn.Module):
    def __init__(self, s: BertShape) -> None:
        super().__init__()
        self.attention = _Attention(s)
        self.intermediate = _Intermediate(s)
        self.output = _DenseNorm(s.intermediate_size, s.hidden_size, s.layer_norm_eps)

    def forward(self, x: Tensor, mask: Tensor) -> Tensor:
        attended = self.attention(x, mask)
        out: Tensor = self.output(self.intermediate(attended), attended)
        return out


class _Encoder(nn.Module):
    def __init__(self, s: BertShape) -> None:
        super().__init__()
        self.layer = nn.ModuleList(_Layer(s) for _ in range(s.num_hidden_layers))

    def forward(self, x: Tensor, mask: Tensor) -> Tensor:
        for layer in self.layer:
            x = layer(x, mask)
        return x


class _Pooler(nn.Module):
    def __init__(self, s: BertShape) -> None:
        super().__init__()
        self.dense = nn.Linear(s.hidden_size, s.hidden_size)

    def forward(self, x: Tensor) -> Tensor:
        return torch.tanh(self.dense(x[:, 0]))


class _Bert(nn.Module):
    def __init__(self, s: BertShape) -> None:
        super().__init__()
        self.embeddings = _Embeddings(s)
        self.encoder = _Encoder(s)
        self.pooler = _Pooler(s)


@dataclass
class Output:
    logits: Tensor


class BertClassifier(nn.Module):
    """BertForSequenceClassification's inference path: ``model(input_ids=…, attention_mask=…).logits``."""

    def __init__(self, shape: BertShape) -> None:
        super().__init__()
        self.bert = _Bert(shape)
        self.classifier = nn.Linear(shape.hidden_size, shape.num_labels)

    def forward(self, input_ids: Tensor, attention_mask: Tensor) -> Output:
        mask = (1.0 - attention_mask[:, None, None, :].to(torch.float32)) * torch.finfo(torch.float32).min
        hidden = self.bert.encoder(self.bert.embeddings(input_ids), mask)
        return Output(self.classifier(self.bert.pooler(hidden)))

    @classmethod
    def load(cls, path: Path) -> BertClassifier | None:
        """The checkpoint in ``path`` on this module, or None when it is not a shape it runs."""
        from safetensors.torch import load_file

        shape = BertShape.supported(json.loads((path / "config.json").read_text(encoding="utf-8")))
        weights = path / "model.safetensors"
        if shape is None or not weights.exists():
            return None
        model = cls(shape)
        state = {k: v for k, v in load_file(str(weights)).items() if not k.endswith("position_ids")}
        model.load_state_dict(state, strict=True)
        return model.eval()


class PairTokenizer:
    """The checkpoint's fast tokenizer (``tokenizer.json``) called the way ToneModel.predict calls
    transformers' one: pairs, longest-first truncation, padding to the longest, PyTorch tensors."""

    def __init__(self, path: Path) -> None:
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        pad = json.loads((path / "tokenizer_config.json").read_text(encoding="utf-8")).get("pad_token", "<pad>")
        pad_id = self.tokenizer.token_to_id(pad)
        self.pad_id: int = pad_id if pad_id is not None else 0
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()

    def __call__(
        self, texts: list[str], pairs: list[str], *, padding: bool, truncation: bool, max_length: int,
        return_tensors: str,
    ) -> dict[str, Tensor]:  # fmt: skip
        if truncation:
            self.tokenizer.enable_truncation(max_length, strategy="longest_first")
        encoded = self.tokenizer.encode_batch(list(zip(texts, pairs, strict=True)))
        longest = max(len(e.ids) for e in encoded)
        ids = [e.ids + [self.pad_id] * (longest - len(e.ids)) for e in encoded]
        mask = [[1] * len(e.ids) + [0] * (longest - len(e.ids)) for e in encoded]
        return {"input_ids": torch.tensor(ids), "attention_mask": torch.tensor(mask)}
