"""Every button the bot makes, as a typed value, and the one codec for its callback data.

Callback data is ``prefix:arg:arg`` (Telegram allows 64 bytes). ``encode`` turns
a button into it, ``decode`` turns whatever Telegram sends back into a button or
None: an unknown prefix, a wrong number of arguments, a number out of bounds (a
database id is at most 2**31 - 1) or a word outside its choices is not ours.
``handler`` registers a callback for one kind of button; anything it cannot
decode gets the same short "this button has expired" answer and a debug log line.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from telegram import Update
from telegram.ext import CallbackQueryHandler

from coachbot.bot_context import BotContext
from handlers.common import query_of, toast

log = logging.getLogger("coachbot.buttons")

MAX_DATA = 64
MAX_ID = 2**31 - 1  # PostgreSQL's integer; SQLite's is wider


@dataclass(frozen=True)
class Number:
    low: int
    high: int

    def parse(self, raw: str) -> int | None:
        # isdecimal alone admits other scripts' digits ("١"); keep to ASCII and a sane length.
        if not raw.isascii() or not raw.isdigit() or len(raw) > len(str(self.high)):
            return None
        value = int(raw)
        return value if self.low <= value <= self.high else None

    def valid(self, value: object) -> bool:
        return type(value) is int and self.low <= value <= self.high


@dataclass(frozen=True)
class Word:
    pattern: str

    def parse(self, raw: str) -> str | None:
        return raw if re.fullmatch(self.pattern, raw) else None

    def valid(self, value: object) -> bool:
        return isinstance(value, str) and self.parse(value) is not None


def choice(*words: str) -> Word:
    return Word("|".join(re.escape(w) for w in words))


def arg(spec: Number | Word) -> Any:
    return field(metadata={"spec": spec})


ID = Number(1, MAX_ID)
VERSION_NUMBER = Number(1, 9)  # "use version N" under one message
PAGE = Number(0, 100_000)
TOKEN = Number(1, MAX_ID)
VERSION = Number(0, MAX_ID)  # 0 is the prompt shipped in prompts/
NAME = Word(r"[a-z][a-z0-9_]{0,39}")


class Button:
    prefix: ClassVar[str]


@dataclass(frozen=True)
class Use(Button):
    prefix = "use"
    draft_id: int = arg(ID)
    number: int = arg(VERSION_NUMBER)


@dataclass(frozen=True)
class Another(Button):
    prefix = "more"
    draft_id: int = arg(ID)


@dataclass(frozen=True)
class Wrong(Button):
    prefix = "wrong"
    draft_id: int = arg(ID)


@dataclass(frozen=True)
class Explain(Button):
    prefix = "why"
    draft_id: int = arg(ID)


@dataclass(frozen=True)
class FlagSkip(Button):
    prefix = "flagskip"
    draft_id: int = arg(ID)


@dataclass(frozen=True)
class ShowEdit(Button):
    prefix = "edit"
    draft_id: int = arg(ID)


@dataclass(frozen=True)
class HistoryPage(Button):
    prefix = "hist"
    page: int = arg(PAGE)


@dataclass(frozen=True)
class EmployeePage(Button):
    prefix = "emp"
    page: int = arg(PAGE)
    token: int = arg(TOKEN)


@dataclass(frozen=True)
class Language(Button):
    prefix = "lang"
    code: str = arg(choice("ru", "en"))


@dataclass(frozen=True)
class PromptAction(Button):
    prefix = "pr"
    action: str = arg(choice("show", "edit", "hist"))
    name: str = arg(NAME)


@dataclass(frozen=True)
class PromptRollback(Button):
    prefix = "prrb"
    name: str = arg(NAME)
    version: int = arg(VERSION)


@dataclass(frozen=True)
class FlagResolve(Button):
    prefix = "flres"
    flag_id: int = arg(ID)


@dataclass(frozen=True)
class FlagExport(Button):
    prefix = "flexp"


@dataclass(frozen=True)
class Setting(Button):
    prefix = "set"
    name: str = arg(choice("llm_enabled"))
    value: str = arg(choice("on", "off"))


@dataclass(frozen=True)
class Forget(Button):
    prefix = "forget"
    answer: str = arg(choice("yes", "no"))


@dataclass(frozen=True)
class BusinessMode(Button):
    prefix = "biz"
    mode: str = arg(choice("each", "daily"))


KINDS: dict[str, type[Button]] = {
    kind.prefix: kind
    for kind in (Use, Another, Wrong, Explain, FlagSkip, ShowEdit, HistoryPage, EmployeePage, Language,
                 PromptAction, PromptRollback, FlagResolve, FlagExport, Setting, Forget, BusinessMode)
}  # fmt: skip


def _specs(kind: type[Button]) -> list[tuple[str, Number | Word]]:
    return [(f.name, f.metadata["spec"]) for f in dataclasses.fields(kind)]  # type: ignore[arg-type]


def encode(button: Button) -> str:
    """The callback data of ``button``; a value out of its bounds is a bug, not a button."""
    parts = [button.prefix]
    for name, spec in _specs(type(button)):
        value = getattr(button, name)
        if not spec.valid(value):
            raise ValueError(f"{button.prefix}.{name} out of bounds: {value!r}")
        parts.append(str(value))
    data = ":".join(parts)
    if len(data.encode()) > MAX_DATA:
        raise ValueError(f"callback data over {MAX_DATA} bytes: {data!r}")
    return data


def decode(data: object) -> Button | None:
    """The button ``data`` stands for, or None when no button of ours looks like it."""
    if not isinstance(data, str) or len(data.encode()) > MAX_DATA:
        return None
    prefix, *raw = data.split(":")
    kind = KINDS.get(prefix)
    if kind is None:
        return None
    specs = _specs(kind)
    if len(raw) != len(specs):
        return None
    values = {}
    for (name, spec), text in zip(specs, raw, strict=True):
        value = spec.parse(text)
        if value is None:
            return None
        values[name] = value
    return kind(**values)


async def expired(update: Update, context: BotContext) -> None:
    """One short answer for a button that is not (or no longer) ours; never an error."""
    query = query_of(update)
    log.debug("button not understood: %r", (query.data or "")[:MAX_DATA] if query else None)
    await toast(update, context, "stale_button", alert=True)


B = TypeVar("B", bound=Button)


def handler(kind: type[B], callback: Callable[[Update, BotContext, B], Awaitable[Any]]) -> CallbackQueryHandler:
    """A handler for buttons of ``kind``: the callback gets the decoded button, or never runs."""

    async def run(update: Update, context: BotContext) -> Any:
        button = decode(query_of(update).data)
        if not isinstance(button, kind):
            return await expired(update, context)
        return await callback(update, context, button)

    return CallbackQueryHandler(run, pattern=rf"^{re.escape(kind.prefix)}(:|$)")
