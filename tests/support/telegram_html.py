"""Telegram's HTML parse mode, strictly: text plus entities, or the error Telegram would give.

The fake Bot API uses it so that a reply with an unescaped ``<`` or an unsupported
tag fails in the tests the way it fails in production ("Can't parse entities").
Offsets are in UTF-16 code units, as in the Bot API.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "a": "text_link",
    "blockquote": "blockquote",
}
_BARE_LT = re.compile(r"<(?!/?[a-zA-Z])")
_BARE_AMP = re.compile(r"&(?!(?:#\d+|#x[0-9a-fA-F]+|lt|gt|amp|quot);)")


class ParseError(ValueError):
    """The text is not valid Telegram HTML."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.stack: list[tuple[str, int, dict[str, Any]]] = []
        self.entities: list[dict[str, Any]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            raise ParseError(f'Can\'t parse entities: unsupported start tag "{tag}"')
        extra: dict[str, Any] = {}
        if tag == "a":
            href = dict(attrs).get("href")
            if not href:
                raise ParseError("Can't parse entities: a link without href")
            extra["url"] = href
        if tag == "code" and self.stack and self.stack[-1][0] == "pre":
            language = (dict(attrs).get("class") or "").removeprefix("language-")
            if language:
                self.stack[-1][2]["language"] = language
            self.stack.append(("code-in-pre", utf16_len(self.text), {}))
            return
        self.stack.append((tag, utf16_len(self.text), extra))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack:
            raise ParseError(f'Can\'t parse entities: unexpected end tag "{tag}"')
        open_tag, start, extra = self.stack.pop()
        if open_tag == "code-in-pre" and tag == "code":
            return
        if open_tag != tag:
            raise ParseError(f'Can\'t parse entities: end tag "{tag}" does not match "{open_tag}"')
        length = utf16_len(self.text) - start
        if length:
            self.entities.append({"type": TAGS[tag], "offset": start, "length": length, **extra})

    def handle_data(self, data: str) -> None:
        self.text += data


def parse_html(html: str) -> tuple[str, list[dict[str, Any]]]:
    """The plain text and the entities Telegram makes of ``html``; ParseError if it would refuse."""
    if _BARE_LT.search(html):
        raise ParseError("Can't parse entities: unexpected '<' (escape it as &lt;)")
    if _BARE_AMP.search(html):
        raise ParseError("Can't parse entities: unsupported entity (escape '&' as &amp;)")
    parser = _Parser()
    parser.feed(html)
    parser.close()
    if parser.stack:
        raise ParseError(f'Can\'t parse entities: unclosed tag "{parser.stack[-1][0]}"')
    # Telegram trims the text and drops entities that fall outside it.
    stripped = parser.text.rstrip()
    lead = len(parser.text) - len(parser.text.lstrip())
    if lead:
        shift = utf16_len(parser.text[:lead])
        for e in parser.entities:
            e["offset"] = max(0, e["offset"] - shift)
        stripped = stripped[lead:]
    limit = utf16_len(stripped)
    entities = []
    for e in sorted(parser.entities, key=lambda e: (e["offset"], -e["length"])):
        e["length"] = min(e["length"], limit - e["offset"])
        if e["length"] > 0:
            entities.append(e)
    return stripped, entities


def entity_text(text: str, entity: dict[str, Any]) -> str:
    """The slice of ``text`` an entity covers (offsets are UTF-16)."""
    encoded = text.encode("utf-16-le")
    start, length = entity["offset"] * 2, entity["length"] * 2
    return encoded[start : start + length].decode("utf-16-le")
