"""Parse and validate the LLM's answer: ``{"rewrites": [{"style", "text"}]}``.

JSON mode is requested, but local servers do not all honour it, so a fenced
```json block, or a JSON object with chatter around it, is accepted too.
Anything else is rejected as malformed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from coachbot.rewrite.errors import LLMMalformed

_FENCE = re.compile(r"```(?:json|JSON)?\s*\n?(.*?)```", re.DOTALL)
MAX_TEXT = 4000


def _load_object(content: str) -> Any:
    text = content.strip()
    fenced = _FENCE.search(text)
    if fenced:
        text = fenced.group(1).strip()
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        start = text.find("{")
        if start < 0:
            raise LLMMalformed("the answer is not JSON") from None
        try:
            obj, _ = json.JSONDecoder().raw_decode(text[start:])
            return obj
        except json.JSONDecodeError as exc:
            raise LLMMalformed(f"the answer is not JSON: {exc.msg}") from None


def parse_rewrites(content: str, styles: Sequence[str]) -> list[tuple[str, str]]:
    """(style, text) pairs for the requested styles, first answer per style."""
    obj = _load_object(content)
    if not isinstance(obj, dict) or not isinstance(obj.get("rewrites"), list):
        raise LLMMalformed("the answer has no 'rewrites' list")
    wanted = {s.lower() for s in styles}
    out: dict[str, str] = {}
    for item in obj["rewrites"]:
        if not isinstance(item, dict):
            continue
        style, text = item.get("style"), item.get("text")
        if not isinstance(style, str) or not isinstance(text, str):
            continue
        style, text = style.strip().lower(), text.strip()
        if style in wanted and style not in out and text and len(text) <= MAX_TEXT:
            out[style] = text
    if not out:
        raise LLMMalformed("the answer has no usable rewrite for the requested styles")
    return list(out.items())


def message_content(data: Any) -> str:
    """``choices[0].message.content`` of a chat-completions response."""
    try:
        content = data["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        raise LLMMalformed("the response has no choices[0].message.content") from None
    if not isinstance(content, str) or not content.strip():
        raise LLMMalformed("the response content is empty")
    return content
