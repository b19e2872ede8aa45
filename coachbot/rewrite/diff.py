"""The edit from a draft to its rewrite, word by word: what was removed, what was added.

Coaching is the change, not only the result: the bot shows it with Telegram's
``<s>`` and ``<b>``, the CLI with ``[-removed-]`` and ``{+added+}``.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from typing import Any, Literal

TOKEN = re.compile(r"\s+|[^\s]+")
Op = Literal["same", "removed", "added"]


@dataclass(frozen=True)
class Chunk:
    op: Op
    text: str


def _tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def edit_chunks(draft: str, rewrite: str) -> list[Chunk]:
    """Word-level chunks. A lone common word between two changes («на», "the") joins the change,
    so a rewritten sentence reads as one struck phrase and one added phrase, not confetti."""
    a, b = _tokens(draft), _tokens(rewrite)
    matcher = difflib.SequenceMatcher(a=[t.casefold() for t in a], b=[t.casefold() for t in b], autojunk=False)
    ops = matcher.get_opcodes()
    merged: list[list[Any]] = []  # [tag, i1, i2, j1, j2]
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        words = sum(1 for t in a[i1:i2] if t.strip())
        inner = 0 < n < len(ops) - 1
        if tag == "equal" and inner and words <= 1:
            tag = "replace"
        if merged and tag != "equal" and merged[-1][0] != "equal":
            merged[-1][2], merged[-1][4] = i2, j2
            merged[-1][0] = "replace"
        else:
            merged.append([tag, i1, i2, j1, j2])
    chunks: list[Chunk] = []
    for tag, i1, i2, j1, j2 in merged:
        if tag == "equal":
            chunks.append(Chunk("same", "".join(b[j1:j2])))
            continue
        chunks.append(Chunk("removed", "".join(a[i1:i2])))
        chunks.append(Chunk("added", "".join(b[j1:j2])))
    return [c for c in chunks if c.text]


def _split_space(text: str) -> tuple[str, str, str]:
    core = text.strip()
    if not core:
        return text, "", ""
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


def diff_html(draft: str, rewrite: str) -> str:
    """Telegram HTML: removed words struck through, added words in bold, the rest as is."""
    out = []
    for chunk in edit_chunks(draft, rewrite):
        lead, core, trail = _split_space(chunk.text)
        if chunk.op == "same" or not core:
            out.append(html.escape(chunk.text, quote=False))
            continue
        tag = "s" if chunk.op == "removed" else "b"
        out.append(f"{html.escape(lead, quote=False)}<{tag}>{html.escape(core, quote=False)}</{tag}>"
                   f"{html.escape(trail, quote=False)}")  # fmt: skip
    return "".join(out)


def diff_plain(draft: str, rewrite: str) -> str:
    """``[-removed-]`` and ``{+added+}``, as ``git diff --word-diff`` prints them."""
    out = []
    for chunk in edit_chunks(draft, rewrite):
        lead, core, trail = _split_space(chunk.text)
        if chunk.op == "same" or not core:
            out.append(chunk.text)
        elif chunk.op == "removed":
            out.append(f"{lead}[-{core}-]{trail}")
        else:
            out.append(f"{lead}{{+{core}+}}{trail}")
    return "".join(out)
