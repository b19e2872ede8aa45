"""The navec news vectors that natasha ships: the only embedding source needed offline."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

NAVEC_FILE = "navec_news_v1_1B_250K_300d_100q.tar"


def navec_path() -> Path:
    import natasha

    path = Path(natasha.__file__).parent / "data" / "emb" / NAVEC_FILE
    if not path.exists():
        raise FileNotFoundError(f"natasha's navec vectors are missing: {path}")
    return path


@dataclass(frozen=True)
class NavecTable:
    """Normalised words (ё -> е), their corpus counts and their 300-d vectors."""

    words: list[str]
    counts: np.ndarray
    vectors: np.ndarray
    index: dict[str, int]

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])


@lru_cache(maxsize=1)
def load_navec() -> NavecTable:
    from navec import Navec

    navec = Navec.load(str(navec_path()))
    matrix = navec.pq.unpack().astype(np.float32)
    words: list[str] = []
    rows: list[int] = []
    counts: list[int] = []
    index: dict[str, int] = {}
    for row, (word, count) in enumerate(zip(navec.vocab.words, navec.vocab.counts, strict=True)):
        if word in ("<pad>", "<unk>"):
            continue
        norm = word.replace("ё", "е")
        if norm in index:
            # keep the more frequent spelling's vector
            if count > counts[index[norm]]:
                rows[index[norm]] = row
                counts[index[norm]] = count
            continue
        index[norm] = len(words)
        words.append(norm)
        rows.append(row)
        counts.append(int(count))
    return NavecTable(words, np.asarray(counts, dtype=np.int64), matrix[np.asarray(rows)], index)
