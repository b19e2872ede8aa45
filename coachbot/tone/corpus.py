"""The labelled tone corpus: loading, a stable train/validation split, augmentation."""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from coachbot.taxonomy import ISSUE_CODES
from coachbot.tone.labels import SENTIMENTS, encode


@dataclass(frozen=True)
class Example:
    id: str
    text: str
    context: str
    issues: frozenset[str]
    needs_coaching: bool
    sentiment: str
    lang: str

    @property
    def target(self) -> list[float]:
        return encode(self.issues, self.needs_coaching, self.sentiment)


def load_corpus(directory: str | Path) -> list[Example]:
    """Every ``*.jsonl`` under ``directory``; a malformed line raises with its place."""
    examples: list[Example] = []
    seen: set[str] = set()
    for path in sorted(Path(directory).glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                issues = frozenset(obj.get("issues") or [])
                if issues - set(ISSUE_CODES):
                    raise ValueError(f"unknown codes {sorted(issues - set(ISSUE_CODES))}")
                sentiment = obj.get("sentiment", "neutral")
                if sentiment not in SENTIMENTS:
                    raise ValueError(f"unknown sentiment {sentiment!r}")
                ex = Example(
                    str(obj["id"]),
                    obj["text"],
                    obj.get("context") or "",
                    issues,
                    bool(obj.get("needs_coaching", bool(issues))),
                    sentiment,
                    obj.get("lang", "ru"),
                )
            except (json.JSONDecodeError, KeyError, ValueError) as exc:
                raise ValueError(f"{path.name}:{number}: {exc}") from None
            if ex.id in seen or not ex.text.strip():
                continue
            seen.add(ex.id)
            examples.append(ex)
    return examples


def is_validation(example: Example, share: float = 0.1) -> bool:
    """A stable split: the same example always lands on the same side."""
    digest = hashlib.sha1(example.id.encode()).digest()
    return digest[0] / 256 < share


_END = re.compile(r"[.!?…)]+\s*$")
_ENDINGS = ["", ".", "!", ")", "...", " :)", "."]


def augment(text: str, rng: random.Random) -> str:
    """Vary the final punctuation so no class can lean on it."""
    if rng.random() < 0.4:
        return _END.sub("", text.rstrip()) + rng.choice(_ENDINGS)
    return text
