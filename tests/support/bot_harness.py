"""Drive the real PTB application over HTTP against :class:`FakeTelegram`, as people would.

``harness.user(...)`` gives a simulated person who sends texts, commands,
forwards, stickers and button presses; ``await person.ask(...)`` returns what
the bot answered, parsed the way a Telegram client would show it.
"""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass
from typing import Any

from telegram.ext import Application

from coachbot.app import create_application, start_application, stop_application
from coachbot.config import Settings

try:  # tests/ is on sys.path under pytest (see tests/conftest.py)
    from support.fake_telegram import SENDS, Call, FakeTelegram
    from support.telegram_html import entity_text
except ModuleNotFoundError:
    from tests.support.fake_telegram import SENDS, Call, FakeTelegram
    from tests.support.telegram_html import entity_text

ANSWERS = {"sendMessage", "sendPhoto", "sendDocument", "editMessageText"}


@dataclass
class Reply:
    """One thing the bot sent or edited, as the person sees it."""

    call: Call

    @property
    def method(self) -> str:
        return self.call.method

    @property
    def message(self) -> dict[str, Any]:
        return self.call.result if isinstance(self.call.result, dict) else {}

    @property
    def text(self) -> str:
        return self.message.get("text") or self.message.get("caption") or ""

    @property
    def entities(self) -> list[dict[str, Any]]:
        return self.message.get("entities") or self.message.get("caption_entities") or []

    def blocks(self, kind: str = "pre") -> list[str]:
        """The texts of the entities of ``kind`` (``pre`` blocks are the tap-to-copy rewrites)."""
        return [entity_text(self.text, e) for e in self.entities if e["type"] == kind]

    @property
    def buttons(self) -> list[tuple[str, str]]:
        markup = self.message.get("reply_markup") or {}
        return [(b["text"], b.get("callback_data", "")) for row in markup.get("inline_keyboard", []) for b in row]

    def button(self, label: str) -> str:
        """The callback data of the button whose text contains ``label``."""
        for text, data in self.buttons:
            if label in text:
                return data
        raise AssertionError(f"no button {label!r} in {self.buttons}")

    @property
    def photo(self) -> bytes:
        return self.call.files.get("photo", b"")

    @property
    def document(self) -> bytes:
        return self.call.files.get("document", b"")


class Person:
    """A Telegram user in a private chat with the bot."""

    def __init__(self, harness: BotHarness, tid: int, first_name: str, language_code: str, username: str | None):
        self.harness, self.id = harness, tid
        self.user = {"id": tid, "is_bot": False, "first_name": first_name, "language_code": language_code}
        if username:
            self.user["username"] = username
        self.chat = {"id": tid, "type": "private", "first_name": first_name}

    @property
    def fake(self) -> FakeTelegram:
        return self.harness.fake

    def _message(self, **fields: Any) -> dict[str, Any]:
        message = {"message_id": self.fake.new_message_id(), "date": int(time.time()), "chat": self.chat,
                   "from": self.user, **fields}  # fmt: skip
        self.fake.remember(message)
        return message

    async def inline(self, query: str) -> dict[str, Any]:
        """Type ``@bot query`` in some chat; returns the bot's answerInlineQuery parameters."""
        after = self.mark()
        query_id = str(next(self.harness.query_ids))
        await self.fake.push_update({"inline_query": {"id": query_id, "from": self.user, "query": query,
                                                      "offset": "", "chat_type": "private"}})  # fmt: skip
        call = await self.fake.wait_for(
            lambda c: c.method == "answerInlineQuery" and c.params.get("inline_query_id") == query_id, after=after
        )
        params = dict(call.params)
        params["results"] = json.loads(params.get("results") or "[]")
        params["button"] = json.loads(params["button"]) if params.get("button") else None
        return params

    async def choose(self, result_id: str, query: str) -> None:
        """Pick an inline result (Telegram reports it when inline feedback is on)."""
        await self.fake.push_update({"chosen_inline_result": {"result_id": result_id, "from": self.user,
                                                              "query": query}})  # fmt: skip

    async def push(self, **fields: Any) -> dict[str, Any]:
        message = self._message(**fields)
        await self.fake.push_update({"message": message})
        return message

    async def send(self, text: str, *, reply_to: dict | None = None, forward_from: str | None = None) -> dict:
        fields: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            fields["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        if reply_to is not None:
            fields["reply_to_message"] = reply_to
        if forward_from is not None:
            fields["forward_origin"] = {"type": "hidden_user", "date": int(time.time()) - 60,
                                        "sender_user_name": forward_from}  # fmt: skip
        return await self.push(**fields)

    async def press(self, reply: Reply | dict[str, Any], data: str) -> None:
        """Press the button with callback ``data`` under the bot's message."""
        message = reply.message if isinstance(reply, Reply) else reply
        stored = self.fake.messages.get((self.id, message["message_id"]), message)
        query = {"id": str(next(self.harness.query_ids)), "from": self.user, "chat_instance": f"ci{self.id}",
                 "data": data, "message": stored}  # fmt: skip
        await self.fake.push_update({"callback_query": query})

    def mark(self) -> int:
        return len(self.fake.calls)

    async def next(self, after: int, methods: set[str] = ANSWERS, timeout: float = 8.0) -> Reply:
        """The first answer to this person from call index ``after`` on."""
        call = await self.fake.wait_for(lambda c: c.ok and c.method in methods and c.chat_id == self.id,
                                        after=after, timeout=timeout)  # fmt: skip
        return Reply(call)

    async def ask(self, text: str, methods: set[str] = ANSWERS, **kwargs: Any) -> Reply:
        after = self.mark()
        await self.send(text, **kwargs)
        return await self.next(after, methods)

    async def tap(self, reply: Reply | dict[str, Any], data: str, methods: set[str] = ANSWERS) -> Reply:
        after = self.mark()
        await self.press(reply, data)
        return await self.next(after, methods)

    async def toast(self, after: int, timeout: float = 8.0) -> str:
        """The text of the next answerCallbackQuery (the note at the top of the chat)."""
        call = await self.fake.wait_for(lambda c: c.method == "answerCallbackQuery", after=after, timeout=timeout)
        return call.params.get("text", "")

    def answers(self, after: int = 0) -> list[Reply]:
        return [Reply(c) for c in self.fake.calls[after:] if c.method in SENDS and c.chat_id == self.id]


class BotHarness:
    """Starts the application (polling the fake) and stops it, as ``coachbot run`` would."""

    def __init__(self, fake: FakeTelegram, settings: Settings, **app_options: Any) -> None:
        self.fake, self.settings = fake, settings
        self.app_options = app_options
        self.application: Application | None = None
        self.query_ids = itertools.count(1)
        self._people = itertools.count(1)

    async def start(self) -> BotHarness:
        self.application = create_application(self.settings, **self.app_options)
        await self.fake.release_polls(False)
        await start_application(self.application)
        await self.application.updater.start_polling(poll_interval=0, timeout=10)
        return self

    async def stop(self) -> None:
        if self.application is None:
            return
        if self.application.updater.running:
            await self.fake.release_polls()
            await self.application.updater.stop()
        await stop_application(self.application)

    def user(self, tid: int | None = None, first_name: str = "Анна", language_code: str = "ru",
             username: str | None = None) -> Person:  # fmt: skip
        return Person(self, tid or 1000 + next(self._people), first_name, language_code, username)

    @property
    def services(self):
        from coachbot.bot_context import SERVICES_KEY

        return self.application.bot_data[SERVICES_KEY]
