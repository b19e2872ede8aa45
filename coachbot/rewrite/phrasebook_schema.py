"""The shape of a phrasebook file, checked before anything is compiled (docs/phrasebook.md).

An error names the key, the way an admin finds it in the file: ``situations[3].ack.warm``.
"""

from __future__ import annotations

import re
from typing import Any

TEXT, TEXTS, REGEX = "a text", "a text or a list of texts", "a regular expression"
FLAG, NUMBER = "true/false", "a number"
STYLES = ("warm", "concise", "formal")


def styles(value: Any) -> dict[str, Any]:
    """``warm``/``concise``/``formal`` → the value's shape (each optional; ``warm`` is the fallback)."""
    return {"{required}": [], "warm": value, "concise": value, "formal": value}


SITUATION = {
    "{required}": ["id", "ack", "apology"],
    "id": TEXT,
    "match": REGEX,
    "ack": styles(TEXTS),
    "apology": styles(TEXTS),
    "failure": FLAG,
    "always_ack": FLAG,
    "max_count": NUMBER,
    "care": styles(TEXTS),
    "care_when": REGEX,
}
REPLACEMENT = {**styles(TEXTS), "match": REGEX}
PAIR = ("pair", REGEX, TEXT)  # [pattern, replacement]

SCHEMA: dict[str, Any] = {
    "language": TEXT,
    "placeholders": ("map", TEXT),
    "greeting": {"{required}": ["detect"], "detect": REGEX, **{s: ("map", TEXT) for s in STYLES}},
    "situations": ("list", SITUATION),
    "next_step": styles(TEXTS),
    "closing": {s: ("map", TEXTS) for s in STYLES} | {"{required}": []},
    "replace_sentence": ("map", ("list", REPLACEMENT)),
    "remove": ("list", REGEX),
    "phrases": ("list", PAIR),
    "terms": ("map", TEXT),
    "verbs": ("map", ("map", TEXT)),
    "motion_verbs": ("list", TEXT),
    "requests": {"{required}": ["has_time", "has_reason"], "has_time": REGEX, "has_reason": REGEX, "{open}": True},
    "clause_openers": ("list", TEXT),
    "fact_reframe": ("map", TEXT),
    "redirect": REGEX,
    "reframes": ("list", PAIR),
    "sales_openers": REGEX,
    "bare_answer": styles(TEXTS),
}


def problems(data: Any) -> list[str]:
    """Every place where ``data`` does not have the phrasebook's shape (empty when it does)."""
    if not isinstance(data, dict):
        return ["the file must hold one JSON object"]
    found: list[str] = []
    for key, value in data.items():
        if key not in SCHEMA:
            found.append(f"{key}: unknown section (known: {', '.join(SCHEMA)})")
        else:
            _check(value, SCHEMA[key], key, found)
    return found


def _check(value: Any, shape: Any, path: str, found: list[str]) -> None:
    if shape == TEXT:
        _expect(isinstance(value, str), path, TEXT, found)
    elif shape == TEXTS:
        ok = isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))
        _expect(ok, path, TEXTS, found)
    elif shape == FLAG:
        _expect(isinstance(value, bool), path, FLAG, found)
    elif shape == NUMBER:
        _expect(isinstance(value, int) and not isinstance(value, bool), path, NUMBER, found)
    elif shape == REGEX:
        if _expect(isinstance(value, str), path, REGEX, found):
            try:
                re.compile(value)
            except re.error as exc:
                found.append(f"{path}: bad regular expression: {exc}")
    elif isinstance(shape, tuple) and shape[0] == "map":
        if _expect(isinstance(value, dict), path, "an object", found):
            for k, v in value.items():
                _check(v, shape[1], f"{path}.{k}", found)
    elif isinstance(shape, tuple) and shape[0] == "list":
        if _expect(isinstance(value, list), path, "a list", found):
            for n, v in enumerate(value):
                _check(v, shape[1], f"{path}[{n}]", found)
    elif isinstance(shape, tuple) and shape[0] == "pair":
        if _expect(isinstance(value, list) and len(value) == 2, path, "a pair [pattern, replacement]", found):
            _check(value[0], shape[1], f"{path}[0]", found)
            _check(value[1], shape[2], f"{path}[1]", found)
    elif isinstance(shape, dict):
        _check_object(value, shape, path, found)


def _check_object(value: Any, shape: dict[str, Any], path: str, found: list[str]) -> None:
    if not _expect(isinstance(value, dict), path, "an object", found):
        return
    fields = {k: v for k, v in shape.items() if not k.startswith("{")}
    for key in shape.get("{required}", []):
        if key not in value:
            found.append(f"{path}.{key}: missing")
    for key, item in value.items():
        if key in fields:
            _check(item, fields[key], f"{path}.{key}", found)
        elif not shape.get("{open}"):
            found.append(f"{path}.{key}: unknown key (known: {', '.join(fields)})")


def _expect(ok: bool, path: str, what: str, found: list[str]) -> bool:
    if not ok:
        found.append(f"{path}: must be {what}")
    return ok
