"""Reading ``--jsonl`` input: one object per line, errors kept per line."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from coachbot.analysis.errors import DraftError


@dataclass
class JsonlItem:
    id: str
    text: str | None = None
    context: str | None = None
    error: str | None = None


def open_input(path: str) -> IO[str]:
    if path == "-":
        return sys.stdin
    return open(path, encoding="utf-8")


def read_items(stream: IO[str], language: str = "ru") -> Iterator[JsonlItem]:
    """Yield one item per non-blank line; a bad line becomes an item with ``error``."""
    for number, raw in enumerate(stream, start=1):
        line = raw.strip()
        if not line:
            continue
        fallback_id = str(number)
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield JsonlItem(fallback_id, error=DraftError("bad_json", line=number, detail=exc.msg).message(language))
            continue
        if not isinstance(obj, dict):
            yield JsonlItem(fallback_id, error=DraftError("not_object", line=number).message(language))
            continue
        item_id = obj.get("id", fallback_id)
        item_id = str(item_id).strip() if item_id is not None else ""
        item_id = item_id or fallback_id  # «"id": ""» would leave the answer nameless
        text = obj.get("text")
        context = obj.get("context")
        if not isinstance(text, str):
            yield JsonlItem(item_id, error=DraftError("no_text").message(language))
            continue
        if context is not None and not isinstance(context, str):
            yield JsonlItem(item_id, error=DraftError("bad_context").message(language))
            continue
        yield JsonlItem(item_id, text, context or None)


def write(obj: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()
