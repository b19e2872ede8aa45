"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests.

It records every call, serves ``getUpdates`` from a queue the test fills, keeps
the messages the bot sent (so a test can press their buttons), parses HTML the
way Telegram does, can answer 429 a few times, and fails loudly on methods it
does not know (recorded in ``unknown``, checked by :meth:`assert_clean`).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

try:  # tests/ is on sys.path under pytest (see tests/conftest.py)
    from support.fake_telegram_methods import BOT_USER, ApiError, BotApiMethods
    from support.telegram_html import ParseError
except ModuleNotFoundError:
    from tests.support.fake_telegram_methods import BOT_USER, ApiError, BotApiMethods
    from tests.support.telegram_html import ParseError

__all__ = ["BOT_USER", "SENDS", "Call", "FakeTelegram"]

JSON_FIELDS = {
    "reply_markup", "entities", "caption_entities", "allowed_updates", "commands", "scope",
    "link_preview_options", "reply_parameters", "media",
}  # fmt: skip
SENDS = {"sendMessage", "sendPhoto", "sendDocument", "editMessageText", "editMessageReplyMarkup"}


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)
    result: Any = None
    ok: bool = True  # False when the fake answered with an error (a 429, a bad request)

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        return int(value) if value is not None else None


class FakeTelegram(BotApiMethods):
    """``await fake.start()``, point the bot at :attr:`base_url`, then ``await fake.stop()``."""

    def __init__(self, token: str = "123456:TEST-TOKEN") -> None:
        self.token = token
        self.calls: list[Call] = []
        self.unknown: list[Call] = []
        self.errors: list[str] = []
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._file_ids = itertools.count(1)
        self._failures: dict[str, list[tuple[int, int]]] = {}
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.polls_released = False

    # -- lifecycle ---------------------------------------------------------------
    async def start(self) -> None:
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_route("*", "/file/bot{token}/{path:.*}", self._file)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    def assert_clean(self) -> None:
        """Fail the test if the bot called a method the fake does not know or sent bad HTML."""
        problems = [f"unknown method {c.method}" for c in self.unknown] + self.errors
        assert not problems, "fake Telegram saw: " + "; ".join(problems)

    # -- what the test drives ------------------------------------------------------
    async def push_update(self, update: dict[str, Any]) -> int:
        update = {"update_id": next(self._update_ids), **update}
        async with self._changed:
            self._updates.append(update)
            self._changed.notify_all()
        return update["update_id"]

    async def release_polls(self, released: bool = True) -> None:
        """Answer long polls at once (an app shutting down does not wait out the poll timeout)."""
        async with self._changed:
            self.polls_released = released
            self._changed.notify_all()

    def new_message_id(self) -> int:
        return next(self._message_ids)

    def remember(self, message: dict[str, Any]) -> None:
        """Keep a message a user sent, so the bot's replies to it carry it as reply_to_message."""
        self.messages[(message["chat"]["id"], message["message_id"])] = message

    def fail_next(self, method: str, times: int = 1, *, status: int = 429, retry_after: int = 1) -> None:
        """Answer the next ``times`` calls of ``method`` with an error (429 with retry_after)."""
        self._failures.setdefault(method, []).extend([(status, retry_after)] * times)

    def sent(self, chat_id: int | None = None, methods: set[str] = SENDS) -> list[Call]:
        return [c for c in self.calls if c.method in methods and (chat_id is None or c.chat_id == chat_id)]

    async def wait_for(self, predicate: Callable[[Call], bool], *, after: int = 0, timeout: float = 5.0) -> Call:
        """The first call from index ``after`` on that matches; waits for it to arrive."""
        deadline = time.monotonic() + timeout
        async with self._changed:
            while True:
                for call in self.calls[after:]:
                    if predicate(call):
                        return call
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [f"{c.method}({c.params.get('text', '')[:60]!r})" for c in self.calls[after:]]
                    raise AssertionError(f"no matching call within {timeout}s; calls: {seen}")
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), left)

    # -- the HTTP side ---------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params, files = await _read_params(request)
        call = Call(method, params, files)
        failures = self._failures.get(method)
        if failures:
            status, retry_after = failures.pop(0)
            call.ok = False
            await self._record(call)
            extra = {"retry_after": retry_after} if status == 429 else None
            return _error(status, f"Too Many Requests: retry after {retry_after}", extra)
        handler = getattr(self, "_m_" + method, None)
        if handler is None:
            call.ok = False
            self.unknown.append(call)
            await self._record(call)
            return _error(400, f"fake Telegram: unknown method {method}")
        try:
            call.result = await handler(params, files) if method == "getUpdates" else handler(params, files)
        except ParseError as exc:
            call.ok = False
            self.errors.append(f"{method}: {exc}")
            await self._record(call)
            return _error(400, f"Bad Request: {exc}")
        except ApiError as exc:
            call.ok = False
            if "not modified" not in str(exc):  # the one 400 a correct bot meets and handles
                self.errors.append(f"{method}: {exc}")
            await self._record(call)
            return _error(400, f"Bad Request: {exc}")
        if method != "getUpdates":
            await self._record(call)
        return web.json_response({"ok": True, "result": call.result})

    async def _file(self, request: web.Request) -> web.Response:
        return web.Response(body=b"file")

    async def _record(self, call: Call) -> None:
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()


async def _read_params(request: web.Request) -> tuple[dict[str, Any], dict[str, bytes]]:
    params: dict[str, Any] = {}
    files: dict[str, bytes] = {}
    if request.content_type == "application/json":
        params = await request.json() if request.can_read_body else {}
    elif request.content_type.startswith("multipart/"):
        reader = await request.multipart()
        async for part in reader:
            if part.filename:
                files[part.name] = await part.read()
                params[f"_filename_{part.name}"] = part.filename
            else:
                params[part.name] = await part.text()
    else:
        params = dict(await request.post())
    for key in JSON_FIELDS & params.keys():
        if isinstance(params[key], str):
            params[key] = json.loads(params[key])
    # PTB sends an uploaded file as attach://name in the field; keep the bytes under the field.
    for key, value in list(params.items()):
        if isinstance(value, str) and value.startswith("attach://"):
            files[key] = files.get(value.removeprefix("attach://"), b"")
    return params, files


def _error(status: int, description: str, parameters: dict | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=status)
